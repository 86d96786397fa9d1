"""The chat findings of the eighth new-user tryout: an EIR exception typed for a part of a request under the Act,
corrections and asides at the factor and balance questions, picks typed at free-text questions, the exemptions
question's defaults, Welsh picks, a split at one of several places, dates read alike at every date-like question,
and words that read as a subject at the requester's name question."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from profiles import copy_profile
from stepping import say

from foibot.surfaces.runtime import open_runtime

FIRE = ("From: Dan Whitfield <dan.w@example.net>\nDate: 16 December 2027\n"
        "Subject: FOI - stations, fire investigation and Marsh Lane training ground\n\nHello,\n\n"
        "I'd like the following please:\n\n"
        "1. The security arrangements at Eastbury and Northgate fire stations, including CCTV camera locations and "
        "door access codes.\n"
        "2. The fire investigation report into the fire at the Riverside Mill warehouse on 3 October 2027, which "
        "police are treating as arson.\n"
        "3. Any water quality test results for run-off from the Marsh Lane training ground into the River Leam since "
        "2024, including firefighting foam (PFAS) pollution.\n"
        "4. The number of firefighters injured at work in each of the last three years.\n\nThanks\nDan Whitfield\n")


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return copy_profile(tmp_path_factory.mktemp("fire") / "data", type="other")


@pytest.fixture
def engine(tmp_path, data):
    runtime = open_runtime(tmp_path / "f.sqlite", data)
    runtime.engine.today = lambda: date(2027, 12, 17)
    yield runtime.engine
    runtime.store.close()


def _part3_exemptions(engine) -> str:
    """The fire request answered part by part up to part 3's exemptions question."""
    conv = engine.start(FIRE).conversation_id
    turn = say(engine, conv, "station security and the rest", "2", "2",
                "1", "3", "s24(1), s38", "1", "3", "s31(1)(a)", "1", "2", "the Environment Agency results", "none")
    assert turn.question.field == "parts.3.exemptions"
    return conv


# --- 1. an EIR exception typed for a part of a request under the Act ------------------------------------------

EIR_UNDER_ACT = ("{cite} is an exception of the Environmental Information Regulations 2004, but this letter is "
                 "answered under the Freedom of Information Act 2000, so it cannot rely on it. If part 3 is "
                 "environmental information, cite s39 instead: foibot drafts it as exempt from the Act and answered "
                 "under the EIR, and asks which EIR exception applies. If the whole request is for environmental "
                 "information, say 'change the regime'. Which exemptions apply?")


@pytest.mark.parametrize("typed,cite", [("12(4)(d)", "Regulation 12(4)(d)"), ("12(5)(b)", "Regulation 12(5)(b)"),
                                        ("reg 12(4)(d)", "Regulation 12(4)(d)"), ("r13", "Regulation 13")])
def test_an_eir_exception_for_a_part_under_the_act_is_read_as_the_regulation_and_refused_saying_what_to_do(
        engine, typed, cite):
    conv = _part3_exemptions(engine)
    turn = engine.reply(conv, typed)
    assert [m.kind for m in turn.messages] == ["error", "question"]
    assert turn.messages[0].text == EIR_UNDER_ACT.format(cite=cite)
    assert turn.question.field == "parts.3.exemptions"
    assert not engine.answer(conv, "parts.3.exemptions") and "r12(4)(d)" not in engine.answers(conv)
    engine.reply(conv, "s39")  # the way it offers: section 39 (its EIR exception is asked with its questions)
    assert engine.answer(conv, "parts.3.exemptions") == ["s39"]


WATER_ONE = "Please send me the water quality test results for the river since 2024.\n\nThanks,\nSam Jones"


def test_a_change_of_regime_to_the_act_takes_the_eir_exceptions_out_and_asks_again(engine):
    conv = engine.start(WATER_ONE).conversation_id
    say(engine, conv, "1 Dec 2027", "water tests", "yes", "none", "12(4)(d)", "change the regime")
    turn = engine.reply(conv, "foia")
    assert [m.kind for m in turn.messages] == ["note", "error", "question"]
    assert turn.messages[1].text == (
        "A letter under the Freedom of Information Act 2000 cannot rely on regulation 12(4)(d), an exception of the "
        "Environmental Information Regulations 2004, so I have taken it out of the exemptions. For a part that is "
        "environmental information, cite s39: foibot drafts it as exempt from the Act and answered under the EIR.")
    assert turn.question.field == "exemptions" and engine.answer(conv, "exemptions") is None
    assert "r12(4)(b)" not in (turn.question.default or [])  # never an EIR exception offered under the Act
    turn = engine.reply(conv, "show draft")
    assert "is an EIR exception" not in turn.text() and "Sorry, I could not do that" not in turn.text()


def test_a_failure_to_draft_is_said_as_a_sentence(engine):
    """A conversation saved before EIR exceptions were refused under the Act (resumed from the store) cannot be
    drafted: the reason is said as a sentence, with its full stop."""
    conv = engine.start(WATER_ONE).conversation_id
    say(engine, conv, "1 Dec 2027", "water tests", "yes", "none", "s43(2)")
    state = engine._state(conv)
    stored = {**state.answers, "regime": "foia", "exemptions": ["r12(4)(d)"]}
    engine.store.save_conversation(conv, state.with_answers(stored).to_json())
    turn = engine.reply(conv, "show draft")
    errors = [m.text for m in turn.messages if m.kind == "error"]
    assert errors == ["Sorry, I could not do that: regulation 12(4)(d) is an EIR exception; this request is handled "
                      "under the Freedom of Information Act 2000. Set regime to eir or cite a section."]


# --- 4. the exemptions question's defaults -----------------------------------------------------------------


def test_the_exemptions_default_never_holds_both_s30_and_s31_and_an_environmental_part_only_s39(engine):
    conv = engine.start(FIRE).conversation_id
    turn = say(engine, conv, "station security and the rest", "2", "2", "1", "3")
    assert turn.question.field == "parts.1.exemptions"
    assert turn.question.default == ["s31", "s38"]  # s30 scored below s31: left unsaid
    turn = say(engine, conv, "s24(1), s38", "1", "3")
    # part 2's own words (an arson investigation: tryout 9 #2): s30 leads, so s31 is left unsaid
    assert turn.question.default == ["s30", "s40(2)"]
    turn = say(engine, conv, "s31(1)(a)", "1", "2", "the Environment Agency results", "none")
    assert turn.question.field == "parts.3.exemptions" and turn.question.default == ["s39"]
    assert "s30" not in turn.text()


# --- 2. corrections and asides at the factor and balance questions ------------------------------------------


def _to_s24_factors(engine) -> str:
    """The fire request, parts 1 withheld under s24(1) and s38, the rest given, up to s24's factors for disclosure."""
    conv = engine.start(FIRE).conversation_id
    turn = say(engine, conv, "station security and the rest", "2", "2", "1", "3", "s24(1), s38",
                *("1", "1", "the report", "none") * 3, "the door access codes and camera locations",
                "they would help someone get into the stations")
    assert turn.question.field == "s24.pit_for", turn.text()
    return conv


def test_none_of_those_fit_then_own_words_stores_the_own_words_alone(engine):
    conv = _to_s24_factors(engine)
    turn = engine.reply(conv, "none of those fit, the public has an interest in knowing that fire stations are "
                              "kept secure")
    assert engine.answer(conv, "s24.pit_for") == [
        "The public has an interest in knowing that fire stations are kept secure"]
    assert "none of those" not in turn.text().lower() and turn.question.field == "s24.pit_against"


def test_no_wait_and_a_pick_at_the_balance_question_corrects_the_pick_just_made_and_asks_the_balance_again(engine):
    conv = _to_s24_factors(engine)
    say(engine, conv, "1", "the first one")
    assert engine.answer(conv, "s24.pit_against") == ["safeguarding-security"]
    turn = engine.reply(conv, "no wait, the 2nd")
    assert engine.answer(conv, "s24.pit_against") == ["mosaic"]
    assert engine.answer(conv, "s24.pit_conclusion") is None
    assert [m.kind for m in turn.messages] == ["note", "question"] and turn.question.field == "s24.pit_conclusion"
    assert turn.messages[0].text.startswith("Noted. section 24 public interest against: Taken together")
    turn = engine.reply(conv, "no wait, the 2nd")  # the same pick again: asked back, never words for the letter
    assert turn.messages[0].kind == "error" and "reads as a pick from a list" in turn.messages[0].text
    assert engine.answer(conv, "s24.pit_conclusion") is None


def test_a_correction_and_a_pick_at_a_question_for_words_after_no_pick_is_asked_back(engine):
    conv = _to_s24_factors(engine)
    say(engine, conv, "1", "1")
    turn = engine.reply(conv, "sorry, the 2nd")  # a balance after factors picked: corrects those against
    assert engine.answer(conv, "s24.pit_against") == ["mosaic"] and turn.question.field == "s24.pit_conclusion"
    turn = say(engine, conv, "", "2", "the same information")
    assert turn.question.field == "s38.reason"
    turn = engine.reply(conv, "no wait, the 2nd")  # after words, not a pick: nothing to correct
    assert "reads as a pick from a list" in turn.messages[0].text and engine.answer(conv, "s38.reason") is None


@pytest.mark.parametrize("said,stored", [
    ("withholding, crew and public safety outweighs",
     "Crew and public safety outweighs the public interest in disclosure."),
    ("withholding - the safety of crews trumps it", "The safety of crews trumps the public interest in disclosure."),
    ("withholding, because crew safety outweighs the small gain in openness",
     "Crew safety outweighs the small gain in openness."),
])
def test_a_balance_given_as_a_direction_and_a_reason_stores_a_sentence_the_letter_can_print(engine, said, stored):
    conv = _to_s24_factors(engine)
    say(engine, conv, "1", "1")
    engine.reply(conv, said)
    assert engine.answer(conv, "s24.pit_conclusion") == stored
    assert stored in engine.reply(conv, "show draft").draft.text()


# --- 3. a "none" form at an optional question for files -------------------------------------------------------


@pytest.mark.parametrize("said", ["none of it", "nothing at all", "dim o gwbl", "None of it."])
def test_a_none_form_at_the_attachments_question_is_no_answer(engine, said):
    conv = engine.start("Please send me the minutes of the board.\n\nThanks,\nSam Jones").conversation_id
    turn = say(engine, conv, "1 Dec 2027", "board minutes", "yes", "all", "the minutes")
    assert turn.question.field == "attachments"
    turn = engine.reply(conv, said)
    assert turn.messages[0].text == "Noted. attachments: left blank"
    assert engine.answer(conv, "attachments") is None
    assert "Attached" not in turn.draft.text() and said.lower().rstrip(".") not in turn.draft.text().lower()


# --- 5. Welsh picks: "yr un cyntaf", "yr un olaf" ------------------------------------------------------------


def test_the_first_one_said_in_welsh_picks_the_first_publication(engine):
    conv = engine.start("Please send me the State of Fire report for 2025.\n\nThanks,\nSam Jones").conversation_id
    turn = say(engine, conv, "1 Dec 2027", "the report")
    assert turn.question.field == "topic"
    first = turn.question.options[0]
    turn = engine.reply(conv, "yr un cyntaf")
    assert engine.answer(conv, "topic") == first.value
    assert turn.messages[0].text == f"Noted. topic: {first.label}"


@pytest.mark.parametrize("said,pick", [("yr un olaf", -1), ("yr un cyntaf", 0), ("Yr un olaf, diolch", -1)])
def test_a_welsh_pick_at_a_factor_list_is_read_as_the_english_one(engine, said, pick):
    conv = _to_s24_factors(engine)
    options = engine.current_question(conv).question.options
    engine.reply(conv, said)
    assert engine.answer(conv, "s24.pit_for") == [options[pick].value]


# --- 6. split at words found in several places ------------------------------------------------------------------

STAFF = ("1. The names of staff employed in 2026 and 2027, and the names of the contractors used.\n"
         "2. The contracts.\n\nThanks,\nSam Jones")


def test_a_split_at_words_in_several_places_asks_which_quoting_each(engine):
    conv = engine.start(STAFF).conversation_id
    say(engine, conv, "1 Dec 2027", "staff names")
    turn = engine.reply(conv, "split 1 after 'and'")
    assert [m.kind for m in turn.messages] == ["error", "question"]
    assert turn.messages[0].text == (
        "'and' is in 2 places in part 1, so I have not cut it. Where should it be cut (| marks each place)? "
        "(1) '…employed in 2026 and | 2027, and the names…'; (2) '…2026 and 2027, and | the names of the…'. Say "
        "which, for example: split 1 after the 2nd 'and' (or give more of the words).")
    assert engine._state(conv).request_parts == (
        "The names of staff employed in 2026 and 2027, and the names of the contractors used.", "The contracts.")
    engine.reply(conv, "split 1 after the 2nd 'and'")
    assert engine._state(conv).request_parts == (
        "The names of staff employed in 2026 and 2027, and", "the names of the contractors used.", "The contracts.")


def test_a_split_takes_the_one_place_that_leaves_two_parts_and_never_a_word_inside_another(engine):
    conv = engine.start("1. And the land registry entries and the surveys.\n2. The contracts.\n\nThanks,\nSam Jones"
                        ).conversation_id
    say(engine, conv, "1 Dec 2027", "land")
    turn = engine.reply(conv, "split 1 before 'and'")  # "And" at the start leaves nothing before it; "land" is no "and"
    assert turn.messages[0].kind == "note"
    assert engine._state(conv).request_parts == ("And the land registry entries", "and the surveys.",
                                                 "The contracts.")


# --- 7. dates read alike at every date-like question ---------------------------------------------------------

WATER = "Please send me the water quality results for the river.\n\nThanks,\nSam Jones"


@pytest.mark.parametrize("said,stored,printed", [
    ("20th jan", "20 January 2028", "will be finished on 20 January 2028."),
    ("20/1/28", "20 January 2028", "will be finished on 20 January 2028."),
    ("end of jan", "end of jan", "will be finished by the end of January 2028."),  # an estimate: as typed
    ("spring", "spring", "will be finished in spring."),
    ("once the laboratory reports", "once the laboratory reports", "will be finished once the laboratory reports."),
])
def test_the_completion_date_of_regulation_12_4_d_is_read_as_dates_are_everywhere(engine, said, stored, printed):
    conv = engine.start(WATER).conversation_id
    turn = say(engine, conv, "1 Dec 2027", "water results", "yes", "none", "12(4)(d)")
    assert turn.question.field == "r12(4)(d).completion_date"
    turn = engine.reply(conv, said)
    assert turn.messages[0].text == f"Noted. regulation 12(4)(d) completion date: {stored}"
    assert engine.answer(conv, "r12(4)(d).completion_date") == stored
    turn = say(engine, conv, "", "the 2027 results", "they are still being analysed", "1", "1", "")
    assert printed in turn.draft.text() and "20th jan" not in turn.draft.text()


@pytest.mark.parametrize("said,stored", [("20th jan", "20 January 2028"), ("end of jan", "end of jan")])
def test_the_publication_date_of_section_22_is_read_the_same_way(engine, said, stored):
    conv = engine.start("Please send me the draft annual report.\n\nThanks,\nSam Jones").conversation_id
    turn = say(engine, conv, "1 Dec 2027", "annual report", "yes", "none", "s22", "yes")
    assert turn.question.field == "s22.publication_date"
    engine.reply(conv, said)
    assert engine.answer(conv, "s22.publication_date") == stored


def test_a_date_already_past_at_a_date_like_question_is_asked_back(engine):
    conv = engine.start(WATER).conversation_id
    say(engine, conv, "1 Dec 2027", "water results", "yes", "none", "12(4)(d)")
    turn = engine.reply(conv, "1 Jan 2027")
    assert [m.kind for m in turn.messages] == ["error", "question"]
    assert turn.messages[0].text == ("1 January 2027 is before today: the letter says when we now expect it. When is "
                                     "that (a date, or words such as 'the end of March 2028')?")
    assert engine.answer(conv, "r12(4)(d).completion_date") is None


# --- 8. words that read as a subject at the requester's name question -----------------------------------------

BIDS = ("Dear FOI team,\n\nPlease send me the bids received for the car parking contract at the hospital in 2027, "
        "and the score each bid got.\n\nRegards")


def test_words_that_read_as_the_subject_are_asked_back_at_the_name_question(engine):
    conv = engine.start(BIDS).conversation_id
    assert engine.current_question(conv).question.field == "requester_name"
    turn = engine.reply(conv, "car parking bids")
    assert [m.kind for m in turn.messages] == ["error", "question"]
    assert turn.messages[0].text == (
        "'car parking bids' reads as what the request is about, not who made it: the letter is addressed to this "
        "name. Give the requester's name as they gave it (or say 'skip' to come back to it).")
    assert turn.question.field == "requester_name" and engine.answer(conv, "requester_name") is None


@pytest.mark.parametrize("name", ["Dan Whitfield", "dan whitfield", "friends of the earth", "Car Parking Watch"])
def test_a_name_at_the_name_question_is_taken(engine, name):
    conv = engine.start(BIDS).conversation_id
    turn = engine.reply(conv, name)
    assert engine.answer(conv, "requester_name") == name and turn.question.field == "received"


def test_a_superscript_digit_in_a_pick_is_asked_back_never_a_crash():
    """The property test found '¹' (a digit, not a decimal one) passed to int() at a list question."""
    from foibot.conversation.reading_lists import selection

    assert selection("1 and ²", 4) is None and selection("¹", 4) is None and selection("1 and 2", 4) == [0, 1]
