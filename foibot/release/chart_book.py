"""What a chart's embedded workbook holds beyond what the chart draws: cells outside the ranges its series, categories
and names refer to (the block they span on each sheet), and whole sheets the chart does not use."""

from __future__ import annotations

import re

from foibot.release.limits import ReleaseLimits
from foibot.release.package import InspectionError, Package
from foibot.release.xlsx import parse_area, read_workbook
from foibot.release.xlsx_sheet import SheetReader, col_letter, shared_strings

_REF = re.compile(r"^\(?\s*(?:'((?:[^']|'')+)'|([^'!]+))!(.+?)\)?$")
Box = tuple[int, int, int, int]  # first row, first col, last row, last col (cols from 0)
_OFFICE_HINT = "to resize chart data range"  # the note PowerPoint 2007-10 writes beside a new chart's data


def drawn_blocks(formulas: list[str]) -> dict[str, Box]:
    """Per sheet (lower case), the block spanned by every range the chart refers to."""
    out: dict[str, Box] = {}
    for f in formulas:
        for piece in f.split(","):
            m = _REF.match(piece.strip())
            if not m:
                continue
            sheet = (m.group(1) or "").replace("''", "'") or (m.group(2) or "")
            for r1, c1, r2, c2 in parse_area(m.group(3)):
                key = sheet.strip().lower()
                a = out.get(key, (r1, c1, r2, c2))
                out[key] = (min(a[0], r1), min(a[1], c1), max(a[2], r2), max(a[3], c2))
    return out


def cells_beyond(data: bytes, formulas: list[str], limits: ReleaseLimits, keep: int = 3) -> tuple[int, list[str]]:
    """(count, a few 'Sheet1!A9: text' examples) of non-empty cells the chart does not draw. (0, []) when the
    workbook cannot be read (its own check reports that)."""
    blocks = drawn_blocks(formulas)
    count, examples = 0, []
    try:
        pkg = Package.open(data, limits)
    except InspectionError:
        return 0, []
    try:
        wb = read_workbook(pkg)
        sst = shared_strings(pkg, wb.shared_strings)
        for sheet in wb.sheets:
            if not sheet.part or not pkg.has(sheet.part):
                continue
            box = blocks.get(sheet.name.lower())
            for row, _hidden, cells in SheetReader(pkg, sheet.part).rows():
                for col, t, value, _f, _s in cells:
                    if box and box[0] <= row <= box[2] and box[1] <= col <= box[3]:
                        continue
                    text = sst[int(value)] if t == "s" and value.isdecimal() and int(value) < len(sst) else value
                    if text.strip().lower().startswith(_OFFICE_HINT):
                        continue
                    count += 1
                    if len(examples) < keep:
                        examples.append(f"{sheet.name}!{col_letter(col)}{row}: {text}")
    except InspectionError:
        return 0, []
    finally:
        pkg.close()
    return count, examples
