"""Tryout 7's suggestion findings: a mixed Scottish request, FOISA sections shown as typed, and three misses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from profiles import copy_profile

from foibot.conversation.asking import strong_evidence
from foibot.suggest.similar import SimilarCase
from foibot.surfaces.cli import main
from foibot.surfaces.runtime import open_runtime
from foibot.surfaces.views import similar_cases

ROOT = Path(__file__).resolve().parent.parent

MIXED = """I am making a request under the Freedom of Information (Scotland) Act 2002.

1) Please send me the full business case and risk register for the proposed closure of Kinloch Primary School.
2) Please tell me how much the council paid in compensation to drivers for pothole damage on the A827 in each year \
since 2015, with a breakdown of every claim, the claimant's vehicle, the officer who assessed it and the reason for \
each decision.
3) Has the council received any complaint about or carried out any investigation into Councillor Fiona Baird's conduct?
4) Please provide the 2026 report by the council's consultants on the Glenmorven flood scheme.

Thanks,
Callum MacLeod
"""


@pytest.fixture(scope="module")
def rt(tmp_path_factory):
    runtime = open_runtime(tmp_path_factory.mktemp("s") / "s.sqlite", ROOT)
    yield runtime
    runtime.store.close()


def test_a_scottish_request_with_one_environmental_part_gets_foisa_sections_and_s39_for_that_part(rt):
    got = rt.suggest(MIXED, authority_type="council", regime="foisa")
    keys = [e.key for e in got.exemptions]
    assert got.regime == "foisa"
    assert {"foisa-s12", "foisa-s38", "foisa-s30"} <= set(keys[:5]), keys  # the cost, the councillor, the papers
    assert "foisa-s18" in keys, keys  # whether the councillor was investigated: neither confirm nor deny
    s39 = next(e for e in got.exemptions if e.key == "foisa-s39")
    assert "part 4 of the request asks for environmental information" in s39.why
    assert any(n.startswith("Part 4 looks like environmental information") and "Scotland" in n for n in got.notes)
    assert not any(n.startswith("This looks like environmental information") for n in got.notes)  # not the whole
    assert not [e for e in got.exemptions if e.key.startswith("EISR") and "investigation" in e.why]  # not reg 11
    assert any(e.score >= 50 and strong_evidence(e.why) for e in got.exemptions)  # so the question has a default


def test_the_english_counterpart_is_answered_under_foia_with_s39_for_the_environmental_part(rt):
    english = MIXED.replace("Freedom of Information (Scotland) Act 2002", "Freedom of Information Act 2000")
    got = rt.suggest(english, authority_type="council", regime="foia")
    keys = [e.key for e in got.exemptions]
    assert got.regime == "foia" and "s39" in keys, keys
    assert {"s12", "s40", "s36"} <= {k.split("(")[0] for k in keys[:5]}, keys
    assert any(n.startswith("Part 4 looks like environmental information") and "FOIA section 39" in n
               for n in got.notes)


@pytest.mark.parametrize("text", [
    "1. Location of the coal tips (risk C and D)\n2. Grid references for the sites\n",  # a follow-up part
    "a) All correspondence between the Tracey Group and SEPA.\n"
    "b) All waste input and output data from the Tracey Group since 2017, and the landfill returns.\n",  # one subject
    "1. The air quality monitoring results for 2026.\n2. The council's plans to reduce air pollution near schools.\n",
])
def test_a_request_wholly_or_mainly_environmental_stays_under_the_environmental_regulations(rt, text):
    assert rt.suggest(text, authority_type="council", regime="foia").regime == "eir"
    scottish = rt.suggest(text, authority_type="council", regime="foisa").exemptions
    assert all(e.key.startswith("EISR") or e.key == "foisa-s39" for e in scottish), [e.key for e in scottish]


def test_foisa_suggestions_are_shown_as_the_officer_types_them(capsys, tmp_path):
    data = str(copy_profile(tmp_path / "scot", type="council", regime="foisa"))
    db = str(tmp_path / "d.sqlite")
    text = "The tender scores of each bidder for the council's catering contract, and the names of the staff."
    assert main(["--data", data, "--db", db, "suggest", text]) == 0
    out = capsys.readouterr().out
    assert "foisa-" not in out and "  s33" in out
    assert "Freedom of Information (Scotland) Act 2002" in out.split("Regime: foisa", 1)[1].splitlines()[0]
    assert main(["--data", data, "--db", db, "suggest", text, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert set(shown) == {"topics", "intents", "exemptions", "similar_cases", "regime", "notes"}  # the shape
    assert set(shown["exemptions"][0]) == {"section", "title", "score", "why"}
    assert not [e for e in shown["exemptions"] if e["section"].startswith("foisa-")]
    assert "s33" in [e["section"].split("(")[0] for e in shown["exemptions"]] and shown["regime"] == "foisa"
    assert "foisa-" not in json.dumps(shown)


def test_similar_cases_show_foisa_citations_as_typed():
    case = SimilarCase("FOI 2027-3", "2027-05-01", "refused", ["foisa-s38(1)(b)", "foisa-s18"], 80.0, "shared words")
    assert "(s38(1)(b), s18)" in similar_cases([case])


def test_names_of_students_are_personal_information_first(rt):
    got = rt.suggest("The names of students expelled for plagiarism in 2026", authority_type="education")
    assert got.exemptions[0].key.startswith("s40"), [e.key for e in got.exemptions]
    union = rt.suggest("The names of the officers of the students' union for 2026", authority_type="education")
    assert "name* student" not in next(e.why for e in union.exemptions if e.key.startswith("s40"))


def test_footage_of_a_neighbour_is_read_as_neither_confirm_nor_deny(rt):
    text = "Has the police asked the council for CCTV footage of my neighbour?"
    s40 = next(e for e in rt.suggest(text, authority_type="council").exemptions if e.key.startswith("s40"))
    assert "neither confirm nor deny" in s40.why
    scottish = rt.suggest(text.replace("the police", "Police Scotland"), authority_type="council", regime="foisa")
    assert "foisa-s18" in [e.key for e in scottish.exemptions[:3]], [e.key for e in scottish.exemptions]


def test_correspondence_with_a_foreign_government_named_as_government_of_engages_s27(rt):
    text = "Copies of communications with the Government of Ireland about the cross-border rural development fund."
    got = [e.key for e in rt.suggest(text, authority_type="central_government").exemptions]
    assert "s27" in got[:3], got
    assert "s27" not in [e.key for e in rt.suggest("The head of the state school inspection department's salary.",
                                                    authority_type="central_government").exemptions[:3]]
