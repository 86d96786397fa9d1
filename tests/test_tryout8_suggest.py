"""Tryout 8's suggestion findings: surnames read as words, a dead relative's records, a release on the same subject."""

from __future__ import annotations

from pathlib import Path

import pytest
from profiles import copy_profile

from foibot.surfaces.runtime import open_runtime
from foibot.text import mask_names

ROOT = Path(__file__).resolve().parent.parent

FORTHCOMING = """- id: homelessness-stats
  title: Homelessness statistics 2027 quarter 3
  keywords: [temporary accommodation, homelessness]
  status: forthcoming
  planned: 2028-01-20
  summary: Quarterly homelessness statistics
- id: agency-staff
  title: Agency staff spending report 2026
  keywords: [agency staff, agency workers]
  status: published
  published: 2026-06-01
  url: https://www.example.gov.uk/agency
  summary: What the council spent on agency staff
"""


@pytest.fixture(scope="module")
def rt(tmp_path_factory):
    runtime = open_runtime(tmp_path_factory.mktemp("s") / "s.sqlite", ROOT)
    yield runtime
    runtime.store.close()


def keys(runtime, text: str, kind: str) -> list[str]:
    return [e.key for e in runtime.suggest(text, authority_type=kind).exemptions]


def test_a_name_after_a_title_is_masked_and_nothing_else_is():
    assert mask_names("Whether Councillor Dafydd Price has been") == "Whether Councillor someone has been"
    assert mask_names("complaints about Cllr Bond and Mr. J. Rich.") == "complaints about Cllr someone and Mr. someone "
    assert mask_names("The price of the contract with Bond Ltd") == "The price of the contract with Bond Ltd"


def test_a_councillors_surname_is_not_read_as_a_price_nor_the_monitoring_officer_as_it_monitoring(rt):
    text = "Any complaints made about Councillor Dafydd Price to the Monitoring Officer in 2027, and the outcome."
    got = rt.suggest(text, authority_type="council")
    assert got.exemptions[0].key.startswith("s40"), [e.key for e in got.exemptions]
    assert "complaint* about councillor*" in got.exemptions[0].why  # whether a named person was complained of
    s43 = [e for e in got.exemptions if e.key.startswith("s43")]
    assert not s43 or "price" not in s43[0].why
    assert "ict-security-tactics" not in [i.key for i in got.intents]
    # the words still count where they are words: a price is a price
    price = keys(rt, "The price paid to each supplier under the parking contract.", "council")
    assert "s43" in [k[:3] for k in price[:3]]


def test_a_dead_relatives_records_are_not_a_subject_access_request(rt):
    text = "A copy of the medical records of my late mother, Margaret Morgan, who died on Ward 7 in March 2027."
    got = rt.suggest(text, authority_type="health")
    top = [e.key for e in got.exemptions[:3]]
    assert "own-personal-data" not in [i.key for i in got.intents]
    assert not any("subject access" in n for n in got.notes), got.notes
    assert "s40(1)" not in top and "s40(5A)" not in top, top
    assert "s41" in top and "s21" in top, top  # the confidence survives death; the Access to Health Records Act
    s40 = [e for e in got.exemptions if e.key.startswith("s40")]
    assert not s40 or "a private individual the requester identifies" not in s40[0].why
    # a living relative is still someone whose data even confirming would disclose
    living = rt.suggest("Was my mother, Margaret Morgan, seen in A&E last week?", authority_type="health")
    assert any("a private individual the requester identifies" in e.why for e in living.exemptions)


def test_a_forthcoming_release_on_the_requests_subject_offers_s22_but_a_published_one_no_s21(tmp_path):
    folder = copy_profile(tmp_path / "council", type="council")
    (folder / "intents" / "topics.yaml").write_text(FORTHCOMING, encoding="utf-8")
    runtime = open_runtime(tmp_path / "c.sqlite", folder)
    try:
        got = runtime.suggest("The number of households in temporary accommodation at the end of September 2027, "
                              "by town.")
        s22 = next(e for e in got.exemptions if e.key == "s22")
        assert s22 in got.exemptions[:3], [e.key for e in got.exemptions]
        assert "'Homelessness statistics 2027 quarter 3' is not yet published (planned 2028-01-20) " \
               "(the request shares its subject)" in s22.why
        named = runtime.suggest("Please send me a copy of your Agency staff spending report 2026.")
        s21 = next(e for e in named.exemptions if e.key == "s21")
        assert "is already published" in s21.why and s21 in named.exemptions[:3], [e.key for e in named.exemptions]
        shared = runtime.suggest("How many agency workers did the council employ in each department in 2027?")
        assert not any("is already published" in e.why for e in shared.exemptions)
    finally:
        runtime.store.close()


def test_whether_a_named_neighbour_attended_a_and_e_engages_the_duty_of_confidence_too(rt):
    got = rt.suggest("Did my neighbour John Evans attend A&E at your hospital on 3 December?", authority_type="health")
    top = [e.key[:3] for e in got.exemptions[:3]]
    assert top[0] == "s40" and "s41" in top, top
    s41 = next(e for e in got.exemptions if e.key.startswith("s41"))
    assert "whether someone the requester names was a patient" in s41.why
    counts = rt.suggest("How many patients attended A&E in each month of 2026?", authority_type="health")
    assert not any("whether someone the requester names was a patient" in e.why for e in counts.exemptions)
