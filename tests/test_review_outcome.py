"""An internal review's outcome letter (FOIA internal review, EIR regulation 11 reconsideration, FOISA section 21
review), drafted from the answers files in tests/fixtures/answers/review-outcome/: upheld, partly upheld and not
upheld, under each law. Each whole letter says what it must (both references, the original request, who reviewed
it, each finding, the outcome, what is still withheld with its reasons and Annex A, the Commissioner) and nothing it
must not (another internal review offered, markup, an NCND admission); then ``foibot draft`` and ``foibot check``.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from probes import assert_signable

from foibot.surfaces.cli import main

HERE = Path(__file__).resolve().parent / "fixtures" / "answers" / "review-outcome"
REQUEST = (HERE / "review-request-foia.txt").read_text(encoding="utf-8")
ANOTHER_REVIEW = ("ask for an internal review", "may ask us to review", "within 40 working days",
                  "make representations to us under regulation 11", "[to be completed")
UK = ("section 50 of the Freedom of Information Act 2000", "https://ico.org.uk/make-a-complaint/",
      "within six weeks of our final response, so by 20 May 2025", "This concludes our review")
SCOTTISH = ("section 47(1)", "Scottish Information Commissioner", "Court of Session", "section 56",
            "https://www.legislation.gov.uk/asp/2002/13/section/56", "section 21", "This concludes our review")
BOTH_REFS = "Our reference: FOI 2025-7/IR (review of FOI 2025-7)"
REVIEWER = "The review was carried out by Priya Shah, Head of Information Governance, who took no part in the original"
LEAKS = re.compile(r"(?<!whether )\bwe hold\b|\bwithheld\b|\bwithholding\b|\bwithhold\b|\bthe records\b|"
                   r"Factors in favour of disclosure", re.I)

# name -> (must contain, must not contain outside the quoted request and points)
EXPECT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "foia-partly-upheld": (
        (BOTH_REFS, REVIEWER, "Freedom of Information Act 2000", "Your original request was:",
         "Please tell me which police forces use software", "In asking for the review, you said:",
         "email of 17 March 2025", "our response of 11 March 2025", "your request of 10 February 2025",
         "Our response relied on section 31(1)(b). Having considered this afresh, we uphold that decision",
         "We are withholding the following under section 31(1)(b) of the Act", "would be likely to",
         "Our response relied on section 43(2). Having considered this afresh, we do not uphold that decision",
         "£48,200 in 2024", "Attached: Cost of monitoring software 2024.pdf",
         "Our response was late: it was due by 10 March 2025", "We apologise for the delay",
         "we uphold our original decision in part", "refusal notice under section 17(1) of the Act",
         "Annex A", "Public interest test for section 31(1)(b)", "no further internal review", *UK),
        (*ANOTHER_REVIEW, "Public interest test for section 43", "under section 43(2) of the Act (",
         "regulation", "Scottish")),
    "foia-ncnd-upheld": (
        (BOTH_REFS, REVIEWER, "neither confirmed nor denied", "section 31(3)", "we uphold that decision",
         "confirming or denying", "The outcome of the review is that we uphold our original decision.",
         "This letter is a refusal notice under section 17(1) of the Act.", *UK),
        (*ANOTHER_REVIEW, "So far as we still withhold", "Our response was late")),
    "foia-not-held-overturned": (
        (BOTH_REFS, REVIEWER, "we searched again", "found the minutes of a meeting held on 14 March 2024",
         "Our response said that we do not hold", "we do not uphold that", "the minutes of the meeting of 14 March "
         "2024", "Attached: ICT steering group minutes 14 March 2024.pdf",
         "The outcome of the review is that we do not uphold our original decision", *UK),
        (*ANOTHER_REVIEW, "Annex A", "refusal notice", "exempt")),
    "eir-upheld": (
        (BOTH_REFS, "RECONSIDERATION OF YOUR ENVIRONMENTAL INFORMATION REQUEST", "regulation 11 of the Environmental "
         "Information Regulations 2004", "The reconsideration was carried out by Priya Shah",
         "our decision under regulation 11", "regulation 12(5)(e)", "would adversely affect",
         "presumption in favour of disclosure", "refusal under regulation 14 of the Regulations",
         "as applied by regulation 18 of the Regulations", "we uphold our original decision", *UK),
        (*ANOTHER_REVIEW, "section 17(1)", "likely to", "no further internal review")),
    "eir-not-upheld": (
        (BOTH_REFS, "regulation 12(5)(e)", "we do not uphold that decision", "unit prices, now that the contract has "
         "ended", "Attached: Resurfacing contract prices.xlsx", "we do not uphold our original decision",
         "regulation 18", *UK),
        (*ANOTHER_REVIEW, "Annex A", "refusal under regulation 14", "Public interest test")),
    "foisa-upheld": (
        (BOTH_REFS, "REVIEW OF YOUR INFORMATION REQUEST", "required us to review", "Freedom of Information "
         "(Scotland) Act 2002", "section 35(1)(a)", "substantially prejudice", "we confirm our original decision "
         "without modification, under section 21(4) of the Act", "as section 16 of the Act requires",
         "no further review by us under section 20", *SCOTTISH),
        (*ANOTHER_REVIEW, "section 50", "ico.org.uk", "Information Commissioner under", "section 17(1)",
         "six weeks")),
    "foisa-substituted": (
        (BOTH_REFS, "Our response relied on section 33(1)(b)", "we do not consider that it applies",
         "exempt under section 35(1)(a) instead", "with the modifications set out above", *SCOTTISH),
        (*ANOTHER_REVIEW, "section 50", "ico.org.uk", "Public interest test for section 33")),
}
TYPES = {"foia": "police", "eir": "council", "foisa": "council"}


def _answers(name: str) -> dict:
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


def _draft(rt, name: str):
    answers = _answers(name)
    regime = answers["regime"]
    rt.engine.authority = replace(rt.authority, type=TYPES[regime], name="Example Body", short_name="Example Body",
                                  regime="foisa" if regime == "foisa" else "foia",
                                  signature_role="On behalf of Example Body")
    return rt.engine.draft_answers(REQUEST, answers)


def _own_words(text: str) -> str:
    """The letter without its quotations (the original request, the requester's points) or Annex A's statute."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("    "))


def test_every_outcome_file_has_expectations():
    assert {p.stem for p in HERE.glob("*.json")} == set(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_outcome_letter(rt, name):
    draft = _draft(rt, name)
    must, must_not = EXPECT[name]
    assert_signable(rt, draft, list(must), list(must_not), _own_words(draft.text()))
    assert draft.reference == "FOI 2025-7/IR"
    assert "*" not in draft.text() and "#" not in draft.text() and "Note:" not in draft.text()


def test_an_ncnd_outcome_never_implies_the_information_is_held(rt):
    own = _own_words(_draft(rt, "foia-ncnd-upheld").text()).split("Yours sincerely")[0]
    assert LEAKS.findall(own) == [], own


@pytest.mark.parametrize(("name", "due"), [("foia-partly-upheld", "2025-04-14"), ("eir-upheld", "2025-05-15"),
                                           ("foisa-upheld", "2025-04-14")])
def test_the_review_is_due_20_working_days_after_it_was_asked_for_40_under_the_eir(rt, name, due):
    draft = _draft(rt, name)
    assert draft.due.due.isoformat() == due and draft.due.received.isoformat() == "2025-03-17"


def test_a_reviewer_who_took_part_is_cautioned_and_the_letter_does_not_say_otherwise(rt):
    answers = {**_answers("foia-partly-upheld"), "reviewer_involved": "yes"}
    draft = rt.engine.draft_answers(REQUEST, answers)
    assert "took no part" not in draft.text()
    assert "The review was carried out by Priya Shah, Head of Information Governance." in draft.text()
    assert any("took part in the original decision" in note for note in draft.notes)


def test_points_given_as_a_list_are_listed_in_place_of_the_message(rt):
    answers = {**_answers("eir-upheld"), "points": ["The contract has ended.", "Prices of public works should be "
                                                                               "public."]}
    text = _draft_with(rt, answers).text()
    assert "  - The contract has ended." in text and "I am writing to request" not in text


def _draft_with(rt, answers: dict):
    rt.engine.authority = replace(rt.authority, type="council")
    return rt.engine.draft_answers(REQUEST, answers)


def test_a_substitution_without_its_exemption_is_refused(rt):
    answers = {**_answers("foisa-substituted"), "findings": [{"subject": "s33(1)(b)", "decision": "substituted"}]}
    rt.engine.authority = replace(rt.authority, regime="foisa")
    with pytest.raises(Exception, match="'substituted' needs the exemptions now relied on"):
        rt.engine.draft_answers(REQUEST, answers)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_foibot_draft_drafts_an_outcome_from_an_answers_file_and_foibot_check_passes_it(capsys, tmp_path,
                                                                                         monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2025-04-08")
    db, letter = str(tmp_path / "f.sqlite"), tmp_path / "outcome.txt"
    code, _, err = _run(capsys, "--db", db, "draft", str(HERE / "review-request-foia.txt"), "--answers",
                        str(HERE / "foia-partly-upheld.json"), "-o", str(letter))
    assert code == 0 and "Due Mon 14 Apr 2025" in err and "Statutory check passed" in err, err
    assert BOTH_REFS in letter.read_text(encoding="utf-8")
    code, out, _ = _run(capsys, "--db", db, "check", str(letter))
    assert code == 0 and "Statutory check passed" in out, out


def test_foibot_check_fails_an_outcome_that_withholds_without_the_right_to_complain(capsys, tmp_path, rt):
    text = _draft(rt, "foia-partly-upheld").text()
    cut = re.sub(r"\d+\. If you remain dissatisfied.*?make-a-complaint/\.\n", "", text, flags=re.S)
    assert cut != text
    letter = tmp_path / "no-ico.txt"
    letter.write_text(cut, encoding="utf-8")
    code, out, _ = _run(capsys, "--db", str(tmp_path / "f.sqlite"), "check", str(letter))
    assert code == 3 and "Information Commissioner" in out, out


def test_foibot_check_reads_an_outcome_that_still_withholds_as_a_refusal(capsys, tmp_path, rt):
    """A review's outcome that upholds an exemption is checked as the refusal it is (s17(1)(c) and s17(3)): the
    outcome without the withholding paragraph and the public interest test fails; with them it passes."""
    text = _draft(rt, "foia-partly-upheld").text()
    cut = re.sub(r"\d+\. We are withholding the following under section 31\(1\)\(b\).*?\n", "", text)
    cut = re.sub(r"Public interest test for section 31\(1\)\(b\).*?Balance of the public interest:[^\n]*\n", "", cut,
                 flags=re.S)
    assert cut != text and "Factors in favour" not in cut
    for name, letter_text, code in (("whole.txt", text, 0), ("cut.txt", cut, 3)):
        letter = tmp_path / name
        letter.write_text(letter_text.split("\nDue ")[0], encoding="utf-8")
        got, out, _ = _run(capsys, "--db", str(tmp_path / "f.sqlite"), "check", str(letter))
        assert got == code, out
    assert "[s17(3)] No complete public interest test for section 31" in out
    assert "section 43" not in out  # released on review: nothing to give for it


def test_an_own_draft_without_the_reason_fails_its_check(rt):
    answers = _answers("foia-partly-upheld")
    answers["s31"] = {k: v for k, v in answers["s31"].items() if k not in ("reason", "withheld")}
    draft = rt.engine.draft_answers(REQUEST, answers)
    assert not draft.checks.ok and any(i.startswith(("reason", "complete")) for i in draft.checks.ids()), \
        draft.checks.summary()
