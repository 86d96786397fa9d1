"""An eighth Slack probe, through the fake Slack: what a real workspace does to a bot that the seven before did
not try. A channel shared with another organisation (Slack Connect): a partner's member answering in a case
thread, pressing a case's buttons, pasting a request, or writing while foibot was down; a request forwarded from
another channel (Slack's Forward: no text of its own, the original in an attachment); a long case thread read
back after a restart (more than one page of ``conversations.replies``, colleagues' chat written while foibot was
down, a question posted long before). Each test pins what is posted (in the thread or to one person only) and
what is not.

Fixed in the Slack surface: a member of another organisation in a shared FOI channel could answer a case's
questions, press its buttons and start cases (their events and presses are now recorded and refused, their writer
told once, to them only: ``outsiders``); a request pasted in a channel shared with another organisation started a
case there, so its requester's details and the draft were shown outside the authority (now no case, and the
paster is told to use a channel of their own or a DM); a request forwarded into the FOI channel was ignored
without a word (its text is in the attachment; now it starts a case, quoted without the forwarder's comment);
on a restart, colleagues' messages written while foibot was down and addressed to each other ("@Jo can you
look?") were read as answers, the first stored as the answer and every other one told it was "overtaken" (now
left alone, as when running); a question with colleagues' messages under it was posted again on every restart
(the thread was read from the last message processed, after the question; now from the question).
"""

from __future__ import annotations

import time
from typing import Any

from fakeslack import FakeSlack
from slackrig import CHANNEL, OFFICER, SlackRig
from test_slack_probe2 import HELD_BUTTONS, HELD_HELP, HINT, SICKNESS, conv_of, posts_after, quiet, shown, state_of

PARTNER = "U_EXTJO"  # a member of a neighbouring council, in the FOI channel through Slack Connect
FROM_ELSEWHERE = ("You are in this channel from another organisation, so I do not take answers or button presses on "
                  "an FOI case from you: nothing was changed. An officer of the authority can answer it in the "
                  "thread.")
REQUEST_FROM_ELSEWHERE = ("You are in this channel from another organisation, so I do not take FOI requests from "
                          "you: nothing was changed. An officer of the authority can start a case for it.")
SHARED = ("This channel is shared with another organisation, so I have not started a case here: the requester's "
          "details and the draft would be seen outside the authority. Paste the request in an FOI channel of your "
          "own organisation, or send it to me in a direct message.")
HELD_ASKED = ["section: Noted. request summary: ask about sickness absence", "section: *Do we hold the information?*",
              HELD_HELP, HELD_BUTTONS, HINT]


def answers(rig: SlackRig, ts: str) -> dict[str, Any]:
    return state_of(rig, ts)["answers"]


def told(rig: SlackRig) -> list[tuple[str, str | None, str]]:
    return [(e["user"], e.get("thread_ts"), e["text"]) for e in rig.fake.ephemerals]


def cases(rig: SlackRig) -> int:
    return len(rig.ctx.poster.threads.open_threads())


def shared_case(rig: SlackRig) -> str:
    """A case started in the FOI channel, which is then shared with a partner organisation."""
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.fake.connect_channel(CHANNEL, "T_PARTNER", [PARTNER])
    return ts


# --- 1. Slack Connect: a partner organisation in the FOI channel ------------------------------------------


def test_an_answer_from_another_organisation_in_a_case_thread_is_not_read_and_its_writer_told_once(rig):
    ts = shared_case(rig)
    before = quiet(rig, ts)
    rig.reply(ts, "ask about sickness absence", user=PARTNER)
    rig.reply(ts, "ask about sick leave by rank", user=PARTNER)
    time.sleep(1)
    assert quiet(rig, ts) == before and "request_summary" not in answers(rig, ts)
    assert told(rig) == [(PARTNER, ts, FROM_ELSEWHERE)]
    rig.reply(ts, "ask about sickness absence")  # the authority's own officer: read as ever
    assert [shown(m) for m in posts_after(rig, ts, before)] == [HELD_ASKED]
    assert answers(rig, ts)["request_summary"] == "ask about sickness absence" and len(told(rig)) == 1


def test_a_button_pressed_by_another_organisation_changes_nothing_and_is_told_to_the_presser(rig):
    ts = shared_case(rig)
    rig.reply(ts, "ask about sickness absence")
    held = rig.question(ts, "held")
    before = quiet(rig, ts)
    rig.click(held, "answer:0", value_of="yes", thread_ts=ts, user=PARTNER)
    time.sleep(1)
    assert quiet(rig, ts) == before and "held" not in answers(rig, ts)
    assert told(rig) == [(PARTNER, ts, FROM_ELSEWHERE)]
    rig.click(held, "answer:0", value_of="yes", thread_ts=ts)
    assert shown(posts_after(rig, ts, before)[0])[0] == "section: Noted. held: Yes, we hold it"
    assert answers(rig, ts)["held"] == "yes"


def test_a_request_pasted_in_a_channel_shared_with_another_organisation_starts_no_case(rig):
    rig.fake.connect_channel(CHANNEL, "T_PARTNER", [PARTNER])
    mine = rig.paste(SICKNESS)
    theirs = rig.paste(SICKNESS.replace("2018", "2017"), user=PARTNER)
    time.sleep(1.5)
    assert cases(rig) == 0 and not rig.bot_posts(mine) and not rig.bot_posts(theirs)
    assert told(rig) == [(OFFICER, None, SHARED), (PARTNER, None, REQUEST_FROM_ELSEWHERE)]


def test_a_reply_from_another_organisation_written_while_foibot_was_down_is_not_read_on_restart(tmp_path):
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "db.sqlite").start()
        ts = shared_case(rig)
        before = quiet(rig, ts)
        rig.stop()
        fake.backfill(CHANNEL, PARTNER, ["ask about sickness absence"], thread_ts=ts)
        again = SlackRig(fake, tmp_path / "db.sqlite").start()
        time.sleep(1.5)
        assert "request_summary" not in answers(again, ts)
        new = [shown(m) for m in again.bot_posts(ts)[before:]]
        assert all("Noted" not in line for post in new for line in post)
        again.stop()


# --- 2. a request forwarded into the FOI channel -----------------------------------------------------------


def forwarded(text: str) -> list[dict[str, Any]]:
    """Slack's Forward (Share message) of ``text`` posted in another channel: the original as an attachment, its
    text escaped as Slack sends message text."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return [{"is_share": True, "is_msg_unfurl": True, "text": text, "fallback": f"[1 October 2019] inbox: {text}",
             "author_id": "U_OFFICER2", "channel_id": "C_OTHER", "ts": "1569924000.000100",
             "from_url": "https://fake-foi.slack.com/archives/C_OTHER/p1569924000000100"}]


def test_a_request_forwarded_without_words_of_its_own_starts_a_case_from_it(rig):
    ts, envelope = rig.fake.post_user_message(CHANNEL, OFFICER, "", attachments=forwarded(SICKNESS))
    rig.fake.wait_ack(envelope)
    rig.question(ts, "request_summary", timeout=20)
    assert cases(rig) == 1
    assert rig.rt.store.conversation(conv_of(rig, ts))["request_text"] == SICKNESS


def test_a_request_forwarded_with_a_comment_is_the_request_without_the_comment(rig):
    ts, envelope = rig.fake.post_user_message(CHANNEL, OFFICER, "new one from the inbox, can we log it?",
                                              attachments=forwarded(SICKNESS))
    rig.fake.wait_ack(envelope)
    rig.question(ts, "request_summary", timeout=20)
    assert rig.rt.store.conversation(conv_of(rig, ts))["request_text"] == SICKNESS
    assert answers(rig, ts)["requester_name"] == "Sam Lee"


# --- 3. a long case thread read back after a restart ------------------------------------------------------


def test_colleagues_chat_written_while_foibot_was_down_is_left_alone_and_the_answer_read_once(tmp_path):
    """Over 200 messages (two pages of ``conversations.replies``) between officers, addressed to each other,
    written while foibot was down, and one answer: the answer is read, the chat is not, nothing is said twice."""
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "db.sqlite").start()
        ts = rig.paste(SICKNESS)
        rig.question(ts, "request_summary", timeout=20)
        before = quiet(rig, ts)
        rig.stop()
        fake.backfill(CHANNEL, "U_OFFICER2", [f"<@{OFFICER}> is this the one about rank? ({i})" for i in range(210)],
                      thread_ts=ts)
        fake.backfill(CHANNEL, OFFICER, ["ask about sickness absence"], thread_ts=ts)
        pages = fake.replies_pages
        again = SlackRig(fake, tmp_path / "db.sqlite").start()
        again.question(ts, "held", timeout=20)
        assert [shown(m) for m in again.bot_posts(ts)[before:]] == [HELD_ASKED]
        assert fake.replies_pages - pages >= 2 and not fake.ephemerals
        assert answers(again, ts)["request_summary"] == "ask about sickness absence"
        again.stop()


def test_a_question_with_colleagues_messages_under_it_is_not_posted_again_on_each_restart(tmp_path):
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "db.sqlite").start()
        ts = rig.paste(SICKNESS)
        rig.question(ts, "request_summary", timeout=20)
        rig.reply(ts, "ask about sickness absence")
        rig.question(ts, "held")
        for i in range(120):  # the question is now more than 100 messages up the thread
            rig.reply(ts, f"<@U_OFFICER2> do we hold the 2018 figures? ({i})")
        before = quiet(rig, ts)
        rig.stop()
        for _ in range(2):
            again = SlackRig(fake, tmp_path / "db.sqlite").start()
            time.sleep(1)
            quiet(again, ts)
            again.stop()
        assert len(again.bot_posts(ts)) == before and not fake.ephemerals
