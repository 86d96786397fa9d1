"""What the third new-user tryout found in the chat: a pasted email quoted whole, 40(5A) echoed as s40(1), choice
words stored as public interest factors, file names with spaces, a topic question with nothing to pick, and status,
change and approvals that showed ids, Python lists and "console"."""

from __future__ import annotations

from datetime import date

import pytest
from test_email_parse import OUTLOOK
from test_release_fixtures import clean_workbook_bytes, write

from foibot.conversation import asking
from foibot.conversation.state import ConversationState
from foibot.suggest.suggestions import Suggestion, Suggestions
from foibot.surfaces.console import Console, format_question

OWN_DATA = ("From: Alex Doe <alex@example.org>\nDate: 1 October 2019\n\nUnder the Freedom of Information Act please "
            "provide all emails that mention me, Alex Doe, sent or received by your officers since January 2019.")
SICKNESS = ("From: Sam Lee <sam@example.org>\nDate: 1 October 2019\n\nPlease provide the number of police officers "
            "on long-term sick leave in 2018, by rank.")
CONTRACT = ("From: Kim Ray <kim@example.org>\nDate: 1 October 2019\n\nPlease provide a copy of the contract between "
            "the force and its vehicle recovery supplier, including the pricing schedule.")


def run_console(engine, tmp_path, lines: list[str]) -> str:
    feed = iter(lines)
    out: list[str] = []
    assert Console(engine, read=lambda prompt: next(feed, None), write=out.append, out_dir=tmp_path).run() == 0
    return "\n".join(out)


# --- 1. the quoted request is the request only ------------------------------------------------------------


def test_a_long_pasted_email_is_quoted_as_the_request_only_and_addressed_to_the_signatures_address(engine):
    engine.today = lambda: date(2026, 11, 20)
    turn = engine.start(OUTLOOK, user="U1")
    conv = turn.conversation_id
    answers = engine.answers(conv)
    assert answers["requester_address"] == "14 Orchard Close\nEastvale\nEV3 7QT"
    letter = engine.reply(conv, "show draft").draft.text()
    quoted = letter[letter.index("You asked for the following:"):]
    assert "I would prefer to receive the information in a spreadsheet." in quoted
    for gone in ("07700 900123", "confidential", "Original Message", "Dear Ms Okafor", "Previous thread",
                 "Best wishes", "Chair, Mill Lane"):
        assert gone not in letter, gone
    head = letter[:letter.index("Dear ")]
    assert "By email" not in head and "Sarah Okafor\n14 Orchard Close\nEastvale\nEV3 7QT" in head
    case = engine.cases.register.require(answers["reference"])
    assert case.requester_address == "14 Orchard Close\nEastvale\nEV3 7QT"


# --- 2. an NCND exemption is echoed and labelled as the provision; Enter adds only well-evidenced ones ---------


def to_exemptions(engine, request: str, held: str = "ncnd", disclosure: str | None = None) -> str:
    conv = engine.start(request, user="U1").conversation_id
    engine.reply(conv, "ask for emails about themselves")
    if engine.current_question(conv).question.field == "topic":
        engine.reply(conv, "none")
    engine.reply(conv, held)
    if disclosure:
        engine.reply(conv, disclosure)
    assert engine.current_question(conv).question.field == "exemptions"
    return conv


def test_40_5a_typed_to_neither_confirm_nor_deny_is_echoed_as_40_5a_and_labels_its_questions(engine):
    conv = to_exemptions(engine, OWN_DATA)
    turn = engine.reply(conv, "40(5A)")
    assert "Noted. exemptions: s40(5A)" in turn.text() and "s40(1)" not in turn.text()
    assert turn.question.field == "s40.reason" and turn.question.exemption == "section 40(5A)"
    assert "[section 40(5A)]" in format_question(turn.question) and "40(2)" not in format_question(turn.question)
    status = engine.reply(conv, "status").text()
    assert "- exemptions: s40(5A)" in status
    engine.reply(conv, "Confirming or denying would reveal whether we hold the requester's own personal data.")
    letter = engine.reply(conv, "show draft").draft.text()
    assert "section 40(5A)" in letter and "40(5B)" not in letter


def test_enter_at_the_exemptions_question_never_crashes_on_an_ncnd_suggestion(engine):
    conv = to_exemptions(engine, OWN_DATA, held="yes", disclosure="none")
    question = engine.current_question(conv).question
    assert question.default and question.default[0] == "s40(5A)"  # as suggested, read as typed on Enter
    turn = engine.reply(conv, "")
    assert engine.answer(conv, "exemptions")[0] == "s40(1)" and turn.question is not None


def _state(exemptions: list[Suggestion], regime: str = "foia", **answers) -> ConversationState:
    suggestions = Suggestions(exemptions=exemptions, regime=regime)
    return ConversationState(answers={"regime": regime, **answers}, suggestions=suggestions.to_state())


PRIOR = "cited in about 37% of police answers (prior from 835 answered requests)"
PRECEDENTS = "cited in 3 of the 10 most similar answered requests (a, b, c)"
CUES = "cues: 'locations'"
INTENT = "request looks like 'Asks for a contract' (cues: 'contract')"
ENGAGED = "engages it: a specific investigation ('the incident')"


def test_the_exemptions_default_takes_at_most_two_with_evidence_from_the_request_itself(kb):
    q = kb.question("exemptions")
    state = _state([Suggestion("s31", "", 90, f"{PRIOR}; {PRECEDENTS}"),  # prior and precedents only: never
                    Suggestion("s30", "", 80, f"{PRIOR}; {ENGAGED}"),
                    Suggestion("s43(2)", "", 70, f"{PRIOR}; {INTENT}"),
                    Suggestion("s24", "", 60, f"{CUES}"),  # a third with evidence: at most two
                    Suggestion("s38", "", 40, CUES)], held="yes", disclosure="none")
    assert asking.default_for(state, q, "exemptions", kb) == ["s30", "s43(2)"]
    assert asking.default_for(_state([Suggestion("s31", "", 90, PRIOR)]), q, "exemptions", kb) == []


def test_the_exemptions_default_leaves_out_a_whole_request_refusal_when_some_is_given(kb):
    q = kb.question("exemptions")
    found = [Suggestion("r12(5)(e)", "", 70, INTENT), Suggestion("r12(4)(b)", "", 64, CUES)]
    assert asking.default_for(_state(found, "eir", held="yes", disclosure="partial"), q, "exemptions", kb) == [
        "r12(5)(e)"]
    assert asking.default_for(_state(found, "eir", held="yes", disclosure="none"), q, "exemptions", kb) == [
        "r12(5)(e)", "r12(4)(b)"]


def test_a_scottish_default_is_shown_as_the_officer_types_it(kb):
    q = kb.question("exemptions")
    state = _state([Suggestion("foisa-s33", "", 78, CUES), Suggestion("foisa-s30", "", 68, INTENT)], "foisa",
                   held="yes", disclosure="none")
    default = asking.default_for(state, q, "exemptions", kb)
    shown = asking.AskedQuestion(field="exemptions", kind="exemptions", prompt="", default=default)
    assert shown.shown_default() == "s33, s30" and "foisa-" not in format_question(shown)


# --- 3. a choice word is no public interest factor, a word or two no conclusion ----------------------------------


def to_public_interest(engine) -> str:
    conv = to_exemptions(engine, CONTRACT, held="yes", disclosure="none")
    said = {"exemptions": "s43(2)", "s43.whose_interests": "the supplier's", "s43.withheld": "the pricing schedule",
            "s43.reason": "It would reveal the supplier's prices to its competitors.",
            "s43.likelihood": "would be likely"}
    turn = engine.current_question(conv)
    for _ in range(len(said) + 1):  # each answer taken once: a reply asked back would loop here
        if turn.question.field not in said:
            break
        turn = engine.reply(conv, said[turn.question.field])
    assert turn.question.field == "s43.pit_for", turn.text()
    return conv


@pytest.mark.parametrize("say", ["would be likely", "yes", "no", "partly", "would", "withhold"])
def test_a_choice_word_typed_as_a_factor_is_asked_back(engine, say):
    conv = to_public_interest(engine)
    turn = engine.reply(conv, say)
    assert turn.question.field == "s43.pit_for" and engine.answer(conv, "s43.pit_for") in (None, [])
    assert turn.messages[0].kind == "error" or "not one of the listed factors" in turn.text()


def test_a_factor_of_the_officers_own_in_words_is_kept(engine):
    conv = to_public_interest(engine)
    engine.reply(conv, "1; the contract is worth a lot of public money")
    assert engine.answer(conv, "s43.pit_for")[1] == "the contract is worth a lot of public money"  # as typed


@pytest.mark.parametrize("say", ["withhold", "favours withholding", "would be likely", "yes"])
def test_a_conclusion_of_a_word_or_two_is_asked_back(engine, say):
    conv = to_public_interest(engine)
    engine.reply(conv, "1")
    turn = engine.reply(conv, "1")
    assert turn.question.field == "s43.pit_conclusion"
    turn = engine.reply(conv, say)
    assert turn.question.field == "s43.pit_conclusion" and turn.messages[0].kind == "error"
    assert "gives no reason" in turn.text() or "favours withholding but not why" in turn.text()
    assert engine.answer(conv, "s43.pit_conclusion") is None
    turn = engine.reply(conv, "The balance favours withholding: prices would harm the supplier in its next tender.")
    kept = engine.answer(conv, "s43.pit_conclusion")  # the reason kept (the letter states the direction itself)
    assert kept.endswith("rices would harm the supplier in its next tender.") and "yes" not in kept.lower()


# --- 9. file names with spaces --------------------------------------------------------------------------------


def test_release_check_takes_a_file_name_with_spaces_unquoted(engine, tmp_path):
    path = write(tmp_path, "my file.xlsx", clean_workbook_bytes())
    text = run_console(engine, tmp_path, [SICKNESS, ".", f"release-check {path}", f"check file {path}", "help",
                                          "quit"])
    assert text.count("my file.xlsx: GREEN") == 2 and "No such file" not in text
    assert 'a name with spaces may be quoted: release-check "my file.xlsx"' in text


# --- 10. no topic to pick ---------------------------------------------------------------------------------------


def test_the_topic_is_not_asked_when_none_matched_but_can_be_changed(engine):
    turn = engine.start(SICKNESS, user="U1")
    conv = turn.conversation_id
    assert engine.answer(conv, "topic") == "none"
    turn = engine.reply(conv, "ask about sickness absence")
    assert turn.question.field == "held" and "publications" not in turn.text()
    turn = engine.reply(conv, "change topic")
    assert turn.question.field == "topic"
    assert [e["who"] for e in engine.store.answer_log(conv) if e["field"] == "topic"] == ["foibot"]


# --- 11. status, change and approvals in words ------------------------------------------------------------------


def test_status_shows_answers_as_the_echo_does(engine):
    conv = to_public_interest(engine)
    engine.reply(conv, "1")
    status = engine.reply(conv, "status").text()
    for said in ("- received: Tue 1 Oct 2019", "- held: Yes, we hold it", "- disclosure: None of it",
                 "- section 43 likelihood: would be likely to", "- regime: Freedom of Information Act 2000",
                 "- exemptions: s43(2)"):
        assert said in status, said
    factor = engine.kb.exemptions["s43"].pit_text(engine.answer(conv, "s43.pit_for")[0])
    assert f"- section 43 public interest for: {factor[:30]}" in status
    for raw in ("would_be_likely", "2019-10-01", "['", "{", "held: yes", "limb: 2"):
        assert raw not in status, raw


def test_status_lists_every_subsection_cited(engine):
    conv = engine.start(SICKNESS, user="U1").conversation_id
    for say in ("ask about sickness absence", "yes", "none", "s31(1)(a) and (b)"):
        engine.reply(conv, say)
    status = engine.reply(conv, "status").text()
    assert "- section 31 limb: 31(1)(a), 31(1)(b)" in status
    assert status.count("section 31 limb") == 1  # asked once for the section, however many subsections


def test_change_shows_the_current_answer_in_words(engine):
    conv = to_public_interest(engine)
    turn = engine.reply(conv, "change likelihood")
    shown = format_question(turn.question)
    assert "Current answer: would be likely to" in shown and "Press Enter for: would be likely to" in shown
    assert "would_be_likely" not in shown and "['" not in shown


def test_approvals_and_sending_in_the_console_are_recorded_under_the_officers_user_name(engine, tmp_path,
                                                                                       monkeypatch):
    for name in ("USER", "LOGNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("USER", "jsmith")
    text = run_console(engine, tmp_path, [SICKNESS, ".", "ask about sickness absence", "show draft", "approve",
                                          "sent", "y", "quit"])
    assert "approved by jsmith" in text and "by jsmith" in text.split("marked as sent")[1].split("\n")[0]
    ref = engine.store.db.execute("select ref from cases").fetchone()[0]
    whos = {e["action"]: e["who"] for e in engine.history(ref).entries}
    assert whos["approved"] == "jsmith" and whos["sent"] == "jsmith"


def test_without_user_set_the_console_asks_the_system_for_the_login_name(engine, tmp_path, monkeypatch):
    import getpass

    for name in ("USER", "LOGNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "pat")
    console = Console(engine, read=lambda prompt: None, write=lambda text: None, out_dir=tmp_path)
    assert console.user == "pat"

