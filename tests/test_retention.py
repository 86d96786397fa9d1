"""Personal data: a purge leaves no trace of a requester anywhere in the file (tables, search index, WAL),
from drafts made on every surface; a case inside the retention period keeps its requester; a subject
access export lists every declared place."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from foibot.register.personal_data import HOLDINGS, NOT_PERSONAL, redact_contacts
from foibot.register.retention import purge
from foibot.surfaces.cli import main
from foibot.surfaces.runtime import open_runtime
from foibot.surfaces.slack.threads import SlackThreads

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "tests/fixtures/seed-request.txt").read_text()
ANSWERS = ROOT / "tests/fixtures/seed-answers.json"
# A requester who signs off with a postal address and a phone number (invented for the tests).
NAME, EMAIL, STREET, TOWN, POSTCODE, PHONE = ("Philippa Quennell", "p.quennell@example.net", "14 Larkspur Road",
                                              "Wetherby", "LS22 6RT", "07700 900461")
REQUEST = SEED.replace("J Roberts <j.roberts@example.org>", f"{NAME} <{EMAIL}>").replace(
    "Yours sincerely,\n\nJ Roberts", f"Yours sincerely,\n\n{NAME}\n{STREET}\n{TOWN}\n{POSTCODE}\nTel: {PHONE}")
PURGED = [NAME, "Quennell", "Philippa", EMAIL, STREET, "Larkspur", POSTCODE, PHONE, "900461"]


def file_bytes(db: Path) -> bytes:
    """The database file with its -wal, -shm and any -journal, as raw bytes, lower-cased."""
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*")).lower()


def left_behind(db: Path) -> list[str]:
    data = file_bytes(db)
    return [value for value in PURGED if value.lower().encode() in data]


def test_the_request_carries_every_personal_value():
    assert all(v in REQUEST for v in (NAME, EMAIL, STREET, TOWN, POSTCODE, PHONE))


def test_contacts_in_free_text_are_redacted_and_ordinary_text_kept():
    text = ("Please send the figures.\n\nKind regards,\nA Person\n3 High St\nLeeds LS1 4AB\n"
            "Call 0113 496 0000 or +44 7700 900123, or mail a.person@example.com.\nThe 2019 report, page 12.")
    out = redact_contacts(text)
    for gone in ("3 High St", "LS1 4AB", "0113 496 0000", "+44 7700 900123", "a.person@example.com"):
        assert gone not in out
    for kept in ("Please send the figures.", "Kind regards,", "The 2019 report, page 12."):
        assert kept in out


def test_every_text_column_is_declared_personal_or_not(tmp_path):
    rt = open_runtime(tmp_path / "f.sqlite", ROOT)
    SlackThreads(rt.store)  # the Slack adapter's tables too
    declared = {f"{h.table}.{c}" for h in HOLDINGS for c in (*h.columns, *h.json_columns)}
    undeclared = []
    for (table,) in rt.store.db.execute("select name from sqlite_master where type = 'table'"):
        if table.startswith(("cases_fts", "sqlite_")):
            continue  # the search index is rebuilt from cases.request_text
        for _, column, kind, *_ in rt.store.db.execute(f"pragma table_info([{table}])"):
            name = f"{table}.{column}"
            if kind.upper() in ("TEXT", "") and name not in declared | NOT_PERSONAL:
                undeclared.append(name)
    rt.store.close()
    assert undeclared == []


def _console_case(db: Path) -> tuple[str, str]:
    rt = open_runtime(db, ROOT)
    rt.engine.today = lambda: date(2019, 10, 25)
    conv = rt.engine.start(REQUEST, surface="console", user="officer").conversation_id
    for reply in ("ask about IT monitoring", "1", "yes", "all", "a table", "show draft"):
        rt.engine.reply(conv, reply)
    ref = rt.engine.answers(conv)["reference"]
    assert rt.store.drafts(conv), "the console made no draft"
    rt.store.close()
    return ref, conv


def _cli_case(tmp_path: Path, db: Path) -> str:
    request = tmp_path / "request.txt"
    request.write_text(REQUEST)
    answers = json.loads(ANSWERS.read_text())
    answers.pop("reference", None)
    answers.pop("requester_name", None)
    (tmp_path / "answers.json").write_text(json.dumps(answers))
    assert main(["--db", str(db), "draft", str(request), "--answers", str(tmp_path / "answers.json"),
                 "-o", str(tmp_path / "out.txt")]) == 0
    assert f"Dear {NAME}" in (tmp_path / "out.txt").read_text()
    with sqlite3.connect(db) as conn:
        return conn.execute("select case_ref from drafts where conversation_id like 'cli:%'").fetchone()[0]


def test_purge_leaves_nothing_of_the_requester_from_cli_and_console(tmp_path):
    db = tmp_path / "foibot.sqlite"
    ref_cli = _cli_case(tmp_path, db)
    ref_console, conv = _console_case(db)
    assert set(left_behind(db)) == set(PURGED)  # every value is in the file before

    assert main(["--db", str(db), "purge", "--older-than", "24m", "--dry-run"]) == 0
    assert set(left_behind(db)) == set(PURGED)  # a dry run changes nothing

    assert main(["--db", str(db), "purge", "--older-than", "24m"]) == 0
    assert left_behind(db) == []
    rt = open_runtime(db, ROOT)
    for ref in (ref_cli, ref_console):
        case = rt.register.get_case(ref)
        assert case.requester_name == "[requester]" and case.requester_email == "" and case.received
        assert any(e["action"] == "purged" for e in rt.register.history(ref))
    assert "Dear [requester]," in rt.store.drafts(conv)[-1]["letter"]
    assert "Please provide the names of the police forces" in rt.store.conversation(conv)["request_text"]
    assert not rt.store.db.execute("select count(*) from cases_fts where cases_fts match 'quennell'").fetchone()[0]
    assert not rt.store.db.execute("select count(*) from cases_fts_vocab where term in ('quennell', 'larkspur')"
                                   ).fetchone()[0]
    assert purge(rt.store, older_than=relativedelta(months=24), today=date.today()).changes == []  # nothing left
    rt.store.close()


def test_dry_run_lists_places_not_values(tmp_path, capsys):
    db = tmp_path / "foibot.sqlite"
    ref = _cli_case(tmp_path, db)
    capsys.readouterr()
    assert main(["--db", str(db), "purge", "--older-than", "24m", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Would anonymise 1 case(s)") and ref in out
    assert f"{ref}: cases.requester_name (1), cases.requester_email (1), drafts.letter (1)" in out
    assert not any(value in out for value in PURGED)


def test_a_case_inside_the_retention_period_keeps_its_requester(tmp_path):
    db = tmp_path / "foibot.sqlite"
    ref = _cli_case(tmp_path, db)
    before = left_behind(db)
    assert {NAME, EMAIL} <= set(before)
    assert main(["--db", str(db), "purge", "--older-than", "100y"]) == 0
    assert left_behind(db) == before
    rt = open_runtime(db, ROOT)
    assert rt.register.get_case(ref).requester_email == EMAIL
    rt.store.close()


def test_export_case_lists_every_declared_place(tmp_path):
    db = tmp_path / "foibot.sqlite"
    ref, conv = _console_case(db)
    out = tmp_path / "sar.json"
    assert main(["--db", str(db), "export-case", *ref.split(), "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    held = data["held"]
    assert held["cases"][0]["requester_email"] == EMAIL
    assert held["conversations"][0]["state"]["answers"]["requester_name"] == NAME
    assert {"cases", "conversations", "answer_log", "drafts", "case_events"} <= set(held)
    assert all(d["conversation_id"] == conv for d in held["drafts"])
    assert "drafts.summary" in data["places"] and "conversations.state" in data["places"]
    assert main(["--db", str(db), "export-case", "FOI", "1999-1"]) == 1


@pytest.mark.parametrize("value", ["Quennell", "07700 900461", "LS22 6RT"])
def test_export_after_purge_holds_no_personal_value(tmp_path, value):
    db = tmp_path / "foibot.sqlite"
    ref, _ = _console_case(db)
    assert main(["--db", str(db), "purge", "--older-than", "24m"]) == 0
    out = tmp_path / "sar.json"
    assert main(["--db", str(db), "export-case", *ref.split(), "-o", str(out)]) == 0
    assert value.lower() not in out.read_text().lower()


def test_purge_leaves_nothing_of_a_requester_whose_case_was_drafted_in_slack(tmp_path):
    """A request pasted in Slack (name, email, address, phone), answered to a draft and its Word file by the
    real app on the fake Slack; purged by cron's command while the app still runs: no value is left in the
    database, its -wal or its -shm, and the app carries on."""
    from fakeslack import FakeSlack
    from slackproc import CHANNEL, OFFICER, AppProcess, answer_all, starter, word_files

    db = tmp_path / "foibot.sqlite"
    with FakeSlack() as fake:
        app = AppProcess(fake, db).start()
        ts, envelope = fake.post_user_message(CHANNEL, OFFICER, REQUEST)
        fake.wait_ack(envelope)
        answer_all(fake, ts, [("request_summary", "ask about IT monitoring"), ("topic", "1"), ("held", "yes"),
                              ("disclosure", "all"), ("disclosed", "a table of 29 forces"),
                              ("attachments", "Table of forces")])
        fake.wait_for(lambda: word_files(fake, ts), 10)
        assert f"Dear {NAME}" in app.letter()
        assert set(left_behind(db)) >= {NAME, EMAIL, STREET, POSTCODE, PHONE}  # all in the file before

        purge_run = starter().spawn(["cli", "--db", str(db), "purge", "--older-than", "24m"],
                                    {**app.env}, tmp_path, tmp_path / "purge.log")
        assert starter().wait(purge_run, 60) == 0, (tmp_path / "purge.log").read_text()
        assert sorted(p.name for p in tmp_path.glob("foibot.sqlite*")) == [
            "foibot.sqlite", "foibot.sqlite-shm", "foibot.sqlite-wal"]  # the app still has the file open
        assert left_behind(db) == []
        assert "Dear [requester]," in app.letter()
        assert app.query("select count(*) from slack_threads") == [(1,)]  # the thread is still the case's
        fake.wait_ack(fake.post_user_message(CHANNEL, OFFICER, "status", thread_ts=ts)[1])
        fake.wait_for(lambda: any("Answers so far" in m.get("text", "") for m in fake.messages(CHANNEL, ts)), 10)
        assert left_behind(db) == []  # the app's later work wrote nothing of the requester back
        app.stop()
