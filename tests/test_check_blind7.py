"""The check on the seventh blind probe: 32 letters written before the check's code or rules were read or run on them
(tests/fixtures/check-blind7/: expected.yaml gives each verdict, README.md the letters, the first run and the fixes).

First run: of 17 lawful letters 7 passed and 10 failed (false alarms); of 15 defective letters 11 failed, 10 of them
for the right reason (would-and-likely-contradict failed only on a misread public interest test), and 4 passed
(s41-no-reason, ncnd-we-hold-but, s40-2-requester-own-data, wrong-requester-name). Three caught letters also had a
spurious public interest finding beside the right one.
After the general fixes: 17 of 17 lawful letters pass (university-not-held with a warning: it names no law, and a
letter refusing nothing need not), and 14 of 15 defective letters are caught for the right reason, with nothing
spurious beside it. The fixes (each pinned by a mutation in tests/test_check_mutations.py, BLIND7_MUTATIONS):
- public_interest.py: "Against release," / "Against disclosure," (a comma, at a sentence's start), "Factors favouring
  disclosure" / "non-disclosure", "In favour of the exception:", "we recognise the public interest in ...", and a factor
  set against the one before it ("Against that, ...", "On the other hand, ...", "There is, however, ...") are factors;
  "the public interest in withholding the reports outweighs ..." and "the balance test favours ..." are conclusions;
- reading.py: any short heading about the test ("Weighing the public interest", "Factors favouring disclosure",
  "Balance", "Balancing test") continues the exemption's scope; "the public interest in disclosing ... is outweighed"
  (passive) no longer reads as disclosure winning, and "maintaining the exemption is outweighed" does; a provision
  named for the matters it lists ("the matters in section 31(1)(a)") is a reference, not a claim of a held-
  information exemption beside an NCND provision; a capitalised placeholder ("[INSERT DATE]") is markup;
- text_rules.py: a letter that releases or attaches information confirms it is held; a letter refusing nothing that
  names no law gets the regime rule's warning, not a finding;
- rights_rules.py: "ask us to look at your request again. This is called an internal review" is a review;
- foisa_rules.py: "The exemption we are relying on is section 30(b)(i)" claims the exemption (s16(1)(b));
- ncnd_rules.py: each clause of "We do hold ..., but ... neither confirm nor deny whether ..." is read on its own;
- exemption_rules.py: the reason for an exemption is read without the courtesies and rights after it (rule reason,
  words "not_reasons"), without "Section 41 is an absolute exemption" and "as it is exempt"; "so that", "in order
  to" and "convention" are reasons; "these are your personal data" under section 40(2) is the requester's own data;
- addressee_rules.py: a letter opening "Dear Ms Okafor" that thanks "Mr Hartley" carries another letter's name
  (rule markup, words "titles").

Left: would-and-likely-contradict (LEFT below). It says "would prejudice", "we are certain", "more probable than not",
then "would be likely to ... but would not make that harm certain". The blind verdict was a s17(1)(c) defect, but the
expert passed the real shef-business-rates-q3-2023, which says both "would prejudice" and "would be likely to
prejudice" for section 31(1)(a) (and the probe 6 guard holds that letter free even of warnings), so the check reads
two likelihoods as a finding only for section 36, one qualified person's one opinion.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from foibot.letter.checks import check

BLIND = Path(__file__).parent / "fixtures" / "check-blind7"
EXPECTED = yaml.safe_load((BLIND / "expected.yaml").read_text(encoding="utf-8"))
LEFT = {"would-and-likely-contradict": "'would' beside 'would be likely to' outside section 36: the expert passed a "
                                       "real letter saying both"}
LAWFUL = sorted(n for n, e in EXPECTED.items() if e["verdict"] == "pass")
DEFECTIVE = sorted(n for n, e in EXPECTED.items() if e["verdict"] == "fail" and n not in LEFT)
# Lawful letters that pass with a warning: the rule that warns
WARNED = {"university-not-held": "regime"}


def letter(name: str) -> str:
    return (BLIND / f"{name}.txt").read_text(encoding="utf-8")


def test_every_letter_has_a_verdict():
    names = {p.stem for p in BLIND.glob("*.txt")}
    assert names == set(EXPECTED)
    assert len(LAWFUL) == 17 and len(DEFECTIVE) + len(LEFT) == 15
    assert all(EXPECTED[n]["verdict"] == "fail" for n in LEFT)


@pytest.mark.parametrize("name", LAWFUL)
def test_lawful_letters_pass(name, kb):
    result = check(letter(name), kb)
    assert result.findings == [], result.summary()
    assert [w.id for w in result.warnings] == ([WARNED[name]] if name in WARNED else []), result.summary()


@pytest.mark.parametrize("name", DEFECTIVE)
def test_defective_letters_are_caught_for_their_defect_alone(name, kb):
    found = set(check(letter(name), kb).ids())
    expected = set(EXPECTED[name]["rules"])
    assert found & expected, (EXPECTED[name]["defect"], found)
    assert found <= expected, ("a finding beside the defect", found - expected)


@pytest.mark.parametrize("name", sorted(LEFT))
def test_left_letters_still_pass(name, kb):
    """Pinned so that a change here is noticed; see the module docstring for why it is left."""
    assert check(letter(name), kb).findings == []


def test_a_letter_refusing_nothing_without_the_law_named_warns(kb):
    """University-not-held names no law: a warning. The same letter refusing part of the request fails."""
    text = letter("university-not-held")
    assert check(text, kb).ok
    refusing = text.replace("I am happy to give you that figure.",
                            "We are withholding that figure under section 31(1)(a), because it would be likely to "
                            "prejudice the operation of the immigration controls. There is a public interest in "
                            "knowing how the University meets its duties; against that, there is a strong public "
                            "interest in not helping anyone evade those controls. On balance, the public interest in "
                            "maintaining the exemption outweighs the public interest in disclosure.")
    assert "regime" in check(refusing, kb).ids()
