"""The blended exemption suggestions every surface uses: engagement knowledge, priors, similar cases."""

import json
from pathlib import Path

import pytest

from foibot.errors import DataError
from foibot.register.disclosure_log import import_log
from foibot.register.store import Store
from foibot.suggest.engagement import load_engagement
from foibot.suggest.priors import Priors, load_priors
from foibot.surfaces.cli import main
from foibot.surfaces.runtime import open_runtime

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "requests-dev.jsonl"


@pytest.fixture(scope="module")
def engagement():
    return load_engagement(ROOT / "intents" / "engagement.yaml")


@pytest.mark.parametrize(("text", "expected"), [
    ("Please provide the locations of all ANPR cameras in the force area.", "s31"),
    ("How many Prevent referrals relating to extremism did you make?", "s24"),
    ("Was my neighbour John Smith arrested in 2023?", "s40"),
    ("Copies of the legal advice you received from counsel about the bypass.", "s42"),
    ("The contract price paid to the supplier of the parking machines.", "s43"),
])
def test_what_engages_an_exemption_is_found_with_the_concept_named(engagement, text, expected):
    found = [e for e in engagement.match(text) if e.family.startswith("s")]  # FOIA; the EIR only when it applies
    assert found and found[0].family == expected
    assert found[0].why and "(" in found[0].why  # the concept and the words that matched


def test_unrelated_text_engages_nothing(engagement):
    assert engagement.match("Zebras quokkas xylophones") == []


def test_engagement_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "engagement.yaml"
    bad.write_text("s31:\n  title: Law enforcement\n  concepts:\n    - about: x\n      weight: 2\n      cues: [a]\n")
    with pytest.raises(DataError) as err:
        load_engagement(bad, "engagement.yaml")
    assert "engagement.yaml" in str(err.value) and "5" in str(err.value) and "weight" in str(err.value)
    bad.write_text("section31:\n  title: x\n  concepts: []\n")
    with pytest.raises(DataError, match="s31"):
        load_engagement(bad, "engagement.yaml")


def test_shipped_priors_load_and_lean_on_all_types_when_a_type_is_small():
    priors = load_priors(ROOT / "intents" / "priors.yaml")
    police, inspectorate = priors.share("police"), priors.share("inspectorate")
    assert max(police, key=police.get) == "s31"
    assert set(inspectorate) == set(police)  # smoothed: every family seen anywhere has some weight
    assert Priors().share("police") == {}


@pytest.fixture
def runtime(tmp_path):
    rt = open_runtime(tmp_path / "s.sqlite")
    yield rt
    rt.store.close()


def test_a_request_with_no_cues_still_gets_five_ranked_exemptions_each_with_why(runtime):
    s = runtime.suggest("Zebras quokkas xylophones")
    assert len(s.exemptions) >= 5
    assert [e.score for e in s.exemptions] == sorted((e.score for e in s.exemptions), reverse=True)
    assert all("common" in e.why and "prior from" in e.why for e in s.exemptions)
    assert all(e.score < 50 for e in s.exemptions)  # a prior alone never prefills the exemptions question


def test_the_register_feeds_the_suggestions_of_the_suggest_command(tmp_path, capsys):
    db = tmp_path / "cli.sqlite"
    store = Store(db)
    import_log(store, FIXTURE)
    store.close()
    rows = {r["id"]: r for r in map(json.loads, filter(str.strip, FIXTURE.read_text("utf-8").split("\n")))}
    request = tmp_path / "r.txt"
    request.write_text(rows["durham-hospital-crime"]["request"], encoding="utf-8")
    assert main(["--db", str(db), "suggest", str(request), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"topics", "intents", "exemptions", "similar_cases", "regime", "notes"}
    assert {c["reference"] for c in data["similar_cases"]} >= {"humberside-hospital-crime", "cumbria-hospital-crime"}
    s40 = next(e for e in data["exemptions"] if e["section"].startswith("s40"))
    assert "cited in humberside-hospital-crime (near-identical request" in s40["why"]
    assert len(data["exemptions"]) >= 5 and all(e["why"] for e in data["exemptions"])
