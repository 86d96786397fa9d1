"""Word, round 2: what a document keeps beside its running text. Headers and footers (personal data, hidden text, a
watermark), footnotes, grouped shapes, alt text, custom XML bound (or not) into content controls, document variables
and field codes; and the clean copy that removes what is hidden among them."""

from __future__ import annotations

import io
import zipfile

import docx
from test_release_docx_textbox import _drawing, _paras, _pict, _run, boxed_doc
from test_release_fixtures import ODR, rewrite_zip, write, zip_text

from foibot.release import Severity, check_file, clean_copy
from foibot.release.findings import Overall
from foibot.release.personal import mask_words

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
WPS_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
DOCX_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
ITEM_ID = "{11111111-2222-3333-4444-555555555555}"

WATERMARK = ('<w:r><w:pict><v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
             'style="position:absolute;rotation:315;width:412pt;height:137pt" fillcolor="silver" stroked="f">'
             '<v:textpath style="font-family:&quot;Calibri&quot;" string="DRAFT – NOT FOR RELEASE"/></v:shape>'
             '</w:pict></w:r>')


def _parts(data: bytes, *names: str) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [z.read(n).decode() for n in names]


def _group(content: str) -> str:
    """A DrawingML group (wpg:wgp) holding one text box, saved twice (Choice and a VML Fallback) as Word does."""
    box = _drawing(content)
    group = box.replace(f'<a:graphicData uri="{WPS_URI}"><wps:wsp>',
                        f'<a:graphicData uri="{WPG}"><wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr/><wps:wsp>').replace(
        "</wps:wsp></a:graphicData>", "</wps:wsp></wpg:wgp></a:graphicData>")
    assert "wpg:wgp" in group
    return (f'<mc:AlternateContent><mc:Choice Requires="wpg">{group}</mc:Choice>'
            f'<mc:Fallback>{_pict(content)}</mc:Fallback></mc:AlternateContent>')


def _picture(pid: int, descr: str) -> str:
    return (f'<w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="{pid}" name="Picture {pid}" '
            f'descr="{descr}"/><a:graphic xmlns:a="{A}"><a:graphicData uri="{A}/picture"/></a:graphic></wp:inline>'
            '</w:drawing></w:r>')


def _field(code: str, result: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _sdt(xpath: str, shown: str) -> str:
    return (f'<w:sdt><w:sdtPr><w:dataBinding w:prefixMappings="xmlns:ns0=\'urn:foi-case\'" w:xpath="{xpath}" '
            f'w:storeItemID="{ITEM_ID}"/></w:sdtPr><w:sdtContent><w:r><w:t>{shown}</w:t></w:r></w:sdtContent>'
            '</w:sdt>')


CASE_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><case xmlns="urn:foi-case"><ref>FOI-123</ref>'
            '<requester>Jane Requester</requester><email>jane.requester@example.com</email></case>')
NOTES_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><notes xmlns="urn:notes">'
             '<note>CUSTOMXML-SECRET see PC Jones</note></notes>')
FOOTNOTES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
             '<w:footnote w:id="1"><w:p><w:r><w:t>Source: fn.person@example.org</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')


def _props(item_id: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ds:datastoreItem xmlns:ds="http://schemas.'
            f'openxmlformats.org/officeDocument/2006/customXml" ds:itemID="{item_id}"><ds:schemaRefs/>'
            '</ds:datastoreItem>')


def planted() -> bytes:
    """A letter with something planted in every place this round reads."""
    d = docx.Document()
    d.add_paragraph("Thank you for your request.")
    d.add_paragraph("The information is attached.")
    d.sections[0].header.paragraphs[0].add_run("Prepared by the records team, 01632 960123")
    buf = io.BytesIO()
    d.save(buf)
    raw = buf.getvalue()
    body, header, settings, rels, types, core = _parts(
        raw, "word/document.xml", "word/header1.xml", "word/settings.xml", "word/_rels/document.xml.rels",
        "[Content_Types].xml", "docProps/core.xml")
    marker = "<w:t>The information is attached.</w:t></w:r>"
    body = body.replace(marker, marker + f"<w:r>{_group(_run('GROUP-SECRET', '<w:vanish/>'))}</w:r>"
                        + _picture(5, "Photo of Jane Smith at the scene") + _picture(6, "Bar chart of incidents")
                        + _field('IF 1 = 2 "FIELD-SECRET ask Alice" "Yes"', "Yes")
                        + '<w:r><w:footnoteReference w:id="1"/></w:r>', 1)
    body = body.replace("<w:t>Thank you for your request.</w:t></w:r>",
                        "<w:t>Thank you for your request.</w:t></w:r>"
                        + _sdt("/ns0:case[1]/ns0:ref[1]", "FOI-123"), 1)
    header = header.replace("</w:t></w:r></w:p>", "</w:t></w:r>" + _run("HEADER-SECRET", "<w:vanish/>") + WATERMARK
                            + "</w:p>", 1)
    settings = settings.replace("</w:settings>", '<w:docVars><w:docVar w:name="Requester" '
                                                 'w:val="Mrs Patel, 4 Mill Lane"/></w:docVars></w:settings>')
    rels = rels.replace("</Relationships>", f'<Relationship Id="rId90" Type="{ODR}/footnotes" '
                        'Target="footnotes.xml"/><Relationship Id="rId91" Type="' + ODR + '/customXml" '
                        'Target="../customXml/item2.xml"/></Relationships>')
    types = types.replace("</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{DOCX_CT}.footnotes+xml"'
                          '/><Override PartName="/customXml/itemProps2.xml" ContentType="application/vnd.openxml'
                          'formats-officedocument.customXmlProperties+xml"/></Types>')
    core = core.replace("<dc:creator>python-docx</dc:creator>", "<dc:creator></dc:creator>")
    core = core.replace("<dc:description>generated by python-docx</dc:description>", "<dc:description/>")
    item_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="' + ODR
                 + '/customXmlProps" Target="itemProps2.xml"/></Relationships>')
    return rewrite_zip(raw, {"word/document.xml": body.encode(), "word/header1.xml": header.encode(),
                             "word/settings.xml": settings.encode(), "word/_rels/document.xml.rels": rels.encode(),
                             "[Content_Types].xml": types.encode(), "docProps/core.xml": core.encode(),
                             "docProps/thumbnail.jpeg": None, "customXml/item1.xml": CASE_XML.encode(),
                             "customXml/itemProps1.xml": _props(ITEM_ID).encode()},
                       {"word/footnotes.xml": FOOTNOTES.encode(), "customXml/item2.xml": NOTES_XML.encode(),
                        "customXml/itemProps2.xml": _props("{99999999-0000-0000-0000-000000000000}").encode(),
                        "customXml/_rels/item2.xml.rels": item_rels.encode()})


def test_planted_letter_whole_report():
    report = check_file(planted(), "letter.docx")
    assert report.inspected and report.overall is Overall.RED
    assert report.ids == {"docx.hidden_text", "docx.headers_footers", "docx.watermark", "docx.alt_text",
                          "docx.field_code", "docx.doc_variables", "docx.custom_xml", "personal.email",
                          "personal.phone"}, report.findings
    hidden = report.by_id("docx.hidden_text")[0]
    secrets = {mask_words(s) for s in ("GROUP-SECRET", "HEADER-SECRET")}  # the group's box once
    assert hidden.count == 2 and set(hidden.examples) == secrets
    mark = report.by_id("docx.watermark")[0]
    assert (mark.severity, mark.count, mark.where.part) == (Severity.AMBER, 1, "word/header1.xml")
    assert "DRAFT – NOT FOR RELEASE" in mark.message and "header1.xml" in mark.message
    alt = report.by_id("docx.alt_text")[0]
    assert (alt.severity, alt.count) == (Severity.AMBER, 2) and "1 naming people" in alt.message
    assert alt.examples == ("Photo of J*** S**** at the scene",)
    code = report.by_id("docx.field_code")[0]
    assert code.count == 1 and code.examples == ("FIELD-SECRET ask Alice",) and "IF 1 = 2" in code.message
    assert "Mrs P****, 4 M*** L***" in report.by_id("docx.doc_variables")[0].message
    custom = {f.where.part: f for f in report.by_id("docx.custom_xml")}
    assert set(custom) == {"customXml/item1.xml", "customXml/item2.xml"}
    assert custom["customXml/item1.xml"].count == 2 and "content controls show 1 other value" in \
        custom["customXml/item1.xml"].message and "FOI-123" not in custom["customXml/item1.xml"].message
    assert custom["customXml/item2.xml"].examples == ("CUSTOMXML-SECRET see PC J****",)
    assert "nothing in it is shown" in custom["customXml/item2.xml"].message
    emails = {f.severity: f for f in report.by_id("personal.email")}
    assert "footnotes.xml" in emails[Severity.AMBER].message  # footnote text is read like the body
    assert "custom XML item1.xml" in emails[Severity.RED].message  # the unbound requester's email
    phone = report.by_id("personal.phone")[0]
    assert phone.severity is Severity.AMBER and "header1.xml" in phone.message


def test_clean_copy_removes_what_is_hidden_beside_the_text(tmp_path):
    result = clean_copy(write(tmp_path, "letter.docx", planted()), tmp_path / "out")
    [out] = result.paths
    recheck = check_file(out)
    assert recheck.inspected
    assert {f.id for f in recheck.findings if f.severity is not Severity.INFO} == {"personal.email",
                                                                                 "personal.phone"}
    assert all(f.severity is Severity.AMBER for f in recheck.findings if f.id.startswith("personal."))
    assert recheck.ids == {"docx.headers_footers", "docx.alt_text", "personal.email", "personal.phone"}
    assert recheck.by_id("docx.alt_text")[0].count == 1  # the chart's description stays, the name goes
    text = zip_text(out)
    for secret in (b"GROUP-SECRET", b"HEADER-SECRET", b"DRAFT", b"Jane Smith", b"FIELD-SECRET", b"Mrs Patel",
                   b"CUSTOMXML-SECRET", b"Jane Requester", b"jane.requester"):
        assert secret not in text, secret
    for kept in (b"Bar chart of incidents", b"FOI-123", b"fn.person@example.org", b"Yes"):
        assert kept in text, kept
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    assert "customXml/item2.xml" not in names and "customXml/itemProps2.xml" not in names
    assert "customXml/item1.xml" in names and "item2.xml" not in rels and "itemProps2" not in types
    shown = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "The information is attached.Yes" in shown
    assert any("watermark (1)" in n and "document variables" in n for n in result.notes), result.notes


def test_an_ordinary_description_is_info_and_a_plain_letter_stays_green():
    report = check_file(boxed_doc(_picture(3, "Map of the two areas")[5:-6]), "b.docx")
    assert report.ids == {"docx.alt_text"} and report.overall is Overall.GREEN
    assert report.findings[0].severity is Severity.INFO and report.findings[0].examples == ("Map of the two areas",)
    plain = boxed_doc(_field('PAGE \\* MERGEFORMAT', "1")[5:-6])
    assert check_file(plain, "p.docx").findings == []


def test_a_watermark_that_names_someone_is_red_and_wordart_is_read_once():
    wordart = _drawing(_paras([_run("Copy for Cllr Hughes")])).replace("<wps:bodyPr/>",
                                                             '<wps:bodyPr><a:prstTxWarp prst="textPlain"/>'
                                                             "</wps:bodyPr>")
    report = check_file(boxed_doc(wordart), "w.docx")
    assert report.ids == {"docx.watermark"}
    f = report.findings[0]
    assert (f.severity, f.count, f.examples) == (Severity.RED, 1, ("Copy for Cllr H*****",))


def test_a_field_code_with_personal_data_is_red_and_a_hyperlink_target_amber():
    code = _field('IF 1 = 2 "call 07700 900456" ""', "")
    link = _field('HYPERLINK "mailto:someone@example.org"', "write to us")
    report = check_file(boxed_doc((code + link)[5:-6]), "f.docx")
    assert report.ids == {"docx.field_code", "personal.phone", "personal.email"}, report.findings
    assert report.by_id("personal.phone")[0].severity is Severity.RED
    assert report.by_id("personal.email")[0].severity is Severity.AMBER
