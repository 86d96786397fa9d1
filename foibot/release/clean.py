"""Clean copies: spreadsheets, Word documents and presentations rebuilt without hidden data. A PDF whose only findings
are its document properties gets a copy without them; any other PDF is refused, never 'fixed'."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from pypdf import PdfReader, PdfWriter

from foibot.release.check import DOCX_KINDS, PPTX_KINDS, XLSX_KINDS, Source, check_file
from foibot.release.clean_docx import clean_docx
from foibot.release.clean_pptx import clean_pptx
from foibot.release.clean_xlsx import clean_xlsx
from foibot.release.findings import Overall, Report, Severity
from foibot.release.limits import ReleaseLimits
from foibot.release.package import InspectionError, Package

PDF_PROPERTIES_NOTE = ("Only the PDF's document properties (Info dictionary and XMP metadata) held anything: this copy "
                       "has none; its pages are unchanged.")
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
        if not report.inspected or not _only_properties(report):
            raise CannotClean(PDF_REFUSAL)
        return _pdf_without_properties(src, Path(outdir), name, limits)
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


def _only_properties(report: Report) -> bool:
    """Whether every finding worth a look (red or amber) is in the PDF's document properties: the metadata finding,
    or personal data found only there (each place named, none left over)."""
    for f in report.findings:
        if f.severity is Severity.INFO or f.id == "pdf.metadata":
            continue
        places = (f.where.range or "").split(", ")
        if not (f.id.startswith("personal.") and all(p.startswith("document property ") for p in places)):
            return False
    return True


def _pdf_without_properties(src: Path | bytes, outdir: Path, name: str, limits: ReleaseLimits) -> CleanResult:
    """The PDF rewritten by pypdf without its Info dictionary (``PdfWriter.metadata = None``) or XMP stream
    (``PdfWriter.xmp_metadata = None``); the pages are copied as they are. The copy is checked again, and refused
    unless the check finds nothing worth a look."""
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(src) if isinstance(src, bytes) else src))
        writer.metadata = None
        writer.xmp_metadata = None
        buf = io.BytesIO()
        writer.write(buf)
    except Exception as exc:  # noqa: BLE001 - a hostile PDF gets a refusal, never a traceback
        raise CannotClean(f"foibot could not rewrite {name} without its properties ({type(exc).__name__}).") from exc
    stem = re.sub(r"[^\w\- ]+", "_", Path(name).stem).strip() or "attachment"
    again = check_file(buf.getvalue(), f"{stem}.clean.pdf", limits)
    if again.overall is not Overall.GREEN:
        raise CannotClean(PDF_REFUSAL)
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / f"{stem}.clean.pdf"
    path.write_bytes(buf.getvalue())
    return CleanResult([path], [PDF_PROPERTIES_NOTE])
