"""Slack text in: the bot's own mention dropped and Slack's markup read back to what the person typed; does a
message look like a request?

Slack sends message text with its control characters escaped (``&amp;``, ``&lt;``, ``&gt;``) and with what it
turned into links in angle brackets: ``<https://x.gov.uk|x.gov.uk>`` for an address typed as ``x.gov.uk``,
``<https://x.gov.uk>``, ``<mailto:a@b.com|a@b.com>``, ``<#C…|name>``, ``<!here>``, ``<!subteam^S…|@team>`` and
dates ``<!date^…|fallback>`` (docs.slack.dev/messaging/formatting-message-text). A request quoted in a letter
must read as the requester wrote it, so each goes back to its words. A person's mention ``<@U…>`` and ``<!channel>``
stay as they are (naming a person needs the users:read scope, which the app does not ask for); foibot shows
them escaped, so they ping nobody.
"""

from __future__ import annotations

import re

_REQUEST_WORDS = re.compile(r"\b(please|provide|request|information|freedom of information|foi|copy of|how many|"
                            r"how much|list of|details of|send me|disclose|records?|data)\b|\?", re.I)
_ENTITY = re.compile(r"<([^<>\s|][^<>|]*)(?:\|([^<>]*))?>")
_TYPED_AT = re.compile(r"^\s*@([A-Za-z][\w.'\-]*)\b")
_PERSON = re.compile(r"^\s*<(@[UW][A-Z0-9_]+|!subteam\^[A-Z0-9_]+)(\|[^>]*)?>")


def _bare(url: str) -> str:
    return re.sub(r"^(https?://|mailto:)", "", url, flags=re.I).rstrip("/").lower()


def _words(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2)
    if target.startswith("@"):  # a person: kept as Slack sent it (foibot has no users:read to name them)
        return match.group(0)
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!"):
        name = target[1:].split("^", 1)[0]
        if name in ("subteam", "date") and label:
            return label
        return match.group(0)  # <!channel>, <!here>: kept, and shown escaped, so they never ping anyone
    if label is None or _bare(label) == _bare(target):
        return label if label is not None else target.removeprefix("mailto:")
    return f"{label} ({target.removeprefix('mailto:')})"  # a link with words of its own: keep both


def from_slack(text: str, bot_user_id: str | None = None) -> str:
    """Slack message text back to plain text: mentions of the bot dropped, links, channels and group mentions
    read back to their words (see the module docstring), ``&lt;`` ``&gt;`` ``&amp;`` decoded (only these:
    Slack escapes no others, so a typed ``&copy;`` stays as typed)."""
    text = text or ""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", "", text)
    text = _ENTITY.sub(_words, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def shared_text(event: dict) -> str:
    """The text of the messages a message shares (Slack's Forward or Share message: the original comes as an
    attachment marked ``is_share`` or ``is_msg_unfurl``, its words in ``text``, else ``fallback``), as Slack sent
    them; "" when it shares none. A link's preview (an attachment without those marks) is not shared text."""
    texts = [str(a.get("text") or a.get("fallback") or "") for a in event.get("attachments") or []
             if isinstance(a, dict) and (a.get("is_share") or a.get("is_msg_unfurl"))]
    return "\n\n".join(t for t in texts if t.strip())


def message_text(event: dict, *, starting: bool = False) -> str:
    """A message's words as Slack sent them: its text, or, when it has none, the text of the message it shares
    (a request forwarded from the inbox channel comes with no text of its own). ``starting`` (a message at the
    top of a channel, which may start a case): a shared message that reads as a request is the request, and
    the sharer's comment ("new one from the inbox") is not part of it."""
    text = event.get("text") or ""
    shared = shared_text(event)
    if shared and (not text.strip() or (starting and looks_like_request(from_slack(shared)))):
        return shared
    return text


def addressed_to_someone_else(text: str, bot_user_id: str | None = None) -> bool:
    """A message (as Slack sent it) that opens by mentioning a person or a user group other than the bot:
    "<@U…> can you look?" is said to a colleague, not to foibot; so is "@Jo is this s31?", a name typed
    with an @ that Slack did not turn into a mention (the autocomplete not picked)."""
    found = _PERSON.match(text or "")
    if found:
        return found.group(1) != f"@{bot_user_id}"
    typed = _TYPED_AT.match(text or "")
    return bool(typed) and typed.group(1).lower() != "foibot"


def looks_like_request(text: str) -> bool:
    """A pasted FOI request, rather than chat: enough words and the language of a request."""
    return len(text.split()) >= 8 and bool(_REQUEST_WORDS.search(text))
