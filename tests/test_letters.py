"""Letters beyond the seed: each branch drafts a complete letter that passes the statutory check."""

from __future__ import annotations

import re

import pytest

from foibot.errors import InputError

REQUEST = "Please send me the minutes and emails about the decision to close the Leeds office in 2024."
BASE = {"reference": "FOI 2025-7", "letter_date": "2025-03-03", "requester_name": "Sam Patel",
        "received": "2025-02-10", "request_summary": "ask about the office closure"}


def draft(engine, **answers):
    return engine.draft_answers(REQUEST, {**BASE, **answers})


def test_cost_limit_refusal_gives_limit_estimate_and_advice(engine):
    d = draft(engine, held="yes", disclosure="none", exemptions=["s12"],
              s12={"hours": 40, "activities": "searching 3,000 mailboxes for the word 'Leeds'",
                   "advice": "if you limit your request to the board's minutes we can probably answer it"})
    text = d.text()
    assert "£450" in text and "18 hours" in text and "about 40 hours" in text
    assert "section 16" in text and "Annex A" not in text  # s12 is procedural: no annex
    assert d.checks.ok, d.checks.summary()


def test_neither_confirm_nor_deny_cites_the_provision(engine):
    d = draft(engine, held="ncnd", exemptions=["s40(2)"],
              s40={"limb": "2", "condition": "first", "data_subjects": "a named member of staff",
                   "withheld": "any information about the person", "reason": "Confirming whether we hold a "
                   "disciplinary record about a named person would itself disclose personal data about them."})
    text = d.text()
    assert "neither confirm nor deny whether we hold" in text and "section 40(5B)(a)(i) of the Act" in text
    for admission in ("section 40(2)", "We hold", "withholding", "exempt under", "Section 40(2)"):
        assert admission not in text, admission  # an NCND letter never says or implies the information is held
    assert d.checks.ok, d.checks.summary()


def test_eir_refusal_has_the_presumption_reconsideration_and_enforcement(engine):
    d = draft(engine, regime="eir", held="yes", disclosure="none", exemptions=["r12(5)(e)"],
              **{"r12(5)(e)": {"withheld": "the contractor's unit prices",
                               "reason": "The prices are confidential by contract to protect the contractor's "
                                         "legitimate economic interest, and disclosure would adversely affect it.",
                               "pit_for": ["presumption", "value-for-money"],
                               "pit_against": ["economic-interest", "future-negotiations"]}})
    text = d.text()
    assert "Environmental Information Regulations 2004" in text and "regulation 12(5)(e)" in text
    assert "would adversely affect" in text and "regulation 12(2)" in text and "likely to" not in text
    assert not re.search(r"\bsection \d", text.split("Information Commissioner under section 50")[0])
    assert "regulation 11" in text and "regulation 18" in text
    assert "Public interest test for regulation 12(5)(e)" in text
    assert d.checks.ok, d.checks.summary()


def test_section_36_names_the_qualified_person(engine):
    d = draft(engine, held="yes", disclosure="partial", disclosed="the final decision paper",
              exemptions=["s36(2)(b)(ii)"],
              s36={"qualified_person": "the Chief Inspector", "opinion_date": "2025-02-25",
                   "withheld": "the emails exchanging views before the decision", "likelihood": "would_be_likely",
                   "reason": "Officials would be less candid in future discussions of office closures.",
                   "pit_for": ["decision-transparency"], "pit_against": ["chilling-effect", "safe-space"]})
    text = d.text()
    assert "section 36(2)(b)(ii)" in text and "the Chief Inspector" in text and "25 February 2025" in text
    assert "https://www.legislation.gov.uk/ukpga/2000/36/section/36" in text  # statute not quoted, cited
    assert d.checks.ok, d.checks.summary()


def test_vexatious_refusal_has_no_public_interest_test(engine):
    d = draft(engine, held="yes", disclosure="none", exemptions=["s14(1)"],
              s14={"limb": "1", "reason": "This is the fortieth request on the same closure in two months, and "
                                          "answering it would divert the team from other requesters."})
    text = d.text()
    assert "section 14(1)" in text and "no public interest test" in text and "Public interest test for" not in text
    assert d.checks.ok, d.checks.summary()


def test_section_21_points_to_the_publication(engine):
    d = draft(engine, held="yes", disclosure="partial", disclosed="the minutes of the board meeting",
              exemptions=["s21"], s21={"withheld": "the closure report", "where": "https://example.gov.uk/closure",
                                       "reason": "It was published on our website in January."})
    text = d.text()
    assert "https://example.gov.uk/closure" in text and "section 21(1)" in text
    assert d.checks.ok, d.checks.summary()


@pytest.mark.parametrize("held, expect", [("no", "We do not hold the information"),
                                          ("partly", "We hold some of the information")])
def test_not_held_and_partly_held(engine, held, expect):
    d = draft(engine, held=held, disclosure="full", disclosed="the minutes",
              not_held_detail="We kept no emails about it; the Home Office may hold some.")
    assert expect in d.text() and "the Home Office may hold some" in d.text()
    assert d.checks.ok, d.checks.summary()


def test_section_22_without_a_prior_plan_to_publish_fails_the_check(engine):
    with pytest.raises(InputError, match=r"section 22\(1\)\(b\)"):
        draft(engine, held="yes", disclosure="none", exemptions=["s22"],
              s22={"planned_before_request": "no", "publication_date": "next year", "withheld": "the report",
                   "reason": "We will publish it.", "pit_for": ["timeliness"], "pit_against": ["settled-plan"]})
