"""The one parser of citations: ``s31(1)(a)``, ``section 40(5B)(a)(i)``, ``EIR reg 12(5)(e)``, ``FOISA s35(1)(a)``.

A :class:`Citation` knows its regime, so under the EIR a bare ``12(5)(e)`` is a regulation, while an
explicit ``s43`` stays a FOIA section (so a FOIA exemption given for environmental information can be
spotted). Forms:

- ``text``: canonical, and the key of answers: ``s31(1)(a)`` (FOIA), ``r12(5)(e)`` (EIR),
  and FOISA ``s35(1)(a)``: the
  ``regime`` tells a FOISA section from a FOIA one.
- ``family``: the exemption file it belongs to: ``s40`` for any part of section 40; EIR regulation 12
  keeps its exception (``r12(5)(e)``), other regulations their number (``r13``).
- ``provision``: the section or regulation with its first subsection: ``s40(5B)``, ``s23(5)``,
  ``r12(4)``. Which provisions are NCND comes from the exemption files' ``ncnd`` field, never from here.
- ``cite()``: as a letter writes it: ``section 31(1)(a)``, ``regulation 12(5)(e)``.

Subsection letters keep the statute's case: ``(5B)``, ``(a)``, ``(i)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from foibot.errors import InputError

REGIMES = ("foia", "eir", "foisa")

_ONE = re.compile(
    r"^\s*(?:(?P<law>foia|foisa|eir)(?![-\w])\.?\s*)?"
    r"(?:(?P<fkey>foisa-s)|(?P<kind>sections?|sect\.?|ss?\.|regulations?|regs?\.?|r\.)\s*|(?P<short>[sr])\s*(?=\d))?"
    r"(?P<num>\d{1,3}[A-Za-z]?)(?P<rest>(?:\s*\(\s*[0-9A-Za-z]{1,4}\s*\))*)\s*[.,;:]?\s*$", re.I)
_PART = re.compile(r"\(\s*([0-9A-Za-z]{1,4})\s*\)")

# Citations in running text: "section 31(1)(a)", "s.40(2)", "regulation 12(5)(e)", "reg 12(4)(a)",
# "FOISA s35", "sections 23(5)". A bare "12 May" or "£450" is not a citation.
_IN_TEXT = re.compile(
    r"(?<![\w£$])(?:(?P<law>FOIA|FOISA|EIR)\s+)?"
    r"(?P<kind>sections?|s\.|s(?=\d)|regulations?|regs?\.?|r\.(?=\s*\d))\s*(?P<num>\d{1,3}[A-Za-z]?)(?!\d)"
    r"(?P<rest>(?:\s?\([0-9A-Za-z]{1,4}\))*)", re.I)


def _part(part: str) -> str:
    """``5b`` -> ``5B``; ``A`` -> ``a``; ``iv`` stays."""
    return part.upper() if part[:1].isdigit() else part.lower()


@dataclass(frozen=True)
class Citation:
    """A parsed citation: regime, the section or regulation number, and its subsections in order."""

    regime: str
    number: str
    limb: str = ""

    @property
    def is_regulation(self) -> bool:
        return self.regime == "eir"

    @property
    def parts(self) -> tuple[str, ...]:
        """The subsections in order: ``5B(a)(i)`` -> ``("5B", "a", "i")``."""
        if not self.limb:
            return ()
        head, _, rest = self.limb.partition("(")
        return (head, *_PART.findall("(" + rest)) if rest else (head,)

    @property
    def subsections(self) -> str:
        """``(1)(a)``, or empty."""
        return "".join(f"({p})" for p in self.parts)

    @property
    def _head(self) -> str:
        """``s31``, ``r12``, ``foisa-s35``: FOISA keys never collide with the UK Act's sections."""
        return {"eir": "r", "foisa": "foisa-s"}.get(self.regime, "s") + self.number

    @property
    def text(self) -> str:
        """Canonical: ``s31(1)(a)``, ``r12(5)(e)``."""
        return self._head + self.subsections

    @property
    def family(self) -> str:
        """The exemption family: ``s40``; ``r12(5)(e)`` (reg 12 keeps its exception); ``r13``."""
        if self.is_regulation and self.number == "12":
            return self._head + "".join(f"({p})" for p in self.parts[:2])
        return self._head

    @property
    def provision(self) -> str:
        """The section or regulation with its first subsection: ``s40(5B)``, ``r12(4)``; bare when none."""
        return self._head + (f"({self.parts[0]})" if self.parts else "")

    def cite(self) -> str:
        """As a letter writes it: ``section 31(1)(a)``, ``regulation 12(5)(e)``."""
        return ("regulation " if self.is_regulation else "section ") + self.number + self.subsections

    def within(self, key: str) -> bool:
        """True if this citation is ``key`` or lies under it (``s40(5B)(a)`` is within ``s40(5B)`` and ``s40``)."""
        return self.text == key or self.text.startswith(key + "(")


def parse_citation(text: str, regime: str = "foia") -> Citation:
    """Parse one citation. ``regime`` decides bare numbers; an explicit ``reg``/``EIR``/``FOISA`` wins.

    Raises InputError (and nothing else) for text that is not a single citation.
    """
    raw = str(text)
    regime = str(regime or "foia").lower()
    if regime not in REGIMES:
        raise InputError(f"regime must be one of {', '.join(REGIMES)} (got '{regime[:20]}')")
    match = _ONE.match(raw)
    if not match:
        raise InputError(f"'{raw.strip()[:60]}' does not look like a section, e.g. s22 or s31(1)(a)"
                         + (" or regulation 12(5)(e)" if regime == "eir" else ""))
    law = (match["law"] or "").lower()
    kind = (match["kind"] or match["short"] or "").lower()
    if match["fkey"] or law == "foisa":
        which = "foisa"
    elif kind.startswith("r") or law == "eir":
        which = "eir"
    elif law == "foia":
        which = "foia"
    elif kind:  # an explicit section: FOIA, or FOISA when the request is Scottish
        which = "foisa" if regime == "foisa" else "foia"
    else:
        which = regime
    return Citation(which, match["num"].upper(), _limb(match["rest"]))


_EISR = re.compile(r"^\s*EISR\s+reg(?:ulation)?\.?\s*(?P<num>10|11)\s*(?P<rest>(?:\(\s*\w+\s*\))*)", re.I)


def family(text: str, regime: str = "foia") -> str:
    """The family of a citation (``section 40(2)`` -> ``s40``), or the text itself when it is no citation.

    The Scottish EIR, which foibot does not draft, keep a family of their own: ``EISR reg 10(5)(e)``
    (regulation 10 keeps its exception, as the EIR's regulation 12 does) and ``EISR reg 11``."""
    scottish = _EISR.match(str(text))
    if scottish:
        parts = re.findall(r"\(\s*(\w+)\s*\)", scottish["rest"])[:2] if scottish["num"] == "10" else []
        return f"EISR reg {scottish['num']}" + "".join(f"({p})" for p in parts)
    try:
        return parse_citation(text, regime).family
    except InputError:
        return str(text).strip()


def eisr_as_eir(fam: str) -> str:
    """A Scottish EIR family as its EIR counterpart (``EISR reg 10(5)(e)`` -> ``r12(5)(e)``, ``EISR reg 11``
    -> ``r13``); any other family unchanged."""
    if fam == "EISR reg 11":
        return "r13"
    return "r12" + fam.removeprefix("EISR reg 10") if fam.startswith("EISR reg 10") else fam


def eir_as_eisr(fam: str) -> str:
    """An EIR family as a Scottish authority cites it (``r12(5)(e)`` -> ``EISR reg 10(5)(e)``, ``r13`` ->
    ``EISR reg 11``); any other family unchanged."""
    if fam == "r13":
        return "EISR reg 11"
    return "EISR reg 10" + fam.removeprefix("r12") if fam.startswith("r12") else fam


def canonical(text: str, regime: str = "foia") -> str:
    """The canonical form (``S 43 (2)`` -> ``s43(2)``), or the text itself when it is no citation."""
    try:
        return parse_citation(text, regime).text
    except InputError:
        return str(text).strip()


def _limb(rest: str) -> str:
    parts = [_part(p) for p in _PART.findall(rest)]
    return (parts[0] + "".join(f"({p})" for p in parts[1:])) if parts else ""


def find_citations(text: str, regime: str = "foia") -> Iterator[tuple[Citation, re.Match[str]]]:
    """Every citation written out in running text, with its match (``.start()``, ``.end()``, ``.group(0)``)."""
    for match in _IN_TEXT.finditer(text):
        law = (match["law"] or "").lower()
        kind = match["kind"].lower()
        if law == "foisa" or (regime == "foisa" and not kind.startswith("r") and law != "foia"):
            which = "foisa"
        elif kind.startswith("r") or law == "eir":
            which = "eir"
        else:
            which = "foia"
        yield Citation(which, match["num"].upper(), _limb(match["rest"])), match
