"""The held-out replies (tests/replies-heldout/): how many are understood, asked back or misread.

These replies were written before foibot ran on them (see that folder's README). Each is sorted into:

- understood: the meant value stored, an optional question left blank when meant, or a reply that cannot
  be read asked back when ``ask_back`` says so;
- asked back: nothing stored and the question put again (or a "Did you mean …?") although a value was meant;
- misread: a wrong value stored, or a value stored for a reply that should have been asked back.

``python tests/test_replies_heldout.py`` prints the table by question kind. The test holds the line:
no more misreads and no fewer understood than recorded below.

First run (foibot as it was, 140 cases): 89 understood (63.6%), 32 asked back, 19 misread.
After fixing the misreadings it showed (no longer held-out): 135 understood (96.4%), 4 asked back, 1 misread.
After the second round's fixes (tests/replies-heldout2/): 136 understood ("yep the first one" for the topic is now
read), 3 asked back, 1 misread. ``measure`` and ``_cases`` take the folder's files, so
test_replies_heldout2.py judges its round with the same code.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FILES = sorted((HERE / "replies-heldout").glob("*.yaml"))
UNDERSTOOD_AT_LEAST = 136  # after the fixes (tuned on these cases; the first run is the honest figure)
MISREAD_AT_MOST = 1  # 'law enforcement' read as s31 for the exemptions question


def _cases(files: list[Path] = FILES) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    out = []
    for path in files:
        script = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [(script, case) for case in script["cases"]]
    return out


def kind_of(kb: Any, path: str) -> str:
    """The question kind a path asks (``parts.2.held`` is 'part:choice')."""
    from foibot.conversation.request_parts import part_of

    where = part_of(path)
    if where:
        return "part:" + kb.question(where[1]).kind
    section, _, qid = path.rpartition(".")
    if not section:
        return kb.question(qid).kind
    e = kb.exemptions[section]
    return next(q.kind for q in e.questions + tuple(kb.per_exemption) if q.id == qid)


def judge(engine: Any, started: dict[int, tuple[str, dict[str, Any]]], script: dict[str, Any],
          case: dict[str, Any]) -> str:
    """'understood', 'asked back' or 'misread' for one case."""
    from foibot.conversation.answers import get_path, set_path
    from foibot.conversation.request_parts import BY_PART, with_parts
    from foibot.conversation.state import ConversationState

    engine.today = lambda: date.fromisoformat(str(script["today"]))
    key = id(script)
    if key not in started:
        request = script.get("request") or (HERE / "fixtures" / script["request_file"]).read_text(encoding="utf-8")
        conv = engine.start(request, user="U_OFFICER").conversation_id
        started[key] = (conv, engine.store.conversation(conv)["state"])
    conv, saved = started[key]
    state = ConversationState.from_json(json.loads(json.dumps(saved)))
    answers = state.copy_answers()
    given = {**(script.get("given") or {}), **(case.get("given") or {})}
    if given.get(BY_PART) == "each":
        answers = with_parts({**answers, BY_PART: "each"}, state.request_parts, engine.kb.per_part)
    for path, value in given.items():
        set_path(answers, path, value)
    state = state.with_answers(answers, history=tuple(given), asking=case["ask"])
    engine.store.save_conversation(conv, replace(state, drafted=False).to_json())
    path = case["ask"]
    before = get_path(answers, path)
    turn = engine.reply(conv, str(case["say"]), user="U_OFFICER")
    after = get_path(engine.answers(conv), path)
    state = ConversationState.from_json(engine.store.conversation(conv)["state"])
    again = turn.question is not None and (turn.question.field == path or state.confirm is not None)
    unchanged = after in (None, "", []) or after == before
    if case.get("blank"):
        return "understood" if after in (None, "") and path in state.skipped else (
            "asked back" if unchanged and again else "misread")
    if case.get("ask_back"):
        return "understood" if unchanged and again else "misread"
    errors = [m for m in turn.messages if m.kind == "error"]
    if after == case["means"] and (after != before or not errors):
        return "understood"
    return "asked back" if unchanged and again else "misread"


def measure(engine: Any, files: list[Path] = FILES) -> tuple[Counter[tuple[str, str]], list[str]]:
    """Counts by (kind, outcome) and a line per case not understood."""
    started: dict[int, tuple[str, dict[str, Any]]] = {}
    counts: Counter[tuple[str, str]] = Counter()
    misses = []
    for script, case in _cases(files):
        outcome = judge(engine, started, script, case)
        counts[(kind_of(engine.kb, case["ask"]), outcome)] += 1
        if outcome != "understood":
            misses.append(f"{outcome:10} {case['ask']} <- {case['say']!r}")
    return counts, misses


def table(counts: Counter[tuple[str, str]]) -> str:
    kinds = sorted({k for k, _ in counts})
    lines = [f"{'kind':16} {'cases':>5} {'understood':>10} {'asked back':>10} {'misread':>7}"]
    for kind in [*kinds, "all"]:
        row = {o: sum(n for (k, oo), n in counts.items() if oo == o and kind in (k, "all"))
               for o in ("understood", "asked back", "misread")}
        total = sum(row.values())
        lines.append(f"{kind:16} {total:5} {row['understood']:10} {row['asked back']:10} {row['misread']:7}"
                     f"   {100 * row['understood'] / total:5.1f}% understood")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def heldout_engine(tmp_path_factory):
    from foibot.surfaces.runtime import open_runtime

    runtime = open_runtime(tmp_path_factory.mktemp("heldout") / "foibot.sqlite", ROOT)
    yield runtime.engine
    runtime.store.close()


def test_heldout_corpus_is_large_and_covers_every_kind(kb):
    cases = _cases()
    assert len(cases) >= 80
    kinds = {kind_of(kb, case["ask"]) for _, case in cases}
    assert kinds >= {"text", "longtext", "date", "number", "choice", "list", "topic", "exemptions",
                     "part:choice", "part:longtext", "part:exemptions"}


def test_heldout_replies_are_understood_or_asked_back_never_misread(heldout_engine):
    counts, misses = measure(heldout_engine)
    print("\n" + table(counts) + "\n" + "\n".join(misses))
    understood = sum(n for (_, o), n in counts.items() if o == "understood")
    misread = [m for m in misses if m.startswith("misread")]
    assert len(misread) <= MISREAD_AT_MOST, "\n".join(misread)
    assert understood >= UNDERSTOOD_AT_LEAST, table(counts)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import tempfile

    from foibot.surfaces.runtime import open_runtime

    rt = open_runtime(Path(tempfile.mkdtemp()) / "foibot.sqlite", ROOT)
    found, missed = measure(rt.engine)
    print(table(found))
    print("\n".join(missed))
