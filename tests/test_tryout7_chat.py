"""The chat findings of the seventh new-user tryout: every public interest test a letter drafts is asked for and can
be changed, choice words at a free-text question, the officer's asides in the balance, FOISA section 18, citations
continued at their own level, contradictory factors, verbatim parts after a split, two-digit years."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from profiles import copy_profile

from foibot.conversation.asking import options_for, plan
from foibot.conversation.commands import find_field
from foibot.conversation.echo import change_name
from foibot.conversation.reading_citations import read_citations
from foibot.conversation.reading_dates import read_date
from foibot.conversation.request_parts import split
from foibot.errors import DataError
from foibot.knowledge.loading import load_knowledge
from foibot.surfaces.runtime import open_runtime

REQUEST = ("1. Please send me the complaint file about Councillor Baird.\n2. And the minutes of the meeting.\n\n"
           "Thanks,\nSam")
ONE_PART = "Please send me the complaint file about Councillor Baird.\n\nThanks,\nSam"


def _runtime(tmp_path: Path, regime: str):
    if regime == "foisa":
        copy_profile(tmp_path / "data", regime="foisa", type="council")
        runtime = open_runtime(tmp_path / "f.sqlite", tmp_path / "data")
    else:
        runtime = open_runtime(tmp_path / "f.sqlite", Path(__file__).resolve().parent.parent)
    runtime.engine.today = lambda: date(2025, 3, 3)
    return runtime


_GENERIC = {"text": "the council's officers", "longtext": "Disclosure would reveal details given in confidence.",
            "date": "1 March 2025", "number": "30", "list": "1", "topic": "none", "choice": "1", "multi": "1"}


def _drive(engine, conv, turn, answers: dict[str, str], most: int = 40):
    """Answer each question put (the given answer for its field's last part, else a generic one by its kind) until
    the dialogue says it has everything; the turn that says so."""
    for _ in range(most):
        q = turn.question
        if q is None or "That is everything I need" in turn.text():
            return turn
        turn = engine.reply(conv, _reply_for(q, answers))
    raise AssertionError(f"never complete: {turn.text()}")


def _reply_for(q, answers: dict[str, str]) -> str:
    """The answer given for a question's field (or its last part), else a generic one by its kind."""
    generic = _GENERIC.get(q.kind, "1") if q.kind != "list" or q.options else "Openness about how we work matters."
    return answers.get(q.field, answers.get(q.field.rpartition(".")[2], generic))


# (regime, citation, regime answer); each is drafted neither confirming nor denying, and refusing it in full
_SWEEP = [("foia", "s43(2)", ""), ("foia", "s35(1)(a)", ""), ("foia", "s40(2)", ""), ("foia", "s44", ""),
          ("foia", "s31(1)(a)", ""), ("eir", "12(5)(e)", ""), ("eir", "13", ""), ("foisa", "s38(1)(b)", ""),
          ("foisa", "s33(1)(b)", ""), ("foisa", "s30(b)(i)", ""), ("foisa", "s35(1)(a)", ""), ("foisa", "s36(2)", "")]


@pytest.mark.parametrize("by_part", [False, True], ids=["whole", "by-part"])
@pytest.mark.parametrize("ncnd", [True, False], ids=["ncnd", "refused"])
@pytest.mark.parametrize("regime,citation,law", _SWEEP, ids=[f"{r}-{c}" for r, c, _ in _SWEEP])
def test_every_letter_the_dialogue_calls_complete_is_complete_and_each_question_can_be_changed(
        tmp_path, regime, citation, law, ncnd, by_part):
    runtime = _runtime(tmp_path, regime)
    engine = runtime.engine
    turn = engine.start(REQUEST if by_part else ONE_PART)
    conv = turn.conversation_id
    if regime == "eir":  # environmental information, as the officer says when changing the law
        turn = engine.choose(conv, "regime", "eir")
    held = {"held": "ncnd"} if ncnd else {"held": "yes", "disclosure": "none"}
    answers = {"regime": law, "answer_by_part": "each" if by_part else "same", "exemptions": citation,
               "condition": "2", **held}
    if by_part:  # part 2 answered in full; part 1 as the sweep says
        answers |= {"parts.2.held": "yes", "parts.2.disclosure": "all", "parts.2.attachments": "none"}
    answers = {k: v for k, v in answers.items() if v}
    exemption = engine.kb.resolve(citation, regime)[0]
    if ncnd and not exemption.ncnd:  # no provision to neither confirm nor deny (FOISA s36, EIR 12(5)(e)): refused
        for _ in range(12):
            asked = turn.question.field
            turn = engine.reply(conv, _reply_for(turn.question, answers))
            if asked.endswith("exemptions"):
                break
        assert "has no provision to neither confirm nor deny" in turn.text() and turn.question.field == asked
        return
    turn = _drive(engine, conv, turn, answers)
    assert "That is everything I need" in turn.text()
    assert turn.draft is not None and "[to be completed" not in turn.draft.text(), turn.draft.text()
    state = engine._state(conv)
    for step in plan(state, engine.kb):
        assert find_field(state, engine.kb, change_name(engine.kb, step)) == step, change_name(engine.kb, step)
    runtime.store.close()


def _foisa_ncnd(tmp_path) -> tuple:
    runtime = _runtime(tmp_path, "foisa")
    engine = runtime.engine
    turn = engine.start(ONE_PART)
    conv = turn.conversation_id
    for said in ("2 Mar 2025", "a councillor complaint", "ncnd", "38(1)(b)", "it would reveal personal data"):
        turn = engine.reply(conv, said)
    return runtime, engine, conv, turn


def test_a_foisa_refusal_to_confirm_or_deny_on_an_absolute_exemption_asks_its_public_interest_test(tmp_path):
    runtime, engine, conv, turn = _foisa_ncnd(tmp_path)
    assert turn.question.field == "foisa-s38.pit_for" and "That is everything I need" not in turn.text()
    engine.reply(conv, "openness about how complaints are handled")
    engine.reply(conv, "the councillor's privacy while no finding is made")
    turn = engine.reply(conv, "")
    text = turn.draft.text()
    assert "That is everything I need" in turn.text() and "[to be completed" not in text
    assert "Openness about how complaints are handled." in text
    # both lists reached by the words for them, the internal path too
    turn = engine.reply(conv, "change the public interest factors for section 38")
    assert turn.question.field == "foisa-s38.pit_for"
    turn = engine.reply(conv, "")
    assert turn.question.field == "foisa-s38.pit_against" and "stays as it was" in turn.text()
    assert engine.reply(conv, "change foisa-s38.pit_for").question.field == "foisa-s38.pit_for"
    runtime.store.close()


def _to_s36_pit(engine, request: str) -> str:
    conv = engine.start(request).conversation_id
    for said in ("yesterday", "board minutes", "yes", "none", "s36(2)(b)(ii) and (c)", "the Chief Inspector",
                 "28 October 2019", "the board minutes", "Disclosure would inhibit frank discussion.", "would"):
        turn = engine.reply(conv, said)
    assert turn.question.field == "s36.pit_for", turn.text()
    engine.reply(conv, "1")
    engine.reply(conv, "1")
    engine.reply(conv, "")
    return conv


def test_change_the_public_interest_factors_puts_those_for_then_those_against(engine):
    conv = _to_s36_pit(engine, "Please send me the board minutes.\n\nThanks,\nSam Jones")
    turn = engine.reply(conv, "change the public interest factors for section 36")
    assert turn.question.field == "s36.pit_for" and turn.draft is None
    turn = engine.reply(conv, "2")
    assert turn.question.field == "s36.pit_against" and turn.draft is None
    turn = engine.reply(conv, "1 and 2")
    assert turn.draft is not None and turn.question is None
    assert engine.answer(conv, "s36.pit_against") == ["chilling-effect", "safe-space"]
    # one list named: only that one
    turn = engine.reply(conv, "change the factors against disclosure for section 36")
    assert turn.question.field == "s36.pit_against"
    assert engine.reply(conv, "").question is None


def test_s36_2_b_ii_and_c_cites_c_beside_b_ii_never_the_whole_of_b(kb):
    assert read_citations(kb, "s36(2)(b)(ii) and (c)", "foia") == ["s36(2)(b)(ii)", "s36(2)(c)"]
    assert read_citations(kb, "s36(2)(b)(i), (ii) and (c)", "foia") == ["s36(2)(b)(i)", "s36(2)(b)(ii)", "s36(2)(c)"]
    assert read_citations(kb, "s31(1)(a), (b) and (c)", "foia") == ["s31(1)(a)", "s31(1)(b)", "s31(1)(c)"]
    assert read_citations(kb, "s31(1)(h) and (i)", "foia") == ["s31(1)(h)", "s31(1)(i)"]


def _to_s43(engine) -> str:
    conv = engine.start("Please send me the catering contract prices.\n\nThanks,\nSam Jones").conversation_id
    for said in ("yesterday", "catering prices", "yes", "none", "s43(2)"):
        turn = engine.reply(conv, said)
    assert turn.question.field == "s43.whose_interests"
    return conv


@pytest.mark.parametrize("said", ["would", "would be likely", "would be likely to", "all of them", "1 and 2",
                                  "the first one", "some of it", "All of them."])
def test_a_choice_or_a_pick_at_a_free_text_question_is_asked_back_not_printed(engine, said):
    conv = _to_s43(engine)
    turn = engine.reply(conv, said)
    assert turn.question.field == "s43.whose_interests" and engine.answer(conv, "s43.whose_interests") is None
    assert "needs words for the letter" in turn.text()


def test_words_that_merely_hold_a_choice_or_a_number_are_the_answer(engine):
    conv = _to_s43(engine)
    engine.reply(conv, "the supplier, whose 2 main rates would be exposed")
    engine.reply(conv, "all of them are unit prices")
    turn = engine.reply(conv, "it would be likely to harm the supplier in future bids")
    assert engine.answer(conv, "s43.whose_interests") == "the supplier, whose 2 main rates would be exposed"
    assert engine.answer(conv, "s43.withheld") == "all of them are unit prices"
    assert engine.answer(conv, "s43.reason") == "it would be likely to harm the supplier in future bids"
    assert turn.question.field == "s43.likelihood"


@pytest.mark.parametrize("said,reason", [
    ("sorry meant withholding - the committee hasnt decided yet", "The committee hasnt decided yet."),
    ("favours withholding as the restructure is still ongoing", "The restructure is still ongoing."),
    ("withholding, the talks are ongoing", "The talks are ongoing."),
    ("the balance favours withholding because the tender is open", "The tender is open."),
    ("withholding due to the ongoing restructure", "This is due to the ongoing restructure."),
])
def test_a_balance_opening_with_its_direction_keeps_only_the_reason_as_a_sentence(engine, said, reason):
    conv = _to_s43(engine)
    for answer in ("the supplier", "the unit prices", "it would harm the supplier in future bids", "would", "1", "1"):
        engine.reply(conv, answer)
    turn = engine.reply(conv, said)
    assert engine.answer(conv, "s43.pit_conclusion") == reason
    balance = next(line for line in turn.draft.text().splitlines() if line.startswith("Balance of the public"))
    assert balance.endswith("outweighs the public interest in disclosing the information. " + reason), balance
    for aside in ("orry", "meant", "avours withholding", "Withholding,"):
        assert aside not in balance


@pytest.mark.parametrize("said", ["withholding", "favours withholding", "withholding as it is", "sorry, withholding"])
def test_a_balance_with_a_direction_and_no_reason_is_asked_for_one(engine, said):
    conv = _to_s43(engine)
    for answer in ("the supplier", "the unit prices", "it would harm the supplier in future bids", "would", "1", "1"):
        engine.reply(conv, answer)
    turn = engine.reply(conv, said)
    assert turn.question.field == "s43.pit_conclusion" and engine.answer(conv, "s43.pit_conclusion") is None
    assert "why" in turn.text()


def test_a_balance_of_the_officers_own_words_stays_as_typed(engine):
    conv = _to_s43(engine)
    for answer in ("the supplier", "the unit prices", "it would harm the supplier in future bids", "would", "1", "1"):
        engine.reply(conv, answer)
    typed = "The public interest in maintaining the exemption outweighs disclosure while the tender is open."
    engine.reply(conv, typed)
    assert engine.answer(conv, "s43.pit_conclusion") == typed


def test_foisa_section_18_at_the_exemptions_question_neither_confirms_nor_denies(tmp_path):
    runtime = _runtime(tmp_path, "foisa")
    engine = runtime.engine
    conv = engine.start(ONE_PART).conversation_id
    for said in ("2 Mar 2025", "a councillor complaint", "yes", "none"):
        turn = engine.reply(conv, said)
    assert turn.question.field == "exemptions"
    turn = engine.reply(conv, "s18")
    assert engine.answer(conv, "held") == "ncnd" and turn.question.field == "exemptions"
    assert "Section 18(1)" in turn.text() and "which one" in turn.text()
    turn = engine.reply(conv, "s99")
    known = turn.text().split("Known: ")[1].split("\n")[0]
    assert known.startswith("s12, s14, s25") and "foisa-" not in known and "12(4)" not in known and "s21" not in known
    turn = engine.reply(conv, "section 18(1) and 38(1)(b)")
    assert engine.answer(conv, "exemptions") == ["foisa-s38(1)(b)"]
    conv = engine.start(ONE_PART).conversation_id
    for said in ("2 Mar 2025", "a councillor complaint", "yes", "none", "s18 and 38(1)(b)"):
        turn = engine.reply(conv, said)
    assert engine.answer(conv, "held") == "ncnd" and engine.answer(conv, "exemptions") == ["foisa-s38(1)(b)"]
    runtime.store.close()


def test_a_factor_contradicting_an_answer_is_not_offered(engine):
    conv = engine.start("Please send me the submissions on the policing policy review.\n\nThanks,\nSam").conversation_id
    for said in ("yesterday", "policy submissions", "yes", "none", "s35(1)(a)"):
        turn = engine.reply(conv, said)
    assert turn.question.field == "s35.policy_status"
    for said in ("still live", "the submissions", "Ministers are still deciding."):
        turn = engine.reply(conv, said)
    assert turn.question.field == "s35.pit_for"
    offered = [o.value for o in turn.question.options]
    assert "policy-settled" not in offered and "policy-transparency" in offered
    engine.reply(conv, "1")
    turn = engine.current_question(conv)
    assert "policy-safe-space" in [o.value for o in turn.question.options]
    engine.choose(conv, "s35.policy_status", "decided")
    state = engine._state(conv)
    step = next(s for s in plan(state, engine.kb) if s[0] == "s35.pit_against")
    assert "policy-safe-space" not in [o.value for o in options_for(state, engine.kb, step[1], step[2])]


def test_a_factors_contradicts_is_checked_on_load_naming_file_and_line(data_copy):
    path = data_copy / "intents" / "exemptions" / "s35.yaml"
    text = path.read_text(encoding="utf-8")
    for bad, said in (("{policy_status: [maybe]}", "'maybe' is not an answer to 'policy_status'"),
                      ("{colour: [live]}", "'colour' is not a choice question of s35"),
                      ("[live]", "must map a question id")):
        path.write_text(text.replace("contradicts: {policy_status: [live]}", f"contradicts: {bad}"), encoding="utf-8")
        with pytest.raises(DataError) as caught:
            load_knowledge(data_copy)
        line = next(n for n, row in enumerate(path.read_text().splitlines(), 1) if "contradicts: " + bad in row)
        error = str(caught.value)
        assert "exemptions/s35.yaml" in error and f":{line}" in error and said in error


def test_a_split_part_keeps_the_requests_words_verbatim():
    found = ("The accounts of the Leisure Centre, and please also tell me who runs it.",)
    assert split(found, "split 1 after 'leisure centre,'") == (
        "The accounts of the Leisure Centre,", "and please also tell me who runs it.")
    assert split(found, "split 1 after 'Leisure Centre'") == (
        "The accounts of the Leisure Centre,", "and please also tell me who runs it.")


@pytest.mark.parametrize("typed,meant", [("1/6/29", date(2029, 6, 1)), ("1/6/28", date(2028, 6, 1)),
                                         ("1 June 29", date(2029, 6, 1)), ("28/9/95", date(1995, 9, 28)),
                                         ("28/9/19", date(2019, 9, 28))])
def test_a_two_digit_year_is_the_nearest_year_ending_in_those_digits(typed, meant):
    assert read_date(typed, today=date(2027, 6, 14), ahead=True) == meant
