"""Crash safety: the real app as a subprocess, killed with SIGKILL mid-conversation, then started again.

The thread must resume with no answer lost and no post repeated.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fakeslack import FakeSlack

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "tests/fixtures/seed-request.txt").read_text()
CHANNEL = "C_FOI"


class AppProcess:
    def __init__(self, fake: FakeSlack, db: Path):
        self.fake, self.db, self.proc = fake, db, None

    def start(self) -> None:
        before = self.fake.connections_opened
        env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test",
               "SLACK_API_BASE_URL": self.fake.base_url, "FOIBOT_DB": str(self.db), "FOIBOT_CHANNELS": CHANNEL,
               "FOIBOT_DATA": str(ROOT), "FOIBOT_LOG_LEVEL": "WARNING"}
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=self.db.parent, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.fake.wait_for(lambda: self.fake.connections_opened > before or self.proc.poll() is not None, 30)
        assert self.proc.poll() is None, self.proc.stderr.read().decode()[-2000:]

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self.fake.drop_connections()

    def answers(self) -> dict[str, str]:
        with sqlite3.connect(self.db) as conn:
            return {field: value for field, value in conn.execute("select field, value from answer_log")}


def bot_posts(fake: FakeSlack, ts: str) -> list[dict]:
    return [m for m in fake.messages(CHANNEL, ts) if m.get("bot_id")]


def questions_for(fake: FakeSlack, ts: str, field: str) -> list[dict]:
    return [m for m in bot_posts(fake, ts) if any(b.get("block_id", "").endswith(f"|{field}")
                                                  and b["block_id"].startswith("q|") for b in m.get("blocks") or [])]


def wait_question(fake: FakeSlack, ts: str, field: str) -> None:
    fake.wait_for(lambda: questions_for(fake, ts, field), 20)


@pytest.fixture
def app(tmp_path):
    with FakeSlack() as fake:
        process = AppProcess(fake, tmp_path / "foibot.sqlite")
        process.start()
        yield process
        if process.proc.poll() is None:
            process.kill()


def test_killed_between_an_answer_and_the_next_question(app):
    fake = app.fake
    ts, _ = fake.post_user_message(CHANNEL, "U_OFFICER1", SEED)
    wait_question(fake, ts, "request_summary")
    fake.inject_fault("chat.postMessage", delay=1.5)  # the next post stalls; the process dies meanwhile
    fake.post_user_message(CHANNEL, "U_OFFICER1", "ask about IT monitoring", thread_ts=ts)
    fake.wait_for(lambda: "request_summary" in app.answers(), 20)  # the answer is safe in SQLite
    app.kill()
    time.sleep(2)  # let the stalled post land (it reached Slack before the crash) or not
    app.start()
    wait_question(fake, ts, "topic")
    time.sleep(1)
    assert len(questions_for(fake, ts, "topic")) == 1
    assert len(questions_for(fake, ts, "request_summary")) == 1
    fake.post_user_message(CHANNEL, "U_OFFICER2", "1", thread_ts=ts)
    wait_question(fake, ts, "held")
    assert app.answers()["request_summary"] == '"ask about IT monitoring"'


def test_killed_while_a_draft_is_being_posted(app):
    fake = app.fake
    ts, _ = fake.post_user_message(CHANNEL, "U_OFFICER1", SEED)
    wait_question(fake, ts, "request_summary")
    fake.inject_fault("files.getUploadURLExternal", delay=30)  # the draft is posted; the upload hangs
    fake.post_user_message(CHANNEL, "U_OFFICER1", "show draft", thread_ts=ts)
    drafts = lambda: [m for m in bot_posts(fake, ts) if any(b.get("block_id", "").startswith("dv|")  # noqa: E731
                                                          for b in m.get("blocks") or [])]
    fake.wait_for(lambda: any(b.get("block_id", "").startswith("d|") for m in drafts() for b in m["blocks"]), 20)
    posted = len(drafts())
    app.kill()
    fake.clear_faults()
    app.start()
    fake.wait_for(lambda: [f for f in fake.files.values() if f.shared and f.thread_ts == ts], 20)
    time.sleep(1)
    assert len(drafts()) == posted  # no draft message posted twice
    assert len([f for f in fake.files.values() if f.shared and f.thread_ts == ts]) == 1
