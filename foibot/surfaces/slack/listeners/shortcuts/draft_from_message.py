"""The message shortcut "Draft FOI response": start a case from any message (a forwarded email, say)."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from foibot.surfaces.slack.listeners import foibot_of
from foibot.surfaces.slack.requests import from_slack

CALLBACK = "draft_foi_response"


def draft_from_message(ack: Ack, shortcut: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    ctx = foibot_of(context)
    channel = shortcut["channel"]["id"]
    user = shortcut["user"]["id"]
    message = shortcut["message"]
    if not ctx.access.can_start_anywhere(user, channel):
        client.chat_postEphemeral(channel=channel, user=user, text=ctx.refusal)
        return
    thread_ts = message.get("thread_ts") or message["ts"]
    text = from_slack(message.get("text", ""), context.get("bot_user_id"))
    ctx.start_case(client, channel, thread_ts, text, user)
