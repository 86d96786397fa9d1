"""The Slack adapter's own table, moved out of an old database; reading a long thread page by page; a
message processed once however often it is seen."""

from __future__ import annotations

import json
import sqlite3

import sqlite_utils
from fakeslack import FakeSlack
from slack_sdk import WebClient

from foibot.register.store import Store, migrations
from foibot.surfaces.slack.recovery import read_thread
from foibot.surfaces.slack.threads import SlackThreads

OLD_STATE = {"answers": {"requester_name": "A Person"}, "asking": "held", "posted_question": "held",
             "posted_draft": 1, "last_draft": {"version": 1, "summary": "Draft 1 summary", "reference": "FOI 2019-1",
                                               "letter_date": "2019-10-25", "blocks": [["p", "Dear A Person,", None]]}}


def old_database(path) -> None:
    """A file as the previous release left it: Slack columns on conversations, markers in the state."""
    old = sqlite_utils.Database(sqlite3.connect(path))
    names = [m.name for m in migrations._migrations]
    migrations.apply(old, stop_before=names[names.index("m004_draft_rendering"):])
    old["conversations"].insert({"id": "c1", "surface": "slack", "channel": "C1", "thread_ts": "1.1", "status": "open",
                                 "state": json.dumps(OLD_STATE), "request_text": "How many cars?",
                                 "created_at": "2019-10-01"})
    old["conversations"].insert({"id": "c2", "surface": "console", "state": "{}", "status": "open",
                                 "request_text": "How many vans?", "created_at": "2019-10-02"})
    old["drafts"].insert({"conversation_id": "c1", "version": 1, "letter": "Dear A Person,", "case_ref": "FOI 2019-1"})
    old.conn.commit()
    old.conn.close()


def test_an_old_database_moves_its_slack_rows_into_the_adapter_table(tmp_path):
    path = tmp_path / "old.sqlite"
    old_database(path)
    store = Store(path)
    assert "channel" in store.db["conversations"].columns_dict  # the core keeps them until the adapter moves them
    threads = SlackThreads(store)
    assert set(store.db["conversations"].columns_dict) & {"channel", "thread_ts"} == set()
    thread = threads.in_thread("C1", "1.1")
    assert (thread.conversation_id, thread.posted_question, thread.posted_draft) == ("c1", "held", 1)
    assert threads.of("c2") is None
    state = store.conversation("c1")["state"]
    assert state == {"answers": {"requester_name": "A Person"}, "asking": "held"}  # no Slack keys, no draft copy
    draft = store.drafts("c1")[0]
    assert (draft["summary"], draft["letter_date"], draft["blocks"]) == ("Draft 1 summary", "2019-10-25",
                                                                         [["p", "Dear A Person,", None]])
    store.close()
    again = Store(path)
    SlackThreads(again)  # opening again changes nothing
    assert again.conversation("c2")["request_text"] == "How many vans?"
    again.close()


def test_a_fresh_database_has_no_slack_columns_in_the_core(tmp_path):
    store = Store(tmp_path / "new.sqlite")
    assert set(store.db["conversations"].columns_dict) & {"channel", "thread_ts"} == set()
    store.close()


def test_a_message_is_processed_once(tmp_path):
    store = Store(tmp_path / "f.sqlite")
    store.save_conversation("c1", {}, surface="slack", request_text="x")
    threads = SlackThreads(store)
    threads.link("C1", "1.000001", "c1")
    assert threads.claim_message("C1", "1.000005", "c1") is True
    assert threads.claim_message("C1", "1.000005", "c1") is False
    assert threads.claim_message("C1", "1.000003", "c1") is True
    assert threads.in_thread("C1", "1.000001").last_ts == "1.000005"  # last_ts only moves forward
    store.close()


def test_a_long_thread_is_read_page_by_page_in_order():
    with FakeSlack() as fake:
        ts, _ = fake.post_user_message("C_FOI", "U_OFFICER1", "How many cars?")
        replies = [fake.post_user_message("C_FOI", "U_OFFICER1", f"reply {i}", thread_ts=ts)[0] for i in range(450)]
        client = WebClient(token="xoxb-test", base_url=fake.base_url)
        before = fake.replies_pages
        thread = read_thread(client, "C_FOI", ts)
        assert fake.replies_pages - before == 3  # 200 a page: the parent heads each page, read once
        assert [m["ts"] for m in thread] == [ts, *replies]
        later = read_thread(client, "C_FOI", ts, oldest=replies[400])
        assert [m["ts"] for m in later] == [ts, *replies[400:]]


def test_a_reminder_is_seen_however_long_the_thread(tmp_path):
    """The reminder loop reads the whole thread (every page) before posting, so a reminder past the first
    1,000 replies, posted just before a crash that lost its record, is not posted again."""
    from datetime import date

    from slackrig import SlackRig

    from foibot.surfaces.slack.reminders import send_reminders

    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "db.sqlite", today=date(2019, 10, 22)).start()
        ts = rig.paste("From: D Person <d@example.org>\nDate: 27 September 2019\n\nPlease provide your 2018 "
                       "budget for vetting and the number of staff.")
        rig.question(ts, "request_summary")
        fake.backfill("C_FOI", "U_OFFICER2", [f"note {i}" for i in range(1100)], thread_ts=ts)
        assert send_reminders(rig.ctx, rig.app.client) == 2  # the digest, and this case's reminder (reply 1,100+)
        rig.rt.store.db.execute("delete from reminders_sent")  # the crash lost the records, not the posts
        pages = fake.replies_pages
        assert send_reminders(rig.ctx, rig.app.client) == 0
        assert fake.replies_pages - pages >= 6  # 200 a page
        assert len([m for m in rig.bot_posts(ts) if "Reminder" in m.get("text", "")]) == 1
        rig.stop()
