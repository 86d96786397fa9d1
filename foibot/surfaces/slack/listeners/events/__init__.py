"""Events: pasted requests and thread replies, @mentions, and App Home."""

from __future__ import annotations

from slack_bolt import App

from foibot.surfaces.slack.listeners.events.app_home import on_home
from foibot.surfaces.slack.listeners.events.files import on_file_share
from foibot.surfaces.slack.listeners.events.messages import on_mention, on_message


def register(app: App) -> None:
    app.event("app_mention")(on_mention)
    app.event("app_home_opened")(on_home)
    app.event({"type": "message", "subtype": "file_share"})(on_file_share)  # before the general listener
    app.event("message")(on_message)
