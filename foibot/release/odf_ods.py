"""OpenDocument spreadsheet (.ods) reader: one streamed pass over content.xml gathering, per sheet, what the findings
need (odf_ods_findings.py): hidden sheets, rows, columns and merged-over cells, comments, formulas, styles, layout;
named and database ranges, links and charts for the whole book.

Rows are dropped once read, so a large sheet is not held in memory. Nothing is evaluated.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from foibot.release.limits import ReleaseLimits
from foibot.release.odf_common import (
    DRAW,
    OFFICE,
    SCRIPT,
    TABLE,
    TEXT,
    XLINK,
    Styles,
    annotation,
    link_kind,
    para_text,
    short,
)
from foibot.release.odf_refs import Ref, formula_refs
from foibot.release.package import SAFE_XML, Element, MalformedError, Package, refuse_doctype
from foibot.release.personal import Tally
from foibot.release.tables import SmallCounts, heading_kind
from foibot.release.xlsx_scan import Spot
from foibot.release.xlsx_sheet import col_letter

_MAX_REPEAT = 1 << 20
_HIDDEN_ROW = ("collapse", "filter")
_CELLS = (TABLE + "table-cell", TABLE + "covered-table-cell")
_TEXTS = (TEXT + "p", TEXT + "h", TEXT + "list")
_SHAPES = DRAW  # any drawing element in a cell or in table:shapes


def _int(value: str | None, default: int = 1) -> int:
    try:
        return max(1, min(int(value or default), _MAX_REPEAT))
    except ValueError:
        return default




@dataclass
class Sheet:
    name: str
    hidden: bool
    source: str = ""  # table:table-source: the sheet is a linked copy of another file
    row: int = 0  # rows read so far
    ncols: int = 0
    hidden_cols: list[tuple[int, int]] = field(default_factory=list)  # inclusive column ranges
    col_styles: list[tuple[int, int, str]] = field(default_factory=list)
    cells: int = 0
    visible_cells: int = 0
    in_hidden_rows: Spot = field(default_factory=Spot)
    in_filtered_rows: Spot = field(default_factory=Spot)
    in_hidden_cols: Spot = field(default_factory=Spot)
    covered: Spot = field(default_factory=Spot)
    style_hidden: Spot = field(default_factory=Spot)
    white: Spot = field(default_factory=Spot)
    tiny: Spot = field(default_factory=Spot)
    formulas: Spot = field(default_factory=Spot)
    formula_texts: list[str] = field(default_factory=list)
    formula_refs: list[Ref] = field(default_factory=list)
    formula_external: set[str] = field(default_factory=set)
    comments: list[tuple[str, str, str]] = field(default_factory=list)  # ref, author, text
    hidden_rows: set[int] = field(default_factory=set)  # rows hidden (collapse) that hold data
    filtered_rows: set[int] = field(default_factory=set)
    data_cols: set[int] = field(default_factory=set)  # hidden columns that hold data
    row_blocks: list[tuple[int, int, int]] = field(default_factory=list)  # visible (first, last, cells)
    col_counts: dict[int, int] = field(default_factory=dict)
    header_done: bool = False
    headings: list[tuple[str, str, str, bool]] = field(default_factory=list)
    small: SmallCounts | None = None
    shape_texts: int = 0

    def col_hidden(self, col: int) -> bool:
        return any(a <= col <= b for a, b in self.hidden_cols)

    def col_style(self, col: int) -> str | None:
        for a, b, name in self.col_styles:
            if a <= col <= b:
                return name
        return None


@dataclass
class _Cell:
    col: int
    repeat: int
    covered: bool
    text: str
    number: float | None
    formula: str | None
    look_hidden: bool
    white: bool
    tiny: bool


@dataclass
class Named:
    kind: str  # 'named range', 'named expression', 'database range'
    name: str
    text: str
    local: str | None


@dataclass
class Book:
    sheets: list[Sheet] = field(default_factory=list)
    names: list[Named] = field(default_factory=list)
    charts: list[tuple[str, str, str]] = field(default_factory=list)  # sheet, object href, ranges
    links: list[tuple[str, str]] = field(default_factory=list)  # (kind 'path'|'external', href)
    dde: list[str] = field(default_factory=list)
    scripts: int = 0
    spreadsheet: bool = False  # an office:spreadsheet body was seen
    linked_ranges: list[str] = field(default_factory=list)  # table:cell-range-source: data linked from a file


class Reader:
    """One streamed pass over content.xml."""

    def __init__(self, pkg: Package, styles: Styles, limits: ReleaseLimits, tally: Tally) -> None:
        self.pkg, self.styles, self.limits, self.tally = pkg, styles, limits, tally
        self.book = Book()
        self.stack: list[Sheet] = []
        self.keep = limits.examples

    def _events(self, part: str) -> Iterator[tuple[str, Element]]:
        with self.pkg.stream(part) as fh:
            try:
                first = True
                for ev, el in etree.iterparse(fh, events=("start", "end"), **SAFE_XML):
                    if first:
                        refuse_doctype(el, part)
                        if el.tag != OFFICE + "document-content":
                            raise MalformedError(f"part {part} is not an OpenDocument content part (root "
                                                 f"{str(el.tag)[:60]})", part)
                        first = False
                    yield ev, el
            except (etree.XMLSyntaxError, ValueError, zipfile.BadZipFile, EOFError) as exc:
                raise MalformedError(f"part {part} is not well-formed XML ({str(exc)[:80]})", part) from exc

    def read(self, part: str = "content.xml") -> Book:
        book = self.book
        for ev, el in self._events(part):
            tag = el.tag
            if ev == "start":
                if tag == OFFICE + "spreadsheet":
                    book.spreadsheet = True
                elif tag == TABLE + "table":
                    hidden = self.styles.table_hidden(el.get(TABLE + "style-name")) or bool(
                        self.stack and self.stack[-1].hidden)
                    sheet = Sheet(el.get(TABLE + "name", f"Sheet{len(book.sheets) + 1}"), hidden)
                    if not self.stack:
                        sheet.small = None if hidden else SmallCounts(self.limits.small_count_min,
                                                                      self.limits.small_count_max)
                        book.sheets.append(sheet)
                    self.stack.append(sheet)
                continue
            if tag == OFFICE + "automatic-styles":
                self.styles.add(el)
            elif tag == TABLE + "table-row" and self.stack:
                self._row(self.stack[-1], el)
                _drop(el)
            elif tag == TABLE + "table-column" and self.stack:
                self._column(self.stack[-1], el)
            elif tag == TABLE + "table":
                if self.stack:
                    self.stack.pop()
                _drop(el)
            elif tag == TABLE + "cell-range-source":
                book.linked_ranges.append(f"{el.get(TABLE + 'name', '?')} from {el.get(XLINK + 'href', '?')}")
                continue
            elif tag == TABLE + "table-source" and self.stack:
                self.stack[-1].source = el.get(XLINK + "href", "") or el.get(TABLE + "table-name", "") or "?"
            elif tag == TABLE + "shapes" and self.stack:
                self._shapes(self.stack[-1], el)
            elif tag in (TABLE + "named-range", TABLE + "named-expression", TABLE + "database-range"):
                self._named(el)
            elif tag == DRAW + "object" and el.get(DRAW + "notify-on-update-of-ranges") is not None:
                book.charts.append((self.stack[-1].name if self.stack else "", el.get(XLINK + "href", ""),
                                    el.get(DRAW + "notify-on-update-of-ranges", "")))
            elif tag in (TABLE + "dde-link", OFFICE + "dde-source"):
                if tag == OFFICE + "dde-source":
                    book.dde.append(" ".join(v for v in (el.get(OFFICE + "dde-application"),
                                                         el.get(OFFICE + "dde-topic"),
                                                         el.get(OFFICE + "dde-item")) if v))
            elif tag in (SCRIPT + "event-listener", OFFICE + "script"):
                book.scripts += 1
            if el.get(XLINK + "href") is not None:
                kind = link_kind(el)
                if kind and tag != TABLE + "table-source":
                    book.links.append((kind, el.get(XLINK + "href", "")))
        return book

    def _column(self, sheet: Sheet, el: Element) -> None:
        n = _int(el.get(TABLE + "number-columns-repeated"))
        a, b = sheet.ncols, sheet.ncols + n - 1
        if el.get(TABLE + "visibility") in ("collapse", "filter"):
            sheet.hidden_cols.append((a, b))
        style = el.get(TABLE + "default-cell-style-name")
        if style:
            sheet.col_styles.append((a, b, style))
        sheet.ncols += n

    def _shapes(self, sheet: Sheet, el: Element) -> None:
        for p in el.iter(*_TEXTS):
            text = para_text(p)
            if text.strip():
                sheet.shape_texts += 1
                self.tally.scan(text, f"{sheet.name} (shape text)", hidden=sheet.hidden)
        _drop(el)

    def _named(self, el: Element) -> None:
        tag = el.tag
        if tag == TABLE + "named-range":
            kind, text = "named range", el.get(TABLE + "cell-range-address", "")
        elif tag == TABLE + "named-expression":
            kind, text = "named expression", el.get(TABLE + "expression", "")
        else:
            kind, text = "database range", el.get(TABLE + "target-range-address", "")
        local = self.stack[-1].name if self.stack else None
        self.book.names.append(Named(kind, el.get(TABLE + "name", ""), text, local))

    def _cell(self, sheet: Sheet, el: Element, col: int, row_style: str | None) -> _Cell | None:
        covered = el.tag == TABLE + "covered-table-cell"
        repeat = _int(el.get(TABLE + "number-columns-repeated"))
        lines: list[str] = []
        span_white = span_tiny = span_hidden = False
        style_name = el.get(TABLE + "style-name") or row_style or sheet.col_style(col) or "Default"
        look = self.styles.look("table-cell", style_name)
        for child in el:
            tag = child.tag
            if tag == OFFICE + "annotation":
                author, text = annotation(child)
                sheet.comments.append((f"{col_letter(col)}{sheet.row + 1}", author, text))
                self.tally.scan(text, f"{sheet.name}!{col_letter(col)}{sheet.row + 1} (comment)", hidden=True)
            elif tag in _TEXTS:
                lines.append(para_text(child))
                for span in child.iter(TEXT + "span"):
                    if not "".join(span.itertext()).strip():
                        continue
                    slook = self.styles.look("text", span.get(TEXT + "style-name"), look)
                    span_hidden |= slook.hidden
                    span_white |= slook.white()
                    span_tiny |= slook.tiny(self.limits.tiny_font_pt)
            elif isinstance(tag, str) and tag.startswith(_SHAPES):
                for p in child.iter(*_TEXTS):
                    text = para_text(p)
                    if text.strip():
                        sheet.shape_texts += 1
                        self.tally.scan(text, f"{sheet.name} (shape text)", hidden=sheet.hidden)
        text = "\n".join(lines)
        formula = el.get(TABLE + "formula")
        vtype = el.get(OFFICE + "value-type")
        number = None
        if vtype in ("float", "percentage", "currency"):
            try:
                number = float(el.get(OFFICE + "value", ""))
            except ValueError:
                number = None
            if not text.strip():
                text = el.get(OFFICE + "value", "")
        elif vtype and not text.strip():
            text = el.get(OFFICE + "string-value") or el.get(OFFICE + "date-value") or \
                el.get(OFFICE + "time-value") or el.get(OFFICE + "boolean-value") or ""
        if not text.strip() and formula is None:
            return None
        return _Cell(col, repeat, covered, text, number, formula, look.hidden or span_hidden,
                     look.white() or span_white, look.tiny(self.limits.tiny_font_pt) or span_tiny)

    def _row(self, sheet: Sheet, el: Element) -> None:
        rep = _int(el.get(TABLE + "number-rows-repeated"))
        vis = el.get(TABLE + "visibility", "visible")
        row_style = el.get(TABLE + "default-cell-style-name")
        first = sheet.row + 1
        cells: list[_Cell] = []
        col = 0
        for child in el:
            if child.tag in _CELLS:
                cell = self._cell(sheet, child, col, row_style)
                if cell is not None:
                    cells.append(cell)
                    col += cell.repeat
                else:
                    col += _int(child.get(TABLE + "number-columns-repeated"))
        sheet.row += rep
        if cells:
            self._cells(sheet, first, rep, vis, cells)

    def _cells(self, sheet: Sheet, row: int, rep: int, vis: str, cells: list[_Cell]) -> None:
        keep = self.keep
        row_hidden = vis in _HIDDEN_ROW
        visible_cols: dict[int, int] = {}
        header = not sheet.header_done and not row_hidden
        for c in cells:
            n = c.repeat * rep
            ref = f"{col_letter(c.col)}{row}"
            sheet.cells += n
            if c.formula is not None:
                sheet.formulas.add(ref, keep)
                if len(sheet.formula_texts) < keep:
                    sheet.formula_texts.append(f"{ref}: {short(c.formula, 80)}")
                refs, ext = formula_refs(c.formula)
                sheet.formula_refs.extend(refs[:20])
                sheet.formula_external |= ext
            cols = range(c.col, c.col + min(c.repeat, 1024))
            hidden_cols = [x for x in cols if sheet.col_hidden(x)]
            hidden = sheet.hidden or row_hidden or bool(hidden_cols) or c.covered or c.look_hidden
            place = f"{sheet.name}!{ref}"
            if c.text.strip():
                self.tally.scan(c.text, place, hidden)
            if not sheet.hidden:
                if c.covered:
                    sheet.covered.add(ref, keep)
                elif vis == "filter":
                    sheet.in_filtered_rows.add(ref, keep)
                    sheet.filtered_rows.update(range(row, row + min(rep, 1024)))
                elif vis == "collapse":
                    sheet.in_hidden_rows.add(ref, keep)
                    sheet.hidden_rows.update(range(row, row + min(rep, 1024)))
                elif hidden_cols:
                    sheet.in_hidden_cols.add(ref, keep)
                    sheet.data_cols.update(hidden_cols)
                if c.look_hidden and not (row_hidden or hidden_cols or c.covered):
                    sheet.style_hidden.add(ref, keep)
                if not hidden and c.white:
                    sheet.white.add(ref, keep)
                elif not hidden and c.tiny:
                    sheet.tiny.add(ref, keep)
            if c.text.strip() and (header or (sheet.hidden and not sheet.header_done)):
                kind = heading_kind(c.text) if c.number is None else None
                if kind:
                    sheet.headings.append((col_letter(c.col), c.text, kind, hidden))
            if hidden or c.white or c.tiny:
                continue
            for x in cols:
                visible_cols[x] = visible_cols.get(x, 0) + rep
            small = sheet.small
            if small is not None and c.text.strip():
                if header:
                    small.heading(c.col, c.text)
                elif c.number is not None:
                    small.number(c.col, c.number, row)
                else:
                    small.value(c.col, c.text, row)
        if visible_cols or (sheet.hidden and cells):
            sheet.header_done = sheet.header_done or not row_hidden
        if visible_cols:
            n = sum(visible_cols.values())
            sheet.visible_cells += n
            for x, k in visible_cols.items():
                sheet.col_counts[x] = sheet.col_counts.get(x, 0) + k
            last = row + rep - 1
            b = sheet.row_blocks
            if b and row - b[-1][1] <= self.limits.far_gap_rows:
                b[-1] = (b[-1][0], last, b[-1][2] + n)
            else:
                b.append((row, last, n))


def _drop(el: Element) -> None:
    """Free a row or table already read, and the empty siblings before it."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]
