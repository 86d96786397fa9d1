"""Release check of OpenDocument files (.ods, .odt): each kind of hidden data planted in a small package built here,
clean files that must come out green, and hostile ones that must never be green nor raise."""

from __future__ import annotations

import io
import zipfile

import pytest

from foibot.release import ReleaseLimits, Severity, check_file, clean_copy
from foibot.release.clean import CannotClean
from foibot.release.findings import Location, Overall
from foibot.release.personal import mask_words

NS = " ".join(f'xmlns:{p}="urn:oasis:names:tc:opendocument:xmlns:{u}"' for p, u in (
    ("office", "office:1.0"), ("style", "style:1.0"), ("text", "text:1.0"), ("table", "table:1.0"),
    ("draw", "drawing:1.0"), ("fo", "xsl-fo-compatible:1.0"), ("meta", "meta:1.0"), ("script", "script:1.0"),
    ("number", "datastyle:1.0"), ("svg", "svg-compatible:1.0"), ("chart", "chart:1.0"))) + \
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink"'
MIME = {"ods": "application/vnd.oasis.opendocument.spreadsheet", "odt": "application/vnd.oasis.opendocument.text"}
BODY = {"ods": "spreadsheet", "odt": "text"}


def manifest(kind: str, entries: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIME[kind]}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            f'{entries}</manifest:manifest>')


def package(kind: str, body: str, *, auto: str = "", styles: str = "", master: str = "", meta: str | None = None,
            entries: str = "", parts: dict[str, bytes] | None = None, pre: str = "", mime: str | None = None,
            content: str | None = None) -> bytes:
    """An ODF zip as LibreOffice lays it out: ``mimetype`` first and stored, then the XML parts."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mime or MIME[kind], compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content if content is not None else (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.3">'
            f'<office:automatic-styles>{auto}</office:automatic-styles><office:body><office:{BODY[kind]}>{pre}'
            f'{body}</office:{BODY[kind]}></office:body></office:document-content>'))
        z.writestr("styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}>'
                                 f'<office:styles>{styles}</office:styles><office:master-styles>{master}'
                                 '</office:master-styles></office:document-styles>')
        if meta is not None:
            z.writestr("meta.xml", f'<?xml version="1.0"?><office:document-meta {NS}><office:meta>{meta}'
                                   '</office:meta></office:document-meta>')
        for name, data in (parts or {}).items():
            z.writestr(name, data)
        z.writestr("META-INF/manifest.xml", manifest(kind, entries))
    return buf.getvalue()


def c(text: object, attrs: str = "") -> str:
    """A cell: numbers as floats, anything else as a string."""
    if isinstance(text, int | float):
        return (f'<table:table-cell office:value-type="float" office:value="{text}" {attrs}><text:p>{text}</text:p>'
                '</table:table-cell>')
    return f'<table:table-cell office:value-type="string" {attrs}><text:p>{text}</text:p></table:table-cell>'


def r(*cells: str, attrs: str = "") -> str:
    return f'<table:table-row {attrs}>{"".join(cells)}</table:table-row>'


def sheet(name: str, *rows: str, attrs: str = "", cols: str = "") -> str:
    return f'<table:table table:name="{name}" {attrs}>{cols}{"".join(rows)}</table:table>'


TABLE = [r(c("Area"), c("Requests")), r(c("North"), c(120)), r(c("South"), c(95)), r(c("East"), c(64))]
HIDDEN_TABLE_STYLE = ('<style:style style:name="ta2" style:family="table"><style:table-properties '
                      'table:display="false"/></style:style>')


def ods(*body: str, **kw: object) -> bytes:
    return package("ods", "".join(body), **kw)  # type: ignore[arg-type]


def odt(*paras: str, **kw: object) -> bytes:
    return package("odt", "".join(paras), **kw)  # type: ignore[arg-type]


def p(text: str, attrs: str = "") -> str:
    return f"<text:p {attrs}>{text}</text:p>"


def shape(report) -> list[tuple[str, str, str]]:
    """The whole report as (id, severity, where) triples, sorted, so a test asserts every finding."""
    return sorted((f.id, f.severity.value, str(f.where)) for f in report.findings)


# ----------------------------------------------------------------------------------------------------- clean files


def test_clean_ods_is_green():
    report = check_file(ods(sheet("Summary", *TABLE)), "summary.ods")
    assert report.kind == "ods" and report.inspected
    assert report.findings == [] and report.overall is Overall.GREEN


def test_clean_odt_is_green():
    report = check_file(odt(p("Dear requester,"), p("We hold the information you asked for."),
                            "<text:h>Our answer</text:h>"), "letter.odt")
    assert report.kind == "odt" and report.inspected
    assert report.findings == [] and report.overall is Overall.GREEN


# ------------------------------------------------------------------------------------------------- spreadsheets

STAFF = sheet("Staff", r(c("Name"), c("Email")), r(c("Jane Smith"), c("jane.smith@council.gov.uk")),
              attrs='table:style-name="ta2"')


def test_hidden_sheet_with_personal_data():
    report = check_file(ods(sheet("Summary", *TABLE), STAFF, auto=HIDDEN_TABLE_STYLE), "a.ods")
    assert report.overall is Overall.RED
    assert shape(report) == [("odf.hidden_sheet", "red", "sheet 'Staff'"),
                             ("personal.email", "red", "Staff!B2"),
                             ("personal.heading", "red", "'Staff'!A, 'Staff'!B")]
    assert report.by_id("odf.hidden_sheet")[0].count == 4
    assert report.by_id("personal.email")[0].examples == ("j***@c***.gov.uk",)


def test_hidden_and_filtered_rows():
    rows = [TABLE[0], TABLE[1], r(c("Secret"), c("07700 900123"), attrs='table:visibility="collapse"'),
            r(c("Filtered"), c(3), attrs='table:visibility="filter"'), *TABLE[2:]]
    report = check_file(ods(sheet("Summary", *rows)), "b.ods")
    assert shape(report) == [("odf.filtered_rows", "red", "sheet 'Summary', rows 4"),
                             ("odf.hidden_rows", "red", "sheet 'Summary', rows 3"),
                             ("personal.phone", "red", "Summary!B3")]
    assert report.by_id("odf.hidden_rows")[0].examples == ("A3", "B3")


def test_hidden_columns_holding_data_and_empty_hidden_columns_ignored():
    cols = ('<table:table-column/><table:table-column/><table:table-column table:visibility="collapse"/>'
            '<table:table-column table:visibility="collapse" table:number-columns-repeated="1000"/>')
    body = sheet("Summary", r(c("Area"), c("Requests"), c("Ref")), r(c("North"), c(120), c("AB123456C")),
                 *TABLE[2:], cols=cols)
    report = check_file(ods(body), "c.ods")
    assert shape(report) == [("odf.hidden_columns", "red", "sheet 'Summary', columns C"),
                             ("personal.ni_number", "red", "Summary!C2")]
    assert report.by_id("odf.hidden_columns")[0].count == 2


def test_cell_comment_with_author():
    noted = ('<table:table-cell office:value-type="float" office:value="120"><office:annotation><dc:creator>J Bloggs'
             '</dc:creator><text:p>ring 020 7946 0018</text:p></office:annotation><text:p>120</text:p>'
             '</table:table-cell>')
    report = check_file(ods(sheet("Summary", TABLE[0], r(c("North"), noted), *TABLE[2:])), "d.ods")
    assert shape(report) == [("odf.comments", "red", "sheet 'Summary', cell B2"),
                             ("personal.phone", "red", "Summary!B2 (comment)")]
    assert "J B*****" in report.by_id("odf.comments")[0].message


def test_formulas_reveal_hidden_sheets_and_other_files_never_evaluated():
    formula = "of:=SUM([.B2:.B4])+[$Staff.B1]+['file:///C:/HR/pay.ods'#$Sheet1.A1]"
    body = sheet("Summary", *TABLE, r(c("Total"), c(279, f'table:formula="{formula}"')))
    report = check_file(ods(body, STAFF, auto=HIDDEN_TABLE_STYLE), "e.ods")
    assert shape(report) == [("odf.external_link", "red", "content.xml"),
                             ("odf.formulas", "amber", "sheet 'Summary', cell B5"),
                             ("odf.hidden_sheet", "red", "sheet 'Staff'"),
                             ("personal.email", "red", "Staff!B2"),
                             ("personal.heading", "red", "'Staff'!A, 'Staff'!B")]
    f = report.by_id("odf.formulas")[0]
    assert "'Staff'" in f.message and "file:///C:/HR/pay.ods" in f.message and f.examples == (f"B5: {formula}",)


def test_plain_formula_alone_is_amber():
    body = sheet("Summary", *TABLE, r(c("Total"), c(279, 'table:formula="of:=SUM([.B2:.B4])"')))
    assert shape(check_file(ods(body), "f.ods")) == [("odf.formulas", "amber", "sheet 'Summary', cell B5")]


def test_named_and_database_ranges_pointing_at_hidden_data():
    names = ('<table:named-expressions><table:named-range table:name="people" table:base-cell-address="$Summary.$A$1" '
             'table:cell-range-address="$Staff.$A$1:.$B$9"/><table:named-range table:name="fine" '
             'table:base-cell-address="$Summary.$A$1" table:cell-range-address="$Summary.$A$1:.$B$4"/>'
             '<table:named-range table:name="rowsy" table:base-cell-address="$Summary.$A$1" '
             'table:cell-range-address="$Summary.$A$1:.$B$9"/></table:named-expressions><table:database-ranges>'
             '<table:database-range table:name="db1" table:target-range-address="Staff.A1:Staff.B9"/>'
             '</table:database-ranges>')
    rows = [*TABLE, r(c("Gone"), c(7), attrs='table:visibility="collapse"')]
    report = check_file(ods(sheet("Summary", *rows), STAFF, names, auto=HIDDEN_TABLE_STYLE), "g.ods")
    named = sorted((f.where.range, f.message) for f in report.by_id("odf.named_range"))
    assert named == [("$Staff.$A$1:.$B$9", "Named range 'people' ($Staff.$A$1:.$B$9) points at hidden sheet 'Staff'"),
                     ("$Summary.$A$1:.$B$9", "Named range 'rowsy' ($Summary.$A$1:.$B$9) covers hidden rows 5 of "
                                             "'Summary' holding data"),
                     ("Staff.A1:Staff.B9", "Database range 'db1' (Staff.A1:Staff.B9) points at hidden sheet 'Staff'")]
    assert all(f.severity is Severity.AMBER for f in report.by_id("odf.named_range"))
    assert report.ids == {"odf.named_range", "odf.hidden_sheet", "odf.hidden_rows", "personal.email",
                          "personal.heading"}


WHITE = ('<style:style style:name="ce1" style:family="table-cell"><style:text-properties fo:color="#ffffff"/>'
         '</style:style><style:style style:name="ce2" style:family="table-cell"><style:text-properties '
         'fo:font-size="2pt"/></style:style><style:style style:name="ce3" style:family="table-cell">'
         '<style:table-cell-properties fo:background-color="#000000"/><style:text-properties fo:color="#ffffff"/>'
         '</style:style>')


def test_white_and_tiny_text_in_cells_but_not_white_on_black():
    body = sheet("Summary", *TABLE, r(c("note", 'table:style-name="ce1"'), c("tiny", 'table:style-name="ce2"'),
                                      c("Banner", 'table:style-name="ce3"')))
    report = check_file(ods(body, auto=WHITE), "h.ods")
    assert shape(report) == [("odf.tiny_text", "red", "sheet 'Summary', cell B5"),
                             ("odf.white_text", "amber", "sheet 'Summary', cell A5")]


def test_white_text_through_a_common_style_parent():
    common = ('<style:style style:name="Ghost" style:family="table-cell" style:parent-style-name="Default">'
              '<style:text-properties fo:color="#FEFEFE"/></style:style>')
    auto = '<style:style style:name="ce9" style:family="table-cell" style:parent-style-name="Ghost"/>'
    body = sheet("Summary", *TABLE, r(c("x", 'table:style-name="ce9"')))
    report = check_file(ods(body, auto=auto, styles=common), "h2.ods")
    assert shape(report) == [("odf.white_text", "amber", "sheet 'Summary', cell A5")]


def test_cells_under_merged_cells():
    merged = ('<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>North</text:p>'
              '</table:table-cell><table:covered-table-cell office:value-type="string"><text:p>jo@council.gov.uk'
              '</text:p></table:covered-table-cell>')
    report = check_file(ods(sheet("Summary", TABLE[0], r(merged), *TABLE[1:])), "i.ods")
    assert shape(report) == [("odf.covered_cells", "red", "sheet 'Summary', cell B2"),
                             ("personal.email", "red", "Summary!B2")]


def test_data_far_from_the_table_below_and_beside():
    below = sheet("Summary", *TABLE, r(attrs='table:number-rows-repeated="200"'), r(c("stray"), c("note")))
    report = check_file(ods(below), "j.ods")
    assert shape(report) == [("odf.far_data", "amber", "sheet 'Summary', row 205")]
    assert report.by_id("odf.far_data")[0].count == 2
    beside = sheet("Summary", r(c("Area"), c("Requests"), '<table:table-cell table:number-columns-repeated="40"/>',
                                c("key")), *TABLE[1:])
    assert shape(check_file(ods(beside), "k.ods")) == [("odf.far_data", "amber", "sheet 'Summary', column AQ")]


def test_linked_sheet_keeps_a_copy_of_another_file():
    linked = ('<table:table table:name="Staff"><table:table-source table:mode="copy-all" '
              'xlink:href="file:///S:/HR/staff.ods" table:table-name="Staff"/>' + r(c("x"), c(7)) + "</table:table>")
    report = check_file(ods(sheet("Summary", *TABLE), linked), "l.ods")
    assert shape(report) == [("odf.external_link", "red", "sheet 'Staff'")]
    assert "file:///S:/HR/staff.ods" in report.findings[0].message


CHART = ('<table:shapes><draw:frame><draw:object draw:notify-on-update-of-ranges="Staff.A1:Staff.B3" '
         'xlink:href="./Object 1"/></draw:frame></table:shapes>')
CHART_ENTRY = ('<manifest:file-entry manifest:full-path="Object 1/" '
               'manifest:media-type="application/vnd.oasis.opendocument.chart"/>')
CHART_PART = (f'<office:document-content {NS}><office:body><office:chart><table:table><table:table-row>'
              '<table:table-cell><text:p>jane@x.org.uk</text:p></table:table-cell></table:table-row></table:table>'
              '</office:chart></office:body></office:document-content>').encode()


def test_chart_drawn_from_a_hidden_sheet():
    summary = sheet("Summary", *TABLE).replace("</table:table>", CHART + "</table:table>")
    hidden = sheet("Staff", r(c("Jane"), c(5)), attrs='table:style-name="ta2"')
    report = check_file(ods(summary, hidden, auto=HIDDEN_TABLE_STYLE, entries=CHART_ENTRY,
                            parts={"Object 1/content.xml": CHART_PART}), "m.ods")
    assert shape(report) == [("odf.chart_cache", "red", "sheet 'Summary'"),
                             ("odf.hidden_sheet", "red", "sheet 'Staff'"),
                             ("personal.email", "red", "chart Object 1")]
    assert report.by_id("odf.chart_cache")[0].where.part == "Object 1"


def test_chart_of_visible_data_is_not_embedded_object():
    summary = sheet("Summary", *TABLE).replace("</table:table>", CHART.replace("Staff", "Summary") + "</table:table>")
    part = CHART_PART.replace(b"jane@x.org.uk", b"North")
    report = check_file(ods(summary, entries=CHART_ENTRY, parts={"Object 1/content.xml": part}), "n.ods")
    assert report.findings == [] and report.overall is Overall.GREEN


def test_macros_and_event_scripts():
    report = check_file(ods(sheet("Summary", *TABLE), parts={"Basic/Standard/Module1.xml": b"<x/>"}), "o.ods")
    assert shape(report) == [("odf.macros", "red", "Basic/Standard/Module1.xml")]
    content = (f'<office:document-content {NS}><office:scripts><office:event-listeners><script:event-listener '
               'script:language="ooo:script" script:event-name="dom:load" xlink:href="vnd.sun.star.script:Standard.'
               'Module1.Main?language=Basic&amp;location=document"/></office:event-listeners></office:scripts>'
               f'<office:body><office:spreadsheet>{sheet("Summary", *TABLE)}</office:spreadsheet></office:body>'
               '</office:document-content>')
    report = check_file(package("ods", "", content=content), "p.ods")
    assert shape(report) == [("odf.macros", "red", "content.xml")]
    assert "1 event bound" in report.findings[0].message


def test_properties_template_embedded_objects_and_images():
    meta = ('<meta:initial-creator>Jane Officer</meta:initial-creator><dc:creator>Bob Editor</dc:creator>'
            '<meta:template xlink:href="file:///S:/Templates/foi.ots" xlink:title="FOI"/>'
            '<meta:generator>LibreOffice/7.6</meta:generator><meta:creation-date>2026-01-01T00:00:00</meta:creation-date>')
    entries = ('<manifest:file-entry manifest:full-path="Object 2/" '
               'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>')
    parts = {"Object 2/content.xml": b"<x/>", "Pictures/1.png": b"\x89PNG", "Thumbnails/thumbnail.png": b"x",
             "ObjectReplacements/Object 2": b"x", "Configurations2/accelerator/current.xml": b""}
    report = check_file(ods(sheet("Summary", *TABLE), meta=meta, entries=entries, parts=parts), "q.ods")
    assert shape(report) == [("odf.embedded", "red", "Object 2"), ("odf.images", "amber", "Pictures/1.png"),
                             ("odf.properties", "amber", "meta.xml"), ("odf.template", "amber", "meta.xml")]
    props = report.by_id("odf.properties")[0]
    assert props.message == "Document properties: initial creator: J*** O******; creator: B** E*****"
    assert "file:///S:/Templates/foi.ots" in report.by_id("odf.template")[0].message


def test_large_sheet_is_streamed_and_counted():
    rows = [TABLE[0]] + [r(c(f"Area {i}"), c(100 + i)) for i in range(20_000)]
    report = check_file(ods(sheet("Summary", *rows)), "big.ods")
    assert report.findings == [] and report.overall is Overall.GREEN


def test_repeated_rows_and_columns_do_not_blow_up():
    rows = [*TABLE, r('<table:table-cell table:number-columns-repeated="16384"/>',
                      attrs='table:number-rows-repeated="1048570"')]
    report = check_file(ods(sheet("Summary", *rows)), "rep.ods")
    assert report.findings == [] and report.overall is Overall.GREEN


# ---------------------------------------------------------------------------------------------------- documents

TRACK = ('<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>'
         'Bob Editor</dc:creator><dc:date>2026-01-01T10:00:00</dc:date></office:change-info><text:p>DELETED-SECRET '
         'call 07700 900123</text:p></text:deletion></text:changed-region><text:changed-region text:id="ct2">'
         '<text:insertion><office:change-info><dc:creator>Ann Author</dc:creator></office:change-info>'
         '</text:insertion></text:changed-region></text:tracked-changes>')


def test_tracked_changes_keep_deleted_text_and_authors():
    body = p('Dear requester, <text:change text:change-id="ct1"/>we <text:change-start text:change-id="ct2"/>hold'
             '<text:change-end text:change-id="ct2"/> it.')
    report = check_file(odt(body, pre=TRACK), "a.odt")
    assert shape(report) == [("odf.tracked_changes", "red", "content.xml"),
                             ("personal.phone", "red", "tracked changes (deleted text)")]
    f = report.by_id("odf.tracked_changes")[0]
    assert f.count == 2 and "Ann Author, B** E*****" in f.message
    assert f.examples == (mask_words("DELETED-SECRET call 07700 900123"),)


def test_comments_in_text():
    body = p("We hold it.<office:annotation><dc:creator>J Bloggs</dc:creator><text:p>COMMENT-SECRET ask "
             "jo@council.gov.uk</text:p></office:annotation><office:annotation-end/>")
    report = check_file(odt(body), "b.odt")
    assert shape(report) == [("odf.comments", "red", "content.xml"), ("personal.email", "red", "body (comment)")]
    assert report.by_id("odf.comments")[0].message == "1 comment by J B*****"


@pytest.mark.parametrize(("body", "secret", "how"), [
    (p('<text:hidden-paragraph text:condition="ooow:1" text:is-hidden="true"/>HIDDEN-PARA'), "HIDDEN-PARA",
     "hidden-paragraph field"),
    (p('Visible <text:hidden-text text:condition="ooow:1" text:string-value="HIDDEN-FIELD" text:is-hidden="true">'
       'HIDDEN-FIELD</text:hidden-text> end.'), "HIDDEN-FIELD", "hidden-text field"),
    (p('Answer: <text:conditional-text text:condition="ooow:x==1" text:string-value-if-true="We hold it" '
       'text:string-value-if-false="NOT-SHOWN" text:current-value="true">We hold it</text:conditional-text>.'),
     "NOT-SHOWN", "conditional text"),
    ('<text:section text:name="Internal" text:display="none"><text:p>SECTION-SECRET</text:p></text:section>',
     "SECTION-SECRET", "hidden section 'Internal'"),
    ('<text:section text:name="Cond" text:display="condition" text:condition="ooow:x"><text:p>COND-SECRET</text:p>'
     '</text:section>', "COND-SECRET", "section 'Cond' shown only if ooow:x"),
])
def test_hidden_text_kinds(body, secret, how):
    report = check_file(odt(p("Visible."), body), "c.odt")
    assert shape(report) == [("odf.hidden_text", "red", "content.xml")]
    f = report.findings[0]
    assert f.examples == (mask_words(secret),) and how in f.message and f.count == 1


CHAR = ('<style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style>'
        '<style:style style:name="T2" style:family="text"><style:text-properties fo:color="#FFFFFF"/></style:style>'
        '<style:style style:name="T3" style:family="text"><style:text-properties fo:font-size="1pt"/></style:style>'
        '<style:style style:name="T4" style:family="text"><style:text-properties fo:color="#ffffff" '
        'fo:background-color="#000000"/></style:style>')


def test_character_styles_hide_whiten_and_shrink_text():
    body = p('Visible <text:span text:style-name="T1">STYLE-HIDDEN SW1A 1AA</text:span> <text:span '
             'text:style-name="T2">WHITE-SECRET</text:span> <text:span text:style-name="T3">TINY-SECRET</text:span> '
             '<text:span text:style-name="T4">white on black</text:span>')
    report = check_file(odt(body, auto=CHAR), "d.odt")
    assert shape(report) == [("odf.hidden_text", "red", "content.xml"), ("odf.tiny_text", "red", "content.xml"),
                             ("odf.white_text", "amber", "content.xml"),
                             ("personal.postcode", "red", "body (hidden text)")]
    assert "character style 'T1'" in report.by_id("odf.hidden_text")[0].message
    assert report.by_id("odf.white_text")[0].examples == (mask_words("WHITE-SECRET"),)
    assert report.by_id("odf.tiny_text")[0].examples == (mask_words("TINY-SECRET"),)


def test_hidden_through_a_common_paragraph_style():
    styles = ('<style:style style:name="Internal" style:family="paragraph"><style:text-properties text:display="none"/>'
              '</style:style>')
    report = check_file(odt(p("Visible."), p("PARA-SECRET", 'text:style-name="Internal"'), styles=styles), "e.odt")
    assert shape(report) == [("odf.hidden_text", "red", "content.xml")]
    assert "paragraph style 'Internal'" in report.findings[0].message


def test_links_linked_sections_and_template_paths():
    body = (p('See <text:a xlink:href="file:///S:/Cases/FOI-77/notes.odt">notes</text:a> and <text:a '
              'xlink:href="https://www.gov.uk/foi">gov.uk</text:a>.')
            + '<text:section text:name="L"><text:section-source xlink:href="file:///S:/Letters/para.odt"/><text:p>'
              'linked text</text:p></text:section>'
            + p('<draw:frame><draw:image xlink:href="../../S/Photos/face.jpg"/></draw:frame>'))
    report = check_file(odt(body, meta='<meta:template xlink:href="file:///S:/Templates/letter.ott"/>'), "f.odt")
    assert shape(report) == [("odf.external_link", "red", "content.xml"), ("odf.internal_path", "amber", "content.xml"),
                             ("odf.internal_path", "amber", "content.xml"), ("odf.template", "amber", "meta.xml")]
    messages = " | ".join(f.message for f in report.findings)
    for path in ("file:///S:/Letters/para.odt", "file:///S:/Cases/FOI-77/notes.odt", "../../S/Photos/face.jpg",
                 "file:///S:/Templates/letter.ott"):
        assert path in messages
    assert "gov.uk/foi" not in messages


def test_headers_footers_and_text_boxes_are_scanned():
    master = ('<style:master-page style:name="Standard"><style:header><text:p>Reference FOI-123 officer 07700 900456'
              '</text:p></style:header></style:master-page>')
    box = p('<draw:frame><draw:text-box><text:p>Box jane@council.gov.uk</text:p></draw:text-box></draw:frame>Body')
    report = check_file(odt(box, master=master), "g.odt")
    assert shape(report) == [("odf.headers_footers", "info", "styles.xml"),
                             ("personal.email", "amber", "body (text box)"), ("personal.phone", "amber", "header")]
    assert report.overall is Overall.AMBER


def test_odt_macros_properties_and_embedded_object():
    content = (f'<office:document-content {NS}><office:scripts><office:event-listeners><script:event-listener '
               'script:language="ooo:script" script:event-name="dom:load" xlink:href="vnd.sun.star.script:x"/>'
               '</office:event-listeners></office:scripts><office:body><office:text><text:p>Hi</text:p>'
               '</office:text></office:body></office:document-content>')
    entries = ('<manifest:file-entry manifest:full-path="Object 1" '
               'manifest:media-type="application/vnd.sun.star.oleobject"/>')
    report = check_file(package("odt", "", content=content, meta="<dc:creator>Jane Officer</dc:creator>",
                                entries=entries, parts={"Object 1": b"\xd0\xcf\x11\xe0"}), "h.odt")
    assert shape(report) == [("odf.embedded", "red", "Object 1"), ("odf.macros", "red", "content.xml"),
                             ("odf.properties", "amber", "meta.xml")]


def test_equation_objects_are_read_not_flagged():
    entries = ('<manifest:file-entry manifest:full-path="Object 1/" '
               'manifest:media-type="application/vnd.oasis.opendocument.formula"/>')
    math = b'<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>'
    report = check_file(odt(p("E = mc2"), entries=entries, parts={"Object 1/content.xml": math}), "i.odt")
    assert report.findings == [] and report.overall is Overall.GREEN


# ------------------------------------------------------------------------------------------------------ hostile


def never_green(report, fid: str, *, where: str | None = None) -> None:
    assert report.overall is Overall.RED and not report.inspected, report.findings
    assert report.ids == {fid}, report.findings
    if where is not None:
        assert str(report.findings[0].where) == where


def test_zip_bomb_is_refused_from_the_directory():
    bomb = ods(sheet("Summary", *TABLE), parts={"Pictures/big.png": b"\0" * 2_000_000})
    report = check_file(bomb, "bomb.ods", ReleaseLimits(max_uncompressed_bytes=1_000_000))
    never_green(report, "file.zip_bomb")
    ratio = ReleaseLimits(ratio_applies_above=100_000, max_compression_ratio=50)
    big = package("ods", "", content=f'<office:document-content {NS}>' + " " * 3_000_000)
    never_green(check_file(big, "ratio.ods", ratio), "file.zip_bomb", where="content.xml")


def test_malformed_xml_is_never_clean():
    cut = (f'<office:document-content {NS}><office:body><office:spreadsheet><table:table table:name="S">'
           '<table:table-row>')
    never_green(check_file(package("ods", "", content=cut), "m.ods"), "file.malformed", where="content.xml")
    never_green(check_file(package("odt", "", content="<a/>"), "w.odt"), "file.malformed", where="content.xml")
    text_in_ods = (f'<office:document-content {NS}><office:body><office:text><text:p>x</text:p></office:text>'
                   '</office:body></office:document-content>')
    never_green(check_file(package("ods", "", content=text_in_ods), "t.ods"), "file.malformed")
    data = ods(sheet("S", *TABLE))
    report = check_file(data[: len(data) // 2], "cut.ods")
    never_green(report, "file.malformed")


@pytest.mark.parametrize("kind", ["ods", "odt"])
def test_xxe_and_entity_expansion_are_refused(kind):
    body = "spreadsheet" if kind == "ods" else "text"
    for dtd in ('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
                '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'):
        ref = "&e;" if "SYSTEM" in dtd else "&b;"
        content = (f'<?xml version="1.0"?>{dtd}<office:document-content {NS}><office:body><office:{body}>'
                   f'<text:p>{ref}</text:p></office:{body}></office:body></office:document-content>')
        report = check_file(package(kind, "", content=content), f"x.{kind}")
        never_green(report, "file.malformed", where="content.xml")
        assert "DTD" in report.findings[0].message and "root:" not in report.to_json()


def test_xxe_in_manifest_or_meta_is_refused():
    dtd = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    report = check_file(ods(sheet("S", *TABLE), parts={"meta.xml": (dtd + "<x>&e;</x>").encode()}), "meta.ods")
    assert report.overall is Overall.RED and not report.inspected
    assert "file.malformed" in report.ids and "root:" not in report.to_json()


def test_encrypted_manifest_is_reported_not_opened():
    enc = ('<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-'
           'data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name='
           '"Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry>')
    data = package("ods", sheet("S", *TABLE), entries=enc)
    report = check_file(data, "e.ods")
    never_green(report, "file.encrypted", where="META-INF/manifest.xml")
    assert "content.xml" in report.findings[0].message
    odt_report = check_file(package("odt", p("x"), entries=enc), "e.odt")
    never_green(odt_report, "file.encrypted")


def test_damaged_manifest_is_not_clean():
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(ods(sheet("S", *TABLE)))) as src, zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            z.writestr(info, b"<manifest:manifest" if info.filename == "META-INF/manifest.xml" else src.read(info))
    report = check_file(buf.getvalue(), "dm.ods")
    assert report.ids == {"file.malformed"} and report.overall is Overall.RED and not report.inspected
    assert report.findings[0].where == Location(part="META-INF/manifest.xml")


def test_odt_named_ods_is_flagged_and_inspected_as_text():
    report = check_file(odt(p("Hello"), pre=TRACK), "report.ods")
    assert report.kind == "odt"
    assert shape(report) == [("file.type_mismatch", "amber", "whole file"),
                             ("odf.tracked_changes", "red", "content.xml"),
                             ("personal.phone", "red", "tracked changes (deleted text)")]
    clean = check_file(odt(p("Hello")), "report.ods")
    assert shape(clean) == [("file.type_mismatch", "amber", "whole file")] and clean.overall is Overall.AMBER


def test_missing_content_and_odf_without_mimetype():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", MIME["ods"])
        z.writestr("META-INF/manifest.xml", manifest("ods"))
    never_green(check_file(buf.getvalue(), "n.ods"), "file.malformed", where="content.xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:  # no mimetype entry: the manifest still says what it is
        z.writestr("content.xml", f'<office:document-content {NS}><office:body><office:spreadsheet>'
                                  f'{sheet("S", *TABLE[:2], r(c("x"), c("jo@council.gov.uk")))}</office:spreadsheet>'
                                  '</office:body></office:document-content>')
        z.writestr("META-INF/manifest.xml", manifest("ods"))
    report = check_file(buf.getvalue(), "nm.ods")
    assert report.kind == "ods" and shape(report) == [("personal.email", "amber", "S!B3")]


def test_no_clean_copy_is_made_for_opendocument(tmp_path):
    with pytest.raises(CannotClean, match="ods"):
        clean_copy(ods(sheet("S", *TABLE)), tmp_path, "s.ods")
    assert list(tmp_path.iterdir()) == []


def test_linked_cell_range_from_another_file():
    body = sheet("Summary", *TABLE).replace(
        "</table:table>", '<table:cell-range-source table:name="pay" xlink:href="file:///S:/HR/pay.ods" '
                          'table:filter-name="calc8" table:last-column-spanned="2" table:last-row-spanned="4"/>'
                          "</table:table>")
    report = check_file(ods(body), "lr.ods")
    assert shape(report) == [("odf.external_link", "red", "content.xml")]
    assert report.findings[0].message == "Cell ranges linked to other files: pay from file:///S:/HR/pay.ods"


def test_small_counts_and_personal_headings_in_a_visible_sheet():
    rows = [r(c("Ward"), c("Complaints"), c("Officer name")), r(c("North"), c(2), c("x")), r(c("South"), c(3), c("y")),
            r(c("East"), c(40), c("z")), r(c("West"), c(1), c("w"))]
    report = check_file(ods(sheet("Summary", *rows)), "sc.ods")
    assert shape(report) == [("data.small_counts", "amber", "'Summary'"),
                             ("personal.heading", "amber", "'Summary'!C")]
    assert report.by_id("data.small_counts")[0].count == 3
