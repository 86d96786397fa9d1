"""What every OpenDocument package (.ods, .odt) shares: the manifest (encryption), document properties, styles
(hidden, white and tiny text), macros, embedded objects, images, links and odd parts.

Parts are read through ``Package`` (zip limits, streaming size checks, no DTD, no entities, no network).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location
from foibot.release.ooxml import image_metadata_finding, properties_finding
from foibot.release.package import Element, Package
from foibot.release.personal import snippet

_OASIS = "urn:oasis:names:tc:opendocument:xmlns:"
OFFICE = "{" + _OASIS + "office:1.0}"
STYLE = "{" + _OASIS + "style:1.0}"
TEXT = "{" + _OASIS + "text:1.0}"
TABLE = "{" + _OASIS + "table:1.0}"
DRAW = "{" + _OASIS + "drawing:1.0}"
FO = "{" + _OASIS + "xsl-fo-compatible:1.0}"
META = "{" + _OASIS + "meta:1.0}"
MANIFEST = "{" + _OASIS + "manifest:1.0}"
SCRIPT = "{" + _OASIS + "script:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
XLINK = "{http://www.w3.org/1999/xlink}"

PATHLIKE = re.compile(r"^(?:file:|smb:|\\\\|[A-Za-z]:[\\/])", re.I)
_IMAGE_EXT = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".svg", ".svm", ".webp")
_MACRO_DIRS = ("basic/", "scripts/", "dialogs/")
_STANDARD = ("mimetype", "content.xml", "styles.xml", "meta.xml", "settings.xml", "manifest.rdf", "meta-inf/",
             "thumbnails/", "pictures/", "configurations2/", "objectreplacements/", "layout-cache")
_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0, "px": 0.75}
_SIZE = re.compile(r"^\s*([\d.]+)\s*(pt|in|cm|mm|pc|px|%)\s*$")


def short(value: str, n: int = 60) -> str:
    return snippet(value, n)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------------------------------- manifest


@dataclass
class Manifest:
    encrypted: list[str] = field(default_factory=list)
    media: dict[str, str] = field(default_factory=dict)  # full path (lower case) -> media type


def read_manifest(pkg: Package) -> Manifest:
    """The manifest's entries; parts with ``manifest:encryption-data`` are listed as encrypted."""
    man = Manifest()
    if pkg.has("encrypted-package"):  # ODF 1.3 OpenPGP: the whole document is one encrypted blob
        man.encrypted.append("encrypted-package")
    if not pkg.has("META-INF/manifest.xml"):
        return man
    for entry in pkg.xml("META-INF/manifest.xml").iter(MANIFEST + "file-entry"):
        path = entry.get(MANIFEST + "full-path", "")
        man.media[path.lower()] = entry.get(MANIFEST + "media-type", "")
        if entry.find(MANIFEST + "encryption-data") is not None:
            man.encrypted.append(path)
    return man


# ------------------------------------------------------------------------------------------------------ styles


def _size_pt(value: str | None, parent: float | None) -> float | None:
    m = _SIZE.match(value or "")
    if not m:
        return parent
    try:
        n = float(m.group(1))
    except ValueError:
        return parent
    if m.group(2) == "%":
        return None if parent is None else parent * n / 100
    return n * _UNITS[m.group(2)]


def _colour(value: str | None) -> str | None:
    v = (value or "").strip().lstrip("#").upper()
    return v if len(v) == 6 and all(c in "0123456789ABCDEF" for c in v) else None


@dataclass(frozen=True)
class Look:
    """The resolved text properties that matter: hidden (text:display), colour, background and size."""

    display: str | None = None
    colour: str | None = None
    background: str | None = None  # text background, or the paragraph's or cell's; None = transparent / unset
    size: float | None = None

    def merge(self, el: Element | None) -> Look:
        """This look with a style's own properties (``el`` is a ``style:style`` or ``style:default-style``)."""
        if el is None:
            return self
        display, colour, background, size = self.display, self.colour, self.background, self.size
        for props in el:
            tag = props.tag
            if tag == STYLE + "text-properties":
                display = props.get(TEXT + "display") or display
                if props.get(STYLE + "use-window-font-color") == "true":
                    colour = None
                elif props.get(FO + "color"):
                    colour = _colour(props.get(FO + "color"))
                size = _size_pt(props.get(FO + "font-size"), size)
                bg = props.get(FO + "background-color")
                if bg:
                    background = _colour(bg)
            elif tag in (STYLE + "paragraph-properties", STYLE + "table-cell-properties"):
                bg = props.get(FO + "background-color")
                if bg:
                    background = _colour(bg)
        return Look(display, colour, background, size)

    @property
    def hidden(self) -> bool:
        return self.display in ("none", "condition")

    def white(self) -> bool:
        if self.colour is None:
            return False
        return near(self.colour, self.background or "FFFFFF")

    def tiny(self, limit_pt: float) -> bool:
        return self.size is not None and self.size <= limit_pt


def near(colour: str, background: str, tolerance: int = 16) -> bool:
    try:
        return all(abs(int(colour[i:i + 2], 16) - int(background[i:i + 2], 16)) <= tolerance for i in (0, 2, 4))
    except ValueError:
        return False


class Styles:
    """Common styles (styles.xml) and automatic styles (content.xml), resolved through their parents."""

    def __init__(self) -> None:
        self._styles: dict[tuple[str, str], Element] = {}
        self._defaults: dict[str, Element] = {}
        self._chains: dict[tuple[str, str], list[Element]] = {}
        self._cache: dict[tuple[str, str], Look] = {}

    def add(self, container: Element | None) -> None:
        """Take the styles in ``office:styles`` or ``office:automatic-styles``."""
        if container is None:
            return
        for el in container:
            family = el.get(STYLE + "family", "")
            if el.tag == STYLE + "style" and el.get(STYLE + "name"):
                self._styles[(family, el.get(STYLE + "name", ""))] = el
            elif el.tag == STYLE + "default-style":
                self._defaults[family] = el
        self._chains.clear()
        self._cache.clear()

    def _chain(self, family: str, name: str) -> list[Element]:
        """The style and its parents, outermost parent first."""
        key = (family, name)
        if key not in self._chains:
            chain: list[Element] = []
            seen: set[str] = set()
            el = self._styles.get(key)
            while el is not None and len(chain) < 32:
                chain.append(el)
                parent = el.get(STYLE + "parent-style-name")
                if not parent or parent in seen:
                    break
                seen.add(parent)
                el = self._styles.get((family, parent))
            self._chains[key] = chain[::-1]
        return self._chains[key]

    def look(self, family: str, name: str | None, base: Look | None = None) -> Look:
        """The style ``name`` of ``family`` on top of ``base`` (the enclosing paragraph's or cell's look), or on top
        of the family's default style when there is no base."""
        if base is None:
            key = (family, name or "")
            if key not in self._cache:
                look = Look().merge(self._defaults.get(family))
                for el in self._chain(family, name or ""):
                    look = look.merge(el)
                self._cache[key] = look
            return self._cache[key]
        look = base
        for el in self._chain(family, name or "") if name else ():
            look = look.merge(el)
        return look

    def table_hidden(self, name: str | None) -> bool:
        el = self._styles.get(("table", name or ""))
        if el is None:
            return False
        props = el.find(STYLE + "table-properties")
        return props is not None and props.get(TABLE + "display") == "false"


# ---------------------------------------------------------------------------------------------------- metadata


def meta_findings(pkg: Package) -> list[Finding]:
    """Document properties (meta.xml) and the template path."""
    if not pkg.has("meta.xml"):
        return []
    root = pkg.xml("meta.xml")
    props: list[tuple[str, str]] = []
    for tag, label in ((META + "initial-creator", "initial creator"), (DC + "creator", "creator"),
                       (META + "printed-by", "printed by"), (DC + "title", "title"), (DC + "subject", "subject"),
                       (DC + "description", "description"), (META + "keyword", "keywords")):
        for el in root.iter(tag):
            if (el.text or "").strip():
                props.append((label, " ".join((el.text or "").split())))  # masked, then cut: properties_finding
    for el in root.iter(META + "user-defined"):
        value = "".join(el.itertext()).strip()
        if value:
            props.append((f"custom '{el.get(META + 'name', '?')}'", " ".join(value.split())))
    out: list[Finding] = []
    if props:
        out.append(properties_finding("odf.properties", Location(part="meta.xml"), props))
    for el in root.iter(META + "template"):
        href = el.get(XLINK + "href", "")
        title = el.get(XLINK + "title", "")
        if href or title:
            out.append(finding("odf.template", Location(part="meta.xml"),
                               f"Template: {href or title}" + (f" ('{title}')" if href and title else "")))
    return out


def property_texts(pkg: Package) -> list[str]:
    """Every property value, for the personal-data scan."""
    if not pkg.has("meta.xml"):
        return []
    return [t for t in pkg.xml("meta.xml").itertext() if t.strip()]


# --------------------------------------------------------------------------------------------- package contents


def _objects(pkg: Package, man: Manifest) -> tuple[list[str], list[str], list[str]]:
    """Embedded sub-documents and OLE objects, charts, and formulas (equations), by folder or part name."""
    embedded: list[str] = []
    charts: list[str] = []
    maths: list[str] = []
    folders = sorted({n.split("/", 1)[0] for n in pkg.names if "/" in n and n.lower().startswith("object ")})
    loose = [n for n in pkg.names if "/" not in n and n.lower().startswith("object ")]
    for folder in folders:
        media = man.media.get(folder.lower() + "/", "")
        if "opendocument.chart" in media:
            charts.append(folder)
        elif "opendocument.formula" in media:
            maths.append(folder)
        else:
            embedded.append(folder)
    embedded += loose  # OLE objects stored as a single binary part
    return embedded, charts, maths


def package_findings(pkg: Package, man: Manifest, scripts: int) -> tuple[list[Finding], list[str], list[str]]:
    """Macros, embedded objects, images and odd parts; also the chart and equation folders."""
    out: list[Finding] = []
    macros = [n for n in pkg.names if n.lower().startswith(_MACRO_DIRS)]
    if macros or scripts:
        what = []
        if macros:
            what.append(f"macro library parts ({', '.join(macros[:4])}{' …' if len(macros) > 4 else ''})")
        if scripts:
            what.append(f"{plural(scripts, 'event')} bound to scripts or macros")
        out.append(finding("odf.macros", Location(part=macros[0] if macros else "content.xml"),
                           "Macros: " + "; ".join(what) + "; not run.", count=len(macros) + scripts))
    embedded, charts, maths = _objects(pkg, man)
    if embedded:
        sizes = []
        for e in embedded[:5]:
            size = sum(pkg.size(n) for n in pkg.names if n == e or n.startswith(e + "/"))
            kind = man.media.get(e.lower() + "/", "") or man.media.get(e.lower(), "") or "unknown type"
            sizes.append(f"{e} ({kind}, {size:,} bytes)")
        out.append(finding("odf.embedded", Location(part=embedded[0]),
                           f"{plural(len(embedded), 'embedded object')}: " + ", ".join(sizes), count=len(embedded)))
    images = [n for n in pkg.names if n.lower().startswith("pictures/") and n.lower().endswith(_IMAGE_EXT)]
    if images:
        out.append(finding("odf.images", Location(part=images[0]),
                           f"{plural(len(images), 'image')} not inspected: " + ", ".join(images[:5]),
                           count=len(images)))
    meta = image_metadata_finding("odf.image_metadata", pkg, images)
    if meta:
        out.append(meta)
    known = set(macros) | set(images)
    odd = [n for n in pkg.names if n not in known and not n.lower().startswith(_STANDARD + _MACRO_DIRS)
           and not n.lower().startswith("object ")]
    if odd:
        out.append(finding("file.unexpected_parts", Location(part=odd[0]),
                           f"{plural(len(odd), 'unexpected part')}: " + ", ".join(odd[:6]), count=len(odd)))
    return out, charts, maths


def event_scripts(root: Element | None) -> int:
    """Events bound to macros or scripts (``office:event-listeners``), and ``office:script`` code, under ``root``."""
    if root is None:
        return 0
    return sum(1 for _ in root.iter(SCRIPT + "event-listener", OFFICE + "script"))


def para_text(el: Element, skip: frozenset[str] = frozenset()) -> str:
    """The text of a paragraph-like element: ``text:s`` as spaces, tabs and line breaks kept; ``office:annotation``
    (comments) and any tag in ``skip`` left out."""
    parts: list[str] = []
    _collect(el, parts, skip)
    return "".join(parts)


_NOTE = OFFICE + "annotation"


def _collect(el: Element, parts: list[str], skip: frozenset[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if tag == _NOTE or tag in skip:
            pass
        elif tag == TEXT + "s":
            try:
                parts.append(" " * max(1, min(int(child.get(TEXT + "c", "1")), 100)))
            except ValueError:
                parts.append(" ")
        elif tag == TEXT + "tab":
            parts.append("\t")
        elif tag == TEXT + "line-break":
            parts.append("\n")
        else:
            _collect(child, parts, skip)
        if child.tail:
            parts.append(child.tail)


def annotation(el: Element) -> tuple[str, str]:
    """(author, text) of an ``office:annotation``."""
    author = ""
    texts = []
    for child in el:
        if child.tag == DC + "creator":
            author = (child.text or "").strip()
        elif child.tag in (TEXT + "p", TEXT + "h", TEXT + "list"):
            texts.append(para_text(child))
    return author, "\n".join(texts)


def link_kind(el: Element) -> str | None:
    """For an element with ``xlink:href``: 'path' for a link to an internal file or share, 'external' for an object
    or image kept outside the package, else None."""
    href = el.get(XLINK + "href")
    if not href:
        return None
    inside = href.startswith(("./", "#", "Pictures/", "Object ", "ObjectReplacements/", "vnd.sun.star.")) or \
        (not re.match(r"^[A-Za-z][\w+.-]*:", href) and not href.startswith(("/", "\\", "..")))
    if el.tag in (DRAW + "object", DRAW + "object-ole", DRAW + "image", DRAW + "plugin") and not inside:
        return "external"
    if PATHLIKE.search(href) or href.startswith(("/", "..")):
        return "path"
    return None
