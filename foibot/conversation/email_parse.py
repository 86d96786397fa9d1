"""Reading a pasted email: who sent it, when, and the request itself without headers and sign-off.

The request stops before whatever follows it in a pasted email: a forwarded or quoted history ("-----Original
Message-----", an Outlook "From: … Sent: …" block, "On … wrote:", lines quoted with ">"), a signature after the
sign-off (name, role, postal address, phone) and a confidentiality disclaimer. A postal address in the signature
is kept as the requester's address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from foibot.errors import InputError

_HEADER = re.compile(r"^(from|sent|date|to|cc|subject|reply-to)\s*:\s*(.*)$", re.I)
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_GREETING = re.compile(r"^(dear|hello|hi|to whom it may concern|good (morning|afternoon)|annwyl|shwmae)\b.*$", re.I)
_SIGNOFF = re.compile(r"^(yours(?: (sincerely|faithfully|truly|ever))?(?=[,.!]?\s*$|[,.!]\s)|"  # "Yours," alone too
                      r"(kind|best|warm|many) (regards|wishes|thanks)|regards|"
                      r"thanks|thank you|thanks again|best|cheers|with thanks|all the best|"
                      r"(?:season'?s|seasons|festive|christmas|holiday) greetings|merry christmas|happy new year|"
                      r"diolch(?: yn fawr)?|cofion(?: gorau| cynnes)?|(?:yr eiddoch )?yn gywir)"  # Welsh sign-offs
                      r"[,.!]?(?:\s+(?P<name>\S.*?))?\s*$", re.I)
_NAME = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")
# Where a pasted history starts: everything from here on was written before the request (or is a reply to it).
_HISTORY = re.compile(
    r"^(?:-{2,}\s*(?:original message|forwarded message|forwarded by)\b.*"
    r"|_{8,}\s*"
    r"|begin forwarded message\s*:?"
    r"|on\s.{4,}\bwrote:\s*"
    r"|>.*)$", re.I)
_WROTE_NEXT = re.compile(r"^on\s.{4,}$", re.I)  # Gmail wraps "On Tue, 17 Nov 2026 at 16:42, Sam <…>" / "wrote:"
_QUOTED_HEADER = re.compile(r"^\*?(from|von|de)\s*:\*?\s*\S", re.I)
_QUOTED_NEXT = re.compile(r"^\*?(sent|date|to|subject)\s*:", re.I)
# A confidentiality notice or mail footer, from the start of its paragraph to the end.
_DISCLAIMER = re.compile(
    r"^(?:disclaimer\b|confidentiality( notice)?\b|privileged\b"
    r"|(?:this|the information (?:contained )?in this) (?:e-?mail|message|communication|transmission)\b.*"
    r"\b(?:confidential|privileged|intended (?:solely|only)|addressee|virus)"
    r"|if you (?:have received|are not the intended)|please consider the environment"
    r"|the views expressed|sent from my (?:iphone|ipad|android|mobile|samsung|galaxy|phone)"
    r"|sent from (?:outlook|mail for|yahoo mail)\b|get outlook for\b)", re.I)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_CONTACT = re.compile(r"^(?:tel|telephone|phone|mob|mobile|m|t|fax|e|email|e-mail|web|www)\b\s*[:.]?|https?://|www\.|"
                      r"^\+?\d[\d\s()-]{7,}$", re.I)
_STREET_START = re.compile(r"^(?:\d+[a-z]?\b|flat\b|apartment\b|apt\b|unit\b|room\b|suite\b|p\.?\s?o\.? box\b)", re.I)


@dataclass(frozen=True)
class ParsedEmail:
    """What could be read from a pasted request. Any field may be empty. ``address`` is a postal address from the
    signature, one line each."""

    body: str
    name: str = ""
    email: str = ""
    received: date | None = None
    subject: str = ""
    address: str = ""


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
    history = _history_start(body_lines)
    if history is not None:
        before = body_lines[:history]
        if not _has_request(before):  # a forwarded request with nothing (or only a note) above it: read that one
            forwarded = _forwarded(body_lines[history:])
            if forwarded is not None:
                return forwarded
        body_lines = before
    body_lines = _without_disclaimer(body_lines)
    while body_lines and not body_lines[0].strip():
        body_lines.pop(0)
    if body_lines and _GREETING.match(body_lines[0].strip()):
        body_lines.pop(0)
    postal = ""
    signed = False
    for i in range(len(body_lines) - 1, -1, -1):
        signoff = _SIGNOFF.match(body_lines[i].strip())
        if signoff and (not signoff["name"] or _NAME.match(signoff["name"])):  # "Regards, Chris Lane" on one line
            after = [ln.strip() for ln in body_lines[i + 1:] if ln.strip()]
            if signoff["name"]:
                after.insert(0, signoff["name"])
            if len(after) > 12:  # no signature runs this long: words of the request after a "thanks"
                continue
            if after and _NAME.match(after[0]) and not name:
                name = after[0]
            if after and not email:
                found = _ADDRESS.search(" ".join(after))
                email = found.group(0) if found else ""
            postal = _postal(after)
            body_lines = body_lines[:i]
            signed = True
            break
    if not signed:
        body_lines, signer, postal = _bare_signature(body_lines)
        name = name or signer
    body = "\n".join(body_lines).strip() or text.strip()
    return ParsedEmail(body=body, name=name, email=email, received=received, subject=subject, address=postal)


def _history_start(lines: list[str]) -> int | None:
    """The line where a pasted history begins (see ``_HISTORY``), or None."""
    for i, line in enumerate(lines):
        plain = line.strip()
        if not plain:
            continue
        if _HISTORY.match(plain):
            return i
        if _WROTE_NEXT.match(plain) and i + 1 < len(lines) and lines[i + 1].strip().lower().endswith("wrote:") \
                and len(lines[i + 1].split()) <= 6:
            return i
        if _QUOTED_HEADER.match(plain) and any(_QUOTED_NEXT.match(ln.strip()) for ln in lines[i + 1:i + 4]):
            return i
    return None


def pasted_reply(text: str) -> str:
    """A chat reply without what came pasted under it from an email: the history below it ("On … wrote:", a
    forwarded "From: … Sent: …"), a mail footer ("Sent from my iPhone") and a signature block of a name with
    contact lines ("Jane Smith | FOI Officer / T: 01632 960123") or a first name alone; the reply itself when
    nothing would be left."""
    lines = text.strip().split("\n")
    start = _history_start(lines)
    kept = _contact_block_dropped(_without_disclaimer(lines[:start] if start else lines))
    return "\n".join(kept).strip() or text.strip()


def _contact_block_dropped(lines: list[str]) -> list[str]:
    """The lines before a last paragraph that signs the reply: a name (before any "|") over contact lines, or a
    first name alone ("Jane"), when something comes before it."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    gap = max((i for i, ln in enumerate(lines) if not ln.strip()), default=None)
    if gap is None or not any(ln.strip() for ln in lines[:gap]):
        return lines
    block = [ln.strip() for ln in lines[gap + 1:]]
    name = block[0].split("|")[0].strip()
    if len(block) > 8 or not _NAME.match(name) or len(name.split()) > 4:
        return lines
    signs = any(_CONTACT.search(ln) for ln in block[1:]) or "|" in block[0] and len(block) > 1 \
        or (len(block) == 1 and re.fullmatch(r"[A-Z][a-z]+", name) is not None)
    return lines[:gap] if signs else lines


def _has_request(lines: list[str]) -> bool:
    """Whether lines above a history say more than a greeting, a sign-off and a forwarding note ("FYI", "see
    below")."""
    words = [ln.strip() for ln in lines if ln.strip() and not _GREETING.match(ln.strip())
             and not _SIGNOFF.match(ln.strip()) and not _NAME.match(ln.strip())]
    said = " ".join(words).lower()
    return bool(said) and not re.fullmatch(r"[\W]*(?:fyi|fwd?|please see (?:below|the request below)|see below|"
                                           r"forwarding (?:this|the request below)|for (?:logging|action))[\W]*", said)


def _forwarded(lines: list[str]) -> ParsedEmail | None:
    """The email forwarded below a marker line, read on its own (its headers give the requester), or None."""
    rest = lines[1:] if not _QUOTED_HEADER.match(lines[0].strip()) else lines
    if rest and not _QUOTED_HEADER.match(rest[0].strip()) and rest[0].strip().lower().endswith("wrote:"):
        rest = [ln[1:].removeprefix(" ") if ln.startswith(">") else ln for ln in rest[1:]]
    elif all(ln.startswith(">") or not ln.strip() for ln in rest):
        rest = [ln[1:].removeprefix(" ") for ln in rest]
    rest = [ln.replace("*", "") if _QUOTED_HEADER.match(ln.strip()) or _QUOTED_NEXT.match(ln.strip()) else ln
            for ln in rest]
    text = "\n".join(rest).strip()
    if not text:
        return None
    parsed = parse_email(text)
    return parsed if parsed.body.strip() else None


def _without_disclaimer(lines: list[str]) -> list[str]:
    """The lines before a disclaimer paragraph (see ``_DISCLAIMER``), when something comes before it."""
    for i, line in enumerate(lines):
        starts_paragraph = i == 0 or not lines[i - 1].strip()
        footer = starts_paragraph or line.strip().lower().startswith("sent from my")
        if _DISCLAIMER.match(line.strip()) and footer and any(ln.strip() for ln in lines[:i]):
            return lines[:i]
    return lines


def _postal(signature: list[str]) -> str:
    """A postal address in signature lines: the lines up to one with a postcode, from the street line (or the line
    after the name), without phone numbers, email or web addresses; "" without a postcode."""
    end = next((i for i, ln in enumerate(signature) if _POSTCODE.search(ln.upper()) and not _CONTACT.search(ln)),
               None)
    if end is None:
        return ""
    lines: list[str] = []
    for ln in reversed(signature[:end + 1]):
        if _CONTACT.search(ln) or _ADDRESS.search(ln) or (lines and ln == signature[0] and _NAME.match(ln)):
            break
        lines.insert(0, ln)
        if _STREET_START.match(ln) or len(lines) >= 6:
            break
    if len(lines) == 1 and lines[0].count(",") >= 2:  # "14 Orchard Close, Eastvale, EV3 7QT"
        lines = [p.strip() for p in lines[0].split(",") if p.strip()]
    return "\n".join(lines)


def _bare_signature(lines: list[str]) -> tuple[list[str], str, str]:
    """A request signed with a name alone, no sign-off ("…any body-worn video.\\n\\nKaren Doyle"): the lines
    before it, the name and any postal address under it. The last paragraph counts as a signature when it starts
    with a name of two to four words, comes after a finished sentence and asks nothing."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    gap = max((i for i, ln in enumerate(lines) if not ln.strip()), default=None)
    if gap is None:
        return lines, "", ""
    last = [ln.strip() for ln in lines[gap + 1:]]
    before = [ln for ln in lines[:gap] if ln.strip()]
    first = last[0] if last else ""
    if not before or not before[-1].rstrip().endswith((".", "?", "!")) or len(last) > 8 \
            or not _NAME.match(first) or not 2 <= len(first.split()) <= 4 \
            or any(ln.endswith(("?", ":")) for ln in last):
        return lines, "", ""
    return lines[:gap], first, _postal(last)


def _date_of(value: str) -> date | None:
    from foibot.law.deadlines import parse_date

    # The whole header first (a time zone turns into the UK date of receipt), then just the date part.
    for candidate in (value, re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?(\s*[ap]m)?.*$", "", value, flags=re.I)):
        try:
            return parse_date(candidate.strip())
        except InputError:
            continue
    return None


def unread_date(text: str) -> str:
    """Why a pasted email's own date was not taken, when its header has a ``Date:`` or ``Sent:`` line foibot could
    not read ("Mon, 27 Feb 2028": 27 February 2028 is a Sunday): the line and the reason, said when foibot asks
    for the received date instead (never dropped without a word); "" when there is no such line or it was read."""
    from foibot.law.deadlines import parse_date

    for line in text.strip().split("\n"):
        header = _HEADER.match(line.strip())
        if not header:
            if line.strip():
                break
            continue
        field, value = header.group(1).lower(), header.group(2).strip()
        if field not in ("sent", "date") or not value:
            continue
        if _date_of(value) is not None:
            return ""
        short = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?(\s*[ap]m)?.*$", "", value, flags=re.I).strip()
        try:
            parse_date(short)
        except InputError as exc:
            why = str(exc).split(": ", 1)[1] if ": " in str(exc) and str(exc).startswith("'") else str(exc)
            return f"The email's {header.group(1).title()} line says '{short}', but {why}, so I have not taken " \
                   "the received date from it."
        return ""
    return ""
