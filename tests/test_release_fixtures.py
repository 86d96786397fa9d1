"""Builders for the release-check tests: every fixture is made here, in code, in a temporary folder.

This module holds no tests itself; the other test_release_* modules import it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.workbook.defined_name import DefinedName

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
ODR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

PIVOT_DEF = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheDefinition xmlns="{MAIN}" xmlns:r="{ODR}" r:id="rId1" refreshOnLoad="1" recordCount="3">
<cacheSource type="worksheet"><worksheetSource ref="A1:C4" sheet="Staff"/></cacheSource>
<cacheFields count="3">
<cacheField name="Name" numFmtId="0"><sharedItems count="3"><s v="Alice Jones"/><s v="Bob Brown"/><s v="Carol White"/>
</sharedItems></cacheField>
<cacheField name="Email" numFmtId="0"><sharedItems count="3"><s v="alice.jones@police.example.uk"/>
<s v="bob.brown@police.example.uk"/><s v="carol.white@police.example.uk"/></sharedItems></cacheField>
<cacheField name="Team" numFmtId="0"><sharedItems count="2"><s v="CID"/><s v="Traffic"/></sharedItems></cacheField>
</cacheFields></pivotCacheDefinition>"""

PIVOT_RECORDS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheRecords xmlns="{MAIN}" xmlns:r="{ODR}" count="3">
<r><x v="0"/><x v="0"/><x v="0"/></r><r><x v="1"/><x v="1"/><x v="1"/></r><r><x v="2"/><x v="2"/><x v="0"/></r>
</pivotCacheRecords>"""

PIVOT_TABLE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotTableDefinition xmlns="{MAIN}" name="PivotTable1" cacheId="1" dataCaption="Values">
<location ref="F1:G3" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>
<pivotFields count="3"><pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/>
<item t="default"/></items></pivotField><pivotField showAll="0"/><pivotField showAll="0"/></pivotFields>
</pivotTableDefinition>"""

EXTERNAL_LINK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<externalLink xmlns="{MAIN}" xmlns:r="{ODR}"><externalBook r:id="rId1"><sheetNames><sheetName val="Staff"/>
</sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>Dave Green</v></cell></row>
</sheetData></sheetDataSet></externalBook></externalLink>"""

CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def rewrite_zip(src: bytes, changes: dict[str, bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    """Copy a zip, replacing (or with None dropping) parts, then adding ``extra``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in changes:
                if changes[info.filename] is not None:
                    zout.writestr(info.filename, changes[info.filename])
            else:
                zout.writestr(info.filename, zin.read(info))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return out.getvalue()


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def clean_workbook_bytes() -> bytes:
    """A plain table: no hidden anything, no personal data, no small counts, no properties."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Incidents"
    ws.append(["Area", "Incidents", "Arrests"])
    for area, a, b in (("North", 120, 35), ("South", 98, 21), ("East", 143, 40), ("West", 77, 18)):
        ws.append([area, a, b])
    wb.properties.creator = None
    return _save(wb)


def planted_workbook_bytes() -> bytes:
    """Every spreadsheet leak the release check knows, planted once."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws.append(["Area", "Incidents", "Officers"])
    for row in (("North", 12, "=Staff!A2"), ("South", 3, 7), ("East", 25, 9), ("West", 40, 11)):
        ws.append(list(row))
    ws["B2"].comment = Comment("Check with Alice Jones before release", "J Bloggs")
    ws["A7"] = "Hidden row: contact j.smith@example.org"
    ws.row_dimensions[7].hidden = True
    ws["A9"] = "WHITE-SECRET text"
    ws["A9"].font = Font(color="FFFFFFFF")
    staff = wb.create_sheet("Staff")
    staff.append(["Name", "Email", "Team"])
    staff.append(["Alice Jones", "alice.jones@police.example.uk", "CID"])
    staff.append(["Bob Brown", "bob.brown@police.example.uk", "Traffic"])
    staff.sheet_state = "hidden"
    vault = wb.create_sheet("Vault")
    vault["A1"] = "VAULT-SECRET"
    vault.sheet_state = "veryHidden"
    wb.defined_names["StaffList"] = DefinedName("StaffList", attr_text="Staff!$A$1:$B$3")
    wb.properties.creator = "Jane Officer"
    wb.properties.lastModifiedBy = "Jane Officer"
    raw = _save(wb)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        workbook = z.read("xl/workbook.xml").decode()
        wb_rels = z.read("xl/_rels/workbook.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
        sheet1 = z.read("xl/worksheets/sheet1.xml").decode()
        sheet1_rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
    # pivot cache + external link hang off the workbook; the pivot table hangs off Summary
    workbook = workbook.replace("</workbook>", f'<pivotCaches><pivotCache cacheId="1" r:id="rIdPC1" '
                                               f'xmlns:r="{ODR}"/></pivotCaches></workbook>')
    workbook = workbook.replace("<definedNames>", f'<externalReferences><externalReference r:id="rIdEL1" '
                                                  f'xmlns:r="{ODR}"/></externalReferences><definedNames>')
    wb_rels = wb_rels.replace("</Relationships>",
                              f'<Relationship Id="rIdPC1" Type="{ODR}/pivotCacheDefinition" '
                              f'Target="pivotCache/pivotCacheDefinition1.xml"/>'
                              f'<Relationship Id="rIdEL1" Type="{ODR}/externalLink" '
                              f'Target="externalLinks/externalLink1.xml"/></Relationships>')
    sheet1_rels = sheet1_rels.replace("</Relationships>", f'<Relationship Id="rIdPT1" Type="{ODR}/pivotTable" '
                                                          f'Target="../pivotTables/pivotTable1.xml"/></Relationships>')
    # a formula pointing into another workbook through the external link
    sheet1 = sheet1.replace('<c r="C3" t="n"><v>7</v></c>', '<c r="C3"><f>[1]Staff!A1</f><v>7</v></c>')
    types = types.replace("</Types>",
                          f'<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" '
                          f'ContentType="{CT}.pivotCacheDefinition+xml"/>'
                          f'<Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" '
                          f'ContentType="{CT}.pivotCacheRecords+xml"/>'
                          f'<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="{CT}.pivotTable+xml"/>'
                          f'<Override PartName="/xl/externalLinks/externalLink1.xml" '
                          f'ContentType="{CT}.externalLink+xml"/></Types>')
    extra = {
        "xl/pivotCache/pivotCacheDefinition1.xml": PIVOT_DEF.encode(),
        "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{ODR}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>').encode(),
        "xl/pivotCache/pivotCacheRecords1.xml": PIVOT_RECORDS.encode(),
        "xl/pivotTables/pivotTable1.xml": PIVOT_TABLE.encode(),
        "xl/pivotTables/_rels/pivotTable1.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{ODR}/pivotCacheDefinition" Target="../pivotCache/pivotCacheDefinition1.xml"/>'
            f'</Relationships>').encode(),
        "xl/externalLinks/externalLink1.xml": EXTERNAL_LINK.encode(),
        "xl/externalLinks/_rels/externalLink1.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{ODR}/externalLinkPath" Target="file:///\\\\fileserver\\hr\\HR.xlsx" TargetMode="External"/>'
            f'</Relationships>').encode(),
    }
    changes = {"xl/workbook.xml": workbook.encode(), "xl/_rels/workbook.xml.rels": wb_rels.encode(),
               "[Content_Types].xml": types.encode(), "xl/worksheets/sheet1.xml": sheet1.encode(),
               "xl/worksheets/_rels/sheet1.xml.rels": sheet1_rels.encode()}
    return rewrite_zip(raw, changes, extra)


# ---------------------------------------------------------------- Word

def _docx_bytes(doc: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def clean_docx_bytes() -> bytes:
    doc = docx.Document()
    doc.add_paragraph("Thank you for your request. The information is attached.")
    raw = _docx_bytes(doc)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        core = z.read("docProps/core.xml").decode()
    core = core.replace("<dc:creator>python-docx</dc:creator>", "<dc:creator></dc:creator>")
    core = core.replace("<dc:description>generated by python-docx</dc:description>", "<dc:description/>")
    return rewrite_zip(raw, {"docProps/core.xml": core.encode(), "docProps/thumbnail.jpeg": None})


def planted_docx_bytes() -> bytes:
    """Tracked changes, a comment, hidden text, a template on a file share, an author."""
    doc = docx.Document()
    doc.add_paragraph("Response to request FOI-123.")
    doc.add_paragraph("The officer involved was ")
    doc.add_paragraph("HIDDEN-SECRET placeholder")
    run = doc.paragraphs[0].runs[0]
    doc.add_comment(run, text="COMMENT-SECRET: ask Alice first", author="J Bloggs", initials="JB")
    doc.core_properties.author = "Jane Officer"
    section = doc.sections[0]
    section.footer.paragraphs[0].text = "Reference FOI-123"
    raw = _docx_bytes(doc)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        body = z.read("word/document.xml").decode()
        app = z.read("docProps/app.xml").decode()
        settings = z.read("word/settings.xml").decode()
        doc_rels = z.read("word/_rels/document.xml.rels").decode()
    ins = ('<w:ins w:id="901" w:author="Bob Editor" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">'
           'a constable</w:t></w:r></w:ins>')
    dele = ('<w:del w:id="902" w:author="Bob Editor" w:date="2024-01-01T00:00:00Z"><w:r>'
            '<w:delText>DELETED-SECRET PC Smith</w:delText></w:r></w:del>')
    body = body.replace('<w:t xml:space="preserve">The officer involved was </w:t></w:r>',
                        f'<w:t xml:space="preserve">The officer involved was </w:t></w:r>{ins}{dele}')
    body = body.replace("<w:r><w:t>HIDDEN-SECRET placeholder</w:t></w:r>",
                        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN-SECRET placeholder</w:t></w:r>"
                        "<w:r><w:t>Visible text.</w:t></w:r>")
    app = app.replace("<Template>Normal.dotm</Template>", "<Template>\\\\fileserver\\share\\template.dotx</Template>")
    settings = settings.replace("<w:zoom", '<w:attachedTemplate r:id="rIdT1"/><w:zoom')
    if 'xmlns:r="' not in settings.split(">", 2)[1]:
        settings = settings.replace("<w:settings ", f'<w:settings xmlns:r="{ODR}" ', 1)
    settings_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{RELS}">'
                     f'<Relationship Id="rIdT1" Type="{ODR}/attachedTemplate" '
                     f'Target="file:///\\\\fileserver\\share\\template.dotx" TargetMode="External"/></Relationships>')
    changes = {"word/document.xml": body.encode(), "docProps/app.xml": app.encode(),
               "word/settings.xml": settings.encode(), "word/_rels/document.xml.rels": doc_rels.encode()}
    return rewrite_zip(raw, changes, {"word/_rels/settings.xml.rels": settings_rels.encode()})


# ---------------------------------------------------------------- PDF

def pdf_bytes(streams: list[bytes], info: bytes = b"", catalog_extra: bytes = b"", page_extra: bytes = b"",
              extra_objects: list[bytes] | None = None) -> bytes:
    """A minimal, valid PDF written by hand: one Helvetica font, one content stream per page."""
    n_pages = len(streams)
    extra_objects = extra_objects or []
    objs: list[bytes] = []
    first_page = 4
    kids = b" ".join(f"{first_page + 2 * i} 0 R".encode() for i in range(n_pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>")
    objs.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(n_pages).encode() + b" >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, stream in enumerate(streams):
        content_num = first_page + 2 * i + 1
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents " + f"{content_num} 0 R".encode() + b" " + page_extra + b" >>")
        objs.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    objs.extend(extra_objects)
    info_num = None
    if info:
        objs.append(info)
        info_num = len(objs)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    trailer = f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R".encode()
    if info_num:
        trailer += f" /Info {info_num} 0 R".encode()
    out += trailer + f" >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


TEXT_LINE = b"BT /F1 12 Tf 72 700 Td (Name: John Smith, born 1980) Tj ET\n"
BLACK_BOX = b"0 0 0 rg 110 696 80 14 re f\n"
ELSEWHERE_BOX = b"0 0 0 rg 72 400 80 14 re f\n"


def redacted_pdf_bytes() -> bytes:
    """Text drawn, then a black box painted over 'John Smith': a failed redaction."""
    return pdf_bytes([b"BT /F1 12 Tf 72 740 Td (Page one heading) Tj ET\n" + TEXT_LINE + BLACK_BOX])


def clean_pdf_bytes() -> bytes:
    """The same page with the name really removed, and a box that covers nothing."""
    return pdf_bytes([b"BT /F1 12 Tf 72 740 Td (Page one heading) Tj ET\n"
                      b"BT /F1 12 Tf 72 700 Td (Name: [redacted]) Tj ET\n" + ELSEWHERE_BOX])


def incremental_pdf_bytes() -> bytes:
    """A clean PDF with an incremental update appended (a second xref, trailer and %%EOF)."""
    base = clean_pdf_bytes()
    prev = int(base.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    body = b"(Name: John Smith)"
    obj = b"6 0 obj\n<< /Length " + str(len(body)).encode() + b" >>\nstream\n" + body + b"\nendstream\nendobj\n"
    off = len(base)
    xref = off + len(obj)
    tail = (obj + f"xref\n0 1\n0000000000 65535 f \n6 1\n{off:010d} 00000 n \n"
            f"trailer\n<< /Size 7 /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return base + tail


def encrypted_pdf_bytes() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(clean_pdf_bytes())))
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- hostile

def fake_encrypted_ooxml() -> bytes:
    """What a password-protected xlsx looks like from outside: a CFB container with an EncryptedPackage stream."""
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return head + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le") + \
        b"\x00" * 1000


def zip_with(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def zip_text(path_or_bytes: Path | bytes) -> bytes:
    """Every part of a zip, decompressed and joined: to grep a package for planted strings."""
    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return b"\n".join(z.read(n) for n in z.namelist())
