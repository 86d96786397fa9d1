"""A seventh senior FOI officer's probe (tests/fixtures/answers/probe7/): the letter as a whole from the requester's
side (a one-line request, a request of some 600 words in five parts, a question asking "why" rather than for
recorded information, a solicitor writing for a client, a journalist quoting an earlier reference); six parts mixing
disclosure, s43(2) twice, s40(5B) about a named officer, not held and s21; NCND under s23(5) or s24(2) and under
s40(5B) beside a disclosed or withheld part; EIR reg 12(6) beside a disclosure and beside reg 12(5)(a) withholding in
another part; reg 12(4)(a) with reg 12(4)(e); the EIR reply after a regulation 7 notice, in time and late; FOISA
s18(1) beside a disclosure and beside s35(1)(a) withholding in another part; s30 with s31 and s35 with s36 for the
same information; s38 with s40(2); requests received on a Friday, on 31 December (England and Scotland) and a letter
dated on its due date; and letters damaged by hand. Each letter is read as the officer who signs it.

The defects these pin down: a FOISA letter withholding under a section in one part and relying on it with section
18(1) in another dropped the second part's own reasons and its public interest test from Annex A (the two uses were
taken for one), and failed its own check; an EIR letter withholding under reg 12(5)(a) in one part and relying on reg
12(6) in another failed its own check (ncnd-pit), as the FOIA version no longer did; the EIR reply after a regulation
7 notice was called late, apologised for missing 20 working days and failed the check, and never mentioned the
notice; s43(2)'s "whose commercial interests" was asked for and never printed; s30 with s31, and s35 with s36, were
drafted withholding the same information under both, which the Act does not allow; a hand-edited letter whose public
interest test concluded for disclosure while still withholding passed the check (the reader took the exemption as
not relied on).
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from probes import DISCLAIMER, EIR_ROUTE, FOISA_ROUTE, UK_ROUTE, Probe, assert_signable

from foibot.errors import InputError

PROBE = Probe("probe7")

# name -> (must contain, must not contain), on the plain-text letter
EXPECT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "council-one-line-request": (("How many potholes did you fill in 2025?", "we filled 4,812 potholes in 2025",
                                  *UK_ROUTE), ("refusal notice", "Annex A", "Part 1")),
    "council-long-request-five-parts": (
        ("Part 5", "£182,400", "section 21(1)", "https://www.example.gov.uk/cabinet/2025-07-14",
         "the name of the Director of Environment", "section 40(2)", "first condition", *UK_ROUTE),
        ("Part 6", "Public interest test", "I am writing about")),
    "council-why-question-not-recorded": (
        ("We do not hold the information you asked for.", "recorded form", "report to cabinet of 12 November 2025",
         *UK_ROUTE), ("refusal notice", "Annex A", "exempt")),
    "council-solicitor-for-client": (("Dear Sir or Madam,", "on behalf of your client", "section 40(2)"),
                                     ("Dear Harlow", "Public interest test")),
    "police-journalist-further-to-earlier": (("following our reply to FOI 2026/0412", "stop and search"),
                                             ("refusal notice", "Reporter")),
    "council-parts-two-s43-one-s40-5b-ncnd": (
        ("Part 6", "£2,140,000", "section 40(5B)(a)(i)", "prejudice the contractors' commercial interests.",
         "Public interest test for section 43(2)", "contract board minutes", DISCLAIMER, *UK_ROUTE),
        ("Public interest test for section 40", "Ms Ford's", "we hold no")),
    "police-parts-disclosed-and-ncnd-23-5-24-2": (
        ("112 authorised firearms officers", "section 23(5) or, in the alternative, section 24(2)",
         "Public interest test for section 24(2)", DISCLAIMER), ("Public interest test for section 23",)),
    "police-parts-40-5b-officer-and-s31-stats": (
        ("section 40(5B)(a)(i)", "which is 64", "section 31(1)(a)", "Public interest test for section 31(1)(a)",
         DISCLAIMER), ("Public interest test for section 40",)),
    "council-eir-disclosed-and-12-6-ncnd": (
        ("14 October 2025", "regulation 12(6)", "Public interest test for regulation 12(6)", DISCLAIMER, *EIR_ROUTE),
        ("section 17", "withholding")),
    "council-eir-12-5-a-withheld-and-12-6-ncnd": (
        ("regulation 12(5)(a)", "Public interest test for regulation 12(5)(a)", "Regulation 12(6), with regulation "
         "12(5)(a)", "Public interest test for regulation 12(6)", DISCLAIMER, *EIR_ROUTE), ("section 17",)),
    "council-eir-not-held-12-4-e-and-disclosed": (
        ("regulation 12(4)(a)", "regulation 12(4)(e)", "destroyed in 2025", "presumption in favour of disclosure",
         *EIR_ROUTE), ("section 17",)),
    "council-eir-decision-after-r7-extension": (
        ("On 27 February 2026 we told you", "regulation 7(1)", "eleven site investigation reports", *EIR_ROUTE[:3]),
        ("We are sorry", "within 20 working days")),
    "council-received-friday-letter-on-due-date": (("6 March 2026", "8 April 2026"), ("We are sorry",)),
    "council-received-31-december": (("31 December 2025", "3,214"), ("We are sorry",)),
    "scot-foisa-received-31-december": (("31 December 2025", "3,214", *FOISA_ROUTE), ("We are sorry", "ico.org.uk")),
    "scot-foisa-parts-s18-ncnd-beside-disclosure": (
        ("23 fraud investigations", "section 18(1)", "section 35(1)(a)", "named business", DISCLAIMER, *FOISA_ROUTE),
        ("withholding",)),
    "scot-foisa-parts-s35-withheld-and-s18-ncnd": (
        ("we are withholding it under section 35(1)(a)", "procurator fiscal", "section 18(1)", "named business",
         "Public interest test for section 35(1)(a)\n", "Public interest test for section 35(1)(a) with section 18(1)",
         "Section 35(1)(a), with section 18(1): Law enforcement", DISCLAIMER, *FOISA_ROUTE), ()),
    "health-s38-and-s40-same-info": (
        ("section 38(1)(a)", "endanger the physical or mental health", "section 40(2)",
         "Public interest test for section 38(1)(a)"), ("Public interest test for section 40", "police forces")),
}
# the reply after a regulation 7 notice, later than the 40 working days it allows: sorry, and reported
LATE = {"council-eir-late-after-r7-extension": "We are sorry that we did not reply within the 40 working days that "
                                               "regulation 7(1) allows."}
# refused with a message naming what to do
REFUSED = {"police-s30-and-s31-same-info": "section 31 applies only to information that is not exempt under section 30",
           "gov-s35-and-s36-same-info": "section 36 applies only to information that is not exempt under section 35"}
# the statutory (or extended) due dates
DUE = {"council-received-friday-letter-on-due-date": date(2026, 4, 8),
       "council-received-31-december": date(2026, 1, 30), "scot-foisa-received-31-december": date(2026, 1, 30)}


def test_every_probe7_file_has_expectations():
    PROBE.assert_every_file_expected(set(EXPECT) | set(LATE) | set(REFUSED))


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_probe7_letter_is_lawful_and_complete(rt, name):
    draft = PROBE.draft(rt, name)
    must, must_not = EXPECT[name]
    assert_signable(rt, draft, list(must), list(must_not), PROBE.body(name, draft.text()))


@pytest.mark.parametrize("name", sorted(DUE))
def test_probe7_due_dates(name):
    from foibot.law.deadlines import case_due

    answers = PROBE.answers(name)
    due, _ = case_due(answers["received"], "foisa" if name.startswith("scot") else "foia")
    assert due.due == DUE[name]


@pytest.mark.parametrize("name", sorted(LATE))
def test_probe7_a_late_reply_after_a_regulation_7_notice_says_sorry_and_is_reported(rt, name):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, name)
    text = draft.text()
    assert LATE[name] in text and "within 20 working days" not in text
    assert draft.late and not draft.checks.ok
    assert [f.id for f in draft.checks.findings] == ["on-time"]
    assert [f.id for f in check(text, rt.kb, letter_date=draft.letter_date).findings] == ["on-time"]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_probe7_answers_that_cannot_make_a_lawful_letter_are_refused(rt, name):
    with pytest.raises(InputError, match=re.escape(REFUSED[name])):
        PROBE.draft(rt, name)


def test_a_regulation_7_notice_sent_late_does_not_extend_the_time(rt):
    answers = {**PROBE.answers("council-eir-decision-after-r7-extension"), "extension_date": "2026-03-04"}
    draft = PROBE.draft(rt, "council-eir-decision-after-r7-extension", answers)
    assert draft.late and "within 20 working days" in draft.text()


def test_a_foia_letter_is_not_extended_by_an_extension_date_alone(rt):
    """``extension_date`` without ``pit_decision_date`` extends nothing under FOIA: s10(3) needs the estimate."""
    answers = {**PROBE.answers("council-eir-decision-after-r7-extension"), "regime": "foia"}
    draft = PROBE.draft(rt, "council-eir-decision-after-r7-extension", answers)
    assert draft.late and "regulation 7" not in draft.text()


def test_section_30_and_31_for_different_information_are_drafted(rt):
    answers = PROBE.answers("police-s30-and-s31-same-info")
    answers["s31"] = {**answers["s31"], "withheld": "the force's notes on its search tactics"}
    draft = PROBE.draft(rt, "police-s30-and-s31-same-info", answers)
    assert ("under section 31(1)(a) of the Act (law enforcement): the force's notes on its search tactics."
            in draft.text())
    assert draft.checks.ok, draft.checks.summary()


def test_a_foisa_s18_part_keeps_its_own_reasons_when_another_part_withholds_under_the_section(rt):
    draft = PROBE.draft(rt, "scot-foisa-parts-s35-withheld-and-s18-ncnd")
    assert not any("inside part" in n for n in draft.notes), draft.notes
    annex = draft.text().split("Annex A")[-1]
    assert annex.count("Balance of the public interest") == 2


@pytest.mark.parametrize(("typed", "printed"), [
    ("the contractors'", "prejudice the contractors' commercial interests."),
    ("our own", "prejudice our own commercial interests."),
    ("the supplier's (Corvan Systems Ltd)", "prejudice the supplier's commercial interests (Corvan Systems Ltd)."),
    ("Fitco Ltd", "prejudice the commercial interests of Fitco Ltd."),
    ("the supplier.", "prejudice the commercial interests of the supplier.")])
def test_whose_commercial_interests_are_named(rt, typed, printed):
    answers = PROBE.answers("council-parts-two-s43-one-s40-5b-ncnd")
    answers["s43"] = {**answers["s43"], "whose_interests": typed}
    text = PROBE.draft(rt, "council-parts-two-s43-one-s40-5b-ncnd", answers).text()
    assert printed in text and ".." not in text and "commercial interests concerned" not in text


def test_a_trade_secret_names_no_commercial_interests(rt):
    answers = PROBE.answers("council-parts-two-s43-one-s40-5b-ncnd")
    answers["s43"] = {**answers["s43"], "limb": "1", "likelihood": "would"}
    answers["parts"][1]["exemptions"] = answers["parts"][2]["exemptions"] = ["s43(1)"]
    text = PROBE.draft(rt, "council-parts-two-s43-one-s40-5b-ncnd", answers).text()
    assert "trade secret" in text and "commercial interests concerned" not in text


# hand edits of a compliant letter: (name, what is replaced, by what) -> the finding the check must give
CONCLUSION = ("the public interest in maintaining the exemption outweighs the public interest in disclosing the "
              "information")
DAMAGED = {
    "conclusion-for-disclosure": ("police-parts-40-5b-officer-and-s31-stats", CONCLUSION,
                                  "the public interest in disclosing the information outweighs the public interest "
                                  "in maintaining the exemption", "pit:s31"),
    "balance-favours-disclosure": ("police-parts-40-5b-officer-and-s31-stats", CONCLUSION,
                                   "the balance of the public interest favours disclosure", "pit:s31"),
    "not-held-part-loses-12-4-a": ("council-eir-not-held-12-4-e-and-disclosed",
                                   " Under regulation 12(4)(a) of the Regulations we are not required to provide "
                                   "information that we do not hold when your request is received.", "",
                                   "eir-not-held"),
}


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_a_hand_damaged_letter_fails_the_check(rt, case):
    from foibot.letter.checks import check

    name, old, new, finding = DAMAGED[case]
    draft = PROBE.draft(rt, name)
    assert old in draft.text()
    result = check(draft.text().replace(old, new), rt.kb, letter_date=draft.letter_date)
    assert finding in [f.id for f in result.findings], result.summary()


@pytest.mark.parametrize("conclusion", [
    "the public interest in disclosing the information does not outweigh the public interest in maintaining the "
    "exemption",
    "the public interest in disclosure is outweighed by the public interest in maintaining the exemption",
    "the balance of the public interest does not favour disclosure"])
def test_a_conclusion_for_withholding_in_other_words_still_passes(rt, conclusion):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, "police-parts-40-5b-officer-and-s31-stats")
    result = check(draft.text().replace(CONCLUSION, conclusion), rt.kb, letter_date=draft.letter_date)
    assert result.ok, result.summary()


def test_an_exemption_weighed_and_not_relied_on_is_still_not_read_as_relied_on(rt):
    """A letter that weighed an exemption and released the information (the balance favoured disclosure) does not
    rely on it; only a letter that still says it withholds is held to its test."""
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, "police-parts-40-5b-officer-and-s31-stats")
    text = draft.text().replace(CONCLUSION, "the public interest in disclosing the information outweighs the public "
                                            "interest in maintaining the exemption")
    text = text.replace("We are withholding the following under section 31(1)(a) of the Act (law enforcement): the "
                        "number of cameras in each town.",
                        "We considered whether section 31(1)(a) applies to the number of cameras in each town.")
    text = text.replace("We are withholding the rest under section 31(1)(a), for the reasons set out below.",
                        "We considered section 31(1)(a) for the rest.")
    assert "s31" not in check(text, rt.kb, letter_date=draft.letter_date).cited


@pytest.mark.parametrize("name", ["council-parts-two-s43-one-s40-5b-ncnd", "scot-foisa-parts-s35-withheld-and-s18-ncnd",
                                  "council-eir-12-5-a-withheld-and-12-6-ncnd"])
def test_the_word_file_has_the_text_letters_paragraphs(rt, name):
    import docx

    from foibot.letter.word import to_docx

    draft = PROBE.draft(rt, name)
    paragraphs = [p.text.strip() for p in docx.Document(io.BytesIO(to_docx(draft))).paragraphs if p.text.strip()]
    flat = "\n".join(paragraphs)
    for line in draft.text().splitlines():
        line = re.sub(r"^\s*(\d+\.|-)\s+", "", line).strip()
        if line and not set(line) <= {"-"} and not line.isupper():
            assert line in flat, line
    assert not re.search(r"\*\*|__|\{\{|::|\[to be completed", flat)
