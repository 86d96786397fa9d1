"""The /foi slash command: standard paragraphs, exemptions, deadlines, cases. Ephemeral unless 'share'."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from foibot.errors import FoibotError, InputError
from foibot.knowledge.citations import parse_citation
from foibot.knowledge.model import Exemption, resolve_ncnd
from foibot.surfaces import views
from foibot.surfaces.slack import blocks as kit
from foibot.surfaces.slack import cases
from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.listeners import foibot_of

TABLES = ("stats", "case")  # answers laid out in columns


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
            return "\n".join(f"{_name(e)}: {e.title} ({e.type})" for e in _exemptions(ctx))
        return _exemption(ctx, " ".join(args))
    if verb == "deadline":
        return _deadline(ctx, args)
    if verb in ("similar", "case", "stats"):
        if not ctx.access.can_view_cases(user, channel):
            return ctx.refusal
        if verb == "similar":
            return cases.similar(ctx, args)
        return cases.case(ctx, args, user) if verb == "case" else cases.stats(ctx, args)
    return ctx.say("foi-help", paragraphs=views.paragraphs(rt), exemptions=[_name(e) for e in _exemptions(ctx)])


def _exemptions(ctx: SlackContext) -> list[Exemption]:
    """The exemptions of the authority's law: FOISA's for a Scottish authority, else FOIA's and the EIR's."""
    laws = ("foisa",) if ctx.rt.authority.regime == "foisa" else ("foia", "eir")
    return [e for e in ctx.rt.kb.exemptions.values() if e.regime in laws]


def _name(exemption: Exemption) -> str:
    """An exemption as an officer types it after /foi exemption (FOISA's without the knowledge base's prefix)."""
    return exemption.section.removeprefix("foisa-")


def _exemption(ctx: SlackContext, citation: str) -> str:
    """An exemption, read as `foibot exemption` reads it; also a neither-confirm-nor-deny provision (s31(3))."""
    rt, regime = ctx.rt, ctx.rt.authority.regime
    try:
        exemption, limb = rt.kb.resolve(citation, regime)
    except InputError:
        ncnd = resolve_ncnd(rt.kb, citation, regime)
        if ncnd is None:
            parsed = parse_citation(citation, regime)  # not a citation at all: its own message says so
            family = parsed.family if parsed.regime != "foisa" else "foisa-" + parsed.family.removeprefix("foisa-")
            if family in rt.kb.exemptions:
                raise  # a known exemption, an unknown subsection: its message lists the subsections
            raise InputError(ctx.say("foi-no-exemption", citation=citation, regime=rt.authority.regime.upper(),
                                     known=[_name(e) for e in _exemptions(ctx)])) from None
        exemption, limb = ncnd
    return exemption.describe(limb)


def _deadline(ctx: SlackContext, args: list[str]) -> str:
    from foibot.conversation.reading_dates import read_date
    from foibot.law.deadlines import due_date, parse_regime

    regime = parse_regime(args[-1]) if args and args[-1].lower() in ("foia", "eir", "foisa") else None
    received = read_date(" ".join(args[:-1] if regime else args), today=ctx.engine.today())  # as the chat reads dates
    deadline = due_date(received, regime or parse_regime(ctx.rt.authority.regime),
                        holiday_data_until=ctx.rt.authority.holiday_data_until)
    return views.deadline(deadline, received)
