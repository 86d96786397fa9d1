"""OpenDocument (.ods spreadsheets, .odt documents) inspector: the manifest first (an encrypted package is reported and
not opened further), then the document's own findings, properties, macros, embedded objects, images and the
personal-data scan over all text, hidden text included. Nothing is evaluated or run.

No clean copy is made for OpenDocument files (``clean_copy`` refuses them); the findings say what to remove.
"""

from __future__ import annotations

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location
from foibot.release.limits import ReleaseLimits
from foibot.release.odf_common import (
    OFFICE,
    STYLE,
    Manifest,
    Styles,
    event_scripts,
    meta_findings,
    package_findings,
    property_texts,
    read_manifest,
)
from foibot.release.odf_ods_findings import chart_texts, inspect_ods_content
from foibot.release.odf_odt import inspect_odt_content
from foibot.release.ooxml import soft_xml
from foibot.release.package import Element, MalformedError, Package
from foibot.release.personal import Tally

ODF_KINDS = {"ods", "odt"}
BROKEN = ("file.malformed", "file.encrypted")


def _manifest(pkg: Package, out: list[Finding]) -> Manifest | None:
    """The manifest, or None when the package is encrypted (reported)."""
    try:
        man = read_manifest(pkg)
    except MalformedError as exc:
        out.append(finding("file.malformed", Location(part=exc.part),
                           f"{str(exc)[:200].rstrip('.')}; foibot cannot tell whether parts are encrypted."))
        man = Manifest()
    if man.encrypted:
        out.append(finding("file.encrypted", Location(part="META-INF/manifest.xml"),
                           f"Password-protected OpenDocument file ({len(man.encrypted)} encrypted part(s): "
                           f"{', '.join(man.encrypted[:4])}); it cannot be inspected"))
        return None
    return man


def _styles(root: Element | None, automatic: bool = True) -> Styles:
    styles = Styles()
    if root is not None:
        styles.add(root.find(OFFICE + "styles"))
        if automatic:
            styles.add(root.find(OFFICE + "automatic-styles"))
    return styles


def _master_texts(root: Element | None) -> list[str]:
    if root is None:
        return []
    return [t for page in root.iter(STYLE + "master-page") for t in page.itertext() if t.strip()]


def inspect_odf(pkg: Package, limits: ReleaseLimits, file_size: int, out: list[Finding], kind: str) -> None:
    """Append findings for an .ods or .odt package to ``out`` (partial findings survive an exception)."""
    man = _manifest(pkg, out)
    if man is None:
        return
    tally = Tally(limits)
    styles_root = soft_xml(pkg, "styles.xml", out) if pkg.has("styles.xml") else None
    content_styles = _styles(styles_root, automatic=False)
    _found, charts, maths = package_findings(pkg, man, 0)
    if kind == "ods":
        book = inspect_ods_content(pkg, content_styles, limits, tally, man, charts, out)
        if not book.sheets and not book.spreadsheet:
            raise MalformedError("content.xml holds no spreadsheet", "content.xml")
        scripts = book.scripts
        for text in _master_texts(styles_root):
            tally.scan(text, "header/footer")
    else:
        content = pkg.xml("content.xml")
        if content.tag != OFFICE + "document-content":
            raise MalformedError(f"part content.xml is not an OpenDocument content part (root {str(content.tag)[:60]})",
                                 "content.xml")
        body = content.find(OFFICE + "body")
        if body is None or body.find(OFFICE + "text") is None:
            raise MalformedError("content.xml holds no text document", "content.xml")
        content_styles.add(content.find(OFFICE + "automatic-styles"))
        inspect_odt_content(content, styles_root, content_styles, _styles(styles_root), limits, tally, out)
        scripts = event_scripts(content)
        for folder in charts:
            for text in chart_texts(pkg, folder):
                tally.scan(text, f"chart {folder}")
    for folder in maths:
        for text in chart_texts(pkg, folder):
            tally.scan(text, f"formula object {folder}")
    try:
        out.extend(meta_findings(pkg))
        for text in property_texts(pkg):
            tally.scan(text, "document properties", hidden=True)  # no reader sees them
    except MalformedError as exc:
        out.append(finding("file.malformed", Location(part="meta.xml"),
                           f"{str(exc)[:200].rstrip('.')}; the rest of the file was checked without it."))
    out.extend(tally.findings())
    out.extend(package_findings(pkg, man, scripts)[0])


def inspect_ods(pkg: Package, limits: ReleaseLimits, file_size: int, out: list[Finding]) -> None:
    inspect_odf(pkg, limits, file_size, out, "ods")


def inspect_odt(pkg: Package, limits: ReleaseLimits, file_size: int, out: list[Finding]) -> None:
    inspect_odf(pkg, limits, file_size, out, "odt")
