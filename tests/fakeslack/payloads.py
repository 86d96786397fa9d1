"""Builders for the payloads Slack sends to an app, in Socket Mode and HTTP form.

Each builder returns the Socket Mode ``payload`` dict (the same dict Slack would POST in HTTP
mode). ``http_body`` turns it into the raw HTTP body and ``signed_headers`` signs that body.
``response_url`` left as ``None`` is filled in by ``FakeSlack.prepare``/``push``; trigger ids
carry their issue time (ms) so a fake that never saw them can still judge expiry.
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from typing import Any
from urllib.parse import quote, urlencode

from slack_sdk.signature import SignatureVerifier

TEAM_ID = "T0001"
TEAM_DOMAIN = "fake-foi"
APP_ID = "A_FOIBOT"
BOT_USER_ID = "U_FOIBOT"
BOT_ID = "B_FOIBOT"
VERIFICATION_TOKEN = "fake-verification-token"

_counter = itertools.count(1)


def new_ts() -> str:
    """A fresh message ts in Slack's "<epoch>.<6-digit seq>" format."""
    return f"{int(time.time())}.{next(_counter) % 1_000_000:06d}"


def new_event_id() -> str:
    """A fresh Events API event_id (``Ev...``)."""
    return "Ev" + uuid.uuid4().hex[:10].upper()


def new_trigger_id(issued_at: float | None = None) -> str:
    """A trigger id shaped like Slack's, with its issue time (ms) in the middle part."""
    ms = int((time.time() if issued_at is None else issued_at) * 1000)
    return f"{next(_counter)}.{ms}.{uuid.uuid4().hex[:24]}"


def trigger_issued_at(trigger_id: str) -> float | None:
    """The issue time embedded by ``new_trigger_id``, or None for foreign ids."""
    parts = trigger_id.split(".")
    if len(parts) == 3 and parts[1].isdigit():
        return int(parts[1]) / 1000
    return None


def _channel_type(channel: str) -> str:
    return {"D": "im", "G": "group"}.get(channel[:1], "channel")


def _user(user: str) -> dict[str, Any]:
    return {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID}


def _team() -> dict[str, Any]:
    return {"id": TEAM_ID, "domain": TEAM_DOMAIN}


def event_callback(event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    """Wrap an event in the Events API ``event_callback`` envelope payload."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or new_event_id(),
        "event_time": int(time.time()),
        "authorizations": [
            {"enterprise_id": None, "team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True,
             "is_enterprise_install": False}
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-" + uuid.uuid4().hex[:16],
    }


def message_event(channel: str, user: str, text: str, ts: str | None = None, thread_ts: str | None = None,
                  event_id: str | None = None) -> dict[str, Any]:
    """A user's ``message`` event (channel_type from the channel id prefix)."""
    ts = ts or new_ts()
    event: dict[str, Any] = {
        "type": "message", "channel": channel, "user": user, "text": text, "ts": ts, "event_ts": ts,
        "team": TEAM_ID, "channel_type": _channel_type(channel), "client_msg_id": str(uuid.uuid4()),
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
        event["parent_user_id"] = user
    return event_callback(event, event_id)


def app_mention(channel: str, user: str, text: str, ts: str | None = None, thread_ts: str | None = None,
                event_id: str | None = None) -> dict[str, Any]:
    """An ``app_mention`` event; prefix ``<@BOT>`` yourself if the text lacks it."""
    ts = ts or new_ts()
    event: dict[str, Any] = {"type": "app_mention", "channel": channel, "user": user, "text": text, "ts": ts,
                             "event_ts": ts, "team": TEAM_ID, "client_msg_id": str(uuid.uuid4())}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event_callback(event, event_id)


def app_home_opened(user: str, tab: str = "home", channel: str | None = None) -> dict[str, Any]:
    """An ``app_home_opened`` event for the Home (or Messages) tab."""
    event = {"type": "app_home_opened", "user": user, "channel": channel or "D_" + user.removeprefix("U_"),
             "tab": tab, "event_ts": new_ts()}
    return event_callback(event)


def slash_command(command: str = "/foi", text: str = "", user: str = "U_OFFICER1", channel: str = "C_FOI",
                  *, response_url: str | None = None, trigger_id: str | None = None) -> dict[str, Any]:
    """A slash command payload (all values strings, as in the form body)."""
    return {
        "token": VERIFICATION_TOKEN, "team_id": TEAM_ID, "team_domain": TEAM_DOMAIN, "channel_id": channel,
        "channel_name": channel.lower(), "user_id": user, "user_name": user.lower(), "command": command,
        "text": text, "api_app_id": APP_ID, "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": trigger_id or new_trigger_id(),
    }


def block_actions(action_id: str, value: str | None = None, *, selected_options: list[dict] | None = None,
                  user: str = "U_OFFICER1", channel: str | None = "C_FOI", message_ts: str | None = None,
                  thread_ts: str | None = None, block_id: str = "actions", trigger_id: str | None = None,
                  view: dict[str, Any] | None = None, message: dict[str, Any] | None = None,
                  response_url: str | None = None) -> dict[str, Any]:
    """A ``block_actions`` payload: a button (``value``) or a select (``selected_options``).

    With ``view`` the action comes from a modal/Home view, otherwise from the message at
    ``message_ts`` in ``channel``.
    """
    action: dict[str, Any] = {"action_id": action_id, "block_id": block_id, "action_ts": new_ts()}
    if selected_options is not None:
        action.update(type="multi_static_select", selected_options=selected_options)
    else:
        action.update(type="button", value=value, text={"type": "plain_text", "text": action_id})
    payload: dict[str, Any] = {
        "type": "block_actions", "user": _user(user), "api_app_id": APP_ID, "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(), "team": _team(), "enterprise": None,
        "is_enterprise_install": False, "state": {"values": {}}, "actions": [action],
    }
    if view is not None:
        payload["container"] = {"type": "view", "view_id": view.get("id")}
        payload["view"] = view
        return payload
    message_ts = message_ts or (message or {}).get("ts") or new_ts()
    msg = dict(message or {"type": "message", "ts": message_ts, "user": BOT_USER_ID, "bot_id": BOT_ID, "text": ""})
    container = {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": False}
    if thread_ts:
        container["thread_ts"] = thread_ts
        msg.setdefault("thread_ts", thread_ts)
    payload.update(container=container, channel={"id": channel, "name": (channel or "").lower()},
                   message=msg, response_url=response_url)
    return payload


def view_submission(callback_id: str, state_values: dict[str, Any] | None = None, private_metadata: str = "",
                    user: str = "U_OFFICER1", *, view_id: str | None = None,
                    trigger_id: str | None = None) -> dict[str, Any]:
    """A ``view_submission`` payload for the modal ``view_id`` (state is ``{block: {action: {...}}}``)."""
    view_id = view_id or "V" + uuid.uuid4().hex[:10].upper()
    view = {
        "id": view_id, "team_id": TEAM_ID, "type": "modal", "callback_id": callback_id,
        "private_metadata": private_metadata, "state": {"values": state_values or {}}, "hash": new_ts() + ".x",
        "title": {"type": "plain_text", "text": "FOI"}, "blocks": [], "app_id": APP_ID, "bot_id": BOT_ID,
        "root_view_id": view_id, "previous_view_id": None, "external_id": "", "app_installed_team_id": TEAM_ID,
    }
    return {"type": "view_submission", "team": _team(), "user": _user(user), "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN, "trigger_id": trigger_id or new_trigger_id(), "view": view,
            "response_urls": [], "is_enterprise_install": False, "enterprise": None}


def message_action(callback_id: str, message: dict[str, Any], channel: str = "C_FOI", user: str = "U_OFFICER1",
                   *, trigger_id: str | None = None, response_url: str | None = None) -> dict[str, Any]:
    """A message shortcut (``message_action``) on ``message`` (needs at least its ``ts``)."""
    return {"type": "message_action", "token": VERIFICATION_TOKEN, "action_ts": new_ts(), "team": _team(),
            "user": _user(user), "channel": {"id": channel, "name": channel.lower()},
            "is_enterprise_install": False, "enterprise": None, "callback_id": callback_id,
            "trigger_id": trigger_id or new_trigger_id(), "response_url": response_url,
            "message_ts": message["ts"], "message": message}


def shortcut(callback_id: str, user: str = "U_OFFICER1", *, trigger_id: str | None = None) -> dict[str, Any]:
    """A global ``shortcut`` payload."""
    return {"type": "shortcut", "token": VERIFICATION_TOKEN, "action_ts": new_ts(), "team": _team(),
            "user": _user(user), "is_enterprise_install": False, "enterprise": None,
            "callback_id": callback_id, "trigger_id": trigger_id or new_trigger_id()}


def envelope_type(payload: dict[str, Any]) -> str:
    """The Socket Mode envelope type for a payload: events_api, slash_commands or interactive."""
    if payload.get("type") == "event_callback":
        return "events_api"
    if "command" in payload:
        return "slash_commands"
    return "interactive"


def http_body(payload: dict[str, Any], kind: str | None = None) -> str:
    """The raw HTTP body Slack would POST: JSON for events, a form for commands, ``payload=`` otherwise."""
    kind = kind or envelope_type(payload)
    if kind == "events_api":
        return json.dumps(payload)
    if kind == "slash_commands":
        return urlencode({k: v for k, v in payload.items() if v is not None})
    return "payload=" + quote(json.dumps(payload))


def signed_headers(body: str, signing_secret: str, timestamp: int | str | None = None) -> dict[str, str]:
    """Headers for an HTTP-mode request, signed as Slack does (``v0=`` HMAC-SHA256)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(signing_secret).generate_signature(timestamp=ts, body=body)
    content_type = "application/json" if body.startswith("{") else "application/x-www-form-urlencoded"
    return {"content-type": content_type, "x-slack-request-timestamp": ts, "x-slack-signature": signature or ""}
