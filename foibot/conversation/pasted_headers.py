"""What an email client puts above a reply pasted into the chat: a block of headers ("From: … Sent: … Subject: …"),
a subject line ("RE: FOI 2026/123"), a mail system's tag ("[External]"). None of it is the answer."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(?:from|sent|to|cc|date|subject|importance)\s*:", re.I)
_TAG = re.compile(r"^\s*\[(?:external|ext|external email|external sender|caution[^\]]*)\]\s*", re.I)
_A_CASE = re.compile(r"\b(?:foi|eir|foisa|request|information|ref|case|review)\b|\d", re.I)
_SUBJECT = re.compile(r"^\s*(?:(?:re|fw|fwd)\s*:\s*)+(?P<subject>[^\n]*?)(?:\s+[—–-]\s+|\n|$)", re.I)


def without_headers(text: str) -> str:
    """The reply below the headers, subject line and tag an email client put above it ("[External] RE: FOI 2026/123
    — yes we hold it" gives "yes we hold it"); the reply itself when nothing would be left."""
    lines = text.strip().split("\n")
    if len(lines) > 1 and _HEADER.match(lines[0]):
        end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        if all(_HEADER.match(line) or line.startswith((" ", "\t")) for line in lines[:end]):
            lines = lines[end:]
    rest = _TAG.sub("", "\n".join(lines).strip())
    subject = _SUBJECT.match(rest)
    if subject and _A_CASE.search(subject["subject"]):  # "RE: FOI 2026/123", not "Re: the contract - …"
        rest = rest[subject.end():]
    return rest.strip() if re.search(r"\w", rest) else text.strip()
