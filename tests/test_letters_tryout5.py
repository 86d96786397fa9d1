"""The fifth new-user tryout's findings on letters (tests/fixtures/answers/tryout5/, the tryout's own answers read
back from its cases, drafted under the kind of authority the file's name gives).

The defects these pin down: a public interest balance answered without a direction ("the contract is being
re-tendered this year, so the harm is live") printed as the whole conclusion, so the letter never said which way
the balance fell (s17(3)(b)), and the check passed; an Annex A factor saying the qualified person's opinion was that
disclosure "would cause this harm" beside a paragraph giving the opinion as "would be likely to"; police wording
("policing capabilities", "how crime is prevented and detected") offered to an inspectorate and a fire and rescue
service for s31(1)(g), and two near-identical s36 accountability factors for an inspectorate; "Dear Mrs Aisha
Rahman," and "Dear Compliance Team,"; "£600, which the Fees Regulations 2004 fix at £25 an hour"; "To help you, as
section 16 of the Act asks us to: drop part 3" (as if we were dropping it); "prejudice the exercise by a public
authority of its functions" for our own; published information "withheld" under s21; an s40(2) paragraph running
two parts' data subjects into "… complaints and disclosing it would …"; a Word letter whose properties said
"python-docx", with a thumbnail, and whose letterhead's postcode and email address ran together for the release
check; the officer's section 16 advice ("which may engage section 35") read as a citation relied on; the s43 cue
"rates" firing on "nurse staffing fill rates".
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from probes import assert_signable

FOLDER = Path(__file__).resolve().parent / "fixtures" / "answers" / "tryout5"
ANSWERS = Path(__file__).resolve().parent / "fixtures" / "answers"
TYPES = {"education": "education", "other": "other", "gov": "central_government", "health": "health",
         "inspectorate": "inspectorate", "police": "police", "council": "council"}
# policing operations: capabilities, tactics, crime. An inspectorate of forces may name the forces it inspects; a fire
# and rescue service is never offered "forces".
TWO = "says both that disclosure would and that it would be likely to cause the harm"
POLICE_WORDS = re.compile(r"polic|\bcrime\b|criminal|officers|tactics", re.I)


def answers(name: str) -> dict:
    return json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))


def draft(rt, name: str, given: dict | None = None, *, kind: str | None = None, request: str | None = None,
          regime: str = "foia"):
    kind = kind or name.split("-")[0]
    rt.engine.authority = replace(rt.authority, type=TYPES[kind], name="Example Body", short_name="Example Body",
                                  cost_limit=600 if kind == "gov" else 450, regime=regime,
                                  signature_role="On behalf of Example Body", protective_marking="")
    rt.engine.today = lambda: date(2027, 1, 5)
    text = request if request is not None else (FOLDER / f"{name}.txt").read_text(encoding="utf-8")
    return rt.engine.draft_answers(text, given if given is not None else answers(name))


def body(text: str) -> str:
    """The letter without the quoted request (indented lines)."""
    return "\n".join(line for line in text.split("\n") if not line.startswith("    "))


# --- 1. the balance of the public interest always says which way it falls ----------------------------------------

STANDARD = ("the public interest in maintaining the exemption outweighs the public interest in disclosing the "
            "information.")


def test_a_balance_with_no_direction_is_given_the_conclusion_and_reads_as_its_reason(rt):
    d = draft(rt, "education-s40-s43-parts")
    assert_signable(rt, d, [f"{STANDARD} The contract is being re-tendered this year, so the harm is live."],
                    ["Balance of the public interest: The contract"], body(d.text()))


def test_a_balance_that_states_its_direction_is_kept_as_typed(rt):
    given = answers("education-s40-s43-parts")
    given["s43"]["pit_conclusion"] = "The balance favours withholding until the contract is re-let in 2027."
    d = draft(rt, "education-s40-s43-parts", given)
    assert_signable(rt, d, ["Balance of the public interest: The balance favours withholding until the contract"],
                    [STANDARD], body(d.text()))


@pytest.mark.parametrize("fixture,request_file,regime,direction", [
    ("eir-r12-5-e", "request-eir.txt", "foia",
     "the public interest in maintaining the exception outweighs the public interest in disclosing the information."),
    ("foisa-s35", "request-foisa.txt", "foisa", STANDARD),
    ("ncnd-s31", "request-foia.txt", "foia", "the public interest in maintaining the exclusion of the duty to confirm "
                                             "or deny outweighs the public interest in confirming or denying whether "
                                             "we hold the information."),
])
def test_under_the_eir_foisa_and_ncnd_the_direction_is_stated_in_their_terms(rt, fixture, request_file, regime,
                                                                              direction):
    given = json.loads((ANSWERS / f"{fixture}.json").read_text(encoding="utf-8"))
    family = next(k for k in given if isinstance(given[k], dict) and "pit_for" in given[k])
    given[family]["pit_conclusion"] = "the harm is live this year"
    d = draft(rt, fixture, given, kind="council", regime=regime,
              request=(ANSWERS / request_file).read_text(encoding="utf-8"))
    assert f"{direction} The harm is live this year." in " ".join(d.text().split()), d.text()
    assert d.checks.ok, d.checks.summary()
    if fixture.startswith("ncnd"):  # the own-draft check reads the balance block (below); the text rule is ncnd-pit
        return
    from foibot.letter.checks import check

    bare = d.text().replace("having weighed these factors, we have concluded that " + direction + " ", "")
    assert bare != d.text()
    found = check(bare, rt.kb, letter_date=d.letter_date)
    assert any(i.startswith("pit:") for i in found.ids()), found.summary()


@pytest.mark.parametrize("fixture,request_file,conclusion", [
    ("ncnd-s31", "request-foia.txt", "on balance the public interest favours confirming, because councillors are "
                                     "accountable"),
    ("eir-r12-5-e", "request-eir.txt", "The balance lies in favour of disclosure."),
])
def test_a_balance_that_favours_disclosure_in_a_refusal_fails_the_check(rt, fixture, request_file, conclusion):
    """Tryout 6: an officer's conclusion for confirming, typed in a neither-confirm-nor-deny reply, was printed and
    passed; a refusal whose own balance favours release undoes itself."""
    given = json.loads((ANSWERS / f"{fixture}.json").read_text(encoding="utf-8"))
    family = next(k for k in given if isinstance(given[k], dict) and "pit_for" in given[k])
    given[family]["pit_conclusion"] = conclusion
    d = draft(rt, fixture, given, kind="council", request=(ANSWERS / request_file).read_text(encoding="utf-8"))
    assert "pit" in {i.split(":")[0] for i in d.checks.ids()}, d.checks.summary()
    assert "as written the balance favours disclosure" in d.checks.summary()
    given[family]["pit_conclusion"] = "Having weighed the factors, the balance favours maintaining it."
    assert draft(rt, fixture, given, kind="council",
                 request=(ANSWERS / request_file).read_text(encoding="utf-8")).checks.ok


def test_an_ncnd_draft_whose_balance_gives_no_direction_fails_the_own_draft_check(rt):
    from foibot.letter.checks import check_draft

    given = json.loads((ANSWERS / "ncnd-s31.json").read_text(encoding="utf-8"))
    d = draft(rt, "ncnd-s31", given, kind="council", request=(ANSWERS / "request-foia.txt").read_text(encoding="utf-8"))
    blocks = [replace(b, text="Balance of the public interest: the harm is live this year.")
              if b.role.endswith(":balance") else b for b in d.blocks]
    assert blocks != d.blocks
    found = check_draft(blocks, {"regime": "foia", **given}, rt.kb, letter_date=d.letter_date)
    assert any(i.startswith("pit:") for i in found.ids()), found.summary()


def test_the_check_flags_a_public_interest_test_with_no_stated_conclusion(rt):
    from foibot.letter.checks import check, check_draft

    d = draft(rt, "education-s40-s43-parts")
    bare = d.text().replace("having weighed these factors, we have concluded that " + STANDARD + " ", "")
    assert bare != d.text()
    found = check(bare, rt.kb, letter_date=d.letter_date)
    assert "pit:s43" in found.ids(), found.summary()
    assert "which way the balance falls" in found.summary()
    blocks = [replace(b, text="Balance of the public interest: The contract is being re-tendered this year.")
              if b.role == "pit:s43:balance" else b for b in d.blocks]
    given = {**answers("education-s40-s43-parts"), "regime": "foia"}
    own = check_draft(blocks, given, rt.kb, letter_date=d.letter_date)
    assert "pit:s43" in own.ids(), own.summary()


def test_a_stated_conclusion_in_ordinary_words_passes(rt):
    from foibot.letter.checks import check

    d = draft(rt, "education-s40-s43-parts")
    for conclusion in ("On balance, we consider that the public interest favours maintaining the exemption.",
                       "We have concluded that the public interest in disclosure is outweighed by the public "
                       "interest in maintaining the exemption.",
                       "On balance, we do not consider it in the public interest to disclose the pricing schedule."):
        edited = d.text().replace("having weighed these factors, we have concluded that " + STANDARD, conclusion)
        assert check(edited, rt.kb, letter_date=d.letter_date).ok, conclusion


# --- 2. a factor's likelihood follows the answer ---------------------------------------------------------------------

def test_the_qualified_persons_factor_follows_the_opinion_would_be_likely_to(rt):
    d = draft(rt, "inspectorate-s36-would-be-likely")
    assert_signable(rt, d, ["opinion on 18 December 2026 that disclosure would be likely to inhibit",
                            "reasonable opinion that disclosure would be likely to cause this harm"],
                    ["disclosure would cause this harm"], body(d.text()))


def test_a_factor_says_would_when_the_answer_is_would(rt):
    given = answers("inspectorate-s36-would-be-likely")
    given["s36"]["likelihood"] = "would"
    given["s36"]["reason"] = given["s36"]["reason"].replace("would be likely to inhibit", "would inhibit")
    d = draft(rt, "inspectorate-s36-would-be-likely", given)
    assert_signable(rt, d, ["disclosure would inhibit", "opinion that disclosure would cause this harm"],
                    ["would be likely to cause this harm"], body(d.text()))


def test_bank_factors_state_no_likelihood_of_their_own(rt):
    from foibot.letter.drafting import _STATED_WOULD

    fixed = [(e.section, o.value) for e in rt.kb.exemptions.values() if e.basis == "prejudice" and e.regime != "eir"
             for o in (*e.pit_for, *e.pit_against) if _STATED_WOULD.search(o.label)]
    assert fixed == [("s36", "qualified-opinion")], fixed  # the one that follows the answer
    d = draft(rt, "education-s40-s43-parts")
    assert "Disclosure risks weakening our position in current or future negotiations" in d.text()


def test_the_check_flags_would_beside_would_be_likely_to_for_one_exemption(rt):
    from foibot.letter.checks import check

    given = answers("inspectorate-s36-would-be-likely")
    given["s36"]["reason"] = "disclosing a draft would inhibit the force from commenting frankly"  # as typed
    d = draft(rt, "inspectorate-s36-would-be-likely", given)
    assert "reason:s36" in d.checks.ids() and TWO in d.checks.summary(), d.checks.summary()
    good = draft(rt, "inspectorate-s36-would-be-likely")
    edited = good.text().replace("disclosure would be likely to cause this harm", "disclosure would cause this harm")
    found = check(edited, rt.kb, letter_date=good.letter_date)
    assert "reason:s36" in found.ids() and TWO in found.summary(), found.summary()
    assert check(good.text(), rt.kb, letter_date=good.letter_date).ok


def test_the_own_draft_check_flags_an_officers_factor_that_overstates_the_likelihood(rt):
    given = answers("education-s40-s43-parts")
    given["s43"]["pit_against"] = ["Disclosure would prejudice Ardent's position in the re-tender."]
    d = draft(rt, "education-s40-s43-parts", given)
    assert "reason:s43" in d.checks.ids() and TWO in d.checks.summary(), d.checks.summary()


# --- 3. factor banks fit the authority ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["inspectorate", "other"])
def test_regulators_and_fire_services_are_never_offered_police_wording_for_s31(kb, kind):
    s31 = kb.exemptions["s31"]
    offered = [o.label for side in ("for", "against") for o in s31.pit_options(side, kind)]
    assert offered and not [t for t in offered if POLICE_WORDS.search(t)], offered
    if kind == "other":
        assert not [t for t in offered if re.search(r"\bforces?\b", t)], offered


def test_a_fire_service_is_offered_factors_for_audits_and_frank_engagement(kb):
    s31 = kb.exemptions["s31"]
    against = {o.value for o in s31.pit_options("against", "other")}
    assert {"audit-targeting", "frank-engagement"} <= against
    assert "regulatory-openness" in {o.value for o in s31.pit_options("for", "other")}
    police = [o.label for side in ("for", "against") for o in s31.pit_options(side, "police")]
    assert any("avoid them" in t for t in police) and "audit-targeting" not in police


def test_the_fire_services_s31_letter_with_its_own_factors(rt):
    given = answers("other-fire-s31-1-g")
    given["s31"]["pit_for"] = ["regulatory-openness", *given["s31"]["pit_for"]]
    given["s31"]["pit_against"] = ["audit-targeting", "frank-engagement"]
    d = draft(rt, "other-fire-s31-1-g", given)
    assert_signable(rt, d, ["let those responsible anticipate our visits", "prejudice the exercise of our functions "
                            "for the purpose of ascertaining whether circumstances which would justify regulatory "
                            "action"], ["by a public authority of its functions", "policing", "forces"],
                    body(d.text()))
    annex = d.text().split("Annex A", 1)[1]
    assert not POLICE_WORDS.search(annex), annex


def test_an_inspectorate_gets_one_s36_accountability_factor(kb):
    s36 = kb.exemptions["s36"]
    texts = [o.label for o in s36.pit_options("for", "inspectorate")]
    assert len([t for t in texts if "properly and impartially" in t]) == 1, texts
    assert len([o for o in s36.pit_options("for", "council") if "properly and impartially" in o.label]) == 1


# --- 4. wording an officer would retouch -----------------------------------------------------------------------------

@pytest.mark.parametrize("typed,salutation", [
    ("Mrs Aisha Rahman", "Dear Mrs Rahman,"), ("Aisha Rahman", "Dear Aisha Rahman,"),
    ("Compliance Team", "Dear Sir or Madam,"), ("Rural Buses Now", "Dear Sir or Madam,"),
    ("Brightline Safety Ltd", "Dear Sir or Madam,"), ("Prof. Jo Lee", "Dear Professor Lee,"),
    ("Mr Pieter van der Berg", "Dear Mr van der Berg,"),
])
def test_the_salutation_is_the_one_an_officer_writes(rt, typed, salutation):
    d = draft(rt, "health-s21-s40-parts", {**answers("health-s21-s40-parts"), "requester_name": typed})
    assert salutation in d.text()
    assert "Dear Mrs Aisha" not in d.text()


def test_the_cost_limit_sentence_says_what_the_regulations_set(rt):
    d = draft(rt, "gov-s12-advice")
    assert_signable(rt, d, ["The Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations "
                            "2004 set that limit at £600 for us, and set the rate at which we count staff "
                            "time at £25 an hour, so the limit is 24 hours of work.", "Dear Sir or Madam,"],
                    ["fix at £25", "Dear Rural Buses Now"], body(d.text()))


def test_section_16_advice_is_a_suggestion_to_the_requester(rt):
    d = draft(rt, "gov-s12-advice")
    assert_signable(rt, d, ["To help you, as section 16 of the Act asks us to, we suggest that you drop part 3 or "
                            "limit it to the Rural Bus Recovery Fund team's emails in 2026"],
                    ["asks us to: drop", "To help you, drop"], body(d.text()))


def test_published_information_is_available_elsewhere_not_withheld(rt):
    d = draft(rt, "health-s21-s40-parts")
    assert_signable(rt, d, ["already available to you elsewhere, so we are not sending you a copy: we rely on "
                            "section 21(1)", "https://www.riverside.nhs.uk/about-us/safe-staffing/"],
                    ["withholding it under section 21", "Dear Mrs Aisha Rahman"], body(d.text()))


def test_the_s40_paragraph_does_not_run_two_parts_subjects_into_the_harm(rt):
    d = draft(rt, "education-s40-s43-parts")
    assert_signable(rt, d, ["the staff and students involved in complaints. Disclosing it would contravene the data "
                            "protection principles"], ["complaints and disclosing it"], body(d.text()))


def test_every_tryout5_letter_is_signable(rt):
    for path in sorted(FOLDER.glob("*.json")):
        d = draft(rt, path.stem)
        assert_signable(rt, d, [], [], body(d.text()))


# --- 5. foibot's own Word letter passes its own release check's properties ---------------------------------------

def test_the_word_letter_names_the_authority_and_has_no_thumbnail(rt):
    from foibot.letter.word import to_docx
    from foibot.release import check_file

    data = to_docx(draft(rt, "gov-s12-advice"))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not [n for n in names if "thumbnail" in n], names
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert "python-docx" not in core and "<dc:creator>Example Body</dc:creator>" in core, core
    report = check_file(data, "FOI-2026-1-v1.docx")
    said = " ".join(f.message + " " + " ".join(f.examples) for f in report.findings)
    assert "python-docx" not in said and "thumbnail" not in said, said
    emails = [f for f in report.findings if f.id == "personal.email"]
    assert all(e[0].isalpha() and e.startswith("f") for f in emails for e in f.examples), emails


def test_a_line_break_parts_words_for_the_release_check():
    import docx

    from foibot.release import check_file

    doc = docx.Document()
    para = doc.add_paragraph()
    para.add_run("SW1V 1PN")
    para.add_run().add_break()
    para.add_run("3foi@example.gov.uk")
    buffer = io.BytesIO()
    doc.save(buffer)
    report = check_file(buffer.getvalue(), "x.docx")
    examples = [e for f in report.findings if f.id == "personal.email" for e in f.examples]
    assert examples and all(e.startswith("3") for e in examples), examples


# --- 6. advice is not a citation relied on ---------------------------------------------------------------------------

def test_advice_naming_a_section_is_not_a_citation(rt):
    from foibot.letter.checks import check

    d = draft(rt, "gov-s12-advice")
    assert "section 35" in d.text()
    result = check(d.text(), rt.kb, letter_date=d.letter_date)
    assert result.ok and "s35" not in result.cited, result.summary()
    relied = d.text().replace("To help you,", "We are withholding the submission under section 35 of the Act, "
                                               "because it concerns the formulation of government policy. To help "
                                               "you,")
    assert "subsection:s35" in check(relied, rt.kb, letter_date=d.letter_date).ids()


# --- 8. the s43 cue "rates" ----------------------------------------------------------------------------------------

def test_fill_rates_do_not_suggest_commercial_interests_but_day_rates_do(rt):
    nhs = rt.suggest((FOLDER / "health-s21-s40-parts.txt").read_text(encoding="utf-8"), authority_type="health")
    s43 = next((s for s in nhs.exemptions if s.key.startswith("s43")), None)
    assert s43 is None or "'rates'" not in s43.why
    assert not [s.key for s in nhs.exemptions[:3] if s.key.startswith("s43")]
    agency = rt.suggest("Please tell me the day rates paid to each nursing agency in 2025.", authority_type="health")
    assert any(s.key.startswith("s43") and "'day rates'" in s.why for s in agency.exemptions)
