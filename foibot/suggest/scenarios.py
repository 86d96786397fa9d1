"""The evaluation scenarios ``foibot eval`` reports in one run, each with foibot beside both baselines.

- cold FILE: an empty register; the prior is learned from the other folds of the
  file (``FOLDS``-fold cross-validation), each case judged by a model that never saw it.
- warm FILE: the same, and the file's other cases are the register (each case left out of its search).
- own FILE: the same, and the register holds only the other cases of the case's own authority, as a real
  register does (a file's cases come from many authorities of every type, so ``warm`` mixes their habits).
- cross A -> B (cold, warm and own): learn from A (and use A, or A's cases of the test case's own authority,
  as the register); test on B. Nothing of B is used to learn: these are the honest figures.

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


REGISTERS = ("cold", "warm", "own")
"""What the register holds: nothing; every other case; the other cases of the test case's own authority."""


def _groups(test: Sequence[Answered], train: Sequence[Answered], register: str
            ) -> list[tuple[Sequence[Answered], Sequence[Answered] | None]]:
    """(test cases, the register they are judged with) pairs: one register for all, or one per authority
    (a case whose file names no authority is its own authority, so its register is empty)."""
    if register == "cold":
        return [(test, None)]
    if register == "warm":
        return [(test, train)]
    by_authority: dict[str, list[Answered]] = {}
    for case in test:
        by_authority.setdefault(case.authority or f"\0{case.ref}", []).append(case)
    return [(cases, [r for r in train if r.authority == name]) for name, cases in by_authority.items()]


def within(rows: Sequence[Answered], name: str, suggester: ExemptionSuggester, *, register: str,
           k: int = 3) -> Evaluation:
    """One file, ``FOLDS``-fold: each case judged by what the other folds taught, with the ``register``
    (one of ``REGISTERS``) drawn from the whole file (the case itself is always left out)."""
    ev = Evaluation(f"{register} {name}", k)
    fold_of = {id(r): i % FOLDS for i, r in enumerate(rows)}
    learned = [learn([r for i, r in enumerate(rows) if i % FOLDS != fold], suggester.foisa_to_foia, load_meaning())
               for fold in range(FOLDS)]
    for test, held in _groups(rows, rows, register):
        with _register(suggester, held):
            for case in test:
                _judge(ev, case, suggester, learned[fold_of[id(case)]], warm=held is not None)
    return ev


def cross(train: Sequence[Answered], test: Sequence[Answered], name: str, suggester: ExemptionSuggester, *,
          register: str, k: int = 3) -> Evaluation:
    """Learn from ``train`` (and draw the ``register`` from it); judge every case of ``test``."""
    ev = Evaluation(f"cross {register} {name}", k)
    learned = learn(train, suggester.foisa_to_foia, load_meaning())
    for cases, held in _groups(test, train, register):
        with _register(suggester, held):
            for case in cases:
                _judge(ev, case, suggester, learned, warm=held is not None)
    return ev
