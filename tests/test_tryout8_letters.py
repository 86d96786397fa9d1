"""Tryout 8's findings on letters and the check (items 1, 5, 6, 9 and 11 of its report).

The defects these pin down: a FOIA letter could not refuse an environmental part under the EIR (foibot's own note said
to), and section 39(1)(b) printed no exception, no reason and no EIR public interest test; the check then told a
FOIA letter with an s39 part that "An EIR refusal can rest only on an exception" about its FOIA parts; an exemption
cited and then dropped left a note ("Answers are given for 's30'"); regulation 13 asked its questions in another order
than section 40(2) and never asked who the people are; factor banks written for policing offered to a fire service;
section 40(2) that never named the principle; a bare 40(5B) cited without its limb; and a section 41 paragraph that
said a dead patient could bring an action.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from probes import assert_signable

from foibot.knowledge.loading import load_knowledge
from foibot.letter.checks import check

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "fixtures" / "answers" / "tryout8"
TYPES = ("police", "council", "central_government", "health", "inspectorate", "education", "other")


def answers(name: str) -> dict:
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


def request(name: str) -> str:
    return (HERE / f"{name}.txt").read_text(encoding="utf-8")


def drafted(rt, given: dict, req: str, kind: str = "other"):
    rt.engine.authority = replace(rt.authority, type=kind, name="Example Body", short_name="Example Body",
                                  signature_role="On behalf of Example Body", protective_marking="")
    rt.engine.today = lambda: date(2027, 12, 17)
    return rt.engine.draft_answers(req, given)


def body(text: str, req: str) -> str:
    for line in req.splitlines():
        if line.strip():
            text = text.replace(line.strip(), "")
    return text


# 1. Section 39(1)(b) carries the EIR exception: a lawful EIR refusal inside the FOIA letter


def test_an_environmental_part_is_refused_under_the_eir_inside_a_foia_letter(rt):
    req = request("fire-request")
    draft = drafted(rt, answers("fire-s39"), req)
    text = draft.text()
    must = ["under the Freedom of Information Act 2000", "section 39(1)(b) of the Act (environmental information)",
            "Under the Regulations, we are refusing to disclose this information under regulation 12(4)(d)",
            "The sampling programme runs until the end of March 2028",
            "The material is still being completed: we expect the programme to finish",
            "regulation 12(1)(b)", "regulation 12(2) requires us to apply a presumption in favour of disclosure",
            "representations to us under regulation 11", "within 40 working days",
            "complain to the Information Commissioner under section 50 of the Act, as applied by regulation 18",
            "Regulation 12(4)(d) of the Environmental Information Regulations 2004: Material in the course of",
            "(2) A public authority shall apply a presumption in favour of disclosure.",
            "https://www.legislation.gov.uk/uksi/2004/3391/regulation/12",
            "Public interest test for regulation 12(4)(d)",
            "Partial results could mislead people about the state of the brook",
            "section 24(1)", "section 38(1)(b)", "section 31(1)(a) and (b)"]
    must_not = ["will reply to you about it under those Regulations", "[to be completed", "counter-terrorism policing"]
    assert_signable(rt, draft, must, must_not, body(text, req))
    assert not [f for f in draft.checks.findings if f.id.startswith("eir-no-foia-exemption")]
    # each part by its own law: the EIR rules ran on the s39 part, the FOIA ones on the rest
    assert "eir-via-s39:s39" in draft.checks.checked and "eir-representations" in draft.checks.checked


@pytest.mark.parametrize(("missing", "finding"), [
    ("eir_exception", "eir-via-s39:s39"), ("eir_reason", "eir-via-s39:s39"),
    ("eir_completion", "eir-completion"), ("eir_pit_against", "eir-via-s39:s39")])
def test_a_section_39_1_b_part_is_judged_by_the_eirs_rules(rt, missing, finding):
    given = answers("fire-s39")
    del given["s39"][missing]
    draft = drafted(rt, given, request("fire-request"))
    assert finding in draft.checks.ids(), draft.checks.summary()
    assert not draft.checks.ok
    assert "eir-no-foia-exemption" not in draft.checks.ids()  # the FOIA parts are the Act's, rightly


def test_an_adverse_effect_exception_under_section_39_needs_would_not_would_be_likely(rt):
    given = answers("fire-s39")
    given["s39"].update(eir_exception="r12(5)(b)", eir_reason="Disclosure would be likely to prejudice the inquiry.")
    del given["s39"]["eir_completion"]
    draft = drafted(rt, given, request("fire-request"))
    assert "eir-adverse-effect" in draft.checks.ids(), draft.checks.summary()
    given["s39"]["eir_reason"] = ("The Environment Agency is investigating the run-off, and disclosing the results "
                                  "now would adversely affect its inquiry.")
    draft = drafted(rt, given, request("fire-request"))
    assert "because disclosing it would adversely affect the interest that this exception protects" in draft.text()
    assert draft.checks.ok, draft.checks.summary()


def test_personal_data_under_section_39_is_refused_under_regulation_13_without_a_public_interest_test(rt):
    given = answers("fire-s39")
    given["s39"] = {**given["s39"], "eir_exception": "r13",
                    "eir_reason": "The results name the neighbours who let us sample on their land, who expect "
                                  "their details to stay private."}
    for key in ("eir_completion", "eir_pit_for", "eir_pit_against"):
        del given["s39"][key]
    req = request("fire-request")
    draft = drafted(rt, given, req)
    assert_signable(rt, draft, ["under regulation 13 (personal data)", "Regulation 13 carries no public interest test",
                                "https://www.legislation.gov.uk/uksi/2004/3391/regulation/13"],
                    ["Public interest test for regulation 13"], body(draft.text(), req))


def test_section_39_offers_every_eir_exception_and_only_those():
    kb = load_knowledge(ROOT)
    asked = next(q for q in kb.exemptions["s39"].questions if q.id == "eir_exception")
    assert {o.value for o in asked.options} == {k for k, e in kb.exemptions.items() if e.regime == "eir"}
    r12 = next(q for q in kb.exemptions["s39"].questions if q.id == "eir_pit_for")
    assert str(sorted(k for k in kb.exemptions if k.startswith("r12"))) in str(r12.when) or all(
        k in str(r12.when) for k in kb.exemptions if k.startswith("r12"))


def test_a_foia_letter_citing_39_1_b_without_an_exception_is_a_finding_in_any_letter(rt):
    given = answers("fire-s39")
    letter = drafted(rt, given, request("fire-request")).text()
    assert check(letter, rt.kb).ok
    cut = re.sub(r"Under the Regulations, we are refusing[^\n]*", "Under the Regulations, we are refusing it.", letter)
    cut = cut.split("Regulation 12(4)(d) of the Environmental")[0]
    result = check(cut, rt.kb)
    assert "eir-via-s39:s39" in result.ids(), result.summary()
    assert "eir-no-foia-exemption" not in result.ids()


# 2. Only exemptions cited now: answers of a dropped one are neither checked nor noted


def test_answers_of_an_exemption_cited_then_dropped_give_no_finding_or_note(rt):
    given = {**answers("fire-s39"), "s30": {}, "r12(4)(d)": {"withheld": "the results", "completion_date": ""}}
    draft = drafted(rt, given, request("fire-request"))
    assert draft.checks.ok, draft.checks.summary()
    assert not [n for n in draft.notes if "Answers are given for" in n], draft.notes
    given["s43"] = {"reason": "It would harm the contractor's position."}  # answered, never cited: still noted
    notes = drafted(rt, given, request("fire-request")).notes
    assert [n for n in notes if n.startswith("Answers are given for 's43'")]


# 3. Regulation 13 asks what section 40(2) asks, in the same order, and says who the people are


def test_regulation_13_asks_section_40s_questions_in_its_order():
    kb = load_knowledge(ROOT)
    s40 = [q.id for q in kb.exemptions["s40"].questions if q.id != "limb"]
    assert [q.id for q in kb.exemptions["r13"].questions] == s40


def test_a_regulation_13_paragraph_names_the_people_and_the_principle(rt):
    given = {"reference": "FOI 2027-4", "letter_date": "2027-12-17", "received": "2027-12-14",
             "requester_name": "Rhian Hughes", "regime": "eir", "request_summary": "ask about complaints about the "
             "quarry", "held": "yes", "disclosure": "partial", "disclosed": "the number of complaints (14)",
             "exemptions": ["r13"],
             "r13": {"condition": "first", "data_subjects": "members of the public who complained",
                     "withheld": "their names and addresses",
                     "reason": "They gave us their details to make a complaint and would not expect them to be "
                               "published, so disclosure would be unfair to them."}}
    req = "Please tell me how many complaints you had about the quarry and who made them."
    draft = drafted(rt, given, req, "council")
    assert_signable(rt, draft, ["We are withholding the following under regulation 13 of the Regulations: their names "
                                "and addresses.",
                                "the personal data of members of the public who complained",
                                "Article 5(1)(a) of the UK GDPR", "lawfully, fairly and in a transparent manner"],
                    ["someone other than you"], body(draft.text(), req))


# 4. Factor banks any type of authority could sign


def test_no_factor_offered_outside_policing_speaks_of_policing():
    kb = load_knowledge(ROOT)
    for key, e in kb.exemptions.items():
        for kind in ("council", "central_government", "health", "education", "other"):
            for side in ("for", "against"):
                said = [o.value for o in e.pit_options(side, kind)
                        if re.search(r"\bpolicing\b|counter-terrorism|\bpolice forces?\b", o.label, re.I)]
                assert not said, (key, kind, side, said)


def test_the_banks_have_what_a_fire_service_council_or_nhs_body_needs():
    kb = load_knowledge(ROOT)
    for kind in TYPES:
        assert len(kb.exemptions["s24"].pit_options("for", kind)) >= 2
        if kind == "inspectorate":  # its own banks (inspections, publication with right of reply) are left as they were
            continue
        assert {"live-investigation", "fair-trial"} <= {o.value for o in kb.exemptions["s31"].pit_options(
            "against", kind)}
        assert "statistics-release" in {o.value for o in kb.exemptions["s22"].pit_options("against", kind)}
        assert "premises-access" in {o.value for o in kb.exemptions["s38"].pit_options("against", kind)}
    assert "reports together" not in " ".join(o.label for o in kb.exemptions["s22"].pit_against)


# 5. Section 41 and section 40 wording


def test_a_deceased_patients_confidence_is_actionable_by_their_personal_representative(rt):
    req = request("nhs-request")
    draft = drafted(rt, answers("nhs-s41"), req, "health")
    assert_signable(rt, draft, ["actionable by their personal representative",
                                "The duty of confidence owed to the person who has died continues after their death"],
                    ["actionable by them", "an actionable breach of confidence"], body(draft.text(), req))


def test_section_40_2_names_the_principle_and_a_bare_40_5b_cites_its_usual_limb(rt):
    kb = load_knowledge(ROOT)
    assert [q.prompt for q in kb.exemptions["s41"].questions if q.id == "supplier"] == ["Who gave us the information?"]
    given = {"reference": "FOI 2027-5", "letter_date": "2027-12-17", "received": "2027-12-14",
             "requester_name": "Sam Ode", "request_summary": "ask whether a named officer was disciplined",
             "held": "ncnd", "exemptions": ["s40(5B)"],
             "s40": {"condition": "first", "data_subjects": "the officer",
                     "reason": "Confirming whether the officer was disciplined would itself reveal information "
                               "about them that they would expect to stay private."}}
    req = "Was PC Example disciplined last year?"
    draft = drafted(rt, given, req, "council")
    assert_signable(rt, draft, ["section 40(5B)(a)(i) of the Act",
                                "would itself disclose personal data of someone other than you"],
                    ["section 40(2)"], body(draft.text(), req))
