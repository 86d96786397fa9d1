"""Shortcuts: the message shortcut "Draft FOI response"."""

from __future__ import annotations

from slack_bolt import App

from foibot.surfaces.slack.listeners.shortcuts.draft_from_message import CALLBACK, draft_from_message


def register(app: App) -> None:
    app.message_shortcut(CALLBACK)(draft_from_message)
