"""Release check of what is drawn on a sheet or kept beside its cells: text boxes, chart caches, drop-down lists."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation
from test_release_fixtures import CT, ODR, RELS, rewrite_zip, zip_text

from foibot.release import Severity, check_file
from foibot.release.findings import Overall

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def book(*, staff_hidden: bool = True, validations: list[DataValidation] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws.append(["Area", "Incidents"])
    for area, n in (("North", 120), ("South", 98), ("East", 143), ("West", 77)):
        ws.append([area, n])
    for dv in validations or []:
        ws.add_data_validation(dv)
        dv.add("C2:C5")
    staff = wb.create_sheet("Staff")
    staff.append(["Item"])
    for name in ("Alice Jones", "Bob Brown"):
        staff.append([name])
    if staff_hidden:
        staff.sheet_state = "hidden"
    wb.properties.creator = None
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def text_box(text: str, hidden: bool = False) -> str:
    hid = ' hidden="1"' if hidden else ""
    return (f'<xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>'
            f'<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff>'
            f'<xdr:row>4</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro="" textlink="">'
            f'<xdr:nvSpPr><xdr:cNvPr id="2" name="TextBox 1"{hid}/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>'
            f'<xdr:spPr/><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></xdr:txBody></xdr:sp>'
            f'<xdr:clientData/></xdr:twoCellAnchor>')


CHART_FRAME = ('<xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row>'
               '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff>'
               '<xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro="">'
               '<xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="Chart 1"/><xdr:cNvGraphicFramePr/>'
               '</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
               f'<a:graphicData uri="{C}"><c:chart xmlns:c="{C}" r:id="rIdC1"/></a:graphicData></a:graphic>'
               '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>')


def chart_xml(cat: str, val: str, cached: bool = True) -> str:
    cats = ('<c:strCache><c:ptCount c:val="2"/><c:pt idx="0"><c:v>Alice Jones</c:v></c:pt><c:pt idx="1">'
            '<c:v>Bob Brown</c:v></c:pt></c:strCache>') if cached else ""
    vals = ('<c:numCache><c:formatCode>General</c:formatCode><c:ptCount c:val="2"/><c:pt idx="0"><c:v>3</c:v>'
            '</c:pt><c:pt idx="1"><c:v>5</c:v></c:pt></c:numCache>') if cached else ""
    return (f'{HEAD}<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{ODR}"><c:chart><c:plotArea><c:barChart>'
            '<c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/>'
            f'<c:cat><c:strRef><c:f>{cat}</c:f>{cats}</c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>{val}</c:f>{vals}</c:numRef></c:val></c:ser>'
            '<c:axId val="1"/><c:axId val="2"/></c:barChart></c:plotArea><c:plotVisOnly val="1"/></c:chart>'
            '</c:chartSpace>')


def with_drawing(raw: bytes, anchors: str, chart: str | None = None) -> bytes:
    """Attach a drawing (and optionally one chart) to the first sheet."""
    drawing = f'{HEAD}<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}" xmlns:r="{ODR}">{anchors}</xdr:wsDr>'
    with_parts = {"xl/drawings/drawing1.xml": drawing.encode(),
                  "xl/worksheets/_rels/sheet1.xml.rels": (
                      f'{HEAD}<Relationships xmlns="{RELS}"><Relationship Id="rIdD1" Type="{ODR}/drawing" '
                      'Target="../drawings/drawing1.xml"/></Relationships>').encode()}
    if chart is not None:
        with_parts["xl/charts/chart1.xml"] = chart.encode()
        with_parts["xl/drawings/_rels/drawing1.xml.rels"] = (
            f'{HEAD}<Relationships xmlns="{RELS}"><Relationship Id="rIdC1" Type="{ODR}/chart" '
            'Target="../charts/chart1.xml"/></Relationships>').encode()
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        types = z.read("[Content_Types].xml").decode()
    sheet = sheet.replace("</worksheet>", f'<drawing xmlns:r="{ODR}" r:id="rIdD1"/></worksheet>')
    types = types.replace("</Types>", '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/'
                                      'vnd.openxmlformats-officedocument.drawing+xml"/>'
                                      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/'
                                      'vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>')
    return rewrite_zip(raw, {"xl/worksheets/sheet1.xml": sheet.encode(), "[Content_Types].xml": types.encode()},
                       with_parts)


def only(report, fid):
    assert report.ids - {"xlsx.hidden_sheet"} == {fid}, report.findings
    return report.by_id(fid)[0]


def test_the_base_workbook_has_only_its_hidden_sheet():
    assert check_file(book(), "b.xlsx").ids == {"xlsx.hidden_sheet"}
    assert check_file(book(staff_hidden=False), "b.xlsx").findings == []


def test_text_box_on_a_sheet_is_amber_and_hidden_one_red():
    raw = book(staff_hidden=False)
    f = only(check_file(with_drawing(raw, text_box("Figures checked by Dave")), "t.xlsx"), "xlsx.drawing_text")
    assert (f.severity, f.where.sheet, f.where.part) == (Severity.AMBER, "Summary", "xl/drawings/drawing1.xml")
    assert "Figures checked by Dave" in f.message
    report = check_file(with_drawing(raw, text_box("Call Jane on 07700 900123", hidden=True)), "t.xlsx")
    assert report.ids == {"xlsx.drawing_text", "personal.phone"}
    assert report.by_id("xlsx.drawing_text")[0].severity is Severity.RED
    assert report.by_id("personal.phone")[0].severity is Severity.RED  # in a hidden place


def test_chart_of_visible_data_is_not_an_alarm():
    raw = book(staff_hidden=False)
    chart = chart_xml("Summary!$A$2:$A$3", "Summary!$B$2:$B$3")
    assert check_file(with_drawing(raw, CHART_FRAME, chart), "c.xlsx").findings == []


def test_chart_drawn_from_a_hidden_sheet_keeps_its_data():
    chart = chart_xml("Staff!$A$2:$A$3", "Staff!$B$2:$B$3")
    f = only(check_file(with_drawing(book(), CHART_FRAME, chart), "c.xlsx"), "xlsx.chart_cache")
    assert (f.severity, f.where.sheet, f.where.part, f.count) == (Severity.RED, "Summary", "xl/charts/chart1.xml", 4)
    assert "hidden sheet 'Staff'" in f.message and "Alice Jones" in f.examples


def test_chart_whose_source_was_deleted_or_hidden_rows():
    gone = chart_xml("Summary!$A$40:$A$41", "Summary!$B$40:$B$41")
    f = only(check_file(with_drawing(book(staff_hidden=False), CHART_FRAME, gone), "c.xlsx"), "xlsx.chart_cache")
    assert "now empty" in f.message and f.severity is Severity.RED
    ref = chart_xml("#REF!", "Summary!#REF!")
    f = only(check_file(with_drawing(book(staff_hidden=False), CHART_FRAME, ref), "c.xlsx"), "xlsx.chart_cache")
    assert "deleted data" in f.message
    wb = load_workbook(io.BytesIO(book(staff_hidden=False)))
    wb["Summary"].row_dimensions[3].hidden = True
    wb.properties.creator = None
    buf = io.BytesIO()
    wb.save(buf)
    rows = chart_xml("Summary!$A$2:$A$3", "Summary!$B$2:$B$3")
    report = check_file(with_drawing(buf.getvalue(), CHART_FRAME, rows), "c.xlsx")
    assert report.ids == {"xlsx.hidden_rows", "xlsx.chart_cache"}
    assert "hidden rows 3 of 'Summary'" in report.by_id("xlsx.chart_cache")[0].message


def test_chart_with_no_cache_or_broken_xml():
    bare = chart_xml("Staff!$A$2:$A$3", "Staff!$B$2:$B$3", cached=False)
    f = only(check_file(with_drawing(book(), CHART_FRAME, bare), "c.xlsx"), "xlsx.chart_cache")
    assert f.severity is Severity.AMBER and f.count == 0
    report = check_file(with_drawing(book(), CHART_FRAME + text_box("note"), "<c:chartSpace><broken"), "c.xlsx")
    assert report.ids == {"xlsx.hidden_sheet", "file.malformed", "xlsx.drawing_text"}
    assert report.by_id("file.malformed")[0].where.part == "xl/charts/chart1.xml"
    assert not report.inspected and report.overall is Overall.RED


def test_drop_down_lists():
    plain = DataValidation(type="list", formula1='"Yes,No,Not known"')
    assert check_file(book(staff_hidden=False, validations=[plain]), "v.xlsx").findings == []
    names = DataValidation(type="list", formula1='"Alice Jones,Bob Brown,Carol White"')
    f = only(check_file(book(staff_hidden=False, validations=[names]), "v.xlsx"), "xlsx.validation_list")
    assert (f.severity, f.where.sheet, f.where.range) == (Severity.AMBER, "Summary", "C2:C5")
    assert f.examples == ("Alice Jones", "Bob Brown", "Carol White")
    hidden = DataValidation(type="list", formula1="Staff!$A$2:$A$3")
    f = only(check_file(book(validations=[hidden]), "v.xlsx"), "xlsx.validation_list")
    assert "hidden sheet 'Staff'" in f.message and f.where.range == "C2:C5"
    visible = DataValidation(type="list", formula1="Staff!$A$2:$A$3")
    assert check_file(book(staff_hidden=False, validations=[visible]), "v.xlsx").findings == []


def test_drop_down_list_through_a_defined_name_and_with_an_email_in_its_message():
    from openpyxl.workbook.defined_name import DefinedName

    wb = load_workbook(io.BytesIO(book()))
    wb.defined_names["People"] = DefinedName("People", attr_text="Staff!$A$2:$A$3")
    dv = DataValidation(type="list", formula1="People", prompt="Ask j.smith@example.org if unsure")
    wb["Summary"].add_data_validation(dv)
    dv.add("D2")
    buf = io.BytesIO()
    wb.save(buf)
    report = check_file(buf.getvalue(), "v.xlsx")
    assert {"xlsx.validation_list", "personal.email"} <= report.ids
    assert "hidden sheet 'Staff'" in report.by_id("xlsx.validation_list")[0].message
    assert b"x14" not in zip_text(buf.getvalue())  # openpyxl writes the classic form; x14 is read the same way


def test_excel_2010_cross_sheet_validation():
    raw = book()
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    ext = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
           'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:dataValidations xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" count="1">'
           '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Staff!$A$2:$A$3</xm:f>'
           '</x14:formula1><xm:sqref>E2:E9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>')
    sheet = sheet.replace("</worksheet>", ext + "</worksheet>")
    f = only(check_file(rewrite_zip(raw, {"xl/worksheets/sheet1.xml": sheet.encode()}), "v.xlsx"),
             "xlsx.validation_list")
    assert f.where.range == "E2:E9" and "hidden sheet 'Staff'" in f.message
    assert CT  # the shared content-type prefix is importable for other builders
