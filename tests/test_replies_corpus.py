"""The replies corpus: (question, reply, expected value) as officers type them, run through the engine.

Each file in tests/replies/ names a request, a fixed "today" and base answers; every case puts one
question and gives one plain reply. Expectations:

- ``value``: the answer stored for the question (and no error shown);
- ``clarify: true``: nothing stored, an error naming the choices, and the same question asked again;
- ``confirm``: nothing stored yet, a yes/no "Did you mean …?" asked; replying ``yes`` stores ``confirm``;
- ``blank: true``: the optional question left without an answer and not asked again;
- ``next``: the question asked after the reply (for commands and flow).

A few cases also run through the console and through Slack plain replies (the fake-Slack rig).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from foibot.conversation.answers import get_path, set_path
from foibot.conversation.engine import Engine, Turn
from foibot.conversation.state import ConversationState

HERE = Path(__file__).resolve().parent
FILES = sorted((HERE / "replies").glob("*.yaml"))


def _load() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    out = []
    for path in FILES:
        script = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, case in enumerate(script["cases"], 1):
            out.append((f"{path.stem}-{number}", script, case))
    return out


CASES = _load()


class Corpus:
    """One started conversation per corpus file; each case starts again from its saved state."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.started: dict[int, tuple[str, dict[str, Any]]] = {}

    def conversation(self, script: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        key = id(script)
        if key not in self.started:
            request = script.get("request") or (HERE / "fixtures" / script["request_file"]).read_text(encoding="utf-8")
            conv = self.engine.start(request, user="U_OFFICER").conversation_id
            self.started[key] = (conv, self.engine.store.conversation(conv)["state"])
        return self.started[key]

    def put(self, script: dict[str, Any], case: dict[str, Any]) -> str:
        """Restore the file's conversation, apply the base and case answers, and make ``ask`` the question."""
        conv, saved = self.conversation(script)
        state = ConversationState.from_json(json.loads(json.dumps(saved)))
        answers = state.copy_answers()
        for key, value in {**(script.get("given") or {}), **(case.get("given") or {})}.items():
            set_path(answers, key, value)
        history = tuple(k for k in (script.get("given") or {}) | (case.get("given") or {}))
        state = state.with_answers(answers, history=history, asking=case["ask"])
        self.engine.store.save_conversation(conv, replace(state, drafted=False).to_json())
        return conv


@pytest.fixture(scope="module")
def corpus_engine(tmp_path_factory):
    from foibot.surfaces.runtime import open_runtime

    root = Path(__file__).resolve().parent.parent
    runtime = open_runtime(tmp_path_factory.mktemp("corpus") / "foibot.sqlite", root)
    yield runtime
    runtime.store.close()


@pytest.fixture(scope="module")
def corpus(corpus_engine):
    return Corpus(corpus_engine.engine)


def understood(engine: Engine, conv: str, script: dict[str, Any], case: dict[str, Any], turn: Turn,
               default: Any = None) -> str:
    """'' when the reply was read as expected, else what went wrong."""
    path = case["ask"]
    stored = get_path(engine.answers(conv), path)
    errors = [m.text for m in turn.messages if m.kind == "error"]
    asked = turn.question.field if turn.question else None
    given = {**(script.get("given") or {}), **(case.get("given") or {})}
    if case.get("default"):  # Enter or "yes" takes the question's default, whatever the suggestions are
        ok = stored == default and default not in (None, []) and not errors
        return "" if ok else f"stored {stored!r}, default {default!r}, errors {errors}"
    if "value" in case:
        if errors:
            return f"error {errors}"
        expected = case["value"]
        return "" if stored == expected else f"stored {stored!r}, expected {expected!r}"
    if case.get("clarify"):
        if stored not in (None, [], "") and stored != get_path(given, path):
            return f"stored {stored!r} instead of asking again"
        said_why = errors or [m.text for m in turn.messages if m.kind == "note" and "don't know" in m.text]
        return "" if said_why and asked == path else f"no clarification (asked {asked}, said {turn.text()!r})"
    if "confirm" in case:
        if not (turn.question and [o.value for o in turn.question.options] == ["yes", "no"]):
            return f"no confirmation asked (stored {stored!r}, said {turn.text()[:120]!r})"
        if stored not in (None, "") and stored != get_path(given, path):
            return f"stored {stored!r} before confirming"
        engine.reply(conv, "yes")
        after = get_path(engine.answers(conv), path)
        return "" if after == case["confirm"] else f"confirmed {after!r}, expected {case['confirm']!r}"
    if case.get("blank"):
        state = ConversationState.from_json(engine.store.conversation(conv)["state"])
        ok = stored in (None, "") and path in state.skipped and asked != path
        return "" if ok and not errors else f"not left blank: stored {stored!r}, asked {asked}, errors {errors}"
    if "next" in case:
        return "" if asked == case["next"] else f"asked {asked}, expected {case['next']}"
    raise AssertionError(f"case without an expectation: {case}")


@pytest.mark.parametrize(("name", "script", "case"), CASES, ids=[c[0] for c in CASES])
def test_reply_is_understood(corpus, name, script, case, monkeypatch):
    engine = corpus.engine
    engine.today = lambda: date.fromisoformat(str(script["today"]))
    conv = corpus.put(script, case)
    default = engine.question_for(conv, case["ask"]).default
    turn = engine.reply(conv, str(case["say"]), user="U_OFFICER")
    problem = understood(engine, conv, script, case, turn, default)
    assert not problem, f"{case['ask']} <- {case['say']!r}: {problem}"
    if "value" in case and "next" in case:
        assert turn.question is not None and turn.question.field == case["next"]


def test_corpus_is_large_and_covers_every_question_kind(kb):
    assert len(CASES) >= 150
    kinds = set()
    for _, _, case in CASES:
        path = case["ask"]
        section, _, qid = path.rpartition(".")
        q = kb.question(qid) if not section else next(
            (q for q in kb.exemptions[section].questions + tuple(kb.per_exemption) if q.id == qid), None)
        assert q is not None, path
        kinds.add(q.kind)
    assert kinds >= {"text", "longtext", "date", "number", "choice", "list", "topic", "exemptions"}


# --- the same replies through the console and through Slack plain replies --------------------------------

SURFACE_REPLIES = [("request_summary", "ask about IT monitoring"), ("topic", "the betrayal report"),
                   ("held", "we hold some of it"), ("disclosure", "most of it")]
SURFACE_EXPECT = {"topic": "peel-spotlight-betrayal", "held": "partly", "disclosure": "partial"}


def test_a_sample_of_replies_is_understood_in_the_console(rt, seed_request, tmp_path):
    from foibot.surfaces.console import Console

    lines = iter([*seed_request.splitlines(), ".", *(text for _, text in SURFACE_REPLIES), "quit"])
    shown: list[str] = []
    console = Console(rt.engine, read=lambda _prompt: next(lines, None), write=shown.append, out_dir=tmp_path)
    assert console.run() == 0
    answers = rt.engine.answers(console.conv_id)
    assert {k: answers.get(k) for k in SURFACE_EXPECT} == SURFACE_EXPECT
    assert "What are we providing?" in shown[-1] and not any("not one of the choices" in s for s in shown)


def test_a_sample_of_replies_is_understood_in_slack(rig, seed_request):
    from slackrig import answer_by_text

    ts = rig.paste(seed_request)
    answer_by_text(rig, ts, SURFACE_REPLIES)
    rig.question(ts, "disclosed")
    conv = rig.rt.store.open_conversations()[0]["id"]
    answers = rig.rt.engine.answers(conv)
    assert {k: answers.get(k) for k in SURFACE_EXPECT} == SURFACE_EXPECT
