"""Cell references in OpenDocument spreadsheets (never evaluated): '$Sheet1.$A$1:.$B$3', "'My sheet'.A1",
"'file:///C:/x.ods'#$Sheet1.A1", and the bracketed form in formulas ('of:=SUM([$Sheet2.A1:.A9])')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from foibot.release.xlsx_sheet import col_index

_CELL = re.compile(r"^\$?([A-Za-z]{0,3})\$?(\d*)$")
_BRACKET = re.compile(r"\[((?:'(?:[^']|'')*'|[^\]'])*)\]")
_FUNCS = re.compile(r"\b(DDE|WEBSERVICE|HYPERLINK)\s*\(", re.I)
BIG = 1 << 20


@dataclass(frozen=True)
class Ref:
    sheet: str | None  # None: the sheet the formula or name is on
    external: str | None
    r1: int
    c1: int
    r2: int
    c2: int


def _split_sheet(part: str) -> tuple[str | None, str]:
    """'$Sheet1.$A$1' -> ('Sheet1', '$A$1'); "'It''s'.A1" -> ("It's", 'A1'); '.A1' -> (None, 'A1')."""
    p = part.lstrip("$")
    if p.startswith("'"):
        i = 1
        while i < len(p):
            if p[i] == "'" and p[i + 1: i + 2] == "'":
                i += 2
                continue
            if p[i] == "'":
                break
            i += 1
        name = p[1:i].replace("''", "'")
        rest = p[i + 1:]
        return name, rest[1:] if rest.startswith(".") else rest
    if "." in p:
        name, _, cell = p.partition(".")
        return name or None, cell
    return None, p


def _cell(text: str, end: bool) -> tuple[int, int]:
    m = _CELL.match(text.strip())
    if not m:
        return (BIG, 1 << 14) if end else (1, 0)
    letters, digits = m.group(1), m.group(2)
    row = int(digits) if digits else (BIG if end else 1)
    col = col_index(letters.upper()) if letters else ((1 << 14) if end else 0)
    return row, col


def parse_ref(piece: str) -> Ref | None:
    piece = piece.strip()
    if not piece:
        return None
    external = None
    if piece.startswith("'") and "'#" in piece:
        i = piece.index("'#")
        external, piece = piece[1:i].replace("''", "'"), piece[i + 2:]
    start, _, end = _split_colon(piece)
    sheet, a = _split_sheet(start)
    r1, c1 = _cell(a, False)
    if end:
        sheet2, b = _split_sheet(end)
        r2, c2 = _cell(b, True)
        if not _CELL.match(b.strip()):
            r2, c2 = r1, c1
        elif not b.strip("$")[:1].isalpha():  # '.1:.5', whole rows
            c1, c2 = 0, 1 << 14
        elif not any(ch.isdigit() for ch in b):  # '.A:.C', whole columns
            r1, r2 = 1, BIG
        sheet = sheet or sheet2
    else:
        r2, c2 = r1, c1
    if not _CELL.match(a.strip()) and external is None:
        return None
    return Ref(sheet, external, r1, c1, r2, c2)


def _split_colon(piece: str) -> tuple[str, str, str]:
    quoted = False
    for i, ch in enumerate(piece):
        if ch == "'":
            quoted = not quoted
        elif ch == ":" and not quoted:
            return piece[:i], ":", piece[i + 1:]
    return piece, "", ""


def address_refs(text: str) -> list[Ref]:
    """The references in a range address list ('$S.$A$1:.$B$2 $S.$D$1'), as named and database ranges hold them."""
    out = []
    for piece in _split_spaces(text):
        ref = parse_ref(piece)
        if ref:
            out.append(ref)
    return out


def _split_spaces(text: str) -> list[str]:
    pieces, cur, quoted = [], [], False
    for ch in text:
        if ch == "'":
            quoted = not quoted
        if ch in " ;" and not quoted:
            pieces.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    pieces.append("".join(cur))
    return [p for p in pieces if p.strip()]


def formula_refs(formula: str) -> tuple[list[Ref], set[str]]:
    """The bracketed references in a formula, and the other files or services it names (DDE, WEBSERVICE…)."""
    refs = [r for r in (parse_ref(m.group(1)) for m in _BRACKET.finditer(formula)) if r]
    external = {r.external for r in refs if r.external}
    external |= {m.group(1).upper() + "()" for m in _FUNCS.finditer(formula)}
    return refs, external
