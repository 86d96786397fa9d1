"""SQLite storage: conversations, the answer log, draft versions and cases.

One file, opened in WAL mode with a busy timeout, shared by every surface and by several processes
at once (the Slack app, cron jobs, an officer's CLI). The schema is built by ``sqlite_utils.migrations``
inside one ``BEGIN IMMEDIATE`` transaction, so processes racing to create or upgrade a file take turns
and each migration is applied once. Surfaces keep their own bookkeeping in their own tables (see
``Store.migrate``); the core schema knows nothing of Slack.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from foibot.errors import InputError

migrations = Migrations("foibot")


@migrations()
def m001_conversations(db: sqlite_utils.Database) -> None:
    db["conversations"].create(
        {
            "id": str,
            "surface": str,
            "channel": str,
            "thread_ts": str,
            "started_by": str,
            "request_text": str,
            "state": str,
            "status": str,
            "case_ref": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
    )
    db["conversations"].create_index(["channel", "thread_ts"], unique=True)
    db["answer_log"].create(
        {"id": int, "conversation_id": str, "field": str, "value": str, "who": str, "at": str},
        pk="id",
        foreign_keys=[("conversation_id", "conversations", "id")],
    )
    db["answer_log"].create_index(["conversation_id"])
    db["drafts"].create(
        {
            "id": int,
            "conversation_id": str,
            "case_ref": str,
            "version": int,
            "letter": str,
            "due": str,
            "checks": str,
            "created_by": str,
            "created_at": str,
        },
        pk="id",
    )
    db["drafts"].create_index(["conversation_id", "version"], unique=True)
    db["processed_events"].create({"key": str, "at": str}, pk="key")


@migrations()
def m002_case_register(db: sqlite_utils.Database) -> None:
    db["cases"].create(
        {
            "ref": str, "year": int, "seq": int, "status": str, "regime": str, "received": str, "due": str,
            "sent_on": str, "outcome": str, "exemptions": str, "topics": str, "request_text": str,
            "requester_name": str, "requester_email": str, "requester_address": str, "conversation_id": str,
            "parent_ref": str, "source": str, "text_hash": str, "created_at": str, "updated_at": str,
        },
        pk="ref",
    )
    db["cases"].create_index(["conversation_id"])
    db["cases"].create_index(["text_hash"])
    db["cases"].create_index(["status", "due"])
    db["cases"].enable_fts(["request_text"], fts_version="FTS5", create_triggers=True)
    db.execute("create virtual table cases_fts_vocab using fts5vocab(cases_fts, 'row')")
    db["case_events"].create({"id": int, "ref": str, "at": str, "who": str, "action": str, "detail": str}, pk="id")
    db["case_events"].create_index(["ref"])
    db["counters"].create({"year": int, "seq": int}, pk="year")
    db["reminders_sent"].create({"key": str, "at": str}, pk="key")
    # Which columns hold personal data: what a purge anonymises and a subject access export lists.
    db["personal_fields"].insert_all([
        {"tbl": "cases", "col": "requester_name"}, {"tbl": "cases", "col": "requester_email"},
        {"tbl": "cases", "col": "requester_address"}, {"tbl": "cases", "col": "request_text"},
        {"tbl": "conversations", "col": "request_text"}, {"tbl": "conversations", "col": "state"},
        {"tbl": "answer_log", "col": "value"}, {"tbl": "drafts", "col": "letter"},
    ], pk=("tbl", "col"))


@migrations()
def m003_case_clock(db: sqlite_utils.Database) -> None:
    # The day a s1(3) clarification arrived: the clock restarts from it (s10(6)(b)); ``received`` keeps the
    # day the request itself arrived.
    db["cases"].add_column("clarified_on", str)
    # Which past requests a new one repeats (s14(2)) is looked up by requester; stats and the digest by date.
    db["cases"].create_index(["requester_email"])
    db["cases"].create_index(["received"])
    db["cases"].create_index(["parent_ref"])


@migrations()
def m004_draft_rendering(db: sqlite_utils.Database) -> None:
    # Enough to show a stored draft version again exactly as it was (after a restart), without keeping a
    # copy in the conversation's state: the summary shown with it, its blocks and its letter date.
    for column in ("summary", "blocks", "letter_date"):
        db["drafts"].add_column(column, str)
    # Older files kept the last version's rendering in the conversation's state: move it to its draft row.
    db.execute("""
        update drafts set
            summary = (select json_extract(c.state, '$.last_draft.summary') from conversations c
                       where c.id = drafts.conversation_id),
            blocks = (select json_extract(c.state, '$.last_draft.blocks') from conversations c
                      where c.id = drafts.conversation_id),
            letter_date = (select json_extract(c.state, '$.last_draft.letter_date') from conversations c
                           where c.id = drafts.conversation_id)
        where exists (select 1 from conversations c where c.id = drafts.conversation_id and json_valid(c.state)
                      and json_extract(c.state, '$.last_draft.version') = drafts.version)""")
    db.execute("update conversations set state = json_remove(state, '$.last_draft') where json_valid(state)")


@migrations()
def m005_no_surface_columns(db: sqlite_utils.Database) -> None:
    # Which Slack thread holds a conversation is the Slack adapter's business (its own ``slack_threads``).
    # Where no conversation used the old columns they go now; otherwise the adapter moves the rows over
    # and drops them when it first opens the file.
    columns = db["conversations"].columns_dict
    if "channel" not in columns:
        return  # a file that never had them
    if db.execute("select count(*) from conversations where coalesce(channel, '') != ''").fetchone()[0] == 0:
        db.execute("drop index if exists idx_conversations_channel_thread_ts")
        if "thread_ts" in columns:
            db.execute("alter table conversations drop column thread_ts")
        db.execute("alter table conversations drop column channel")


@migrations()
def m006_no_unused_tables(db: sqlite_utils.Database) -> None:
    # Where personal data is held is declared in code (``personal_data.HOLDINGS``), and redelivered Slack
    # events are dropped in memory, before the ack: neither table was read any more.
    db.execute("drop table if exists personal_fields")
    db.execute("drop table if exists processed_events")


@migrations()
def m007_case_letter_date(db: sqlite_utils.Database) -> None:
    # The date of the letter marked sent: the requester's review window runs from it when the letter is
    # dated after the day it was marked sent (the letter itself states that deadline).
    db["cases"].add_column("letter_date", str)


@migrations()
def m008_received_assumed(db: sqlite_utils.Database) -> None:
    # 1 while a case's received date is only assumed (the day the request was pasted, the email giving none):
    # its due date is counted from that day until the real date is given. Older cases read as given (0).
    db.execute("alter table cases add column received_assumed integer default 0")


BUSY_TIMEOUT_S = 10.0


def _retry_locked(action: Callable[[], None], timeout: float = BUSY_TIMEOUT_S) -> None:
    """Run ``action``, retrying while SQLite says the database is locked or busy (a statement the busy
    handler does not cover, such as switching to WAL while another process does the same)."""
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            action()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(delay)  # back off while another process holds the lock
        delay = min(delay * 2, 0.1)


def utcnow() -> str:
    """The current UTC time as an ISO 8601 string (the format every table uses): when ``FOIBOT_TODAY`` fixes
    the day, that day with the real time of day, so a scripted run's history is stamped with the day it acts
    out (and repeats) while its entries keep their order."""
    now = datetime.now(UTC)
    if os.environ.get("FOIBOT_TODAY", "").strip():
        from foibot.law.dates import today  # one reader of FOIBOT_TODAY (a malformed one is an InputError)

        now = datetime.combine(today(), now.timetz())
    return now.isoformat(timespec="seconds")


def drafts_dir(db_path: str | Path) -> Path:
    """Where foibot saves the Word files of a database's drafts: ``drafts/<database name>/`` beside it, so
    cases in two databases in one folder (each with its own ``FOI 2026-1``) never share a file."""
    path = Path(db_path)
    return path.parent / "drafts" / (path.stem or "foibot")


def default_db_path() -> Path:
    """``$FOIBOT_DB``, else ``$XDG_DATA_HOME/foibot/foibot.sqlite`` (``~/.local/share`` by default)."""
    if os.environ.get("FOIBOT_DB"):
        return Path(os.environ["FOIBOT_DB"]).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "foibot" / "foibot.sqlite"


class StoreError(InputError):
    """The database file cannot be opened or used (a folder, a place that cannot be written, not SQLite)."""


def _why(exc: BaseException) -> str:
    """An OS or SQLite error as a plain phrase (no errno, no Python names)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    text = str(exc) or type(exc).__name__
    return {"file is not a database": "it is not a foibot database (not an SQLite file)",
            "unable to open database file": "the file cannot be opened or created there"}.get(text, text)


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to the file at ``path`` set up for sharing (WAL, busy timeout, secure delete), or a
    StoreError in one sentence: a folder, a folder that cannot be made, a file that is not a database."""
    if str(path) != ":memory:":
        if path.is_dir():
            raise StoreError(f"the database {path} is a folder; give a file such as {path / 'foibot.sqlite'}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the database {path}: {_why(exc)}") from exc
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the database {path}: {_why(exc)}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        _retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")  # deleted or overwritten personal data is zeroed on disk
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"cannot open the database {path}: {_why(exc)}") from exc
    return conn


class Store:
    """Typed access to foibot's SQLite file. Safe to share between threads: one connection, and every
    method holds ``lock`` while it uses it (sqlite3 connections must not be used by two threads at once)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_db_path()
        conn = _connect(self.path)
        self.db = sqlite_utils.Database(conn)
        self.lock = threading.RLock()
        try:
            self.migrate(migrations)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"cannot use the database {self.path}: {_why(exc)}") from exc

    def migrate(self, migration_set: Migrations) -> None:
        """Apply a set of migrations (the core's, or a surface's own) once, safely against other processes:
        the pending list is read and applied inside one ``BEGIN IMMEDIATE`` transaction."""
        with self.lock:
            if not migration_set.pending(self.db):
                return
            with self.transaction():
                migration_set.apply(self.db)

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """Run a block of writes atomically (``BEGIN IMMEDIATE`` … ``COMMIT``)."""
        with self.lock:
            conn = self.db.conn
            if conn.in_transaction:
                yield self.db
                return
            _retry_locked(lambda: conn.execute("BEGIN IMMEDIATE"))
            try:
                yield self.db
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        self.db.conn.close()

    # --- conversations -------------------------------------------------------------------------

    def save_conversation(self, conv_id: str, state: dict[str, Any], **fields: Any) -> None:
        """Insert or update a conversation's state and any of its columns."""
        now = utcnow()
        with self.transaction() as db:
            table = db["conversations"]
            row = {"id": conv_id, "state": json.dumps(state), "updated_at": now, **fields}
            if table.count_where("id = ?", [conv_id]):
                table.update(conv_id, row)
            else:
                table.insert({"created_at": now, "status": "open", **row})

    def conversation(self, conv_id: str) -> dict[str, Any] | None:
        """A conversation row with its ``state`` decoded, or None."""
        with self.lock:
            rows = list(self.db["conversations"].rows_where("id = ?", [conv_id]))
        if not rows:
            return None
        row = rows[0]
        row["state"] = json.loads(row["state"] or "{}")
        return row

    def open_conversations(self) -> list[dict[str, Any]]:
        with self.lock:
            ids = [r["id"] for r in self.db["conversations"].rows_where("status != 'closed'", select="id")]
            return [self.conversation(i) for i in ids]

    def log_answer(self, conv_id: str, field: str, value: Any, who: str | None) -> None:
        """Record who set a field to what, and when."""
        with self.transaction() as db:
            db["answer_log"].insert(
                {"conversation_id": conv_id, "field": field, "value": json.dumps(value), "who": who or "",
                 "at": utcnow()}
            )

    def answer_log(self, conv_id: str) -> list[dict[str, Any]]:
        with self.lock:
            rows = list(self.db["answer_log"].rows_where("conversation_id = ?", [conv_id], order_by="id"))
        return [{**r, "value": json.loads(r["value"])} for r in rows]

    # --- drafts --------------------------------------------------------------------------------

    def add_draft(self, conv_id: str, letter: str, *, due: str | None, checks: list[dict[str, Any]],
                  created_by: str | None, case_ref: str | None = None, summary: str = "",
                  blocks: list[list[Any]] | None = None, letter_date: str | None = None) -> int:
        """Store a new draft version and return its version number (1, 2, …). ``summary``, ``blocks`` and
        ``letter_date`` let a surface show this version again exactly as it was."""
        with self.transaction() as db:
            version = (db.execute(
                "select coalesce(max(version), 0) from drafts where conversation_id = ?", [conv_id]
            ).fetchone()[0]) + 1
            db["drafts"].insert({
                "conversation_id": conv_id, "case_ref": case_ref, "version": version, "letter": letter,
                "due": due, "checks": json.dumps(checks), "created_by": created_by or "", "created_at": utcnow(),
                "summary": summary, "blocks": json.dumps(blocks or []), "letter_date": letter_date,
            })
        return version

    def drafts(self, conv_id: str, *, last: int | None = None) -> list[dict[str, Any]]:
        """A conversation's draft versions, oldest first; ``last=N`` reads only the newest N."""
        with self.lock:
            rows = list(self.db["drafts"].rows_where("conversation_id = ?", [conv_id], order_by="version desc",
                                                     limit=last))
        return [{**r, "checks": json.loads(r["checks"] or "[]"), "blocks": json.loads(r["blocks"] or "[]")}
                for r in reversed(rows)]

    # --- idempotency ---------------------------------------------------------------------------

    def claim(self, table: str, key: str) -> bool:
        """Record a key in a (key, at) table. True the first time, False if it was already there."""
        with self.lock:
            try:
                self.db.execute(f"insert into [{table}] (key, at) values (?, ?)", [key, utcnow()])
            except sqlite3.IntegrityError:
                return False
            return True
