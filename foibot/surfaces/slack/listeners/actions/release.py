"""The buttons of the release check: Make clean copy and Mark reviewed under a report; Send anyway and Cancel
when Mark sent is held because findings remain."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from foibot.errors import FoibotError
from foibot.surfaces.slack import blocks as kit
from foibot.surfaces.slack.listeners import foibot_of
from foibot.surfaces.slack.listeners.actions.draft import closed, mark_sent
from foibot.surfaces.slack.listeners.payloads import thread_of
from foibot.surfaces.slack.release import ReleaseDesk


def _desk(context: BoltContext, client: WebClient, body: dict) -> ReleaseDesk:
    channel, thread_ts = thread_of(body)
    return ReleaseDesk(foibot_of(context), client, channel, thread_ts)


def _guarded(desk: ReleaseDesk, work) -> None:  # noqa: ANN001 (a callable)
    try:
        work()
    except FoibotError as exc:
        desk.say(desk.ctx.say("error", message=str(exc)))


def on_clean(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    desk, data = _desk(context, client, body), kit.decode(action["value"])
    _guarded(desk, lambda: desk.make_clean_copy(data["c"], data["f"], str(data.get("v")), body["user"]["id"]))


def on_reviewed(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    desk, data = _desk(context, client, body), kit.decode(action["value"])
    _guarded(desk, lambda: desk.mark_reviewed(data["c"], data["f"], body["user"]["id"]))


def on_send_anyway(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    desk, data = _desk(context, client, body), kit.decode(action["value"])
    user = body["user"]["id"]
    if closed(desk.ctx, client, body, data["c"]):
        return

    def send() -> None:
        desk.send_anyway(data["c"], user, body["message"]["ts"])
        mark_sent(desk.ctx, client, desk.channel, desk.thread_ts, data, user)

    _guarded(desk, send)


def on_cancel(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    desk = _desk(context, client, body)
    desk.cancel(body["user"]["id"], body["message"]["ts"])
