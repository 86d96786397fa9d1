"""The Slack adapter's own bookkeeping: which thread holds which conversation, what was posted there, and
which officers' messages were already processed.

The engine speaks of conversations only; everything Slack-shaped lives in these tables, created by the
adapter's own migration set. A database from before the split (``conversations.channel``/``thread_ts`` and
``posted_*`` keys in the state) is moved over on first open.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import sqlite_utils
from sqlite_utils.migrations import Migrations

from foibot.register.store import Store, utcnow

migrations = Migrations("foibot-slack")
_COLUMNS = ("channel", "thread_ts", "conversation_id", "posted_question", "posted_draft", "reminded_question",
            "last_ts", "waiting_for", "waiting_since", "answered_by", "answered_field", "request_parts_ts",
            "request_parts")


@migrations()
def m001_slack_threads(db: sqlite_utils.Database) -> None:
    db["slack_threads"].create({
        "channel": str, "thread_ts": str, "conversation_id": str, "posted_question": str, "posted_draft": int,
        "reminded_question": str, "last_ts": str, "created_at": str,
    }, pk=("channel", "thread_ts"))
    db["slack_threads"].create_index(["conversation_id"], unique=True)
    # Every officer's message in a case thread that was processed, by its ts: the idempotency key that
    # stops a reply being applied twice (a redelivered event, or a restart reading the thread again).
    db["slack_messages"].create({"channel": str, "ts": str, "conversation_id": str, "at": str},
                                pk=("channel", "ts"))
    columns = set(db["conversations"].columns_dict)
    if {"channel", "thread_ts"} <= columns:  # a database from before the adapter kept its own table
        db.execute("""
            insert or ignore into slack_threads (channel, thread_ts, conversation_id, posted_question, posted_draft,
                                                 created_at)
            select channel, thread_ts, id, json_extract(state, '$.posted_question'),
                   json_extract(state, '$.posted_draft'), created_at
            from conversations where channel is not null and thread_ts is not null and channel != ''""")
        db.execute("drop index if exists idx_conversations_channel_thread_ts")
        db.execute("alter table conversations drop column thread_ts")
        db.execute("alter table conversations drop column channel")
        db.execute("update conversations set state = json_remove(state, '$.posted_question', '$.posted_draft')"
                   " where json_valid(state)")


@migrations()
def m002_what_the_thread_shows(db: sqlite_utils.Database) -> None:
    """What an officer reading the thread could see: ``waiting_for`` (the question, or ``draft:N``) foibot
    last posted and ``waiting_since`` (that post's ts), so a typed reply written before it is not taken as its
    answer; who answered last and what (``answered_by``, ``answered_field``); and, for a request pasted in
    several messages, the ts of its last part and how many parts it has (``request_parts_ts``, ``request_parts``)."""
    for column in ("waiting_for", "waiting_since", "answered_by", "answered_field", "request_parts_ts"):
        db["slack_threads"].add_column(column, str)
    db["slack_threads"].add_column("request_parts", int)


@migrations()
def m003_slack_sending(db: sqlite_utils.Database) -> None:
    """A digest or reminder one process is posting now (``holder``, since ``at``): two foibot processes on one
    database (a deploy overlapping the old and the new) each run the reminder loop, and each would otherwise
    post it (see ``reminders``)."""
    db["slack_sending"].create({"key": str, "holder": str, "at": str}, pk="key")


@dataclass
class Thread:
    channel: str
    thread_ts: str
    conversation_id: str
    posted_question: str | None
    posted_draft: int
    reminded_question: str | None
    last_ts: str | None
    waiting_for: str | None = None
    waiting_since: str | None = None
    answered_by: str | None = None
    answered_field: str | None = None
    request_parts_ts: str | None = None
    request_parts: int | None = None


class SlackThreads:
    """Typed access to the adapter's tables, over the shared store (its lock and transactions)."""

    def __init__(self, store: Store):
        self.store = store
        store.migrate(migrations)

    def link(self, channel: str, thread_ts: str, conversation_id: str) -> None:
        """Record that a thread holds a conversation (call inside the transaction that starts it)."""
        with self.store.transaction() as db:
            db["slack_threads"].insert({"channel": channel, "thread_ts": thread_ts, "conversation_id": conversation_id,
                                        "posted_draft": 0, "last_ts": thread_ts, "created_at": utcnow()})

    def in_thread(self, channel: str, thread_ts: str | None) -> Thread | None:
        if not thread_ts:
            return None
        return self._one("channel = ? and thread_ts = ?", [channel, thread_ts])

    def of(self, conversation_id: str) -> Thread | None:
        return self._one("conversation_id = ?", [conversation_id])

    def open_threads(self) -> list[Thread]:
        """Threads whose conversation is still open, oldest first."""
        with self.store.lock:
            rows = self.store.db.execute(
                f"select {', '.join('t.' + c for c in _COLUMNS)} from slack_threads t "
                "join conversations c on c.id = t.conversation_id "
                "where c.status != 'closed' order by t.created_at, t.thread_ts").fetchall()
        return [self._thread(row) for row in rows]

    def latest_started(self, channel: str, user: str) -> Thread | None:
        """The newest open case thread in ``channel`` whose request ``user`` pasted, or None."""
        with self.store.lock:
            row = self.store.db.execute(
                f"select {', '.join('t.' + c for c in _COLUMNS)} from slack_threads t "
                "join conversations c on c.id = t.conversation_id "
                "where t.channel = ? and c.started_by = ? and c.status != 'closed' "
                "order by cast(t.thread_ts as real) desc limit 1", [channel, user]).fetchone()
        return self._thread(row) if row else None

    def mark(self, conversation_id: str, **values: str | int | None) -> None:
        """Set any of the thread's columns (posted_question, posted_draft, reminded_question, waiting_for…)."""
        with self.store.transaction() as db:
            sets = ", ".join(f"{k} = ?" for k in values)
            db.execute(f"update slack_threads set {sets} where conversation_id = ?", [*values.values(),
                                                                                      conversation_id])

    def showing(self, conversation_id: str, waiting_for: str, ts: str | None) -> None:
        """foibot posted ``waiting_for`` (a question's field, or ``draft:N``) at ``ts``: a change of what the
        thread waits for starts ``waiting_since``; the same question asked again keeps it."""
        if not ts:
            return
        with self.store.transaction() as db:
            db.execute("update slack_threads set waiting_since = ?, waiting_for = ? where conversation_id = ? and "
                       "(waiting_for is null or waiting_for != ?)", [ts, waiting_for, conversation_id, waiting_for])

    def claim_message(self, channel: str, ts: str, conversation_id: str) -> bool:
        """Record an officer's message as processed (inside the transaction that applies it). True the first
        time, False if it was processed before. Moves the thread's ``last_ts`` on."""
        with self.store.transaction() as db:
            try:
                db.execute("insert into slack_messages (channel, ts, conversation_id, at) values (?, ?, ?, ?)",
                           [channel, ts, conversation_id, utcnow()])
            except sqlite3.IntegrityError:
                return False
            db.execute("update slack_threads set last_ts = ? where conversation_id = ? and "
                       "(last_ts is null or cast(last_ts as real) < cast(? as real))", [ts, conversation_id, ts])
            return True

    def processed(self, channel: str, ts: str) -> bool:
        with self.store.lock:
            return bool(self.store.db.execute("select 1 from slack_messages where channel = ? and ts = ?",
                                              [channel, ts]).fetchone())

    def _one(self, where: str, params: list[str]) -> Thread | None:
        with self.store.lock:
            row = self.store.db.execute(f"select {', '.join(_COLUMNS)} from slack_threads where {where}",
                                        params).fetchone()
        return self._thread(row) if row else None

    def _thread(self, row: tuple) -> Thread:
        data = dict(zip(_COLUMNS, row, strict=True))
        data["posted_draft"] = int(data["posted_draft"] or 0)
        return Thread(**data)
