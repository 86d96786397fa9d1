"""Entry point: check one file (path or bytes) and get a Report. Never raises on a hostile file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from foibot.release.catalogue import finding, in_law
from foibot.release.csvfile import inspect_csv, inspect_text
from foibot.release.docx import inspect_docx
from foibot.release.findings import Finding, Location, Report
from foibot.release.limits import ReleaseLimits
from foibot.release.odf import BROKEN, ODF_KINDS, inspect_ods, inspect_odt
from foibot.release.package import InspectionError, Package
from foibot.release.pdf import inspect_pdf
from foibot.release.pptx import inspect_pptx
from foibot.release.sniff import EXPECTED, LABELS, extension, sniff
from foibot.release.xlsx import inspect_xlsx

Source = str | os.PathLike[str] | bytes

XLSX_KINDS = {"xlsx", "xlsm"}
DOCX_KINDS = {"docx", "docm"}
PPTX_KINDS = {"pptx"}
OOXML_KINDS = XLSX_KINDS | DOCX_KINDS | PPTX_KINDS


def _inspector(target: str) -> Callable[[Package, ReleaseLimits, int, list[Finding]], None]:
    """Looked up when called (not bound at import), so tests can stand in for one."""
    if target in ODF_KINDS:
        return inspect_ods if target == "ods" else inspect_odt
    return inspect_xlsx if target in XLSX_KINDS else inspect_docx if target in DOCX_KINDS else inspect_pptx


def _head(source: Path | bytes, n: int = 65536) -> bytes:
    if isinstance(source, bytes):
        return source[:n]
    with open(source, "rb") as fh:
        return fh.read(n)


def _zip_target(kind: str, name: str) -> str:
    """A damaged zip is inspected as what its name claims, so the damage is reported, not skipped."""
    ext = extension(name)
    if kind == "zip" and ext in ("xlsx", "xlsm", "xltx"):
        return "xlsx"
    if kind == "zip" and ext in ("docx", "docm", "dotx"):
        return "docx"
    if kind == "zip" and ext in ("pptx", "pptm", "ppsx", "potx"):
        return "pptx"
    if kind == "zip" and ext in ("ods", "ots"):
        return "ods"
    if kind == "zip" and ext in ("odt", "ott"):
        return "odt"
    return kind


def _inspect(source: Path | bytes, name: str, size: int, limits: ReleaseLimits, report: Report) -> None:
    out = report.findings
    if size > limits.max_file_bytes:
        out.append(finding("file.too_large", None, f"{size:,} bytes is over the {limits.max_file_bytes:,}-byte "
                                                   "limit; not inspected"))
        report.inspected = False
        return
    head = _head(source)
    kind = sniff(head, source, name)
    report.kind = kind
    if kind == "empty":
        out.append(finding("file.empty", None, "Empty file (0 bytes): there is nothing in it to check"))
        report.inspected = False
        return
    ext = extension(name)
    if kind in ("text", "csv") and ext not in EXPECTED:  # text is read as a document only when its name says it is
        # one (.txt, .csv, .tsv, or a document type it turns out not to be); "passwd", "notes.md", "run.sh" are not
        out.append(finding("file.not_checked", None, f"Plain text {f'named .{ext}' if ext else 'with no extension'}"
                                                     ": foibot reads text only as .txt or .csv, so it was not "
                                                     "checked and is not known to be safe"))
        report.inspected = False
        return
    target = _zip_target(kind, name)
    if ext in EXPECTED and target not in EXPECTED[ext]:
        out.append(finding("file.type_mismatch", None, f"Named .{ext} but it is really {LABELS.get(kind, kind)}"))
    if target in OOXML_KINDS | ODF_KINDS:
        pkg = Package.open(source, limits)
        try:
            _inspector(target)(pkg, limits, size, out)
        finally:
            pkg.close()
        if any(f.id in BROKEN for f in out):  # a damaged or encrypted part was skipped: not fully inspected
            report.inspected = False
    elif kind == "pdf":
        inspect_pdf(source, limits, out)
    elif kind == "csv":
        inspect_csv(source, head, limits, out)
    elif kind == "text":
        inspect_text(source, head, limits, out)
    elif kind == "ooxml_encrypted":
        out.append(finding("file.encrypted", None, "Password-protected Office file (encrypted package); it cannot "
                                                   "be inspected"))
        report.inspected = False
    elif kind == "cfb":
        out.append(finding("file.legacy_office", None, "Old binary Office format (.xls/.doc); not inspected"))
        report.inspected = False
    else:
        out.append(finding("file.not_checked", None, f"{LABELS.get(kind, kind).capitalize()}: foibot does not "
                                                     "check this type, so it is not known to be safe"))
        report.inspected = False


def check_file(source: Source, name: str | None = None, limits: ReleaseLimits | None = None) -> Report:
    """Inspect one attachment. ``source`` is a path or the file's bytes; ``name`` defaults to the path's name.
    The reasons speak ``limits.law`` (the case's law)."""
    limits = limits or ReleaseLimits()
    return in_law(_check(source, name, limits), limits.law)


def _check(source: Source, name: str | None, limits: ReleaseLimits) -> Report:
    src: Path | bytes = source if isinstance(source, bytes) else Path(source)
    name = name or (src.name if isinstance(src, Path) else "attachment")
    if isinstance(src, Path) and src.is_dir():
        report = Report(name, "folder", 0, inspected=False)
        report.findings.append(finding("file.not_checked", None, "A folder, not a file: not checked"))
        return report
    try:
        size = len(src) if isinstance(src, bytes) else src.stat().st_size
    except OSError as exc:
        report = Report(name, "unknown", 0, inspected=False)
        report.findings.append(finding("file.uninspectable", None, f"The file cannot be opened ({exc.strerror})"))
        return report
    report = Report(name, "unknown", size)
    try:
        _inspect(src, name, size, limits, report)
    except InspectionError as exc:
        report.inspected = False
        report.findings.append(finding(exc.finding_id, Location(part=exc.part), str(exc)[:300].rstrip(".") + "."))
    except Exception as exc:  # noqa: BLE001 - a hostile file must give a finding, never a traceback
        report.inspected = False
        report.findings.append(finding("file.uninspectable", None, f"Could not be fully inspected "
                                                                   f"({type(exc).__name__}: {str(exc)[:200]})"))
    return report


def check_files(sources: Iterable[Source | tuple[str, bytes]], limits: ReleaseLimits | None = None) -> list[Report]:
    """Check several attachments; a (name, bytes) pair checks bytes under that name."""
    out = []
    for item in sources:
        if isinstance(item, tuple):
            out.append(check_file(item[1], item[0], limits))
        else:
            out.append(check_file(item, None, limits))
    return out


NOT_CHECKED = 3
"""The exit status of ``release-check`` when a file could not be checked: missing, unreadable, or of a kind foibot
does not check (0 green, 1 amber and 2 red are the results of a check)."""


def not_checked(report: Report) -> bool:
    """Whether foibot could not check this file at all: a kind it does not check, or one it cannot open. (A file it
    opened but could not fully inspect, encrypted or damaged, is red: that is a result.)"""
    return any(f.id == "file.not_checked" or (f.id == "file.uninspectable" and not report.size)
               for f in report.findings)


def exit_status(reports: Iterable[Report]) -> int:
    """0 every file green, 1 the worst is amber, 2 one is red (do not send), else 3 (``NOT_CHECKED``) when a file
    could not be checked: red outranks it, since that file must not go as it is whatever the others are."""
    reports = list(reports)
    result = worst(reports)
    if result != "red" and any(not_checked(r) for r in reports):
        return NOT_CHECKED
    return {"green": 0, "amber": 1, "red": 2}[result]


def unreadable(path: str | os.PathLike[str]) -> str | None:
    """Why the file at ``path`` cannot be checked at all (missing, a folder, unreadable), or None."""
    p = Path(path).expanduser()
    if not p.exists():
        return "there is no such file"
    if p.is_dir():
        return "is a folder, not a file"
    try:
        with open(p, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or type(exc).__name__})"
    return None


def worst(reports: Iterable[Report]) -> str:
    order = {"green": 0, "amber": 1, "red": 2}
    return max((r.overall.value for r in reports), key=order.__getitem__, default="green")

