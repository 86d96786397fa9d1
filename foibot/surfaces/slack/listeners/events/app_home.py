"""App Home opened: publish the user's open cases and the paragraph library."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient

from foibot.surfaces.slack.home import home_view
from foibot.surfaces.slack.listeners import foibot_of


def on_home(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab", "home") != "home":
        return
    client.views_publish(user_id=event["user"], view=home_view(foibot_of(context), client, event["user"]).to_dict())
