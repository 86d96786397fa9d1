"""Scoring ranked exemption families against the families a case actually cited.

For each case citing at least one family (``s40(2)`` and ``s40(5B)`` both count as ``s40``; a FOISA
section is its own family, ``foisa-s35``; an EIR exception keeps its paragraph, ``r12(5)(e)``):

- recall@k = |cited families in the top k| / |cited families|,
- precision@k = |cited families in the top k| / k,
- reciprocal rank = 1 / the rank of the first cited family (0 if none is offered),

each averaged over the cases. Per family: the share of the cases citing it that had it in the top k.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Scores:
    """Running sums for one ranker over the scored cases."""

    k: int = 3
    cases: int = 0
    recall: float = 0.0
    precision: float = 0.0
    rr: float = 0.0
    gold: Counter = field(default_factory=Counter)
    hits: Counter = field(default_factory=Counter)

    def add(self, gold: frozenset[str], ranked: list[str]) -> None:
        """Score one case: ``gold`` its cited families, ``ranked`` the offered families, best first."""
        if not gold:
            return
        ranked = list(dict.fromkeys(ranked))
        top = set(ranked[:self.k])
        found = gold & top
        self.cases += 1
        self.recall += len(found) / len(gold)
        self.precision += len(found) / self.k
        self.rr += next((1 / i for i, fam in enumerate(ranked, 1) if fam in gold), 0.0)
        self.gold.update(gold)
        self.hits.update(found)

    def figures(self) -> dict[str, float]:
        """recall@k, precision@k and MRR averaged over the cases."""
        n = self.cases or 1
        return {"n": self.cases, "recall": self.recall / n, "precision": self.precision / n, "mrr": self.rr / n}

    def family_recall(self, fam: str) -> float:
        return self.hits[fam] / self.gold[fam] if self.gold[fam] else 0.0


RANKERS = ("foibot", "constant", "type_prior")
"""foibot; the three families the training data cites most; the three its cases of this authority type cite most."""


@dataclass
class Evaluation:
    """One scenario: foibot beside both baselines on the same cases."""

    name: str
    k: int = 3
    scores: dict[str, Scores] = field(default_factory=dict)
    without_exemptions: int = 0
    without_suggestions: int = 0
    fewest_suggestions: int | None = None

    def __post_init__(self) -> None:
        self.scores = self.scores or {r: Scores(self.k) for r in RANKERS}

    def add(self, gold: frozenset[str], ranked: dict[str, list[str]]) -> None:
        """One test case: ``ranked`` maps each ranker to its families, best first."""
        offered = len(ranked["foibot"])
        self.without_suggestions += offered == 0
        self.fewest_suggestions = offered if self.fewest_suggestions is None else min(self.fewest_suggestions, offered)
        if not gold:
            self.without_exemptions += 1
        for name, families in ranked.items():
            self.scores[name].add(gold, families)

    @property
    def cases(self) -> int:
        return self.scores["foibot"].cases

    def to_json(self) -> dict[str, object]:
        ours = self.scores["foibot"]
        fams = sorted(ours.gold, key=lambda f: (-ours.gold[f], f))
        return {"cases": self.cases, "without_exemptions": self.without_exemptions, "k": self.k,
                "without_suggestions": self.without_suggestions, "fewest_suggestions": self.fewest_suggestions,
                **{name: s.figures() for name, s in self.scores.items()},
                "families": {f: {"n": ours.gold[f], **{name: round(s.family_recall(f), 3)
                                                      for name, s in self.scores.items()}} for f in fams}}
