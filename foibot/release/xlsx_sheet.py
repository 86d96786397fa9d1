"""Streaming reader for worksheet XML: rows with their hidden flag, raw cells, hidden columns. Low memory."""

from __future__ import annotations

from collections.abc import Iterator

from foibot.release.package import Element, Package

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _C, _V, _F, _IS, _T, _RPH, _R = (M + t for t in ("row", "c", "v", "f", "is", "t", "rPh", "r"))
_COL, _SI = M + "col", M + "si"
X14 = "{http://schemas.microsoft.com/office/spreadsheetml/2009/9/main}"
XM = "{http://schemas.microsoft.com/office/excel/2006/main}"
_DV, _DV14 = M + "dataValidation", X14 + "dataValidation"
_TRUE = ("1", "true")

# A data validation: (cells it applies to, type, formula1, prompt and error texts)
Validation = tuple[str, str, str, str]

# A raw cell: (column index from 0, type attribute, value text, formula text or None, style index)
Cell = tuple[int, str, str, str | None, int]


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) & 0x1F)
    return n - 1


def col_letter(idx: int) -> str:
    out = ""
    idx += 1
    while idx:
        idx, rem = divmod(idx - 1, 26)
        out = chr(65 + rem) + out
    return out


_COLS: dict[str, int] = {}


def ranges_text(nums: set[int], letters: bool = False) -> str:
    """Row numbers (or column indexes, as letters) as runs: "3-7, 12, 40-41 …" (at most eight runs)."""
    runs: list[str] = []
    items = sorted(nums)
    i = 0
    while i < len(items) and len(runs) < 8:
        j = i
        while j + 1 < len(items) and items[j + 1] == items[j] + 1:
            j += 1
        a, b = (col_letter(items[i]), col_letter(items[j])) if letters else (str(items[i]), str(items[j]))
        runs.append(a if i == j else f"{a}-{b}")
        i = j + 1
    return ", ".join(runs) + (" …" if i < len(items) else "")


def row_blocks(counts: dict[int, int], gap: int) -> list[tuple[int, int, int]]:
    """Contiguous-ish blocks of rows (or columns) as (first, last, cells), splitting at gaps wider than ``gap``."""
    blocks: list[tuple[int, int, int]] = []
    for n in sorted(counts):
        if blocks and n - blocks[-1][1] <= gap:
            a, _b, c = blocks[-1]
            blocks[-1] = (a, n, c + counts[n])
        else:
            blocks.append((n, n, counts[n]))
    return blocks


def ref_col(ref: str) -> int:
    """'AB12' -> 27 (column from 0). Cached: a sheet uses few distinct column letters."""
    letters = ref.rstrip("0123456789$")
    col = _COLS.get(letters)
    if col is None:
        col = _COLS[letters] = col_index(letters.upper().lstrip("$"))
    return col


def rich_text(el: Element) -> str:
    """Text of an <si> or <is>, without phonetic runs."""
    if len(el) == 1:
        t = el[0]
        if t.tag == _T:
            return t.text or ""
    parts = []
    for child in el:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _R:
            rt = child.find(_T)
            if rt is not None:
                parts.append(rt.text or "")
    return "".join(parts)


def shared_strings(pkg: Package, part: str | None) -> list[str]:
    if not part or not pkg.has(part):
        return []
    out: list[str] = []
    for el in pkg.iterparse(part, _SI):
        out.append(rich_text(el))
        el.clear()
        while el.getprevious() is not None:
            del el.getparent()[0]
    return out


class SheetReader:
    """Iterate a worksheet's rows. ``hidden_cols`` is filled before the first row is yielded; ``validations``
    (data validation rules, classic and Excel 2010 ``x14``) once the rows are done."""

    def __init__(self, pkg: Package, part: str) -> None:
        self.pkg, self.part = pkg, part
        self.hidden_cols: set[int] = set()
        self.validations: list[Validation] = []

    def _validation(self, el: Element) -> None:
        if len(self.validations) >= 1000:
            return
        texts = " ".join(el.get(k) or "" for k in ("promptTitle", "prompt", "errorTitle", "error")).strip()
        if el.tag == _DV:
            f1 = el.find(M + "formula1")
            self.validations.append((el.get("sqref", ""), el.get("type", ""), (f1.text or "") if f1 is not None
                                     else "", texts))
        else:
            f1, sq = el.find(f"{X14}formula1/{XM}f"), el.find(XM + "sqref")
            self.validations.append(((sq.text or "") if sq is not None else "", el.get("type", ""),
                                     (f1.text or "") if f1 is not None else "", texts))

    def rows(self) -> Iterator[tuple[int, bool, list[Cell]]]:
        last_row = 0
        for el in self.pkg.iterparse(self.part, (_ROW, _COL, _DV, _DV14)):
            if el.tag in (_DV, _DV14):
                self._validation(el)
            elif el.tag == _ROW:
                get = el.get
                r = get("r")
                row_num = int(r) if r else last_row + 1
                last_row = row_num
                hidden = get("hidden") in _TRUE
                if not hidden and get("customHeight") in _TRUE:
                    try:
                        hidden = float(get("ht", "15")) < 1.0
                    except ValueError:
                        hidden = False
                cells: list[Cell] = []
                next_col = 0
                for c in el:
                    if c.tag != _C:
                        continue
                    ref = c.get("r")
                    col = ref_col(ref) if ref else next_col
                    next_col = col + 1
                    t = c.get("t") or "n"
                    formula = None
                    value = ""
                    for ch in c:
                        tag = ch.tag
                        if tag == _V:
                            value = ch.text or ""
                        elif tag == _F:
                            formula = ch.text or ""
                        elif tag == _IS:
                            value = rich_text(ch)
                    if value == "" and formula is None:
                        continue
                    s = c.get("s")
                    cells.append((col, t, value, formula, int(s) if s else 0))
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
                yield row_num, hidden, cells
            else:
                hidden = el.get("hidden") in _TRUE
                if not hidden:
                    try:
                        hidden = el.get("width") is not None and float(el.get("width", "1")) < 0.1
                    except ValueError:
                        hidden = False
                if hidden:
                    lo, hi = int(el.get("min", "1")), int(el.get("max", "1"))
                    if 0 < lo <= hi <= 16384:
                        self.hidden_cols.update(range(lo - 1, hi))
