"""OpenDocument text (.odt) inspector: tracked changes, comments, hidden text (hidden-paragraph and hidden-text fields,
conditional text, hidden sections, styles with text:display="none"), white and tiny text, linked sections, links to
internal paths, headers and footers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location
from foibot.release.limits import ReleaseLimits
from foibot.release.odf_common import (
    DC,
    DRAW,
    OFFICE,
    STYLE,
    TABLE,
    TEXT,
    XLINK,
    Look,
    Styles,
    annotation,
    link_kind,
    para_text,
    plural,
    short,
)
from foibot.release.package import Element
from foibot.release.personal import Tally, hidden_snippet

_PARAS = (TEXT + "p", TEXT + "h")
_SKIP = {TEXT + "tracked-changes", OFFICE + "forms", TEXT + "sequence-decls", TEXT + "variable-decls",
         TEXT + "user-field-decls", TEXT + "table-of-content-source", TEXT + "alphabetical-index-source"}
_CHANGE_KINDS = {TEXT + "insertion": "insertion", TEXT + "deletion": "deletion",
                 TEXT + "format-change": "format change"}
_FIELDS_DROP = frozenset({TEXT + "hidden-paragraph", TEXT + "note"})


@dataclass
class Texts:
    """Text found in one story (body, headers and footers), sorted by how a reader sees it."""

    visible: list[str] = field(default_factory=list)
    hidden: list[tuple[str, str]] = field(default_factory=list)  # text, why
    white: list[str] = field(default_factory=list)
    tiny: list[str] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)  # author, text
    boxed: int = 0


@dataclass
class _Walker:
    styles: Styles
    tiny_pt: float
    tally: Tally
    place: str
    acc: Texts = field(default_factory=Texts)

    def block(self, el: Element, base: Look | None, why: str | None, boxed: bool) -> None:
        tag = el.tag
        if tag in _SKIP:
            return
        if tag in _PARAS:
            self.paragraph(el, base, why, boxed)
            return
        if tag == OFFICE + "annotation":
            self._comment(el)
            return
        if tag == TEXT + "section":
            name = el.get(TEXT + "name", "?")
            display = el.get(TEXT + "display")
            if display == "none":
                why = why or f"hidden section '{name}'"
            elif display == "condition":
                why = why or f"section '{name}' shown only if {el.get(TEXT + 'condition', '?')}"
        elif tag == TABLE + "table-cell":
            cell = self.styles.look("table-cell", el.get(TABLE + "style-name"))
            if cell.background:
                base = replace(base or Look(), background=cell.background)
        elif isinstance(tag, str) and tag.startswith(DRAW):
            boxed = True
        for child in el:
            self.block(child, base, why, boxed)

    def paragraph(self, el: Element, base: Look | None, why: str | None, boxed: bool) -> None:
        name = el.get(TEXT + "style-name")
        look = self.styles.look("paragraph", name)
        if base is not None:
            look = replace(look, background=look.background or base.background)
        if why is None:
            field_el = el.find(TEXT + "hidden-paragraph")
            if field_el is not None:
                why = f"hidden-paragraph field (condition {field_el.get(TEXT + 'condition', '?')})"
            elif look.hidden:
                why = f"paragraph style '{name}'"
        frags: list[tuple[str, str, str | None]] = []  # (kind, text, why)
        self._inline(el, look, why, boxed, frags)
        visible = "".join(t for k, t, _w in frags if k in ("visible", "white", "tiny"))
        if visible.strip():
            self.tally.scan(visible, self.place + (" (text box)" if boxed else ""))
        for kind, text, w in frags:
            if not text.strip():
                continue
            if kind == "hidden":
                self.acc.hidden.append((text, w or "hidden"))
                self.tally.scan(text, f"{self.place} (hidden text)", hidden=True)
            elif kind == "white":
                self.acc.white.append(text)
            elif kind == "tiny":
                self.acc.tiny.append(text)
            else:
                self.acc.visible.append(text)
            if boxed and kind != "visible":
                self.acc.boxed += 1
        self.acc.visible.append("\n")

    def _kind(self, look: Look, why: str | None, boxed: bool) -> str:
        if why or look.hidden:
            return "hidden"
        if look.white() and not boxed:
            return "white"
        if look.tiny(self.tiny_pt):
            return "tiny"
        return "visible"

    def _inline(self, el: Element, look: Look, why: str | None, boxed: bool,
                frags: list[tuple[str, str, str | None]]) -> None:
        kind = self._kind(look, why, boxed)
        if el.text:
            frags.append((kind, el.text, why))
        for child in el:
            tag = child.tag
            if tag == TEXT + "span":
                name = child.get(TEXT + "style-name")
                inner = self.styles.look("text", name, look)
                inner_why = why or (f"character style '{name}'" if inner.hidden and not look.hidden else None)
                self._inline(child, inner, inner_why, boxed, frags)
            elif tag == OFFICE + "annotation":
                self._comment(child)
            elif tag == TEXT + "s":
                try:
                    frags.append((kind, " " * max(1, min(int(child.get(TEXT + "c", "1")), 100)), why))
                except ValueError:
                    frags.append((kind, " ", why))
            elif tag == TEXT + "tab":
                frags.append((kind, "\t", why))
            elif tag == TEXT + "line-break":
                frags.append((kind, "\n", why))
            elif tag == TEXT + "hidden-text":
                value = child.get(TEXT + "string-value") or "".join(child.itertext())
                frags.append(("hidden", value, f"hidden-text field (condition {child.get(TEXT + 'condition', '?')})"))
            elif tag == TEXT + "conditional-text":
                yes, no = child.get(TEXT + "string-value-if-true", ""), child.get(TEXT + "string-value-if-false", "")
                current = child.get(TEXT + "current-value") == "true"
                shown, unshown = (yes, no) if current else (no, yes)
                frags.append((kind, shown, why))
                frags.append(("hidden", unshown, f"conditional text (condition {child.get(TEXT + 'condition', '?')})"))
            elif tag == TEXT + "hidden-paragraph":
                pass
            elif tag == TEXT + "note":
                for part in child:
                    if part.tag == TEXT + "note-citation":
                        frags.append((kind, para_text(part), why))
                    elif part.tag == TEXT + "note-body":
                        for sub in part:
                            self.block(sub, None, why, boxed)
            elif isinstance(tag, str) and tag.startswith(DRAW):
                self.block(child, None, why, True)
            else:
                self._inline(child, look, why, boxed, frags)
            if child.tail:
                frags.append((kind, child.tail, why))

    def _comment(self, el: Element) -> None:
        author, text = annotation(el)
        self.acc.comments.append((author, text))
        self.tally.scan(text, f"{self.place} (comment)", hidden=True)


def _changes(body: Element, tally: Tally) -> Finding | None:
    kinds: dict[str, int] = {}
    authors: set[str] = set()
    deleted: list[str] = []
    for region in body.iter(TEXT + "changed-region"):
        for change in region:
            kind = _CHANGE_KINDS.get(change.tag)
            if kind is None:
                continue
            kinds[kind] = kinds.get(kind, 0) + 1
            for who in change.iter(DC + "creator"):
                if (who.text or "").strip():
                    authors.add((who.text or "").strip())
            if kind == "deletion":
                for p in change:
                    if p.tag != OFFICE + "change-info":
                        text = para_text(p)
                        if text.strip():
                            deleted.append(text)
                            tally.scan(text, "tracked changes (deleted text)", hidden=True)
    if not kinds:
        return None
    n = sum(kinds.values())
    what = ", ".join(f"{v} {k}{'s' if v != 1 else ''}" for k, v in sorted(kinds.items()))
    return finding("odf.tracked_changes", Location(part="content.xml"),
                   f"{plural(n, 'tracked change')} ({what})" + (f" by {', '.join(sorted(authors))}" if authors else "")
                   + (f"; deleted text kept: {hidden_snippet(' '.join(deleted))!r}" if deleted else ""),
                   count=n, examples=[hidden_snippet(d) for d in deleted[:3]])


def _story_findings(stories: list[tuple[str, Texts]], limits: ReleaseLimits) -> list[Finding]:
    out: list[Finding] = []
    hidden = [(part, t, why) for part, acc in stories for t, why in acc.hidden]
    if hidden:
        whys: dict[str, int] = {}
        for _p, _t, why in hidden:
            whys[why] = whys.get(why, 0) + 1
        how = "; ".join(f"{v} by {k}" for k, v in list(whys.items())[:4])
        out.append(finding("odf.hidden_text", Location(part=hidden[0][0]),
                           f"{len(hidden)} piece(s) of hidden text ({how}): "
                           f"{hidden_snippet(' '.join(t for _p, t, _w in hidden))!r}",
                           count=len(hidden), examples=[hidden_snippet(t) for _p, t, _w in hidden[:3]]))
    for fid, attr, what in (("odf.white_text", "white", "white or near-background text"),
                            ("odf.tiny_text", "tiny", f"text {limits.docx_tiny_pt:g}pt or smaller")):
        found = [(part, t) for part, acc in stories for t in getattr(acc, attr)]
        if found:
            out.append(finding(fid, Location(part=found[0][0]), f"{len(found)} piece(s) of {what}: "
                               f"{hidden_snippet(' '.join(t for _p, t in found))!r}", count=len(found),
                               examples=[hidden_snippet(t) for _p, t in found[:3]]))
    comments = [(part, a, t) for part, acc in stories for a, t in acc.comments]
    if comments:
        authors = sorted({a for _p, a, _t in comments if a})
        out.append(finding("odf.comments", Location(part=comments[0][0]),
                           plural(len(comments), "comment") + (f" by {', '.join(authors)}" if authors else ""),
                           count=len(comments), examples=[hidden_snippet(t) for _p, _a, t in comments[:3]]))
    return out


def _links(roots: list[tuple[str, Element]]) -> list[Finding]:
    out: list[Finding] = []
    paths: dict[str, str] = {}
    external: dict[str, str] = {}
    sections: list[tuple[str, str]] = []
    dde: list[str] = []
    for part, root in roots:
        for el in root.iter():
            if el.tag == TEXT + "section-source":
                sections.append((part, el.get(XLINK + "href", "") or el.get(TEXT + "section-name", "?")))
                continue
            if el.tag == OFFICE + "dde-source":
                dde.append(" ".join(v for v in (el.get(OFFICE + "dde-application"), el.get(OFFICE + "dde-topic"))
                                    if v))
                continue
            if el.get(XLINK + "href") is None:
                continue
            kind = link_kind(el)
            if kind == "external":
                external.setdefault(el.get(XLINK + "href", ""), part)
            elif kind == "path":
                paths.setdefault(el.get(XLINK + "href", ""), part)
    for part, href in sections:
        out.append(finding("odf.external_link", Location(part=part), f"A section is linked to another file: {href}; "
                                                                     "its text is kept as a copy in this file"))
    if dde:
        out.append(finding("odf.external_link", Location(part=roots[0][0]),
                           "DDE links to other programs or files: " + ", ".join(dde[:5]), count=len(dde)))
    if external:
        out.append(finding("odf.internal_path", Location(part=next(iter(external.values()))),
                           "Objects or images linked from outside the file: " + ", ".join(list(external)[:5]),
                           count=len(external)))
    if paths:
        out.append(finding("odf.internal_path", Location(part=next(iter(paths.values()))),
                           "Links to internal files or shares: " + ", ".join(list(paths)[:5]), count=len(paths)))
    return out


def _field_values(root: Element, tally: Tally) -> None:
    """User fields and variables keep values that may be shown nowhere."""
    for el in root.iter(TEXT + "user-field-decl", TEXT + "variable-decl"):
        value = el.get(OFFICE + "string-value") or ""
        if value.strip():
            tally.scan(value, "field declarations", hidden=True)


def _master_stories(styles_root: Element | None) -> list[tuple[str, Element]]:
    if styles_root is None:
        return []
    out = []
    for page in styles_root.iter(STYLE + "master-page"):
        for child in page:
            local = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if local.startswith(("header", "footer")):
                out.append((local.split("-")[0], child))
    return out


def inspect_odt_content(content: Element, styles_root: Element | None, styles: Styles, page_styles: Styles,
                        limits: ReleaseLimits, tally: Tally, out: list[Finding]) -> None:
    """The document's own findings. ``styles`` serve the body (content.xml), ``page_styles`` headers and footers."""
    body = content.find(f"{OFFICE}body")
    text = body.find(f"{OFFICE}text") if body is not None else None
    stories: list[tuple[str, Texts]] = []
    if text is not None:
        walker = _Walker(styles, limits.docx_tiny_pt, tally, "body")
        walker.block(text, None, None, False)
        stories.append(("content.xml", walker.acc))
        change = _changes(text, tally)
        if change:
            out.append(change)
        _field_values(text, tally)
    hf: list[tuple[str, str]] = []
    for kind, story in _master_stories(styles_root):
        walker = _Walker(page_styles, limits.docx_tiny_pt, tally, kind)
        walker.block(story, None, None, False)
        stories.append(("styles.xml", walker.acc))
        shown = "".join(walker.acc.visible).strip()
        if shown and (kind, short(shown, 60)) not in hf:
            hf.append((kind, short(shown, 60)))
    out.extend(_story_findings(stories, limits))
    out.extend(_links([("content.xml", content)] + ([("styles.xml", styles_root)] if styles_root is not None
                                                    else [])))
    if hf:
        out.append(finding("odf.headers_footers", Location(part="styles.xml"),
                           "Header/footer text: " + "; ".join(f"{k}: {t!r}" for k, t in hf[:4]), count=len(hf)))
