"""Personal data: purging requesters' details after the retention period, and subject access exports.

A purge anonymises the requester's name, email and address wherever they are held (cases, the
request text, conversations and their answers, draft letters, the search index) and keeps what the
statistics need (dates, outcomes, exemptions). Afterwards the file is checkpointed and vacuumed, so
the old values are not left in free pages or the write-ahead log.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from foibot.errors import InputError
from foibot.register.cases import personal_columns
from foibot.register.store import Store, utcnow

REDACTED = "[requester]"


def parse_age(text: str) -> relativedelta:
    """``24m``, ``2y``, ``90d`` (months, years, days) as a period."""
    match = re.fullmatch(r"\s*(\d+)\s*([dmy])\s*", text or "", re.I)
    if not match:
        raise InputError(f"'{text}' is not a period: use for example 24m (months), 2y or 90d")
    number, unit = int(match.group(1)), match.group(2).lower()
    return relativedelta(**{{"d": "days", "m": "months", "y": "years"}[unit]: number})


@dataclass
class PurgeReport:
    cases: int = 0
    conversations: int = 0

    def summary(self) -> str:
        return f"Anonymised {self.cases} case(s) and {self.conversations} conversation(s)."


def _scrub(text: str | None, needles: list[str]) -> str | None:
    if not text:
        return text
    for needle in needles:
        text = re.sub(re.escape(needle), REDACTED, text, flags=re.I)
    return text


def _needles(*values: str | None) -> list[str]:
    """The strings to remove: each personal value, and its words of 3+ letters for names ("J Roberts")."""
    out: set[str] = set()
    for value in values:
        value = (value or "").strip()
        if not value or value == REDACTED:
            continue
        out.add(value)
        if "@" not in value:
            out.update(w for w in re.findall(r"[^\W\d_][\w'’-]{2,}", value))
    return sorted(out, key=len, reverse=True)


def purge(store: Store, *, older_than: relativedelta, today: date) -> PurgeReport:
    """Anonymise requesters of cases received (and conversations started) before ``today - older_than``."""
    cutoff = (today - older_than).isoformat()
    report = PurgeReport()
    with store.transaction() as db:
        cases = db.execute("select ref, conversation_id, requester_name, requester_email, requester_address "
                           "from cases where received < ? and coalesce(requester_name, '') || "
                           "coalesce(requester_email, '') || coalesce(requester_address, '') != ?"
                           " and requester_name is not ?", [cutoff, REDACTED, REDACTED]).fetchall()
        convs = {row[0]: [] for row in db.execute("select id from conversations where created_at < ?", [cutoff])}
        for ref, conv, name, email, address in cases:
            needles = _needles(name, email, address)
            text = db.execute("select request_text from cases where ref = ?", [ref]).fetchone()[0]
            db["cases"].update(ref, {"requester_name": REDACTED if name else "", "requester_email": "",
                                     "requester_address": "", "request_text": _scrub(text, needles),
                                     "updated_at": utcnow()})
            db["case_events"].insert({"ref": ref, "at": utcnow(), "who": "retention", "action": "purged",
                                      "detail": json.dumps({"fields": ["requester_name", "requester_email",
                                                                       "requester_address"]})})
            report.cases += 1
            if conv:
                convs.setdefault(conv, []).extend(needles)
        for conv, needles in convs.items():
            report.conversations += _purge_conversation(db, conv, needles)
    store.db["cases"].rebuild_fts()
    store.db.execute("insert into cases_fts(cases_fts) values('optimize')")
    with store.lock:  # leave no copy in free pages or the write-ahead log
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.db.execute("VACUUM")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return report


def _purge_conversation(db: Any, conv: str, needles: list[str]) -> int:
    row = db.execute("select state, request_text from conversations where id = ?", [conv]).fetchone()
    if row is None:
        return 0
    state = json.loads(row[0] or "{}")
    answers = state.get("answers", {})
    needles = sorted(set(needles) | set(_needles(answers.get("requester_name"), answers.get("requester_email"),
                                                 answers.get("requester_address"))), key=len, reverse=True)
    for key in ("requester_name", "requester_email", "requester_address"):
        if answers.get(key):
            answers[key] = REDACTED
    state_text = _scrub(json.dumps(state), needles)
    db["conversations"].update(conv, {"state": state_text, "request_text": _scrub(row[1], needles),
                                      "updated_at": utcnow()})
    for log_id, value in db.execute("select id, value from answer_log where conversation_id = ?", [conv]).fetchall():
        db["answer_log"].update(log_id, {"value": _scrub(value, needles)})
    for draft_id, letter in db.execute("select id, letter from drafts where conversation_id = ?", [conv]).fetchall():
        db["drafts"].update(draft_id, {"letter": _scrub(letter, needles)})
    return 1


def export_case(store: Store, ref: str) -> dict[str, Any]:
    """Everything held about a case and its conversation, for a subject access request."""
    with store.lock:
        rows = list(store.db["cases"].rows_where("ref = ?", [ref]))
        if not rows:
            raise InputError(f"there is no case {ref}")
        case = rows[0]
        events = list(store.db["case_events"].rows_where("ref = ?", [ref], order_by="id"))
        conv = case.get("conversation_id")
        conversation = list(store.db["conversations"].rows_where("id = ?", [conv])) if conv else []
        answers = list(store.db["answer_log"].rows_where("conversation_id = ?", [conv], order_by="id")) if conv else []
        drafts = list(store.db["drafts"].rows_where("conversation_id = ?", [conv], order_by="version")) if conv else []
    for row in conversation:
        row["state"] = json.loads(row["state"] or "{}")
    return {"case": case, "history": events, "conversation": conversation[0] if conversation else None,
            "answer_log": answers, "drafts": drafts,
            "personal_fields": [f"{t}.{c}" for t, cols in personal_columns(store).items() for c in cols],
            "exported_at": utcnow()}
