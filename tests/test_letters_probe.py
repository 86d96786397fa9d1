"""A senior FOI officer's probe: 33 scenarios not in the outcome or review files (tests/fixtures/answers/probe/),
drafted for their own authority types (police, council, central government with the £600 limit, an NHS trust, a
Scottish council under FOISA) and read as the officer who must sign them. Each letter must say what the law needs
and nothing it must not; answers that cannot make a lawful letter must be refused with a clear message.

The defects these pin down: an EIR letter neither confirming nor denying on a FOIA citation said it was
"withholding" the information (and took the requester's own data for a third party's); a s17(2) notice said the
exemption was still being "considered" and dropped what was being disclosed now; FOISA review deadlines were
counted on UK-wide bank holidays; factor ids such as "supplier-competitive-position" were printed as factors;
FOISA s25 never said where the information is; s40(2) on the second condition had no public interest test; an EIR
letter with a part answered in full and a part neither confirmed nor denied spoke of withholding; contradictory or
malformed answers were drafted.
"""

from __future__ import annotations

import re

import pytest
from probes import EIR_ROUTE, FOISA_ROUTE, UK_ROUTE, Probe, assert_signable

from foibot.errors import FoibotError

PROBE = Probe("probe")
# A public interest factor printed as its bank id rather than its words
LEAKS = re.compile(r"(?<!whether )\bwe hold\b|\bwithheld\b|\bwithholding\b|\bredact|\bthis information\b|"
                   r"Factors in favour of disclosure|absolute exemption", re.I)

# name -> (must contain, must not contain), on the plain-text letter
EXPECT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "police-parts-ncnd-23-24-30-and-disclosure": (
        ("Special Branch has 22 officers", "section 23(5) or, in the alternative, section 24(2)", "section 30(3)",
         "Public interest test for section 30(3)", *UK_ROUTE), ("MI5 has",)),
    "council-eir-12-4-b-with-advice": (
        ("regulation 12(4)(b)", "as regulation 9 of the Regulations asks us to",
         "if you narrow your request to the last three years", "The reconsideration will be carried out", *EIR_ROUTE),
        ("section 12", "section 16", "The review will be carried out")),
    "council-eir-partly-held-12-5-b": (
        ("We are withholding the rest of what we hold under regulation 12(5)(b)", "We do not hold the rest",
         "regulation 12(4)(a)", "would adversely affect", *EIR_ROUTE),
        ("likely to", "section 30", "section 31")),
    "scot-foisa-s25-where-available": (
        ("section 25(1)", "https://www.example-council.gov.scot/committees/finance/2024-03-12", "absolute",
         "£1.2 million", *FOISA_ROUTE), (*UK_ROUTE, "[to be completed")),
    "scot-foisa-s30-b-i": (
        ("section 30(b)(i)", "substantially inhibit the free and frank provision of advice", "by 29 April 2025",
         "outweighs", *FOISA_ROUTE), (*UK_ROUTE, "substantially prejudice the interests", "1 May 2025")),
    "scot-foisa-ncnd-s18-s35": (
        ("section 18(1)", "section 35(1)(a)", "contrary to the public interest", *FOISA_ROUTE),
        (*UK_ROUTE, "duty to confirm or deny")),
    "council-s40-2-first-condition": (
        ("section 40(2)", "the first condition, in section 40(3A)(a), is met", "(3A) The first condition is that",
         "absolute exemption"), ("Public interest test for", "(1) Any information to which")),
    "council-s40-2-second-condition": (
        ("section 40(2)", "second condition", "Public interest test for section 40(2)",
         "reasonably expect this information to be kept confidential", "outweighs"),
        ("Section 40(2) is an absolute exemption",)),
    "health-s41-confidence": (("section 41(1)", "absolute", "actionable"), ("Factors in favour",)),
    "gov-s44-statutory-bar": (("section 44(1)(a)", "Commissioners for Revenue and Customs Act 2005", "absolute"),
                              ("Factors in favour",)),
    "council-s21-and-s22": (
        ("exempt information under section 21(1)", "https://www.example.gov.uk/accounts/2023-24", "section 22(1)",
         "19 March 2025"), ("(section 21(1))", "is already reasonably accessible to you, so we are not providing it")),
    "police-s12-aggregated": (("£450", "18 hours", "45 hours", "aggregated", "section 17(5)", "section 16"),
                              ("Annex A", "£600")),
    "council-s14-1-no-advice": (("section 14(1)", "vexatious", "section 17(5)"), ("To help you", "Annex A")),
    "gov-s17-2-extension-s36": (
        ("exempt information under section 36(2)(b)(ii)", "refusal notice under section 17(1)", "section 17(2)",
         "section 10(3)", "the Permanent Secretary", "28 February 2025", "by 31 March 2025"),
        ("considering whether", "Annex A", "we have concluded")),
    "gov-s36-decision-after-extension": (
        ("On 3 March 2025 we told you that we needed more time", "section 36(2)(b)(ii)", "the Permanent Secretary",
         "outweighs"), ()),
    "council-five-parts": (
        ("Part 5", "£2.4 million", "section 43(2)", "section 40(2)", "Acme records complaints",
         "https://www.example.gov.uk/procurement"), ()),
    "police-postal-address-marking": (("OFFICIAL", "Jordan Reilly\nFlat 2\n14 High Street\nExampletown\nEX1 2AB",
                                       "412 officers"), ("By email", "exempt")),
    "health-s38-and-s40": (("section 38(1)(a)", "endanger the physical or mental health of any individual",
                            "Public interest test for section 38(1)(a)", "section 40(2)"),
                           ("cause the prejudice that this exemption protects",)),
    "council-received-christmas-eve": (("1,312 grit bins", "24 December 2025"), ("exempt",)),
    "police-received-saturday": (("14 drones", "28 March 2026"), ("exempt",)),
    "scot-foisa-st-andrews-day": (("412,300 meals", *FOISA_ROUTE), UK_ROUTE),
    "police-ncnd-40-5b-and-30-3": (("neither confirm nor deny", "section 40(5B)", "section 30(3)",
                                    "Public interest test for section 30(3)"), ("Factors in favour of disclosure",)),
    "council-eir-12-4-d-and-13": (("regulation 12(4)(d)", "by June 2025", "regulation 13",
                                   "This exception carries no public interest test",
                                   "Regulation 13 carries no public interest test", *EIR_ROUTE),
                                  ("absolute exemption", "section 40", "section 22")),
    "council-s12-2-ncnd": (("section 12(2)", "neither confirm nor deny", "60 hours", "section 16"),
                           ("Annex A", "Factors in favour")),
    "police-extension-with-partial-disclosure": (
        ("We are providing some of it now: we operate 212 ANPR cameras", "exempt information under section 31(1)(a)",
         "section 17(2)", "by 10 June 2025"), ("considering whether", "Annex A")),
    "council-eir-s43-s40-converted": (
        ("regulation 12(5)(e)", "regulation 13", "damage its position in future bids", "procurement was fair",
         *EIR_ROUTE), ("section 43", "section 40", "absolute exemption")),
    "scot-foisa-parts-s39-and-s25": (
        ("Part 3", "section 39(1)", "endanger", "https://www.example-council.gov.scot/housing/allocations",
         "22 Kirk Wynd", *FOISA_ROUTE), (*UK_ROUTE, "substantially prejudice", "[to be completed")),
    "health-ncnd-43-3": (("section 43(3)", "neither confirm nor deny", "negotiations"),
                         ("Factors in favour of disclosure",)),
    "police-not-held-advice": (("do not hold", "ward-level figures on police.uk"), ("exempt",)),
    "council-eir-parts-ncnd-12-6-and-full": (
        ("46 demountable barriers", "regulation 12(6)", "we have applied it in deciding whether to confirm or deny",
         *EIR_ROUTE), ("We may withhold environmental information", "section 24")),
    "council-eir-ncnd-s40-5b-converted": (
        ("neither confirm nor deny", "regulation 13(5)", *EIR_ROUTE),
        ("withholding", "section 40", "absolute exemption", "someone other than you and disclosing")),
}
NCND_WHOLE = ("police-ncnd-40-5b-and-30-3", "health-ncnd-43-3", "council-eir-ncnd-s40-5b-converted",
              "council-s12-2-ncnd", "scot-foisa-ncnd-s18-s35")
REFUSED = {
    "council-eir-own-data-ncnd": "subject access request",
    "council-eir-ncnd-s31-converted": "cannot support 'held: ncnd'",
    "council-refused-extension-not-an-object": "'extension' must be an object",
    "council-refused-extension-not-a-date": "'extension.until' must be a date",
    "council-refused-extension-before-letter": "must be after the letter's date",
    "scot-refused-foisa-extension": "FOISA has no extension",
    "council-refused-eir-reg-7-beyond-40-days": "regulation 7",
    "council-refused-s12-hours-not-a-number": "'s12.hours' must be",
    "council-refused-full-disclosure-with-exemption": "'disclosure: full' contradicts",
    "council-refused-not-held-with-exemption": "'held: no' contradicts",
    "council-refused-attachments-not-a-list-of-text": "'attachments' must be a list",
    "council-refused-unknown-factor-id": "competitive-position",
}










def test_every_probe_file_has_expectations():
    assert {p.stem for p in PROBE.folder.glob("*.json")} == set(EXPECT) | set(REFUSED)
    assert len(EXPECT) >= 30


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_probe_letter_is_lawful_and_complete(rt, name):

    draft = PROBE.draft(rt, name)
    text = draft.text()
    quoted = PROBE.request(name)
    body = text
    for line in quoted.splitlines():
        if line.strip():
            body = body.replace(line.strip(), "")
    must, must_not = EXPECT[name]
    assert_signable(rt, draft, must, must_not, body)


@pytest.mark.parametrize("name", NCND_WHOLE)
def test_ncnd_probe_letters_never_imply_the_information_is_held(rt, name):
    own = PROBE.draft(rt, name).text().split("You asked for the following:")[-1]
    for line in PROBE.request(name).splitlines():
        own = own.replace(line.strip(), "") if line.strip() else own
    assert LEAKS.findall(own) == [], own


def test_the_ncnd_part_of_a_mixed_letter_never_implies_it_is_held(rt):
    text = PROBE.draft(rt, "police-parts-ncnd-23-24-30-and-disclosure").text()
    part2 = text.split("Part 2")[1].split("Annex A sets out")[0]
    assert LEAKS.findall(part2.replace(PROBE.answers("police-parts-ncnd-23-24-30-and-disclosure")["parts"][1]["text"],
                                       "")) == [], part2


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_answers_that_cannot_make_a_lawful_letter_are_refused(rt, name):
    with pytest.raises(FoibotError, match=re.escape(REFUSED[name])):
        PROBE.draft(rt, name)


def test_a_letter_names_itself_a_refusal_notice_once(rt):
    assert PROBE.draft(rt, "council-five-parts").text().count("refusal notice under section 17(1)") == 1
    eir = PROBE.draft(rt, "council-eir-partly-held-12-5-b").text()
    assert eir.count("refusal notice under regulation 14") == 1


def test_a_foisa_review_deadline_counts_scottish_working_days(rt):
    """3 March 2025 + 40 working days: 29 April in Scotland (Easter Monday and St Patrick's Day are not Scottish
    holidays), 1 May on the UK-wide list FOIA uses."""
    assert "by 29 April 2025" in PROBE.draft(rt, "scot-foisa-st-andrews-day", {
        **PROBE.answers("scot-foisa-st-andrews-day"), "letter_date": "2025-03-03", "received": "2025-02-10"}).text()
    assert "by 1 May 2025" in PROBE.draft(rt, "council-s21-and-s22").text()


def test_factor_ids_of_a_foia_exemption_keep_their_words_under_the_eir(rt):
    answers = PROBE.answers("council-eir-s43-s40-converted")
    text = PROBE.draft(rt, "council-eir-s43-s40-converted", answers).text()
    assert "supplier-competitive-position" not in text and "fair-procurement" not in text


def test_a_decision_after_a_s17_2_notice_is_late_only_after_the_estimate_or_if_the_notice_was(rt):
    answers = PROBE.answers("gov-s36-decision-after-extension")
    assert PROBE.draft(rt, "gov-s36-decision-after-extension", answers).checks.ok
    late_decision = PROBE.draft(rt, "gov-s36-decision-after-extension", {**answers, "letter_date": "2025-04-02"})
    assert "on-time" in late_decision.checks.ids() and late_decision.late
    late_notice = PROBE.draft(rt, "gov-s36-decision-after-extension", {**answers, "extension_date": "2025-03-12"})
    assert "on-time" in late_notice.checks.ids()
    with pytest.raises(FoibotError, match="'pit_decision_date' must be a date"):
        PROBE.draft(rt, "gov-s36-decision-after-extension", {**answers, "pit_decision_date": "soon"})


def test_an_answer_left_out_of_a_partial_disclosure_shows_as_a_gap(rt):
    answers = PROBE.answers("council-s40-2-first-condition")
    answers.pop("disclosed")
    draft = PROBE.draft(rt, "council-s40-2-first-condition", answers)
    assert "We are providing some of it: [to be completed: disclosed]." in draft.text()
    assert "complete" in draft.checks.ids()


def test_the_second_condition_without_factors_fails_the_check(rt):
    answers = PROBE.answers("council-s40-2-second-condition")
    answers["s40"].pop("pit_against")
    assert "pit:s40" in PROBE.draft(rt, "council-s40-2-second-condition", answers).checks.ids()


def test_a_long_public_interest_extension_is_noted_for_the_officer(rt):
    answers = {**PROBE.answers("police-extension-with-partial-disclosure"), "extension": {"until": "2025-07-31"}}
    notes = PROBE.draft(rt, "police-extension-with-partial-disclosure", answers).notes
    assert any("20 further working days" in n for n in notes), notes


def test_hidden_direction_marks_never_reach_the_letter(rt):
    answers = {**PROBE.answers("police-postal-address-marking"), "requester_name": "Zo\u00eb O\u2019Brien\u202e",
               "requester_address": ["Flat 2\u200b", "EX1 2AB"]}
    text = PROBE.draft(rt, "police-postal-address-marking", answers).text()
    assert "\u202e" not in text and "\u200b" not in text and "Dear Zo\u00eb O\u2019Brien," in text
