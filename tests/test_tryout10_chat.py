"""The chat findings of the tenth new-user tryout: who may rely on section 35 and section 34 said at the exemptions
answer (and at section 34's own question), never first at the draft; section 35 with section 36 for one part asked
back; a part's default from the suggester's reading of its meaning, and an environmental part under FOISA defaulting
to section 39(2); a near miss of a command after the draft; a factor typed in words where no list is shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from profiles import copy_profile
from stepping import reply_until, say

from foibot.conversation.asking import default_for, strong_evidence
from foibot.conversation.state import ConversationState
from foibot.knowledge.loading import load_knowledge
from foibot.surfaces.runtime import open_runtime

# A combined authority (a council for the profile), an Assembly's commission and a Scottish health board, each asked
# four things; the third part of the first asks for a mayor's emails with a minister.
CA_REQUEST = """From: Watch Group <info@watch.example>
Date: Fri, 26 Nov 2027 07:30:00 +0000
Subject: FOI

Please provide:
1. The franchise contract for the east bus zone, with the price per mile.
2. The traffic counts on the ring road for 2026.
3. The emails between the Mayor and the Secretary of State about the rail link in 2027.
4. The legal advice the Mayor received on the judicial review.

Regards
"""
COMMISSION_REQUEST = """From: Gareth Pryce <g.pryce@example.net>
Date: Mon, 22 Nov 2027 16:40:00 +0000
Subject: FOI request

Please send me:
1) The legal advice given to the Presiding Officer on whether a Member's statement in Plenary was privileged
2) The minutes of the Commission meeting on the estates review

Thanks
Gareth Pryce
"""
BOARD_REQUEST = """From: Morag Baillie <morag.baillie@example.org>
Date: Wed, 24 Nov 2027 09:12:00 +0000
Subject: Freedom of information request

Please provide:

1. The unit prices paid under your contract with the glove supplier in 2026-27.
2. The tonnage of clinical waste incinerated by the board in 2026-27, and the incinerator's emissions results.

Kind regards,
Morag Baillie
"""
TODAY = date(2027, 11, 26)
_UP_TO_PARTS = {"requester_name": "Watch Group", "topic": "none", "answer_by_part": "each"}


def _engine(tmp_path: Path, **profile: str):
    folder = copy_profile(tmp_path / "data", **profile)
    runtime = open_runtime(tmp_path / "f.sqlite", folder)
    runtime.engine.today = lambda: TODAY
    return runtime.engine


def _at_exemptions(engine, request: str, part: int, held: str = "yes", disclosure: str = "none"):
    """A conversation at part ``part``'s exemptions question, the parts before it answered in full."""
    turn = engine.start(request)
    conv = turn.conversation_id
    replies = dict(_UP_TO_PARTS)
    for n in range(1, part):
        replies |= {f"parts.{n}.held": "yes", f"parts.{n}.disclosure": "all", f"parts.{n}.attachments": "none"}
    replies |= {f"parts.{part}.held": held, f"parts.{part}.disclosure": disclosure}
    turn = reply_until(engine, conv, turn, f"parts.{part}.exemptions", replies)
    return conv, turn


def _texts(turn) -> list[str]:
    return [m.text for m in turn.messages]


def _part(engine, conv: str, n: int) -> dict:
    return engine._state(conv).answers["parts"][n - 1]


# --- 1. section 35 for a body that is not a government department; section 35 with section 36 ----------------------


def test_s35_for_a_combined_authority_is_refused_at_the_answer_with_the_reason_and_the_rest_kept_on_yes(tmp_path):
    engine = _engine(tmp_path, type="council", name="North Moors Combined Authority")
    conv, _ = _at_exemptions(engine, CA_REQUEST, 3)
    turn = engine.reply(conv, "s35(1)(a) and 36(2)(b)(i)")
    assert _texts(turn) == [
        "Section 35 can be relied on only by a government department or the Welsh Government, not by a council: "
        "consider section 36 (prejudice to the effective conduct of public affairs) instead. Keep s36(2)(b)(i) "
        "without s35(1)(a)? (yes or no)"]
    assert not _part(engine, conv, 3)["exemptions"]  # nothing stored until the officer says
    turn = engine.reply(conv, "yes")
    assert _texts(turn)[0] == "Noted. part 3 exemptions: s36(2)(b)(i)"
    assert _part(engine, conv, 3)["exemptions"] == ["s36(2)(b)(i)"]
    assert "s35" not in engine._state(conv).answers  # none of section 35's questions is asked
    assert turn.question is not None and not turn.question.field.startswith("s35")


def test_s35_alone_for_a_council_is_asked_again_with_the_reason(tmp_path):
    engine = _engine(tmp_path, type="council", name="North Moors Combined Authority")
    conv, _ = _at_exemptions(engine, CA_REQUEST, 3)
    turn = engine.reply(conv, "s35(1)(a)")
    assert _texts(turn)[0] == (
        "Section 35 can be relied on only by a government department or the Welsh Government, not by a council: "
        "consider section 36 (prejudice to the effective conduct of public affairs) instead. Which exemptions apply?")
    assert turn.question.field == "parts.3.exemptions" and not _part(engine, conv, 3)["exemptions"]


def test_s35_with_s36_for_one_part_is_asked_back_and_no_answers_again(tmp_path):
    engine = _engine(tmp_path, type="central_government", name="Department for Transport")
    conv, _ = _at_exemptions(engine, CA_REQUEST, 3)
    turn = engine.reply(conv, "s35(1)(a) and 36(2)(b)(i)")
    assert _texts(turn) == [
        "Section 36 applies only to information that is not exempt under section 35, so s35(1)(a) and s36(2)(b)(i) "
        "cannot both withhold the same information. Does each withhold different information (I will ask what each "
        "covers)? (yes to keep both; no to answer again with the one that applies)"]
    assert not _part(engine, conv, 3)["exemptions"]
    turn = engine.reply(conv, "no")
    assert _texts(turn)[0] == "Then please answer again." and turn.question.field == "parts.3.exemptions"
    turn = engine.reply(conv, "s35(1)(a)")
    assert _texts(turn)[0] == "Noted. part 3 exemptions: s35(1)(a)"
    assert _part(engine, conv, 3)["exemptions"] == ["s35(1)(a)"]


def test_s35_with_s36_kept_on_yes_each_for_its_own_information(tmp_path):
    engine = _engine(tmp_path, type="central_government", name="Department for Transport")
    conv, _ = _at_exemptions(engine, CA_REQUEST, 3)
    say(engine, conv, "s35(1)(a) and 36(2)(b)(i)")
    turn = engine.reply(conv, "yes")
    assert _texts(turn)[0] == "Noted. part 3 exemptions: s35(1)(a), s36(2)(b)(i)"
    assert _part(engine, conv, 3)["exemptions"] == ["s35(1)(a)", "s36(2)(b)(i)"]


def test_s35_for_an_other_body_is_noted_with_what_foibot_exemption_says(tmp_path):
    engine = _engine(tmp_path, type="other", name="Senedd Commission")
    conv, _ = _at_exemptions(engine, CA_REQUEST, 3)
    turn = engine.reply(conv, "s35(1)(a)")
    assert _texts(turn)[0] == (
        "Noted. part 3 exemptions: s35(1)(a). Section 35 can be relied on only by a government department or the "
        "Welsh Government; if this authority is neither, use section 36 instead.")
    assert _part(engine, conv, 3)["exemptions"] == ["s35(1)(a)"]


def test_s35_for_a_government_department_is_noted_plainly(tmp_path):
    engine = _engine(tmp_path, type="central_government", name="Department for Transport")
    conv, _ = _at_exemptions(engine, CA_REQUEST, 3)
    assert _texts(engine.reply(conv, "s35(1)(a)"))[0] == "Noted. part 3 exemptions: s35(1)(a)"


# --- 2. section 34 for a body that is neither House ----------------------------------------------------------------

_S34 = ("Section 34 protects only the privileges of either House of Parliament (the House of Commons and the House "
        "of Lords): not those of the Senedd, the Scottish Parliament, the Northern Ireland Assembly or any other "
        "body. It applies here only if disclosure would infringe the privileges of one of the two Houses; ask that "
        "House if in doubt (https://www.legislation.gov.uk/ukpga/2000/36/section/34).")


def test_s34_for_the_senedd_commission_is_noted_with_whose_privilege_it_protects(tmp_path):
    engine = _engine(tmp_path, type="other", name="Senedd Commission")
    conv, _ = _at_exemptions(engine, COMMISSION_REQUEST, 1)
    turn = engine.reply(conv, "s34 and s42")
    assert _texts(turn)[0] == f"Noted. part 1 exemptions: s34, s42. {_S34}"
    assert _part(engine, conv, 1)["exemptions"] == ["s34", "s42"]


def test_the_senedd_at_whose_privilege_is_explained_not_only_refused(tmp_path):
    engine = _engine(tmp_path, type="other", name="Senedd Commission")
    conv, turn = _at_exemptions(engine, COMMISSION_REQUEST, 1)
    turn = reply_until(engine, conv, engine.reply(conv, "s34"), "s34.house")
    turn = engine.reply(conv, "the Senedd")
    assert _texts(turn)[0] == (
        "'the senedd' is not one of the choices: 1. The House of Commons; 2. The House of Lords. " + _S34 +
        " If it is another body's, section 34 does not apply: say 'change the exemptions for part 1' to rely on "
        "another exemption.")
    assert turn.question.field == "s34.house" and "house" not in (engine._state(conv).answers.get("s34") or {})
    turn = engine.reply(conv, "change the exemptions for part 1")
    assert turn.question.field == "parts.1.exemptions"


def test_s34_for_the_house_of_commons_is_noted_plainly(tmp_path):
    engine = _engine(tmp_path, type="other", name="House of Commons")
    conv, _ = _at_exemptions(engine, COMMISSION_REQUEST, 1)
    assert _texts(engine.reply(conv, "s34"))[0] == "Noted. part 1 exemptions: s34"


# --- 3. per-part defaults -----------------------------------------------------------------------------------------

_MODEL = ("cited in about 42% of education answers (prior from 835 answered requests); cited in 3 of the 10 most "
          "similar answered requests (a, b, c); a model of the 835 answered requests estimates that requests with a "
          "similar meaning cite it about {}% of the time (an estimate, not a count)")


def test_the_meaning_model_and_the_most_similar_answers_agreeing_is_evidence_from_the_request_itself():
    assert strong_evidence(_MODEL.format(81))
    assert strong_evidence(_MODEL.format(50))
    assert not strong_evidence(_MODEL.format(49))  # most similar requests do not cite it: no evidence
    assert not strong_evidence(_MODEL.format(81).replace("3 of the 10", "2 of the 10"))  # the two do not agree
    assert not strong_evidence("cited in about 17% of other answers (prior from 835 answered requests); a model of "
                               "the 835 answered requests estimates that requests with a similar meaning cite it "
                               "about 65% of the time (an estimate, not a count)")  # the model alone
    assert not strong_evidence("cited in about 39% of health answers (prior from 835 answered requests); cited in 3 "
                               "of the 10 most similar answered requests (x, y, z)")  # prior and precedents alone


def _with_own(kb, text: str, law: str, exemptions: list[list]) -> tuple[ConversationState, str]:
    state = ConversationState(answers={"regime": law, "parts": [{"text": text, "held": "yes", "disclosure": "none"}]},
                              suggestions={"own": {law: {text: {"exemptions": exemptions, "topics": [],
                                                                "regime": law}}}})
    return state, "parts.1.exemptions"


def test_an_academys_part_about_excluded_pupils_names_defaults_to_s40_from_its_meaning(tmp_path):
    kb = load_knowledge(copy_profile(tmp_path / "data", type="education"))
    text = "The names and exam results of the pupils permanently excluded from Oakfield Academy in 2026-27."
    state, path = _with_own(kb, text, "foia", [["s40", 83.5, _MODEL.format(81)], ["s36", 41.0, "cited in 4 of 10"]])
    assert default_for(state, kb.question("exemptions"), path, kb) == ["s40"]
    weak, path = _with_own(kb, text, "foia", [["s40", 83.5, _MODEL.format(30)]])
    assert default_for(weak, kb.question("exemptions"), path, kb) == []  # no good suggestion: none


def test_an_environmental_part_under_foisa_defaults_to_s39_2(tmp_path):
    kb = load_knowledge(copy_profile(tmp_path / "data", regime="foisa", type="health"))
    text = ("The tonnage of clinical waste sent for incineration by the board in 2026-27, and the emissions monitoring "
            "results for the incinerator.")
    why = "environmental information, which FOISA s39(2) exempts so that it is answered under the Scottish EIR"
    state, path = _with_own(kb, text, "foisa", [["EISR reg 11", 45.0, "cited in 5 of 10"], ["foisa-s39", 40.1, why]])
    assert default_for(state, kb.question("exemptions"), path, kb) == ["foisa-s39(2)"]
    plain, path = _with_own(kb, "The unit prices paid under the glove contract.", "foisa",
                            [["foisa-s38", 47.7, "cited in about 39% of health answers"]])
    assert default_for(plain, kb.question("exemptions"), path, kb) == []


def test_the_boards_environmental_part_offers_and_takes_s39_2_in_the_chat(tmp_path):
    engine = _engine(tmp_path, regime="foisa", type="health", name="NHS Borders Valley Health Board")
    conv, turn = _at_exemptions(engine, BOARD_REQUEST, 2)
    assert (turn.question.default, turn.question.default_words) == (["foisa-s39(2)"], "s39(2)")
    turn = engine.reply(conv, "")
    assert _texts(turn)[0] == "Noted. part 2 exemptions: s39(2)"
    assert _part(engine, conv, 2)["exemptions"] == ["foisa-s39(2)"]


# --- 4. a near miss of a command after the draft -----------------------------------------------------------------


@pytest.mark.parametrize("typed,meant", [("aprove", "approve"), ("snet", "sent"), ("apporve", "approve"),
                                         ("histroy", "history"), ("shwo draft", "show draft"), ("stauts", "status")])
def test_a_near_miss_of_a_command_reads_as_that_command(typed, meant):
    from foibot.conversation.commands import slipped_command

    assert slipped_command(typed, ["approve", "sent", "history"]) == meant


@pytest.mark.parametrize("typed", ["approve", "thanks", "sand", "ok", "the letter is fine", "x"])
def test_a_command_or_other_words_are_no_near_miss(typed):
    from foibot.conversation.commands import slipped_command

    assert slipped_command(typed, ["approve", "sent", "history"]) is None


def _drafted(tmp_path, surface: str = "console"):
    engine = _engine(tmp_path, type="council", name="North Moors Combined Authority")
    turn = engine.start("Please send me the gritting routes for 2026.\n\nThanks,\nSam", surface=surface)
    conv = turn.conversation_id
    for _ in range(40):
        if turn.question is None:
            break
        field = turn.question.field
        turn = engine.reply(conv, {"held": "yes", "disclosure": "all", "topic": "none", "attachments": "none",
                                   "requester_name": "Sam", "received": "the 25th"}.get(field, "skip"))
    assert engine._state(conv).drafted
    return engine, conv


@pytest.mark.parametrize("typed,meant", [("aprove", "approve"), ("snet", "sent")])
def test_after_the_draft_a_near_miss_asks_did_you_mean_and_names_the_next_steps(tmp_path, typed, meant):
    engine, conv = _drafted(tmp_path)
    before = engine._state(conv)
    turn = engine.reply(conv, typed)
    assert _texts(turn) == [
        f"Did you mean '{meant}'? I am not waiting for an answer. Say 'change <question>' to change an answer, or "
        "'show draft'. When the draft is right, say 'approve', then 'sent' once it has gone."]
    after = engine._state(conv)
    assert (after.answers, after.events, after.history) == (before.answers, before.events, before.history)


def test_in_slack_the_next_steps_are_the_buttons_under_the_draft(tmp_path):
    engine, conv = _drafted(tmp_path, surface="slack")
    assert _texts(engine.reply(conv, "aprove")) == [
        "Did you mean 'approve'? I am not waiting for an answer. Say 'change <question>' to change an answer, or "
        "'show draft'. When the draft is right, press Approve under it, then Mark sent once it has gone."]


def test_after_the_draft_other_words_get_the_plain_reply(tmp_path):
    engine, conv = _drafted(tmp_path)
    assert _texts(engine.reply(conv, "the letter is fine")) == [engine.replies.render("not-asking")]


# --- 5. a factor in words where no list is shown ------------------------------------------------------------------


def test_a_factor_typed_in_words_at_a_factor_question_with_no_list_is_the_officers_own(tmp_path):
    kb = load_knowledge(copy_profile(tmp_path / "data", regime="foisa", type="health"))
    from foibot.conversation.reading_lists import factors_not_choices, read_list

    q = next(q for q in kb.per_exemption if q.id == "pit_against")
    typed = ("the clinicians' reasonable expectation that HR matters stay confidential; confirming either way would "
             "itself disclose personal data")
    items = read_list([], typed, kb.vocabulary)
    factors_not_choices(kb, q, [], items)  # no list: nothing to pick from, so nothing is refused
    assert items == ["the clinicians' reasonable expectation that HR matters stay confidential",
                     "confirming either way would itself disclose personal data"]


def test_pick_words_at_a_factor_question_with_a_list_are_still_asked_back(tmp_path):
    from foibot.conversation.reading_lists import factors_not_choices
    from foibot.errors import InputError
    from foibot.knowledge.model import Option

    kb = load_knowledge(copy_profile(tmp_path / "data"))
    q = next(q for q in kb.per_exemption if q.id == "pit_against")
    with pytest.raises(InputError, match="reads as a pick from the list"):
        factors_not_choices(kb, q, [Option("a", "One"), Option("b", "Two")], ["the last two"])


STAFF_REQUEST = """From: Morag Baillie <morag.baillie@example.org>
Date: Wed, 24 Nov 2027 09:12:00 +0000
Subject: Freedom of information request

Please tell me the names of the consultants disciplined for bullying in 2026.

Kind regards,
Morag Baillie
"""


def test_in_the_chat_a_factor_in_words_with_no_list_is_noted_as_typed(tmp_path):
    engine = _engine(tmp_path, regime="foisa", type="health", name="NHS Borders Valley Health Board")
    turn = engine.start(STAFF_REQUEST)
    conv = turn.conversation_id
    turn = reply_until(engine, conv, turn, "exemptions", {"topic": "none", "held": "ncnd"})
    turn = reply_until(engine, conv, engine.reply(conv, "s18 and 38(1)(b)"), "foisa-s38.pit_against",
                       {"foisa-s38.pit_for": "Accountability of senior clinicians for how they treat staff."})
    assert not turn.question.options  # no list to pick from
    typed = ("the clinicians' reasonable expectation that HR matters stay confidential; confirming either way would "
             "itself disclose personal data")
    turn = engine.reply(conv, typed)
    assert _texts(turn)[0] == (
        "Noted. section 38 public interest against: the clinicians' reasonable expectation that HR matters stay…; "
        "confirming either way would itself disclose personal data")  # each factor clipped in the echo
    assert engine._state(conv).answers["foisa-s38"]["pit_against"] == [
        "the clinicians' reasonable expectation that HR matters stay confidential",
        "confirming either way would itself disclose personal data"]


def test_section_39s_eir_test_offers_the_chosen_exceptions_own_factors():
    """Section 39(1)(b)'s EIR public interest questions show the chosen exception's bank (tryout 10, item 9), as an
    exemption's own test does; before an exception is chosen, no list."""
    from foibot.conversation.asking import options_for

    kb = load_knowledge(Path(__file__).resolve().parent.parent)
    s39, r12 = kb.exemptions["s39"], kb.resolve("r12(4)(d)", "eir")[0]
    for question_id, side in (("eir_pit_for", "pit_for"), ("eir_pit_against", "pit_against")):
        question = next(q for q in s39.questions if q.id == question_id)
        chosen = ConversationState(answers={"s39": {"limb": "1(b)", "eir_exception": ["r12(4)(d)"]}})
        offered = options_for(chosen, kb, question, s39)
        assert offered and [o.value for o in offered] == [o.value for o in kb.pit_bank(r12, side)]
        assert options_for(ConversationState(answers={"s39": {"limb": "1(b)"}}), kb, question, s39) == []
