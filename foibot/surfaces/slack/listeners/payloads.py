"""Where an interaction happened, read from Bolt's payloads."""

from __future__ import annotations

from typing import Any


def thread_of(body: dict[str, Any]) -> tuple[str, str]:
    """(channel, thread_ts) of the message a button or menu sits on."""
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id")
    return channel, message.get("thread_ts") or message.get("ts") or body.get("container", {}).get("message_ts")


def from_block(action: dict[str, Any]) -> tuple[str, str]:
    """(conversation id, question path) from a block id ``q|<conv>|<path>``."""
    _, conv, field = action["block_id"].split("|", 2)
    return conv, field
