"""Release check of PDFs: failed redactions, history, encryption, annotations, attachments; never 'cleaned'."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject
from test_release_fixtures import (
    clean_pdf_bytes,
    encrypted_pdf_bytes,
    incremental_pdf_bytes,
    pdf_bytes,
    redacted_pdf_bytes,
    write,
)

from foibot.release import CannotClean, Severity, check_file, clean_copy
from foibot.release.findings import Overall


def test_text_under_black_box_is_red_with_masked_quote():
    report = check_file(redacted_pdf_bytes(), "r.pdf")
    assert report.ids == {"pdf.text_under_box"}
    f = report.findings[0]
    assert f.severity is Severity.RED and f.where.page == 1 and f.count == 1
    assert f.examples[0].startswith("page 1: 'J*** S****")
    assert "John" not in f.examples[0] and "Smith" not in f.message


def test_clean_counterpart_is_green():
    report = check_file(clean_pdf_bytes(), "c.pdf")
    assert report.findings == [] and report.overall is Overall.GREEN


def test_box_drawn_before_text_is_a_background_not_a_redaction():
    stream = b"0 0 0 rg 60 690 400 30 re f\n1 1 1 rg BT /F1 12 Tf 72 700 Td (White on black heading) Tj ET\n"
    assert check_file(pdf_bytes([stream]), "h.pdf").findings == []


def test_black_text_on_black_box_is_hidden_too():
    stream = b"0 0 0 rg 60 690 400 30 re f\nBT /F1 12 Tf 72 700 Td (Black on black secret) Tj ET\n"
    report = check_file(pdf_bytes([stream]), "b.pdf")
    assert report.ids == {"pdf.text_under_box"}


def test_box_on_second_page_only():
    report = check_file(pdf_bytes([b"BT /F1 12 Tf 72 700 Td (Fine) Tj ET\n",
                                   b"BT /F1 12 Tf 72 700 Td (Hidden name) Tj ET\n0 g 60 690 300 30 re f\n"]), "2.pdf")
    [f] = report.by_id("pdf.text_under_box")
    assert f.where.page == 2


def test_incremental_update_is_amber():
    report = check_file(incremental_pdf_bytes(), "i.pdf")
    assert report.ids == {"pdf.incremental"}
    assert report.findings[0].severity is Severity.AMBER and report.findings[0].count == 2


def test_encrypted_pdf_cannot_be_inspected():
    report = check_file(encrypted_pdf_bytes(), "e.pdf")
    assert report.ids == {"file.encrypted"}
    assert report.overall is Overall.RED and not report.inspected


def test_metadata_personal_data_and_javascript():
    info = b"<< /Author (Jane Officer) /Producer (Word) >>"
    stream = b"BT /F1 12 Tf 72 700 Td (Contact jane.officer@example.gov.uk) Tj ET\n"
    js = b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
    report = check_file(pdf_bytes([stream], info=info, catalog_extra=js), "m.pdf")
    assert report.ids == {"pdf.metadata", "personal.email", "pdf.javascript"}
    assert "Author: J*** O******" in report.by_id("pdf.metadata")[0].message
    email = report.by_id("personal.email")[0]
    assert email.severity is Severity.AMBER and email.examples == ("j***@e***.gov.uk",)


def _with_annotations(subtypes: list[str], attach: bool = False) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(clean_pdf_bytes())))
    page = writer.pages[0]
    annots = ArrayObject()
    for sub in subtypes:
        annot = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject(sub),
                                  NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (100, 100, 200, 120)])})
        annots.append(writer._add_object(annot))
    page[NameObject("/Annots")] = annots
    if attach:
        writer.add_attachment("staff.csv", b"name\nAlice\n")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_annotations_unapplied_redactions_and_attachments():
    report = check_file(_with_annotations(["/Text", "/Redact", "/Link"], attach=True), "a.pdf")
    assert {"pdf.annotations", "pdf.redact_annotation", "pdf.attachments"} <= report.ids
    assert report.by_id("pdf.redact_annotation")[0].severity is Severity.RED
    assert "staff.csv" in report.by_id("pdf.attachments")[0].message
    assert report.by_id("pdf.annotations")[0].count == 1  # the link is not reported


def test_page_without_text_is_info():
    report = check_file(pdf_bytes([b"0.5 g 10 10 50 50 re f\n"]), "scan.pdf")
    assert report.ids == {"pdf.no_text"} and report.overall is Overall.GREEN


def test_pdf_is_never_cleaned(tmp_path):
    src = write(tmp_path, "r.pdf", redacted_pdf_bytes())
    with pytest.raises(CannotClean, match="proper redaction tool"):
        clean_copy(src, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_black_square_annotation_over_text_is_a_failed_redaction():
    from test_release_fixtures import TEXT_LINE

    annot = b"<< /Type /Annot /Subtype /Square /Rect [110 696 190 710] /IC [0 0 0] /C [0 0 0] >>"
    report = check_file(pdf_bytes([TEXT_LINE], page_extra=b"/Annots [6 0 R]", extra_objects=[annot]), "a.pdf")
    f = report.by_id("pdf.text_under_box")[0]
    assert (f.severity, f.where.page) == (Severity.RED, 1) and f.examples[0].startswith("page 1: 'J*** S****")
    hollow = annot.replace(b"/IC [0 0 0] ", b"")
    report = check_file(pdf_bytes([TEXT_LINE], page_extra=b"/Annots [6 0 R]", extra_objects=[hollow]), "h.pdf")
    assert report.ids == {"pdf.annotations"}


# --- tryout 9 (#9): personal data in the metadata, and a scan foibot cannot read --------------------------------------

def _scan_pdf(pages: int = 1) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    images = [Image.new("L", (120, 160), 250) for _ in range(pages)]
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:])
    return buf.getvalue()


def test_a_postcode_in_the_pdf_title_is_red_as_hidden_personal_data():
    info = b"<< /Title (Objection from Mr Peter Lowther, 2 Beck Cottages LA9 4PL) /Author (Planning Team) >>"
    report = check_file(pdf_bytes([b"BT /F1 12 Tf 72 700 Td (Our reply to your objection.) Tj ET\n"], info=info),
                        "objection.pdf")
    postcode = report.by_id("personal.postcode")
    assert len(postcode) == 1 and postcode[0].severity is Severity.RED
    assert postcode[0].message == "1 full postcode found in hidden places (document property Title)"
    assert "LA9 4PL" not in " ".join(postcode[0].examples)  # masked
    assert report.overall is Overall.RED


def test_a_pdf_that_is_all_pictures_is_amber_and_a_picture_page_beside_text_is_noted():
    scan = check_file(_scan_pdf(2), "scan.pdf")
    found = scan.by_id("pdf.image_pages")
    assert len(found) == 1 and found[0].severity is Severity.AMBER and found[0].count == 2
    assert found[0].message == ("Every page is a picture with no text layer (a scan?), so foibot read nothing in "
                                "this file")
    assert scan.overall is Overall.AMBER
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes([b"BT /F1 12 Tf 72 700 Td (Annex A: figures) Tj ET\n"]))).pages:
        writer.add_page(page)
    for page in PdfReader(io.BytesIO(_scan_pdf(1))).pages:
        writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    mixed = check_file(buf.getvalue(), "mixed.pdf")
    note = mixed.by_id("pdf.image_pages")
    assert len(note) == 1 and note[0].severity is Severity.INFO and note[0].where.page == 2
    assert note[0].message.startswith("1 page(s) are pictures with no text layer (a scan?)")
    assert mixed.overall is Overall.GREEN


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_personal_data_in_office_properties_is_red_too(tmp_path, kind):
    import docx
    import openpyxl

    path = tmp_path / f"reply.{kind}"
    if kind == "docx":
        doc = docx.Document()
        doc.add_paragraph("Thank you for your request.")
        doc.core_properties.title = "Reply to j.lowther@example.com"
        doc.core_properties.author = "Information Governance"
        doc.save(path)
    else:
        book = openpyxl.Workbook()
        book.active["A1"] = "Quarter"
        book.properties.title = "Reply to j.lowther@example.com"
        book.properties.creator = "Information Governance"
        book.save(path)
    report = check_file(path)
    email = report.by_id("personal.email")
    assert len(email) == 1 and email[0].severity is Severity.RED
    assert email[0].message == "1 email address found in hidden places (document property title)"
    assert report.overall is Overall.RED
