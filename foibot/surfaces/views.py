"""Text views shared by every surface: the CLI, the console, ``/foi`` and App Home show the same words.

Each view takes plain values and returns plain text (Slack escapes it when posting). Wording that an
FOI officer may want to change lives in ``snippets/replies.yaml``; these functions only lay it out.
"""

from __future__ import annotations

from datetime import date

from foibot.knowledge.model import Knowledge
from foibot.law.dates import format_day
from foibot.law.deadlines import Deadline
from foibot.register.cases import Case
from foibot.suggest.similar import SimilarCase


def deadline(result: Deadline, received: date) -> str:
    """When a request is due, the rule, and the non-working weekdays skipped."""
    lines = [f"Received: {format_day(received)}"]
    if result.received != received:
        lines.append(f"Clarified: {format_day(result.received)} (the 20 working days restart from here)")
    section = result.rule.split(":", 1)[0]
    lines.append(f"Due: {format_day(result.due)} (end of day), {result.working_days} working days, {section}")
    lines.append(f"Rule: {result.rule}")
    lines += [f"Skipped: {format_day(s.day)} {s.reason}" for s in result.skipped]
    return "\n".join(lines)


def similar_cases(results: list[SimilarCase]) -> str:
    """Past requests like this one, each with its outcome, exemptions and why it matched."""
    if not results:
        return "No similar past requests in the register."
    lines: list[str] = []
    for r in results:
        cited = ", ".join(r.exemptions) or "no exemption"
        outcome = (r.outcome or "no outcome").replace("_", " ")
        lines.append(f"{r.reference}  {r.date or 'undated'}  {outcome}  ({cited})")
        lines.append(f"    why: {r.why}")
    return "\n".join(lines)


def exemptions(kb: Knowledge) -> str:
    """Every exemption and exception in the knowledge base, one a line."""
    return "\n".join(f"{e.section}: {e.title} ({e.type})" for e in kb.exemptions.values())


def open_cases(cases: list[Case], today: date) -> str:
    """The register's open cases, nearest due date first, overdue ones marked."""
    if not cases:
        return "No open cases."
    lines = []
    for case in cases:
        due = format_day(case.due) if case.due else "no due date"
        late = "  OVERDUE" if case.due and case.due < today else ""
        summary = " ".join(case.request_text.split())
        summary = summary[:60] + ("…" if len(summary) > 60 else "")
        lines.append(f"{case.ref:<14} {case.status.replace('_', ' '):<22} due {due}{late}  {summary}")
    return "\n".join(lines)
