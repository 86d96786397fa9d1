"""The evaluation scenarios ``foibot eval`` reports in one run, each with foibot beside both baselines.

- cold FILE: an empty register; the prior is learned from the other folds of the
  file (``FOLDS``-fold cross-validation), each case judged by a model that never saw it.
- warm FILE: the same, and the file's other cases are the register (each case left out of its search).
- cross A -> B (cold and warm): learn from A (and, warm, use A as the register); test on B. Nothing of B
  is used to learn: these are the honest figures.

Each test case gets its own authority type (the prior of that type, as a profile's ``type`` gives it in
production) and its own regime (FOISA numbering for a Scottish authority). The baselines get the same:
``constant`` is the training data's three commonest families, ``type_prior`` the three commonest among
the training cases of the test case's authority type, both in the case's own regime's numbering.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from foibot.knowledge.citations import family
from foibot.register.disclosure_log import import_log
from foibot.register.store import Store
from foibot.suggest.evaluate import Evaluation
from foibot.suggest.learning import Answered, Learned, learn
from foibot.suggest.meaning import load_meaning
from foibot.suggest.service import ExemptionSuggester

FOLDS = 10


def _top(learned: Learned, kind: str | None) -> list[str]:
    """Families by how many training cases cited them: all types (``kind`` None) or one type's prior."""
    if kind is not None:
        counts = learned.priors.share(kind)
    else:
        counts = {}
        for c in learned.priors.counts.values():
            for f, n in c.items():
                counts[f] = counts.get(f, 0) + n
    return [f for f, _ in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]


def _judge(ev: Evaluation, case: Answered, suggester: ExemptionSuggester, learned: Learned, *, warm: bool) -> None:
    got = suggester(case.text, exclude=case.ref, use_register=warm, authority_type=case.authority_type,
                    regime=case.regime, learned=learned)
    ev.add(case.families, {
        "foibot": [family(s.key) for s in got.exemptions],
        "constant": suggester.numbered(_top(learned, None), case.regime)[:ev.k],
        "type_prior": suggester.numbered(_top(learned, case.authority_type), case.regime)[:ev.k],
    })


@contextmanager
def _register(suggester: ExemptionSuggester, rows: Sequence[Answered] | None) -> Iterator[Store]:
    """The suggester reads an in-memory register holding ``rows`` (none for a cold start) for the block."""
    saved, store = suggester.store, Store(":memory:")
    try:
        if rows:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "register.jsonl"
                path.write_text("\n".join(json.dumps({"id": r.ref, "request": r.text, "exemptions": sorted(r.families),
                                                      "outcome": "refused" if r.families else "granted"})
                                          for r in rows), encoding="utf-8")
                import_log(store, path)
        suggester.store = store
        yield store
    finally:
        store.close()
        suggester.store = saved


def within(rows: Sequence[Answered], name: str, suggester: ExemptionSuggester, *, warm: bool,
           k: int = 3) -> Evaluation:
    """Cold or warm on one file, ``FOLDS``-fold: each fold judged by what the other folds taught."""
    ev = Evaluation(f"{'warm' if warm else 'cold'} {name}", k)
    with _register(suggester, rows if warm else None):
        for fold in range(FOLDS):
            test = rows[fold::FOLDS]
            train = [r for i, r in enumerate(rows) if i % FOLDS != fold]
            learned = learn(train, suggester.foisa_to_foia, load_meaning())
            for case in test:
                _judge(ev, case, suggester, learned, warm=warm)
    return ev


def cross(train: Sequence[Answered], test: Sequence[Answered], name: str, suggester: ExemptionSuggester, *,
          warm: bool, k: int = 3) -> Evaluation:
    """Learn from ``train`` (and, warm, use it as the register); judge every case of ``test``."""
    ev = Evaluation(f"cross {'warm' if warm else 'cold'} {name}", k)
    with _register(suggester, train if warm else None):
        learned = learn(train, suggester.foisa_to_foia, load_meaning())
        for case in test:
            _judge(ev, case, suggester, learned, warm=warm)
    return ev

