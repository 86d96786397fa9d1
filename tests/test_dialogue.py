"""The dialogue: structured answers, the answer log, resuming after a restart, and what it skips."""

from datetime import date
from pathlib import Path

from foibot.surfaces.runtime import open_runtime

ROOT = Path(__file__).resolve().parent.parent


def test_email_details_are_not_asked_again(engine, seed_request):
    turn = engine.start(seed_request, user="U1")
    assert turn.question.field == "request_summary"
    answers = engine.answers(turn.conversation_id)
    assert answers["requester_name"] == "J Roberts" and answers["received"] == "2019-09-28"
    assert answers["requester_email"] == "j.roberts@example.org"
    matched = turn.messages[0]
    assert "'ict systems'" in matched.text and matched.suggestions.topics[0].key == "peel-spotlight-betrayal"


def test_structured_answers_prefill_exemptions_and_log_who(engine, seed_request):
    conv = engine.start(seed_request, user="U1").conversation_id
    engine.choose(conv, "request_summary", "ask about IT monitoring", user="U1")
    engine.choose(conv, "topic", "peel-spotlight-betrayal", user="U1")
    engine.choose(conv, "held", "yes", user="U2")
    engine.choose(conv, "disclosure", "partial", user="U2")
    engine.choose(conv, "disclosed", "a table", user="U2")
    turn = engine.choose(conv, "attachments", ["Table of 29 forces"], user="U2")
    question = turn.question
    assert question.field == "exemptions"
    assert question.default[0] == "s31"  # prefilled from the suggestions
    turn = engine.choose(conv, "exemptions", ["s22", "s31(1)(a)"], user="U3")
    assert turn.question.field == "s22.planned_before_request"
    assert engine.answer(conv, "s31.limb") == "1(a)"
    log = engine.store.answer_log(conv)
    assert [(e["field"], e["who"]) for e in log if e["field"] in ("held", "exemptions")] == [
        ("held", "U2"), ("exemptions", "U3")]
    # anyone can change an earlier answer; the change is recorded too
    engine.choose(conv, "held", "partly", user="U4")
    assert engine.answer(conv, "held") == "partly"
    assert engine.store.answer_log(conv)[-1]["who"] == "U4"


def test_a_restart_resumes_the_conversation(tmp_path, seed_request):
    db = tmp_path / "foibot.sqlite"
    first = open_runtime(db, ROOT)
    first.engine.today = lambda: date(2019, 10, 25)
    conv = first.engine.start(seed_request, user="U1").conversation_id
    first.engine.reply(conv, "ask about IT monitoring")
    first.engine.reply(conv, "1")
    first.store.close()

    second = open_runtime(db, ROOT)
    second.engine.today = lambda: date(2019, 10, 25)
    turn = second.engine.current_question(conv)
    assert turn.question.field == "held"
    turn = second.engine.reply(conv, "yes")
    assert turn.question.field == "disclosure"
    assert second.engine.answer(conv, "topic") == "peel-spotlight-betrayal"
    second.store.close()


def test_drafts_are_versioned(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    first = engine.reply(conv, "show draft")
    second = engine.redraft(conv)
    versions = [m.version for turn in (first, second) for m in turn.messages if m.kind == "draft"]
    assert versions == [1, 2]
    assert first.question.field == "request_summary"  # the question still waiting is put again
    assert [d["version"] for d in engine.store.drafts(conv)] == [1, 2]


def test_future_received_date_is_refused(engine):
    conv = engine.start("How many cars do you own?\nThanks,\nSam Patel").conversation_id
    turn = engine.reply(conv, "1 January 2030")
    assert "future" in turn.text() and turn.question.field == "received"


def test_wrong_choice_lists_the_choices(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    engine.reply(conv, "skip")
    engine.reply(conv, "none")
    turn = engine.reply(conv, "perhaps")
    assert "please choose" in turn.text() and "We hold some of it" in turn.text()
    assert turn.question.field == "held" and engine.answer(conv, "held") is None
    turn = engine.reply(conv, "purple")
    assert "is not one of the choices" in turn.text() and turn.question.field == "held"
