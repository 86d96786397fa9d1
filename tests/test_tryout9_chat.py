"""The chat findings of the ninth new-user tryout: each part's exemptions default from its own words and in its own
law (never s35 with s36), a self-correction typed once the question has moved on, a change whose earlier answer
changed always showing the new draft, the section 21 location offering the matched publication's link (and a place
nobody could find asked back once), and the section 22A programme offering the publication's planned date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from profiles import copy_profile
from stepping import say

from foibot.conversation.answers import set_path
from foibot.conversation.clipping import clip
from foibot.conversation.exemption_defaults import fitting
from foibot.conversation.state import ConversationState
from foibot.surfaces.runtime import open_runtime

# --- profiles: a PCC's office, a national park authority, a university and a Northern Ireland department ---------

PCC_TOPICS = """
- id: decisions-log
  title: Commissioner's decision notices
  aliases: [decision log, decision notices]
  keywords: [decision, decision notice]
  status: published
  published: '2026-01-10'
  url: https://www.westmarch-pcc.gov.uk/decisions
  summary: The commissioner's published decisions
- id: victims-services
  title: Victims' services commissioning
  aliases: [victim services contract]
  keywords: [commissioning, victims' services, victim support contract]
  status: published
  published: '2025-10-01'
  url: https://www.westmarch-pcc.gov.uk/commissioning
  summary: Services commissioned for victims
"""
NPA_TOPICS = """
- id: rights-of-way
  title: Definitive Map of Public Rights of Way
  aliases: [definitive map]
  keywords: [footpath, bridleway, rights of way]
  status: published
  published: '2024-04-01'
  url: https://www.fellmoor-npa.gov.uk/rights-of-way
  summary: The park's public rights of way
- id: state-of-park
  title: State of the Park Report 2027
  aliases: [state of the park]
  keywords: [biodiversity, wildlife sites, habitat]
  status: forthcoming
  planned: '2027-07-15'
  summary: Biodiversity and habitat condition
"""
UNI_TOPICS = """
- id: graphene-study
  title: Graphene battery durability study
  aliases: [graphene study]
  keywords: [graphene, battery, durability]
  status: forthcoming
  planned: '2027-09-30'
  summary: Research results to be published in a journal
"""
NI_TOPICS = """
- id: border-animal-health
  title: Cross-border Animal Health Framework
  aliases: [animal health framework]
  keywords: [cross-border, animal health, bovine TB, all-island]
  status: forthcoming
  planned: '2027-06-30'
  summary: With Ireland's Department of Agriculture
"""

PCC_REQUEST = """From: Dan Whitlock <dan.whitlock@example.net>
Sent: 10 March 2027 09:14
Subject: FOI request

Please provide under the Freedom of Information Act:

1. All correspondence between the Police and Crime Commissioner and the Chief Constable about the proposed closure \
of Eastgate police station, from 1 September 2026 to date.
2. The names and job titles of the OPCC staff who worked on the Eastgate closure review.
3. Copies of the Commissioner's decision notices on the estates strategy.
4. The contract between the OPCC and Safe Harbour Ltd for the victims' services contract, including the pricing \
schedule.

Regards,
Dan Whitlock
"""
NPA_REQUEST = """From: Helen Ashworth <helen.ashworth@example.co.uk>
Sent: 11 March 2027 16:40
Subject: Information request

Please send me:

1. The pre-application advice given to Fellside Quarries Ltd about the quarry extension at High Crag, and the \
developer's viability appraisal.
2. The grid references of the peregrine falcon nesting sites on High Crag recorded in your wildlife site surveys.
3. All records about every public footpath in the National Park since 1949.
4. The names and home addresses of the landowners who objected to the footpath diversion at Low Beck.

Yours faithfully,
Helen Ashworth
"""
UNI_REQUEST = """From: Priya Nandra <p.nandra@example.org>
Date: 11 March 2027
Subject: Freedom of Information request

I would like the following under FOIA:

1. The names of students disciplined for academic misconduct in the School of Engineering in 2026.
2. The results of the graphene battery durability study.

Thanks,
Priya Nandra
"""
NI_POLICY = """From: Ciaran O'Neill <ciaran.oneill@example.ie>
Sent: 9 March 2027

Please send me the submission to the Minister on policy options for farm support and officials' advice on whether to \
publish it, and the free and frank discussion at the board.

Ciaran O'Neill
"""
NI_SUBMISSION = """From: Ciaran O'Neill <ciaran.oneill@example.ie>
Sent: 9 March 2027

Please send me the policy submission to the Minister on options for the future of the Farm Support Scheme after 2027.

Ciaran O'Neill
"""
CLOSURE = """From: Dan Whitlock <dan.whitlock@example.net>
Sent: 10 March 2027

Please send me all correspondence between the Commissioner and the Chief Constable about the closure of Eastgate \
police station, and the names of the staff who worked on the closure review.

Dan Whitlock
"""

PROFILES = {"pcc": ("other", PCC_TOPICS), "npa": ("other", NPA_TOPICS), "uni": ("education", UNI_TOPICS),
            "ni": ("central_government", NI_TOPICS)}


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for name, (kind, topics) in PROFILES.items():
        folder = copy_profile(tmp_path_factory.mktemp(name) / "data", type=kind)
        (folder / "intents" / "topics.yaml").write_text(topics, encoding="utf-8")
        out[name] = folder
    return out


@pytest.fixture
def open_engine(tmp_path, folders):
    opened = []

    def make(name: str):
        runtime = open_runtime(tmp_path / f"{name}.sqlite", folders[name])
        runtime.engine.today = lambda: date(2027, 3, 12)
        opened.append(runtime)
        return runtime.engine

    yield make
    for runtime in opened:
        runtime.store.close()


_AUTO = {"choice": "1", "text": "the information", "longtext": "the reasons given", "list": "1",
         "date": "1 March 2027", "multi": "1", "number": "30", "topic": "1"}


def _until(engine, conv, turn, field: str):
    """Answer whatever is asked (the first choice, a few words) until ``field`` is asked."""
    for _ in range(40):
        if turn.question is None or turn.question.field == field:
            break
        turn = engine.reply(conv, _AUTO.get(turn.question.kind, "1"))
    assert turn.question is not None and turn.question.field == field, turn.text()
    return turn


def _part_defaults(engine, conv, parts: int, cite: str = "s40(2)") -> dict[int, list[str]]:
    """Each part held and withheld in full: the default offered at its exemptions question (then ``cite`` typed)."""
    defaults = {}
    for number in range(1, parts + 1):
        turn = say(engine, conv, "yes", "none")
        assert turn.question.field == f"parts.{number}.exemptions", turn.text()
        defaults[number] = list(turn.question.default or [])
        engine.reply(conv, cite)
    return defaults


# --- 1. each part's exemptions default: its own words, its own law ---------------------------------------------


def test_each_parts_default_comes_from_its_own_words_not_the_whole_requests_list(open_engine):
    engine = open_engine("pcc")
    start = engine.start(PCC_REQUEST)
    conv = start.conversation_id
    turn = say(engine, conv, "", "", "each")
    assert turn.question.field == "parts.1.held"
    defaults = _part_defaults(engine, conv, 4)
    assert defaults[2] == ["s40(2)"]  # names of staff
    assert defaults[3] == ["s21"]  # decision notices the commissioner publishes
    assert defaults[4][0] == "s43(2)"  # a contract's pricing schedule
    assert len({tuple(d) for d in defaults.values()}) == 4  # never one list for every part


def test_enter_at_a_parts_exemptions_stores_that_parts_own_default_and_shows_it(open_engine):
    engine = open_engine("pcc")
    conv = engine.start(PCC_REQUEST).conversation_id
    say(engine, conv, "", "", "each", "yes", "none", "s36", "yes", "none", "s40(2)", "yes")
    turn = engine.reply(conv, "none")
    assert turn.question.field == "parts.3.exemptions" and turn.question.shown_default() == "s21"
    turn = engine.reply(conv, "")
    assert turn.messages[0].text == "Noted. part 3 exemptions: s21"
    assert engine.answer(conv, "parts.3.exemptions") == ["s21"]


def test_under_the_eir_a_parts_default_is_an_eir_exception_or_nothing(open_engine):
    engine = open_engine("npa")
    conv = engine.start(NPA_REQUEST).conversation_id
    turn = say(engine, conv, "change the regime", "EIR, all of it is environmental")
    assert engine.answer(conv, "regime") == "eir"
    turn = _until(engine, conv, turn, "answer_by_part")
    say(engine, conv, "each")
    defaults = _part_defaults(engine, conv, 4, cite="r13")
    assert all(key.startswith("r") for d in defaults.values() for key in d), defaults  # never a section of the Act
    assert defaults[3] == ["r12(4)(b)"]  # every record about every footpath since 1949
    assert defaults[4] == ["r13"]  # landowners' names and home addresses
    assert defaults[1] == []  # no suggestion with evidence from the part's words: nothing offered, not a wrong one


def test_under_the_act_an_environmental_part_offers_section_39_alone(open_engine):
    engine = open_engine("npa")
    conv = engine.start(NPA_REQUEST).conversation_id
    turn = say(engine, conv, "change the regime", "the FOI Act")
    assert engine.answer(conv, "regime") == "foia"
    turn = _until(engine, conv, turn, "answer_by_part")
    say(engine, conv, "each")
    defaults = _part_defaults(engine, conv, 2, cite="s39")
    assert defaults == {1: ["s39"], 2: ["s39"]}  # quarry advice; peregrine nest sites


def test_section_36_is_never_offered_with_section_35(open_engine):
    engine = open_engine("ni")
    conv = engine.start(NI_POLICY).conversation_id
    _until(engine, conv, engine.reply(conv, ""), "held")
    turn = say(engine, conv, "yes", "none")
    assert turn.question.field == "exemptions"
    assert turn.question.default == ["s35"]  # s36 scored below s35: left unsaid


def test_the_defaults_keep_the_better_scored_of_two_exclusive_sections_and_only_the_replys_own_law(open_engine):
    kb = open_engine("ni").kb
    assert fitting(kb, ["s35", "s36", "s40(2)"], "foia") == ["s35", "s40(2)"]
    assert fitting(kb, ["s36", "s35"], "foia") == ["s36"]
    assert fitting(kb, ["s40(2)", "r13", "s12", "r12(4)(b)"], "eir") == ["r13", "r12(4)(b)"]
    assert fitting(kb, ["r13", "s40(2)"], "foia") == ["s40(2)"]
    assert fitting(kb, ["r13", "foisa-s38(1)(b)", "s43"], "foisa") == ["foisa-s38(1)(b)"]


# --- 2. a self-correction once the question has moved on -----------------------------------------------------


def _balance_given(engine) -> str:
    """s36 and s40(2) for the closure request, the s36 balance just given: the s40 condition is asked."""
    conv = engine.start(CLOSURE).conversation_id
    turn = say(engine, conv, "", "", "yes", "none", "s36, s40(2)", "the Commissioner", "11 March 2027")
    turn = _until(engine, conv, turn, "s36.pit_conclusion")
    turn = engine.reply(conv, "withholding, the closure decision is still live")
    assert turn.question.field == "s40.condition"
    assert engine.answer(conv, "s36.pit_conclusion") == "The closure decision is still live."
    return conv


@pytest.mark.parametrize("said", [
    "no wait, withholding because the consultation on the closure has not ended",
    "actually, withholding because the consultation on the closure has not ended",
    "sorry, I meant withholding because the consultation on the closure has not ended",
    "correction: withholding because the consultation on the closure has not ended",
])
def test_a_correction_at_the_next_question_corrects_the_answer_just_given(open_engine, said):
    engine = open_engine("pcc")
    conv = _balance_given(engine)
    turn = engine.reply(conv, said)
    assert [m.kind for m in turn.messages] == ["note", "question"]
    assert turn.messages[0].text == ("Noted. section 36 public interest conclusion: The consultation on the closure "
                                     "has not ended.")
    assert turn.question.field == "s40.condition"
    assert engine.answer(conv, "s36.pit_conclusion") == "The consultation on the closure has not ended."
    assert engine.answer(conv, "s40.condition") is None


def test_a_reply_the_next_question_reads_stays_its_answer(open_engine):
    engine = open_engine("pcc")
    conv = _balance_given(engine)
    turn = engine.reply(conv, "actually, the first")  # a choice of the condition question: not a correction
    assert turn.messages[0].text.startswith("Noted. section 40 condition: First condition")
    assert engine.answer(conv, "s36.pit_conclusion") == "The closure decision is still live."


def _drafted(engine) -> str:
    conv = engine.start(CLOSURE).conversation_id
    turn = say(engine, conv, "", "", "yes", "none", "s36, s40(2)", "the Commissioner", "11 March 2027")
    for _ in range(40):
        if turn.draft is not None:
            break
        turn = engine.reply(conv, _AUTO.get(turn.question.kind, "1"))
    assert turn.draft is not None and engine.latest_version(conv) == 1
    return conv


@pytest.mark.parametrize("said", ["no wait, the 10th", "sorry, I meant the 10th", "actually, the 10th",
                                  "correction: the 10th"])
def test_a_correction_right_after_a_change_that_redrafted_corrects_it_and_redrafts_once(open_engine, said):
    engine = open_engine("pcc")
    conv = _drafted(engine)
    turn = say(engine, conv, "change the received date", "the 9th")
    assert turn.draft is not None and engine.latest_version(conv) == 2
    turn = engine.reply(conv, said)
    assert "not waiting" not in turn.text()
    assert turn.messages[0].text == "Noted. received: Wed 10 Mar 2027"
    assert [m.kind for m in turn.messages].count("draft") == 1 and engine.latest_version(conv) == 3
    assert engine.answer(conv, "received") == "2027-03-10"
    assert "Due Mon 12 Apr 2027" in turn.text()


def test_no_wait_then_a_yes_at_a_yes_or_no_question_is_its_answer(open_engine):
    engine = open_engine("pcc")
    conv = engine.start(CLOSURE).conversation_id
    turn = say(engine, conv, "", "")
    assert turn.question.field == "held"
    turn = engine.reply(conv, "no wait, yes")
    assert engine.answer(conv, "held") == "yes" and turn.question.field == "disclosure"


def test_a_reply_quoted_back_is_never_cut_inside_a_word(open_engine):
    engine = open_engine("pcc")
    conv = _balance_given(engine)
    turn = engine.reply(conv, "withholding because the consultation on the closure has not ended")
    assert turn.messages[0].text.startswith(
        "'withholding because the consultation on the closure has not …' is not one of the choices: 1. First")
    assert clip("a b c", 10) == "a b c" and clip("alpha beta gamma", 12) == "alpha beta …"
    assert clip("supercalifragilistic", 5) == "super …"


# --- 3. a change that changed something shows the new draft -------------------------------------------------


def _s35_drafted(engine) -> str:
    conv = engine.start(NI_SUBMISSION).conversation_id
    turn = say(engine, conv, "", "", "yes", "none", "s35")
    turn = _until(engine, conv, turn, "s35.pit_for")
    turn = say(engine, conv, "1", "1", "")
    assert turn.draft is not None and engine.latest_version(conv) == 1
    return conv


def test_a_change_whose_first_answer_changed_shows_the_new_draft_after_enter_at_the_last(open_engine):
    engine = open_engine("ni")
    conv = _s35_drafted(engine)
    turn = say(engine, conv, "change the public interest factors for section 35", "1 and 2")
    assert turn.question.field == "s35.pit_against" and turn.draft is None
    turn = engine.reply(conv, "")
    assert [m.kind for m in turn.messages] == ["note", "note", "draft"]
    assert turn.messages[0].text.startswith("Section 35 public interest against stays as it was: ")
    assert turn.messages[2].text.startswith("Draft 2 of FOI 2027-1.") and engine.latest_version(conv) == 2
    assert engine.answer(conv, "s35.pit_for") == ["policy-transparency", "factual-background"]


def test_a_change_that_changed_nothing_makes_no_draft(open_engine):
    engine = open_engine("ni")
    conv = _s35_drafted(engine)
    turn = say(engine, conv, "change the public interest factors for section 35", "", "")
    assert turn.draft is None and engine.latest_version(conv) == 1
    assert turn.messages[0].text.startswith("Section 35 public interest against stays as it was: ")


# --- 4. the section 21 location ------------------------------------------------------------------------------

DECISIONS = "https://www.westmarch-pcc.gov.uk/decisions"


def _at_s21_where(engine):
    """The PCC request, part 3 (decision notices) withheld under s21, the rest not held: s21's location asked."""
    conv = engine.start(PCC_REQUEST).conversation_id
    turn = say(engine, conv, "", "", "each", "no", "none held", "no", "none held", "yes", "none", "s21", "no",
                "none held")
    assert turn.question.field == "s21.where", turn.text()
    return conv, turn


def test_the_s21_location_offers_the_matched_publications_link(open_engine):
    engine = open_engine("pcc")
    conv, turn = _at_s21_where(engine)
    assert turn.question.default == DECISIONS and turn.question.shown_default() == DECISIONS
    turn = engine.reply(conv, "")
    assert turn.messages[0].text == f"Noted. section 21 where: {DECISIONS}"
    assert engine.answer(conv, "s21.where") == DECISIONS


@pytest.mark.parametrize("said", ["that one", "the topic's page", "same link", "That one."])
def test_words_pointing_at_the_offered_link_are_the_link(open_engine, said):
    engine = open_engine("pcc")
    conv, _ = _at_s21_where(engine)
    engine.reply(conv, said)
    assert engine.answer(conv, "s21.where") == DECISIONS


def test_a_location_nobody_could_find_is_asked_back_once_and_kept_on_thats_all_we_have(open_engine):
    engine = open_engine("pcc")
    conv, _ = _at_s21_where(engine)
    turn = engine.reply(conv, "the decision notices page")
    assert [m.kind for m in turn.messages] == ["question"]
    assert turn.messages[0].text == (
        "'the decision notices page' gives no link, and no page or report a requester could find by it, so the "
        "letter would not tell them where to look. Is that all we have? Say yes (or 'that's all we have') to keep "
        f"it, or 'no' to give the link (Enter for {DECISIONS}).")
    assert engine.answer(conv, "s21.where") is None
    turn = engine.reply(conv, "that's all we have")
    assert turn.messages[0].text == "Noted. section 21 where: the decision notices page"
    assert engine.answer(conv, "s21.where") == "the decision notices page"


def test_no_to_the_location_asked_back_asks_again_offering_the_link(open_engine):
    engine = open_engine("pcc")
    conv, _ = _at_s21_where(engine)
    say(engine, conv, "the decision notices page", "no")
    turn = engine.reply(conv, "")
    assert engine.answer(conv, "s21.where") == DECISIONS and turn.messages[0].kind == "note"
    link = f"{DECISIONS}/estates-2026"
    conv, _ = _at_s21_where(engine)
    engine.reply(conv, f"the estates page, {link}")  # a link: taken as typed
    assert engine.answer(conv, "s21.where") == f"the estates page, {link}"


def test_words_pointing_at_an_offer_where_none_was_made_are_asked_back(open_engine):
    engine = open_engine("pcc")
    conv, _ = _at_s21_where(engine)
    turn = say(engine, conv, "", "that one")
    assert turn.question.field == "s21.withheld" and turn.messages[0].kind == "error"
    assert turn.messages[0].text.startswith("'that one' points at something offered, but nothing was offered here")
    assert engine.answer(conv, "s21.withheld") is None


# --- 5. the section 22A programme ----------------------------------------------------------------------------


def test_the_s22a_programme_offers_the_forthcoming_studys_planned_date(open_engine):
    engine = open_engine("uni")
    conv = engine.start(UNI_REQUEST).conversation_id
    turn = say(engine, conv, "", "", "each", "yes", "none", "s40(2)", "yes", "none", "s22A")
    turn = _until(engine, conv, turn, "s22A.programme")
    programme = "the Graphene battery durability study; its report is planned for 30 September 2027"
    assert turn.question.default == programme
    engine.reply(conv, "")
    assert engine.answer(conv, "s22A.programme") == programme


def test_the_s22_publication_date_offers_the_forthcoming_publications_planned_date(open_engine):
    engine = open_engine("uni")
    conv = engine.start(UNI_REQUEST).conversation_id
    turn = say(engine, conv, "", "", "each", "yes", "none", "s40(2)", "yes", "none", "s22")
    turn = _until(engine, conv, turn, "s22.publication_date")
    assert turn.question.default == "2027-09-30"
    engine.reply(conv, "")
    assert engine.answer(conv, "s22.publication_date") == "2027-09-30"


def test_a_form_shows_a_parts_own_default_before_the_chat_reaches_it(open_engine):
    engine = open_engine("pcc")
    conv = engine.start(PCC_REQUEST).conversation_id
    say(engine, conv, "", "", "each", "yes", "none")  # the chat is at part 1's exemptions
    state = ConversationState.from_json(engine.store.conversation(conv)["state"])  # a form answered part 3 ahead
    answers = state.copy_answers()
    set_path(answers, "parts.3.held", "yes")
    set_path(answers, "parts.3.disclosure", "none")
    engine.store.save_conversation(conv, state.with_answers(answers, history=state.history).to_json())
    assert engine.question_for(conv, "parts.3.exemptions").shown_default() == "s21"  # that part's own words
    assert engine.question_for(conv, "parts.1.exemptions").shown_default() != "s21"  # and part 1 its own
