"""Bolt listeners in the starter-template layout: one package per kind (events, actions, commands,
shortcuts, views), each with ``register(app)`` and module-level handlers taking Bolt's arguments.

Handlers find foibot's shared state in ``context["foibot"]`` (see ``foibot_of``), so each one is a plain
function that tests can call with a fake client. ``register_all`` adds every kind and then the
catch-alls, so every subscribed event is acked even when nothing handles it (Bolt runs only the first
matching listener, and never acks an unmatched Socket Mode envelope).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack, App

from foibot.surfaces.slack.context import SlackContext


def foibot_of(context: Mapping[str, Any]) -> SlackContext:
    """The SlackContext the global middleware put in Bolt's context."""
    return context["foibot"]


def register_all(app: App) -> None:
    from foibot.surfaces.slack.listeners import actions, commands, events, shortcuts, views

    for kind in (events, actions, commands, shortcuts, views):
        kind.register(app)
    app.event(re.compile(".*"))(ignore)
    app.action(re.compile(".*"))(ack_only)
    app.view(re.compile(".*"))(ack_only)
    app.shortcut(re.compile(".*"))(ack_only)
    app.command(re.compile(".*"))(ack_only)


def ack_only(ack: Ack) -> None:
    """Catch-all: acknowledge and do nothing."""
    ack()


def ignore() -> None:
    """Catch-all for events: Bolt acks events itself."""
    return None
