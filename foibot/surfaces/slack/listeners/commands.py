"""The /foi slash command: standard paragraphs, exemptions, deadlines, cases. Ephemeral unless 'share'."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from foibot.errors import FoibotError
from foibot.letter.blocks import to_text
from foibot.letter.drafting import make_environment, paragraph_names, render_paragraph
from foibot.surfaces.slack import blocks as kit
from foibot.surfaces.slack.context import SlackContext

USAGE = """/foi help: this list
/foi para NAME: a standard paragraph
/foi exemption SECTION: an exemption's statute, questions and public interest factors
/foi deadline DATE [foia|eir|foisa]: the statutory due date
/foi similar TEXT: similar past cases
/foi case REF: a case and its history
/foi stats: the request statistics
Add 'share' to post the answer to the channel instead of just to you."""


def register(app: App, ctx: SlackContext) -> None:
    @app.command("/foi")
    def foi(ack: Ack, command: dict, respond: Respond, client: WebClient) -> None:
        ack()
        words = command.get("text", "").split()
        share = "share" in (w.lower() for w in words)
        words = [w for w in words if w.lower() != "share"]
        verb, args = (words[0].lower(), words[1:]) if words else ("help", [])
        try:
            text = answer(ctx, verb, args, command.get("user_id", ""), command.get("channel_id", ""))
        except FoibotError as exc:
            text = f"Sorry: {exc}"
        pieces = kit.chunk(kit.escape(text), kit.SECTION_LIMIT - 10)
        respond(text=pieces[0][:3000], blocks=[kit.section(p).to_dict() for p in pieces[:45]],
                response_type="in_channel" if share else "ephemeral")
        if verb == "stats" and ctx.access.can_view_cases(command.get("user_id"), command.get("channel_id")):
            post_chart(ctx, client, command.get("channel_id", ""))


def post_chart(ctx: SlackContext, client: WebClient, channel: str) -> None:
    """/foi stats: the chart goes to the channel as an image (figures only, no personal data)."""
    import tempfile
    from pathlib import Path

    from foibot.register.stats import compute, write_chart

    with tempfile.TemporaryDirectory() as tmp:
        path = write_chart(compute(ctx.rt.store, today=ctx.engine.today()), Path(tmp) / "foi-stats.png")
        client.files_upload_v2(channel=channel, content=path.read_bytes(), filename="foi-stats.png",
                               title="FOI request statistics")


def answer(ctx: SlackContext, verb: str, args: list[str], user: str, channel: str = "") -> str:
    """The text of a /foi answer (plain text; escaped by the caller)."""
    rt = ctx.rt
    if verb == "para":
        env = make_environment(rt.root / "snippets")
        if not args:
            return "Paragraphs: " + ", ".join(paragraph_names(env))
        return to_text(render_paragraph(args[0], env, rt.kb, rt.authority, letter_date=ctx.engine.today()))
    if verb == "exemption":
        if not args:
            return "\n".join(f"{e.section}: {e.title} ({e.type})" for e in rt.kb.exemptions.values())
        exemption, limb = rt.kb.resolve(" ".join(args))
        return exemption.describe(limb)
    if verb == "deadline":
        from foibot.law.deadlines import due_date, format_day, parse_date, parse_regime

        regime = parse_regime(args[-1]) if args and args[-1].lower() in ("foia", "eir", "foisa") else None
        day_words = args[:-1] if regime else args
        received = parse_date(" ".join(day_words), today=ctx.engine.today())
        deadline = due_date(received, regime or parse_regime("foia"),
                            holiday_data_until=rt.authority.holiday_data_until)
        skipped = "; ".join(f"{format_day(s.day)} {s.reason}" for s in deadline.skipped) or "none"
        return (f"Received {format_day(deadline.received)}: due {format_day(deadline.due)} (end of day). "
                f"{deadline.rule}. Non-working weekdays skipped: {skipped}.")
    if verb in ("similar", "case", "stats"):
        if not ctx.access.can_view_cases(user, channel):
            return ctx.refusal
        return ctx.case_command(verb, args, user, channel)
    names = ", ".join(paragraph_names(make_environment(rt.root / "snippets")))
    exemptions = ", ".join(rt.kb.exemptions)
    return f"{USAGE}\n\nParagraphs: {names}\nExemptions: {exemptions}"


