"""One pass over one worksheet, gathering what the findings need: hidden cells, styles, formulas, layout."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from foibot.release.limits import ReleaseLimits
from foibot.release.personal import Pattern, Tally
from foibot.release.tables import DateColumns, ServiceNumbers, SmallCounts, heading_kind
from foibot.release.xlsx_rules import RULE, RULE_MAYBE, HidingRules
from foibot.release.xlsx_sheet import SheetReader, col_letter
from foibot.release.xlsx_styles import DATE, HIDDEN_FORMAT, TINY, WHITE

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
SHEET_REF = re.compile(r"(?:'((?:[^']|'')+)'|([^\s'!(),;=+\-*/&<>^\"{}:]+))!")
_HIDING = WHITE | TINY | HIDDEN_FORMAT | RULE
_EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (1900 date system)


@dataclass
class Spot:
    """A count of cells with a few example references."""

    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, ref: str, keep: int) -> None:
        self.count += 1
        if len(self.examples) < keep:
            self.examples.append(ref)


@dataclass
class SheetStats:
    name: str
    state: str
    part: str
    cells: int = 0
    visible_cells: int = 0
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    in_hidden_rows: Spot = field(default_factory=Spot)
    in_hidden_cols: Spot = field(default_factory=Spot)
    styled: dict[int, Spot] = field(default_factory=dict)
    zero_width: Spot = field(default_factory=Spot)
    formulas: Spot = field(default_factory=Spot)
    formula_texts: list[str] = field(default_factory=list)
    formula_sheets: set[str] = field(default_factory=set)
    formula_external: set[str] = field(default_factory=set)
    no_cached_value: int = 0
    outside_print: Spot = field(default_factory=Spot)
    row_counts: dict[int, int] = field(default_factory=dict)
    bounds: tuple[int, int, int, int] | None = None  # min row, min col, max row, max col
    headings: list[tuple[str, str, str, bool]] = field(default_factory=list)  # col, text, kind, hidden
    small: SmallCounts | None = None
    dates: DateColumns = field(default_factory=lambda: DateColumns(date.today().year))
    services: ServiceNumbers = field(default_factory=ServiceNumbers)  # phone columns of service lines only
    rule_words: list[str] = field(default_factory=list)  # hiding conditional formats, for the message

    @property
    def hidden(self) -> bool:
        return self.state != "visible"


def formula_refs(text: str) -> tuple[set[str], set[str]]:
    """(sheet names, external workbooks) a formula refers to."""
    sheets, external = set(), set()
    for m in SHEET_REF.finditer(text):
        name = (m.group(1) or "").replace("''", "'") or m.group(2) or ""
        if "[" in name and "]" in name:
            external.add(name[name.index("[") + 1: name.index("]")])
            name = name[name.index("]") + 1:]
        if name:
            sheets.add(name)
    return sheets, external


def _in(ranges: list[tuple[int, int, int, int]], row: int, col: int) -> bool:
    return any(r1 <= row <= r2 and c1 <= col <= c2 for r1, c1, r2, c2 in ranges)


def scan_sheet(reader: SheetReader, stats: SheetStats, sst: list[str], sst_hits: dict[int, list[tuple[Pattern, str]]],
               zw_idx: set[int], styles: list[int], tally: Tally, limits: ReleaseLimits,
               print_area: list[tuple[int, int, int, int]] | None, rules: HidingRules | None = None) -> None:
    keep = limits.examples
    nstyles = len(styles)
    sheet_hidden = stats.hidden
    small = None if sheet_hidden else SmallCounts(limits.small_count_min, limits.small_count_max)
    stats.small = small
    header_done = False
    row_counts = stats.row_counts
    min_r = min_c = 1 << 30
    max_r = max_c = -1
    prefix = f"{stats.name}!"
    dates_settled = stats.dates.settled
    for row_num, row_hidden, cells in reader.rows():
        if not cells:
            continue
        hidden_cols = reader.hidden_cols
        if row_hidden:
            stats.hidden_rows.add(row_num)
        visible_in_row = 0
        for col, t, value, formula, s in cells:
            if formula is not None:
                ref = f"{col_letter(col)}{row_num}"
                stats.formulas.add(ref, keep)
                if formula:
                    if len(stats.formula_texts) < keep:
                        stats.formula_texts.append(f"{ref}: ={formula[:80]}")
                    sh, ext = formula_refs(formula)
                    stats.formula_sheets |= sh
                    stats.formula_external |= ext
                if value == "":
                    stats.no_cached_value += 1
                    continue
            stats.cells += 1
            flags = styles[s] if s < nstyles else 0
            if rules is not None:
                flags |= rules.flags(row_num, col)
            col_hidden = col in hidden_cols
            hidden = sheet_hidden or row_hidden or col_hidden or bool(flags & _HIDING)
            text = value
            hits = None
            if t == "s":
                try:
                    idx = int(value)
                except ValueError:
                    idx = -1
                text = sst[idx] if 0 <= idx < len(sst) else ""
                hits = sst_hits.get(idx)
                if idx in zw_idx:
                    stats.zero_width.add(f"{col_letter(col)}{row_num}", keep)
            elif t in ("inlineStr", "str"):
                if ZERO_WIDTH.search(text):
                    stats.zero_width.add(f"{col_letter(col)}{row_num}", keep)
                if len(text) > 5:
                    hits = tally.find(text)
            elif t == "n" and len(value) >= 10 and value.isdigit():
                hits = tally.find(value)
            if hits:
                place = f"{prefix}{col_letter(col)}{row_num}"
                for p, matched in hits:
                    tally.add(p, matched, place, hidden)
            if flags & DATE and t == "n":
                try:
                    serial = int(float(value))
                except (ValueError, OverflowError):
                    serial = 0
                if 1 <= serial < 2958466:
                    day = _EPOCH + timedelta(days=serial)
                    stats.dates.date(col, day.year, day.day, f"{col_letter(col)}{row_num}", hidden)
            elif col not in dates_settled and t in ("s", "inlineStr", "str"):
                stats.dates.heading(col, text)
            if not sheet_hidden:
                if row_hidden:
                    stats.in_hidden_rows.add(f"{col_letter(col)}{row_num}", keep)
                elif col_hidden:
                    stats.in_hidden_cols.add(f"{col_letter(col)}{row_num}", keep)
                if flags & _HIDING:
                    for bit in (WHITE, TINY, HIDDEN_FORMAT, RULE):
                        if flags & bit:
                            stats.styled.setdefault(bit, Spot()).add(f"{col_letter(col)}{row_num}", keep)
                elif flags & RULE_MAYBE:
                    stats.styled.setdefault(RULE_MAYBE, Spot()).add(f"{col_letter(col)}{row_num}", keep)
            if hidden:
                if not header_done and sheet_hidden and t in ("s", "inlineStr", "str"):
                    kind = heading_kind(text)
                    if kind:
                        stats.headings.append((col_letter(col), text, kind, True))
                continue
            visible_in_row += 1
            if col < min_c:
                min_c = col
            if col > max_c:
                max_c = col
            if print_area is not None and not _in(print_area, row_num, col):
                stats.outside_print.add(f"{col_letter(col)}{row_num}", keep)
            if small is not None:
                if not header_done:
                    small.heading(col, text)
                    kind = heading_kind(text) if t in ("s", "inlineStr", "str") else None
                    stats.services.heading(col, kind)
                    if kind:
                        stats.headings.append((col_letter(col), text, kind, False))
                elif t == "n":
                    try:
                        small.number(col, float(value), row_num)
                    except ValueError:
                        small.value(col, value, row_num)
                else:
                    small.value(col, text, row_num)
                    stats.services.value(col, text)
        # hidden columns' headings are personal-data headings in a hidden place
        if not header_done and not sheet_hidden and not row_hidden:
            for col, t, value, _f, _s in cells:
                if col in hidden_cols and t in ("s", "inlineStr", "str"):
                    text = sst[int(value)] if t == "s" and value.isdecimal() and int(value) < len(sst) else value
                    kind = heading_kind(text)
                    if kind:
                        stats.headings.append((col_letter(col), text, kind, True))
        if visible_in_row or (sheet_hidden and cells):
            if not row_hidden:
                header_done = True
            if visible_in_row:
                row_counts[row_num] = visible_in_row
                stats.visible_cells += visible_in_row
                min_r = min(min_r, row_num)
                max_r = max(max_r, row_num)
    stats.hidden_cols = set(reader.hidden_cols)
    if max_r >= 0:
        stats.bounds = (min_r, min_c, max_r, max_c)
