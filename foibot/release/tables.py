"""Column headings that say 'personal data', and small counts (disclosure control) in statistical tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location, Severity
from foibot.release.xlsx_sheet import col_letter

_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, re.compile(rx, re.I)) for k, rx in (
    ("date of birth", r"\b(?:d\.?o\.?b|date of birth|birth ?date|born)\b"),
    ("NI number", r"\b(?:ni|nino|national insurance)\b.*\b(?:no|num|number)?\b|\bnino\b"),
    ("NHS number", r"\bnhs\b.*\b(?:no|num|number)\b"),
    ("email", r"\be-?mail\b"),
    ("phone", r"\b(?:phone|telephone|tel|mobile|contact number)\b"),
    ("address", r"\b(?:address|street|house|postcode|post code)\b"),
    ("name", r"\b(?:name|surname|forename|first ?name|last ?name|given name|family name|full ?name|initials)\b"),
    ("collar/warrant number", r"\b(?:collar|warrant|payroll|employee|staff)\s*(?:no|num|number|id)\b"),
))
# Headings that contain 'name' or 'address' but are not about a person.
_NOT_PERSON = re.compile(
    r"\b(?:team|department|dept|directorate|service|ward|area|borough|force|school|organi[sz]ation|company|site|"
    r"file|sheet|product|road|location|unit|station|division|region|district|council|authority|trust|hospital|"
    r"practice|business|place|town|city|country|project|scheme|account|system|field|table|web|ip|mac|premises|"
    r"venue|street|supplier|contractor|course|category|type|event)\s*(?:name|address)\b|\bweb ?address\b", re.I)
_NOT_COUNT = re.compile(
    r"\b(?:no|number)\b(?!\.?\s+of)|\b(?:year|yr|id|ref|reference|code|age|month|day|date|quarter|qtr|rank|order|percent|rate|score|"
    r"level|grade|band|tier|priority|version|week|period|floor|room|lat|latitude|lon|longitude|ward|sort|index|"
    r"postcode|fy)\b|%", re.I)


def heading_kind(text: str) -> str | None:
    """What kind of personal detail a column heading announces, or None."""
    t = text.strip()
    if not t or len(t) > 60 or _NOT_PERSON.search(t):
        return None
    for kind, rx in _HEADINGS:
        if rx.search(t):
            return kind
    return None


_PHONEISH = re.compile(r"^\+?[\d\s()-]{10,20}$")


def service_number(text: str) -> bool:
    """'0300 123 4567', '+44 800 587 1234': an organisation's line (03, 080, 084, 087), never a person's own."""
    if not _PHONEISH.match(text):
        return False
    digits = re.sub(r"\D", "", text)
    if digits.startswith("44"):
        digits = "0" + digits[2:].lstrip("0")
    return len(digits) in (10, 11) and digits.startswith(("03", "080", "084", "087"))


class ServiceNumbers:
    """Whether a 'phone' column holds only organisations' numbers (03, 080, 084, 087: a service line, never a
    person's own), so its heading does not announce personal data."""

    def __init__(self) -> None:
        self.cols: dict[int, list[int]] = {}  # column -> [values, organisation numbers]

    def heading(self, col: int, kind: str | None) -> None:
        if kind == "phone":
            self.cols[col] = [0, 0]

    def value(self, col: int, text: str) -> None:
        seen = self.cols.get(col)
        if seen is not None and text.strip():
            seen[0] += 1
            seen[1] += service_number(text.strip())

    def only_services(self, col: int) -> bool:
        seen = self.cols.get(col)
        return seen is not None and seen[0] > 0 and seen[0] == seen[1]


def heading_finding(headings: list[tuple[str, str, str]], hidden: bool) -> Finding | None:
    """headings: (column label, heading text, kind). One finding for all personal-looking headings."""
    if not headings:
        return None
    shown = [f"{col} '{text}' ({kind})" for col, text, kind in headings]
    msg = f"{len(headings)} column heading{'s' if len(headings) != 1 else ''} suggest personal data: " + \
        "; ".join(shown[:8]) + (" …" if len(shown) > 8 else "")
    return finding("personal.heading", Location(range=", ".join(c for c, _, _ in headings[:8])),
                   msg + (" (in hidden places)" if hidden else ""), count=len(headings),
                   severity=Severity.RED if hidden else None)




@dataclass
class _Col:
    heading: str = ""
    values: int = 0
    ints: int = 0
    small: int = 0
    cells: list[str] = field(default_factory=list)


# How statistical tables mark a suppressed cell: *, x, c, [c], [x], <5, ~, .., -, "suppressed", "redacted"
_SUPPRESSED = re.compile(r"(?i)^(?:\*{1,3}|x|c|\[[cx]\]|<\s?[1-9]\d?|~|\.\.|-|–|n/?p|suppressed|redacted)$")
_TOTAL = re.compile(r"(?i)^\s*(?:grand\s+)?(?:total|all|overall|sum)\b")
_MARK_START = frozenset("*xXcC[<~nNsSrR")
_TOTAL_START = frozenset("gGtTaAoOsS ")
_GRID_MAX = 20_000  # cells remembered for the subtraction check (statistical tables are small)


class SmallCounts:
    """Feed it the body cells of a table; it decides at the end which columns are counts and which hold 1..4.

    It also remembers a small table's cells, to tell when a suppressed cell ('*', '<5', '[c]' ...) can be worked
    out again by subtracting the other cells of its row or column from a total that is kept.
    """

    def __init__(self, lo: int, hi: int, keep: int = 5) -> None:
        self.lo, self.hi, self.keep = lo, hi, keep
        self._cols: dict[int, _Col] = {}
        self.text_columns: set[int] = set()
        self._grid: dict[tuple[int, int], float | None] = {}  # (row, col) -> number, None when suppressed
        self._labels: dict[int, str] = {}  # row -> its label, for the rows labelled as totals

    def _remember(self, row: int, col: int, n: float | None) -> None:
        grid = self._grid
        if len(grid) < _GRID_MAX:
            grid[(row, col)] = n

    def heading(self, col: int, text: str) -> None:
        self._cols.setdefault(col, _Col()).heading = text

    def number(self, col: int, n: float, row: int) -> None:
        c = self._cols.get(col)
        if c is None:
            c = self._cols[col] = _Col()
        c.values += 1
        self._remember(row, col, n)
        if n < 0 or not float(n).is_integer():
            return
        c.ints += 1
        if self.lo <= n <= self.hi:
            c.small += 1
            if len(c.cells) < self.keep:
                c.cells.append(f"{col_letter(col)}{row}")

    def value(self, col: int, value: object, row: int) -> None:
        """A cell as read from a CSV or a sheet: whole numbers are counted, text marks a text column."""
        n: float | None = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            n = value
        elif isinstance(value, str):
            s = value.strip().replace(",", "")
            if s.isdecimal():
                n = int(s)
            elif len(s) <= 10 and s[0] in _MARK_START and _SUPPRESSED.match(s):
                self._remember(row, col, None)
                return
            elif s:
                self.text_columns.add(col)
                if s[0] in _TOTAL_START and row not in self._labels and _TOTAL.match(s):
                    self._labels[row] = s
        if n is None:
            self._cols.setdefault(col, _Col()).values += 1
            return
        self.number(col, n, row)

    def recoverable(self) -> list[str]:
        """Suppressed cells that the table's totals give back: each the only suppressed cell in a row (or column)
        whose total is kept, as cell references."""
        if len(self._grid) >= _GRID_MAX:
            return []
        gaps = [rc for rc, n in self._grid.items() if n is None]
        if not gaps:
            return []
        total_cols = {col for col, c in self._cols.items() if _TOTAL.match(c.heading or "")}
        total_rows = {row for row, label in self._labels.items() if _TOTAL.match(label)}
        found: list[str] = []
        for row, col in sorted(gaps):
            if col in total_cols or row in total_rows:
                continue
            in_row = [c for (r, c), n in self._grid.items() if r == row and n is None and c not in total_cols]
            row_total = any(self._grid.get((row, t)) is not None for t in total_cols)
            in_col = [r for (r, c), n in self._grid.items() if c == col and n is None and r not in total_rows]
            col_total = any(self._grid.get((t, col)) is not None for t in total_rows)
            if (row_total and len(in_row) == 1) or (col_total and len(in_col) == 1):
                found.append(f"{col_letter(col)}{row}")
        return found

    def recoverable_finding(self, where: str, sheet: str | None = None) -> Finding | None:
        cells = self.recoverable()
        if not cells:
            return None
        return finding("data.suppressed_recoverable", Location(sheet=sheet, cell=cells[0]),
                       f"{len(cells)} suppressed cell{'s' if len(cells) != 1 else ''} in {where} "
                       f"({', '.join(cells[:5])}) can be worked out from the totals kept beside "
                       f"{'them' if len(cells) != 1 else 'it'}: subtract the other cells of the row or column",
                       count=len(cells), examples=cells[:self.keep])

    def finding(self, where: str) -> Finding | None:
        if not self.text_columns:  # a statistical table has row labels
            return None
        hits = [(col, c) for col, c in sorted(self._cols.items())
                if col not in self.text_columns and c.values >= 3 and c.ints / c.values >= 0.8 and c.small
                and not _NOT_COUNT.search(c.heading)]
        if not hits:
            return None
        total = sum(c.small for _, c in hits)
        cols = [c.heading or f"column {col + 1}" for col, c in hits]
        examples = [ref for _, c in hits for ref in c.cells][:5]
        return finding("data.small_counts", Location(range=where),
                       f"{total} small count{'s' if total != 1 else ''} ({self.lo}–{self.hi}) in {where}, "
                       f"column{'s' if len(cols) != 1 else ''} " + ", ".join(f"'{c}'" for c in cols[:6]),
                       count=total, examples=examples)


# ------------------------------------------------------------------------------------------ dates of birth by value

# A heading that says what else the dates are (an event, a deadline), so a spread of old dates is not of births.
_EVENT = re.compile(
    r"(?i)\b(?:received|receipt|opened|closed|created|start|started|end|ended|issued|due|review|reviewed|adopted|"
    r"approved|agreed|incident|occurred|offence|reported|logged|paid|payment|invoice|appointed|joined|hired|"
    r"employed|left|leaving|expiry|expires|renewal|renewed|built|constructed|installed|inspected|inspection|"
    r"purchased|acquired|bought|sold|registered|registration|established|founded|opened|listed|designated|"
    r"commenced|completed|completion|valid|effective|last|next|modified|updated|sent|response|responded|deadline|"
    r"hearing|decision|decided|published|publication|death|died|deceased|burial|cremation|marriage|lease|tenancy|"
    r"contract|award|awarded|planning|application|applied|event|meeting|visit|year|period|month|week|quarter)\b")
_BIRTH_HEADING = re.compile(r"(?i)\b(?:d\.?o\.?b|birth|born)\b")


@dataclass
class _DateCol:
    heading: str = ""
    dates: int = 0
    hidden: int = 0
    births: int = 0  # dates that would make someone 10 to 105 years old today
    lo: int = 9999
    hi: int = 0
    days: set[int] = field(default_factory=set)  # day of month seen: births fall on any day, reporting dates cluster
    cells: list[str] = field(default_factory=list)


class DateColumns:
    """Columns whose values look like dates of birth, whatever their heading says (or does not say).

    A column counts when it holds at least ``min_dates`` dates, nearly all of which would make a person 10 to 105
    years old today, spread over at least 15 years and on many different days of the month, under a heading that
    does not name another kind of date ("Received", "Adopted", "Date of death" ...). A heading that already says
    'date of birth' is left to the heading finding.
    """

    def __init__(self, this_year: int, min_dates: int = 5, keep: int = 5) -> None:
        self.this_year, self.min_dates, self.keep = this_year, min_dates, keep
        self._cols: dict[int, _DateCol] = {}
        self.settled: set[int] = set()  # columns whose heading is known (or that began with a date)

    def heading(self, col: int, text: str) -> None:
        """A column's first text, before any date: its heading. Callers may skip columns in ``settled``."""
        if col in self.settled or not text.strip():
            return
        c = self._cols.setdefault(col, _DateCol())
        if not c.dates:
            c.heading = text.strip()[:60]
        self.settled.add(col)

    def date(self, col: int, year: int, day: int, ref: str, hidden: bool) -> None:
        self.settled.add(col)
        c = self._cols.setdefault(col, _DateCol())
        c.dates += 1
        c.hidden += hidden
        c.lo, c.hi = min(c.lo, year), max(c.hi, year)
        if self.this_year - 105 <= year <= self.this_year - 10:
            c.births += 1
        if len(c.days) < 31:
            c.days.add(day)
        if len(c.cells) < self.keep:
            c.cells.append(ref)

    def columns(self) -> list[tuple[int, _DateCol]]:
        return [(col, c) for col, c in sorted(self._cols.items())
                if c.dates >= self.min_dates and c.births / c.dates >= 0.9 and c.hi - c.lo >= 15
                and len(c.days) >= min(8, c.dates // 2) and not _EVENT.search(c.heading)
                and not _BIRTH_HEADING.search(c.heading)]

    def finding(self, where: str, sheet: str | None = None, hidden: bool = False) -> Finding | None:
        cols = self.columns()
        if not cols:
            return None
        total = sum(c.dates for _, c in cols)
        in_hidden = hidden or any(c.hidden * 2 > c.dates for _, c in cols)
        shown = [f"{col_letter(col)}" + (f" '{c.heading}'" if c.heading else "") + f" ({c.dates} dates, {c.lo}–{c.hi})"
                 for col, c in cols]
        return finding("personal.dob_values", Location(sheet=sheet, column=", ".join(col_letter(c) for c, _ in cols)),
                       f"{total} dates that look like dates of birth in {where}, column{'s' if len(cols) != 1 else ''} "
                       + "; ".join(shown[:4]) + (" (in hidden places)" if in_hidden else ""),
                       count=total, examples=[ref for _, c in cols for ref in c.cells][:self.keep],
                       severity=Severity.RED if in_hidden else None)
