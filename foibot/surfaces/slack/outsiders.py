"""People from another organisation, and channels shared with one (Slack Connect).

An FOI channel may be shared with a partner body (a neighbouring council, a contractor). Everyone in it sees what
is posted there, and Slack sends foibot their messages and button presses like anyone else's. A case holds a
requester's personal data and the authority's own decisions, so:

* a message from a person of another organisation (its event's ``user_team`` names another team; ``team`` may
  name the host's, so it is not read) is never an answer, a part of a request or a new case: it is recorded as
  read, and its writer told once per case thread, to them only, why nothing happened;
* a button or menu pressed by one (the payload's ``user.team_id``) changes nothing and is told to the presser;
* a request pasted (or an @mention) at the top of a channel shared with another organisation (the envelope's
  ``is_ext_shared_channel``) starts no case: its writer is told, to them only, to use a channel of their own
  organisation or a direct message, since the questions and drafts would be seen outside the authority.

The home team is the workspace foibot is installed in (``auth.test``'s ``team_id``, which Bolt keeps in
``context.authorize_result``).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.requests import from_slack, looks_like_request, message_text

log = logging.getLogger(__name__)
_WORDS = ("message", "app_mention")


def home_team(context: BoltContext) -> str | None:
    """The team foibot is installed in (from ``auth.test``), or None when Bolt has not said."""
    result = context.authorize_result
    return (result.team_id if result is not None else None) or context.team_id


def writer_team(event: dict[str, Any]) -> str | None:
    """The team of the person who wrote a message event (its edit's or deletion's message for those)."""
    for message in (event, event.get("message") or {}, event.get("previous_message") or {}):
        if message.get("user_team"):
            return str(message["user_team"])
    return None


def from_elsewhere(team: str | None, home: str | None) -> bool:
    return bool(team and home and team != home)


def kept_out(ctx: SlackContext, client: WebClient, body: dict[str, Any], context: BoltContext) -> bool:
    """Whether this request is from another organisation, or would start a case in a channel shared with one,
    and so was dealt with here (recorded, its writer told); False to handle it as usual."""
    home = home_team(context)
    if body.get("type") == "event_callback":
        event = body.get("event") or {}
        if event.get("type") not in _WORDS or event.get("bot_id"):
            return False
        if from_elsewhere(writer_team(event), home):
            _message_from_elsewhere(ctx, client, event, context)
            return True
        if body.get("is_ext_shared_channel") and _would_start_a_case(ctx, event, context):
            if not _said_by_its_mention(event, context):
                _not_in_a_shared_channel(ctx, client, event)
            return True
        return False
    user = body.get("user") if isinstance(body.get("user"), dict) else {}
    if body.get("type") in ("block_actions", "view_submission", "message_action", "shortcut") \
            and from_elsewhere(user.get("team_id"), home):
        _press_from_elsewhere(ctx, client, body)
        return True
    return False


def _would_start_a_case(ctx: SlackContext, event: dict[str, Any], context: BoltContext) -> bool:
    """A top-level message (not in a case's thread) that asks foibot for a case: a request, or an @mention."""
    if event.get("subtype") not in (None, "file_share", "thread_broadcast") or event.get("channel_type") == "im":
        return False
    thread_ts = event.get("thread_ts")
    if thread_ts and thread_ts != event.get("ts") and ctx.conversation_in(event.get("channel", ""), thread_ts):
        return False  # a reply in a case started before the channel was shared: the case goes on
    if thread_ts and thread_ts != event.get("ts") and event.get("type") != "app_mention":
        return False
    from foibot.surfaces.slack.listeners.events.files import request_file

    return event.get("type") == "app_mention" or looks_like_request(from_slack(message_text(event, starting=True))) \
        or request_file(event) is not None


def _message_from_elsewhere(ctx: SlackContext, client: WebClient, event: dict[str, Any],
                            context: BoltContext) -> None:
    channel, user, ts = event.get("channel") or "", event.get("user") or "", event.get("ts") or ""
    if event.get("subtype") not in (None, "file_share", "thread_broadcast") or not channel or not user:
        return  # an edit or a deletion: nothing of theirs was read, so nothing to say
    thread_ts = event.get("thread_ts") or ts
    thread = ctx.poster.threads.in_thread(channel, thread_ts)
    log.info("a message from another organisation (%s) in %s: not read", writer_team(event), channel)
    if thread is not None:
        with ctx.rt.store.transaction():
            ctx.poster.threads.claim_message(channel, ts, thread.conversation_id)  # a restart must not read it
            first = ctx.poster.threads.claim_message(channel, f"outsider:{thread_ts}:{user}", thread.conversation_id)
        if first:
            _tell(ctx, client, channel, thread_ts, user, ctx.say("slack-from-another-organisation", case=True))
        return
    if _said_by_its_mention(event, context):
        return
    if event.get("type") == "app_mention" or looks_like_request(from_slack(message_text(event, starting=True))):
        _tell(ctx, client, channel, event.get("thread_ts"), user, ctx.say("slack-from-another-organisation",
                                                                             case=False))


def _said_by_its_mention(event: dict[str, Any], context: BoltContext) -> bool:
    """A channel message mentioning foibot: Slack sends an ``app_mention`` for it too, which says what is said."""
    bot = context.get("bot_user_id")
    return event.get("type") == "message" and event.get("channel_type") != "im" and bool(bot) \
        and f"<@{bot}>" in (event.get("text") or "")


def _not_in_a_shared_channel(ctx: SlackContext, client: WebClient, event: dict[str, Any]) -> None:
    log.info("a request in channel %s, shared with another organisation: no case started", event.get("channel"))
    _tell(ctx, client, event.get("channel") or "", event.get("thread_ts"), event.get("user") or "",
          ctx.say("slack-shared-channel"))


def _press_from_elsewhere(ctx: SlackContext, client: WebClient, body: dict[str, Any]) -> None:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    message = body.get("message") or {}
    user = (body.get("user") or {}).get("id") or ""
    log.info("a press by a person of another organisation (%s): nothing changed", (body.get("user") or {}).get(
        "team_id"))
    if channel and user:
        _tell(ctx, client, channel, message.get("thread_ts") or message.get("ts"), user,
              ctx.say("slack-from-another-organisation", case=True))


def _tell(ctx: SlackContext, client: WebClient, channel: str, thread_ts: str | None, user: str, text: str) -> None:
    try:
        ctx.tell(client, channel, thread_ts, user, text)
    except SlackApiError as exc:  # not a member any more, say: nothing else to do
        log.warning("could not tell %s why nothing happened (%s)", user, exc.response.get("error"))
