"""Clean copy of a presentation: speaker notes, comments (classic and modern, with their authors lists), hidden and
unlisted slides, hidden and off-slide shapes (inside groups too, and on masters and layouts), custom properties, the
thumbnail and macros removed; alt text that names people blanked; document properties cleared as in a Word clean
copy.

The copy stays a valid package: every part that is dropped loses its relationships part, every relationship pointing
at it and its content-type override; every element that named a dropped relationship (a slide in the slide list or a
custom show, a link to a hidden slide, a modern comment marker) is removed too; parts nothing reaches any more (a
chart or picture used only on a hidden slide, say) are left out. Parts are read through the package's safe parser
(no DTD, no entities, no network, size limits) and rewritten with lxml; the input has already passed the check.
"""

from __future__ import annotations

import contextlib
import posixpath
import zipfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from foibot.release.clean_docx import APP_CLEAR, CORE_CLEAR, clear
from foibot.release.ooxml import blank_internal_links, names_people, picture_notes
from foibot.release.package import REL_NS, MalformedError, Package, Rel
from foibot.release.personal import Tally
from foibot.release.pptx_parts import DEFAULT_SIZE, P, alt_texts, shown_and_hidden

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_FALSE = ("0", "false")
_DROP_KINDS = {"notesSlide", "comments", "commentAuthors", "authors", "custom-properties", "thumbnail",
               "vbaProject", "changesInfo"}
_DROP_PREFIXES = ("ppt/notesslides/", "ppt/comments/", "ppt/commentauthors.xml", "ppt/authors.xml",
                  "docprops/custom.xml", "docprops/thumbnail", "ppt/changesinfos/")
# elements that only point at a relationship: removed with it (a slide in a list, a link, an extension's marker)
_REF_ONLY = {"sldId", "sld", "hlinkClick", "hlinkHover", "hlinkMouseOver", "snd"}
_MACRO_MAIN = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
_PLAIN_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _source_of(rels_name: str) -> str | None:
    """The part whose relationships ``rels_name`` holds ('' for the package), or None if it is not a rels name."""
    folder, base = posixpath.split(rels_name)
    if posixpath.basename(folder) != "_rels" or not base.lower().endswith(".rels"):
        return None
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")]).lower()


def _dump(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass
class _Plan:
    pkg: Package
    parts: dict[str, str] = field(default_factory=dict)  # lower-case name -> name as stored
    rels: dict[str, dict[str, Rel]] = field(default_factory=dict)  # lower-case source ('' = package) -> rels
    drop: set[str] = field(default_factory=set)
    unused: dict[str, set[str]] = field(default_factory=dict)  # source -> rel ids its removed shapes used
    edited: dict[str, etree._Element] = field(default_factory=dict)  # lower-case name -> rewritten XML
    dropped_ids: set[str] = field(default_factory=set)  # numeric slide ids taken out of the slide list
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def xml(self, low: str) -> etree._Element:
        if low not in self.edited:
            self.edited[low] = self.pkg.xml(self.parts[low])
        return self.edited[low]


def _read(pkg: Package) -> _Plan:
    plan = _Plan(pkg)
    for name in pkg.names:
        low = name.lower()
        if low == "[content_types].xml":
            continue
        source = _source_of(name)
        if source is None:
            plan.parts[low] = name
        elif source == "" or pkg.has(source):  # a rels part of a part that is not there is left out
            plan.rels[source] = pkg.rels(posixpath.join(posixpath.dirname(posixpath.dirname(name)),
                                                        posixpath.basename(name)[: -len(".rels")]))
    if not plan.rels.get(""):
        raise MalformedError("the package has no relationships (_rels/.rels), so its parts cannot be found")
    return plan


def _slide_hidden(root: etree._Element) -> bool:
    return root.get("show", "1").lower() in _FALSE


def _plan_slides(plan: _Plan) -> tuple[str, tuple[int, int], set[str]]:
    """Mark hidden and unlisted slides for dropping; returns the presentation part, the slide size and the listed
    slides."""
    pres = next((r.target.lower() for r in plan.rels[""].values() if r.kind == "officeDocument" and not r.external),
                None)
    if pres is None or pres not in plan.parts:
        raise MalformedError("the presentation part is missing")
    root = plan.xml(pres)
    size = DEFAULT_SIZE
    sz = root.find(P + "sldSz")
    if sz is not None:
        with contextlib.suppress(ValueError):
            size = (int(sz.get("cx", "")), int(sz.get("cy", "")))
    rels = plan.rels.get(pres, {})
    listed: set[str] = set()
    for el in root.iter(P + "sldId"):
        rel = rels.get(el.get(f"{{{R_NS}}}id", ""))
        target = rel.target.lower() if rel and not rel.external else ""
        if target in plan.parts:
            listed.add(target)
            if _slide_hidden(plan.xml(target)):
                plan.drop.add(target)
                plan.count("hidden slide")
        else:  # pointing at nothing: the entry goes (see _fix_references), with a note
            plan.count("slide list entry for a missing slide")
    for low in plan.parts:
        if low.startswith("ppt/slides/slide") and low.endswith(".xml") and low not in listed:
            plan.drop.add(low)
            plan.count("slide not in the slide list")
    return pres, size, listed


def _plan_parts(plan: _Plan) -> None:
    """Notes, comments, their authors, custom properties, the thumbnail, macros and co-authoring history."""
    for rels in plan.rels.values():
        for rel in rels.values():
            if not rel.external and rel.kind in _DROP_KINDS and rel.target.lower() in plan.parts:
                plan.drop.add(rel.target.lower())
    for low in plan.parts:
        if low.startswith(_DROP_PREFIXES) or low.endswith("vbaproject.bin"):
            plan.drop.add(low)
    plan.count("speaker notes page", sum(1 for p in plan.drop if p.startswith("ppt/notesslides/")
                                         and p.endswith(".xml")))
    plan.count("comments part", sum(1 for p in plan.drop if p.startswith("ppt/comments/") and p.endswith(".xml")))


def _r_ids(el: etree._Element) -> set[str]:
    return {v for e in el.iter() if isinstance(e.tag, str) for k, v in e.attrib.items() if k.startswith(f"{{{R_NS}}}")}


def _clean_shapes(plan: _Plan, slide: str, size: tuple[int, int]) -> None:
    root = plan.xml(slide)
    tree = root.find(f"{P}cSld/{P}spTree")
    if tree is None:
        return
    gone_ids: set[str] = set()
    used: set[str] = set()
    tally = Tally(plan.pkg.limits)
    for _name, text, c_nv in alt_texts(root):
        if names_people(text, tally):
            for k in ("title", "descr"):
                if c_nv.get(k):
                    c_nv.set(k, "")
            plan.count("alt text naming people")
    for shape, _why in shown_and_hidden(tree, size)[1]:
        parent = shape.getparent()
        if parent is None:
            continue
        gone_ids.update(e.get("id", "") for e in shape.iter(P + "cNvPr"))
        used |= _r_ids(shape)
        parent.remove(shape)
        plan.count("hidden or off-slide shape")
    if not gone_ids:
        return
    plan.unused[slide] = used - _r_ids(root)  # relationships only the removed shapes used
    timing = root.find(P + "timing")
    if timing is not None and any(e.get("spid") in gone_ids for e in timing.iter() if isinstance(e.tag, str)):
        root.remove(timing)
        plan.notes.append(f"Animations on {posixpath.basename(slide)} were removed with the hidden shapes they moved")
    for cxn in list(root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}stCxn",
                              "{http://schemas.openxmlformats.org/drawingml/2006/main}endCxn")):
        if cxn.get("id") in gone_ids and cxn.getparent() is not None:
            cxn.getparent().remove(cxn)


def _plan_chart_workbooks(plan: _Plan) -> None:
    """Charts keep their cached series (what they draw) but lose the embedded or linked workbook behind them
    (``c:externalData`` and its relationship); a workbook nothing else uses is then left out as unreachable."""
    for low in plan.parts:
        if not (low.startswith("ppt/charts/") and low.endswith(".xml")) or low in plan.drop:
            continue
        root = plan.xml(low)
        gone = set()
        for el in list(root.iter(_C + "externalData")):
            gone.add(el.get(f"{{{R_NS}}}id", ""))
            if el.getparent() is not None:
                el.getparent().remove(el)
        if gone:
            plan.unused.setdefault(low, set()).update(gone)
            plan.count("chart workbook", len(gone))


def _reachable(plan: _Plan) -> dict[str, dict[str, Rel]]:
    """The relationships kept (source -> rels), following only those whose target survives, from the package root."""
    kept: dict[str, dict[str, Rel]] = {}
    queue, seen = deque([""]), {""}
    while queue:
        source = queue.popleft()
        keep: dict[str, Rel] = {}
        for rid, rel in plan.rels.get(source, {}).items():
            if rel.external:
                if rid not in plan.unused.get(source, set()):
                    keep[rid] = rel
                continue
            target = rel.target.lower()
            if target not in plan.parts or target in plan.drop or rid in plan.unused.get(source, set()):
                continue
            keep[rid] = rel
            if target not in seen:
                seen.add(target)
                queue.append(target)
        kept[source] = keep
    for low in list(plan.parts):
        if low not in seen:
            plan.drop.add(low)
    return kept


def _fix_references(plan: _Plan, low: str, gone: set[str]) -> None:
    """Remove from ``low`` the elements that named a relationship no longer there."""
    root = plan.xml(low)
    attr = f"{{{R_NS}}}"
    left = 0
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or not any(k.startswith(attr) and v in gone for k, v in el.attrib.items()):
            continue
        ext = next((a for a in el.iterancestors() if etree.QName(a).localname == "ext"), None)
        target = ext if ext is not None else el if etree.QName(el).localname in _REF_ONLY else None
        if target is None or target.getparent() is None:
            left += 1
            continue
        if target.tag == P + "sldId":
            plan.dropped_ids.add(target.get("id", ""))
        target.getparent().remove(target)
    if left:
        plan.notes.append(f"{left} reference(s) in {plan.parts[low]} name a part that is not in the copy")


def _fix_sections(root: etree._Element, dropped_ids: set[str]) -> None:
    for el in list(root.iter(P14 + "sldId")):
        if el.get("id") in dropped_ids and el.getparent() is not None:
            el.getparent().remove(el)


def _clean_app(root: etree._Element, slides: int) -> None:
    clear(root, APP_CLEAR)
    for tag in ("HeadingPairs", "TitlesOfParts"):  # titles of every slide, hidden ones included
        for el in list(root.iter(EP + tag)):
            root.remove(el) if el.getparent() is root else None
    for tag, value in (("Slides", slides), ("Notes", 0), ("HiddenSlides", 0)):
        el = root.find(EP + tag)
        if el is not None:
            el.text = str(value)


def _rels_xml(root: etree._Element, keep: set[str], plan: _Plan) -> bytes:
    for rel in list(root.iter(f"{{{REL_NS}}}Relationship")):
        if rel.get("Id", "") not in keep:
            root.remove(rel)
    blanked = blank_internal_links(root)
    if blanked:
        plan.count("internal link target", blanked)
    return _dump(root)


def clean_pptx(pkg: Package, outdir: Path, stem: str) -> tuple[list[Path], list[str]]:
    plan = _read(pkg)
    pres, size, listed = _plan_slides(plan)
    _plan_parts(plan)
    masters = {p for p in plan.parts if p.startswith(("ppt/slidelayouts/", "ppt/slidemasters/")) and
               p.endswith(".xml") and "/_rels/" not in p}
    for low in sorted((listed - plan.drop) | masters):
        _clean_shapes(plan, low, size)
    _plan_chart_workbooks(plan)
    kept = _reachable(plan)
    for source, rels in kept.items():
        gone = set(plan.rels.get(source, {})) - set(rels)
        if source == pres:  # a slide list entry naming no relationship at all goes too
            gone |= {el.get(f"{{{R_NS}}}id", "") for el in plan.xml(pres).iter(P + "sldId")} - set(rels)
        if source and gone and source.endswith(".xml") and source not in plan.drop:
            _fix_references(plan, source, gone)
    if plan.dropped_ids:
        _fix_sections(plan.xml(pres), plan.dropped_ids)
    slides = len(plan.xml(pres).findall(f"{P}sldIdLst/{P}sldId"))
    out_path = outdir / f"{stem}.clean.pptx"
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in pkg.names:
            low = name.lower()
            source = _source_of(name)
            if low == "[content_types].xml":
                data = _content_types(pkg.xml(name), set(plan.parts) - plan.drop)
            elif source is not None:
                if source not in kept or (source and source in plan.drop):
                    continue
                data = _rels_xml(pkg.xml(name), set(kept[source]), plan)
            elif low in plan.drop:
                continue
            elif low == "docprops/core.xml":
                root = plan.xml(low)
                clear(root, CORE_CLEAR)
                data = _dump(root)
            elif low == "docprops/app.xml":
                root = plan.xml(low)
                _clean_app(root, slides)
                data = _dump(root)
            elif low in plan.edited:
                data = _dump(plan.edited[low])
            else:
                data = pkg.read(name)
            zout.writestr(name, data)
    notes = _notes(plan, slides)
    notes += picture_notes(pkg, "ppt/")
    return [out_path], notes


def _content_types(root: etree._Element, remaining: set[str]) -> bytes:
    for el in list(root):
        if el.get("PartName") is not None and el.get("PartName", "").lstrip("/").lower() not in remaining:
            root.remove(el)
        elif el.get("ContentType") == _MACRO_MAIN:
            el.set("ContentType", _PLAIN_MAIN)
    return _dump(root)


def _notes(plan: _Plan, slides: int) -> list[str]:
    notes = list(plan.notes)
    missing = plan.counts.get("slide list entry for a missing slide", 0)
    if missing:
        notes.append(f"{missing} slide list entr{'ies' if missing != 1 else 'y'} pointing at a missing slide "
                     "left out")
    if plan.counts.get("chart workbook"):
        notes.append("Charts keep the data they draw; the workbooks behind them were removed (Edit Data no longer "
                     "opens them)")
    if plan.counts.get("alt text naming people"):
        notes.append(f"Alt text naming people blanked on {plan.counts['alt text naming people']} picture(s) or "
                     "shape(s)")
    if plan.counts.get("internal link target"):
        notes.append(f"{plan.counts['internal link target']} link(s) to internal files or shares now point nowhere "
                     "(about:blank)")
    if slides == 0:
        notes.append("No slides are left: every slide was hidden")
    if any(p.startswith("ppt/embeddings/") for p in plan.parts if p not in plan.drop):
        notes.append("Embedded objects were kept (removing them breaks the slides); check them separately")
    return notes
