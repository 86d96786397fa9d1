"""Cell styles that hide content (white-on-white, tiny font, ';;;' format) and which formats are dates."""

from __future__ import annotations

import re

from foibot.release.package import Element, Package

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

WHITE, TINY, HIDDEN_FORMAT, DATE = 1, 2, 4, 8

_INDEXED = {0: "000000", 1: "FFFFFF", 8: "000000", 9: "FFFFFF", 64: "000000"}
_THEME = {0: "FFFFFF", 1: "000000"}  # lt1 / dk1 in the default theme
_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_DATE_CODE = re.compile(r"[dmyhs]", re.I)


def colour(el: Element | None) -> str | None:
    """An RRGGBB string, or None for automatic/unknown."""
    if el is None:
        return None
    tint = float(el.get("tint", "0") or 0)
    if abs(tint) > 0.1:
        return None
    if el.get("rgb"):
        return el.get("rgb", "")[-6:].upper()
    if el.get("theme") is not None:
        return _THEME.get(int(el.get("theme", "-1")))
    if el.get("indexed") is not None:
        return _INDEXED.get(int(el.get("indexed", "-1")))
    return None


def is_date_code(code: str) -> bool:
    stripped = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)
    return bool(_DATE_CODE.search(stripped)) and not re.fullmatch(r"[#0.,;%E+\- ]*", stripped)


def is_hiding_code(code: str) -> bool:
    return bool(code) and re.fullmatch(r";{2,3}", code.replace(" ", "").replace('""', "")) is not None


def load_styles(pkg: Package, part: str | None, tiny_pt: float = 4.0) -> list[int]:
    """Flags per cellXfs index."""
    if not part or not pkg.has(part):
        return []
    root = pkg.xml(part)
    codes = {int(n.get("numFmtId", "-1")): n.get("formatCode", "") for n in root.iter(f"{M}numFmt")}
    fonts: list[tuple[str | None, float | None]] = []
    fonts_el = root.find(f"{M}fonts")
    for font in fonts_el if fonts_el is not None else []:
        sz = font.find(f"{M}sz")
        size = None
        if sz is not None:
            try:
                size = float(sz.get("val", ""))
            except ValueError:
                size = None
        fonts.append((colour(font.find(f"{M}color")), size))
    fills: list[str | None] = []
    fills_el = root.find(f"{M}fills")
    for fill in fills_el if fills_el is not None else []:
        pf = fill.find(f"{M}patternFill")
        if pf is not None and pf.get("patternType") == "solid":
            fills.append(colour(pf.find(f"{M}fgColor")) or "FFFFFF")
        else:
            fills.append(None)
    out: list[int] = []
    xfs = root.find(f"{M}cellXfs")
    for xf in xfs if xfs is not None else []:
        flags = 0
        fid, fill_id, num = (int(xf.get(k, "0") or 0) for k in ("fontId", "fillId", "numFmtId"))
        font_colour, size = fonts[fid] if 0 <= fid < len(fonts) else (None, None)
        fill = fills[fill_id] if 0 <= fill_id < len(fills) else None
        if font_colour is not None and (font_colour == fill or (fill is None and font_colour == "FFFFFF")):
            flags |= WHITE
        if size is not None and size < tiny_pt:
            flags |= TINY
        code = codes.get(num, "")
        if is_hiding_code(code):
            flags |= HIDDEN_FORMAT
        if num in _DATE_IDS or (code and is_date_code(code)):
            flags |= DATE
        out.append(flags)
    return out
