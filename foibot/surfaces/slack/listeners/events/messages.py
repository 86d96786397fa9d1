"""Messages and @mentions: a pasted request starts a case; a reply in a case's thread answers it."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient

from foibot.surfaces.slack.listeners import foibot_of
from foibot.surfaces.slack.recovery import answer_in_thread
from foibot.surfaces.slack.requests import from_slack, looks_like_request


def on_mention(event: dict, client: WebClient, context: BoltContext) -> None:
    ctx = foibot_of(context)
    channel, user = event["channel"], event.get("user")
    thread_ts = event.get("thread_ts") or event["ts"]
    text = from_slack(event.get("text", ""), context.get("bot_user_id"))
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
        text = from_slack(root.get("text", ""), context.get("bot_user_id"))
    ctx.start_case(client, channel, thread_ts, text, user)


def on_message(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("bot_id") or event.get("subtype") not in (None, "file_share", "thread_broadcast"):
        return
    ctx = foibot_of(context)
    channel, user, ts = event["channel"], event.get("user"), event["ts"]
    text = from_slack(event.get("text", ""), context.get("bot_user_id"))
    thread_ts = event.get("thread_ts")
    if thread_ts and thread_ts != ts:
        answer_in_thread(ctx.poster, client, channel, thread_ts, ts, text, user)
        return
    if context.get("bot_user_id") and f"<@{context['bot_user_id']}>" in event.get("text", ""):
        return  # the app_mention event handles it
    if not ctx.access.can_start(user, channel, event.get("channel_type")):
        if event.get("channel_type") == "im":
            client.chat_postMessage(channel=channel, text=ctx.refusal)
        return
    if looks_like_request(text):
        ctx.start_case(client, channel, ts, text, user)
    elif event.get("channel_type") == "im":
        client.chat_postMessage(channel=channel, thread_ts=ts, text=ctx.hint)
