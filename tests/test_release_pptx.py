"""Release check of PowerPoint files: notes, hidden slides and shapes, comments, objects; a plain deck is clean."""

from __future__ import annotations

import os

from test_release_fixtures import zip_with

from foibot.release import Severity, check_file
from foibot.release.findings import Overall
from foibot.release.personal import mask_words

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
P188 = "http://schemas.microsoft.com/office/powerpoint/2018/8/main"
CT = "application/vnd.openxmlformats-officedocument.presentationml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def shape(text: str, *, sid: int = 2, name: str = "TextBox", hidden: bool = False, x: int = 100000,
          y: int = 100000, ph: str | None = None) -> str:
    hid = ' hidden="1"' if hidden else ""
    nvpr = f'<p:nvPr><p:ph type="{ph}"/></p:nvPr>' if ph else "<p:nvPr/>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"{hid}/><p:cNvSpPr txBox="1"/>{nvpr}</p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="3000000" cy="500000"/></a:xfrm></p:spPr>'
            f'<p:txBody><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>')


def slide_xml(*shapes: str, show: bool = True, extra: str = "") -> str:
    attr = "" if show else ' show="0"'
    return (f'{HEAD}<p:sld xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"{attr}><p:cSld><p:spTree>'
            f'<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            f'{"".join(shapes)}{extra}</p:spTree></p:cSld></p:sld>')


def notes_xml(text: str) -> str:
    return (f'{HEAD}<p:notes xmlns:p="{P}" xmlns:a="{A}"><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
            f'<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{shape("", name="Slide Image", ph="sldImg")}'
            f'{shape(text, sid=3, name="Notes", ph="body")}{shape("1", sid=4, name="Number", ph="sldNum")}'
            f'</p:spTree></p:cSld></p:notes>')


def rels(*items: tuple[str, str, str]) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in items)
    return f'{HEAD}<Relationships xmlns="{RELS}">{body}</Relationships>'.encode()


def pptx_bytes(slides: list[str], *, slide_rels: dict[int, list[tuple[str, str, str]]] | None = None,
               extra: dict[str, str | bytes] | None = None, core: str = "") -> bytes:
    """A small presentation written part by part (python-pptx is not a dependency)."""
    ids = "".join(f'<p:sldId id="{256 + i}" r:id="rId{i + 1}"/>' for i in range(len(slides)))
    parts: dict[str, bytes] = {
        "[Content_Types].xml": (
            f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/ppt/presentation.xml" ContentType="{CT}.presentation.main+xml"/>'
            + "".join(f'<Override PartName="/ppt/slides/slide{i + 1}.xml" ContentType="{CT}.slide+xml"/>'
                      for i in range(len(slides))) + "</Types>").encode(),
        "_rels/.rels": rels(("rId1", f"{R}/officeDocument", "ppt/presentation.xml"),
                            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                                     "core-properties", "docProps/core.xml")),
        "docProps/core.xml": (f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                              'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                              f'{core}</cp:coreProperties>').encode(),
        "ppt/presentation.xml": (f'{HEAD}<p:presentation xmlns:p="{P}" xmlns:r="{R}"><p:sldIdLst>{ids}</p:sldIdLst>'
                                 '<p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/>'
                                 '</p:presentation>').encode(),
        "ppt/_rels/presentation.xml.rels": rels(*((f"rId{i + 1}", f"{R}/slide", f"slides/slide{i + 1}.xml")
                                                  for i in range(len(slides)))),
    }
    for i, xml in enumerate(slides):
        parts[f"ppt/slides/slide{i + 1}.xml"] = xml.encode()
    for n, items in (slide_rels or {}).items():
        parts[f"ppt/slides/_rels/slide{n}.xml.rels"] = rels(*items)
    for name, data in (extra or {}).items():
        parts[name] = data.encode() if isinstance(data, str) else data
    return zip_with(parts)


PLAIN = [slide_xml(shape("Incidents by area, 2023", ph="title"), shape("North 120, South 98", sid=3))]


def test_plain_presentation_is_green():
    report = check_file(pptx_bytes(PLAIN), "deck.pptx")
    assert report.kind == "pptx" and report.inspected
    assert report.findings == [] and report.overall is Overall.GREEN


def test_speaker_notes_are_red_with_slide_and_text():
    data = pptx_bytes(PLAIN, slide_rels={1: [("rId9", f"{R}/notesSlide", "../notesSlides/notesSlide1.xml")]},
                      extra={"ppt/notesSlides/notesSlide1.xml": notes_xml("Do not mention the Smith complaint")})
    report = check_file(data, "deck.pptx")
    assert report.ids == {"pptx.notes"}
    f = report.findings[0]
    assert (f.severity, f.where.slide, f.where.part) == (Severity.RED, 1, "ppt/notesSlides/notesSlide1.xml")
    assert mask_words("Smith complaint") in f.message and str(f.where) == "slide 1"
    assert "1" not in f.examples[0].split("Smith")[0]  # the slide-number placeholder is not notes


def test_notes_with_only_placeholders_are_not_reported():
    data = pptx_bytes(PLAIN, slide_rels={1: [("rId9", f"{R}/notesSlide", "../notesSlides/notesSlide1.xml")]},
                      extra={"ppt/notesSlides/notesSlide1.xml": notes_xml("")})
    assert check_file(data, "deck.pptx").findings == []


def test_hidden_slide_and_personal_data_on_it():
    secret = slide_xml(shape("Staff list: jane.officer@police.example.uk"), show=False)
    report = check_file(pptx_bytes([*PLAIN, secret]), "deck.pptx")
    assert report.ids == {"pptx.hidden_slide", "personal.email"}
    hidden = report.by_id("pptx.hidden_slide")[0]
    assert (hidden.severity, hidden.where.slide, hidden.where.part) == (Severity.RED, 2, "ppt/slides/slide2.xml")
    email = report.by_id("personal.email")[0]
    assert email.severity is Severity.RED and "slide 2 (hidden slide)" in email.message


def test_visible_personal_data_is_amber():
    report = check_file(pptx_bytes([slide_xml(shape("Contact 07700 900123 or SW1A 1AA"))]), "deck.pptx")
    assert report.ids == {"personal.phone", "personal.postcode"}
    assert all(f.severity is Severity.AMBER for f in report.findings)


def test_hidden_and_off_slide_shapes():
    deck = [slide_xml(shape("Visible title", ph="title"), shape("DRAFT: named officer PC Jones", sid=3, hidden=True),
                      shape("Parked text off to the right", sid=4, x=13000000))]
    report = check_file(pptx_bytes(deck), "deck.pptx")
    assert report.ids == {"pptx.hidden_shape"}
    f = report.findings[0]
    assert (f.severity, f.where.slide, f.count) == (Severity.RED, 1, 2)
    assert "hidden or off the slide" in f.message


def test_classic_and_modern_comments_with_authors():
    classic = (f'{HEAD}<p:cmLst xmlns:p="{P}"><p:cm authorId="0" dt="2024-01-01T00:00:00" idx="1"><p:pos x="0" y="0"/>'
               '<p:text>Check with legal first</p:text></p:cm></p:cmLst>')
    authors = (f'{HEAD}<p:cmAuthorLst xmlns:p="{P}"><p:cmAuthor id="0" name="J Bloggs" initials="JB" lastIdx="1" '
               'clrIdx="0"/></p:cmAuthorLst>')
    modern = (f'{HEAD}<p188:cmLst xmlns:p188="{P188}" xmlns:a="{A}"><p188:cm id="{{C1}}" authorId="{{A1}}" '
              'created="2024-01-01T00:00:00Z"><p188:replyLst><p188:reply id="{R1}" authorId="{A1}" '
              'created="2024-01-02T00:00:00Z"><p188:txBody><a:bodyPr/><a:p><a:r><a:t>Agreed</a:t></a:r></a:p>'
              '</p188:txBody></p188:reply></p188:replyLst><p188:txBody><a:bodyPr/><a:p><a:r>'
              '<a:t>Remove the victim name</a:t></a:r></a:p></p188:txBody></p188:cm></p188:cmLst>')
    modern_authors = (f'{HEAD}<p188:authorLst xmlns:p188="{P188}"><p188:author id="{{A1}}" name="Alice Reviewer" '
                      'initials="AR" userId="alice" providerId="None"/></p188:authorLst>')
    data = pptx_bytes([*PLAIN, slide_xml(shape("Second slide"))],
                      slide_rels={1: [("rId7", f"{R}/comments", "../comments/comment1.xml")],
                                  2: [("rId8", "http://schemas.microsoft.com/office/2018/10/relationships/comments",
                                       "../comments/modernComment_101_1.xml")]},
                      extra={"ppt/comments/comment1.xml": classic, "ppt/commentAuthors.xml": authors,
                             "ppt/comments/modernComment_101_1.xml": modern, "ppt/authors.xml": modern_authors})
    report = check_file(data, "deck.pptx")
    assert report.ids == {"pptx.comments"}
    f = report.findings[0]
    assert (f.severity, f.count, f.where.slide) == (Severity.RED, 3, 1)
    assert "A**** R*******" in f.message and "J B*****" in f.message
    assert mask_words("Remove the victim name") in f.examples


def test_properties_and_named_embedded_objects():
    ole = ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="5" name="Object 4"/><p:cNvGraphicFramePr/><p:nvPr/>'
           '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></p:xfrm><a:graphic>'
           '<a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
           '<p:oleObj name="Worksheet" r:id="rId5" progId="Excel.Sheet.12"/></a:graphicData></a:graphic>'
           '</p:graphicFrame>')
    data = pptx_bytes([slide_xml(shape("Figures"), extra=ole)],
                      slide_rels={1: [("rId5", f"{R}/package", "../embeddings/Staff_list.xlsx")]},
                      extra={"ppt/embeddings/Staff_list.xlsx": b"PK\x05\x06" + b"\0" * 18},
                      core="<dc:creator>Jane Officer</dc:creator><cp:lastModifiedBy>Bob Editor</cp:lastModifiedBy>")
    report = check_file(data, "deck.pptx")
    assert report.ids == {"ooxml.properties", "ooxml.embedded"}
    props = report.by_id("ooxml.properties")[0]
    assert "creator: J*** O******" in props.message and "last modified by: B** E*****" in props.message
    emb = report.by_id("ooxml.embedded")[0]
    assert emb.severity is Severity.RED and "Staff_list.xlsx" in emb.message
    assert "slide 1: Worksheet (Excel.Sheet.12)" in emb.message


def test_malformed_slide_is_reported_and_the_rest_still_checked():
    data = pptx_bytes([slide_xml(shape("ok")), "<p:sld><broken"],
                      slide_rels={1: [("rId9", f"{R}/notesSlide", "../notesSlides/notesSlide1.xml")]},
                      extra={"ppt/notesSlides/notesSlide1.xml": notes_xml("internal remark")})
    report = check_file(data, "deck.pptx")
    assert report.ids == {"file.malformed", "pptx.notes"}
    assert report.by_id("file.malformed")[0].where.part == "ppt/slides/slide2.xml"
    assert not report.inspected and report.overall is Overall.RED


def test_huge_notes_part_gives_findings_not_a_traceback():
    many = "".join(f"<a:p><a:r><a:t>note line {i}</a:t></a:r></a:p>" for i in range(100_000))
    notes = notes_xml("x").replace("<a:p><a:r><a:t>x</a:t></a:r></a:p>", many)
    data = pptx_bytes(PLAIN, slide_rels={1: [("rId9", f"{R}/notesSlide", "../notesSlides/notesSlide1.xml")]},
                      extra={"ppt/notesSlides/notesSlide1.xml": notes})
    report = check_file(data, "deck.pptx")
    assert report.ids == {"pptx.notes"} and report.inspected
    one_node = notes_xml(os.urandom(5_500_000).hex())  # one text node beyond lxml's safe limit (10 MB)
    data = pptx_bytes(PLAIN, slide_rels={1: [("rId9", f"{R}/notesSlide", "../notesSlides/notesSlide1.xml")]},
                      extra={"ppt/notesSlides/notesSlide1.xml": one_node})
    report = check_file(data, "deck.pptx")
    assert "file.malformed" in report.ids and report.overall is Overall.RED and not report.inspected


def test_slide_part_missing_from_the_list_counts_as_hidden():
    data = pptx_bytes(PLAIN, extra={"ppt/slides/slide7.xml": slide_xml(shape("Old draft slide"))})
    report = check_file(data, "deck.pptx")
    assert report.ids == {"pptx.hidden_slide"}
    f = report.findings[0]
    assert f.where.slide is None and f.where.part == "ppt/slides/slide7.xml" and "not in the slide list" in f.message
