"""Evaluation of exemption suggestions: figures by hand on a tiny set, leave-one-out, the fixture run."""

import json
from pathlib import Path

import pytest

from foibot.errors import InputError
from foibot.register.disclosure_log import import_log
from foibot.register.store import Store
from foibot.suggest.evaluate import EvalCase, evaluate, load_cases, register_suggester
from foibot.suggest.learned import canonical, family, prior
from foibot.surfaces.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "requests-dev.jsonl"


def case(ref, *families):
    return EvalCase(ref, f"request {ref}", frozenset(families))


def test_families_and_canonical_citations():
    assert [family(c) for c in ("s40(2)", "section 40(5B)(a)(i)", "EIR reg 12(4)(d)", "reg 12(5)(b)", "EIR reg 13",
                                "s14(1)", "FOIA s36(2)(b)(i)")] == \
        ["s40", "s40", "r12(4)(d)", "r12(5)(b)", "r13", "s14", "s36"]
    assert canonical("EIR reg 12(4)(d)") == "r12(4)(d)" and canonical("S 43 (2)") == "s43(2)"
    assert canonical("s40(5B)(a)(i)") == "s40(5B)(a)(i)"


def test_figures_by_hand():
    cases = [case("A", "s40"), case("B", "s12", "s40"), case("C", "s21"), case("D")]
    ranking = {"A": ["s40(2)", "s12", "s43"], "B": ["s43", "s12", "s21", "s40"], "C": ["s22", "s23", "s24", "s21"],
               "D": ["s40"]}
    calls = []

    def suggest(text, exclude):
        calls.append(exclude)
        return ranking[exclude]

    result = evaluate(cases, suggest)
    assert calls == ["A", "B", "C"]  # each case is told to leave itself out; D cited nothing and is not scored
    assert (result.cases, result.without_exemptions) == (3, 1)
    s40, s12, s21 = (result.ours.figures(f) for f in ("s40", "s12", "s21"))
    assert s40 == {"n": 2, "recall": 0.5, "precision": 1.0, "mrr": pytest.approx((1 + 1 / 4) / 2)}
    assert s12 == {"n": 1, "recall": 1.0, "precision": 0.5, "mrr": 0.5}
    assert s21 == {"n": 1, "recall": 0.0, "precision": 0.0, "mrr": 0.25}
    overall = result.ours.figures()
    assert overall["recall"] == 2 / 4 and overall["precision"] == 2 / 9
    # Baseline: the 3 families most cited by the *other* cases (ties alphabetical).
    # A: others cite s12, s40, s21 once each -> [s12, s21, s40]; B: s21, s40 -> hit s40 (rank 2), miss s12 (absent);
    # C: s40 x2, s12 -> [s40, s12] -> miss s21.
    base = result.baseline
    assert base.figures("s40") == {"n": 2, "recall": 1.0, "precision": 2 / 3, "mrr": pytest.approx((1 / 3 + 1 / 2) / 2)}
    assert base.figures("s12")["recall"] == 0.0 and base.figures("s21")["recall"] == 0.0
    report = result.report()
    assert "ALL" in report and "baseline" in report and report.splitlines()[3].startswith("s40")
    assert json.loads(json.dumps(result.to_json()))["families"]["s40"]["foibot"]["n"] == 2


def test_the_register_suggester_never_matches_a_case_against_itself(tmp_path):
    from foibot.suggest.suggestions import Suggestions

    store = Store(tmp_path / "e.sqlite")
    import_log(store, FIXTURE)
    suggest = register_suggester(store, lambda text: Suggestions())  # past cases only, no cues
    cases = {c.ref: c for c in load_cases(FIXTURE)}
    # Only this case cited s32: found again only if it were matched against itself.
    only = cases["shef-residential-assessments"]
    assert "s32" not in [family(k) for k in suggest(only.request, only.ref)]
    assert "s32" in [family(k) for k in suggest(only.request, "someone-else")]
    # Durham is matched with Humberside (near-identical), which cited s40(2).
    durham = cases["durham-hospital-crime"]
    assert suggest(durham.request, durham.ref)[0] == "s40(2)"
    # The register's prior leaves the case out too.
    assert prior(store, exclude="humberside-hospital-crime")["s40"] == prior(store)["s40"] - 1
    store.close()


def test_load_cases_names_a_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "request": "x", "exemptions": []}\n{"id": "b", "request": "y"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:2"):
        load_cases(path)


def test_eval_command_reports_every_scenario_beside_the_baseline(tmp_path, capsys):
    dev2 = FIXTURE.with_name("requests-dev2.jsonl")
    assert main(["--db", str(tmp_path / "e.sqlite"), "eval", str(FIXTURE), str(dev2), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"cold requests-dev.jsonl", "warm requests-dev.jsonl", "cold requests-dev2.jsonl",
                         "warm requests-dev2.jsonl", "cross requests-dev.jsonl -> requests-dev2.jsonl",
                         "cross requests-dev2.jsonl -> requests-dev.jsonl"}
    assert data["cold requests-dev.jsonl"]["cases"] == 27 and data["cold requests-dev.jsonl"]["without_exemptions"] == 8
    for figures in data.values():
        assert figures["without_suggestions"] == 0
        for who in ("foibot", "baseline"):
            assert all(0 <= figures["overall"][who][m] <= 1 for m in ("recall", "precision", "mrr"))
    # Within one file the baseline offers the three families the *other* cases cite most: s40, s12, s21.
    assert data["cold requests-dev.jsonl"]["families"]["s40"]["baseline"]["recall"] == 1.0
    assert data["cold requests-dev.jsonl"]["families"]["s41"]["baseline"]["recall"] == 0.0
    assert main(["--db", str(tmp_path / "e.sqlite"), "eval", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    assert "cold requests-dev.jsonl" in out and "warm requests-dev.jsonl" in out and "cross" not in out
