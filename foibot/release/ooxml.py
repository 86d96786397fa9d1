"""Checks shared by every Office Open XML package: properties, macros, embedded files, images, odd parts."""

from __future__ import annotations

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location
from foibot.release.package import Element, MalformedError, Package

NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "custom": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
}
_CORE = (("dc", "creator", "creator"), ("cp", "lastModifiedBy", "last modified by"), ("dc", "title", "title"),
         ("dc", "subject", "subject"), ("dc", "description", "description"), ("cp", "keywords", "keywords"),
         ("cp", "category", "category"), ("cp", "contentStatus", "status"))
_APP = (("Company", "company"), ("Manager", "manager"), ("HyperlinkBase", "hyperlink base"))

_STANDARD_PREFIXES = ("[content_types].xml", "_rels/", "docprops/", "customxml/")
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".svg")


def _short(value: str, n: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= n else value[: n - 1] + "…"


def properties(pkg: Package) -> list[tuple[str, str]]:
    """Non-empty document properties as (label, value)."""
    out: list[tuple[str, str]] = []
    if pkg.has("docProps/core.xml"):
        core = pkg.xml("docProps/core.xml")
        for ns, tag, label in _CORE:
            el = core.find(f"{{{NS[ns]}}}{tag}")
            if el is not None and (el.text or "").strip():
                out.append((label, _short(el.text or "")))
    if pkg.has("docProps/app.xml"):
        app = pkg.xml("docProps/app.xml")
        for tag, label in _APP:
            el = app.find(f"{{{NS['ep']}}}{tag}")
            if el is not None and (el.text or "").strip():
                out.append((label, _short(el.text or "")))
    if pkg.has("docProps/custom.xml"):
        for prop in pkg.xml("docProps/custom.xml"):
            value = "".join(prop.itertext()).strip()
            out.append((f"custom '{prop.get('name', '?')}'", _short(value)))
    return out


def soft_xml(pkg: Package, part: str, out: list[Finding]) -> Element | None:
    """Parse ``part``; if it is damaged, add a ``file.malformed`` finding and return None so the rest is checked."""
    try:
        return pkg.xml(part)
    except MalformedError as exc:
        out.append(finding("file.malformed", Location(part=part),
                           f"{str(exc)[:200].rstrip('.')}; the rest of the file was checked without it."))
        return None


def common_findings(pkg: Package, prefix: str, known: tuple[str, ...]) -> list[Finding]:
    """Properties, macros, embeddings, images and unexpected parts. ``prefix`` is 'xl/' or 'word/'."""
    out: list[Finding] = []
    props = properties(pkg)
    if props:
        out.append(finding("ooxml.properties", Location(part="docProps"),
                           "Document properties: " + "; ".join(f"{k}: {v}" for k, v in props), count=len(props)))
    macros = [n for n in pkg.names if n.lower().endswith("vbaproject.bin")]
    if macros:
        out.append(finding("ooxml.macros", Location(part=macros[0]), f"Macro code ({', '.join(macros)}); not run."))
    embedded = [n for n in pkg.names if n.lower().startswith(prefix + "embeddings/")
                or n.lower().endswith(".bin") and "activex" in n.lower()]
    if embedded:
        sizes = ", ".join(f"{n} ({pkg.size(n):,} bytes)" for n in embedded[:5])
        out.append(finding("ooxml.embedded", Location(part=embedded[0]),
                           f"{len(embedded)} embedded object{'s' if len(embedded) != 1 else ''}: {sizes}",
                           count=len(embedded)))
    images = [n for n in pkg.names if n.lower().startswith((prefix + "media/", "docprops/thumbnail"))
              and n.lower().endswith(IMAGE_EXT)]
    if images:
        out.append(finding("ooxml.images", Location(part=images[0]),
                           f"{len(images)} image{'s' if len(images) != 1 else ''} not inspected: "
                           + ", ".join(images[:5]), count=len(images)))
    odd = [n for n in pkg.names if not n.lower().startswith(_STANDARD_PREFIXES + known)
           and n.lower() not in (x.lower() for x in macros + embedded + images)]
    if odd:
        out.append(finding("file.unexpected_parts", Location(part=odd[0]),
                           f"{len(odd)} unexpected part{'s' if len(odd) != 1 else ''}: " + ", ".join(odd[:6]),
                           count=len(odd)))
    return out
