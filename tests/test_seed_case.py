"""Acceptance: the seed case (HMICFRS FOI 2019-26) drafted from the request and its answers."""

import json
import re
import zipfile
from io import BytesIO

import pytest

from foibot.letter.checks import check
from foibot.letter.word import to_docx
from foibot.surfaces.cli import main

ROOT_FIXTURES = "tests/fixtures"


@pytest.fixture
def seed_draft(engine, seed_request, seed_answers):
    from foibot.conversation.email_parse import parse_email

    return engine.draft_answers(parse_email(seed_request).body, seed_answers)


def test_seed_draft_has_every_structural_element_of_the_seed_letter(seed_draft):
    letter = seed_draft.text()
    elements = {
        "reference": "Our reference: FOI 2019-26",
        "letter date": "25 October 2019",
        "salutation": "Dear J Roberts,",
        "heading": "FREEDOM OF INFORMATION REQUEST",
        "acknowledges the request and its date": "1. Thank you for your request of 28 September 2019",
        "handled under the Act": "We have dealt with it under the Freedom of Information Act 2000",
        "request quoted verbatim": "    Please provide the names of the police forces that do not have the correct "
                                   "software in place.",
        "confirms information is held, in one voice": "2. We hold the information you asked for",
        "partial disclosure": "We are providing some of it: a table covering 29 of the 43 forces",
        "attachment listed": "Attached: Table: ICT monitoring software, 29 forces",
        "s22 cited with subsection": "under section 22(1) of the Act",
        "s22 settled intention before the request": "We already intended to publish it when your request arrived",
        "s31 cited with limb": "under section 31(1)(a) of the Act",
        "s31 prejudice test": "would be likely to cause the prejudice",
        "points to Annex A": "Annex A sets out the provisions we have relied on",
        "internal review with deadline and reference": "ask for an internal review. Please write to us by",
        "review address": "Chief Operating Officer",
        "independent review": "someone who took no part in this response",
        "right to complain under s50": "complain to the Information Commissioner under section 50",
        "signature": "Yours sincerely,",
        "Annex A": "Annex A: the exemptions we have applied",
        "public interest test explained": "we must also apply a public interest test",
        "s22 statute verbatim": "(c) it is reasonable in all the circumstances that the information should be "
                                "withheld from disclosure until the date referred to in paragraph (a).",
        "s31 statute verbatim": "(a) the prevention or detection of crime,",
        "s22 PIT heading": "Public interest test for section 22(1)",
        "s31 PIT heading": "Public interest test for section 31(1)(a)",
        "factors for disclosure": "Factors in favour of disclosure:",
        "factors for maintaining": "Factors in favour of maintaining the exemption:",
        "balance and conclusion": "Balance of the public interest:",
    }
    missing = [name for name, text in elements.items() if text not in letter]
    assert not missing, f"missing elements: {missing}"
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", letter, re.M)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 8
    for banned in ("::", "[to be completed", "I can confirm", " I ", "confirm the current wording", "has not been "
                   "checked", "(3) The duty to confirm or deny", "(b) the apprehension"):
        assert banned not in letter, banned
    assert "By email" in letter and "On behalf of HMICFRS" in letter
    assert letter.index("section 22(1)") < letter.index("section 31(1)(a)") < letter.index("Annex A:")


def test_seed_draft_passes_the_statutory_check(seed_draft, kb):
    assert seed_draft.checks.ok, seed_draft.checks.summary()
    assert seed_draft.checks.cited == ["s22", "s31"]
    assert check(seed_draft.text(), kb).ok
    assert seed_draft.due.due.isoformat() == "2019-10-25" and not seed_draft.late


def test_the_real_seed_date_is_flagged_late(engine, seed_request, seed_answers):
    seed_answers["letter_date"] = "2019-10-31"
    draft = engine.draft_answers(seed_request, seed_answers)
    assert draft.late
    assert "on-time" in draft.checks.ids()


def test_seed_docx_is_a_real_letter(seed_draft):
    data = to_docx(seed_draft)
    with zipfile.ZipFile(BytesIO(data)) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert 'w:type="page"' in xml  # the annex starts on a new page
    assert "Annex A: the exemptions we have applied" in xml
    assert "Public interest test for section 31(1)(a)" in xml
    from docx import Document

    doc = Document(BytesIO(data))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Freedom of Information request"
    assert "Section 22(1): Information intended for future publication" in headings
    assert any(p.text.startswith("3.\t") for p in doc.paragraphs)


def test_cli_draft_json_shape(capsys, tmp_path):
    code = main(["--db", str(tmp_path / "db.sqlite"), "draft", f"{ROOT_FIXTURES}/seed-request.txt", "--answers",
                 f"{ROOT_FIXTURES}/seed-answers.json", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {"letter", "annex", "due", "checks"} <= set(out)
    assert out["due"]["due"] == "2019-10-25" and out["due"]["regime"] == "foia"
    assert out["checks"]["ok"] is True
    assert out["annex"].startswith("---") and "Section 31 reads, so far as relevant:" in out["annex"]
    assert "Annex A" not in out["letter"].split("Yours sincerely")[1]


def test_cli_draft_docx_and_toml_answers(tmp_path, seed_answers):
    toml = tmp_path / "answers.toml"
    lines = []
    for key, value in seed_answers.items():
        if not isinstance(value, dict):
            lines.append(f"{key} = {json.dumps(value)}")
    for key, value in seed_answers.items():
        if isinstance(value, dict):
            lines.append(f"[{key}]")
            lines += [f"{k} = {json.dumps(v)}" for k, v in value.items()]
    toml.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "letter.docx"
    assert main(["--db", str(tmp_path / "db.sqlite"), "draft", f"{ROOT_FIXTURES}/seed-request.txt", "--answers",
                 str(toml), "--format", "docx", "-o", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"
