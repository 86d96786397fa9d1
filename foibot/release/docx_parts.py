"""What a Word document keeps beside its running text: watermarks, alt text, document variables, custom XML data
(and what content controls show of it) and the text inside field codes.

Each reader works on a parsed part, so the inspector (docx.py) and the clean copy (clean_docx.py) find exactly the
same things: the clean copy removes what the check reports and the copy re-checks without it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from foibot.release.package import Element, MalformedError, Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
V = "{urn:schemas-microsoft-com:vml}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
DS = "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}"
XSD = "{http://www.w3.org/2001/XMLSchema}"


def _fallback(el: Element) -> bool:
    """Under an ``mc:Fallback`` (the second copy of something Word also saved as ``mc:Choice``)."""
    return any(a.tag == MC + "Fallback" for a in el.iterancestors())


# --- watermarks -----------------------------------------------------------------------------------------------------

@dataclass
class Watermark:
    words: str
    shape: Element  # the VML shape or DrawingML WordArt shape


def watermarks(root: Element) -> list[Watermark]:
    """Watermarks and WordArt: VML ``v:textpath string="…"`` (how Word writes Design > Watermark) and DrawingML
    WordArt (``wps:wsp`` whose body is warped, ``a:prstTxWarp``). The Fallback copy of a Choice is not counted."""
    out: list[Watermark] = []
    for tp in root.iter(V + "textpath"):
        words = (tp.get("string") or "").strip()
        shape = tp.getparent()
        if words and shape is not None and not _fallback(tp):
            out.append(Watermark(words, shape))
    for wsp in root.iter(WPS + "wsp"):
        body = wsp.find(WPS + "bodyPr")
        if body is None or body.find(A + "prstTxWarp") is None or _fallback(wsp):
            continue
        paras = list(wsp.iter(W + "p")) or [wsp]
        words = " ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in paras).strip()
        if words:
            out.append(Watermark(words, wsp))
    return out


def watermark_runs(root: Element) -> list[Element]:
    """The runs (``w:r``) holding a watermark or WordArt, both copies where Word saved two (for the clean copy)."""
    runs: list[Element] = []
    shapes = [t.getparent() for t in root.iter(V + "textpath") if (t.get("string") or "").strip()]
    shapes += [w for w in root.iter(WPS + "wsp") if w.find(WPS + "bodyPr") is not None
               and w.find(f"{WPS}bodyPr/{A}prstTxWarp") is not None]
    for shape in shapes:
        run = next((a for a in shape.iterancestors() if a.tag == W + "r"), None)
        if run is not None and run not in runs:
            runs.append(run)
    return runs


# --- alt text -------------------------------------------------------------------------------------------------------

@dataclass
class AltText:
    name: str
    text: str
    element: Element  # carries the descr/title (or VML alt) attributes


def alt_texts(root: Element) -> list[AltText]:
    """Alt text of pictures and shapes: ``wp:docPr`` descr and title, VML ``alt``. Counted once per drawing."""
    out: list[AltText] = []
    for el in root.iter(WP + "docPr", V + "shape", V + "rect", V + "oval", V + "roundrect", V + "group"):
        if _fallback(el):
            continue
        bits = [el.get(k, "") for k in (("title", "descr") if el.tag == WP + "docPr" else ("alt",))]
        text = "\n".join(b.strip() for b in bits if b.strip())
        if text:
            out.append(AltText(el.get("name") or el.get("id") or "shape", text, el))
    return out


def blank_alt(el: Element) -> None:
    for k in ("title", "descr", "alt"):
        if el.get(k):
            el.set(k, "")


def all_alt_elements(root: Element) -> Iterator[Element]:
    """Every element carrying alt text, Fallback copies included (for the clean copy)."""
    for el in root.iter(WP + "docPr", V + "shape", V + "rect", V + "oval", V + "roundrect", V + "group"):
        if any((el.get(k) or "").strip() for k in ("title", "descr", "alt")):
            yield el


# --- document variables ---------------------------------------------------------------------------------------------

def doc_variables(settings: Element) -> list[tuple[str, str]]:
    """``w:docVars/w:docVar`` as (name, value)."""
    return [(v.get(W + "name", ""), v.get(W + "val", "")) for v in settings.iter(W + "docVar")]


# --- mail merge -------------------------------------------------------------------------------------------------------

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MERGE_SOURCES = ("mailMergeSource", "mailMergeHeaderSource", "recipientData")


def mail_merge(settings: Element, rels: dict) -> list[tuple[str, str]]:
    """What ``w:mailMerge`` keeps as (what, value): the data source file, the connection string and the query."""
    out: list[tuple[str, str]] = []
    for mm in settings.iter(W + "mailMerge"):
        for tag, what in (("dataSource", "data source"), ("headerSource", "header source")):
            for el in mm.iter(W + tag):
                rel = rels.get(el.get(R_ID, ""))
                if rel is not None and rel.target:
                    out.append((what, rel.target))
        for tag, what in (("connectString", "connection"), ("query", "query"), ("udl", "connection file")):
            for el in mm.iter(W + tag):
                if el.get(W + "val"):
                    out.append((what, el.get(W + "val", "")))
    if not out:  # a source relationship without the settings that use it still names the file
        out = [("data source", r.target) for r in rels.values() if r.kind in _MERGE_SOURCES and r.target]
    return out


def drop_mail_merge(settings: Element) -> int:
    n = 0
    for el in list(settings.iter(W + "mailMerge")):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
            n += 1
    return n


def drop_doc_variables(settings: Element) -> int:
    n = 0
    for el in list(settings.iter(W + "docVars")):
        n += len(el)
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return n


# --- custom XML -----------------------------------------------------------------------------------------------------

@dataclass
class Binding:
    xpath: str
    store: str  # the item id (lower case, braces kept); '' when the binding names none
    prefixes: dict[str, str]


_PREFIX = re.compile(r"""xmlns:([\w.-]+)\s*=\s*(['"])(.*?)\2""")


def bindings(root: Element) -> list[Binding]:
    """Content controls bound to custom XML (``w:sdt/w:sdtPr/w:dataBinding``)."""
    out = []
    for b in root.iter(W + "dataBinding"):
        prefixes = {m.group(1): m.group(3) for m in _PREFIX.finditer(b.get(W + "prefixMappings", ""))}
        out.append(Binding(b.get(W + "xpath", ""), (b.get(W + "storeItemID") or "").lower(), prefixes))
    return out


@dataclass
class CustomItem:
    part: str
    item_id: str  # lower case
    props: str | None  # the itemProps part
    root: Element | None
    unbound: list[Element] = field(default_factory=list)  # leaf elements holding text no content control shows
    bound: int = 0  # elements content controls show

    @property
    def texts(self) -> list[str]:
        return [(e.text or "").strip() for e in self.unbound]


def _leaves(root: Element) -> list[Element]:
    return [e for e in root.iter() if isinstance(e.tag, str) and not len(e) and (e.text or "").strip()]


_MAX_BINDINGS = 2000  # content controls evaluated per item; a path longer than _MAX_XPATH is not evaluated
_MAX_XPATH = 400


def _bound(root: Element, item_id: str, binds: list[Binding]) -> set[Element]:
    """The elements of an item that content controls show (what their XPath selects, with its descendants). Word
    writes simple paths (``/ns0:case[1]/ns0:ref[1]``); an overlong path, or one past the first few thousand, is not
    evaluated, so what it would show counts as not shown (reported, never missed)."""
    shown: set[Element] = set()
    tree = root.getroottree()
    for b in [b for b in binds if not (b.store and item_id and b.store != item_id)][:_MAX_BINDINGS]:
        if len(b.xpath) > _MAX_XPATH:
            continue
        try:
            hits = tree.xpath(b.xpath, namespaces=b.prefixes) if b.xpath else []
        except (etree.XPathError, TypeError, ValueError):
            continue
        for h in hits if isinstance(hits, list) else []:
            if isinstance(h, etree._Element):
                shown.update(e for e in h.iter() if isinstance(e.tag, str))
            elif isinstance(h, etree._ElementUnicodeResult) and h.getparent() is not None:
                shown.add(h.getparent())
    return shown


def item_parts(pkg: Package) -> list[str]:
    """The custom XML data parts (customXml/itemN.xml), not their properties parts."""
    return [p for p in pkg.matching("customXml/", ".xml") if "/_rels/" not in p.lower()
            and not posixpath.basename(p).lower().startswith("itemprops")]


def custom_items(pkg: Package, binds: list[Binding], parse: bool = True) -> list[CustomItem]:
    """Each custom XML item with the leaf elements no content control binds to. Schemas (XSD, SharePoint content
    type schemas) describe data rather than hold it and are skipped. A damaged item is skipped here (the caller
    reports it through ``soft_xml``)."""
    out = []
    for part in item_parts(pkg):
        props = next((r.target for r in pkg.rels(part).values() if r.kind == "customXmlProps" and not r.external
                      and pkg.has(r.target)), None)
        item_id = ""
        if props:
            try:
                ds = pkg.xml(props)
                item_id = (ds.get(DS + "itemID") or "").lower()
            except MalformedError:
                pass
        try:
            root = pkg.xml(part) if parse else None
        except MalformedError:
            root = None
        item = CustomItem(part, item_id, props, root)
        if root is not None and not (root.tag.startswith(XSD) or etree.QName(root).localname == "contentTypeSchema"):
            shown = _bound(root, item_id, binds)
            item.bound = len(shown)
            item.unbound = [e for e in _leaves(root) if e not in shown]
        out.append(item)
    return out


# --- fields ---------------------------------------------------------------------------------------------------------

# Fields whose quoted text is shown, points somewhere or formats the result, rather than holding words of its own.
_SHOWN_FIELDS = {"HYPERLINK", "TOC", "TC", "XE", "INDEX", "SEQ", "REF", "PAGEREF", "STYLEREF", "NOTEREF", "DATE",
                 "TIME", "CREATEDATE", "SAVEDATE", "PRINTDATE", "PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION",
                 "MERGEFIELD", "FORMTEXT", "FORMCHECKBOX", "FORMDROPDOWN", "EQ", "SYMBOL", "TA", "TOA", "BIBLIOGRAPHY",
                 "CITATION", "LISTNUM", "AUTONUM", "AUTONUMLGL", "AUTONUMOUT", "GOTOBUTTON", "MACROBUTTON"}
_TOKENS = re.compile(r'\\[A-Za-z*@#!]\s*(?:"[^"]*"|\S+)?|"([^"]*)"')


@dataclass
class Field:
    code: str
    result: str
    runs: list[Element] = field(default_factory=list)  # begin, instruction and separate runs, and the end run
    simple: Element | None = None  # a w:fldSimple

    @property
    def kind(self) -> str:
        return (self.code.split() or [""])[0].upper()

    @property
    def unseen(self) -> list[str]:
        """Quoted words in the code (not switch arguments) that the field's shown result does not contain."""
        if self.kind in _SHOWN_FIELDS:
            return []
        words = [m.group(1).strip() for m in _TOKENS.finditer(self.code) if m.group(1)]
        shown = " ".join(self.result.split())
        return [w for w in words if len(w) >= 3 and any(c.isalpha() for c in w) and " ".join(w.split()) not in shown]


def fields(root: Element) -> list[Field]:
    """Complex (``w:fldChar`` … ``w:instrText`` … separate … end) and simple (``w:fldSimple``) fields, nested ones
    included, with their code and the result Word last showed."""
    out: list[Field] = []
    stack: list[tuple[Field, bool]] = []  # field, in its result
    for el in root.iter(W + "r", W + "fldSimple"):
        if _fallback(el):
            continue
        if el.tag == W + "fldSimple":
            out.append(Field(el.get(W + "instr", "").strip(), "".join(t.text or "" for t in el.iter(W + "t")),
                             simple=el))
            continue
        fc = el.find(W + "fldChar")
        kind = fc.get(W + "fldCharType") if fc is not None else None
        if kind == "begin":
            for f, in_result in stack:
                if not in_result:
                    f.runs.append(el)
            stack.append((Field("", ""), False))
            stack[-1][0].runs.append(el)
            continue
        if not stack:
            continue
        f, in_result = stack[-1]
        if kind == "separate":
            for outer, outer_result in stack[:-1]:
                if not outer_result:
                    outer.runs.append(el)
            f.runs.append(el)
            stack[-1] = (f, True)
        elif kind == "end":
            stack.pop()
            f.runs.append(el)
            f.code = " ".join(f.code.split())
            out.append(f)
            for outer, outer_result in stack:
                if not outer_result:
                    outer.runs.append(el)
        else:
            for outer, outer_result in stack:
                if not outer_result:
                    outer.runs.append(el)
                    outer.code += "".join(t.text or "" for t in el.iter(W + "instrText"))
                else:
                    outer.result += "".join(t.text or "" for t in el.iter(W + "t"))
    return out


def unlink(f: Field) -> None:
    """Replace a field by the result it shows (Word's Ctrl+Shift+F9): its code goes, its shown text stays."""
    if f.simple is not None:
        parent = f.simple.getparent()
        if parent is None:
            return
        idx = parent.index(f.simple)
        for child in list(f.simple):
            parent.insert(idx, child)
            idx += 1
        parent.remove(f.simple)
        return
    for run in f.runs:
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)
