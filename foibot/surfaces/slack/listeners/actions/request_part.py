"""The two buttons under "is your message more of the request, or your answer?" (see ``seen.part_or_answer``):
Add to the request, and It's my answer. The message itself is read back from the thread when one is pressed
(or from the channel, for a message asked about from there), so what is stored is what Slack shows; the
question's message then says what was done, without buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from foibot.surfaces.slack import blocks as kit
from foibot.surfaces.slack import seen
from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.listeners import foibot_of
from foibot.surfaces.slack.listeners.actions.answers import _apply
from foibot.surfaces.slack.listeners.payloads import thread_of
from foibot.surfaces.slack.recovery import read_thread
from foibot.surfaces.slack.requests import from_slack


def on_add(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    _choose(action, body, client, context, added=True)


def on_answer(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    _choose(action, body, client, context, added=False)


def _choose(action: dict, body: dict, client: WebClient, context: BoltContext, *, added: bool) -> None:
    ctx = foibot_of(context)
    data = kit.decode(action["value"])
    conv, field, ts = data["c"], data["f"], str(data["v"])
    channel, thread_ts = thread_of(body)
    user = body["user"]["id"]
    if ctx.refuse_if_closed(client, channel, thread_ts, user, conv):
        return
    with ctx.rt.store.transaction():  # once, however often or by however many it is pressed
        if not ctx.poster.threads.claim_message(channel, f"choice:{ts}", conv):
            return
    found = next((m for m in read_thread(client, channel, thread_ts, oldest=ts) if m.get("ts") == ts), None) \
        or _in_channel(client, channel, ts)
    text = from_slack((found or {}).get("text", ""), context.get("bot_user_id"))
    asking = seen._prompt(ctx.poster, conv, field)
    settled = body.get("message", {}).get("ts")
    if not text:
        _settle(ctx, client, channel, thread_ts, settled, user, gone=True)
        return
    if added:
        with ctx.poster.in_hand(conv):
            with ctx.rt.store.transaction():
                thread = ctx.poster.threads.of(conv)
                row = ctx.rt.store.conversation(conv) or {}
                replaceable = thread is not None and ctx.engine.request_replaceable(conv)
                turn = seen.join(ctx.poster, thread, row, ts, text, user) if replaceable else None
            if turn is None:
                _settle(ctx, client, channel, thread_ts, settled, user, words=ctx.say("slack-request-join-late"))
                return
            _settle(ctx, client, channel, thread_ts, settled, user, added=True, text=seen.quoted(text))
            ctx.poster.post(client, channel, thread_ts, turn)
        return
    now = ((ctx.rt.store.conversation(conv) or {}).get("state") or {}).get("asking")
    if now != field:
        _settle(ctx, client, channel, thread_ts, settled, user, late=True, text=seen.quoted(text), asking=asking)
        return
    _settle(ctx, client, channel, thread_ts, settled, user, text=seen.quoted(text), asking=asking)
    _apply(ctx, client, channel, thread_ts, conv, field, user, lambda: ctx.engine.reply(conv, text, user=user))


def _in_channel(client: WebClient, channel: str, ts: str) -> dict[str, Any] | None:
    """The message at ``ts`` when it was posted in the channel itself, not the thread (asked about from there,
    see ``seen.more_request_in_channel``); None when it is gone."""
    try:
        messages = client.conversations_replies(channel=channel, ts=ts, limit=1).get("messages") or []
    except SlackApiError:
        return None
    return next((m for m in messages if m.get("ts") == ts and m.get("thread_ts", ts) == ts), None)


def _settle(ctx: SlackContext, client: WebClient, channel: str, thread_ts: str, message_ts: str | None, user: str, *,
            words: str | None = None, **values: Any) -> None:
    """The asking message, its buttons replaced by what was done (or, if it cannot be changed, said anew)."""
    said = kit.escape(words if words is not None else ctx.say("slack-request-or-answer-settled", who="\0who\0",
                                                              **values)).replace("\0who\0", f"<@{user}>")
    try:
        if not message_ts:
            raise LookupError
        client.chat_update(channel=channel, ts=message_ts, text=said, blocks=[kit.section(said).to_dict()])
    except (SlackApiError, LookupError):
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=said, unfurl_links=False)
