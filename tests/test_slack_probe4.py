"""What a real FOI team's workspace sends and does, through the fake Slack: Slack's markup in a pasted request,
a request shared as a .txt or .eml file, a long request with bullets and emoji, colleagues chatting in a case
thread, edits and deletions, two officers typing at once, buttons pressed twice or late, Web API errors, and App
Home with many cases. Each test pins what is posted (text, blocks, files, ephemeral or in the thread) and what is
not.

Fixed in the Slack surface: links and mail addresses quoted in the letter as Slack's ``<https://…|…>`` markup;
a request shared as a file ignored; "@Jo can you look?" taken as an answer; edits and deletions ignored without a
word; a message whose blocks Slack refused lost; a reply in a channel foibot was removed from lost without a word;
cases past the thirtieth dropped from App Home unseen. Defects whose cause is in the engine are strict xfails."""

from __future__ import annotations

import io
import re
import time
import zipfile
from typing import Any

import pytest
from fakeslack.payloads import app_home_opened, block_actions, event_callback
from slackrig import CHANNEL, OFFICER, SlackRig
from test_slack_probe2 import SICKNESS, posts_after, quiet, shown

PASTED = ("From: Sam Lee &lt;<mailto:sam@example.org|sam@example.org>&gt;\n"
          "Sent: 01 October 2019 09:14\n"
          "To: FOI &lt;<mailto:foi@force.police.uk|foi@force.police.uk>&gt;\n"
          "Subject: FOI request - sickness &amp; absence\n\n"
          "Dear FOI team,\n\n"
          "Please provide the number of police officers on long-term sick leave in 2018, by rank &amp; by station "
          "(stations with fewer than 5 officers &lt;grouped&gt;). Your figures at "
          "<https://www.force.police.uk/foi|www.force.police.uk/foi> and <https://www.gov.uk/stats> and "
          "<https://www.gov.uk/a|the annual report> do not show this; see <#C_OTHER|random>.\n\n"
          "Yours sincerely,\nSam Lee")
QUOTED = ("Please provide the number of police officers on long-term sick leave in 2018, by rank & by station "
          "(stations with fewer than 5 officers <grouped>). Your figures at www.force.police.uk/foi and "
          "https://www.gov.uk/stats and the annual report (https://www.gov.uk/a) do not show this; see #random.")


def conv_of(rig: SlackRig, ts: str) -> str:
    return rig.ctx.conversation_in(CHANNEL, ts)["id"]


def answers(rig: SlackRig, ts: str) -> dict[str, Any]:
    return rig.rt.engine.answers(conv_of(rig, ts))


def docx_text(rig: SlackRig, ts: str) -> str:
    [shared] = [f for f in rig.fake.files.values() if f.thread_ts == ts]
    with zipfile.ZipFile(io.BytesIO(shared.data)) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    text = re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n"))
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def to_held(rig: SlackRig) -> str:
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "sickness absence")
    rig.question(ts, "held")
    return ts


# --- 1. Slack's markup in a pasted request ----------------------------------------------------------------


def test_a_pasted_email_with_slack_links_is_quoted_as_the_requester_wrote_it(rig):
    ts = rig.paste(PASTED)
    rig.question(ts, "request_summary", timeout=20)
    assert {k: answers(rig, ts)[k] for k in ("requester_name", "requester_email", "received")} == {
        "requester_name": "Sam Lee", "requester_email": "sam@example.org", "received": "2019-10-01"}
    row = rig.rt.store.conversation(conv_of(rig, ts))
    assert row["request_text"].startswith("From: Sam Lee <sam@example.org>\nSent: 01 October 2019 09:14\n")
    rig.reply(ts, "sickness absence")
    rig.reply(ts, "show draft")
    letter = "\n".join(b["text"]["text"] for m in rig.draft_posts(ts) for b in m["blocks"]
                       if b.get("type") == "section")
    assert QUOTED.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in letter  # escaped once
    word = docx_text(rig, ts)
    assert QUOTED in word
    assert "mailto:" not in word and "|" not in word and "<http" not in word


# --- 2. a request shared as a file --------------------------------------------------------------------------

EML = (b"From: Sam Lee <sam@example.org>\r\nDate: Tue, 1 Oct 2019 09:14:00 +0100\r\nSubject: FOI\r\n"
       b"Content-Type: text/plain; charset=utf-8\r\n\r\nPlease provide the number of police officers on long-term "
       b"sick leave in 2018, by rank.\r\n")


@pytest.mark.parametrize(("name", "data"), [("request.eml", EML), ("request.txt", SICKNESS.encode())])
def test_a_request_shared_as_a_file_starts_a_case_in_its_thread(rig, name, data):
    ts, envelope = rig.fake.share_file(CHANNEL, OFFICER, name, data)
    rig.fake.wait_ack(envelope)
    first = rig.question(ts, "request_summary", timeout=20)
    assert shown(first)[1] == "section: *In a few words, what was the request about?*"
    assert shown(first)[0].endswith("From the email: received Tue 1 Oct 2019, requester name Sam Lee.")
    assert answers(rig, ts)["requester_email"] == "sam@example.org"
    assert [d["authorised"] for d in rig.fake.downloads] == [True]
    assert not rig.fake.ephemerals


# --- 3. a long request with bullets and emoji -----------------------------------------------------------------


def test_a_long_request_with_bullets_and_emoji_fits_slack_and_is_quoted_whole(rig):
    items = "\n".join(f"• {i}. The number of officers 🚓 disciplined for misconduct at station {i} in each year "
                      f"from 2010 to 2019, by rank, gender and outcome." for i in range(1, 60))
    ts = rig.paste("From: Sam Lee <sam@example.org>\nDate: 1 October 2019\n\nPlease provide :rotating_light: the "
                   "following:\n" + items)
    rig.question(ts, "request_summary", timeout=30)
    rig.reply(ts, "misconduct figures")
    rig.reply(ts, "show draft")
    rig.draft_posts(ts, timeout=30)
    assert not [c for c in rig.fake.calls("chat.postMessage") if c.status != 200 or not c.response["ok"]]
    word = docx_text(rig, ts)
    assert "• 59. The number of officers 🚓 disciplined" in word and ":rotating_light:" in word


# --- 4. colleagues in the thread ---------------------------------------------------------------------------------


def test_a_message_to_a_colleague_in_the_thread_is_left_alone(rig):
    ts = to_held(rig)
    before = quiet(rig, ts)
    rig.reply(ts, "<@U_OFFICER2> can you look?")
    time.sleep(0.5)
    assert quiet(rig, ts) == before and not rig.fake.ephemerals
    assert "held" not in answers(rig, ts)
    assert rig.ctx.poster.threads.processed(CHANNEL, rig.fake.messages(CHANNEL, ts)[-1]["ts"])  # not replayed
    rig.reply(ts, "yes", user="U_OFFICER2")  # the colleague answers: applied
    assert shown(posts_after(rig, ts, before)[0])[0] == "section: Noted. held: Yes, we hold it"


def test_thanks_in_the_thread_is_not_stored_as_an_answer(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "thanks!")
    quiet(rig, ts)
    assert "request_summary" not in answers(rig, ts)


def test_the_rest_of_a_request_pasted_in_the_thread_is_not_the_summary(rig):
    ts = rig.paste("From: Sam Lee <sam@example.org>\nDate: 1 October 2019\n\nPlease provide the following "
                   "information about police officers:\n1. The number on long-term sick leave in 2018, by rank.")
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "2. The number of days lost to sickness in 2018, by station.\n3. The cost of sick pay in 2018.\n"
                  "Yours sincerely, Sam Lee")
    quiet(rig, ts)
    assert "request_summary" not in answers(rig, ts)


def test_a_reply_in_the_channel_not_the_thread_changes_nothing_and_posts_nothing(rig):
    ts = to_held(rig)
    before, messages = quiet(rig, ts), len(rig.fake.messages(CHANNEL))
    rig.paste("yes we hold it")
    time.sleep(0.5)
    assert quiet(rig, ts) == before and len(rig.fake.messages(CHANNEL)) == messages + 1
    assert "held" not in answers(rig, ts) and not rig.fake.ephemerals


# --- 5. edits and deletions -----------------------------------------------------------------------------------


def changed(rts: str, ts: str, old: str, new: str) -> dict[str, Any]:
    return event_callback({"type": "message", "subtype": "message_changed", "hidden": True, "channel": CHANNEL,
                           "ts": f"{time.time():.6f}", "event_ts": f"{time.time():.6f}", "channel_type": "channel",
                           "message": {"type": "message", "user": OFFICER, "text": new, "ts": rts, "thread_ts": ts,
                                       "edited": {"user": OFFICER, "ts": f"{time.time():.6f}"}},
                           "previous_message": {"type": "message", "user": OFFICER, "text": old, "ts": rts,
                                                "thread_ts": ts}})


def deleted(rts: str, ts: str, old: str) -> dict[str, Any]:
    return event_callback({"type": "message", "subtype": "message_deleted", "hidden": True, "channel": CHANNEL,
                           "ts": f"{time.time():.6f}", "event_ts": f"{time.time():.6f}", "channel_type": "channel",
                           "deleted_ts": rts, "previous_message": {"type": "message", "user": OFFICER, "text": old,
                                                                   "ts": rts, "thread_ts": ts}})


EDITED = ("You edited a reply in FOI 2019-1 after I had read it, so nothing changed: what it answered stays as it "
          "was. To change an answer, say 'change &lt;question&gt;' (for example: change received) or 'back' in the "
          "thread.")


def test_an_edited_or_deleted_reply_changes_nothing_and_the_writer_is_told(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rts, envelope = rig.fake.post_user_message(CHANNEL, OFFICER, "sickness absense", thread_ts=ts)
    rig.fake.wait_ack(envelope)
    rig.question(ts, "held")
    before = quiet(rig, ts)
    rig.fake.wait_ack(rig.fake.send(changed(rts, ts, "sickness absense", "sickness absense")))  # a link preview
    rig.fake.wait_ack(rig.fake.send(changed(rts, ts, "sickness absense", "sickness absence")))
    rig.fake.wait_for(lambda: rig.fake.ephemerals)
    rig.fake.wait_ack(rig.fake.send(deleted(rts, ts, "sickness absence")))
    rig.fake.wait_for(lambda: len(rig.fake.ephemerals) == 2)
    assert [(e["user"], e["thread_ts"], e["text"]) for e in rig.fake.ephemerals] == [
        (OFFICER, ts, EDITED), (OFFICER, ts, EDITED.replace("You edited", "You deleted"))]
    assert quiet(rig, ts) == before
    assert answers(rig, ts)["request_summary"] == "sickness absense"


# --- 6. buttons -------------------------------------------------------------------------------------------------


def test_a_button_pressed_twice_at_once_answers_once(rig):
    ts = to_held(rig)
    held = rig.question(ts, "held")
    before = quiet(rig, ts)
    block = next(b for b in held["blocks"] for e in b.get("elements") or [] if e.get("action_id") == "answer:0")
    value = block["elements"][0]["value"]
    envelopes = [rig.fake.send(block_actions("answer:0", value, channel=CHANNEL, message_ts=held["ts"], thread_ts=ts,
                                             block_id=block["block_id"], message=held)) for _ in range(2)]
    for envelope in envelopes:
        rig.fake.wait_ack(envelope)
    rig.fake.wait_for(lambda: rig.fake.ephemerals, 20)  # two presses at once on a loaded 2-core machine
    new = posts_after(rig, ts, before)
    assert [shown(m)[0] for m in new] == ["section: Noted. held: Yes, we hold it"]
    assert [e["text"] for e in rig.fake.ephemerals] == ["That question is already answered (yes), so nothing "
                                                        "changed."]


def test_an_old_button_after_a_change_in_words_changes_the_answer_back_and_says_so(rig):
    ts = to_held(rig)
    held = rig.question(ts, "held")
    rig.click(held, "answer:0", value_of="yes", thread_ts=ts)
    rig.question(ts, "disclosure")
    rig.reply(ts, "change held to no")
    rig.question(ts, "not_held_detail")
    before = quiet(rig, ts)
    rig.click(held, "answer:0", value_of="yes", thread_ts=ts)
    new = posts_after(rig, ts, before)
    assert [shown(m)[:2] for m in new] == [["section: Noted. held: Yes, we hold it",
                                            "section: *How much of what we hold are we giving them?*"]]
    assert answers(rig, ts)["held"] == "yes"


# --- 7. Web API errors ----------------------------------------------------------------------------------------


def test_rate_limited_post_is_retried_after_retry_after_and_posted_once(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.fake.inject_fault("chat.postMessage", status=429, retry_after=1)
    rig.reply(ts, "sickness absence")
    new = posts_after(rig, ts, before, settle=1.5)
    assert [shown(m)[0] for m in new] == ["section: Noted. request summary: sickness absence"]
    assert [c.status for c in rig.fake.calls("chat.postMessage")][-2:] == [429, 200]


@pytest.mark.parametrize("code", ["invalid_blocks", "msg_blocks_too_long"])
def test_a_question_whose_blocks_slack_refuses_is_posted_as_plain_text(rig, code):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.fake.inject_fault("chat.postMessage", error=code)
    rig.reply(ts, "sickness absence")
    new = posts_after(rig, ts, before, settle=1)
    assert len(new) == 1 and not new[0].get("blocks")
    assert new[0]["text"].startswith("Noted. request summary: sickness absence\n\n*Do we hold the information?*\n\n")
    assert "Yes, we hold it | We hold some of it | No, we do not hold it | Neither confirm nor deny | Skip" in \
        new[0]["text"]
    assert new[0]["text"].endswith(f"(Slack refused this message's formatting ({code}), so it is shown as plain "
                                   "text without buttons: reply in the thread instead.)")
    rig.reply(ts, "yes")  # answered by replying: nothing lost
    rig.question(ts, "disclosure")


def test_a_reply_in_a_channel_foibot_was_removed_from_is_kept_and_the_officer_told_by_dm(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.fake.inject_fault("chat.postMessage", error="not_in_channel")
    rig.reply(ts, "sickness absence")
    dm = rig.fake.wait_for(lambda: rig.fake.messages("D_OFFICER1"))
    assert [m["text"] for m in dm] == [
        "I could not post in <#C_FOI> (not_in_channel): foibot is no longer a member there. Invite it back with "
        "/invite @foibot. Your reply 'sickness absence' to FOI 2019-1 was kept; the next question is posted in the "
        "thread when foibot next starts."]
    assert answers(rig, ts)["request_summary"] == "sickness absence"
    thread = rig.ctx.poster.threads.of(conv_of(rig, ts))
    assert rig.ctx.poster.resume(rig.app.client, CHANNEL, ts, conv_of(rig, ts), rig.fake.thread(CHANNEL, ts))
    assert thread.posted_question == "request_summary"
    rig.question(ts, "held")  # resumable: the question is posted once foibot can post again


# --- 8. App Home with many cases -----------------------------------------------------------------------------


def test_app_home_with_35_cases_fits_and_says_how_many_more(rig):
    for i in range(35):
        ts = rig.paste(SICKNESS.replace("2018", str(1980 + i)))
    rig.question(ts, "request_summary", timeout=20)
    rig.fake.wait_for(lambda: len(rig.rt.store.open_conversations()) == 35, 20)
    rig.fake.wait_ack(rig.fake.send(app_home_opened(OFFICER)))
    view = rig.fake.wait_for(lambda: next((v for v in rig.fake.views if v.get("action") == "published"), None),
                             20)["view"]
    assert len(view["blocks"]) <= 100
    cases = [b for b in view["blocks"] if b.get("type") == "section" and "FOI 2019-" in b["text"]["text"]]
    assert len(cases) == 30
    more = [b["elements"][0]["text"] for b in view["blocks"] if b.get("type") == "context"][0]
    assert more.startswith("5 more open cases, due later than those above (only the 30 due soonest are listed): "
                           "FOI 2019-")
    assert more.endswith(". /foi case REF shows any of them.")
