"""Failed-redaction finder: text that a filled box painted over it (or a box of the text's own colour) hides.

It rides on pypdf's text extraction: ``visitor_operand_before`` sees every content-stream operator with pypdf's
current matrices, so one parse gives both the painted rectangles (``re``/paths then ``f``) and the text positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Matrix = list[float]
_FILL_OPS = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", "f", "F", "f*", "B", "B*", "b", "b*"}
_SHOW_OPS = {b"Tj", b"TJ", b"'", b'"', "Tj", "TJ", "'", '"'}


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def _mult(a: Matrix, b: Matrix) -> Matrix:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _rgb(values: list[float]) -> tuple[float, float, float] | None:
    if len(values) == 1:
        return (values[0],) * 3  # type: ignore[return-value]
    if len(values) == 3:
        return values[0], values[1], values[2]
    if len(values) == 4:
        c, m, y, k = values
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    return None


def _dark(rgb: tuple[float, float, float] | None) -> bool:
    return rgb is not None and 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] < 0.25


def _num(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0


@dataclass
class Box:
    order: int
    x0: float
    y0: float
    x1: float
    y1: float
    rgb: tuple[float, float, float] | None

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


@dataclass
class Shown:
    """One text-showing operator. Character positions are worked out only if a box is near (speed)."""

    order: int
    matrix: Matrix  # text space -> device space at the start of the operator
    pieces: list[tuple[str, float]]  # (text, start offset in text space)
    step: float  # estimated advance per character in text space (0.5 em: no font metrics are used)
    size: float
    rgb: tuple[float, float, float] | None
    bbox: tuple[float, float, float, float]

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.pieces)

    def chars(self) -> list[tuple[str, float, float, float, float]]:
        """(char, x, y) at 0.2 em and (x, y) at 0.6 em above the baseline, at the middle of each character."""
        out = []
        m, step, lo, hi = self.matrix, self.step, 0.2 * self.size, 0.6 * self.size
        for piece, start in self.pieces:
            for i, ch in enumerate(piece):
                cx = start + (i + 0.5) * step
                x1, y1 = _apply(m, cx, lo)
                x2, y2 = _apply(m, cx, hi)
                out.append((ch, x1, y1, x2, y2))
        return out


@dataclass
class Covered:
    text: str
    box: Box
    drawn_after: bool


@dataclass
class CoverTracker:
    """Pass ``before`` as visitor_operand_before to ``page.extract_text``; then call ``covered()``."""

    wide_fonts: set[str] = field(default_factory=set)  # font resource names with 2-byte codes (Type0)
    boxes: list[Box] = field(default_factory=list)
    shown: list[Shown] = field(default_factory=list)
    _order: int = 0
    _fill: tuple[float, float, float] | None = (0.0, 0.0, 0.0)
    _stack: list[tuple[tuple[float, float, float] | None, str, float, float, int]] = field(default_factory=list)
    _path: list[tuple[float, float, float, float]] = field(default_factory=list)
    _points: list[tuple[float, float]] = field(default_factory=list)
    _font: str = ""
    _size: float = 12.0
    _hscale: float = 1.0
    _render: int = 0

    def before(self, op: Any, args: Any, cm: Matrix, tm: Matrix) -> None:
        self._order += 1
        op = op.decode("latin-1") if isinstance(op, bytes) else op
        if op == "q":
            self._stack.append((self._fill, self._font, self._size, self._hscale, self._render))
        elif op == "Q":
            if self._stack:
                self._fill, self._font, self._size, self._hscale, self._render = self._stack.pop()
        elif op in ("g", "rg", "k", "sc", "scn"):
            nums = [_num(a) for a in args if not hasattr(a, "startswith") or isinstance(a, int | float)]
            self._fill = _rgb(nums) if op != "scn" or len(nums) == len(args) else None
        elif op == "re" and len(args) == 4:
            x, y, w, h = (_num(a) for a in args)
            pts = [_apply(cm, px, py) for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            self._path.append((min(xs), min(ys), max(xs), max(ys)))
        elif op in ("m", "l") and len(args) == 2:
            self._points.append(_apply(cm, _num(args[0]), _num(args[1])))
        elif op in _FILL_OPS:
            self._close_polygon()
            for x0, y0, x1, y1 in self._path:
                self.boxes.append(Box(self._order, x0, y0, x1, y1, self._fill))
            self._path, self._points = [], []
        elif op in ("n", "S", "s"):
            self._path, self._points = [], []
        elif op == "Tf" and len(args) == 2:
            self._font, self._size = str(args[0]), _num(args[1])
        elif op == "Tz" and args:
            self._hscale = _num(args[0]) / 100.0
        elif op == "Tr" and args:
            self._render = int(_num(args[0]))
        elif op in _SHOW_OPS and args:
            self._show(args[-1], cm, tm)

    def _close_polygon(self) -> None:
        pts = self._points
        if len(pts) >= 4:
            xs, ys = {round(p[0], 1) for p in pts}, {round(p[1], 1) for p in pts}
            if len(xs) == 2 and len(ys) == 2:
                self._path.append((min(xs), min(ys), max(xs), max(ys)))

    def _show(self, operand: Any, cm: Matrix, tm: Matrix) -> None:
        wide = self._font in self.wide_fonts
        m = _mult(tm, cm)
        step = 0.5 * self._size * self._hscale
        pieces: list[tuple[str, float]] = []
        shift = 0.0
        items = operand if isinstance(operand, list) else [operand]
        for item in items:
            if isinstance(item, bytes | str):
                raw = item if isinstance(item, bytes) else getattr(item, "original_bytes", None)
                if raw is None:
                    raw = str(item).encode("latin-1", "replace")
                text = raw.decode("utf-16-be", "replace") if wide else raw.decode("latin-1")
                pieces.append((text, shift))
                shift += len(text) * step
            else:
                shift -= _num(item) / 1000.0 * self._size * self._hscale
        if not pieces:
            return
        corners = [_apply(m, x, y) for x in (0.0, max(shift, 0.0)) for y in (0.0, self._size)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        self.shown.append(Shown(self._order, m, pieces, step, self._size, self._fill,
                                (min(xs), min(ys), max(xs), max(ys))))

    def covered(self) -> list[Covered]:
        out: list[Covered] = []
        if not self.boxes:
            return out
        for s in self.shown:
            sx0, sy0, sx1, sy1 = s.bbox
            chars = None
            for box in self.boxes:
                if box.x1 < sx0 or box.x0 > sx1 or box.y1 < sy0 or box.y0 > sy1:
                    continue
                after = box.order > s.order
                if not after and not (s.rgb is not None and (s.rgb == box.rgb or (_dark(s.rgb) and _dark(box.rgb)))):
                    continue
                if chars is None:
                    chars = s.chars()
                hit = "".join(ch for ch, x1, y1, x2, y2 in chars if box.contains(x1, y1) and box.contains(x2, y2))
                if hit.strip():
                    out.append(Covered(hit, box, after))
        return out
