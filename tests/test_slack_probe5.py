"""A team at work in one case thread, through the fake Slack: two officers answering the same question at once,
a request pasted in several messages, Mark sent on a draft the statutory check found gaps in, and what else a
team does in a thread (a colleague's question, a reply quoting foibot's question, an officer leaving the channel,
a reply after the case was sent). Each test pins what is posted (text, blocks, ephemeral or in the thread) and
what is not.

Fixed in the Slack surface: the second of two replies to the same question, written before the next question
was posted, was stored as the answer to that next question, which its writer had not seen (now the thread says
who answered first and what is asked now, and nothing is stored); the second part of a request pasted in
several messages was stored as the answer to the first question (now it is joined to the request, which is
read again whole, through a new engine method ``Engine.replace_request``; "add to request: …" says it
outright); Mark sent on a draft with check findings noted them only after marking it sent (now Slack's
confirmation dialog asks first, as the console's ``sent`` does)."""

from __future__ import annotations

import time
from typing import Any

from fakeslack.payloads import event_callback, message_event
from slackrig import CHANNEL, OFFICER, SlackRig
from test_slack_probe2 import HINT, SICKNESS, conv_of, posts_after, quiet, shown, state_of, to_held

OFFICER2 = "U_OFFICER2"
HELD = "Do we hold the information?"
DISCLOSURE_Q = "section: *How much of what we hold are we giving them?*"
PART_1 = ("From: Sam Lee <sam@example.org>\nDate: 1 October 2019\n\nPlease provide the following information about "
          "police officers:\n1. The number on long-term sick leave in 2018, by rank.")
PART_2 = ("2. The number of days lost to sickness in 2018, by station.\n3. The cost of sick pay in 2018.\n"
          "Yours sincerely, Sam Lee")


def backfill(rig: SlackRig, ts: str, user: str, text: str) -> str:
    """An officer's reply as Slack records it (its ts fixed now), its event not yet delivered."""
    return rig.fake.backfill(CHANNEL, user, [text], thread_ts=ts)[0]


def deliver(rig: SlackRig, ts: str, message_ts: str, user: str, text: str) -> None:
    """Deliver the message event of a reply recorded by ``backfill`` (as Slack does, a moment later)."""
    rig.fake.wait_ack(rig.fake.push("events_api", message_event(CHANNEL, user, text, message_ts, ts)))


def answers(rig: SlackRig, ts: str) -> dict[str, Any]:
    return state_of(rig, ts)["answers"]


def texts(posts: list[dict[str, Any]]) -> list[str]:
    return [m.get("text", "") for m in posts]


# --- 1. two officers answering the same question at once ----------------------------------------------------


def test_a_second_typed_answer_written_before_the_next_question_is_not_taken_as_its_answer(rig):
    ts = to_held(rig)
    before = quiet(rig, ts)
    first = backfill(rig, ts, OFFICER, "yes")
    second = backfill(rig, ts, OFFICER2, "we hold some of it")  # typed at once, to the same question
    deliver(rig, ts, first, OFFICER, "yes")
    rig.question(ts, "disclosure")
    deliver(rig, ts, second, OFFICER2, "we hold some of it")
    new = posts_after(rig, ts, before)
    assert shown(new[0])[:2] == ["section: Noted. held: Yes, we hold it", DISCLOSURE_Q]
    assert texts(new[1:]) == [
        "<@U_OFFICER2>: <@U_OFFICER1> answered *Do we hold the information?* before your reply (\"we hold some of "
        "it\") reached me, so I have not taken it as the answer to the question I ask now: *How much of what we hold "
        "are we giving them?*. If it is your answer to that, say it again."]
    assert not new[1].get("blocks") and not rig.fake.ephemerals
    assert answers(rig, ts)["held"] == "yes" and "disclosure" not in answers(rig, ts)
    assert state_of(rig, ts)["asking"] == "disclosure"
    rig.reply(ts, "some", user=OFFICER2)  # said again once the question is seen: taken
    assert rig.fake.wait_for(lambda: answers(rig, ts).get("disclosure")) == "partial"


def test_a_typed_answer_written_while_a_colleague_pressed_the_button_is_not_taken_as_the_next_answer(rig):
    ts = to_held(rig)
    held = rig.question(ts, "held")
    before = quiet(rig, ts)
    typed = backfill(rig, ts, OFFICER2, "no")  # typed while the question was still "Do we hold it?"
    rig.click(held, "answer:0", value_of="yes", thread_ts=ts)
    rig.question(ts, "disclosure")
    deliver(rig, ts, typed, OFFICER2, "no")
    new = posts_after(rig, ts, before)
    assert texts(new[1:]) == [
        "<@U_OFFICER2>: <@U_OFFICER1> answered *Do we hold the information?* before your reply (\"no\") reached me, "
        "so I have not taken it as the answer to the question I ask now: *How much of what we hold are we giving "
        "them?*. If it is your answer to that, say it again."]
    assert answers(rig, ts)["held"] == "yes" and "disclosure" not in answers(rig, ts)


def test_two_answers_delivered_together_store_one_and_tell_the_other(rig):
    ts = to_held(rig)
    before = quiet(rig, ts)
    first = backfill(rig, ts, OFFICER, "yes")
    second = backfill(rig, ts, OFFICER2, "no we do not")
    rig.fake.push("events_api", message_event(CHANNEL, OFFICER, "yes", first, ts))
    rig.fake.push("events_api", message_event(CHANNEL, OFFICER2, "no we do not", second, ts))
    new = posts_after(rig, ts, before, settle=0.8)
    told = [t for t in texts(new) if "before your reply" in t]
    assert len(told) == 1  # whichever ran first is the answer; the other is told, whatever the order
    held = answers(rig, ts)["held"]
    assert held in ("yes", "no")
    loser = "<@U_OFFICER2>" if held == "yes" else "<@U_OFFICER1>"
    assert told[0].startswith(f"{loser}: ")
    assert sum(1 for m in new if any(b.get("block_id", "").startswith("q|") for b in m.get("blocks") or [])) == 1


def test_one_officer_typing_an_answer_and_then_show_draft_gets_both(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    first = backfill(rig, ts, OFFICER, "ask about sickness absence")
    then = backfill(rig, ts, OFFICER, "show draft")  # a command means the same whatever is asked
    deliver(rig, ts, first, OFFICER, "ask about sickness absence")
    rig.question(ts, "held")
    deliver(rig, ts, then, OFFICER, "show draft")
    assert rig.draft_posts(ts)
    assert not [t for t in texts(rig.bot_posts(ts)) if "before your reply" in t]


# --- 2. a request pasted in several messages ----------------------------------------------------------------


def test_the_rest_of_a_request_pasted_in_the_thread_is_joined_to_it_and_read_again(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.reply(ts, PART_2)
    new = posts_after(rig, ts, before)
    lines = [line for m in new for line in shown(m)]
    assert lines[0].startswith("section: I took your message as part 2 of the request, not as an answer, and read "
                               "the request again as a whole. If it was an answer, say it again once the question "
                               "below is asked.\n\n")
    assert lines[-4:] == ["section: *In a few words, what was the request about?*",
                          'context: This completes the opening sentence, for example "ask for further information '
                          'about IT monitoring".', "actions: Answer in a form | Skip", HINT]
    conv = rig.rt.store.conversation(conv_of(rig, ts))
    assert conv["request_text"].endswith("1. The number on long-term sick leave in 2018, by rank.\n" + PART_2)
    assert "request_summary" not in conv["state"]["answers"]
    assert len(conv["state"]["request_parts"]) == 3  # the three numbered parts, read from the whole request
    case = rig.rt.register.get_case("FOI 2019-1")
    assert "The cost of sick pay in 2018." in case.request_text
    rig.reply(ts, "ask about sickness absence")  # the answer after: taken
    assert rig.fake.wait_for(lambda: answers(rig, ts).get("request_summary")) == "ask about sickness absence"


def test_a_third_part_is_part_three_and_a_short_answer_after_the_parts_is_an_answer(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "2. The number of days lost to sickness in 2018, by station.")
    rig.fake.wait_for(lambda: "part 2 of" in str([shown(m) for m in rig.bot_posts(ts)]), 20)
    quiet(rig, ts)
    before = len(rig.bot_posts(ts))
    rig.reply(ts, "3. The cost of sick pay in 2018.")
    new = posts_after(rig, ts, before)
    assert shown(new[0])[0].startswith("section: I took your message as part 3 of the request")
    before = quiet(rig, ts)
    rig.reply(ts, "ask about sickness")
    new = posts_after(rig, ts, before)
    assert shown(new[0])[0] == "section: Noted. request summary: ask about sickness"
    assert answers(rig, ts)["request_summary"] == "ask about sickness"


def test_the_rest_of_a_request_pasted_in_the_channel_joins_the_case_its_writer_just_started(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rest = rig.paste(PART_2)  # in the channel, not the thread: before, ignored (it reads as no request by itself)
    new = posts_after(rig, ts, before)
    assert shown(new[0])[0].startswith("section: I took your message as part 2 of the request")
    assert not rig.bot_posts(rest) and rig.ctx.conversation_in(CHANNEL, rest) is None  # no second case
    assert rig.rt.store.conversation(conv_of(rig, ts))["request_text"].endswith(PART_2)
    other = rig.paste(SICKNESS.replace("Sam Lee", "Kim Ray"))  # a whole request of its own: a case of its own
    rig.question(other, "request_summary", timeout=20)
    assert "Kim Ray" not in rig.rt.store.conversation(conv_of(rig, ts))["request_text"]


def test_add_to_request_joins_before_an_answer_and_is_refused_after(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.reply(ts, "add to request: 2. The cost of sick pay in 2018.", user=OFFICER2)  # anyone may, outright
    new = posts_after(rig, ts, before)
    assert shown(new[0])[0].startswith("section: I took your message as part 2 of the request")
    assert rig.rt.store.conversation(conv_of(rig, ts))["request_text"].endswith("\n2. The cost of sick pay in 2018.")
    rig.reply(ts, "ask about sickness absence")
    rig.question(ts, "answer_by_part")  # the request now has two parts
    before = quiet(rig, ts)
    rig.reply(ts, "add to request: 3. The number of officers dismissed.")
    new = posts_after(rig, ts, before)
    assert [shown(m) for m in new] == [[
        "section: I can add to the request only before its first question is answered, so nothing was added. To "
        "start again with the whole request, paste it as one new message in the channel."]]
    assert "dismissed" not in rig.rt.store.conversation(conv_of(rig, ts))["request_text"]
    assert answers(rig, ts)["request_summary"] == "ask about sickness absence"
    assert "answer_by_part" not in answers(rig, ts)


def test_a_colleagues_long_reply_is_an_answer_not_more_of_the_request(rig):
    ts = rig.paste(PART_1)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "ask for the numbers of officers on long-term sick leave in 2018 by rank and the days lost to it "
                  "by station", user=OFFICER2)
    assert rig.fake.wait_for(lambda: answers(rig, ts).get("request_summary")).startswith("ask for the numbers")
    assert "part 2 of" not in str([shown(m) for m in rig.bot_posts(ts)])


# --- 3. Mark sent on a draft with check findings ------------------------------------------------------------


def mark_sent_button(message: dict[str, Any]) -> dict[str, Any]:
    return next(e for b in message["blocks"] for e in b.get("elements") or [] if e.get("action_id") == "draft_sent")


def test_mark_sent_on_a_draft_with_findings_asks_first_in_a_dialog(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "ask about sickness absence")
    rig.reply(ts, "show draft")
    button = mark_sent_button(rig.draft_posts(ts)[-1])
    assert button["confirm"] == {
        "title": {"type": "plain_text", "text": "Mark draft 1 sent anyway?"},
        "text": {"type": "plain_text", "text": "The statutory check still has 1 finding on this draft: [drafting] "
                                               "Answers still missing: held."},
        "confirm": {"type": "plain_text", "text": "Mark sent anyway"},
        "deny": {"type": "plain_text", "text": "Not yet"}, "style": "danger"}
    assert rig.rt.store.conversation(conv_of(rig, ts))["status"] != "closed"  # nothing sent by posting it


def test_mark_sent_on_a_clean_draft_has_no_dialog(rig):
    from slackrig import answer_by_text
    from test_slack import SEED

    ts = rig.paste(SEED)
    answer_by_text(rig, ts)
    button = mark_sent_button(rig.draft_posts(ts)[-1])
    assert "confirm" not in button


# --- 4. what else a team does in one thread -----------------------------------------------------------------


def test_a_colleagues_question_by_mention_or_typed_at_name_is_left_alone(rig):
    ts = to_held(rig)
    before = quiet(rig, ts)
    rig.reply(ts, "<@U_OFFICER2> is this s31?")
    rig.reply(ts, "@Jo is this s31?")  # typed without picking the mention: before, the question was posted again
    time.sleep(0.5)
    assert quiet(rig, ts) == before and "held" not in answers(rig, ts) and not rig.fake.ephemerals
    rig.reply(ts, "Jo, is this s31?")  # a name without @: foibot cannot tell whom it asks, and asks back
    new = posts_after(rig, ts, before)
    assert shown(new[0])[0] == (
        "section: 'Jo, is this s31?' reads as a question; when you know, please choose: 1. Yes, we hold it; 2. We "
        "hold some of it; 3. No, we do not hold it; 4. Neither confirm nor deny (or say 'skip' to come back to it).")
    assert "held" not in answers(rig, ts)


def test_a_reply_quoting_the_question_back_stores_only_the_answer(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "&gt; In a few words, what was the request about?\nask about sickness absence")
    assert rig.fake.wait_for(lambda: answers(rig, ts).get("request_summary"), 10) == "ask about sickness absence"


def test_an_officer_leaving_the_channel_mid_case_changes_nothing_for_the_others(rig):
    ts = to_held(rig)
    before = quiet(rig, ts)
    rig.fake.channels[CHANNEL]["members"].discard(OFFICER)
    rig.fake.wait_ack(rig.fake.push("events_api", event_callback({
        "type": "member_left_channel", "user": OFFICER, "channel": CHANNEL, "channel_type": "C", "team": "T0001"})))
    time.sleep(0.3)
    assert quiet(rig, ts) == before and not rig.fake.ephemerals
    rig.reply(ts, "yes", user=OFFICER2)
    assert shown(posts_after(rig, ts, before)[0])[0] == "section: Noted. held: Yes, we hold it"


def test_a_thank_you_after_the_case_was_sent_is_told_only_to_its_writer(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "ask about sickness absence")
    rig.reply(ts, "show draft")
    rig.fake.wait_for(lambda: rig.draft_posts(ts))
    quiet(rig, ts)  # every reply of the first officer handled before the case is sent
    rig.click(rig.draft_posts(ts)[-1], "draft_sent", thread_ts=ts)
    rig.fake.wait_for(lambda: any("marked as sent" in t for t in texts(rig.bot_posts(ts))))
    before = quiet(rig, ts)
    rig.reply(ts, "great, thanks all", user=OFFICER2)
    rig.fake.wait_for(lambda: rig.fake.ephemerals)
    time.sleep(0.3)
    assert quiet(rig, ts) == before
    assert [(e["user"], e["text"]) for e in rig.fake.ephemerals] == [
        (OFFICER2, "FOI 2019-1 is closed: it was marked as sent on Fri 25 Oct 2019. Nothing was changed.")]


def test_the_fake_refuses_a_confirmation_dialog_over_slacks_limits(rig):
    from slack_sdk.errors import SlackApiError

    button = {"type": "button", "action_id": "x", "text": {"type": "plain_text", "text": "Mark sent"},
              "confirm": {"title": {"type": "plain_text", "text": "t" * 101},
                          "text": {"type": "plain_text", "text": "x"}, "confirm": {"type": "plain_text", "text": "Yes"},
                          "deny": {"type": "plain_text", "text": "No"}}}
    try:
        rig.app.client.chat_postMessage(channel=CHANNEL, text="x", blocks=[{"type": "actions", "elements": [button]}])
    except SlackApiError as exc:
        assert exc.response["error"] == "invalid_blocks"
    else:
        raise AssertionError("a 101-character dialog title was accepted")
