"""Messages and @mentions: a pasted request starts a case; a reply in a case's thread answers it."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient

from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.listeners import foibot_of
from foibot.surfaces.slack.recovery import answer_in_thread
from foibot.surfaces.slack.requests import addressed_to_someone_else, from_slack, looks_like_request, message_text
from foibot.surfaces.slack.seen import ADD_TO_REQUEST_SAID, ASK_SAID, more_request_in_channel


def on_mention(event: dict, client: WebClient, context: BoltContext) -> None:
    ctx = foibot_of(context)
    channel, user = event["channel"], event.get("user")
    thread_ts = event.get("thread_ts") or event["ts"]
    text = from_slack(message_text(event, starting=not event.get("thread_ts")), context.get("bot_user_id"))
    conv = ctx.conversation_in(channel, thread_ts)
    if conv:
        if text:  # once per message ts, however it arrives (message, mention, redelivery, restart)
            answer_in_thread(ctx.poster, client, channel, thread_ts, event["ts"], text, user)
        return
    if not ctx.access.can_start_anywhere(user, channel, event.get("channel_type")):
        client.chat_postEphemeral(channel=channel, user=user, text=ctx.refusal)
        return
    if len(text.split()) < 5 and event.get("thread_ts"):
        root = client.conversations_replies(channel=channel, ts=thread_ts, limit=1)["messages"][0]
        text = from_slack(message_text(root, starting=True), context.get("bot_user_id"))
    if not looks_like_request(text):  # "@foibot hello", "@foibot help": no request, so no case in the register
        ctx.tell(client, channel, event.get("thread_ts"), user, ctx.hint)
        return
    ctx.start_case(client, channel, thread_ts, text, user)


def on_message(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("subtype") in ("message_changed", "message_deleted"):
        on_edit(event, client, context)
        return
    if event.get("bot_id") or event.get("subtype") not in (None, "file_share", "thread_broadcast"):
        return
    ctx = foibot_of(context)
    channel, user, ts = event["channel"], event.get("user"), event["ts"]
    thread_ts = event.get("thread_ts")
    text = from_slack(message_text(event, starting=not thread_ts or thread_ts == ts), context.get("bot_user_id"))
    if thread_ts and thread_ts != ts:
        if addressed_to_someone_else(event.get("text", ""), context.get("bot_user_id")):
            leave_alone(ctx, channel, thread_ts, ts)  # "@Jo can you look?": said to a colleague, not an answer
            return
        answer_in_thread(ctx.poster, client, channel, thread_ts, ts, text, user)
        return
    if context.get("bot_user_id") and f"<@{context['bot_user_id']}>" in event.get("text", "") \
            and event.get("channel_type") != "im":
        return  # the app_mention event handles it (Slack sends none in a direct message: read it here)
    if not ctx.access.can_start(user, channel, event.get("channel_type")):
        if event.get("channel_type") == "im":
            client.chat_postMessage(channel=channel, text=ctx.refusal)
        return
    if (found := more_request_in_channel(ctx.poster, channel, ts, text, user)) is not None:
        case, decided = found  # the thread's rule decided: more of the request, or ask its writer in the thread
        said = ADD_TO_REQUEST_SAID if decided == "request" else ASK_SAID
        answer_in_thread(ctx.poster, client, channel, case.thread_ts, ts, said + text, user)
    elif looks_like_request(text):
        ctx.start_case(client, channel, ts, text, user)
    elif event.get("channel_type") == "im":
        client.chat_postMessage(channel=channel, thread_ts=ts, text=ctx.hint)


def leave_alone(ctx: SlackContext, channel: str, thread_ts: str, ts: str) -> None:
    """A message in a case thread that is not for foibot: recorded as read (a restart must not take it as an
    answer), nothing stored, nothing posted."""
    thread = ctx.poster.threads.in_thread(channel, thread_ts)
    if thread:
        with ctx.rt.store.transaction():
            ctx.poster.threads.claim_message(channel, ts, thread.conversation_id)


def on_edit(event: dict, client: WebClient, context: BoltContext) -> None:
    """An officer edited or deleted a message foibot had already read in a case thread. Slack sends the change
    as a ``message`` event with subtype ``message_changed`` (the new text in ``message``) or ``message_deleted``
    (``previous_message``); foibot reads each message once, so it says, to the writer only, that nothing
    changed and how to change an answer. A change that leaves the text as it was (a link preview added) and
    the bot's own edits say nothing."""
    ctx = foibot_of(context)
    channel = event.get("channel")
    before = event.get("previous_message") or {}
    after = event.get("message") or {}
    message = after if event.get("subtype") == "message_changed" else before
    user, ts = message.get("user"), message.get("ts") or event.get("deleted_ts")
    if not channel or not user or not ts or message.get("bot_id") or message.get("subtype") == "bot_message":
        return
    if event.get("subtype") == "message_changed" and (after.get("text") or "") == (before.get("text") or ""):
        return
    thread_ts = message.get("thread_ts") or ts
    thread = ctx.poster.threads.in_thread(channel, thread_ts)
    if thread is None or (ts != thread_ts and not ctx.poster.threads.processed(channel, ts)):
        return
    row = ctx.rt.store.conversation(thread.conversation_id) or {}
    if row.get("status") == "closed":
        return
    if ts != thread_ts and _choice_pending(ctx, client, channel, thread_ts, thread.conversation_id, ts,
                                           deleted=event.get("subtype") == "message_deleted", user=user):
        return
    reference = (row.get("state") or {}).get("answers", {}).get("reference") or row.get("case_ref")
    ctx.tell(client, channel, thread_ts, user, ctx.say(
        "edit-not-read", deleted=event.get("subtype") == "message_deleted", request=ts == thread_ts,
        reference=reference))


def _choice_pending(ctx: SlackContext, client: WebClient, channel: str, thread_ts: str, conv: str, ts: str, *,
                    deleted: bool, user: str) -> bool:
    """Whether the thread still asks (with two buttons, see ``seen.part_or_answer``) if this message is more of
    the request or an answer. Then nothing of it was stored: an edit is read as it stands when a button is
    pressed, so nothing is said; a deletion settles the question at once (its buttons taken off)."""
    from foibot.surfaces.slack import blocks as kit
    from foibot.surfaces.slack.recovery import read_thread

    marker = f"ra|{conv}|{ts}"[:255]
    asking = next((m for m in read_thread(client, channel, thread_ts, oldest=ts) if m.get("bot_id") and any(
        b.get("block_id") == marker for b in m.get("blocks") or [])), None)
    if asking is None:
        return False
    if deleted:
        with ctx.rt.store.transaction():
            if not ctx.poster.threads.claim_message(channel, f"choice:{ts}", conv):
                return True  # a button was pressed first
        said = kit.escape(ctx.say("slack-request-or-answer-settled", who="\0who\0", gone=True)).replace(
            "\0who\0", f"<@{user}>")
        client.chat_update(channel=channel, ts=asking["ts"], text=said, blocks=[kit.section(said).to_dict()])
    return True
