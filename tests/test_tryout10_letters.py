"""Tryout 10's findings on letters (items 1, 4, 5, 6, 9 and 10 of its report).

The defects these pin down: a Scottish board's environmental part could not cite FOISA section 39(2), and a letter
said the whole request was dealt with under FOISA, with no word of the Environmental Information (Scotland)
Regulations 2004 or their review rights; the FOISA section 38(1)(b) paragraph under section 18(1) gave no data
protection reasoning; factor banks offered one limb's factors for another (FOISA s30(c), FOIA s38(1)(b)) and FOISA
s33(1)(b) nothing about the supplier's interests; sentences built from the officer's words ("commercial interests:
Chartwells and ours", "still being completed: February 2028, by us", "Our qualified person, our CEO"); the FOISA
"substantial" hint at section 39(1); and section 36's qualified-person help spoke only of departments.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from probes import assert_signable, draft_as

REQ = ("Dear FOI team,\n\nPlease send me:\n1. The number of complaints about the hospital car park in 2026.\n"
       "2. The tonnage of clinical waste incinerated in 2026-27 and the incinerator's emissions results.\n\nThank you.")
ONE = "Dear FOI team,\n\nPlease send me the information described below.\n\nThank you."


def drafted(rt, given: dict, kind: str = "health", regime: str = "foisa", req: str = REQ):
    return draft_as(rt, given, req, today=date(2027, 12, 10), type=kind, regime=regime,
                    cost_limit=600 if regime == "foisa" else 450)


def body(text: str, req: str = REQ) -> str:
    for line in req.splitlines():
        if line.strip():
            text = text.replace(line.strip(), "")
    return text


def base(**more) -> dict:
    return {"reference": "FOI 2027-88", "letter_date": "2027-12-10", "received": "2027-11-24",
            "requester_name": "Morag Baillie", "request_summary": "ask about the car park and clinical waste",
            **more}


S39_2 = {"limb": "2", "environmental": "It is about emissions from the incinerator and the waste burned in it.",
         "eisr_outcome": "disclosed", "eisr_disclosed": "the tonnage incinerated in 2026-27 (1,240 tonnes) and the "
         "emissions monitoring results for that year",
         "pit_for": ["environment-access"], "pit_against": ["eisr-right-served", "eisr-one-regime"]}


def env_parts(s39: dict) -> dict:
    return base(parts=[{"held": "yes", "disclosure": "full", "disclosed": "the number of complaints (42)"},
                       {"held": "yes", "disclosure": "none", "exemptions": ["s39(2)"], "foisa-s39": s39,
                        "attachments": ["Emissions results 2026-27"]}])


# 1. A Scottish environmental part: exempt from FOISA under section 39(2), dealt with under the EISR

EISR_MUST = ["section 39(2)", "Environmental Information (Scotland) Regulations 2004", "regulation 16",
             "regulation 17", "Scottish Information Commissioner", "section 20", "section 47",
             "https://www.legislation.gov.uk/ssi/2004/520/contents"]
EISR_MUST_NOT = ["We have dealt with it under the Freedom of Information (Scotland) Act 2002.",
                 "Environmental Information Regulations 2004", "withholding", "regulation 11", "foibot",
                 "section 39(1)", "endanger", "[to be completed"]


def test_an_environmental_part_disclosed_under_the_eisr_is_signable(rt):
    draft = drafted(rt, env_parts(S39_2))
    text = draft.text()
    must = [*EISR_MUST,
            "We have dealt with it under the Freedom of Information (Scotland) Act 2002, except part 2, which asks for "
            "environmental information: section 39(2) of the Act exempts that information from the Act, so we have "
            "dealt with it under the Environmental Information (Scotland) Regulations 2004.",
            "It is environmental information, so it is exempt from the Act under section 39(2), and we have dealt "
            "with your request for it under the Environmental Information (Scotland) Regulations 2004 instead.",
            "Under those Regulations, we are providing it: the tonnage incinerated in 2026-27 (1,240 tonnes)",
            "Attached: Emissions results 2026-27", "Section 39(2): Health, safety and the environment",
            "we are dealing with your request for it under those Regulations"]
    assert_signable(rt, draft, must, EISR_MUST_NOT, body(text))
    letter = text.split("Annex A")[0]
    assert "Our reasons for withholding information" not in letter  # nothing is withheld
    assert text.index("section 47 of the Act, as applied by regulation 17") > text.index("Scottish Information "
                                                                                         "Commissioner")


def test_a_request_wholly_environmental_is_said_to_be_dealt_with_under_the_eisr(rt):
    given = base(held="yes", disclosure="none", exemptions=["s39(2)"], **{"foisa-s39": S39_2})
    draft = drafted(rt, given, req=ONE)
    text = draft.text()
    must = [*EISR_MUST, "It asks for environmental information, which section 39(2) of the Freedom of Information "
            "(Scotland) Act 2002 exempts from that Act, so we have dealt with it under the Environmental Information "
            "(Scotland) Regulations 2004."]
    assert_signable(rt, draft, must, EISR_MUST_NOT, body(text, ONE))


def test_an_environmental_part_answered_later_under_the_eisr_is_signable(rt):
    draft = drafted(rt, env_parts({**S39_2, "eisr_outcome": "later"}))
    must = [*EISR_MUST, "We will send you our response under those Regulations separately."]
    assert_signable(rt, draft, must, [*EISR_MUST_NOT, "Attached: Emissions"], body(draft.text()))


def test_an_eisr_exception_is_not_drafted_and_the_note_says_so(rt):
    draft = drafted(rt, env_parts({**S39_2, "eisr_outcome": "exception"}))
    text = draft.text()
    assert "foibot" not in text and "We have dealt with it under the Freedom of Information (Scotland) Act 2002." \
        not in text
    assert not draft.checks.ok  # the refusal under the EISR is the officer's to write: a gap until then
    assert any("foibot does not draft refusals under the exceptions in the Environmental Information (Scotland) "
               "Regulations 2004" in n for n in draft.notes), draft.notes


def test_section_39_2_is_known_with_its_own_questions_and_factors(kb):
    exemption, limb = kb.resolve("39(2)", "foisa")
    assert (exemption.section, limb, exemption.type_of(limb)) == ("foisa-s39", "2", "qualified")
    own = {"limb": "2"}
    asked = [q.id for q in exemption.questions if q.applies(own.get)]
    assert "eisr_outcome" in asked and "likelihood" not in asked and "reason" not in asked
    offered = [o.value for o in exemption.pit_against if not o.contradicted(own)]
    assert offered == ["eisr-right-served", "eisr-one-regime"]
    safety = [o.value for o in exemption.pit_against if not o.contradicted({"limb": "1"})]
    assert "eisr-right-served" not in safety and safety[0] == "against-1"


# 2. FOISA section 38(1)(b) under section 18(1) says why, as the FOIA section 40 paragraph does

DP = ("disclosing it would contravene the data protection principles, in particular the principle in Article 5(1)(a) "
      "of the UK GDPR")


def test_foisa_s38_1_b_neither_confirmed_nor_denied_gives_its_data_protection_reasoning(rt):
    given = base(held="ncnd", exemptions=["s38(1)(b)"], request_summary="ask about consultants disciplined",
                 **{"foisa-s38": {"reason": "Confirming it would reveal whether identifiable clinicians were "
                                            "disciplined, which they would reasonably expect to stay confidential.",
                                  "pit_for": ["Openness about how the board deals with bullying."],
                                  "pit_against": ["Staff are entitled to expect that disciplinary matters stay "
                                                  "confidential."]}})
    draft = drafted(rt, given, req=ONE)
    text = draft.text()
    must = ["it would be exempt under section 38(1)(b) of the Act.",
            "It would be the personal data of someone other than you, and " + DP,
            "so the first condition, in section 38(2A) of the Act, would be met.", "section 18(1)",
            "This should not be taken as an indication that the information you asked for is or is not held."]
    assert_signable(rt, draft, must, ["We hold", "withholding", "is met."], body(text, ONE))


def test_foisa_s38_1_b_withheld_gives_the_same_reasoning(rt):
    given = base(held="yes", disclosure="partial", disclosed="the number of complaints (5)",
                 exemptions=["s38(1)(b)"], **{"foisa-s38": {"withheld": "the names of the people who complained",
                                                            "reason": "They would expect their names to be kept "
                                                                      "private."}})
    draft = drafted(rt, given, req=ONE)
    must = ["This information is the personal data of someone other than you, and " + DP,
            "so the first condition, in section 38(2A) of the Act, is met.", "absolute exemption"]
    assert_signable(rt, draft, must, ["would be met"], body(draft.text(), ONE))


# 3. Factor banks: each limb's own factors first, for that limb; new factors last, never in an inspectorate's list


def offered(kb, section: str, side: str, own: dict, kind: str = "health") -> list[str]:
    exemption = kb.exemptions[section]
    return [o.value for o in exemption.pit_options(side, kind) if not o.contradicted(own)]


def test_foisa_s30_c_offers_factors_for_otherwise_prejudice_and_none_for_advice(kb):
    against = offered(kb, "foisa-s30", "against", {"limb": "c"})
    assert against[0] == "conduct-of-affairs" and "against-1" not in against and "against-2" not in against
    assert "for-2" not in offered(kb, "foisa-s30", "for", {"limb": "c"})
    assert offered(kb, "foisa-s30", "against", {"limb": "b"})[0] == "against-1"
    assert "conduct-of-affairs" not in offered(kb, "foisa-s30", "against", {"limb": "b"})


def test_foia_s38_1_b_does_not_lead_with_a_mental_health_factor(kb):
    safety = offered(kb, "s38", "against", {"limb": "1(b)", "likelihood": "would_be_likely"}, "other")
    assert "distress" not in safety and safety[0] == "targeting"
    assert "distress" in offered(kb, "s38", "against", {"limb": "1(a)"}, "other")


def test_foisa_s33_1_b_has_factors_for_the_suppliers_interests(kb):
    against = offered(kb, "foisa-s33", "against", {"limb": "1(b)"})
    assert {"supplier-competitive-position", "supplier-confidence"} <= set(against)


@pytest.mark.parametrize(("section", "new"), [
    ("foisa-s30", {"conduct-accountability", "conduct-of-affairs", "process-under-way"}),
    ("foisa-s33", {"supplier-competitive-position", "supplier-confidence"}),
    ("foisa-s39", {"environment-access", "eisr-right-served", "eisr-one-regime"})])
def test_new_factors_come_last_and_never_into_an_inspectorates_list(kb, section, new):
    exemption = kb.exemptions[section]
    for side in ("for", "against"):
        bank = [o.value for o in (exemption.pit_for if side == "for" else exemption.pit_against)]
        ours = [x for x in bank if x in new]
        assert bank[len(bank) - len(ours):] == ours
        assert not new & {o.value for o in exemption.pit_options(side, "inspectorate")}


# 4. Sentences built from the officer's words, for any input

FOIA_REQ = ONE


def foia(**more) -> dict:
    return {"reference": "FOI 2027-51", "letter_date": "2027-12-10", "received": "2027-11-25",
            "requester_name": "Sam Patel", "request_summary": "ask about the catering contract", "held": "yes",
            "disclosure": "none", **more}


@pytest.mark.parametrize(("typed", "printed"), [
    ("Chartwells and ours", "would be likely to prejudice the commercial interests of Chartwells, and our own."),
    ("Fitco Ltd's and Bexco's", "would be likely to prejudice the commercial interests of Fitco Ltd and Bexco."),
    ("Chartwells, Bexco and us", "would be likely to prejudice the commercial interests of Chartwells and Bexco, "
                                 "and our own."),
    ("Smith and Jones Ltd", "would be likely to prejudice the commercial interests of Smith and Jones Ltd.")])
def test_several_whose_commercial_interests_read_as_a_sentence(rt, typed, printed):
    given = foia(exemptions=["s43(2)"], s43={
        "withheld": "the price per meal and the pricing schedule", "whose_interests": typed,
        "likelihood": "would_be_likely", "reason": "Other caterers could undercut the price when it is retendered.",
        "pit_for": ["value-for-money"], "pit_against": ["supplier-competitive-position"]})
    draft = drafted(rt, given, kind="education", regime="foia", req=FOIA_REQ)
    assert_signable(rt, draft, [printed], ["commercial interests:", "ours.", " us."], body(draft.text(), FOIA_REQ))


@pytest.mark.parametrize(("typed", "printed"), [
    ("February 2028, by us", "The material is still being completed, and we expect to complete it by February 2028."),
    ("March 2028; Transport Scotland is preparing it", "The material is still being completed. Transport Scotland is "
     "preparing it, and we expect it to be completed by March 2028."),
    ("2028-02-29", "The material is still being completed, and we expect it to be completed by 29 February 2028.")])
def test_regulation_14_4_says_when_the_material_will_be_completed_and_by_whom(rt, typed, printed):
    import json
    from pathlib import Path

    here = Path(__file__).resolve().parent / "fixtures" / "answers" / "tryout8"
    given = json.loads((here / "fire-s39.json").read_text(encoding="utf-8"))
    req = (here / "fire-request.txt").read_text(encoding="utf-8")
    given["s39"]["eir_completion"] = typed
    rt.engine.authority = replace(rt.authority, type="other", name="Example Body", short_name="Example Body",
                                  signature_role="On behalf of Example Body", protective_marking="")
    rt.engine.today = lambda: date(2027, 12, 17)
    draft = rt.engine.draft_answers(req, given)
    assert_signable(rt, draft, [printed], ["completed: February", "by us", "completed: March", "2028-02-29"],
                    body(draft.text(), req))


def test_the_qualified_person_is_never_our_twice(rt):
    given = foia(exemptions=["s36(2)(b)(ii)"], request_summary="ask about the school closure options", s36={
        "withheld": "the draft consultation figures and trustees' views on the options",
        "qualified_person": "our CEO, Dr Helen Ward", "opinion_date": "2027-11-19", "likelihood": "would",
        "reason": "Trustees need to be able to discuss the closure options frankly.",
        "pit_for": ["decision-transparency"], "pit_against": ["chilling-effect", "safe-space"]})
    draft = drafted(rt, given, kind="education", regime="foia", req=FOIA_REQ)
    must = ["Our qualified person, the CEO, Dr Helen Ward, gave the reasonable opinion on 19 November 2027"]
    assert_signable(rt, draft, must, ["our CEO", "Our qualified person, our"], body(draft.text(), FOIA_REQ))


def test_the_foisa_s39_1_likelihood_hint_speaks_of_endangering_not_substantial_prejudice(kb):
    exemption = kb.exemptions["foisa-s39"]
    own = next(q for q in exemption.questions if q.id == "likelihood")
    assert own.applies({"limb": "1"}.get) and not own.applies({"limb": "2"}.get)
    assert "endanger" in own.help_for("foisa") and "must be substantial" not in own.help_for("foisa")


# 5. Section 36's qualified person: help for bodies other than departments


def test_the_qualified_person_help_names_other_bodies_and_cites_section_36_5_by_address(kb):
    help_text = next(q for q in kb.exemptions["s36"].questions if q.id == "qualified_person").help
    for body_and_person in ("House of Commons it is the Speaker", "House of Lords, the Clerk of the Parliaments",
                            "Senedd Commission and the Northern Ireland Assembly Commission, the Presiding Officer",
                            "monitoring officer", "academy trust", "combined authority",
                            "https://www.legislation.gov.uk/ukpga/2000/36/section/36"):
        assert body_and_person in help_text


def test_a_part_with_environmental_information_beside_other_exempt_information_keeps_both_paragraphs(rt):
    given = env_parts(S39_2)
    given["parts"][1] = {"held": "yes", "disclosure": "none", "exemptions": ["s39(2)", "s38(1)(b)"],
                         "foisa-s39": S39_2, "foisa-s38": {"withheld": "the names of the contractor's drivers",
                                                            "reason": "They would expect their names to stay private."}}
    draft = drafted(rt, given)
    text = draft.text()
    must = ["except part 2, which asks for environmental information", "regulation 16", "regulation 17",
            "exempt from the Act under section 39(2)", "the names of the contractor's drivers"]
    assert_signable(rt, draft, must, ["Environmental Information Regulations 2004", "foibot",
                                      "We hold the information you asked for. It is environmental"], body(text))
    assert "The information that section 39(2) covers is environmental information" in text
    assert any("Part 2 cites section 39(2) beside other exemptions" in n and "regulation 11" in n
               for n in draft.notes), draft.notes
