"""Internal reviews' outcomes in the register: recorded when the outcome letter is sent (the outcome for the
original decision and who reviewed it; the review case then closes), and counted for the statistics, as the
Cabinet Office's statistics on central government FOI count internal reviews by outcome."""

from __future__ import annotations

from collections import Counter
from datetime import date

from foibot.errors import InputError
from foibot.register.cases import Case, Register, received_between
from foibot.register.store import Store, utcnow

REVIEW_OUTCOMES = ("upheld", "partly_upheld", "not_upheld")
"""The original decision upheld in full, in part, or not at all (overturned)."""


def record_review_outcome(register: Register, ref: str, outcome: str, reviewer: str, *, who: str) -> Case:
    """Record a sent review's outcome and reviewer on its review case, and close it (its parent case keeps its
    own status: the requester's next step is the Commissioner)."""
    case = register.require(ref)
    if not case.is_review:
        raise InputError(f"{case.ref} is not an internal review")
    if outcome not in REVIEW_OUTCOMES:
        raise InputError(f"{outcome!r} is not a review outcome; use one of {', '.join(REVIEW_OUTCOMES)}")
    with register.store.transaction() as db:
        db["cases"].update(case.ref, {"outcome": outcome, "updated_at": utcnow()})
    register.note(case.ref, who, "review_outcome", {"outcome": outcome, "reviewer": reviewer})
    if case.status != "closed":
        register.set_status(case.ref, "closed", who)
    return register.require(case.ref)


def reviewer_of(register: Register, ref: str) -> str:
    """Who carried out a review, as its outcome recorded ("" before it is sent)."""
    for event in reversed(register.history(ref)):
        if event["action"] == "review_outcome":
            return str(event["detail"].get("reviewer") or "")
    return ""


def review_counts(store: Store, start: date | None, end: date | None) -> Counter:
    """Internal reviews asked for from ``start`` to ``end`` (by the day the review was asked for): ``received``, and
    each outcome recorded (``upheld``, ``partly_upheld``, ``not_upheld``); ``open`` for those not yet answered."""
    where, params = received_between(start, end, "parent_ref is not null")
    with store.lock:
        rows = store.db.execute(f"select outcome from cases where {where}", params).fetchall()
    counts: Counter = Counter(received=len(rows))
    for (outcome,) in rows:
        counts[outcome if outcome in REVIEW_OUTCOMES else "open"] += 1
    return counts
