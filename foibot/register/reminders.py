"""Reminders driven from the register: a daily digest and a reminder per case before it is due.

Functions take ``today`` (a frozen clock in tests) and return plain data for a surface to post. What has
been sent is kept in ``reminders_sent``, so after a restart nothing is repeated, and nothing is lost: a
reminder stays pending until it is claimed, however many days late the bot comes back. The Slack surface
posts each with a marker and claims it afterwards (``SlackContext.send_reminders``); ``release`` undoes a
claim for a surface that claims first.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from foibot.errors import FoibotError
from foibot.law.dates import format_day
from foibot.register.cases import (
    LAPSE_NOTE_WORKING_DAYS,
    Case,
    active_cases,
    cases_in,
    clarifications_asked,
    working_days_left,
)
from foibot.register.store import Store

DIGEST_WORKING_DAYS = 5
REMINDER_WORKING_DAYS = 3
WAITING_HEADING = "Awaiting clarification (no due date until it arrives; then 20 working days from that day):"
ASSUMED = "counted from an assumed received date (the day it was pasted; not yet given)"
"""Said of a due date while the case's received date is only assumed (``Case.received_assumed``)."""


@dataclass(frozen=True)
class DueItem:
    """A case with a running clock: its due date and working days left (negative when overdue)."""

    ref: str
    status: str
    due: date
    working_days_left: int
    is_review: bool = False
    conversation_id: str | None = None
    topics: list[str] = field(default_factory=list)
    received_assumed: bool = False  # the due date is counted from the day the request was pasted, not given

    def describe(self) -> str:
        what = "internal review " if self.is_review else ""
        if self.working_days_left < 0:
            when = f"{-self.working_days_left} working day(s) overdue"
        elif self.working_days_left == 0:
            when = "due today"
        else:
            when = f"due in {self.working_days_left} working day(s)"
        day = format_day(self.due)
        assumed = f" ({ASSUMED})" if self.received_assumed else ""
        return f"{what}{self.ref} ({self.status.replace('_', ' ')}): {when}, {day}{assumed}"

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "due": self.due.isoformat()}


@dataclass(frozen=True)
class Waiting:
    """A case awaiting the requester's clarification: no due date until it arrives (s1(3), s10(6)(b); EIR reg 9;
    FOISA s1(3)), so listed apart, with how long it has waited, that it is not forgotten."""

    ref: str
    asked: date | None  # None when the history does not record the day
    working_days_waited: int | None
    is_review: bool = False
    conversation_id: str | None = None

    @property
    def may_lapse(self) -> bool:
        """Waited ``LAPSE_NOTE_WORKING_DAYS`` or more: worth considering closing as lapsed (practice, not law)."""
        return (self.working_days_waited or 0) >= LAPSE_NOTE_WORKING_DAYS

    def since(self) -> str:
        """"since Tue 10 Mar 2026 (8 working days)"."""
        if self.asked is None:
            return "since a day not recorded"
        n = self.working_days_waited or 0
        return f"since {format_day(self.asked)} ({n} working day{'s' if n != 1 else ''})"

    def lapse_note(self) -> str:
        """After a long wait, the suggestion to close it as lapsed ("" before)."""
        if not self.may_lapse:
            return ""
        return (f"no reply in {LAPSE_NOTE_WORKING_DAYS} working days: consider closing it as lapsed "
                f"(foibot case '{self.ref}' --status lapsed)")

    def describe(self) -> str:
        what = "internal review " if self.is_review else ""
        note = self.lapse_note()
        return f"{what}{self.ref}: waiting {self.since()}" + (f"; {note}" if note else "")

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "asked": self.asked.isoformat() if self.asked else None, "may_lapse": self.may_lapse}


def awaiting_clarification(store: Store, today: date, *, holiday_data_until: int = 2028) -> list[Waiting]:
    """Every case awaiting clarification, longest waiting first (one whose day is not recorded last)."""
    asked = clarifications_asked(store)
    out = []
    for case in cases_in(store, ["awaiting_clarification"]):
        day = asked.get(case.ref)
        waited = max(0, working_days_left(day, today, case.regime, holiday_data_until=holiday_data_until)) \
            if day else None
        out.append(Waiting(case.ref, day, waited, case.is_review, case.conversation_id))
    return sorted(out, key=lambda w: (w.asked or date.max, w.ref))


@dataclass(frozen=True)
class Digest:
    """The daily digest: cases due within a few working days, overdue cases, and those awaiting clarification."""

    today: date
    due_soon: list[DueItem]
    overdue: list[DueItem]
    waiting: list[Waiting] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"digest:{self.today.isoformat()}"

    def text(self) -> str:
        """Plain text (Slack mrkdwn-safe) for posting."""
        lines = [f"FOI digest for {format_day(self.today)}"]
        if not self.due_soon and not self.overdue:
            lines = [lines[0] + ": nothing due in the next few working days and nothing overdue."]
        if self.overdue:
            lines += ["Overdue:"] + [f"• {item.describe()}" for item in self.overdue]
        if self.due_soon:
            lines += ["Due soon:"] + [f"• {item.describe()}" for item in self.due_soon]
        if self.waiting:
            lines += [WAITING_HEADING] + [f"• {item.describe()}" for item in self.waiting]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {"today": self.today.isoformat(), "key": self.key, "overdue": [i.to_json() for i in self.overdue],
                "due_soon": [i.to_json() for i in self.due_soon],
                "awaiting_clarification": [w.to_json() for w in self.waiting]}


@dataclass(frozen=True)
class Reminder:
    """One reminder for one case's thread. ``key`` is what ``reminders_sent`` records."""

    key: str
    kind: str  # "due_soon" or "overdue"
    item: DueItem
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "kind": self.kind, "text": self.text, **self.item.to_json()}


def due_items(store: Store, today: date, *, holiday_data_until: int = 2028) -> list[DueItem]:
    """Every case whose clock is running, nearest due date first."""
    return [_item(case, today, holiday_data_until) for case in active_cases(store)]


def _item(case: Case, today: date, holiday_data_until: int) -> DueItem:
    assert case.due is not None
    left = working_days_left(today, case.due, case.regime, holiday_data_until=holiday_data_until)
    return DueItem(case.ref, case.status, case.due, left, case.is_review, case.conversation_id, case.topics,
                   case.received_assumed)


def digest(store: Store, today: date, *, within: int = DIGEST_WORKING_DAYS, holiday_data_until: int = 2028) -> Digest:
    """Cases due within ``within`` working days of ``today``, overdue cases (most overdue first), and those awaiting
    clarification (longest waiting first)."""
    items = due_items(store, today, holiday_data_until=holiday_data_until)
    return Digest(today, [i for i in items if 0 <= i.working_days_left <= within],
                  [i for i in items if i.working_days_left < 0],
                  awaiting_clarification(store, today, holiday_data_until=holiday_data_until))


def pending_digest(store: Store, today: date, *, within: int = DIGEST_WORKING_DAYS,
                   holiday_data_until: int = 2028) -> Digest | None:
    """Today's digest if it has not been claimed yet and today is a working day; else None."""
    from foibot.law.deadlines import is_working_day

    try:
        working = is_working_day(today, holiday_data_until=holiday_data_until)
    except FoibotError:
        working = today.weekday() < 5
    if not working or was_sent(store, f"digest:{today.isoformat()}"):
        return None
    return digest(store, today, within=within, holiday_data_until=holiday_data_until)


def pending_reminders(store: Store, today: date, *, days_before: int = REMINDER_WORKING_DAYS,
                      holiday_data_until: int = 2028) -> list[Reminder]:
    """Reminders not yet claimed: one per case once it is ``days_before`` working days (or fewer) from due,
    and one more once it is overdue. A new due date (after a clarification) brings new reminders."""
    out = []
    for item in due_items(store, today, holiday_data_until=holiday_data_until):
        if item.working_days_left < 0:
            kind = "overdue"
            assumed = f" ({ASSUMED})" if item.received_assumed else ""
            text = f"{item.ref} is overdue: it was due {format_day(item.due)}{assumed}."
        elif item.working_days_left <= days_before:
            kind = "due_soon"
            text = f"Reminder: {item.describe()}."
        else:
            continue
        out.append(Reminder(f"{kind}:{item.ref}:{item.due.isoformat()}", kind, item, text))
    sent = _sent(store, [r.key for r in out])
    return [r for r in out if r.key not in sent]


def claim(store: Store, key: str) -> bool:
    """Record a reminder (or digest) as sent. True the first time; False if it was already claimed."""
    return store.claim("reminders_sent", key)


def release(store: Store, key: str) -> None:
    """Undo a claim whose message could not be posted, so it is tried again."""
    with store.lock:
        store.db.execute("delete from reminders_sent where key = ?", [key])


def was_sent(store: Store, key: str) -> bool:
    return bool(_sent(store, [key]))


def _sent(store: Store, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    found: set[str] = set()
    with store.lock:
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            found.update(k for (k,) in store.db.execute(
                f"select key from reminders_sent where key in ({','.join('?' * len(chunk))})", chunk))
    return found
