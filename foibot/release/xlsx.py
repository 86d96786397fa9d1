"""Spreadsheet (xlsx/xlsm) inspector: hidden sheets, rows, columns and styles (conditional formats too); pivot
caches; comments; links and data connections; text boxes, chart caches and drop-down lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location, Severity
from foibot.release.limits import ReleaseLimits
from foibot.release.ooxml import common_findings, scan_properties
from foibot.release.package import Package
from foibot.release.personal import Pattern, Tally
from foibot.release.tables import heading_finding
from foibot.release.xlsx_connections import connection_findings
from foibot.release.xlsx_drawings import drawing_findings
from foibot.release.xlsx_parts import external_link, legacy_comments, persons, pivot_cache, threaded_comments
from foibot.release.xlsx_rules import RULE, RULE_MAYBE, dxf_flags, hiding_rules
from foibot.release.xlsx_scan import ZERO_WIDTH, SheetStats, formula_refs, scan_sheet
from foibot.release.xlsx_sheet import (
    SheetReader,
    Validation,
    col_index,
    ranges_text,
    row_blocks,
    shared_strings,
)
from foibot.release.xlsx_styles import HIDDEN_FORMAT, TINY, WHITE, load_styles
from foibot.release.xlsx_validation import validation_findings

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_AREA = re.compile(r"^\$?([A-Z]{0,3})\$?(\d*)(?::\$?([A-Z]{0,3})\$?(\d*))?$")
_STYLE_IDS = {WHITE: "xlsx.white_text", TINY: "xlsx.tiny_text", HIDDEN_FORMAT: "xlsx.hidden_format",
              RULE: "xlsx.conditional_hidden", RULE_MAYBE: "xlsx.conditional_hidden"}
_STYLE_WORDS = {WHITE: "text coloured like its background", TINY: "text in a tiny font",
                HIDDEN_FORMAT: "values hidden by the ';;;' number format",
                RULE: "values hidden by a conditional format (white text or ';;;') whose rule always holds",
                RULE_MAYBE: "values a conditional format hides (white text or ';;;') whenever its rule holds"}


@dataclass
class SheetInfo:
    name: str
    state: str
    part: str | None
    kind: str


@dataclass
class DefinedName:
    name: str
    text: str
    local: int | None
    hidden: bool


@dataclass
class Workbook:
    part: str
    sheets: list[SheetInfo] = field(default_factory=list)
    names: list[DefinedName] = field(default_factory=list)
    styles: str | None = None
    shared_strings: str | None = None
    external_parts: list[str] = field(default_factory=list)  # externalLink parts in [1], [2]... order


def read_workbook(pkg: Package) -> Workbook:
    root_rels = pkg.rels("")
    part = next((r.target for r in root_rels.values() if r.kind == "officeDocument"), "xl/workbook.xml")
    wb = Workbook(part)
    rels = pkg.rels(part)
    root = pkg.xml(part)
    for s in root.iter(f"{M}sheet"):
        rel = rels.get(s.get(R_ID, ""))
        wb.sheets.append(SheetInfo(s.get("name", "?"), s.get("state", "visible") or "visible",
                                   rel.target if rel and not rel.external else None, rel.kind if rel else ""))
    for d in root.iter(f"{M}definedName"):
        local = d.get("localSheetId")
        sheet = int(local) if local and local.isdecimal() else None
        wb.names.append(DefinedName(d.get("name", ""), d.text or "", sheet, d.get("hidden") in ("1", "true")))
    for ref in root.iter(f"{M}externalReference"):
        rel = rels.get(ref.get(R_ID, ""))
        wb.external_parts.append(rel.target if rel and not rel.external else "")
    for r in rels.values():
        if r.kind == "styles":
            wb.styles = r.target
        elif r.kind == "sharedStrings":
            wb.shared_strings = r.target
    return wb


def parse_area(text: str) -> list[tuple[int, int, int, int]]:
    """'Sheet1!$A$1:$C$10,Sheet1!$E:$F' -> [(1, 0, 10, 2), (1, 4, 2**20, 5)]."""
    out = []
    for piece in text.split(","):
        ref = piece.rsplit("!", 1)[-1].strip()
        m = _AREA.match(ref)
        if not m:
            continue
        c1, r1, c2, r2 = m.group(1), m.group(2), m.group(3) or m.group(1), m.group(4) or m.group(2)
        out.append((int(r1) if r1 else 1, col_index(c1) if c1 else 0,
                    int(r2) if r2 else 1 << 20, col_index(c2) if c2 else 1 << 14))
    return out






def _sheet_findings(st: SheetStats, limits: ReleaseLimits, hidden_names: set[str],
                    externals: dict[str, str]) -> list[Finding]:
    out: list[Finding] = []
    keep = limits.examples
    if st.hidden:
        fid = "xlsx.very_hidden_sheet" if st.state == "veryHidden" else "xlsx.hidden_sheet"
        word = "very hidden" if st.state == "veryHidden" else "hidden"
        if st.cells:
            out.append(finding(fid, Location(sheet=st.name), f"Sheet '{st.name}' is {word} and holds {st.cells:,} "
                               f"non-empty cell{'s' if st.cells != 1 else ''}.", count=st.cells))
        else:
            out.append(finding(fid, Location(sheet=st.name), f"Sheet '{st.name}' is {word} (it looks empty).",
                               count=0, severity=Severity.AMBER))
        return out
    if st.in_hidden_rows.count:
        rows = {r for r in st.hidden_rows}
        out.append(finding("xlsx.hidden_rows", Location(sheet=st.name, range=f"rows {ranges_text(rows)}"),
                           f"{st.in_hidden_rows.count:,} non-empty cells in hidden rows {ranges_text(rows)} of "
                           f"'{st.name}'", count=st.in_hidden_rows.count, examples=st.in_hidden_rows.examples))
    if st.in_hidden_cols.count:
        cols = ranges_text(st.hidden_cols, letters=True)
        out.append(finding("xlsx.hidden_columns", Location(sheet=st.name, range=f"columns {cols}"),
                           f"{st.in_hidden_cols.count:,} non-empty cells in hidden columns {cols} of '{st.name}'",
                           count=st.in_hidden_cols.count, examples=st.in_hidden_cols.examples))
    for bit, spot in sorted(st.styled.items()):
        out.append(finding(_STYLE_IDS[bit], Location(sheet=st.name, cell=spot.examples[0]),
                           f"{spot.count:,} cell{'s' if spot.count != 1 else ''} with {_STYLE_WORDS[bit]} in "
                           f"'{st.name}'" + (f" ({'; '.join(st.rule_words)})" if bit in (RULE, RULE_MAYBE) else ""),
                           count=spot.count, examples=spot.examples,
                           severity=Severity.AMBER if bit == RULE_MAYBE else None))
    if st.zero_width.count:
        out.append(finding("xlsx.zero_width", Location(sheet=st.name, cell=st.zero_width.examples[0]),
                           f"{st.zero_width.count} cell(s) with zero-width characters in '{st.name}'",
                           count=st.zero_width.count, examples=st.zero_width.examples))
    if st.outside_print.count:
        out.append(finding("xlsx.outside_print_area", Location(sheet=st.name, cell=st.outside_print.examples[0]),
                           f"{st.outside_print.count:,} non-empty cells outside the print area of '{st.name}'",
                           count=st.outside_print.count, examples=st.outside_print.examples))
    blocks = row_blocks(st.row_counts, limits.far_gap_rows)
    if len(blocks) > 1:
        main = max(blocks, key=lambda b: b[2])
        far = [b for b in blocks if b is not main]
        n = sum(b[2] for b in far)
        out.append(finding("xlsx.far_data", Location(sheet=st.name, range=", ".join(
            f"rows {a}-{b}" if a != b else f"row {a}" for a, b, _ in far[:keep])),
            f"{n:,} cells more than {limits.far_gap_rows} empty rows away from the main table "
            f"(rows {main[0]}-{main[1]}) in '{st.name}'", count=n))
    if st.formulas.count:
        bits = []
        hidden_refs = sorted(s for s in st.formula_sheets if s.lower() in hidden_names)
        if hidden_refs:
            bits.append("refer to hidden sheet(s) " + ", ".join(f"'{s}'" for s in hidden_refs))
        if st.formula_external:
            books = sorted(externals.get(e, e) for e in st.formula_external)
            bits.append("refer to other workbooks " + ", ".join(books[:5]))
        if st.no_cached_value:
            bits.append(f"{st.no_cached_value} have no saved value")
        out.append(finding("xlsx.formulas", Location(sheet=st.name, cell=st.formulas.examples[0]),
                           f"{st.formulas.count:,} formula cell{'s' if st.formulas.count != 1 else ''} in "
                           f"'{st.name}'" + (f"; {'; '.join(bits)}" if bits else ""),
                           count=st.formulas.count, examples=st.formula_texts))
    return out


def _comment_findings(pkg: Package, wb: Workbook, tally: Tally) -> list[Finding]:
    out: list[Finding] = []
    people = persons(pkg)
    seen: set[str] = set()
    for sheet in wb.sheets:
        if not sheet.part:
            continue
        for rel in pkg.rels(sheet.part).values():
            if rel.external or not pkg.has(rel.target):
                continue
            if rel.kind == "comments":
                comments = legacy_comments(pkg, rel.target)
            elif rel.kind == "threadedComment":
                comments = threaded_comments(pkg, rel.target, people)
            else:
                continue
            seen.add(rel.target.lower())
            for c in comments:
                tally.scan(c.text, f"{sheet.name}!{c.ref} (comment)", hidden=True)
            if comments:
                authors = sorted({c.author for c in comments if c.author})
                kind = "threaded comment" if rel.kind == "threadedComment" else "comment/note"
                out.append(finding("xlsx.comments", Location(sheet=sheet.name, cell=comments[0].ref, part=rel.target),
                                   f"{len(comments)} {kind}{'s' if len(comments) != 1 else ''} on '{sheet.name}' at "
                                   + ", ".join(c.ref for c in comments[:6])
                                   + (f"; authors: {', '.join(authors)}" if authors else ""),
                                   count=len(comments), examples=[c.ref for c in comments[:6]]))
    orphans = [p for p in pkg.matching("xl/comments", ".xml") + pkg.matching("xl/threadedComments/", ".xml")
               if p.lower() not in seen]
    for p in orphans:
        out.append(finding("xlsx.comments", Location(part=p), f"Comments part {p} not attached to any sheet"))
    return out


def _pivot_findings(pkg: Package, tally: Tally) -> list[Finding]:
    out: list[Finding] = []
    for part in pkg.matching("xl/pivotCache/pivotCacheDefinition", ".xml"):
        pc = pivot_cache(pkg, part)
        for v in pc.shared_values + pc.record_strings:
            tally.scan(v, f"pivot cache {part.rsplit('/', 1)[-1]}", hidden=True)
        msg = (f"Pivot cache{' of ' + pc.source if pc.source else ''} with {len(pc.fields)} field(s) "
               f"({', '.join(pc.fields[:8])}): {pc.records:,} source records stored, "
               f"{pc.shared_count:,} distinct values")
        sev = None if (pc.records or pc.shared_values) else Severity.AMBER
        out.append(finding("xlsx.pivot_cache", Location(part=pc.records_part or part, range=pc.source or None),
                           msg, count=pc.records, severity=sev))
    tables = pkg.matching("xl/pivotTables/", ".xml")
    if tables:
        out.append(finding("xlsx.pivot_table", Location(part=tables[0]),
                           f"{len(tables)} pivot table(s): " + ", ".join(tables[:4]), count=len(tables)))
    return out


def _link_findings(pkg: Package, tally: Tally) -> list[Finding]:
    out: list[Finding] = []
    for part in pkg.matching("xl/externalLinks/externalLink", ".xml"):
        link = external_link(pkg, part)
        for v in link.cached_values:
            tally.scan(v, f"external link cache {part.rsplit('/', 1)[-1]}", hidden=True)
        msg = f"Link to another workbook: {link.target or '(no path)'}"
        if link.sheets:
            msg += f" (sheets {', '.join(link.sheets[:5])})"
        msg += f"; {link.cached_cells:,} cached value(s) kept in this file"
        sev = None if link.cached_cells else Severity.AMBER
        out.append(finding("xlsx.external_link", Location(part=part), msg, count=link.cached_cells, severity=sev))
    return out


_ARRAY_TEXT = re.compile(r'"((?:[^"]|"")+)"')


def _name_findings(wb: Workbook, hidden_names: set[str], tally: Tally) -> list[Finding]:
    out: list[Finding] = []
    for d in wb.names:
        if d.name.startswith("_xlnm."):
            continue
        for text in _ARRAY_TEXT.findall(d.text):  # typed-in text no cell shows: personal data in it is hidden
            tally.scan(text.replace('""', '"'), f"defined name '{d.name}'", hidden=True)
        sheets, external = formula_refs(d.text)
        hidden_refs = [s for s in sheets if s.lower() in hidden_names]
        why = []
        if hidden_refs:
            why.append(f"points at hidden sheet '{hidden_refs[0]}'")
        if d.hidden:
            why.append("is itself hidden")
        if external or "[" in d.text:
            why.append("points at another workbook")
        if "#REF!" in d.text:
            why.append("points at deleted data")
        typed = _ARRAY_TEXT.findall(d.text) if d.text.lstrip("= ").startswith("{") else []
        if len(typed) >= 2:
            # a typed-in list (an array constant): its values are in the file though no cell shows them
            why.append(f"holds a typed-in list of {len(typed)} text values that no cell shows "
                       f"({', '.join(repr(t[:20]) for t in typed[:2])} …)")
        if why:
            out.append(finding("xlsx.defined_name", Location(range=d.text[:80]),
                               f"Defined name '{d.name}' ({d.text[:80]}) {' and '.join(why)}"))
    return out


def _size_finding(pkg: Package, file_size: int, wb: Workbook, stats: list[SheetStats]) -> Finding | None:
    visible_cells = sum(s.visible_cells for s in stats if not s.hidden)
    hidden_parts = [s.part for s in stats if s.hidden and s.part]
    hidden_parts += [n for n in pkg.names if n.lower().startswith(("xl/pivotcache/", "xl/embeddings/",
                                                                   "xl/externallinks/"))]
    hidden_bytes = sum(pkg.size(p) for p in hidden_parts)
    visible_bytes = sum(pkg.size(s.part) for s in stats if not s.hidden and s.part)
    per_cell = file_size / max(visible_cells, 1)
    if hidden_bytes > 64 * 1024 and hidden_bytes > visible_bytes:
        return finding("file.size", Location(part=hidden_parts[0]),
                       f"{hidden_bytes:,} bytes of parts you cannot see (hidden sheets, pivot caches, embedded or "
                       f"linked data) against {visible_bytes:,} bytes of visible sheets")
    if file_size > 1024 * 1024 and per_cell > 2000:
        return finding("file.size", None, f"{file_size:,} bytes for {visible_cells:,} visible non-empty cells "
                                          f"({per_cell:,.0f} bytes a cell; a plain sheet needs far less)")
    return None


def inspect_xlsx(pkg: Package, limits: ReleaseLimits, file_size: int, out: list[Finding]) -> None:
    """Append findings for a workbook package to ``out`` (partial findings survive an exception)."""
    wb = read_workbook(pkg)
    tally = Tally(limits)
    styles = load_styles(pkg, wb.styles, limits.tiny_font_pt)
    sst = shared_strings(pkg, wb.shared_strings)
    sst_hits: dict[int, list[tuple[Pattern, str]]] = {}
    zw_idx: set[int] = set()
    for i, text in enumerate(sst):
        if len(text) > 5:
            hits = tally.find(text)
            if hits:
                sst_hits[i] = hits
        if ZERO_WIDTH.search(text):
            zw_idx.add(i)
    hidden_names = {s.name.lower() for s in wb.sheets if s.state != "visible"}
    dxfs = dxf_flags(pkg, wb.styles)
    areas = {d.local: parse_area(d.text) for d in wb.names if d.name == "_xlnm.Print_Area" and d.local is not None}
    externals: dict[str, str] = {}
    for n, part in enumerate(wb.external_parts, start=1):
        if part and pkg.has(part):
            externals[str(n)] = external_link(pkg, part).target or part
    stats: list[SheetStats] = []
    rules: list[tuple[str, list[Validation]]] = []
    hidden_headings: list[tuple[str, str, str]] = []
    visible_headings: list[tuple[str, str, str]] = []
    for i, sheet in enumerate(wb.sheets):
        if sheet.kind in ("xlMacrosheet", "xlIntlMacrosheet"):
            out.append(finding("ooxml.macros", Location(sheet=sheet.name), f"'{sheet.name}' is an Excel 4 macro "
                                                                           "sheet; not run."))
        if not sheet.part or sheet.kind != "worksheet" or not pkg.has(sheet.part):
            if sheet.state != "visible":
                out.append(finding("xlsx.hidden_sheet", Location(sheet=sheet.name),
                                   f"'{sheet.name}' ({sheet.kind or 'sheet'}) is {sheet.state}."))
            continue
        st = SheetStats(sheet.name, sheet.state, sheet.part)
        reader = SheetReader(pkg, sheet.part)
        hiding = hiding_rules(pkg, sheet.part, dxfs)
        st.rule_words = hiding.words if hiding else []
        scan_sheet(reader, st, sst, sst_hits, zw_idx, styles, tally, limits, areas.get(i), hiding)
        stats.append(st)
        rules.append((sheet.name, reader.validations))
        out.extend(_sheet_findings(st, limits, hidden_names, externals))
        for col, text, kind, hidden in st.headings:
            if kind == "phone" and not hidden and st.services.only_services(col_index(col)):
                continue  # a column of service lines (0300 ...), not people's numbers
            (hidden_headings if hidden else visible_headings).append((f"'{sheet.name}'!{col}", text, kind))
        if st.small is not None:
            small = st.small.finding(f"'{sheet.name}'")
            if small:
                out.append(small)
            back = st.small.recoverable_finding(f"'{sheet.name}'", sheet.name)
            if back:
                out.append(back)
        births = st.dates.finding(f"'{sheet.name}'", sheet.name, st.hidden)
        if births:
            out.append(births)
    out.extend(_comment_findings(pkg, wb, tally))
    by_name = {st.name.lower(): st for st in stats}
    defined = {d.name.lower(): d.text for d in wb.names if d.local is None}
    for name, found in rules:
        out.extend(validation_findings(name, found, defined, by_name, hidden_names, tally))
    out.extend(drawing_findings(pkg, [(s.name, s.part, s.state != "visible") for s in wb.sheets if s.part],
                                by_name, hidden_names, tally))
    out.extend(_pivot_findings(pkg, tally))
    out.extend(_link_findings(pkg, tally))
    out.extend(connection_findings(pkg, tally))
    out.extend(_name_findings(wb, hidden_names, tally))
    for heads, hidden in ((hidden_headings, True), (visible_headings, False)):
        f = heading_finding(heads, hidden)
        if f:
            out.append(f)
    scan_properties(pkg, tally)
    out.extend(tally.findings())
    size = _size_finding(pkg, file_size, wb, stats)
    if size:
        out.append(size)
    out.extend(common_findings(pkg, "xl/", ("xl/",)))
