"""What the release check found: findings with a place and a reason, and the report for one file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    RED = "red"
    AMBER = "amber"
    INFO = "info"


class Overall(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


_ORDER = {Severity.RED: 0, Severity.AMBER: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Location:
    """Where a finding is. Every field is optional; ``str()`` gives a short human form."""

    sheet: str | None = None
    cell: str | None = None
    range: str | None = None
    page: int | None = None
    part: str | None = None
    column: str | None = None
    slide: int | None = None

    def __str__(self) -> str:
        bits: list[str] = []
        if self.sheet is not None:
            bits.append(f"sheet '{self.sheet}'")
        if self.cell:
            bits.append(f"cell {self.cell}")
        if self.range:
            bits.append(self.range)
        if self.column:
            bits.append(f"column {self.column}")
        if self.page is not None:
            bits.append(f"page {self.page}")
        if self.slide is not None:
            bits.append(f"slide {self.slide}")
        if self.part and not bits:
            bits.append(self.part)
        return ", ".join(bits) or "whole file"

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Finding:
    """One thing to look at before release. ``id`` is stable (see catalogue.py); ``why`` says why it matters."""

    id: str
    severity: Severity
    where: Location
    message: str
    why: str
    count: int | None = None
    examples: tuple[str, ...] = ()

    @property
    def unquoted_examples(self) -> tuple[str, ...]:
        """The examples the message does not already quote: what an "e.g." line adds (a message that quotes the one
        hidden run, or names the cells, says it once). Matched whole, as masked, not inside a longer word."""
        return tuple(e for e in self.examples
                     if not re.search(rf"(?<![\w*]){re.escape(e)}(?![\w*])", self.message))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "severity": self.severity.value, "where": self.where.to_dict(),
                               "where_text": str(self.where), "message": self.message, "why": self.why}
        if self.count is not None:
            out["count"] = self.count
        if self.examples:
            out["examples"] = list(self.examples)
        return out


@dataclass
class Report:
    """The release check of one file. ``inspected`` is False when foibot could not look inside it."""

    name: str
    kind: str
    size: int
    findings: list[Finding] = field(default_factory=list)
    inspected: bool = True

    @property
    def overall(self) -> Overall:
        sev = {f.severity for f in self.findings}
        if Severity.RED in sev:
            return Overall.RED
        if Severity.AMBER in sev or not self.inspected:
            return Overall.AMBER
        return Overall.GREEN

    @property
    def ids(self) -> set[str]:
        return {f.id for f in self.findings}

    def by_id(self, finding_id: str) -> list[Finding]:
        return [f for f in self.findings if f.id == finding_id]

    def grouped(self) -> dict[Severity, list[Finding]]:
        out: dict[Severity, list[Finding]] = {s: [] for s in Severity}
        for f in sorted(self.findings, key=lambda f: _ORDER[f.severity]):
            out[f.severity].append(f)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "size": self.size, "inspected": self.inspected,
                "overall": self.overall.value,
                "findings": [f.to_dict() for f in sorted(self.findings, key=lambda f: _ORDER[f.severity])]}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def shortened(value: str, n: int = 60) -> str:
    """``value`` on one line, cut to ``n`` characters with "…" when longer (for a finding's message or example)."""
    value = " ".join(value.split())
    return value if len(value) <= n else value[: n - 1] + "…"
