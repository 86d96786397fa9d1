"""Crash safety: the real app as a subprocess, killed with SIGKILL right after Slack got its ack, then
started again on the same database.

To kill "after the ack, before the answer is saved" without hooks in the product, the test holds the
database's write lock: the app acks the event, then waits on the lock; the test kills it and lets go.
The thread must resume with no answer lost, nothing posted twice, and the same draft as an
uninterrupted run.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from fakeslack.payloads import block_actions, view_submission

from foibot.surfaces.runtime import open_runtime

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "tests/fixtures/seed-request.txt").read_text()
CHANNEL = "C_FOI"
OFFICER = "U_OFFICER1"
ANSWERS = [("request_summary", "ask about IT monitoring"), ("topic", "1"), ("held", "yes"), ("disclosure", "all"),
           ("disclosed", "a table of 29 forces"), ("attachments", "Table of forces")]


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
        with sqlite3.connect(self.db, timeout=10) as conn:
            return {field: json.loads(value) for field, value in conn.execute("select field, value from answer_log")}

    @contextmanager
    def write_locked(self):
        """Hold the database's write lock (as a slow writer would) until the block ends."""
        conn = sqlite3.connect(self.db, timeout=10, isolation_level=None)
        conn.execute("begin immediate")
        try:
            yield
        finally:
            conn.execute("rollback")
            conn.close()

    def letter(self) -> str:
        with sqlite3.connect(self.db, timeout=10) as conn:
            return conn.execute("select letter from drafts order by id desc limit 1").fetchone()[0]


def bot_posts(fake: FakeSlack, ts: str) -> list[dict]:
    return [m for m in fake.messages(CHANNEL, ts) if m.get("bot_id")]


def _ids(message: dict) -> list[str]:
    return [b.get("block_id", "") for b in message.get("blocks") or []]


def questions_for(fake: FakeSlack, ts: str, field: str, *, reminders: bool = False) -> list[dict]:
    """The bot's posts asking ``field``; reminders (marked ``rq|``) only when asked for."""
    return [m for m in bot_posts(fake, ts) if any(i.startswith("q|") and i.endswith(f"|{field}") for i in _ids(m))
            and reminders == any(i.startswith("rq|") for i in _ids(m))]


def wait_question(fake: FakeSlack, ts: str, field: str, *, reminder: bool = False) -> dict:
    return fake.wait_for(lambda: (questions_for(fake, ts, field, reminders=reminder) or [None])[-1], 20)


def draft_posts(fake: FakeSlack, ts: str) -> list[dict]:
    return [m for m in bot_posts(fake, ts) if any(i.startswith("dv|") for i in _ids(m))]


def press(fake: FakeSlack, ts: str, question: dict, action_id: str = "answer:0") -> str:
    """Send the payload of a button press on a question (as Slack would); returns the envelope id."""
    block, button = next((b, e) for b in question["blocks"] for e in b.get("elements") or []
                         if e.get("action_id") == action_id)
    return fake.send(block_actions(action_id, button["value"], user=OFFICER, channel=CHANNEL, message=question,
                                   message_ts=question["ts"], thread_ts=ts, block_id=block.get("block_id", "")))


def reply(fake: FakeSlack, ts: str, text: str) -> str:
    msg_ts, envelope = fake.post_user_message(CHANNEL, OFFICER, text, thread_ts=ts)
    fake.wait_ack(envelope)
    return msg_ts


def answer_rest(app: AppProcess, ts: str, start_at: str) -> None:
    fields = [f for f, _ in ANSWERS]
    for field, text in ANSWERS[fields.index(start_at):]:
        wait_question(app.fake, ts, field)
        reply(app.fake, ts, text)
    app.fake.wait_for(lambda: draft_posts(app.fake, ts), 20)  # the last answer completes the letter


@pytest.fixture(scope="module")
def uninterrupted_letter(tmp_path_factory) -> str:
    """The letter the same answers give with no crash (in process, same day)."""
    rt = open_runtime(tmp_path_factory.mktemp("calm") / "foibot.sqlite", ROOT)
    rt.engine.today = date.today
    conv = rt.engine.start(SEED, surface="slack", user=OFFICER).conversation_id
    for _, text in ANSWERS:
        rt.engine.reply(conv, text)
    letter = rt.store.drafts(conv)[-1]["letter"]
    rt.store.close()
    return letter


@pytest.fixture
def app(tmp_path):
    with FakeSlack() as fake:
        process = AppProcess(fake, tmp_path / "foibot.sqlite")
        process.start()
        yield process
        if process.proc.poll() is None:
            process.kill()


def test_a_text_reply_acked_then_killed_is_applied_after_restart(app, uninterrupted_letter):
    fake = app.fake
    ts, _ = fake.post_user_message(CHANNEL, OFFICER, SEED)
    wait_question(fake, ts, "request_summary")
    # The app acks the event and is killed before the answer is saved. (The event id is marked handled
    # beforehand so the app acks without applying it, every time: the state a crash at that instant leaves.)
    with sqlite3.connect(app.db, timeout=10) as conn:
        conn.execute("insert into processed_events (key, at) values ('event:Ev_LOST', '')")
    _, envelope = fake.post_user_message(CHANNEL, OFFICER, "ask about IT monitoring", thread_ts=ts,
                                         event_id="Ev_LOST")
    fake.wait_ack(envelope)
    app.kill()
    assert "request_summary" not in app.answers()  # lost with the process...
    app.start()
    wait_question(fake, ts, "topic")  # ...and recovered from the thread on restart
    assert app.answers()["request_summary"] == "ask about IT monitoring"
    app.kill()
    app.start()  # a second restart applies nothing twice and asks nothing twice
    answer_rest(app, ts, "topic")
    assert len(questions_for(fake, ts, "topic")) == 1 and len(questions_for(fake, ts, "request_summary")) == 1
    assert len(questions_for(fake, ts, "topic", reminders=True)) == 1  # the unanswered question, once
    with sqlite3.connect(app.db) as conn:
        logged = [r[0] for r in conn.execute("select field from answer_log where field = 'request_summary'")]
    assert logged == ["request_summary"]
    assert app.letter() == uninterrupted_letter


def test_a_button_press_acked_then_killed_is_asked_again(app, uninterrupted_letter):
    fake = app.fake
    ts, _ = fake.post_user_message(CHANNEL, OFFICER, SEED)
    wait_question(fake, ts, "request_summary")
    reply(fake, ts, "ask about IT monitoring")
    wait_question(fake, ts, "topic")
    reply(fake, ts, "1")
    question = wait_question(fake, ts, "held")
    with app.write_locked():  # the press is acked, then waits to be saved; the process dies waiting
        fake.wait_ack(press(fake, ts, question))
        app.kill()
    app.start()
    again = wait_question(fake, ts, "held", reminder=True)  # Slack cannot replay a button: the question again
    assert "held" not in app.answers()
    fake.wait_ack(press(fake, ts, again))
    answer_rest(app, ts, "disclosure")
    assert app.letter() == uninterrupted_letter


def test_a_modal_submission_acked_then_killed_is_asked_again(app):
    fake = app.fake
    ts, _ = fake.post_user_message(CHANNEL, OFFICER, SEED)
    wait_question(fake, ts, "request_summary")
    conv = json.loads(next(e["value"] for m in bot_posts(fake, ts) for b in m.get("blocks") or []
                           for e in b.get("elements") or [] if e.get("value", "").startswith("{")))["c"]
    meta = json.dumps({"c": conv, "f": "request_summary", "ch": CHANNEL, "ts": ts})
    # Killed as soon as the submission is acked: the answer was saved in time, or it is asked again.
    fake.wait_ack(fake.send(view_submission("answer_view", {"text": {"value": {"type": "plain_text_input",
                                                                                "value": "ask about IT"}}}, meta)))
    app.kill()
    app.start()
    if "request_summary" in app.answers():
        wait_question(fake, ts, "topic")
    else:
        wait_question(fake, ts, "request_summary", reminder=True)
        reply(fake, ts, "ask about IT")
        wait_question(fake, ts, "topic")
    assert app.answers()["request_summary"] == "ask about IT"
    with sqlite3.connect(app.db) as conn:
        assert conn.execute("select count(*) from answer_log where field = 'request_summary'").fetchone()[0] == 1
    assert len(questions_for(fake, ts, "topic")) == 1


def test_killed_while_a_draft_is_being_posted(app, uninterrupted_letter):
    fake = app.fake
    ts, _ = fake.post_user_message(CHANNEL, OFFICER, SEED)
    for field, text in ANSWERS[:-1]:
        wait_question(fake, ts, field)
        reply(fake, ts, text)
    wait_question(fake, ts, ANSWERS[-1][0])
    fake.inject_fault("files.getUploadURLExternal", delay=30)  # the draft is posted; the upload hangs
    reply(fake, ts, ANSWERS[-1][1])  # the last answer completes the letter
    fake.wait_for(lambda: any(i.startswith("d|") for m in draft_posts(fake, ts) for i in _ids(m)), 20)
    posted = len(draft_posts(fake, ts))
    app.kill()
    fake.clear_faults()
    app.start()
    fake.wait_for(lambda: [f for f in fake.files.values() if f.shared and f.thread_ts == ts], 20)
    assert len(draft_posts(fake, ts)) == posted  # no draft message posted twice, no second version
    assert len([f for f in fake.files.values() if f.shared and f.thread_ts == ts]) == 1
    with sqlite3.connect(app.db) as conn:
        assert conn.execute("select count(*) from drafts").fetchone()[0] == 1
    assert app.letter() == uninterrupted_letter


def test_a_graceful_stop_finishes_the_work_in_hand(app):
    fake = app.fake
    ts, _ = fake.post_user_message(CHANNEL, OFFICER, SEED)
    wait_question(fake, ts, "request_summary")
    reply(fake, ts, "ask about IT monitoring")
    reply(fake, ts, "1")
    question = wait_question(fake, ts, "held")
    with app.write_locked():  # the press is acked, then waits on the lock; SIGTERM arrives meanwhile
        fake.wait_ack(press(fake, ts, question))
        app.proc.send_signal(signal.SIGTERM)
    assert app.proc.wait(20) == 0
    assert app.answers()["held"] == "yes"
    wait_question(fake, ts, "disclosure")
