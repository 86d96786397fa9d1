"""OpenDocument spreadsheet (.ods) findings: hidden sheets, hidden and filtered rows and columns, cells under merged
cells, comments, formulas and the references they reveal, named and database ranges, linked sheets and files, charts
drawn from hidden data, white and tiny text, data far from the table, personal headings and small counts."""

from __future__ import annotations

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location, Severity
from foibot.release.limits import ReleaseLimits
from foibot.release.odf_common import Manifest, Styles, plural, short
from foibot.release.odf_ods import Book, Reader, Sheet
from foibot.release.odf_refs import Ref, address_refs, formula_refs
from foibot.release.package import Package
from foibot.release.personal import Tally
from foibot.release.tables import heading_finding
from foibot.release.xlsx_sheet import col_letter, ranges_text, row_blocks


def _far(sheet: Sheet, limits: ReleaseLimits) -> Finding | None:
    keep = limits.examples
    bits: list[str] = []
    where: list[str] = []
    n = 0
    if len(sheet.row_blocks) > 1:
        main = max(sheet.row_blocks, key=lambda b: b[2])
        far = [b for b in sheet.row_blocks if b is not main]
        n += sum(b[2] for b in far)
        where += [f"rows {a}-{b}" if a != b else f"row {a}" for a, b, _ in far[:keep]]
        bits.append(f"more than {limits.far_gap_rows} empty rows below or above the main table (rows "
                    f"{main[0]}-{main[1]})")
    cols = row_blocks(sheet.col_counts, limits.far_gap_cols)
    if len(cols) > 1:
        main = max(cols, key=lambda b: b[2])
        far = [b for b in cols if b is not main]
        n += sum(b[2] for b in far)
        where += [f"columns {col_letter(a)}-{col_letter(b)}" if a != b else f"column {col_letter(a)}"
                  for a, b, _ in far[:keep]]
        bits.append(f"more than {limits.far_gap_cols} empty columns beside the main table (columns "
                    f"{col_letter(main[0])}-{col_letter(main[1])})")
    if not bits:
        return None
    return finding("odf.far_data", Location(sheet=sheet.name, range=", ".join(where)),
                   f"{n:,} cell{'s' if n != 1 else ''} {' and '.join(bits)} in '{sheet.name}'", count=n)


def _sheet_findings(sheet: Sheet, limits: ReleaseLimits, hidden_names: set[str]) -> list[Finding]:
    out: list[Finding] = []
    name = sheet.name
    if sheet.hidden:
        if sheet.cells:
            out.append(finding("odf.hidden_sheet", Location(sheet=name), f"Sheet '{name}' is hidden and holds "
                               f"{sheet.cells:,} non-empty cell{'s' if sheet.cells != 1 else ''}.",
                               count=sheet.cells))
        else:
            out.append(finding("odf.hidden_sheet", Location(sheet=name), f"Sheet '{name}' is hidden (it looks "
                               "empty).", count=0, severity=Severity.AMBER))
    for spot, fid, what, rows in ((sheet.in_hidden_rows, "odf.hidden_rows", "hidden rows {}", sheet.hidden_rows),
                                  (sheet.in_filtered_rows, "odf.filtered_rows", "rows {} hidden by a filter",
                                   sheet.filtered_rows)):
        if spot.count:
            out.append(finding(fid, Location(sheet=name, range=f"rows {ranges_text(rows)}"),
                               f"{spot.count:,} non-empty cell{'s' if spot.count != 1 else ''} in "
                               f"{what.format(ranges_text(rows))} of '{name}'", count=spot.count,
                               examples=spot.examples))
    if sheet.in_hidden_cols.count:
        cols = ranges_text(sheet.data_cols, letters=True)
        out.append(finding("odf.hidden_columns", Location(sheet=name, range=f"columns {cols}"),
                           f"{sheet.in_hidden_cols.count:,} non-empty cells in hidden columns {cols} of '{name}'",
                           count=sheet.in_hidden_cols.count, examples=sheet.in_hidden_cols.examples))
    if sheet.style_hidden.count:
        out.append(finding("odf.hidden_text", Location(sheet=name, cell=sheet.style_hidden.examples[0]),
                           f"{sheet.style_hidden.count:,} cell(s) whose text is hidden by its style (text:display) "
                           f"in '{name}'", count=sheet.style_hidden.count, examples=sheet.style_hidden.examples))
    if sheet.covered.count:
        out.append(finding("odf.covered_cells", Location(sheet=name, cell=sheet.covered.examples[0]),
                           f"{sheet.covered.count:,} non-empty cell{'s' if sheet.covered.count != 1 else ''} under "
                           f"merged cells in '{name}'", count=sheet.covered.count, examples=sheet.covered.examples))
    for spot, fid, what in ((sheet.white, "odf.white_text", "text coloured like its background"),
                            (sheet.tiny, "odf.tiny_text", f"text {limits.tiny_font_pt:g}pt or smaller")):
        if spot.count:
            out.append(finding(fid, Location(sheet=name, cell=spot.examples[0]),
                               f"{spot.count:,} cell{'s' if spot.count != 1 else ''} with {what} in '{name}'",
                               count=spot.count, examples=spot.examples))
    if not sheet.hidden:
        far = _far(sheet, limits)
        if far:
            out.append(far)
    if sheet.formulas.count:
        bits = []
        hidden_refs = sorted({r.sheet for r in sheet.formula_refs if r.sheet and r.sheet.lower() in hidden_names
                              and r.sheet.lower() != name.lower()})
        if hidden_refs:
            bits.append("refer to hidden sheet(s) " + ", ".join(f"'{s}'" for s in hidden_refs))
        if sheet.formula_external:
            bits.append("refer to other files " + ", ".join(sorted(sheet.formula_external)[:5]))
        out.append(finding("odf.formulas", Location(sheet=name, cell=sheet.formulas.examples[0]),
                           f"{sheet.formulas.count:,} formula cell{'s' if sheet.formulas.count != 1 else ''} in "
                           f"'{name}'" + (f"; {'; '.join(bits)}" if bits else ""),
                           count=sheet.formulas.count, examples=sheet.formula_texts))
    if sheet.comments:
        authors = sorted({a for _r, a, _t in sheet.comments if a})
        n = len(sheet.comments)
        out.append(finding("odf.comments", Location(sheet=name, cell=sheet.comments[0][0]),
                           f"{plural(n, 'comment')} on '{name}' at " + ", ".join(r for r, _a, _t in sheet.comments[:6])
                           + (f"; authors: {', '.join(authors)}" if authors else ""), count=n,
                           examples=[short(t, 40) for _r, _a, t in sheet.comments[:3]]))
    return out


def _points_at_hidden(refs: list[Ref], local: str | None, by_name: dict[str, Sheet]) -> list[str]:
    """Why these references point at hidden data (hidden sheet, hidden or filtered rows, hidden columns)."""
    why: list[str] = []
    for r in refs:
        if r.external:
            why.append(f"points at another file ({r.external})")
            continue
        sheet = by_name.get((r.sheet or local or "").lower())
        if sheet is None:
            continue
        if sheet.hidden:
            why.append(f"points at hidden sheet '{sheet.name}'")
            continue
        rows = sorted(x for x in sheet.hidden_rows | sheet.filtered_rows if r.r1 <= x <= r.r2)
        if rows:
            why.append(f"covers hidden rows {ranges_text(set(rows))} of '{sheet.name}' holding data")
        cols = sorted(x for x in sheet.data_cols if r.c1 <= x <= r.c2)
        if cols:
            why.append(f"covers hidden columns {ranges_text(set(cols), letters=True)} of '{sheet.name}'")
    return list(dict.fromkeys(why))


def _name_findings(book: Book, by_name: dict[str, Sheet]) -> list[Finding]:
    out: list[Finding] = []
    for d in book.names:
        if d.name.startswith("__Anonymous_Sheet_DB__"):
            continue  # the range behind a sheet's own autofilter; its filtered rows are reported already
        if d.kind == "named expression":
            refs, ext = formula_refs(d.text)
            refs += [r for r in address_refs(d.text.split("=", 1)[-1]) if "[" not in d.text]
        else:
            refs, ext = address_refs(d.text), set()
        why = _points_at_hidden(refs, d.local, by_name)
        why += [f"names {e}" for e in sorted(ext - {r.external for r in refs})]
        if "#REF!" in d.text.upper():
            why.append("points at deleted data")
        if why:
            out.append(finding("odf.named_range", Location(sheet=d.local, range=short(d.text, 80)),
                               f"{d.kind.capitalize()} '{d.name}' ({short(d.text, 80)}) " + " and ".join(why)))
    return out


def _link_findings(book: Book, by_name: dict[str, Sheet], tally: Tally) -> list[Finding]:
    out: list[Finding] = []
    for sheet in book.sheets:
        if sheet.source:
            out.append(finding("odf.external_link", Location(sheet=sheet.name),
                               f"Sheet '{sheet.name}' is linked to another file: {sheet.source}; {sheet.cells:,} "
                               "cached value(s) kept in this file", count=sheet.cells))
    external = sorted({e for s in book.sheets for e in s.formula_external})
    if external:
        out.append(finding("odf.external_link", Location(part="content.xml"),
                           "Formulas refer to other files or services: " + ", ".join(external[:5]),
                           count=len(external)))
    objects = sorted({href for kind, href in book.links if kind == "external"})
    if objects:
        out.append(finding("odf.external_link", Location(part="content.xml"),
                           "Objects or images linked from outside the file: " + ", ".join(objects[:5]),
                           count=len(objects), severity=Severity.AMBER))
    if book.linked_ranges:
        out.append(finding("odf.external_link", Location(part="content.xml"),
                           "Cell ranges linked to other files: " + ", ".join(book.linked_ranges[:5]),
                           count=len(book.linked_ranges)))
    if book.dde:
        out.append(finding("odf.external_link", Location(part="content.xml"),
                           "DDE links to other programs or files: " + ", ".join(book.dde[:5]), count=len(book.dde)))
    paths = sorted({href for kind, href in book.links if kind == "path"})
    if paths:
        out.append(finding("odf.internal_path", Location(part="content.xml"),
                           "Links to internal files or shares: " + ", ".join(paths[:5]), count=len(paths)))
    for sheet_name, href, ranges in book.charts:
        why = _points_at_hidden(address_refs(ranges), sheet_name, by_name)
        if why:
            out.append(finding("odf.chart_cache", Location(sheet=sheet_name or None, part=href.lstrip("./") or None),
                               f"Chart {href.lstrip('./') or ''} ({short(ranges, 60)}) {' and '.join(why)}; the "
                               "chart keeps its own copy of that data"))
    return out


def chart_texts(pkg: Package, folder: str) -> list[str]:
    """The cached data table of a chart sub-document (its own content.xml)."""
    part = f"{folder}/content.xml"
    if not pkg.has(part):
        return []
    return [t for t in pkg.xml(part).itertext() if t.strip()]


def inspect_ods_content(pkg: Package, styles: Styles, limits: ReleaseLimits, tally: Tally, man: Manifest,
                        charts: list[str], out: list[Finding]) -> Book:
    """Read content.xml and add the spreadsheet's own findings."""
    book = Reader(pkg, styles, limits, tally).read()
    hidden_names = {s.name.lower() for s in book.sheets if s.hidden}
    by_name = {s.name.lower(): s for s in book.sheets}
    visible_heads: list[tuple[str, str, str]] = []
    hidden_heads: list[tuple[str, str, str]] = []
    for sheet in book.sheets:
        out.extend(_sheet_findings(sheet, limits, hidden_names))
        for col, text, kind, hidden in sheet.headings:
            (hidden_heads if hidden else visible_heads).append((f"'{sheet.name}'!{col}", text, kind))
        if sheet.small is not None:
            small = sheet.small.finding(f"'{sheet.name}'")
            if small:
                out.append(small)
    out.extend(_name_findings(book, by_name))
    out.extend(_link_findings(book, by_name, tally))
    hidden_charts = {(f.where.part or "").lower() for f in out if f.id == "odf.chart_cache"}
    for folder in charts:
        for text in chart_texts(pkg, folder):
            tally.scan(text, f"chart {folder}", hidden=folder.lower() in hidden_charts)
    for heads, hidden in ((hidden_heads, True), (visible_heads, False)):
        f = heading_finding(heads, hidden)
        if f:
            out.append(f)
    return book

