"""Tryout 10's suggestion misses, fixed by what an FOI officer knows of any request of that kind: hospital
consultants are doctors, not a contract; a site's security assessment and its CCTV blind spots (s31(1)(a), s38;
FOISA s35(1)(a), s39(1)); which bodies may rely on s30 and s34 (never s30 for the Houses of Parliament or the
devolved legislatures, s34 only for the two Houses, first for their committees' unpublished papers); and the
published minutes and papers of a council's public meetings (s21, not s36)."""

import shutil
from pathlib import Path

import pytest
from profiles import copy_profile

from foibot.suggest.priors import load_priors
from foibot.surfaces.runtime import open_runtime

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rt(tmp_path_factory):
    runtime = open_runtime(tmp_path_factory.mktemp("t10") / "s.sqlite")
    yield runtime
    runtime.store.close()


@pytest.fixture(scope="module")
def bodies(tmp_path_factory):
    """Runtimes for the House of Commons, the Senedd Commission and a Scottish health board."""
    made = {}
    for key, settings in {"hoc": {"name": "House of Commons", "type": "other"},
                          "senedd": {"name": "Senedd Commission", "type": "other"},
                          "nhs": {"name": "NHS Borders Valley Health Board", "type": "health", "regime": "foisa"}
                          }.items():
        folder = copy_profile(tmp_path_factory.mktemp(key), **settings)
        made[key] = open_runtime(folder / "s.sqlite", folder)
    yield made
    for runtime in made.values():
        runtime.store.close()
        shutil.rmtree(Path(runtime.root), ignore_errors=True)


def keys(got, n=3):
    return [e.key for e in got.exemptions[:n]]


def families(got, n=10):
    return [e.key.split("(")[0] for e in got.exemptions[:n]]


def why(got, key):
    return next(e.why for e in got.exemptions if e.key == key)


# --- 1. "consultants" are hospital doctors as often as hired advisers ------------------------------------------------

def test_hospital_consultants_are_not_a_contracts_cue(bodies):
    got = bodies["nhs"].suggest("The names of the consultants at Borders Valley General Hospital who were subject to "
                                "disciplinary action for bullying in 2026.")
    assert keys(got, 1) == ["foisa-s38"], keys(got, 5)
    assert not any("contracts, spending or suppliers" in e.why for e in got.exemptions)
    assert not any("Total spend and the winning supplier" in n for n in got.notes)


def test_spending_on_consultants_still_reads_as_a_contract(rt):
    got = rt.suggest("How much have you spent on management consultants in each of the last three years?",
                     authority_type="council")
    assert "s43" in families(got, 3), keys(got, 5)
    assert any("contracts, spending or suppliers" in e.why for e in got.exemptions)


# --- 2. a site's security assessment and where its CCTV does not reach -----------------------------------------------

def test_a_security_assessment_and_cctv_blind_spots_engage_crime_prevention_and_safety_under_foisa(bodies):
    got = bodies["nhs"].suggest("The security assessment for the mental health unit, including where the CCTV does "
                                "not reach.")
    assert keys(got, 1) == ["foisa-s35(1)(a)"], keys(got, 5)
    assert "CCTV" in why(got, "foisa-s35(1)(a)")
    assert "foisa-s39(1)" in keys(got, 3), keys(got, 5)
    assert "staff, patients or residents" in why(got, "foisa-s39(1)")


def test_cctv_blind_spots_engage_s31_and_s38_under_foia(rt):
    got = rt.suggest("Please send me the site security survey for the hospital and a plan of the CCTV blind spots.",
                     authority_type="health")
    assert keys(got, 1) == ["s31(1)(a)"], keys(got, 5)
    assert "s38" in families(got, 3), keys(got, 5)


# --- 3. who may rely on s30 and s34 -----------------------------------------------------------------------------------

COMMITTEE = "Unpublished evidence submitted to the Public Accounts Committee inquiry, and the committee's draft report"


def test_the_commons_gets_s34_first_for_a_committees_unpublished_papers_and_never_s30(bodies):
    got = bodies["hoc"].suggest(COMMITTEE)
    assert keys(got, 1) == ["s34"], keys(got, 5)
    assert "s30" not in families(got)
    privilege = bodies["hoc"].suggest("The Speaker's correspondence with the Clerk about legal advice on privilege")
    assert "s34" in keys(privilege, 3) and "s42" in keys(privilege, 3), keys(privilege, 5)


def test_a_body_that_is_neither_house_is_never_offered_s34_nor_a_legislature_s30(bodies, rt):
    senedd = bodies["senedd"].suggest("Unpublished evidence submitted to the Senedd Public Accounts Committee "
                                      "inquiry, and the committee's draft report")
    assert "s34" not in families(senedd) and "s30" not in families(senedd), keys(senedd, 10)
    shipped = rt.suggest(COMMITTEE, authority_type="other")  # the shipped profile is an inspectorate
    assert "s34" not in families(shipped), keys(shipped, 10)


def test_never_bodies_is_read_and_matches_any_part_of_the_name():
    fit = load_priors(ROOT / "intents" / "priors.yaml")
    assert not fit.fits("s30", "other", "The Senedd Commission")
    assert not fit.fits("s30", "other", "House of Lords")
    assert fit.fits("s30", "other", "Parliamentary and Health Service Ombudsman")
    assert fit.fits("s30", "police", "")


# --- 4. a council's public meetings and statistics that are published ------------------------------------------------

def test_a_councils_cabinet_minutes_and_agenda_papers_are_published_not_s36(rt):
    got = rt.suggest("The minutes of the cabinet meeting on 4 March 2025 and the papers that went with the agenda.",
                     authority_type="council")
    assert keys(got, 1) == ["s21"], keys(got, 5)
    assert "meetings held in public" in why(got, "s21")


def test_a_private_sessions_minutes_are_not_read_as_published(rt):
    got = rt.suggest("The minutes of the private session of the council meeting on 4 March.", authority_type="council")
    assert "meetings held in public" not in " ".join(e.why for e in got.exemptions)


def test_statistics_are_checked_against_what_is_published(rt):
    got = rt.suggest("How many people were granted asylum in each quarter of 2024, broken down by nationality?",
                     authority_type="central_government")
    assert "s21" in keys(got, 3) and "s12" in keys(got, 3), keys(got, 5)
