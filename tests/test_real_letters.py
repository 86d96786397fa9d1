"""The check on ten real FOI letters, against an FOI expert's verdicts (tests/fixtures/letters/README.md)."""

from pathlib import Path

import pytest

from foibot.letter.checks import check

LETTERS = Path(__file__).parent / "fixtures" / "letters"
COMPLIANT = ["humberside-hospital-crime", "shef-business-rates-q3-2023", "shef-nda-spend",
             "shef-charity-commission-graves-park", "own-eir-12-5-e", "own-ncnd-23-24"]
GAPS = {
    "shef-advertising-spend": {"pit:s22"},
    "shef-cultural-strategy-tender": {"subsection:s43"},
    "shef-meta-request": {"qualified-person:s36"},
    "shef-potholes": {"eir-representations", "eir-enforcement", "eir-not-held"},
    "shef-shalesmoor-obc": {"eir-representations", "eir-enforcement", "eir-completion"},
}


def letter(name: str) -> str:
    """A letter's text without the collector's provenance block."""
    text = (LETTERS / f"{name}.txt").read_text(encoding="utf-8")
    return text.split("=" * 72, 1)[1] if text.startswith("[Provenance") else text


@pytest.mark.parametrize("name", COMPLIANT)
def test_compliant_letters_pass(name, kb):
    result = check(letter(name), kb)
    assert result.findings == [], result.summary()
    assert result.kind == "refusal-notice"
    assert len(result.checked) >= 8


@pytest.mark.parametrize("name", sorted(GAPS))
def test_each_real_gap_is_found_and_nothing_else(name, kb):
    result = check(letter(name), kb)
    assert set(result.ids()) == GAPS[name], result.summary()


def test_a_review_outcome_is_not_held_to_s17(kb):
    result = check(letter("shef-judicial-review-syp"), kb)
    assert result.ok, result.summary()
    assert result.kind == "review-outcome"
    assert {"internal-review", "confirm-or-deny", "pit:s42", "subsection:s42"} <= set(result.not_applicable)
    assert "ico-complaint" in result.checked


def test_tolerant_reading_of_what_caused_false_alarms(kb):
    nda = check(letter("shef-nda-spend"), kb)
    assert nda.cited == ["s40"] and "ncnd-provision" in nda.checked and "ncnd-consistency" in nda.checked
    charity = check(letter("shef-charity-commission-graves-park"), kb)
    assert "subsection:s12" in charity.not_applicable  # s17(5), not s17(1)(b), governs s12
    assert {"cost-limit:s12", "cost-estimate:s12", "advice:s12"} <= set(charity.checked)  # 18 hours, no £ figure
    rates = check(letter("shef-business-rates-q3-2023"), kb)
    assert {"pit:s31", "subsection:s31", "subsection:s40", "reason:s41"} <= set(rates.checked)


def test_json_shape_lists_rules_not_applicable(kb):
    out = check(letter("shef-cultural-strategy-tender"), kb).to_json()
    assert set(out) == {"ok", "cited", "checked", "not_applicable", "findings"}
    assert out["ok"] is False and out["cited"] == ["s41", "s43"]
    assert out["findings"] == [{"id": "subsection:s43", "rule": "s17(1)(b)",
                                "message": "section 43 is cited without the subsection relied on (e.g. section "
                                           "43(2))."}]
    assert "eir-representations" in out["not_applicable"] and "pit:s43" in out["checked"]
