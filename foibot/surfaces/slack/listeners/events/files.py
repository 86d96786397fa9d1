"""Files shared in a case thread (a ``message`` with subtype ``file_share``): each file is checked before release.

Slack sends the share as a ``message`` event carrying ``files`` and ``thread_ts`` (the ``file_shared`` event has no
thread), so this listener is registered before the general message listener; any text with the files is then
handled as a reply, exactly as ``on_message`` would. A bare file is not an answer to the pending question.
"""

from __future__ import annotations

import logging

from slack_bolt import BoltContext
from slack_sdk import WebClient

from foibot.errors import FoibotError
from foibot.surfaces.slack.listeners import foibot_of
from foibot.surfaces.slack.listeners.events.messages import on_message
from foibot.surfaces.slack.release import ReleaseDesk

log = logging.getLogger(__name__)


def on_file_share(event: dict, client: WebClient, context: BoltContext) -> None:
    ctx = foibot_of(context)
    channel, thread_ts, user = event["channel"], event.get("thread_ts"), event.get("user") or "slack"
    conv = ctx.conversation_in(channel, thread_ts) if thread_ts and not event.get("bot_id") else None
    if conv is None:
        on_message(event, client, context)
        return
    desk = ReleaseDesk(ctx, client, channel, thread_ts)
    for shared in event.get("files") or []:
        if not isinstance(shared, dict) or not shared.get("id"):
            continue
        try:
            desk.check_shared(conv["id"], str(shared["id"]), str(shared.get("name") or shared["id"]), user)
        except FoibotError as exc:
            desk.say(ctx.say("error", message=str(exc)))
        except Exception:  # noqa: BLE001 - one file's failure must not lose the others or the thread
            log.exception("release check of file %s failed", shared.get("id"))
            desk.say(ctx.say("error", message="the release check of this file failed; it has not been checked"))
    if (event.get("text") or "").strip():
        on_message(event, client, context)
    else:
        ctx.poster.threads.claim_message(channel, event["ts"], conv["id"])  # a restart must not replay it as ""
