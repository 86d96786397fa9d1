"""The evaluation scenarios ``foibot eval`` reports in one run, each beside the constant baseline.

- cold: an empty register; the prior comes from the other cases of the file (each case left out).
- warm: the other cases of the file are the register (each case left out of its own search and prior).
- cross: learn (register and prior) from one file, test on the other; the baseline is the three
  families the training file cites most. Nothing of the test side is used to learn.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from foibot.errors import InputError
from foibot.knowledge.citations import family
from foibot.register.disclosure_log import import_log
from foibot.register.store import Store
from foibot.suggest.evaluate import Evaluation, Scores
from foibot.suggest.priors import Priors, authority_type_of, derive
from foibot.suggest.service import ExemptionSuggester

Row = dict[str, object]


def read_rows(path: str | Path) -> list[Row]:
    """The answered requests of a requests-dev JSONL; InputError names a bad line."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict) or not row.get("id") or not isinstance(row.get("request"), str) \
                or not isinstance(row.get("exemptions"), list):
            raise InputError(f"{path}:{number}: needs an id, the request text and a list of exemptions")
        rows.append(row)
    return rows


def _families(row: Row) -> frozenset[str]:
    return frozenset(family(str(c)) for c in row["exemptions"])  # type: ignore[union-attr]


def _top(counts: Counter, k: int) -> list[str]:
    return [f for f, _ in sorted(counts.items(), key=lambda i: (-i[1], i[0]))[:k]]


def _score(test: list[Row], ranked: Callable[[Row], list[str]], baseline: Callable[[Row], list[str]],
           k: int) -> tuple[Evaluation, int]:
    ours, base = Scores(k), Scores(k)
    scored = empty = 0
    for row in test:
        gold = _families(row)
        got = list(dict.fromkeys(ranked(row)))
        empty += not got
        if gold:
            scored += 1
            ours.add(gold, got)
            base.add(gold, baseline(row))
    return Evaluation(ours, base, scored, len(test) - scored), empty


def _leave_out(priors: Priors, row: Row) -> Priors:
    kind = authority_type_of(row)
    counts = {t: Counter(c) for t, c in priors.counts.items()}
    counts[kind].subtract(_families(row))
    cases = Counter(priors.cases)
    cases[kind] -= 1
    return Priors({t: +c for t, c in counts.items()}, +cases)


def within(rows: list[Row], path: str | Path, suggester: ExemptionSuggester, *, warm: bool,
           k: int = 3) -> tuple[Evaluation, int]:
    """Cold (no register) or warm (the file's other cases as the register), each case left out."""
    priors = derive(rows, family)
    totals = Counter(f for row in rows for f in _families(row))
    store = Store(":memory:")
    if warm:
        import_log(store, Path(path))
    suggester.store = store

    def ranked(row: Row) -> list[str]:
        s = suggester(str(row["request"]), exclude=str(row["id"]), use_register=warm,
                      authority_type=authority_type_of(row), priors=_leave_out(priors, row))
        return [family(e.key) for e in s.exemptions]

    try:
        return _score(rows, ranked, lambda row: _top(totals - Counter(_families(row)), k), k)
    finally:
        store.close()


def cross(train: list[Row], train_path: str | Path, test: list[Row], suggester: ExemptionSuggester,
          k: int = 3) -> tuple[Evaluation, int]:
    """Learn from ``train`` (register and prior), test on ``test``."""
    priors = derive(train, family)
    top = _top(Counter(f for row in train for f in _families(row)), k)
    store = Store(":memory:")
    import_log(store, Path(train_path))
    suggester.store = store

    def ranked(row: Row) -> list[str]:
        s = suggester(str(row["request"]), authority_type=authority_type_of(row), priors=priors)
        return [family(e.key) for e in s.exemptions]

    try:
        return _score(test, ranked, lambda row: top, k)
    finally:
        store.close()
