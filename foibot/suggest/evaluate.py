"""Evaluating exemption suggestions on past requests whose exemptions are known (requests-dev JSONL).

Per exemption family (``s40(2)`` counts as ``s40``): recall among the top 3, precision of the top 3,
and mean reciprocal rank; the same for a constant baseline that always offers the 3 families most
often cited by the other cases. Leave-one-out: ``suggest`` is called with the case's own reference
as ``exclude``, so a case is never matched against itself, and the baseline never counts it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foibot.errors import InputError
from foibot.register.store import Store
from foibot.suggest.learned import family, suggest_with_register
from foibot.suggest.suggestions import Suggestions

Suggester = Callable[[str, str], list[str]]
"""``suggest(request_text, exclude_ref)`` -> exemption citations, best first."""


@dataclass(frozen=True)
class EvalCase:
    ref: str
    request: str
    families: frozenset[str]


@dataclass
class Scores:
    """Counts for one suggester, per family."""

    k: int = 3
    gold: Counter = field(default_factory=Counter)      # family cited in the case
    hits: Counter = field(default_factory=Counter)      # ... and offered in the top k
    offered: Counter = field(default_factory=Counter)   # family offered in the top k
    rr: Counter = field(default_factory=Counter)        # sum of 1/rank over the cases citing the family

    def add(self, gold: frozenset[str], ranked: list[str]) -> None:
        top = ranked[:self.k]
        for fam in gold:
            self.gold[fam] += 1
            self.hits[fam] += fam in top
            self.rr[fam] += 1 / (ranked.index(fam) + 1) if fam in ranked else 0.0
        self.offered.update(top)

    def figures(self, fam: str | None = None) -> dict[str, float]:
        """recall@k, precision@k and MRR for one family, or for all citations together (micro average)."""
        if fam is None:
            gold, hits, offered, rr = (sum(c.values()) for c in (self.gold, self.hits, self.offered, self.rr))
        else:
            gold, hits, offered, rr = self.gold[fam], self.hits[fam], self.offered[fam], self.rr[fam]
        return {"n": gold, "recall": _div(hits, gold), "precision": _div(hits, offered), "mrr": _div(rr, gold)}


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


@dataclass
class Evaluation:
    """Figures for foibot and for the constant baseline over the same cases."""

    ours: Scores
    baseline: Scores
    cases: int
    without_exemptions: int

    def to_json(self) -> dict[str, Any]:
        fams = sorted(self.ours.gold, key=lambda f: (-self.ours.gold[f], f))
        return {
            "cases": self.cases, "without_exemptions": self.without_exemptions, "k": self.ours.k,
            "overall": {"foibot": self.ours.figures(), "baseline": self.baseline.figures()},
            "families": {f: {"foibot": self.ours.figures(f), "baseline": self.baseline.figures(f)} for f in fams},
        }

    def report(self, title: str = "foibot") -> str:
        """A plain-text table, one row per family and an overall row."""
        k = self.ours.k
        fams = sorted(self.ours.gold, key=lambda f: (-self.ours.gold[f], f))
        lines = [f"{self.cases} requests with known exemptions ({self.without_exemptions} without any left out), "
                 f"leave-one-out; top {k}",
                 f"{'':14}{'':>4}  {title:^26}   {'baseline (top ' + str(k) + ' families)':^26}",
                 f"{'family':14}{'n':>4}  {'recall':>8}{'prec':>8}{'MRR':>8}   {'recall':>8}{'prec':>8}{'MRR':>8}"]
        for fam in [*fams, None]:
            a, b = self.ours.figures(fam), self.baseline.figures(fam)
            lines.append(f"{fam or 'ALL':14}{a['n']:>4}  {a['recall']:>8.2f}{a['precision']:>8.2f}{a['mrr']:>8.2f}"
                         f"   {b['recall']:>8.2f}{b['precision']:>8.2f}{b['mrr']:>8.2f}")
        return "\n".join(lines)


def load_cases(path: str | Path) -> list[EvalCase]:
    """Cases from a requests-dev JSONL (id, request, exemptions); InputError names the line of a bad one."""
    from foibot.register.disclosure_log import read_rows

    cases = []
    for number, row in read_rows(Path(path)):
        if isinstance(row, str):
            raise InputError(f"{path}:{number}: {row}")
        ref, request, cited = row.get("id") or row.get("reference"), row.get("request"), row.get("exemptions")
        if not ref or not isinstance(request, str) or not request.strip():
            raise InputError(f"{path}:{number}: needs an id and the request text")
        if not isinstance(cited, list):
            raise InputError(f"{path}:{number}: 'exemptions' must be a list (empty if none were cited)")
        cases.append(EvalCase(str(ref), request, frozenset(family(str(e)) for e in cited)))
    return cases


def evaluate(cases: Iterable[EvalCase], suggest: Suggester, *, k: int = 3) -> Evaluation:
    """Score ``suggest`` and the constant baseline on every case that cited an exemption."""
    cases = list(cases)
    ours, baseline = Scores(k), Scores(k)
    counts = Counter(fam for case in cases for fam in case.families)
    scored = 0
    for case in cases:
        if not case.families:
            continue
        scored += 1
        ranked = list(dict.fromkeys(family(c) for c in suggest(case.request, case.ref)))
        ours.add(case.families, ranked)
        others = counts - Counter(case.families)  # the training cases: all but this one
        baseline.add(case.families, [f for f, _ in sorted(others.items(), key=lambda i: (-i[1], i[0]))[:k]])
    return Evaluation(ours, baseline, scored, len(cases) - scored)


def register_suggester(store: Store, suggest: Callable[[str], Suggestions]) -> Suggester:
    """A :data:`Suggester` from the matcher's ``suggest`` blended with similar cases in ``store``."""

    def ranked(text: str, exclude: str) -> list[str]:
        return [s.key for s in suggest_with_register(store, suggest, text, exclude=exclude).exemptions]

    return ranked


def cue_suggester(suggest: Callable[[str], Suggestions]) -> Suggester:
    """A :data:`Suggester` from the matcher's intent cues alone (no past cases)."""
    return lambda text, exclude: [s.key for s in suggest(text).exemptions]
