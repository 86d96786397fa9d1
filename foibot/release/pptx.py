"""PowerPoint (pptx) inspector: speaker notes, hidden slides, hidden or off-slide shapes (in groups too), comments,
embedded objects, properties, and personal data in what the slides show; text on the masters and layouts the slides
use, alt text, the data charts keep (their caches and embedded workbooks, which are checked in turn) and custom
shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from foibot.release.catalogue import finding
from foibot.release.chart_book import cells_beyond
from foibot.release.findings import Finding, Location, Severity
from foibot.release.limits import ReleaseLimits
from foibot.release.ooxml import alt_text_finding, common_findings, scan_properties, soft_xml
from foibot.release.package import Package
from foibot.release.personal import Tally, hidden_snippet
from foibot.release.personal import snippet as _snippet
from foibot.release.pptx_parts import (
    R_ID,
    P,
    SlideComment,
    alt_texts,
    chart_rids,
    comment_authors,
    notes_text,
    placeholder,
    read_comments,
    read_presentation,
    read_slide,
    shown_and_hidden,
    text_of,
)
from foibot.release.xlsx_drawings import read_chart


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
    alts: list[tuple[str, str, Location]] = field(default_factory=list)  # place, alt text, where
    charts: list[tuple[int, str, str, bool]] = field(default_factory=list)  # slide number, part, chart, hidden
    layouts: set[str] = field(default_factory=set)  # layouts and masters the listed slides use


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
    seen.alts += [(f"{where} '{name}'", text, Location(slide=number or None, part=part))
                  for name, text, _el in alt_texts(root)]
    rels = pkg.rels(part)
    seen.charts += [(number, part, rels[r].target, hidden) for r in chart_rids(root)
                    if r in rels and not rels[r].external and pkg.has(rels[r].target)]
    for rel in rels.values():
        if rel.external:
            continue
        if not pkg.has(rel.target):
            seen.missing.append((number, part, f"{where}'s {rel.kind} part {rel.target}"))
            continue
        if rel.kind == "slideLayout" and number:
            seen.layouts.add(rel.target)
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
                           + (f"; text: {hidden_snippet(with_text[0][2], 60)!r}" if with_text else "; no text found"),
                           count=len(seen.hidden_slides), examples=[hidden_snippet(s[2]) for s in with_text[:keep]],
                           severity=None if with_text else Severity.AMBER))
    if seen.notes:
        first = seen.notes[0]
        out.append(finding("pptx.notes", Location(slide=first[0] or None, part=first[1]),
                           f"Speaker notes on {len(seen.notes)} slide(s): {_numbers([n[:2] for n in seen.notes])}; "
                           f"{hidden_snippet(first[2], 60)!r}", count=len(seen.notes),
                           examples=[hidden_snippet(n[2]) for n in seen.notes[:keep]]))
    if seen.shapes:
        first = seen.shapes[0]
        kinds = sorted({s[2] for s in seen.shapes})
        out.append(finding("pptx.hidden_shape", Location(slide=first[0] or None, part=first[1]),
                           f"{len(seen.shapes)} shape(s) with text {' or '.join(kinds)} on "
                           f"{_numbers(sorted({s[:2] for s in seen.shapes}))}: {hidden_snippet(first[3], 60)!r}",
                           count=len(seen.shapes), examples=[hidden_snippet(s[3]) for s in seen.shapes[:keep]]))
    if seen.comments:
        first = seen.comments[0]
        authors = sorted({c.author for _n, _p, c in seen.comments if c.author})
        out.append(finding("pptx.comments", Location(slide=first[0] or None, part=first[1]),
                           f"{len(seen.comments)} comment(s) on "
                           f"{_numbers(sorted({(n, p) for n, p, _c in seen.comments}))}"
                           + (f" by {', '.join(authors)}" if authors else ""), count=len(seen.comments),
                           examples=[hidden_snippet(c.text) for _n, _p, c in seen.comments[:keep]]))
    if seen.missing:
        first = seen.missing[0]
        out.append(finding("pptx.missing_part", Location(slide=first[0] or None, part=first[1]),
                           f"{len(seen.missing)} reference(s) to a part that is not in the file: "
                           + "; ".join(m[2] for m in seen.missing[:4]) + (" …" if len(seen.missing) > 4 else ""),
                           count=len(seen.missing), examples=[m[2] for m in seen.missing[:keep]]))
    return out


def _masters(pkg: Package, size: tuple[int, int], seen: _Seen, tally: Tally, out: list[Finding]) -> Finding | None:
    """Layouts and masters: the text of their own shapes shows on every slide using them (reported, scanned as
    shown); placeholder prompts and unused layouts never show (scanned as hidden); hidden shapes join the hidden
    shapes. Their alt text and charts are read as a slide's are."""
    used = set(seen.layouts)
    for layout in list(used):
        used |= {r.target for r in pkg.rels(layout).values() if r.kind == "slideMaster" and not r.external}
    used_low = {u.lower() for u in used}
    shown: list[tuple[str, str]] = []
    for part in pkg.matching("ppt/slideLayouts/", ".xml") + pkg.matching("ppt/slideMasters/", ".xml"):
        if "/_rels/" in part.lower():
            continue
        root = soft_xml(pkg, part, out)
        tree = root.find(f"{P}cSld/{P}spTree") if root is not None else None
        if tree is None:
            continue
        name = part.rsplit("/", 1)[-1]
        in_use = part.lower() in used_low
        own = [sh for sh in tree if placeholder(sh) is None]
        for sh in tree:
            if placeholder(sh) is not None:
                tally.scan(text_of(sh), f"{name} (placeholder prompt)", hidden=True)
        visible, hidden = shown_and_hidden(own, size)  # type: ignore[arg-type]
        text = "\n".join(visible)
        if in_use and text.strip():
            shown.append((part, text))
        tally.scan(text, name if in_use else f"{name} (layout no slide uses)", hidden=not in_use)
        for sh, why in hidden:
            t = text_of(sh)
            if t.strip():
                seen.shapes.append((0, part, why, t))
                tally.scan(t, f"{name} ({why} shape)", hidden=True)
        seen.alts += [(f"{name} '{n}'", t, Location(part=part)) for n, t, _el in alt_texts(root)]
        rels = pkg.rels(part)
        seen.charts += [(0, part, rels[r].target, not in_use) for r in chart_rids(root)
                        if r in rels and not rels[r].external and pkg.has(rels[r].target)]
    if not shown:
        return None
    return finding("pptx.master_text", Location(part=shown[0][0]),
                   "Text on the masters and layouts the slides use: "
                   + "; ".join(f"{p.rsplit('/', 1)[-1]}: {_snippet(t, 60)!r}" for p, t in shown[:4]),
                   count=len(shown), examples=[_snippet(t) for _p, t in shown[:3]])


def _workbook(pkg: Package, part: str, limits: ReleaseLimits) -> tuple[str, Severity | None, list[str]]:
    """Check a chart's embedded workbook as a file of its own: (overall, severity to carry, its findings' ids)."""
    from foibot.release.check import check_file  # check imports this module

    report = check_file(pkg.read(part), part.rsplit("/", 1)[-1], limits)
    ids = sorted(report.ids)
    sev = {"red": Severity.RED, "amber": Severity.AMBER}.get(report.overall.value)
    return report.overall.value, sev, ids


def _charts(pkg: Package, seen: _Seen, limits: ReleaseLimits, tally: Tally, out: list[Finding]) -> set[str]:
    """One ``pptx.chart_data`` finding per chart: its cached series and its embedded workbook, checked. Returns the
    workbooks checked (so they are not also reported as unchecked embedded objects)."""
    checked: set[str] = set()
    done: set[str] = set()
    for number, part, chart, hidden in seen.charts:
        if chart.lower() in done:
            continue
        done.add(chart.lower())
        root = soft_xml(pkg, chart, out)
        if root is None:
            continue
        series = read_chart(root)
        values = [v for s in series for v in s.values]
        formulas = list(dict.fromkeys(s.formula for s in series if s.formula))
        name = chart.rsplit("/", 1)[-1]
        on = _label(number, part) if number or not part.lower().startswith("ppt/slides/") else _label(0, part)
        for v in values:
            tally.scan(v, f"chart {name} on {on}", hidden=hidden)
        books = [r.target for r in pkg.rels(chart).values() if r.kind == "package" and not r.external
                 and pkg.has(r.target)]
        links = [r.target for r in pkg.rels(chart).values() if r.external and r.kind in ("oleObject", "package")]
        if not values and not books and not links:
            continue
        # a workbook holding just what the chart draws, and checking green, adds nothing to look at
        severity = Severity.AMBER if links or hidden else Severity.INFO
        bits = [f"Chart {name} on {on}" + (" (hidden)" if hidden else "")
                + f" keeps {len(values):,} cached value(s)" + (f" from {', '.join(formulas[:3])}" if formulas else "")]
        for book in books:
            overall, sev, ids = _workbook(pkg, book, limits)
            checked.add(book.lower())
            extra, examples = cells_beyond(pkg.read(book), formulas, limits)
            bits.append(f"its data workbook {book} is embedded and checks {overall.upper()}"
                        + (f" ({', '.join(ids[:6])})" if ids else ""))
            if extra:
                bits.append(f"the workbook holds {extra:,} cell(s) the chart does not draw ("
                            + ", ".join(e.split(": ", 1)[0] + ": " + hidden_snippet(e.split(": ", 1)[-1], 20)
                                        for e in examples) + ")")
            # more than a stray note (a source line, say) kept beside what is drawn is data nobody sees
            if sev is Severity.RED or extra >= 3:
                severity = Severity.RED
            elif (sev is Severity.AMBER or extra) and severity is Severity.INFO:
                severity = Severity.AMBER
        bits += [f"it links to {link}" for link in links]
        out.append(finding("pptx.chart_data", Location(slide=number or None, part=chart, range=(formulas or [None])[0]),
                           "; ".join(bits), count=len(values), examples=[_snippet(v) for v in values[:limits.examples]],
                           severity=severity))
    return checked


def _custom_shows(pkg: Package, part: str, numbers: dict[str, int], hidden: set[str]) -> Finding | None:
    """Custom shows (``p:custShowLst``): each one's name and the slides it picks, hidden ones named."""
    if not pkg.has(part):
        return None
    root = pkg.xml(part)
    rels = pkg.rels(part)
    shows: list[str] = []
    picks_hidden = 0
    for show in root.iter(P + "custShow"):
        picked = [rels[s.get(R_ID, "")].target for s in show.iter(P + "sld") if s.get(R_ID, "") in rels]
        labels = [f"slide {numbers[t.lower()]}" if t.lower() in numbers else t.rsplit("/", 1)[-1] for t in picked]
        secret = [t for t in picked if t.lower() in hidden]
        picks_hidden += bool(secret)
        shows.append(f"{show.get('name', '?')!r} ({', '.join(labels[:8]) or 'no slides'}"
                     + (f"; {len(secret)} hidden" if secret else "") + ")")
    if not shows:
        return None
    return finding("pptx.custom_show", Location(part=part), f"{len(shows)} custom show(s): " + "; ".join(shows[:4])
                   + (f"; {picks_hidden} of them show hidden slides" if picks_hidden else ""), count=len(shows),
                   examples=shows[:3])


def _with_objects(common: list[Finding], objects: list[str], checked: set[str] | None = None,
                  pkg: Package | None = None) -> list[Finding]:
    """Name the embedded objects the slides show (their names often say what they are); leave out chart workbooks
    already checked (``checked``) and drop the finding when they were all it named."""
    if checked and pkg is not None:
        rest = [n for n in pkg.names if n.lower().startswith("ppt/embeddings/") and n.lower() not in checked
                or n.lower().endswith(".bin") and "activex" in n.lower()]
        kept = []
        for f in common:
            if f.id == "ooxml.embedded":
                if not rest:
                    continue
                f = finding("ooxml.embedded", f.where, f"{len(rest)} embedded object(s) besides chart data: "
                            + ", ".join(f"{n} ({pkg.size(n):,} bytes)" for n in rest[:5]), count=len(rest))
            kept.append(f)
        common = kept
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
    masters = _masters(pkg, pres.size, seen, tally, out)
    out.extend(_findings(seen, limits))
    if masters:
        out.append(masters)
    alt = alt_text_finding("pptx.alt_text", seen.alts, tally, limits.examples)
    if alt:
        out.append(alt)
    checked = _charts(pkg, seen, limits, tally, out)
    shows = _custom_shows(pkg, pres.part, {s.part.lower(): s.number for s in pres.slides if s.number},
                          {h[1].lower() for h in seen.hidden_slides})
    if shows:
        out.append(shows)
    scan_properties(pkg, tally)
    out.extend(tally.findings())
    out.extend(_with_objects(common_findings(pkg, "ppt/", ("ppt/",)), seen.objects, checked, pkg))
