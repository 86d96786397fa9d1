"""PowerPoint, round 2: grouped shapes, text on the masters and layouts the slides use, alt text, the data charts keep
(cache and embedded workbook, checked in turn) and custom shows; the clean copy removes what is hidden among them."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook
from test_release_fixtures import rewrite_zip, write, zip_text
from test_release_pptx import HEAD, A, P, R, pptx_bytes, rels, shape, slide_xml
from test_release_pptx_clean import assert_valid_package

from foibot.release import Severity, check_file, clean_copy
from foibot.release.findings import Overall
from foibot.release.personal import mask_words

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CT = "application/vnd.openxmlformats-officedocument"


def group(*shapes: str, sid: int = 20) -> str:
    return (f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{sid}" name="Group {sid}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="100000" y="100000"/><a:ext cx="4000000" cy="2000000"/><a:chOff x="0" '
            f'y="0"/><a:chExt cx="4000000" cy="2000000"/></a:xfrm></p:grpSpPr>{"".join(shapes)}</p:grpSp>')


def picture(sid: int, descr: str) -> str:
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{sid}" name="Picture {sid}" descr="{descr}"/><p:cNvPicPr/><p:nvPr/>'
            '</p:nvPicPr><p:blipFill/><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></a:xfrm>'
            '</p:spPr></p:pic>')


def chart_frame(rid: str) -> str:
    return ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="30" name="Chart 1"/><p:cNvGraphicFramePr/><p:nvPr/>'
            '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></p:xfrm><a:graphic>'
            f'<a:graphicData uri="{C}"><c:chart xmlns:c="{C}" r:id="{rid}"/></a:graphicData></a:graphic>'
            '</p:graphicFrame>')


CHART = (f'{HEAD}<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{R}"><c:chart><c:plotArea><c:barChart><c:ser>'
         '<c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Incidents</c:v>'
         '</c:pt></c:strCache></c:strRef></c:tx><c:cat><c:strRef><c:f>Sheet1!$A$2:$A$3</c:f><c:strCache>'
         '<c:ptCount val="2"/><c:pt idx="0"><c:v>North</c:v></c:pt><c:pt idx="1"><c:v>South</c:v></c:pt>'
         '</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$B$2:$B$3</c:f><c:numCache>'
         '<c:ptCount val="2"/><c:pt idx="0"><c:v>120</c:v></c:pt><c:pt idx="1"><c:v>98</c:v></c:pt></c:numCache>'
         '</c:numRef></c:val></c:ser></c:barChart></c:plotArea></c:chart><c:externalData r:id="rId1">'
         '<c:autoUpdate val="0"/></c:externalData></c:chartSpace>')


def chart_workbook() -> bytes:
    """The workbook behind the chart: the plotted table, and a hidden sheet of officers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in (["Area", "Incidents"], ["North", 120], ["South", 98]):
        ws.append(row)
    staff = wb.create_sheet("Officers")
    staff.append(["Name", "Email"])
    staff.append(["WORKBOOK-SECRET", "pc.jones@police.example.uk"])
    staff.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def layout_xml(kind: str, *shapes: str) -> str:
    return (f'{HEAD}<p:{kind} xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:cSld><p:spTree><p:nvGrpSpPr>'
            '<p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            f'{"".join(shapes)}</p:spTree></p:cSld></p:{kind}>')


def deck() -> bytes:
    slide1 = slide_xml(shape("Incidents by area", ph="title"),
                       group(shape("In the group: North 120", sid=21), shape("GROUP-HIDDEN-SECRET", sid=22,
                                                                             hidden=True)),
                       picture(23, "Photo of PC Jones at the scene"), picture(24, "Force logo"))
    slide2 = slide_xml(shape("Chart", ph="title"), chart_frame("rId3"))
    layout = layout_xml("sldLayout", shape("Click to edit Master title style", ph="title"),
                        shape("Prepared by the analysis team, 01632 960123", sid=5, y=6000000))
    master = layout_xml("sldMaster", shape("MASTER-HIDDEN-SECRET", sid=6, hidden=True))
    unused = layout_xml("sldLayout", shape("Old layout for Mr Old, old.contact@example.org", sid=7))
    to_layout = ("rId2", f"{R}/slideLayout", "../slideLayouts/slideLayout1.xml")
    data = pptx_bytes(
        [slide1, slide2],
        slide_rels={1: [to_layout], 2: [to_layout, ("rId3", f"{R}/chart", "../charts/chart1.xml")]},
        extra={"ppt/slideLayouts/slideLayout1.xml": layout, "ppt/slideLayouts/slideLayout2.xml": unused,
               "ppt/slideLayouts/_rels/slideLayout1.xml.rels": rels(("rId1", f"{R}/slideMaster",
                                                                      "../slideMasters/slideMaster1.xml")),
               "ppt/slideLayouts/_rels/slideLayout2.xml.rels": rels(("rId1", f"{R}/slideMaster",
                                                                      "../slideMasters/slideMaster1.xml")),
               "ppt/slideMasters/slideMaster1.xml": master,
               "ppt/slideMasters/_rels/slideMaster1.xml.rels": rels(
                   ("rId1", f"{R}/slideLayout", "../slideLayouts/slideLayout1.xml"),
                   ("rId2", f"{R}/slideLayout", "../slideLayouts/slideLayout2.xml")),
               "ppt/charts/chart1.xml": CHART,
               "ppt/charts/_rels/chart1.xml.rels": rels(("rId1", f"{R}/package",
                                                         "../embeddings/Microsoft_Excel_Worksheet.xlsx")),
               "ppt/embeddings/Microsoft_Excel_Worksheet.xlsx": chart_workbook()})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        pres = z.read("ppt/presentation.xml").decode()
        pres_rels = z.read("ppt/_rels/presentation.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    pres = pres.replace("</p:sldIdLst>", '</p:sldIdLst><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId9"/>'
                        '</p:sldMasterIdLst>', 1).replace(
        "</p:presentation>", '<p:custShowLst><p:custShow name="Version for the Chief" id="0"><p:sldLst>'
                             '<p:sld r:id="rId2"/></p:sldLst></p:custShow></p:custShowLst></p:presentation>')
    pres_rels = pres_rels.replace("</Relationships>", f'<Relationship Id="rId9" Type="{R}/slideMaster" '
                                  'Target="slideMasters/slideMaster1.xml"/></Relationships>')
    types = types.replace("</Types>", '<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-'
                                      'officedocument.spreadsheetml.sheet"/></Types>')
    return rewrite_zip(data, {"ppt/presentation.xml": pres.encode(), "ppt/_rels/presentation.xml.rels":
                              pres_rels.encode(), "[Content_Types].xml": types.encode()})


def test_deck_whole_report():
    report = check_file(deck(), "deck.pptx")
    assert report.inspected and report.overall is Overall.RED
    assert report.ids == {"pptx.hidden_shape", "pptx.master_text", "pptx.alt_text", "pptx.chart_data",
                          "pptx.custom_show", "personal.phone", "personal.email"}, report.findings
    hidden = report.by_id("pptx.hidden_shape")[0]
    secrets = {mask_words(s) for s in ("GROUP-HIDDEN-SECRET", "MASTER-HIDDEN-SECRET")}
    assert hidden.count == 2 and set(hidden.examples) == secrets
    master = report.by_id("pptx.master_text")[0]
    assert master.severity is Severity.INFO and master.where.part == "ppt/slideLayouts/slideLayout1.xml"
    assert "Prepared by the analysis team" in master.message and "Click to edit" not in master.message
    assert "Old layout" not in master.message  # a layout no slide uses is not shown, only scanned
    phone = report.by_id("personal.phone")[0]
    assert phone.severity is Severity.AMBER and "slideLayout1.xml" in phone.message
    email = report.by_id("personal.email")[0]
    assert email.severity is Severity.RED and "layout no slide uses" in email.message
    alt = report.by_id("pptx.alt_text")[0]
    assert (alt.severity, alt.count, alt.where.slide) == (Severity.AMBER, 2, 1)
    assert alt.examples == ("Photo of PC J**** at the scene",)
    chart = report.by_id("pptx.chart_data")[0]
    assert (chart.severity, chart.count, chart.where.slide) == (Severity.RED, 5, 2)
    assert "Sheet1!$B$1" in chart.message and "checks RED" in chart.message and "xlsx.hidden_sheet" in chart.message
    assert "ooxml.embedded" not in report.ids  # the chart's workbook was checked, not left unchecked
    show = report.by_id("pptx.custom_show")[0]
    assert show.severity is Severity.INFO and "'Version for the Chief' (slide 2)" in show.message
    group_text = "In the group: North 120"
    assert check_file(pptx_bytes([slide_xml(group(shape(group_text, sid=21)))]), "g.pptx").findings == []


def test_clean_copy_removes_hidden_grouped_and_master_shapes_alt_names_and_chart_workbooks(tmp_path):
    result = clean_copy(write(tmp_path, "deck.pptx", deck()), tmp_path / "out")
    [out] = result.paths
    recheck = check_file(out)
    assert recheck.ids == {"pptx.master_text", "pptx.alt_text", "pptx.chart_data", "pptx.custom_show",
                           "personal.phone", "personal.email"}, recheck.findings
    assert {f.severity for f in recheck.findings if f.id.startswith("pptx.")} == {Severity.INFO}
    assert recheck.by_id("pptx.alt_text")[0].examples == ("Force logo",)
    assert recheck.by_id("personal.phone")[0].severity is Severity.AMBER  # shown on the slides: review
    text = zip_text(out)
    for secret in (b"GROUP-HIDDEN-SECRET", b"MASTER-HIDDEN-SECRET", b"PC Jones", b"externalData"):
        assert secret not in text, secret
    for kept in (b"In the group: North 120", b"Force logo", b"Incidents", b"North"):
        assert kept in text, kept
    parts = assert_valid_package(out)
    assert not [n for n in parts if n.startswith("ppt/embeddings/")]
    assert any("workbooks behind them were removed" in n for n in result.notes)
    assert any("Alt text naming people blanked on 1" in n for n in result.notes)


def placed_group(*shapes: str, off: tuple[int, int], ext: tuple[int, int], ch_ext: tuple[int, int],
                 sid: int = 40) -> str:
    """A group drawn at ``off`` with size ``ext`` whose children's coordinates span ``ch_ext`` from 0."""
    return (f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{sid}" name="Group {sid}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            f'<p:grpSpPr><a:xfrm><a:off x="{off[0]}" y="{off[1]}"/><a:ext cx="{ext[0]}" cy="{ext[1]}"/>'
            f'<a:chOff x="0" y="0"/><a:chExt cx="{ch_ext[0]}" cy="{ch_ext[1]}"/></a:xfrm></p:grpSpPr>'
            f'{"".join(shapes)}</p:grpSp>')


def test_a_shape_its_group_places_off_the_slide_is_found_and_removed(tmp_path):
    """A group's children sit in its own coordinates: a child at x 13,000,000 in a group the same size as its
    children is off the 12,192,000-wide slide, but in a group that halves its children it is at 6,600,000, on it."""
    parked = placed_group(shape("Visible in the group", sid=41),
                          shape("PARKED-IN-GROUP: PC Jones complaint", sid=42, x=13000000),
                          off=(100000, 100000), ext=(14000000, 2000000), ch_ext=(14000000, 2000000))
    report = check_file(pptx_bytes([slide_xml(shape("Title", ph="title"), parked)]), "g.pptx")
    assert report.ids == {"pptx.hidden_shape"}, report.findings
    assert (report.findings[0].count, report.findings[0].where.slide) == (1, 1)
    halved = placed_group(shape("On the slide once scaled", sid=43, x=13000000),
                          off=(100000, 100000), ext=(7000000, 1000000), ch_ext=(14000000, 2000000))
    assert check_file(pptx_bytes([slide_xml(halved)]), "h.pptx").findings == []
    nested = placed_group(placed_group(shape("DEEP-PARKED", sid=45, y=9000000), off=(0, 0), ext=(1000000, 1000000),
                                       ch_ext=(1000000, 1000000), sid=44),
                          off=(0, 0), ext=(1000000, 1000000), ch_ext=(1000000, 1000000))
    assert check_file(pptx_bytes([slide_xml(nested)]), "n.pptx").ids == {"pptx.hidden_shape"}
    [out] = clean_copy(write(tmp_path, "g.pptx", pptx_bytes([slide_xml(parked)])), tmp_path / "out").paths
    text = zip_text(out)
    assert b"PARKED-IN-GROUP" not in text and b"Visible in the group" in text
    assert check_file(out).findings == []
    assert_valid_package(out)


def test_alt_text_naming_a_place_or_a_body_is_kept_and_alt_text_naming_a_person_is_blanked(tmp_path):
    """Alt text is what a screen reader says: blanking "Map of North Yorkshire" would harm the reader and protect no
    one, so only alt text that names a person is counted as naming people and blanked."""
    slide = slide_xml(picture(51, "Map of North Yorkshire"), picture(52, "Logo of Police Scotland"),
                      picture(53, "Chart from Home Office figures"), picture(54, "Photo of Jane Smith at the scene"))
    alt = check_file(pptx_bytes([slide]), "a.pptx").by_id("pptx.alt_text")[0]
    assert (alt.severity, alt.count) == (Severity.AMBER, 4) and "1 naming people" in alt.message
    assert alt.examples == ("Photo of J*** S**** at the scene",)
    [out] = clean_copy(write(tmp_path, "a.pptx", pptx_bytes([slide])), tmp_path / "out").paths
    text = zip_text(out)
    assert b"Jane Smith" not in text
    for kept in (b"Map of North Yorkshire", b"Logo of Police Scotland", b"Chart from Home Office figures"):
        assert kept in text, kept
