"""The sixth letters probe: damage a compliant letter by hand, one defect at a time; the check must report it.

Each case is a compliant letter (a real one from tests/fixtures/letters/, or foibot's own draft from probe7), the one
damage, and the finding (or warning) expected; the undamaged letter must still pass with nothing to report.
1. a wrong address for the Information Commissioner: a warning (rule ico-complaint's), as the letter still gives the
   right to complain;
2. a period for asking for a review shorter than 40 working days, with 40 given nowhere: a failure (review-date);
3. a qualified exemption called "absolute" while the letter weighs its public interest: a failure (pit: a test the
   letter contradicts is not complete);
4. a side of the public interest test whose factors are only "None.": a failure (pit);
5. in a letter in parts, another part saying that records about the person a part neither confirms nor denies about
   are held ("Ms Ford's file is held by HR"): a failure (ncnd-consistency).
Left (6): a prejudice-based exemption whose letter never states the likelihood. The expert passed
shef-cultural-strategy-tender, whose only statement of the harm is "may prejudice", and the Commissioner, where an
authority does not say which likelihood it relies on, considers the lower one ("would be likely to"); so it is no
failure, and no reading (the sentence naming the prejudice, without the Act's own "would, or would be likely to")
separates it from lawful letters without warning on them (foisa-s18-ncnd-compliant states only the Act's formula).
"""

from __future__ import annotations

import re

import pytest
from probes import Probe

from foibot.letter.checks import check
from tests.test_real_letters import letter

# (letter, what is damaged, regex, replacement, the finding id expected)
FAILURES = [
    ("own-ncnd-23-24", "review within 10 working days", r"within 40 working days", "within 10 working days",
     "review-date"),
    ("own-eir-12-5-e", "EIR representations within 10 working days", r"within\s+40 working days",
     "within 10 working days", "review-date"),
    ("shef-business-rates-q3-2023", "review within 28 days", r"within 40 working days from the date",
     "within 28 days from the date", "review-date"),
    ("shef-business-rates-q3-2023", "qualified s31 called absolute", r"This is a qualified exemption and requires a "
     r"public interest test to", "Section 31(1)(a) is an absolute exemption. We have applied a public interest test to",
     "pit:s31"),
    ("shef-business-rates-q3-2023", "'this exemption is absolute' of s31",
     r"This is a qualified exemption and requires", "This exemption is absolute. The Council has carried out",
     "pit:s31"),
    ("shef-business-rates-q3-2023", "factors for disclosure: None.",
     r"(Public interest arguments in favour of disclosing the information\n).*?(?=Public interest arguments in favour "
     r"of maintaining)", r"\1None.\n", "pit:s31"),
    ("shef-business-rates-q3-2023", "factors for maintaining: None.",
     r"(Public interest arguments in favour of maintaining the exemption\n).*?(?=On balance)", r"\1None.\n",
     "pit:s31"),
]

# damage that must not be reported: the wording is lawful
LAWFUL = [
    ("own-ncnd-23-24", "review within two months", r"within 40 working days", "within two months"),
    ("shef-business-rates-q3-2023", "s31 'is not an absolute exemption'", r"This is a qualified exemption and",
     "Section 31(1)(a) is not an absolute exemption and"),
    ("own-ncnd-23-24", "the ICO at its own address", r"under section 50 of the Act\.",
     "under section 50 of the Act at https://ico.org.uk/make-a-complaint/."),
    ("own-ncnd-23-24", "the authority's address before the ICO's", r"6\. You may complain",
     "6. After a review by us at foi@example.gov.uk, you may complain"),
]

# a wrong address for the Commissioner: reported as a warning, the letter still passes
ICO_ADDRESSES = ["www.ico.gov.uk", "www.ico.org", "www.informationcommissioner.co.uk", "complaints@example.gov.uk"]


@pytest.mark.parametrize("name,what,pattern,replacement,expected", FAILURES, ids=[f"{m[0]}:{m[1]}" for m in FAILURES])
def test_each_damage_is_a_failure(kb, name, what, pattern, replacement, expected):
    original = letter(name)
    before = check(original, kb)
    assert before.ok and not before.warnings, before.summary()
    damaged, count = re.subn(pattern, replacement, original, count=1, flags=re.S)
    assert count, f"the damage '{what}' found nothing to change"
    found = check(damaged, kb)
    assert expected in found.ids(), f"{what}: {found.summary()}"


@pytest.mark.parametrize("name,what,pattern,replacement", LAWFUL, ids=[f"{m[0]}:{m[1]}" for m in LAWFUL])
def test_lawful_wording_is_not_reported(kb, name, what, pattern, replacement):
    changed, count = re.subn(pattern, replacement, letter(name), count=1, flags=re.S)
    assert count, what
    result = check(changed, kb)
    assert result.ok and not result.warnings, f"{what}: {result.summary()}"


@pytest.mark.parametrize("address", ICO_ADDRESSES)
def test_a_wrong_ico_address_is_a_warning(kb, address):
    original = letter("humberside-hospital-crime")
    assert "www.ico.org.uk" in original and not check(original, kb).warnings
    result = check(original.replace("www.ico.org.uk", address), kb)
    assert result.ok, result.summary()  # the right to complain is still given (s17(7)(b))
    assert [w.id for w in result.warnings] == ["ico-complaint"], result.summary()
    assert address in result.warnings[0].message and "Warning [s17(7)(b) / s50]" in result.summary()
    assert result.to_json()["warnings"][0]["id"] == "ico-complaint"
    assert "warnings" not in check(original, kb).to_json()


def test_the_eir_warning_cites_the_regulations(kb):
    damaged = letter("own-eir-12-5-e").replace("Information Commissioner", "Information Commissioner (www.ico.org)", 1)
    result = check(damaged, kb)
    assert result.ok and [(w.id, w.rule) for w in result.warnings] == [("ico-complaint", "reg 14(5)(b) / reg 18")]


def test_the_authoritys_own_time_for_the_review_is_not_the_requesters(kb):
    text = letter("humberside-hospital-crime")  # "We aim to complete the review process within 20 working days"
    assert "within 20 working days" in text
    assert check(text, kb).ok and not check(text, kb).warnings


PROBE7 = Probe("probe7")
NCND_PARTS = "council-parts-two-s43-one-s40-5b-ncnd"  # part 4 neither confirms nor denies about Ms Lena Ford


def test_a_part_that_gives_away_the_ncnd_part_is_caught(rt):
    text = PROBE7.draft(rt, NCND_PARTS).text()
    assert check(text, rt.kb).ok and "Ms Lena Ford" in text
    paid = "we paid Brightway Ltd £2,140,000 in 2025."
    for leak in ("Ms Ford's file is held by HR.", "We hold no disciplinary records about Ms Ford."):
        found = check(text.replace(paid, f"{paid} {leak}"), rt.kb)
        assert found.ids() == ["ncnd-consistency"], found.summary()
        assert leak[:20] in found.findings[0].message
    # another person's file, or Ms Ford named without a record said to be held, gives nothing away
    for harmless in ("Mr Patel's file is held by HR.", "Ms Ford signed the contract."):
        assert check(text.replace(paid, f"{paid} {harmless}"), rt.kb).ok, harmless


def test_a_none_side_in_foibots_annex_a_is_caught(rt):
    text = PROBE7.draft(rt, NCND_PARTS).text()
    factor = "  - There is a strong public interest in showing how public money is spent and whether it gives value " \
             "for money."
    assert factor in text
    found = check(text.replace(factor, "  - None."), rt.kb)
    assert found.ids() == ["pit:s43"] and "factors in favour of disclosure" in found.findings[0].message


def test_a_qualified_exemption_called_absolute_in_foibots_draft_is_caught(rt):
    text = PROBE7.draft(rt, NCND_PARTS).text()
    said = "This is a qualified exemption; Annex A explains how we weighed the public interest."
    assert said in text and "Section 21 is an absolute exemption" in text  # s21 is absolute: nothing to report
    found = check(text.replace(said, "Section 43(2) is an absolute exemption; Annex A explains how we weighed the "
                                     "public interest."), rt.kb)
    assert found.ids() == ["pit:s43"] and "calls section 43 absolute" in found.findings[0].message, found.summary()
