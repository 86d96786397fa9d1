"""Round 10 tryout, release check: personal data quoted in any finding is masked by one rule (text, JSON, console,
Slack); a CHI number is reported as one, never as a telephone number; a PDF whose only findings are its document
properties gets a clean copy; a file that cannot be checked has its own exit status (3)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from test_release_fixtures import clean_pdf_bytes, redacted_pdf_bytes, write

from foibot.release import CannotClean, check_file, clean_copy
from foibot.release.cli import main as release_main
from foibot.release.masking import mask_personal
from foibot.release.personal import chi_valid, find
from foibot.release.render import render_text

# A discharge note for an invented patient, as a health board's draft might keep it. None of it is real.
CHI = "2304720005"  # 23 April 1972, check digit by modulus 11
RAW = ["Morag Lindsay", "Lindsay", "2304720005", "230472", "Keith Baird", "Baird", "07700 900456", "900456",
       "Rhona Craig", "Craig", "12 Heather Crescent", "Heather", "EH45 8QT", "8QT", "rhona.craig@example.org",
       "rhona.craig", "Eilidh Munro", "Munro"]

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/'
       '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
       '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override '
       'PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
       '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.'
         'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" '
         'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
         'Target="docProps/core.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(d: Path) -> Path:
    """Visible text that is fine; a tracked deletion naming a patient with her CHI number; a description property
    naming a doctor and his mobile; the creator a member of staff."""
    body = (f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>Ward 4 discharge audit: summary of actions.</w:t>'
            '</w:r><w:del w:id="1" w:author="Eilidh Munro" w:date="2027-11-20T10:00:00Z"><w:r><w:delText> Patient '
            f'Morag Lindsay (CHI {CHI}) was discharged late.</w:delText></w:r></w:del></w:p></w:body></w:document>')
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Eilidh Munro</dc:creator><dc:description>Notes '
            'for Dr Keith Baird, mobile 07700 900456</dc:description></cp:coreProperties>')
    p = d / "audit.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", body)
        z.writestr("docProps/core.xml", core)
    return p


def _pdf(d: Path, pages: bytes | None = None, name: str = "complaint.pdf") -> Path:
    """A plain page whose Info dictionary names a complainant, her home address and her email."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pages or clean_pdf_bytes())))
    writer.metadata = {"/Author": "Eilidh Munro", "/Title": "Complaint from Ms Rhona Craig, 12 Heather Crescent, "
                                                             "Peebles EH45 8QT", "/Subject": "rhona.craig@example.org"}
    buf = io.BytesIO()
    writer.write(buf)
    return write(d, name, buf.getvalue())


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    rc = release_main(argv, out)
    captured = capsys.readouterr()
    return rc, out.getvalue() + captured.out, captured.err


def _no_raw(text: str) -> None:
    leaked = [s for s in RAW if s in text]
    assert not leaked, leaked


DOCX_TEXT = """\
audit.docx: RED — do not send as it is [3 red, 1 amber]
  RED   docx.tracked_changes @ word/document.xml: 1 tracked change (1 del) by E***** M****; deleted text kept: 'P****** M**** L****** (*** 2********** …'
         why: Tracked changes keep deleted and earlier text, with authors, inside the file.
  RED   personal.chi_number @ document.xml (deleted or hidden text): 1 CHI number found in hidden places (document.xml (deleted or hidden text))
         e.g. CHI ****** ***5
         why: CHI numbers (Scotland's Community Health Index) identify a patient and begin with the date of birth: personal (health) data that should not be released.
  RED   personal.phone @ document property description: 1 UK telephone number found in hidden places (document property description)
         e.g. 0770 *** **56
         why: Telephone numbers can identify people; consider the personal data exemption (FOIA s40(2), EIR regulation 13, FOISA section 38(1)(b)) before release.
  AMBER ooxml.properties @ docProps: Document properties: creator: E***** M****; description: Notes for Dr K**** B****, mobile 0770 *** **56
         why: Document properties can name staff, the authority's systems or the file's history.
"""  # noqa: E501


def test_docx_report_masks_every_finding_and_reads_the_chi_number_as_one(tmp_path, capsys):
    rc, out, err = _run([str(_docx(tmp_path))], capsys)
    assert (rc, err) == (2, "")
    assert out == DOCX_TEXT
    # the CHI number is no phone number: the one telephone number is the doctor's mobile, in the description
    assert out.count("personal.phone") == 1 and "personal.phone @ document property description" in out
    _no_raw(out)
    rc, out, _ = _run([str(tmp_path / "audit.docx"), "--json"], capsys)
    payload = json.loads(out)
    assert rc == 2 and [f["id"] for f in payload["reports"][0]["findings"]] == [
        "docx.tracked_changes", "personal.chi_number", "personal.phone", "ooxml.properties"]
    _no_raw(out)


def test_the_slack_and_console_text_is_the_same_masked_report(tmp_path):
    report = check_file(_docx(tmp_path))
    text = render_text(report) + "\n" + report.to_json()
    for f in report.findings:  # what Slack posts: id, where, message and examples
        text += f"\n{f.where}: {f.message} {' '.join(f.examples)}"
    _no_raw(text)


PDF_TEXT = """\
complaint.pdf: RED — do not send as it is [2 red, 1 amber]
  RED   personal.email @ document property Subject: 1 email address found in hidden places (document property Subject)
         e.g. r***@e***.org
         why: Email addresses identify people; consider the personal data exemption (FOIA s40(2), EIR regulation 13, FOISA section 38(1)(b)) before release.
  RED   personal.postcode @ document property Title: 1 full postcode found in hidden places (document property Title)
         e.g. EH45 ***
         why: Full postcodes can identify a household, especially alongside other details.
  AMBER pdf.metadata @ Info: Metadata: Author: E***** M****; Title: Complaint from M* R**** C****, 1* H****** C*******, Peebles…; Subject: r***@e***.org
         why: Document metadata can name staff, the authority's systems or the file's history.
"""  # noqa: E501


def test_pdf_properties_are_masked_and_a_clean_copy_without_them_is_made(tmp_path, capsys):
    src = _pdf(tmp_path)
    rc, out, err = _run([str(src), "--clean", str(tmp_path / "out")], capsys)
    assert (rc, err) == (2, "")
    assert out == PDF_TEXT + f"""
Clean copy of complaint.pdf:
  {tmp_path / 'out' / 'complaint.clean.pdf'}: GREEN
  note: Only the PDF's document properties (Info dictionary and XMP metadata) held anything: this copy has none; its pages are unchanged.
"""  # noqa: E501
    assert "cannot clean a PDF" not in out and "redact" not in out
    _no_raw(out)
    copy = PdfReader(tmp_path / "out" / "complaint.clean.pdf")
    assert copy.metadata is None and "/Metadata" not in copy.trailer["/Root"]
    assert copy.pages[0].extract_text() == PdfReader(io.BytesIO(clean_pdf_bytes())).pages[0].extract_text()


def test_a_pdf_whose_pages_are_the_problem_is_still_refused(tmp_path):
    src = _pdf(tmp_path, redacted_pdf_bytes(), "boxed.pdf")
    with pytest.raises(CannotClean, match="proper redaction tool"):
        clean_copy(src, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_missing_file_has_its_own_exit_status_and_one_line(tmp_path, capsys):
    rc, out, err = _run([str(tmp_path / "nope.docx")], capsys)
    assert (rc, out) == (3, "")
    assert err == f"foibot: {tmp_path / 'nope.docx'}: there is no such file. Nothing was checked.\n"
    rc, out, err = _run([str(tmp_path)], capsys)
    assert (rc, out) == (3, "") and err == f"foibot: {tmp_path}: is a folder, not a file. Nothing was checked.\n"


def test_a_kind_foibot_does_not_check_exits_3_unless_another_file_is_red(tmp_path, capsys):
    script = write(tmp_path, "notes.sh", b"echo hello\n")
    rc, out, _ = _run([str(script)], capsys)
    assert rc == 3 and "file.not_checked" in out
    rc, _, _ = _run([str(script), str(_docx(tmp_path))], capsys)
    assert rc == 2


def test_the_foibot_command_uses_the_same_exit_status(tmp_path, capsys):
    from foibot.surfaces.cli import main
    assert main(["release-check", str(tmp_path / "nope.pdf")]) == 3
    err = capsys.readouterr().err
    assert err == f"foibot: {tmp_path / 'nope.pdf'}: there is no such file. Nothing was checked or recorded.\n"


def test_chi_is_told_from_nhs_and_phone_numbers():
    assert chi_valid(CHI) and not chi_valid("9434765919")  # an NHS number starts with no date of birth
    assert [p.id for p, _ in find(f"ref {CHI}")] == ["personal.chi_number"]
    assert [p.id for p, _ in find("NHS 943 476 5919")] == ["personal.nhs_number"]
    assert [p.id for p, _ in find("CHI 2304720006")] == ["personal.chi_number"]  # labelled: a slip, still a CHI
    assert [p.id for p, _ in find("call 01632 960123")] == ["personal.phone"]


def test_one_rule_masks_names_addresses_and_identifiers():
    assert (mask_personal("Notes for Dr Keith Baird, mobile 07700 900456")
            == "Notes for Dr K**** B****, mobile 0770 *** **56")
    assert mask_personal("authors: Eilidh Munro, Keith Baird") == "authors: E***** M****, K**** B****"
    styled = "1 run(s) of hidden text (1 by style 'Marker')"
    assert mask_personal(styled) == styled
    assert mask_personal("Eilidh Munro", who=True) == "E***** M****"
    assert mask_personal("Information Governance", who=True) == "Information Governance"
