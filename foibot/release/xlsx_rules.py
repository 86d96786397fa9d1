"""Conditional formatting that hides cells: a rule whose format makes the text white (or the colour of the rule's
own fill) or sets the ';;;' number format. A rule that always holds hides its cells as surely as a cell style."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foibot.release.package import Package
from foibot.release.xlsx_sheet import col_index
from foibot.release.xlsx_styles import HIDDEN_FORMAT, WHITE, colour, is_hiding_code

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
X14 = "{http://schemas.microsoft.com/office/spreadsheetml/2009/9/main}"
XM = "{http://schemas.microsoft.com/office/excel/2006/main}"

RULE, RULE_MAYBE = 16, 32  # cell flags: hidden by a rule that always holds / by one that holds sometimes
_ALWAYS_TRUE = re.compile(r"(?i)^=?\s*(?:true(?:\(\))?|[1-9]\d*|\d+\s*=\s*\d+|\(?\s*1\s*\)?)\s*$")
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")
Box = tuple[int, int, int, int]  # first row, first col, last row, last col (cols from 0)


def dxf_flags(pkg: Package, styles_part: str | None) -> list[int]:
    """WHITE / HIDDEN_FORMAT per differential format (``dxfs``), as conditional formatting rules apply them."""
    if not styles_part or not pkg.has(styles_part):
        return []
    root = pkg.xml(styles_part)
    dxfs = root.find(f"{M}dxfs")
    out: list[int] = []
    for dxf in dxfs if dxfs is not None else []:
        flags = 0
        font_colour = colour(dxf.find(f"{M}font/{M}color"))
        fill = dxf.find(f"{M}fill/{M}patternFill")
        fill_colour = None
        if fill is not None:
            fill_colour = colour(fill.find(f"{M}bgColor")) or colour(fill.find(f"{M}fgColor"))
        if font_colour is not None and font_colour == (fill_colour or "FFFFFF"):
            flags |= WHITE
        num = dxf.find(f"{M}numFmt")
        if num is not None and is_hiding_code(num.get("formatCode", "")):
            flags |= HIDDEN_FORMAT
        out.append(flags)
    return out


def _boxes(sqref: str) -> list[Box]:
    out = []
    for piece in sqref.split():
        m = _REF.match(piece.strip())
        if m:
            c1, r1 = col_index(m.group(1)), int(m.group(2))
            c2, r2 = (col_index(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
            out.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    return out


def _always(rule_type: str, operator: str, formulas: list[str]) -> bool | None:
    """True: the rule holds for every cell; False: only sometimes; None: an ordinary use (hiding zeros)."""
    if rule_type == "expression":
        return bool(formulas) and bool(_ALWAYS_TRUE.match(formulas[0]))
    if rule_type == "notContainsBlanks":
        return True
    if rule_type == "cellIs" and operator == "equal" and formulas and formulas[0].strip() in ("0", '""'):
        return None  # hiding zeros (or empty text) shows nothing that was there
    return False


@dataclass
class HidingRules:
    """The cells a sheet's conditional formatting hides: always (red) or when a condition holds (amber)."""

    always: list[Box] = field(default_factory=list)
    maybe: list[Box] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the rules, for the message

    def flags(self, row: int, col: int) -> int:
        if any(r1 <= row <= r2 and c1 <= col <= c2 for r1, c1, r2, c2 in self.always):
            return RULE
        if any(r1 <= row <= r2 and c1 <= col <= c2 for r1, c1, r2, c2 in self.maybe):
            return RULE_MAYBE
        return 0


def hiding_rules(pkg: Package, part: str, dxfs: list[int]) -> HidingRules | None:
    """The hiding conditional formats of one worksheet, or None when it has none (the common case: one byte search
    of the part, no parse)."""
    if not dxfs or not any(dxfs) or b"conditionalFormatting" not in pkg.read(part):
        return None
    found = HidingRules()
    for el in pkg.iterparse(part, (f"{M}conditionalFormatting", f"{X14}conditionalFormatting")):
        if el.tag == f"{X14}conditionalFormatting":
            sq = el.find(f"{XM}sqref")
            sqref = (sq.text or "") if sq is not None else ""
        else:
            sqref = el.get("sqref", "")
        boxes = _boxes(sqref)
        for rule in el:
            if rule.tag not in (f"{M}cfRule", f"{X14}cfRule"):
                continue
            dxf = rule.get("dxfId")
            if dxf is None or not dxf.isdecimal() or int(dxf) >= len(dxfs) or not dxfs[int(dxf)]:
                continue
            formulas = [f.text or "" for f in rule if f.tag in (f"{M}formula", f"{XM}f")]
            always = _always(rule.get("type", ""), rule.get("operator", ""), formulas)
            if always is None:
                continue
            (found.always if always else found.maybe).extend(boxes)
            if len(found.words) < 3:
                found.words.append(f"{sqref}: {rule.get('type', '?')}" + (f" {formulas[0][:30]}" if formulas
                                                                           else ""))
        el.clear()
    return found if found.always or found.maybe else None
