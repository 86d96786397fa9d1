"""Tryout 7's findings on letters and the check (the tryout's own answers, read back from its cases).

The defects these pin down: a government department's section 36 opinion given by "the Permanent Secretary" passed
the check, though for a department in the charge of a Minister the qualified person is a Minister of the Crown
(s36(5)(a)); a FOISA letter got a finding citing FOIA's "[s2(1)(b)]" about its correct section 18(1) wording, because
an exemption withheld in another part (s30) was read as one relied on with section 18(1); "we expect to publish it in
20 July" (a date without its year, and "in" a day); a section 41 paragraph that never said why an absolute exemption
still weighs the public interest; "29 rules ran, 29 not applicable" in the chat beside "27 rules ran, 31 not
applicable" from `foibot check` on the same letter, with no word of what each had checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from profiles import copy_profile

from foibot.knowledge.loading import load_knowledge
from foibot.letter.checking.result import CheckResult
from foibot.letter.checks import rulebook
from foibot.surfaces.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOVT_REQUEST = """From: Harriet Osei <h.osei@ruralnews.example.com>
Date: Wed, 2 Jun 2027 09:14:00 +0100
Subject: FOI request - board minutes

Under the Freedom of Information Act 2000 please provide the minutes of the Departmental Board meetings in 2026 at
which the restructuring of the Department's regional offices was discussed, and the rural population statistics for
2027 which I understand are due out next month.

Regards,
Harriet Osei
"""
S36 = {"limb": "2(b)(ii)", "qualified_person": "the Permanent Secretary, Sarah Lyle", "opinion_date": "2027-06-13",
       "withheld": "the board members' views on the options for the regional offices",
       "reason": "disclosing the board members' individual views while the restructuring is under way would be likely "
                 "to inhibit the free and frank exchange of views at future board meetings",
       "likelihood": "would_be_likely", "pit_for": ["decision-transparency"],
       "pit_against": ["chilling-effect", "safe-space"]}
S22 = {"planned_before_request": "yes", "publication_date": "20 July",
       "withheld": "the rural population statistics 2027",
       "reason": "they are official statistics whose release date has been pre-announced", "pit_for": ["timeliness"],
       "pit_against": ["settled-plan"]}
GOVT = {"requester_name": "Harriet Osei", "received": "2027-06-03", "reference": "FOI 2027-2", "held": "yes",
        "disclosure": "partial", "disclosed": "the minutes, with the board members' comments redacted",
        "request_summary": "ask for board minutes and rural population statistics",
        "exemptions": ["s36(2)(b)(ii)", "s22"], "s36": S36, "s22": S22}
S36_5 = "https://www.legislation.gov.uk/ukpga/2000/36/section/36"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def draft(capsys, tmp_path: Path, data: Path, answers: dict, request: str, fmt: str = "json") -> tuple[int, str]:
    (tmp_path / "request.txt").write_text(request, encoding="utf-8")
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    code, out, err = run(capsys, "--data", str(data), "--db", str(tmp_path / "d.sqlite"), "draft",
                         str(tmp_path / "request.txt"), "--answers", str(tmp_path / "answers.json"), "--format", fmt)
    assert code == 0, err
    return code, out


def check(capsys, tmp_path: Path, data: Path, letter: str) -> tuple[int, str]:
    (tmp_path / "letter.txt").write_text(letter, encoding="utf-8")
    code, out, _ = run(capsys, "--data", str(data), "--db", str(tmp_path / "d.sqlite"), "check",
                       str(tmp_path / "letter.txt"))
    return code, out


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2027-06-14")


@pytest.fixture
def govt(tmp_path, today) -> Path:
    return copy_profile(tmp_path / "govt", type="central_government")


# 1. Section 36(5)(a): a government department's qualified person is a Minister of the Crown


def test_a_departments_s36_opinion_from_a_permanent_secretary_is_a_finding(capsys, tmp_path, govt):
    out = json.loads(draft(capsys, tmp_path, govt, GOVT, GOVT_REQUEST)[1])
    message = ("'the Permanent Secretary, Sarah Lyle' is named as the qualified person. For a government department in "
               "the charge of a Minister of the Crown, the qualified person is a Minister of the Crown (section "
               f"36(5)(a), {S36_5}): a civil servant's opinion does not engage section 36. Obtain a Minister's "
               "reasonable opinion, or, if this department is not in the charge of a Minister, check who section "
               "36(5) makes its qualified person.")
    assert out["checks"]["findings"] == [{"id": "qualified-person-who:s36", "rule": "s36(5)(a)", "message": message}]
    assert out["checks"]["ok"] is False
    # and the officer's notes under the draft say it where the s35 note for the wrong kind of authority is
    assert [n for n in out["notes"] if "36(5)" in n] == [
        "Section 36: 'the Permanent Secretary, Sarah Lyle' looks like a civil servant's post. For a government "
        "department in the charge of a Minister of the Crown, only a Minister of the Crown can give the qualified "
        f"person's opinion (section 36(5)(a), {S36_5}). Check who gave it before sending."]
    # the letter's text, checked on its own, says the same, once
    code, said = check(capsys, tmp_path, govt, out["letter"] + "\n" + out["annex"])
    assert code == 3
    assert said == ("Statutory check: 1 finding(s) (19 checks of the letter's text ran, 32 did not apply)\n"
                    f"- [s36(5)(a)] {message}\n")


@pytest.mark.parametrize("who", ["the Secretary of State for Rural Affairs", "Lord Benn, Minister of State",
                                 "the Parliamentary Under-Secretary of State, Jo Hale"])
def test_a_ministers_opinion_passes(capsys, tmp_path, govt, who):
    answers = {**GOVT, "s36": {**S36, "qualified_person": who}}
    out = json.loads(draft(capsys, tmp_path, govt, answers, GOVT_REQUEST)[1])
    assert out["checks"]["ok"] is True, out["checks"]["findings"]
    assert "qualified-person-who:s36" in out["checks"]["checked"]
    assert not [n for n in out["notes"] if "36(5)" in n]
    code, said = check(capsys, tmp_path, govt, out["letter"] + "\n" + out["annex"])
    assert code == 0 and said.startswith("Statutory check passed"), said


def test_other_authorities_are_not_held_to_the_ministers_rule(capsys, tmp_path, today):
    """Section 36(5) names other qualified persons for other authorities: the rule is for government departments."""
    council = copy_profile(tmp_path / "council", type="council")
    answers = {**GOVT, "s36": {**S36, "qualified_person": "the Chief Executive, Sarah Lyle"}}
    out = json.loads(draft(capsys, tmp_path, council, answers, GOVT_REQUEST)[1])
    assert out["checks"]["ok"] is True, out["checks"]["findings"]
    assert "qualified-person-who:s36" in out["checks"]["not_applicable"]
    assert not any("qualified-person-who" in c for c in out["checks"]["checked"])


def test_who_qualifies_is_data_in_the_rules_file(capsys, tmp_path, govt):
    """What the rule knows about who qualifies is in intents/check-rules.yaml: a profile can change it."""
    rules = govt / "intents" / "check-rules.yaml"
    text = rules.read_text(encoding="utf-8")
    assert "permanent secretary, " in text
    rules.write_text(text.replace("[permanent secretary, ", "[", 1), encoding="utf-8")
    out = json.loads(draft(capsys, tmp_path, govt, GOVT, GOVT_REQUEST)[1])
    assert out["checks"]["ok"] is True, out["checks"]["findings"]


# 2. Each law's rules cite that law's provisions; FOISA's section 18(1) wording passes

SCHOOL = "Please send me the full business case and risk register for the proposed closure of Kinloch Primary School."
SCOT_REQUEST = f"""1. {SCHOOL}
2. Has the council received any complaint about or carried out any investigation into Councillor Fiona Baird's conduct?
"""
SCOT = {"requester_name": "Callum MacLeod", "received": "2027-06-01", "reference": "FOI 2027-1",
        "request_summary": "ask about the school closure and a councillor", "regime": "foisa",
        "parts": [{"text": SCHOOL, "held": "yes", "disclosure": "none",
                   "exemptions": ["s30(b)(ii)", "s30(c)"]},
                  {"text": "Has the council received any complaint about or carried out any investigation into "
                           "Councillor Fiona Baird's conduct?", "held": "ncnd", "exemptions": ["s38(1)(b)"]}],
        "foisa-s30": {"limb": "b(ii)", "withheld": "the business case and risk register",
                      "reason": "the proposal is still being considered by the Education Committee",
                      "likelihood": "would_be_likely", "pit_for": ["for-1", "for-2"],
                      "pit_against": ["against-1", "against-2"],
                      "pit_conclusion": "withholding: the committee has not decided yet"},
        "foisa-s38": {"limb": "1(b)",
                      "reason": "confirming either way would reveal personal data about the councillor that she would "
                                "reasonably expect to be kept private, and this would be unfair",
                      "pit_for": ["There is a public interest in the conduct of elected members."],
                      "pit_against": ["Councillors, like anyone else, may expect that whether they have been the "
                                      "subject of a complaint is not made public."]}}


def test_a_foisa_ncnd_beside_a_refusal_under_another_section_passes(capsys, tmp_path, today):
    scot = copy_profile(tmp_path / "scot", regime="foisa", type="council")
    out = json.loads(draft(capsys, tmp_path, scot, SCOT, SCOT_REQUEST)[1])
    letter = out["letter"] + "\n" + out["annex"]
    assert "Under section 18(1) of the Act we may refuse to reveal whether such information exists or is held" in letter
    assert "outweighs the public interest in disclosing the information" in letter  # section 30's own test
    assert out["checks"]["findings"] == [], out["checks"]["findings"]
    code, said = check(capsys, tmp_path, scot, letter)
    assert (code, "finding" in said, "s2(1)(b)" in said) == (0, False, False), said
    assert said.startswith("Statutory check passed ("), said


def test_a_foisa_finding_cites_foisa():
    book = rulebook(load_knowledge(ROOT))
    result = CheckResult(regime="foisa")
    for rid in ("ncnd-pit", "ncnd-provision", "reason", "pit", "s14-notice", "advice"):
        book.need(result, rid, False, "foisa-s38", label="section 38", detail="")
    assert [f.rule for f in result.findings] == ["FOISA s18(1)", "FOISA s18(1)", "FOISA s16(1)(d)", "FOISA s16(2)",
                                                 "FOISA s16(5)", "FOISA s15"]
    assert result.findings[0].message == ("Under section 18(1) the public interest weighed is that in revealing "
                                          "whether the information exists or is held, not in disclosing the "
                                          "information.")
    foia = CheckResult(regime="foia")
    book.need(foia, "ncnd-pit", False)
    assert [f.rule for f in foia.findings] == ["s2(1)(b)"]


# Which rules can run under each law (the others are for one law's provisions only: FOIA's sections 22, 36 and 40 and
# 23(5)/24(2), the EIR's regulations, FOISA's own sections, or foibot's drafting).
FOIA_ONLY = {"ncnd-either-or", "ncnd-own-data", "publication-date", "qualified-person", "qualified-person-who"}
NOT_UNDER_EIR = FOIA_ONLY | {"cost-limit", "cost-estimate", "advice", "cost-exceeds", "s14-notice",
                             "foia-no-eir-exception"}
NOT_UNDER_FOISA = FOIA_ONLY | {"ico-complaint"}
UK_WORDS = re.compile(r"Freedom of Information Act 2000|section 17\((5|6)\)|section 50\b|section 2\(1\)|"
                      r"section 16\b(?! ?\()|Fees Regs|Information Commissioner(?!.*Scottish)|\bFOIA\b(?! letter)",
                      re.I)


def test_every_rule_cites_the_provision_of_each_law_it_runs_under():
    book = rulebook(load_knowledge(ROOT))
    for rid in book.ids():
        rule = book[rid]
        if rule.rule == "drafting":
            continue
        if not (rid.startswith(("eir-", "foisa-")) or rid in NOT_UNDER_FOISA):
            source, message = rule.under("foisa")
            assert source.startswith("FOISA "), (rid, source)
            assert not UK_WORDS.search(re.sub(r"\{\w+\}", "", message)), (rid, message)
        if not (rid.startswith(("foisa-", "eir-")) or rid in NOT_UNDER_EIR):
            source, _ = rule.under("eir")
            assert "reg " in source, (rid, source)
        if rid.startswith("foisa-"):
            assert rule.under("foia") == rule.under("foisa")


# 3. A date typed without its year is written in full: "on" a day, "in" a month


def test_a_publication_date_without_its_year_is_written_in_full(capsys, tmp_path, govt):
    answers = {**GOVT, "s36": {**S36, "qualified_person": "the Secretary of State"}}
    for typed, said in (("20 July", "on 20 July 2027"), ("July 20th", "on 20 July 2027"),
                        ("by 20 July", "by 20 July 2027"), ("July", "in July 2027"), ("March", "in March 2028"),
                        ("20 July 2027", "on 20 July 2027"), ("spring 2028", "in spring 2028"),
                        ("next month", "next month")):
        given = {**answers, "s22": {**S22, "publication_date": typed}}
        letter = json.loads(draft(capsys, tmp_path, govt, given, GOVT_REQUEST)[1])["letter"]
        assert f"and we expect to publish it {said}. They are official statistics" in letter, (typed, letter)
        assert not re.search(r"\bin \d{1,2} [A-Z][a-z]+\b(?! \d{4})", letter), typed


# 4. Section 41: absolute, yet the public interest is weighed through the defence to a breach of confidence


def test_the_s41_paragraph_says_why_the_public_interest_is_still_weighed(capsys, tmp_path, today):
    data = copy_profile(tmp_path / "nhs", type="health")
    answers = json.loads((ROOT / "tests/fixtures/answers/probe/health-s41-confidence.json").read_text("utf-8"))
    out = json.loads(draft(capsys, tmp_path, data, answers, "Please send me the consultant's report.")[1])
    paragraph = next(p for p in out["letter"].split("\n\n") if "(information provided in confidence)" in p)
    assert paragraph == (
        "3. We are withholding the following under section 41(1) of the Act (information provided in confidence): the "
        "report. We "
        "obtained this information from the family of the patient, and disclosing it would be a breach of confidence "
        "actionable by them or by any other person. The report contains medical information given to us by the "
        "patient's family in confidence; disclosure would be an actionable breach of confidence. Section 41 is an "
        "absolute exemption, so the public interest test in section 2 of the Act does not apply. A breach of "
        "confidence is not actionable, however, where disclosure would be justified in the public interest, so we have "
        "also considered whether that defence would be available here. We have concluded that it would not: the "
        "public interest in keeping the confidence is stronger than any public interest in disclosing the "
        "information, so disclosing it would be an actionable breach of confidence.")
    assert out["checks"]["ok"] is True, out["checks"]["findings"]
    assert "Factors in favour" not in out["letter"] + out["annex"]


# 5. The chat's check and `foibot check` each say what they checked


def test_each_check_says_what_it_read(capsys, tmp_path, govt):
    answers = {**GOVT, "s36": {**S36, "qualified_person": "the Secretary of State"}}
    _, out = draft(capsys, tmp_path, govt, answers, GOVT_REQUEST, fmt="text")
    err = capsys.readouterr().err  # draft's summary went to standard error already; read it from JSON instead
    assert err == ""
    drafted = json.loads(draft(capsys, tmp_path, govt, answers, GOVT_REQUEST)[1])["checks"]
    (tmp_path / "letter.txt").write_text(out, encoding="utf-8")
    code, said, _ = run(capsys, "--data", str(govt), "--db", str(tmp_path / "d.sqlite"), "check",
                        str(tmp_path / "letter.txt"))
    text = json.loads(run(capsys, "--data", str(govt), "--db", str(tmp_path / "d.sqlite"), "check",
                          str(tmp_path / "letter.txt"), "--json")[1])
    assert code == 0
    assert said == (f"Statutory check passed ({len(text['checked'])} checks of the letter's text ran, "
                    f"{len(text['not_applicable'])} did not apply; exemptions: s22, s36).\n")
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    _, _, err = run(capsys, "--data", str(govt), "--db", str(tmp_path / "d.sqlite"), "draft",
                    str(tmp_path / "request.txt"), "--answers", str(tmp_path / "answers.json"))
    assert (f"Statutory check passed ({len(drafted['checked'])} checks of the letter and its answers ran, "
            f"{len(drafted['not_applicable'])} did not apply; exemptions: s22, s36).") in err
    assert "rules ran" not in said + err and "not applicable" not in said + err
