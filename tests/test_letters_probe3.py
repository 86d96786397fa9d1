"""A third senior FOI officer's probe: scenarios in none of the outcome, review, probe or probe2 files
(tests/fixtures/answers/probe3/): a police NCND on a named suspect (s30(3) with s40(5B)), NCND on covert tactics
(s24(2) with s31(3)), s24(1) beside s31(1)(a) withholding, an EIR planning enforcement file (reg 12(5)(b) and
reg 13), reg 12(4)(e) and 12(5)(a), a contract under s43(2) released in part, a board paper under s21 with its link,
s36(2)(b)(i) with the qualified person's opinion, s27(4), s41 with s40(2) on a patient complaint, four parts
(released, not held, withheld, NCND), s12 offering the first part, s14(1) after refusals on cost, a late reply, a
request received on Easter Sunday, the requester's own data (s40(1)), a request full of bullets, quotes and links,
markup and internal notes in the answers, FOISA s30(b)(ii), s38(1)(b), a s17 notice with advice, FOISA NCND under
s39(1), and hostile answers. Each letter is read as the officer who signs it.

The defects these pin down: lists given for text ("requester_name", "reason") printed as Python lists ("Dear
['A', 'B'],"); a s22 publication date already past when the letter is sent, and a s36 opinion given after the
letter, both drafted and passed; a s12 estimate of minus five hours drafted; a s36 letter that never said what
the qualified person thought disclosure would inhibit; a late reply with no apology; a s40(1) letter that said
"some of what you asked for" was the requester's own data when all of it was, and called it "that part"; "no
public interest test applies to neither confirming nor denying"; advice that dangled ("To help you, Police
Scotland may hold"); "the names ... because it is the personal data"; a s24(1) paragraph that never said exemption
was required to safeguard national security; internal notes, HTML and markdown in the answers printed and passed
by the check; an NCND letter whose heading spoke of "information withheld" passed; the Word file's subject said
"Freedom of Information" for an EIR or FOISA letter.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from probes import EIR_ROUTE, FOISA_ROUTE, UK_ROUTE, Probe, assert_signable

from foibot.errors import FoibotError

PROBE = Probe("probe3")
ROOT = Path(__file__).resolve().parent.parent
GENERIC = ("the prejudice or inhibition the exemption describes", "that section 36 describes",
           "the prejudice that this exemption protects against")
LEAKS = re.compile(r"(?<!whether )\bwe hold\b|\bwithheld\b|\bwithholding\b|\bredact|\bthis information\b|"
                   r"Factors in favour of disclosure|absolute exemption", re.I)

# name -> (must contain, must not contain), on the plain-text letter
EXPECT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "police-ncnd-30-3-40-5-named-suspect": (
        ("neither confirm nor deny", "section 30(3)", "section 40(5B)(a)(i)",
         "no public interest test applies to our decision to neither confirm nor deny", *UK_ROUTE),
        ("applies to neither confirming nor denying",)),
    "police-ncnd-31-3-24-2-covert": (("section 24(2) and section 31(3)", "covert", *UK_ROUTE), ()),
    "police-s31-1-a-and-s24-1-partial": (
        ("section 24(1)", "required for the purpose of safeguarding national security", "section 31(1)(a)",
         "prejudice to the prevention or detection of crime", "(14)"), ()),
    "council-eir-enforcement-12-5-b-13": (
        ("regulation 12(5)(b)", "regulation 13", "Attached: Site photographs (12)", *EIR_ROUTE),
        ("section 40", "section 42", "absolute exemption")),
    "council-eir-12-4-e": (("regulation 12(4)(e)", "internal communications", *EIR_ROUTE), ("section 36",)),
    "council-eir-12-5-a": (("regulation 12(5)(a)", "weak points", *EIR_ROUTE), ("section 38", "section 24")),
    "council-s43-2-contract-partial": (("section 43(2)", "£2.4 million", "commercial interests"), ()),
    "health-s21-board-paper": (("section 21(1)", "https://www.example.nhs.uk/board/2025-01-29/"
                                                  "item-7-waiting-times.pdf", "no public interest test"),
                               ("Public interest test",)),
    "gov-s36-2-b-i-opinion": (
        ("section 36(2)(b)(i)", "the Minister of State for School Standards", "25 February 2025",
         "would be likely to inhibit the free and frank provision of advice"), GENERIC),
    "gov-ncnd-27-4": (("section 27(4)", "neither confirm nor deny", *UK_ROUTE), ()),
    "health-s41-patient-complaint": (
        ("section 41(1)", "section 40(2)", "That information is the personal data of"),
        ("because it is the personal data",)),
    "council-four-parts-mixed": (
        ("Part 4", "41,220", "We do not hold", "section 43(2)", "section 40(5B)(a)(i)",
         "To help you, we can tell you how many notices were cancelled in 2024 in total.",
         "Our reasons for withholding information"), ("applies to neither confirming nor denying",)),
    "council-s12-offer-first-part": (("section 12(1)", "120 hours", "section 16", "part (a)", "section 17(5)"),
                                     ("Annex A",)),
    "council-s14-1-after-aggregation": (("section 14(1)", "section 17(5)", "fourth request"), ("Annex A",)),
    "police-received-easter-sunday": (("5 April 2026", "412 officers"), ("We are sorry",)),
    "council-s40-1-own-data": (
        ("section 40(1)", "What you asked for is your own personal data",
         "We will deal with your request as a subject access request under the UK GDPR"),
        ("Some of what you asked for", "that part")),
    "gov-request-quoted-at-length": (
        ("https://www.example.gov.uk/news/kestrel?id=42&lang=en", "Project Kestrel will save £40m",
         "Attached: IPA review, June 2024"), ()),
    "council-very-long-withheld": (("section 43(2)", "project board meeting number 39"), ()),
    "scot-foisa-s30-b-ii": (("section 30(b)(ii)", "substantially inhibit the free and frank exchange of views",
                             "section 16", *FOISA_ROUTE), UK_ROUTE),
    "scot-foisa-s38-1-b": (("section 38(1)(b)", "fewer than five", *FOISA_ROUTE), (*UK_ROUTE, "section 40")),
    "scot-foisa-not-held-other-authority": (
        ("section 17(1)", "To help you, we can tell you that Police Scotland may hold this information",
         *FOISA_ROUTE), (*UK_ROUTE, "To help you, Police Scotland")),
    "scot-foisa-ncnd-s39": (("section 18(1)", "section 39(1)", *FOISA_ROUTE), UK_ROUTE),
    "council-unknown-keys": (("the figures",), ()),
}
NCND_WHOLE = ("police-ncnd-30-3-40-5-named-suspect", "police-ncnd-31-3-24-2-covert", "gov-ncnd-27-4",
              "scot-foisa-ncnd-s39")
# drafted, but the officer must act first: the check says what (tested on their own below)
FLAGGED = {"council-markup-in-answers": "markup", "gov-late-full-disclosure": "on-time",
           "council-s12-under-limit-flagged": "cost-exceeds", "council-parts-empty-list": "complete",
           "council-nulls": "complete", "council-held-bool-disclosed-number": None,
           "council-exemption-bare-number": "complete"}
REFUSED = {
    "council-refused-name-list": "'requester_name' must be text",
    "council-refused-reason-a-list": "'s43.reason' must be text",
    "council-refused-nonexistent-s47": "no exemption 's47(1)'",
    "council-refused-received-feb-30": "'2026-02-30' is not a real date",
    "council-refused-s12-negative-hours": "'s12.hours' must be the estimated number of hours",
    "council-refused-s22-date-before-letter": "'s22.publication_date' (2025-01-15) is before the letter's date",
    "council-refused-s36-opinion-after-letter": "'s36.opinion_date' (2025-03-20) is after the letter's date",
}
NOT_JSON_OBJECTS = {"council-refused-array": "must hold an object of answers",
                    "council-refused-truncated": "is not valid JSON"}


def test_every_probe3_file_has_expectations():
    assert {p.stem for p in PROBE.folder.glob("*.json")} == set(EXPECT) | set(REFUSED) | set(FLAGGED) | set(
        NOT_JSON_OBJECTS)
    assert len(EXPECT) >= 20


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_probe3_letter_is_lawful_and_complete(rt, name):

    draft = PROBE.draft(rt, name)
    text = draft.text()
    must, must_not = EXPECT[name]
    assert_signable(rt, draft, must, must_not, PROBE.body(name, text))
    assert not re.search(r"To help you, (?!we\b|you\b|as section|as regulation|if\b|please\b)", text), text


@pytest.mark.parametrize("name", NCND_WHOLE)
def test_ncnd_probe3_letters_never_imply_the_information_is_held(rt, name):
    own = PROBE.body(name, PROBE.draft(rt, name).text().split("You asked for the following:")[-1])
    assert LEAKS.findall(own) == [], own


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_probe3_answers_that_cannot_make_a_lawful_letter_are_refused(rt, name):
    with pytest.raises(FoibotError, match=re.escape(REFUSED[name])):
        PROBE.draft(rt, name)


@pytest.mark.parametrize("name", sorted(NOT_JSON_OBJECTS))
def test_answers_files_that_are_not_objects_get_one_clear_line(name):
    path = PROBE.folder / f"{name}.json"
    run = subprocess.run([str(ROOT / ".venv" / "bin" / "foibot"), "draft", str(PROBE.folder / "gov-ncnd-27-4.txt"),
                          "--answers", str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode != 0 and "Traceback" not in run.stderr + run.stdout
    assert NOT_JSON_OBJECTS[name] in run.stderr + run.stdout


def test_a_letter_in_parts_gives_any_text_refused_for_a_list(rt):
    answers = PROBE.answers("council-four-parts-mixed")
    answers["parts"][0]["disclosed"] = ["41,220", "notices"]
    with pytest.raises(FoibotError, match=re.escape("'parts[1].disclosed' must be text")):
        PROBE.draft(rt, "council-four-parts-mixed", answers)


def test_a_late_reply_says_sorry_and_the_check_still_reports_it(rt):
    draft = PROBE.draft(rt, "gov-late-full-disclosure")
    text = draft.text()
    assert "We are sorry that we did not reply within 20 working days, as the Act requires." in text, text
    assert draft.late and "on-time" in draft.checks.ids()
    # a decision after a s17(2) notice is late only after the date that notice gave
    answers = {**PROBE.answers("gov-late-full-disclosure"), "pit_decision_date": "2025-03-31",
               "extension_date": "2025-03-07"}
    assert "We are sorry" not in PROBE.draft(rt, "gov-late-full-disclosure", answers).text()
    answers["letter_date"] = "2025-04-07"
    assert "We are sorry that this decision is later than the date we gave you." in PROBE.draft(
        rt, "gov-late-full-disclosure", answers).text()


def test_an_eir_late_reply_names_the_regulations(rt):
    answers = {**PROBE.answers("gov-late-full-disclosure"), "regime": "eir"}
    text = PROBE.draft(rt, "gov-late-full-disclosure", answers).text()
    assert "as the Regulations require." in text and "as the Act requires" not in text


def test_an_s36_ncnd_opinion_names_the_inhibition(rt):
    answers = PROBE.answers("gov-s36-2-b-i-opinion")
    answers = {**answers, "held": "ncnd", "disclosure": None, "exemptions": ["s36(2)(b)(i)"]}
    answers["s36"] = {k: v for k, v in answers["s36"].items() if k != "withheld"}
    text = PROBE.draft(rt, "gov-s36-2-b-i-opinion", answers).text()
    assert "confirming or denying whether we hold the information would be likely to inhibit the free and frank " \
           "provision of advice" in text, text
    assert not any(g in text for g in GENERIC)


@pytest.mark.parametrize("limb,words", [
    ("2(a)(i)", "prejudice the maintenance of the convention of the collective responsibility of Ministers of the "
                "Crown"),
    ("2(b)(ii)", "inhibit the free and frank exchange of views for the purposes of deliberation"),
    ("2(c)", "prejudice the effective conduct of public affairs"),
])
def test_every_s36_limb_is_named(rt, limb, words):
    answers = PROBE.answers("gov-s36-2-b-i-opinion")
    answers = {**answers, "exemptions": [f"s36({limb[0]}){limb[1:]}"]}
    assert words in PROBE.draft(rt, "gov-s36-2-b-i-opinion", answers).text()


def test_an_s36_opinion_given_before_the_request_arrived_is_noted(rt):
    answers = PROBE.answers("gov-s36-2-b-i-opinion")
    answers["s36"]["opinion_date"] = "2025-01-20"
    notes = PROBE.draft(rt, "gov-s36-2-b-i-opinion", answers).notes
    assert any("opinion" in n and "before the request" in n for n in notes), notes


def test_s40_1_beside_other_information_still_says_some(rt):
    answers = PROBE.answers("council-s40-1-own-data")
    answers.update(disclosure="partial", disclosed="the housing office's published complaints policy")
    text = PROBE.draft(rt, "council-s40-1-own-data", answers).text()
    assert "Some of what you asked for is your own personal data" in text


def test_markup_and_internal_notes_in_the_answers_are_printed_as_typed_but_stop_the_check(rt):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, "council-markup-in-answers")
    text = draft.text()
    assert "{{ 7*7 }}" in text and "49" not in text  # never run as a template
    assert "markup" in draft.checks.ids(), draft.checks.summary()
    finding = draft.checks.summary()
    assert "<!--" in finding and "TODO" in finding and "<script>" in finding, finding
    assert "markup" in check(text, rt.kb, letter_date=draft.letter_date).ids()
    md = draft.markdown()
    assert "<script>" not in md and "\\<script\\>" in md  # escaped, never live HTML


def test_the_markup_check_ignores_the_requesters_own_words(rt):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, "gov-request-quoted-at-length")
    assert "markup" not in draft.checks.ids()
    assert check(draft.text(), rt.kb, letter_date=draft.letter_date).ok


@pytest.mark.parametrize("note", ["[TODO: check with legal] ", "<!-- JB: ok to send? --> ", "TBC: ", "<b>"])
def test_a_hand_edited_letter_with_an_internal_note_fails_the_check(rt, note):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, "council-s43-2-contract-partial")
    text = draft.text().replace("The contract is due", note + "The contract is due")
    assert "markup" in check(text, rt.kb, letter_date=draft.letter_date).ids()


def test_an_ncnd_letter_whose_heading_speaks_of_information_withheld_fails_the_check(rt):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, "police-ncnd-31-3-24-2-covert")
    text = draft.text().replace("Annex A: the exemptions we have applied",
                                "Annex A: the information withheld and the exemptions applied")
    assert "ncnd-consistency" in check(text, rt.kb, letter_date=draft.letter_date).ids()


def test_a_welsh_authority_name_is_printed_whole(rt):
    PROBE.use_profile(rt, "council-s43-2-contract-partial")
    name = "Cyngor Sir Ynys Môn / Isle of Anglesey County Council"
    rt.engine.authority = replace(rt.engine.authority, name=name, short_name="Cyngor Sir Ynys Môn",
                                  signature_role="Ar ran / On behalf of Cyngor Sir Ynys Môn")
    draft = rt.engine.draft_answers(PROBE.request("council-s43-2-contract-partial"),
                                    PROBE.answers("council-s43-2-contract-partial"))
    text = draft.text()
    assert name in text and "Ar ran / On behalf of Cyngor Sir Ynys Môn" in text
    from docx import Document

    from foibot.letter.word import to_docx

    doc = Document(io.BytesIO(to_docx(draft)))
    assert name in "\n".join(p.text for p in doc.paragraphs)


@pytest.mark.parametrize("name,subject", [("council-eir-12-4-e", "Environmental information"),
                                          ("scot-foisa-s30-b-ii", "Information request"),
                                          ("council-s43-2-contract-partial", "Freedom of Information")])
def test_the_word_file_matches_the_text_and_names_the_right_law(rt, name, subject):
    from docx import Document

    from foibot.letter.word import to_docx

    draft = PROBE.draft(rt, name)
    doc = Document(io.BytesIO(to_docx(draft)))
    assert doc.core_properties.subject.startswith(subject), doc.core_properties.subject
    words = " ".join(p.text for p in doc.paragraphs).split()
    text = re.sub(r"(?m)^\s*(\d+\.|-)\s", "", draft.text()).replace("-" * 60, "")
    assert {w for w in text.split() if not w.isupper()} <= set(words)


def test_probe3_answers_files_are_json_objects_or_deliberately_not():
    for path in PROBE.folder.glob("*.json"):
        if path.stem in NOT_JSON_OBJECTS:
            continue
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), path.name
