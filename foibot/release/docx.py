"""Word (docx/docm) inspector: tracked changes, comments, hidden and white text, template paths, headers/footers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foibot.release.catalogue import finding
from foibot.release.docx_styles import WordStyles, shaded
from foibot.release.findings import Finding, Location
from foibot.release.limits import ReleaseLimits
from foibot.release.ooxml import NS, common_findings, soft_xml
from foibot.release.package import Element, Package
from foibot.release.personal import Tally

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DELETED = {W + "del", W + "moveFrom"}
_CHANGES = {W + t for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange",
                            "tblPrChange", "trPrChange", "tcPrChange", "numberingChange", "cellIns", "cellDel")}
_TEXT = {W + "t", W + "delText", W + "instrText", W + "delInstrText"}
_SHAPE_TEXT = {W + "txbxContent", "{urn:schemas-microsoft-com:vml}textbox"}
_PATHLIKE = re.compile(r"^(?:file:|\\\\|[A-Za-z]:[\\/])|[\\/]", re.I)


def _snippet(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


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
    hidden_by: dict[str, int] = field(default_factory=dict)  # style (or 'document defaults') -> runs it hides
    changes: dict[str, int] = field(default_factory=dict)
    authors: set[str] = field(default_factory=set)


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

    def walk(self, el: Element, deleted: bool = False, pstyle: str | None = None, shade: bool = False) -> None:
        tag = el.tag
        acc = self.acc
        if tag in _CHANGES:
            name = tag[len(W):]
            acc.changes[name] = acc.changes.get(name, 0) + 1
            if el.get(W + "author"):
                acc.authors.add(el.get(W + "author", ""))
        if tag in _DELETED:
            deleted = True
        if tag == W + "r":
            self._run(el, deleted, pstyle, shade)
            return
        if tag == W + "p":
            ppr = el.find(W + "pPr")
            ps = ppr.find(W + "pStyle") if ppr is not None else None
            pstyle = ps.get(W + "val") if ps is not None else None
            shade = shade or shaded(ppr)
        elif tag == W + "tc":
            shade = shade or shaded(el.find(W + "tcPr"))
        elif tag in _SHAPE_TEXT:  # text boxes sit on shapes whose fill foibot does not work out
            shade = True
        for child in el:
            self.walk(child, deleted, pstyle, shade)
        if tag == W + "p":
            acc.visible.append("\n")

    def _run(self, el: Element, deleted: bool, pstyle: str | None, shade: bool) -> None:
        acc = self.acc
        rpr = el.find(W + "rPr")
        rs = rpr.find(W + "rStyle") if rpr is not None else None
        look = self.styles.look(pstyle, rs.get(W + "val") if rs is not None else None, rpr)
        text = "".join(c.text or "" for c in el if c.tag in _TEXT)
        if rpr is not None:
            for ch in rpr:
                if ch.tag in _CHANGES:
                    self.walk(ch, deleted, pstyle, shade)
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
              background: str | None = None) -> PartText:
    root = pkg.xml(part)
    walker = _Walker(styles or WordStyles(), background or page_colour(root), int(tiny_pt * 2))
    walker.walk(root)
    return walker.acc


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
                   examples=[_snippet(t) for t in texts[:3]])


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


def _hidden_finding(parts: list[tuple[str, PartText]]) -> Finding | None:
    hidden = [(p, t) for p, acc in parts for t in acc.hidden]
    if not hidden:
        return None
    by: dict[str, int] = {}
    for _p, acc in parts:
        for k, v in acc.hidden_by.items():
            by[k] = by.get(k, 0) + v
    direct = len(hidden) - sum(by.values())
    how = [f"{v} by {k}" for k, v in sorted(by.items())] + ([f"{direct} by direct formatting"] if direct else [])
    texts = [t for _p, t in hidden]
    return finding("docx.hidden_text", Location(part=hidden[0][0]),
                   f"{len(texts)} run(s) of hidden text ({'; '.join(how)}): {_snippet(' '.join(texts))!r}",
                   count=len(texts), examples=[_snippet(h) for h in texts[:3]])


def _look_findings(parts: list[tuple[str, PartText]], limits: ReleaseLimits) -> list[Finding]:
    out: list[Finding] = []
    white = [(p, t) for p, acc in parts for t in acc.white]
    if white:
        out.append(finding("docx.white_text", Location(part=white[0][0]), f"{len(white)} run(s) of white or "
                           f"near-background text: {_snippet(' '.join(t for _p, t in white))!r}", count=len(white),
                           examples=[_snippet(t) for _p, t in white[:3]]))
    tiny = [(p, t) for p, acc in parts for t in acc.tiny]
    if tiny:
        out.append(finding("docx.tiny_text", Location(part=tiny[0][0]), f"{len(tiny)} run(s) of text "
                           f"{limits.docx_tiny_pt:g}pt or smaller: {_snippet(' '.join(t for _p, t in tiny))!r}",
                           count=len(tiny), examples=[_snippet(t) for _p, t in tiny[:3]]))
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
    read: list[tuple[str, PartText]] = []
    hf_text: list[tuple[str, str]] = []
    for part in body_parts + hf_parts:
        acc = read_part(pkg, part, styles, limits.docx_tiny_pt, page)
        read.append((part, acc))
        visible = "".join(acc.visible)
        tally.scan(visible, part.rsplit("/", 1)[-1])
        for text in acc.deleted + acc.hidden:
            tally.scan(text, f"{part.rsplit('/', 1)[-1]} (deleted or hidden text)", hidden=True)
        if part in hf_parts and visible.strip():
            hf_text.append((part.rsplit("/", 1)[-1], _snippet(visible, 60)))
    changes: dict[str, int] = {}
    for _p, acc in read:
        for k, v in acc.changes.items():
            changes[k] = changes.get(k, 0) + v
    if changes:
        authors = set().union(*(acc.authors for _p, acc in read))
        deleted = [t for _p, acc in read for t in acc.deleted]
        n = sum(changes.values())
        kinds = ", ".join(f"{v} {k}" for k, v in sorted(changes.items()))
        out.append(finding("docx.tracked_changes", Location(part=doc),
                           f"{n} tracked change{'s' if n != 1 else ''} ({kinds})"
                           + (f" by {', '.join(sorted(authors))}" if authors else "")
                           + (f"; deleted text kept: {_snippet(' '.join(deleted))!r}" if deleted else ""),
                           count=n, examples=[_snippet(d) for d in deleted[:3]]))
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
    out.extend(_template(pkg, doc))
    if hf_text:
        out.append(finding("docx.headers_footers", Location(part=hf_parts[0]),
                           "Header/footer text: " + "; ".join(f"{p}: {t!r}" for p, t in hf_text[:4]),
                           count=len(hf_text)))
    out.extend(tally.findings())
    out.extend(common_findings(pkg, "word/", ("word/",)))
