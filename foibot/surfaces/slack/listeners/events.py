"""Events: pasted requests and thread replies, @mentions, and App Home."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient

from foibot.surfaces.slack.context import SlackContext, from_slack, looks_like_request
from foibot.surfaces.slack.home import home_view

log = logging.getLogger(__name__)


def register(app: App, ctx: SlackContext) -> None:
    @app.event("app_mention")
    def on_mention(event: dict, client: WebClient, context: dict) -> None:
        channel, user = event["channel"], event.get("user")
        thread_ts = event.get("thread_ts") or event["ts"]
        text = from_slack(event.get("text", ""), context.get("bot_user_id"))
        conv = ctx.conversation_in(channel, thread_ts)
        if conv:
            if text:
                ctx.poster.post(client, channel, thread_ts, ctx.engine.reply(conv["id"], text, user=user))
            return
        if not ctx.access.can_start_anywhere(user, channel, event.get("channel_type")):
            client.chat_postEphemeral(channel=channel, user=user, text=ctx.refusal)
            return
        if len(text.split()) < 5 and event.get("thread_ts"):
            root = client.conversations_replies(channel=channel, ts=thread_ts, limit=1)["messages"][0]
            text = from_slack(root.get("text", ""), context.get("bot_user_id"))
        ctx.start_case(client, channel, thread_ts, text, user)

    @app.event("app_home_opened")
    def on_home(event: dict, client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        client.views_publish(user_id=event["user"], view=home_view(ctx, client, event["user"]).to_dict())

    @app.event("message")
    def on_message(event: dict, client: WebClient, context: dict) -> None:
        if event.get("bot_id") or event.get("subtype") not in (None, "file_share", "thread_broadcast"):
            return
        channel, user, ts = event["channel"], event.get("user"), event["ts"]
        text = from_slack(event.get("text", ""), context.get("bot_user_id"))
        thread_ts = event.get("thread_ts")
        if thread_ts and thread_ts != ts:
            conv = ctx.conversation_in(channel, thread_ts)
            if conv:
                ctx.poster.post(client, channel, thread_ts, ctx.engine.reply(conv["id"], text, user=user))
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
