"""/foi stats in Slack: the chart posted to the channel beside the table (``foibot.surfaces.foi_command``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from slack_sdk import WebClient

from foibot.surfaces.slack.context import SlackContext


def post_chart(ctx: SlackContext, client: WebClient, channel: str) -> None:
    """/foi stats: the chart goes to the channel as an image (figures only, no personal data)."""
    from foibot.register.stats import compute, write_chart

    with tempfile.TemporaryDirectory() as tmp:
        path = write_chart(compute(ctx.rt.store, today=ctx.engine.today()), Path(tmp) / "foi-stats.png")
        client.files_upload_v2(channel=channel, content=path.read_bytes(), filename="foi-stats.png",
                               title=ctx.say("stats-chart-title"))
