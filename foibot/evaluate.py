"""Evaluating exemption suggestions on requests whose real exemptions are known.

Leave-one-out: each case is suggested for with every other case in the register but itself.
Per exemption family: recall among the top 3, precision of the top 3, and mean reciprocal rank;
and the same for a constant baseline (always the 3 families most common among the other cases).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from foibot.learned import family


@dataclass
class Scores:
    """Running counts for one suggester."""

    hits: Counter = field(default_factory=Counter)        # family in gold and in top 3
    gold: Counter = field(default_factory=Counter)        # family in gold
    offered: Counter = field(default_factory=Counter)     # family in top 3
    rr: dict[str, list[float]] = field(default_factory=dict)

    def add(self, gold: set[str], ranked: list[str]) -> None:
        top = ranked[:3]
        for fam in gold:
            self.gold[fam] += 1
            self.hits[fam] += fam in top
            rank = ranked.index(fam) + 1 if fam in ranked else None
            self.rr.setdefault(fam, []).append(1 / rank if rank else 0.0)
        for fam in top:
            self.offered[fam] += 1

    def row(self, fam: str | None = None) -> tuple[float, float, float]:
        if fam is None:  # all families together (micro-averaged)
            hits = sum(self.hits.values())
            rr = [x for values in self.rr.values() for x in values]
            return _div(hits, sum(self.gold.values())), _div(hits, sum(self.offered.values())), _div(sum(rr), len(rr))
        rr = self.rr.get(fam, [])
        return _div(self.hits[fam], self.gold[fam]), _div(self.hits[fam], self.offered[fam]), _div(sum(rr), len(rr))


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


@dataclass
class Evaluation:
    foibot: Scores
    baseline: Scores
    cases: int

    def report(self) -> str:
        fams = sorted(self.foibot.gold, key=lambda f: (-self.foibot.gold[f], f))
        lines = [f"{self.cases} requests, {sum(self.foibot.gold.values())} exemption citations (leave-one-out)",
                 f"{'family':12} {'n':>3}  {'recall@3':>9} {'precision':>9} {'MRR':>6}   {'baseline: recall@3':>18} "
                 f"{'precision':>9} {'MRR':>6}"]
        for fam in fams + [None]:
            r, p, m = self.foibot.row(fam)
            br, bp, bm = self.baseline.row(fam)
            n = self.foibot.gold[fam] if fam else sum(self.foibot.gold.values())
            lines.append(f"{fam or 'ALL':12} {n:>3}  {r:>9.2f} {p:>9.2f} {m:>6.2f}   {br:>18.2f} {bp:>9.2f} {bm:>6.2f}")
        return "\n".join(lines)


def load_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def evaluate(cases: list[dict], suggest: Callable[[dict], list[str]]) -> Evaluation:
    """``suggest(case)`` returns ranked exemption citations for a case (it must not see the case's answer)."""
    ours, baseline = Scores(), Scores()
    scored = 0
    for i, case in enumerate(cases):
        gold = {family(e) for e in case.get("exemptions") or []}
        if not gold:
            continue
        scored += 1
        ranked = list(dict.fromkeys(family(c) for c in suggest(case)))
        ours.add(gold, ranked)
        others = Counter(family(e) for j, other in enumerate(cases) if j != i
                         for e in set(other.get("exemptions") or []))
        baseline.add(gold, [f for f, _ in others.most_common(3)])
    return Evaluation(ours, baseline, scored)
