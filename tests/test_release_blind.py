"""Blind probe of the attachments check: files built as officers' real attachments are.

Each builder makes one file in code that hides one thing an officer must not release, or hides nothing
(the clean ones measure false alarms). EXPECT holds what an officer would expect the check to say,
written down before the checker's code was read (tests/fixtures/release-blind/README.md has the
first-run confusion table). Run this module as a script to print the table:

    .venv/bin/python tests/test_release_blind.py
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from docx.shared import Pt, RGBColor
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.workbook.defined_name import DefinedName
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------------------------------
# zip helpers


def _rewrite_zip(path: Path, replace: dict[str, bytes | str], add: dict[str, bytes | str] | None = None) -> None:
    """Rewrite an OOXML/ODF package: replace or add members (str is utf-8 encoded)."""
    src = path.read_bytes()
    out = io.BytesIO()
    add = dict(add or {})
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in replace:
                new = replace[item.filename]
                data = new(data.decode("utf-8")) if callable(new) else new
            if isinstance(data, str):
                data = data.encode("utf-8")
            zout.writestr(item, data)
        for name, data in add.items():
            zout.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    path.write_bytes(out.getvalue())


def _zip(path: Path, members: dict[str, str | bytes], stored_first: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if stored_first:
            z.writestr(zipfile.ZipInfo(stored_first), members[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            if name == stored_first:
                continue
            z.writestr(name, data)
    return path


# ---------------------------------------------------------------------------------------------------
# spreadsheets

CASE_HEAD = ["Case ref", "Received", "Category", "Team", "Outcome", "Days to respond"]
CATS = ["Highways", "Planning", "Council tax", "Housing", "Waste", "Parking"]
OUTCOMES = ["Disclosed in full", "Partially disclosed", "Withheld", "Not held"]


def _case_rows(n: int = 30):
    rows = []
    for i in range(n):
        rows.append([
            f"FOI-2025-{1200 + i:04d}",
            dt.date(2025, 1 + i % 12, 1 + (i * 7) % 27),
            CATS[i % len(CATS)],
            ["Information Governance", "Legal", "Corporate"][i % 3],
            OUTCOMES[i % len(OUTCOMES)],
            8 + (i * 5) % 15,
        ])
    return rows


def _case_book():
    wb = Workbook()
    ws = wb.active
    ws.title = "FOI log"
    ws.append(CASE_HEAD)
    for r in _case_rows():
        ws.append(r)
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        for c in row:
            c.number_format = "dd/mm/yyyy"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:F{ws.max_row}"
    wb.properties.creator = "CaseSys Export"
    return wb


def clean_case_export_xlsx(d: Path) -> Path:
    """A case-system export: refs, received dates, outcomes. Nothing hidden."""
    p = d / "clean_case_export.xlsx"
    _case_book().save(p)
    return p


def clean_stats_table_xlsx(d: Path) -> Path:
    """A statistical table with counts all 5 or more (and zeros), with totals."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Complaints by ward"
    ws.append(["Ward", "Noise", "Fly-tipping", "Parking", "Total"])
    data = [("Abbey", 12, 40, 25), ("Castle", 0, 18, 31), ("Riverside", 9, 22, 0), ("St Mary's", 15, 7, 11)]
    for w, a, b, c in data:
        ws.append([w, a, b, c, a + b + c])
    ws.append(["Total", sum(r[1] for r in data), sum(r[2] for r in data), sum(r[3] for r in data),
               sum(sum(r[1:]) for r in data)])
    wb.save(p := d / "clean_stats_table.xlsx")
    return p


def clean_chart_xlsx(d: Path) -> Path:
    """A budget table with a bar chart drawn from the visible data."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Service", "2023/24 (£k)", "2024/25 (£k)"])
    for row in [("Libraries", 1840, 1795), ("Parks", 2210, 2305), ("Leisure", 3120, 2990), ("Museums", 640, 655)]:
        ws.append(list(row))
    ch = BarChart()
    ch.title = "Spend by service"
    ch.add_data(Reference(ws, min_col=2, min_row=1, max_col=3, max_row=5), titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=1, min_row=2, max_row=5))
    ws.add_chart(ch, "E2")
    wb.save(p := d / "clean_chart.xlsx")
    return p


def dob_values_hidden_sheet_xlsx(d: Path) -> Path:
    """Visible summary; a hidden sheet 'Sheet2' whose column B holds dates of birth, heading just 'Col2'."""
    wb = _case_book()
    hs = wb.create_sheet("Sheet2")
    hs.append(["Col1", "Col2", "Col3"])
    for i in range(20):
        hs.append([f"FOI-2025-{1200 + i:04d}", dt.date(1948 + (i * 3) % 50, 1 + i % 12, 2 + i), "Y"])
    for row in hs.iter_rows(min_row=2, min_col=2, max_col=2):
        for c in row:
            c.number_format = "dd/mm/yyyy"
    hs.sheet_state = "hidden"
    wb.save(p := d / "dob_values_hidden_sheet.xlsx")
    return p


def dob_values_visible_xlsx(d: Path) -> Path:
    """A visible export where one column, headed only 'Field 7', holds dates of birth as real dates."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Export"
    ws.append(["Case ref", "Received", "Field 7", "Outcome"])
    for i in range(25):
        ws.append([f"ASB-{3100 + i}", dt.date(2025, 1 + i % 12, 3 + i % 20),
                   dt.date(1951 + (i * 7) % 52, 1 + (i * 5) % 12, 1 + (i * 3) % 28), OUTCOMES[i % 4]])
    for col in ("B", "C"):
        for c in ws[col][1:]:
            c.number_format = "dd/mm/yyyy"
    wb.save(p := d / "dob_values_visible.xlsx")
    return p


def ni_numbers_xlsx(d: Path) -> Path:
    """A benefits appeal log: the 'Ref' column is in fact National Insurance numbers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Appeals"
    ws.append(["Ref", "Appeal type", "Lodged", "Result"])
    nis = ["JT 48 62 91 B", "KM123456A", "PR 55 01 77 C", "WL 90 12 34 D", "HS481126A", "ER 33 44 55 B"]
    for i, ni in enumerate(nis):
        ws.append([ni, ["HB overpayment", "CTR", "DHP"][i % 3], dt.date(2025, 2, 1 + i),
                   "Upheld" if i % 2 else "Refused"])
    wb.save(p := d / "ni_numbers.xlsx")
    return p


def emails_in_notes_xlsx(d: Path) -> Path:
    """Complaints export: the free-text 'Notes' column holds a requester's personal email."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Complaints"
    ws.append(["Ref", "Received", "Service", "Notes"])
    notes = ["Acknowledged within 2 days", "Passed to service manager",
             "Called back, prefers email j.ryder84@gmail.com", "Stage 2 escalation", "Closed - no further action",
             "Apology issued"]
    for i, n in enumerate(notes):
        ws.append([f"CMP-{500 + i}", dt.date(2025, 3, 2 + i), CATS[i], n])
    wb.save(p := d / "emails_in_notes.xlsx")
    return p


PIVOT_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def pivot_cache_names_xlsx(d: Path) -> Path:
    """A pivot summary (counts by team) whose cache keeps the staff names of the deleted source sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws.append(["Team", "Count of Name"])
    for row in [("Adult Social Care", 2), ("Children's Services", 2), ("Total", 4)]:
        ws.append(list(row))
    p = d / "pivot_cache_names.xlsx"
    wb.save(p)
    names = ["Gareth Pryce", "Moira Lennox", "Tobias Hartley", "Nia Okafor"]
    teams = ["Adult Social Care", "Children's Services"]
    cdef = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<pivotCacheDefinition xmlns="{PIVOT_NS}" xmlns:r="{R_NS}" r:id="rId1" recordCount="4">'
        f'<cacheSource type="worksheet"><worksheetSource ref="A1:B5" sheet="Disciplinary cases"/></cacheSource>'
        f'<cacheFields count="2"><cacheField name="Name" numFmtId="0"><sharedItems count="4">'
        + "".join(f'<s v="{n}"/>' for n in names)
        + '</sharedItems></cacheField><cacheField name="Team" numFmtId="0"><sharedItems count="2">'
        + "".join(f'<s v="{t}"/>' for t in teams)
        + "</sharedItems></cacheField></cacheFields></pivotCacheDefinition>"
    )
    recs = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords xmlns="{PIVOT_NS}" '
        f'xmlns:r="{R_NS}" count="4">'
        + "".join(f'<r><x v="{i}"/><x v="{i % 2}"/></r>' for i in range(4))
        + "</pivotCacheRecords>"
    )
    ptable = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition xmlns="{PIVOT_NS}" '
        'name="PivotTable1" cacheId="3" dataCaption="Values" dataOnRows="0"><location ref="A1:B4" firstHeaderRow="1" '
        'firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField dataField="1" showAll="0"/>'
        '<pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items>'
        '</pivotField></pivotFields><rowFields count="1"><field x="1"/></rowFields><dataFields count="1">'
        '<dataField name="Count of Name" fld="0" subtotal="count"/></dataFields></pivotTableDefinition>'
    )
    ct_add = (
        '<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"/>'
        '<Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml"/>'
        '<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"/>'
    )
    rel_pc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition"
    rel_pr = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheRecords"
    rel_pt = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotTable"
    _rewrite_zip(p, {
        "[Content_Types].xml": lambda s: s.replace("</Types>", ct_add + "</Types>"),
        "xl/workbook.xml": lambda s: s.replace(
            "</workbook>", f'<pivotCaches><pivotCache xmlns:r="{R_NS}" cacheId="3" r:id="rIdPC1"/></pivotCaches>'
            "</workbook>"),
        "xl/_rels/workbook.xml.rels": lambda s: s.replace(
            "</Relationships>",
            f'<Relationship Id="rIdPC1" Type="{rel_pc}" Target="pivotCache/pivotCacheDefinition1.xml"/>'
            "</Relationships>"),
    }, {
        "xl/pivotCache/pivotCacheDefinition1.xml": cdef,
        "xl/pivotCache/pivotCacheRecords1.xml": recs,
        "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel_pr}" Target="pivotCacheRecords1.xml"/>'
            "</Relationships>"),
        "xl/pivotTables/pivotTable1.xml": ptable,
        "xl/pivotTables/_rels/pivotTable1.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel_pc}" '
            'Target="../pivotCache/pivotCacheDefinition1.xml"/></Relationships>'),
        "xl/worksheets/_rels/sheet1.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel_pt}" Target="../pivotTables/pivotTable1.xml"/>'
            "</Relationships>"),
    })
    return p


def named_range_array_xlsx(d: Path) -> Path:
    """A defined name holding an array constant of complainants' names (no cell shows them)."""
    wb = _case_book()
    wb.defined_names["Complainants"] = DefinedName(
        "Complainants", attr_text='{"Ruth Abernathy","Daniel Osei","Priya Chandran"}')
    wb.save(p := d / "named_range_array.xlsx")
    return p


def zero_width_column_xlsx(d: Path) -> Path:
    """A table whose column C (complainant name) is squeezed to zero width, not 'hidden'."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws.append(["Case ref", "Received", "Complainant", "Category", "Outcome"])
    names = ["Martin Keogh", "Sandra Whitfield", "Olu Adeyemi", "Fiona Grant", "Harry Lowe", "Bea Novak"]
    for i, n in enumerate(names):
        ws.append([f"FOI-2025-{1300 + i}", dt.date(2025, 4, 1 + i), n, CATS[i], OUTCOMES[i % 4]])
    ws.column_dimensions["C"].width = 0
    p = d / "zero_width_column.xlsx"
    wb.save(p)

    def patch(s: str) -> str:  # make sure Excel's own spelling is there: width 0, customWidth, no hidden flag
        import re
        s = re.sub(r'<col min="3" max="3"[^>]*/>', '<col min="3" max="3" width="0" customWidth="1"/>', s)
        if '<col min="3"' not in s:
            s = s.replace("<sheetData", '<cols><col min="3" max="3" width="0" customWidth="1"/></cols><sheetData', 1)
        return s

    _rewrite_zip(p, {"xl/worksheets/sheet1.xml": patch})
    return p


def grouped_collapsed_rows_xlsx(d: Path) -> Path:
    """Rows grouped and collapsed under a summary row: the detail rows name the people."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Overtime"
    ws.append(["Department", "Officer", "Hours"])
    ws.append(["Response", "", 412])
    detail = [("Response", "PC 4471 Dean Harlow", 140), ("Response", "PC 2290 Amy Stott", 150),
              ("Response", "PS 118 Leon Barker", 122)]
    for r in detail:
        ws.append(list(r))
    ws.append(["CID", "", 290])
    for r in range(3, 6):
        ws.row_dimensions[r].outlineLevel = 1
        ws.row_dimensions[r].hidden = True
    ws.sheet_properties.outlinePr.summaryBelow = False
    wb.save(p := d / "grouped_collapsed_rows.xlsx")
    return p


def zero_height_rows_xlsx(d: Path) -> Path:
    """Rows squeezed to zero height (customHeight) rather than hidden, holding names and phone numbers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Contacts"
    ws.append(["Organisation", "Type", "Contact"])
    ws.append(["Anytown Food Bank", "Charity", "info@anytownfoodbank.org.uk"])
    ws.append(["Mrs Edna Collier", "Resident", "07700 900 482"])
    ws.append(["Mr Raj Patel", "Resident", "07700 900 713"])
    ws.append(["Anytown Rotary", "Club", "secretary@anytownrotary.org.uk"])
    p = d / "zero_height_rows.xlsx"
    wb.save(p)
    import re

    def patch(s: str) -> str:
        for r in (3, 4):
            s = re.sub(rf'<row r="{r}"([^>]*)>', rf'<row r="{r}" ht="0" customHeight="1">', s)
        return s

    _rewrite_zip(p, {"xl/worksheets/sheet1.xml": patch})
    return p


def chart_very_hidden_xlsx(d: Path) -> Path:
    """A chart on the visible sheet drawn from a very hidden sheet of staff names and sickness days."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sickness"
    ws.append(["Sickness absence, days per FTE, 2024/25"])
    ws.append(["Directorate average", 8.4])
    hs = wb.create_sheet("calc")
    hs.append(["Employee", "Days lost"])
    for n, v in [("Colin Ashworth", 41), ("Janet Mbeki", 3), ("Rhys Vaughan", 62), ("Tess Morgan", 17)]:
        hs.append([n, v])
    ch = BarChart()
    ch.title = "Days lost"
    ch.add_data(Reference(hs, min_col=2, min_row=1, max_row=5), titles_from_data=True)
    ch.set_categories(Reference(hs, min_col=1, min_row=2, max_row=5))
    ws.add_chart(ch, "D2")
    hs.sheet_state = "veryHidden"
    wb.save(p := d / "chart_very_hidden.xlsx")
    return p


def custom_property_xlsx(d: Path) -> Path:
    """A clean table whose docProps/custom.xml names the complainant the data were pulled for."""
    p = clean_case_export_xlsx(d)
    q = d / "custom_property.xlsx"
    q.write_bytes(p.read_bytes())
    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
        'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Requester">'
        "<vt:lpwstr>Gillian Thornbury</vt:lpwstr></property>"
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="RequesterAddress">'
        "<vt:lpwstr>27 Kestrel Close, Anytown AT4 9QZ</vt:lpwstr></property></Properties>"
    )
    ct = ('<Override PartName="/docProps/custom.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.custom-properties+xml"/>')
    rel = ('<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'custom-properties" Target="docProps/custom.xml"/>')
    _rewrite_zip(q, {
        "[Content_Types].xml": lambda s: s.replace("</Types>", ct + "</Types>"),
        "_rels/.rels": lambda s: s.replace("</Relationships>", rel + "</Relationships>"),
    }, {"docProps/custom.xml": custom})
    return q


def small_counts_differencing_xlsx(d: Path) -> Path:
    """A statistical table with a suppressed cell ('*') and small counts, but row and column totals kept."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Exclusions"
    ws.append(["School", "White British", "Mixed", "Asian", "Black", "Total"])
    ws.append(["Northgate Academy", 31, 2, "*", 1, 37])
    ws.append(["St Anne's CE", 14, 0, 6, 0, 20])
    ws.append(["Riverside High", 22, 5, 9, 4, 40])
    ws.append(["Total", 67, 7, 18, 5, 97])
    wb.save(p := d / "small_counts_differencing.xlsx")
    return p


def clean_policy_dates_xlsx(d: Path) -> Path:
    """A policy register: adoption and review dates spanning decades (not dates of birth)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Policies"
    ws.append(["Policy", "Adopted", "Last reviewed", "Owner"])
    for i, name in enumerate(["Anti-social behaviour", "Allotments", "Tree management", "Street naming",
                              "Cemeteries", "Markets", "Public art", "Licensing", "Grants", "Complaints"]):
        ws.append([name, dt.date(1974 + i * 4, 1 + i, 2 + i), dt.date(2019 + i % 6, 3, 1), "Corporate Policy"])
    for col in ("B", "C"):
        for c in ws[col][1:]:
            c.number_format = "dd/mm/yyyy"
    wb.save(p := d / "clean_policy_dates.xlsx")
    return p


# ---------------------------------------------------------------------------------------------------
# CSV


def clean_spend_csv(d: Path) -> Path:
    """The transparency 'spend over £500' file: suppliers are companies, long transaction numbers."""
    p = d / "clean_spend.csv"
    rows = ["Body,Date,Transaction number,Supplier,Expense type,Service,Amount",
            "Anytown Council,03/02/2025,4500012345,ACME HIGHWAYS LTD,Road maintenance,Highways,\"12,345.67\"",
            "Anytown Council,05/02/2025,4500012399,NORTHERN PRINT PLC,Printing,Elections,980.00",
            "Anytown Council,11/02/2025,4500012410,GREENSPACE SERVICES LTD,Grounds,Parks,\"4,410.00\"",
            "Anytown Council,19/02/2025,4500012502,ANYTOWN LEISURE TRUST,Grant,Leisure,\"75,000.00\""]
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


def clean_notes_csv(d: Path) -> Path:
    p = d / "clean_notes.csv"
    rows = ["Ref,Received,Team,Notes"]
    notes = ["Transferred to Highways", "Partial refusal under s43", "Clarification sought 12/03/2025",
             "Information published - s21 applied", "Fees estimate issued", "Internal review upheld"]
    for i, n in enumerate(notes):
        rows.append(f"FOI-2025-{900 + i},{(dt.date(2025, 3, 1) + dt.timedelta(days=i * 9)).strftime('%d/%m/%Y')},"
                    f"Information Governance,\"{n}\"")
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


def nhs_spaces_csv(d: Path) -> Path:
    """A discharge-delay extract: the notes column carries NHS numbers written with spaces."""
    p = d / "nhs_spaces.csv"
    rows = ["Week,Ward,Delay reason,Notes",
            "2025-W10,Ward 7,Awaiting care package,Pt 398 259 7919 awaiting POC",
            "2025-W10,Ward 9,Housing,no notes",
            "2025-W11,Ward 7,Awaiting assessment,see 907 483 3780 - family declined",
            "2025-W11,Ward 3,Equipment,hoist ordered"]
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


def addresses_csv(d: Path) -> Path:
    """Fly-tipping reports: the 'Location' column holds residents' full addresses, not street names."""
    p = d / "addresses.csv"
    rows = ["Report,Date,Location,Waste type",
            "FT-118,04/02/2025,\"14 Acacia Avenue, Leeds LS6 2AB\",Mattress",
            "FT-119,05/02/2025,\"Flat 3, 22 Hyde Park Road, Leeds LS6 1PY\",Household bags",
            "FT-120,07/02/2025,Kirkstall Road layby,Tyres",
            "FT-121,09/02/2025,\"9 Moor Lane, Leeds LS16 7HB\",Builders rubble"]
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


def intl_phones_csv(d: Path) -> Path:
    """Licensing applications: phone numbers in international form in a column headed 'Ref 2'."""
    p = d / "intl_phones.csv"
    rows = ["Application,Premises type,Ref 2,Decision",
            "LIC-2201,Takeaway,+44 7700 900123,Granted",
            "LIC-2202,Pub,+447700900456,Granted with conditions",
            "LIC-2203,Late-night shop,0044 20 7946 0321,Refused"]
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


def small_counts_csv(d: Path) -> Path:
    """Hate crime by ward and strand with small counts and totals (the ICO's 'reported, not blocked')."""
    p = d / "small_counts.csv"
    rows = ["Ward,Race,Religion,Disability,Sexual orientation,Total",
            "Abbey,23,3,1,2,29", "Castle,17,0,4,1,22", "Riverside,30,6,2,0,38", "Total,70,9,7,3,89"]
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


# ---------------------------------------------------------------------------------------------------
# Word


def _letter(paras: list[str] | None = None) -> docx.Document:
    doc = docx.Document()
    doc.core_properties.author = "Information Governance"
    doc.core_properties.last_modified_by = "Information Governance"
    doc.add_heading("Freedom of Information Act 2000 - response", level=1)
    for t in paras or [
        "Thank you for your request for information received on 3 March 2025.",
        "You asked for the number of potholes repaired in each of the last three years.",
        "The information is in the table below.",
    ]:
        doc.add_paragraph(t)
    t = doc.add_table(rows=4, cols=2)
    for i, (a, b) in enumerate([("Year", "Potholes repaired"), ("2022/23", "4,812"), ("2023/24", "5,307"),
                                ("2024/25", "6,021")]):
        t.cell(i, 0).text, t.cell(i, 1).text = a, b
    doc.add_paragraph("If you are unhappy with this response you may ask for an internal review.")
    return doc


def clean_letter_docx(d: Path) -> Path:
    _letter().save(p := d / "clean_letter.docx")
    return p


def clean_two_sections_docx(d: Path) -> Path:
    """A two-section letter with an annex, plain headers ('Anytown Council - FOI response') in both."""
    doc = _letter()
    doc.sections[0].header.paragraphs[0].text = "Anytown Council - FOI response"
    sec = doc.add_section()
    sec.header.is_linked_to_previous = False
    sec.header.paragraphs[0].text = "Annex A - pothole repairs by ward"
    doc.add_paragraph("Annex A lists repairs by ward; figures are from the highways asset system.")
    doc.save(p := d / "clean_two_sections.docx")
    return p


def highlight_redaction_docx(d: Path) -> Path:
    """'Redacted' in Word with black highlight over black text: the words are still there."""
    doc = _letter(["Thank you for your request.", "The officer who attended was "])
    para = doc.paragraphs[-1]
    run = para.add_run("PC 3391 Karen Whitlock")
    run.font.color.rgb = RGBColor(0, 0, 0)
    rpr = run._r.get_or_add_rPr()
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    hl = OxmlElement("w:highlight")
    hl.set(qn("w:val"), "black")
    rpr.append(hl)
    para.add_run(" and the call was logged at 21:40.")
    doc.save(p := d / "highlight_redaction.docx")
    return p


def shaded_redaction_docx(d: Path) -> Path:
    """'Redacted' with black character shading (w:shd fill 000000) over text coloured black.

    (With automatic colour Word shows the text white on the shading, readable: only set-black text is hidden.)
    """
    doc = _letter(["The complaint was made by "])
    para = doc.paragraphs[-1]
    run = para.add_run("Mr Anthony Bellamy of 4 Orchard Way")
    run.font.color.rgb = RGBColor(0, 0, 0)
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "000000")
    run._r.get_or_add_rPr().append(shd)
    para.add_run(".")
    doc.save(p := d / "shaded_redaction.docx")
    return p


def comment_reply_docx(d: Path) -> Path:
    """A comment with a reply thread; the reply names the complainant."""
    p = clean_letter_docx(d)
    q = d / "comment_reply.docx"
    q.write_bytes(p.read_bytes())
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    comments = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W}" xmlns:w14="{W14}">'
        '<w:comment w:id="0" w:author="Information Governance" w:date="2025-03-10T10:00:00Z" w:initials="IG">'
        '<w:p w14:paraId="1A2B3C4D"><w:r><w:t>Are we OK to give ward level?</w:t></w:r></w:p></w:comment>'
        '<w:comment w:id="1" w:author="Highways Manager" w:date="2025-03-10T11:00:00Z" w:initials="HM">'
        '<w:p w14:paraId="5E6F7A8B"><w:r><w:t>Yes but not for Castle ward - only one repair, outside '
        "Mrs Jean Foley's house at 8 Mill Street, she is the requester's neighbour</w:t></w:r></w:p></w:comment>"
        "</w:comments>"
    )
    ext = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:commentsEx xmlns:w15="{W15}">'
        '<w15:commentEx w15:paraId="1A2B3C4D" w15:done="0"/>'
        '<w15:commentEx w15:paraId="5E6F7A8B" w15:paraIdParent="1A2B3C4D" w15:done="0"/></w15:commentsEx>'
    )

    def body(s: str) -> str:
        s = s.replace("<w:body><w:p>", "<w:body><w:p>", 1)
        # anchor both comments on the third paragraph's text
        i = s.index("The information is in the table below.")
        start = s.rfind("<w:r>", 0, i)
        end = s.index("</w:r>", i) + len("</w:r>")
        run = s[start:end]
        anchored = ('<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>' + run
                    + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
                    '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>')
        return s[:start] + anchored + s[end:]

    ct = ('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'wordprocessingml.comments+xml"/><Override PartName="/word/commentsExtended.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/>')
    rel = ('<Relationship Id="rIdCm1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'comments" Target="comments.xml"/><Relationship Id="rIdCm2" Type="http://schemas.microsoft.com/office/'
           '2011/relationships/commentsExtended" Target="commentsExtended.xml"/>')
    _rewrite_zip(q, {
        "word/document.xml": body,
        "[Content_Types].xml": lambda s: s.replace("</Types>", ct + "</Types>"),
        "word/_rels/document.xml.rels": lambda s: s.replace("</Relationships>", rel + "</Relationships>"),
    }, {"word/comments.xml": comments, "word/commentsExtended.xml": ext})
    return q


def company_app_docx(d: Path) -> Path:
    """docProps/app.xml's Company and Manager name a private firm and a person."""
    p = clean_letter_docx(d)
    q = d / "company_app.docx"
    q.write_bytes(p.read_bytes())

    def app(s: str) -> str:
        import re
        s = re.sub(r"<Company>.*?</Company>|<Company/>|<Manager>.*?</Manager>|<Manager/>", "", s)
        return s.replace("</Properties>", "<Company>Hollis &amp; Crane Investigations Ltd</Company>"
                         "<Manager>Derek Hollis</Manager></Properties>")

    _rewrite_zip(q, {"docProps/app.xml": app})
    return q


def header_second_section_docx(d: Path) -> Path:
    """Only the second section's header carries the complainant's email and phone."""
    doc = _letter()
    doc.sections[0].header.paragraphs[0].text = "Anytown Council - FOI response"
    sec = doc.add_section()
    sec.header.is_linked_to_previous = False
    sec.header.paragraphs[0].text = "Annex A - prepared for l.grant1979@hotmail.co.uk / 07700 900 614"
    doc.add_paragraph("Annex A lists repairs by ward; figures are from the highways asset system.")
    doc.save(p := d / "header_second_section.docx")
    return p


def _jpeg_with_exif(gps: bool = True, artist: str | None = "Sgt Paul Rennie") -> bytes:
    img = Image.new("RGB", (64, 48), (120, 140, 90))
    exif = Image.Exif()
    exif[0x010F] = "Apple"  # Make
    exif[0x0110] = "iPhone 13"  # Model
    if artist:
        exif[0x013B] = artist  # Artist
    if gps:
        exif[0x8825] = {1: "N", 2: (53.0, 48.0, 21.5), 3: "W", 4: (1.0, 32.0, 44.2)}
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def exif_gps_docx(d: Path) -> Path:
    """A photo of the fly-tip site pasted into a letter; its EXIF keeps GPS position and the taker."""
    doc = _letter()
    doc.add_paragraph("Photograph of the site:")
    doc.add_picture(io.BytesIO(_jpeg_with_exif()), width=Pt(200))
    doc.save(p := d / "exif_gps.docx")
    return p


def clean_photo_docx(d: Path) -> Path:
    """A letter with a plain photo: no GPS, no author, just camera make."""
    doc = _letter()
    doc.add_paragraph("Photograph of the resurfaced road:")
    img = Image.new("RGB", (64, 48), (90, 90, 90))
    buf = io.BytesIO()
    img.save(buf, "JPEG")
    doc.add_picture(io.BytesIO(buf.getvalue()), width=Pt(200))
    doc.save(p := d / "clean_photo.docx")
    return p


def internal_link_docx(d: Path) -> Path:
    """A hyperlink whose target is a file on the HR share named after a member of staff."""
    doc = _letter()
    para = doc.add_paragraph("The policy is ")
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    target = r"file://///ac-fs01/HR$/Grievances/2024/Simone Achebe - grievance outcome.docx"
    rid = doc.part.relate_to(target, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                             is_external=True)
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), rid)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "available here"
    r.append(t)
    h.append(r)
    para._p.append(h)
    doc.save(p := d / "internal_link.docx")
    return p


# ---------------------------------------------------------------------------------------------------
# PowerPoint (built by hand: no python-pptx here)

P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OD_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sp(idx: int, text: str, y: int = 1000000) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{idx + 1}" name="TextBox {idx}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="500000" y="{y}"/><a:ext cx="8000000" cy="600000"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB" sz="2400"/><a:t>{text}</a:t></a:r>'
            "</a:p></p:txBody></p:sp>")


def _slide(shapes: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sld xmlns:a="{A_NS}" xmlns:r="{OD_REL}" '
            f'xmlns:p="{P_NS}"><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
            '</p:nvGrpSpPr><p:grpSpPr/>' + shapes + "</p:spTree></p:cSld></p:sld>")


def _pptx(path: Path, slides: list[str], slide_rels: dict[int, str] | None = None,
          extra: dict[str, bytes | str] | None = None, extra_ct: str = "") -> Path:
    slide_rels = slide_rels or {}
    layout_rel = (f'<Relationship Id="rIdL" Type="{OD_REL}/slideLayout" '
                  'Target="../slideLayouts/slideLayout1.xml"/>')
    members: dict[str, str | bytes] = {}
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/'
          'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
          '<Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>'
          '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'presentationml.presentation.main+xml"/>'
          '<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.presentationml.slideMaster+xml"/>'
          '<Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.presentationml.slideLayout+xml"/>'
          '<Override PartName="/ppt/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'theme+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-'
          'properties+xml"/>'
          + "".join(f'<Override PartName="/ppt/slides/slide{i + 1}.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.presentationml.slide+xml"/>' for i in range(len(slides)))
          + extra_ct + "</Types>")
    members["[Content_Types].xml"] = ct
    members["_rels/.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
        f'Type="{OD_REL}/officeDocument" Target="ppt/presentation.xml"/><Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>')
    members["docProps/core.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.'
        'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:title>Briefing</dc:title><dc:creator>Corporate Communications</dc:creator></cp:coreProperties>")
    members["ppt/presentation.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:presentation xmlns:a="{A_NS}" '
        f'xmlns:r="{OD_REL}" xmlns:p="{P_NS}"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rIdM"/>'
        "</p:sldMasterIdLst><p:sldIdLst>"
        + "".join(f'<p:sldId id="{256 + i}" r:id="rIdS{i + 1}"/>' for i in range(len(slides)))
        + '</p:sldIdLst><p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>')
    members["ppt/_rels/presentation.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rIdM" Type="{OD_REL}/slideMaster" Target="slideMasters/slideMaster1.xml"/>'
        f'<Relationship Id="rIdT" Type="{OD_REL}/theme" Target="theme/theme1.xml"/>'
        + "".join(f'<Relationship Id="rIdS{i + 1}" Type="{OD_REL}/slide" Target="slides/slide{i + 1}.xml"/>'
                  for i in range(len(slides)))
        + "</Relationships>")
    empty_tree = ('<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
                  "<p:grpSpPr/></p:spTree></p:cSld>")
    members["ppt/slideMasters/slideMaster1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldMaster xmlns:a="{A_NS}" xmlns:r="{OD_REL}" '
        f'xmlns:p="{P_NS}">{empty_tree}<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" '
        'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
        'folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rIdL"/></p:sldLayoutIdLst>'
        "</p:sldMaster>")
    members["ppt/slideMasters/_rels/slideMaster1.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rIdL" Type="{OD_REL}/slideLayout" Target="../slideLayouts/slideLayout1.xml"/>'
        f'<Relationship Id="rIdT" Type="{OD_REL}/theme" Target="../theme/theme1.xml"/></Relationships>')
    members["ppt/slideLayouts/slideLayout1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldLayout xmlns:a="{A_NS}" xmlns:r="{OD_REL}" '
        f'xmlns:p="{P_NS}" type="blank">{empty_tree}</p:sldLayout>')
    members["ppt/slideLayouts/_rels/slideLayout1.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rIdM" Type="{OD_REL}/slideMaster" Target="../slideMasters/slideMaster1.xml"/>'
        "</Relationships>")
    members["ppt/theme/theme1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a:theme xmlns:a="{A_NS}" name="Office">'
        "<a:themeElements/></a:theme>")
    for i, s in enumerate(slides):
        members[f"ppt/slides/slide{i + 1}.xml"] = s
        members[f"ppt/slides/_rels/slide{i + 1}.xml.rels"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">{layout_rel}'
            + slide_rels.get(i, "") + "</Relationships>")
    members.update(extra or {})
    return _zip(path, members)


def _briefing_slides() -> list[str]:
    return [
        _slide(_sp(1, "Highways performance briefing - Q3 2024/25")
               + _sp(2, "Potholes repaired: 6,021 (up 13%)", 2000000)),
        _slide(_sp(1, "Customer satisfaction") + _sp(2, "72% satisfied with repairs (survey of 1,140 residents)",
                                                     2000000)),
    ]


def clean_briefing_pptx(d: Path) -> Path:
    return _pptx(d / "clean_briefing.pptx", _briefing_slides())


def _png_with_text(keyword: str | None, text: str | None, w: int = 80, h: int = 60) -> bytes:
    img = Image.new("RGB", (w, h), (200, 30, 30))
    from PIL.PngImagePlugin import PngInfo
    info = PngInfo()
    if keyword:
        info.add_text(keyword, text)
    buf = io.BytesIO()
    img.save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def _pic(rid: str, crop: str = "") -> str:
    return ('<p:pic><p:nvPicPr><p:cNvPr id="9" name="Picture 8"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/>{crop}<a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            '<p:spPr><a:xfrm><a:off x="1000000" y="3000000"/><a:ext cx="3000000" cy="2000000"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def png_author_pptx(d: Path) -> Path:
    """A screenshot pasted into a slide; its PNG text chunks name the author and a file on an internal share."""
    slides = _briefing_slides()
    slides[1] = slides[1].replace("</p:spTree>", _pic("rIdP1") + "</p:spTree>")
    png = _png_with_text("Author", "Kelly Nwosu (Complaints Officer)")
    img = Image.open(io.BytesIO(png))
    from PIL.PngImagePlugin import PngInfo
    info = PngInfo()
    info.add_text("Author", "Kelly Nwosu (Complaints Officer)")
    info.add_text("Comment", r"\\ac-fs01\Complaints\2025\Stage2\Jordan Pike - case notes.png")
    buf = io.BytesIO()
    img.save(buf, "PNG", pnginfo=info)
    rel = f'<Relationship Id="rIdP1" Type="{OD_REL}/image" Target="../media/image1.png"/>'
    return _pptx(d / "png_author.pptx", slides, {1: rel}, {"ppt/media/image1.png": buf.getvalue()})


def cropped_image_pptx(d: Path) -> Path:
    """A screenshot cropped in PowerPoint: the cropped-away part (a list of names) is still in the file."""
    slides = _briefing_slides()
    crop = '<a:srcRect b="62000"/>'  # keep only the top 38% on the slide
    slides[1] = slides[1].replace("</p:spTree>", _pic("rIdP1", crop) + "</p:spTree>")
    png = _png_with_text(None, None, 400, 300)
    rel = f'<Relationship Id="rIdP1" Type="{OD_REL}/image" Target="../media/image1.png"/>'
    return _pptx(d / "cropped_image.pptx", slides, {1: rel}, {"ppt/media/image1.png": png})


def clean_photo_pptx(d: Path) -> Path:
    """A slide with an uncropped plain picture."""
    slides = _briefing_slides()
    slides[1] = slides[1].replace("</p:spTree>", _pic("rIdP1") + "</p:spTree>")
    rel = f'<Relationship Id="rIdP1" Type="{OD_REL}/image" Target="../media/image1.png"/>'
    return _pptx(d / "clean_photo.pptx", slides, {1: rel}, {"ppt/media/image1.png": _png_with_text(None, None)})


def covered_text_pptx(d: Path) -> Path:
    """A text box naming a victim covered by a white rectangle placed on top of it."""
    slides = _briefing_slides()
    victim = _sp(7, "Victim: Ms Harriet Quill, 31 Larch Drive AT2 5RL", 4000000)
    cover = ('<p:sp><p:nvSpPr><p:cNvPr id="20" name="Rectangle 19"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
             '<a:xfrm><a:off x="400000" y="3900000"/><a:ext cx="8300000" cy="800000"/></a:xfrm>'
             '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
             '<a:ln><a:noFill/></a:ln></p:spPr></p:sp>')
    slides[0] = slides[0].replace("</p:spTree>", victim + cover + "</p:spTree>")
    return _pptx(d / "covered_text.pptx", slides)


# ---------------------------------------------------------------------------------------------------
# OpenDocument (built by hand, as LibreOffice writes it)

OFFICE = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"')


def _ods(path: Path, rows: list[list[str]], sheet: str = "Sheet1") -> Path:
    def cell(v: str) -> str:
        if isinstance(v, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p>'
                    "</table:table-cell>")
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'

    ncols = max(len(r) for r in rows)
    body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {OFFICE}><office:body>'
               f'<office:spreadsheet><table:table table:name="{sheet}">'
               f'<table:table-column table:number-columns-repeated="{ncols}"/>{body}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    return _odf(path, "application/vnd.oasis.opendocument.spreadsheet", content)


def _odf(path: Path, mime: str, content: str) -> Path:
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    styles = f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {OFFICE}/>'
    meta = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {OFFICE}><office:meta>'
            "<meta:generator>LibreOffice/24.2.7.2$Linux_X86_64 LibreOffice_project/420$Build-2</meta:generator>"
            "<dc:title>Export</dc:title></office:meta></office:document-meta>")
    return _zip(path, {"mimetype": mime, "META-INF/manifest.xml": manifest, "content.xml": content,
                       "styles.xml": styles, "meta.xml": meta}, stored_first="mimetype")


def clean_budget_ods(d: Path) -> Path:
    rows = [["Service", "2024/25 budget (£k)", "Outturn (£k)"], ["Libraries", 1795, 1802], ["Parks", 2305, 2250],
            ["Leisure", 2990, 3011], ["Total", 7090, 7063]]
    return _ods(d / "clean_budget.ods", rows, "Budget")


def vehicle_regs_ods(d: Path) -> Path:
    """Parking appeals exported to LibreOffice: a column headed 'VRM' holding vehicle registrations."""
    rows = [["PCN", "Issued", "VRM", "Contravention", "Appeal outcome"],
            ["AT10234567", "04/01/2025", "LB19 XKT", "01 - restricted street", "Cancelled"],
            ["AT10234588", "06/01/2025", "YD68 PRN", "12 - residents' bay", "Rejected"],
            ["AT10234602", "09/01/2025", "WV21 HOA", "40 - disabled bay", "Rejected"],
            ["AT10234650", "11/01/2025", "N77 FGH", "01 - restricted street", "Cancelled"]]
    return _ods(d / "vehicle_regs.ods", rows, "Appeals")


def clean_odt(d: Path) -> Path:
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {OFFICE}><office:body><office:text>'
               "<text:h text:outline-level=\"1\">FOI response</text:h>"
               "<text:p>Thank you for your request received on 3 March 2025.</text:p>"
               "<text:p>The council spent 1,240,000 pounds on road resurfacing in 2024/25.</text:p>"
               "</office:text></office:body></office:document-content>")
    return _odf(d / "clean_letter.odt", "application/vnd.oasis.opendocument.text", content)


# ---------------------------------------------------------------------------------------------------
# PDF (written by hand, as Word, scanners and form tools write them)


def _pdf(objs: list[bytes], root: int = 1, info: int | None = None) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + o + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objs) + 1} /Root {root} 0 R".encode()
    if info:
        trailer += f" /Info {info} 0 R".encode()
    out.write(trailer + f" >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"


def _text_page_objs(lines: list[str], extra_ops: bytes = b"", annots: str = "") -> list[bytes]:
    ops = b"BT /F1 12 Tf 72 720 Td 16 TL\n"
    for ln in lines:
        ops += b"(" + ln.replace("(", r"\(").replace(")", r"\)").encode("latin-1") + b") Tj T*\n"
    ops += b"ET\n" + extra_ops
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
         f"/Contents 4 0 R {annots}>>").encode(),
        _stream(ops),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


LETTER_LINES = ["Freedom of Information Act 2000 - response", "Thank you for your request received on 3 March 2025.",
                "The number of potholes repaired in 2024/25 was 6,021.",
                "If you are unhappy with this response you may ask for an internal review."]


def _info(producer: str = "Microsoft\xae Word for Microsoft 365", author: str = "Information Governance") -> bytes:
    return f"<< /Producer ({producer}) /Creator (Microsoft Word) /Author ({author}) /Title (FOI response) >>".encode(
        "latin-1")


def clean_letter_pdf(d: Path) -> Path:
    objs = _text_page_objs(LETTER_LINES)
    objs.append(_info())
    (p := d / "clean_letter.pdf").write_bytes(_pdf(objs, info=6))
    return p


def clean_scanned_pdf(d: Path) -> Path:
    """A scanner's PDF: one JPEG page image, producer 'Canon iR-ADV', no text layer."""
    img = Image.new("L", (200, 260), 245)
    buf = io.BytesIO()
    img.save(buf, "JPEG")
    jpg = buf.getvalue()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        _stream(b"q 612 0 0 792 0 0 cm /Im0 Do Q"),
        _stream(jpg, "/Type /XObject /Subtype /Image /Width 200 /Height 260 /ColorSpace /DeviceGray "
                     "/BitsPerComponent 8 /Filter /DCTDecode "),
        b"<< /Producer (Canon iR-ADV C5535  PDF) /Creator (Canon iR-ADV C5535) >>",
    ]
    (p := d / "clean_scanned.pdf").write_bytes(_pdf(objs, info=6))
    return p


def black_box_pdf(d: Path) -> Path:
    """Word 'redaction': a black rectangle drawn over the name, the text still underneath."""
    lines = LETTER_LINES[:2] + ["The officer who attended was PC 3391 Karen Whitlock."] + LETTER_LINES[2:]
    box = b"0 0 0 rg 240 682 150 14 re f\n"
    objs = _text_page_objs(lines, box)
    objs.append(_info())
    (p := d / "black_box.pdf").write_bytes(_pdf(objs, info=6))
    return p


def form_field_pdf(d: Path) -> Path:
    """A filled application form flattened only on screen: the AcroForm field values keep the applicant."""
    objs = _text_page_objs(["Blue badge application - summary statistics", "Applications received: 1,204"],
                           annots="/Annots [6 0 R 7 0 R] ")
    objs.append(b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (ApplicantName) /V (Margaret Ellison) "
                b"/Rect [72 500 300 520] /P 3 0 R /F 4 >>")
    objs.append(b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (NINo) /V (JT 48 62 91 B) "
                b"/Rect [72 470 300 490] /P 3 0 R /F 6 >>")
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 7 0 R] >> >>"
    objs.append(_info())
    (p := d / "form_field.pdf").write_bytes(_pdf(objs, info=8))
    return p


def annotation_pdf(d: Path) -> Path:
    """A reviewer's sticky note on the response: names the requester's solicitor and their reason."""
    objs = _text_page_objs(LETTER_LINES, annots="/Annots [6 0 R] ")
    objs.append(b"<< /Type /Annot /Subtype /Text /Rect [500 700 520 720] /T (Legal Services) "
                b"/Contents (Requester is Tom Brannigan - suing us re his daughter's injury, see claim CL/2291) "
                b"/Open false >>")
    objs.append(_info())
    (p := d / "annotation.pdf").write_bytes(_pdf(objs, info=7))
    return p


def embedded_file_pdf(d: Path) -> Path:
    """A PDF carrying an attached CSV (the source data) in its EmbeddedFiles name tree."""
    csv = b"Name,DOB,Address\nLuke Farrow,12/07/1988,3 Pine Rd AT1 2XY\n"
    objs = _text_page_objs(LETTER_LINES)
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(source.csv) 6 0 R] >> >> >>"
    objs.append(b"<< /Type /Filespec /F (source.csv) /UF (source.csv) /EF << /F 7 0 R >> >>")
    objs.append(_stream(csv, "/Type /EmbeddedFile "))
    objs.append(_info())
    (p := d / "embedded_file.pdf").write_bytes(_pdf(objs, info=8))
    return p


def redact_annot_unapplied_pdf(d: Path) -> Path:
    """Marked for redaction in Acrobat but never applied: a Redact annotation over text still on the page."""
    lines = LETTER_LINES[:2] + ["The complainant, Mr Ibrahim Sesay, lives at 40 Cedar Row AT3 7JD."] + LETTER_LINES[2:]
    objs = _text_page_objs(lines, annots="/Annots [6 0 R] ")
    objs.append(b"<< /Type /Annot /Subtype /Redact /Rect [72 680 520 700] /QuadPoints [72 700 520 700 72 680 520 680] "
                b"/IC [0 0 0] /OverlayText (REDACTED) >>")
    objs.append(_info("Adobe Acrobat Pro (64-bit) 24.1.20643", "Information Governance"))
    (p := d / "redact_annot_unapplied.pdf").write_bytes(_pdf(objs, info=7))
    return p


# ---------------------------------------------------------------------------------------------------
# the probe: file, expected colour (blind), what an officer expects to hear

BUILDERS = [
    # clean (false-alarm probes)
    (clean_case_export_xlsx, "green", "nothing: received dates are not dates of birth", None),
    (clean_stats_table_xlsx, "green", "nothing: no count is 1-4", None),
    (clean_chart_xlsx, "green", "nothing: chart drawn from the visible table", None),
    (clean_policy_dates_xlsx, "green", "nothing: adoption dates span decades but are not dates of birth", None),
    (clean_spend_csv, "green", "nothing: companies and transaction numbers", None),
    (clean_notes_csv, "green", "nothing: notes are procedural", None),
    (clean_letter_docx, "green", "nothing", None),
    (clean_two_sections_docx, "green", "nothing: headers are plain titles", None),
    (clean_photo_docx, "green", "nothing: photo without GPS or author", None),
    (clean_briefing_pptx, "green", "nothing", None),
    (clean_photo_pptx, "green", "nothing: picture uncropped, no metadata", None),
    (clean_budget_ods, "green", "nothing", None),
    (clean_odt, "green", "nothing", None),
    (clean_letter_pdf, "green", "nothing", None),
    (clean_scanned_pdf, "green", "nothing hidden (an image-only file is amber by design since tryout 9: "
     "nothing in it is read)", None),
    # leaks
    (dob_values_hidden_sheet_xlsx, "red", "hidden sheet, and its values look like dates of birth",
     'hidden_sheet.*birth|birth'),
    (dob_values_visible_xlsx, "amber", "a column of dates of birth (values, no telling heading)", 'birth'),
    (ni_numbers_xlsx, "amber", "National Insurance numbers", 'ni_number|national insurance'),
    (emails_in_notes_xlsx, "amber", "email address in the notes column", 'email'),
    (pivot_cache_names_xlsx, "red", "pivot cache keeps names", 'pivot'),
    (named_range_array_xlsx, "amber", "named range holding a list of names", 'defined_name|named|name'),
    (zero_width_column_xlsx, "red", "column C squeezed to zero width holds names", 'hidden_col'),
    (grouped_collapsed_rows_xlsx, "red", "collapsed (hidden) rows hold officers' names", 'hidden_row'),
    (zero_height_rows_xlsx, "red", "zero-height rows hold residents' names and phones", 'hidden_row'),
    (chart_very_hidden_xlsx, "red", "very hidden sheet feeding a chart (names in the chart cache)",
     'very_hidden|chart'),
    (custom_property_xlsx, "amber", "custom property names the requester and address", 'Requester'),
    (small_counts_differencing_xlsx, "amber", "small counts; suppressed cell recoverable from totals",
     'suppressed_recoverable'),
    (nhs_spaces_csv, "amber", "NHS numbers written with spaces", 'nhs'),
    (addresses_csv, "amber", "full addresses with postcodes", 'postcode|address'),
    (intl_phones_csv, "amber", "phone numbers in international form", 'phone'),
    (small_counts_csv, "amber", "small counts 1-4 with totals", 'small_count'),
    (highlight_redaction_docx, "red", "black highlight over black text: failed redaction",
     'highlight|redact|black|shad'),
    (shaded_redaction_docx, "red", "black shading over text: failed redaction", 'highlight|redact|black|shad'),
    (comment_reply_docx, "red", "comment thread, the reply names a neighbour and address", 'comment'),
    (company_app_docx, "amber", "app.xml Company/Manager name a firm and a person", 'Hollis'),
    (header_second_section_docx, "amber", "second section header carries email and phone", 'email|phone'),
    (exif_gps_docx, "amber", "embedded photo keeps GPS position and the photographer", 'gps|exif|location|Rennie'),
    (internal_link_docx, "amber", "hyperlink to an internal HR share naming a person", 'link|share|ac-fs01'),
    (png_author_pptx, "amber", "PNG text chunks name the author and an internal path", 'Nwosu|ac-fs01|text chunk'),
    (cropped_image_pptx, "amber", "cropped picture keeps the cropped-away part", 'crop'),
    (covered_text_pptx, "red", "text box covered by a white rectangle (victim's name and address)",
     'cover|obscur|behind|overlap'),
    (vehicle_regs_ods, "amber", "vehicle registrations", 'vehicle'),
    (black_box_pdf, "red", "text under a black box", 'under_box|redact'),
    (form_field_pdf, "red", "form field values keep the applicant's name and NI number",
     'form|field|Ellison|ni_number'),
    (annotation_pdf, "amber", "sticky-note annotation naming the requester", 'annot'),
    (embedded_file_pdf, "red", "embedded file with personal data", 'attach|embedded'),
    (redact_annot_unapplied_pdf, "red", "redaction marked but never applied", 'redact'),
]


def build_all(d: Path) -> list[tuple[Path, str, str, str | None]]:
    d.mkdir(parents=True, exist_ok=True)
    return [(b(d), exp, why, want) for b, exp, why, want in BUILDERS]


def run_check(paths: list[Path]) -> dict:
    exe = ROOT / ".venv" / "bin" / "foibot"
    out = subprocess.run([str(exe), "release-check", *map(str, paths), "--json"], capture_output=True, text=True,
                         cwd=ROOT)
    return json.loads(out.stdout)


RANK = {"green": 0, "info": 0, "amber": 1, "red": 2}


def _classify(expected: str, report: dict, want: str | None) -> str:
    """ok-clean / FALSE ALARM for clean files; caught / weak / MISSED for leaks.

    A leak is caught only when a finding about the hidden thing itself (id or message matching `want`) is at
    least as severe as expected; noise (properties, images) does not count.
    """
    import re

    got = report["overall"]
    if expected == "green":
        return "ok-clean" if got == "green" else "FALSE ALARM"
    hits = [f for f in report["findings"] if re.search(want, f["id"] + " " + f["message"], re.I)]
    if not hits:
        return "MISSED"
    best = max(RANK.get(f["severity"], 0) for f in hits)
    if best >= RANK[expected]:
        return "caught"
    return f"weak ({'/'.join(sorted({f['severity'] for f in hits}))}, expected {expected})"


# ---------------------------------------------------------------------------------------------------
# the line held: each fix, with the same file without the hidden thing

from foibot.release import check_file  # noqa: E402
from foibot.release.findings import Severity  # noqa: E402
from foibot.release.images import image_metadata  # noqa: E402

RED, AMBER, INFO = Severity.RED, Severity.AMBER, Severity.INFO


def _one(report, fid: str):
    found = report.by_id(fid)
    assert len(found) == 1, (fid, [(f.id, f.message) for f in report.findings])
    return found[0]


def _green(report) -> None:
    assert report.overall.value == "green", [(f.id, f.severity.value, f.message) for f in report.findings]


def test_every_blind_file_now_meets_the_officers_expectation(tmp_path):
    """The whole probe: every leak caught at the expected severity, every clean file green (bar the three with a
    picture, amber by design: foibot cannot look at a picture, so it asks for a look by eye; the scanned PDF joined
    them after tryout 9, since nothing in it is read)."""
    built = build_all(tmp_path)
    verdicts = {}
    for path, expected, _why, want in built:
        report = json.loads(check_file(path).to_json())
        verdicts[path.name] = _classify(expected, report, want)
    by_design = {"clean_photo.docx", "clean_photo.pptx", "clean_scanned.pdf"}
    wrong = {k: v for k, v in verdicts.items() if v not in ("caught", "ok-clean") and k not in by_design}
    assert not wrong, wrong
    assert all(verdicts[k] == "FALSE ALARM" for k in by_design)


# --- properties: amber only when one names someone ---------------------------------------------------------------


def _book_with(tmp_path: Path, name: str, creator: str, manager: str | None = None) -> Path:
    wb = _case_book()
    wb.properties.creator = creator
    wb.save(p := tmp_path / name)
    if manager:
        _rewrite_zip(p, {"docProps/app.xml": lambda s: s.replace(
            "</Properties>", f"<Manager/><Manager>{manager}</Manager></Properties>")})
    return p


def test_properties_of_a_team_or_a_program_are_info_and_the_file_is_green(tmp_path):
    for creator in ("Information Governance", "openpyxl", "CaseSys Export", "Microsoft Office User"):
        report = check_file(_book_with(tmp_path, "team.xlsx", creator))
        props = _one(report, "ooxml.properties")
        assert props.severity is INFO and props.where.part == "docProps" and creator in props.message
        _green(report)


def test_properties_that_name_a_person_or_a_login_are_amber(tmp_path):
    for creator in ("Karen Whitlock", "Whitlock, Karen", "kwhitlock", "PC 3391 Whitlock"):
        props = _one(check_file(_book_with(tmp_path, "person.xlsx", creator)), "ooxml.properties")
        assert props.severity is AMBER and props.where.part == "docProps", creator
        # the name is quoted masked (round 10): "K**** W*******", "W********* K****", "k********", "PC 3391 W*******"
        assert any(creator[:1] in e and creator not in e for e in props.examples), creator
        assert not any(creator in e for e in (props.message, *props.examples)), creator
    # a second, filled Manager element after an empty one is read too
    props = _one(check_file(_book_with(tmp_path, "m.xlsx", "openpyxl", manager="Derek Hollis")), "ooxml.properties")
    assert props.severity is AMBER and "manager: D**** H*****" in props.examples


def test_custom_property_naming_the_requester_is_amber_and_without_it_green(tmp_path):
    props = _one(check_file(custom_property_xlsx(tmp_path)), "ooxml.properties")
    assert props.severity is AMBER and props.where.part == "docProps"
    assert any("G****** T********" in e for e in props.examples)  # masked (round 10)
    assert any("AT4 ***" in e for e in props.examples) and "9QZ" not in props.message
    _green(check_file(clean_case_export_xlsx(tmp_path)))


def test_pdf_author_and_odf_creator_follow_the_same_rule(tmp_path):
    person = _text_page_objs(LETTER_LINES) + [_info(author="Karen Whitlock")]
    (p := tmp_path / "person.pdf").write_bytes(_pdf(person, info=6))
    meta = _one(check_file(p), "pdf.metadata")
    assert meta.severity is AMBER and meta.where.part == "Info" and "Author: K**** W*******" in meta.examples
    _green(check_file(clean_letter_pdf(tmp_path)))
    scan = check_file(clean_scanned_pdf(tmp_path))  # the scanner's name is no one's: only the unread page counts
    assert [(f.id, f.severity) for f in scan.findings] == [("pdf.metadata", INFO), ("pdf.image_pages", AMBER)]
    _green(check_file(clean_budget_ods(tmp_path)))
    _green(check_file(clean_odt(tmp_path)))


def test_a_page_preview_alone_is_info(tmp_path):
    report = check_file(clean_letter_docx(tmp_path))
    images = _one(report, "ooxml.images")
    assert images.severity is INFO and images.where.part == "docProps/thumbnail.jpeg"
    _green(report)


# --- pictures: metadata and crops ------------------------------------------------------------------------------------


def test_photo_with_gps_and_author_is_amber_and_a_plain_photo_has_no_metadata_finding(tmp_path):
    meta = _one(check_file(exif_gps_docx(tmp_path)), "ooxml.image_metadata")
    assert meta.severity is AMBER and meta.where.part == "word/media/image1.jpg"
    assert "GPS position" in meta.message and "Sgt P*** R*****" in meta.message
    plain = check_file(clean_photo_docx(tmp_path))
    assert "ooxml.image_metadata" not in plain.ids
    assert {f.id for f in plain.findings if f.severity is not INFO} == {"ooxml.images"}  # look by eye: by design


def test_png_text_chunks_are_read(tmp_path):
    meta = _one(check_file(png_author_pptx(tmp_path)), "ooxml.image_metadata")
    assert meta.severity is AMBER and meta.where.part == "ppt/media/image1.png"
    assert "Kelly Nwosu" in meta.message and "ac-fs01" in meta.message
    assert "ooxml.image_metadata" not in check_file(clean_photo_pptx(tmp_path)).ids


def test_picture_cropped_on_the_slide_is_amber_and_uncropped_is_not(tmp_path):
    crop = _one(check_file(cropped_image_pptx(tmp_path)), "ooxml.cropped_image")
    assert crop.severity is AMBER and crop.where.part == "ppt/slides/slide2.xml"
    assert "ooxml.cropped_image" not in check_file(clean_photo_pptx(tmp_path)).ids


def test_image_metadata_reader_survives_hostile_pictures():
    good = _jpeg_with_exif()
    assert "a GPS position (where the photo was taken)" in image_metadata(good)
    i = good.index(b"Exif\0\0")
    for bad in (good[: i + 20], good[:i + 6] + b"MM\0*\xff\xff\xff\xff" + good[i + 14:], b"\xff\xd8\xff\xe1\xff",
                b"\x89PNG\r\n\x1a\n\0\0\0\x10zTXtAuthor\0\0garbage", b"\x89PNG\r\n\x1a\n\xff\xff\xff\xffiTXt",
                b"GIF89a", b""):
        assert isinstance(image_metadata(bad), list)


def test_hostile_picture_in_a_document_gives_a_report_not_a_traceback(tmp_path):
    p = clean_photo_docx(tmp_path)
    _rewrite_zip(p, {"word/media/image1.jpeg": b"\xff\xd8\xff\xe1\x00\x10Exif\0\0II*\0\xff\xff\xff\x7f\xff\xd9"})
    report = check_file(p)
    assert report.overall.value == "amber" and "file.uninspectable" not in report.ids


# --- Word: internal links and black-on-black "redaction" ------------------------------------------------------------


def test_link_to_an_internal_share_is_amber_and_a_web_link_is_not(tmp_path):
    link = _one(check_file(internal_link_docx(tmp_path)), "ooxml.internal_link")
    assert link.severity is AMBER and link.where.part == "word/document.xml" and "ac-fs01" in link.message
    doc = _letter()
    rid = doc.part.relate_to("https://www.gov.uk/make-a-freedom-of-information-request",
                             "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                             is_external=True)
    assert rid
    doc.save(p := tmp_path / "web_link.docx")
    _green(check_file(p))


def test_black_highlight_or_shading_over_black_text_is_red(tmp_path):
    for build in (highlight_redaction_docx, shaded_redaction_docx):
        blk = _one(check_file(build(tmp_path)), "docx.blacked_out")
        assert blk.severity is RED and blk.where.part == "word/document.xml"
        assert blk.count == 1
    _green(check_file(clean_letter_docx(tmp_path)))


def _run_look(tmp_path: Path, colour: RGBColor | None, highlight: str | None) -> Path:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = _letter(["The officer who attended was "])
    run = doc.paragraphs[-1].add_run("Sergeant on duty")
    if colour is not None:
        run.font.color.rgb = colour
    if highlight:
        hl = OxmlElement("w:highlight")
        hl.set(qn("w:val"), highlight)
        run._r.get_or_add_rPr().append(hl)
    doc.save(p := tmp_path / "look.docx")
    return p


def test_readable_highlights_are_not_called_redactions(tmp_path):
    # automatic colour turns white on a black highlight (readable); black on yellow is an ordinary highlight
    for colour, highlight in ((None, "black"), (RGBColor(0, 0, 0), "yellow"), (RGBColor(0xFF, 0xFF, 0xFF), "black"),
                              (RGBColor(0, 0, 0), None)):
        _green(check_file(_run_look(tmp_path, colour, highlight)))
    assert "docx.blacked_out" in check_file(_run_look(tmp_path, RGBColor(0x10, 0x10, 0x10), "darkBlue")).ids


def test_clean_copy_removes_blacked_out_words(tmp_path):
    from foibot.release.clean import clean_copy

    made = clean_copy(highlight_redaction_docx(tmp_path), tmp_path / "out")
    cleaned = next(p for p in made.paths if str(p).endswith(".docx"))
    text = zipfile.ZipFile(cleaned).read("word/document.xml").decode()
    assert "Whitlock" not in text and "call was logged" in text
    assert "docx.blacked_out" not in check_file(cleaned).ids


# --- spreadsheets: dates of birth by value, typed-in name lists -----------------------------------------------------


def test_dates_of_birth_by_value_are_amber_and_other_old_dates_are_not(tmp_path):
    dob = _one(check_file(dob_values_visible_xlsx(tmp_path)), "personal.dob_values")
    assert dob.severity is AMBER and dob.where.sheet == "Export" and dob.where.column == "C"
    assert "'Field 7'" in dob.message and dob.count == 25
    _green(check_file(clean_case_export_xlsx(tmp_path)))
    _green(check_file(clean_policy_dates_xlsx(tmp_path)))


def test_dates_of_birth_on_a_hidden_sheet_are_red(tmp_path):
    report = check_file(dob_values_hidden_sheet_xlsx(tmp_path))
    dob = _one(report, "personal.dob_values")
    assert dob.severity is RED and dob.where.sheet == "Sheet2" and dob.where.column == "B"
    assert "in hidden places" in dob.message


def test_dates_of_birth_in_a_csv_by_value(tmp_path):
    rows = ["Ref,Opened,Field 3"] + [f"ASB-{i},0{1 + i % 9}/03/2025,{1 + (i * 3) % 28:02d}/{1 + i % 12:02d}/"
                                     f"{1950 + i * 4}" for i in range(12)]
    (p := tmp_path / "dob.csv").write_text("\n".join(rows) + "\n")
    dob = _one(check_file(p), "personal.dob_values")
    assert dob.severity is AMBER and dob.where.column == "C"
    (q := tmp_path / "opened.csv").write_text("\n".join(r.rsplit(",", 1)[0] for r in rows) + "\n")
    _green(check_file(q))


def test_defined_name_holding_a_typed_list_of_names_is_amber(tmp_path):
    name = _one(check_file(named_range_array_xlsx(tmp_path)), "xlsx.defined_name")
    assert name.severity is AMBER and "typed-in list of 3 text values" in name.message
    assert name.where.range.startswith('{"Ruth')
    _green(check_file(clean_case_export_xlsx(tmp_path)))


# --- statistics: suppressed cells the totals give back ---------------------------------------------------------------


def _suppressed_book(tmp_path: Path, secondary: bool) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Exclusions"
    ws.append(["School", "White British", "Mixed", "Asian", "Black", "Total"])
    ws.append(["Northgate Academy", 31, "*" if secondary else 12, "*", 9, 55])
    ws.append(["St Anne's CE", 14, "*" if secondary else 10, "*" if secondary else 6, 15, 45])
    ws.append(["Riverside High", 22, 5, 9, 11, 47])
    ws.append(["Total", 67, 27, 18, 35, 147])
    wb.save(p := tmp_path / f"supp{int(secondary)}.xlsx")
    return p


def test_a_suppressed_cell_the_totals_give_back_is_amber(tmp_path):
    back = _one(check_file(_suppressed_book(tmp_path, secondary=False)), "data.suppressed_recoverable")
    assert back.severity is AMBER and back.where.sheet == "Exclusions" and back.where.cell == "D2"
    report = check_file(_suppressed_book(tmp_path, secondary=True))  # secondary suppression: nothing to subtract
    _green(report)
    csv_back = _one(check_file(small_counts_differencing_xlsx(tmp_path)), "data.suppressed_recoverable")
    assert csv_back.where.cell == "D2"
    (p := tmp_path / "t.csv").write_text("Area,A,B,Total\nNorth,40,*,52\nSouth,33,21,54\nTotal,73,33,106\n")
    assert _one(check_file(p), "data.suppressed_recoverable").where.cell == "C2"
    (q := tmp_path / "u.csv").write_text("Area,A,B,Total\nNorth,40,12,52\nSouth,33,21,54\nTotal,73,33,106\n")
    _green(check_file(q))


# --- PowerPoint: text under a cover ---------------------------------------------------------------------------------


def _covered_deck(tmp_path: Path, cover_on_top: bool) -> Path:
    slides = _briefing_slides()
    note = _sp(7, "Draft figures - not agreed with the Cabinet Member", 4000000)
    cover = ('<p:sp><p:nvSpPr><p:cNvPr id="20" name="Rectangle 19"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
             '<a:xfrm><a:off x="400000" y="3900000"/><a:ext cx="8300000" cy="800000"/></a:xfrm>'
             '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
             "</p:spPr></p:sp>")
    shapes = note + cover if cover_on_top else cover + note
    slides[0] = slides[0].replace("</p:spTree>", shapes + "</p:spTree>")
    return _pptx(tmp_path / f"cover{int(cover_on_top)}.pptx", slides)


def test_text_under_an_opaque_shape_is_red_and_text_on_a_shape_is_not(tmp_path):
    hid = _one(check_file(_covered_deck(tmp_path, True)), "pptx.hidden_shape")
    assert hid.severity is RED and hid.where.slide == 1 and "covered" in hid.message
    _green(check_file(_covered_deck(tmp_path, False)))
    # a see-through cover hides nothing
    p = _covered_deck(tmp_path, True)
    _rewrite_zip(p, {"ppt/slides/slide1.xml": lambda s: s.replace(
        '<a:srgbClr val="FFFFFF"/>', '<a:srgbClr val="FFFFFF"><a:alpha val="30000"/></a:srgbClr>')})
    _green(check_file(p))


# --- PDF: form values ------------------------------------------------------------------------------------------------


def _form(tmp_path: Path, flags: int, value: str) -> Path:
    objs = _text_page_objs(["Blue badge application - summary statistics"], annots="/Annots [6 0 R] ")
    objs.append(f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (NINo) /V ({value}) /Rect [72 470 300 490] "
                f"/P 3 0 R /F {flags} >>".encode())
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> >>"
    (p := tmp_path / f"form{flags}{len(value)}.pdf").write_bytes(_pdf(objs))
    return p


def test_hidden_form_value_is_red_shown_one_amber_empty_one_nothing(tmp_path):
    hidden = check_file(_form(tmp_path, 6, "JT 48 62 91 B"))
    ff = _one(hidden, "pdf.form_fields")
    assert ff.severity is RED and ff.where.part == "AcroForm" and "not shown on the page" in ff.message
    assert _one(hidden, "personal.ni_number").severity is RED
    shown = _one(check_file(_form(tmp_path, 4, "Approved")), "pdf.form_fields")
    assert shown.severity is AMBER
    assert "pdf.form_fields" not in check_file(_form(tmp_path, 4, "")).ids


def test_hostile_form_structures_give_a_report(tmp_path):
    objs = _text_page_objs(["x"])
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 7 0 R] >> >>"
    objs.append(b"<< /T (Loop) /Kids [6 0 R] /V (a) >>")  # a field that is its own kid
    objs.append(b"<< /T (Bad) /F (notanumber) /V (b) >>")
    (p := tmp_path / "hostile_form.pdf").write_bytes(_pdf(objs))
    report = check_file(p)
    assert "file.uninspectable" not in report.ids and report.overall.value != "green"


def test_sticky_note_words_are_scanned(tmp_path):
    objs = _text_page_objs(LETTER_LINES, annots="/Annots [6 0 R] ")
    objs.append(b"<< /Type /Annot /Subtype /Text /Rect [500 700 520 720] /Contents (ring him on 07700 900614) >>")
    (p := tmp_path / "note.pdf").write_bytes(_pdf(objs))
    phone = _one(check_file(p), "personal.phone")
    assert "annotation" in phone.message


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        built = build_all(Path(tmp))
        res = run_check([p for p, *_ in built])
        by = {r["name"]: r for r in res["reports"]}
        for p, exp, why, want in built:
            r = by[p.name]
            got = r["overall"]
            print(f"{p.name:34} exp={exp:6} got={got:6} {_classify(exp, r, want):32} | {why}")
            if "-v" in sys.argv:
                for f in r["findings"]:
                    print(f"      {f.get('severity')}: {f.get('id')} @ {f.get('location')} :: "
                          f"{str(f.get('message') or f.get('title'))[:110]}")
