"""The /foi slash command: standard paragraphs, exemptions, deadlines, cases. Ephemeral unless 'share'."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from foibot.errors import FoibotError
from foibot.surfaces import foi_command
from foibot.surfaces.foi_command import TABLES
from foibot.surfaces.slack import blocks as kit
from foibot.surfaces.slack.cases import post_chart
from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.listeners import foibot_of


def foi(ack: Ack, command: dict, respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    ctx = foibot_of(context)
    words = command.get("text", "").split()
    share = "share" in (w.lower() for w in words)
    words = [w for w in words if w.lower() != "share"]
    verb, args = (words[0].lower(), words[1:]) if words else ("help", [])
    user, channel = command.get("user_id", ""), command.get("channel_id", "")
    table = verb in TABLES
    try:
        text = answer(ctx, verb, args, user, channel)
    except FoibotError as exc:
        text, table = ctx.say("error", message=str(exc)), False
    pieces = kit.chunk(kit.escape(text), kit.SECTION_LIMIT - 10)
    if table and text != ctx.refusal and not text.startswith(ctx.say("foi-usage", usage="")):
        # columns line up only in a fixed-width font
        pieces = [f"```{p}```" for p in pieces]
    respond(text=pieces[0][:3000], blocks=[kit.section(p).to_dict() for p in pieces[:45]],
            response_type="in_channel" if share else "ephemeral")
    if verb == "stats" and ctx.access.can_view_cases(user, channel):
        post_chart(ctx, client, channel)


def answer(ctx: SlackContext, verb: str, args: list[str], user: str, channel: str = "") -> str:
    """The text of a /foi answer (plain text; escaped by the caller): the same as every surface's, with case
    details only for those the access policy lets see them."""
    return foi_command.answer(ctx.engine, verb, args, user, may_view_cases=ctx.access.can_view_cases(user, channel),
                              refusal=ctx.refusal)
