"""Exemptions that protect only some bodies' interests, and the note ``foibot exemption`` gives any other profile.

Section 35's rule (a government department or the Welsh Government) is the drafting check's
(``foibot.letter.answer_checks.authority_fit``); this holds the rules that are not yet there, as data, for
``foibot exemption`` and ``/foi exemption`` (and for the drafting check to take up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Reliance:
    """An exemption whose protection belongs to named bodies: ``holders`` matches the profile's name of one of them;
    ``note`` is said to any other profile."""

    section: str
    holders: re.Pattern[str]
    note: str


RULES: tuple[Reliance, ...] = (
    Reliance(
        "s34",
        re.compile(r"\bHouse of (?:Commons|Lords)\b", re.I),
        "Section 34 protects only the privileges of either House of Parliament (the House of Commons and the House "
        "of Lords): not those of the Senedd, the Scottish Parliament, the Northern Ireland Assembly or any other "
        "body. It applies here only if disclosure would infringe the privileges of one of the two Houses; ask that "
        "House if in doubt (https://www.legislation.gov.uk/ukpga/2000/36/section/34).",
    ),
)


def reliance_notes(section: str, authority_name: str) -> list[str]:
    """The notes for ``section`` (the knowledge base's name, ``s34``) given to the authority named."""
    return [r.note for r in RULES if r.section == section and not r.holders.search(authority_name or "")]
