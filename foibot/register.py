"""The case register: references without gaps or duplicates, statuses, deadlines and history.

Every change to a case is recorded in ``case_events`` with who, when and what (the audit trail).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from foibot.errors import FoibotError, InputError
from foibot.store import Store, utcnow

STATUSES = ("new", "awaiting_clarification", "drafting", "in_review", "sent", "internal_review", "with_ico",
            "closed")
TRANSITIONS = {
    "new": {"awaiting_clarification", "drafting", "in_review", "sent", "closed"},
    "awaiting_clarification": {"new", "drafting", "closed"},
    "drafting": {"awaiting_clarification", "in_review", "sent", "closed"},
    "in_review": {"drafting", "sent", "closed"},
    "sent": {"internal_review", "with_ico", "closed"},
    "internal_review": {"sent", "with_ico", "closed"},
    "with_ico": {"closed", "sent"},
    "closed": {"internal_review", "with_ico"},
}
OUTCOMES = ("granted", "partially_granted", "refused", "not_held", "ncnd")


def text_hash(text: str) -> str:
    """A fingerprint of a request's words, for spotting the same request imported twice."""
    return hashlib.sha1(" ".join(text.lower().split()).encode()).hexdigest()[:16]


class Register:
    """Cases in SQLite. ``reference_format`` is the authority's, e.g. ``FOI {year}-{seq}``."""

    def __init__(self, store: Store, reference_format: str = "FOI {year}-{seq}", *,
                 holiday_data_until: int = 2028, today: Any = date.today):
        self.store, self.reference_format = store, reference_format
        self.holiday_data_until, self.today = holiday_data_until, today

    # --- references ----------------------------------------------------------------------------

    def allocate(self, year: int) -> str:
        """The next reference for a year. Inside BEGIN IMMEDIATE, so two processes never get the same one."""
        with self.store.transaction() as db:
            row = db.execute("select seq from counters where year = ?", [year]).fetchone()
            seq = (row[0] if row else 0) + 1
            db.execute("insert or replace into counters (year, seq) values (?, ?)", [year, seq])
            return self.reference_format.format(year=year, seq=seq)

    # --- cases ---------------------------------------------------------------------------------

    def open_case(self, *, request_text: str, who: str = "", received: date | None = None, regime: str = "foia",
                  requester_name: str = "", requester_email: str = "", conversation_id: str | None = None,
                  parent_ref: str | None = None, status: str = "new") -> str:
        """Open a case with a new reference and return the reference."""
        year = (received or self.today()).year
        with self.store.transaction() as db:
            ref = self.allocate(year)
            seq = int(db.execute("select seq from counters where year = ?", [year]).fetchone()[0])
            now = utcnow()
            db["cases"].insert({
                "ref": ref, "year": year, "seq": seq, "status": status, "regime": regime,
                "received": received.isoformat() if received else None,
                "due": self._due(received, regime, parent_ref), "request_text": request_text,
                "requester_name": requester_name, "requester_email": requester_email,
                "conversation_id": conversation_id, "parent_ref": parent_ref, "source": "foibot",
                "text_hash": text_hash(request_text), "exemptions": "[]", "topics": "[]",
                "created_at": now, "updated_at": now,
            })
            self._event(ref, who, "opened", {"parent": parent_ref} if parent_ref else {})
        return ref

    def get(self, ref: str) -> dict[str, Any] | None:
        with self.store.lock:
            rows = list(self.store.db["cases"].rows_where("ref = ?", [ref]))
        if not rows:
            return None
        case = rows[0]
        case["exemptions"] = json.loads(case["exemptions"] or "[]")
        case["topics"] = json.loads(case["topics"] or "[]")
        return case

    def require(self, ref: str) -> dict[str, Any]:
        case = self.get(ref)
        if case is None:
            raise InputError(f"there is no case {ref}")
        return case

    def history(self, ref: str) -> list[dict[str, Any]]:
        """Every recorded change to a case, oldest first."""
        with self.store.lock:
            rows = list(self.store.db["case_events"].rows_where("ref = ?", [ref], order_by="id"))
        return [{**r, "detail": json.loads(r["detail"] or "{}")} for r in rows]

    def update(self, ref: str, who: str, **fields: Any) -> None:
        """Change case fields (requester, received, outcome, exemptions…), keeping the due date right."""
        case = self.require(ref)
        changed = {k: v for k, v in fields.items() if _stored(v) != _stored(case.get(k))}
        if not changed:
            return
        if "received" in changed or "regime" in changed:
            received = changed.get("received", case["received"])
            received_day = date.fromisoformat(received) if isinstance(received, str) and received else received
            changed["due"] = self._due(received_day, changed.get("regime", case["regime"]), case["parent_ref"])
        with self.store.transaction() as db:
            db["cases"].update(ref, {**{k: _stored(v) for k, v in changed.items()}, "updated_at": utcnow()})
            self._event(ref, who, "updated", {k: _stored(v) for k, v in changed.items()
                                              if k not in ("request_text",)})

    def set_status(self, ref: str, status: str, *, who: str, on: date | None = None) -> dict[str, Any]:
        """Move a case on. Clarification restarts the clock from ``on``; sent records the date;
        internal review opens a linked review case with its own 20-working-day target."""
        case = self.require(ref)
        if status not in STATUSES:
            raise InputError(f"'{status}' is not a status: {', '.join(STATUSES)}")
        if status != case["status"] and status not in TRANSITIONS[case["status"]]:
            raise InputError(f"a case that is {case['status']} cannot become {status}")
        day = on or self.today()
        fields: dict[str, Any] = {"status": status, "updated_at": utcnow()}
        detail: dict[str, Any] = {"from": case["status"], "to": status, "on": day.isoformat()}
        if status == "new" and case["status"] == "awaiting_clarification":
            fields["received"] = day.isoformat()  # s1(3) / s10(6)(b): a new date of receipt
            fields["due"] = self._due(day, case["regime"], case["parent_ref"])
            detail["clock_restarted"] = day.isoformat()
        if status == "sent":
            fields["sent_on"] = day.isoformat()
        with self.store.transaction() as db:
            db["cases"].update(ref, fields)
            self._event(ref, who, "status", detail)
        if status == "internal_review":
            review = self.open_case(request_text=f"Internal review of {ref}", who=who, received=day,
                                    regime=case["regime"], requester_name=case["requester_name"] or "",
                                    requester_email=case["requester_email"] or "", parent_ref=ref)
            with self.store.transaction():
                self._event(ref, who, "review_opened", {"review": review})
            return self.require(review)
        return self.require(ref)

    def review_window_end(self, ref: str) -> date | None:
        """The last day the requester may ask for an internal review (40 working days from sending)."""
        from foibot.deadlines import review_window_end

        case = self.require(ref)
        if not case["sent_on"]:
            return None
        return review_window_end(date.fromisoformat(case["sent_on"]), 40,
                                 holiday_data_until=self.holiday_data_until)

    def open_cases(self) -> list[dict[str, Any]]:
        """Cases still to answer (not sent or closed), nearest due date first."""
        with self.store.lock:
            rows = list(self.store.db["cases"].rows_where(
                "status not in ('sent', 'closed', 'with_ico') and source = 'foibot'", order_by="due is null, due"))
        return rows

    def for_conversation(self, conversation_id: str) -> dict[str, Any] | None:
        with self.store.lock:
            rows = list(self.store.db["cases"].rows_where("conversation_id = ?", [conversation_id]))
        return rows[0] if rows else None

    # --- internals -----------------------------------------------------------------------------

    def _due(self, received: date | None, regime: str, parent_ref: str | None) -> str | None:
        if received is None:
            return None
        from foibot.deadlines import due_date, parse_regime, review_target

        try:
            if parent_ref:
                return review_target(received, regime=parse_regime(regime),
                                     holiday_data_until=self.holiday_data_until).due.isoformat()
            return due_date(received, parse_regime(regime), holiday_data_until=self.holiday_data_until).due.isoformat()
        except FoibotError:
            return None

    def _event(self, ref: str, who: str, action: str, detail: dict[str, Any]) -> None:
        self.store.db["case_events"].insert({"ref": ref, "at": utcnow(), "who": who or "", "action": action,
                                             "detail": json.dumps(detail, default=str)})


def _stored(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return json.dumps(list(value))
    if isinstance(value, date):
        return value.isoformat()
    return value
