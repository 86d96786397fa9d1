"""How often each exemption family is cited, by type of authority.

Counted from answered requests (see ``learning``), plus any counts ``intents/priors.yaml`` adds. A type's
prior is its own counts smoothed towards the global counts: ``(count + SMOOTHING * global_share)
/ (cases + SMOOTHING)``, so a type with few cases leans on the global figures.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from foibot.errors import DataError
from foibot.knowledge.datafile import Node, load_yaml

TYPES = ("police", "council", "central_government", "health", "inspectorate", "education", "other")
SMOOTHING = 10.0
_ALIASES = {"nhs": "health"}
_FOIA = re.compile(r"^s\d+[A-Z]?$")
_FOISA = re.compile(r"^foisa-s\d+[A-Z]?$")
_EIR = re.compile(r"^r\d+(\(\d+\)(\([a-z]\))?)?$")


@dataclass
class Priors:
    """Cases and citations per authority type, and in all."""

    counts: dict[str, Counter] = field(default_factory=dict)
    cases: Counter = field(default_factory=Counter)

    def add(self, authority_type: str, families: Iterable[str]) -> None:
        kind = normalise_type(authority_type)
        self.cases[kind] += 1
        self.counts.setdefault(kind, Counter()).update(set(families))

    def plus(self, other: Priors) -> Priors:
        """These counts and ``other``'s together."""
        counts = {t: Counter(c) for t, c in self.counts.items()}
        for t, c in other.counts.items():
            counts.setdefault(t, Counter()).update(c)
        return Priors(counts, self.cases + other.cases)

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


@dataclass
class PriorsFile:
    """``intents/priors.yaml``: extra counts by authority type (optional) and the FOIA -> FOISA families."""

    extra: Priors = field(default_factory=Priors)
    foisa_equivalents: dict[str, str] = field(default_factory=dict)
    foisa_titles: dict[str, str] = field(default_factory=dict)
    eir_titles: dict[str, str] = field(default_factory=dict)
    """Short names of EIR provisions with no exemption file (r12(4)(a) not held, r12(3) personal data)."""
    never: dict[str, frozenset[str]] = field(default_factory=dict)
    """Family (FOIA numbering) -> the authority types never offered it (``authority_fit``)."""
    rarely: dict[str, frozenset[str]] = field(default_factory=dict)
    """Family -> the authority types for which only the prior and past answers count, never the words."""
    never_bodies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Family -> names of bodies (any part of the profile's ``name``) never offered it, whatever their type: the
    Houses of Parliament and the devolved legislatures have no duty to investigate offences (section 30)."""

    def fits(self, fam: str, authority_type: str, authority_name: str = "") -> bool:
        """Whether an authority of this type (and, when given, this name) can rely on the family at all."""
        name = authority_name.casefold()
        return normalise_type(authority_type) not in self.never.get(fam, frozenset()) and \
            not (name and any(body.casefold() in name for body in self.never_bodies.get(fam, ())))

    def by_words(self, fam: str, authority_type: str) -> bool:
        """Whether the request's words (intents, engagement cues) may point this type to the family."""
        return normalise_type(authority_type) not in self.rarely.get(fam, frozenset())

    @property
    def foisa_to_foia(self) -> dict[str, str]:
        return reverse_equivalents(self.foisa_equivalents)


def reverse_equivalents(foisa_equivalents: Mapping[str, str]) -> dict[str, str]:
    """FOISA family -> FOIA family; where two FOIA families share a FOISA one, the first listed wins."""
    out: dict[str, str] = {}
    for foia, foisa in foisa_equivalents.items():
        out.setdefault(foisa, foia)
    return out


def _titles(data: Node, key: str, families: re.Pattern[str], which: str) -> dict[str, str]:
    """``key``: a mapping of families matching ``families`` to their short names (none when absent)."""
    titles = data.get(key)
    if titles is None:
        return {}
    if not isinstance(titles, Node) or not all(families.match(str(k)) and isinstance(v, str) and v.strip()
                                               for k, v in titles.items()):
        raise data.fail(key, f"must map {which} to their short names")
    return {str(k): str(v).strip() for k, v in titles.items()}


def load_priors(path: Path, display: str = "intents/priors.yaml") -> PriorsFile:
    """Read and check ``priors.yaml``: ``foisa_equivalents: {s31: foisa-s35}`` and
    ``types: {TYPE: {cases: N, cited: {FAMILY: N}}}`` (both optional)."""
    data = load_yaml(path, display)
    if not isinstance(data, Node):
        raise DataError(display, None, None, "must be a mapping with foisa_equivalents and types")
    out = PriorsFile()
    equivalents = data.get("foisa_equivalents")
    if equivalents is not None:
        if not isinstance(equivalents, Node) or not all(
                _FOIA.match(str(k)) and _FOISA.match(str(v)) for k, v in equivalents.items()):
            raise data.fail("foisa_equivalents", "must map FOIA families (s31) to FOISA ones (foisa-s35)")
        out.foisa_equivalents = {str(k): str(v) for k, v in equivalents.items()}
    out.foisa_titles = _titles(data, "foisa_titles", _FOISA, "FOISA families (foisa-s36)")
    out.eir_titles = _titles(data, "eir_titles", _EIR, "EIR families (r12(4)(a))")
    fit = data.get("authority_fit")
    if fit is not None:
        _fit(fit, data, out)
    types = data.get("types")
    if types is None:
        return out
    if not isinstance(types, Node):
        raise data.fail("types", "must be a mapping of authority type to counts")
    priors = out.extra
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
    return out


def _fit(fit: object, data: Node, out: PriorsFile) -> None:
    """``authority_fit: {s35: {never: [police, ...]}, s30: {rarely: [health]}}``, checked."""
    if not isinstance(fit, Node):
        raise data.fail("authority_fit", "must map FOIA families (s35) to never: and rarely: lists of types")
    for fam, node in fit.items():
        if not _FOIA.match(str(fam)) or not isinstance(node, Node) or not node:
            raise fit.fail(fam, "must be a FOIA family (s35) with never: and/or rarely: lists of authority types")
        for key, types in node.items():
            if key not in ("never", "rarely", "never_bodies"):
                raise node.fail(key, "is not never, rarely or never_bodies")
            if not isinstance(types, list) or not types:
                raise node.fail(key, "must be a list of authority types" if key != "never_bodies"
                                else "must be a list of bodies' names")
            if key == "never_bodies":
                if not all(isinstance(b, str) and b.strip() for b in types):
                    raise node.fail(key, "must be a list of bodies' names")
                out.never_bodies[str(fam)] = tuple(str(b).strip() for b in types)
                continue
            for kind in types:
                if kind not in TYPES:
                    raise node.fail(key, f"'{kind}' is not an authority type; use one of {', '.join(TYPES)}")
            getattr(out, key)[str(fam)] = frozenset(str(t) for t in types)
