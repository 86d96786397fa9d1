"""Release check of Word documents: tracked changes, comments, hidden text, template paths; the clean copy."""

from __future__ import annotations

import io
import zipfile

import docx
from test_release_fixtures import clean_docx_bytes, planted_docx_bytes, rewrite_zip, write, zip_text

from foibot.release import Severity, check_file, clean_copy
from foibot.release.findings import Overall
from foibot.release.personal import mask_words

SECRETS = [b"DELETED-SECRET", b"HIDDEN-SECRET", b"COMMENT-SECRET", b"Jane Officer", b"J Bloggs", b"Bob Editor",
           b"fileserver", b"python-docx", b"w:ins ", b"w:del "]


def test_planted_docx_whole_report():
    report = check_file(planted_docx_bytes(), "letter.docx")
    assert report.ids == {"docx.tracked_changes", "docx.hidden_text", "docx.comments", "docx.template",
                          "ooxml.properties", "ooxml.images", "docx.headers_footers"}
    assert report.overall is Overall.RED
    changes = report.by_id("docx.tracked_changes")[0]
    assert changes.count == 2 and "B** E*****" in changes.message and mask_words("DELETED-SECRET") in changes.message
    assert report.by_id("docx.hidden_text")[0].examples == (mask_words("HIDDEN-SECRET placeholder"),)
    comments = report.by_id("docx.comments")[0]
    assert comments.severity is Severity.RED and "J B*****" in comments.message
    templates = report.by_id("docx.template")
    assert {t.where.part for t in templates} == {"docProps/app.xml", "word/settings.xml"}
    assert all("\\\\fileserver\\share\\template.dotx" in t.message for t in templates)
    assert "Reference FOI-123" in report.by_id("docx.headers_footers")[0].message


def test_clean_docx_is_green():
    report = check_file(clean_docx_bytes(), "clean.docx")
    assert report.findings == [] and report.overall is Overall.GREEN


def test_clean_copy_accepts_changes_and_strips_the_rest(tmp_path):
    src = write(tmp_path, "letter.docx", planted_docx_bytes())
    result = clean_copy(src, tmp_path / "out")
    [out] = result.paths
    recheck = check_file(out)
    assert not [f for f in recheck.findings if f.severity is not Severity.INFO], recheck.findings
    body = zip_text(out)
    for secret in SECRETS:
        assert secret not in body, secret
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "The officer involved was a constable" in text  # insertion accepted
    assert "Visible text." in text


def test_white_text_and_embedded_objects():
    raw = clean_docx_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        doc = z.read("word/document.xml").decode()
    doc = doc.replace("<w:r><w:t>Thank you", '<w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>Thank you')
    data = rewrite_zip(raw, {"word/document.xml": doc.encode()}, {"word/embeddings/oleObject1.bin": b"x" * 10})
    report = check_file(data, "w.docx")
    assert report.ids == {"docx.white_text", "ooxml.embedded"}
