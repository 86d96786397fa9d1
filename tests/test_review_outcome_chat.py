"""An internal review's outcome drafted in the chat, as data: each tests/transcripts/review-*.yaml is a first
response answered and marked sent, then the requester's request for a review pasted into the same chat, which opens
the review case and its own conversation. The review's steps are replayed through the same engine (and read by the
same reading code) as any other question; then ``sent`` records the outcome and reviewer, closes the review case,
and the statistics count it. The same review in the console, and in Slack through the fake Slack.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from test_transcripts import _engine_for

from foibot.conversation.answers import get_path
from foibot.register.review_outcomes import reviewer_of
from foibot.register.stats import compute
from foibot.surfaces.views import case_details

HERE = Path(__file__).resolve().parent
REVIEWS = sorted([*(HERE / "transcripts").glob("review-*.yaml"),
                  *(HERE / "transcripts").glob("heldout*-review-*.yaml")])  # the blind rounds' reviews too


def _replay(engine, script: dict) -> str:
    """The first response answered and marked sent; returns its conversation."""
    engine.today = lambda: date.fromisoformat(str(script["today"]))
    turn = engine.start(script["request"], user="U_OFFICER")
    conv = turn.conversation_id
    for step in script["steps"]:
        assert (turn.question.field if turn.question else None) == step["ask"], turn.text()
        turn = engine.reply(conv, str(step["say"]), user="U_OFFICER")
    engine.mark_sent(conv, user="U_OFFICER")
    return conv


def _param(path: Path):
    """A review transcript as a test case; one whose review has a ``known_gap`` is expected to fail (strictly)."""
    gap = (yaml.safe_load(path.read_text(encoding="utf-8")).get("review") or {}).get("known_gap")
    return pytest.param(path, id=path.stem, marks=[pytest.mark.xfail(reason=str(gap), strict=True)] if gap else [])


@pytest.mark.parametrize("path", [_param(p) for p in REVIEWS])
def test_review_transcript(engine, path, tmp_path):
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    engine = _engine_for(script, engine, tmp_path)
    _replay(engine, script)
    review = script["review"]
    engine.today = lambda: date.fromisoformat(str(review["today"]))
    turn = engine.start(review["request"], user="U_REVIEWER")
    conv = turn.conversation_id
    assert conv is not None, turn.text()
    assert review["reply_contains"] in turn.text(), turn.text()
    for number, step in enumerate(review["steps"], 1):
        asked = turn.question.field if turn.question is not None else None
        assert asked == step["ask"], f"step {number}: asked {asked}, expected {step['ask']}: {turn.text()!r}"
        turn = engine.reply(conv, str(step["say"]), user="U_REVIEWER")
        if step.get("draft"):
            assert turn.draft is not None, f"step {number}: no draft: {turn.text()}"
    expect = review["expect"]
    draft = turn.draft
    text = draft.text()
    assert [t for t in expect["draft_contains"] if t not in text] == [], text
    assert [t for t in expect.get("draft_lacks", []) if t in text] == [], text
    assert draft.checks.ok == expect["check_ok"], draft.checks.summary()
    assert draft.due.due == expect["due"]
    for key, value in (expect.get("answers") or {}).items():
        assert get_path(engine.answers(conv), key) == value, key
    sent = engine.mark_sent(conv, user="U_REVIEWER")
    register = engine.cases.register
    case = register.require(sent.reference)
    assert case.is_review and case.status == expect["register"]["status"]
    assert case.outcome == expect["register"]["outcome"] == sent.outcome
    assert reviewer_of(register, case.ref) == "Priya Shah"


def test_sent_review_is_recorded_closed_and_counted(engine):
    script = yaml.safe_load((HERE / "transcripts" / "review-foia-partly-upheld.yaml").read_text(encoding="utf-8"))
    _replay(engine, script)
    engine.today = lambda: date(2025, 4, 8)
    turn = engine.start(script["review"]["request"], user="U_REVIEWER")
    for step in script["review"]["steps"]:
        turn = engine.reply(turn.conversation_id, str(step["say"]), user="U_REVIEWER")
    sent = engine.mark_sent(turn.conversation_id, user="U_REVIEWER")
    assert (sent.reference, sent.outcome, sent.reviewer, sent.review_until) == ("FOI 2025-1/IR", "partly_upheld",
                                                                                "Priya Shah", None)
    assert sent.complain_by == date(2025, 5, 20)  # six weeks after the outcome letter
    register = engine.cases.register
    review = register.require("FOI 2025-1/IR")
    assert (review.status, review.sent_on, review.outcome) == ("closed", date(2025, 4, 8), "partly_upheld")
    actions = [e["action"] for e in register.history(review.ref)]
    assert "review_outcome" in actions and actions[-1] == "status"
    assert register.require("FOI 2025-1").status == "internal_review"  # the parent: next, the ICO if anything
    parent = case_details(register, register.require("FOI 2025-1"))
    assert ("  internal review FOI 2025-1/IR: closed, outcome partly upheld, sent Tue 8 Apr 2025; ICO complaints by "
            "Tue 20 May 2025") in parent.splitlines()
    assert "due" not in parent.split("internal review FOI 2025-1/IR", 1)[1].splitlines()[0]
    stats = compute(engine.store, start=date(2025, 1, 1), end=date(2025, 12, 31), today=date(2025, 4, 8))
    assert stats.to_json()["reviews"] == {"received": 1, "upheld": 0, "partly_upheld": 1, "not_upheld": 0,
                                          "open": 0}
    assert stats.total.received == 1  # the review is never counted as a request
    assert ("Internal reviews: 1 asked for; the original decision upheld 0, upheld in part 1, not upheld 0; still "
            "open 0") in stats.table()
    again = engine.start(script["review"]["request"], user="U_REVIEWER")  # pasted again: nothing more opened
    assert again.conversation_id is None and register.reviews("FOI 2025-1") == [register.require(review.ref)]
    [said] = [m.text for m in again.messages]
    assert ("FOI 2025-1 has been reviewed already (FOI 2025-1/IR, partly upheld, sent Tue 8 Apr 2025): nothing new "
            "was opened. The requester's next step is the Information Commissioner, not a second review.") in said
    assert "already under review" not in said and "due" not in said


def test_a_reviewer_who_took_part_is_cautioned_at_once(engine):
    script = yaml.safe_load((HERE / "transcripts" / "review-foia-partly-upheld.yaml").read_text(encoding="utf-8"))
    _replay(engine, script)
    engine.today = lambda: date(2025, 4, 8)
    turn = engine.start(script["review"]["request"], user="U_REVIEWER")
    for say in ("Priya Shah", "Head of Information Governance"):
        turn = engine.reply(turn.conversation_id, say, user="U_REVIEWER")
    turn = engine.reply(turn.conversation_id, "yes", user="U_REVIEWER")
    assert "Caution: the section 45 Code and the ICO expect a review" in turn.text()
    assert turn.question.field == "points"


def test_the_review_in_the_console(engine, tmp_path):
    from foibot.surfaces.console import Console

    script = yaml.safe_load((HERE / "transcripts" / "review-foia-partly-upheld.yaml").read_text(encoding="utf-8"))
    _replay(engine, script)
    engine.today = lambda: date(2025, 4, 8)
    lines = [*script["review"]["request"].splitlines(), ".",
             *(str(s["say"]) for s in script["review"]["steps"]), "sent", "y", "quit"]
    said: list[str] = []
    console = Console(engine, read=lambda _prompt: lines.pop(0) if lines else None, write=said.append,
                      out_dir=tmp_path)
    assert console.run() == 0
    out = "\n".join(said)
    assert "Finding 1 of 2 (s31(1)(b) relied on): Do we uphold it?" in out
    assert "Finding 2 of 2 (s43(2) relied on): Do we uphold it?" in out
    assert "Draft 1 of FOI 2025-1/IR" in out and "Statutory check passed" in out
    assert ("FOI 2025-1/IR marked as sent on Tue 8 Apr 2025 by" in out and "the review's outcome, partly upheld "
            "(reviewed by Priya Shah), is recorded and FOI 2025-1/IR is closed; the requester may complain to the "
            "ICO, which asks for complaints within six weeks: by Tue 20 May 2025." in out), out[-1500:]


def test_the_review_in_slack_needs_nothing_of_its_own(rig):
    """The fake Slack: the review request pasted in the channel starts the review's thread, answered in it."""
    from slackrig import answer_by_text

    first = rig.paste((HERE / "fixtures" / "seed-request.txt").read_text(encoding="utf-8"))
    answer_by_text(rig, first)
    rig.draft_posts(first)
    conv = rig.ctx.conversation_in(rig_channel(), first)["id"]
    ref = rig.rt.engine.answers(conv)["reference"]
    rig.rt.engine.mark_sent(conv, user="U_OFFICER1")
    ts = rig.paste(f"I am writing to request an internal review of {ref}. The reports are published now.")
    for path, text in (("reviewer_name", "Priya Shah"), ("reviewer_role", "Head of Information Governance"),
                       ("reviewer_involved", "no"), ("points", ""), ("findings.1.decision", "upheld"),
                       ("findings.2.decision", "upheld")):
        rig.question(ts, path)
        rig.reply(ts, text or "The reports are published now.")
    posts = rig.draft_posts(ts)
    letter = "\n".join(b["text"]["text"] for m in posts for b in m["blocks"] if b.get("type") == "section")
    assert f"(review of {ref})" in letter and "we uphold our original decision" in letter.lower()
    assert "no further internal review" in letter and "ask for an internal review" not in letter
    # Mark sent: the outcome recorded and the ICO's six weeks, as the console says them, never a new review window
    rig.click(posts[-1], "draft_sent", thread_ts=ts)
    note = rig.fake.wait_for(lambda: next((m for m in rig.bot_posts(ts) if "marked as sent" in m.get("text", "")),
                                          None))
    assert f"the review's outcome, upheld (reviewed by Priya Shah), is recorded and {ref}/IR is closed" in note["text"]
    assert "the requester may complain to the ICO, which asks for complaints within six weeks: by " in note["text"]
    assert "may ask for an internal review until" not in note["text"]


def rig_channel() -> str:
    from slackrig import CHANNEL

    return CHANNEL
