"""Reading a pasted email: who sent it, when, and the request itself without headers and sign-off."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from foibot.errors import InputError

_HEADER = re.compile(r"^(from|sent|date|to|cc|subject|reply-to)\s*:\s*(.*)$", re.I)
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_GREETING = re.compile(r"^(dear|hello|hi|to whom it may concern|good (morning|afternoon))\b.*$", re.I)
_SIGNOFF = re.compile(r"^(yours (sincerely|faithfully|truly)|(kind|best|warm) regards|regards|many thanks|thanks|"
                      r"thank you|best wishes|cheers)[,.!]?(?:\s+(?P<name>\S.*?))?\s*$", re.I)
_NAME = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")


@dataclass(frozen=True)
class ParsedEmail:
    """What could be read from a pasted request. Any field may be empty."""

    body: str
    name: str = ""
    email: str = ""
    received: date | None = None
    subject: str = ""


def parse_email(text: str) -> ParsedEmail:
    """Split a pasted email into the request body and the sender's name, address and date."""
    lines = text.strip().split("\n")
    name = email = subject = ""
    received: date | None = None
    start = 0
    for i, line in enumerate(lines):
        header = _HEADER.match(line.strip())
        if not header:
            if line.strip() or i == 0:
                break
            start = i + 1
            continue
        start = i + 1
        field, value = header.group(1).lower(), header.group(2).strip()
        if field == "from":
            address = _ADDRESS.search(value)
            email = address.group(0) if address else ""
            display = _ADDRESS.sub("", value).strip(" <>\"'[]()")
            if display and _NAME.match(display):
                name = display
        elif field in ("sent", "date") and received is None:
            received = _date_of(value)
        elif field == "subject":
            subject = value
    body_lines = lines[start:]
    while body_lines and not body_lines[0].strip():
        body_lines.pop(0)
    if body_lines and _GREETING.match(body_lines[0].strip()):
        body_lines.pop(0)
    for i in range(len(body_lines) - 1, -1, -1):
        signoff = _SIGNOFF.match(body_lines[i].strip())
        if signoff and (not signoff["name"] or _NAME.match(signoff["name"])):  # "Regards, Chris Lane" on one line
            after = [ln.strip() for ln in body_lines[i + 1:] if ln.strip()]
            if signoff["name"]:
                after.insert(0, signoff["name"])
            if after and _NAME.match(after[0]) and not name:
                name = after[0]
            if after and not email:
                found = _ADDRESS.search(" ".join(after))
                email = found.group(0) if found else ""
            body_lines = body_lines[:i]
            break
    body = "\n".join(body_lines).strip() or text.strip()
    return ParsedEmail(body=body, name=name, email=email, received=received, subject=subject)


def _date_of(value: str) -> date | None:
    from foibot.law.deadlines import parse_date

    # The whole header first (a time zone turns into the UK date of receipt), then just the date part.
    for candidate in (value, re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?(\s*[ap]m)?.*$", "", value, flags=re.I)):
        try:
            return parse_date(candidate.strip())
        except InputError:
            continue
    return None
