"""Tryout 11's findings on letters (items 3, 4, 5 and 7 of its report).

The defects these pin down: a neither-confirm-nor-deny letter relying on section 31(3) never said which matter in
section 31(1) confirming or denying would prejudice, nor how likely that was, and ran its reasons together without
saying which provision each was for; section 30(3) could not rest on section 30(2) (confidential sources), and its
help spoke of an inspectorate to a police force; a refusal under section 12 could not say that the cost of two
requests was aggregated (regulation 5 of the Fees Regulations); a refusal of a request that also asks for the
requester's own personal data said nothing of their right of access under the UK GDPR, and text the officer typed
about the requester in the third person reached the letter addressed to him without a word to the officer.
"""

from __future__ import annotations

from datetime import date

from probes import DISCLAIMER, assert_signable, draft_as

COVERT = ("Dear FOI team,\n\nPlease tell me whether the force has used covert human intelligence sources or "
          "undercover officers against the Wessexton Climate Action group since 2025, and if so how many.\n\n"
          "Thank you.")
PURSUITS = "Dear FOI team,\n\nPlease send me every pursuit report since 2020, with the outcome of each.\n\nThanks."
OWN_DATA = ("This is my 46th request this year. Tell me again the names of every officer who dealt with my "
            "neighbour dispute, all their emails about me, and why PC Harker is still employed.\n\nGraham Pike")

NO_MARKUP = ["[to be completed", "foibot", "{{", "Note:", "NOTE"]
ADMITS = ["We hold ", "we do not hold", "is held by", "we have used", "we have not used", "we are withholding",
          "We are withholding"]


def drafted(rt, given: dict, req: str, kind: str = "police", regime: str = "foia"):
    return draft_as(rt, given, req, today=date(2028, 4, 7), type=kind, regime=regime,
                    cost_limit=600 if regime == "foisa" else 450)


def body(text: str, req: str) -> str:
    for line in req.splitlines():
        if line.strip():
            text = text.replace(line.strip(), "")
    return text


def base(**more) -> dict:
    return {"reference": "WVP-FOI-2028-0006", "letter_date": "2028-04-07", "received": "2028-03-31",
            "requester_name": "Aisha Rahman", **more}


S23 = {"reason": "Confirming or denying whether covert tactics were used against a named group would reveal whether "
                 "security bodies have an interest in it."}
S24 = {"reason": "Confirming or denying would let those who pose a threat map where covert resources are deployed.",
       "pit_for": ["informed-debate"], "pit_against": ["safeguarding-security", "mosaic"]}
S30 = {"limb": "1(a)", "reason": "Confirming or denying would reveal whether any investigation used covert sources.",
       "pit_for": ["investigator-accountability"], "pit_against": ["integrity-of-investigation",
                                                                  "witnesses-and-sources"]}
S31 = {"limb": "1(a)", "likelihood": "would_be_likely",
       "reason": "Confirming or denying would tell groups whether they have been penetrated.",
       "pit_for": ["public-confidence"], "pit_against": ["mosaic"]}


def covert(**own) -> dict:
    return base(request_summary="ask about covert policing of a protest group", held="ncnd",
                exemptions=["s23(5)", "s24(2)", "s30(3)", "s31(3)"], s23=S23, s24=S24,
                s30=own.get("s30", S30), s31=own.get("s31", S31))


# 1. (item 4) Each NCND provision with its own grounds: the limb and likelihood of a prejudice-based one


def test_ncnd_letter_gives_each_provision_its_grounds_and_reason(rt):
    draft = drafted(rt, covert(), COVERT)
    text = draft.text()
    s23 = ("Section 23(5) applies where confirming or denying would itself disclose information supplied by, or "
           "relating to, any of the bodies dealing with security matters. " + S23["reason"])
    s24 = ("Section 24(2) applies where exemption from the duty to confirm or deny is required for the purpose of "
           "safeguarding national security. " + S24["reason"])
    s30 = ("Section 30(3) applies to information that, if we held it, would have been held for the purposes in "
           "section 30(1)(a): an investigation we have a duty to carry out to find out whether someone should be "
           "charged with an offence, or whether someone charged with an offence is guilty of it. " + S30["reason"])
    s31 = ("Section 31(3) applies because confirming or denying whether we hold the information would be likely to "
           "prejudice the prevention or detection of crime (the matters in section 31(1)(a)). " + S31["reason"])
    must = ["We rely on section 23(5) or, in the alternative, section 24(2) of the Act: the duty to confirm or deny "
            "does not arise by virtue of one or other of these provisions, and we do not say which.",
            s23, s24, s30, s31, DISCLAIMER, "Public interest test for section 24(2)",
            "Public interest test for section 31(3)", "Annex A explains how we weighed the public interest in "
            "confirming or denying."]
    assert_signable(rt, draft, must, [*NO_MARKUP, *ADMITS], body(text, COVERT))
    para = text[text.index("We can neither confirm"):text.index(DISCLAIMER)]
    assert para.index(s23) < para.index(s24) < para.index(s30) < para.index(s31)  # each reason under its provision


def test_ncnd_prejudice_says_would_and_every_limb(rt):
    s31 = {**S31, "likelihood": "would"}
    given = base(request_summary="ask about covert policing", held="ncnd", exemptions=["s31(1)(a)", "s31(1)(b)"],
                 s31=s31)
    draft = drafted(rt, given, COVERT)
    must = ["Section 31(3) applies because confirming or denying whether we hold the information would prejudice "
            "the prevention or detection of crime and the apprehension or prosecution of offenders (the matters in "
            "section 31(1)(a) and (b)).", S31["reason"], DISCLAIMER]
    assert_signable(rt, draft, must, [*NO_MARKUP, *ADMITS, "would be likely to prejudice"], body(draft.text(), COVERT))


def test_ncnd_on_health_and_safety_names_the_harm(rt):
    given = base(request_summary="ask about a refuge's address", held="ncnd", exemptions=["s38(2)"],
                 s38={"limb": "1(b)", "likelihood": "would_be_likely",
                      "reason": "Confirming or denying would help someone find a person who has been threatened."})
    draft = drafted(rt, given, "Dear FOI team,\n\nDo you hold the address of the refuge?\n\nThanks.", kind="council")
    text = draft.text()
    assert ("Section 38(2) applies because confirming or denying whether we hold the information would be likely to "
            "endanger the safety of any individual (the harm in section 38(1)(b)).") in text, text


# 2. (item 3) Section 30(3) resting on section 30(2): confidential sources


def test_ncnd_s30_on_confidential_sources(rt, kb):
    s30 = {**S30, "limb": "2"}
    draft = drafted(rt, covert(s30=s30), COVERT)
    text = draft.text()
    must = ["Section 30(3) applies to information that, if we held it, would relate to obtaining information from "
            "confidential sources and would have been obtained or recorded for the purposes in section 30(2): our "
            "functions relating to investigations and proceedings. " + S30["reason"],
            "https://www.legislation.gov.uk/ukpga/2000/36/section/30"]
    assert_signable(rt, draft, must, [*NO_MARKUP, *ADMITS, "section 30(1)(a)"], body(text, COVERT))
    exemption = kb.exemptions["s30"]
    limb = next(q for q in exemption.questions if q.id == "limb")
    assert "2" in [o.value for o in limb.options]
    assert exemption.has_limb("2")


def test_s30_help_fits_any_kind_of_authority(kb):
    limb = next(q for q in kb.exemptions["s30"].questions if q.id == "limb")
    assert "inspectorate rarely" not in limb.help_for("foia").lower()
    assert "30(2)" in limb.help_for("foia")


# 3. (item 5) Section 12: the cost of requests aggregated under regulation 5 of the Fees Regulations

S12 = {"hours": 200, "activities": "reading about 1,700 pursuit and collision files at about 7 minutes each",
       "advice": "You could ask for pursuits in 2027 alone, which we could answer within the limit."}
REG5 = "https://www.legislation.gov.uk/uksi/2004/3244/regulation/5"


def test_s12_aggregated_names_the_earlier_request_and_the_rule(rt):
    given = base(reference="WVP-FOI-2028-0004", requester_name="Mark Tully", received="2028-04-06",
                 request_summary="ask about police pursuits since 2020", held="yes", disclosure="none",
                 exemptions=["s12"], s12={**S12, "aggregated_with": "WVP-FOI-2028-0003 of 5 April 2028"})
    draft = drafted(rt, given, PURSUITS)
    text = draft.text()
    must = ["We have added together the cost of answering this request and the cost of answering the earlier "
            "request WVP-FOI-2028-0003 of 5 April 2028.",
            "Regulation 5 of the Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations "
            "2004 lets us do this where two or more requests for the same or similar information reach us from the "
            "same person, or from people who appear to be acting together or in a campaign, within 60 consecutive "
            "working days. When we do, the cost of answering any one of the requests is taken to be the cost of "
            "answering all of them.", REG5,
            "We estimate that complying with these requests together would exceed the limit, so under section "
            "12(1) of the Act we are not obliged to comply with this request.",
            "We estimate that it would take about 200 hours to answer these requests together, more than the 18 "
            "hours the limit allows."]
    assert_signable(rt, draft, must, [*NO_MARKUP, "complying with your request would exceed"], body(text, PURSUITS))


def test_s12_not_aggregated_says_nothing_of_it(rt):
    given = base(reference="WVP-FOI-2028-0004", requester_name="Mark Tully", received="2028-04-06",
                 request_summary="ask about police pursuits since 2020", held="yes", disclosure="none",
                 exemptions=["s12"], s12=S12)
    draft = drafted(rt, given, PURSUITS)
    must = ["We estimate that complying with your request would exceed the limit",
            "We estimate that it would take about 200 hours, more than the 18 hours the limit allows."]
    assert_signable(rt, draft, must, [*NO_MARKUP, "Regulation 5", "added together", "these requests"],
                    body(draft.text(), PURSUITS))


def test_s12_aggregation_question_is_optional_and_not_asked_under_foisa(kb):
    own = next(q for q in kb.exemptions["s12"].questions if q.id == "aggregated_with")
    assert not own.required
    assert "aggregated_with" not in [q.id for q in kb.exemptions["foisa-s12"].questions]


# 4. (item 7) A refused request that also asks for the requester's own data; third-person text in the letter

S14 = {"reason": "The request repeats matters answered many times before and is phrased to harass our staff."}


def own_data(**more) -> dict:
    return base(**{"reference": "WVP-FOI-2028-0005", "requester_name": "Graham Pike", "received": "2028-04-03",
                   "request_summary": "ask about the officers who dealt with your neighbour dispute", "held": "yes",
                   "disclosure": "none", "exemptions": ["s14(1)"], "s14": S14, **more})


SAR_FOIA = ["So far as your request asks for information about you, any personal data about you that we may hold "
            "would be exempt under section 40(1) of the Act, so we have not dealt with it under the Act.",
            "You have a separate right to ask for your own personal data under Article 15 of the UK GDPR (the right "
            "of access, often called a subject access request). To make one, please write to our Data Protection "
            "Officer at the address at the top of this letter, saying what you want. That request is separate from "
            "this one, and our decision on this request does not affect it."]


def test_s14_of_a_request_for_own_data_points_to_subject_access(rt):
    draft = drafted(rt, own_data(), OWN_DATA)
    text = draft.text()
    must = ["We consider your request vexatious, so under section 14(1) of the Act we are not obliged to comply "
            "with it.", *SAR_FOIA]
    assert_signable(rt, draft, must, [*NO_MARKUP, " his ", "the requester"], body(text, OWN_DATA))
    assert any("it says 'about me'" in n and "own_data: no" in n for n in draft.notes), draft.notes


def test_s12_of_a_request_for_own_data_also_points_to_subject_access(rt):
    given = own_data(exemptions=["s12"], s12=S12)
    given.pop("s14")
    draft = drafted(rt, given, OWN_DATA)
    assert_signable(rt, draft, SAR_FOIA, NO_MARKUP, body(draft.text(), OWN_DATA))


def test_own_data_paragraph_under_foisa_and_the_eir(rt):
    draft = drafted(rt, own_data(exemptions=["s14(1)"]), OWN_DATA, kind="council", regime="foisa")
    text = draft.text()
    assert ("any personal data about you that we may hold would be exempt under section 38(1)(a) of the Act" in text
            and "Article 15 of the UK GDPR" in text), text
    assert "section 40(1)" not in text
    eir = base(reference="WVP-FOI-2028-0005", requester_name="Graham Pike", received="2028-04-03", regime="eir",
               request_summary="ask about the noise complaints", held="yes", disclosure="none",
               exemptions=["r12(4)(b)"], **{"r12(4)(b)": {"reason": "It would take over 60 hours.",
                                                           "pit_for": [], "pit_against": []}})
    req = "Dear FOI team,\n\nSend me all the noise complaint records about me.\n\nThanks."
    draft = drafted(rt, eir, req, kind="council", regime="eir")
    text = draft.text()
    assert ("regulation 5(3) of the Regulations means that our duty to make environmental information available does "
            "not extend to personal data of which you are the subject" in text and "Article 15 of the UK GDPR" in text
            and "section 40(1)" not in text), text


def test_no_own_data_paragraph_when_not_asked_or_already_answered(rt):
    draft = drafted(rt, own_data(), PURSUITS)
    assert "Article 15" not in draft.text()
    draft = drafted(rt, own_data(own_data="no"), OWN_DATA)
    assert "Article 15" not in draft.text()
    full = own_data(disclosure="full", exemptions=[], disclosed="the names of the officers")
    full.pop("s14")
    assert "Article 15" not in drafted(rt, full, OWN_DATA).text()


def test_third_person_officer_text_is_flagged_in_the_notes_only(rt):
    given = own_data(request_summary="ask about his neighbour dispute and PC Harker",
                     s14={"reason": "This is his 46th request this year, and the requester will not accept our "
                                    "answers."})
    draft = drafted(rt, given, OWN_DATA)
    text = draft.text()
    warned = [n for n in draft.notes if "third person" in n]
    assert len(warned) == 1, draft.notes
    assert "'his'" in warned[0] and "'the requester'" in warned[0] and "request_summary" in warned[0]
    assert "third person" not in text
    clean = drafted(rt, own_data(), OWN_DATA)
    assert not [n for n in clean.notes if "third person" in n], clean.notes
