"""Release checks in a case's history: each attachment checked, who reviewed its findings, what was sent.

Everything is kept as case events (``release_check``, ``release_reviewed``, ``release_sent``) with the file
name, the overall result, counts by severity and the finding ids: never the personal data values a check found.
The state of each file (its latest check, whether that result was reviewed) is read back from those events.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from foibot.errors import FoibotError, InputError
from foibot.knowledge.authority import Authority
from foibot.register.cases import Register
from foibot.release import ReleaseLimits, Report, Severity, check_file
from foibot.release.catalogue import finding

MB = 1024 * 1024
CHECKED, REVIEWED, SENT = "release_check", "release_reviewed", "release_sent"


def release_limits(authority: Authority, regime: str | None = None) -> ReleaseLimits:
    """The release check's limits from the profile's ``[release_check]`` section; its reasons speak the case's
    law (``regime``: s40(2), regulation 13 or section 38(1)(b)), the authority's when there is no case."""
    law = str(regime or authority.regime or "foia").lower()
    return ReleaseLimits(max_file_bytes=authority.release_max_file_mb * MB,
                         small_count_max=authority.release_small_count_max,
                         extra_patterns=authority.release_patterns,
                         law=law if law in ("foia", "eir", "foisa") else "")


def fingerprint(report: Report) -> str:
    """What was found, independent of when: the same findings give the same fingerprint (reviews carry over)."""
    keys = sorted(f"{f.id}|{f.severity.value}|{f.where}|{f.count}" for f in report.findings)
    return hashlib.sha256("\n".join([report.overall.value, *keys]).encode()).hexdigest()[:16]


def counts(report: Report) -> dict[str, int]:
    return {s.value: sum(1 for f in report.findings if f.severity == s) for s in Severity}


def unfetchable(name: str, reason: str) -> Report:
    """A report for a file that could not be fetched to check it (red: nothing inside has been checked)."""
    report = Report(name, "unknown", 0, inspected=False)
    report.findings.append(finding("file.uninspectable", None, f"Could not be fetched to check it: {reason}"))
    return report


@dataclass(frozen=True)
class FileState:
    """One attachment of a case as last checked."""

    name: str
    check: int
    overall: str
    counts: dict[str, int]
    fingerprint: str
    source: dict[str, str]
    reviewed_by: str | None = None

    @property
    def outstanding(self) -> bool:
        """Red or amber, and that result not marked reviewed."""
        return self.overall != "green" and not self.reviewed_by


class ReleaseLog:
    """Record and read the release checks of a case (named by its reference; ``ref_of`` finds a conversation's)."""

    def __init__(self, register: Register):
        self.register = register

    def ref_of(self, conv_id: str) -> str:
        """The reference of a conversation's case; InputError when it has none."""
        case = self.register.case_for_conversation(conv_id)
        if case is None:
            raise InputError("this conversation has no case in the register, so checks cannot be recorded")
        return case.ref

    def _events(self, ref: str) -> list[dict[str, Any]]:
        return [e for e in self.register.history(ref) if e["action"] in (CHECKED, REVIEWED, SENT)]

    def record(self, ref: str, report: Report, *, who: str, via: str, source: dict[str, str] | None = None,
               replaces: str | None = None) -> FileState:
        """Add a check of one file to the case history; ``replaces`` names the file a clean copy stands in for."""
        ref = self.register.require(ref).ref
        number = 1 + sum(1 for e in self._events(ref) if e["action"] == CHECKED)
        detail: dict[str, Any] = {
            "check": number, "file": report.name, "overall": report.overall.value, "counts": counts(report),
            "findings": sorted(report.ids), "inspected": report.inspected, "fingerprint": fingerprint(report),
            "via": via, "source": source or {}}
        if replaces:
            detail["replaces"] = replaces
        self.register.note(ref, who, CHECKED, detail)
        return next(f for f in self.files(ref, include_replaced=True) if f.name == report.name)

    def files(self, ref: str, *, include_replaced: bool = False) -> list[FileState]:
        """Each file's latest check, in the order first checked; files replaced by a clean copy are left out."""
        latest: dict[str, dict[str, Any]] = {}
        reviews: dict[tuple[str, str], str] = {}
        replaced: set[str] = set()
        for event in self._events(ref):
            d = event["detail"]
            if event["action"] == CHECKED:
                latest[d["file"]] = d
                if d.get("replaces"):
                    replaced.add(d["replaces"])
            elif event["action"] == REVIEWED:
                reviews[(d["file"], d["fingerprint"])] = event["who"]
        return [FileState(name, d["check"], d["overall"], d["counts"], d["fingerprint"], d.get("source") or {},
                          reviews.get((name, d["fingerprint"])))
                for name, d in latest.items() if include_replaced or name not in replaced]

    def file(self, ref: str, name: str) -> FileState:
        found = [f for f in self.files(ref, include_replaced=True) if f.name == name]
        if not found:
            raise InputError(f"no file called {name!r} has been checked in this case")
        return found[0]

    def mark_reviewed(self, ref: str, name: str, *, who: str) -> FileState:
        """Record that someone reviewed a file's current findings (a later different result needs review again)."""
        state = self.file(ref, name)
        self.register.note(ref, who, REVIEWED, {"file": name, "check": state.check,
                                                              "overall": state.overall,
                                                              "fingerprint": state.fingerprint})
        return self.file(ref, name)

    def outstanding(self, ref: str) -> list[FileState]:
        return [f for f in self.files(ref) if f.outstanding]

    def recheck(self, ref: str, fetch: Callable[[FileState], bytes | Path], limits: ReleaseLimits, *,
                who: str, via: str) -> list[tuple[FileState, Report]]:
        """Check every current file again (as at Mark sent). A file that cannot be fetched is reported red."""
        out = []
        for state in self.files(ref):
            try:
                report = check_file(fetch(state), state.name, limits)
            except (OSError, FoibotError) as exc:
                report = unfetchable(state.name, str(exc))
            out.append((self.record(ref, report, who=who, via=via, source=state.source), report))
        return out

    def record_sent(self, ref: str, *, who: str, confirmed: bool) -> list[str]:
        """Note which checked files went with the response, and those sent with findings still open."""
        files = self.files(ref)
        self.register.note(ref, who, SENT, {
            "files": [f.name for f in files], "with_findings": [f.name for f in files if f.outstanding],
            "confirmed": confirmed})
        return [f.name for f in files]


def safe_name(name: str) -> str:
    """A file name fit to show and to write: no folders, no control characters, at most 120 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip() or "attachment"
    return base[:120]
