"""Release check of spreadsheets: every planted leak is found where it was planted; the clean copy is clean."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from openpyxl.styles import Font
from test_release_fixtures import (
    clean_workbook_bytes,
    planted_workbook_bytes,
    rewrite_zip,
    write,
    zip_text,
)

from foibot.release import ReleaseLimits, Severity, check_file, clean_copy
from foibot.release.findings import Overall

PLANTED_IDS = {
    "xlsx.hidden_sheet", "xlsx.very_hidden_sheet", "xlsx.hidden_rows", "xlsx.white_text", "xlsx.comments",
    "xlsx.pivot_cache", "xlsx.pivot_table", "xlsx.external_link", "xlsx.defined_name", "xlsx.formulas",
    "ooxml.properties", "personal.heading", "personal.email", "data.small_counts",
}
SECRETS = [b"WHITE-SECRET", b"VAULT-SECRET", b"j.smith@example.org", b"Alice", b"alice.jones", b"Jane Officer",
           b"J Bloggs", b"fileserver", b"Dave Green", b"pivotCache", b"StaffList"]


@pytest.fixture(scope="module")
def planted():
    return check_file(planted_workbook_bytes(), "planted.xlsx")


def one(report, fid):
    found = report.by_id(fid)
    assert len(found) == 1, (fid, found)
    return found[0]


def test_planted_workbook_whole_report(planted):
    assert planted.ids == PLANTED_IDS
    assert planted.overall is Overall.RED
    assert planted.inspected
    assert planted.kind == "xlsx"


def test_hidden_and_very_hidden_sheets_with_cell_counts(planted):
    staff = one(planted, "xlsx.hidden_sheet")
    assert (staff.where.sheet, staff.count, staff.severity) == ("Staff", 9, Severity.RED)
    vault = one(planted, "xlsx.very_hidden_sheet")
    assert (vault.where.sheet, vault.count, vault.severity) == ("Vault", 1, Severity.RED)


def test_hidden_row_white_text_and_comment_located(planted):
    row = one(planted, "xlsx.hidden_rows")
    assert row.where.sheet == "Summary" and row.where.range == "rows 7" and row.examples == ("A7",)
    white = one(planted, "xlsx.white_text")
    assert (white.where.sheet, white.where.cell, white.severity) == ("Summary", "A9", Severity.RED)
    comment = one(planted, "xlsx.comments")
    assert (comment.where.sheet, comment.where.cell) == ("Summary", "B2")
    assert "J B*****" in comment.message


def test_pivot_cache_reports_its_source_and_records(planted):
    pc = one(planted, "xlsx.pivot_cache")
    assert pc.severity is Severity.RED and pc.count == 3
    assert pc.where.range == "Staff!A1:C4"
    assert "Name, Email, Team" in pc.message


def test_links_names_formulas_and_properties(planted):
    link = one(planted, "xlsx.external_link")
    assert "fileserver" in link.message and link.count == 1 and link.severity is Severity.RED
    name = one(planted, "xlsx.defined_name")
    assert "StaffList" in name.message and "hidden sheet 'Staff'" in name.message
    formulas = one(planted, "xlsx.formulas")
    assert formulas.severity is Severity.AMBER and formulas.where.cell == "C2"
    assert "C2: =Staff!A2" in formulas.examples and "HR.xlsx" in formulas.message
    props = one(planted, "ooxml.properties")
    assert "creator: J*** O******" in props.message


def test_personal_data_in_hidden_places_is_red_and_masked(planted):
    email = one(planted, "personal.email")
    assert email.severity is Severity.RED
    assert email.count == 6  # hidden row, hidden sheet (2), pivot cache (3)
    assert "j***@e***.org" in email.examples
    assert not any("alice" in e for e in email.examples)
    heading = one(planted, "personal.heading")
    assert heading.severity is Severity.RED and "'Staff'!A" in heading.message


def test_small_count_is_amber_not_red(planted):
    small = one(planted, "data.small_counts")
    assert small.severity is Severity.AMBER and small.examples == ("B3",)


def test_truly_clean_workbook_is_green():
    report = check_file(clean_workbook_bytes(), "clean.xlsx")
    assert report.findings == []
    assert report.overall is Overall.GREEN


def test_clean_copy_has_no_hidden_data_and_no_planted_strings(tmp_path):
    src = write(tmp_path, "planted.xlsx", planted_workbook_bytes())
    result = clean_copy(src, tmp_path / "out")
    xlsx, csv_path = result.paths
    assert xlsx.name == "planted.clean.xlsx" and csv_path.name == "planted.Summary.csv"
    recheck = check_file(xlsx)
    assert not [f for f in recheck.findings if f.severity is Severity.RED]
    assert recheck.ids == {"data.small_counts"}  # visible figures stay for the officer to judge
    body = zip_text(xlsx)
    for secret in SECRETS:
        assert secret not in body, secret
    assert b"<f>" not in body
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["Summary"]
    rows = list(wb["Summary"].iter_rows(values_only=True))
    assert rows[0] == ("Area", "Incidents", "Officers")
    assert rows[2] == ("South", 3, 7)  # the cached value of a formula, not the formula
    assert wb.properties.creator in (None, "")
    text = csv_path.read_text(encoding="utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1] == ["North", "12"]  # formula without a saved value: blank
    assert "SECRET" not in text
    assert any("no saved value" in n for n in result.notes)
    assert check_file(csv_path).overall is not Overall.RED


def _book(build) -> bytes:
    wb = openpyxl.Workbook()
    wb.properties.creator = None
    build(wb.active)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_hidden_columns_tiny_font_hidden_format_zero_width_and_far_data():
    def build(ws):
        ws.title = "Data"
        ws.append(["Area", "Total", "Secret"])
        ws.append(["North", 40, "COL-SECRET"])
        ws.append(["South", 50, "x"])
        ws.column_dimensions["C"].hidden = True
        ws["A5"] = "tiny"
        ws["A5"].font = Font(size=1)
        ws["A6"] = 123
        ws["A6"].number_format = ";;;"
        ws["A7"] = "zero\u200bwidth"
        ws["A200"] = "far away note"

    report = check_file(_book(build), "t.xlsx")
    assert report.ids == {"xlsx.hidden_columns", "xlsx.tiny_text", "xlsx.hidden_format", "xlsx.zero_width",
                          "xlsx.far_data"}
    cols = one(report, "xlsx.hidden_columns")
    assert cols.where.range == "columns C" and cols.examples == ("C1", "C2", "C3")
    assert one(report, "xlsx.tiny_text").where.cell == "A5"
    assert one(report, "xlsx.hidden_format").where.cell == "A6"
    assert one(report, "xlsx.zero_width").where.cell == "A7"
    assert one(report, "xlsx.far_data").where.range == "row 200"


def test_print_area_and_name_headings_visible_are_amber():
    def build(ws):
        ws.append(["Surname", "Email", "Cases"])
        ws.append(["Smith", "a.b@example.com", 10])
        ws.append(["Jones", "c.d@example.com", 12])
        ws["F1"] = "outside"
        ws.print_area = "A1:C3"

    report = check_file(_book(build), "p.xlsx")
    assert report.ids == {"xlsx.outside_print_area", "personal.heading", "personal.email"}
    assert {f.severity for f in report.findings} == {Severity.AMBER}
    assert one(report, "xlsx.outside_print_area").where.cell == "F1"
    assert one(report, "personal.email").count == 2


def test_threaded_comments_and_macros_found():
    base = clean_workbook_bytes()
    tc = ('<?xml version="1.0" encoding="UTF-8"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/'
          'spreadsheetml/2018/threadedcomments"><threadedComment ref="A2" id="{1}" personId="{P}"><text>Ask HR'
          '</text></threadedComment></ThreadedComments>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2017/10/'
            'relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>')
    data = rewrite_zip(base, {}, {"xl/threadedComments/threadedComment1.xml": tc.encode(),
                                  "xl/worksheets/_rels/sheet1.xml.rels": rels.encode(),
                                  "xl/vbaProject.bin": b"\x00" * 64})
    report = check_file(data, "m.xlsm")
    assert report.ids == {"xlsx.comments", "ooxml.macros"}
    assert one(report, "xlsx.comments").where.cell == "A2"
    assert report.kind == "xlsm"


def test_large_invisible_parts_raise_size_warning():
    data = rewrite_zip(clean_workbook_bytes(), {}, {"xl/embeddings/oleObject1.bin": bytes(range(256)) * 400})
    report = check_file(data, "e.xlsx")
    assert report.ids == {"ooxml.embedded", "file.size"}
    assert one(report, "ooxml.embedded").severity is Severity.RED


def test_small_count_threshold_is_configurable():
    data = clean_workbook_bytes()
    assert check_file(data, "c.xlsx", ReleaseLimits(small_count_max=20)).ids == {"data.small_counts"}
