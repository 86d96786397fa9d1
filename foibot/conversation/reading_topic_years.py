"""Reports named by when they are from, or by whether they are out: "the 2021 one", "the 2023-25 one", "PEEL 23-25",
"the 21/22 report", "the one due in Feb", "the one not out yet". A year in a title counts first ("State of Policing
… 2026"), except one the report only looks back to ("progress since 2021"); then the year it was published. The
rest of the reply's words choose among several; more than one left is no answer here (the reader goes on)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from foibot.conversation.reading_phrases import by_words, found_phrase
from foibot.knowledge.model import Knowledge, Option, Topic
from foibot.knowledge.vocabulary import Vocabulary

_RANGE = re.compile(r"(?<!\d)((?:19|20)?\d{2})\s*[-–/]\s*((?:19|20)?\d{2})(?!\d)")
_YEAR = re.compile(r"(?<![\d/-])((?:19|20)\d{2})(?![\d/-])")
_SINCE = re.compile(r"\b(?:since|from|after|before)\s+$")

Span = tuple[int, int]


def _full(year: str) -> int:
    return int(year) if len(year) == 4 else 2000 + int(year)


def _spans(text: str) -> tuple[list[Span], list[int]]:
    """The year ranges ("2023-25", "21/22") and single years ("2021") a text names."""
    ranges = [(_full(a), _full(b)) for a, b in _RANGE.findall(text) if _full(a) < _full(b) <= _full(a) + 5]
    bare = _RANGE.sub(" ", text)
    return ranges, [int(y) for y in _YEAR.findall(bare)]


def _title_years(title: str) -> tuple[list[Span], list[int]]:
    """A title's ranges and the years it is of (not one it looks back to: "since 2021")."""
    ranges, _ = _spans(title)
    bare = _RANGE.sub(" ", title)
    years = [int(m.group(1)) for m in _YEAR.finditer(bare) if not _SINCE.search(bare[:m.start()])]
    return ranges, years


def _published(topic: Topic) -> int | None:
    found = re.match(r"(\d{4})", topic.published or "")
    return int(found.group(1)) if found else None


def _narrowed(hits: list[Topic], said: str, series: set[str]) -> str | None:
    """The one report among ``hits``, the one of the series of a report shown ("the 2023-25 one" when PEEL 2021/22
    is shown), or the one the reply's other words name ("second tranche")."""
    same = [t for t in hits if _series(t.title) in series]
    hits = same if len(same) == 1 else hits
    if len(hits) == 1:
        return hits[0].id
    rest = " ".join(_spans_removed(said).split())
    return by_words([Option(t.id, t.title) for t in hits], rest) if rest else None


def _series(title: str) -> str:
    """The word a title opens with, which names its series ("PEEL", "State")."""
    return title.split()[0].strip(":").lower() if title.split() else ""


def _spans_removed(said: str) -> str:
    return _YEAR.sub(" ", _RANGE.sub(" ", said))


def by_year(kb: Knowledge, shown: list[Option], said: str) -> str | None:
    """The report a reply names by its years (see the module docstring), among those shown, else all; or None."""
    ranges, years = _spans(said)
    if not ranges and not years:
        return None
    first = [kb.topics[o.value] for o in shown if o.value in kb.topics]
    pools: Iterable[list[Topic]] = (first, list(kb.topics.values()))
    series = {_series(t.title) for t in first}
    for pool in pools:
        if ranges:
            hits = [t for t in pool if set(ranges) & set(_title_years(t.title)[0])]
        else:
            hits = [t for t in pool if set(years) & set(_title_years(t.title)[1])] or \
                   [t for t in pool if _published(t) in years]
        if hits:
            found = _narrowed(hits, said, series)
            return found if found is None or _agrees(kb, found, said) else None
    return None


def _agrees(kb: Knowledge, found: str, said: str) -> bool:
    """Whether the reply's other words name no other report ("the vetting report from 2019" names the vetting one,
    whatever was published in 2019)."""
    rest = " ".join(_spans_removed(said).split())
    named = by_words([Option(t.id, t.title) for t in kb.topics.values()], rest) if rest else None
    return named is None or named == found


_FILLER = frozenset({"the", "one", "report", "that", "that's", "which", "is", "it", "its", "it's", "our", "yet"})


def by_status(kb: Knowledge, shown: list[Option], said: str, words: Vocabulary) -> str | None:
    """The one report shown that is out, or not yet out, as the reply says ("the one not out yet"), or None; a reply
    saying more than that ("the one we published last month") must agree with the report's date ("due in Feb")."""
    phrase = found_phrase(words.forthcoming, said) or found_phrase(words.out_already, said)
    if phrase is None:
        return None
    wanted = "forthcoming" if phrase in words.forthcoming else "published"
    hits = [kb.topics[o.value] for o in shown if o.value in kb.topics and kb.topics[o.value].status == wanted]
    if len(hits) != 1:
        return None
    rest = set(re.findall(r"[a-z']+", said.replace(phrase, " "))) - _FILLER
    when = f"{hits[0].planned} {hits[0].published}".lower()
    return hits[0].id if all(len(w) >= 3 and w[:3] in when for w in rest) else None
