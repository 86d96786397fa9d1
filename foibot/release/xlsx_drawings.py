"""What is drawn on a sheet rather than typed in its cells: text boxes and shapes (xl/drawings/), and the copies of
source data that charts keep (c:strCache / c:numCache in xl/charts/)."""

from __future__ import annotations

from dataclasses import dataclass, field

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location, Severity
from foibot.release.ooxml import soft_xml
from foibot.release.package import Element, Package
from foibot.release.personal import Tally
from foibot.release.personal import snippet as _snippet
from foibot.release.xlsx_refs import concerns
from foibot.release.xlsx_scan import SheetStats

XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REFS = {C + t for t in ("strRef", "numRef", "multiLvlStrRef")}
_TRUE = ("1", "true")


@dataclass
class Shape:
    name: str
    hidden: bool
    text: str


@dataclass
class Drawing:
    part: str
    shapes: list[Shape] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)  # chart parts, in the order drawn


def _text(el: Element) -> str:
    return "\n".join(t for t in ("".join(r.text or "" for r in p.iter(A + "t")) for p in el.iter(A + "p")) if t)


def read_drawing(pkg: Package, part: str, root: Element) -> Drawing:
    """Shapes with text (and pictures' alt text) and the charts a drawing part places on its sheet."""
    d = Drawing(part)
    rels = pkg.rels(part)
    for sp in root.iter(XDR + "sp", XDR + "pic", XDR + "cxnSp"):
        nv = next(sp.iter(XDR + "cNvPr"), None)
        body = sp.find(XDR + "txBody")
        bits = [_text(body)] if body is not None else []
        if nv is not None:
            bits += [nv.get(k, "") for k in ("title", "descr")]
        text = "\n".join(b for b in bits if b.strip())
        if text:
            d.shapes.append(Shape(nv.get("name", "") if nv is not None else "",
                                  nv is not None and nv.get("hidden", "0").lower() in _TRUE, text))
    for ch in root.iter(C + "chart"):
        rel = rels.get(ch.get(R_ID, ""))
        if rel and not rel.external and pkg.has(rel.target):
            d.charts.append(rel.target)
    return d


@dataclass
class Series:
    formula: str
    values: list[str]


def read_chart(root: Element, keep: int = 5000) -> list[Series]:
    """Every cell reference in a chart (series names, categories, values, filtered series) with its cached points."""
    out = []
    for ref in root.iter(*_REFS):
        f = ref.find(C + "f")
        values = [v.text or "" for v in ref.iter(C + "v")][:keep]
        out.append(Series((f.text or "") if f is not None else "", values))
    return out


@dataclass
class _Where:
    sheet: str | None
    sheet_hidden: bool


def _shape_finding(where: _Where, d: Drawing, tally: Tally) -> Finding | None:
    if not d.shapes:
        return None
    hidden = [s for s in d.shapes if s.hidden]
    for s in d.shapes:
        tally.scan(s.text, f"{where.sheet or d.part} (text box '{s.name}')", hidden=s.hidden or where.sheet_hidden)
    red = bool(hidden) or where.sheet_hidden
    label = f"'{where.sheet}'" if where.sheet else d.part
    msg = (f"{len(d.shapes)} text box(es) or shape(s) with text on {label}"
           + (f" ({len(hidden)} hidden)" if hidden else "") + (" (a hidden sheet)" if where.sheet_hidden else "")
           + f": {_snippet(d.shapes[0].text, 60)!r}")
    return finding("xlsx.drawing_text", Location(sheet=where.sheet, part=d.part), msg, count=len(d.shapes),
                   examples=[_snippet(s.text) for s in (hidden or d.shapes)[:3]],
                   severity=Severity.RED if red else None)


def _chart_finding(pkg: Package, part: str, where: _Where, sheets: dict[str, SheetStats], hidden_sheets: set[str],
                   tally: Tally, out: list[Finding]) -> None:
    root = soft_xml(pkg, part, out)
    if root is None:
        return
    worries: list[str] = []
    cached: list[str] = []
    formulas: list[str] = []
    for s in read_chart(root):
        why = concerns(s.formula, where.sheet, sheets, hidden_sheets) if s.formula else []
        if why:
            worries += why
            cached += s.values
            formulas.append(s.formula)
    if not worries:
        return
    for v in cached:
        tally.scan(v, f"chart cache {part.rsplit('/', 1)[-1]}", hidden=True)
    worries = list(dict.fromkeys(worries))
    msg = (f"Chart {part.rsplit('/', 1)[-1]}" + (f" on '{where.sheet}'" if where.sheet else "")
           + f" keeps {len(cached):,} cached value(s) from " + "; ".join(worries[:4])
           + f" ({', '.join(dict.fromkeys(formulas[:3]))})")
    out.append(finding("xlsx.chart_cache", Location(sheet=where.sheet, part=part, range=formulas[0][:80]), msg,
                       count=len(cached), examples=[_snippet(v) for v in cached[:3]],
                       severity=None if cached else Severity.AMBER))


def drawing_findings(pkg: Package, sheet_parts: list[tuple[str, str, bool]], sheets: dict[str, SheetStats],
                     hidden_sheets: set[str], tally: Tally) -> list[Finding]:
    """Findings for each sheet's drawings and charts; ``sheet_parts`` is (sheet name, part, hidden) per sheet."""
    out: list[Finding] = []
    done: set[str] = set()
    todo: list[tuple[str, _Where]] = []
    for name, part, hidden in sheet_parts:
        for rel in pkg.rels(part).values():
            if rel.kind == "drawing" and not rel.external and pkg.has(rel.target):
                todo.append((rel.target, _Where(name, hidden)))
    listed = {p.lower() for p, _w in todo}
    todo += [(p, _Where(None, True)) for p in pkg.matching("xl/drawings/drawing", ".xml") if p.lower() not in listed]
    for part, where in todo:
        root = soft_xml(pkg, part, out)
        if root is None:
            continue
        d = read_drawing(pkg, part, root)
        shape = _shape_finding(where, d, tally)
        if shape:
            out.append(shape)
        for chart in d.charts:
            if chart.lower() not in done:
                done.add(chart.lower())
                _chart_finding(pkg, chart, where, sheets, hidden_sheets, tally, out)
    for chart in pkg.matching("xl/charts/chart", ".xml"):
        if chart.lower() not in done:
            _chart_finding(pkg, chart, _Where(None, True), sheets, hidden_sheets, tally, out)
    return out
