"""The real Slack app as a separate process on a fake Slack, for crash, restart and process tests.

The app is started by ``warmstart`` (a fork of a process that loaded foibot's data once), so a test can
kill it and start it again in a fraction of a second. Helpers read the thread as Slack has it: the bot's
posts, the markers on them (``q|conv|field`` a question, ``rq|…`` a reminder, ``dv|…``/``d|…`` a draft).
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fakeslack import FakeSlack, Kill
from fakeslack.payloads import block_actions
from warmstart import WarmStarter

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "tests/fixtures/seed-request.txt").read_text()
CHANNEL = "C_FOI"
OFFICER = "U_OFFICER1"

_starter: WarmStarter | None = None


def starter() -> WarmStarter:
    """One warm-start helper per test session."""
    global _starter
    if _starter is None:
        _starter = WarmStarter()
        atexit.register(_starter.close)
    return _starter


class AppProcess:
    """``python app.py`` in Socket Mode on the fake Slack, over one database file."""

    def __init__(self, fake: FakeSlack, db: Path, **env: str):
        self.fake, self.db, self.pid = fake, db, 0
        # As Slack does: an envelope not acked within a second goes out again. At start the Socket Mode client
        # may open a second connection and close the first (its monitor thread races the first connect), so an
        # event sent in that instant would otherwise wait on a closed socket.
        fake.redeliver_unacked(after=1.0, max_attempts=3)
        self.log = db.parent / "app.log"
        self.env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test",
                    "SLACK_API_BASE_URL": fake.base_url, "FOIBOT_DB": str(db), "FOIBOT_CHANNELS": CHANNEL,
                    "FOIBOT_DATA": str(ROOT), "FOIBOT_LOG_LEVEL": "WARNING", **env}

    def start(self) -> AppProcess:
        """Start the app and wait until it is connected (it has resumed its threads by then)."""
        before = self.fake.connections_opened
        self.pid = starter().spawn(["app"], self.env, self.db.parent, self.log)
        self.fake.wait_for(lambda: self.fake.connections_opened > before or self.exited(0) is not None, 30)
        assert self.exited(0) is None, self.log.read_text()[-3000:]
        return self

    def exited(self, timeout: float) -> int | None:
        """The exit status once the process has exited (waiting up to ``timeout`` s), else None."""
        return starter().wait(self.pid, timeout)

    def kill(self) -> None:
        """SIGKILL, as the kernel's OOM killer or a power cut would."""
        os.kill(self.pid, signal.SIGKILL)
        self.reap()

    def reap(self) -> None:
        """Wait for the killed process and drop its connection (Slack would notice it gone)."""
        assert self.exited(10) == -signal.SIGKILL
        self.fake.drop_connections()

    def killed_by(self, kill: Kill) -> None:
        """Wait until the fake Slack has killed the app (``kill_on_ack``/``kill_on_call``), then reap it."""
        self.fake.wait_for(lambda: kill.fired, 10)
        self.reap()

    def stop(self) -> None:
        if self.pid and self.exited(0) is None:
            self.kill()

    def query(self, sql: str, *params: Any) -> list[tuple]:
        with sqlite3.connect(self.db, timeout=10) as conn:
            return conn.execute(sql, params).fetchall()

    def answers(self) -> dict[str, Any]:
        return {field: json.loads(value) for field, value in self.query("select field, value from answer_log")}

    def letter(self) -> str:
        return self.query("select letter from drafts order by id desc limit 1")[0][0]

    def idle_after_asking(self, field: str) -> None:
        """Wait until the app has recorded that it asked ``field`` (nothing left in hand)."""
        self.fake.wait_for(lambda: self.query("select 1 from slack_threads where posted_question = ?", field), 10)

    @contextmanager
    def write_locked(self) -> Iterator[None]:
        """Hold the database's write lock, as a slow writer in another process would, until the block ends."""
        conn = sqlite3.connect(self.db, timeout=10, isolation_level=None)
        conn.execute("begin immediate")
        try:
            yield
        finally:
            conn.execute("rollback")
            conn.close()


# --- the thread as Slack has it ---------------------------------------------------------------------------


def bot_posts(fake: FakeSlack, ts: str) -> list[dict]:
    return [m for m in fake.messages(CHANNEL, ts) if m.get("bot_id")]


def markers(message: dict) -> list[str]:
    return [b.get("block_id", "") for b in message.get("blocks") or []]


def all_markers(fake: FakeSlack, ts: str) -> list[str]:
    """Every marker on the bot's posts in the thread, in order (a reminder counts by its ``rq|`` marker only,
    not by the question it repeats)."""
    found = []
    for m in bot_posts(fake, ts):
        ids = markers(m)
        kinds = ("rq|",) if any(i.startswith("rq|") for i in ids) else ("q|", "dv|", "d|")
        found += [i for i in ids if i.startswith(kinds)]
    return found


def posted_twice(fake: FakeSlack, ts: str) -> list[str]:
    """Markers that appear on more than one post (a question or draft part posted twice)."""
    return [marker for marker, n in Counter(all_markers(fake, ts)).items() if n > 1]


def asked(fake: FakeSlack, ts: str) -> list[str]:
    """The fields the bot asked in the thread, in order (reminders not counted)."""
    return [i.rsplit("|", 1)[1] for i in all_markers(fake, ts) if i.startswith("q|")]


def reminded(fake: FakeSlack, ts: str) -> list[str]:
    """The fields asked again after a restart (posts marked ``rq|``)."""
    return [i.rsplit("|", 1)[1] for i in all_markers(fake, ts) if i.startswith("rq|")]


def question(fake: FakeSlack, ts: str, field: str, *, reminder: bool = False, timeout: float = 10) -> dict:
    """Wait for the bot's (last) post asking ``field`` (a reminder when ``reminder``) and return it."""
    def find() -> dict | None:
        for m in reversed(bot_posts(fake, ts)):
            ids = markers(m)
            if any(i.startswith("q|") and i.endswith(f"|{field}") for i in ids) and reminder == any(
                    i.startswith("rq|") for i in ids):
                return m
        return None
    return fake.wait_for(find, timeout)


def draft_posts(fake: FakeSlack, ts: str) -> list[dict]:
    return [m for m in bot_posts(fake, ts) if any(i.startswith("dv|") for i in markers(m))]


def word_files(fake: FakeSlack, ts: str) -> list[Any]:
    return [f for f in fake.files.values() if f.shared and f.thread_ts == ts]


def conversation_id(fake: FakeSlack, ts: str) -> str:
    return next(i.split("|")[1] for i in all_markers(fake, ts) if i.startswith("q|"))


def reply(fake: FakeSlack, ts: str, text: str, *, event_id: str | None = None) -> str:
    """An officer's reply in the thread; returns its message ts once the app has acked the event."""
    msg_ts, envelope = fake.post_user_message(CHANNEL, OFFICER, text, thread_ts=ts, event_id=event_id)
    fake.wait_ack(envelope)
    return msg_ts


def press(fake: FakeSlack, ts: str, message: dict, action_id: str = "answer:0") -> str:
    """Press a button on one of the bot's posts, as Slack sends it; returns the envelope id."""
    block, button = next((b, e) for b in message["blocks"] for e in b.get("elements") or []
                         if e.get("action_id") == action_id)
    return fake.send(block_actions(action_id, button["value"], user=OFFICER, channel=CHANNEL, message=message,
                                   message_ts=message["ts"], thread_ts=ts, block_id=block.get("block_id", "")))


def answer_all(fake: FakeSlack, ts: str, answers: list[tuple[str, str]]) -> None:
    """Answer each question with a plain reply once it is asked."""
    for field, text in answers:
        question(fake, ts, field)
        reply(fake, ts, text)
