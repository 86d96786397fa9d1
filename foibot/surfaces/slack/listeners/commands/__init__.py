"""Slash commands: /foi."""

from __future__ import annotations

from slack_bolt import App

from foibot.surfaces.slack.listeners.commands.foi import foi


def register(app: App) -> None:
    app.command("/foi")(foi)
