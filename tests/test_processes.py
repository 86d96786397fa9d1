"""Several processes on one database at once, as in production: the Slack app, cron's purge and due,
officers' CLI drafts and imports. Every one must succeed, on a fresh file (migrations raced) and on a
busy one (writes waiting on each other)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from foibot.register.store import Store, migrations

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests/fixtures/seed-request.txt"
ANSWERS = ROOT / "tests/fixtures/seed-answers.json"
LOG = ROOT / "tests/fixtures/requests-dev.jsonl"
CLI = "import sys; from foibot.surfaces.cli import main; sys.exit(main(sys.argv[1:]))"

pytestmark = pytest.mark.slow


def run_together(db: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess]:
    """Start every command at once against ``db``; wait for all; return their results."""
    env = {**os.environ, "FOIBOT_DATA": str(ROOT), "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", CLI, "--db", str(db), *cmd], cwd=db.parent, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for cmd in commands]
    results = []
    for cmd, proc in zip(commands, procs, strict=True):
        out, err = proc.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(cmd, proc.returncode, out, err))
    return results


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
