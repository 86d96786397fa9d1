"""The case register in Slack: /foi similar, case and stats; access to them; mark sent; reminders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from fakeslack.payloads import app_home_opened, slash_command
from slackrig import CHANNEL, SlackRig

from foibot.surfaces.slack.reminders import send_reminders

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def rig(rig):
    """The Slack rig with the 35 past cases in its register."""
    from foibot.register.disclosure_log import import_log

    import_log(rig.rt.store, FIXTURES / "requests-dev.jsonl")
    return rig


def command(rig: SlackRig, text: str, user: str = "U_OFFICER1", channel: str = CHANNEL) -> str:
    before = len(rig.fake.responses)
    rig.fake.wait_ack(rig.fake.send(slash_command(text=text, user=user, channel=channel)))
    response = rig.fake.wait_for(lambda: rig.fake.responses[before] if len(rig.fake.responses) > before else None)
    return " ".join(b["text"]["text"] for b in response["body"].get("blocks") or []) or response["body"]["text"]


def test_similar_case_and_stats_in_the_foi_channel(rig):
    found = command(rig, "similar crimes logged on hospital grounds by hospital name")
    assert "hospital-crime" in found and "similar" in found
    shown = command(rig, "case shef-potholes")
    assert "shef-potholes" in shown and "Recent history" in shown
    stats = command(rig, "stats")
    from foibot.register.stats import compute

    table = compute(rig.rt.store, today=rig.today).table()
    total = next(line for line in table.splitlines() if line.startswith("total"))
    assert "received" in stats and " ".join(total.split()) in " ".join(stats.split())
    # The chart is uploaded after the answer, in the same listener: wait for it (drawing it can be slow on a
    # busy machine; the wait ends as soon as it is there).
    chart = rig.fake.wait_for(
        lambda: [f for f in rig.fake.files.values() if f.filename == "foi-stats.png" and f.channel], 30)
    assert chart[0].data[:4] == b"\x89PNG" and chart[0].channel == CHANNEL


def test_case_details_are_refused_outside_foi_channels_and_to_outsiders(tmp_path):
    with FakeSlack() as fake:
        fake.add_channel("C_RANDOM", "random", ["U_OFFICER1", "U_OUTSIDER", "U_FOIBOT"])
        rig = SlackRig(fake, tmp_path / "db.sqlite").start()
        assert "not on the list" in command(rig, "case shef-potholes", channel="C_RANDOM")
        assert "not on the list" in command(rig, "similar hospital crime", channel="C_RANDOM")
        rig.stop()
        rig = SlackRig(fake, tmp_path / "db.sqlite").start(users=("U_OFFICER1",))
        assert "not on the list" in command(rig, "case shef-potholes", user="U_OUTSIDER")
        assert "not on the list" not in command(rig, "help", user="U_OUTSIDER")
        fake.wait_ack(fake.send(app_home_opened("U_OUTSIDER")))
        view = fake.wait_for(lambda: next((v for v in fake.views if v.get("action") == "published"), None))
        assert "not on the list" in str(view["view"]["blocks"])
        rig.stop()


def test_mark_sent_records_the_date_and_review_window_in_the_register(rig):
    ts = rig.paste("From: D Person <d@example.org>\nDate: 1 October 2019\n\nPlease provide your 2018 budget "
                   "for vetting and the number of staff.")
    rig.question(ts, "request_summary")
    rig.reply(ts, "show draft")
    posts = rig.draft_posts(ts, 1)
    rig.click(posts[-1], "draft_sent", thread_ts=ts)
    note = rig.fake.wait_for(lambda: next((m for m in rig.bot_posts(ts) if "marked as sent" in m.get("text", "")),
                                          None))
    conv = rig.ctx.conversation_in(CHANNEL, ts)["id"]
    case = rig.rt.register.case_for_conversation(conv)
    assert case.status == "sent" and case.sent_on == date(2019, 10, 25)
    assert case.ref in note["text"] and "internal review until" in note["text"]


def test_reminders_and_digest_are_posted_once_even_across_a_restart(tmp_path):
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "db.sqlite", today=date(2019, 10, 22)).start()
        ts = rig.paste("From: D Person <d@example.org>\nDate: 27 September 2019\n\nPlease provide your 2018 "
                       "budget for vetting and the number of staff.")
        rig.question(ts, "request_summary")
        assert send_reminders(rig.ctx, rig.app.client) == 2  # the digest, and this case's reminder
        digest = [m for m in fake.messages(CHANNEL) if m.get("text", "").startswith("FOI digest")]
        reminder = [m for m in rig.bot_posts(ts) if "Reminder" in m.get("text", "")]
        assert len(digest) == 1 and len(reminder) == 1
        assert send_reminders(rig.ctx, rig.app.client) == 0
        rig.stop()
        again = SlackRig(fake, tmp_path / "db.sqlite", today=date(2019, 10, 22)).start()
        assert send_reminders(again.ctx, again.app.client) == 0  # a restart repeats nothing
        again.today = date(2019, 10, 28)  # overdue now, and a new day's digest
        assert send_reminders(again.ctx, again.app.client) == 2
        again.stop()


def test_a_reminder_posted_just_before_a_crash_is_not_repeated(tmp_path):
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "db.sqlite", today=date(2019, 10, 22)).start()
        ts = rig.paste("From: D Person <d@example.org>\nDate: 27 September 2019\n\nPlease provide your 2018 "
                       "budget for vetting and the number of staff.")
        rig.question(ts, "request_summary")
        assert send_reminders(rig.ctx, rig.app.client) == 2
        # The process died after posting but before recording: the records are gone, the posts are not.
        rig.rt.store.db.execute("delete from reminders_sent")
        assert send_reminders(rig.ctx, rig.app.client) == 0
        assert len([m for m in rig.bot_posts(ts) if "Reminder" in m.get("text", "")]) == 1
        assert rig.rt.store.db.execute("select count(*) from reminders_sent").fetchone()[0] == 2
        rig.stop()
