"""Tryout 9's suggestion misses, fixed by what an FOI officer knows of any request of that kind: what makes
information environmental (species, habitats, rights of way, land, planning), research (s22A), a committee's
confidential session, a senior post-holder's suspension, objectors' personal data under the EIR, and the government
of Ireland as another State."""

import shutil
from pathlib import Path

import pytest
from profiles import copy_profile

from foibot.surfaces.runtime import open_runtime


@pytest.fixture(scope="module")
def rt(tmp_path_factory):
    runtime = open_runtime(tmp_path_factory.mktemp("t9") / "s.sqlite")
    yield runtime
    runtime.store.close()


def keys(got, n=3):
    return [e.key for e in got.exemptions[:n]]


def why(got, key):
    return next(e.why for e in got.exemptions if e.key == key)


# --- 1. environmental information: biological diversity, land and landscape, planning ----------------------------

def test_where_protected_birds_breed_is_environmental_and_leads_with_protection_of_the_environment(rt):
    got = rt.suggest("Please tell me where the hen harrier and goshawk nests on the estate are.",
                     authority_type="other")
    assert got.regime == "eir"
    assert keys(got, 1) == ["r12(5)(g)"], keys(got, 5)
    assert "rare or protected species live or breed" in why(got, "r12(5)(g)")
    assert any("biological diversity" in n for n in got.notes)
    assert not any(k.startswith("s") and k != "s39" for k in keys(got, 5))  # no FOIA section for an EIR request


def test_rights_of_way_are_land_and_a_broad_request_for_them_is_manifestly_unreasonable_not_s12(rt):
    got = rt.suggest("Every document you hold on the bridleways and byways in the district since 1970.",
                     authority_type="council")
    assert got.regime == "eir"
    assert keys(got, 1) == ["r12(4)(b)"], keys(got, 5)
    assert "s12" not in keys(got, 5)
    assert any("public rights of way" in n for n in got.notes)


def test_pre_application_advice_and_a_viability_appraisal_are_planning_measures(rt):
    got = rt.suggest("The pre-app advice your officers gave on the caravan site at Mill End, with the developer's "
                     "viability appraisal.", authority_type="other")
    assert got.regime == "eir"
    assert keys(got, 1) == ["r12(5)(e)"], keys(got, 5)
    assert "viability" in why(got, "r12(5)(e)")


def test_the_note_flags_every_environmental_part_of_a_request_in_parts(rt):
    text = ("Please send:\n1. The order diverting the public footpath behind Church Farm.\n"
            "2. The survey of the barn owl roost in the old mill.\n"
            "3. The planning obligation agreed for the housing at Ridge Lane.")
    got = rt.suggest(text, authority_type="other")
    assert got.regime == "eir"
    note = next(n for n in got.notes if "looks like environmental information" in n)
    assert "part 1:" in note and "part 2:" in note and "part 3:" in note, note


@pytest.mark.parametrize("text", [
    "How many people were arrested at the match, and who decided to stop fans turning right at the top of the road?",
    "The number of stop and search incidents for suspected wildlife crime in 2024.",
    "The code of conduct and the nesting tables used in the canteen.",
])
def test_words_in_another_sense_do_not_make_a_request_environmental(rt, text):
    assert rt.suggest(text, authority_type="police").regime == "foia"


# --- 2. research: s22A -------------------------------------------------------------------------------------------

def test_a_universitys_unpublished_study_results_lead_with_research(rt):
    got = rt.suggest("The interim findings and study data from your sleep and exam performance study, not yet out.",
                     authority_type="education")
    # both forthcoming-publication sections in the top 3 (since the sixth expert set "not yet out" engages s22
    # too); s40 may lead, as study data about students is their personal data
    assert {"s22A", "s22"} <= set(keys(got, 3)), keys(got, 5)
    assert "research" in why(got, "s22A")
    assert not {"s21", "s43"} & set(keys(got, 2))  # neither "findings" already published nor a contract


TOPICS = """- id: loneliness-study
  title: Loneliness in later life study
  aliases: [loneliness study]
  keywords: [loneliness]
  status: forthcoming
  planned: '2027-10-31'
  summary: The study's findings, to be published in a journal
- id: estates-strategy
  title: Estates Strategy 2030
  aliases: [estates strategy]
  keywords: [campus buildings]
  status: forthcoming
  planned: '2027-06-30'
  summary: Our plan for the campus
"""


@pytest.fixture(scope="module")
def topics_profile(tmp_path_factory):
    def make(kind):
        folder = copy_profile(tmp_path_factory.mktemp(kind), type=kind)
        (folder / "intents" / "topics.yaml").write_text(TOPICS, encoding="utf-8")
        return open_runtime(folder / "s.sqlite", folder)
    made = {kind: make(kind) for kind in ("education", "council")}
    yield made
    for runtime in made.values():
        runtime.store.close()
        shutil.rmtree(Path(runtime.root), ignore_errors=True)


def test_a_forthcoming_topic_that_is_research_gives_s22a_as_well_as_s22(topics_profile):
    got = topics_profile["council"].suggest("Please send me what the loneliness in later life study found.")
    top = keys(got, 3)
    assert "s22A" in top and "s22" in top, keys(got, 5)
    assert "is research whose report is not yet published (planned 2027-10-31)" in why(got, "s22A")


def test_a_universitys_forthcoming_report_is_read_as_research_a_councils_is_not(topics_profile):
    text = "A copy of the Estates Strategy 2030 before you publish it."
    university = topics_profile["education"].suggest(text)
    assert "s22" in keys(university, 3) and "s22A" in keys(university, 5), keys(university, 5)
    assert "report of its research" in why(university, "s22A")
    council = topics_profile["council"].suggest(text)
    assert "s22" in keys(council, 3)
    assert not any("research" in e.why for e in council.exemptions if e.key == "s22A")


# --- 3. other misses ---------------------------------------------------------------------------------------------

def test_a_committees_confidential_session_is_neither_published_nor_information_given_in_confidence(rt):
    got = rt.suggest("The minutes of the audit committee's confidential session on the chief executive's grievance.",
                     authority_type="council")
    top = keys(got, 2)
    assert any(k.startswith("s40") for k in top) and "s36" in top, keys(got, 5)
    assert keys(got, 1)[0] not in ("s21", "s41")
    assert "senior post-holder named by their role" in why(got, got.exemptions[0].key)
    assert "private or confidential session" in why(got, "s36")


def test_emails_about_a_senior_post_holders_suspension_lead_with_personal_data(rt):
    got = rt.suggest("All emails between the governors about suspending the head teacher last term.",
                     authority_type="education")
    assert keys(got, 1)[0].startswith("s40"), keys(got, 5)
    assert keys(got, 1)[0] not in ("s12", "s36")


def test_objectors_names_under_the_eir_lead_with_regulation_13(rt):
    got = rt.suggest("The names and home addresses of the residents who objected to the solar farm planning "
                     "application.", authority_type="council")
    assert got.regime == "eir"
    assert keys(got, 1) == ["r13"], keys(got, 5)
    assert "names and home addresses of the members of the public" in why(got, "r13")


def test_an_irish_government_department_is_another_state_for_a_northern_ireland_department(rt):
    text = ("(a) The Minister's briefing on the dairy support scheme.\n(b) Letters exchanged with officials in Dublin "
            "at the Department of Foreign Affairs and Trade about the all-island tourism strategy.\n"
            "(c) How many staff work in the Tourism Division.")
    got = rt.suggest(text, authority_type="central_government")
    assert "s27" in keys(got, 3), keys(got, 5)
    assert "relations with other states" in why(got, "s27")


@pytest.mark.parametrize(("title", "summary", "research"), [
    ("Coastal birds cohort study", "Results to be published in a journal", True),
    ("Trial of a new reading programme", "The evaluation report", True),
    ("Town centre feasibility study", "Options for the market square", False),
    ("Inspection of the custody suites", "Our findings from the fieldwork", False),
])
def test_a_topic_is_research_only_when_its_words_say_so(title, summary, research):
    from foibot.knowledge.model import Topic
    from foibot.suggest.matcher import is_research
    assert is_research(Topic("t", title, "forthcoming", summary)) is research
