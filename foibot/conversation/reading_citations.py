"""Exemptions as officers type them: "s31(1)(a), (b) and (c)", "22 and 31(1)(a)", "section 40(2) and s43",
NCND provisions such as "30(3)", and under the EIR "12(5)(e)" as a regulation.

Each citation is parsed by the one citation parser (:mod:`foibot.knowledge.citations`) through ``kb.resolve``.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from foibot.errors import InputError
from foibot.knowledge.citations import parse_citation
from foibot.knowledge.model import Exemption, Knowledge, limb_text

# One citation, optionally with its "section"/"reg" word, or a bare continuation such as "(b)".
_PIECE = re.compile(
    r"(?P<cite>(?<![A-Za-z])(?:(?:foia|eir|foisa)\s+)?(?:sections?|sect\.?|ss?\.?|regulations?|regs?\.?|r\.?)?\s*"
    r"\d+[A-Za-z]?(?:\s*\(\s*[0-9A-Za-z]{1,4}\s*\))*)"
    r"|(?P<more>\(\s*[0-9A-Za-z]{1,4}\s*\)(?:\s*\(\s*[0-9A-Za-z]{1,4}\s*\))*)", re.I)
_SEPARATORS = re.compile(r"^[\s,;&+/]*(?:\b(?:and|plus|also|&)\b[\s,;&+/]*)*$", re.I)
_WORDS = re.compile(r"[a-z]{3,}", re.I)


def read_citations(kb: Knowledge, text: str, regime: str) -> list[str]:
    """The citations a reply names, canonical (``s31(1)(a)``, ``r12(5)(e)``), in order, without repeats."""
    out: list[str] = []
    previous = ""
    position = 0
    for match in _PIECE.finditer(text):
        between = text[position:match.start()]
        position = match.end()
        if between.strip() and not _SEPARATORS.match(between):
            _named(kb, between, regime, out)
        if match["cite"]:
            piece = match["cite"]
        elif previous:
            piece = _continue(previous, match["more"])
        else:
            raise InputError(f"'{match['more']}' follows no section; write it in full, for example s31(1)(b).")
        previous = piece
        citation = _resolve(kb, piece, regime)
        if citation not in out:
            out.append(citation)
    rest = text[position:]
    if rest.strip() and not _SEPARATORS.match(rest):
        _named(kb, rest, regime, out)
    if not out:
        raise InputError(f"'{text.strip()[:60]}' names no exemption I know; give sections such as s22 or "
                         "s31(1)(a)" + (", or regulations such as 12(5)(e)" if regime == "eir" else "") + ".")
    return out


def _continue(previous: str, more: str) -> str:
    """``s31(1)(a)`` followed by ``(b)`` is ``s31(1)(b)``: the new brackets replace as many at the end."""
    brackets = re.findall(r"\([^)]*\)", previous)
    new = re.findall(r"\([^)]*\)", more)
    head = previous[:previous.index("(")] if brackets else previous
    kept = brackets[:max(len(brackets) - len(new), 0)]
    return head + "".join(kept) + "".join(new)


def _resolve(kb: Knowledge, piece: str, regime: str) -> str:
    try:
        exemption, limb = kb.resolve(piece, regime)
    except InputError:
        ncnd = _ncnd(kb, piece, regime)
        if ncnd is None:
            raise
        return ncnd.section
    return exemption.section + (limb_text(limb) if limb else "")


def _ncnd(kb: Knowledge, piece: str, regime: str) -> Exemption | None:
    """The exemption whose neither-confirm-nor-deny provision this is (``30(3)``, ``40(5B)``), if any."""
    try:
        citation = parse_citation(piece, regime)
    except InputError:
        return None
    exemption = kb.exemptions.get(citation.family)
    if exemption and exemption.ncnd and citation.provision == "s" + exemption.ncnd.split(")")[0] + ")":
        return exemption
    return None


def _named(kb: Knowledge, words: str, regime: str, out: list[str]) -> None:
    """An exemption named in words ("personal information", "law enforcement"), added to ``out`` if found."""
    phrase = " ".join(_WORDS.findall(words)).lower()
    phrase = re.sub(r"\b(and|also|plus|the|section|sections|exemption|exemptions|under|for)\b", " ", phrase).strip()
    if not phrase:
        return
    titles = {e.section: e.title.lower() for e in kb.exemptions.values() if e.regime == regime}
    hit = process.extractOne(phrase, titles, scorer=fuzz.token_set_ratio, score_cutoff=85)
    if hit is not None and not any(c == hit[2] or c.startswith(hit[2] + "(") for c in out):
        out.append(hit[2])
