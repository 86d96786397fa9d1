"""Several processes on one database at once, as in production: the Slack app, cron's purge and due,
officers' CLI drafts and imports. Every one must succeed, on a fresh file (migrations raced) and on a
busy one (writes waiting on each other)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import threading
from datetime import date
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from slackproc import CHANNEL, OFFICER, AppProcess, answer_all, asked, posted_twice, question, starter, word_files

from foibot.register.store import Store, migrations

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests/fixtures/seed-request.txt"
ANSWERS = ROOT / "tests/fixtures/seed-answers.json"
LOG = ROOT / "tests/fixtures/requests-dev.jsonl"

pytestmark = pytest.mark.slow


def run_together(db: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess]:
    """Start every command at once against ``db`` (each its own process); wait for all; return their results
    (the output and errors together in ``stderr``)."""
    pids = [spawn_cli(db, cmd, i) for i, cmd in enumerate(commands)]
    return [finished(db, cmd, pid, i) for i, (cmd, pid) in enumerate(zip(commands, pids, strict=True))]


def spawn_cli(db: Path, cmd: list[str], i: int) -> int:
    env = {**os.environ, "FOIBOT_DATA": str(ROOT)}
    return starter().spawn(["cli", "--db", str(db), *cmd], env, db.parent, db.parent / f"cli-{i}.log")


def finished(db: Path, cmd: list[str], pid: int, i: int) -> subprocess.CompletedProcess:
    status = starter().wait(pid, 120)
    return subprocess.CompletedProcess(cmd, status, "", (db.parent / f"cli-{i}.log").read_text())


def failures(results: list[subprocess.CompletedProcess]) -> list[str]:
    return [f"{' '.join(r.args)} -> {r.returncode}: {r.stderr[-600:]}" for r in results if r.returncode != 0]


def draft_command(tmp_path: Path, i: int) -> list[str]:
    answers = json.loads(ANSWERS.read_text())
    answers.pop("reference", None)
    path = tmp_path / f"answers-{i}.json"
    path.write_text(json.dumps(answers))
    return ["draft", str(SEED), "--answers", str(path), "--format", "json", "-o", str(tmp_path / f"out-{i}.json")]


def test_eight_drafts_started_together_on_a_fresh_database_all_succeed(tmp_path):
    db = tmp_path / "foibot.sqlite"
    results = run_together(db, [draft_command(tmp_path, i) for i in range(8)])
    assert failures(results) == []
    with sqlite3.connect(db) as conn:
        refs = sorted(r[0] for r in conn.execute("select ref from cases"))
        applied = conn.execute("select count(*), count(distinct name) from _sqlite_migrations "
                               "where migration_set = 'foibot'").fetchone()
    assert len(refs) == 8 and len(set(refs)) == 8  # one case each, references without clashes
    assert applied[0] == applied[1]  # every migration recorded exactly once
    assert all(json.loads((tmp_path / f"out-{i}.json").read_text())["letter"] for i in range(8))


def test_imports_a_purge_and_due_alongside_drafts_all_succeed(tmp_path):
    db = tmp_path / "foibot.sqlite"
    commands = [draft_command(tmp_path, i) for i in range(3)]
    commands += [["cases", "import", str(LOG)], ["cases", "import", str(LOG)], ["purge", "--older-than", "24m"],
                 ["due"], ["cases"]]
    results = run_together(db, commands)
    assert failures(results) == []
    with sqlite3.connect(db) as conn:
        imported = conn.execute("select count(*) from cases where source = 'import'").fetchone()[0]
    assert imported == 35  # two racing imports of one log add it once


def test_migrations_raced_by_threads_on_separate_connections_apply_once(tmp_path):
    db = tmp_path / "foibot.sqlite"
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def open_one() -> None:
        try:
            start.wait()
            Store(db).close()
        except BaseException as exc:  # noqa: BLE001 (collected and asserted below)
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("select name from _sqlite_migrations where migration_set = 'foibot'")]
        mode = conn.execute("pragma journal_mode").fetchone()[0]
    assert len(names) == len(set(names)) and mode == "wal"
    store = Store(db)
    assert migrations.pending(store.db) == []
    store.close()


def test_a_long_read_does_not_block_a_writer(tmp_path):
    db = tmp_path / "foibot.sqlite"
    writer = Store(db)
    reader = sqlite3.connect(db)
    reader.execute("begin")
    reader.execute("select count(*) from cases").fetchone()  # a read transaction stays open
    writer.save_conversation("c1", {"answers": {}}, surface="console", request_text="x")
    assert writer.conversation("c1")["request_text"] == "x"
    reader.rollback()
    reader.close()
    writer.close()


def test_purge_due_and_drafts_run_while_the_slack_app_answers_a_conversation(tmp_path):
    """cron's purge and due and an officer's CLI drafts, over and over while the Slack app takes a
    conversation from paste to draft: every command succeeds and the conversation completes."""
    db = tmp_path / "foibot.sqlite"
    assert run_together(db, [["cases", "import", str(LOG)]])[0].returncode == 0  # old cases for purge to work on
    today = date.today().strftime("%d %B %Y")
    request = SEED.read_text().replace("Sent: 28 September 2019", f"Sent: {today}")  # inside retention: kept
    answers = [("request_summary", "ask about IT monitoring"), ("topic", "1"), ("held", "yes"),
               ("disclosure", "all"), ("disclosed", "a table of 29 forces"), ("attachments", "Table of forces")]
    commands = [["purge", "--older-than", "24m"], ["due"], draft_command(tmp_path, 0)]
    with FakeSlack() as fake:
        app = AppProcess(fake, db).start()
        ts, envelope = fake.post_user_message(CHANNEL, OFFICER, request)
        fake.wait_ack(envelope)
        results = []
        for n in range(0, len(answers), 2):
            pids = [(cmd, spawn_cli(db, cmd, 10 * n + i)) for i, cmd in enumerate(commands)]
            answer_all(fake, ts, answers[n:n + 2])  # answered while they run
            results += [finished(db, cmd, pid, 10 * n + i) for i, (cmd, pid) in enumerate(pids)]
        fake.wait_for(lambda: word_files(fake, ts), 20)
        assert failures(results) == [] and len(results) == 9
        assert asked(fake, ts) == [f for f, _ in answers] and posted_twice(fake, ts) == []
        with sqlite3.connect(db) as conn:
            letter = conn.execute("select letter from drafts where conversation_id not like 'cli:%'").fetchone()[0]
            purged = conn.execute("select count(*) from cases where requester_name = '[requester]'").fetchone()[0]
        assert "Dear J Roberts" in letter  # the live case, inside the retention period, kept its requester
        assert purged >= 2  # each round's purge anonymised the CLI drafts (of the 2019 request) made before it
        question(fake, ts, answers[-1][0])
        app.stop()
        assert not fake.errors
