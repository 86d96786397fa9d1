"""Word (docx/docm) inspector: tracked changes, comments, hidden and white text, template paths, headers/footers.

Text in text boxes and shapes (``w:txbxContent``, in DrawingML ``wps:txbx`` or VML ``v:textbox``) is walked like body
text and reported as "text box"; where ``mc:AlternateContent`` holds the same box twice it is read once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote

from foibot.release.catalogue import finding
from foibot.release.docx_parts import (
    alt_texts,
    bindings,
    custom_items,
    doc_variables,
    fields,
    item_parts,
    mail_merge,
    watermarks,
)
from foibot.release.docx_styles import WordStyles, behind, dark, shaded
from foibot.release.findings import Finding, Location, Severity
from foibot.release.limits import ReleaseLimits
from foibot.release.ooxml import NS, alt_text_finding, common_findings, names_people, scan_properties, soft_xml
from foibot.release.package import Element, Package
from foibot.release.personal import Tally, hidden_snippet
from foibot.release.personal import snippet as _snippet

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DELETED = {W + "del", W + "moveFrom"}
_CHANGES = {W + t for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange",
                            "tblPrChange", "trPrChange", "tcPrChange", "numberingChange", "cellIns", "cellDel")}
# Field codes (w:instrText) are not shown on the page: docx_parts.fields reads them, with what each field shows.
_TEXT = {W + "t", W + "delText", W + "delInstrText"}
_BREAKS = {W + "br", W + "cr", W + "tab"}
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_V = "{urn:schemas-microsoft-com:vml}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
# Text box stories: w:txbxContent (ECMA-376 Part 1, 17.17.1.1) under wps:txbx or VML v:textbox; Word writes it as
# wne:txbxContent in strict documents' Choice (MS-OI29500 2.1.1779, MS-ODRAWXML 2.13.3.2).
_BOX = {W + "txbxContent", "{http://schemas.microsoft.com/office/word/2006/wordml}txbxContent"}
_BRANCHES = {MC + "Choice", MC + "Fallback"}
_LIGHT_SCHEME = ("lt1", "bg1")
_PATHLIKE = re.compile(r"^(?:file:|\\\\|[A-Za-z]:[\\/])|[\\/]", re.I)


def _near(colour: str, background: str, tolerance: int = 16) -> bool:
    """Two RRGGBB colours within ``tolerance`` on every channel (white on white, F8F8F8 on white)."""
    try:
        return all(abs(int(colour[i:i + 2], 16) - int(background[i:i + 2], 16)) <= tolerance for i in (0, 2, 4))
    except ValueError:
        return False


@dataclass
class PartText:
    visible: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    white: list[str] = field(default_factory=list)
    tiny: list[str] = field(default_factory=list)
    blacked: list[str] = field(default_factory=list)  # dark text on a dark highlight or shading: "redacted"
    hidden_by: dict[str, int] = field(default_factory=dict)  # style (or 'document defaults') -> runs it hides
    changes: dict[str, int] = field(default_factory=dict)
    authors: set[str] = field(default_factory=set)

    def texts(self) -> list[str]:
        return self.visible + self.deleted + self.hidden

    def extend(self, other: PartText) -> None:
        for name in ("visible", "deleted", "hidden", "white", "tiny", "blacked"):
            getattr(self, name).extend(getattr(other, name))
        for counts, more in ((self.hidden_by, other.hidden_by), (self.changes, other.changes)):
            for k, v in more.items():
                counts[k] = counts.get(k, 0) + v
        self.authors |= other.authors


def _fill(el: Element, page: str) -> str | None:
    """The colour behind a shape's text box as RRGGBB (``page`` when unfilled), None when foibot cannot tell.

    Only explicit fills are read: DrawingML ``wps:spPr`` (``a:noFill``, ``a:solidFill`` with ``a:srgbClr`` or a light
    ``a:schemeClr``) and VML ``filled``/``fillcolor``. Theme style references and gradients count as unknown.
    """
    if el.tag == _WPS + "wsp":
        sppr = el.find(_WPS + "spPr")
        if sppr is None:
            return None
        if sppr.find(_A + "noFill") is not None:
            return page
        solid = sppr.find(_A + "solidFill")
        if solid is None or len(solid) != 1 or len(solid[0]):  # colour transforms (lumMod, shade …) are not worked out
            return None
        clr = solid[0]
        val = (clr.get("val") or "").upper()
        if clr.tag == _A + "srgbClr" and len(val) == 6:
            return val
        return "FFFFFF" if clr.tag == _A + "schemeClr" and val.lower() in _LIGHT_SCHEME else None
    if isinstance(el.tag, str) and el.tag.startswith(_V) and el.find(_V + "textbox") is not None:
        if (el.get("filled") or "").lower() in ("f", "false"):
            return page
        colour = (el.get("fillcolor") or "").split()[0].lower() if (el.get("fillcolor") or "").split() else ""
        if colour.startswith("#") and len(colour) == 7:
            return colour[1:].upper()
        return "FFFFFF" if colour == "white" else None
    return None


@dataclass
class _Walker:
    """One pass over a part's XML, sorting run text into visible, deleted, hidden, white and tiny.

    With ``drop`` set, the runs a reader cannot see (hidden, white or tiny, as reported) are collected there, so the
    clean copy removes exactly what the check finds.
    """

    styles: WordStyles
    background: str = "FFFFFF"
    tiny_half_points: int = 4
    acc: PartText = field(default_factory=PartText)
    drop: list[Element] | None = None
    box: PartText = field(default_factory=PartText)  # the text in text boxes and shapes, kept apart from ``acc``

    def _alternatives(self, el: Element, walk: Callable[[Element], None]) -> None:
        """``mc:AlternateContent``: one reading, the first ``mc:Choice`` or ``mc:Fallback`` holding text.

        Every branch is walked (so the clean copy drops unseen runs from all of them), each into its own
        accumulators; another branch counts only where its text differs from the one read, so a text box Word saves
        twice (DrawingML Choice, VML Fallback) is counted once.
        """
        saved = (self.acc, self.box)
        seen: list[tuple[PartText, PartText]] = []
        for branch in (c for c in el if c.tag in _BRANCHES):
            self.acc, self.box = PartText(), PartText()
            walk(branch)
            seen.append((self.acc, self.box))
        self.acc, self.box = saved
        holding = [b for b in seen if any(t.strip() for t in b[0].texts() + b[1].texts())]
        if not holding:
            return
        first = holding[0]
        for acc, box in holding:
            if acc is first[0] or (acc.texts(), box.texts()) != (first[0].texts(), first[1].texts()):
                self.acc.extend(acc)
                self.box.extend(box)

    def _objects(self, el: Element, deleted: bool, background: str | None) -> None:
        """Look inside a run's drawing, picture or object for text boxes (``w:txbxContent``) and walk them."""
        tag = el.tag
        if tag == MC + "AlternateContent":
            self._alternatives(el, lambda branch: self._objects(branch, deleted, background))
            return
        if tag in _BOX:
            saved = (self.acc, self.background)
            self.acc = self.box
            if background is not None:
                self.background = background
            for child in el:
                self.walk(child, deleted, None, background is None)
            self.acc, self.background = saved
            return
        background = _fill(el, self.background) or background
        for child in el:
            self._objects(child, deleted, background)

    def walk(self, el: Element, deleted: bool = False, pstyle: str | None = None, shade: bool = False,
             under: str | None = None) -> None:
        tag = el.tag
        acc = self.acc
        if tag in _CHANGES:
            name = tag[len(W):]
            acc.changes[name] = acc.changes.get(name, 0) + 1
            if el.get(W + "author"):
                acc.authors.add(el.get(W + "author", ""))
        if tag in _DELETED:
            deleted = True
        if tag == MC + "AlternateContent":
            self._alternatives(el, lambda branch: self.walk(branch, deleted, pstyle, shade, under))
            return
        if tag == W + "r":
            self._run(el, deleted, pstyle, shade, under)
            return
        if tag == W + "p":
            ppr = el.find(W + "pPr")
            ps = ppr.find(W + "pStyle") if ppr is not None else None
            pstyle = ps.get(W + "val") if ps is not None else None
            shade = shade or shaded(ppr)
            under = behind(ppr) or under
        elif tag == W + "tc":
            shade = shade or shaded(el.find(W + "tcPr"))
            under = behind(el.find(W + "tcPr")) or under
        elif tag in _BOX:  # a text box outside a run (not where Word puts one): its shape's fill is unknown
            shade = True
        for child in el:
            self.walk(child, deleted, pstyle, shade, under)
        if tag == W + "p":
            acc.visible.append("\n")

    def _run(self, el: Element, deleted: bool, pstyle: str | None, shade: bool, under: str | None = None) -> None:
        acc = self.acc
        rpr = el.find(W + "rPr")
        rs = rpr.find(W + "rStyle") if rpr is not None else None
        look = self.styles.look(pstyle, rs.get(W + "val") if rs is not None else None, rpr)
        text = "".join(c.text or "" for c in el if c.tag in _TEXT)
        if any(c.tag in _BREAKS for c in el):  # a line break or tab parts words: "SW1V 1PN" / "foi@…" stay apart
            if not text and not deleted and not look.hidden:
                acc.visible.append("\n")
            elif text:
                text = "".join((c.text or "") if c.tag in _TEXT else "\n" for c in el if c.tag in _TEXT | _BREAKS)
        if rpr is not None:
            for ch in rpr:
                if ch.tag in _CHANGES:
                    self.walk(ch, deleted, pstyle, shade)
        for ch in el:
            if ch.tag not in _TEXT and ch.tag != W + "rPr" and len(ch):
                self._objects(ch, deleted, None)
        if not text:
            if look.hidden and not deleted and self.drop is not None:
                self.drop.append(el)
            return
        if deleted:
            acc.deleted.append(text)
        elif look.hidden:
            acc.hidden.append(text)
            if self.drop is not None:
                self.drop.append(el)
            if look.hidden_by:
                acc.hidden_by[look.hidden_by] = acc.hidden_by.get(look.hidden_by, 0) + 1
        else:
            acc.visible.append(text)
            if not text.strip():
                return
            if look.colour is not None and not (shade or look.shaded) and _near(look.colour, self.background):
                acc.white.append(text)
            elif dark(look.colour) and dark(look.behind or under):
                # explicit dark text on a dark highlight or shading (automatic text would turn white: readable)
                acc.blacked.append(text)
            elif look.half_points is not None and look.half_points <= self.tiny_half_points:
                acc.tiny.append(text)
            else:
                return
            if self.drop is not None:
                self.drop.append(el)


def word_styles(pkg: Package, doc_part: str, out: list[Finding]) -> WordStyles:
    """The styles of ``doc_part`` (empty if it has none; a damaged styles part is reported, not fatal)."""
    part = next((r.target for r in pkg.rels(doc_part).values() if r.kind == "styles" and not r.external), None)
    root = soft_xml(pkg, part, out) if part and pkg.has(part) else None
    return WordStyles(root)


def page_colour(root: Element) -> str:
    """The page colour (``w:background``) as RRGGBB, white when unset."""
    bg = root.find(W + "background")
    val = (bg.get(W + "color") or "").upper() if bg is not None else ""
    return val if len(val) == 6 and val != "AUTO" else "FFFFFF"


def read_part(pkg: Package, part: str, styles: WordStyles | None = None, tiny_pt: float = 2.0,
              background: str | None = None) -> tuple[PartText, PartText]:
    """The part's own text, and the text in its text boxes and shapes."""
    root = pkg.xml(part)
    walker = _Walker(styles or WordStyles(), background or page_colour(root), int(tiny_pt * 2))
    walker.walk(root)
    return walker.acc, walker.box


def unseen_runs(root: Element, styles: WordStyles, tiny_pt: float, background: str) -> list[Element]:
    """The runs under ``root`` that the check reports as hidden, white or tiny (not deleted text)."""
    walker = _Walker(styles, background, int(tiny_pt * 2), drop=[])
    walker.walk(root)
    return walker.drop or []


def _comments(pkg: Package, part: str, tally: Tally) -> Finding | None:
    comments = list(pkg.xml(part).iter(W + "comment"))
    if not comments:
        return None
    authors = sorted({c.get(W + "author", "") for c in comments} - {""})
    texts = ["".join(c.itertext()) for c in comments]
    for t in texts:
        tally.scan(t, "comments", hidden=True)
    return finding("docx.comments", Location(part=part),
                   f"{len(comments)} comment{'s' if len(comments) != 1 else ''}"
                   + (f" by {', '.join(authors)}" if authors else ""), count=len(comments),
                   examples=[hidden_snippet(t) for t in texts[:3]])


def _template(pkg: Package, doc_part: str) -> list[Finding]:
    out = []
    if pkg.has("docProps/app.xml"):
        el = pkg.xml("docProps/app.xml").find(f"{{{NS['ep']}}}Template")
        value = (el.text or "").strip() if el is not None else ""
        if value and _PATHLIKE.search(value):
            out.append(finding("docx.template", Location(part="docProps/app.xml"), f"Template path: {value}"))
    settings = next((r.target for r in pkg.rels(doc_part).values() if r.kind == "settings"), None)
    if settings:
        for rel in pkg.rels(settings).values():
            if rel.kind == "attachedTemplate":
                out.append(finding("docx.template", Location(part=settings), f"Attached template: {rel.target}"))
    return out


def _glossary(pkg: Package, doc: str, limits: ReleaseLimits, tally: Tally, out: list[Finding]) -> None:
    """Building blocks and AutoText (word/glossary/) travel with the document but are never shown in it."""
    parts = [r.target for r in pkg.rels(doc).values() if r.kind == "glossaryDocument" and not r.external
             and pkg.has(r.target)] or [p for p in pkg.matching("word/glossary/", ".xml")
                                        if p.lower() == "word/glossary/document.xml"]
    for part in parts:
        root = soft_xml(pkg, part, out)
        if root is None:
            continue
        walker = _Walker(word_styles(pkg, part, out), tiny_half_points=int(limits.docx_tiny_pt * 2))
        walker.walk(root)
        acc = walker.acc
        acc.extend(walker.box)
        texts = [t for t in acc.visible + acc.hidden + acc.deleted if t.strip()]
        if not texts:
            continue
        names = [n.get(W + "val", "") for n in root.iter(W + "name")]
        for t in texts:
            tally.scan(t, "glossary (building blocks)", hidden=True)
        whole = " ".join(t for t in acc.visible if t != "\n") or " ".join(texts)
        out.append(finding("docx.glossary", Location(part=part),
                           f"{len(names) or 1} building block(s)/AutoText entr{'ies' if len(names) != 1 else 'y'}"
                           + (f" ({', '.join(_snippet(n, 30) for n in names[:4])})" if names else "")
                           + f" holding text: {_snippet(whole, 60)!r}", count=len(names) or None,
                           examples=[_snippet(t) for t in texts[:3]]))


_BOXED = "text box"


def _where(first: tuple[str, str | None], boxed: int, n: int) -> tuple[Location, str]:
    """Where the first run is, and a note of how many of ``n`` runs are in text boxes."""
    note = "" if not boxed else ", all in text boxes" if boxed == n else f", {boxed} in text boxes"
    return Location(part=first[0], range=first[1]), note


def _hidden_finding(parts: list[tuple[str, str | None, PartText]]) -> Finding | None:
    hidden = [(p, place, t) for p, place, acc in parts for t in acc.hidden]
    if not hidden:
        return None
    by: dict[str, int] = {}
    for _p, _place, acc in parts:
        for k, v in acc.hidden_by.items():
            by[k] = by.get(k, 0) + v
    direct = len(hidden) - sum(by.values())
    how = [f"{v} by {k}" for k, v in sorted(by.items())] + ([f"{direct} by direct formatting"] if direct else [])
    texts = [t for _p, _place, t in hidden]
    where, note = _where(hidden[0][:2], sum(1 for h in hidden if h[1]), len(hidden))
    return finding("docx.hidden_text", where,
                   f"{len(texts)} run(s) of hidden text{note} ({'; '.join(how)}): {hidden_snippet(' '.join(texts))!r}",
                   count=len(texts), examples=[hidden_snippet(h) for h in texts[:3]])


def _look_findings(parts: list[tuple[str, str | None, PartText]], limits: ReleaseLimits) -> list[Finding]:
    """Runs readable in the file but not on the page: white, blacked out or tiny, one finding per kind."""
    kinds = (("white", "docx.white_text", "white or near-background text"),
             ("blacked", "docx.blacked_out", "dark text on a black (or dark) highlight or shading"),
             ("tiny", "docx.tiny_text", f"text {limits.docx_tiny_pt:g}pt or smaller"))
    out: list[Finding] = []
    for attr, fid, what in kinds:
        runs = [(p, place, t) for p, place, acc in parts for t in getattr(acc, attr)]
        if not runs:
            continue
        where, note = _where(runs[0][:2], sum(1 for r in runs if r[1]), len(runs))
        readable = ", still readable from the file" if attr == "blacked" else ""
        out.append(finding(fid, where, f"{len(runs)} run(s) of {what}{note}{readable}: "
                           f"{hidden_snippet(' '.join(r[2] for r in runs))!r}", count=len(runs),
                           examples=[hidden_snippet(r[2]) for r in runs[:3]]))
    return out


def inspect_docx(pkg: Package, limits: ReleaseLimits, file_size: int, out: list[Finding]) -> None:
    doc = next((r.target for r in pkg.rels("").values() if r.kind == "officeDocument"), "word/document.xml")
    tally = Tally(limits)
    rels = pkg.rels(doc)
    body_parts = [doc] + sorted(r.target for r in rels.values() if not r.external and
                                r.kind in ("footnotes", "endnotes") and pkg.has(r.target))
    hf_parts = sorted(r.target for r in rels.values() if not r.external and r.kind in ("header", "footer")
                      and pkg.has(r.target))
    styles = word_styles(pkg, doc, out)
    page = page_colour(pkg.xml(doc))
    read: list[tuple[str, str | None, PartText]] = []
    hf_text: list[tuple[str, str]] = []
    for part in body_parts + hf_parts:
        acc, box = read_part(pkg, part, styles, limits.docx_tiny_pt, page)
        read += [(part, None, acc), (part, _BOXED, box)]
        name = part.rsplit("/", 1)[-1]
        shown = ""
        for place, text in ((name, acc), (f"{name} ({_BOXED})", box)):
            visible = "".join(text.visible)
            shown += visible
            tally.scan(visible, place)
            for t in text.deleted + text.hidden:
                tally.scan(t, f"{place} (deleted or hidden text)", hidden=True)
        if part in hf_parts and shown.strip():
            hf_text.append((name, _snippet(shown, 60)))
    changes: dict[str, int] = {}
    for _p, _place, acc in read:
        for k, v in acc.changes.items():
            changes[k] = changes.get(k, 0) + v
    if changes:
        authors = set().union(*(acc.authors for _p, _place, acc in read))
        deleted = [t for _p, _place, acc in read for t in acc.deleted]
        n = sum(changes.values())
        kinds = ", ".join(f"{v} {k}" for k, v in sorted(changes.items()))
        out.append(finding("docx.tracked_changes", Location(part=doc),
                           f"{n} tracked change{'s' if n != 1 else ''} ({kinds})"
                           + (f" by {', '.join(sorted(authors))}" if authors else "")
                           + (f"; deleted text kept: {hidden_snippet(' '.join(deleted))!r}" if deleted else ""),
                           count=n, examples=[hidden_snippet(d) for d in deleted[:3]]))
    hidden = _hidden_finding(read)
    if hidden:
        out.append(hidden)
    out.extend(_look_findings(read, limits))
    comment_parts = [r.target for r in rels.values() if r.kind == "comments" and pkg.has(r.target)]
    for part in comment_parts or ([p for p in pkg.matching("word/comments", ".xml") if p.lower() ==
                                   "word/comments.xml"]):
        f = _comments(pkg, part, tally)
        if f:
            out.append(f)
    _glossary(pkg, doc, limits, tally, out)
    _beside_text(pkg, doc, body_parts + hf_parts, limits, tally, out)
    out.extend(_template(pkg, doc))
    if hf_text:
        out.append(finding("docx.headers_footers", Location(part=hf_parts[0]),
                           "Header/footer text: " + "; ".join(f"{p}: {t!r}" for p, t in hf_text[:4]),
                           count=len(hf_text)))
    scan_properties(pkg, tally)
    out.extend(tally.findings())
    out.extend(common_findings(pkg, "word/", ("word/",)))


def _beside_text(pkg: Package, doc: str, parts: list[str], limits: ReleaseLimits, tally: Tally,
                 out: list[Finding]) -> None:
    """Watermarks, alt text, field codes, document variables and custom XML (docx_parts reads each)."""
    keep = limits.examples
    marks: list[tuple[str, str]] = []
    alts: list[tuple[str, str, Location]] = []
    codes: list[tuple[str, str, list[str]]] = []
    binds = []
    for part in parts:
        root = soft_xml(pkg, part, out)
        if root is None:
            continue
        name = part.rsplit("/", 1)[-1]
        for w in watermarks(root):
            marks.append((part, w.words))
            if w.shape.tag.startswith("{urn:schemas-microsoft-com:vml}"):  # WordArt's own text is read as a text box
                tally.scan(w.words, f"{name} (watermark)")
        alts += [(f"{name} '{a.name}'", a.text, Location(part=part)) for a in alt_texts(root)]
        for f in fields(root):
            if f.unseen:
                codes.append((part, f.code, f.unseen))
                for word in f.unseen:
                    tally.scan(word, f"{name} (field code)", hidden=True)
            else:
                tally.scan(f.code, f"{name} (field code)")
        binds += bindings(root)
    if marks:
        named = [m for m in marks if names_people(m[1], tally)]
        words = list(dict.fromkeys(m[1] for m in marks))
        out.append(finding("docx.watermark", Location(part=marks[0][0]),
                           f"{len(marks)} watermark(s) or WordArt: " + "; ".join(repr(_snippet(w, 60))
                                                                                 for w in words[:4])
                           + (f" (in {', '.join(sorted({m[0].rsplit('/', 1)[-1] for m in marks}))})"),
                           count=len(marks), examples=[_snippet(w) for w in words[:keep]],
                           severity=Severity.RED if named else None))
    alt = alt_text_finding("docx.alt_text", alts, tally, keep)
    if alt:
        out.append(alt)
    if codes:
        hidden = [w for _p, _c, ws in codes for w in ws]
        out.append(finding("docx.field_code", Location(part=codes[0][0]),
                           f"{len(codes)} field(s) whose code holds words not shown: "
                           + "; ".join(repr(_snippet(c, 50)) for _p, c, _w in codes[:3]),
                           count=len(codes), examples=[_snippet(w) for w in hidden[:keep]]))
    settings = next((r.target for r in pkg.rels(doc).values() if r.kind == "settings" and not r.external
                     and pkg.has(r.target)), None)
    root = soft_xml(pkg, settings, out) if settings else None
    variables = [(k, v) for k, v in doc_variables(root) if k or v] if root is not None else []
    if variables:
        for k, v in variables:
            tally.scan(v, f"document variable '{k}'", hidden=True)
        out.append(finding("docx.doc_variables", Location(part=settings),
                           f"{len(variables)} document variable(s): "
                           + "; ".join(f"{k}={_snippet(v, 40)!r}" for k, v in variables[:4]),
                           count=len(variables), examples=[_snippet(f"{k}: {v}") for k, v in variables[:keep]]))
    merge = mail_merge(root, pkg.rels(settings)) if root is not None and settings else []
    if merge:
        for what, v in merge:
            tally.scan(v, f"mail merge {what}", hidden=True)
        out.append(finding("docx.mail_merge", Location(part=settings),
                           "Mail merge settings kept: "
                           + "; ".join(f"{w} '{_snippet(unquote(v), 80)}'" for w, v in merge[:3]),
                           count=len(merge), examples=[_snippet(f"{w}: {v}") for w, v in merge[:keep]]))
    for part in item_parts(pkg):  # a damaged item is reported (file.malformed) and skipped below
        soft_xml(pkg, part, out)
    for item in custom_items(pkg, binds):
        texts = [t for t in item.texts if t]
        if not texts:
            continue
        for t in texts:
            tally.scan(t, f"custom XML {item.part.rsplit('/', 1)[-1]}", hidden=True)
        shown = f"; content controls show {item.bound} other value(s)" if item.bound else "; nothing in it is shown"
        out.append(finding("docx.custom_xml", Location(part=item.part),
                           f"Custom XML data in {item.part} holds {len(texts)} value(s) not shown in the document"
                           f"{shown}: {_snippet(' | '.join(texts), 60)!r}", count=len(texts),
                           examples=[_snippet(t) for t in texts[:keep]]))

