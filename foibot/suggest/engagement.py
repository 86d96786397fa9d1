"""What engages each exemption (``intents/engagement.yaml``), matched against a request's words.

A cue of several words matches when they occur in that order with at most ``GAP`` other words
between each and the next ("camera* location*" matches "cameras and their locations", not "locations
of cameras", which is a cue of its own); ``word*`` matches any word starting with ``word``; other
words also match their plural. Each matched concept adds to its exemption's strength (a noisy-or of
the concepts' weights), and the reason names the concept and the words that matched. A concept may
list ``unless`` cues: when one of them occurs, the concept's cues are read in another sense and it does
not count ("published" is not "already published" in "will be published next month"). A concept may also
list ``not_in`` cues, phrases in which one of its words means something else: the words a ``not_in`` phrase
covers do not count for that concept, but the rest of the request still does ("personal" in "personal
budget" names no one, while "the names of staff" in the same request still engages s40).

The entry ``environmental`` is no exemption: its concepts say what makes information environmental (the
state of the elements, the factors affecting them, and the plans and measures that affect them, as the
EIR define it), so that such a request is offered the EIR's exceptions (``environmental``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from foibot.errors import DataError, InputError
from foibot.knowledge.citations import family, parse_citation
from foibot.knowledge.datafile import Node, list_field, load_yaml, text_field
from foibot.text import mask_names, normalise

GAP = 3
ENVIRONMENTAL = "environmental"
"""The entry that says what makes information environmental (not an exemption)."""
_KEY = re.compile(r"^(s\d+[a-zA-Z]?|foisa-s\d+[a-z]?|r\d+(\(\d+\)\([a-z]\))?)$")


@dataclass(frozen=True)
class Concept:
    about: str
    weight: float
    cues: tuple[tuple[str, ...], ...]
    unless: tuple[tuple[str, ...], ...] = ()
    cite: tuple[str, ...] = ()  # the fuller citations it points to (s40(5A)), one per numbering (foisa-s38(1)(a))
    not_in: tuple[tuple[str, ...], ...] = ()  # phrases whose words do not count for this concept


@dataclass(frozen=True)
class Engaged:
    """One exemption a request engages: strength 0-1 and why."""

    family: str
    title: str
    strength: float
    why: str
    citations: tuple[str, ...] = ()  # the fuller citations its strongest matched concept names, if any


class Engagement:
    """The engagement knowledge, loaded and checked; ``match`` is thread-safe."""

    def __init__(self, entries: dict[str, tuple[str, list[Concept]]]):
        self.environment = entries.get(ENVIRONMENTAL)
        self.entries = {key: entry for key, entry in entries.items() if key != ENVIRONMENTAL}

    @property
    def titles(self) -> dict[str, str]:
        return {key: title for key, (title, _) in self.entries.items()}

    def match(self, text: str) -> list[Engaged]:
        """The exemptions the request engages, strongest first."""
        return self._match(self.entries, _positions(text))

    def environmental(self, text: str) -> str:
        """Why the request reads as asking for environmental information ("" when it does not)."""
        if self.environment is None:
            return ""
        found = self._match({ENVIRONMENTAL: self.environment}, _positions(text))
        return found[0].why if found else ""

    @staticmethod
    def _match(entries: dict[str, tuple[str, list[Concept]]], positions: dict[str, list[int]]) -> list[Engaged]:
        found = []
        for key, (title, concepts) in entries.items():
            miss, reasons, cited, weight = 1.0, [], (), 0.0
            for concept in concepts:
                if any(_occurs(cue, positions) for cue in concept.unless):
                    continue
                seen = _without(positions, concept.not_in) if concept.not_in else positions
                hits = [" ".join(cue) for cue in concept.cues if _occurs(cue, seen)]
                if hits:
                    miss *= 1 - concept.weight
                    reasons.append(f"{concept.about} ({', '.join(repr(h) for h in hits[:3])})")
                    if concept.cite and concept.weight > weight:
                        cited, weight = concept.cite, concept.weight
            if reasons:
                found.append(Engaged(key, title, round(1 - miss, 3), "; ".join(reasons), cited))
        found.sort(key=lambda e: (-e.strength, e.family))
        return found


def _positions(text: str) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for i, w in enumerate(normalise(mask_names(text)).replace("'", " ").split()):
        positions.setdefault(w, []).append(i)
    return positions


def _where(word: str, positions: dict[str, list[int]]) -> list[int]:
    if word.endswith("*"):
        stem = word[:-1]
        return sorted(p for w, ps in positions.items() if w.startswith(stem) for p in ps)
    return sorted(positions.get(word, []) + positions.get(word + "s", []) + positions.get(word + "es", []))


def _occurs(cue: tuple[str, ...], positions: dict[str, list[int]]) -> bool:
    places = [_where(w, positions) for w in cue]
    if not all(places):
        return False
    if len(places) == 1:
        return True
    # Some occurrence of each word after the previous one, at most GAP words on.
    ends = places[0]
    for other in places[1:]:
        ends = [q for q in other if any(0 < q - p <= GAP + 1 for p in ends)]
        if not ends:
            return False
    return True


def _covered(cue: tuple[str, ...], positions: dict[str, list[int]]) -> set[int]:
    """The word positions of every occurrence of ``cue`` (its words in order, at most ``GAP`` apart)."""
    chains = [[p] for p in _where(cue[0], positions)]
    for word in cue[1:]:
        places = _where(word, positions)
        chains = [chain + [q] for chain in chains for q in places if 0 < q - chain[-1] <= GAP + 1]
        if not chains:
            return set()
    return {p for chain in chains for p in chain}


def _without(positions: dict[str, list[int]], phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[int]]:
    """``positions`` less the words that ``phrases`` cover (a word read in another sense)."""
    covered = set().union(*(_covered(cue, positions) for cue in phrases))
    if not covered:
        return positions
    out = {w: [p for p in ps if p not in covered] for w, ps in positions.items()}
    return {w: ps for w, ps in out.items() if ps}


def _cue_words(cue: object) -> tuple[str, ...]:
    """``speed camera*`` -> (``speed``, ``camera*``); a bare ``*`` or an empty cue gives ()."""
    words: list[str] = []
    for raw in str(cue or "").split():
        star = raw.endswith("*")
        parts = normalise(raw.rstrip("*")).split()
        if not parts:
            return ()
        words.extend(parts[:-1] + [parts[-1] + ("*" if star else "")])
    return tuple(words)


def _cues(item: Node, field: str, *, required: bool = False) -> tuple[tuple[str, ...], ...]:
    cues = []
    for cue in list_field(item, field, required=required):
        words = _cue_words(cue)
        if not words:
            raise item.fail(field, f"has an empty or bad cue: {cue!r}")
        cues.append(words)
    return tuple(cues)


def _cite(item: Node, key: str) -> tuple[str, ...]:
    """A concept's ``cite``: fuller citations of its exemption (s40(5A)), or of the FOISA section that is its
    Scottish counterpart (foisa-s38(1)(a)), at most one per numbering."""
    out: list[str] = []
    for raw in list_field(item, "cite"):
        try:
            citation = parse_citation(str(raw))
        except InputError as exc:
            raise item.fail("cite", str(exc)) from exc
        if citation.family != key and not (citation.regime == "foisa" and not key.startswith("foisa-")):
            raise item.fail("cite", f"'{raw}' is not a citation of {key} (or of its FOISA counterpart, foisa-s...)")
        if any(family(c) == citation.family for c in out):
            raise item.fail("cite", f"names {citation.family} twice; give one citation per numbering")
        out.append(citation.text)
    return tuple(out)


def load_engagement(path: Path, display: str = "intents/engagement.yaml") -> Engagement:
    """Read and check the file; a DataError names the file, line and field."""
    data = load_yaml(path, display)
    if not isinstance(data, Node):
        raise DataError(display, None, None, "must be a mapping of exemption to concepts")
    entries: dict[str, tuple[str, list[Concept]]] = {}
    for key, node in data.items():
        if not _KEY.match(str(key)) and key != ENVIRONMENTAL:
            raise data.fail(key, "must be a section such as s31, a Scottish one such as foisa-s18, "
                                f"an EIR exception such as r12(5)(e), or {ENVIRONMENTAL}")
        if not isinstance(node, Node):
            raise data.fail(key, "must be a mapping with title and concepts")
        concepts = []
        for item in list_field(node, "concepts", required=True):
            if not isinstance(item, Node):
                raise node.fail("concepts", "each concept must be a mapping with about, weight and cues")
            weight = item.get("weight", 0.5)
            if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0.1 <= weight <= 0.9:
                raise item.fail("weight", "must be a number from 0.1 to 0.9")
            cues, unless = _cues(item, "cues", required=True), _cues(item, "unless")
            concepts.append(Concept(text_field(item, "about"), float(weight), cues, unless, _cite(item, str(key)),
                                    _cues(item, "not_in")))
        entries[str(key)] = (text_field(node, "title"), concepts)
    return Engagement(entries)
