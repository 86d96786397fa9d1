"""/foi similar, /foi case and /foi stats: answered from the case register (plain text; escaped when posted)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from slack_sdk import WebClient

from foibot.surfaces import views
from foibot.surfaces.slack.context import SlackContext


def similar(ctx: SlackContext, args: list[str]) -> str:
    """Up to three similar past cases, and why."""
    from foibot.suggest.similar import find_similar

    text = " ".join(args)
    if not text.strip():
        return ctx.say("foi-usage", usage="/foi similar TEXT")
    return views.similar_cases(find_similar(ctx.rt.store, text))


def case(ctx: SlackContext, args: list[str], user: str) -> str:
    """A case and its recent history; ``REF status STATUS`` moves it on first."""
    from foibot.surfaces import views

    words, status = list(args), None
    if "status" in words:
        at = words.index("status")
        status, words = " ".join(words[at + 1:]), words[:at]
    ref = " ".join(words)
    if not ref:
        return ctx.say("foi-usage", usage="/foi case REF [status STATUS]")
    register = ctx.rt.register
    if status:
        register.set_status(ref, status, user, on=ctx.engine.today())
    history = ctx.engine.history(ref)
    return ctx.say("foi-case", case=views.case_details(register, register.require(history.reference)),
                   entries=history.entries[-8:])


def stats(ctx: SlackContext, args: list[str]) -> str:
    """The request statistics by month (or by quarter)."""
    from foibot.register.stats import compute

    return compute(ctx.rt.store, by="quarter" if "quarter" in args else "month", today=ctx.engine.today()).table()


def post_chart(ctx: SlackContext, client: WebClient, channel: str) -> None:
    """/foi stats: the chart goes to the channel as an image (figures only, no personal data)."""
    from foibot.register.stats import compute, write_chart

    with tempfile.TemporaryDirectory() as tmp:
        path = write_chart(compute(ctx.rt.store, today=ctx.engine.today()), Path(tmp) / "foi-stats.png")
        client.files_upload_v2(channel=channel, content=path.read_bytes(), filename="foi-stats.png",
                               title=ctx.say("stats-chart-title"))
