"""The one declared list of where text about a case (and so possibly about its requester) is held.

A purge anonymises exactly these places and a subject access export lists exactly these places. Every
text column in the file (core and surface tables alike) must be either declared here or named in
``NOT_PERSONAL``; a test fails when a migration adds a column to neither. Add new tables here, in the
same change that creates them.

Rows are tied to a case by the case reference or by a conversation id (a case's conversation, or a
CLI draft's ``cli:<ref>``). Derived search indexes are rebuilt from their source after a purge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Holding:
    """A table holding text about a case: ``key`` ties a row to a case (``by`` says whether it holds a case
    reference or a conversation id); ``columns`` may hold personal text; ``json_columns`` are JSON whose
    strings may hold it."""

    table: str
    by: Literal["case", "conversation"]
    key: str
    columns: tuple[str, ...] = ()
    json_columns: tuple[str, ...] = ()


HOLDINGS: tuple[Holding, ...] = (
    Holding("cases", "case", "ref", ("requester_name", "requester_email", "requester_address", "request_text")),
    Holding("case_events", "case", "ref", json_columns=("detail",)),
    Holding("conversations", "conversation", "id", ("request_text",), ("state",)),
    Holding("answer_log", "conversation", "conversation_id", json_columns=("value",)),
    # Drafts from every surface: conversations (console, Slack) by conversation, the CLI by case reference.
    Holding("drafts", "conversation", "conversation_id", ("letter", "summary"), ("blocks",)),
    Holding("drafts", "case", "case_ref", ("letter", "summary"), ("blocks",)),
    # The Slack adapter's own tables: which thread, which messages; no request text, but part of the case.
    Holding("slack_threads", "conversation", "conversation_id"),
    Holding("slack_messages", "conversation", "conversation_id"),
)

# Full-text indexes over declared columns (with their shadow and vocab tables): rebuilt after a purge.
DERIVED_INDEXES: tuple[str, ...] = ("cases_fts",)

# Text columns that hold no personal data (dates, codes, ids, statuses, hashes, who-did-it user ids).
NOT_PERSONAL: frozenset[str] = frozenset({
    "cases.ref", "cases.status", "cases.regime", "cases.received", "cases.due", "cases.sent_on", "cases.outcome",
    "cases.exemptions", "cases.topics", "cases.conversation_id", "cases.parent_ref", "cases.source",
    "cases.text_hash", "cases.created_at", "cases.updated_at", "cases.clarified_on", "cases.letter_date",
    "case_events.ref", "case_events.at", "case_events.who", "case_events.action",
    "conversations.id", "conversations.surface", "conversations.started_by", "conversations.status",
    "conversations.case_ref", "conversations.created_at", "conversations.updated_at",
    "answer_log.conversation_id", "answer_log.field", "answer_log.who", "answer_log.at",
    "drafts.conversation_id", "drafts.case_ref", "drafts.due", "drafts.checks", "drafts.created_by",
    "drafts.created_at", "drafts.letter_date",
    "reminders_sent.key", "reminders_sent.at",
    "slack_threads.channel", "slack_threads.thread_ts", "slack_threads.conversation_id",
    "slack_threads.posted_question", "slack_threads.reminded_question", "slack_threads.last_ts",
    "slack_threads.created_at", "slack_threads.waiting_for", "slack_threads.waiting_since",
    "slack_threads.answered_by", "slack_threads.answered_field", "slack_threads.request_parts_ts",
    "slack_messages.channel", "slack_messages.ts", "slack_messages.conversation_id",
    "slack_messages.at",
    "slack_sending.key", "slack_sending.holder", "slack_sending.at",  # a reminder's key, an app's random id, a time
    "_sqlite_migrations.migration_set", "_sqlite_migrations.name", "_sqlite_migrations.applied_at",
})

REDACTED = "[requester]"
REDACTED_CONTACT = "[redacted]"

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers: +44 or 0, then 9-10 more digits in the usual groupings (spaces, dots, dashes, brackets).
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?|\(?0)\d{2,4}\)?(?:[\s.-]?\d){6,8}(?!\d)")
_POSTCODE = r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}"
_POSTCODE_LINE = re.compile(rf"^.*\b{_POSTCODE}\s*$", re.I)
_ADDRESS_LINE = re.compile(r"^[\w'’.,\- ]{2,60}$")
_SIGN_OFF = re.compile(r"^(yours|kind regards|regards|best wishes|many thanks|thanks|thank you|sincerely)\b", re.I)


def redact_contacts(text: str) -> str:
    """Emails, UK phone numbers and postal addresses (a line ending in a UK postcode, with the address
    lines just above it) replaced by ``[redacted]``."""
    text = _EMAIL.sub(REDACTED_CONTACT, text)
    text = _PHONE.sub(REDACTED_CONTACT, text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _POSTCODE_LINE.match(line):
            continue
        lines[i] = REDACTED_CONTACT
        j = i - 1
        while j >= 0 and i - j <= 5 and _ADDRESS_LINE.match(lines[j].strip()) and not _SIGN_OFF.match(
                lines[j].strip()) and not lines[j].rstrip().endswith((".", ":", "?", "!")):
            lines[j] = REDACTED_CONTACT
            j -= 1
    return "\n".join(lines)
