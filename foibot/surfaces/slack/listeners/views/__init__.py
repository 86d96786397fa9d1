"""View submissions: a long answer, or the answers behind one part of the draft."""

from __future__ import annotations

from slack_bolt import App

from foibot.surfaces.slack.listeners.views.forms import on_answer, on_edit


def register(app: App) -> None:
    app.view("answer_view")(on_answer)
    app.view("edit_view")(on_edit)
