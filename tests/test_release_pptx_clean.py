"""Clean copies of presentations: notes, comments, hidden slides and shapes and properties gone; what the slides show
kept; the copy re-checks green and is a valid package."""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from test_release_fixtures import rewrite_zip, write, zip_text
from test_release_pptx import CT, HEAD, P188, PLAIN, A, P, R, notes_xml, pptx_bytes, rels, shape, slide_xml

from foibot.release import CannotClean, Severity, check_file, clean_copy
from foibot.release.cli import main
from foibot.release.findings import Overall

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
CTYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
MODERN = "http://schemas.microsoft.com/office/2018/10/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships/metadata"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def assert_valid_package(path: Path) -> dict[str, bytes]:
    """Every relationship target exists, every part has a content type and every override names a part; every
    r:id in a part names one of its relationships; the slide list resolves. Returns the parts."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    lower = {n.lower() for n in parts}
    types = etree.fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension").lower() for d in types.iter(f"{{{CTYPES}}}Default")}
    overrides = {o.get("PartName").lstrip("/").lower() for o in types.iter(f"{{{CTYPES}}}Override")}
    assert overrides <= lower, overrides - lower
    for name in parts:
        if name != "[Content_Types].xml":
            assert name.lower() in overrides or name.rsplit(".", 1)[-1].lower() in defaults, name
    ids: dict[str, set[str]] = {}
    for name, data in parts.items():
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))
        source = posixpath.join(folder, posixpath.basename(name)[:-5])
        assert source == "" or source.lower() in lower, f"{name} belongs to no part"
        ids[source.lower()] = set()
        for rel in etree.fromstring(data).iter(RELS_NS):
            ids[source.lower()].add(rel.get("Id"))
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            assert resolved.lower() in lower, f"{name}: {target} is missing"
    for name, data in parts.items():
        if not name.endswith(".xml") or name == "[Content_Types].xml":
            continue
        for el in etree.fromstring(data).iter():
            for k, v in el.attrib.items():
                if k.startswith(f"{{{R}}}"):
                    assert v in ids.get(name.lower(), set()), f"{name}: {k}={v} names no relationship"
    return parts


def _modern_comment(text: str) -> str:
    return (f'{HEAD}<p188:cmLst xmlns:p188="{P188}" xmlns:a="{A}"><p188:cm id="{{C1}}" authorId="{{A1}}" '
            'created="2024-01-01T00:00:00Z"><p188:txBody><a:bodyPr/><a:p><a:r>'
            f'<a:t>{text}</a:t></a:r></a:p></p188:txBody></p188:cm></p188:cmLst>')


def planted_deck() -> bytes:
    """Three listed slides (the second hidden) and an unlisted one, with everything the check finds planted."""
    hidden_pic = ('<p:pic><p:nvPicPr><p:cNvPr id="7" name="Secret photo" hidden="1"/><p:cNvPicPr/><p:nvPr/>'
                  '</p:nvPicPr><p:blipFill><a:blip r:embed="rId4"/></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/>'
                  '<a:ext cx="10" cy="10"/></a:xfrm></p:spPr></p:pic>')
    timing = ('<p:timing><p:tnLst><p:par><p:cTn id="1" dur="indefinite" nodeType="tmRoot"><p:childTnLst><p:set>'
              '<p:cBhvr><p:cTn id="2" dur="1"/><p:tgtEl><p:spTgt spid="3"/></p:tgtEl></p:cBhvr></p:set>'
              '</p:childTnLst></p:cTn></p:par></p:tnLst></p:timing>')
    slide1 = slide_xml(shape("Incidents by area, 2023", ph="title"), shape("North 120, South 98", sid=5),
                       shape("HIDDEN-SHAPE-SECRET PC Jones", sid=3, hidden=True),
                       shape("OFFSLIDE-SECRET parked", sid=4, x=13000000), hidden_pic).replace(
        "</p:cSld>", "</p:cSld>" + timing)
    slide2 = slide_xml(shape("HIDDEN-SLIDE-SECRET staff list"), show=False, extra=(
        '<p:pic><p:nvPicPr><p:cNvPr id="9" name="Chart photo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
        '<a:blip r:embed="rId3"/></p:blipFill><p:spPr/></p:pic>'))
    link = '<a:r><a:rPr><a:hlinkClick r:id="{}" action="{}"/></a:rPr><a:t>'
    slide3 = slide_xml(shape("See the appendix", sid=2).replace(
        "<a:r><a:t>See", link.format("rId5", "ppaction://hlinksldjump") + "See"), shape("Our website", sid=3).replace(
        "<a:r><a:t>Our", link.format("rId6", "") + "Our")).replace(
        "</p:cSld>", '</p:cSld><p:extLst><p:ext uri="{6950BFC3-D8DA-4A85-94F7-54DA5524770B}">'
                     f'<p188:commentRel xmlns:p188="{P188}" r:id="rId7"/></p:ext></p:extLst>')
    data = pptx_bytes(
        [slide1, slide2, slide3],
        slide_rels={1: [("rId2", f"{R}/notesSlide", "../notesSlides/notesSlide1.xml"),
                        ("rId3", f"{R}/comments", "../comments/comment1.xml"),
                        ("rId4", f"{R}/image", "../media/image1.png")],
                    2: [("rId2", f"{R}/notesSlide", "../notesSlides/notesSlide2.xml"),
                        ("rId3", f"{R}/image", "../media/image2.png")],
                    3: [("rId5", f"{R}/slide", "slide2.xml"), ("rId6", f"{R}/hyperlink", "https://example.org"),
                        ("rId7", f"{MODERN}/comments", "../comments/modernComment_103_1.xml")]},
        extra={
            "ppt/notesSlides/notesSlide1.xml": notes_xml("NOTES-SECRET do not mention Smith"),
            "ppt/notesSlides/notesSlide2.xml": notes_xml("NOTES2-SECRET"),
            "ppt/notesSlides/_rels/notesSlide1.xml.rels": rels(("rId1", f"{R}/slide", "../slides/slide1.xml")),
            "ppt/comments/comment1.xml": (f'{HEAD}<p:cmLst xmlns:p="{P}"><p:cm authorId="0" idx="1"><p:pos x="0" '
                                          'y="0"/><p:text>CLASSIC-COMMENT-SECRET</p:text></p:cm></p:cmLst>'),
            "ppt/commentAuthors.xml": (f'{HEAD}<p:cmAuthorLst xmlns:p="{P}"><p:cmAuthor id="0" name="J Bloggs" '
                                       'initials="JB" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>'),
            "ppt/comments/modernComment_103_1.xml": _modern_comment("MODERN-COMMENT-SECRET"),
            "ppt/authors.xml": (f'{HEAD}<p188:authorLst xmlns:p188="{P188}"><p188:author id="{{A1}}" '
                                'name="Alice Reviewer" initials="AR" userId="alice" providerId="None"/>'
                                '</p188:authorLst>'),
            "ppt/slides/slide9.xml": slide_xml(shape("UNLISTED-SLIDE-SECRET")),
            "ppt/media/image1.png": PNG, "ppt/media/image2.png": PNG,
            "docProps/app.xml": (f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                                 'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
                                 '2006/docPropsVTypes"><Company>West Police</Company><Slides>3</Slides><Notes>2'
                                 '</Notes><HiddenSlides>1</HiddenSlides><HeadingPairs><vt:vector size="2" '
                                 'baseType="variant"><vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant>'
                                 '<vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>'
                                 '<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>TITLE-SECRET'
                                 '</vt:lpstr></vt:vector></TitlesOfParts></Properties>'),
            "docProps/custom.xml": ('<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
                                    'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.'
                                    'org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-'
                                    '9397-08002B2CF9AE}" pid="2" name="Owner"><vt:lpwstr>CUSTOM-SECRET</vt:lpwstr>'
                                    '</property></Properties>'),
            "docProps/thumbnail.jpeg": b"\xff\xd8\xff\xe0THUMB",
        },
        core="<dc:creator>Jane Officer</dc:creator><cp:lastModifiedBy>Bob Editor</cp:lastModifiedBy>")
    presentation = (f'{HEAD}<p:presentation xmlns:p="{P}" xmlns:r="{R}"><p:sldIdLst><p:sldId id="256" r:id="rId1"/>'
                    '<p:sldId id="257" r:id="rId2"/><p:sldId id="258" r:id="rId3"/></p:sldIdLst>'
                    '<p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/><p:custShowLst>'
                    '<p:custShow name="Briefing" id="0"><p:sldLst><p:sld r:id="rId2"/><p:sld r:id="rId3"/>'
                    '</p:sldLst></p:custShow></p:custShowLst><p:extLst><p:ext uri="{521415D9-36F7-43E2-AB2F-'
                    f'B90AF26B5E84}}"><p14:sectionLst xmlns:p14="{P14}"><p14:section name="All" id="{{S1}}">'
                    '<p14:sldIdLst><p14:sldId id="256"/><p14:sldId id="257"/><p14:sldId id="258"/></p14:sldIdLst>'
                    '</p14:section></p14:sectionLst></p:ext></p:extLst></p:presentation>')
    pres_rels = rels(*((f"rId{i}", f"{R}/slide", f"slides/slide{i}.xml") for i in (1, 2, 3)),
                     ("rId8", f"{R}/commentAuthors", "commentAuthors.xml"),
                     ("rId9", f"{MODERN}/authors", "authors.xml"))
    root_rels = rels(("rId1", f"{R}/officeDocument", "ppt/presentation.xml"),
                     ("rId2", f"{PKG_RELS}/core-properties", "docProps/core.xml"),
                     ("rId3", f"{R}/extended-properties", "docProps/app.xml"),
                     ("rId4", f"{R}/custom-properties", "docProps/custom.xml"),
                     ("rId5", f"{PKG_RELS}/thumbnail", "docProps/thumbnail.jpeg"))
    overrides = "".join(f'<Override PartName="/{p}" ContentType="{t}"/>' for p, t in (
        ("ppt/notesSlides/notesSlide1.xml", f"{CT}.notesSlide+xml"),
        ("ppt/notesSlides/notesSlide2.xml", f"{CT}.notesSlide+xml"),
        ("ppt/comments/comment1.xml", f"{CT}.comments+xml"),
        ("ppt/commentAuthors.xml", f"{CT}.commentAuthors+xml"),
        ("ppt/comments/modernComment_103_1.xml", "application/vnd.ms-powerpoint.comments+xml"),
        ("ppt/authors.xml", "application/vnd.ms-powerpoint.authors+xml"),
        ("ppt/slides/slide9.xml", f"{CT}.slide+xml"),
        ("docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml")))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml").decode()
        slide3_rels = z.read("ppt/slides/_rels/slide3.xml.rels").replace(
            b'Target="https://example.org"', b'Target="https://example.org" TargetMode="External"')
    types = types.replace("</Types>", '<Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" '
                                      f'ContentType="image/jpeg"/>{overrides}</Types>')
    return rewrite_zip(data, {"[Content_Types].xml": types.encode(), "ppt/presentation.xml": presentation.encode(),
                              "ppt/_rels/presentation.xml.rels": pres_rels, "_rels/.rels": root_rels,
                              "ppt/slides/_rels/slide3.xml.rels": slide3_rels})


SECRETS = (b"HIDDEN-SHAPE-SECRET", b"OFFSLIDE-SECRET", b"HIDDEN-SLIDE-SECRET", b"NOTES-SECRET", b"NOTES2-SECRET",
           b"CLASSIC-COMMENT-SECRET", b"MODERN-COMMENT-SECRET", b"J Bloggs", b"Alice Reviewer",
           b"UNLISTED-SLIDE-SECRET", b"TITLE-SECRET", b"CUSTOM-SECRET", b"Jane Officer", b"Bob Editor",
           b"West Police", b"THUMB")


def test_planted_deck_is_found_before_cleaning():
    report = check_file(planted_deck(), "deck.pptx")
    assert report.inspected
    assert {"pptx.notes", "pptx.hidden_slide", "pptx.hidden_shape", "pptx.comments", "ooxml.properties"} \
        <= report.ids
    assert "pptx.missing_part" not in report.ids


def test_clean_copy_removes_what_the_check_finds_and_keeps_what_the_slides_show(tmp_path):
    result = clean_copy(write(tmp_path, "deck.pptx", planted_deck()), tmp_path / "out")
    [out] = result.paths
    assert out.name == "deck.clean.pptx"
    recheck = check_file(out)
    assert recheck.ids == {"pptx.custom_show"} and recheck.overall is Overall.GREEN, recheck.findings
    assert recheck.findings[0].severity is Severity.INFO and "'Briefing' (slide 2)" in recheck.findings[0].message
    text = zip_text(out)
    for secret in SECRETS:
        assert secret not in text, secret
    for shown in (b"Incidents by area, 2023", b"North 120, South 98", b"See the appendix", b"https://example.org",
                  b"Our website"):
        assert shown in text, shown
    parts = assert_valid_package(out)
    names = {n.lower() for n in parts}
    assert "ppt/slides/slide2.xml" not in names and "ppt/slides/slide9.xml" not in names
    assert "ppt/media/image1.png" not in names and "ppt/media/image2.png" not in names  # used only by what went
    assert not [n for n in names if n.startswith(("ppt/notesslides/", "ppt/comments/"))]
    pres = parts["ppt/presentation.xml"].decode()
    assert 'id="257"' not in pres and pres.count("<p:sldId ") == 2 and pres.count("<p14:sldId ") == 2
    assert pres.count("<p:sld ") == 1  # the custom show keeps its visible slide
    slide1, slide3 = parts["ppt/slides/slide1.xml"].decode(), parts["ppt/slides/slide3.xml"].decode()
    assert "<p:timing" not in slide1 and "commentRel" not in slide3
    assert slide3.count("hlinkClick") == 1 and "hlinksldjump" not in slide3  # the link to the hidden slide goes
    app = parts["docProps/app.xml"].decode()
    assert "<Slides>2</Slides>" in app and "<Notes>0</Notes>" in app and "TitlesOfParts" not in app
    assert any("Animations" in n for n in result.notes)


def test_cli_cleans_a_presentation(tmp_path, capsys):
    path = write(tmp_path, "deck.pptx", planted_deck())
    assert main([str(path), "--clean", str(tmp_path / "out")]) == 2
    shown = capsys.readouterr().out
    assert "Clean copy of deck.pptx:" in shown and "deck.clean.pptx: GREEN" in shown


def test_plain_deck_comes_through_unchanged_in_what_it_shows(tmp_path):
    [out] = clean_copy(write(tmp_path, "plain.pptx", pptx_bytes(PLAIN)), tmp_path / "out").paths
    assert check_file(out).findings == []
    parts = assert_valid_package(out)
    assert b"North 120, South 98" in parts["ppt/slides/slide1.xml"]


def test_macro_in_a_presentation_is_dropped(tmp_path):
    data = pptx_bytes(PLAIN, extra={"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml").decode()
        pres_rels = z.read("ppt/_rels/presentation.xml.rels").decode()
    types = types.replace(f"{CT}.presentation.main+xml", "application/vnd.ms-powerpoint.presentation.macroEnabled."
                          "main+xml").replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.'
                                                          'ms-office.vbaProject"/></Types>')
    pres_rels = pres_rels.replace("</Relationships>", '<Relationship Id="rId99" Type="http://schemas.microsoft.com/'
                                  'office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
    data = rewrite_zip(data, {"[Content_Types].xml": types.encode(),
                              "ppt/_rels/presentation.xml.rels": pres_rels.encode()})
    assert "ooxml.macros" in check_file(data, "m.pptx").ids
    [out] = clean_copy(write(tmp_path, "m.pptx", data), tmp_path / "out").paths
    assert check_file(out).findings == []
    parts = assert_valid_package(out)
    assert b"macroEnabled" not in parts["[Content_Types].xml"]


def test_every_slide_hidden_leaves_an_empty_but_valid_deck(tmp_path):
    data = pptx_bytes([slide_xml(shape("SECRET ONLY"), show=False)])
    result = clean_copy(write(tmp_path, "h.pptx", data), tmp_path / "out")
    [out] = result.paths
    assert check_file(out).findings == [] and b"SECRET ONLY" not in zip_text(out)
    assert_valid_package(out)
    assert any("No slides are left" in n for n in result.notes)


# hostile packages: a clear finding and a valid clean copy, never a traceback

def test_notes_part_referenced_but_missing(tmp_path):
    data = pptx_bytes(PLAIN, slide_rels={1: [("rId9", f"{R}/notesSlide", "../notesSlides/notesSlide1.xml")]})
    report = check_file(data, "deck.pptx")
    assert report.ids == {"pptx.missing_part"} and report.inspected
    f = report.findings[0]
    assert (f.severity, f.where.slide) == (Severity.AMBER, 1)
    assert "notesSlide part ppt/notesSlides/notesSlide1.xml" in f.message
    [out] = clean_copy(write(tmp_path, "deck.pptx", data), tmp_path / "out").paths
    assert check_file(out).findings == []
    assert_valid_package(out)


def test_slide_list_pointing_at_a_missing_part(tmp_path):
    data = pptx_bytes([*PLAIN, slide_xml(shape("two"))])
    data = rewrite_zip(data, {"ppt/slides/slide2.xml": None})
    report = check_file(data, "deck.pptx")
    assert report.ids == {"pptx.missing_part"} and report.inspected
    assert "slide list entry: ppt/slides/slide2.xml" in report.findings[0].message
    result = clean_copy(write(tmp_path, "deck.pptx", data), tmp_path / "out")
    [out] = result.paths
    assert check_file(out).findings == []
    parts = assert_valid_package(out)
    assert parts["ppt/presentation.xml"].count(b"<p:sldId ") == 1
    assert any("missing slide" in n for n in result.notes)


def test_slide_list_entry_naming_no_relationship(tmp_path):
    data = pptx_bytes(PLAIN)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        pres = z.read("ppt/presentation.xml").decode()
    pres = pres.replace("</p:sldIdLst>", '<p:sldId id="300" r:id="rId77"/></p:sldIdLst>')
    data = rewrite_zip(data, {"ppt/presentation.xml": pres.encode()})
    report = check_file(data, "deck.pptx")
    assert report.ids == {"pptx.missing_part"} and "relationship rId77" in report.findings[0].message
    [out] = clean_copy(write(tmp_path, "deck.pptx", data), tmp_path / "out").paths
    assert check_file(out).findings == []
    assert_valid_package(out)


@pytest.mark.parametrize("drop", ["_rels/.rels", "ppt/presentation.xml"])
def test_package_without_its_presentation_is_refused_clearly(tmp_path, drop):
    data = rewrite_zip(pptx_bytes(PLAIN), {drop: None})
    with pytest.raises(CannotClean) as exc:
        clean_copy(write(tmp_path, "deck.pptx", data), tmp_path / "out")
    assert "deck.pptx" in str(exc.value)


def test_damage_the_check_does_not_read_refuses_the_copy_clearly(tmp_path):
    data = rewrite_zip(pptx_bytes(PLAIN), {"[Content_Types].xml": b"<Types><broken"})
    with pytest.raises(CannotClean) as exc:
        clean_copy(write(tmp_path, "deck.pptx", data), tmp_path / "out")
    assert "not well-formed" in str(exc.value)


def test_connector_to_a_removed_shape_loses_its_end(tmp_path):
    cxn = ('<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="8" name="Line"/><p:cNvCxnSpPr><a:stCxn id="3" idx="0"/>'
           '<a:endCxn id="2" idx="0"/></p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr><p:spPr/></p:cxnSp>')
    deck = [slide_xml(shape("Kept", sid=2), shape("GONE-SECRET", sid=3, hidden=True), cxn)]
    [out] = clean_copy(write(tmp_path, "c.pptx", pptx_bytes(deck)), tmp_path / "out").paths
    parts = assert_valid_package(out)
    slide = parts["ppt/slides/slide1.xml"].decode()
    assert "GONE-SECRET" not in slide and "stCxn" not in slide and '<a:endCxn id="2"' in slide
