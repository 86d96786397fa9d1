"""The FOI expert's review: 23 scenarios not in the outcome files, drafted for their own authority types
(police, council, NHS, central government with the £600 limit, a Scottish council under FOISA) and read as a
reviewer would. Each letter must say what the law needs and nothing it must not; NCND parts must not leak;
foibot's own check must pass the lawful ones and flag the unlawful ones. Then mutations of foibot's own drafts:
remove one required element at a time from the text; the text check must flag each.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from profiles import copy_profile

from foibot.errors import FoibotError

REVIEW = Path(__file__).resolve().parent / "fixtures" / "answers" / "review"
TYPES = {"police": "police", "council": "council", "gov": "central_government", "nhs": "health", "scot": "council"}
LEAKS = re.compile(r"(?<!whether )\bwe hold\b|\bwithheld\b|\bwithholding\b|\bredact|\bthis information\b|"
                   r"Factors in favour of disclosure|\bthe records\b", re.I)
NCND_LEAK_FREE = ("council-eir-ncnd-12-6", "council-eir-ncnd-13-5", "scot-council-foisa-ncnd-s18-s38")
FOISA_ONLY = ("Freedom of Information (Scotland) Act 2002", "section 20", "40 working days", "section 47",
              "Scottish Information Commissioner")
UK_ROUTE = ("Freedom of Information Act 2000", "section 50", "ico.org.uk")
EIR_ROUTE = ("Environmental Information Regulations 2004", "regulation 11", "regulation 18", "regulation 14")

# name -> (must contain, must not contain)
EXPECT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "police-parts-disclosure-and-ncnd-s30": (
        ("Part 1", "214 such complaints", "Part 2", "neither confirm nor deny", "section 30(3)",
         "confirming or denying"), ("section 30(1)(a) of the Act (", "Factors in favour of disclosure")),
    "council-parts-own-data-40-5a-and-third-party-40-2": (
        ("section 40(5A)", "section 40(2)", "the job titles of the three officers", "junior council officers",
         "absolute"), ("40(5B)", "subject access request under the UK GDPR, and will write to you separately. Some")),
    "gov-s12-aggregated": (("£600", "24 hours", "60 hours", "aggregated", "section 16", "section 17(5)",
                            "one supplier"), ("£450", "18 hours", "Annex A", "Factors in favour")),
    "council-s14-1-vexatious": (("section 14(1)", "vexatious", "section 17(5)", "thirty-second request"),
                                ("Annex A", "Factors in favour", "we hold")),
    "nhs-s21-published": (("section 21", "https://www.example-trust.nhs.uk/about/performance/waiting-times-2024",
                           "absolute"), ("Factors in favour", "public interest test for")),
    "police-s22-no-date": (("section 22(1)", "we have not set a date", "annual report", "outweigh"),
                           ("[to be completed", "inspection")),
    "gov-s36-qualified-person": (("section 36(2)(b)(ii)", "the Minister of State", "24 February 2025",
                                  "qualified person", "would be likely to", "outweigh"), ()),
    "police-s38-and-s31": (("section 31(1)(a)", "section 38(1)(b)", "Public interest test for section 31(1)(a)",
                            "Public interest test for section 38(1)(b)", "Staff who work at the sites"), ()),
    "council-eir-r12-5-b": (("regulation 12(5)(b)", "would adversely affect", "regulation 12(2)",
                             "presumption in favour of disclosure", *EIR_ROUTE),
                            ("likely to", "section 30", "section 31", "exemption")),
    "gov-eir-r12-4-e": (("regulation 12(4)(e)", "internal communications", "regulation 12(2)",
                         "Public interest test for regulation 12(4)(e)", *EIR_ROUTE), ("section 36", "exemption")),
    "council-eir-r13-no-pit": (("regulation 13", "the date and location of the incident", "no public interest test",
                                *EIR_ROUTE), ("Factors in favour", "section 40")),
    "police-s17-2-extension": (("section 17(2)", "section 31(1)(a)", "7 April 2025"),
                               ("we have concluded", "Annex A", "Factors in favour")),
    "scot-council-foisa-s35": (("section 35(1)(a)", "exempt information", "substantially prejudice", "section 16",
                                "https://www.legislation.gov.uk/asp/2002/13/section/35", *FOISA_ONLY), UK_ROUTE),
    "scot-council-foisa-ncnd-s18-s38": (("section 18(1)", "section 38(1)(b)", "contrary to the public interest",
                                         "revealing whether the information exists or is held", *FOISA_ONLY),
                                        (*UK_ROUTE, "duty to confirm or deny", "absolute")),
    "scot-council-foisa-not-held": (("do not hold", "section 17(1)", "community trust", *FOISA_ONLY), UK_ROUTE),
    "council-eir-ncnd-12-6": (("neither confirm nor deny", "regulation 12(6)", "regulation 12(5)(a)",
                               "refusal notice under regulation 14", "regulation 12(2)",
                               "Factors in favour of neither confirming nor denying", *EIR_ROUTE),
                              ("section 24", "duty to confirm or deny", "reads, so far as relevant")),
    "council-eir-ncnd-13-5": (("neither confirm nor deny", "regulation 13(5)", *EIR_ROUTE),
                              ("section 40", "Factors in favour", "duty to confirm or deny")),
    "nhs-s41-confidence": (("section 41(1)", "absolute", "actionable breach of confidence"), ("Factors in favour",)),
    "police-parts-ncnd-s23-s24-and-disclosure": (
        ("38 officers", "section 23(5) or, in the alternative, section 24(2)", "confirming or denying"),
        ("MI5 has", "we hold information supplied")),
    "council-parts-full-not-held-s43": (("Example Waste Ltd", "do not hold", "The contract began in 2019.",
                                         "section 43(2)", "outweigh"), ("section 43(3)",)),
    "gov-s42-legal-advice": (("section 42(1)", "legal professional privilege", "outweigh"), ()),
    "council-full-late": (("4,312 potholes",), ("exempt", "Annex A")),
}
UNLAWFUL = {"council-full-late": "on-time"}  # drafted, but the check must flag it
REFUSED = {"council-dated-before-receipt": "before the request was received"}


def _answers(name: str) -> dict:
    return json.loads((REVIEW / f"{name}.json").read_text(encoding="utf-8"))


def _request(answers: dict) -> str:
    parts = answers.get("parts") or []
    if parts:
        return "Dear FOI team,\n\n" + "\n".join(f"{i}. {p['text']}" for i, p in enumerate(parts, 1))
    return f"Dear FOI team,\n\nUnder the law, could you tell me: I {answers['request_summary']}?\n\nThanks"


def _draft(rt, name: str):
    kind = name.split("-")[0]
    rt.engine.authority = replace(rt.authority, type=TYPES[kind], name="Example Body", short_name="Example Body",
                                  cost_limit=600 if kind == "gov" else 450,
                                  regime="foisa" if kind == "scot" else "foia",
                                  signature_role="On behalf of Example Body")
    answers = _answers(name)
    return rt.engine.draft_answers(_request(answers), answers)


def test_every_review_file_has_expectations():
    assert {p.stem for p in REVIEW.glob("*.json")} == set(EXPECT) | set(REFUSED)
    assert len(EXPECT) + len(REFUSED) >= 20


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_review_scenario(rt, name):
    draft = _draft(rt, name)
    text = draft.text()
    body = text.split("You asked for the following:")[-1] if "Part 1" not in text else text
    must, must_not = EXPECT[name]
    assert [m for m in must if m not in text] == [], text
    assert [m for m in must_not if m in body] == [], text
    assert "[to be completed" not in text and "::" not in text and "{{" not in text
    assert not re.search(r"\bI (can|am|have|will|would|hope)\b", text)
    assert "On behalf of Example Body" in text and "HMICFRS" not in text
    if name in UNLAWFUL:
        assert UNLAWFUL[name] in draft.checks.ids(), draft.checks.summary()
    else:
        from foibot.letter.checks import check

        assert draft.checks.ok, f"{draft.checks.summary()}\n\n{text}"
        as_text = check(text, rt.kb, letter_date=draft.letter_date)  # the tolerant reader agrees on the export
        assert as_text.ok, as_text.summary()


@pytest.mark.parametrize("name", NCND_LEAK_FREE)
def test_ncnd_review_letters_never_imply_the_information_is_held(rt, name):
    text = _draft(rt, name).text()
    own = text.split("You asked for the following:")[-1]
    assert LEAKS.findall(own) == [], own


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unlawful_answers_are_refused_with_a_clear_message(rt, name):
    with pytest.raises(FoibotError, match=REFUSED[name]):
        _draft(rt, name)


def test_a_citation_of_the_ncnd_provision_is_understood_and_refused_outside_ncnd(rt):
    answers = _answers("police-s38-and-s31")
    answers["exemptions"] = ["s31(3)"]
    with pytest.raises(FoibotError, match="neither confirming nor denying"):
        _draft_answers(rt, answers)
    answers.update(held="ncnd", exemptions=["s31(3)"])
    answers.pop("disclosure")
    assert "section 31(3)" in _draft_answers(rt, answers).text()


def _draft_answers(rt, answers):
    rt.engine.authority = replace(rt.authority, type="police")
    return rt.engine.draft_answers(_request(answers), answers)


def test_factors_offered_fit_the_authority_type(kb):
    from dataclasses import replace as dc_replace

    s31 = kb.exemptions["s31"]
    police = {o.value for o in dc_replace(kb, authority_type="police").pit_bank(s31, "pit_for")}
    council = {o.value for o in dc_replace(kb, authority_type="council").pit_bank(s31, "pit_for")}
    assert "public-confidence" in police and "assurance-on-safeguards" not in police
    assert "public-confidence" not in council and "crime-prevention-openness" in council


def test_factors_written_for_another_type_of_authority_are_noted_for_the_officer(rt):
    answers = _answers("police-s38-and-s31")
    answers["s31"]["pit_for"] = ["assurance-on-safeguards"]  # an inspectorate's factor, in a police letter
    notes = _draft_answers(rt, answers).notes
    assert any("assurance-on-safeguards" in n and "police" in n for n in notes), notes
    assert not [n for n in _draft(rt, "police-s38-and-s31").notes if "another type of authority" in n]


def test_check_data_validates_the_check_rules_with_file_and_line(tmp_path, capsys):

    from foibot.surfaces.cli import main

    copy_profile(tmp_path)
    assert main(["--data", str(tmp_path), "check-data"]) == 0
    assert "check rules" in capsys.readouterr().out
    rules = tmp_path / "intents" / "check-rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("applies: s14\n", "applies: sometimes\n", 1),
                     encoding="utf-8")
    assert main(["--data", str(tmp_path), "check-data"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"check-rules\.yaml:\d+", err) and "sometimes" in err and "Traceback" not in err


def test_full_text_annex_never_quotes_unverified_statute(rt):
    answers = json.loads((REVIEW.parent / "partial-s31.json").read_text(encoding="utf-8"))
    answers["annex_full_text"] = True
    text = rt.engine.draft_answers((REVIEW.parent / "request-foia.txt").read_text(), answers).text()
    assert "(h) any civil proceedings" in text  # the whole verified text is quoted...
    assert "1976" not in text and "(i) any inquiry" not in text  # ...but never the unverified limb


# Mutations of foibot's own drafts: (scenario, what is removed, regex, replacement, finding ids any one of which)
MUTATIONS = [
    ("scot-council-foisa-s35", "no section 20 review", r"you may ask us to review.*?send it to:", "",
     {"foisa-review", "internal-review"}),
    ("scot-council-foisa-s35", "no Scottish Information Commissioner", r"\d+\. If you remain dissatisfied after our "
     r"review.*?foi\.scot/appeal\.", "", {"foisa-commissioner"}),
    ("scot-council-foisa-s35", "the UK route in a Scottish letter", r"apply to the Scottish Information "
     r"Commissioner for a decision under section 47 of the Freedom of Information \(Scotland\) Act 2002",
     "complain to the Information Commissioner under section 50 of the Scottish Information Commissioner rules",
     {"foisa-uk-law", "foisa-commissioner"}),
    ("scot-council-foisa-s35", "s16: not said to be exempt", r"as exempt information ", "",
     {"foisa-refusal"}),
    ("scot-council-foisa-s35", "no public interest balance", r"Balance of the public interest:.*?\n", "\n",
     {"pit:foisa-s35"}),
    ("scot-council-foisa-not-held", "s17 notice not named", r"This is notice under section 17\(1\) of the Act that "
     r"we do not hold it\.", "", {"foisa-not-held"}),
    ("scot-council-foisa-ncnd-s18-s38", "s18 without section 18(1)", r"section 18\(1\)", "the law",
     {"foisa-ncnd", "ncnd-provision"}),
    ("scot-council-foisa-ncnd-s18-s38", "s18 names no exemption", r"section 38(\(1\)\(b\))?", "the Act",
     {"foisa-ncnd"}),
    ("council-eir-ncnd-12-6", "no NCND provision", r"regulation 12\(6\)", "the Regulations",
     {"ncnd-provision"}),
    ("council-eir-ncnd-12-6", "NCND then confirms", r"This should not be taken",
     "We hold the information. This should not be taken", {"ncnd-consistency"}),
    ("council-eir-ncnd-12-6", "no reg 11", r"under regulation 11 of the Regulations", "", {"eir-representations"}),
    ("council-eir-r12-5-b", "reg 12(5) likely to", r"would adversely affect the interest",
     "would be likely to harm the interest", {"eir-adverse-effect"}),
    ("council-eir-r12-5-b", "no reg 18", r", as applied by regulation 18 of the Regulations", "",
     {"eir-enforcement"}),
    ("police-s38-and-s31", "bare section", r"section 31\(1\)\(a\)", "section 31", {"subsection:s31"}),
    ("police-s38-and-s31", "no factors for disclosure (s38)", r"(Public interest test for section 38\(1\)\(b\)\n\n)"
     r"Factors in favour of disclosure:\n\n  - [^\n]*\n", r"\1", {"pit:s38"}),
    ("police-s38-and-s31", "no ICO", r"\d+\. If you remain dissatisfied after the internal review.*?"
     r"make-a-complaint/\.", "", {"ico-complaint"}),
    ("police-s38-and-s31", "no internal review", r"\d+\. If you are unhappy.*?send your request to:", "",
     {"internal-review"}),
    ("gov-s12-aggregated", "no limit", r"£600|24 hours", "the limit", {"cost-limit:s12"}),
    ("gov-s12-aggregated", "no advice", r"To help you, as section 16.*?limit\.", "", {"advice:s12"}),
    ("council-s14-1-vexatious", "s14 not called vexatious", r"vexatious", "unhelpful", {"s14-notice:s14"}),
    ("gov-s36-qualified-person", "no qualified person", r"Our qualified person, the Minister of State, gave the "
     r"reasonable opinion on 24 February 2025 that", "We think that", {"qualified-person:s36"}),
    ("police-parts-ncnd-s23-s24-and-disclosure", "23(5) and 24(2) not in the alternative",
     r"section 23\(5\) or, in the alternative, section 24\(2\)", "section 23(5) and section 24(2)",
     {"ncnd-either-or"}),
    ("police-s17-2-extension", "extension without a date", r"We estimate that we will reach it by 7 April 2025[^.]*\.",
     "", {"extension-notice"}),
    ("gov-s42-legal-advice", "no law named", r"(the )?Freedom of Information Act 2000|Freedom of Information request",
     "the law", {"regime"}),
]


@pytest.mark.parametrize("name,what,pattern,replacement,expected", MUTATIONS,
                         ids=[f"{m[0]}:{m[1]}" for m in MUTATIONS])
def test_each_mutation_of_an_own_draft_is_flagged(rt, kb, name, what, pattern, replacement, expected):
    from foibot.letter.checks import check

    draft = _draft(rt, name)
    original = draft.text()
    assert check(original, kb, letter_date=draft.letter_date).ok, check(original, kb).summary()
    mutated, count = re.subn(pattern, replacement, original, flags=re.S | re.I)
    assert count, f"{what}: the pattern no longer matches the draft"
    found = check(mutated, kb, letter_date=draft.letter_date).ids()
    assert expected & set(found), f"{what}: expected one of {expected}, got {found}"
