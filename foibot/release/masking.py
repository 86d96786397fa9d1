"""The one masking rule for everything a finding quotes: its message and its examples, in text, JSON, the console
and Slack alike (``catalogue.finding`` applies it to every finding, so no inspector masks on its own).

Personal data is masked as a personal-data example is (``personal``: 'a***@e***.com', '0770 *** **23',
'CHI ****** ***7', 'TD6 ***'); a person's name and a street address word by word ('Dr A*** G****',
'7 A**** S*****'): enough to find it in the file, not enough to read it in a thread. A name is recognised by its
shape, as the properties check recognises one (``names``, ``props``): a titled name ("Mrs Isla Brown"), a name
introduced ("from Jane Smith"), a person-shaped value after a *who* label ("by Jane Smith", "authors: Jane Smith,
Tom Reid", "creator: jsmith"), or a whole value that is a person's name when the caller says it is a *who* value.
"""

from __future__ import annotations

import re

from foibot.release.findings import shortened
from foibot.release.names import INTRODUCED, NOT_A_PERSON, TITLES
from foibot.release.personal import mask_words, matches
from foibot.release.props import person_shaped

_NAME_WORD = r"[A-Z][A-Za-z'’-]+"
_TITLED_NAME = re.compile(r"\b" + TITLES + r"\.? (?:\d{1,6} )?(" + _NAME_WORD + r"(?: " + _NAME_WORD + r"){0,2})")
# "by Jane Smith", "authors: Jane Smith, Tom Reid", "last modified by: jsmith", "creator: Jane Smith": a list of
# values up to the next ';', '(', ')', ':' or quote, each masked when it has a person's shape (after a bare "by", a
# name of two words or more: "by style 'Marker'" names a style).
_WHO_LIST = re.compile(r"(?i:\b(by|authors?|creators?|initial creator|manager|printed by))(:?)[ \t]+"
                       r"([^;:()'\"\n]+)")
_STREET = re.compile(r"\b\d{1,4}[A-Za-z]?,? (?:" + _NAME_WORD + r" ){1,3}(?:Street|St|Road|Rd|Lane|Avenue|Ave|"
                     r"Drive|Close|Crescent|Place|Way|Court|Terrace|Gardens|Grove|Square|Walk|Row|Mews|Wynd|Brae|"
                     r"Park|View|Hill|Green|Gate|Vennel|Loan)\b")


def _spans(text: str, who: bool) -> list[tuple[int, int, str | None]]:
    """Where personal data is, each with its mask (None: a name or address, masked word by word)."""
    out: list[tuple[int, int, str | None]] = [(m.start(), m.end(), p.mask(m.group(0))) for p, m in matches(text)]
    if who and person_shaped(text.strip()):
        out.append((0, len(text), None))
    out += [(m.start(1), m.end(1), None) for m in _TITLED_NAME.finditer(text)]
    out += [(m.start(1), m.end(2), None) for m in INTRODUCED.finditer(text)
            if not {m.group(1).lower(), m.group(2).lower()} & NOT_A_PERSON]
    for m in _WHO_LIST.finditer(text):
        start = m.start(3)
        labelled = m.group(1).lower() != "by" or m.group(2) == ":"  # "by style 'Marker'" is no login; "by: jsmith" is
        for item in m.group(3).split(","):
            name = item.strip()
            lead = start + len(item) - len(item.lstrip())
            if name and person_shaped(name) and (labelled or " " in name):
                out.append((lead, lead + len(name), None))
            start += len(item) + 1
    out += [(m.start(), m.end(), None) for m in _STREET.finditer(text)]
    return out


def mask_personal(text: str, *, who: bool = False) -> str:
    """``text`` with every piece of personal data in it masked (see the module docstring). ``who``: the whole text is
    the value of a *who* property (author, creator, last modified by ...), masked when it has a person's shape.
    Overlapping names join ("from Mrs Isla Brown"); a pattern's match keeps its own mask."""
    if not text:
        return text
    merged: list[list] = []
    for start, end, mask in sorted(_spans(text, who), key=lambda s: (s[0], -s[1])):
        last = merged[-1] if merged else None
        if last is not None and start < last[1]:
            if mask is None and last[2] is None:
                last[1] = max(last[1], end)
            continue  # inside a match already masked (a postcode inside a street address, say)
        merged.append([start, end, mask])
    out: list[str] = []
    at = 0
    for start, end, mask in merged:
        out.append(text[at:start])
        out.append(mask_words(text[start:end]) if mask is None else mask)
        at = end
    out.append(text[at:])
    return "".join(out)


def quote(value: str, n: int = 60, *, who: bool = False) -> str:
    """A value quoted in a finding: masked first, then on one line and cut to ``n`` characters, so a cut never
    leaves half a postcode or an email readable."""
    return shortened(mask_personal(value, who=who), n)
