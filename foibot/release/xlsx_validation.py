"""Drop-down lists (data validation): entries taken from hidden ranges, or typed into the rule as a list of names."""

from __future__ import annotations

import re

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location
from foibot.release.personal import Tally
from foibot.release.xlsx_refs import concerns
from foibot.release.xlsx_scan import SheetStats
from foibot.release.xlsx_sheet import Validation

_NAME = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|PC|DC|PS|DS|Sgt|Insp)\.? )?[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,3}$"
                   r"|^[A-Z][a-z'’-]+, [A-Z][a-z'’-]+$")
_PLACES = {"north", "south", "east", "west", "central", "city", "county", "team", "unit", "division", "area",
           "not", "known", "other", "none", "yes", "no", "high", "low", "medium", "open", "closed", "new", "old",
           "upper", "lower", "inner", "outer", "greater", "great", "little", "mid", "street", "road", "council"}


def literal_items(formula: str) -> list[str] | None:
    """'"Alice Jones,Bob Brown"' -> the items; None when the rule takes its list from cells."""
    f = formula.strip()
    if len(f) < 2 or not (f.startswith('"') and f.endswith('"')):
        return None
    return [i.strip() for i in f[1:-1].replace('""', '"').split(",") if i.strip()]


def looks_like_names(items: list[str]) -> list[str]:
    """The items that read like people's names ('Alice Jones', 'Jones, Alice', 'PC Smith Brown')."""
    return [i for i in items if _NAME.match(i) and not {w.lower().strip(",") for w in i.split()} & _PLACES]


def validation_findings(sheet: str, rules: list[Validation], defined: dict[str, str], sheets: dict[str, SheetStats],
                        hidden_sheets: set[str], tally: Tally) -> list[Finding]:
    """Findings for one sheet's validation rules. ``defined`` maps defined names (lower case) to their formulas."""
    out: list[Finding] = []
    judged: dict[str, list[str]] = {}
    named: list[tuple[str, list[str], int]] = []  # cells, names, items
    sourced: list[tuple[str, str, list[str]]] = []  # cells, source, worries
    for sqref, kind, formula, texts in rules:
        if texts:
            tally.scan(texts, f"'{sheet}'!{sqref} (validation message)", hidden=True)
        if kind != "list" or not formula:
            continue
        items = literal_items(formula)
        if items is not None:
            for item in items:
                tally.scan(item, f"'{sheet}'!{sqref} (drop-down list)", hidden=True)
            names = looks_like_names(items)
            if len(names) >= 2 and len(names) * 2 >= len(items):
                named.append((sqref, names, len(items)))
            continue
        target = defined.get(formula.strip().lstrip("=").lower(), formula)
        if target not in judged:
            judged[target] = [w for w in concerns(target.lstrip("="), sheet, sheets, hidden_sheets)
                              if not w.endswith("now empty")]  # an empty source list leaks nothing
        if judged[target]:
            sourced.append((sqref, target, judged[target]))
    if named:
        cells, names, n = named[0]
        out.append(finding("xlsx.validation_list", Location(sheet=sheet, range=cells.split(" ")[0] or None),
                           f"{len(named)} drop-down list(s) on '{sheet}' (first at {cells}) hold typed-in entries "
                           f"that look like people's names ({n} entries)", count=sum(len(x[1]) for x in named),
                           examples=names[:3]))
    if sourced:
        cells, target, why = sourced[0]
        out.append(finding("xlsx.validation_list", Location(sheet=sheet, range=cells.split(" ")[0] or None),
                           f"{len(sourced)} drop-down list(s) on '{sheet}' (first at {cells}) take their entries from "
                           f"{'; '.join(why[:3])} ({target[:80]})", count=len(sourced),
                           examples=[f"{c}: {t[:60]}" for c, t, _w in sourced[:3]]))
    return out
