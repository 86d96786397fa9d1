"""Where a reference in a chart or a validation rule points: hidden sheets, rows or columns, other workbooks,
deleted data, or cells that are now empty."""

from __future__ import annotations

import re
from dataclasses import dataclass

from foibot.release.xlsx_scan import SheetStats
from foibot.release.xlsx_sheet import col_index

_AREA = re.compile(r"^\$?([A-Za-z]{0,3})\$?(\d*)(?::\$?([A-Za-z]{0,3})\$?(\d*))?$")
_MAX_ROW, _MAX_COL = 1 << 20, 1 << 14


@dataclass(frozen=True)
class Ref:
    sheet: str | None  # None: the sheet the reference sits on
    external: bool
    area: tuple[int, int, int, int] | None  # first row, first column (from 0), last row, last column


def parse_refs(formula: str) -> list[Ref]:
    """'(Staff!$A$2:$A$9,'My sheet'!B1)' -> one Ref per piece; unreadable pieces get area None."""
    out = []
    for piece in formula.strip().strip("()=").split(","):
        piece = piece.strip()
        if not piece:
            continue
        sheet, _, area = piece.rpartition("!")
        sheet = sheet.strip()
        if sheet.startswith("'") and sheet.endswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
        external = "[" in sheet and "]" in sheet
        if external:
            sheet = sheet[sheet.index("]") + 1:]
        m = _AREA.match(area.strip())
        box = None
        if m and (m.group(1) or m.group(2)):
            c1, r1, c2, r2 = m.group(1), m.group(2), m.group(3) or m.group(1), m.group(4) or m.group(2)
            box = (int(r1) if r1 else 1, col_index(c1.upper()) if c1 else 0,
                   int(r2) if r2 else _MAX_ROW, col_index(c2.upper()) if c2 else _MAX_COL)
        out.append(Ref(sheet or None, external, box))
    return out


def _runs(nums: list[int]) -> str:
    nums = sorted(nums)[:200]
    return ", ".join(str(n) for n in nums[:6]) + (" …" if len(nums) > 6 else "")


def concerns(formula: str, here: str | None, sheets: dict[str, SheetStats], hidden_sheets: set[str]) -> list[str]:
    """Why data behind ``formula`` is a worry, in words; empty when it points at plain visible cells."""
    out: list[str] = []
    if "#REF!" in formula:
        out.append("deleted data (#REF!)")
    for ref in parse_refs(formula.replace("#REF!", "")):
        name = ref.sheet or here
        if ref.external:
            out.append("another workbook")
            continue
        if name is None:
            continue
        key = name.lower()
        if key in hidden_sheets:
            out.append(f"hidden sheet '{name}'")
            continue
        st = sheets.get(key)
        if st is None:
            if ref.sheet is not None:
                out.append(f"sheet '{name}', which is not in the workbook")
            continue
        if ref.area is None:
            continue
        r1, c1, r2, c2 = ref.area
        rows = [r for r in st.hidden_rows if r1 <= r <= r2]
        cols = [c for c in st.hidden_cols if c1 <= c <= c2]
        if rows:
            out.append(f"hidden rows {_runs(rows)} of '{name}'")
        if cols:
            out.append(f"hidden columns of '{name}'")
        if not rows and not cols and not any(r1 <= r <= r2 for r in st.row_counts):
            out.append(f"cells of '{name}' that are now empty")
    return list(dict.fromkeys(out))
