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


@pytest.mark.parametrize(("text", "family", "engages"), [
    ("Please tell me about incidents attended on 3 March in the town centre.", "s40", False),  # not "about me"
    ("Information concerning aid policy and national security.", "s31", False),  # not "information security"
    ("[ICO summary] The complainant has requested the minutes of a meeting.", "s41", False),  # the requester
    ("What information security standards do you follow?", "s31", True),
    ("Please send me everything you hold about me.", "s40", True),
    ("The locations of speed cameras and their maintenance records.", "s31", True),
    ("How much rent was lost on empty council homes in 2025/26?", "s43", False),  # a statistic, not a rent paid
    ("The rent paid to the landlord of the depot under its lease.", "s43", True),
    ("Correspondence with the operator about the proposed rail franchise extension.", "s43", True),
    ("For each month from April 2025, the number of patients waiting over 52 weeks.", "s12", False),
    ("Please send me all the information you hold about me, including the stop and search record.", "s12", False),
    ("Please send all the information you hold about the stadium deal since 2015.", "s12", True),
])
def test_a_cue_of_several_words_matches_only_as_a_phrase(engagement, text, family, engages):
    assert any(e.family == family for e in engagement.match(text)) is engages


def test_complaints_about_roads_are_not_read_as_complaints_about_staff(runtime):
    roads = runtime.suggest("Every complaint received about potholes and the condition of roads since 2015.")
    assert "complaints-misconduct" not in [i.key for i in roads.intents]
    staff = runtime.suggest("How many complaints against officers were upheld last year?")
    assert "complaints-misconduct" in [i.key for i in staff.intents]


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


def test_shipped_priors_file_maps_foia_families_to_their_foisa_counterparts():
    priors = load_priors(ROOT / "intents" / "priors.yaml")
    assert priors.foisa_equivalents["s31"] == "foisa-s35" and priors.foisa_equivalents["s40"] == "foisa-s38"
    assert priors.foisa_to_foia["foisa-s36"] == "s41"  # shared by s41 and s42: the first listed is learned
    assert Priors().share("police") == {}


def test_priors_file_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "priors.yaml"
    bad.write_text("foisa_equivalents: {s31: foisa-s35}\ntypes:\n  police:\n    cases: 2\n    cited: {s31: 3}\n")
    with pytest.raises(DataError) as err:
        load_priors(bad, "priors.yaml")
    assert "priors.yaml" in str(err.value) and "5" in str(err.value) and "cited" in str(err.value)
    bad.write_text("foisa_equivalents: {s31: s35}\n")
    with pytest.raises(DataError, match="foisa_equivalents"):
        load_priors(bad, "priors.yaml")


def test_a_type_prior_is_smoothed_towards_all_types():
    priors = Priors()
    for _ in range(9):
        priors.add("police", ["s31"])
    for _ in range(5):
        priors.add("council", ["s12"])
    police, council = priors.share("police"), priors.share("council")
    assert max(police, key=police.get) == "s31" and max(council, key=council.get) == "s12"
    assert council["s31"] > 0.3  # five council cases: leans on all types' figures too


@pytest.fixture
def runtime(tmp_path):
    rt = open_runtime(tmp_path / "s.sqlite")
    yield rt
    rt.store.close()


def test_a_request_with_no_cues_gets_five_ranked_exemptions_from_the_type_prior(runtime):
    s = runtime.suggest("Zebras quokkas xylophones")
    assert len(s.exemptions) >= 5
    assert [e.score for e in s.exemptions] == sorted((e.score for e in s.exemptions), reverse=True)
    size = runtime.suggest.learned.size
    assert size > 100 and all(f"answers (prior from {size} answered requests)" in e.why for e in s.exemptions)
    assert not any("engages it" in e.why or "cited in FOI" in e.why for e in s.exemptions)
    assert all(e.score < 50 for e in s.exemptions)  # a prior alone never prefills the exemptions question
    police = runtime.suggest("Zebras quokkas xylophones", authority_type="police")
    council = runtime.suggest("Zebras quokkas xylophones", authority_type="council")
    share = runtime.suggest.learned.priors.share
    for kind, got in (("police", police), ("council", council)):
        assert got.exemptions[0].key == max(share(kind), key=share(kind).get)
        assert f"{kind} answers" in got.exemptions[0].why
    assert police.exemptions[0].key != council.exemptions[0].key


def test_strong_words_move_a_family_above_its_prior(runtime):
    text = ("Please provide the locations of all ANPR cameras in the force area, and the tactics used by covert "
            "surveillance officers.")
    for kind in ("police", "council"):
        before = next(e for e in runtime.suggest("Zebras quokkas", authority_type=kind).exemptions if e.key == "s31")
        after = runtime.suggest(text, authority_type=kind).exemptions
        s31 = next(e for e in after if e.key.startswith("s31"))
        assert s31 in after[:3] and "engages it" in s31.why and s31.score > before.score + 10
    assert runtime.suggest(text, authority_type="police").exemptions[0].key.startswith("s31")
    assert runtime.suggest(text, authority_type="police").exemptions[0].score >= 50


@pytest.mark.parametrize(("text", "family"), [
    ("Copies of the legal advice the force received from counsel about the new custody suite.", "s42"),
    ("Any correspondence with MI5 or GCHQ about the protest.", "s23"),
    ("The body armour and holster models officers carry.", "s38"),
])
def test_one_specific_cue_lifts_a_rarely_cited_family_into_the_top_three(runtime, text, family):
    share = runtime.suggest.learned.priors.share("police")
    assert share.get(family, 0) < 0.1  # rare for a police force: the prior alone would rank it low
    got = runtime.suggest(text, authority_type="police").exemptions
    assert family in [e.key.split("(")[0] for e in got[:3]], [(e.key, e.score) for e in got[:5]]


ANPR = ("1. How many ANPR cameras does the force operate? 2. Where is each camera located? "
        "3. How much did the force spend on ANPR maintenance in 2023?")


@pytest.mark.parametrize("kind", ["police", "inspectorate"])
def test_specific_engagement_beats_a_common_prior_plus_a_generic_intent(runtime, kind):
    """ANPR camera locations engage s31 directly; 'how much ... spend' only maps to s40(2) through an intent."""
    got = runtime.suggest(ANPR, authority_type=kind).exemptions
    assert got[0].key == "s31", [(e.key, e.score) for e in got[:3]]
    assert "camera* locat*" in got[0].why and "'anpr'" in got[0].why
    s40 = next(e for e in got if e.key.startswith("s40"))
    assert s40.score < got[0].score and "engages it" not in s40.why
    assert "request looks like 'Asks about contracts, spending or suppliers'" in s40.why


def test_the_shipped_inspectorate_profile_ranks_s31_first_for_the_anpr_request(runtime):
    assert runtime.suggest.authority_type == "inspectorate"  # authority.toml as shipped
    assert runtime.suggest(ANPR).exemptions[0].key == "s31"


def test_a_scottish_authority_is_offered_foisa_sections(runtime):
    s = runtime.suggest("Please provide the locations of all ANPR cameras.", authority_type="police", regime="foisa")
    keys = [e.key for e in s.exemptions]
    assert keys[0] == "foisa-s35" and "counterpart of FOIA s31" in s.exemptions[0].why
    assert all(k.startswith(("foisa-", "EISR ")) for k in keys) and len(keys) >= 5  # never UK numbering
    uk = runtime.suggest("Please provide the locations of all ANPR cameras.", authority_type="police")
    assert not any(e.key.startswith("foisa-") for e in uk.exemptions)


def test_a_scottish_authority_is_offered_the_scottish_eir_for_environmental_information(runtime):
    text = ("Please send the air quality monitoring data and the emissions reports for the incinerator, and the "
            "contract with the waste operator.")
    scottish = runtime.suggest(text, authority_type="council", regime="foisa")
    uk = runtime.suggest(text, authority_type="council")
    assert uk.regime == "eir"
    assert scottish.regime == "foisa"  # the letter's Act: foibot drafts FOISA, never the UK EIR, for Scotland
    assert any("Environmental Information (Scotland) Regulations 2004" in n for n in scottish.notes)
    assert not any("Scotland" in n for n in uk.notes)
    assert scottish.exemptions[0].key.startswith("EISR reg 10(") and "(Scottish EIR)" in scottish.exemptions[0].label
    assert not any(e.key.startswith(("r", "s")) for e in scottish.exemptions)  # never the UK numbering
    assert any(e.key == "r12(5)(e)" for e in uk.exemptions) and not any("EISR" in e.key for e in uk.exemptions)
    assert all(e.why.count("the counterpart of") <= 1 for e in scottish.exemptions)  # the note is said once


def test_a_scottish_force_asked_about_a_named_person_is_offered_neither_confirm_nor_deny(runtime):
    text = "Was the named person John Smith arrested or reported to the procurator fiscal?"
    scottish = runtime.suggest(text, authority_type="police", regime="foisa").exemptions
    s18 = next(e for e in scottish if e.key == "foisa-s18")
    assert s18 in scottish[:5] and "engages it: whether a named person was investigated" in s18.why
    assert not any(e.key.startswith("foisa-") for e in runtime.suggest(text, authority_type="police").exemptions)


def test_a_scottish_environmental_request_is_offered_no_foisa_section_but_s39(runtime):
    text = "Has SEPA referred the operator of the salmon farm to the procurator fiscal for breaches of its licence?"
    got = runtime.suggest(text, authority_type="other", regime="foisa").exemptions
    assert got and all(e.key.startswith("EISR") or e.key == "foisa-s39" for e in got)


@pytest.mark.parametrize("kind", ["inspectorate", "council", "other"])
def test_every_suggestion_has_a_name_and_an_eir_one_says_when_it_applies(runtime, kind):
    got = runtime.suggest("How many staff work in your information rights team?", authority_type=kind).exemptions
    assert got and all(e.label and e.label != e.key for e in got)
    assert not any(e.key.startswith("EISR") for e in got)
    for e in got:
        assert e.key.startswith("r") == ("only if the information is environmental" in e.why), (e.key, e.why)


def test_the_register_feeds_the_suggestions_of_the_suggest_command(tmp_path, capsys):
    """The authority's own past cases (here one not among the shipped answered requests) reach every surface."""
    rows = {r["id"]: r for r in map(json.loads, filter(str.strip, FIXTURE.read_text("utf-8").split("\n")))}
    ours = dict(rows["humberside-hospital-crime"], id="OUR-2025-017")
    log = tmp_path / "ours.jsonl"
    log.write_text(json.dumps(ours) + "\n", encoding="utf-8")
    db = tmp_path / "cli.sqlite"
    store = Store(db)
    import_log(store, log)
    store.close()
    request = tmp_path / "r.txt"
    request.write_text(rows["durham-hospital-crime"]["request"], encoding="utf-8")
    assert main(["--db", str(db), "suggest", str(request), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"topics", "intents", "exemptions", "similar_cases", "regime", "notes"}
    assert {c["reference"] for c in data["similar_cases"]} == {"OUR-2025-017"}
    s40 = next(e for e in data["exemptions"] if e["section"].startswith("s40"))
    assert "cited in OUR-2025-017 (near-identical request" in s40["why"]
    assert len(data["exemptions"]) >= 5 and all(e["why"] for e in data["exemptions"])


def test_a_scottish_case_in_the_register_lends_its_weight_but_not_its_numbering(tmp_path):
    """A UK authority's register may hold a similar Scottish case citing FOISA s38: it counts for s40, never as it."""
    log = tmp_path / "log.jsonl"
    text = "The names and home addresses of the officers who attended the incident at the harbour on 3 May."
    log.write_text(json.dumps({"id": "scot-1", "request": text, "exemptions": ["FOISA s38(1)(b)"],
                               "outcome": "refused"}) + "\n", encoding="utf-8")
    rt = open_runtime(tmp_path / "s.sqlite")
    try:
        import_log(rt.store, log)
        got = rt.suggest(text, authority_type="police").exemptions
        assert not any(e.key.startswith("foisa-") for e in got), [e.key for e in got]
        s40 = next(e for e in got if e.key.startswith("s40"))
        assert "cited in scot-1" in s40.why and s40 in got[:2]
    finally:
        rt.store.close()



def test_an_authoritys_own_register_soon_outweighs_its_types_prior(tmp_path):
    """Five of this council's own cases citing s43 lift s43 into the top three of a request whose words point
    nowhere, though councils seldom cite it: the register counts beside the type prior as ``REGISTER_PSEUDO`` cases."""
    text = "Please send me the figures for last year."
    log = tmp_path / "log.jsonl"
    log.write_text("\n".join(json.dumps({"id": f"OUR-{n}", "request": f"The contract with supplier number {n}.",
                                         "exemptions": ["s43(2)"], "outcome": "refused"}) for n in range(5)),
                   encoding="utf-8")
    rt = open_runtime(tmp_path / "s.sqlite")
    try:
        cold = rt.suggest(text, authority_type="council", use_register=False).exemptions
        assert not any(e.key.startswith("s43") for e in cold[:3]), [e.key for e in cold]
        import_log(rt.store, log)
        warm = rt.suggest(text, authority_type="council").exemptions
        s43 = next(e for e in warm if e.key.startswith("s43"))
        assert s43 in warm[:3], [e.key for e in warm]
        assert "cited in 5 of the register's 5 cases with exemptions" in s43.why
    finally:
        rt.store.close()

def test_the_documented_prior_table_matches_the_shipped_answered_requests():
    from foibot.suggest.learning import learn, read_answered

    priors = load_priors(ROOT / "intents" / "priors.yaml")
    learned = learn(read_answered(ROOT / "intents" / "answered.jsonl"), priors.foisa_to_foia).priors
    doc = (ROOT / "intents" / "ANSWERED.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in doc.splitlines() if line.startswith("| ")}
    assert set(learned.cases) <= set(rows)
    for kind, n in learned.cases.items():
        top = sorted(learned.counts[kind].items(), key=lambda i: (-i[1], i[0]))[:5]
        assert rows[kind] == f"| {kind} | {n} | " + ", ".join(f"{f} {c}" for f, c in top) + " |"


@pytest.mark.parametrize(("text", "family", "engages"), [
    ("The findings of the review, which I understand will be published next month.", "s21", False),  # unless
    ("The findings of the review, which I understand will be published next month.", "s22", True),
    ("The review's findings, which I believe are already published on your website.", "s21", True),
    ("The total cost of the deployment of the new website platform.", "s31", False),  # not police deployment
    ("How many officers were deployed to the football match?", "s31", True),
    ("The names of the consultant cardiologists at the hospital.", "s43", False),  # doctors, not consultancy
    ("How much did the department spend on management consultants?", "s43", True),
    ("How many body worn cameras does the force have, and who supplies them?", "s40", False),  # cameras, not footage
    ("The body worn video footage of my arrest.", "s40", True),
    ("How many times did the ambulance arrive late last year?", "s14", False),  # a count, not exasperation
    ("How many times do I have to ask for the same thing?", "s14", True),
    ("We are a local campaign group asking for the minutes of the meeting.", "s14", False),
    ("My neighbour has been harassing my family for months.", "s14", False),
    ("Which police forces in the UK use the same system?", "s21", False),  # not data.police.uk
    ("When will the prisoner be released?", "s22", False),
    ("The settlement agreement with the former chief executive.", "s42", False),  # s40 and s41, not privilege
    ("The settlement agreement with the former chief executive.", "s41", True),
    ("Every email between the head of estates and the finance director.", "s36", True),
    ("The Economy Minister's diary for March.", "s29", False),
    ("He has no business on the planning committee.", "s43", False),
    ("The council's business plan for 2025.", "s43", True),
    ("The serious case review into the death of a child in 2023.", "s40", True),
    ("The addresses of residential blocks with combustible cladding.", "s38", True),
    ("Has the named officer been suspended or been the subject of complaints?", "foisa-s18", True),
    ("The number of areas for improvement you identified in the draft.", "s40", False),  # found, not identifiable
    ("Any information that could identify individuals in the incident log.", "s40", True),
    ("The names of the staff who carried out the inspection.", "s40", True),
    ("The names of police forces that use the system.", "s40", False),
    ("My father died on Ward 12 after a fall: the investigation report into his death.", "s41", True),
    ("The number of patient deaths on each ward last year.", "s41", False),  # a count, no one's records
    ("The handwritten evidence forms completed during an inspection of the school.", "s33", True),
    # not_in: a word read in another sense does not count, the rest of the request still does
    ("How many adults received a personal budget, and their average value?", "s40", False),
    ("How many adults received a personal budget, and the names of the staff who assessed them?", "s40", True),
    ("How many calls did your confidential whistleblowing hotline receive in 2024?", "s41", False),
    ("The confidential report the whistleblower gave you about the ward.", "s41", True),
    ("Are the security guards directly employed or supplied by an agency?", "s41", False),
    ("How many research investigations (clinical trials) did the university sponsor?", "s30", False),
    ("What ransom was demanded after the cyber attack, and was it paid?", "s14", False),
    ("Does the school teach artificial intelligence?", "s31", False),
    ("How many complaints about dog breeders did you receive in 2024?", "s14", False),
    ("How many inquests were still not concluded after a year?", "s14", False),
    ("The post mortem report the coroner holds for my uncle's inquest.", "s32", True),
    ("Why did the CPS decide not to prosecute the driver?", "s30", True),
    ("Has the Authority opened an investigation into Harbourside Wealth Management Ltd?", "s44", True),
    ("The briefing for the trade talks with India.", "s27", True),
    ("The parish precept for this year.", "s21", True),
    # the fifth expert set's knowledge (written in other words than its requests)
    ("Results so far from the university's ongoing trial of a new malaria vaccine.", "s22A", True),
    ("Where are the osprey nesting sites on the estate?", "r12(5)(g)", True),
    ("Figures on the borough's population you will be publishing in the autumn.", "s22", True),
    ("Reports from the board's private session on the new IT supplier.", "s43", True),
    ("Talks between the Treasury and the Northern Ireland Executive on the block grant.", "s28", True),
    ("Talks between the UK Government and the Northern Ireland Executive.", "s27", False),  # part of the UK
    ("What information did the Security Service share with the force?", "s31", False),  # MI5, not IT security
    ("Is the regulator investigating the care provider's finances?", "s31", True),
    ("Please confirm whether the headteacher is being investigated.", "s40", True),
    ("The due diligence on the partner university's links to the military.", "s26", False),
    ("Prevention of future deaths reports sent to the trust since 2022.", "s21", True),
    ("The addresses of the properties left empty for over two years.", "s40", True),
])
def test_a_cue_in_another_sense_does_not_engage_the_exemption(engagement, text, family, engages):
    assert any(e.family == family for e in engagement.match(text)) is engages


def test_what_makes_information_environmental_is_no_exemption(engagement):
    assert "environmental" not in engagement.titles
    assert not any(e.family == "environmental" for e in engagement.match("Objections to the planning application"))
    assert "planning" in engagement.environmental("Objections to the planning application 24/0001")
    assert engagement.environmental("How many officers were on duty on Saturday?") == ""
    for text in ("The section 19 flood investigation report and the culvert inspection records.",
                 "Storm overflow discharges into the river in 2024.", "Wild camping on the moor: the byelaw breaches.",
                 "The traffic regulation order and the speed surveys for the new limit."):
        assert engagement.environmental(text), text
    # surveillance authorisations whose purpose is fly-tipping are about investigatory powers, not waste
    assert engagement.environmental("How many RIPA directed surveillance authorisations were for fly-tipping?") == ""
    assert engagement.environmental("How many fly-tipping incidents were reported in 2024?")
    # fisheries and the sea; a place or school named Greenfield(s) is no greenfield site
    assert engagement.environmental("Landings of sea bass by each fishing vessel in 2024.")
    assert engagement.environmental("Sea lice counts at the salmon farm.")
    assert engagement.environmental("Complaints about Greenfields Primary School.") == ""
    assert engagement.environmental("Housing on greenfield sites in the local plan.")
    # where protected species breed, and what planners and applicants said before a decision
    assert engagement.environmental("Which bat roosts did the ecological survey for the new school find?")
    assert engagement.environmental("Notes of pre-application meetings with the developer of the retail park.")


def test_engagement_unless_cues_are_checked(tmp_path):
    bad = tmp_path / "engagement.yaml"
    bad.write_text("s21:\n  title: Published\n  concepts:\n    - about: x\n      unless: ['*']\n"
                   "      cues: [published]\n")
    with pytest.raises(DataError) as err:
        load_engagement(bad, "engagement.yaml")
    assert "unless" in str(err.value)


@pytest.mark.parametrize("text", [
    "Copies of all objection letters for planning application 24/0001/FUL, with the objectors' names and addresses.",
    "The contract and schedule of rates for the resurfacing of the A470 through Merthyr Tydfil.",
])
def test_environmental_information_the_matcher_misses_is_offered_the_eir(runtime, text):
    uk = runtime.suggest(text, authority_type="council")
    assert uk.regime == "eir" and uk.exemptions[0].key.startswith("r")
    assert any("Environmental Information Regulations 2004" in n and "environmental information (" in n
               for n in uk.notes)
    scottish = runtime.suggest(text, authority_type="council", regime="foisa")
    assert scottish.exemptions[0].key.startswith("EISR ")
    s39 = next(e for e in scottish.exemptions if e.key == "foisa-s39")
    assert "s39(2)" in s39.why and s39 in scottish.exemptions[:5]
    assert not any("Environmental Information Regulations 2004" in n for n in scottish.notes)  # the Scottish note


def test_an_eir_list_offers_no_foia_section_without_an_eir_exception(rt):
    got = rt.suggest("Please send the business case and internal emails about the Ashford bypass road scheme.")
    keys = [s.key for s in got.exemptions]
    assert got.regime == "eir" and len(keys) >= 5
    assert all(k.startswith("r") or k == "s39" for k in keys), keys


def test_relations_within_the_uk_are_the_administrations_own(runtime):
    """s28 protects relations between the UK's administrations: a council naming the Welsh Government gets
    no reason to cite it, a government department does."""
    text = "The emails between the Welsh Government and the devolved administrations about the new funding formula."
    council = {e.key: e.why for e in runtime.suggest(text, authority_type="council").exemptions}
    assert "engages it" not in council.get("s28", "")
    government = {e.key: e.why for e in runtime.suggest(text, authority_type="central_government").exemptions}
    assert "engages it" in government.get("s28", "")


def test_audit_functions_are_for_bodies_that_inspect_others_not_for_a_forces_own_inspections(runtime):
    """s33 protects the audit and inspection of other public authorities: an inspectorate's inspection notes
    engage it; a police force asked for its own inspection notes has it on its past answers alone."""
    text = "The inspectors' notes and evidence gathered during the inspection of the custody suite."
    inspectorate = {e.key: e.why for e in runtime.suggest(text, authority_type="inspectorate").exemptions}
    assert "engages it: an inspectorate's or regulator's own inspection evidence" in inspectorate.get("s33", "")
    police = {e.key: e.why for e in runtime.suggest(text, authority_type="police").exemptions}
    assert "engages it" not in police.get("s33", "")


def test_eir_provisions_drafted_another_way_say_how_never_write_by_hand(runtime):
    s = runtime.suggest("Please send all the air quality monitoring data for Mill Lane, and the names of the "
                        "residents who complained about the smell from the landfill site.")
    labels = {e.key: e.label for e in s.exemptions}
    assert labels["r12(4)(a)"].startswith("Information not held (answer that we do not hold it")
    assert labels["r12(3)"].startswith("Personal data of others (with regulation 13) (choose r13")
    assert not [k for k, v in labels.items() if k in ("r12(4)(a)", "r12(3)") and "by hand" in v]


def test_whether_a_named_person_was_investigated_is_read_as_a_neither_confirm_nor_deny_question(engagement):
    """Tryout 6: 'whether the force has investigated Councillor X' got no word of neither confirm nor deny."""
    text = ("I would like to know whether Northshire Police has investigated Councillor Mark Penrose for any offence "
            "since 2025, and if so, copies of any files relating to that investigation.")
    s40 = next(e for e in engagement.match(text) if e.family == "s40")
    assert "whether a named person was investigated" in s40.why
    statistics = "How many investigations did the force open into councillors' conduct in 2025?"
    assert not any("named person" in e.why for e in engagement.match(statistics))
