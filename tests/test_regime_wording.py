"""Suggestions, notes and help speak the law the reply is under (FOIA, the EIR or FOISA); topics match on words,
not year numbers; a request for the requester's own data is read as a subject access request."""

from datetime import date
from pathlib import Path

import pytest
from profiles import copy_profile
from stepping import reply_until

from foibot.conversation.asking import asked, default_for
from foibot.conversation.state import ConversationState
from foibot.errors import DataError
from foibot.knowledge.citations import find_citations
from foibot.knowledge.loading import load_knowledge
from foibot.suggest.priors import load_priors
from foibot.surfaces.runtime import open_runtime

ROOT = Path(__file__).resolve().parent.parent

MINUTES = ("Under the Freedom of Information (Scotland) Act 2002, please provide the minutes of all meetings between "
           "council officers and the developers of the proposed low emission zone extension, and any briefing notes "
           "prepared for councillors about the commercial terms of the contract.")
PLANNING = ("Under the Environmental Information Regulations 2004, please send me the noise impact assessment, the "
            "ecology survey and all correspondence with the applicant for planning application 26/01234/FUL "
            "(land east of Mill Lane, proposed 120-home development), including any pre-application advice.")
POTHOLES = ("I would like to request the following information about pothole repairs carried out by the council:\n"
            "1. The number of pothole repairs completed in each of the financial years 2022/23, 2023/24 and 2024/25.\n"
            "2. The total amount paid in compensation claims for vehicle damage caused by potholes in those years.\n"
            "3. The names of the contractors used for pothole repairs and the value of each contract.")
OWN_DATA = ("Please send me copies of all emails and notes held by your force that mention me, Thomas Reid, date of "
            "birth 3 March 1980, including the record of my arrest on 5 June 2025 and the body-worn video footage "
            "of that arrest.")
FOIA_ONLY = ("qualified person", "section 40(2)", "section 43(2)", "section 21", "section 16", "FOIA", "ICO")


@pytest.fixture(scope="module")
def rt(tmp_path_factory):
    runtime = open_runtime(tmp_path_factory.mktemp("wording") / "s.sqlite")
    yield runtime
    runtime.store.close()


def _scottish_sections() -> set[str]:
    return set(load_priors(ROOT / "intents" / "priors.yaml").foisa_equivalents.values()) | {"foisa-s18"}


# --- 1. notes in the law of the reply --------------------------------------------------------------


def test_a_scottish_councils_notes_cite_foisa_not_foia(rt):
    got = rt.suggest(MINUTES, authority_type="council", regime="foisa")
    notes = " ".join(got.notes)
    assert "Section 30 (prejudice to the effective conduct of public affairs)" in notes
    assert "section 38(1)(b)" in notes and "section 33(1)(b)" in notes and "section 25" in notes
    assert not [w for w in FOIA_ONLY if w in notes], notes
    assert not any("Section 36 needs" in n for n in got.notes)


def test_an_eir_requests_notes_cite_regulations_not_sections(rt):
    got = rt.suggest(PLANNING, authority_type="council")
    assert got.regime == "eir"
    notes = " ".join(got.notes)
    assert "regulation 12(4)(b)" in notes and "regulation 9" in notes
    assert "section 12" not in notes and "section 16" not in notes and "(use 12(4)(b)" not in notes
    assert not [c.cite() for c, _ in find_citations(notes) if c.regime != "eir"], notes


def test_a_uk_request_keeps_its_foia_notes(rt):
    got = rt.suggest("Please send me the internal emails and minutes about the vetting inspection.",
                     authority_type="police")
    assert any("qualified person's reasonable opinion" in n and "section 40(2)" in n for n in got.notes)


def test_every_shipped_note_cites_only_its_own_laws_numbering(kb):
    scottish = _scottish_sections()
    for intent in kb.intents.values():
        for regime in ("foia", "eir", "foisa"):
            note = intent.note_for(regime)
            for citation, match in find_citations(note, regime):
                if regime == "foisa":
                    assert citation.regime == "foisa" and citation.family in scottish, (intent.id, match.group(0))
                elif regime == "eir":
                    assert citation.regime == "eir", (intent.id, match.group(0))
                else:
                    assert citation.regime == "foia", (intent.id, match.group(0))
            if regime == "foisa":
                assert "FOIA" not in note and "qualified person" not in note, intent.id
    assert kb.intents["environmental-information"].note_for("foisa") == ""  # no counterpart: the Scottish EIR note


def test_every_note_written_for_a_type_of_authority_cites_only_its_own_laws_numbering(kb):
    """``notes_by_type`` (a note for some kinds of authority only) follows the same rule as ``note``; and the
    general notes, shown to every kind, give no police or IOPC advice."""
    from foibot.suggest.type_notes import load_type_notes

    scottish = _scottish_sections()
    by_type = load_type_notes(ROOT / "intents" / "intents.yaml", kb)
    assert {"inspectorate", "police"} <= set(by_type["investigations-case-files"])
    for intent_id, kinds in by_type.items():
        for kind, intent in kinds.items():
            for regime in ("foia", "eir", "foisa"):
                note = intent.note_for(regime)
                for citation, match in find_citations(note, regime):
                    wanted = {"foisa": "foisa", "eir": "eir"}.get(regime, "foia")
                    assert citation.regime == wanted, (intent_id, kind, match.group(0))
                    assert regime != "foisa" or citation.family in scottish, (intent_id, kind, match.group(0))
                assert regime != "foisa" or "FOIA" not in note, (intent_id, kind)
    for intent in kb.intents.values():
        for regime in ("foia", "eir", "foisa"):
            assert not any(w in intent.note_for(regime) for w in ("IOPC", " a force", "forces")), intent.id


def _replace(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def test_a_plain_note_that_cites_a_law_is_refused_with_file_and_line(data_copy):
    path = data_copy / "intents" / "intents.yaml"
    line = _replace(path, "  note: >-\n    Senior staff", "  note: >-\n    Under section 40(2), senior staff")
    with pytest.raises(DataError) as err:
        load_knowledge(data_copy)
    text = str(err.value)
    assert "intents/intents.yaml" in text and f":{line}" in text and "section 40(2)" in text and "foisa:" in text


@pytest.mark.parametrize(("old", "new", "named"), [
    ("    foisa: >-\n      Section 30 (prejudice", "    foisa: >-\n      FOIA section 30 (prejudice", "FOIA"),
    ("    eir: >-\n      Internal communications fall",
     "    eir: >-\n      Section 36 and internal communications fall", "regulations"),
    ("    foisa: >-\n      Section 30 (prejudice", "    scotland: >-\n      Section 30 (prejudice", "not a law"),
])
def test_a_note_in_the_wrong_laws_words_is_refused_with_file_and_line(data_copy, old, new, named):
    path = data_copy / "intents" / "intents.yaml"
    line = _replace(path, old, new)
    with pytest.raises(DataError) as err:
        load_knowledge(data_copy)
    assert "intents/intents.yaml" in str(err.value) and f":{line}" in str(err.value) and named in str(err.value)


# --- 2. help in the law of the reply -----------------------------------------------------------------


def _help(kb, qid: str, regime: str, exemption_section: str | None = None) -> str:
    state = ConversationState(request="x", body="x", answers={"regime": regime})
    if exemption_section is None:
        return asked(state, kb, (qid, kb.question(qid), None)).help
    q = next(q for q in kb.per_exemption if q.id == qid)
    return asked(state, kb, (f"{exemption_section}.{qid}", q, kb.exemptions[exemption_section])).help


def test_the_exemptions_help_gives_an_example_in_the_authoritys_own_law(kb):
    assert "s31(1)(a) or s40(2)" in _help(kb, "exemptions", "foia")
    scottish = _help(kb, "exemptions", "foisa")
    assert "s35(1)(a) or s38(1)(b)" in scottish and "s40(2)" not in scottish
    assert "regulation 12(5)(e)" in _help(kb, "exemptions", "eir")
    assert "section 25 and section 27" in _help(kb, "topic", "foisa")


def test_the_likelihood_help_under_foisa_names_neither_section_36_nor_the_eir(kb):
    assert "section 36" in _help(kb, "likelihood", "foia", "s36")
    assert "section 36" not in _help(kb, "likelihood", "foia", "s31")  # said only at section 36's own question
    scottish = _help(kb, "likelihood", "foisa", "foisa-s35")
    assert scottish and "substantial" in scottish
    assert "section 36" not in scottish and "EIR" not in scottish


def test_plain_help_that_cites_a_law_is_refused_with_file_and_line(data_copy):
    path = data_copy / "intents" / "questions.yaml"
    line = _replace(path, "help: Anything we hold but are not giving needs an exemption",
                    "help: Anything we hold but are not giving needs an exemption under section 17")
    with pytest.raises(DataError) as err:
        load_knowledge(data_copy)
    assert "intents/questions.yaml" in str(err.value) and f":{line}" in str(err.value) and "help" in str(err.value)


# --- 3. topics match on words, not years ------------------------------------------------------------------


def test_year_numbers_alone_match_no_topic(rt):
    got = rt.suggest(POTHOLES, authority_type="council")
    assert not [t for t in got.topics if t.key.startswith("peel")], got.topics
    state = ConversationState(request="x", body="x", answers={}, suggestions=got.to_state())
    assert default_for(state, rt.kb.question("topic")) != "peel-2023-25"
    assert rt.matcher.match_topics("PEEL 2023-25 findings for my force")[0].key == "peel-2023-25"  # with its word


def test_a_keyword_shared_with_a_report_gives_no_already_published_reason(rt):
    got = rt.suggest(OWN_DATA, authority_type="police")
    assert got.topics and "keyword" in got.topics[0].why  # the subject overlaps ("body-worn video")
    assert not any("already published" in e.why for e in got.exemptions)
    named = rt.matcher.suggest("Could I have the data behind 'Disproportionate use of police powers: A spotlight on "
                               "stop and search and the use of force'?")  # the request names the report itself
    assert any("is already published" in e.why for e in named.exemptions if e.key == "s21")


# --- 4. the requester's own personal data ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    OWN_DATA,
    "Please send me all the information you hold about me.",
    "I would like a copy of my arrest record and any notes that mention me.",
])
def test_a_request_for_own_data_is_a_subject_access_request_with_s40_5a_first(rt, text):
    got = rt.suggest(text, authority_type="police")
    assert got.exemptions[0].key in ("s40(5A)", "s40(1)"), [(e.key, e.score) for e in got.exemptions[:3]]
    assert got.exemptions[0].score >= 50  # the Enter default of the exemptions question
    note = next(n for n in got.notes if "subject access request" in n)
    assert "UK GDPR" in note and "Data Protection Act 2018" in note and "40(1)" in note and "40(5A)" in note


def test_a_scottish_own_data_request_is_offered_foisa_s38_1_a(rt):
    got = rt.suggest(OWN_DATA, authority_type="police", regime="foisa")
    assert got.exemptions[0].key == "foisa-s38(1)(a)", [(e.key, e.score) for e in got.exemptions[:3]]
    note = next(n for n in got.notes if "subject access request" in n)
    assert "section 38(1)(a)" in note and "FOIA" not in note and "40(5A)" not in note


def test_the_scottish_own_data_suggestion_is_accepted_in_chat(tmp_path):
    copy_profile(tmp_path, regime="foisa")
    runtime = open_runtime(tmp_path / "s.sqlite", tmp_path)
    runtime.engine.today = lambda: date(2025, 7, 1)
    try:
        engine = runtime.engine
        turn = engine.start("Dear FOI team,\n" + OWN_DATA + "\nThomas Reid", user="U1")
        conv = turn.conversation_id
        replies = {"received": "20/6/25", "topic": "none", "held": "yes", "disclosure": "none"}
        turn = reply_until(engine, conv, turn, "exemptions", replies, user="U1")
        assert turn.question is not None and turn.question.default[0] == "foisa-s38(1)(a)"  # (s12 may follow)
        said = " ".join(m.text for m in engine.reply(conv, "s38(1)(a)", user="U1").messages)
        assert "Noted. exemptions: s38(1)(a)" in said
    finally:
        runtime.store.close()


def test_an_engagement_citation_of_another_exemption_is_refused(tmp_path):
    from foibot.suggest.engagement import load_engagement

    bad = tmp_path / "engagement.yaml"
    bad.write_text("s40:\n  title: Personal information\n  concepts:\n    - about: x\n      cite: [s43(2)]\n"
                   "      cues: [about me]\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_engagement(bad, "engagement.yaml")
    assert "engagement.yaml" in str(err.value) and ":5" in str(err.value) and "cite" in str(err.value)
