"""A request for an internal review, told apart from a new request when it is pasted.

Under FOIA an internal review is good practice (the section 45 Code of Practice), under the EIR it is the
reconsideration of representations (regulation 11), under FOISA a requirement for review (section 20). A pasted
message that asks for one (a cue in ``intents/review-requests.yaml``) and names a case in the register, by its
reference or by coming from the requester of a case already answered, is that case's review: it opens the linked
review case ``REF/IR`` (``Register.set_status(..., "internal_review")``) and is never counted as a new request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from foibot.conversation.email_parse import parse_email
from foibot.errors import DataError
from foibot.knowledge.datafile import Node, list_field, load_yaml
from foibot.law.dates import format_day
from foibot.register.cases import Case, Register
from foibot.text import normalise

NEW_REQUEST = re.compile(r"^\s*new request\s*[:\-–]?\s*", re.I)
"""An officer's prefix that says a pasted message is a new request whatever its words."""
_YEAR_AND_NUMBER = re.compile(r"\b(20\d\d)\s*[-/.\s]\s*0*(\d{1,6})\b")
ANSWERED = ("sent", "closed", "internal_review", "with_ico")


@dataclass(frozen=True)
class ReviewRequest:
    """A pasted message that asks for a review: the cue it used and the case it names (None when it names none)."""

    cue: str
    case: Case | None


def load_review_cues(path: Path) -> tuple[str, ...]:
    """The cues of ``intents/review-requests.yaml`` (none when the file is absent); DataError names a bad line."""
    if not path.exists():
        return ()
    data = load_yaml(path)
    if not isinstance(data, Node):
        raise DataError(str(path), None, None, "must be a mapping with a list of cues")
    cues = list_field(data, "cues", required=True)
    if not all(isinstance(c, str) and normalise(c) for c in cues):
        raise data.fail("cues", "must be a list of words or phrases")
    return tuple(dict.fromkeys(normalise(c) for c in cues))


def review_request(text: str, *, email: str, register: Register, cues: tuple[str, ...]) -> ReviewRequest | None:
    """The review ``text`` asks for, or None when it reads as a new request (no cue, or the ``new request``
    prefix). The case is the one whose reference the text names (year and number: "FOI 2026-1", "2026/001"),
    else the latest answered case of the sender's ``email``."""
    if NEW_REQUEST.match(text):
        return None
    words = f" {normalise(text)} "
    cue = next((c for c in cues if f" {c} " in words), None)
    if cue is None:
        return None
    return ReviewRequest(cue, _named_case(text, register) or _senders_case(email, register))


def _named_case(text: str, register: Register) -> Case | None:
    for year, number in _YEAR_AND_NUMBER.findall(text):
        with register.store.lock:
            rows = list(register.store.db["cases"].rows_where("year = ? and seq = ? and parent_ref is null",
                                                              [int(year), int(number)]))
        if len(rows) == 1:
            return Case.from_row(rows[0])
    return None


def _senders_case(email: str, register: Register) -> Case | None:
    if not email.strip():
        return None
    marks = ",".join("?" * len(ANSWERED))
    with register.store.lock:
        rows = list(register.store.db["cases"].rows_where(
            f"lower(requester_email) = ? and parent_ref is null and status in ({marks})",
            [email.strip().lower(), *ANSWERED], order_by="coalesce(sent_on, received) desc, rowid desc", limit=1))
    return Case.from_row(rows[0]) if rows else None


@dataclass(frozen=True)
class ReviewOpened:
    """What asking for a review did: the case reviewed, its review case, and whether it was opened now
    (False: already under review) or ``refused`` (why no review was opened: the case is not answered yet)."""

    original: Case
    review: Case | None
    opened: bool = False
    refused: str = ""
    warning: str = ""
    """Why the review is dated today and not on the email's date (a date in the future, or before the response was
    sent): a mistake to show the officer; "" when the email's date (or none) was used."""


def open_review(register: Register, request: ReviewRequest, text: str, *, who: str,
                received: date | None = None) -> ReviewOpened | None:
    """Open the review ``request`` asks for (None when it names no case): an answered case gets its review case
    ``REF/IR``, received on ``received`` (the email's date; today without one, or when that is in the future or
    before the response was sent), holding the requester's message as its request; a case already under review
    keeps the review it has; a case not yet answered gets none. The review case's request is the message without
    its email headers, as a new request's is."""
    case = request.case
    if case is None:
        return None
    if case.status in ("internal_review", "with_ico"):
        reviews = register.reviews(case.ref)
        return ReviewOpened(case, reviews[-1] if reviews else None)
    if case.status not in ("sent", "closed"):
        return ReviewOpened(case, None, refused=case.status.replace("_", " "))
    warning = _not_its_date(received, register.today(), case)
    register.set_status(case.ref, "internal_review", who, on=None if warning else received,
                        notes=[warning] if warning else [])
    review = register.reviews(case.ref)[-1]
    review = register.update(review.ref, who, request_text=parse_email(text).body or text)
    return ReviewOpened(register.require(case.ref), review, opened=True, warning=warning)


def _not_its_date(received: date | None, today: date, case: Case) -> str:
    """Why the email's date cannot be the day the review was asked for ("" when it can, or there is none): after
    today, or before the response it reviews was sent."""
    if received is None:
        return ""
    if received > today:
        why = f"after today ({format_day(today)})"
    elif case.sent_on is not None and received < case.sent_on:
        why = f"before the response was sent ({format_day(case.sent_on)})"
    else:
        return ""
    return (f"the email asking for the review is dated {format_day(received)}, {why}, so the review is dated today: "
            "check the email's date")
