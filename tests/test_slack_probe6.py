"""A sixth Slack probe, through the fake Slack: a request pasted in parts against a long first answer, and
what else a team does in a case thread (a button pressed after a restart, two cases answered in turn, odd /foi
lookups, files of unknown types or with personal data, a request or an answer pasted as a snippet, a 30-part
request and a very long letter). Each test pins what is posted (text, blocks, ephemeral or in the thread) and
what is not.

Fixed in the Slack surface: a message from the officer who pasted the request, before anything was answered and
within three minutes, was joined to the request whenever it had two lines or 40 words, so a long first answer
was read as part 2 of the request. Now the pending question's own reading decides first (a new engine method,
``Engine.reads_as_answer``); for a free-text question the words decide (a numbered item, a request that broke
off mid-sentence, the requester's words: more request); where it is truly unclear the thread asks its writer,
with two buttons (Add to the request / It's my answer), and stores nothing until one is pressed (an edit made
meanwhile is what is stored; a deletion settles it). A request read again named its own case as a similar past
case, "a repeat request … consider s14(2)" (the engine's ``replace_request`` now leaves its own case out). The
rest of a request pasted as a snippet (what Slack makes of a long paste) was release-checked as a file ("GREEN,
nothing hidden") and never joined; a snippet in a case thread is now read as the message it is.
"""

from __future__ import annotations

import copy
import dataclasses
import time
from typing import Any

import pytest
from slackrig import CHANNEL, OFFICER, SlackRig
from test_slack_commands import respond_text
from test_slack_probe2 import (
    CONTRACT,
    HELD_BUTTONS,
    HELD_HELP,
    HINT,
    SICKNESS,
    SUMMARY_QUESTION,
    conv_of,
    draft_text,
    posts_after,
    quiet,
    shown,
    state_of,
)
from test_slack_probe5 import PART_1, PART_2

OFFICER2 = "U_OFFICER2"
LONG_SUMMARY = ("ask for the number of police officers on long-term sick leave in 2018 broken down by rank, together "
                "with the number of working days lost to sickness at each of our stations and the total cost of sick "
                "pay to the force over the same year")
ASKED = ('section: <@U_OFFICER1>: I cannot tell whether your message ("ask for the number of police officers on '
         'long-term sick leave in 2018 broken do…") is more of the request or your answer to *In a few words, what '
         'was the request about?*. Nothing is stored until you choose.')
BUTTONS = "actions: Add to the request | It's my answer"


def answers(rig: SlackRig, ts: str) -> dict[str, Any]:
    return state_of(rig, ts)["answers"]


def request_text(rig: SlackRig, ts: str) -> str:
    return rig.rt.store.conversation(conv_of(rig, ts))["request_text"]


def asked_about(rig: SlackRig, ts: str, text: str) -> tuple[dict[str, Any], int]:
    """Paste-then-reply ``text``; wait for the message asking whether it is more request or an answer."""
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.reply(ts, text)
    new = posts_after(rig, ts, before)
    assert len(new) == 1, [shown(m) for m in new]
    return copy.deepcopy(new[0]), before + 1  # as first shown: its buttons stay pressable on a stale screen


def nothing_after(rig: SlackRig, ts: str, count: int) -> bool:
    """After a press: no new post in the thread once the bot has settled."""
    time.sleep(0.6)
    return quiet(rig, ts) == count


# --- 1. more of the request, or a long first answer? ----------------------------------------------------------


def test_a_long_first_answer_by_the_paster_is_asked_about_and_nothing_is_stored(rig):
    ts = rig.paste(PART_1)
    asking, _ = asked_about(rig, ts, LONG_SUMMARY)
    assert shown(asking) == [ASKED, BUTTONS]
    assert "request_summary" not in answers(rig, ts)
    assert request_text(rig, ts).endswith("1. The number on long-term sick leave in 2018, by rank.")
    assert state_of(rig, ts)["asking"] == "request_summary" and not rig.fake.ephemerals


def test_its_my_answer_stores_it_and_the_asking_message_says_so_without_buttons(rig):
    ts = rig.paste(PART_1)
    asking, before = asked_about(rig, ts, LONG_SUMMARY)
    rig.click(asking, "request_part_answer", thread_ts=ts)
    new = posts_after(rig, ts, before)
    settled = next(m for m in rig.bot_posts(ts) if m["ts"] == asking["ts"])
    assert shown(settled) == [
        'section: <@U_OFFICER1> took the message ("ask for the number of police officers on long-term sick leave in '
        '2018 broken do…") as the answer to *In a few words, what was the request about?*.']
    assert shown(new[0])[0] == "section: Noted. request summary: " + LONG_SUMMARY
    assert answers(rig, ts)["request_summary"] == LONG_SUMMARY
    assert request_text(rig, ts).endswith("1. The number on long-term sick leave in 2018, by rank.")
    assert "part 2 of" not in str([shown(m) for m in rig.bot_posts(ts)])
    before = quiet(rig, ts)
    rig.click(asking, "request_part_add", thread_ts=ts)  # the other button, pressed late: nothing more
    assert nothing_after(rig, ts, before) and not rig.fake.ephemerals
    assert answers(rig, ts)["request_summary"] == LONG_SUMMARY


def test_add_to_the_request_joins_it_and_reads_the_request_again(rig):
    ts = rig.paste(PART_1)
    asking, before = asked_about(rig, ts, LONG_SUMMARY)
    rig.click(asking, "request_part_add", thread_ts=ts, user=OFFICER2)  # a colleague may decide it
    new = posts_after(rig, ts, before)
    settled = next(m for m in rig.bot_posts(ts) if m["ts"] == asking["ts"])
    assert shown(settled) == [
        'section: <@U_OFFICER2> added the message ("ask for the number of police officers on long-term sick leave '
        'in 2018 broken do…") to the request.']
    lines = [line for m in new for line in shown(m)]
    assert lines[0].startswith("section: I took your message as part 2 of the request, not as an answer")
    assert lines[-4:] == [*SUMMARY_QUESTION[:3], HINT]
    assert request_text(rig, ts).endswith("by rank.\n" + LONG_SUMMARY)
    assert "request_summary" not in answers(rig, ts)
    rig.click(asking, "request_part_answer", thread_ts=ts)  # pressed again: decided once
    assert nothing_after(rig, ts, quiet(rig, ts))
    assert "request_summary" not in answers(rig, ts)


def test_its_my_answer_after_the_question_was_answered_meanwhile_stores_nothing(rig):
    ts = rig.paste(PART_1)
    asking, _ = asked_about(rig, ts, LONG_SUMMARY)
    rig.reply(ts, "ask about sickness absence")  # answered by typing instead
    rig.question(ts, "held")
    before = quiet(rig, ts)
    rig.click(asking, "request_part_answer", thread_ts=ts)
    assert nothing_after(rig, ts, before)
    settled = next(m for m in rig.bot_posts(ts) if m["ts"] == asking["ts"])
    assert shown(settled) == [
        'section: <@U_OFFICER1>: *In a few words, what was the request about?* was answered meanwhile, so the '
        'message ("ask for the number of police officers on long-term sick leave in 2018 broken do…") was not '
        'stored. If it answers what is asked now, say it again.']
    assert answers(rig, ts)["request_summary"] == "ask about sickness absence"
    assert "held" not in answers(rig, ts)


def test_add_to_the_request_after_an_answer_says_it_is_too_late(rig):
    ts = rig.paste(PART_1)
    asking, _ = asked_about(rig, ts, LONG_SUMMARY)
    rig.reply(ts, "ask about sickness absence")
    rig.question(ts, "held")
    before = quiet(rig, ts)
    rig.click(asking, "request_part_add", thread_ts=ts)
    assert nothing_after(rig, ts, before)
    settled = next(m for m in rig.bot_posts(ts) if m["ts"] == asking["ts"])
    assert shown(settled) == [
        "section: I can add to the request only before its first question is answered, so nothing was added. To "
        "start again with the whole request, paste it as one new message in the channel."]
    assert LONG_SUMMARY not in request_text(rig, ts)


def test_the_message_deleted_before_a_button_is_pressed_settles_the_question_at_once(rig):
    ts = rig.paste(PART_1)
    asking, before = asked_about(rig, ts, LONG_SUMMARY)
    mine = next(m for m in rig.fake.messages(CHANNEL, ts) if m.get("text") == LONG_SUMMARY)
    rig.fake.wait_ack(rig.fake.delete_user_message(CHANNEL, mine["ts"]))
    gone = ["section: <@U_OFFICER1>: the message was deleted, so nothing was stored."]
    rig.fake.wait_for(lambda: shown(next(m for m in rig.bot_posts(ts) if m["ts"] == asking["ts"])) == gone)
    rig.click(asking, "request_part_answer", thread_ts=ts)  # pressed on a screen not yet refreshed: nothing
    assert nothing_after(rig, ts, before)
    assert "request_summary" not in answers(rig, ts) and not rig.fake.ephemerals  # before: "after I had read it"


def test_the_message_edited_before_a_button_is_pressed_is_taken_as_edited(rig):
    ts = rig.paste(PART_1)
    asking, before = asked_about(rig, ts, LONG_SUMMARY)
    mine = next(m for m in rig.fake.messages(CHANNEL, ts) if m.get("text") == LONG_SUMMARY)
    rig.fake.wait_ack(rig.fake.edit_user_message(CHANNEL, mine["ts"], "ask about sickness absence in 2018"))
    assert nothing_after(rig, ts, before) and not rig.fake.ephemerals  # nothing was read yet: nothing to say
    rig.click(asking, "request_part_answer", thread_ts=ts)
    assert rig.fake.wait_for(lambda: answers(rig, ts).get("request_summary")) == "ask about sickness absence in 2018"
    settled = next(m for m in rig.bot_posts(ts) if m["ts"] == asking["ts"])
    assert shown(settled) == ['section: <@U_OFFICER1> took the message ("ask about sickness absence in 2018") as the '
                              'answer to *In a few words, what was the request about?*.']


def test_more_in_the_requesters_words_is_joined_without_asking(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.reply(ts, "I would also like to know the total cost of sick pay to the force in 2018 and how it compares "
                  "with 2017.\nYours sincerely, Sam Lee")
    new = posts_after(rig, ts, before)
    assert shown(new[0])[0].startswith("section: I took your message as part 2 of the request")
    assert request_text(rig, ts).endswith("how it compares with 2017.\nYours sincerely, Sam Lee")


def test_a_request_that_broke_off_mid_sentence_is_carried_on_by_the_next_message(rig):
    ts = rig.paste("From: Sam Lee <sam@example.org>\nDate: 1 October 2019\n\nPlease provide the number of police "
                   "officers on long-term sick leave in 2018, broken down by rank and")
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.reply(ts, "by station")  # short, but it goes on with the last sentence
    new = posts_after(rig, ts, before)
    assert shown(new[0])[0].startswith("section: I took your message as part 2 of the request")
    assert request_text(rig, ts).endswith("broken down by rank and\nby station")


def test_a_numbered_part_is_joined_and_a_short_answer_is_an_answer_as_before(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.reply(ts, PART_2)
    assert shown(posts_after(rig, ts, before)[0])[0].startswith("section: I took your message as part 2")
    before = quiet(rig, ts)
    rig.reply(ts, "ask about sickness absence")
    assert shown(posts_after(rig, ts, before)[0])[0] == "section: Noted. request summary: ask about sickness absence"


NO_DATE = ("From: Sam Lee <sam@example.org>\n\nPlease provide the number of police officers on long-term sick leave "
           "in 2018, by rank.")


def test_a_long_answer_the_date_question_reads_as_a_date_is_an_answer(rig):
    ts = rig.paste(NO_DATE)
    rig.question(ts, "received", timeout=20)
    before = quiet(rig, ts)
    rig.reply(ts, "3 October 2019 - it came in by post to headquarters and the records team scanned it and "
                  "passed it to us two days later, which is why the log shows it late, but the clock runs from the "
                  "day it arrived at the front desk")
    new = posts_after(rig, ts, before)
    assert "part 2 of" not in str([shown(m) for m in new])
    assert answers(rig, ts)["received"] == "2019-10-03"


def test_a_long_message_the_date_question_cannot_read_is_more_of_the_request(rig):
    ts = rig.paste(NO_DATE)
    rig.question(ts, "received", timeout=20)
    before = quiet(rig, ts)
    more = ("It would help to have the figures for each division separately, as the force's annual report gives "
            "only a total for the whole force and I am comparing forces across the region for a local news story")
    rig.reply(ts, more)
    new = posts_after(rig, ts, before)
    assert shown(new[0])[0].startswith("section: I took your message as part 2 of the request")
    assert request_text(rig, ts).endswith(more) and "received" not in answers(rig, ts)


def test_a_colleagues_long_answer_is_still_an_answer_without_asking(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, LONG_SUMMARY, user=OFFICER2)
    assert rig.fake.wait_for(lambda: answers(rig, ts).get("request_summary")) == LONG_SUMMARY
    assert not any("request_part_add" in str(m.get("blocks")) for m in rig.bot_posts(ts))


def test_a_request_read_again_is_never_its_own_similar_past_case(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.reply(ts, PART_2)
    matched = shown(posts_after(rig, ts, before)[0])[0]
    assert matched.startswith("section: I took your message as part 2 of the request")
    assert "FOI 2019-1" not in matched and "repeat request" not in matched  # before: "consider s14(2)"


# --- 2. what else a team does in a case thread ---------------------------------------------------------------

RESUMED = ["section: Picking up where we left off.", "section: *Do we hold the information?*", HELD_HELP,
           HELD_BUTTONS, HINT]


def test_a_button_pressed_after_a_restart_answers_once(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "ask about sickness absence")
    held = rig.question(ts, "held")
    before = quiet(rig, ts)
    rig.stop()
    rig.start()  # the question is asked once more, marked as a reminder (a press may have been lost)
    new = posts_after(rig, ts, before)
    assert [shown(m) for m in new] == [RESUMED]
    rig.click(held, "answer:0", value_of="yes", thread_ts=ts)  # the button on the message from before the restart
    new = posts_after(rig, ts, before + 1)
    assert [shown(m)[:2] for m in new] == [["section: Noted. held: Yes, we hold it",
                                            "section: *How much of what we hold are we giving them?*"]]
    assert answers(rig, ts)["held"] == "yes" and not rig.fake.ephemerals


def test_two_cases_answered_in_interleaved_order_each_keep_their_own_answers(rig):
    a, b = rig.paste(SICKNESS), rig.paste(CONTRACT)
    rig.question(a, "request_summary", timeout=20)
    rig.question(b, "request_summary", timeout=20)
    rig.reply(b, "ask for the recovery contract")
    rig.reply(a, "ask about sickness")
    rig.question(a, "held")
    rig.question(b, "held")
    rig.reply(a, "yes")
    rig.reply(b, "no")
    rig.question(a, "disclosure")
    quiet(rig, a)
    quiet(rig, b)
    assert {k: answers(rig, a)[k] for k in ("reference", "request_summary", "held")} == {
        "reference": "FOI 2019-1", "request_summary": "ask about sickness", "held": "yes"}
    assert {k: answers(rig, b)[k] for k in ("reference", "request_summary", "held")} == {
        "reference": "FOI 2019-2", "request_summary": "ask for the recovery contract", "held": "no"}
    assert not [m for m in rig.fake.messages(CHANNEL) if m.get("bot_id") and not m.get("thread_ts")]
    for ts, summary in ((a, "ask about sickness"), (b, "ask for the recovery contract")):
        noted = [line for m in rig.bot_posts(ts) for line in shown(m) if line.startswith("section: Noted.")]
        assert noted[0] == f"section: Noted. request summary: {summary}"


@pytest.mark.parametrize("text, expected", [
    ("   ", "/foi help: this list\n/foi para NAME: a standard paragraph"),
    ("exemption <@U123> *s22*", "Sorry, I could not do that: '&lt;@U123&gt; *s22*' does not look like a section, "
                                "e.g. s22 or s31(1)(a)"),
    ("exemption s22(9)(z)", "Sorry, I could not do that: section 22(1) has no subsection (9)(z). Known: section 22(1)"),
    ("case <!channel>", "Sorry, I could not do that: there is no case '&lt;!channel&gt;' in the register"),
])
def test_foi_lookups_with_odd_input_answer_to_the_asker_only(rig, text, expected):
    kind, said = respond_text(rig, text)
    assert kind == "ephemeral" and (said == expected or said.startswith(expected))


def test_foi_lookup_of_3000_characters_fits_slacks_limits(rig):
    kind, said = respond_text(rig, "para " + "x" * 3000)
    assert kind == "ephemeral" and said.startswith("Sorry, I could not do that: there is no paragraph 'xxx")
    body = rig.fake.responses[-1]["body"]
    assert all(len(b["text"]["text"]) <= 3000 for b in body["blocks"]) and len(body["blocks"]) <= 50


def test_a_request_with_30_parts_is_drafted_whole_within_block_kits_limits(rig):
    parts = "\n".join(f"{i}. The number of officers at station {i} on long-term sick leave in 2018."
                      for i in range(1, 31))
    ts = rig.paste("From: Sam Lee <sam@example.org>\nDate: 1 October 2019\n\nPlease provide:\n" + parts)
    rig.question(ts, "request_summary", timeout=30)
    rig.reply(ts, "ask about sick leave by station")
    rig.question(ts, "answer_by_part", timeout=20)
    rig.reply(ts, "same")
    rig.question(ts, "held")
    rig.reply(ts, "show draft")
    posts = rig.draft_posts(ts, timeout=30)
    letter = draft_text(posts)
    for i in range(1, 31):
        assert letter.count(f"    {i}. The number of officers at station {i} on") == 1
    stored = rig.rt.engine.stored_draft(conv_of(rig, ts))
    assert stored is not None and "station 30 on long-term" in stored.draft.text()
    assert all(len(m.get("blocks") or []) <= 50 for m in posts)
    assert all(len(b["text"]["text"]) <= 3000 for m in posts for b in m.get("blocks") or [] if b.get("text"))


def share(rig: SlackRig, ts: str, name: str, data: bytes, *, snippet: bool = False) -> None:
    _, envelope = rig.fake.share_file(CHANNEL, OFFICER, name, data, thread_ts=ts, snippet=snippet)
    rig.fake.wait_ack(envelope)


def test_the_rest_of_a_request_pasted_as_a_snippet_is_joined_not_release_checked(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    share(rig, ts, "Untitled", PART_2.encode(), snippet=True)  # Slack made a snippet of a long paste
    new = posts_after(rig, ts, before)
    assert shown(new[0])[0].startswith("section: I took your message as part 2 of the request")
    assert not any("GREEN" in m.get("text", "") for m in new)  # before: a release report, "GREEN, nothing hidden"
    assert request_text(rig, ts).endswith("by rank.\n" + PART_2)


def test_a_long_answer_pasted_as_a_snippet_is_an_answer(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "ask about sickness absence")
    rig.question(ts, "held")
    before = quiet(rig, ts)
    share(rig, ts, "answer.txt", b"We hold some of it")
    # a hosted .txt file, by contrast, is a file to check before release, as before
    report = posts_after(rig, ts, before)
    assert [shown(m) for m in report] == [["section: :large_green_circle: *answer.txt*: GREEN, nothing hidden or "
                                           "personal found"]]
    assert "held" not in answers(rig, ts)
    share(rig, ts, "Untitled", b"We hold some of it", snippet=True)
    assert rig.fake.wait_for(lambda: answers(rig, ts).get("held")) == "partly"


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("photo.heic", b"\x00\x01binary" * 10, [
        "section: :large_orange_circle: *photo.heic*: AMBER, review before sending (1 amber). It could not be fully "
        "inspected", "section: *Amber: review*\n• `file.not_checked` whole file: Binary data: foibot does not check "
        "this type, so it is not known to be safe", "actions: Make clean copy | Mark reviewed"]),
    ("staff.csv", b"name,email\nAlice Jones,alice.jones@police.example.uk\n", [
        "section: :large_orange_circle: *staff.csv*: AMBER, review before sending (2 amber)",
        "section: *Amber: review*\n• `personal.heading` A, B: 2 column headings suggest personal data: A 'name' "
        "(name); B 'email' (email)\n• `personal.email` row 2: 1 email address found (row 2)",
        "actions: Make clean copy | Mark reviewed"]),
])
def test_a_file_of_an_unknown_type_or_with_personal_data_gets_one_amber_report(rig, name, data, expected):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    share(rig, ts, name, data)
    assert [shown(m) for m in posts_after(rig, ts, before, settle=0.8)] == [expected]
    assert not rig.fake.ephemerals and "request_summary" not in answers(rig, ts)


def test_a_very_long_letter_is_posted_whole_within_block_kits_limits(rig):
    body = "\n\n".join(f"Paragraph {i}: " + "I would like to know about the sickness records of officers at the "
                       "station. " * 12 for i in range(60))
    ts = rig.paste("From: Sam Lee <sam@example.org>\nDate: 1 October 2019\n\nPlease provide the following.\n\n" + body)
    rig.question(ts, "request_summary", timeout=30)
    rig.reply(ts, "ask about sickness records")
    rig.question(ts, "held", timeout=20)
    rig.reply(ts, "show draft")
    posts = rig.draft_posts(ts, timeout=30)
    stored = rig.rt.engine.stored_draft(conv_of(rig, ts))
    letter = stored.draft.text()
    assert len(letter) > 50_000 and len(posts) > 1
    sections = [b["text"]["text"] for m in posts for b in m["blocks"] if b["type"] == "section"]
    assert " ".join(sections).split() == letter.replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;").split()  # every word of the letter, once and in order
    assert all(len(m["blocks"]) <= 50 for m in posts) and all(len(s) <= 3000 for s in sections)
    assert [f.filename for f in rig.fake.files.values()] == ["FOI-2019-1-v1.docx"]


def test_a_file_over_the_size_limit_gets_one_red_report_and_is_not_downloaded(rig):
    object.__setattr__(rig.rt, "authority", dataclasses.replace(rig.rt.authority, release_max_file_mb=1))
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    share(rig, ts, "big.csv", b"a,b\n" * 300_000)
    assert [shown(m) for m in posts_after(rig, ts, before, settle=0.8)] == [[
        "section: :red_circle: *big.csv*: RED, do not send as it is (1 red). It could not be fully inspected",
        "section: *Red: do not send until dealt with*\n• `file.too_large` whole file: 1,200,000 bytes (or more) is "
        "over the 1,048,576-byte limit; not inspected", "actions: Make clean copy | Mark reviewed"]]
    assert rig.fake.downloads == [] and not rig.fake.ephemerals  # its size, from files.info, was enough


def test_a_short_answer_after_a_request_ending_kind_regards_comma_is_an_answer(rig):
    ts = rig.paste(PART_1 + "\nKind regards,")
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.reply(ts, "ask about sickness absence")  # lower case after a trailing comma: a sign-off, not cut off
    assert shown(posts_after(rig, ts, before)[0])[0] == "section: Noted. request summary: ask about sickness absence"
