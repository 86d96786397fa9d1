"""Plain-text rendering of reports for a console (Slack can post the same text in a code block)."""

from __future__ import annotations

from foibot.release.findings import Overall, Report, Severity

_HEAD = {Overall.GREEN: "GREEN — nothing hidden or personal found",
         Overall.AMBER: "AMBER — review before sending",
         Overall.RED: "RED — do not send as it is"}
_MARK = {Severity.RED: "RED  ", Severity.AMBER: "AMBER", Severity.INFO: "info "}


def summary_line(report: Report) -> str:
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in Severity}
    bits = [f"{counts[s]} {s.value}" for s in Severity if counts[s]]
    inspected = "" if report.inspected else " (could not be fully inspected)"
    return f"{report.name}: {_HEAD[report.overall]}{inspected}" + (f" [{', '.join(bits)}]" if bits else "")


def render_text(report: Report, why: bool = True) -> str:
    """A few lines per finding: severity, where, what, and (optionally) why it matters."""
    lines = [summary_line(report)]
    for sev, findings in report.grouped().items():
        for f in findings:
            lines.append(f"  {_MARK[sev]} {f.id} @ {f.where}: {f.message}")
            if f.unquoted_examples:  # what the message has quoted already is not repeated
                lines.append(f"         e.g. {', '.join(f.unquoted_examples)}")
            if why and sev != Severity.INFO:
                lines.append(f"         why: {f.why}")
    return "\n".join(lines)
