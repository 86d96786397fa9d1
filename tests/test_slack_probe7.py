"""A seventh Slack probe, through the fake Slack: a request pasted in parts at the channel level, and what a
real workspace does to a bot (events delivered again, buttons double-clicked, rate limits and failed uploads,
channels archived or left, message subtypes, App Home and /foi in odd places, the digest and reminders across a
weekend, a bank holiday and the year end). Each test pins what is posted (text, blocks, files, ephemeral or in
the thread) and what is not.

Fixed in the Slack surface: the rest of a request pasted in the channel itself (not in the case's thread) was
joined by an older rule of its own (two lines or 40 words), so a long first answer typed in the channel was read
as part 2 of the request, and a short message carrying on a request that broke off mid-sentence was ignored. Now
the channel side weighs a message with the thread's own rule (``seen.part_or_answer``): joined, asked about in
the case's thread with the two buttons (which read the message back from the channel), or left alone; a whole
request of its own still starts a case of its own. Also fixed: Regenerate double-clicked made two new drafts
and two Word files, Approve double-clicked said so twice; a Word file Slack refused was lost without a word
(now tried twice, then said, and 'show draft' attaches it); one archived or left channel stopped every later
reminder and the digest, every five minutes (now one warning, the rest sent, the skipped one sent once foibot
can post there); "@foibot hello" opened a case "hello" in the register; a request sent by direct message with
an @mention was ignored (Slack sends no app_mention in a DM); a form Slack would not open (its trigger more than
3 s old) was a silent press; /foi stats in a channel foibot had left logged a traceback.
"""

from __future__ import annotations

import copy
import logging
import time
from datetime import date
from typing import Any

from fakeslack import BOT_USER_ID, FakeSlack, event_callback, http_body, message_event, signed_headers, slash_command
from slackrig import CHANNEL, OFFICER, SlackRig
from test_slack_http import SECRET, post, server  # noqa: F401 (server: a pytest fixture)
from test_slack_probe2 import SICKNESS, SUMMARY_QUESTION, conv_of, posts_after, quiet, shown, state_of, word_files
from test_slack_probe5 import PART_1, PART_2
from test_slack_probe6 import ASKED, BUTTONS, LONG_SUMMARY

from foibot.surfaces.slack.reminders import send_reminders

OFFICER2 = "U_OFFICER2"
HINT_TEXT = ("Paste an FOI request here (the whole email is fine) and I will help draft the response. Type /foi help "
             "for the paragraph library.")
JOINED = ("section: I took your message as part 2 of the request, not as an answer, and read the request again as a "
          "whole. If it was an answer, say it again once the question below is asked.")


def answers(rig: SlackRig, ts: str) -> dict[str, Any]:
    return state_of(rig, ts)["answers"]


def request_text(rig: SlackRig, ts: str) -> str:
    return rig.rt.store.conversation(conv_of(rig, ts))["request_text"]


def top_level(rig: SlackRig) -> list[dict[str, Any]]:
    """The channel's own messages (not thread replies), as Slack's history shows them."""
    return [m for m in rig.fake.messages(CHANNEL) if m.get("thread_ts") in (None, m["ts"])]


def cases(rig: SlackRig) -> int:
    return len(rig.ctx.poster.threads.open_threads())


def pasted_then(rig: SlackRig, text: str, *, in_thread: bool) -> tuple[str, str | None, list[dict[str, Any]]]:
    """Paste PART_1, wait for its first question, then send ``text`` in the thread or in the channel; the case's
    thread ts, the channel message's ts (None in the thread) and the bot's new posts in the case's thread."""
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    if in_thread:
        rig.reply(ts, text)
        other = None
    else:
        other = rig.paste(text)
    return ts, other, posts_after(rig, ts, before)


# --- 1. a request pasted in parts at the channel level: the thread's rule, one rule -------------------------


def test_a_long_first_answer_in_the_channel_is_asked_about_in_the_thread_as_it_is_there(rig):
    for in_thread in (True, False):
        ts, other, new = pasted_then(rig, LONG_SUMMARY, in_thread=in_thread)
        assert [shown(m) for m in new] == [[ASKED, BUTTONS]], in_thread  # before: part 2 of the request
        assert "request_summary" not in answers(rig, ts)
        assert request_text(rig, ts).endswith("1. The number on long-term sick leave in 2018, by rank.")
        if other:
            assert not rig.bot_posts(other) and rig.ctx.conversation_in(CHANNEL, other) is None
        assert not rig.fake.ephemerals
    assert cases(rig) == 2


def test_its_my_answer_on_a_channel_message_reads_it_back_from_the_channel_and_stores_it(rig):
    ts, other, new = pasted_then(rig, LONG_SUMMARY, in_thread=False)
    before = quiet(rig, ts)
    rig.click(new[0], "request_part_answer", thread_ts=ts)
    after = posts_after(rig, ts, before)
    settled = next(m for m in rig.bot_posts(ts) if m["ts"] == new[0]["ts"])
    assert shown(settled) == [
        'section: <@U_OFFICER1> took the message ("ask for the number of police officers on long-term sick leave in '
        '2018 broken do…") as the answer to *In a few words, what was the request about?*.']
    assert shown(after[0])[0] == "section: Noted. request summary: " + LONG_SUMMARY
    assert answers(rig, ts)["request_summary"] == LONG_SUMMARY
    assert not rig.bot_posts(other) and not rig.fake.ephemerals


def test_add_to_the_request_on_a_channel_message_joins_it(rig):
    ts, _, new = pasted_then(rig, LONG_SUMMARY, in_thread=False)
    before = quiet(rig, ts)
    rig.click(new[0], "request_part_add", thread_ts=ts)
    after = posts_after(rig, ts, before)
    assert shown(after[0])[0].split("\n\n")[0] == JOINED
    assert request_text(rig, ts).endswith("by rank.\n" + LONG_SUMMARY)
    assert "request_summary" not in answers(rig, ts)


def test_more_in_the_requesters_words_is_joined_in_the_channel_as_in_the_thread(rig):
    more = ("I would also like to know the total cost of sick pay to the force in 2018 and how it compares with "
            "2017.\nYours sincerely, Sam Lee")
    for in_thread in (True, False):
        ts, other, new = pasted_then(rig, more, in_thread=in_thread)
        assert shown(new[0])[0].split("\n\n")[0] == JOINED
        assert request_text(rig, ts).endswith("how it compares with 2017.\nYours sincerely, Sam Lee")
        assert other is None or (not rig.bot_posts(other) and rig.ctx.conversation_in(CHANNEL, other) is None)
    assert cases(rig) == 2


def test_a_request_that_broke_off_is_carried_on_from_the_channel_as_in_the_thread(rig):
    cut = ("From: Sam Lee <sam@example.org>\nDate: 1 October 2019\n\nPlease provide the number of police officers on "
           "long-term sick leave in 2018, broken down by rank and")
    for in_thread in (True, False):
        ts = rig.paste(cut)
        rig.question(ts, "request_summary", timeout=20)
        before = quiet(rig, ts)
        if in_thread:
            rig.reply(ts, "by station")
        else:
            rig.paste("by station")  # before: ignored (one short line)
        new = posts_after(rig, ts, before)
        assert shown(new[0])[0].split("\n\n")[0] == JOINED
        assert request_text(rig, ts).endswith("broken down by rank and\nby station")


def test_a_short_answer_in_the_channel_is_left_alone_and_a_whole_request_is_a_case_of_its_own(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    before, top = quiet(rig, ts), len(top_level(rig))
    rig.paste("ask about sickness absence")  # an answer typed in the channel: not taken, nothing said
    time.sleep(0.8)
    assert quiet(rig, ts) == before and len(top_level(rig)) == top + 1
    assert "request_summary" not in answers(rig, ts) and not rig.fake.ephemerals
    other = rig.paste(SICKNESS.replace("Sam Lee", "Kim Ray"))  # a whole request of its own
    rig.question(other, "request_summary", timeout=20)
    assert shown(rig.bot_posts(other)[-1])[-4:] == SUMMARY_QUESTION
    assert "Kim Ray" not in request_text(rig, ts) and quiet(rig, ts) == before
    one_line = rig.paste("Please provide the number of fire engines at each station in 2018.")
    rig.question(one_line, "requester_name", timeout=20)
    assert cases(rig) == 3


def test_a_channel_message_after_the_first_answer_or_from_a_colleague_is_never_joined(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    rig.paste(PART_2, user=OFFICER2)  # the paster's colleague: not a part of the paster's request
    rig.reply(ts, "ask about sickness absence")
    rig.fake.wait_for(lambda: answers(rig, ts).get("request_summary"))
    before = quiet(rig, ts)
    rig.paste("3. The number of officers dismissed in 2018.")  # after an answer: too late, and not a new case
    time.sleep(0.8)
    assert quiet(rig, ts) == before and "dismissed" not in request_text(rig, ts)
    assert "2. The number of days lost" not in request_text(rig, ts)
    assert cases(rig) == 1 and not rig.fake.ephemerals


# --- 2. Slack delivering again: an event after a restart, a button double-clicked ---------------------------


def test_events_delivered_again_after_a_restart_post_nothing_twice(tmp_path):
    """Slack retries an event whose ack it did not see (``retry_attempt``, Bolt's X-Slack-Retry-Num), perhaps
    after foibot restarted and forgot the event ids it had seen: the paste and the answer act once."""
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "db.sqlite").start()
        ts, pasted = fake.post_user_message(CHANNEL, OFFICER, SICKNESS)
        rig.question(ts, "request_summary", timeout=20)
        _, answered = fake.post_user_message(CHANNEL, OFFICER, "ask about sickness absence", thread_ts=ts)
        rig.question(ts, "held")
        rig.stop()
        again = SlackRig(fake, tmp_path / "db.sqlite").start()
        before = quiet(again, ts)  # (the held question asked once more on restart: "Picking up where we left off")
        for attempt, envelope in ((1, pasted), (2, answered)):
            fake.wait_ack(fake.push("events_api", copy.deepcopy(fake.envelopes[envelope].payload),
                                    retry_attempt=attempt, retry_reason="timeout"))
        time.sleep(1)
        assert quiet(again, ts) == before and not fake.ephemerals
        assert len(top_level(again)) == 1 and cases(again) == 1
        assert answers(again, ts)["request_summary"] == "ask about sickness absence"
        again.stop()


def draft_buttons(rig: SlackRig) -> tuple[str, dict[str, Any]]:
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "show draft")
    return ts, copy.deepcopy(rig.draft_posts(ts, 1)[-1])


def test_regenerate_double_clicked_makes_one_new_draft_and_one_word_file(rig):
    ts, buttons = draft_buttons(rig)
    before = quiet(rig, ts)
    rig.click(buttons, "draft_regenerate", thread_ts=ts)
    rig.click(buttons, "draft_regenerate", thread_ts=ts)  # before: a draft 2 and a draft 3, and two Word files
    new = posts_after(rig, ts, before, settle=0.8)
    headers = [line for m in new for line in shown(m) if line.startswith("header:")]
    assert headers == ["header: Draft 2: FOI 2019-1"]
    assert word_files(rig, ts) == ["FOI-2019-1-v1.docx", "FOI-2019-1-v2.docx"]
    assert rig.ctx.engine.latest_version(conv_of(rig, ts)) == 2 and not rig.fake.ephemerals
    newer = copy.deepcopy(rig.draft_posts(ts, 2)[-1])
    before = quiet(rig, ts)
    rig.click(newer, "draft_regenerate", thread_ts=ts)  # the newest draft's button still makes a new draft
    rig.draft_posts(ts, 3)
    assert word_files(rig, ts)[-1] == "FOI-2019-1-v3.docx"


def test_approve_double_clicked_says_approved_once(rig):
    ts, buttons = draft_buttons(rig)
    before = quiet(rig, ts)
    rig.click(buttons, "draft_approve", thread_ts=ts)
    rig.click(buttons, "draft_approve", thread_ts=ts, user=OFFICER2)
    new = posts_after(rig, ts, before, settle=0.8)
    assert [m["text"] for m in new] == ["Draft 1 of FOI 2019-1 approved by <@U_OFFICER1>."]
    assert not rig.fake.ephemerals


# --- 3. rate limits and uploads failing -------------------------------------------------------------------


def test_a_429_in_the_middle_of_a_long_letter_posts_it_whole_in_order_once(rig):
    body = "\n\n".join(f"Paragraph {i}: " + "I would like to know about the sickness records of officers at the "
                       "station. " * 12 for i in range(60))
    ts = rig.paste("From: Sam Lee <sam@example.org>\nDate: 1 October 2019\n\nPlease provide the following.\n\n" + body)
    rig.question(ts, "request_summary", timeout=30)
    rig.reply(ts, "ask about sickness records")
    rig.question(ts, "held", timeout=20)
    for _ in range(3):  # the draft's fourth message is refused once: 429, Retry-After: 1
        rig.fake.inject_fault("chat.postMessage")  # (a fault with nothing to do: the call goes through)
    rig.fake.inject_fault("chat.postMessage", status=429, retry_after=1)
    rig.reply(ts, "show draft")
    posts = rig.draft_posts(ts, timeout=30)
    assert [c.status for c in rig.fake.calls("chat.postMessage")].count(429) == 1
    letter = rig.rt.engine.stored_draft(conv_of(rig, ts)).draft.text()
    sections = [b["text"]["text"] for m in posts for b in m["blocks"] if b["type"] == "section"]
    assert " ".join(sections).split() == letter.replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;").split()  # every word of the letter, once and in order, the refused part retried in its place
    assert [f.filename for f in rig.fake.files.values()] == ["FOI-2019-1-v1.docx"] and not rig.fake.ephemerals


def test_a_word_file_slack_refuses_once_is_attached_and_twice_is_said_and_attached_by_show_draft(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.fake.inject_fault("files.completeUploadExternal", error="internal_error")  # once: tried again at once
    rig.reply(ts, "show draft")
    rig.draft_posts(ts, 1)
    assert word_files(rig, ts) == ["FOI-2019-1-v1.docx"]
    assert not any("Word file" in line for m in rig.bot_posts(ts) for line in shown(m) if "files:" not in line)
    rig.reply(ts, "ask about sickness absence")
    rig.question(ts, "held")
    before = quiet(rig, ts)
    rig.fake.inject_fault("files.getUploadURLExternal", error="internal_error", times=2)  # both tries refused
    rig.reply(ts, "show draft")  # before: the draft without its Word file, nothing said, and never attached
    new = posts_after(rig, ts, before, settle=0.8)
    failed = ("section: Slack did not take the Word file for draft 2 (internal_error), so it is not attached. Say "
              "'show draft' to try again.")
    assert [shown(m) for m in new if "Word file" in str(m.get("blocks"))] == [[failed]]
    assert word_files(rig, ts) == ["FOI-2019-1-v1.docx"]
    before = quiet(rig, ts)
    rig.reply(ts, "show draft")
    new = posts_after(rig, ts, before, settle=0.8)
    again = "so this is draft 2 again (no new version)."
    assert [shown(m)[-1][-len(again):] for m in new[:2]] == [again, "files: FOI-2019-1-v2.docx"]
    assert shown(new[2])[0] == "section: *Do we hold the information?*" and len(new) == 3
    assert word_files(rig, ts) == ["FOI-2019-1-v1.docx", "FOI-2019-1-v2.docx"]
    before = quiet(rig, ts)
    rig.reply(ts, "show draft")  # attached now: only the note again (and the question)
    new = posts_after(rig, ts, before, settle=0.8)
    assert shown(new[0])[-1].endswith(again) and len(new) == 2 and "files" not in str(shown(new[1]))
    assert len(word_files(rig, ts)) == 2


# --- 4. a channel archived, or foibot removed from it, while a case is open ---------------------------------

DUE_SOON = ("From: D Person <d@example.org>\nDate: 26 September 2019\n\nPlease provide your 2018 budget for vetting "
            "and the number of staff.")


def reminder_texts(fake: FakeSlack, channel: str) -> list[str]:
    return [m["text"] for m in fake.messages(channel) if m.get("bot_id") and m["text"].startswith(("Reminder",
                                                                                                "FOI digest"))]


def test_reminders_skip_an_archived_or_left_channel_with_one_warning_and_send_the_rest(tmp_path, caplog):
    with FakeSlack() as fake:
        fake.add_channel("C_CASES", "foi-cases", [OFFICER, OFFICER2, fake.bot_user_id])
        rig = SlackRig(fake, tmp_path / "db.sqlite", today=date(2019, 10, 22)).start(channels=(CHANNEL, "C_CASES"))
        archived = rig.paste(DUE_SOON, channel="C_CASES")
        rig.question(archived, "request_summary", channel="C_CASES", timeout=20)
        ours = rig.paste(DUE_SOON.replace("26 September", "27 September").replace("D Person", "E Person"))
        rig.question(ours, "request_summary", timeout=20)
        fake.archive_channel("C_CASES")
        caplog.set_level(logging.WARNING, "foibot.surfaces.slack.reminders")
        # before: is_archived raised out of send_reminders: FOI 2019-2's reminder never went, every 5 minutes
        assert send_reminders(rig.ctx, rig.app.client) == 2
        assert reminder_texts(fake, CHANNEL) == [
            "FOI digest for Tue 22 Oct 2019\nDue soon:\n• FOI 2019-1 (new): due in 2 working day(s), Thu 24 Oct "
            "2019\n• FOI 2019-2 (new): due in 3 working day(s), Fri 25 Oct 2019",
            "Reminder: FOI 2019-2 (new): due in 3 working day(s), Fri 25 Oct 2019."]  # the digest still names 2019-1
        assert send_reminders(rig.ctx, rig.app.client) == 0  # the loop's next round: nothing, and no new warning
        assert [r.getMessage() for r in caplog.records] == [
            "cannot post the reminder for FOI 2019-1 in channel C_CASES (is_archived); it is sent once foibot can "
            "post there again"]
        fake.channels["C_CASES"]["archived"] = False  # unarchived: the reminder goes, once
        assert send_reminders(rig.ctx, rig.app.client) == 1
        assert reminder_texts(fake, "C_CASES") == ["Reminder: FOI 2019-1 (new): due in 2 working day(s), Thu 24 Oct "
                                                   "2019."]
        fake.channels[CHANNEL]["members"].discard(fake.bot_user_id)  # foibot removed from the digest's channel
        rig.today = date(2019, 10, 23)
        assert send_reminders(rig.ctx, rig.app.client) == 0  # the digest cannot go; nothing else is due
        assert caplog.records[-1].getMessage() == (
            "cannot post the daily digest in channel C_FOI (not_in_channel); it is sent once foibot can post there "
            "again")
        rig.stop()


# --- 5. message subtypes, mentions and direct messages -------------------------------------------------------


def test_another_bots_message_and_a_broadcast_reply_in_a_case_thread(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    other = {"type": "message", "subtype": "bot_message", "bot_id": "B_JIRA", "username": "jira",
             "text": "FOI-123 updated: please provide the figures by Friday", "ts": rig.fake.new_ts(),
             "thread_ts": ts, "channel": CHANNEL, "channel_type": "channel"}
    rig.fake.wait_ack(rig.fake.send(event_callback(other)))
    time.sleep(0.6)
    assert quiet(rig, ts) == before and "request_summary" not in answers(rig, ts)
    # "Also send to #channel": Slack sends a message with subtype thread_broadcast; it is an answer like any other
    rts = rig.fake.backfill(CHANNEL, OFFICER, ["ask about sickness absence"], thread_ts=ts)[0]
    broadcast = message_event(CHANNEL, OFFICER, "ask about sickness absence", rts, ts)
    broadcast["event"]["subtype"] = "thread_broadcast"
    rig.fake.wait_ack(rig.fake.send(broadcast))
    rig.question(ts, "held")
    assert answers(rig, ts)["request_summary"] == "ask about sickness absence"
    assert len(posts_after(rig, ts, before)) == 1 and not rig.fake.ephemerals


def test_an_edit_of_the_pasted_request_is_told_to_its_writer_only(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.fake.wait_ack(rig.fake.edit_user_message(CHANNEL, ts, SICKNESS + "\nAlso the 2017 figures."))
    rig.fake.wait_for(lambda: rig.fake.ephemerals)
    assert [(e["user"], e["thread_ts"], e["text"]) for e in rig.fake.ephemerals] == [(
        OFFICER, ts, "You edited the request that started FOI 2019-1 after I had read it, so nothing changed: the "
                     "case keeps the request as it was first pasted. To correct it, paste the corrected request as a "
                     "new message.")]
    assert quiet(rig, ts) == before and "2017" not in request_text(rig, ts)


def test_a_mention_without_a_request_gets_the_hint_and_opens_no_case(rig):
    ts, _ = rig.fake.post_user_message(CHANNEL, OFFICER, f"<@{BOT_USER_ID}> hello")
    rig.fake.wait_for(lambda: rig.fake.ephemerals)
    assert [(e["user"], e["text"]) for e in rig.fake.ephemerals] == [(OFFICER, HINT_TEXT)]
    time.sleep(0.5)  # before: a case FOI 2019-1 "hello", asking who made the request, in the register's digest
    assert not rig.bot_posts(ts) and cases(rig) == 0
    ts, _ = rig.fake.post_user_message(CHANNEL, OFFICER, f"<@{BOT_USER_ID}> " + SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    assert cases(rig) == 1


def test_a_request_sent_by_direct_message_with_a_mention_starts_a_case(rig):
    """Slack sends no app_mention in a direct message (docs.slack.dev/reference/events/app_mention: "Messages
    sent to your app in direct message conversations are not dispatched via app_mention ... regardless of
    whether your app is explicitly mentioned"), so the message event must be read there."""
    ts, _ = rig.fake.post_user_message("D_OFFICER1", OFFICER, f"<@{BOT_USER_ID}> " + SICKNESS)
    rig.question(ts, "request_summary", channel="D_OFFICER1", timeout=20)  # before: nothing at all
    assert cases(rig) == 1
    hello, _ = rig.fake.post_user_message("D_OFFICER1", OFFICER, f"<@{BOT_USER_ID}> hello")
    hint = rig.fake.wait_for(lambda: rig.bot_posts(hello, channel="D_OFFICER1"))
    assert [m["text"] for m in hint] == [HINT_TEXT] and cases(rig) == 1


# --- 6. the digest and reminders across a weekend, bank holidays and the year end ---------------------------


def test_the_digest_goes_once_on_each_working_day_across_christmas_and_the_new_year(tmp_path):
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "db.sqlite", today=date(2019, 12, 2)).start()
        ts = rig.paste(SICKNESS.replace("1 October 2019", "2 December 2019"))
        rig.question(ts, "request_summary", timeout=20)
        sent: dict[date, int] = {}
        days = [date(2019, 12, d) for d in range(19, 32)] + [date(2020, 1, d) for d in range(1, 7)]
        for i, today in enumerate(days):
            rig.today = today
            sent[today] = send_reminders(rig.ctx, rig.app.client)
            if i % 4 == 3:  # a restart now and then: nothing is sent twice
                rig.stop()
                rig = SlackRig(fake, tmp_path / "db.sqlite", today=today).start()
            sent[today] += send_reminders(rig.ctx, rig.app.client)
        digests = [m["text"].split("\n")[0] for m in fake.messages(CHANNEL) if m["text"].startswith("FOI digest")]
        assert digests == [  # no digest at the weekends, on 25, 26 Dec, 1 Jan or 2 Jan (a Scottish bank holiday)
            "FOI digest for Thu 19 Dec 2019: nothing due in the next few working days and nothing overdue.",
            "FOI digest for Fri 20 Dec 2019: nothing due in the next few working days and nothing overdue.",
            "FOI digest for Mon 23 Dec 2019",
            "FOI digest for Tue 24 Dec 2019", "FOI digest for Fri 27 Dec 2019", "FOI digest for Mon 30 Dec 2019",
            "FOI digest for Tue 31 Dec 2019", "FOI digest for Fri 3 Jan 2020", "FOI digest for Mon 6 Jan 2020"]
        # Received Mon 2 Dec: 20 working days (not 25, 26 Dec, 1 or 2 Jan) make it due Fri 3 Jan 2020
        assert [m["text"] for m in rig.bot_posts(ts) if m["text"].startswith(("Reminder", "FOI"))] == [
            "Reminder: FOI 2019-1 (new): due in 3 working day(s), Fri 3 Jan 2020.",  # on Fri 27 Dec
            "FOI 2019-1 is overdue: it was due Fri 3 Jan 2020."]  # on Mon 6 Jan
        assert [day.isoformat() for day, n in sent.items() if n] == [
            "2019-12-19", "2019-12-20", "2019-12-23", "2019-12-24", "2019-12-27", "2019-12-30", "2019-12-31",
            "2020-01-03", "2020-01-06"]
        assert sent[date(2019, 12, 27)] == sent[date(2020, 1, 6)] == 2 and sum(sent.values()) == 11
        rig.stop()


# --- 7. forms: Slack opens a form only within 3 seconds of the press ----------------------------------------


def test_a_form_slack_will_not_open_any_more_is_told_to_the_presser(rig):
    ts = rig.paste(SICKNESS)
    question = rig.question(ts, "request_summary", timeout=20)
    rig.fake.trigger_ttl = -1.0  # every trigger_id already more than 3 s old: views.open says expired_trigger_id
    rig.click(question, "answer_modal", thread_ts=ts)
    rig.fake.wait_for(lambda: rig.fake.ephemerals)
    assert [(e["user"], e["thread_ts"], e["text"]) for e in rig.fake.ephemerals] == [(
        OFFICER, ts, "The form did not open in time (Slack allows 3 seconds after a press). Press the button again, "
                     "or reply in the thread.")]  # before: nothing at all, the press seemed to do nothing
    assert not rig.fake.views
    rig.fake.trigger_ttl = 3.0
    rig.click(question, "answer_modal", thread_ts=ts)  # pressed again in time: the form opens
    rig.fake.wait_for(lambda: [v for v in rig.fake.views if v["action"] == "updated"])


def test_a_channel_renamed_mid_case_changes_nothing_and_the_case_goes_on(rig):
    """Slack keeps a channel's id when it is renamed, sends ``channel_rename`` and posts a ``channel_name``
    message in the channel (docs.slack.dev/reference/events/channel_rename); foibot keys cases by the id."""
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    before, top = quiet(rig, ts), len(top_level(rig))
    rig.fake.channels[CHANNEL]["name"] = "foi-requests-2019"
    renamed = {"type": "channel_rename", "channel": {"id": CHANNEL, "name": "foi-requests-2019",
                                                     "created": 1360782804}, "event_ts": rig.fake.new_ts()}
    said = {"type": "message", "subtype": "channel_name", "channel": CHANNEL, "user": OFFICER, "ts": rig.fake.new_ts(),
            "old_name": "foi-requests", "name": "foi-requests-2019", "channel_type": "channel",
            "text": "<@U_OFFICER1> has renamed the channel from \"foi-requests\" to \"foi-requests-2019\""}
    for event in (renamed, said):
        rig.fake.wait_ack(rig.fake.send(event_callback(event)))  # acked at once: Slack would retry it otherwise
    time.sleep(0.5)
    assert quiet(rig, ts) == before and len(top_level(rig)) == top and not rig.fake.ephemerals
    rig.reply(ts, "ask about sickness absence")
    rig.question(ts, "held")


def test_foi_stats_in_an_foi_channel_foibot_was_removed_from_answers_with_the_table_alone(rig, caplog):
    rig.fake.channels[CHANNEL]["members"].discard(rig.fake.bot_user_id)
    caplog.set_level(logging.WARNING, "foibot.surfaces.slack")
    rig.fake.wait_ack(rig.fake.send(slash_command(text="stats", channel=CHANNEL)))
    response = rig.fake.wait_for(lambda: rig.fake.responses)[0]  # the answer comes through the response_url
    assert response["body"]["response_type"] == "ephemeral" and "received" in response["body"]["text"]
    rig.fake.wait_for(lambda: any("chart was not posted" in r.getMessage() for r in caplog.records), 30)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        "/foi stats: the chart was not posted in C_FOI (not_in_channel)"]  # before: a traceback, said to no one
    assert not [f for f in rig.fake.files.values() if f.shared]  # its bytes uploaded, never shared
    assert [e["user"] for e in rig.fake.ephemerals] == [OFFICER]  # the answer itself, and nothing else


def test_an_http_event_retried_with_x_slack_retry_num_starts_one_case(server):  # noqa: F811 (the fixture)
    """HTTP mode: Slack retries an event it thinks timed out with ``X-Slack-Retry-Num`` and
    ``X-Slack-Retry-Reason: http_timeout`` (docs.slack.dev/apis/events-api, "Failure conditions"). foibot answers
    each within Slack's 3 seconds, and the retry posts nothing."""
    fake, url = server
    payload = fake.prepare(message_event(CHANNEL, OFFICER, SICKNESS))
    body = http_body(payload)
    for retry in (None, "1", "2"):
        headers = signed_headers(body, SECRET)
        if retry:
            headers |= {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"}
        started = time.monotonic()
        status, _ = post(url, body, headers)
        assert status == 200 and time.monotonic() - started < 3
        if retry is None:
            fake.wait_for(lambda: [m for m in fake.messages(CHANNEL) if m.get("bot_id")], 20)
    time.sleep(1)
    posted = [m for m in fake.messages(CHANNEL) if m.get("bot_id")]
    assert len(posted) == 1 and posted[0]["thread_ts"] == payload["event"]["ts"]
