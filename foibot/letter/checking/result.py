"""What a check found: findings, the rules that ran and those that did not apply."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Finding:
    """Something the letter lacks or gets wrong. ``rule`` is the statutory source, e.g. ``s17(3)``."""

    id: str
    rule: str
    message: str


@dataclass
class CheckResult:
    """Findings, plus which rules ran (``checked``) and which did not apply (``not_applicable``). ``warnings``: what a
    rule of severity ``warning`` noticed (worth correcting, but the letter still meets the law: ``ok`` ignores them)."""

    findings: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    kind: str = "refusal-notice"
    regime: str = ""  # the law the letter is under (foia, eir, foisa): each rule cites that law's provision
    source: str = "text"  # what was checked: "text" (the letter's words) or "draft" (foibot's draft and its answers)

    @property
    def ok(self) -> bool:
        return not self.findings

    def ran(self, rid: str) -> None:
        if rid not in self.checked:
            self.checked.append(rid)
        if rid in self.not_applicable:
            self.not_applicable.remove(rid)

    def skip(self, rid: str) -> None:
        if rid not in self.checked and rid not in self.not_applicable:
            self.not_applicable.append(rid)

    def add(self, id: str, rule: str, message: str) -> None:
        """Record a finding (once per id and message)."""
        self.ran(id)
        if not any(f.id == id and f.message == message for f in self.findings):
            self.findings.append(Finding(id, rule, message))

    def warn(self, id: str, rule: str, message: str) -> None:
        """Record a warning (once per id and message): the rule ran, and the letter still passes."""
        self.ran(id)
        if not any(f.id == id and f.message == message for f in self.warnings):
            self.warnings.append(Finding(id, rule, message))

    def ids(self) -> list[str]:
        return [f.id for f in self.findings]

    def merge(self, other: CheckResult) -> None:
        """Fold another result's findings and rules into this one."""
        for f in other.findings:
            self.add(f.id, f.rule, f.message)
        for f in other.warnings:
            self.warn(f.id, f.rule, f.message)
        for rid in other.checked:
            self.ran(rid)
        for rid in other.not_applicable:
            self.skip(rid)
        self.cited = sorted(set(self.cited) | set(other.cited))

    def to_json(self) -> dict[str, Any]:
        out = {"ok": self.ok, "cited": self.cited, "checked": self.checked, "not_applicable": self.not_applicable,
               "findings": [{"id": f.id, "rule": f.rule, "message": f.message} for f in self.findings]}
        if self.warnings:  # only when there are some
            out["warnings"] = [{"id": f.id, "rule": f.rule, "message": f.message} for f in self.warnings]
        return out

    def summary(self) -> str:
        # each check is one rule applied once (per exemption, where the rule is about one): the letter's text alone
        # (foibot check) or foibot's draft with the answers it was drafted from (the chat), which runs more of them
        what = "the letter and its answers" if self.source == "draft" else "the letter's text"
        counts = f"{len(self.checked)} checks of {what} ran, {len(self.not_applicable)} did not apply"
        if self.ok:
            cited = ", ".join(c.removeprefix("foisa-") for c in self.cited) or "none"  # as officers type them
            lines = [f"Statutory check passed ({counts}; exemptions: {cited})."]
        else:
            lines = [f"Statutory check: {len(self.findings)} finding(s) ({counts})"]
            lines += [f"- [{f.rule}] {f.message}" for f in self.findings]
        lines += [f"- Warning [{f.rule}] {f.message}" for f in self.warnings]
        return "\n".join(lines)
