"""PDF inspector (pypdf): failed redactions, annotations, form fields, bookmarks, attachments, metadata, incremental
saves, JavaScript."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location, Severity
from foibot.release.limits import ReleaseLimits
from foibot.release.masking import quote
from foibot.release.package import InspectionError, MalformedError
from foibot.release.pdf_cover import Box, CoverTracker, _dark, _rgb
from foibot.release.pdf_outline import outline_finding, outline_titles
from foibot.release.pdf_outline import pdf_get as _get
from foibot.release.personal import Tally, mask_words
from foibot.release.props import names_someone

# pypdf logs warnings about damaged files; a hostile file must not spray the console. Apps that configure logging
# still receive them (the NullHandler only stops Python's last-resort printing).
logging.getLogger("pypdf").addHandler(logging.NullHandler())

_META_KEYS = ("/Author", "/Creator", "/Title", "/Subject", "/Keywords")
_XMP_CREATOR = re.compile(rb"<dc:creator>.*?<rdf:li[^>]*>([^<]{1,120})</rdf:li>", re.S)
_QUIET_ANNOTS = {"/Link", "/Popup"}
_JS = re.compile(rb"/(?:JavaScript|JS)\b")


class EncryptedPdf(InspectionError):
    finding_id = "file.encrypted"


def raw_scan(source: Path | bytes) -> tuple[int, int, bool, bool]:
    """(%%EOF count, startxref count, linearized, JavaScript marker seen) by streaming the raw bytes."""
    eof = startxref = 0
    js = False
    if isinstance(source, bytes):
        return source.count(b"%%EOF"), source.count(b"startxref"), b"/Linearized" in source[:2048], \
            bool(_JS.search(source))
    linearized = False
    tail = b""
    with open(source, "rb") as fh:
        first = True
        while chunk := fh.read(1 << 20):
            if first:
                linearized, first = b"/Linearized" in chunk[:2048], False
            buf = tail + chunk
            eof += buf.count(b"%%EOF") - tail.count(b"%%EOF")
            startxref += buf.count(b"startxref") - tail.count(b"startxref")
            js = js or bool(_JS.search(buf))
            tail = chunk[-16:]
    return eof, startxref, linearized, js


def _wide_fonts(page: Any) -> set[str]:
    fonts = _get(_get(page, "/Resources") or {}, "/Font") or {}
    out = set()
    try:
        for name in fonts:
            font = _get(fonts, name)
            if font is not None and _get(font, "/Subtype") == "/Type0":
                out.add(str(name))
    except Exception:  # noqa: BLE001
        pass
    return out


def _names_tree(root: Any, key: str) -> list[str]:
    tree = _get(_get(root, "/Names") or {}, key)
    out: list[str] = []
    stack = [tree] if tree is not None else []
    visits = 0
    while stack and len(out) < 1000 and visits < 10_000:  # a hostile tree may loop
        visits += 1
        node = stack.pop()
        names = _get(node, "/Names")
        if names is not None:
            out.extend(str(names[i]) for i in range(0, len(names), 2))
        for kid in _get(node, "/Kids") or []:
            stack.append(kid.get_object())
    return out


def _filled_annotations(page: Any) -> list[Box]:
    """Dark-filled Square annotations (a 'comment' box drawn over text): painted above the page, so they cover it."""
    out = []
    for a in _get(page, "/Annots") or []:
        annot = a.get_object() if hasattr(a, "get_object") else a
        if str(_get(annot, "/Subtype")) != "/Square":
            continue
        fill, rect = _get(annot, "/IC"), _get(annot, "/Rect")
        try:
            rgb = _rgb([float(v) for v in fill]) if fill is not None else None
            x0, y0, x1, y1 = (float(v) for v in rect)
        except (TypeError, ValueError):
            continue
        if _dark(rgb):
            out.append(Box(1 << 30, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), rgb))
    return out


def _has_images(page: Any) -> bool:
    """Whether the page draws an image or a form XObject (which may hold one)."""
    objects = _get(_get(page, "/Resources") or {}, "/XObject") or {}
    try:
        return len(objects) > 0
    except TypeError:
        return False


def _metadata(reader: PdfReader, out: list[Finding], tally: Tally) -> None:
    info = reader.metadata or {}
    items = [(k[1:], str(info.get(k))) for k in _META_KEYS if info.get(k) and str(info.get(k)).strip()]
    if info.get("/Producer"):
        items.append(("Producer", str(info.get("/Producer"))))
    xmp = _get(reader.trailer["/Root"], "/Metadata")
    if xmp is not None:
        try:
            data = xmp.get_data()
        except Exception:  # noqa: BLE001
            data = b""
        if b"History" in data:
            items.append(("XMP", "editing history (xmpMM:History)"))
        elif b"dc:creator" in data:
            m = _XMP_CREATOR.search(data)
            items.append(("XMP creator", m.group(1).decode("utf-8", "replace").strip() if m else "creator"))
    for label, value in items:
        tally.scan(value, f"document property {label}", hidden=True)  # no reader of the document sees them
    if items:
        # amber only when a value names someone or an internal path, or the editing history is kept (props.py)
        naming = [(k, v) for k, v in items if k == "XMP" or names_someone("author" if k in ("Author", "XMP creator")
                                                                           else k, v)]
        out.append(finding("pdf.metadata", Location(part="Info"),
                           "Metadata: " + "; ".join(_quoted(k, v) for k, v in items),
                           severity=None if naming else Severity.INFO, count=len(items),
                           examples=[_quoted(k, v) for k, v in naming]))


def _quoted(label: str, value: str) -> str:
    """A metadata value as the finding quotes it: masked (an author as a name), then cut to 60 characters."""
    return f"{label}: {quote(value, who=label in ('Author', 'XMP creator'))}"


_HIDE_FLAGS = 1 | 2 | 32  # annotation flags Invisible, Hidden, NoView


def _placed(field: Any) -> bool:
    """Whether a terminal field is drawn: it is its own widget with a rectangle of some size."""
    rect = _get(field, "/Rect")
    try:
        x0, y0, x1, y1 = (float(v) for v in rect)
    except (TypeError, ValueError):
        return False
    return abs(x1 - x0) > 0.5 and abs(y1 - y0) > 0.5


def _form_values(root: Any) -> list[tuple[str, str, bool]]:
    """(field name, value, hidden) for each filled text or choice field of the AcroForm, at most 2,000."""
    out: list[tuple[str, str, bool]] = []
    form = _get(root, "/AcroForm")
    stack = [(f, "", False) for f in (_get(form, "/Fields") or [])] if form is not None else []
    seen = 0
    while stack and seen < 2000:
        ref, prefix, hidden = stack.pop()
        seen += 1
        try:
            field = ref.get_object() if hasattr(ref, "get_object") else ref
            name = str(_get(field, "/T") or "")
            full = f"{prefix}.{name}" if prefix and name else name or prefix
            flags = int(_get(field, "/F") or 0)
            here = hidden or bool(flags & _HIDE_FLAGS)
            kids = _get(field, "/Kids") or []
            if kids:
                stack.extend((k, full, here) for k in kids)
                # a field's widgets are its kids: it is shown when any widget is
                here = here or all(int(_get(k.get_object(), "/F") or 0) & _HIDE_FLAGS for k in kids
                                   if hasattr(k, "get_object"))
            if not kids and not _placed(field):
                here = True  # a field with no widget on a page (no rectangle, or one of no size) shows nothing
            value = _get(field, "/V")
            if value is not None and not str(value).startswith("/") and str(value).strip():
                out.append((full or "?", str(value)[:200], here))
        except Exception:  # noqa: BLE001 - a damaged field is skipped, the rest still read
            continue
    return out[::-1]


def inspect_pdf(source: Path | bytes, limits: ReleaseLimits, out: list[Finding]) -> None:
    eof, startxref, linearized, js = raw_scan(source)
    saves = max(eof, startxref) - (1 if linearized else 0)
    if saves > 1:
        out.append(finding("pdf.incremental", None, f"The file has been saved {saves} times over itself "
                           f"({eof} end-of-file markers, {startxref} cross-reference starts)", count=saves))
    try:
        reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else str(source), strict=False)
        if reader.is_encrypted:
            raise EncryptedPdf("The PDF is encrypted (password protected), so it cannot be inspected")
        pages = reader.pages
        npages = len(pages)
        root = reader.trailer["/Root"].get_object()
    except PdfReadError as exc:
        raise MalformedError(f"the PDF cannot be read ({exc})") from exc
    attachments = _names_tree(root, "/EmbeddedFiles")
    if attachments:
        out.append(finding("pdf.attachments", Location(part="EmbeddedFiles"),
                           f"{len(attachments)} embedded file(s): {', '.join(attachments[:5])}",
                           count=len(attachments)))
    if js or _names_tree(root, "/JavaScript"):
        out.append(finding("pdf.javascript", None, "JavaScript actions present"))
    tally = Tally(limits)
    _metadata(reader, out, tally)
    annots: dict[str, list[int]] = {}
    no_text: list[int] = []
    pictured: list[int] = []  # pages with no text but a picture: a scan foibot cannot read
    covered_pages: list[tuple[int, str, bool]] = []
    titles = outline_titles(root)
    texts: list[str] = []  # the pages' words, kept only when bookmarks need them
    for i in range(min(npages, limits.max_pdf_pages)):
        page = pages[i]
        for a in _get(page, "/Annots") or []:
            sub = str(_get(a.get_object(), "/Subtype") or "?") if hasattr(a, "get_object") else "?"
            if sub not in _QUIET_ANNOTS:
                annots.setdefault(sub, []).append(i + 1)
                if sub != "/Widget":  # a note's words (a widget's value is read with the form below)
                    note = _get(a.get_object(), "/Contents")
                    if isinstance(note, str) and len(note) > 5:
                        tally.scan(note, f"page {i + 1} (annotation)")
        tracker = CoverTracker(wide_fonts=_wide_fonts(page))
        text = page.extract_text(visitor_operand_before=tracker.before)
        tracker.boxes.extend(_filled_annotations(page))
        if not text.strip():
            (pictured if _has_images(page) else no_text).append(i + 1)
        tally.scan(text, f"page {i + 1}")
        if titles and sum(map(len, texts)) < 5_000_000:
            texts.append(text)
        for c in tracker.covered():
            covered_pages.append((i + 1, c.text, c.drawn_after))
    outline = outline_finding(titles, " ".join(texts), tally, limits.examples)
    if outline:
        out.append(outline)
    fields = _form_values(root)
    if fields:
        unseen = [f for f in fields if f[2]]
        for name, value, hidden in fields:
            tally.scan(value, f"form field {name!r}", hidden=hidden)
        out.append(finding("pdf.form_fields", Location(part="AcroForm"),
                           f"{len(fields)} filled form field(s): " + ", ".join(n for n, _, _ in fields[:6])
                           + (f"; {len(unseen)} of them not shown on the page" if unseen else ""),
                           count=len(fields), examples=[n for n, _, _ in fields[: limits.examples]],
                           severity=Severity.RED if unseen else None))
    if npages > limits.max_pdf_pages:
        out.append(finding("file.not_checked", None, f"Only the first {limits.max_pdf_pages} of {npages} pages "
                                                     "were checked"))
    if covered_pages:
        pages_hit = sorted({p for p, _, _ in covered_pages})
        examples = [f"page {p}: {mask_words(t)!r}" for p, t, _ in covered_pages[: limits.examples]]
        out.append(finding("pdf.text_under_box", Location(page=pages_hit[0]),
                           f"{len(covered_pages)} piece(s) of text hidden under filled boxes on page(s) "
                           + ", ".join(map(str, pages_hit[:10])) + " — the text can still be extracted",
                           count=len(covered_pages), examples=examples))
    for sub, on_pages in sorted(annots.items()):
        fid = {"/Redact": "pdf.redact_annotation", "/FileAttachment": "pdf.attachments"}.get(sub, "pdf.annotations")
        out.append(finding(fid, Location(page=on_pages[0]), f"{len(on_pages)} {sub[1:]} annotation(s) on page(s) "
                           + ", ".join(map(str, sorted(set(on_pages))[:10])), count=len(on_pages)))
    if pictured:
        unread = len(pictured) + len(no_text) == min(npages, limits.max_pdf_pages)  # not a word read
        out.append(finding("pdf.image_pages", Location(page=pictured[0]),
                           ("Every page is a picture with no text layer (a scan?), so foibot read nothing in this file"
                            if unread else f"{len(pictured)} page(s) are pictures with no text layer (a scan?), "
                            "which foibot cannot read: " + ", ".join(map(str, pictured[:10]))),
                           count=len(pictured), severity=None if unread else Severity.INFO))
    if no_text:
        out.append(finding("pdf.no_text", Location(page=no_text[0]), f"{len(no_text)} page(s) without a text "
                           "layer: " + ", ".join(map(str, no_text[:10])), count=len(no_text)))
    out.extend(tally.findings())
