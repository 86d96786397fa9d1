"""Evaluation of exemption suggestions: the figures by hand, regimes and baselines, every scenario in one run."""

import json
from pathlib import Path

import pytest

from foibot.errors import InputError
from foibot.knowledge.citations import canonical, eir_as_eisr, eisr_as_eir, family
from foibot.suggest.evaluate import Evaluation, Scores
from foibot.suggest.learning import Answered, learn, read_answered, regime_of
from foibot.suggest.scenarios import _groups, _top
from foibot.surfaces.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "requests-dev.jsonl"
DEV2 = FIXTURE.with_name("requests-dev2.jsonl")


def test_families_and_canonical_citations():
    assert [family(c) for c in ("s40(2)", "section 40(5B)(a)(i)", "s40(5)", "EIR reg 12(4)(d)", "reg 12(5)(b)",
                                "EIR reg 13", "s14(1)", "FOIA s36(2)(b)(i)", "FOISA s35(1)(a)")] == \
        ["s40", "s40", "s40", "r12(4)(d)", "r12(5)(b)", "r13", "s14", "s36", "foisa-s35"]
    assert canonical("EIR reg 12(4)(d)") == "r12(4)(d)" and canonical("S 43 (2)") == "s43(2)"
    assert [family(c) for c in ("EISR reg 10(5)(e)", "eisr regulation 10(4)(a)(i)", "EISR reg 11(2)")] == \
        ["EISR reg 10(5)(e)", "EISR reg 10(4)(a)", "EISR reg 11"]
    assert [eisr_as_eir(f) for f in ("EISR reg 10(5)(e)", "EISR reg 11", "s40")] == ["r12(5)(e)", "r13", "s40"]
    assert [eir_as_eisr(f) for f in ("r12(4)(b)", "r13", "foisa-s38")] == \
        ["EISR reg 10(4)(b)", "EISR reg 11", "foisa-s38"]
    assert regime_of({"exemptions": ["EISR reg 10(5)(e)"]}) == "foisa"


def test_figures_by_hand_are_averaged_over_cases():
    s = Scores(3)
    s.add(frozenset({"s40"}), ["s40", "s12", "s43"])                 # recall 1, precision 1/3, rr 1
    s.add(frozenset({"s12", "s40"}), ["s43", "s12", "s21", "s40"])   # recall 1/2, precision 1/3, rr 1/2
    s.add(frozenset({"s21"}), ["s22", "s23", "s24", "s21"])          # recall 0, precision 0, rr 1/4
    s.add(frozenset(), ["s40"])                                      # cited nothing: not scored
    assert s.figures() == {"n": 3, "recall": pytest.approx(1.5 / 3), "precision": pytest.approx((2 / 3) / 3),
                           "mrr": pytest.approx(1.75 / 3)}
    assert s.family_recall("s40") == 0.5 and s.family_recall("s12") == 1.0 and s.family_recall("s21") == 0.0
    s2 = Scores(3)
    s2.add(frozenset({"s40"}), ["s40", "s40", "s40", "s12"])  # a family offered twice counts once
    assert s2.figures()["precision"] == pytest.approx(1 / 3)


def test_an_evaluation_counts_cases_without_exemptions_or_suggestions():
    ev = Evaluation("x")
    ev.add(frozenset({"s40"}), {"foibot": ["s40"], "constant": ["s12"], "type_prior": ["s40"]})
    ev.add(frozenset(), {"foibot": [], "constant": ["s12"], "type_prior": ["s40"]})
    data = ev.to_json()
    assert (data["cases"], data["without_exemptions"], data["without_suggestions"], data["fewest_suggestions"]) == \
        (1, 1, 1, 0)
    assert data["families"] == {"s40": {"n": 1, "foibot": 1.0, "constant": 0.0, "type_prior": 1.0}}


def test_a_scottish_authoritys_families_are_in_foisa_numbering(rt):
    numbered = rt.suggest.numbered  # the numbering the baselines share with foibot's own suggestions
    assert numbered(["s31", "s12", "foisa-s18", "r13", "s40", "s38"], "foisa") == \
        ["foisa-s35", "foisa-s12", "foisa-s18", "EISR reg 11", "foisa-s38", "foisa-s39"]
    assert numbered(["s31", "foisa-s18", "s12", "r12(5)(e)"], "foia") == ["s31", "s12", "r12(5)(e)"]
    assert numbered(["s43", "r12(5)(e)"], "eisr") == ["EISR reg 10(5)(e)"]  # s43 -> its EIR counterpart
    assert regime_of({"exemptions": ["FOISA s38(1)(b)"]}) == "foisa"
    assert regime_of({"exemptions": ["s40(2)"]}) == "foia"
    assert regime_of({"regime": "FOISA", "exemptions": []}) == "foisa"


def test_the_baselines_come_from_the_training_rows_and_the_cases_own_type():
    rows = read_answered(DEV2)
    police = [r for r in rows if r.authority_type == "police"]
    council = [r for r in rows if r.authority_type == "council"]
    learned = learn(police + council, {})
    assert _top(learned, "council")[0] == "r12(5)(e)"  # the councils' commonest, not the police's
    assert _top(learned, "police")[0] == "s31"
    counts = {}
    for r in police + council:
        for f in r.families:
            counts[f] = counts.get(f, 0) + 1
    assert _top(learned, None)[:3] == sorted(counts, key=lambda f: (-counts[f], f))[:3]


def test_read_answered_names_a_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "request": "x", "exemptions": []}\n{"id": "b", "request": "y"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:2"):
        read_answered(path)
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:1: not JSON"):
        read_answered(path)


def test_eval_command_reports_every_scenario_beside_both_baselines(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "e.sqlite"), "eval", str(FIXTURE), str(DEV2), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    dev, dev2 = FIXTURE.name, DEV2.name
    assert set(data) == {f"{scenario} {name}" for scenario in ("cold", "warm", "own") for name in (dev, dev2)} | {
        f"cross {scenario} {a} -> {b}" for scenario in ("cold", "warm", "own") for a, b in ((dev, dev2), (dev2, dev))}
    assert data[f"cold {dev}"]["cases"] == 27 and data[f"cold {dev}"]["without_exemptions"] == 8
    assert data[f"cross cold {dev} -> {dev2}"]["cases"] == 91
    for figures in data.values():
        assert figures["without_suggestions"] == 0 and figures["fewest_suggestions"] >= 5
        for who in ("foibot", "constant", "type_prior"):
            assert all(0 <= figures[who][m] <= 1 for m in ("recall", "precision", "mrr"))
    # Trained on dev2 (mostly police), the constant baseline is dev2's commonest families, which s40 is among.
    assert data[f"cross cold {dev2} -> {dev}"]["families"]["s40"]["constant"] == 1.0
    assert main(["--db", str(tmp_path / "e.sqlite"), "eval", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    assert "cold requests-dev.jsonl" in out and "warm requests-dev.jsonl" in out and "own requests-dev.jsonl" in out
    assert "cross" not in out
    assert "type_prior" in out and "constant" in out


def test_eval_command_on_a_missing_or_binary_file_is_one_clear_line(tmp_path, capsys):
    binary = tmp_path / "blob.jsonl"
    binary.write_bytes(b"\x9a\xff\x00 not text")
    missing = tmp_path / "nope.jsonl"
    for path, expected in ((missing, f"foibot: cannot read {missing}: No such file or directory"),
                           (binary, f"foibot: {binary} is not UTF-8 text (JSONL expected)")):
        assert main(["--db", str(tmp_path / "e.sqlite"), "eval", str(path)]) == 1
        captured = capsys.readouterr()
        assert captured.err.strip() == expected and "Traceback" not in captured.err and captured.out == ""


def test_the_held_out_requests_are_kept_out_of_what_foibot_learns():
    """tests/fixtures/requests-heldout.jsonl measures foibot on requests it has not seen: none may be shipped."""
    shipped = [json.loads(line) for line in (FIXTURE.parents[2] / "intents" / "answered.jsonl")
               .read_text("utf-8").split("\n") if line.strip()]
    held = read_answered(FIXTURE.with_name("requests-heldout.jsonl"))
    assert len(held) > 80 and sum(1 for r in held if r.families) > 75
    assert not {r.ref for r in held} & {r["id"] for r in shipped}
    assert not {r.text for r in held} & {r["request"] for r in shipped}


def test_eval_reports_learning_from_the_answered_requests_and_judging_the_held_out_ones(tmp_path, capsys):
    """The honest run (``foibot eval intents/answered.jsonl tests/fixtures/requests-heldout.jsonl``), on a sample."""
    root = FIXTURE.parents[2]
    answered, held = tmp_path / "answered.jsonl", tmp_path / "requests-heldout.jsonl"
    answered.write_text("\n".join((root / "intents" / "answered.jsonl").read_text("utf-8").split("\n")[::8]), "utf-8")
    held.write_text("\n".join(FIXTURE.with_name("requests-heldout.jsonl").read_text("utf-8").split("\n")[:40]), "utf-8")
    assert main(["--db", ":memory:", "eval", "--json", str(answered), str(held)]) == 0
    out = json.loads(capsys.readouterr().out)
    honest = out["cross cold answered.jsonl -> requests-heldout.jsonl"]
    assert honest["cases"] + honest["without_exemptions"] == 40
    assert honest["without_suggestions"] == 0 and honest["fewest_suggestions"] >= 5
    for who in ("foibot", "constant", "type_prior"):
        assert all(0 <= honest[who][m] <= 1 for m in ("recall", "precision", "mrr"))


def test_the_own_register_holds_only_the_other_cases_of_the_same_authority():
    """A real register is one authority's: the ``own`` scenario gives each case its own authority's other cases."""
    def case(ref: str, authority: str) -> Answered:
        return Answered(ref, f"request {ref}", "police", "foia", frozenset({"s31"}), authority)
    train = [case("a1", "Force A"), case("a2", "Force A"), case("b1", "Force B"), case("x1", "")]
    test = [case("a3", "Force A"), case("c1", "Force C"), case("n1", ""), case("n2", "")]
    groups = {tuple(c.ref for c in cases): None if held is None else [r.ref for r in held]
              for cases, held in _groups(test, train, "own")}
    assert groups == {("a3",): ["a1", "a2"], ("c1",): [], ("n1",): [], ("n2",): []}
    assert _groups(test, train, "warm") == [(test, train)] and _groups(test, train, "cold") == [(test, None)]

