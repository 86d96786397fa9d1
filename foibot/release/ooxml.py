"""Checks shared by every Office Open XML package: properties, macros, embedded files, images, odd parts."""

from __future__ import annotations

import re
from urllib.parse import unquote

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location, Severity, shortened
from foibot.release.images import image_metadata
from foibot.release.masking import quote
from foibot.release.names import names_a_person
from foibot.release.package import REL_NS, Element, InspectionError, MalformedError, Package
from foibot.release.personal import Tally
from foibot.release.props import WHO, flagged

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


def _whole(value: str) -> str:
    return " ".join(value.split())




def properties(pkg: Package, *, whole: bool = False) -> list[tuple[str, str]]:
    """Non-empty document properties as (label, value), each value cut to 60 characters unless ``whole``."""
    clip = _whole if whole else shortened
    out: list[tuple[str, str]] = []
    if pkg.has("docProps/core.xml"):
        core = pkg.xml("docProps/core.xml")
        for ns, tag, label in _CORE:
            el = core.find(f"{{{NS[ns]}}}{tag}")
            if el is not None and (el.text or "").strip():
                out.append((label, clip(el.text or "")))
    if pkg.has("docProps/app.xml"):
        app = pkg.xml("docProps/app.xml")
        for tag, label in _APP:
            for el in app.findall(f"{{{NS['ep']}}}{tag}"):
                if (el.text or "").strip():
                    out.append((label, clip(el.text or "")))
                    break
    if pkg.has("docProps/custom.xml"):
        for prop in pkg.xml("docProps/custom.xml"):
            value = "".join(prop.itertext()).strip()
            out.append((f"custom '{prop.get('name', '?')}'", clip(value)))
    return out


def image_metadata_finding(fid: str, pkg: Package, pictures: list[str]) -> Finding | None:
    """One finding for pictures whose metadata keeps a GPS position, an author or a tool's notes."""
    found: list[tuple[str, list[str]]] = []
    for name in pictures[:200]:
        try:
            what = image_metadata(pkg.read(name))
        except InspectionError:
            continue
        if what:
            found.append((name, what))
    if not found:
        return None
    first = found[0]
    return finding(fid, Location(part=first[0]),
                   f"{len(found)} picture{'s' if len(found) != 1 else ''} keep{'s' if len(found) == 1 else ''} "
                   f"metadata: {first[0].rsplit('/', 1)[-1]}: " + "; ".join(first[1][:4]),
                   count=len(found), examples=[f"{n.rsplit('/', 1)[-1]}: {'; '.join(w[:3])}" for n, w in found[:5]])


# parts that never hold a drawn picture (and can be large): not read for crops
_NO_PICTURES = ("xl/worksheets/", "xl/sharedstrings", "xl/pivotcache", "xl/externallinks", "word/media/",
                "ppt/media/", "xl/media/", "word/embeddings/", "ppt/embeddings/", "xl/embeddings/")
_INTERNAL = re.compile(r"(?i)^(?:file:|\\\\|//[\w.-]+/|[a-z]:[\\/])|^\.\.?[\\/]")
_SRC_RECT = re.compile(rb"<a:srcRect\b([^>]*)/?>")
_CROP_SIDE = re.compile(rb'\b[ltrb]="(-?\d+)"')
# external relationships another finding reports in its own words (template, workbook link, mail merge source)
_OWN_FINDING = frozenset({"attachedTemplate", "externalLinkPath", "xlExternalLinkPath", "mailMergeSource",
                          "mailMergeHeaderSource", "recipientData"})
_LINK_WHAT = {"hyperlink": "", "image": "linked picture", "oleObject": "linked object", "package": "linked object",
              "subDocument": "linked document", "frame": "linked frame", "video": "linked video",
              "audio": "linked sound", "media": "linked media"}


def is_internal(target: str) -> bool:
    """Whether a link target is a file on an internal drive or share (file:, \\\\server, C:\\, ../)."""
    return bool(_INTERNAL.search(unquote(target or "")))


def link_and_crop_findings(pkg: Package, prefix: str) -> list[Finding]:
    """Links to internal files or shares (any part's relationships) and pictures cropped only on the page."""
    out: list[Finding] = []
    links: list[tuple[str, str]] = []
    cropped: list[str] = []
    for name in pkg.names:
        low = name.lower()
        if not low.startswith(prefix) or not low.endswith(".xml"):
            continue
        rels = name.rsplit("/", 1)
        rels_name = f"{rels[0]}/_rels/{rels[1]}.rels" if len(rels) == 2 else f"_rels/{name}.rels"
        if pkg.has(rels_name):
            try:
                for rel in pkg.rels(name).values():
                    target = unquote(rel.target or "")
                    if rel.external and rel.kind not in _OWN_FINDING and _INTERNAL.search(target):
                        what = _LINK_WHAT.get(rel.kind, rel.kind)
                        links.append((name, f"{target} ({what})" if what else target))
            except InspectionError:
                pass
        if low.startswith(_NO_PICTURES):
            continue
        try:
            raw = pkg.read(name)
        except InspectionError:
            continue
        if b"srcRect" not in raw:
            continue
        for m in _SRC_RECT.finditer(raw):
            if any(int(v) > 0 for v in _CROP_SIDE.findall(m.group(1))):
                cropped.append(name)
    if links:
        part, target = links[0]
        out.append(finding("ooxml.internal_link", Location(part=part),
                           f"{len(links)} link{'s' if len(links) != 1 else ''} to internal files or shares: "
                           + shortened(target, 100), count=len(links),
                           examples=[shortened(t, 80) for _p, t in links[:5]]))
    if cropped:
        parts = list(dict.fromkeys(cropped))
        out.append(finding("ooxml.cropped_image", Location(part=parts[0]),
                           f"{len(cropped)} picture{'s' if len(cropped) != 1 else ''} cropped in the document, the "
                           f"cut-off part still in the file ({', '.join(parts[:4])})", count=len(cropped)))
    return out


def blank_internal_links(rels: Element, skip: frozenset[str] = frozenset()) -> int:
    """For a clean copy: point every external relationship to an internal file or share (a hyperlink, a linked
    picture or object) at about:blank, so the path goes and the link or picture using it stays valid."""
    n = 0
    for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if rel.get("TargetMode") == "External" and kind not in skip and is_internal(rel.get("Target", "")):
            rel.set("Target", "about:blank")
            n += 1
    return n


CROPPED_NOTE = ("{n} picture(s) cropped in the document were kept whole (foibot does not edit pictures): crop them in "
                "an image editor, or use Compress Pictures with 'Delete cropped areas of pictures', and check again")


def picture_notes(pkg: Package, prefix: str) -> list[str]:
    """The clean copy's notes for what it cannot do to pictures: cut a crop, or strip a picture's metadata."""
    notes = []
    found = [f for f in link_and_crop_findings(pkg, prefix) if f.id == "ooxml.cropped_image"]
    if found:
        notes.append(CROPPED_NOTE.format(n=found[0].count))
    pictures = [n for n in pkg.names if n.lower().startswith(prefix + "media/") and n.lower().endswith(IMAGE_EXT)]
    meta = image_metadata_finding("ooxml.image_metadata", pkg, pictures)
    if meta:
        notes.append(f"{meta.count} picture(s) keeping metadata (GPS, author, notes) were kept as they are: replace "
                     "each with a copy saved without metadata, and check again")
    return notes


def scan_properties(pkg: Package, tally: Tally) -> None:
    """Count personal data in the document properties as found in a hidden place (red): no reader of the
    document sees them (an objector's postcode in the title, a caseworker's phone number in a custom property)."""
    try:
        items = properties(pkg, whole=True)
    except MalformedError:
        return  # common_findings reports the damaged part
    for label, value in items:
        tally.scan(value, f"document property {label}", hidden=True)


def properties_finding(fid: str, where: Location, props: list[tuple[str, str]]) -> Finding:
    """One finding for the document properties: amber when one names someone or an internal path, else info."""
    naming = flagged(props)
    return finding(fid, where, "Document properties: " + "; ".join(_quoted(k, v) for k, v in props),
                   count=len(props), examples=[_quoted(k, v) for k, v in naming],
                   severity=None if naming else Severity.INFO)


def _quoted(label: str, value: str) -> str:
    """A property as a finding quotes it: its whole value masked (a *who* value as a name), then cut."""
    return f"{label}: {quote(value, who=label.lower() in WHO or label.lower().startswith('custom'))}"


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
    props = properties(pkg, whole=True)  # masked before it is cut (properties_finding)
    if props:
        out.append(properties_finding("ooxml.properties", Location(part="docProps"), props))
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
    pictures = [n for n in images if not n.lower().startswith("docprops/thumbnail")]
    if pictures:
        out.append(finding("ooxml.images", Location(part=pictures[0]),
                           f"{len(pictures)} image{'s' if len(pictures) != 1 else ''} not inspected: "
                           + ", ".join(pictures[:5]), count=len(pictures)))
    elif images:  # only the preview of the first page that Office saves: not something anyone put in
        out.append(finding("ooxml.images", Location(part=images[0]),
                           f"Only a page preview picture ({images[0]}), as Office saves it; not inspected",
                           count=len(images), severity=Severity.INFO))
    meta = image_metadata_finding("ooxml.image_metadata", pkg, pictures)
    if meta:
        out.append(meta)
    out.extend(link_and_crop_findings(pkg, prefix))
    odd = [n for n in pkg.names if not n.lower().startswith(_STANDARD_PREFIXES + known)
           and n.lower() not in (x.lower() for x in macros + embedded + images)]
    if odd:
        out.append(finding("file.unexpected_parts", Location(part=odd[0]),
                           f"{len(odd)} unexpected part{'s' if len(odd) != 1 else ''}: " + ", ".join(odd[:6]),
                           count=len(odd)))
    return out


def names_people(text: str, tally: Tally) -> bool:
    """Whether ``text`` names someone: a personal-data match (email, phone …) or a titled or introduced name."""
    return bool(names_a_person(text) or tally.find(text))


def alt_text_finding(fid: str, items: list[tuple[str, str, Location]], tally: Tally, keep: int) -> Finding | None:
    """One finding for the alt text of pictures and shapes: ``items`` is (place, text, location) each. Amber (and
    the first example one that names someone) when any names people; the text is scanned as hidden."""
    if not items:
        return None
    naming = [i for i in items if names_people(i[1], tally)]
    for place, text, _loc in items:
        tally.scan(text, f"{place} (alt text)", hidden=True)
    first = (naming or items)[0]
    msg = (f"{len(items)} picture(s) or shape(s) with alt text"
           + (f", {len(naming)} naming people" if naming else "") + f": {first[0]}: {shortened(first[1])!r}")
    return finding(fid, first[2], msg, count=len(items),
                   examples=[shortened(i[1], 40) for i in (naming or items)[:keep]],
                   severity=Severity.AMBER if naming else None)
