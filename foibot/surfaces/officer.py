"""Who is at the keyboard, for approvals, sending and the case history, on the surfaces without a Slack user."""

from __future__ import annotations

import getpass
import os


def officer_name(fallback: str) -> str:
    """$FOIBOT_USER, else the login name ($USER, $LOGNAME, $USERNAME or the account's), else ``fallback``."""
    for key in ("FOIBOT_USER", "USER", "LOGNAME", "USERNAME"):
        if os.environ.get(key, "").strip():
            return os.environ[key].strip()
    try:
        return getpass.getuser() or fallback
    except (KeyError, OSError):
        return fallback
