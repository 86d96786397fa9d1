"""Slack text in: the bot's own mention dropped and entities decoded; does a message look like a request?"""

from __future__ import annotations

import html
import re

_REQUEST_WORDS = re.compile(r"\b(please|provide|request|information|freedom of information|foi|copy of|how many|"
                            r"how much|list of|details of|send me|disclose|records?|data)\b|\?", re.I)


def from_slack(text: str, bot_user_id: str | None = None) -> str:
    """Slack message text back to plain text: mentions of the bot dropped (other mentions kept, as data),
    ``&lt;`` and friends decoded."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", "", text or "")
    return html.unescape(text or "").strip()


def looks_like_request(text: str) -> bool:
    """A pasted FOI request, rather than chat: enough words and the language of a request."""
    return len(text.split()) >= 8 and bool(_REQUEST_WORDS.search(text))
