"""Tenth tryout (/tmp/tryout/report10.md): the commands for Scottish and other authorities. Standard paragraphs under
FOISA state no FOIA or EIR law; a Scottish authority's environmental deadline is the EISR's; an education profile's
due date says schools may have longer; `exemption s36(5)` and `exemption s34`; a named day planned ahead."""

from datetime import date

import pytest
from profiles import copy_profile

from foibot.conversation.reading_dates import read_date
from foibot.law.deadlines import Regime, due_date, review_target
from foibot.register.cases import Register
from foibot.surfaces.cli import main
from foibot.surfaces.foi_command import answer
from foibot.surfaces.runtime import open_runtime

TODAY = "2027-11-26"  # a Friday, four days before St Andrew's Day

FOIA_OR_EIR_LAW = ("section 10(3)", "section 17(2)", "section 17(5)", "section 50", "regulation 12", "regulation 7",
                   "Freedom of Information Act 2000", "Environmental Information Regulations 2004, ",
                   "Information Commissioner under", "ico.org.uk")

EIR_WHY = ("it states regulation 12 of the Environmental Information Regulations 2004, which do not apply to a "
           "Scottish authority: its environmental information comes under the Environmental Information (Scotland) "
           "Regulations 2004 (https://www.legislation.gov.uk/ssi/2004/520), whose wording foibot has not verified, "
           "so write that paragraph from them yourself")
EXTENSION_WHY = ("FOISA has no extension of the 20 working days (nothing like FOIA's public interest extension under "
                 "section 10(3), with its section 17(2) notice, or the EIR's regulation 7): the response, with any "
                 "public interest decision, is due within 20 working days")
OFFERED = ["acknowledgement", "clarification", "cost-limit", "held", "ico-complaint", "internal-review", "ncnd",
           "not-held", "public-interest-test", "review-afresh", "see-annex"]
SCHOOLS = ("Note: If you are a maintained school or an academy, you may have longer than 20 working days under the "
           "Time for Compliance Regulations made under FOIA s10(4) (https://www.legislation.gov.uk/uksi/2004/3364, "
           "https://www.legislation.gov.uk/uksi/2009/1369, https://www.legislation.gov.uk/uksi/2010/2768), counted "
           "in school days. foibot does not count school days: the date it gives is the plain 20-working-day date. "
           "Check those Regulations before relying on a later one.")


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", TODAY)


def profile(tmp_path, folder, **settings):
    return str(copy_profile(tmp_path / folder, **settings))


@pytest.fixture
def nhs(tmp_path):
    return profile(tmp_path, "nhs", name="NHS Borders Valley Health Board", regime="foisa", type="health")


@pytest.fixture
def council(tmp_path):
    return profile(tmp_path, "ca", name="North Moors Combined Authority", type="council")


def run(capsys, tmp_path, data, *argv):
    code = main(["--db", str(tmp_path / "foibot.sqlite"), "--data", data, *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- 1. standard paragraphs under FOISA --------------------------------------------------------------------------

def test_the_foisa_paragraph_list_leaves_out_those_with_no_scottish_counterpart_and_says_why(capsys, tmp_path, nhs):
    code, out, err = run(capsys, tmp_path, nhs, "para")
    assert (code, err) == (0, "")
    assert out == "\n".join([*OFFERED, "", f"Not offered under FOISA: eir-presumption, because {EIR_WHY}.",
                             f"Not offered under FOISA: extension, because {EXTENSION_WHY}."]) + "\n"


@pytest.mark.parametrize(("name", "why"), [("extension", EXTENSION_WHY), ("eir-presumption", EIR_WHY)])
def test_a_paragraph_not_offered_under_foisa_is_refused_with_why(capsys, tmp_path, nhs, name, why):
    code, out, err = run(capsys, tmp_path, nhs, "para", name)
    assert (code, out) == (1, "")
    assert err == (f"foibot: the paragraph '{name}' is not offered under FOISA, because {why}. Paragraphs: "
                   + ", ".join(OFFERED) + "\n")


@pytest.mark.parametrize("name", OFFERED)
def test_no_paragraph_offered_under_foisa_states_foia_or_eir_law(capsys, tmp_path, nhs, name):
    code, out, _ = run(capsys, tmp_path, nhs, "para", name)
    assert code == 0 and out.strip()
    assert [law for law in FOIA_OR_EIR_LAW if law in out] == []


def test_the_extension_paragraph_under_foisa_says_the_same_line_the_deadline_command_gives(capsys, tmp_path, nhs):
    code, _, err = run(capsys, tmp_path, nhs, "deadline", "26/11/2027", "--extension", "pit")
    assert (code, err) == (1, "foibot: FOISA has no extension of the 20 working days (no public interest or reg 7 "
                              "extension)\n")


def test_slash_foi_para_offers_the_same_list_and_refuses_the_same_paragraphs(tmp_path, nhs):
    rt = open_runtime(tmp_path / "slash.sqlite", nhs)
    try:
        said = answer(rt.engine, "para", [], "U1", may_view_cases=True, refusal="no")
        assert said == "\n".join(["Paragraphs: " + ", ".join(OFFERED),
                                  f"Not offered under FOISA: eir-presumption, because {EIR_WHY}.",
                                  f"Not offered under FOISA: extension, because {EXTENSION_WHY}."])
        with pytest.raises(Exception, match=r"^the paragraph 'extension' is not offered under FOISA, because FOISA"):
            answer(rt.engine, "para", ["extension"], "U1", may_view_cases=True, refusal="no")
        help_text = answer(rt.engine, "help", [], "U1", may_view_cases=True, refusal="no")
        assert "Paragraphs: " + ", ".join(OFFERED) + "\n" in help_text
    finally:
        rt.store.close()


def test_a_uk_authority_still_has_every_paragraph(capsys, tmp_path, council):
    code, out, _ = run(capsys, tmp_path, council, "para")
    assert code == 0 and out.split() == sorted([*OFFERED, "eir-presumption", "extension"])
    code, out, _ = run(capsys, tmp_path, council, "para", "extension")
    assert code == 0 and "section 10(3) of the Act allows us the further time" in out


# --- 2. a Scottish authority's environmental deadline: the EISR ----------------------------------------------------

EISR_RULE = ("EISR (SSI 2004/520): 20 working days after receipt, counted in Scotland's working days as FOISA counts "
             "them; the Regulations' wording is not verified here: https://www.legislation.gov.uk/ssi/2004/520")
EISR_OUT = "\n".join([
    "Received: Fri 26 Nov 2027",
    "Due: Wed 29 Dec 2027 (end of day), 20 working days, EISR (SSI 2004/520)",
    f"Rule: {EISR_RULE}",
    "Skipped: Tue 30 Nov 2027 St Andrew's Day",
    "Skipped: Mon 27 Dec 2027 Christmas Day (substitute day)",
    "Skipped: Tue 28 Dec 2027 Boxing Day (substitute day)",
])
EIR_REFUSED = ("this is a Scottish authority: its environmental requests come under the Environmental Information "
               "(Scotland) Regulations 2004 (https://www.legislation.gov.uk/ssi/2004/520), not the EIR; use eisr")


def test_deadline_eisr_on_a_scottish_profile_counts_scotlands_working_days_and_says_so(capsys, tmp_path, nhs):
    code, out, err = run(capsys, tmp_path, nhs, "deadline", "2027-11-26", "--regime", "eisr")
    assert (code, out, err) == (0, EISR_OUT + "\n", "")


def test_deadline_eir_on_a_scottish_profile_is_refused_saying_use_eisr(capsys, tmp_path, nhs):
    code, out, err = run(capsys, tmp_path, nhs, "deadline", "2027-11-26", "--regime", "eir")
    assert (code, out, err) == (1, "", f"foibot: {EIR_REFUSED}\n")


def test_eisr_on_a_uk_profile_is_refused_saying_use_eir(capsys, tmp_path, council):
    code, out, err = run(capsys, tmp_path, council, "deadline", "2027-11-26", "--regime", "eisr")
    assert (code, out, err) == (1, "", "foibot: the Environmental Information (Scotland) Regulations 2004 are for "
                                       "Scottish public authorities, and this profile answers under FOIA: for "
                                       "environmental information use eir\n")


def test_slash_foi_deadline_takes_eisr_and_refuses_eir_for_a_scottish_profile(tmp_path, nhs):
    rt = open_runtime(tmp_path / "slash.sqlite", nhs)
    try:
        assert answer(rt.engine, "deadline", ["26/11/2027", "eisr"], "U1", may_view_cases=True,
                      refusal="no") == EISR_OUT
        with pytest.raises(Exception, match=r"^this is a Scottish authority: .* not the EIR; use eisr$"):
            answer(rt.engine, "deadline", ["26/11/2027", "EIR"], "U1", may_view_cases=True, refusal="no")
    finally:
        rt.store.close()


@pytest.mark.parametrize(("options", "refused"), [
    ({"extension": "reg7"}, "an extension under the Environmental Information (Scotland) Regulations 2004 is not "
                            "counted here (their wording is not verified): work out an extended date by hand from "
                            "https://www.legislation.gov.uk/ssi/2004/520"),
    ({"clarification_received": date(2027, 11, 29)},
     "a clock restarted under the Environmental Information (Scotland) Regulations 2004 is not counted here (their "
     "wording is not verified): work out the date after a request for more particulars by hand from "
     "https://www.legislation.gov.uk/ssi/2004/520"),
])
def test_what_foi_law_md_does_not_support_under_the_eisr_is_refused_not_guessed(options, refused):
    with pytest.raises(Exception) as caught:
        due_date(date(2027, 11, 26), Regime.EISR, **options)
    assert str(caught.value) == refused
    with pytest.raises(Exception, match=r"^a review under the Environmental Information \(Scotland\) Regulations"):
        review_target(date(2027, 11, 26), regime=Regime.EISR)


# --- 3. schools and academies ----------------------------------------------------------------------------------------

@pytest.fixture
def trust(tmp_path):
    return profile(tmp_path, "mat", name="Riverside Learning Trust", type="education")


def test_an_education_profiles_deadline_keeps_20_working_days_and_says_schools_may_have_longer(capsys, tmp_path,
                                                                                                trust):
    code, out, err = run(capsys, tmp_path, trust, "deadline", "25/11/2027")
    assert (code, err) == (0, "")
    assert out == "\n".join(["Received: Thu 25 Nov 2027",
                             "Due: Fri 24 Dec 2027 (end of day), 20 working days, FOIA s10(1)",
                             "Rule: FOIA s10(1): 20 working days after receipt",
                             "Skipped: Tue 30 Nov 2027 St Andrew's Day (Scotland)", SCHOOLS]) + "\n"


def test_the_schools_note_is_only_for_an_education_profiles_foia_dates(capsys, tmp_path, trust, council):
    _, out, _ = run(capsys, tmp_path, trust, "deadline", "25/11/2027", "--regime", "eir")
    assert "Time for Compliance" not in out  # the Regulations vary FOIA's section 10(1) only
    _, out, _ = run(capsys, tmp_path, council, "deadline", "25/11/2027")
    assert "Time for Compliance" not in out
    scottish_school = profile(tmp_path, "school", name="Glen Academy", type="education", regime="foisa")
    _, out, _ = run(capsys, tmp_path, scottish_school, "deadline", "25/11/2027")
    assert "Time for Compliance" not in out


def test_due_and_slash_foi_case_give_an_education_profile_the_schools_note(capsys, tmp_path, trust):
    rt = open_runtime(tmp_path / "foibot.sqlite", trust)
    try:
        ref = Register(rt.store).open_case("Exam results by year", who="alice", received=date(2027, 11, 25)).ref
        case = answer(rt.engine, "case", [ref], "U1", may_view_cases=True, refusal="no")
        assert case.split("\nRecent history:")[0] == "\n".join([
            f"{ref}: new (FOIA)", "  received   Thu 25 Nov 2027", "  due        Fri 24 Dec 2027",
            "  request    Exam results by year", f"  {SCHOOLS}"])
    finally:
        rt.store.close()
    code, out, _ = run(capsys, tmp_path, trust, "due", "--within", "20")
    assert code == 0
    assert out == "\n".join(["FOI digest for Fri 26 Nov 2027", "Due soon:",
                             f"• {ref} (new): due in 19 working day(s), Fri 24 Dec 2027", SCHOOLS]) + "\n"


# --- 4. exemption s36(5) and s34 ---------------------------------------------------------------------------------

def test_exemption_s36_5_answers_with_what_foibot_knows_of_the_qualified_person(capsys, tmp_path, council):
    code, out, err = run(capsys, tmp_path, council, "exemption", "s36(5)")
    assert (code, err) == (0, "")
    rt = open_runtime(tmp_path / "kb.sqlite", council)
    try:  # the passage of section 36's own notes (its qualified-person question's help) from where it names 36(5)
        help_text = " ".join(rt.kb.exemptions["s36"].questions[0].help.split())
    finally:
        rt.store.close()
    passage = help_text[help_text.index("Who may be the qualified person depends on the authority (section 36(5))"):]
    assert out == "\n".join([
        "section 36(5) is not a limb an exemption is cited under (section 36's are section 36(2)(a)(i), section "
        "36(2)(a)(ii), section 36(2)(a)(iii), section 36(2)(b)(i), section 36(2)(b)(ii), section 36(2)(c)). What "
        "foibot's notes on it say:",
        f"  - {passage}",
        "Read section 36 at https://www.legislation.gov.uk/ukpga/2000/36/section/36 (foibot quotes only the wording "
        "it has verified).",
    ]) + "\n"
    assert "for a government department in a Minister's charge it is a Minister of the Crown" in passage


def test_slash_foi_exemption_gives_the_same_answer_and_a_choice_naming_a_subsection_is_shown_with_its_question(
        capsys, tmp_path, council):
    _, out, _ = run(capsys, tmp_path, council, "exemption", "s36(5)")
    rt = open_runtime(tmp_path / "slash.sqlite", council)
    try:
        assert answer(rt.engine, "exemption", ["s36(5)"], "U1", may_view_cases=True, refusal="no") == out.rstrip("\n")
    finally:
        rt.store.close()
    code, out, _ = run(capsys, tmp_path, council, "exemption", "s34(3)")
    assert code == 0 and out.splitlines()[1] == (
        "  - Has the Speaker (Commons) or the Clerk of the Parliaments (Lords) certified that the exemption is "
        "required? Yes, a certificate under section 34(3). Not needed to rely on section 34, but conclusive if there "
        "is one. The committee's clerk can tell you whether the House considers the material privileged.")


def test_a_subsection_foibot_has_no_notes_on_gets_a_pointer(capsys, tmp_path, council, nhs):
    code, out, err = run(capsys, tmp_path, council, "exemption", "s35(4)")
    assert (code, out) == (1, "")
    assert err == ("foibot: section 35(1) has no subsection (4). Known: section 35(1)(a), section 35(1)(b), section "
                   "35(1)(c), section 35(1)(d). foibot has no notes on section 35(4): read section 35 at "
                   "https://www.legislation.gov.uk/ukpga/2000/36/section/35.\n")
    code, _, err = run(capsys, tmp_path, nhs, "exemption", "s36(5)")
    assert err == ("foibot: section 36(1) has no subsection (5). Known: section 36(1), section 36(2). foibot has no "
                   "notes on section 36(5) of the Freedom of Information (Scotland) Act 2002: read section 36 at "
                   "https://www.legislation.gov.uk/asp/2002/13/section/36.\n")


S34_NOTE = ("Section 34 protects only the privileges of either House of Parliament (the House of Commons and the House "
            "of Lords): not those of the Senedd, the Scottish Parliament, the Northern Ireland Assembly or any other "
            "body. It applies here only if disclosure would infringe the privileges of one of the two Houses; ask "
            "that House if in doubt (https://www.legislation.gov.uk/ukpga/2000/36/section/34).")


def test_exemption_s34_warns_a_body_that_is_not_either_house(capsys, tmp_path):
    senedd = profile(tmp_path, "senedd", name="Senedd Commission", type="other")
    code, out, _ = run(capsys, tmp_path, senedd, "exemption", "s34")
    assert code == 0 and out.endswith(f"\n\nFor Senedd Commission (other): {S34_NOTE}\n")
    rt = open_runtime(tmp_path / "slash.sqlite", senedd)
    try:
        assert answer(rt.engine, "exemption", ["34"], "U1", may_view_cases=True,
                      refusal="no").endswith(f"\n\nFor Senedd Commission (other): {S34_NOTE}")
    finally:
        rt.store.close()


@pytest.mark.parametrize("house", ["House of Commons", "House of Lords"])
def test_exemption_s34_gives_either_house_no_such_warning(capsys, tmp_path, house):
    code, out, _ = run(capsys, tmp_path, profile(tmp_path, "house", name=house, type="other"), "exemption", "s34")
    assert code == 0 and "Section 34 protects only" not in out and out.startswith("section 34(1): Parliamentary")


# --- 5. a named day without a year, planned ahead ------------------------------------------------------------------

def test_deadline_for_a_named_day_is_the_coming_one_when_last_years_is_long_past(capsys, tmp_path, nhs):
    code, out, err = run(capsys, tmp_path, nhs, "deadline", "St Andrew's Day")
    assert (code, err) == (0, "")
    assert out == "\n".join([
        "Note: Tue 30 Nov 2027 is after today (Fri 26 Nov 2027): this is when it would be due if it arrived then.",
        "Received: Tue 30 Nov 2027",
        "Due: Thu 30 Dec 2027 (end of day), 20 working days, FOISA s10(1)",
        "Rule: FOISA s10(1): 20 working days after receipt",
        "Skipped: Mon 27 Dec 2027 Christmas Day (substitute day)",
        "Skipped: Tue 28 Dec 2027 Boxing Day (substitute day)",
    ]) + "\n"


def test_slash_foi_deadline_reads_the_named_day_the_same_way(tmp_path, nhs):
    rt = open_runtime(tmp_path / "slash.sqlite", nhs)
    try:
        said = answer(rt.engine, "deadline", ["St", "Andrew's", "Day"], "U1", may_view_cases=True, refusal="no")
        assert said.splitlines()[1:3] == ["Received: Tue 30 Nov 2027",
                                          "Due: Thu 30 Dec 2027 (end of day), 20 working days, FOISA s10(1)"]
    finally:
        rt.store.close()


def test_the_planning_reading_changes_only_dates_without_a_year():
    from foibot.surfaces.foi_command import read_planned_date  # the one reader for deadline and /foi deadline

    days = {"st andrew's day": "30 november", "christmas eve": "24 december"}
    today = date(2027, 11, 26)
    planned = lambda text: read_planned_date(text, today=today, named_days=days)  # noqa: E731
    chat = lambda text: read_date(text, today=today, named_days=days)  # noqa: E731
    assert chat("St Andrew's Day") == date(2026, 11, 30)  # a received date in the chat: the most recent one
    assert planned("St Andrew's Day") == date(2027, 11, 30)
    assert planned("28 September") == chat("28 September") == date(2027, 9, 28)  # recent: still the past one
    assert planned("Christmas Eve") == date(2027, 12, 24)
    assert planned("Friday") == chat("Friday") == date(2027, 11, 26)  # weekdays keep their reading
    assert planned("last Friday") == chat("last Friday") == date(2027, 11, 19)
    assert planned("30 November 2026") == date(2026, 11, 30)  # a year given is a year given


def test_foibot_case_gives_an_education_profile_the_schools_note_as_slash_foi_case_does(capsys, tmp_path, trust):
    rt = open_runtime(tmp_path / "foibot.sqlite", trust)
    try:
        ref = Register(rt.store).open_case("Exam results by year", who="alice", received=date(2027, 11, 25)).ref
    finally:
        rt.store.close()
    code, out, _ = run(capsys, tmp_path, trust, "case", ref)
    assert code == 0 and out.splitlines() == [f"{ref}: new (FOIA)", "  received   Thu 25 Nov 2027",
                                              "  due        Fri 24 Dec 2027", "  request    Exam results by year",
                                              f"  {SCHOOLS}"]


def test_every_surface_lists_the_paragraphs_of_the_profiles_law_app_home_too(tmp_path, nhs):
    from foibot.surfaces import views

    rt = open_runtime(tmp_path / "home.sqlite", nhs)
    try:
        assert views.paragraphs(rt.engine) == list(OFFERED)  # App Home's library reads this list
        assert "extension" not in views.paragraphs(rt.engine)
    finally:
        rt.store.close()


def test_the_chats_draft_gives_an_education_profile_the_schools_note_beside_the_letter_never_in_it(tmp_path, trust):
    rt = open_runtime(tmp_path / "chat.sqlite", trust)
    try:
        answers = {"received": "2027-11-25", "requester_name": "Sam Patel", "held": "yes", "disclosure": "full",
                   "disclosed": "the exam results by year", "request_summary": "exam results by year"}
        draft = rt.engine.draft_answers("Please send me the exam results by year.", answers)
        assert draft.due.due == date(2027, 12, 24)
        assert SCHOOLS.removeprefix("Note: ") in draft.notes
        assert "Time for Compliance" not in draft.text()
    finally:
        rt.store.close()
