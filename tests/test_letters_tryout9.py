"""Tryout 9's findings on letters and the check (items 5, 6 and 7 of its report).

The defects these pin down: an officer's words that ended in a clause ran into the citation that followed them ("on
which the Minister has not yet decided under section 35(1)(a)"); a month typed in lower case was printed so; the cost
paragraph named the authority's short name mid-sentence; the section 43 paragraph's harm was clumsy; a planning
viability appraisal under regulation 12(5)(e) was offered procurement factors only; the section 43 factor "The tender
has been awarded and time has passed" was offered and printed when the contract was to be tendered again; a Northern
Ireland department's letter spoke of Parliament, section 27 had no factors for cross-border relations and the section
36 hint named only a Minister of the Crown; and a section 21 paragraph that said the information was at "the decision
notices page" (no link, nothing a requester could find) passed the check.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from probes import assert_signable, draft_as

ROOT = Path(__file__).resolve().parent.parent
REQ = "Dear FOI team,\n\nPlease send me the information described below.\n\nThank you."


def drafted(rt, given: dict, kind: str = "other", devolved: str = "", req: str = REQ):
    return draft_as(rt, given, req, today=date(2027, 3, 12), type=kind, devolved=devolved,
                    cost_limit=600 if kind == "central_government" else 450)


def body(text: str) -> str:
    for line in REQ.splitlines():
        if line.strip():
            text = text.replace(line.strip(), "")
    return text


def base(**more) -> dict:
    return {"reference": "FOI 2027-3", "letter_date": "2027-03-12", "received": "2027-02-20",
            "requester_name": "Dana Quinn", "request_summary": "ask about the farm support scheme", "held": "yes",
            "disclosure": "none", **more}


S35 = {"withheld": "options for the farm support scheme after 2027, on which the Minister has not yet decided",
       "limb": "1(a)", "policy_status": "live",
       "reason": "The options are still being worked on and no decision has been taken.",
       "pit_for": ["policy-transparency", "factual-background", "public-participation"],
       "pit_against": ["policy-safe-space", "policy-chilling-effect"],
       "pit_conclusion": "The need for a safe space while the policy is live outweighs the case for disclosure."}


# 1. The officer's words never run into the citation that follows them


def test_an_answer_ending_in_a_clause_is_closed_off_before_the_citation(rt):
    draft = drafted(rt, base(exemptions=["s35(1)(a)"], s35=S35), "central_government")
    text = draft.text()
    must = ["We are withholding the following under section 35(1)(a) of the Act (formulation of government policy, "
            "etc.): options for the farm support scheme after 2027, on which the Minister has not yet decided.",
            "This information relates to the formulation or development of government policy."]
    assert_signable(rt, draft, must, ["decided under section", "decided, because"], body(text))


@pytest.mark.parametrize(("section", "given"), [
    ("s40(2)", {"withheld": "the names of the staff who were interviewed, who are junior", "condition": "first",
                "data_subjects": "junior staff", "reason": "They would not expect their names to be published."}),
    ("s41(1)", {"withheld": "the report supplied by the contractor, which was given in confidence",
                "supplier": "the contractor", "reason": "It was given to us in confidence."}),
    ("s22(1)", {"withheld": "the survey results, which are being checked", "planned_before_request": "yes",
                "publication_date": "2027-06-30", "reason": "The results are being checked before publication.",
                "pit_for": ["timeliness"], "pit_against": ["settled-plan"]}),
    ("s43(2)", {"withheld": "the unit rates in the contract, which the supplier regards as sensitive",
                "whose_interests": "the supplier", "likelihood": "would_be_likely",
                "reason": "Its rivals could undercut it when the contract is tendered again.",
                "pit_for": ["value-for-money"], "pit_against": ["supplier-competitive-position"]}),
])
def test_every_exemption_paragraph_closes_off_the_officers_words(rt, section, given):
    key = section.split("(")[0]
    draft = drafted(rt, base(exemptions=[section], **{key: given}))
    text = draft.text()
    words = given["withheld"]
    assert f"{words}." in text, text
    assert not re.search(re.escape(words) + r",? (under|because|as exempt)", text), text
    assert_signable(rt, draft, [f"under section {section[1:]} of the Act"], [], body(text))


def test_a_month_typed_in_lower_case_is_printed_as_a_date(rt):
    given = {"withheld": "the results of the graphene battery study", "likelihood": "would_be_likely",
             "programme": "our graphene battery durability study, whose results we will publish in a journal by "
                          "september", "prejudiced": "programme",
             "reason": "The study runs until the summer; early results could be misread, and on monday the "
                       "next stage starts.", "pit_for": ["research-openness"], "pit_against": ["research-integrity"]}
    draft = drafted(rt, base(exemptions=["s22A"], s22A=given), "education")
    text = draft.text()
    assert_signable(rt, draft, ["in a journal by September", "on Monday the next stage"],
                    ["by september", "on monday"], body(text))


def test_dates_are_normalised_only_where_they_are_clearly_dates():
    from foibot.letter.templates import clause

    assert clause("a report due by september 2027, then in may") == "a report due by September 2027, then in May"
    assert clause("the 3 march 2026 minutes and tuesday's agenda") == "the 3 March 2026 minutes and Tuesday's agenda"
    assert clause("what we may march out, an august body") == "what we may march out, an august body"


def test_the_cost_paragraph_says_us_not_the_short_name(rt):
    given = {"hours": 40, "activities": "searching 3,000 emails in 40 mailboxes",
             "advice": "narrowing the request to one department would help"}
    draft = drafted(rt, base(exemptions=["s12"], s12=given), "education")
    text = draft.text()
    assert_signable(rt, draft, ["set that limit at £450 for us"], ["for Example Body,", "£450 for Example"],
                    body(text))


def test_the_section_43_harm_is_plain(rt):
    given = {"withheld": "the unit rates in the contract", "whose_interests": "the supplier",
             "likelihood": "would_be_likely", "reason": "Its rivals could use its unit rates to undercut it.",
             "pit_for": ["value-for-money"], "pit_against": ["supplier-competitive-position"]}
    draft = drafted(rt, base(exemptions=["s43(2)"], s43=given))
    text = draft.text()
    assert_signable(rt, draft, ["We consider that disclosing this information would be likely to prejudice "
                                "the commercial interests of the supplier."],
                    ["cause the prejudice", "that this exemption protects against", "including our own) that",
                     "The commercial interests concerned are"], body(text))


# 2. Public interest factors that fit the body


def test_a_planning_viability_appraisal_is_offered_planning_factors(rt):
    exemption = rt.kb.exemptions["r12(5)(e)"]
    for_other = [o.value for o in exemption.pit_options("for", "other")]
    against_other = [o.value for o in exemption.pit_options("against", "other")]
    assert "planning-participation" in for_other and "developer-position" in against_other
    for side in ("for", "against"):  # new factors come last and never into the inspectorate's lists
        bank = [o.value for o in exemption.pit_options(side, "other")]
        inspectorate = [o.value for o in exemption.pit_options(side, "inspectorate")]
        assert bank[:len(inspectorate)] == inspectorate
        assert not {"planning-participation", "developer-position"} & set(inspectorate)
    given = {"withheld": "the developer's viability appraisal for the holiday lodges",
             "reason": "The appraisal sets out the developer's costs and margins, which are confidential by law.",
             "pit_for": ["presumption", "planning-participation"],
             "pit_against": ["developer-position"]}
    draft = drafted(rt, base(regime="eir", exemptions=["r12(5)(e)"], **{"r12(5)(e)": given}))
    text = draft.text()
    assert_signable(rt, draft, ["take part in planning decisions", "the developer's commercial position"],
                    ["contracts with an environmental impact", "a supplier's pricing"], body(text))


def test_the_concluded_tender_factor_asserts_nothing_about_this_contract(rt):
    label = rt.kb.exemptions["s43"].pit_text("concluded-tender")
    assert "time has passed" not in label and "has been awarded" not in label
    given = {"withheld": "the unit rates in the cleaning contract", "whose_interests": "the supplier",
             "likelihood": "would_be_likely",
             "reason": "The contract will be retendered next year, and rivals could use these rates to undercut it.",
             "pit_for": ["value-for-money", "concluded-tender"], "pit_against": ["supplier-competitive-position"]}
    draft = drafted(rt, base(exemptions=["s43(2)"], s43=given))
    assert "The tender has been awarded" not in draft.text()
    assert any("tendered again" in n or "retender" in n for n in draft.notes), draft.notes


NI = dict(kind="central_government", devolved="northern_ireland")


def test_a_northern_ireland_department_speaks_of_the_assembly(rt):
    draft = drafted(rt, base(exemptions=["s35(1)(a)"], s35=S35), **NI)
    text = draft.text()
    assert_signable(rt, draft, ["the public and the Northern Ireland Assembly take part in debate",
                                "Parliament has recognised a particular public interest"],
                    ["the public and Parliament"], body(text))
    uk = drafted(rt, base(exemptions=["s35(1)(a)"], s35=S35), "central_government").text()
    assert "the public and Parliament take part in debate" in uk and "Assembly" not in uk


def test_a_department_in_northern_ireland_that_does_not_say_so_is_told_how(rt):
    draft = drafted(rt, base(exemptions=["s35(1)(a)"], s35=S35), "central_government")
    assert not any("devolved" in n for n in draft.notes)
    rt.engine.authority = replace(rt.engine.authority, address=("Dundonald House", "Belfast", "BT4 3SB"))
    draft = rt.engine.draft_answers(REQ, base(exemptions=["s35(1)(a)"], s35=S35))
    assert any('devolved = "northern_ireland"' in n for n in draft.notes), draft.notes


def test_every_devolved_wording_names_a_factor_in_its_bank(rt):
    from foibot.letter.drafting import devolved_wording

    wording = devolved_wording(rt.kb, "northern_ireland")
    assert wording
    for section, factors in wording.items():
        bank = {o.value for o in (*rt.kb.exemptions[section].pit_for, *rt.kb.exemptions[section].pit_against)}
        assert set(factors) <= bank, (section, set(factors) - bank)
        assert not [t for t in factors.values() if "Parliament" in t]


def test_section_27_has_factors_for_a_devolved_departments_cross_border_relations(rt):
    exemption = rt.kb.exemptions["s27"]
    for side, new in (("for", "cross-border-openness"), ("against", "cross-border-cooperation")):
        bank = [o.value for o in exemption.pit_options(side, "central_government")]
        assert new in bank and bank[-1] == new or new in bank[-2:]
        assert new not in [o.value for o in exemption.pit_options(side, "inspectorate")]
    given = {"withheld": "the notes of meetings with the Department of Agriculture, Food and the Marine in Dublin",
             "limb": "1(a)", "likelihood": "would_be_likely",
             "reason": "The notes record the Irish department's candid views on a joint approach to animal health.",
             "pit_for": ["cross-border-openness"], "pit_against": ["cross-border-cooperation"]}
    draft = drafted(rt, base(exemptions=["s27(1)(a)"], s27=given), **NI)
    text = draft.text()
    assert_signable(rt, draft, ["across the border", "the other State's government"], ["Diplomats"], body(text))


def test_the_qualified_person_hint_names_the_northern_ireland_minister(rt):
    hint = next(q for q in rt.kb.exemptions["s36"].questions if q.id == "qualified_person").help
    assert "Northern Ireland department" in hint and "Northern Ireland Minister in charge" in hint
    assert "Minister of the Crown" in hint


def test_the_devolved_key_is_read_and_checked(tmp_path):
    from foibot.errors import DataError
    from foibot.knowledge.authority import load_authority

    text = (ROOT / "authority.toml").read_text(encoding="utf-8")
    path = tmp_path / "authority.toml"
    path.write_text('devolved = "northern_ireland"\n' + text, encoding="utf-8")
    assert load_authority(path).devolved == "northern_ireland"
    path.write_text(text, encoding="utf-8")
    assert load_authority(path).devolved == ""
    path.write_text('devolved = "ulster"\n' + text, encoding="utf-8")
    with pytest.raises(DataError, match="devolved"):
        load_authority(path)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'devolved = "northern_ireland"' in readme


# 3. Section 21 says where the information is


S21 = {"withheld": "the commissioner's decision notices on estates"}
TOPIC = "peel-spotlight-betrayal"
TOPIC_URL = "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/shining-a-light-on-betrayal"


def test_section_21_uses_the_topics_link_when_the_answers_give_none(rt):
    draft = drafted(rt, base(exemptions=["s21"], topic=TOPIC, s21={**S21, "where": "the decision notices page"}))
    text = draft.text()
    assert_signable(rt, draft, [TOPIC_URL, "the decision notices page"], [], body(text))
    bare = drafted(rt, base(exemptions=["s21"], topic=TOPIC, s21=dict(S21)))
    assert TOPIC_URL in bare.text() and "[to be completed" not in bare.text()
    assert bare.checks.ok, bare.checks.summary()


@pytest.mark.parametrize(("where", "ok"), [
    ("the decision notices page", False),
    ("our website", False),
    ("https://www.westmarch-pcc.gov.uk/decisions", True),
    ("www.westmarch-pcc.gov.uk/decisions", True),
    ("the Annual Report 2025-26, page 14, on our website", True),
    ("the Annual Report 2025-26, available free from our office at Westmarch House", True),
])
def test_the_check_flags_a_section_21_location_nobody_could_find(rt, where, ok):
    draft = drafted(rt, base(exemptions=["s21"], s21={**S21, "where": where}))
    found = [f for f in draft.checks.findings if f.id.startswith("s21-where")]
    assert (not found) is ok, draft.checks.summary()
    if not ok:
        assert "link" in found[0].message and found[0].rule.startswith("s21")


# 4. The answers-file table lists the keys of a decision after an extension


def test_the_answers_table_lists_extension_date():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### The answers file")[1].split("## In Slack")[0]
    row = next(line for line in table.splitlines() if "`extension_date`" in line)
    assert "regulation 7" in row and "pit_decision_date" in row
