"""Clean copies: spreadsheets and Word documents rebuilt without hidden data. PDFs are refused, never 'fixed'."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from foibot.release.check import XLSX_KINDS, Source, check_file
from foibot.release.clean_docx import clean_docx
from foibot.release.clean_xlsx import clean_xlsx
from foibot.release.limits import ReleaseLimits
from foibot.release.package import Package

PDF_REFUSAL = ("foibot cannot clean a PDF safely. If it was redacted by drawing boxes, the text is still underneath: "
               "re-redact it with a proper redaction tool (one that removes the underlying text), then check it "
               "again. foibot never claims to fix a PDF redaction.")


class CannotClean(Exception):
    """This file cannot be given a clean copy; the message says what to do instead."""


@dataclass
class CleanResult:
    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def clean_copy(source: Source, outdir: str | Path, name: str | None = None,
               limits: ReleaseLimits | None = None) -> CleanResult:
    """Write a clean copy of a workbook (xlsx + one CSV per visible sheet) or Word document into ``outdir``."""
    limits = limits or ReleaseLimits()
    src: Path | bytes = source if isinstance(source, bytes) else Path(source)
    name = name or (src.name if isinstance(src, Path) else "attachment")
    report = check_file(src, name, limits)
    if report.kind == "pdf":
        raise CannotClean(PDF_REFUSAL)
    if not report.inspected:
        raise CannotClean(f"{name} could not be inspected, so foibot will not make a clean copy of it.")
    if report.kind not in XLSX_KINDS | {"docx", "docm"}:
        raise CannotClean(f"foibot makes clean copies of spreadsheets (.xlsx) and Word documents (.docx) only; "
                          f"{name} is {report.kind}. Review the findings instead.")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^\w\- ]+", "_", Path(name).stem).strip() or "attachment"
    pkg = Package.open(src, limits)
    try:
        paths, notes = (clean_xlsx if report.kind in XLSX_KINDS else clean_docx)(pkg, out, stem)
    finally:
        pkg.close()
    return CleanResult(paths, notes)
