"""Word run formatting as the reader sees it: document defaults, then paragraph and character styles (following
``w:basedOn``), then direct formatting (ECMA-376 Part 1, 17.7.2 style hierarchy).

Toggle properties (``w:vanish``) are resolved by plain overriding, not the spec's XOR between style types: a run
hidden by both its paragraph and its character style is reported hidden (a possible false alarm, never a miss).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace

from foibot.release.package import Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFF = ("0", "false", "off")
_LIGHT_THEME = ("background1", "light1")
_MAX_DEPTH = 32  # basedOn chains longer than this (or looping) stop here


@dataclass(frozen=True)
class Look:
    """The formatting that decides whether a run can be seen. ``hidden_by`` names the style that hides it."""

    hidden: bool = False
    hidden_by: str | None = None
    colour: str | None = None  # RRGGBB; None for automatic
    half_points: int | None = None
    shaded: bool = False  # a shading or highlight behind the text, so a light colour may still show
    behind: str | None = None  # that shading or highlight as RRGGBB, when foibot can tell


def _on(el: Element | None) -> bool:
    return el is not None and el.get(W + "val", "1").lower() not in _OFF


def _colour(el: Element) -> str | None:
    val = (el.get(W + "val") or "").upper()
    if len(val) == 6 and all(c in "0123456789ABCDEF" for c in val):
        return val
    if (el.get(W + "themeColor") or "") in _LIGHT_THEME:
        return "FFFFFF"
    return None


def shaded(props: Element | None) -> bool:
    """True when ``w:shd`` or ``w:highlight`` in these properties puts a non-white background behind the text."""
    if props is None:
        return False
    shd = props.find(W + "shd")
    if shd is not None and (shd.get(W + "fill") or "auto").upper() not in ("AUTO", "FFFFFF", ""):
        return True
    hl = props.find(W + "highlight")
    return hl is not None and (hl.get(W + "val") or "none") not in ("none", "white")


_HIGHLIGHT = {"black": "000000", "darkBlue": "000080", "darkRed": "800000", "darkGreen": "008000",
              "darkMagenta": "800080", "darkCyan": "008080", "darkGray": "808080", "blue": "0000FF",
              "red": "FF0000", "green": "00FF00", "magenta": "FF00FF", "cyan": "00FFFF", "yellow": "FFFF00",
              "lightGray": "C0C0C0", "white": "FFFFFF"}


def behind(props: Element | None) -> str | None:
    """The colour (RRGGBB) a highlight or shading in these properties puts behind the text; None when none or unknown.
    A highlight is drawn over shading, so it wins."""
    if props is None:
        return None
    hl = props.find(W + "highlight")
    if hl is not None and (hl.get(W + "val") or "none") != "none":
        return _HIGHLIGHT.get(hl.get(W + "val") or "")
    shd = props.find(W + "shd")
    if shd is not None:
        fill = (shd.get(W + "fill") or "").upper()
        if len(fill) == 6 and all(c in "0123456789ABCDEF" for c in fill):
            return fill
        if (shd.get(W + "val") or "") == "solid":  # a solid pattern in the pattern colour
            col = (shd.get(W + "color") or "").upper()
            return "000000" if col in ("AUTO", "") else col if len(col) == 6 else None
    return None


def dark(colour: str | None) -> bool:
    """A colour dark enough that dark text on it cannot be read (relative luminance under 0.2)."""
    if colour is None or len(colour) != 6:
        return False
    try:
        r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255 < 0.2


def apply(look: Look, rpr: Element | None, source: str | None) -> Look:
    """``look`` with the run properties ``rpr`` laid over it; ``source`` names where they come from."""
    if rpr is None:
        return look
    changes: dict[str, object] = {}
    for tag in ("vanish", "specVanish"):
        el = rpr.find(W + tag)
        if el is not None:
            on = _on(el)
            changes["hidden"], changes["hidden_by"] = on, source if on else None
            break
    colour = rpr.find(W + "color")
    if colour is not None:
        changes["colour"] = _colour(colour)
    sz = rpr.find(W + "sz")
    if sz is not None:
        with contextlib.suppress(ValueError, OverflowError):
            changes["half_points"] = int(float(sz.get(W + "val", "")))
    if shaded(rpr):
        changes["shaded"] = True
    colour_behind = behind(rpr)
    if colour_behind is not None:
        changes["behind"] = colour_behind
    return replace(look, **changes) if changes else look  # type: ignore[arg-type]


@dataclass
class _Style:
    kind: str
    name: str
    based_on: str | None
    rpr: Element | None


class WordStyles:
    """The styles part of one document (or none): ``look(pstyle, rstyle, rpr)`` for each run."""

    def __init__(self, root: Element | None = None) -> None:
        self._styles: dict[str, _Style] = {}
        self._default_para: str | None = None
        self._default_char: str | None = None
        self._base = Look()
        self._cache: dict[tuple[str, str | None], Look] = {}
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self._base = apply(Look(), defaults, "document defaults")
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId") or ""
            kind = st.get(W + "type") or "paragraph"
            name_el, based = st.find(W + "name"), st.find(W + "basedOn")
            name = (name_el.get(W + "val") if name_el is not None else None) or sid
            self._styles[sid] = _Style(kind, name, based.get(W + "val") if based is not None else None,
                                       st.find(W + "rPr"))
            if st.get(W + "default") in ("1", "true", "on"):
                if kind == "paragraph" and self._default_para is None:
                    self._default_para = sid
                elif kind == "character" and self._default_char is None:
                    self._default_char = sid

    def _chain(self, sid: str | None) -> list[_Style]:
        out: list[_Style] = []
        seen: set[str] = set()
        while sid and sid in self._styles and sid not in seen and len(out) < _MAX_DEPTH:
            seen.add(sid)
            out.append(self._styles[sid])
            sid = self._styles[sid].based_on
        return out[::-1]

    def _styled(self, base: Look, sid: str | None, kind: str) -> Look:
        key = (kind, sid)
        if key in self._cache:
            return self._cache[key]
        look = base
        for st in self._chain(sid):
            look = apply(look, st.rpr, f"style '{st.name}'")
        self._cache[key] = look
        return look

    def look(self, pstyle: str | None, rstyle: str | None, rpr: Element | None) -> Look:
        """The run's formatting: defaults, paragraph style, character style, then its own ``w:rPr``."""
        para = self._styled(self._base, pstyle or self._default_para, "paragraph")
        look = para
        for st in self._chain(rstyle or self._default_char):
            look = apply(look, st.rpr, f"style '{st.name}'")
        return apply(look, rpr, None)
