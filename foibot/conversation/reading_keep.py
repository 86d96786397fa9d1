"""The officer's own words in reply to "Keep s43(2) without s35(1)(a)? (yes or no)", asked when the authority cannot
rely on an exemption it cited (``reading_reliance``): "yeah drop 35", "ok, remove it" (keep the rest); "just 43",
"s43(2) only" (that one alone); "use 36(2)(b)(i) instead", "swap it for 36(2)(c)", "36(2)(b)(ii) then" (the rest
and the one named). The exemptions meant are typed out and read as any answer to the exemptions question, so one
still refused is asked back again with its reason. A reply in none of these forms is read as before."""

from __future__ import annotations

import re

from foibot.conversation.reading_citations import read_citations
from foibot.conversation.reading_phrases import simplify
from foibot.conversation.state import Pending
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge
from foibot.knowledge.vocabulary import Vocabulary

_ONLY = re.compile(r"^(?:(?:just|only)\s+(?P<a>.+)|(?P<b>.+?)\s+only)$")
_NUMBER = re.compile(r"(?<![\d(])(\d{1,2})(?![\d])")


def _number(citation: str) -> str:
    found = _NUMBER.search(citation)
    return found[1] if found else ""


def _named(kb: Knowledge, text: str, regime: str) -> list[str]:
    """The citations a reply names ("36(2)(b)(i)", "s43"), canonical; none when it names none."""
    try:
        return read_citations(kb, text, regime)
    except InputError:
        return []


def _without_yes(said: str, words: Vocabulary) -> str:
    """"yeah drop 35" gives "drop 35"; "oh yes of course, remove" gives "remove"."""
    lead = sorted({*words.yes, *words.acknowledgements}, key=len, reverse=True)
    for _ in range(3):
        head = next((w for w in lead if re.match(rf"{re.escape(w)}\b", said)), None)
        if head is None:
            break
        said = said[len(head):].lstrip(" ,.;:!-–—")
        said = re.sub(r"^(?:of course|then|please)\b[\s,]*", "", said)
    return said


def _picked(cited: list[str], wanted: list[str], numbers: list[str]) -> list[str]:
    """Those of ``cited`` the reply names, by citation or by section number ("just 43")."""
    return [c for c in cited if c in wanted or _number(c) in numbers]


def kept_or_dropped(pending: Pending, text: str, kb: Knowledge, regime: str) -> str | None:
    """The exemptions the reply means, typed out ("s43(2), s36(2)(b)(i)"), or None (see the module docstring)."""
    if not pending.dropped or not isinstance(pending.value, list):
        return None
    words = kb.vocabulary
    said = _without_yes(simplify(text), words)
    kept, cited = [str(c) for c in pending.value], [str(c) for c in (*pending.value, *pending.dropped)]
    named, numbers = _named(kb, said, regime), _NUMBER.findall(said)
    only = _ONLY.match(said)
    if only and (picked := _picked(cited, _named(kb, only["a"] or only["b"], regime), numbers)):
        return ", ".join(picked)
    new = [c for c in named if c not in cited and _number(c) not in {_number(k) for k in cited}]
    if new and any(re.search(rf"\b{re.escape(w)}\b", said) for w in words.swaps):
        return ", ".join([*kept, *new])
    if not new and any(re.search(rf"\b{re.escape(w)}\b", said) for w in words.drops):
        gone = _picked(cited, named, numbers) or list(pending.dropped)
        return ", ".join(c for c in cited if c not in gone) or None
    return None
