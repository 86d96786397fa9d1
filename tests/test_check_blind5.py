"""The check on the fifth blind probe: 27 letters written before the check was read or run on them
(tests/fixtures/letters-blind5/: expected.yaml gives each verdict, README.md the first run).

First run: of 13 lawful letters 9 passed and 4 failed; of 14 defective letters 12 were caught and 2 missed.
After the general fixes: 13 of 13 lawful letters pass, 13 of 14 defective letters are caught. Each fix is pinned
below with a letter and, where the fix made the check more lenient, a mutation showing a real gap is still caught:
- a heading over the public interest test ("Public interest test") continues the exemption just cited;
- factors labelled "For disclosure:" / "For maintaining the exemption:", or given in prose ("there is a public
  interest in knowing ...", "there is a strong public interest in not ..."), are factors;
- "ask us for a review", "ask us to carry out a review under section 20" are review directions;
- a FOISA notice saying "Section 36(2) exempts information that ..." claims the exemption (s16(1)(b));
- in a neither-confirm-nor-deny letter, "the file you asked about is exempt" admits the file exists, even in the
  sentence that goes on to neither confirm nor deny.

Left: foia-s43-pit-conclusion-no-reasons (LEFT below). It lists factors both ways and concludes "the public
interest favours withholding the information" with no reason. That is weak practice, and the blind verdict called
it a s17(3) defect, but the expert's verdicts on real letters accept the same shape as compliant
(unseen/shef-recruitment-system-s43: one factor each way, then "On balance, the Council believes that the public
interest lies in maintaining the exemption"; so do shef-court-apology-s22 and shef-business-rates-q3-2023). No
wording separates the two, so a rule for it would fail letters the expert passed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from foibot.letter.checks import check

BLIND = Path(__file__).parent / "fixtures" / "letters-blind5"
EXPECTED = yaml.safe_load((BLIND / "expected.yaml").read_text(encoding="utf-8"))
LEFT = {"foia-s43-pit-conclusion-no-reasons": "a bare public interest conclusion after factors both ways: the "
                                              "expert passed the same shape in real letters"}
LAWFUL = sorted(n for n, e in EXPECTED.items() if e["verdict"] == "pass")
DEFECTIVE = sorted(n for n, e in EXPECTED.items() if e["verdict"] == "fail" and n not in LEFT)


def letter(name: str) -> str:
    return (BLIND / f"{name}.txt").read_text(encoding="utf-8")


def test_every_letter_has_a_verdict():
    names = {p.stem for p in BLIND.glob("*.txt")}
    assert names == set(EXPECTED)
    assert len(LAWFUL) == 13 and len(DEFECTIVE) + len(LEFT) == 14
    assert all(EXPECTED[n]["verdict"] == "fail" for n in LEFT)


@pytest.mark.parametrize("name", LAWFUL)
def test_lawful_letters_pass(name, kb):
    result = check(letter(name), kb)
    assert result.findings == [], result.summary()


@pytest.mark.parametrize("name", DEFECTIVE)
def test_defective_letters_are_caught(name, kb):
    found = set(check(letter(name), kb).ids())
    assert found & set(EXPECTED[name]["rules"]), (EXPECTED[name]["defect"], found)


@pytest.mark.parametrize("name", sorted(LEFT))
def test_left_letters_still_pass(name, kb):
    """Pinned so that a change here is noticed; see the module docstring for why it is left."""
    assert check(letter(name), kb).findings == []


def _flat(name: str) -> str:
    """The letter with its wrapped lines joined, so a sentence can be cut out whole."""
    return re.sub(r"(?<=\S)\n(?=\S)", " ", letter(name))


# One element removed from a lawful letter in a style the fixes now read: each must still be caught.
MUTATIONS = [
    ("eir-12-5-e-compliant", "the public interest test under its heading removed",
     r"Public interest test\n\n.*?(?=Your rights)", "", "pit:r12(5)(e)"),
    ("foia-bullets-s42", "no factors for disclosure", r"• For disclosure:.*?(?=• For maintaining)", "", "pit:s42"),
    ("foia-bullets-s42", "no factors for maintaining", r"• For maintaining the exemption:.*?(?=• Our conclusion)", "",
     "pit:s42"),
    ("foia-first-person-s31-no-annex", "no factor for disclosure", r"I recognise that there is a public interest in "
     r"knowing[^.]*\.", "", "pit:s31"),
    ("foia-first-person-s31-no-annex", "no factor for maintaining", r"On the other hand, there is a strong public "
     r"interest in not[^.]*\.", "", "pit:s31"),
    ("foisa-s36-2-compliant", "no review", r"If you are not satisfied with this response, you can ask us to carry out "
     r"a review[^.]*\. You must ask[^.]*\.", "", "foisa-review"),
    ("foia-ncnd-leak", "the report said to be withheld", r"The file you asked about is exempt from disclosure, and the "
     r"force", "The report you requested is being withheld, and the force", "ncnd-consistency"),
]


@pytest.mark.parametrize("name,what,pattern,replacement,expected", MUTATIONS, ids=[f"{m[0]}:{m[1]}" for m in MUTATIONS])
def test_mutations_of_new_styles_are_caught(kb, name, what, pattern, replacement, expected):
    mutated, count = re.subn(pattern, replacement, _flat(name), flags=re.S)
    assert count, f"{what}: the pattern no longer matches"
    assert expected in check(mutated, kb).ids(), what


@pytest.mark.parametrize("hedged", [
    "The force",
    "Any file of the kind you asked about would be exempt from disclosure, and the force",
    "The information you requested is exempt from the duty to confirm or deny, and the force",
])
def test_ncnd_without_an_admission_passes(kb, hedged):
    text = _flat("foia-ncnd-leak").replace("The file you asked about is exempt from disclosure, and the force", hedged)
    assert check(text, kb).findings == []
