"""Whether document properties name someone, so that ordinary properties do not make every file amber.

Every Office, OpenDocument and PDF file has properties: the program that wrote it ("openpyxl", "Canon iR-ADV"),
a title, and an author that is often a team or a system account ("Information Governance", "CaseSys Export").
Calling each such file amber teaches officers to ignore amber. A property is worth a review (amber) when it:

- holds personal data (an email, a phone number, a postcode ...) or a titled or introduced name ("PC Jones");
- points at an internal path (a file share, a drive letter, ``file://``);
- is a *who* property (author, last modified by, manager, printed by, a custom property) whose value has the shape
  of a person's name ("Jane Smith", "Smith, Jane") or a login ("jsmith"), not of a team, a body or a program.

Anything else is reported for information. foibot has no list of names, so a person's name is recognised by its
shape; words that name a team, a body or a program give a value away as not a person.
"""

from __future__ import annotations

import re

from foibot.release.names import NOT_A_PERSON, names_a_person
from foibot.release.personal import find

WHO = frozenset({"creator", "last modified by", "manager", "initial creator", "printed by", "author"})

_PATH = re.compile(r"(?i)\\\\[\w.$-]+\\|file:/|\b[a-z]:\\|\bsmb://|/(?:home|users|mnt|srv|shares?)/")
_GUIDISH = re.compile(r"(?i)^(?:\{?[0-9a-f]{8}-[0-9a-f-]{27,}\}?|0x[0-9a-f]+|true|false|-?\d[\d.,:/ T+Z-]*)$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_LOGIN = re.compile(r"^[a-z][a-z]{0,2}[._]?[a-z]{2,15}\d{0,3}$|^[A-Z]{2,15}[A-Z]{1,2}\d{0,3}$")
_GENERIC_LOGIN = frozenset({"openpyxl", "python", "admin", "administrator", "user", "owner", "guest", "author",
                            "unknown", "default", "system", "scanner", "reportlab", "pdfium", "ghostscript"})


def _person_shaped(value: str) -> bool:
    v = " ".join(value.split())
    if not v or len(v) > 60 or _GUIDISH.match(v):
        return False
    words = _WORD.findall(v)
    if not words or any(w.lower().strip(".'’-") in NOT_A_PERSON for w in words):
        return False
    if len(words) == 1:
        w = words[0]
        return len(v) == len(w) and bool(_LOGIN.match(w)) and w.lower() not in _GENERIC_LOGIN
    if not 2 <= len(words) <= 4 or any(ch.isdigit() for ch in v):
        return False
    # "Jane Smith", "J. Smith", "Smith, Jane", "Jane O'Neill-Jones": every word starts with a capital letter.
    return all(w[0].isupper() for w in words)


def person_shaped(value: str) -> bool:
    """Whether ``value`` has the shape of a person's name ("Jane Smith", "Smith, Jane") or a login ("jsmith")."""
    return _person_shaped(value)


def names_someone(label: str, value: str) -> bool:
    """Whether the property ``label`` with ``value`` is worth a review (see the module docstring)."""
    if names_a_person(value) or find(value) or _PATH.search(value):
        return True
    who = label.lower() in WHO or label.lower().startswith("custom")
    return who and _person_shaped(value)


def flagged(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (label, value) properties that name someone or point at an internal path."""
    return [(k, v) for k, v in items if names_someone(k, v)]
