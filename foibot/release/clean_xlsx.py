"""Clean copy of a workbook: visible cell values of visible sheets only, as a new xlsx and one CSV per sheet."""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.datetime import from_excel

from foibot.release.package import Package
from foibot.release.xlsx import read_workbook
from foibot.release.xlsx_rules import RULE, dxf_flags, hiding_rules
from foibot.release.xlsx_sheet import SheetReader, shared_strings
from foibot.release.xlsx_styles import DATE, HIDDEN_FORMAT, TINY, WHITE, load_styles

_HIDING = WHITE | TINY | HIDDEN_FORMAT | RULE
_SAFE = re.compile(r"[^\w\- ]+")
Value = str | float | int | bool | datetime | None


def _value(t: str, raw: str, flags: int, sst: list[str]) -> Value:
    if t == "s":
        idx = int(raw) if raw.isdecimal() else -1
        return sst[idx] if 0 <= idx < len(sst) else None
    if t in ("inlineStr", "str", "e", "d"):
        return raw
    if t == "b":
        return raw in ("1", "true")
    try:
        num = float(raw)
    except ValueError:
        return raw
    if flags & DATE:
        try:
            return from_excel(num)
        except (ValueError, OverflowError):
            return num
    return int(num) if num.is_integer() and abs(num) < 2**53 else num


def _cell_out(ws: object, value: Value) -> object:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(ws, value)
        cell.data_type = "s"  # never let a value that starts with '=' become a formula
        return cell
    return value


def clean_xlsx(pkg: Package, outdir: Path, stem: str) -> tuple[list[Path], list[str]]:
    wb_in = read_workbook(pkg)
    styles = load_styles(pkg, wb_in.styles)
    nstyles = len(styles)
    sst = shared_strings(pkg, wb_in.shared_strings)
    dxfs = dxf_flags(pkg, wb_in.styles)
    wb = Workbook(write_only=True)
    wb.properties.creator = ""
    wb.properties.lastModifiedBy = None
    paths: list[Path] = []
    notes: list[str] = []
    csv_paths: list[Path] = []
    used: set[str] = set()
    for sheet in wb_in.sheets:
        if sheet.state != "visible" or sheet.kind != "worksheet" or not sheet.part or not pkg.has(sheet.part):
            continue
        ws = wb.create_sheet(sheet.name[:31])
        safe = _SAFE.sub("_", sheet.name).strip() or "sheet"
        while safe.lower() in used:
            safe += "_"
        used.add(safe.lower())
        csv_path = outdir / f"{stem}.{safe}.csv"
        reader = SheetReader(pkg, sheet.part)
        rules = hiding_rules(pkg, sheet.part, dxfs)
        hidden_rows = 0
        next_row = 1
        missing = 0
        styled_out = 0
        with open(csv_path, "w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh)
            for row_num, row_hidden, cells in reader.rows():
                if row_hidden:
                    hidden_rows += 1
                    continue
                target = row_num - hidden_rows
                while next_row < target:
                    ws.append([])
                    writer.writerow([])
                    next_row += 1
                hidden_cols = sorted(reader.hidden_cols)
                values: dict[int, Value] = {}
                for col, t, raw, formula, s in cells:
                    if col in reader.hidden_cols:
                        continue
                    if formula is not None and raw == "":
                        missing += 1
                        continue
                    flags = styles[s] if s < nstyles else 0
                    if rules is not None:
                        flags |= rules.flags(row_num, col)
                    if flags & _HIDING:
                        styled_out += 1
                        continue
                    new_col = col - sum(1 for h in hidden_cols if h < col)
                    values[new_col] = _value(t, raw, flags, sst)
                width = max(values) + 1 if values else 0
                row_vals = [values.get(i) for i in range(width)]
                ws.append([_cell_out(ws, v) for v in row_vals])
                writer.writerow(["" if v is None else v.isoformat(sep=" ") if isinstance(v, datetime) else v
                                 for v in row_vals])
                next_row = target + 1
        csv_paths.append(csv_path)
        if styled_out:
            notes.append(f"'{sheet.name}': {styled_out} cell(s) hidden by formatting (white, tiny, ';;;' or a "
                         "conditional format that always hides them) were left out")
        if missing:
            notes.append(f"'{sheet.name}': {missing} formula cell(s) had no saved value and were left blank")
    if not csv_paths:
        wb.create_sheet("Sheet1")
        notes.append("The workbook had no visible worksheet; the clean copy is empty")
    xlsx_path = outdir / f"{stem}.clean.xlsx"
    wb.save(xlsx_path)
    paths.append(xlsx_path)
    return paths + csv_paths, notes
