"""Text views shared by every surface: the CLI, the console, ``/foi`` and App Home show the same words.

Each view takes plain values and returns plain text (Slack escapes it when posting). Wording that an
FOI officer may want to change lives in ``snippets/replies.yaml``; these functions only lay it out.
"""

from __future__ import annotations

from datetime import date

from foibot.conversation.engine import Engine
from foibot.knowledge.authority import Authority
from foibot.knowledge.model import Knowledge
from foibot.law.dates import format_day
from foibot.law.deadlines import Deadline, ico_complaint_by, schools_note
from foibot.law.paragraphs import offered
from foibot.letter.blocks import to_text
from foibot.letter.drafting import paragraph_names, render_paragraph
from foibot.register.cases import (
    ACTIVE,
    ENDED,
    ENDED_WHY,
    EXTENSION_NAMES,
    LATE,
    Case,
    Register,
    timeliness,
    working_days_left,
)
from foibot.register.reminders import Digest, DueItem, Waiting, digest
from foibot.register.store import Store
from foibot.suggest.similar import SimilarCase
from foibot.suggest.suggestions import as_typed

# A case opened without a received date (the email gave none) is dated the day it was pasted until the real date
# is given (``Case.received_assumed``): its received and due dates are marked, never shown as fact.
ASSUMED_RECEIVED = "(assumed: the day it was pasted; not yet given)"
ASSUMED_DUE = "(assumed: counted from the day it was pasted)"
ASSUMED_SHORT = "(received date assumed)"


def ahead_of_today(day: date, today: date) -> str:
    """A note when ``day`` is after ``today``: the deadline is then a figure to plan with (empty otherwise)."""
    if day <= today:
        return ""
    return f"{format_day(day)} is after today ({format_day(today)}): this is when it would be due if it arrived then."


def deadline(result: Deadline, received: date, *, today: date | None = None) -> str:
    """When a request is due, the rule, and the non-working weekdays skipped (with a note first when the
    request, or its clarification, is dated after ``today``)."""
    ahead = ahead_of_today(max(received, result.received), today) if today else ""
    lines = [f"Note: {ahead}"] if ahead else []
    lines.append(f"Received: {format_day(received)}")
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
        cited = ", ".join(map(as_typed, r.exemptions)) or "no exemption"
        outcome = (r.outcome or "no outcome").replace("_", " ")
        lines.append(f"{r.reference}  {r.date or 'undated'}  {outcome}  ({cited})")
        lines.append(f"    why: {r.why}")
    return "\n".join(lines)


def exemptions(kb: Knowledge) -> str:
    """Every exemption and exception in the knowledge base, one a line."""
    return "\n".join(f"{e.section}: {e.title} ({e.type})" for e in kb.exemptions.values())


def open_cases(cases: list[Case], today: date, register: Register | None = None) -> str:
    """The register's open cases, nearest due date first, overdue ones marked; a case awaiting clarification with the
    day it was asked for and how long it has waited (no due date until it arrives); an answered or ended case with
    the day it was sent, late ones marked, by the rule ``foibot stats`` counts by (``cases.timeliness``). With the
    ``register``, the history supplies the day a clarification was asked for and whether it was asked too late."""
    if not cases:
        return "No open cases."
    lines = []
    for case in cases:
        due = f"due {format_day(case.due)}" if case.due else "no due date"
        if case.status == "awaiting_clarification":
            due = _waiting(register, case, today, "no due date until it arrives")
        elif case.status in ENDED:  # ended unanswered: when, not a due date that no longer runs
            on = register.status_since(case.ref) if register else None
            due = f"{case.status} {format_day(on)}" if on else case.status
        elif case.sent_on and case.status not in ACTIVE:  # answered: when, not a due date long past
            due = f"sent {format_day(case.sent_on)}"
        late = register.late_by(case, today) if register else ""
        if not register and timeliness(case.status, case.due, case.sent_on, today,
                                       assumed=case.received_assumed) == LATE:
            late = "late"
        flag = ("  OVERDUE" if case.status in ACTIVE else "  LATE") if late else ""
        summary = " ".join(case.request_text.split())
        summary = summary[:60] + ("…" if len(summary) > 60 else "")
        assumed = f" {ASSUMED_SHORT}" if case.received_assumed else ""
        lines.append(f"{case.ref:<14} {case.status.replace('_', ' '):<22} {due}{assumed}{flag}  {summary}")
    return "\n".join(lines)


def _waiting(register: Register | None, case: Case, today: date, then: str) -> str:
    """"since Tue 10 Mar 2026 (8 working days); ``then``" for a case awaiting clarification, and after a long wait the
    note on closing it as lapsed; "since a day not recorded" without the register or the day."""
    asked = register.clarification_asked(case.ref) if register else None
    if register is None or asked is None:
        return f"since a day not recorded; {then}"
    waited = max(0, working_days_left(asked, today, case.regime, holiday_data_until=register.holiday_data_until))
    waiting = Waiting(case.ref, asked, waited)
    note = waiting.lapse_note()
    return f"{waiting.since()}; {then}" + (f"; {note}" if note else "")


def _complain_by(review: Case) -> date:
    """The day the ICO asks a complaint about a sent review to come by: six weeks from its letter."""
    sent = review.sent_on or review.letter_date
    return ico_complaint_by(max(sent, review.letter_date or sent))


def case_details(register: Register, case: Case, *, authority_type: str | None = None) -> str:
    """A few lines about a case (terminal and Slack) (the requester's name, not their contact details); with the
    authority's type, the note its due date needs (a school's, ``schools_note``)."""
    lines = [f"{case.ref}: {case.status.replace('_', ' ')} ({case.regime.upper()})"]
    today = register.today()
    late = register.late_by(case, today)
    if case.received:
        lines.append(f"  received   {format_day(case.received)}"
                     + (f" {ASSUMED_RECEIVED}" if case.received_assumed else ""))
    if case.status == "awaiting_clarification":
        waiting = _waiting(register, case, today, "no due date until it arrives, then 20 working days from that day")
        lines.append(f"  awaiting   clarification {waiting}")
    if case.clarified_on:
        lines.append(f"  clarified  {format_day(case.clarified_on)} (the clock restarted)")
    if case.status in ENDED:
        on = register.status_since(case.ref)
        lines.append(f"  {case.status:<10} {format_day(on) if on else ''}".rstrip()
                     + f" ({ENDED_WHY[case.status]}; never due, nor reminded of)")
    elif case.due:
        lines.append(f"  due        {format_day(case.due)}" + (f" {ASSUMED_DUE}" if case.received_assumed else "")
                     + _extended(register, case) + (f"; {late}" if late and not case.sent_on else ""))
    if case.sent_on:
        lines.append(f"  sent       {format_day(case.sent_on)}" + (f"; {late}" if late else ""))
        window = register.review_window_end(case)
        if window:
            lines.append(f"  review may be asked for until {format_day(window)}")
        elif case.is_review and case.regime != "foisa":
            lines.append(f"  the requester may complain to the ICO; it asks for complaints within six weeks: by "
                         f"{format_day(_complain_by(case))}")
    if case.outcome:
        cited = ", ".join(map(as_typed, case.exemptions)) or "none"
        lines.append(f"  outcome    {case.outcome.replace('_', ' ')}; exemptions: {cited}")
    if case.parent_ref:
        lines.append(f"  internal review of {case.parent_ref}")
    for review in register.reviews(case.ref):
        if review.sent_on:  # answered: its outcome, and the requester's next step
            after = f", outcome {review.outcome.replace('_', ' ')}" if review.outcome else ""
            after += f", sent {format_day(review.sent_on)}"
            after += f"; ICO complaints by {format_day(_complain_by(review))}" if review.regime != "foisa" else ""
        else:
            after = f", due {format_day(review.due)}" if review.due else ""
        lines.append(f"  internal review {review.ref}: {review.status.replace('_', ' ')}{after}")
    if case.requester_name:
        lines.append(f"  requester  {case.requester_name}")
    summary = " ".join(case.request_text.split())
    lines.append(f"  request    {summary[:200]}{'…' if len(summary) > 200 else ''}")
    if case.due and (note := schools_note(authority_type, case.regime)):
        lines.append(f"  Note: {note}")
    return "\n".join(lines)


def _extended(register: Register, case: Case) -> str:
    """`` (extended under EIR reg 7 on …; it was due …)`` for an extended case (empty otherwise)."""
    kind, on, day20 = register.extension_of(case)
    if kind is None:
        return ""
    when = f" on {format_day(on)}" if on else ""
    if kind == "pit":
        return (f" (extended under {EXTENSION_NAMES['pit']},{when}" + (f"; the s17(1) refusal notice was still due by "
                f"{format_day(day20)}" if day20 else "") + ")")
    was = f"; it was due {format_day(day20)}" if day20 else ""
    return f" (extended under {EXTENSION_NAMES[kind]}{when}{was})"


def paragraphs(engine: Engine) -> list[str]:
    """The standard paragraphs (``snippets/paragraphs/``) offered under the authority's law, for every surface (the
    CLI, ``/foi`` and App Home): one stating another law's provision with no counterpart in it is left out
    (``foibot.law.paragraphs``)."""
    return offered(paragraph_names(engine.env), engine.authority.regime)


def paragraph(engine: Engine, name: str) -> str:
    """One standard paragraph with the authority's details filled in and case details shown as gaps."""
    return to_text(render_paragraph(name, engine.env, engine.kb, engine.authority, letter_date=engine.today()))


def due_report(register: Register, store: Store, authority: Authority, today: date, within: int) -> tuple[Digest, str]:
    """The cases due within ``within`` working days, the overdue ones and those awaiting clarification (``foibot
    due``, ``/foi due``), and the schools note when it lists a FOIA request of an education profile, as every due
    date given to one says (reviews have no statutory due date to vary)."""
    found = digest(store, today, within=within, holiday_data_until=authority.holiday_data_until)
    items: list[DueItem] = [*found.overdue, *found.due_soon]
    regimes = {register.require(i.ref).regime for i in items if not i.is_review}
    return found, next((note for r in sorted(regimes) if (note := schools_note(authority.type, r))), "")
