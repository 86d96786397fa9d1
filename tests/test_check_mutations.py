"""Mutation suite: break one required element of a compliant letter at a time; the check must flag each."""

import re
from pathlib import Path

import pytest

from foibot.letter.checks import check
from tests.test_real_letters import letter

IR = r"If you are unhappy with the response you have received.*?from the date of this response\."
ICO = r"If you remain dissatisfied with the outcome of your internal review.*?for further details\."
# (letter, what is broken, regex, replacement, the finding ids any one of which must appear)
MUTATIONS = [
    ("humberside-hospital-crime", "exemption without its subsection", r"40\(2\)", "40", {"subsection:s40"}),
    ("humberside-hospital-crime", "dated after the due date", r"Date:10/10/2025", "Date:20/10/2025", {"on-time"}),
    ("humberside-hospital-crime", "dated before receipt", r"Date:10/10/2025", "Date:10/09/2025",
     {"dated-after-receipt"}),
    ("humberside-hospital-crime", "no right to complain to the ICO",
     r"(the office of )?the\s+Information\s+Commissioner('s)?|The Information Commissioner|www\.ico\.org\.uk",
     "them",
     {"ico-complaint"}),
    ("humberside-hospital-crime", "no exemption named", r"pursuant to Section 40\(2\).*?\n\nSection 40 – Personal "
     r"Information|Section 40\(2\) is an absolute|Section 17 of the Act.*?applies\.", "", {"exemption-missing"}),
    ("shef-business-rates-q3-2023", "s31 without its subsection", r"31\(1\)\(a\)", "31", {"subsection:s31"}),
    ("shef-business-rates-q3-2023", "no factors for disclosure",
     r"Public interest arguments in favour of disclosing the information.*?(?=Public interest arguments in favour of "
     r"maintaining)", "", {"pit:s31"}),
    ("shef-business-rates-q3-2023", "no factors against disclosure",
     r"Public interest arguments in favour of maintaining the exemption.*?(?=On balance)", "", {"pit:s31"}),
    ("shef-business-rates-q3-2023", "no balance", r"On balance, the Council believes.*?disclosing the information\.",
     "", {"pit:s31"}),
    ("shef-business-rates-q3-2023", "no internal review", IR, "", {"internal-review", "internal-review-how"}),
    ("shef-business-rates-q3-2023", "no ICO", ICO, "", {"ico-complaint"}),
    ("shef-business-rates-q3-2023", "no law named", r"of the Freedom\s+of\s+Information\s+Act( 2000)?", "",
     {"regime"}),
    ("shef-business-rates-q3-2023", "an EIR exception cited in a FOIA letter... becomes an EIR letter with a FOIA "
     "section", r"We publish some business rates", "We apply regulation 12(5)(e). We publish some business rates",
     {"eir-no-foia-exemption"}),
    ("shef-charity-commission-graves-park", "no limit stated", r"18 hour\s+limit", "limit", {"cost-limit:s12"}),
    ("shef-charity-commission-graves-park", "no estimate", r"An insight, if we may.*?across the council\.", "",
     {"cost-estimate:s12"}),
    ("shef-charity-commission-graves-park", "no advice to narrow", r"So, what to do\?.*?Freedom of Information Act "
     r"2000\.", "", {"advice:s12"}),
    ("shef-nda-spend", "no NCND provision", r"section 40\(5B\)\(a\)\(i\) of FOIA", "the law", {"ncnd-provision"}),
    ("shef-nda-spend", "NCND then confirms it holds", r"If you have any queries",
     "We can confirm that we hold the information. If you have any queries", {"ncnd-consistency"}),
    ("shef-nda-spend", "NCND then refuses under 40(2)", r"If you have any queries",
     "The information is exempt under section 40(2). If you have any queries", {"ncnd-consistency"}),
    ("shef-nda-spend", "requester's own data under 40(5B)", r"If you have any queries",
     "This is your own personal data. If you have any queries", {"ncnd-own-data:s40"}),
    ("shef-judicial-review-syp", "review outcome without ICO", r"you can contact the Information Commissioner for a "
     r"decision", "you may write again", {"ico-complaint"}),
    ("own-eir-12-5-e", "reg 12(5) with 'likely to'", r"because disclosure would adversely affect",
     "because disclosure would be likely to harm", {"eir-adverse-effect"}),
    ("own-eir-12-5-e", "a FOIA section in an EIR letter", r"under regulation 12\(5\)\(e\)",
     "under section 43(2)", {"eir-no-foia-exemption"}),
    ("own-eir-12-5-e", "no reg 11", r"under regulation 11", "", {"eir-representations"}),
    ("own-eir-12-5-e", "no reg 18", r", as applied by regulation 18", "", {"eir-enforcement"}),
    ("own-eir-12-5-e", "not held without 12(4)(a)", r"We hold the information\.",
     "We do not hold the information about the 2019 tender.", {"eir-not-held"}),
    ("own-eir-12-5-e", "12(4)(d) without a completion estimate", r"12\(5\)\(e\)", "12(4)(d)", {"eir-completion"}),
    ("own-eir-12-5-e", "an unanswered question", r"The prices are current",
     "[to be completed: s31.reason] The prices are current", {"complete"}),
    ("own-eir-12-5-e", "template markup leaks", r"Yours sincerely,", "::subheading Section 31\nYours sincerely,",
     {"markup"}),
    ("own-ncnd-23-24", "23(5) and 24(2) not either/or", r"section 23\(5\) or section 24\(2\)",
     "section 23(5) and section 24(2)", {"ncnd-either-or"}),
    ("own-ncnd-23-24", "NCND PIT weighs disclosure", r"public interest in confirming or\s+denying whether the "
     r"information is held", "public interest in disclosing the information", {"ncnd-pit"}),
    ("own-ncnd-23-24", "NCND says which applies", r"We neither confirm nor deny",
     "We hold information supplied by a security body. We neither confirm nor deny", {"ncnd-consistency"}),
    ("own-ncnd-23-24", "extension without a date", r"5\. You may ask",
     "We need more time to consider the public interest. 5. You may ask", {"extension-notice"}),
]


@pytest.mark.parametrize("name,what,pattern,replacement,expected", MUTATIONS,
                         ids=[f"{m[0]}:{m[1][:40]}" for m in MUTATIONS])
def test_each_mutation_is_flagged(kb, name, what, pattern, replacement, expected):
    original = letter(name)
    assert check(original, kb).ok
    mutated, count = re.subn(pattern, replacement, original, flags=re.S)
    assert count, f"the mutation '{what}' found nothing to change"
    found = set(check(mutated, kb).ids())
    assert found & expected, f"{what}: expected one of {expected}, got {found}"


def test_refusal_with_no_exemption_fails_the_check(kb):
    text = ("We have dealt with your request under the Freedom of Information Act 2000. We hold the information. "
            "We are not able to provide this information, for the reasons set out below.\n\n"
            "You may ask for an internal review: write to foi@example.org within 40 working days.\n\n"
            "You may complain to the Information Commissioner.")
    result = check(text, kb)
    assert result.ids() == ["exemption-missing"]
    assert result.findings[0].rule == "s17(1)(b) / reg 14(3)(a)"


def test_s36_needs_an_opinion_that_was_given(kb):
    given = letter("shef-meta-request").replace(
        "There are two statements on page 8",
        "Our qualified person, the Chief Executive, gave the opinion on 1 September 2022 that section 36 applies. "
        "There are two statements on page 8")
    assert check(given, kb).ok, check(given, kb).summary()
    negated = given.replace("Our qualified person, the Chief Executive, gave the opinion",
                            "We have not yet asked a qualified person for an opinion; we expect it")
    assert check(negated, kb).ids() == ["qualified-person:s36"]


# Probe 7 (tests/fixtures/check-blind7/): lawful letters in styles the check first misread, each damaged once. The
# undamaged letter must pass (each fix made the check read a style it did not), and the damage must still be caught.
BLIND7 = Path(__file__).parent / "fixtures" / "check-blind7"
BLIND7_MUTATIONS = [
    ("council-prose-s43", "no factors against ('Against release, ...' removed)",
     r"Against release, there is a strong.*?in good faith\. ", "", {"pit:s43"}),
    ("council-s36-monitoring-officer", "no factors against ('Against that, ...' removed)",
     r"Against that, the public interest in good decision-making.*?public consultation\. ", "", {"pit:s36"}),
    ("council-s36-monitoring-officer", "no factors for disclosure",
     r"There is a clear public interest in residents.*?options they consider\. ", "", {"pit:s36"}),
    ("council-partial-table", "no factors against ('Against that, ...' removed)",
     r"Against that, the deterrent value.*?across the city\. ", "", {"pit:s31"}),
    ("trust-s38-factors-balance", "no 'Factors favouring non-disclosure' list",
     r"Factors favouring non-disclosure\n.*?(?=\nBalance\n)", "", {"pit:s38"}),
    ("trust-s38-factors-balance", "no balance under its 'Balance' heading",
     r"We have concluded that the public interest in maintaining.*?independent inspection\.", "", {"pit:s38"}),
    ("eir-exceptions-12-5-e", "no conclusion under 'Weighing the public interest'",
     r"Having applied the presumption.*?already published\.", "", {"pit:r12(5)(e)"}),
    ("eir-exceptions-12-5-e", "nothing said about holding or releasing",
     r"We have released the method statement in full \(attached\)\. We are refusing the pricing schedule\.",
     "We are refusing your request.", {"confirm-or-deny"}),
    ("foisa-s30-scottish", "the balance comes out for disclosure",
     r"the public interest in disclosing the notes is outweighed by that in maintaining the exemption",
     "the public interest in maintaining the exemption is outweighed by that in disclosing the notes",
     {"pit:foisa-s30", "exemption-missing"}),
    ("trust-rights-box-s40-2", "no review in the 'Your rights' box",
     r"Not happy with our response\?.*?within 20 working days\.", "", {"internal-review"}),
    ("police-ncnd-npcc", "NCND, but a section 31(1)(a) refusal of held information",
     r"No inference can be taken", "We withhold the deployment figures under section 31(1)(a). No inference can be "
     "taken", {"ncnd-consistency"}),
    ("police-ncnd-npcc", "NCND, yet 'we hold ..., but'", r"I can neither confirm nor deny that we hold",
     "We hold records of covert deployments, but I can neither confirm nor deny that we hold", {"ncnd-consistency"}),
    ("council-s36-monitoring-officer", "'would' beside 'would be likely to' for one section 36 opinion",
     r"Her reasons were", "Disclosure would inhibit the free and frank exchange of views. Her reasons were",
     {"reason:s36"}),
    ("trust-rights-box-s40-2", "section 40(2) given no reason",
     r"Their names are their personal data\..*?is absolute\.",
     "", {"reason:s40"}),
    ("police-s40-1-own-data", "the requester's own data withheld under section 40(2)", r"Section 40\(1\)",
     "Section 40(2)", {"ncnd-own-data:s40"}),
    ("council-s21-links", "another requester thanked by name", r"If you have difficulty",
     "Thank you again, Ms Patel, for your interest. If you have difficulty", {"markup"}),
    ("council-prose-s43", "a date placeholder", r"11 March 2025", "[INSERT DATE]", {"markup"}),
]


def _blind7(name: str) -> str:
    return (BLIND7 / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name,what,pattern,replacement,expected", BLIND7_MUTATIONS,
                         ids=[f"{m[0]}:{m[1][:40]}" for m in BLIND7_MUTATIONS])
def test_each_blind7_mutation_is_flagged(kb, name, what, pattern, replacement, expected):
    original = _blind7(name)
    assert check(original, kb).ok, check(original, kb).summary()
    mutated, count = re.subn(pattern, replacement, original, flags=re.S)
    assert count, f"the mutation '{what}' found nothing to change"
    found = set(check(mutated, kb).ids())
    assert found & expected, f"{what}: expected one of {expected}, got {found}"


BLIND8 = Path(__file__).parent / "fixtures" / "check-blind8"
# The eighth blind probe's fixes, each pinned on a lawful letter (blind 8's, or blind 7's where blind 8 has none that
# fits): the undamaged letter passes, the one damage is flagged. (letter folder, letter, what is broken, regex,
# replacement, the finding ids any one of which must appear)
BLIND8_MUTATIONS = [
    (BLIND8, "review-upheld-s43", "a review outcome still withholding, naming no exemption and giving no reason",
     r"\nWe refused the schedules under section 43\(2\) of the Act\.|My findings\n.*?(?=Outcome\n)|"
     r"(?<=remain withheld) under section 43\(2\)", "", {"exemption-missing"}),
    (BLIND8, "review-upheld-s43", "a review outcome with no right to complain to the Commissioner",
     r"If you are not content\n.*?1113\.", "", {"ico-complaint"}),
    (BLIND8, "review-upheld-s43", "the Commissioner only after a court ruling",
     r"If you remain dissatisfied, you have the right",
     "If any court proceedings about the contract have been decided and you remain dissatisfied after that ruling, "
     "you have the right", {"ico-complaint"}),
    (BLIND8, "review-part-substituted-s42", "section 42: no factor for maintaining it (the 'inherent public interest "
     "in the department being able to obtain ... advice' removed)",
     r"There is a strong inherent public interest.*?exceptional circumstances\. ", "", {"pit:s42"}),
    (BLIND8, "foisa-review-outcome-s30", "a FOISA review outcome without the Scottish Information Commissioner",
     r"If you remain dissatisfied, you may apply.*?point of\nlaw only\.", "", {"foisa-commissioner"}),
    (BLIND8, "foisa-s17-not-held", "no review ('ask NHS Strathmore to carry out a review' removed)",
     r"you may ask NHS Strathmore to carry out a review of our\ndecision by writing to the FOI Reviewer",
     "you may write to the FOI Reviewer", {"foisa-review"}),
    (BLIND8, "foisa-s18-ncnd-s35", "no appeal to the Office of the Scottish Information Commissioner",
     r"If you are dissatisfied with the response to your review, you can appeal.*?point of law only\.", "",
     {"foisa-commissioner"}),
    (BLIND8, "foisa-s16-s33-refusal", "a FOISA refusal that does not say the information is held",
     r"Lochbrae Council holds the information you have asked for\. However, we are unable to provide it",
     "We are unable to provide the information you have asked for", {"foisa-refusal"}),
    (BLIND8, "eisr-reg10-5-f", "section 39(2) with no public interest conclusion",
     r"We consider that the public interest favours handling it only under\nthe EISRs, since the requester has the "
     r"same rights under them\.", "", {"pit:foisa-s39"}),
    (BLIND8, "foisa-env-disclosed-no-s39", "nothing said about holding or giving the information",
     r"We are pleased to provide.*?published on our website\.", "We have considered your request.",
     {"confirm-or-deny"}),
    (BLIND8, "eir-12-4-b-presumption", "information not held, without reg 12(4)(a)",
     r"Decision\n", "The complaints for 2015 and 2016 are not held, as they were destroyed under our retention "
     "schedule.\n\nDecision\n", {"eir-not-held"}),
    (BLIND8, "s1-3-clarification", "no longer a request for clarification (s1(3) and the reason removed)",
     r"So that we can identify.*?further information\. ", "", {"confirm-or-deny", "internal-review",
                                                            "ico-complaint"}),
    (BLIND8, "s12-aggregation", "no way given to ask for a review",
     r" by\ncontacting the Head of Information Governance, Ambulance HQ, Bexley Road, Midcester MC2 8AS,", "",
     {"internal-review-how"}),
    (BLIND8, "transfer-redirect", "no review ('ask the Town Clerk to review it' removed)",
     r"If you are dissatisfied with this response you may ask the Town Clerk to review it, by writing to the\n"
     r"address above within 40 working days\. ", "", {"internal-review"}),
    (BLIND8, "s12-aggregation", "no advice ('limit your request' style advice removed)",
     r"Advice and assistance\n.*?new request\.", "", {"advice:s12"}),
    (BLIND7, "police-ncnd-npcc", "NCND, with an annex listing the records withheld", r"Your right to request a review",
     "Annex A - Schedule of records withheld\n\n1. Deployment log, 3 March 2024 (withheld: s31(3))\n\n"
     "Your right to request a review", {"ncnd-consistency"}),
    (BLIND7, "council-s36-monitoring-officer", "the qualified person an Information Governance Assistant",
     r"For a local authority, the qualified person is the Council's Monitoring Officer\. On 9 May 2025 the "
     r"Monitoring Officer, Ms Jane Harding,",
     "On 9 May 2025 the qualified person, Ms Jane Harding, Information Governance Assistant,",
     {"qualified-person:s36"}),
]


@pytest.mark.parametrize("folder,name,what,pattern,replacement,expected", BLIND8_MUTATIONS,
                         ids=[f"{m[1]}:{m[2][:40]}" for m in BLIND8_MUTATIONS])
def test_each_blind8_mutation_is_flagged(kb, folder, name, what, pattern, replacement, expected):
    original = (folder / f"{name}.txt").read_text(encoding="utf-8")
    assert check(original, kb).ok, check(original, kb).summary()
    mutated, count = re.subn(pattern, replacement, original, flags=re.S)
    assert count, f"the mutation '{what}' found nothing to change"
    found = set(check(mutated, kb).ids())
    assert found & expected, f"{what}: expected one of {expected}, got {found}"


# The check's follow-ups from the week's letters: each on a lawful letter that passes, damaged once.
NCND_LETTER = """Dear Ms Rahman

Freedom of Information Act 2000: your request of 3 March 2025

You asked whether the force investigated the fire at the Eastgate depot in 2024, and whether anyone was arrested.

We neither confirm nor deny whether we hold the information you asked for.

Section 30(3) applies, because any such information, if we held it, would have been held for the purposes in section \
30(1) or section 30(2) of the Act: our investigations into whether someone should be charged with an offence, and the \
confidential sources they rely on.

Section 31(3) applies because confirming or denying whether we hold the information would be likely to prejudice the \
apprehension or prosecution of offenders (the matters in section 31(1)(b)): anyone involved would learn whether they \
had come to our attention.

Section 38(2) also applies: confirming or denying whether we hold the information would be likely to endanger the \
safety of witnesses who came forward, because the depot's workforce is small and anyone named could be identified.

Public interest test

Confirming or denying would tell the public whether the force looked into an event of local concern, and there is a \
general public interest in openness. Against that, confirming or denying would reveal whether anyone was investigated, \
would deter witnesses and sources from coming forward, and would put people at risk. The public interest in \
maintaining the exclusion of the duty to confirm or deny outweighs the public interest in confirming or denying.

If you are unhappy with this response you may ask for an internal review by writing to foi@example.police.uk within \
40 working days of the date of this letter. If you remain dissatisfied after the review, you may complain to the \
Information Commissioner (https://ico.org.uk/make-a-complaint/).

Yours sincerely

Information Manager
"""
POSITION_LETTER = """Dear Mr Hale

Freedom of Information Act 2000: your request of 3 March 2025

You asked for the report into the collapse of the Mill Lane footbridge, with the names of the engineers who wrote it.

We hold the information. We are releasing the report, but we are withholding the engineers' names and the \
contractor's tender prices.

Section 40(2) - personal information

The engineers' names are exempt under section 40(2) of the Act, by virtue of section 40(3A)(a). Unlike the tender \
prices withheld under section 43(2) below, the names are personal data. The engineers are junior staff who had no \
public-facing role and a reasonable expectation that their names would not be published, and disclosing them would be \
unfair and so breach the first data protection principle in Article 5(1)(a) of the UK GDPR.

Section 43(2) - commercial interests

The tender prices are exempt under section 43(2) of the Act. Disclosure would be likely to prejudice the contractor's \
commercial interests, because its competitors could use the unit rates to undercut it in the retender due this year.

There is a public interest in showing how public money is spent on repairs. Against that, there is a public interest \
in fair competition and in the council getting value for money when it retenders. On balance, the public interest in \
maintaining the exemption outweighs the public interest in disclosing the prices.

If you are unhappy with this response you may ask for an internal review by writing to foi@example.gov.uk within 40 \
working days of the date of this letter. If you remain dissatisfied after the review, you may complain to the \
Information Commissioner (https://ico.org.uk/make-a-complaint/).

Yours sincerely

Information Manager
"""
# (letter, what is broken, regex, replacement, the finding ids any one of which must appear)
FOLLOWUP_MUTATIONS = [
    # a prejudice-based NCND provision must say which interest the Act names confirming or denying would harm
    (NCND_LETTER, "section 31(3) naming none of the matters in section 31(1)",
     r"the\s+apprehension or prosecution of offenders \(the matters in section 31\(1\)\(b\)\): anyone involved would "
     r"learn whether they\s+had come to our attention", "law enforcement", {"reason:s31"}),
    (NCND_LETTER, "section 38(2) naming neither health nor safety",
     r"endanger the\s+safety of witnesses who came forward", "affect witnesses", {"reason:s38"}),
    # "the purposes in section 30(1) or section 30(2)" refers to both: still an NCND letter that says nothing is held
    (NCND_LETTER, "section 30(2) claimed for information held",
     r"Section 38\(2\) also applies", "We withhold the witness statements we hold under section 30(2). Section 38(2) "
     "also applies", {"ncnd-consistency"}),
    # a reason follows its heading's section, not one named in passing; the reason itself still counts
    (POSITION_LETTER, "section 40(2) given no reason (under its own heading)",
     r"The engineers are junior staff.*?UK GDPR\.", "We have considered this carefully.", {"reason:s40"}),
]


@pytest.mark.parametrize("original,what,pattern,replacement,expected", FOLLOWUP_MUTATIONS,
                         ids=[m[1][:40] for m in FOLLOWUP_MUTATIONS])
def test_each_followup_mutation_is_flagged(kb, original, what, pattern, replacement, expected):
    assert check(original, kb).ok, check(original, kb).summary()
    assert not check(original, kb).warnings, check(original, kb).summary()
    mutated, count = re.subn(pattern, replacement, original, flags=re.S)
    assert count, f"the mutation '{what}' found nothing to change"
    found = set(check(mutated, kb).ids())
    assert found & expected, f"{what}: expected one of {expected}, got {found}"


def test_ncnd_prejudice_without_its_likelihood_is_a_warning(kb):
    """s17(1)(c) asks why the provision applies (the interest); the likelihood ("would" or "would be likely to") is
    the ICO's expectation, not the Act's words: a warning, and the letter passes."""
    damaged = NCND_LETTER.replace("would be likely to endanger the \\\nsafety", "endangers the safety").replace(
        "would be likely to endanger the safety", "endangers the safety").replace(
        "and would put people at risk", "and puts people at risk")
    assert damaged != NCND_LETTER
    result = check(damaged, kb)
    assert result.ok and [w.id for w in result.warnings] == ["reason:s38"], result.summary()
    assert "section 38(2)" in result.warnings[0].message


def test_a_request_for_clarification_is_no_refusal_notice(kb):
    """A request for clarification (FOIA s1(3), EIR reg 9(2), FOISA s1(3)) refuses nothing: no notice's particulars
    (s17(7), reg 14(5), FOISA s19), under any law; a refusal that also asks for clarification is still a refusal."""
    foia = ("Dear Ms Smith\n\nThank you for your request of 5 April 2028, which we are dealing with under the Freedom "
            "of Information Act 2000.\n\nTo identify and locate the information you are asking for, we need more "
            "detail from you: which incident you mean.\n\nUnder section 1(3) of the Freedom of Information Act 2000, "
            "we are not obliged to deal with your request until we receive this further information.\n\nYours "
            "sincerely\n\nInformation Manager\n")
    eir = foia.replace("the Freedom of Information Act 2000", "the Environmental Information Regulations 2004").replace(
        "Under section 1(3) of the Environmental Information Regulations 2004, we are not obliged to deal with",
        "We ask for these particulars under regulation 9(2) of the Regulations. We cannot search for")
    foisa = foia.replace("Freedom of Information Act 2000", "Freedom of Information (Scotland) Act 2002").replace(
        "not obliged to deal with", "not required to comply with")
    for text in (foia, eir, foisa):
        result = check(text, kb)
        assert result.ok and result.kind == "clarification", result.summary()
    refusal = foia.replace("Yours", "We are also withholding the incident log under section 31(1)(a).\n\nYours")
    assert {"internal-review", "ico-complaint"} <= set(check(refusal, kb).ids())


def test_a_drafted_clarification_passes_by_its_blocks_under_each_law(rt):
    """foibot's clarification letter checked by its blocks (the structural rules) passes under each law with no finding;
    the same blocks with a part answered are a response again, and its parts are asked for as before."""
    from dataclasses import replace
    from datetime import date

    from foibot.letter.blocks import Block
    from foibot.letter.checks import check_draft
    from foibot.letter.clarification_letter import draft_clarification

    for regime in ("foia", "eir", "foisa"):
        authority = replace(rt.engine.authority, name="Example Body", short_name="Example Body", regime=regime)
        answers = {"regime": regime, "reference": "FOI-1", "received": "2028-04-05",
                   "clarification": {"points": ["which incident you mean"]}}
        draft = draft_clarification(rt.engine.env, rt.engine.kb, authority, answers, request_text="All about the "
                                    "incident last summer.", reference="FOI-1", letter_date=date(2028, 4, 7))
        checked = {"regime": regime, "reference": "FOI-1", "received": "2028-04-05"}
        result = check_draft(draft.blocks, checked, rt.engine.kb, letter_date=date(2028, 4, 7))
        assert result.ok and result.kind == "clarification" and not result.warnings, (regime, result.summary())
        answered = [*draft.blocks, Block("para", "We hold the information.", role="held:1")]
        found = set(check_draft(answered, checked, rt.engine.kb, letter_date=date(2028, 4, 7)).ids())
        assert "internal-review" in found, (regime, found)
