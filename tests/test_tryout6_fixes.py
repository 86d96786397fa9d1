"""Tryout 6 findings 8-12: foibot's own letter is green under its own release check; s12 in a letter in parts speaks
of the part and notes aggregation for the officer; EIR advice is a suggestion; messages say what they are about (the
missing answer's exemption and part, the reference as the chat spells it, the law each exemption list is under, a
review's first real line, a future date); a Word letter can be checked; hidden words are masked; the signature does
not repeat the authority; check-data warns of the sample's leftovers."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from profiles import ROOT, copy_profile

from foibot.register.cases import Register
from foibot.register.review_requests import open_review, review_request
from foibot.release import check_file
from foibot.surfaces.cli import main
from foibot.surfaces.runtime import open_runtime

FIX = ROOT / "tests" / "fixtures"
SAMPLE = ROOT / "authority.toml"
POLICE_REQUEST = """From: Daniel Okafor <d.okafor@example.net>
Date: Mon, 1 Mar 2027 09:14:00 +0000
Subject: Freedom of Information request - ANPR cameras

Dear Northshire Police,

Please provide:

1. The number of fixed ANPR cameras operated by the force at 1 January 2027.
2. The exact locations of each fixed ANPR camera.
3. The number of directed surveillance authorisations granted under RIPA in each of 2024, 2025 and 2026.

Kind regards,
Daniel Okafor
"""
PARTS = [{"text": "The number of fixed ANPR cameras operated by the force at 1 January 2027.", "held": "yes",
          "disclosure": "full", "disclosed": "212 cameras"},
         {"text": "The exact locations of each fixed ANPR camera.", "held": "yes", "disclosure": "full",
          "disclosed": "the list attached"},
         {"text": "The number of directed surveillance authorisations granted under RIPA in each of 2024, 2025 and "
                  "2026.", "held": "yes", "disclosure": "none", "exemptions": ["s12"]}]
S12 = {"hours": 40, "activities": "reading every authorisation file for the three years",
       "advice": "narrow the request to 2026 only"}
AGGREGATION = (
    "Part 3 is refused under section 12(1). The cost limit is normally judged on the whole request: the costs of "
    "complying with all its parts are added together where they ask for the same or similar information (section "
    "12(4) of the Act, https://www.legislation.gov.uk/ukpga/2000/36/section/12, and regulation 5 of the Fees "
    "Regulations, https://www.legislation.gov.uk/uksi/2004/3244/regulation/5). If the total is over the limit, the "
    "whole request may be refused under section 12(1), with advice on narrowing it; answering the other parts is then "
    "a choice, not a duty. Check that the estimate and the parts answered are what you intend.")


def police(folder: Path, role: str = "On behalf of Northshire Police") -> Path:
    """A police force's profile made as README 'Your authority' says (the sample's website and topics kept)."""
    copy_profile(folder)
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in (
            ("name = \"His Majesty's Inspectorate of Constabulary and Fire & Rescue Services\"",
             'name = "Northshire Police"'),
            ('short_name = "HMICFRS"', 'short_name = "Northshire Police"'),
            ('type = "inspectorate"', 'type = "police"'),
            ('address = ["6th Floor, Globe House", "89 Eccleston Square", "London", "SW1V 1PN"]\nemail = '
             '"foi@example.gov.uk"', 'address = ["Police Headquarters", "Ridgeway", "Northtown", "NT1 4PQ"]\n'
             'email = "foi@northshire.police.example"'),
            ('address = ["6th Floor, Globe House", "89 Eccleston Square", "London", "SW1V 1PN"]\nemail = '
             '"foi-review@example.gov.uk"', 'address = ["Police Headquarters", "Ridgeway", "Northtown", "NT1 4PQ"]\n'
             'email = "foi-review@northshire.police.example"'),
            ('role = "On behalf of HMICFRS"', f'role = "{role}"')):
        assert old in text, old
        text = text.replace(old, new)
    (folder / "authority.toml").write_text(text, encoding="utf-8")
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def force(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("FOIBOT_TODAY", "2027-03-15")
    return police(tmp_path / "profile")


def draft_json(capsys, tmp_path: Path, data: Path, answers: dict, request: str = POLICE_REQUEST) -> dict:
    (tmp_path / "request.txt").write_text(request, encoding="utf-8")
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    code, out, _ = run(capsys, "--data", str(data), "--db", str(tmp_path / "d.sqlite"), "draft",
                       str(tmp_path / "request.txt"), "--answers", str(tmp_path / "answers.json"), "--format", "json")
    assert code == 0
    return json.loads(out)


def parts_answers(**extra: object) -> dict:
    return {"letter_date": "2027-03-15", "request_summary": "ask about ANPR cameras", "parts": PARTS, "s12": S12,
            **extra}


# 8. foibot's own Word letter is green under its own release check; other addresses are still flagged

def test_foibots_own_word_letter_is_green_and_other_addresses_are_still_flagged(capsys, tmp_path, force):
    (tmp_path / "request.txt").write_text(POLICE_REQUEST, encoding="utf-8")
    (tmp_path / "answers.json").write_text(json.dumps(parts_answers()), encoding="utf-8")
    letter = tmp_path / "FOI-2027-1.docx"
    db = ["--data", str(force), "--db", str(tmp_path / "d.sqlite")]
    assert run(capsys, *db, "draft", str(tmp_path / "request.txt"), "--answers", str(tmp_path / "answers.json"),
               "--format", "docx", "-o", str(letter))[0] == 0
    code, out, _ = run(capsys, *db, "release-check", str(letter))
    assert (code, out) == (0, (
        "FOI-2027-1.docx: GREEN — nothing hidden or personal found [1 info]\n"
        "  info  ooxml.properties @ docProps: Document properties: creator: Northshire Police; last modified by: "
        "Northshire Police; title: Response to request FOI 2027-1; subject: Freedom of Information request: our "
        "response\n"))
    doc = Document()
    doc.add_paragraph("Write to foi@northshire.police.example, Police Headquarters, Northtown NT1 4PQ, 020 0000 0000.")
    doc.add_paragraph("The complainant, j.bloggs@example.com, lives at NT2 9ZZ.")
    other = tmp_path / "other.docx"
    doc.save(other)
    code, out, _ = run(capsys, *db, "release-check", str(other), "--json")
    personal = {f["id"]: (f["count"], f["examples"]) for f in json.loads(out)["reports"][0]["findings"]
                if f["id"].startswith("personal.")}
    assert (code, personal) == (1, {"personal.email": (1, ["j***@e***.com"]), "personal.postcode": (1, ["NT2 ***"])})


def test_the_chat_release_check_also_leaves_the_authoritys_own_details_alone(tmp_path, force):
    """The console and Slack build their limits through release_limits, as the CLI does."""
    from foibot.conversation.release_log import release_limits

    rt = open_runtime(tmp_path / "c.sqlite", force)
    doc = Document()
    doc.add_paragraph(f"Write to {rt.authority.email}, {', '.join(rt.authority.address)}.")
    doc.add_paragraph("The complainant, j.bloggs@example.com, lives at NT2 9ZZ.")
    path = tmp_path / "mixed.docx"
    doc.save(path)
    for regime in (None, "eir", "foisa"):
        report = check_file(path, None, release_limits(rt.authority, regime))
        personal = {f.id: f.count for f in report.findings if f.id.startswith("personal.")}
        assert personal == {"personal.email": 1, "personal.postcode": 1}, regime
    rt.store.close()


# 9. s12 in a letter in parts: "this part of your request", and a note on aggregation for the officer only

def test_s12_refusing_one_part_speaks_of_that_part_and_notes_aggregation(capsys, tmp_path, force):
    draft = draft_json(capsys, tmp_path, force, parts_answers())
    letter = draft["letter"]
    assert ("5. We estimate that complying with this part of your request would exceed the limit, so under section "
            "12(1) of the Act we are not obliged to comply with it. We estimate that it would take about 40 hours, "
            "more than the 18 hours the limit allows.") in letter
    assert "complying with your request" not in letter
    assert "12(4)" not in letter + draft["annex"] and "aggregat" not in letter.lower()
    assert draft["notes"] == [AGGREGATION]


def test_s12_refusing_the_whole_request_speaks_of_the_request_with_no_note(capsys, tmp_path, force):
    answers = {"letter_date": "2027-03-15", "held": "yes", "disclosure": "none", "exemptions": ["s12"], "s12": S12}
    draft = draft_json(capsys, tmp_path, force, answers)
    assert "We estimate that complying with your request would exceed the limit" in draft["letter"]
    assert "this part of your request" not in draft["letter"] and draft["notes"] == []


# 10. EIR advice and assistance is a suggestion, as FOIA's is

def test_eir_manifestly_unreasonable_advice_is_a_suggestion(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2027-03-15")
    answers = {"regime": "eir", "held": "yes", "disclosure": "none", "letter_date": "2027-03-15",
               "exemptions": ["r12(4)(b)"],
               "r12(4)(b)": {"withheld": "every email about the scheme since 2019",
                             "reason": "Finding some 60,000 emails would take months.",
                             "advice": "limit the request to emails of the project board in 2026",
                             "pit_for": ["presumption"], "pit_against": ["burden"]}}
    letter = draft_json(capsys, tmp_path, ROOT, answers, (FIX / "answers" / "request-eir.txt").read_text())["letter"]
    assert ("Finding some 60,000 emails would take months. To help you, as regulation 9 of the Regulations asks us "
            "to, we suggest that you limit the request to emails of the project board in 2026. This is a qualified "
            "exception;") in letter
    assert "asks us to:" not in letter


# 11. Messages

def test_a_missing_answer_names_its_exemption_and_part(capsys, tmp_path, force):
    parts = [{**PARTS[0], "disclosure": "none", "exemptions": ["s31(1)(b)"], "disclosed": None}, PARTS[1], PARTS[2]]
    answers = {**parts_answers(), "parts": parts, "s12": {"hours": 40},
               "s31": {"withheld": "the number", "pit_for": ["public-confidence"], "pit_against": ["mosaic"],
                       "pit_conclusion": "the public interest favours maintaining the exemption"}}
    findings = draft_json(capsys, tmp_path, force, answers)["checks"]["findings"]
    assert [f["message"] for f in findings if f["id"] == "complete"] == [
        "Answers still missing: activities (section 12, part 3), advice (section 12, part 3), reason (section 31)"]


def test_a_word_letter_is_checked_as_its_text(capsys, tmp_path, force):
    (tmp_path / "request.txt").write_text(POLICE_REQUEST, encoding="utf-8")
    (tmp_path / "answers.json").write_text(json.dumps(parts_answers(s12={"hours": 40})), encoding="utf-8")
    db = ["--data", str(force), "--db", str(tmp_path / "d.sqlite")]
    for fmt, name in (("text", "letter.txt"), ("docx", "letter.docx")):
        run(capsys, *db, "draft", str(tmp_path / "request.txt"), "--answers", str(tmp_path / "answers.json"),
            "--format", fmt, "-o", str(tmp_path / name))
    as_text = run(capsys, *db, "check", str(tmp_path / "letter.txt"))
    assert as_text == run(capsys, *db, "check", str(tmp_path / "letter.docx")) == (3, (
        "Statutory check: 1 finding(s) (14 checks of the letter's text ran, 34 did not apply)\n"
        "- [drafting] Answers still missing: activities (section 12, part 3), advice (section 12, part 3)\n"), "")
    (tmp_path / "not-a-letter.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    code, out, err = run(capsys, *db, "check", str(tmp_path / "not-a-letter.docx"))
    assert (code, out) == (1, "") and err == (
        f"foibot: {tmp_path / 'not-a-letter.docx'}: cannot read it as a letter: it is not a Word (.docx) document. "
        "Give a Word (.docx) or text file.\n")


def test_release_check_names_the_case_as_the_chat_does(capsys, tmp_path, force):
    rt = open_runtime(tmp_path / "d.sqlite", force)
    case = rt.register.open_case("Please tell me about ANPR.", who="t", received=date(2027, 3, 1))
    rt.store.close()
    doc = Document()
    doc.add_paragraph("Cameras by ward: 12, 30, 41.")
    doc.save(tmp_path / "table.docx")
    code, out, _ = run(capsys, "--data", str(force), "--db", str(tmp_path / "d.sqlite"), "release-check",
                       str(tmp_path / "table.docx"), "--case", case.ref.removeprefix("FOI "))
    assert out.endswith(f"\n\nRecorded in the history of {case.ref}.\n") and case.ref == "FOI 2027-1"


def test_an_unknown_exemption_lists_each_law_under_its_own_name(capsys, tmp_path, force):
    code, out, err = run(capsys, "--data", str(force), "exemption", "s99")
    foia = ("s12, s14, s21, s22, s22A, s23, s24, s26, s27, s28, s29, s30, s31, s32, s33, s34, s35, s36, s37, s38, "
            "s39, s40, s41, s42, s43, s44")
    eir = ("r12(4)(b), r12(4)(c), r12(4)(d), r12(4)(e), r12(5)(a), r12(5)(b), r12(5)(c), r12(5)(d), r12(5)(e), "
           "r12(5)(f), r12(5)(g), r13")
    assert (out, err) == ("", f"foibot knows no exemption 's99' under FOIA. The FOIA exemptions it knows, as "
                              f"you may type them: {foia}. The EIR exceptions it knows (environmental information): "
                              f"{eir}.\n")


REVIEW = """From: Daniel Okafor <d.okafor@example.net>
Date: Wed, 17 Mar 2027 08:30:00 +0000
Subject: RE: FOI 2027-1

Dear Northshire Police,

I am not satisfied with your response to my request about ANPR cameras. Please carry out an internal review.

Daniel Okafor"""


def test_a_review_dated_after_today_says_so_and_cases_shows_its_first_real_line(capsys, tmp_path, force, store):
    register = Register(store, today=lambda: date(2027, 3, 15))
    case = register.open_case("Please tell me about ANPR cameras.", who="t", received=date(2027, 3, 1))
    register.set_status(case.ref, "sent", "t", on=date(2027, 3, 10))
    asked = review_request(REVIEW, email="", register=register, cues=("internal review",))
    opened = open_review(register, asked, REVIEW, who="t", received=date(2027, 3, 17))
    warning = ("the email asking for the review is dated Wed 17 Mar 2027, after today (Mon 15 Mar 2027), so the "
               "review is dated today: check the email's date")
    assert (opened.review.received, opened.warning) == (date(2027, 3, 15), warning)
    assert opened.review.request_text == ("I am not satisfied with your response to my request about ANPR cameras. "
                                          "Please carry out an internal review.")
    [moved] = [e for e in register.history(case.ref) if e["action"] == "status" and e["detail"]["to"] ==
               "internal_review"]
    assert moved["detail"]["warnings"] == [warning]
    other = register.open_case("Please tell me about speed cameras.", who="t", received=date(2027, 3, 2))
    register.set_status(other.ref, "sent", "t", on=date(2027, 3, 10))
    text = REVIEW.replace("FOI 2027-1", other.ref)
    in_time = open_review(register, review_request(text, email="", register=register, cues=("internal review",)),
                          text, who="t", received=date(2027, 3, 12))
    assert (in_time.review.received, in_time.warning) == (date(2027, 3, 12), "")


def test_hidden_words_are_masked_like_other_examples(tmp_path):
    doc = Document()
    para = doc.add_paragraph("The officer in charge was ")
    para.add_run("Supt Helen Marsh").font.hidden = True
    buffer = io.BytesIO()
    doc.save(buffer)
    report = check_file(buffer.getvalue(), "letter.docx")
    [hidden] = report.by_id("docx.hidden_text")
    assert (hidden.message, hidden.examples) == ("1 run(s) of hidden text (1 by direct formatting): 'S*** H**** M****'",
                                                 ("S*** H**** M****",))
    assert "Helen" not in json.dumps(report.to_dict())


@pytest.mark.parametrize(("role", "signature"), [
    ("On behalf of Northshire Police", "Yours sincerely,\n\nFOI Team\nOn behalf of Northshire Police"),
    ("Information Manager", "Yours sincerely,\n\nFOI Team\nInformation Manager\nNorthshire Police")])
def test_the_signature_names_the_authority_once(capsys, tmp_path, monkeypatch, role, signature):
    monkeypatch.setenv("FOIBOT_TODAY", "2027-03-15")
    data = police(tmp_path / "profile", role=role)
    letter = draft_json(capsys, tmp_path, data, parts_answers())["letter"]
    assert letter.endswith("\n\n" + signature + "\n")


# 12. check-data warns of what a profile still holds of the sample

def test_check_data_warns_of_the_samples_website_and_topics(capsys, tmp_path, force):
    code, out, err = run(capsys, "--data", str(force), "check-data")
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [
        "warning: authority.toml: website is still the sample's (https://www.justiceinspectorates.gov.uk/hmicfrs/): "
        "change it to Northshire Police's",
        "warning: authority.toml: publications_url is still the sample's "
        "(https://www.justiceinspectorates.gov.uk/hmicfrs/publications/): change it to Northshire Police's",
        "warning: intents/topics.yaml: 32 of its 32 report topics are the sample's (such as 'Shining a light on "
        "betrayal: Abuse of position for a sexual purpose'): replace them with Northshire Police's publications "
        "(foibot topics import FILE.csv)"]
    assert out.splitlines()[3].startswith("note: your profile holds ")  # a whole copy of foibot's files
    assert out.splitlines()[4].startswith("OK: 32 topics") and len(out.splitlines()) == 5


def test_check_data_of_the_sample_itself_warns_of_nothing(capsys):
    code, out, _ = run(capsys, "check-data")
    assert code == 0 and out.startswith("OK: ") and "warning" not in out


def test_the_chat_says_why_a_review_is_dated_today(engine):
    engine.today = lambda: date(2027, 3, 15)
    register = engine.cases.register
    register.today = engine.today
    case = register.open_case("Please tell me about ANPR cameras.", who="t", received=date(2027, 3, 1))
    register.set_status(case.ref, "sent", "t", on=date(2027, 3, 10))
    turn = engine.start(REVIEW.replace("FOI 2027-1", case.ref), user="t")
    said, first = [m.text for m in turn.messages]  # the note, then the review's first question
    assert first.startswith("Who carried out the review?")
    assert f"{case.ref}/IR is open, received Mon 15 Mar 2027" in " ".join(said.split())
    assert ("(note: the email asking for the review is dated Wed 17 Mar 2027, after today (Mon 15 Mar 2027), so the "
            "review is dated today: check the email's date)") in " ".join(said.split())


def test_the_chat_shows_what_drafting_noted_for_the_officer_beside_the_draft_never_in_it(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    engine.reply(conv, "ask about IT monitoring")
    engine.choose(conv, "held", "yes")
    engine.choose(conv, "disclosure", "none")
    engine.choose(conv, "exemptions", ["s40(2)"])
    [draft] = [m for m in engine.reply(conv, "show draft").messages if m.kind == "draft"]
    assert draft.draft.notes and all(f"Note: {note}" in draft.text for note in draft.draft.notes)
    assert "Note: Annex A, section 40(2): Only subsections (1) and (3A) are quoted" in draft.text
    assert "Note:" not in draft.draft.text() and "Only subsections" not in draft.draft.text()
