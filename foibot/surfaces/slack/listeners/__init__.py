"""Bolt listeners, one module per kind (events, actions, commands, shortcuts, views).

Each module's ``register(app, ctx)`` adds its listeners. ``register_all`` adds them in order and
then the catch-alls, so every subscribed event is acked even when nothing handles it (Bolt runs only
the first matching listener, and never acks an unmatched Socket Mode envelope).
"""

from __future__ import annotations

import re

from slack_bolt import App

from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.listeners import actions, commands, events, shortcuts, views


def register_all(app: App, ctx: SlackContext) -> None:
    for module in (events, actions, commands, shortcuts, views):
        module.register(app, ctx)
    _catch_alls(app)


def _catch_alls(app: App) -> None:
    def ack_only(ack) -> None:  # noqa: ANN001
        ack()

    def ignore() -> None:
        return None

    app.event(re.compile(".*"))(ignore)
    app.action(re.compile(".*"))(ack_only)
    app.view(re.compile(".*"))(ack_only)
    app.shortcut(re.compile(".*"))(ack_only)
    app.command(re.compile(".*"))(ack_only)
