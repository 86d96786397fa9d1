"""/foi stats in Slack: the chart posted to the channel beside the table (``foibot.surfaces.foi_command``)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from foibot.surfaces.slack.context import SlackContext

log = logging.getLogger(__name__)


def post_chart(ctx: SlackContext, client: WebClient, channel: str) -> None:
    """/foi stats: the chart goes to the channel as an image (figures only, no personal data). In a channel
    foibot cannot post in (not a member, archived) the table alone is the answer: one warning, no traceback."""
    from foibot.register.stats import compute, write_chart
    from foibot.surfaces.slack.recovery import CHANNEL_ERRORS

    with tempfile.TemporaryDirectory() as tmp:
        path = write_chart(compute(ctx.rt.store, today=ctx.engine.today()), Path(tmp) / "foi-stats.png")
        try:
            client.files_upload_v2(channel=channel, content=path.read_bytes(), filename="foi-stats.png",
                                   title=ctx.say("stats-chart-title"))
        except SlackApiError as exc:
            if exc.response.get("error") not in CHANNEL_ERRORS:
                raise
            log.warning("/foi stats: the chart was not posted in %s (%s)", channel, exc.response.get("error"))
