"""A strict fake Slack for end-to-end tests of the real Bolt app (see server.FakeSlack)."""

from .payloads import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    TEAM_ID,
    app_home_opened,
    app_mention,
    block_actions,
    envelope_type,
    event_callback,
    http_body,
    message_action,
    message_event,
    new_trigger_id,
    shortcut,
    signed_headers,
    slash_command,
    view_submission,
)
from .server import (
    Ack,
    Call,
    Envelope,
    FakeSlack,
    Kill,
    SharedFile,
    SlackError,
    close_socket_mode_handler,
    validate_blocks,
)

__all__ = [
    "APP_ID", "BOT_ID", "BOT_USER_ID", "TEAM_ID", "Ack", "Call", "Envelope", "FakeSlack", "Kill", "SharedFile",
    "SlackError", "app_home_opened", "app_mention", "block_actions", "close_socket_mode_handler",
    "envelope_type", "event_callback", "http_body", "message_action", "message_event", "new_trigger_id",
    "shortcut", "signed_headers", "slash_command", "validate_blocks", "view_submission",
]
