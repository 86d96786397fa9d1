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
    law (``regime``: s40(2), regulation 13 or section 38(1)(b)), the authority's when there is no case. The
    authority's own contact details are never flagged as personal data."""
    law = str(regime or authority.regime or "foia").lower()
    return ReleaseLimits(max_file_bytes=authority.release_max_file_mb * MB,
                         small_count_max=authority.release_small_count_max,
                         extra_patterns=authority.release_patterns, own_contacts=authority.own_contacts,
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
    replaces: str | None = None

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
        """Add a check of one file to the case history; ``replaces`` names the file a clean copy stands in for
        (without it, a file named as foibot names its clean copies, ``falls.clean.xlsx``, replaces ``falls.xlsx``
        when that was checked in the case, however the copy was made: in the chat or with ``release-check --clean``)."""
        ref = self.register.require(ref).ref
        original = re.sub(r"\.clean(\.[A-Za-z0-9]{1,5})$", r"\1", report.name)
        if replaces is None and original != report.name and any(
                f.name == original for f in self.files(ref, include_replaced=True)):
            replaces = original
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
                          reviews.get((name, d["fingerprint"])), d.get("replaces"))
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

    def review_all(self, ref: str, *, who: str) -> tuple[list[FileState], list[FileState]]:
        """``reviewed all``: mark every amber file's findings reviewed. A red file (hidden data, a failed
        redaction, a file that could not be inspected) is never waved through with the rest: it needs its own
        review by name. Returns (the files marked reviewed, the red files still waiting for theirs)."""
        waiting = [f for f in self.files(ref) if f.outstanding]
        done = [self.mark_reviewed(ref, f.name, who=who) for f in waiting if f.overall != "red"]
        return done, [f for f in waiting if f.overall == "red"]

    def letter_attachments(self, ref: str) -> list[str] | None:
        """The files the case's letter lists as going with it (the answers' ``attachments``, the letter's and
        each part's), or None when the case has no conversation to read them from."""
        case = self.register.require(ref)
        row = self.register.store.conversation(case.conversation_id) if case.conversation_id else None
        if row is None:
            return None
        answers = (row.get("state") or {}).get("answers") or {}
        listed = _as_names(answers.get("attachments"))
        for part in answers.get("parts") or []:
            if isinstance(part, dict) and part.get("disclosure") != "none":
                listed += _as_names(part.get("attachments"))
        return list(dict.fromkeys(listed))

    def going(self, ref: str) -> list[FileState]:
        """The checked files that go with the letter. Each attachment the letter lists is matched to a checked
        file by name (a clean copy answers for the file it replaces); when the letter lists none, no checked
        file goes. A listed attachment that names no checked file may be any file not matched, so those go
        too (foibot cannot tell them apart). With no letter to read (no conversation), every file goes."""
        files = self.files(ref)
        listed = self.letter_attachments(ref)
        if listed is None:
            return files
        matched = [f for f in files if any(_names_file(entry, f) for entry in listed)]
        unmatched = [e for e in listed if not any(_names_file(e, f) for f in files)]
        return [f for f in files if f in matched or unmatched]

    def stopping(self, ref: str) -> list[FileState]:
        """Every file checked for the case (a clean copy standing in for the file it replaces) whose findings, red
        or amber, are not reviewed, listed in the letter or not: each is a reason to stop at Mark sent, for the
        officer to confirm (a file checked for the case may go with it whatever the letter lists)."""
        return [f for f in self.files(ref) if f.outstanding]

    def listed(self, ref: str, state: FileState) -> bool | None:
        """Whether the case's letter lists the file (or the file its clean copy replaces) as going with it; None
        when there is no letter to read."""
        entries = self.letter_attachments(ref)
        return None if entries is None else any(_names_file(entry, state) for entry in entries)

    def recheck(self, ref: str, fetch: Callable[[FileState], bytes | Path], limits: ReleaseLimits, *,
                who: str, via: str, every: bool = False) -> list[tuple[FileState, Report]]:
        """Check again every file going with the letter (as at Mark sent), or with ``every`` every file checked
        for the case (what ``stopping`` reads). A file that cannot be fetched is reported red."""
        out = []
        for state in self.files(ref) if every else self.going(ref):
            try:
                report = check_file(fetch(state), state.name, limits)
            except (OSError, FoibotError) as exc:
                report = unfetchable(state.name, str(exc))
            out.append((self.record(ref, report, who=who, via=via, source=state.source, replaces=state.replaces),
                        report))  # a clean copy checked again still stands in for its original
        return out

    def record_sent(self, ref: str, *, who: str, confirmed: bool) -> list[str]:
        """Note which checked files went with the response (``going``), and those sent with findings still
        open; a file checked but not listed in the letter is not recorded as sent."""
        files = self.going(ref)
        if not files:  # the letter lists no attachment: nothing checked went with it, nothing to record
            return []
        self.register.note(ref, who, SENT, {
            "files": [f.name for f in files], "with_findings": [f.name for f in files if f.outstanding],
            "confirmed": confirmed})
        return [f.name for f in files]


def _as_names(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    return [str(v).strip() for v in value or [] if str(v).strip()] if isinstance(value, list) else []


def _key(text: str) -> str:
    """A name as compared: lower case, separators (spaces, _, -, .) as single spaces."""
    return " ".join(re.split(r"[\s_\-.]+", text.lower())).strip()


def _names_file(entry: str, state: FileState) -> bool:
    """Whether a listed attachment ("Annex A - anpr.xlsx", "anpr") names a checked file or the file its clean
    copy replaces: its whole name, or its name without the extension, as whole words of the entry."""
    return any(names_file(entry, name) for name in filter(None, (state.name, state.replaces)))


def names_file(entry: str, name: str) -> bool:
    """Whether a listed attachment names the file ``name``: its whole name, or its name without the extension,
    as whole words of the entry."""
    said = f" {_key(entry)} "
    names_a_file = re.search(r"\w\.[A-Za-z][A-Za-z0-9]{1,4}\b", entry) is not None  # "anpr.xlsx": whole names
    base = Path(name).name
    forms = {_key(base)} if names_a_file else {_key(base), _key(Path(base).stem)}
    return any(form and f" {form} " in said for form in forms)


def safe_name(name: str) -> str:
    """A file name fit to show and to write: no folders, no control characters, at most 120 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip() or "attachment"
    return base[:120]
