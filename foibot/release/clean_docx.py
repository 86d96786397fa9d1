"""Clean copy of a Word document: changes accepted; comments, the glossary and every run the check reports as hidden
(direct or by style), near-background or tiny removed (found by the inspector's own walk, so the copy re-checks
green), in text boxes too (both the ``mc:Choice`` and the ``mc:Fallback`` copy); properties and template cleared.
Watermarks and WordArt are removed, alt text that names people is blanked, fields whose code holds words they do not
show are replaced by what they show, document variables are removed, and custom XML data no content control shows is
removed (a whole item when nothing in it is bound, else the unbound values are emptied), all found by docx_parts as
the check finds them.

Parts are rewritten with lxml (which keeps namespace prefixes, so Word opens the result) using a parser that loads no
DTD, resolves no entities and uses no network. The input has already passed the release check's XML checks.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from foibot.release.docx import page_colour, unseen_runs, word_styles
from foibot.release.docx_parts import (
    all_alt_elements,
    bindings,
    blank_alt,
    custom_items,
    drop_doc_variables,
    drop_mail_merge,
    fields,
    unlink,
    watermark_runs,
)
from foibot.release.docx_styles import WordStyles
from foibot.release.ooxml import blank_internal_links, names_people, picture_notes
from foibot.release.package import REL_NS, MalformedError, Package
from foibot.release.personal import Tally

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_UNWRAP = {W + "ins", W + "moveTo"}
_DROP = {W + t for t in ("del", "moveFrom", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                         "tcPrChange", "tblGridChange", "numberingChange", "cellIns", "cellDel", "cellMerge",
                         "commentRangeStart", "commentRangeEnd", "moveFromRangeStart", "moveFromRangeEnd",
                         "moveToRangeStart", "moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd",
                         "customXmlDelRangeStart", "customXmlDelRangeEnd")}
_DROP_PARTS = ("word/comments.xml", "word/commentsextended.xml", "word/commentsids.xml",
               "word/commentsextensible.xml", "word/people.xml", "docprops/custom.xml", "word/vbaproject.bin",
               "word/vbadata.xml", "word/_rels/vbaproject.bin.rels")
_TEXT_PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml", "word/endnotes.xml")
CORE_CLEAR = ("creator", "lastModifiedBy", "title", "subject", "description", "keywords", "category",
              "contentStatus")
APP_CLEAR = ("Template", "Company", "Manager", "HyperlinkBase")
_MERGE_SOURCES = ("mailMergeSource", "mailMergeHeaderSource", "recipientData")
_UNCOUNTED = ("document variables", "mail merge settings")
_DROP_RELS = frozenset({"attachedTemplate", *_MERGE_SOURCES, "comments", "people", "commentsExtended", "commentsIds",
                        "commentsExtensible", "custom-properties", "vbaProject", "thumbnail", "glossaryDocument"})
_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
_PLAIN_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _clean_beside_text(root: etree._Element, tally: Tally, counts: dict[str, int]) -> None:
    """Watermarks and WordArt out, alt text naming people blanked, fields hiding words replaced by their result."""
    for run in watermark_runs(root):
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)
            counts["watermark"] = counts.get("watermark", 0) + 1
    for el in all_alt_elements(root):
        if names_people(" ".join(el.get(k, "") for k in ("title", "descr", "alt")), tally):
            blank_alt(el)
            counts["alt text"] = counts.get("alt text", 0) + 1
    for f in fields(root):
        if f.unseen:
            unlink(f)
            counts["field code"] = counts.get("field code", 0) + 1


def _clean_text_part(root: etree._Element, styles: WordStyles, tiny_pt: float, background: str,
                     tally: Tally | None = None, counts: dict[str, int] | None = None) -> None:
    for el in list(root.iter(*_DROP)):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    for el in list(root.iter(*_UNWRAP)):
        parent = el.getparent()
        if parent is None or parent.tag == W + "rPr":  # inserted paragraph mark: just drop the marker
            if parent is not None:
                parent.remove(el)
            continue
        idx = parent.index(el)
        for child in list(el):
            parent.insert(idx, child)
            idx += 1
        parent.remove(el)
    if tally is not None:
        _clean_beside_text(root, tally, counts if counts is not None else {})
    unseen = unseen_runs(root, styles, tiny_pt, background)
    unseen += [run for run in root.iter(W + "r") if run.find(W + "commentReference") is not None]
    for run in unseen:
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)


def clear(root: etree._Element, local_names: tuple[str, ...]) -> None:
    """Empty every element of ``root`` with one of these local names (document properties)."""
    for el in root.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname in local_names:
            el.text = ""
            for child in list(el):
                el.remove(child)


def clean_docx(pkg: Package, outdir: Path, stem: str) -> tuple[list[Path], list[str]]:
    dropped = {n.lower() for n in pkg.names if n.lower() in _DROP_PARTS
               or n.lower().startswith(("docprops/thumbnail", "word/glossary/"))}
    doc = next((r.target for r in pkg.rels("").values() if r.kind == "officeDocument"), "word/document.xml")
    styles = word_styles(pkg, doc, []) if pkg.has(doc) else WordStyles()
    background = page_colour(pkg.xml(doc)) if pkg.has(doc) else "FFFFFF"
    text_parts = {doc.lower()} | {r.target.lower() for r in pkg.rels(doc).values() if not r.external
                                  and r.kind in ("header", "footer", "footnotes", "endnotes")}
    tally = Tally(pkg.limits)
    counts: dict[str, int] = {}
    blanked = _plan_custom_xml(pkg, text_parts, dropped, counts)
    out_path = outdir / f"{stem}.clean.docx"
    notes: list[str] = []
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in pkg.names:
            low = name.lower()
            if low in dropped:
                continue
            data = pkg.read(name)
            if low.endswith(".rels"):
                data = _clean_rels(name, data, dropped, counts)
            elif low == "[content_types].xml":
                root = etree.fromstring(data, _PARSER)
                for el in list(root):
                    if el.get("PartName", "").lstrip("/").lower() in dropped:
                        root.remove(el)
                    elif el.get("ContentType") == _MACRO_MAIN:
                        el.set("ContentType", _PLAIN_MAIN)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif low in text_parts or low.startswith(_TEXT_PARTS) and low.endswith(".xml"):
                root = etree.fromstring(data, _PARSER)
                _clean_text_part(root, styles, pkg.limits.docx_tiny_pt, background, tally, counts)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif low == "word/settings.xml":
                root = etree.fromstring(data, _PARSER)
                for tag in ("attachedTemplate", "trackRevisions", "removePersonalInformation"):
                    for el in list(root.iter(W + tag)):
                        root.remove(el) if el.getparent() is root else None
                if drop_doc_variables(root):
                    counts["document variables"] = 1
                if drop_mail_merge(root):
                    counts["mail merge settings"] = 1
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif low in blanked:
                data = etree.tostring(blanked[low], xml_declaration=True, encoding="UTF-8", standalone=True)
            elif low == "docprops/core.xml":
                root = etree.fromstring(data, _PARSER)
                clear(root, CORE_CLEAR)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif low == "docprops/app.xml":
                root = etree.fromstring(data, _PARSER)
                clear(root, APP_CLEAR)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(name, data)
    notes += picture_notes(pkg, "word/")
    if any(n.lower().startswith("word/embeddings/") for n in pkg.names):
        notes.append("Embedded objects were kept (removing them breaks the document); check them separately")
    if counts:
        notes.append("Also removed: " + ", ".join(f"{k} ({v})" if k not in _UNCOUNTED else k
                                                  for k, v in counts.items()))
    return [out_path], notes


def _plan_custom_xml(pkg: Package, text_parts: set[str], dropped: set[str],
                     counts: dict[str, int]) -> dict[str, etree._Element]:
    """Custom XML items holding values no content control shows: a wholly unbound item (with its properties and
    relationships) joins ``dropped``; a partly bound one is returned with the unbound values emptied."""
    binds = []
    for name in pkg.names:
        low = name.lower()
        if low in text_parts or low.startswith(_TEXT_PARTS) and low.endswith(".xml"):
            try:
                binds += bindings(pkg.xml(name))
            except MalformedError:
                continue
    blanked: dict[str, etree._Element] = {}
    for item in custom_items(pkg, binds):
        if not any(item.texts) or item.root is None:
            continue
        counts["custom XML"] = counts.get("custom XML", 0) + 1
        if item.bound:
            for el in item.unbound:
                el.text = ""
            blanked[item.part.lower()] = item.root
            continue
        folder, base = posixpath.split(item.part)
        dropped |= {item.part.lower(), posixpath.join(folder, "_rels", base + ".rels").lower()}
        if item.props:
            dropped.add(item.props.lower())
    return blanked


def _clean_rels(name: str, data: bytes, dropped: set[str], counts: dict[str, int]) -> bytes:
    root = etree.fromstring(data, _PARSER)
    folder = posixpath.dirname(posixpath.dirname(name))
    for rel in list(root.iter(f"{{{REL_NS}}}Relationship")):
        target = rel.get("Target", "")
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        if kind in _DROP_RELS or resolved.lower() in dropped:
            root.remove(rel)
    blanked = blank_internal_links(root)
    if blanked:
        counts["internal link targets"] = counts.get("internal link targets", 0) + blanked
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
