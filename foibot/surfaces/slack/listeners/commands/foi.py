"""The /foi slash command: standard paragraphs, exemptions, deadlines, cases. Ephemeral unless 'share'."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from foibot.errors import FoibotError
from foibot.surfaces import views
from foibot.surfaces.slack import blocks as kit
from foibot.surfaces.slack import cases
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
    try:
        text = answer(ctx, verb, args, user, channel)
    except FoibotError as exc:
        text = ctx.say("error", message=str(exc))
    pieces = kit.chunk(kit.escape(text), kit.SECTION_LIMIT - 10)
    respond(text=pieces[0][:3000], blocks=[kit.section(p).to_dict() for p in pieces[:45]],
            response_type="in_channel" if share else "ephemeral")
    if verb == "stats" and ctx.access.can_view_cases(user, channel):
        cases.post_chart(ctx, client, channel)


def answer(ctx: SlackContext, verb: str, args: list[str], user: str, channel: str = "") -> str:
    """The text of a /foi answer (plain text; escaped by the caller)."""
    rt = ctx.rt
    if verb == "para":
        if not args:
            return ctx.say("foi-paragraphs", names=views.paragraphs(rt))
        return views.paragraph(rt, args[0])
    if verb == "exemption":
        if not args:
            return views.exemptions(rt.kb)
        exemption, limb = rt.kb.resolve(" ".join(args), rt.authority.regime)  # as `foibot exemption` does
        return exemption.describe(limb)
    if verb == "deadline":
        return _deadline(ctx, args)
    if verb in ("similar", "case", "stats"):
        if not ctx.access.can_view_cases(user, channel):
            return ctx.refusal
        if verb == "similar":
            return cases.similar(ctx, args)
        return cases.case(ctx, args, user) if verb == "case" else cases.stats(ctx, args)
    return ctx.say("foi-help", paragraphs=views.paragraphs(rt),
                   exemptions=list(rt.kb.exemptions))


def _deadline(ctx: SlackContext, args: list[str]) -> str:
    from foibot.conversation.reading_dates import read_date
    from foibot.law.deadlines import due_date, parse_regime

    regime = parse_regime(args[-1]) if args and args[-1].lower() in ("foia", "eir", "foisa") else None
    received = read_date(" ".join(args[:-1] if regime else args), today=ctx.engine.today())  # as the chat reads dates
    deadline = due_date(received, regime or parse_regime(ctx.rt.authority.regime),
                        holiday_data_until=ctx.rt.authority.holiday_data_until)
    return views.deadline(deadline, received)
