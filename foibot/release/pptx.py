"""PowerPoint (pptx) inspector: speaker notes, hidden slides, hidden or off-slide shapes, comments, embedded
objects, properties, and personal data in what the slides show."""

from __future__ import annotations

from dataclasses import dataclass, field

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location, Severity
from foibot.release.limits import ReleaseLimits
from foibot.release.ooxml import common_findings, soft_xml
from foibot.release.package import Package
from foibot.release.personal import Tally
from foibot.release.pptx_parts import (
    SlideComment,
    comment_authors,
    notes_text,
    read_comments,
    read_presentation,
    read_slide,
)


def _snippet(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _label(number: int, part: str) -> str:
    return f"slide {number}" if number else part.rsplit("/", 1)[-1]


@dataclass
class _Seen:
    """What the slides hold, gathered for the findings."""

    hidden_slides: list[tuple[int, str, str]] = field(default_factory=list)  # number, part, text
    notes: list[tuple[int, str, str]] = field(default_factory=list)
    shapes: list[tuple[int, str, str, str]] = field(default_factory=list)  # number, part, why, text
    comments: list[tuple[int, str, SlideComment]] = field(default_factory=list)
    comment_parts: set[str] = field(default_factory=set)
    objects: list[str] = field(default_factory=list)
    missing: list[tuple[int, str, str]] = field(default_factory=list)  # slide number, referring part, what is missing


def _numbers(items: list[tuple[int, str]]) -> str:
    return ", ".join(_label(n, p) for n, p in items[:8]) + (" …" if len(items) > 8 else "")


def _slide(pkg: Package, number: int, part: str, size: tuple[int, int], authors: dict[str, str], seen: _Seen,
           tally: Tally, out: list[Finding]) -> None:
    root = soft_xml(pkg, part, out)
    if root is None:
        return
    where = _label(number, part)
    content = read_slide(root, size)
    hidden = content.hidden or number == 0
    if hidden:
        seen.hidden_slides.append((number, part, content.text))
    tally.scan(content.text, where + (" (hidden slide)" if hidden else ""), hidden=hidden)
    for shape in content.hidden_shapes:
        seen.shapes.append((number, part, shape.why, shape.text))
        tally.scan(shape.text, f"{where} ({shape.why} shape)", hidden=True)
    seen.objects += [f"{where}: {o}" for o in content.objects]
    for rel in pkg.rels(part).values():
        if rel.external:
            continue
        if not pkg.has(rel.target):
            seen.missing.append((number, part, f"{where}'s {rel.kind} part {rel.target}"))
            continue
        if rel.kind == "notesSlide":
            notes_root = soft_xml(pkg, rel.target, out)
            text = notes_text(notes_root) if notes_root is not None else ""
            if text.strip():
                seen.notes.append((number, rel.target, text))
                tally.scan(text, f"{where} notes", hidden=True)
        elif rel.kind == "comments":
            comments_root = soft_xml(pkg, rel.target, out)
            seen.comment_parts.add(rel.target.lower())
            for c in read_comments(comments_root, authors) if comments_root is not None else []:
                seen.comments.append((number, rel.target, c))
                tally.scan(c.text, f"{where} comment", hidden=True)


def _findings(seen: _Seen, limits: ReleaseLimits) -> list[Finding]:
    out: list[Finding] = []
    keep = limits.examples
    if seen.hidden_slides:
        with_text = [s for s in seen.hidden_slides if s[2].strip()]
        first = seen.hidden_slides[0]
        orphan = sum(1 for s in seen.hidden_slides if s[0] == 0)
        out.append(finding("pptx.hidden_slide", Location(slide=first[0] or None, part=first[1]),
                           f"{len(seen.hidden_slides)} hidden slide(s): {_numbers([s[:2] for s in seen.hidden_slides])}"
                           + (f" ({orphan} not in the slide list at all)" if orphan else "")
                           + (f"; text: {_snippet(with_text[0][2], 60)!r}" if with_text else "; no text found"),
                           count=len(seen.hidden_slides), examples=[_snippet(s[2]) for s in with_text[:keep]],
                           severity=None if with_text else Severity.AMBER))
    if seen.notes:
        first = seen.notes[0]
        out.append(finding("pptx.notes", Location(slide=first[0] or None, part=first[1]),
                           f"Speaker notes on {len(seen.notes)} slide(s): {_numbers([n[:2] for n in seen.notes])}; "
                           f"{_snippet(first[2], 60)!r}", count=len(seen.notes),
                           examples=[_snippet(n[2]) for n in seen.notes[:keep]]))
    if seen.shapes:
        first = seen.shapes[0]
        kinds = sorted({s[2] for s in seen.shapes})
        out.append(finding("pptx.hidden_shape", Location(slide=first[0] or None, part=first[1]),
                           f"{len(seen.shapes)} shape(s) with text {' or '.join(kinds)} on "
                           f"{_numbers(sorted({s[:2] for s in seen.shapes}))}: {_snippet(first[3], 60)!r}",
                           count=len(seen.shapes), examples=[_snippet(s[3]) for s in seen.shapes[:keep]]))
    if seen.comments:
        first = seen.comments[0]
        authors = sorted({c.author for _n, _p, c in seen.comments if c.author})
        out.append(finding("pptx.comments", Location(slide=first[0] or None, part=first[1]),
                           f"{len(seen.comments)} comment(s) on "
                           f"{_numbers(sorted({(n, p) for n, p, _c in seen.comments}))}"
                           + (f" by {', '.join(authors)}" if authors else ""), count=len(seen.comments),
                           examples=[_snippet(c.text) for _n, _p, c in seen.comments[:keep]]))
    if seen.missing:
        first = seen.missing[0]
        out.append(finding("pptx.missing_part", Location(slide=first[0] or None, part=first[1]),
                           f"{len(seen.missing)} reference(s) to a part that is not in the file: "
                           + "; ".join(m[2] for m in seen.missing[:4]) + (" …" if len(seen.missing) > 4 else ""),
                           count=len(seen.missing), examples=[m[2] for m in seen.missing[:keep]]))
    return out


def _with_objects(common: list[Finding], objects: list[str]) -> list[Finding]:
    """Name the embedded objects the slides show (their names often say what they are)."""
    if not objects:
        return common
    out = []
    for f in common:
        if f.id == "ooxml.embedded":
            f = finding("ooxml.embedded", f.where, f"{f.message}; on the slides: {', '.join(objects[:5])}",
                        count=f.count, examples=objects[:5])
        out.append(f)
    return out


def inspect_pptx(pkg: Package, limits: ReleaseLimits, file_size: int, out: list[Finding]) -> None:
    """Append findings for a presentation package to ``out`` (partial findings survive an exception)."""
    pres = read_presentation(pkg)
    tally = Tally(limits)
    authors = comment_authors(pkg)
    seen = _Seen()
    listed = set(pres.missing)
    seen.missing += [(0, pres.part, f"slide list entry: {m}") for m in pres.missing]
    for rel in pkg.rels(pres.part).values() if pkg.has(pres.part) else []:
        if not rel.external and not pkg.has(rel.target) and rel.target not in listed:
            seen.missing.append((0, pres.part, f"presentation's {rel.kind} part {rel.target}"))
    for ref in pres.slides:
        _slide(pkg, ref.number, ref.part, pres.size, authors, seen, tally, out)
    for part in pkg.matching("ppt/comments/", ".xml"):
        if part.lower() not in seen.comment_parts:
            root = soft_xml(pkg, part, out)
            for c in read_comments(root, authors) if root is not None else []:
                seen.comments.append((0, part, c))
                tally.scan(c.text, "comment", hidden=True)
    out.extend(_findings(seen, limits))
    out.extend(tally.findings())
    out.extend(_with_objects(common_findings(pkg, "ppt/", ("ppt/",)), seen.objects))
