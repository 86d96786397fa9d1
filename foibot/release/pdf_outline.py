"""PDF bookmarks (the outline): shown beside the pages in every reader, kept when the pages are redacted. A bookmark
that names someone the pages no longer show is what a redaction left behind."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location, Severity
from foibot.release.names import names_a_person
from foibot.release.personal import Tally
from foibot.release.props import person_shaped

_SPLIT = re.compile(r"\s[-–—:|]\s|[,;:()/]")
_NOT_WORD = re.compile(r"\W+")


def pdf_get(obj: Any, key: str) -> Any:
    """A PDF dictionary's entry, resolved; None when absent or when the structure is hostile."""
    try:
        value = obj.get(key)
        return value.get_object() if value is not None and hasattr(value, "get_object") else value
    except Exception:  # noqa: BLE001 - hostile structure: treat as absent
        return None


def outline_titles(root: Any, limit: int = 2000) -> list[str]:
    """Every bookmark title, depth first, at most ``limit`` (a hostile outline may loop)."""
    out: list[str] = []
    outlines = pdf_get(root, "/Outlines")
    node = pdf_get(outlines, "/First") if outlines is not None else None
    stack: list[Any] = []
    seen: set[int] = set()
    visits = 0
    while (node is not None or stack) and len(out) < limit and visits < limit * 5:
        visits += 1
        if node is None:
            node = stack.pop()
            continue
        if id(node) in seen:
            node = None
            continue
        seen.add(id(node))
        title = pdf_get(node, "/Title")
        if title is not None and str(title).strip():
            out.append(" ".join(str(title).split()))
        nxt, first = pdf_get(node, "/Next"), pdf_get(node, "/First")
        if nxt is not None:
            stack.append(nxt)
        node = first
    return out


def _squash(text: str) -> str:
    """Letters and digits only, case-folded and compatibility-normalised (ligatures, odd spaces), for comparing a
    bookmark with text extracted from the pages."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def _names(title: str, tally: Tally) -> str | None:
    """The part of ``title`` that names someone (a titled name, personal data, a name-shaped segment), or None."""
    for seg in (seg.strip() for seg in _SPLIT.split(title)):
        if names_a_person(seg) or tally.find(seg) or len(seg.split()) >= 2 and person_shaped(seg):
            return seg
    return title if names_a_person(title) or tally.find(title) else None


def outline_finding(titles: list[str], page_text: str, tally: Tally, keep: int) -> Finding | None:
    """Red when a bookmark names someone the pages read do not show; else information (the bookmarks listed)."""
    if not titles:
        return None
    text = _squash(page_text)
    naming: list[str] = []
    unshown: list[str] = []
    for t in titles:
        tally.scan(t, "bookmarks")
        who = _names(t, tally)
        if who is None:
            continue
        naming.append(t)
        if _squash(who) not in text:
            unshown.append(t)
    shown = "; ".join(repr(t[:50]) for t in (unshown or naming or titles)[:4])
    if unshown:
        msg = (f"{len(unshown)} of {len(titles)} bookmark(s) name someone the pages do not show "
               f"(a redaction that left the bookmarks?): {shown}")
        sev = Severity.RED
    else:  # names the pages show too add nothing to what the pages say (and are scanned there)
        msg = f"{len(titles)} bookmark(s): {shown}" + (f" ({len(naming)} name people the pages show)" if naming
                                                       else "")
        sev = Severity.INFO
    return finding("pdf.bookmarks", Location(part="Outlines"), msg, count=len(titles),
                   examples=[t[:60] for t in (unshown or naming or titles)[:keep]], severity=sev)
