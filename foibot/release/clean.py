"""Clean copies: spreadsheets, Word documents and presentations rebuilt without hidden data. PDFs are refused, never
'fixed'."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from foibot.release.check import DOCX_KINDS, PPTX_KINDS, XLSX_KINDS, Source, check_file
from foibot.release.clean_docx import clean_docx
from foibot.release.clean_pptx import clean_pptx
from foibot.release.clean_xlsx import clean_xlsx
from foibot.release.limits import ReleaseLimits
from foibot.release.package import InspectionError, Package

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
    """Write a clean copy of a workbook (xlsx + one CSV per visible sheet), Word document or presentation into
    ``outdir``."""
    limits = limits or ReleaseLimits()
    src: Path | bytes = source if isinstance(source, bytes) else Path(source)
    name = name or (src.name if isinstance(src, Path) else "attachment")
    report = check_file(src, name, limits)
    if report.kind == "pdf":
        raise CannotClean(PDF_REFUSAL)
    if not report.inspected:
        raise CannotClean(f"{name} could not be inspected, so foibot will not make a clean copy of it.")
    if report.kind not in XLSX_KINDS | DOCX_KINDS | PPTX_KINDS:
        raise CannotClean(f"foibot makes clean copies of spreadsheets (.xlsx), Word documents (.docx) and "
                          f"presentations (.pptx) only; {name} is {report.kind}. Review the findings instead.")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^\w\- ]+", "_", Path(name).stem).strip() or "attachment"
    cleaner = clean_xlsx if report.kind in XLSX_KINDS else clean_docx if report.kind in DOCX_KINDS else clean_pptx
    try:
        pkg = Package.open(src, limits)
        try:
            paths, notes = cleaner(pkg, out, stem)
        finally:
            pkg.close()
    except (InspectionError, etree.XMLSyntaxError, zipfile.BadZipFile) as exc:  # damage the check did not reach
        raise CannotClean(f"foibot could not make a clean copy of {name}: {str(exc)[:200].rstrip('.')}.") from exc
    return CleanResult(paths, notes)
