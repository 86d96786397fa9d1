"""How often each exemption family is cited, by type of authority (``intents/priors.yaml``).

A type's prior is its own counts smoothed towards the global counts: ``(count + SMOOTHING * global_share)
/ (cases + SMOOTHING)``, so a type with few cases leans on the global figures. The evaluation derives the
same table from its training split only; the shipped file is for production.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from foibot.errors import DataError
from foibot.knowledge.datafile import Node, load_yaml

TYPES = ("police", "council", "central_government", "health", "inspectorate", "education", "other")
SMOOTHING = 10.0
_ALIASES = {"nhs": "health"}


@dataclass
class Priors:
    """Cases and citations per authority type, and in all."""

    counts: dict[str, Counter] = field(default_factory=dict)
    cases: Counter = field(default_factory=Counter)

    def add(self, authority_type: str, families: Iterable[str]) -> None:
        kind = normalise_type(authority_type)
        self.cases[kind] += 1
        self.counts.setdefault(kind, Counter()).update(set(families))

    def share(self, authority_type: str) -> dict[str, float]:
        """The share of a type's cases citing each family, smoothed towards all types'."""
        total = sum(self.cases.values())
        if not total:
            return {}
        overall: Counter = sum(self.counts.values(), Counter())
        glob = {f: n / total for f, n in overall.items()}
        kind = normalise_type(authority_type)
        n, own = self.cases.get(kind, 0), self.counts.get(kind, Counter())
        return {f: (own.get(f, 0) + SMOOTHING * g) / (n + SMOOTHING) for f, g in glob.items()}


def normalise_type(value: str | None) -> str:
    kind = (value or "other").strip().lower().replace(" ", "_")
    kind = _ALIASES.get(kind, kind)
    return kind if kind in TYPES else "other"


def authority_type_of(row: Mapping[str, object]) -> str:
    """A case's authority type: its ``authority_type``, else guessed from the authority's name."""
    if row.get("authority_type"):
        return normalise_type(str(row["authority_type"]))
    name = str(row.get("authority") or "").lower()
    for words, kind in ((("police", "constabulary"), "police"), (("council", "borough"), "council"),
                        (("nhs", "hospital", "health"), "health"), (("university", "college", "school"), "education"),
                        (("inspectorate", "hmic", "ofsted"), "inspectorate"),
                        (("department", "ministry", "office", "hm "), "central_government")):
        if any(w in name for w in words):
            return kind
    return "other"


def derive(rows: Iterable[Mapping[str, object]], family: Callable[[str], str]) -> Priors:
    """Priors from answered requests (rows with ``exemptions``; those citing none count as cases)."""
    priors = Priors()
    for row in rows:
        cited = row.get("exemptions") or []
        priors.add(authority_type_of(row), [family(str(c)) for c in cited] if isinstance(cited, list) else [])
    return priors


def load_priors(path: Path, display: str = "intents/priors.yaml") -> Priors:
    """Read and check ``priors.yaml``: ``types: {TYPE: {cases: N, cited: {FAMILY: N}}}``."""
    data = load_yaml(path, display)
    types = data.get("types") if isinstance(data, Node) else None
    if not isinstance(types, Node):
        raise DataError(display, None, "types", "must be a mapping of authority type to counts")
    priors = Priors()
    for kind, node in types.items():
        if kind not in TYPES:
            raise types.fail(kind, f"is not an authority type; use one of {', '.join(TYPES)}")
        cases, cited = node.get("cases") if isinstance(node, Node) else None, \
            node.get("cited") if isinstance(node, Node) else None
        if not isinstance(cases, int) or isinstance(cases, bool) or cases < 0:
            raise (node.fail("cases", "must be a whole number") if isinstance(node, Node)
                   else types.fail(kind, "must have cases and cited"))
        if not isinstance(cited, Node) or any(not isinstance(v, int) or v < 0 or v > cases for v in cited.values()):
            raise node.fail("cited", "must map each family to how many cases cited it (at most 'cases')")
        priors.cases[kind] = cases
        priors.counts[kind] = Counter({str(f): n for f, n in cited.items()})
    return priors
