"""The statutory check finds what a letter lacks, naming the rule."""

import re

import pytest

from foibot.conversation.email_parse import parse_email
from foibot.letter.checks import check


@pytest.fixture
def seed_letter(engine, seed_request, seed_answers):
    return engine.draft_answers(parse_email(seed_request).body, seed_answers).text()


def _without(text: str, start: str, end: str) -> str:
    i = text.index(start)
    j = text.index(end, i)
    return text[:i] + text[j:]


def test_removing_a_public_interest_test_is_a_named_finding(seed_letter, kb):
    letter = _without(seed_letter, "Public interest test for section 22(1)", "Section 31(1)(a): Law enforcement")
    result = check(letter, kb)
    assert result.ids() == ["pit:s22"]
    assert result.findings[0].rule == "s17(3)"
    assert "section 22" in result.findings[0].message


def test_removing_the_review_paragraph_is_a_named_finding(seed_letter, kb):
    letter = _without(seed_letter, "If you are unhappy", "If you remain dissatisfied")
    result = check(letter, kb)
    assert "internal-review" in result.ids()
    assert next(f for f in result.findings if f.id == "internal-review").rule == "s17(7)(a)"


def test_missing_ico_right_and_bare_section(seed_letter, kb):
    no_number = check(seed_letter.replace("under section 50 of", "under"), kb)
    assert "ico-complaint" not in no_number.ids()  # s17(7)(b) needs the right, not the section number
    letter = re.sub(r"section 31\(1\)\(a\)", "section 31", seed_letter, flags=re.I)
    letter = re.sub(r"[^.\n]*Information Commissioner[^.\n]*\.", "", letter)
    ids = check(letter, kb).ids()
    assert "ico-complaint" in ids and "subsection:s31" in ids


def test_absolute_exemption_needs_no_public_interest_test(kb):
    letter = ("We have dealt with your request under the Freedom of Information Act 2000. We hold the information. "
              "The information is exempt under section 41(1) because it was given to us in confidence by a force and "
              "disclosing it would be an actionable breach of confidence, so we are withholding all of it today.\n\n"
              "You may ask for an internal review: write to foi@example.org within 40 working days.\n\n"
              "You may complain to the Information Commissioner under section 50 of the Act.")
    result = check(letter, kb)
    assert result.ok, result.summary()
    assert result.cited == ["s41"]


def test_cost_refusal_needs_limit_estimate_and_advice(kb):
    letter = ("We have dealt with your request under the Freedom of Information Act 2000. We hold the information, "
              "but section 12(1) applies because complying would exceed the cost limit for this request and so on.\n\n"
              "You may ask for an internal review by writing to foi@example.org within 40 working days.\n\n"
              "You may complain to the Information Commissioner under section 50.")
    ids = check(letter, kb).ids()
    assert {"cost-limit:s12", "cost-estimate:s12", "advice:s12"} <= set(ids)


def test_statute_quoted_in_the_annex_is_not_taken_as_a_citation(seed_letter, kb):
    # s31's text mentions section 30; quoting it must not make the letter "cite" s30.
    assert "s30" not in check(seed_letter, kb).cited


def _letter_for(answers_regime: str = "foia") -> str:
    return ("We have dealt with your request under the Freedom of Information Act 2000. We hold the information.\n\n"
            "You may ask for an internal review: write to foi@example.org within 40 working days.\n\n"
            "You may complain to the Information Commissioner under section 50 of the Act.")


def test_draft_rules_over_the_answers_part_by_part(kb):
    from foibot.letter.checks import check_draft

    answers = {"regime": "eir", "held": "yes", "received": "2025-03-10", "letter_date": "2025-03-01",
               "exemptions": ["s44(1)(a)", "s43(2)"],
               "parts": [{"text": "prices", "disclosure": "none", "exemptions": ["s44(1)(a)", "s43(2)"]},
                         {"text": "plans", "disclosure": "none", "exemptions": []}],
               "s43": {"pit_for": ["x"], "pit_against": ["y"]}}
    result = check_draft(_letter_for(), answers, kb, letter_date=None)
    ids = set(result.ids())
    assert {"eir-no-foia-exemption", "dated-after-receipt", "eir-presumption"} <= ids
    message = next(f.message for f in result.findings if f.id == "eir-no-foia-exemption")
    assert message.endswith("Part 1: section 44.")  # s43 has an EIR equivalent (reg 12(5)(e)) and is drafted as that


def test_draft_rules_cost_limit_from_the_profile_and_s36_opinion(kb):
    from foibot.letter.checks import check_draft

    s12 = {"held": "yes", "disclosure": "none", "exemptions": ["s12(1)"], "s12": {"hours": 20}}
    assert "cost-exceeds:s12" in check_draft(_letter_for(), s12, kb, cost_limit=600).ids()
    assert "cost-exceeds:s12" not in check_draft(_letter_for(), s12, kb, cost_limit=450).ids()
    s36 = {"held": "yes", "disclosure": "none", "exemptions": ["s36(2)(c)"], "s36": {"qualified_person": "the CEO"}}
    assert "qualified-person:s36" in check_draft(_letter_for(), s36, kb).ids()
    ok = check_draft(_letter_for(), {"held": "yes", "disclosure": "full"}, kb)
    assert ok.ok and "cost-exceeds" in ok.not_applicable and "exemption-missing" in ok.not_applicable
