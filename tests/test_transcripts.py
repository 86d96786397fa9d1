"""Conversation tests as data (Rasa style): each file in tests/transcripts/ is replayed through the engine.

A step's ``ask`` is the question pending before the reply (``null``: none, the draft is out); ``draft: true``
says the reply shows a draft, ``draft: false`` that it stores no new draft version; ``expect.versions`` is
how many draft versions the conversation ends with. ``authority`` (optional) sets top-level fields of the
profile for one conversation (``{regime: foisa, type: council}`` for a Scottish council), on a copy of the data.
``known_gap`` (optional) says what foibot does not yet do that the conversation expects: it is then expected to fail.
"""

from datetime import date
from pathlib import Path

import pytest
import yaml
from profiles import copy_profile

from foibot.conversation.answers import get_path

HERE = Path(__file__).resolve().parent
TRANSCRIPTS = sorted((HERE / "transcripts").glob("*.yaml"))


def _engine_for(script: dict, engine, tmp_path: Path):
    """The shipped profile's engine, or one on a copy of the data whose profile has the script's ``authority``."""
    if not script.get("authority"):
        return engine
    from foibot.surfaces.runtime import open_runtime

    copy_profile(tmp_path, **{str(k): str(v) for k, v in script["authority"].items()})
    return open_runtime(tmp_path / "foibot.sqlite", tmp_path).engine


def _param(path: Path):
    """A transcript as a test case; one whose ``known_gap`` names what foibot lacks is expected to fail (strictly:
    it must be moved back among the passing ones once foibot does it)."""
    gap = yaml.safe_load(path.read_text(encoding="utf-8")).get("known_gap")
    marks = [pytest.mark.xfail(reason=str(gap), strict=True)] if gap else []
    return pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("path", [_param(p) for p in TRANSCRIPTS])
def test_transcript(engine, path, tmp_path):
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    engine = _engine_for(script, engine, tmp_path)
    engine.today = lambda: date.fromisoformat(str(script["today"]))
    request = script.get("request") or (HERE / "fixtures" / script["request_file"]).read_text(encoding="utf-8")
    turn = engine.start(request, user="U_OFFICER")
    conv = turn.conversation_id
    for number, step in enumerate(script["steps"], 1):
        asked = turn.question.field if turn.question is not None else None
        assert asked == step["ask"], f"step {number}: asked {asked}, expected {step['ask']}: {turn.text()!r}"
        versions = len(engine.store.drafts(conv))
        turn = engine.reply(conv, str(step["say"]), user="U_OFFICER")
        if "reply_contains" in step:
            assert step["reply_contains"] in turn.text(), f"step {number}: {turn.text()!r}"
        if step.get("draft"):
            assert turn.draft is not None, f"step {number}: no draft"
        if step.get("draft") is False:
            assert len(engine.store.drafts(conv)) == versions, f"step {number}: a new draft version"
    expect = script["expect"]
    draft = turn.draft or engine.redraft(conv).draft
    assert draft is not None, turn.text()
    for key, value in (expect.get("answers") or {}).items():
        assert get_path(engine.answers(conv), key) == value, key
    for text in expect.get("draft_contains", []):
        assert text in draft.text(), text
    for text in expect.get("draft_lacks", []):
        assert text not in draft.text(), text
    wanted = expect.get("draft_in_order", [])
    order = [draft.text().find(text) for text in wanted]
    assert all(i >= 0 for i in order) and order == sorted(order), list(zip(wanted, order, strict=True))
    if "check_ok" in expect:
        assert draft.checks.ok == expect["check_ok"], draft.checks.summary()
    if "check_ids" in expect:
        assert draft.checks.ids() == expect["check_ids"], draft.checks.summary()
    if "versions" in expect:
        assert len(engine.store.drafts(conv)) == expect["versions"]
    if "due" in expect:
        assert draft.due.due == expect["due"]
