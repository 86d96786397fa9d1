"""Release check: find hidden or personal data in attachments before an FOI response is sent; make clean copies."""

from foibot.release.check import check_file, check_files
from foibot.release.clean import CannotClean, CleanResult, clean_copy
from foibot.release.findings import Finding, Location, Report, Severity
from foibot.release.limits import ReleaseLimits
from foibot.release.render import render_text, summary_line

__all__ = [
    "CannotClean",
    "CleanResult",
    "Finding",
    "Location",
    "ReleaseLimits",
    "Report",
    "Severity",
    "check_file",
    "check_files",
    "clean_copy",
    "render_text",
    "summary_line",
]
