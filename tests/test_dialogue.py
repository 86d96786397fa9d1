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
    engine.reply(conv, "ask about IT monitoring")  # before any answer 'show draft' is a preview (no version)
    first = engine.reply(conv, "show draft")
    second = engine.redraft(conv)
    versions = [m.version for turn in (first, second) for m in turn.messages if m.kind == "draft"]
    assert versions == [1, 2]
    assert first.question.field == "topic"  # the question still waiting is put again
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


# --- typed state and flow (issue 8, issue 11) --------------------------------------------------------------

from dataclasses import FrozenInstanceError  # noqa: E402

import pytest  # noqa: E402

from foibot.conversation import dialogue  # noqa: E402
from foibot.conversation.email_parse import parse_email  # noqa: E402
from foibot.conversation.state import ConversationState  # noqa: E402


def test_state_round_trips_through_json_and_reads_the_old_untyped_shape(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    engine.reply(conv, "ask about IT monitoring")
    stored = engine.store.conversation(conv)["state"]
    state = ConversationState.from_json(stored)
    assert ConversationState.from_json(state.to_json()) == state
    assert state.asking == "topic" and state.history == ("request_summary",)
    old = {"request": "r", "body": "b", "answers": {"held": "yes"}, "suggestions": {}, "prefilled": ["regime"],
           "history": ["held"], "skipped": [], "asking": "disclosure", "drafted": True,
           "posted_question": "held", "posted_draft": 2, "last_draft": {"version": 2}}
    loaded = ConversationState.from_json(old)
    assert (loaded.answers, loaded.history, loaded.asking, loaded.drafted) == ({"held": "yes"}, ("held",),
                                                                               "disclosure", True)
    assert not {"posted_question", "posted_draft", "last_draft"} & set(loaded.to_json())


def test_the_dialogue_returns_a_new_state_and_leaves_the_old_one_alone(engine, kb, seed_request):
    state = dialogue.new_state(seed_request, parse_email(seed_request), engine.suggest(seed_request))
    state, _ = dialogue.ask(state, kb)
    before = state.to_json()
    after, events = dialogue.handle_text(state, kb, "ask about IT monitoring", today=date(2019, 10, 31))
    assert state.to_json() == before
    assert after.answers["request_summary"] == "ask about IT monitoring" and [e.key for e in events] == ["noted", "ask"]
    with pytest.raises(FrozenInstanceError):
        state.asking = "held"  # type: ignore[misc]


def test_edit_parts_come_from_questions_yaml(engine, kb, seed_request):
    conv = engine.start(seed_request).conversation_id
    for field, value in (("held", "yes"), ("disclosure", "partial"), ("exemptions", ["s22"])):
        engine.choose(conv, field, value)
    parts = dialogue.parts(ConversationState.from_json(engine.store.conversation(conv)["state"]), kb)
    assert [p[0] for p in parts] == ["request", "outcome", "s22"]
    request_fields = [path for path, _ in parts[0][2]]
    assert "letter_date" in request_fields and "held" not in request_fields
    assert {q.part for q in kb.flow} == {"request", "outcome"}


def test_cost_refusal_asks_for_the_estimate_not_why_it_applies(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    for field, value in (("request_summary", "x"), ("topic", "none"), ("held", "yes"), ("disclosure", "none")):
        engine.choose(conv, field, value)
    turn = engine.reply(conv, "s12")
    asked = []
    while turn.question is not None and len(asked) < 10:
        asked.append(turn.question.field)
        turn = engine.reply(conv, "skip")
    assert asked == ["s12.hours", "s12.activities", "s12.advice"]


def test_same_answer_again_and_enter_while_changing_make_no_new_version(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    for text in ("ask about IT", "none", "no", "We do not hold it."):
        turn = engine.reply(conv, text)
    assert [m.version for m in turn.messages if m.kind == "draft"] == [1]
    turn = engine.reply(conv, "change held")
    assert turn.question.field == "held" and turn.question.default == "no"
    turn = engine.reply(conv, "")
    assert "stays as it was" in turn.text() and turn.draft is None
    engine.reply(conv, "change held")
    turn = engine.reply(conv, "nope")
    assert turn.draft is None and len(engine.store.drafts(conv)) == 1


def test_after_show_draft_skipping_the_last_question_gives_the_final_draft(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    for text in ("ask about IT", "none", "no"):
        engine.reply(conv, text)
    turn = engine.reply(conv, "show draft")
    assert turn.draft is not None and turn.question.field == "not_held_detail"
    turn = engine.reply(conv, "skip")
    assert turn.draft is not None and turn.question is None


def test_a_weak_topic_match_is_confirmed_never_taken(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    engine.reply(conv, "ask about IT")
    turn = engine.reply(conv, "the custardy one")
    assert turn.question.prompt.startswith("Did you mean") and engine.answer(conv, "topic") is None
    turn = engine.reply(conv, "no")
    assert turn.question.field == "topic" and engine.answer(conv, "topic") is None
    engine.reply(conv, "the custardy one")
    turn = engine.reply(conv, "yes")
    assert engine.answer(conv, "topic") == "custody-thematic" and turn.question.field == "held"


def test_a_refusal_without_an_exemption_is_queried(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    for text in ("ask about IT", "1", "yes", "none of it"):
        engine.reply(conv, text)
    turn = engine.reply(conv, "none")
    assert "disclose everything" in turn.text() and engine.answer(conv, "disclosure") == "none"
    turn = engine.reply(conv, "no")
    assert turn.question.field == "exemptions"
    engine.reply(conv, "none")
    turn = engine.reply(conv, "yes")
    assert engine.answer(conv, "disclosure") == "full" and engine.answer(conv, "exemptions") == []
    assert turn.question.field == "disclosed"


def test_the_letter_date_is_set_in_chat_and_used(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    turn = engine.reply(conv, "change the letter date")
    assert turn.question.field == "letter_date"
    engine.reply(conv, "1 November 2019")
    turn = engine.reply(conv, "show draft")
    assert turn.draft.letter_date == date(2019, 11, 1)


@pytest.mark.parametrize("held", ["partly", "no"])
def test_not_held_detail_is_asked_when_we_do_not_hold_it_all_and_a_note_is_not_taken_for_it(engine, held):
    engine.today = lambda: date(2025, 3, 3)
    conv = engine.start("Dear FOI team,\nHow many laptops did you buy in 2024?\nRegards,\nAlex Smith").conversation_id
    for field, say in [("received", "3/2/25"), ("request_summary", "n/a"), ("held", held)]:  # no topic to pick
        assert engine.current_question(conv).question.field == field
        turn = engine.reply(conv, say)
    if held == "partly":
        for say in ("all", "the number bought (120)", "none"):
            turn = engine.reply(conv, say)
    assert turn.question.field == "not_held_detail" and turn.draft is None
    turn = engine.reply(conv, "tbc")
    assert turn.question.field == "not_held_detail" and "reads as a note" in turn.text()
    assert engine.answer(conv, "not_held_detail") is None
    turn = engine.reply(conv, "Laptops are bought by the regional unit, which may hold this.")
    assert turn.draft is not None and "Laptops are bought by the regional unit" in turn.draft.text()


def test_a_single_part_request_is_not_asked_about_parts_and_a_vocabulary_error_names_file_and_line(tmp_path, kb):
    import shutil

    from foibot.errors import DataError
    from foibot.knowledge.loading import load_knowledge
    from foibot.suggest.suggestions import Suggestions

    single = dialogue.new_state("How many laptops?", parse_email("How many laptops?"), Suggestions())
    assert single.request_parts == () and "answer_by_part" not in [p for p, _, _ in dialogue.plan(single, kb)]
    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "intents", tmp_path / "intents")
    path = tmp_path / "intents" / "replies-vocabulary.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"nothing at all"]', '"nothing at all", "partial"]'), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_knowledge(tmp_path)
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if '"nothing at all"' in t)
    assert "replies-vocabulary.yaml" in str(caught.value) and "already means partly, partial" in str(caught.value)
    assert caught.value.line is not None and caught.value.line <= line


def test_status_lists_parts_as_lines_not_raw_data(rt):
    from foibot.conversation import echo
    from foibot.conversation.state import ConversationState

    state = ConversationState(answers={
        "regime": "foia", "answer_by_part": "each", "s31": {"likelihood": "would"}, "exemptions": ["s31"],
        "parts": [{"text": "How many cameras?", "held": "yes", "disclosure": "none", "exemptions": ["s31"]},
                  {"text": "Where are they?"}]}, request_parts=("How many cameras?", "Where are they?"))
    text = rt.engine.replies.render("status", rows=echo.status_rows(rt.engine.kb, state))
    assert "- part 1 held: Yes, we hold it" in text and "- part 1 exemptions: s31" in text
    assert "- section 31 likelihood: would" in text and "part 2" not in text
    assert "{" not in text and "[" not in text


@pytest.mark.parametrize(("regime", "offered", "never"), [
    ("foia", {"s31", "s40", "s39"}, ("r", "foisa-")),  # an EIR exception cannot be cited under the Act: s39 is the door
    ("eir", {"r12(5)(e)", "r13"}, ("s", "foisa-")),
])
def test_exemption_choices_follow_the_regime(rt, seed_request, regime, offered, never):
    from dataclasses import replace

    from foibot.conversation.asking import options_for

    conv = rt.engine.start(seed_request).conversation_id
    state = rt.engine._state(conv)
    state = replace(state, answers={**state.answers, "regime": regime})
    question = rt.kb.question("exemptions")
    keys = [o.value for o in options_for(state, rt.kb, question, None)]
    assert offered <= set(keys) and not any(k.startswith(never) for k in keys)
    scottish = [o.value for o in options_for(replace(state, answers={**state.answers, "regime": "foisa"}), rt.kb,
                                            question, None)]
    assert scottish and all(k.startswith("foisa-") for k in scottish)


def _asked_after_exemptions(engine, seed_request, regime: str, exemptions: list[str]) -> list[str]:
    conv = engine.start(seed_request, user="U1").conversation_id
    for field, value in (("regime", regime), ("request_summary", "ask about IT monitoring"), ("topic", "none"),
                         ("held", "yes"), ("disclosure", "none")):
        engine.choose(conv, field, value, user="U1")
    turn = engine.choose(conv, "exemptions", exemptions, user="U1")
    asked = []
    while turn.question is not None and turn.question.field.count(".") == 1 and len(asked) < 20:
        asked.append(turn.question.field)
        turn = engine.reply(conv, "skip", user="U1")
    return asked


def test_the_likelihood_of_harm_is_not_asked_under_the_eir(engine, seed_request):
    """Regulation 12(5) has one test, "would adversely affect": nothing to choose. FOIA's prejudice test is asked."""
    eir = _asked_after_exemptions(engine, seed_request, "eir", ["r12(5)(e)"])
    assert eir and not [f for f in eir if f.endswith(".likelihood")]
    assert "s31.likelihood" in _asked_after_exemptions(engine, seed_request, "foia", ["s31(1)(a)"])


def test_two_officers_marking_a_case_sent_at_once_record_one_sending(engine, seed_request):
    import threading

    import pytest

    from foibot.errors import InputError

    conv = engine.start(seed_request, user="U1").conversation_id
    engine.reply(conv, "ask about IT monitoring", user="U1")
    engine.reply(conv, "show draft", user="U1")
    results: list[object] = []

    def press(user: str) -> None:
        try:
            results.append(engine.mark_sent(conv, user=user))
        except InputError as exc:
            results.append(exc)

    pressers = [threading.Thread(target=press, args=(f"U{i}",)) for i in range(4)]
    for t in pressers:
        t.start()
    for t in pressers:
        t.join()
    assert sum(not isinstance(r, InputError) for r in results) == 1
    assert [e["action"] for e in engine.cases.register.history(engine.answer(conv, "reference"))].count("sent") == 1
    with pytest.raises(InputError, match="already marked as sent"):
        engine.mark_sent(conv, user="U9")


def test_change_with_a_value_changes_it_at_once_and_asks_the_pending_question_again(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    engine.reply(conv, "ask about IT")
    turn = engine.reply(conv, "change the letter date to 30 Oct")
    assert engine.answer(conv, "letter_date") == "2019-10-30" and turn.question.field == "topic"


def test_back_keeps_the_answer_and_enter_keeps_it(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    engine.reply(conv, "ask about IT")
    turn = engine.reply(conv, "back")
    assert turn.question.field == "request_summary" and engine.answer(conv, "request_summary") == "ask about IT"
    turn = engine.reply(conv, "")
    assert turn.question.field == "topic" and engine.answer(conv, "request_summary") == "ask about IT"


def test_a_correction_of_the_exemption_at_its_own_question_replaces_it(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    for field, value in (("request_summary", "x"), ("topic", "none"), ("held", "yes"), ("disclosure", "none")):
        engine.choose(conv, field, value)
    turn = engine.reply(conv, "s41")
    assert turn.question.field == "s41.supplier"
    turn = engine.reply(conv, "actually it's s43 not s41")
    assert engine.answer(conv, "exemptions") == ["s43"] and turn.question.field == "s43.limb"


def test_skipping_the_held_question_never_drafts_a_letter_that_guesses_it(engine, seed_request):
    """Held decides what else is asked: skipped with nothing else left, it is put again (saying why), and
    the letter is never drafted as if the information were held."""
    conv = engine.start(seed_request).conversation_id
    for text in ("ask about IT", "none"):
        engine.reply(conv, text)
    turn = engine.reply(conv, "skip")
    assert turn.draft is None and turn.question.field == "held"
    assert "cannot finish the letter without an answer to this one" in turn.text()
    assert "Skipped" not in turn.text() and not engine.store.drafts(conv)
    turn = engine.reply(conv, "no")
    assert turn.question.field == "not_held_detail"



@pytest.mark.parametrize(("cited", "asks_who"), [("s40(1)", False), ("s40(2)", True)])
def test_the_requesters_own_data_is_not_asked_whose_it_is(engine, cited, asks_who):
    _, asked = _asked_after(engine, "Please send the notes your officers made about me.\nThanks,\nSam Patel", cited,
                            most=8)
    assert ("s40.data_subjects" in asked) is asks_who


def _to_s31_likelihood(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    for text in ("ask about IT monitoring", "", "yes", "some", "a table", "", "s31(1)(a)", "the force names",
                 "it would help criminals"):
        turn = engine.reply(conv, text)
    assert turn.question.field == "s31.likelihood"
    return conv


def test_echoes_name_choices_by_label_and_factors_by_their_words(engine, seed_request):
    conv = _to_s31_likelihood(engine, seed_request)
    said = engine.reply(conv, "would be likely").text()
    assert "Noted. section 31 likelihood: would be likely to" in said and "would_be_likely" not in said
    said = engine.reply(conv, "1 and 2").text()
    assert engine.answer(conv, "s31.pit_for") == ["assurance-on-safeguards", "force-accountability"]
    assert "Noted. section 31 public interest for: Knowing which forces have acted on" in said
    assert "; There is a public interest in holding individual" in said
    assert "assurance-on-safeguards" not in said and "force-accountability" not in said
    engine.reply(conv, "1")
    said = engine.reply(conv, "").text()  # the conclusion is optional: blank gives the standard sentence
    assert "Noted. section 31 public interest conclusion: left blank" in said and ": none" not in said
    engine.reply(conv, "change the public interest for section 31")
    said = engine.reply(conv, "").text()  # Enter keeps the answer
    assert "Section 31 public interest for stays as it was: Knowing which forces" in said
    for internal in ("['", "']", "assurance-on-safeguards", "would_be_likely"):
        assert internal not in said


def test_show_draft_with_nothing_changed_shows_the_same_version_again(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    for text in ("ask about IT", "none", "no", "We do not hold it."):
        turn = engine.reply(conv, text)
    assert [m.version for m in turn.messages if m.kind == "draft"] == [1]
    again = engine.reply(conv, "show draft")
    [shown] = [m for m in again.messages if m.kind == "draft"]
    assert shown.version == 1 and shown.again and shown.draft.text() == turn.draft.text()
    assert engine.replies.render("draft-unchanged", version=1) in shown.text
    assert [d["version"] for d in engine.store.drafts(conv)] == [1]
    ref = engine.answer(conv, "reference")
    assert [e["action"] for e in engine.history(ref).entries].count("draft_linked") == 1
    engine.reply(conv, "change the request summary")
    changed = engine.reply(conv, "ask about IT monitoring software")
    assert changed.draft is not None and [d["version"] for d in engine.store.drafts(conv)] == [1, 2]
    assert not [m for m in changed.messages if m.again]
    assert engine.redraft(conv).messages[-1].version == 3  # Regenerate (Slack) still makes a new version


def test_a_foi_slash_command_sent_as_a_message_is_never_an_answer_or_a_request(engine):
    turn = engine.start("/foi help")
    assert turn.conversation_id is None and "is a slash command, not a request" in turn.text()
    assert engine.store.db.execute("select count(*) from cases").fetchone()[0] == 0
    conv = engine.start("How many cars do you own?\nThanks,\nSam Patel").conversation_id
    for text in ("/foi deadline last Friday", "/FOI exemption 35", " /foi"):
        turn = engine.reply(conv, text)
        assert "is a slash command, not an answer, so nothing was stored" in turn.text()
    assert engine.answer(conv, "received") is None and engine.answer(conv, "request_summary") is None
    assert engine.reply(conv, "yesterday").question.field == "request_summary"  # answers still go in


@pytest.mark.parametrize("held", ["yes", "ncnd"])
def test_show_draft_before_the_exemption_is_named_gives_the_draft_so_far_with_a_gap(engine, held):
    request = "Please send the names of the officers who attended my house.\nThanks,\nSam Patel"
    conv = engine.start(request).conversation_id
    for field, value in (("received", "2019-10-01"), ("request_summary", "x"), ("topic", "none"), ("held", held)):
        engine.choose(conv, field, value)
    if held == "yes":
        engine.choose(conv, "disclosure", "none")
    turn = engine.reply(conv, "show draft")
    assert turn.draft is not None and turn.question.field == "exemptions"
    letter = turn.draft.text()
    assert "[to be completed: exemptions]" in letter and " of of " not in letter and "under ," not in letter
    assert not turn.draft.checks.ok
    if held == "ncnd":
        assert "We hold" not in letter


def test_a_finished_answers_file_that_refuses_without_an_exemption_is_still_refused(engine):
    from foibot.errors import InputError

    answers = {"requester_name": "A B", "received": "2019-10-01", "request_summary": "x", "held": "yes",
               "disclosure": "none"}
    with pytest.raises(InputError, match="a refusal needs an exemption"):
        engine.draft_answers("Please send the names.", answers)


def _at_disclosure(engine, seed_request) -> str:
    conv = engine.start(seed_request).conversation_id
    for field, value in (("received", "2019-10-02"), ("request_summary", "x"), ("topic", "none"), ("held", "yes")):
        engine.choose(conv, field, value)
    return conv


def test_a_correction_typed_at_another_question_changes_the_earlier_answer(engine, seed_request):
    """Round 5: "actually not held" at the disclosure question answers held again (disclosure stays unanswered);
    "sorry, we do hold it" puts it back; "sorry - it came in on the 1st, not the 2nd" corrects the received date.
    The pending question is then asked again."""
    conv = _at_disclosure(engine, seed_request)
    turn = engine.reply(conv, "actually not held - it was destroyed in 2018")
    assert engine.answer(conv, "held") == "no" and engine.answer(conv, "disclosure") is None
    assert turn.question.field == "not_held_detail"
    turn = engine.reply(conv, "sorry, we do hold it - records kept a copy")
    assert engine.answer(conv, "held") == "yes" and turn.question.field == "disclosure"
    turn = engine.reply(conv, "sorry - it came in on the 1st, not the 2nd")
    assert engine.answer(conv, "received") == "2019-10-01" and turn.question.field == "disclosure"
    turn = engine.reply(conv, "sorry, some of it")  # a correction word alone names no earlier question
    assert engine.answer(conv, "disclosure") == "partial" and engine.answer(conv, "held") == "yes"


def test_several_corrections_in_one_message_are_all_applied_or_none(engine, seed_request):
    """Round 8: "sorry, two things: it came in on the 1st, not the 2nd, and we hold it" corrects both answers at
    once; a clause that reads as no sure answer ("not held, maybe") leaves every answer as it was."""
    conv = _at_disclosure(engine, seed_request)
    engine.reply(conv, "actually not held")
    turn = engine.reply(conv, "sorry, two things: it came in on the 1st, not the 2nd, and we do hold it after all")
    assert engine.answer(conv, "received") == "2019-10-01" and engine.answer(conv, "held") == "yes"
    assert turn.question.field == "disclosure"
    engine.reply(conv, "sorry, two things: it came in on the 3rd; and not held, maybe")
    assert engine.answer(conv, "received") == "2019-10-01" and engine.answer(conv, "held") == "yes"


def test_the_letter_is_dated_in_other_words(engine, seed_request):
    conv = _at_disclosure(engine, seed_request)
    turn = engine.reply(conv, "can you date the letter the 1st of next month")
    assert engine.answer(conv, "letter_date") == "2019-11-01" and turn.question.field == "disclosure"


def test_days_for_an_estimate_in_hours_are_confirmed_in_hours(engine, seed_request):
    """The working day (7.5 hours) is an assumption the officer sees: "3 days" is put back as 22.5 hours."""
    conv = _at_disclosure(engine, seed_request)
    engine.choose(conv, "disclosure", "none")
    engine.choose(conv, "exemptions", ["s12"])
    turn = engine.reply(conv, "about 3 days")
    assert "Did you mean 22.5 hours" in turn.text() and engine.answer(conv, "s12.hours") is None
    engine.reply(conv, "yes")
    assert engine.answer(conv, "s12.hours") == 22.5


def test_an_exemptions_own_reason_is_asked_after_what_is_withheld(kb):
    """FOISA s38 has its own "reason"; it takes the shared question's place, after "what is withheld"."""
    from foibot.conversation.asking import _in_order

    ids = [q.id for q in _in_order(kb.exemptions["foisa-s38"], kb)]
    assert ids.index("withheld") < ids.index("reason") and ids.count("reason") == 1


def _asked_after(engine, request: str, reply: str, most: int = 12) -> tuple[str, list[str]]:
    """The questions asked, skipping each, after ``reply`` at the exemptions question of a refusal of ``request``."""
    conv = engine.start(request).conversation_id
    for field, value in (("received", "2019-10-02"), ("request_summary", "x"), ("topic", "none"), ("held", "yes"),
                         ("disclosure", "none")):
        engine.choose(conv, field, value)
    turn = engine.reply(conv, reply)
    asked = []
    while turn.question is not None and len(asked) < most:
        asked.append(turn.question.field)
        turn = engine.reply(conv, "skip")
    return conv, asked


def test_the_requesters_own_data_asks_nothing_generic(engine, seed_request):
    """s40(1): the letter gives the reason in fixed words (their own data, a subject access request)."""
    conv, asked = _asked_after(engine, seed_request, "s40(1)")
    assert asked == []
    draft = engine.redraft(conv).draft
    assert "subject access request" in draft.text() and "[to be completed" not in draft.text()


def test_a_limb_typed_in_the_citation_asks_for_the_s31_2_purpose(engine, seed_request):
    """31(1)(g) to (i) apply only for a purpose in 31(2): typed in the citation, the purpose is still asked."""
    _, asked = _asked_after(engine, seed_request, "s31(1)(g)")
    assert asked[0] == "s31.purpose" and "s31.limb" not in asked
    conv, asked = _asked_after(engine, seed_request, "s31(1)(g) with 31(2)(b)")  # typed with it: not asked again
    assert "s31.purpose" not in asked and engine.answer(conv, "s31.purpose") == "2(b)"
    assert "31(2)(b)" in engine.redraft(conv).draft.text()


_VEHICLES = ("From: Sam Patel <sam@example.org>\nSent: 1 October 2019\n\nPlease tell me:\n1. how many cars you "
             "own;\n2. how many vans you own;\n3. how many bikes you own.\nThanks,\nSam Patel")


def test_a_correction_in_passing_at_a_parts_question_changes_that_parts_held_answer(engine):
    """Tryout 4: "actually not held - …" typed at part 3's "What are we providing?" answers part 3's held again
    (never stored as the text for the letter); the received date read from the email is corrected too."""
    conv = engine.start(_VEHICLES).conversation_id
    for text in ("vehicles", "part by part", "yes", "full", "12 cars", "", "yes", "full", "3 vans", "", "yes", "full"):
        turn = engine.reply(conv, text)
    assert turn.question.field == "parts.3.disclosed"
    turn = engine.reply(conv, "actually not held - we don't record bikes")
    assert engine.answer(conv, "parts.3.held") == "no" and engine.answer(conv, "parts.3.disclosed") is None
    assert engine.answer(conv, "parts.1.held") == "yes" and turn.question.field == "parts.3.not_held_detail"
    turn = engine.reply(conv, "sorry - it came in on the 2nd")
    assert engine.answer(conv, "received") == "2019-10-02" and turn.question.field == "parts.3.not_held_detail"


def test_change_names_a_parts_answer_in_foibots_own_words(engine):
    """"change held for part 3", "change part 3 held" (as status prints it), "change part 3"."""
    conv = engine.start(_VEHICLES).conversation_id
    for text in ("vehicles", "part by part"):
        engine.reply(conv, text)
    for text, field in (("change held for part 3", "parts.3.held"), ("change part 3 held", "parts.3.held"),
                        ("change part 2", "parts.2.held"), ("change the held answer for part 2", "parts.2.held")):
        assert engine.reply(conv, text).question.field == field, text
    engine.reply(conv, "no")
    assert engine.reply(conv, "change the not held detail for part 2").question.field == "parts.2.not_held_detail"


def test_skipping_the_received_date_never_drafts_an_undated_letter(engine):
    """The received date decides the due date: skipped with nothing else left, it is put again, saying why."""
    conv = engine.start("How many cars do you own?\nThanks,\nSam Patel").conversation_id
    turn = engine.reply(conv, "skip")
    assert turn.question.field == "request_summary"
    for text in ("cars", "no", "We do not keep a fleet list."):
        turn = engine.reply(conv, text)
    assert turn.draft is None and turn.question.field == "received" and not engine.store.drafts(conv)
    assert "cannot finish the letter without an answer to this one" in turn.text()
    assert engine.reply(conv, "1 October 2019").draft is not None


def test_an_answer_with_a_correction_in_passing_applies_both(engine, seed_request):
    """Tryout 4: "we hold most of it, and btw it actually came in on the 10th" answers held and corrects the
    received date read from the email."""
    conv = engine.start(seed_request).conversation_id
    for text in ("x", "none"):
        engine.reply(conv, text)
    turn = engine.reply(conv, "we hold most of it, and btw it actually came in on the 10th")
    assert engine.answer(conv, "held") == "partly" and engine.answer(conv, "received") == "2019-10-10"
    assert turn.question.field == "disclosure"
    turn = engine.reply(conv, "we're not giving any of it. sorry, the received date was the 9th")
    assert engine.answer(conv, "disclosure") == "none" and engine.answer(conv, "received") == "2019-10-09"


def test_a_citation_at_the_attachments_question_is_asked_back_not_stored(engine, seed_request):
    conv = _at_disclosure(engine, seed_request)
    engine.choose(conv, "disclosure", "partial")
    engine.reply(conv, "a table")
    turn = engine.reply(conv, "36(1)")
    assert "reads as an exemption" in turn.text() and turn.question.field == "attachments"
    assert engine.answer(conv, "attachments") is None


def test_same_as_another_exemption_copies_its_answer(engine, seed_request):
    conv = _at_disclosure(engine, seed_request)
    engine.choose(conv, "disclosure", "none")
    engine.choose(conv, "exemptions", ["s24", "s31(1)(a)"])
    turn = engine.reply(conv, "skip")
    while turn.question.field != "s31.withheld":
        turn = engine.reply(conv, "skip")
    engine.reply(conv, "the camera locations")
    turn = engine.reply(conv, "change what is withheld for section 24")
    assert turn.question.field == "s24.withheld"
    engine.reply(conv, "same as s31")
    assert engine.answer(conv, "s24.withheld") == "the camera locations"


def test_an_ncnd_provision_typed_deeper_than_its_subsection_is_kept_for_the_letter(engine):
    """"40(5B)(a)(i)" is stored as typed, and the letter cites it so (not as 40(5B)); its limb is not asked."""
    request = "Please tell me whether Officer J Smith has been disciplined.\nThanks,\nSam Patel"
    conv = engine.start(request).conversation_id
    for field, value in (("received", "2019-10-01"), ("request_summary", "x"), ("topic", "none"), ("held", "ncnd")):
        engine.choose(conv, field, value)
    turn = engine.reply(conv, "40(5B)(a)(i)")
    assert engine.answers(conv)["exemptions"] == ["s40(5B)(a)(i)"]
    asked = []
    while turn.question is not None and len(asked) < 8:
        asked.append(turn.question.field)
        turn = engine.reply(conv, "They would reveal whether he has a disciplinary record.")
    assert "s40.limb" not in asked
    draft = turn.draft or engine.redraft(conv).draft
    assert "section 40(5B)(a)(i)" in draft.text()


def test_change_naming_no_question_lists_what_can_be_changed_in_words_each_of_which_changes_it(engine, seed_request):
    conv = engine.start(seed_request, user="U1").conversation_id
    for field, value in (("request_summary", "ask about IT monitoring"), ("topic", "peel-spotlight-betrayal"),
                         ("held", "yes"), ("disclosure", "partial"), ("disclosed", "a table"),
                         ("attachments", ["Table"]), ("exemptions", ["s22", "s31(1)(a)"])):
        engine.choose(conv, field, value, user="U1")
    text = engine.reply(conv, "change the colour").text()
    listed = text.split("You can change: ")[1].split("\n")[0]
    assert "requester_name" not in listed and "answer_by_part" not in listed and "received date" in listed
    assert "section 31 factors against disclosure" in listed
    for name in ("received date", "section 31 factors against disclosure"):
        turn = engine.reply(conv, f"change {name}")
        assert turn.question is not None and turn.question.field in ("received", "s31.pit_against"), name


def test_back_straight_after_restart_puts_the_answers_back_and_after_an_answer_goes_back_as_usual(engine, seed_request):
    conv = engine.start(seed_request, user="U1").conversation_id
    engine.reply(conv, "ask about IT monitoring")
    engine.reply(conv, "the first one")
    engine.reply(conv, "yes")
    said = engine.reply(conv, "restart").text()
    assert "Say 'back' to undo this" in said and engine.answer(conv, "held") is None
    turn = engine.reply(conv, "back")
    assert engine.replies.render("restart-undone") in turn.text() and turn.question.field == "disclosure"
    assert engine.answer(conv, "held") == "yes" and engine.answer(conv, "request_summary") == "ask about IT monitoring"
    engine.reply(conv, "restart")
    engine.reply(conv, "IT monitoring")
    turn = engine.reply(conv, "back")
    assert turn.question.field == "request_summary" and engine.answer(conv, "held") is None



# --- round 10: a council's "Keep … without s35?" in the officer's words; a different exemption at the last finding --

_COUNCIL_REQUEST = """From: Tom Hale <tom@example.org>
Date: 5 Nov 2025

Please send me the bidders' prices for the bus franchising contract awarded in 2025, and the mayor's briefing.

Tom Hale
"""


def _council_at_keep(tmp_path: Path, cited: str):
    """A council's conversation that cited ``cited`` (section 35 among them) and is asked whether to keep the rest."""
    from profiles import copy_profile

    folder = copy_profile(tmp_path / "data", type="council")
    engine = open_runtime(tmp_path / "f.sqlite", folder).engine
    engine.today = lambda: date(2025, 12, 2)
    conv = engine.start(_COUNCIL_REQUEST).conversation_id
    for say in ("the bidders' prices", "yes", "none of it"):
        engine.reply(conv, say)
    turn = engine.reply(conv, cited)
    assert "without s35(1)(a)? (yes or no)" in turn.text()
    return engine, conv


@pytest.mark.parametrize("say, meant", [
    ("yeah drop 35", ["s43(2)"]), ("ok, remove it", ["s43(2)"]), ("fine, just 43", ["s43(2)"]),
    ("s43(2) only", ["s43(2)"]), ("yes, use s36(2)(b)(i) instead", ["s43(2)", "s36(2)(b)(i)"]),
    ("swap it for 36(2)(c)", ["s43(2)", "s36(2)(c)"]), ("36(2)(b)(ii) then", ["s43(2)", "s36(2)(b)(ii)"])])
def test_keep_without_s35_is_answered_in_the_officers_words(tmp_path, say, meant):
    engine, conv = _council_at_keep(tmp_path, "s35(1)(a), s43(2)")
    engine.reply(conv, say)
    assert engine.answers(conv)["exemptions"] == meant


def test_keep_without_s35_naming_s35_alone_is_asked_again(tmp_path):
    engine, conv = _council_at_keep(tmp_path, "s35(1)(a), s43(2)")
    turn = engine.reply(conv, "just 35")  # what the officer means, but a council cannot rely on it: said again
    assert "Section 35 can be relied on only by a government department" in turn.text()
    assert not engine.answers(conv).get("exemptions")


def test_a_different_exemption_at_the_last_finding_asks_which(tmp_path):
    """The review's plan never reads what is still withheld before the substituted exemption is named (it stopped
    foibot: 'substituted' needs the exemptions now relied on)."""
    import yaml

    here = Path(__file__).resolve().parent
    script = yaml.safe_load((here / "replies-heldout10" / "review-findings.yaml").read_text(encoding="utf-8"))
    first = script["review"]["first"]
    engine = open_runtime(tmp_path / "f.sqlite", here.parent).engine
    engine.today = lambda: date(2025, 3, 11)
    conv = engine.start(first["request"]).conversation_id
    for say in first["says"]:
        engine.reply(conv, say)
    engine.mark_sent(conv)
    engine.today = lambda: date(2025, 4, 8)
    conv = engine.start(script["review"]["request"]).conversation_id
    for say in ("Priya Shah", "Head of IG", "no", "x", "maintain the exemption"):
        engine.reply(conv, say)
    turn = engine.reply(conv, "different exemption")
    assert turn.question is not None and turn.question.field == "findings.2.exemptions"
    engine.reply(conv, "s41(1)")
    assert engine.answers(conv)["findings"][1] == {"subject": "s43(2)", "decision": "substituted",
                                                   "exemptions": ["s41(1)"]}


@pytest.mark.parametrize("said, meant", [("aprove", "approve"), ("approve please", "approve"), ("Approve.", "approve"),
                                         ("mark as snet", "sent"), ("sent it", "sent"), ("Sent!", "sent"),
                                         ("looks good, approve", "approve"), ("approve", None),
                                         ("it's gone out", None)])
def test_a_command_after_the_draft_in_words_around_it_is_offered(said, meant):
    from foibot.conversation.commands import slipped_command

    fillers = ("it", "please", "mark", "as", "looks", "good")
    assert slipped_command(said, ["approve", "sent", "history"], fillers) == meant
