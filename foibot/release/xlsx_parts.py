"""The non-grid parts of a workbook that leak: comments, pivot caches, external links."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from foibot.release.package import Package
from foibot.release.xlsx_sheet import rich_text

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
TC = "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}"


@dataclass
class Comment:
    ref: str
    author: str
    text: str


def legacy_comments(pkg: Package, part: str) -> list[Comment]:
    root = pkg.xml(part)
    authors = [a.text or "" for a in root.iter(f"{M}author")]
    out = []
    for c in root.iter(f"{M}comment"):
        aid = int(c.get("authorId", "-1") or -1)
        text_el = c.find(f"{M}text")
        out.append(Comment(c.get("ref", "?"), authors[aid] if 0 <= aid < len(authors) else "",
                           rich_text(text_el) if text_el is not None else ""))
    return out


def threaded_comments(pkg: Package, part: str, people: dict[str, str]) -> list[Comment]:
    out = []
    for c in pkg.xml(part).iter(f"{TC}threadedComment"):
        text_el = c.find(f"{TC}text")
        out.append(Comment(c.get("ref", "?"), people.get(c.get("personId", ""), ""),
                           (text_el.text or "") if text_el is not None else ""))
    return out


def persons(pkg: Package) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in pkg.matching("xl/persons/", ".xml"):
        for p in pkg.xml(part).iter(f"{TC}person"):
            out[p.get("id", "")] = p.get("displayName", "")
    return out


@dataclass
class PivotCache:
    definition: str
    source: str = ""
    fields: list[str] = field(default_factory=list)
    shared_values: list[str] = field(default_factory=list)
    shared_count: int = 0
    records_part: str | None = None
    records: int = 0
    record_strings: list[str] = field(default_factory=list)


def pivot_cache(pkg: Package, definition: str, keep_strings: int = 20000) -> PivotCache:
    pc = PivotCache(definition)
    root = pkg.xml(definition)
    ws = root.find(f"{M}cacheSource/{M}worksheetSource")
    if ws is not None:
        bits = [ws.get("sheet"), ws.get("ref"), ws.get("name")]
        pc.source = "!".join(b for b in bits if b)
    for cf in root.iter(f"{M}cacheField"):
        pc.fields.append(cf.get("name", ""))
        items = cf.find(f"{M}sharedItems")
        if items is None:
            continue
        for item in items:
            pc.shared_count += 1
            v = item.get("v")
            if item.tag == f"{M}s" and v and len(pc.shared_values) < keep_strings:
                pc.shared_values.append(v)
    rels = pkg.rels(definition)
    records = [r.target for r in rels.values() if r.kind == "pivotCacheRecords" and not r.external]
    if not records:
        guess = posixpath.join(posixpath.dirname(definition),
                               posixpath.basename(definition).replace("Definition", "Records"))
        records = [guess] if pkg.has(guess) else []
    if records and pkg.has(records[0]):
        pc.records_part = records[0]
        for el in pkg.iterparse(records[0], (f"{M}r", f"{M}s")):
            if el.tag == f"{M}r":
                pc.records += 1
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
            elif len(pc.record_strings) < keep_strings:
                v = el.get("v")
                if v:
                    pc.record_strings.append(v)
    return pc


@dataclass
class ExternalLink:
    part: str
    target: str
    sheets: list[str]
    cached_cells: int
    cached_values: list[str]


def external_link(pkg: Package, part: str) -> ExternalLink:
    root = pkg.xml(part)
    rels = pkg.rels(part)
    target = next((r.target for r in rels.values() if r.kind in ("externalLinkPath", "xlExternalLinkPath")), "")
    sheets = [s.get("val", "") for s in root.iter(f"{M}sheetName")]
    values = [v.text or "" for v in root.iter(f"{M}v")]
    return ExternalLink(part, target, sheets, len(values), values[:2000])
