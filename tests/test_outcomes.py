"""Outcome families drafted lawfully: what each letter must say, and what it must never say."""

from __future__ import annotations

import pytest

from foibot.errors import InputError

REQUEST = "1. How many ANPR cameras do you operate?\n2. Where are they?\n3. Who maintains them?"
BASE = {"reference": "FOI 2025-9", "letter_date": "2025-03-03", "requester_name": "Sam Patel",
        "received": "2025-02-10"}
ALWAYS_BANNED = ("::", "[to be completed", "I can confirm", "confirm the current wording", "has not been checked")


def draft(engine, request=REQUEST, **answers):
    return engine.draft_answers(request, {**BASE, **answers})


def _clean(text):
    for banned in ALWAYS_BANNED:
        assert banned not in text, banned


def test_ncnd_s23_and_s24_in_the_either_or_form_and_the_pit_weighs_confirming(engine):
    d = draft(engine, held="ncnd", exemptions=["s23", "s24"],
              s24={"reason": "Confirming either way would reveal the extent of security interest in this area.",
                   "pit_for": ["Openness about how public money is spent."],
                   "pit_against": ["Safeguarding national security."]})
    text = d.text()
    _clean(text)
    assert "section 23(5) or, in the alternative, section 24(2) of the Act" in text
    assert "Factors in favour of confirming or denying whether the information is held:" in text
    assert "maintaining the exclusion of the duty to confirm or deny" in text
    for admission in ("We hold", "withholding", "exempt under", "disclosing the information."):
        assert admission not in text, admission


def test_ncnd_for_the_requesters_own_data_is_section_40_5A(engine):
    d = draft(engine, held="ncnd", exemptions=["s40(1)"], s40={"reason": "It would be your own personal data."})
    assert "section 40(5A) of the Act" in d.text() and "40(5B)" not in d.text()


def test_a_refusal_without_an_exemption_is_refused(engine):
    with pytest.raises(InputError, match="a refusal needs an exemption"):
        draft(engine, held="yes", disclosure="none", exemptions=[])


def test_a_letter_dated_before_receipt_is_refused(engine):
    with pytest.raises(InputError, match="before the request was received"):
        draft(engine, held="yes", disclosure="full", disclosed="x", letter_date="2025-02-01")


def test_eir_turns_a_foia_exemption_into_its_exception_with_a_note_for_the_officer(engine):
    d = draft(engine, regime="eir", held="yes", disclosure="none", exemptions=["s43(2)"],
              s43={"withheld": "the unit prices", "reason": "The prices are confidential by contract.",
                   "pit_for": ["presumption"], "pit_against": ["economic-interest"]})
    text = d.text()
    _clean(text)
    assert "regulation 12(5)(e) of the Regulations: " in text
    assert "Disclosing this information would adversely affect" in text
    assert "section 43" not in text and "likely to" not in text and "regulation 12(2)" in text
    assert any("section 43(2) of FOIA does not apply to environmental information" in n for n in d.notes)
    with pytest.raises(InputError, match="no EIR exception"):
        draft(engine, regime="eir", held="yes", disclosure="none", exemptions=["s21"])


def test_eir_not_held_cites_regulation_12_4_a(engine):
    d = draft(engine, regime="eir", held="no", not_held_detail="We have never collected it.")
    assert "regulation 12(4)(a) of the Regulations" in d.text() and "regulation 11" in d.text()


def test_eir_material_in_course_of_completion_gives_the_regulation_14_4_details(engine):
    d = draft(engine, regime="eir", held="yes", disclosure="none", exemptions=["r12(4)(d)"],
              **{"r12(4)(d)": {"completion_date": "by June 2025", "other_authority": "the Environment Agency",
                               "reason": "The survey is still being analysed.", "pit_for": ["presumption"],
                               "pit_against": ["safe-space"]}})
    assert "the Environment Agency is preparing the information" in d.text()
    assert "finished by June 2025" in d.text()


def test_a_request_in_parts_answers_each_part_in_turn(engine):
    parts = [{"text": "How many ANPR cameras do you operate?", "disclosed": "we operate 212 cameras"},
             {"text": "Where are they?", "disclosure": "none", "exemptions": ["s31(1)(a)"]},
             {"text": "Who maintains them?", "held": "no",
              "not_held_detail": "The contract is held by the Home Office."}]
    d = draft(engine, held="yes", disclosure="full", parts=parts, exemptions=["s31(1)(a)"],
              s31={"reason": "Locations would let offenders avoid the cameras.", "likelihood": "would",
                   "pit_for": ["x"], "pit_against": ["y"]})
    text = d.text()
    _clean(text)
    assert text.index("Part 1") < text.index("we operate 212 cameras") < text.index("Part 2") \
        < text.index("Part 3") < text.index("The contract is held by the Home Office")
    assert "Section 31(1)(a): Law enforcement" in text and "(b) the apprehension" not in text


def test_annex_heading_names_the_limb_cited_and_the_full_text_on_request(engine):
    answers = dict(held="yes", disclosure="none", exemptions=["s31(1)(b)"],
                   s31={"reason": "It would help offenders evade arrest.", "pit_for": ["x"], "pit_against": ["y"]})
    text = draft(engine, **answers).text()
    assert "Section 31(1)(b): Law enforcement" in text and "(b) the apprehension" in text
    assert "(a) the prevention or detection of crime" not in text
    assert "(a) the prevention or detection of crime" in draft(engine, annex_full_text=True, **answers).text()


def test_profile_signature_and_by_email(engine):
    text = draft(engine, held="yes", disclosure="full", disclosed="the list").text()
    assert "\nBy email\n" in text and engine.authority.signature_role in text
    text = draft(engine, held="yes", disclosure="full", disclosed="the list",
                 requester_address=["1 High Street", "Leeds"]).text()
    assert "Sam Patel\n1 High Street\nLeeds" in text and "By email" not in text
