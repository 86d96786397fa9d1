"""Every outcome family drafted from its answers file (tests/fixtures/answers/) and read as an FOI expert would.

Each letter must contain what the law requires for its outcome and nothing it must not: no markup, no
gaps, no notes for the officer, one voice ("we"), no admission that information is held in a neither
confirm nor deny letter, no FOIA sections in an EIR letter, and it must pass foibot's own check.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from foibot.errors import FoibotError

ANSWERS = Path(__file__).resolve().parent / "fixtures" / "answers"
OFFICER_NOTES = ("confirm the current wording", "has not been checked", "not been checked against",
                 "note to the officer", "[to be completed", "::", "{{", "{%")
ADMISSIONS = re.compile(r"(?<!whether )\b[Ww]e hold\b|\bis exempt|\bare exempt|exempt under|\bwithheld\b|"
                        r"\bwithholding\b|not able to provide|Factors in favour of disclosure|"
                        r"(?<!whether )information we hold")


def _request(name: str) -> str:
    kind = ("eir" if name.startswith("eir-") else "foisa" if name.startswith("foisa-")
            else "parts" if name.startswith("parts-") or name == "ncnd-with-refusal" else "foia")
    return (ANSWERS / f"request-{kind}.txt").read_text(encoding="utf-8")


def _draft(engine, name: str):
    answers = json.loads((ANSWERS / f"{name}.json").read_text(encoding="utf-8"))
    return engine.draft_answers(_request(name), answers)


def _body(text: str, name: str) -> str:
    """The letter without the quoted request (whose words are the requester's, not ours)."""
    request = _request(name)
    for line in request.splitlines():
        if line.strip():
            text = text.replace(line.strip(), "")
    return text


FOIA_HANDLING = "dealt with it under the Freedom of Information Act"
# name -> (must contain, must not contain), on the plain-text letter
EXPECT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "full": (("Freedom of Information Act 2000", "29", "section 50"),
             ("exempt", "Annex A", "public interest", "refusal notice")),
    "partial-s31": (("section 31(1)(b)", "Section 31(1)(b): Law enforcement", "would be likely to",
                     "the apprehension or prosecution of offenders", "in favour of disclosure", "outweigh"),
                    ("31(1)(a)", "security and good order in prisons", "Fatal Accidents")),
    "none-s43": (("refusal notice under section 17(1)", "section 43(2)", "the supplier's unit prices",
                  "would prejudice the supplier's commercial interests", "outweigh"), ("43(3)",)),
    "not-held": (("do not hold", "each force holds its own records"), ("exempt", "Annex A")),
    "partly-held": (("the number of forces inspected in 2024", "do not hold", "staff time is not recorded"),
                    ("exempt",)),
    "ncnd-s23-s24": (("neither confirm nor deny", "23(5)", "24(2)", "confirming or denying"), ()),
    "ncnd-s24": (("neither confirm nor deny", "section 24(2)", "confirming or denying"), ()),
    "ncnd-s30": (("neither confirm nor deny", "section 30(3)", "confirming or denying"), ()),
    "ncnd-s31": (("neither confirm nor deny", "section 31(3)", "confirming or denying"), ()),
    "ncnd-s38": (("neither confirm nor deny", "section 38(2)", "confirming or denying"), ()),
    "ncnd-s40-5a": (("neither confirm nor deny", "section 40(5A)"), ("40(5B)", "40(2)")),
    "ncnd-s40-5b": (("neither confirm nor deny", "section 40(5B)"), ("40(2)", "40(5A)")),
    "ncnd-s41": (("neither confirm nor deny", "section 41(2)"), ("Factors in favour",)),
    "ncnd-s42": (("neither confirm nor deny", "section 42(2)", "confirming or denying"), ()),
    "ncnd-s43": (("neither confirm nor deny", "section 43(3)", "confirming or denying"), ()),
    "ncnd-s36": (("neither confirm nor deny", "section 36(3)", "the Chief Executive", "24 February 2025"), ()),
    "ncnd-s12-2": (("section 12(2)", "£450", "18 hours", "section 16", "files opened in 2024"),
                   ("section 12(1)",)),
    "ncnd-with-refusal": (("The names of the systems each force uses", "Whether any officer", "section 31(1)(a)",
                            "neither confirm nor deny", "section 40(5B)"),
                          ("40(2)",)),
    "s12": (("section 12", "£450", "18 hours", "40 hours", "3,000 inspection files", "section 16",
             "the 2024 inspections", "section 17(5)"), ("Factors in favour", "Annex A")),
    "s14-1": (("section 14(1)", "vexatious", "section 17(5)"), ("Factors in favour", "Annex A")),
    "s14-2": (("section 14(2)", "FOI 2024-88", "substantially similar"), ("Factors in favour", "Annex A")),
    "s21": (("section 21", "https://www.example.gov.uk/publications/monitoring-2024"), ("Factors in favour",)),
    "s22-date": (("section 22(1)", "in June 2025", "outweigh"), ()),
    "s22-no-date": (("section 22(1)", "outweigh"), ("[to be completed",)),
    "absolute-s44": (("section 44(1)(a)", "section 170 of the Data Protection Act 2018", "absolute"),
                     ("Factors in favour of disclosure",)),
    "absolute-s40": (("section 40(2)", "absolute", "(4)"), ("Factors in favour of disclosure", "40(5")),
    "qualified-s42": (("section 42(1)", "legal professional privilege", "outweigh"), ()),
    "s36": (("section 36(2)(b)(ii)", "qualified person", "the Chief Executive", "24 February 2025", "outweigh"), ()),
    "s17-2-extension": (("section 17(2)", "section 43(2)", "7 April 2025", "public interest"),
                        ("we have concluded", "Annex A", "the supplier's unit prices")),
    "eir-full": (("Environmental Information Regulations 2004", "regulation 11", "regulation 18"),
                 (FOIA_HANDLING, "exception", "refusal notice")),
    "eir-r12-5-e": (("refusal notice under regulation 14", "regulation 12(5)(e)", "would adversely affect",
                     "regulation 12(2)", "presumption in favour of disclosure", "regulation 11", "regulation 18"),
                    ("would be likely to", FOIA_HANDLING)),
    "eir-not-held": (("refusal notice under regulation 14", "regulation 12(4)(a)", "county council", "regulation 11",
                      "regulation 18"),
                     (FOIA_HANDLING,)),
    "eir-r12-4-d": (("regulation 12(4)(d)", "September 2025", "our highways team", "regulation 14(4)",
                     "regulation 12(2)"), (FOIA_HANDLING,)),
    "eir-r13": (("regulation 13", "the names of the residents", "regulation 11", "regulation 18"),
                (FOIA_HANDLING,)),
    "eir-r12-4-b": (("regulation 12(4)(b)", "manifestly unreasonable", "regulation 12(2)"),
                    (FOIA_HANDLING, "section 12")),
    "eir-foia-exemption-converted": (("regulation 12(5)(e)", "would adversely affect"),
                                     ("43(2)", FOIA_HANDLING)),
    "eir-r7-extension": (("regulation 7", "40 working days", "7 April 2025"), (FOIA_HANDLING,)),
    "foisa-full": (("Freedom of Information (Scotland) Act 2002", "section 20", "Scottish Information Commissioner",
                    "section 47"), ("Freedom of Information Act 2000", "section 50", "Information Commissioner's")),
    "foisa-s35": (("Freedom of Information (Scotland) Act 2002", "section 16", "section 35(1)(a)",
                   "substantial", "https://www.legislation.gov.uk/asp/2002/13/section/35", "section 20",
                   "40 working days", "Scottish Information Commissioner", "section 47"),
                  ("Freedom of Information Act 2000", "section 50")),
    "foisa-not-held": (("Freedom of Information (Scotland) Act 2002", "section 17", "Scottish Government",
                        "Scottish Information Commissioner"), ("Freedom of Information Act 2000", "section 50")),
    "foisa-s38": (("section 38(1)(b)", "Scottish Information Commissioner", "absolute"),
                  ("Freedom of Information Act 2000", "section 50")),
    "parts-mixed": (("How many forces use monitoring software?", "29 forces", "What did the software cost",
                     "we do not record the cost", "Which systems does each force use?", "section 31(1)(a)"), ()),
}
NCND = [name for name in EXPECT if name.startswith("ncnd-") and name != "ncnd-with-refusal"]
EIR = [name for name in EXPECT if name.startswith("eir-")]


def test_every_answers_file_has_expectations():
    files = {p.stem for p in ANSWERS.glob("*.json")}
    assert files - {"no-exemption-refusal"} == set(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_outcome_letter_is_lawful(engine, name):
    draft = _draft(engine, name)
    text, markdown = draft.text(), draft.markdown()
    must, must_not = EXPECT[name]
    missing = [m for m in must if m not in text]
    assert not missing, f"{name}: missing {missing}\n\n{text}"
    body = _body(text, name)
    present = [m for m in must_not if m in body]
    assert not present, f"{name}: must not say {present}\n\n{text}"
    for out in (text, markdown):
        leaked = [n for n in OFFICER_NOTES if n in out]
        assert not leaked, f"{name}: {leaked} leaked into the letter\n\n{out}"
    assert not re.search(r"\bI (can|am|have|will|would|hope)\b", body), f"{name}: one voice, 'we'\n\n{text}"
    doubled = re.findall(r"\b(\w+) \1\b", body, flags=re.I)
    assert not doubled, f"{name}: doubled words {doubled} (a value missing from a sentence)\n\n{text}"
    unfinished = [p for p in re.split(r"\n\s*\n", body)
                  if re.match(r"\d+\. ", p) and not p.rstrip().endswith((".", ":"))]
    assert not unfinished, f"{name}: a numbered paragraph does not end its sentence: {unfinished}"
    assert "HMICFRS" in text.split("Yours sincerely")[-1]  # the signature comes from the profile
    bare = re.findall(r"(?m)^\s+- ([a-z0-9]+(?:-[a-z0-9]+)+)\s*$", text)
    assert not bare, f"{name}: public interest factors printed as their ids {bare}\n\n{text}"
    assert draft.checks.ok, f"{name}: {draft.checks.summary()}\n\n{text}"


@pytest.mark.parametrize("name", NCND)
def test_ncnd_letters_never_say_or_imply_the_information_is_held(engine, name):
    body = _body(_draft(engine, name).text(), name)
    said = ADMISSIONS.findall(body)
    assert not said, f"{name}: {said}\n\n{body}"


@pytest.mark.parametrize("name", EIR)
def test_eir_letters_cite_no_foia_section_for_the_refusal(engine, name):
    text = _draft(engine, name).text()
    # The one FOIA section an EIR letter names is section 50, the complaint right applied by regulation 18.
    cited = [c for c in re.findall(r"\bsections? \d+(?:\(\w+\))*", _body(text, name)) if c != "section 50"]
    assert "section 50 of the Freedom of Information Act 2000, as applied by regulation 18" in text
    assert not cited, f"{name}: FOIA citations {cited} in an EIR letter\n\n{text}"
    assert "likely to" not in text


def test_foia_exemption_for_environmental_information_becomes_its_exception_with_a_note(engine):
    draft = _draft(engine, "eir-foia-exemption-converted")
    assert any("43" in note and "12(5)(e)" in note for note in draft.notes), draft.notes
    assert "43" not in draft.text()


def test_refusing_with_no_exemption_cannot_be_drafted(engine):
    with pytest.raises(FoibotError, match="exemption"):
        _draft(engine, "no-exemption-refusal")


def test_refusing_with_no_exemption_is_a_clear_cli_error(tmp_path, capsys):
    from foibot.surfaces.cli import main

    code = main(["--db", str(tmp_path / "db.sqlite"), "draft", str(ANSWERS / "request-foia.txt"),
                 "--answers", str(ANSWERS / "no-exemption-refusal.json")])
    err = capsys.readouterr().err
    assert code != 0 and "exemption" in err and "Traceback" not in err


def test_police_profile_signs_marks_and_addresses_its_own_letters(engine, rt):
    from dataclasses import replace

    police = replace(rt.authority, name="Exampleshire Police", short_name="Exampleshire Police", type="police",
                     protective_marking="OFFICIAL", signature_role="On behalf of Exampleshire Police")
    rt.engine.authority = police
    answers = json.loads((ANSWERS / "partial-s31.json").read_text(encoding="utf-8"))
    answers["requester_address"] = ["12 High Street", "Exampletown", "EX1 2AB"]
    answers["s31"]["pit_for"] = ["crime-prevention-openness"]
    answers["s31"]["pit_against"] = ["evasion", "mosaic"]
    text = rt.engine.draft_answers(_request("partial-s31"), answers).text()
    assert text.lstrip().startswith("OFFICIAL")
    assert "12 High Street" in text and "By email" not in text
    assert "On behalf of Exampleshire Police" in text and "HMICFRS" not in text
    assert "inspect" not in _body(text, "partial-s31").lower().replace("inspection", "")
    by_email = rt.engine.draft_answers(_request("full"), json.loads((ANSWERS / "full.json").read_text())).text()
    assert "By email" in by_email


def test_annex_cites_an_unverified_limb_by_address_and_tells_the_officer(engine):
    answers = json.loads((ANSWERS / "partial-s31.json").read_text(encoding="utf-8"))
    answers["exemptions"] = ["s31(1)(i)"]
    answers["s31"]["purpose"] = "2(e)"
    draft = engine.draft_answers(_request("partial-s31"), answers)
    annex = to_annex(draft.text())
    assert "Section 31(1)(i): Law enforcement" in annex
    assert "https://www.legislation.gov.uk/ukpga/2000/36/section/31" in annex
    assert "1976" not in draft.text() and "reads, so far as relevant" not in annex
    assert any("31(1)(i)" in note and "address" in note for note in draft.notes)
    verified = _draft(engine, "partial-s31")  # a verified limb is quoted: opening words and the limb relied on
    quoted = to_annex(verified.text())
    assert "reads, so far as relevant" in quoted and "would, or would be likely to, prejudice" in quoted
    assert "(b) the apprehension or prosecution of offenders" in quoted and "(a) the prevention" not in quoted


def to_annex(text: str) -> str:
    return text.split("Annex A:", 1)[1]


@pytest.mark.parametrize("name", ["partial-s31", "ncnd-s23-s24", "eir-r12-5-e", "foisa-s35", "parts-mixed", "s12"])
def test_the_word_file_carries_the_whole_letter(engine, name):
    from io import BytesIO

    from docx import Document

    from foibot.letter.word import to_docx

    draft = _draft(engine, name)
    doc = Document(BytesIO(to_docx(draft)))
    word = "\n".join(p.text for p in doc.paragraphs)
    word += "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)
    must, _ = EXPECT[name]
    assert [m for m in must if m not in word] == [], word
    assert "::" not in word and "[to be completed" not in word


def test_a_scottish_authority_answers_under_foisa_by_default(rt):
    from dataclasses import replace

    rt.engine.authority = replace(rt.authority, regime="foisa", name="Example Council", short_name="Example Council")
    answers = json.loads((ANSWERS / "foisa-not-held.json").read_text(encoding="utf-8"))
    del answers["regime"]
    answers.update(received="2025-03-03", letter_date="2025-03-20")
    draft = rt.engine.draft_answers(_request("foisa-not-held"), answers)
    text = draft.text()
    assert "Freedom of Information (Scotland) Act 2002" in text and "Scottish Information Commissioner" in text
    assert "Freedom of Information Act 2000" not in text and "section 50" not in text
    # 20 working days less Scottish holidays only: 17 March (Northern Ireland) counts, so 31 March, not 1 April
    assert draft.due is not None and draft.due.due.isoformat() == "2025-03-31"
