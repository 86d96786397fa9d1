"""The case register: references without gaps or duplicates, statuses with the deadlines they imply, history.

Every change to a case is written to ``case_events`` (who, when, what) in the same transaction as the
change itself. Where personal data is held (requester name, email, address, the request text) is declared
in ``personal_data.HOLDINGS`` for purge and subject access export; events record which fields changed,
never their personal values.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import sqlite_utils

from foibot.errors import FoibotError, InputError
from foibot.law.dates import format_day
from foibot.law.dates import today as uk_today
from foibot.register.store import Store, utcnow

STATUSES = ("new", "awaiting_clarification", "drafting", "in_review", "sent", "internal_review", "with_ico",
            "closed", "withdrawn", "lapsed")
ACTIVE = ("new", "drafting", "in_review")
"""Statuses in which the statutory clock is running (awaiting_clarification stops it)."""
OPEN = (*ACTIVE, "awaiting_clarification")
"""Statuses of a case still to be answered: the clock running, or waiting for the requester's clarification."""
ENDED = ("withdrawn", "lapsed")
"""A request that ends without an answer: the requester withdrew it, or never sent the clarification asked for
(s1(3); EIR reg 9). Never reminded of nor due; ``foibot stats`` counts each in its own column."""

TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"awaiting_clarification", "drafting", "in_review", "sent", "closed", "withdrawn"}),
    "awaiting_clarification": frozenset({"new", "drafting", "in_review", "closed", "withdrawn", "lapsed"}),
    "drafting": frozenset({"awaiting_clarification", "in_review", "sent", "closed", "withdrawn"}),
    "in_review": frozenset({"drafting", "sent", "closed", "withdrawn"}),
    "sent": frozenset({"internal_review", "with_ico", "closed"}),
    "internal_review": frozenset({"with_ico", "closed"}),
    "with_ico": frozenset({"closed"}),
    "closed": frozenset({"internal_review", "with_ico"}),
    "withdrawn": frozenset(),
    "lapsed": frozenset({"with_ico"}),  # the requester may complain that the request went unanswered
}
ENDED_WHY = {"withdrawn": "the requester withdrew the request",
             "lapsed": "the clarification asked for never came"}
ENDED_CLOCK = {"withdrawn": "stopped: the requester withdrew the request",
               "lapsed": "stopped: the clarification asked for never came, so the request lapsed"}
LAPSE_NOTE_WORKING_DAYS = 60
"""After this many working days without the clarification asked for, ``foibot due`` and ``foibot cases`` suggest
closing the request as lapsed. Practice, not law: the Act sets no period (the ICO's guidance that a request may be
closed when no clarification comes within a reasonable time is not quoted here)."""
IN_TIME, LATE = "in time", "late"
OUTCOMES = ("granted", "partially_granted", "refused", "not_held", "ncnd", "withdrawn")
EDITABLE = ("received", "regime", "requester_name", "requester_email", "requester_address", "request_text", "topics")
REVIEW_WINDOW_WORKING_DAYS = 40
ASSUMED_CLOCK = "counted from the day the request was pasted: its received date is assumed, not yet given"
"""The ``clock`` of the "opened" history event of a case opened without a received date."""
EXTENSION_NAMES = {"pit": "FOIA s10(3), the public interest test", "reg7": "EIR reg 7"}
_EXTENSION_DEADLINE = {
    "pit": "FOIA s17(1)-(2): the refusal notice, with the estimate of when the public interest decision will be "
           "made, goes out within the 20 working days",
    "reg7": "EIR reg 7(3): the requester is told within the 20 working days",
}
LATE_CLARIFICATION = ("the clarification was asked for after the due date, {due}: the request was already late, "
                      "and counts as late in the statistics")
"""The ``late_request`` of a move to awaiting_clarification made after the due date (``late_clarifications``)."""
LATENESS_FINDINGS = frozenset({"on-time"})
"""The statutory check's findings that only say a letter is dated after its due date: not a fault anyone can fix
once it is late (the register states the lateness instead)."""
_APOLOGY = re.compile(r"\b(?:we are sorry|we apologise|apologies for)\b", re.I)
"""How a late letter apologises for the delay (the acknowledgement paragraph, the review letter's ``delay``)."""
GIVEN_CLOCK = "counted from the received date given, no longer from the day the request was pasted"
"""The ``clock`` of the "updated" history event that gives such a case its received date."""


def fixable(findings: list[Any]) -> list[Any]:
    """A draft's saved check findings without its lateness (``LATENESS_FINDINGS``): a letter sent after its due date
    is late, and nothing in it can change that, so it is said plainly when sent, never a finding to override."""
    return [f for f in findings if not (isinstance(f, dict) and f.get("id") in LATENESS_FINDINGS)]


def text_hash(text: str) -> str:
    """A fingerprint of a request's words (case and spacing ignored), to spot the same request twice."""
    return hashlib.sha1(" ".join(text.lower().split()).encode()).hexdigest()[:16]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Case:
    """One row of the register, decoded."""

    ref: str
    status: str
    regime: str
    received: date | None
    due: date | None
    request_text: str
    clarified_on: date | None = None
    sent_on: date | None = None
    outcome: str | None = None
    exemptions: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    requester_name: str = ""
    requester_email: str = ""
    requester_address: str = ""
    conversation_id: str | None = None
    parent_ref: str | None = None
    source: str = "foibot"
    created_at: str = ""
    updated_at: str = ""
    letter_date: date | None = None  # the date of the letter marked sent (it may be later than sent_on)
    # True while ``received`` is only assumed (the day the request was pasted; the email gave no date): the
    # due date is counted from it until the real date is given (``Register.update(received=…)``).
    received_assumed: bool = False

    @property
    def is_review(self) -> bool:
        """An internal review case (linked to the case it reviews by ``parent_ref``)."""
        return self.parent_ref is not None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Case:
        return cls(
            ref=row["ref"], status=row["status"], regime=row["regime"] or "foia", received=_day(row["received"]),
            due=_day(row["due"]), request_text=row["request_text"] or "", clarified_on=_day(row.get("clarified_on")),
            sent_on=_day(row["sent_on"]), outcome=row["outcome"], exemptions=json.loads(row["exemptions"] or "[]"),
            topics=json.loads(row["topics"] or "[]"), requester_name=row["requester_name"] or "",
            requester_email=row["requester_email"] or "", requester_address=row["requester_address"] or "",
            conversation_id=row["conversation_id"], parent_ref=row["parent_ref"], source=row["source"] or "",
            created_at=row["created_at"] or "", updated_at=row["updated_at"] or "",
            letter_date=_day(row.get("letter_date")), received_assumed=bool(row.get("received_assumed")),
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with ISO dates."""
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(self).items()}


def active_cases(store: Store) -> list[Case]:
    """Cases whose clock is running (new, drafting, in review; reviews included), nearest due date first."""
    marks = ",".join("?" * len(ACTIVE))
    with store.lock:
        rows = list(store.db["cases"].rows_where(f"status in ({marks}) and due is not null", list(ACTIVE),
                                                 order_by="due, ref"))
    return [Case.from_row(r) for r in rows]


def received_between(start: date | None, end: date | None, *first: str) -> tuple[str, list[str]]:
    """A ``where`` clause (with its parameters) for cases received from ``start`` to ``end`` (either open), after
    the conditions ``first``: the statistics' choice of requests, and of reviews."""
    where, params = [*first, "received is not null"], []
    for day, test in ((start, "received >= ?"), (end, "received <= ?")):
        if day:
            where.append(test)
            params.append(day.isoformat())
    return " and ".join(where), params


def cases_in(store: Store, statuses: Iterable[str]) -> list[Case]:
    """The cases (reviews included) in any of ``statuses``, in the order they were opened."""
    wanted = list(dict.fromkeys(statuses))
    with store.lock:
        rows = list(store.db["cases"].rows_where(f"status in ({','.join('?' * len(wanted))})", wanted,
                                                 order_by="rowid"))
    return [Case.from_row(r) for r in rows]


def open_cases(store: Store) -> list[Case]:
    """Every case still to be answered: those whose clock is running, nearest due date first, then those awaiting
    clarification (no due date until it arrives), longest waiting first. Reviews included."""
    waiting = cases_in(store, ["awaiting_clarification"])
    asked = clarifications_asked(store)
    return [*active_cases(store), *sorted(waiting, key=lambda c: (asked.get(c.ref) or date.max, c.ref))]


def clarifications_asked(store: Store) -> dict[str, date]:
    """Each case awaiting clarification, and the day it was asked for (its last move to awaiting_clarification);
    a case whose history does not record the day is left out."""
    with store.lock:
        rows = store.db.execute(
            "select e.ref, json_extract(e.detail, '$.on') from case_events e join cases c on c.ref = e.ref "
            "where c.status = 'awaiting_clarification' and e.action = 'status' "
            "and json_extract(e.detail, '$.to') = 'awaiting_clarification' order by e.id").fetchall()
    out: dict[str, date] = {}
    for ref, on in rows:  # the last move wins
        try:
            out[ref] = date.fromisoformat(str(on))
        except ValueError:
            out.pop(ref, None)
    return out


def timeliness(status: str, due: date | None, sent_on: date | None, today: date, *, assumed: bool = False,
               clarified_late: bool = False) -> str | None:
    """Whether a request was answered in time: ``IN_TIME``, ``LATE`` or None (not judged). One rule for
    ``foibot stats``, ``foibot case``, ``foibot cases`` and the sent flow. Sent on or before the due date is in time,
    after it late; still open (the clock running) after it is late already; a clarification asked for after the due
    date leaves the request late whenever it is answered (``late_clarifications``). Not judged: a case whose
    received date is only assumed, one without a due date (imported history, awaiting clarification), one not yet
    due, and one that ended unanswered (withdrawn, lapsed, closed without being sent)."""
    if assumed:
        return None
    if clarified_late and (sent_on or status in ACTIVE):
        return LATE
    if due and sent_on:
        return IN_TIME if sent_on <= due else LATE
    if due and status in ACTIVE and due < today:
        return LATE
    return None


def working_days_left(today: date, due: date, regime: str = "foia", *, holiday_data_until: int = 2028) -> int:
    """Working days from ``today`` to ``due`` (0 on the day, negative once overdue); from a due date to the day a
    letter was sent, how late it was.

    Beyond the holiday data only weekends are skipped (a reminder must still go out).
    """
    from foibot.law.deadlines import parse_regime, working_days_between

    try:
        return working_days_between(today, due, parse_regime(regime), holiday_data_until=holiday_data_until)
    except FoibotError:
        low, high, sign = (today, due, 1) if due >= today else (due, today, -1)
        return sign * sum((low + timedelta(days=i)).weekday() < 5 for i in range(1, (high - low).days + 1))


class Register:
    """Cases in a :class:`Store`. ``reference_format`` is the authority's, e.g. ``FOI {year}-{seq}``."""

    def __init__(self, store: Store, reference_format: str = "FOI {year}-{seq}", *,
                 holiday_data_until: int = 2028, review_window: int = REVIEW_WINDOW_WORKING_DAYS,
                 today: Callable[[], date] = uk_today, regime: str = "foia"):
        self.store, self.reference_format = store, reference_format
        self.regime = regime  # the authority's regime: a case opened without one is answered under it
        self.holiday_data_until, self.review_window, self.today = holiday_data_until, review_window, today

    # --- reading -------------------------------------------------------------------------------

    def get_case(self, ref: str) -> Case | None:
        """The case with exactly this reference, or None."""
        with self.store.lock:
            rows = list(self.store.db["cases"].rows_where("ref = ?", [ref.strip()]))
        return Case.from_row(rows[0]) if rows else None

    def find_case(self, ref: str) -> Case | None:
        """The case an officer names, or None: its exact reference, or the reference typed loosely, whatever its
        capitals, spaces and punctuation ("foi 2026-1", "FOI-2026-1" as the Word file spells it, "FOI 2026-001"),
        or without its prefix ("2026-1") when one case alone ends so (InputError when several do)."""
        case = self.get_case(ref)
        if case is None:
            with self.store.lock:
                rows = self._loosely(ref)
            case = Case.from_row(rows[0]) if rows else None
        return case

    def _loosely(self, ref: str) -> list[dict[str, Any]]:
        """The row of the one case ``ref`` names when read as words and numbers (call under the store's lock)."""
        typed = ref_tokens(ref)
        if not typed:
            return []
        refs = [r for (r,) in self.store.db.execute("select ref from cases").fetchall()]
        same = [r for r in refs if ref_tokens(r) == typed]
        ending = [r for r in refs if len(typed) >= 2 and ref_tokens(r)[-len(typed):] == typed]
        found = same or ending
        if len(found) > 1:
            raise InputError(f"{ref.strip()!r} could be {', '.join(found[:5])}: type the whole reference")
        return list(self.store.db["cases"].rows_where("ref = ?", found)) if found else []

    def require(self, ref: str) -> Case:
        """The case with this reference, typed as loosely as ``find_case`` allows; InputError naming it if there
        is none."""
        case = self.find_case(ref)
        if case is None:
            raise InputError(f"there is no case {ref.strip()!r} in the register")
        return case

    def history(self, ref: str) -> list[dict[str, Any]]:
        """Every recorded change to a case, oldest first: ``{at, who, action, detail}``."""
        with self.store.lock:
            rows = list(self.store.db["case_events"].rows_where("ref = ?", [ref], order_by="id"))
        return [{"at": r["at"], "who": r["who"], "action": r["action"], "detail": json.loads(r["detail"] or "{}")}
                for r in rows]

    def reviews(self, ref: str) -> list[Case]:
        """The internal review cases opened for a case, oldest first."""
        with self.store.lock:
            rows = list(self.store.db["cases"].rows_where("parent_ref = ?", [ref], order_by="rowid"))
        return [Case.from_row(r) for r in rows]

    def case_for_conversation(self, conversation_id: str) -> Case | None:
        """The (non-review) case opened for a conversation, if any."""
        with self.store.lock:
            rows = list(self.store.db["cases"].rows_where("conversation_id = ? and parent_ref is null",
                                                          [conversation_id]))
        return Case.from_row(rows[0]) if rows else None

    def review_window_end(self, case: Case) -> date | None:
        """The last day the requester may ask for an internal review: 40 working days (the authority's
        window) after the response, counted from the letter's date when it is later than the day it was
        marked sent, as the letter itself states it. None for an internal review itself: after it the
        requester's next step is a complaint to the Commissioner (FOIA s50), not another review."""
        if case.sent_on is None or case.is_review:
            return None
        from foibot.law.deadlines import parse_regime, review_window_end

        start = max(case.sent_on, case.letter_date or case.sent_on)
        window = REVIEW_WINDOW_WORKING_DAYS if case.regime == "foisa" else self.review_window
        try:
            return review_window_end(start, window, parse_regime(case.regime),
                                     holiday_data_until=self.holiday_data_until)
        except FoibotError:
            return None

    # --- opening -------------------------------------------------------------------------------

    def open_case(self, request_text: str, *, who: str, received: date | None = None, regime: str | None = None,
                  requester_name: str = "", requester_email: str = "", requester_address: str = "",
                  conversation_id: str | None = None, topics: Iterable[str] = ()) -> Case:
        """Open a case with the next reference for the year it was received, and its due date. Without a
        ``regime`` the case is answered under the authority's (``Register.regime``: foia, or foisa). Without a
        ``received`` date the case is opened as received today and marked so (``received_assumed``): its due
        date is counted from today until the real date is given."""
        who = _who(who)
        regime = str(regime or self.regime or "foia").strip().lower()
        if not request_text or not request_text.strip():
            raise InputError("a case needs the text of the request")
        assumed = received is None
        received = received or self.today()
        due, due_error = self._due(received, regime)
        with self.store.transaction() as db:
            ref, seq = self._allocate(db, received.year)
            now = utcnow()
            db["cases"].insert({
                "ref": ref, "year": received.year, "seq": seq, "status": "new", "regime": regime,
                "received": received.isoformat(), "due": due, "request_text": request_text,
                "requester_name": requester_name, "requester_email": requester_email.strip().lower(),
                "requester_address": requester_address, "conversation_id": conversation_id, "source": "foibot",
                "text_hash": text_hash(request_text), "exemptions": "[]", "topics": json.dumps(list(topics)),
                "created_at": now, "updated_at": now, "received_assumed": int(assumed),
            })
            _event(db, ref, who, "opened", {"received": received.isoformat(), "due": due, "regime": regime,
                                            **({"due_error": due_error} if due_error else {}),
                                            **({"clock": ASSUMED_CLOCK} if assumed else {})})
        return self.require(ref)

    def open_for_conversation(self, *, conversation_id: str, request_text: str, answers: dict[str, Any],
                              who: str | None = None) -> str:
        """The engine's ``open_case`` hook: open a case from a conversation's prefilled answers; its reference."""
        existing = self.case_for_conversation(conversation_id)
        if existing:
            return existing.ref
        received = answers.get("received")
        return self.open_case(
            request_text, who=who or "foibot", received=date.fromisoformat(received) if received else None,
            regime=str(answers.get("regime") or self.regime), requester_name=str(answers.get("requester_name") or ""),
            requester_email=str(answers.get("requester_email") or ""), conversation_id=conversation_id,
        ).ref

    # --- changing ------------------------------------------------------------------------------

    def set_status(self, ref: str, status: str, who: str, on: date | None = None, *,
                   notes: list[str] | None = None) -> Case:
        """Move a case to ``status`` on the day ``on`` (default today) and return it; ``notes`` (sentences for the
        officer, such as why a review is dated today) go into the history with the move, among its warnings.

        awaiting_clarification stops the clock; leaving it restarts the clock from ``on``, the day the
        clarification arrived (s1(3), s10(6)(b)). sent records ``on`` as the day sent (the requester's
        review window runs from it). internal_review opens a linked review case ``REF/IR`` with its own
        target (20 working days for FOIA) from ``on``, the day the review was asked for.
        """
        who = _who(who)
        status = status.strip().lower().replace(" ", "_").replace("-", "_")
        if status not in STATUSES:
            raise InputError(f"{status!r} is not a status; use one of {', '.join(STATUSES)}")
        with self.store.transaction() as db:  # read and write under one lock: two officers cannot race
            case = self.require(ref)
            if status == case.status:
                return case
            if status not in TRANSITIONS[case.status]:
                allowed = ", ".join(sorted(TRANSITIONS[case.status])) or "nothing"
                why = (" (a request lapses when the clarification asked for never comes: only a case awaiting "
                       "clarification can lapse)" if status == "lapsed" else "")
                raise InputError(f"{case.ref} is {case.status}; it can become {allowed}, not {status}{why}")
            today = self.today()
            on = on or today
            if on > today:
                raise InputError(f"{on.isoformat()} is in the future (today is {today.isoformat()}): give the day "
                                 f"{case.ref} became {status.replace('_', ' ')}, today or earlier")
            if case.received and on < case.received and not case.received_assumed:  # an assumed day proves nothing
                raise InputError(f"{on.isoformat()} is before {case.ref} was received ({case.received.isoformat()})")
            if status == "closed":
                self._refuse_open_reviews(case)
            fields: dict[str, Any] = {"status": status}
            detail: dict[str, Any] = {"from": case.status, "to": status, "on": on.isoformat()}
            review_row: dict[str, Any] | None = None
            if status == "awaiting_clarification":
                fields["due"] = None
                detail["clock"] = "stopped until the clarification arrives"
                if case.due and on > case.due and not case.received_assumed and not case.is_review:
                    # s10(6)(b) restarts the clock, but the request was already late (foi-law 1.1: ask promptly)
                    detail["late_request"] = LATE_CLARIFICATION.format(due=format_day(case.due))
            elif case.status == "awaiting_clarification" and status in ACTIVE:
                asked = self._clarification_asked(db, case.ref)
                if asked and on < asked:
                    raise InputError(f"the clarification cannot have arrived on {on.isoformat()}: it was asked for "
                                     f"on {asked.isoformat()}; give the day it arrived (--on DATE)")
                due, error = self._due(case.received or on, case.regime, clarified_on=on, review=case.is_review,
                                       extension=_extension(db, case.ref)[0])
                fields.update(clarified_on=on.isoformat(), due=due)
                detail.update(clock=f"restarted by the clarification received {on.isoformat()}", due=due)
                if error:
                    detail["due_error"] = error
            elif status == "sent":
                letter_date, warnings, apologises = self._sending(db, case, on)
                if late := self._late_by(db, replace(case, status=status, sent_on=on), today):
                    detail["late"] = late if late.startswith("late:") else f"{late} (it was due {format_day(case.due)})"
                    if apologises is not None:
                        detail["apologises"] = apologises
                fields.update(sent_on=on.isoformat(), letter_date=letter_date.isoformat() if letter_date else None)
                window = self.review_window_end(replace(case, sent_on=on, letter_date=letter_date))
                detail["review_window_end"] = window.isoformat() if window else None
                if letter_date and letter_date != on:
                    detail["letter_date"] = letter_date.isoformat()
                if warnings:
                    detail["warnings"] = warnings
            elif status in ENDED:
                detail["clock"] = ENDED_CLOCK[status]
            elif status == "internal_review":
                window = self.review_window_end(case)
                if window and on > window:
                    detail["late_request"] = f"asked after the review window closed on {window.isoformat()}"
                review_row = self._review_row(db, case, on)
                detail["review"] = review_row["ref"]
                detail["review_due"] = review_row["due"]
            if notes:
                detail["warnings"] = [*detail.get("warnings", []), *notes]
            db["cases"].update(case.ref, {**fields, "updated_at": utcnow()})
            _event(db, case.ref, who, "status", detail)
            if review_row:
                db["cases"].insert(review_row)
                _event(db, review_row["ref"], who, "opened", {"review_of": case.ref, "received": on.isoformat(),
                                                             "due": review_row["due"]})
        return self.require(case.ref)

    def extend(self, ref: str, extension: str, who: str, on: date | None = None) -> Case:
        """Extend a case's time on the day ``on`` (default today): ``pit``, FOIA s10(3) (the public interest
        test; the s17(1) notice with its s17(2) estimate still goes by day 20), or ``reg7``, EIR reg 7(1) (complex
        and voluminous; the requester told within 20 working days, reg 7(3)). Either is due 40 working days after
        receipt (or the clarification), and must be claimed by day 20: after it the request is already late."""
        from foibot.law.deadlines import case_due

        who = _who(who)
        kind = str(extension or "").strip().lower().replace(" ", "")
        with self.store.transaction() as db:
            case = self.require(ref)
            if case.is_review:
                raise InputError(f"{case.ref} is an internal review: its time is not extended this way")
            if case.status not in ACTIVE:
                raise InputError(f"{case.ref} is {case.status.replace('_', ' ')}: only a case whose clock is running "
                                 f"(new, drafting, in review) can be extended")
            if (already := _extension(db, case.ref)[0]) is not None:
                raise InputError(f"{case.ref} is already extended (under {EXTENSION_NAMES.get(already, already)})")
            start = case.received or self.today()
            extended, why = case_due(start, case.regime, clarified_on=case.clarified_on, extension=kind,
                                     holiday_data_until=self.holiday_data_until)
            if extended is None:
                raise InputError(why)
            day20, _ = case_due(start, case.regime, clarified_on=case.clarified_on,
                                holiday_data_until=self.holiday_data_until)
            today = self.today()
            on = on or today
            if on > today:
                raise InputError(f"{on.isoformat()} is in the future (today is {today.isoformat()}): give the day "
                                 f"the extension was claimed, today or earlier")
            if on < (case.clarified_on or start) and not case.received_assumed:
                raise InputError(f"{on.isoformat()} is before {case.ref} was received ({start.isoformat()})")
            if day20 is not None and on > day20.due:
                raise InputError(f"{case.ref} cannot be extended on {format_day(on)}: the extension had to be "
                                 f"claimed by day 20, {format_day(day20.due)} ({_EXTENSION_DEADLINE[kind]})")
            due = extended.due.isoformat()
            db["cases"].update(case.ref, {"due": due, "updated_at": utcnow()})
            # Kept in the history only (no column: the due date holds its effect), as an "updated" event, so its
            # history line needs no new wording; ``via`` is the extension (a detail the line does not repeat).
            _event(db, case.ref, who, "updated", {"changed": ["extension"], "via": kind, "on": on.isoformat(),
                                                  "due": due, "clock": f"extended under {EXTENSION_NAMES[kind]} on "
                                                                       f"{format_day(on)}"})
        return self.require(case.ref)

    def extension_of(self, case: Case) -> tuple[str | None, date | None, date | None]:
        """(``pit`` or ``reg7``, the day it was claimed, the case's day 20 without it) for an extended case, or
        (None, None, None)."""
        from foibot.law.deadlines import case_due

        with self.store.lock:
            kind, on = _extension(self.store.db, case.ref)
        if kind is None:
            return None, None, None
        day20, _ = case_due(case.received, case.regime, clarified_on=case.clarified_on,
                            holiday_data_until=self.holiday_data_until)
        return kind, on, day20.due if day20 else None

    def record_outcome(self, ref: str, outcome: str, exemptions: Iterable[str] = (), topics: Iterable[str] = (),
                       *, who: str) -> Case:
        """Record how a case was answered: the outcome, the exemptions cited and its topics."""
        who = _who(who)
        outcome = outcome.strip().lower().replace(" ", "_").replace("-", "_")
        if outcome not in OUTCOMES:
            raise InputError(f"{outcome!r} is not an outcome; use one of {', '.join(OUTCOMES)}")
        cited = list(dict.fromkeys(e.strip() for e in exemptions if e and e.strip()))
        with self.store.transaction() as db:
            case = self.require(ref)
            topic_list = list(dict.fromkeys(t.strip() for t in topics if t and t.strip())) or case.topics
            db["cases"].update(case.ref, {"outcome": outcome, "exemptions": json.dumps(cited),
                                          "topics": json.dumps(topic_list), "updated_at": utcnow()})
            _event(db, case.ref, who, "outcome", {"outcome": outcome, "exemptions": cited, "topics": topic_list})
        return self.require(case.ref)

    def link_draft(self, ref: str, conversation_id: str, version: int, *, who: str) -> None:
        """Link draft ``version`` of a conversation to a case; a new case moves on to drafting."""
        who = _who(who)
        with self.store.transaction() as db:
            case = self.require(ref)
            db.execute("update drafts set case_ref = ? where conversation_id = ? and version = ?",
                       [case.ref, conversation_id, version])
            fields: dict[str, Any] = {"updated_at": utcnow()}
            if not case.conversation_id:
                fields["conversation_id"] = conversation_id
            if case.status == "new":
                fields["status"] = "drafting"
                _event(db, case.ref, who, "status", {"from": "new", "to": "drafting",
                                                     "on": self.today().isoformat()})
            db["cases"].update(case.ref, fields)
            _event(db, case.ref, who, "draft_linked", {"conversation": conversation_id, "version": version})

    def update(self, ref: str, who: str, **changes: Any) -> Case:
        """Correct a case's details (received, regime, requester, request text, topics); the due date follows.

        The history records which fields changed, not their (possibly personal) values. Giving the received
        date of a case opened without one (even the same day) clears ``received_assumed``, and the history says so.
        """
        who = _who(who)
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InputError(f"cannot change {', '.join(sorted(unknown))}; editable: {', '.join(EDITABLE)}")
        with self.store.transaction() as db:
            case = self.require(ref)
            stored = {k: _stored(v) for k, v in changes.items() if _stored(v) != _stored(getattr(case, k))}
            given = case.received_assumed and _day(_stored(changes.get("received"))) is not None
            if not stored and not given:
                return case
            if "requester_email" in stored:
                stored["requester_email"] = str(stored["requester_email"] or "").strip().lower()
            if "request_text" in stored:
                stored["text_hash"] = text_hash(stored["request_text"])
            detail: dict[str, Any] = {"changed": sorted(k for k in changes if k in stored or given and k == "received")}
            if given:
                stored["received_assumed"] = 0
                detail["clock"] = GIVEN_CLOCK
            received = _day(stored.get("received")) or case.received
            if {"received", "regime"} & set(stored) and case.status in ACTIVE and received:
                stored["due"], error = self._due(received, stored.get("regime", case.regime),
                                                 clarified_on=case.clarified_on, review=case.is_review,
                                                 extension=_extension(db, case.ref)[0])
                detail.update(due=stored["due"], **({"due_error": error} if error else {}))
            db["cases"].update(case.ref, {**stored, "updated_at": utcnow()})
            _event(db, case.ref, who, "updated", detail)
        return self.require(case.ref)

    def note(self, ref: str, who: str, action: str, detail: dict[str, Any]) -> None:
        """Add an event to a case's history (answers given, a draft approved): who, when, what."""
        with self.store.transaction() as db:
            _event(db, self.require(ref).ref, _who(who), action, detail)

    # --- internals -----------------------------------------------------------------------------

    def _allocate(self, db: sqlite_utils.Database, year: int) -> tuple[str, int]:
        """The next free reference; call inside the transaction that inserts the case (so no gaps).

        A reference already in the register (say, imported from a disclosure log) is passed over.
        """
        key = year if "{year" in self.reference_format else 0
        row = db.execute("select seq from counters where year = ?", [key]).fetchone()
        seq = row[0] if row else 0
        while True:
            seq += 1
            ref = self.reference_format.format(year=year, seq=seq)
            if not db.execute("select 1 from cases where ref = ?", [ref]).fetchone():
                break
        db.execute("insert into counters (year, seq) values (?, ?) on conflict(year) do update set seq = excluded.seq",
                   [key, seq])
        return ref, seq

    def _due(self, received: date, regime: str, *, clarified_on: date | None = None,
             review: bool = False, extension: str | None = None) -> tuple[str | None, str | None]:
        """(due date, None) or (None, why it could not be computed, e.g. beyond the holiday data)."""
        from foibot.law.deadlines import case_due, parse_regime, review_target

        if not review:
            deadline, why = case_due(received, regime, clarified_on=clarified_on, extension=extension,
                                     holiday_data_until=self.holiday_data_until)
            return (deadline.due.isoformat(), None) if deadline else (None, why)
        try:
            deadline = review_target(received, regime=parse_regime(regime), holiday_data_until=self.holiday_data_until)
        except FoibotError as exc:
            return None, str(exc)
        return deadline.due.isoformat(), None

    def _clarification_asked(self, db: sqlite_utils.Database, ref: str) -> date | None:
        """The day the case last went to awaiting_clarification (the day the clarification was asked for)."""
        for (detail,) in db.execute("select detail from case_events where ref = ? and action = 'status' "
                                    "order by id desc", [ref]).fetchall():
            value = json.loads(detail or "{}")
            if value.get("to") == "awaiting_clarification":
                try:
                    return date.fromisoformat(str(value.get("on")))
                except ValueError:
                    return None
        return None

    def _sending(self, db: sqlite_utils.Database, case: Case, on: date) -> tuple[date | None, list[str], bool | None]:
        """The date of the letter being marked sent (the draft named by the latest 'sent' note, else the
        newest draft linked to the case), what the officer should be warned of (a draft never approved,
        a letter dated after the day it is marked sent, a draft that did not pass the statutory check for any reason
        but its lateness) and whether the letter apologises for a delay (None without a draft)."""
        version = None
        for (detail,) in db.execute("select detail from case_events where ref = ? and action = 'sent' "
                                    "order by id desc limit 1", [case.ref]).fetchall():
            value = json.loads(detail or "{}").get("value")
            version = value.get("version") if isinstance(value, dict) else None
        where, params = "case_ref = ?", [case.ref]
        if version is not None:
            where += " and version = ?"
            params.append(version)
            if case.conversation_id:
                where += " and conversation_id = ?"
                params.append(case.conversation_id)
        row = db.execute(f"select version, letter_date, checks, letter from drafts where {where} "
                         "order by id desc limit 1", params).fetchone()
        if row is None:
            return None, [], None
        version, letter_date = row[0], _day(row[1])
        warnings: list[str] = []
        findings = json.loads(row[2] or "[]") if isinstance(row[2], str) else (row[2] or [])
        # a letter sent after its due date is late, and nothing in it can change that: the register says so plainly
        # (``late_by``), never as a finding to override
        findings = fixable(findings)
        if findings:
            warnings.append(f"draft {version} of {case.ref} did not pass the statutory check ({len(findings)} "
                            f"finding{'s' if len(findings) != 1 else ''}, such as "
                            f"\"{_finding_text(findings[0])}\")")
        approved = {json.dumps(json.loads(d or "{}").get("value")) for (d,) in db.execute(
            "select detail from case_events where ref = ? and action = 'approved'", [case.ref]).fetchall()}
        if json.dumps(version) not in approved:
            warnings.append(f"draft {version} of {case.ref} was never approved")
        if letter_date and letter_date > on:
            warnings.append(f"the letter is dated {letter_date.isoformat()}, after {on.isoformat()}, the day it is "
                            f"marked sent: the review deadline is counted from the letter's date, as it states")
        return letter_date, warnings, bool(_APOLOGY.search(row[3] or ""))

    def _refuse_open_reviews(self, case: Case) -> None:
        """A case is not closed while an internal review of it is still to be answered: the review has its own
        deadline, and closing the case it reviews would hide it. Close (or answer) the review first."""
        waiting = [r for r in self.reviews(case.ref) if r.status in OPEN]
        if waiting:
            names = ", ".join(f"{r.ref} ({r.status.replace('_', ' ')})" for r in waiting)
            raise InputError(f"{case.ref} cannot be closed while its internal review is still open: {names}. "
                             f"Answer the review and mark it sent, or close it first (foibot case "
                             f"'{waiting[0].ref}' --status closed), then close {case.ref}")

    def late_by(self, case: Case, today: date | None = None) -> str:
        """How late a request is, in words, by ``timeliness`` (the rule ``foibot stats`` counts by): "9 working days
        late" for one sent after its due date, "3 working days overdue" for one still open after it, the reason for
        one whose clarification was asked for after its due date; "" for one in time, not yet due or not judged.
        Internal reviews have a target, not a statutory due date: ""."""
        with self.store.lock:
            return self._late_by(self.store.db, case, today or self.today())

    def _late_by(self, db: sqlite_utils.Database, case: Case, today: date) -> str:
        if case.is_review:
            return ""
        asked_late = next((json.loads(d or "{}").get("late_request") for (d,) in db.execute(
            "select detail from case_events where ref = ? and action = 'status' and "
            "json_extract(detail, '$.to') = 'awaiting_clarification' and "
            "json_extract(detail, '$.late_request') is not null order by id desc limit 1", [case.ref])), None)
        if timeliness(case.status, case.due, case.sent_on, today, assumed=case.received_assumed,
                      clarified_late=bool(asked_late)) != LATE:
            return ""
        if asked_late:
            return f"late: {asked_late}"
        assert case.due is not None
        days = working_days_left(case.due, case.sent_on or today, case.regime,
                                 holiday_data_until=self.holiday_data_until)
        return f"{days} working day{'s' if days != 1 else ''} {'late' if case.sent_on else 'overdue'}"

    def sent_lateness(self, ref: str) -> str:
        """What marking a late case sent said of its lateness, as a plain statement for surfaces ("" when it was
        in time): "This reply is 9 working days late (it was due Mon 27 Mar 2028); the letter apologises." Lateness is a
        fact by then, never a finding to override."""
        for event in reversed(self.history(ref)):
            if event["action"] == "status" and event["detail"].get("to") == "sent":
                detail = event["detail"]
                if not detail.get("late"):
                    return ""
                late = str(detail["late"]).removeprefix("late: ")
                said = (f"This reply is {late}" if late[:1].isdigit() else
                        f"This reply is late: {late}")
                if "apologises" in detail:
                    said += ("; the letter apologises" if detail["apologises"] else
                             "; the letter does not apologise for the delay")
                return said + "."
        return ""

    def status_since(self, ref: str) -> date | None:
        """The day a case moved into its present status (the ``on`` of that move), or None when its history does not
        record one (a case imported in it)."""
        case = self.require(ref)
        for event in reversed(self.history(case.ref)):
            if event["action"] == "status" and event["detail"].get("to") == case.status:
                return _day(str(event["detail"].get("on") or "")) if event["detail"].get("on") else None
        return None

    def clarification_asked(self, ref: str) -> date | None:
        """The day a case was last asked to clarify (its last move to awaiting_clarification), or None."""
        with self.store.lock:
            return self._clarification_asked(self.store.db, ref)

    def sent_warnings(self, ref: str) -> list[str]:
        """What marking a case sent warned of (a draft never approved, a letter dated later): for surfaces."""
        for event in reversed(self.history(ref)):
            if event["action"] == "status" and event["detail"].get("to") == "sent":
                return list(event["detail"].get("warnings") or [])
        return []

    def _review_row(self, db: sqlite_utils.Database, case: Case, on: date) -> dict[str, Any]:
        count = db["cases"].count_where("parent_ref = ?", [case.ref])
        ref = f"{case.ref}/IR" + (str(count + 1) if count else "")
        due, _ = self._due(on, case.regime, review=True)
        now = utcnow()
        return {
            "ref": ref, "year": on.year, "seq": 0, "status": "new", "regime": case.regime, "received": on.isoformat(),
            "due": due, "request_text": f"Internal review of {case.ref}", "requester_name": case.requester_name,
            "requester_email": case.requester_email, "requester_address": case.requester_address,
            "conversation_id": case.conversation_id, "parent_ref": case.ref, "source": "foibot",
            "text_hash": None, "exemptions": "[]", "topics": json.dumps(case.topics), "created_at": now,
            "updated_at": now,
        }


def ref_tokens(ref: str) -> list[str]:
    """A reference as its words and numbers, lower case, numbers without leading zeros: "FOI-2026-001/IR" ->
    ["foi", "2026", "1", "ir"]."""
    return [t if t.isalpha() else str(int(t)) for t in re.findall(r"[a-z]+|\d+", str(ref or "").lower())]


def _who(who: str | None) -> str:
    if not who or not str(who).strip():
        raise InputError("say who is making the change (the case history records it)")
    return str(who).strip()


def _event(db: sqlite_utils.Database, ref: str, who: str, action: str, detail: dict[str, Any]) -> None:
    db["case_events"].insert({"ref": ref, "at": utcnow(), "who": who, "action": action,
                              "detail": json.dumps(detail, default=str)})


def late_clarifications(store: Store) -> set[str]:
    """The cases whose clarification was asked for after their due date: late whenever they are answered."""
    with store.lock:
        rows = store.db.execute("select ref from case_events where action = 'status' and "
                                "json_extract(detail, '$.to') = 'awaiting_clarification' and "
                                "json_extract(detail, '$.late_request') is not null").fetchall()
    return {r for (r,) in rows}


def _extension(db: sqlite_utils.Database, ref: str) -> tuple[str | None, date | None]:
    """(``pit`` or ``reg7``, the day claimed) of a case's extension, from its history; (None, None) if none."""
    for (detail,) in db.execute("select detail from case_events where ref = ? and action = 'updated' "
                                "order by id desc", [ref]).fetchall():
        value = json.loads(detail or "{}")
        if value.get("changed") == ["extension"] and value.get("via") in EXTENSION_NAMES:
            return value["via"], _day(value.get("on"))
    return None, None


def _stored(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return json.dumps(list(value))
    if isinstance(value, date):
        return value.isoformat()
    return value


def _finding_text(finding: object) -> str:
    """A stored check finding's message, short."""
    text = str(finding.get("message") or "") if isinstance(finding, dict) else str(finding)
    return text if len(text) <= 90 else text[:89].rstrip() + "…"
