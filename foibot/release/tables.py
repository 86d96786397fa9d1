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


class SmallCounts:
    """Feed it the body cells of a table; it decides at the end which columns are counts and which hold 1..4."""

    def __init__(self, lo: int, hi: int, keep: int = 5) -> None:
        self.lo, self.hi, self.keep = lo, hi, keep
        self._cols: dict[int, _Col] = {}
        self.text_columns: set[int] = set()

    def heading(self, col: int, text: str) -> None:
        self._cols.setdefault(col, _Col()).heading = text

    def number(self, col: int, n: float, row: int) -> None:
        c = self._cols.get(col)
        if c is None:
            c = self._cols[col] = _Col()
        c.values += 1
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
            if s.isdigit():
                n = int(s)
            elif s:
                self.text_columns.add(col)
        if n is None:
            self._cols.setdefault(col, _Col()).values += 1
            return
        self.number(col, n, row)

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
