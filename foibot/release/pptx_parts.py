"""Reading a presentation's parts: the slide list, what each slide shows or hides, its notes and its comments."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from foibot.release.package import Element, Package

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P188 = "{http://schemas.microsoft.com/office/powerpoint/2018/8/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_FALSE = ("0", "false")
_NOT_NOTES = ("sldImg", "sldNum", "hdr", "ftr", "dt")  # notes-page placeholders that are not the notes themselves
_SHAPES = {P + t for t in ("sp", "grpSp", "graphicFrame", "pic", "cxnSp", "contentPart")}
DEFAULT_SIZE = (9144000, 6858000)  # EMU, when p:sldSz is missing


def text_of(el: Element) -> str:
    """The text under ``el``: runs joined, paragraphs on their own lines."""
    paras = []
    for p in el.iter(A + "p"):
        paras.append("".join(t.text or "" for t in p.iter(A + "t")))
    return "\n".join(x for x in paras if x.strip())


@dataclass
class SlideRef:
    number: int  # 1-based position in the slide list; 0 for a slide part the list does not use
    part: str
    hidden: bool = False


@dataclass
class Presentation:
    part: str
    slides: list[SlideRef] = field(default_factory=list)
    size: tuple[int, int] = DEFAULT_SIZE
    missing: list[str] = field(default_factory=list)  # slide list entries whose part is missing (or unresolvable)


def read_presentation(pkg: Package) -> Presentation:
    part = next((r.target for r in pkg.rels("").values() if r.kind == "officeDocument"), "ppt/presentation.xml")
    pres = Presentation(part)
    if not pkg.has(part):
        return pres
    root = pkg.xml(part)
    rels = pkg.rels(part)
    sz = root.find(P + "sldSz")
    if sz is not None:
        with contextlib.suppress(ValueError):
            pres.size = (int(sz.get("cx", "")), int(sz.get("cy", "")))
    for el in root.iter(P + "sldId"):
        rel = rels.get(el.get(R_ID, ""))
        if rel and not rel.external and pkg.has(rel.target):
            pres.slides.append(SlideRef(len(pres.slides) + 1, rel.target))
        else:
            pres.missing.append(rel.target if rel else f"relationship {el.get(R_ID, '') or '(none)'}")
    listed = {s.part.lower() for s in pres.slides}
    for name in pkg.matching("ppt/slides/slide", ".xml"):
        if name.lower() not in listed:
            pres.slides.append(SlideRef(0, name))
    return pres


@dataclass
class HiddenShape:
    name: str
    why: str  # 'hidden' or 'off the slide'
    text: str


@dataclass
class SlideContent:
    hidden: bool
    text: str
    hidden_shapes: list[HiddenShape] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)  # embedded objects: name (program)


Placement = tuple[float, float, float, float]
"""How a shape tree's coordinates map onto the slide: (x scale, x shift, y scale, y shift)."""
ON_SLIDE: Placement = (1.0, 0.0, 1.0, 0.0)


def shape_hidden(shape: Element, size: tuple[int, int], placement: Placement = ON_SLIDE) -> str:
    """'hidden' or 'off the slide' for a shape a slide show does not show, else ''; ``placement`` maps the
    coordinates of the group it sits in onto the slide. (``shown_and_hidden`` adds 'covered': under an opaque shape.)"""
    if _hidden_attr(shape):
        return "hidden"
    box = _box(shape)
    return "off the slide" if box is not None and _outside(_placed(box, placement), size) else ""


def _box(shape: Element) -> tuple[int, int, int, int] | None:
    """The shape's own x, y, width and height (its first ``xfrm``: a group's is its own, before its children)."""
    xfrm = next((x for x in shape.iter(A + "xfrm", P + "xfrm")), None)
    off, ext = (xfrm.find(A + "off"), xfrm.find(A + "ext")) if xfrm is not None else (None, None)
    if off is None or ext is None:
        return None
    try:
        return int(off.get("x", "0")), int(off.get("y", "0")), int(ext.get("cx", "0")), int(ext.get("cy", "0"))
    except ValueError:
        return None


def _placed(box: tuple[float, float, float, float], placement: Placement) -> tuple[float, float, float, float]:
    sx, dx, sy, dy = placement
    x, y, cx, cy = box
    return x * sx + dx, y * sy + dy, cx * sx, cy * sy


def _outside(box: tuple[float, float, float, float], size: tuple[int, int]) -> bool:
    x, y, cx, cy = box
    return x >= size[0] or y >= size[1] or x + cx <= 0 or y + cy <= 0


def _inside_group(group: Element, placement: Placement) -> Placement:
    """The placement of a group's children: its ``chOff``/``chExt`` (the children's coordinates) stretched onto
    its own ``off``/``ext``, then the group's own placement."""
    xfrm = group.find(f"{P}grpSpPr/{A}xfrm")
    if xfrm is None:
        return placement
    parts = [xfrm.find(A + tag) for tag in ("off", "ext", "chOff", "chExt")]
    if any(el is None for el in parts):
        return placement
    try:
        (x, y), (cx, cy), (chx, chy), (chcx, chcy) = (
            (int(el.get(a, "0")), int(el.get(b, "0")))  # type: ignore[union-attr]
            for el, (a, b) in zip(parts, [("x", "y"), ("cx", "cy"), ("x", "y"), ("cx", "cy")], strict=True))
    except ValueError:
        return placement
    kx = cx / chcx if chcx else 1.0
    ky = cy / chcy if chcy else 1.0
    own = (kx, x - chx * kx, ky, y - chy * ky)
    sx, dx, sy, dy = placement
    return own[0] * sx, own[1] * sx + dx, own[2] * sy, own[3] * sy + dy


def shown_and_hidden(tree: Element, size: tuple[int, int], placement: Placement = ON_SLIDE) -> tuple[
        list[str], list[tuple[Element, str]]]:
    """The text a shape tree shows, and the shapes it does not show with why ('hidden' or 'off the slide').

    Groups (``p:grpSp``) are opened: a shape hidden inside a shown group is hidden too, and one a group places
    off the slide (its children have their own coordinates, which the group stretches onto its box) is off it."""
    shown: list[str] = []
    hidden: list[tuple[Element, str]] = []
    shapes = [el for el in tree if el.tag in _SHAPES]
    for i, shape in enumerate(shapes):
        why = shape_hidden(shape, size, placement)
        if not why and shape.tag == P + "sp" and text_of(shape).strip() and _covered(shape, shapes[i + 1:]):
            why = "covered"
        if why:
            hidden.append((shape, why))
        elif shape.tag == P + "grpSp":
            more, inner = shown_and_hidden(shape, size, _inside_group(shape, placement))
            shown += more
            hidden += inner
        else:
            text = text_of(shape)
            if text:
                shown.append(text)
    return shown, hidden


def _opaque(shape: Element) -> bool:
    """Whether a shape hides what is under it: a picture, or a shape with a solid fill (its own or its theme
    style's) and no transparency. Gradients, patterns and see-through fills count as not opaque."""
    if _hidden_attr(shape):
        return False
    if shape.tag == P + "pic":
        return True
    if shape.tag != P + "sp":
        return False
    sppr = shape.find(P + "spPr")
    if sppr is None:
        return False
    if sppr.find(A + "noFill") is not None or sppr.find(A + "gradFill") is not None \
            or sppr.find(A + "pattFill") is not None or sppr.find(A + "blipFill") is not None:
        return False
    solid = sppr.find(A + "solidFill")
    if solid is not None:
        return not any(el.tag == A + "alpha" and el.get("val", "100000") != "100000" for el in solid.iter())
    ref = shape.find(f"{P}style/{A}fillRef")
    return ref is not None and ref.get("idx", "0") not in ("0", "1000")


def _covered(shape: Element, above: list[Element]) -> bool:
    """Whether an opaque shape drawn later (above it) covers all of this shape's box (in the same shape tree)."""
    box = _box(shape)
    if box is None or box[2] <= 0 or box[3] <= 0:
        return False
    x, y, cx, cy = box
    for other in above:
        ob = _box(other)
        if ob is None or not _opaque(other):
            continue
        ox, oy, ocx, ocy = ob
        if ox <= x and oy <= y and ox + ocx >= x + cx and oy + ocy >= y + cy:
            return True
    return False


def _hidden_attr(shape: Element) -> str:
    nv = shape[0] if len(shape) else None
    c_nv = nv.find(P + "cNvPr") if nv is not None else None
    return "hidden" if c_nv is not None and c_nv.get("hidden", "0").lower() not in _FALSE else ""


def read_slide(root: Element, size: tuple[int, int]) -> SlideContent:
    """A slide's visible text, its hidden or off-slide shapes (in groups too) and its embedded objects."""
    content = SlideContent(hidden=root.get("show", "1").lower() in _FALSE, text="")
    tree = root.find(f"{P}cSld/{P}spTree")
    visible, hidden = shown_and_hidden(tree, size) if tree is not None else ([], [])
    for shape, why in hidden:
        text = text_of(shape)
        if text.strip():
            nv = shape[0] if len(shape) else None
            c_nv = nv.find(P + "cNvPr") if nv is not None else None
            content.hidden_shapes.append(HiddenShape(c_nv.get("name", "") if c_nv is not None else "", why, text))
    for ole in root.iter(P + "oleObj"):
        label = ole.get("name") or "object"
        content.objects.append(f"{label} ({ole.get('progId')})" if ole.get("progId") else label)
    content.text = "\n".join(visible)
    return content


def alt_texts(root: Element) -> list[tuple[str, str, Element]]:
    """Alt text (``p:cNvPr`` title and descr) of every shape and picture, as (name, text, the p:cNvPr)."""
    out = []
    for c_nv in root.iter(P + "cNvPr"):
        text = "\n".join(b.strip() for b in (c_nv.get("title", ""), c_nv.get("descr", "")) if b.strip())
        if text:
            out.append((c_nv.get("name", "") or f"shape {c_nv.get('id', '?')}", text, c_nv))
    return out


def placeholder(shape: Element) -> str | None:
    """The placeholder type of a shape ('body' when a p:ph gives none), None for a shape of its own."""
    ph = next(shape.iter(P + "ph"), None)
    return None if ph is None else ph.get("type", "body")


def chart_rids(root: Element) -> list[str]:
    """The relationship ids of the charts a slide (or layout) places (``c:chart r:id``)."""
    return [c.get(R_ID, "") for c in root.iter(C + "chart") if c.get(R_ID)]


def notes_text(root: Element) -> str:
    """The speaker notes on a notes page: every shape except the slide image, number, header, footer and date."""
    out = []
    tree = root.find(f"{P}cSld/{P}spTree")
    for shape in tree if tree is not None else []:
        ph = next(shape.iter(P + "ph"), None)
        if ph is not None and ph.get("type") in _NOT_NOTES:
            continue
        text = text_of(shape)
        if text.strip():
            out.append(text)
    return "\n".join(out)


@dataclass
class SlideComment:
    author: str
    text: str


def comment_authors(pkg: Package) -> dict[str, str]:
    """Author ids to names, from both the classic (commentAuthors.xml) and modern (authors.xml) lists."""
    out: dict[str, str] = {}
    for part in pkg.matching("ppt/commentAuthors", ".xml"):
        for a in pkg.xml(part).iter(P + "cmAuthor"):
            out[a.get("id", "")] = a.get("name", "")
    for part in pkg.matching("ppt/authors", ".xml"):
        for a in pkg.xml(part).iter(P188 + "author"):
            out[a.get("id", "")] = a.get("name", "")
    return out


def read_comments(root: Element, authors: dict[str, str]) -> list[SlideComment]:
    """Classic (p:cm with p:text) and modern (p188:cm and replies with p188:txBody) comments."""
    out = []
    for cm in root.iter(P + "cm"):
        text_el = cm.find(P + "text")
        out.append(SlideComment(authors.get(cm.get("authorId", ""), ""), (text_el.text or "") if text_el is not None
                                else ""))
    for cm in root.iter(P188 + "cm", P188 + "reply"):
        body = cm.find(P188 + "txBody")
        out.append(SlideComment(authors.get(cm.get("authorId", ""), ""), text_of(body) if body is not None else ""))
    return out
