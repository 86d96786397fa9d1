"""Word (docx/docm) inspector: tracked changes, comments, hidden and white text, template paths, headers/footers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location
from foibot.release.limits import ReleaseLimits
from foibot.release.ooxml import NS, common_findings
from foibot.release.package import Element, Package
from foibot.release.personal import Tally

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DELETED = {W + "del", W + "moveFrom"}
_CHANGES = {W + t for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange",
                            "tblPrChange", "trPrChange", "tcPrChange", "numberingChange", "cellIns", "cellDel")}
_TEXT = {W + "t", W + "delText", W + "instrText", W + "delInstrText"}
_OFF = ("0", "false", "off")
_PATHLIKE = re.compile(r"^(?:file:|\\\\|[A-Za-z]:[\\/])|[\\/]", re.I)


def _on(el: Element | None) -> bool:
    return el is not None and el.get(W + "val", "1") not in _OFF


def _snippet(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass
class PartText:
    visible: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    white: list[str] = field(default_factory=list)
    changes: dict[str, int] = field(default_factory=dict)
    authors: set[str] = field(default_factory=set)


def _walk(el: Element, deleted: bool, acc: PartText) -> None:
    tag = el.tag
    if tag in _CHANGES:
        name = tag[len(W):]
        acc.changes[name] = acc.changes.get(name, 0) + 1
        if el.get(W + "author"):
            acc.authors.add(el.get(W + "author", ""))
    if tag in _DELETED:
        deleted = True
    if tag == W + "r":
        rpr = el.find(W + "rPr")
        hidden = rpr is not None and (_on(rpr.find(W + "vanish")) or _on(rpr.find(W + "specVanish")))
        colour = rpr.find(W + "color") if rpr is not None else None
        white = colour is not None and colour.get(W + "val", "").upper() in ("FFFFFF", "FFFFFFFF") and \
            rpr is not None and rpr.find(W + "shd") is None and rpr.find(W + "highlight") is None
        text = "".join(c.text or "" for c in el if c.tag in _TEXT)
        if rpr is not None:
            for ch in rpr:
                if ch.tag in _CHANGES:
                    _walk(ch, deleted, acc)
        if not text:
            return
        if deleted:
            acc.deleted.append(text)
        elif hidden:
            acc.hidden.append(text)
        else:
            acc.visible.append(text)
            if white:
                acc.white.append(text)
        return
    for child in el:
        _walk(child, deleted, acc)
    if tag == W + "p":
        acc.visible.append("\n")


def read_part(pkg: Package, part: str) -> PartText:
    acc = PartText()
    _walk(pkg.xml(part), False, acc)
    return acc


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


def inspect_docx(pkg: Package, limits: ReleaseLimits, file_size: int, out: list[Finding]) -> None:
    doc = next((r.target for r in pkg.rels("").values() if r.kind == "officeDocument"), "word/document.xml")
    tally = Tally(limits)
    rels = pkg.rels(doc)
    body_parts = [doc] + sorted(r.target for r in rels.values() if not r.external and
                                r.kind in ("footnotes", "endnotes") and pkg.has(r.target))
    hf_parts = sorted(r.target for r in rels.values() if not r.external and r.kind in ("header", "footer")
                      and pkg.has(r.target))
    changes: dict[str, int] = {}
    authors: set[str] = set()
    deleted: list[str] = []
    hidden: list[str] = []
    white: list[str] = []
    hf_text: list[tuple[str, str]] = []
    for part in body_parts + hf_parts:
        acc = read_part(pkg, part)
        for k, v in acc.changes.items():
            changes[k] = changes.get(k, 0) + v
        authors |= acc.authors
        deleted += acc.deleted
        hidden += acc.hidden
        white += acc.white
        visible = "".join(acc.visible)
        tally.scan(visible, part.rsplit("/", 1)[-1])
        for text in acc.deleted + acc.hidden:
            tally.scan(text, f"{part.rsplit('/', 1)[-1]} (deleted or hidden text)", hidden=True)
        if part in hf_parts and visible.strip():
            hf_text.append((part.rsplit("/", 1)[-1], _snippet(visible, 60)))
    if changes:
        n = sum(changes.values())
        kinds = ", ".join(f"{v} {k}" for k, v in sorted(changes.items()))
        out.append(finding("docx.tracked_changes", Location(part=doc),
                           f"{n} tracked change{'s' if n != 1 else ''} ({kinds})"
                           + (f" by {', '.join(sorted(authors))}" if authors else "")
                           + (f"; deleted text kept: {_snippet(' '.join(deleted))!r}" if deleted else ""),
                           count=n, examples=[_snippet(d) for d in deleted[:3]]))
    if hidden:
        out.append(finding("docx.hidden_text", Location(part=doc), f"{len(hidden)} run(s) of hidden text: "
                           f"{_snippet(' '.join(hidden))!r}", count=len(hidden),
                           examples=[_snippet(h) for h in hidden[:3]]))
    if white:
        out.append(finding("docx.white_text", Location(part=doc), f"{len(white)} run(s) of white text: "
                           f"{_snippet(' '.join(white))!r}", count=len(white)))
    comment_parts = [r.target for r in rels.values() if r.kind == "comments" and pkg.has(r.target)]
    for part in comment_parts or ([p for p in pkg.matching("word/comments", ".xml") if p.lower() ==
                                   "word/comments.xml"]):
        f = _comments(pkg, part, tally)
        if f:
            out.append(f)
    out.extend(_template(pkg, doc))
    if hf_text:
        out.append(finding("docx.headers_footers", Location(part=hf_parts[0]),
                           "Header/footer text: " + "; ".join(f"{p}: {t!r}" for p, t in hf_text[:4]),
                           count=len(hf_text)))
    out.extend(tally.findings())
    out.extend(common_findings(pkg, "word/", ("word/",)))
