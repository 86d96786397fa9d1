"""Access refusals on every path, log hygiene, and migrations from an empty and from the previous schema."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from fakeslack.payloads import message_action
from slackrig import SlackRig

from foibot.register.store import Store, migrations

SEED = (Path(__file__).parent / "fixtures" / "seed-request.txt").read_text()


@pytest.fixture
def restricted(tmp_path):
    with FakeSlack() as fake:
        fake.add_channel("C_RANDOM", "random", ["U_OFFICER1", "U_OUTSIDER", "U_FOIBOT"])
        rig = SlackRig(fake, tmp_path / "db.sqlite").start(users=("U_OFFICER1",))
        yield rig
        rig.stop()


def test_mention_by_an_outsider_is_refused_politely(restricted):
    fake = restricted.fake
    ts, _ = fake.post_user_message("C_RANDOM", "U_OUTSIDER", "<@U_FOIBOT> " + SEED)
    refusal = fake.wait_for(lambda: [e for e in fake.ephemerals if e.get("user") == "U_OUTSIDER"])
    assert "not on the list" in refusal[0]["text"]
    assert restricted.rt.store.db["conversations"].count == 0


def test_mention_by_an_allowed_user_starts_a_case_anywhere(restricted):
    ts, _ = restricted.fake.post_user_message("C_RANDOM", "U_OFFICER1", "<@U_FOIBOT> " + SEED)
    question = restricted.question(ts, "request_summary", channel="C_RANDOM")
    assert question["thread_ts"] == ts
    assert restricted.ctx.conversation_in("C_RANDOM", ts)["started_by"] == "U_OFFICER1"


def test_shortcut_by_an_outsider_is_refused_politely(restricted):
    fake = restricted.fake
    ts, _ = fake.post_user_message("C_RANDOM", "U_OFFICER1", SEED)
    fake.wait_ack(fake.send(message_action("draft_foi_response", {"type": "message", "ts": ts, "text": SEED},
                                           channel="C_RANDOM", user="U_OUTSIDER")))
    fake.wait_for(lambda: [e for e in fake.ephemerals if e.get("user") == "U_OUTSIDER"])
    assert restricted.rt.store.db["conversations"].count == 0


def test_logs_at_the_default_level_carry_no_request_text_names_or_tokens(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "db.sqlite").start()
        ts = rig.paste(SEED)
        rig.question(ts, "request_summary")
        rig.reply(ts, "show draft")
        rig.draft_posts(ts)
        rig.stop()
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "conversation" in text  # something was logged
    for secret in ("Roberts", "j.roberts@example.org", "ICT systems", "xoxb-test", "xapp-test"):
        assert secret not in text, secret


def test_migrations_from_an_empty_file(tmp_path):
    store = Store(tmp_path / "new.sqlite")
    applied = [m.name for m in migrations.applied(store.db)]
    assert applied == [m.name for m in migrations._migrations]
    assert {"conversations", "cases", "case_events", "drafts"} <= set(store.db.table_names())
    assert not {"personal_fields", "processed_events"} & set(store.db.table_names())  # dropped by m006
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    store.close()


def test_migrations_from_the_previous_schema_keep_the_data(tmp_path):
    path = tmp_path / "old.sqlite"
    import sqlite_utils

    old = sqlite_utils.Database(sqlite3.connect(path))
    first = migrations._migrations[0].name
    migrations.apply(old, stop_before=[m.name for m in migrations._migrations[1:]])
    assert [m.name for m in migrations.applied(old)] == [first]
    old["conversations"].insert({"id": "c1", "surface": "slack", "channel": "C1", "thread_ts": "1.1", "state": "{}",
                                 "status": "open", "request_text": "How many cars?"})
    old.conn.commit()
    old.conn.close()
    store = Store(path)
    assert store.conversation("c1")["request_text"] == "How many cars?"
    assert "cases" in store.db.table_names()
    store.close()


def test_a_file_whose_conversations_never_had_the_slack_columns_still_opens(tmp_path):
    path = tmp_path / "early.sqlite"
    import sqlite_utils

    early = sqlite_utils.Database(sqlite3.connect(path))
    names = [m.name for m in migrations._migrations]
    migrations.apply(early, stop_before=names[1:])
    early.execute("drop index if exists idx_conversations_channel_thread_ts")  # as an early development build
    early.execute("alter table conversations drop column thread_ts")
    early.execute("alter table conversations drop column channel")
    early["conversations"].insert({"id": "c1", "surface": "console", "state": "{}", "status": "open",
                                   "request_text": "How many bikes?"})
    early.conn.commit()
    early.conn.close()
    store = Store(path)
    assert store.conversation("c1")["request_text"] == "How many bikes?"
    assert [m.name for m in migrations.applied(store.db)] == names
    store.close()


def test_members_of_a_user_group_are_allowed_and_others_refused(tmp_path):
    from fakeslack.payloads import slash_command

    with FakeSlack() as fake:
        fake.add_usergroup("S_FOI", ["U_OFFICER2"])
        rig = SlackRig(fake, tmp_path / "db.sqlite").start(usergroups=("S_FOI",))

        def reply(user: str) -> str:
            before = len(fake.responses)
            fake.wait_ack(fake.send(slash_command(text="similar hospital crime", user=user)))
            return str(fake.wait_for(lambda: fake.responses[before] if len(fake.responses) > before else None))

        assert "not on the list" not in reply("U_OFFICER2")
        assert "not on the list" in reply("U_OUTSIDER")
        assert [c for c in fake.calls("usergroups.users.list")]
        rig.stop()


def test_slack_unreachable_at_start_is_one_line_naming_the_address(tmp_path, capsys):
    import socket

    from foibot.surfaces.settings import Settings
    from foibot.surfaces.slack.app import serve

    with socket.socket() as s:  # a loopback port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/api/"
    settings = Settings(bot_token="xoxb-test", app_token="xapp-test", api_base_url=base,
                        db=str(tmp_path / "db.sqlite"))
    assert serve(settings) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"foibot: cannot reach Slack at {base}: ")
    assert "Traceback" not in err and "refused" in lines[0].lower()
