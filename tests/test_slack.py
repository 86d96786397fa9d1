"""The real Bolt app, unmodified, against the fake Slack on loopback."""

from __future__ import annotations

from fakeslack import FakeSlack
from slackrig import CHANNEL, SlackRig

SEED = (__import__("pathlib").Path(__file__).parent / "fixtures" / "seed-request.txt").read_text()


def answer_seed_with_buttons(rig: SlackRig, ts: str) -> None:
    q = rig.question(ts, "request_summary")
    rig.reply(ts, "refer to our spotlight report and ask about IT monitoring")
    q = rig.question(ts, "topic")
    rig.click(q, "answer_default", thread_ts=ts)
    q = rig.question(ts, "held")
    rig.click(q, "answer:0", value_of="yes", thread_ts=ts)
    q = rig.question(ts, "disclosure")
    rig.click(q, "answer:1", value_of="partial", thread_ts=ts)
    rig.question(ts, "disclosed")
    rig.reply(ts, "a table covering 29 of the 43 forces, taken from their published force reports")
    q = rig.question(ts, "attachments")
    rig.click(q, "answer_skip", thread_ts=ts)
    q = rig.question(ts, "exemptions")
    rig.click(q, "answer_multi", thread_ts=ts, selected=["s22", "s31"])
    q = rig.question(ts, "s22.planned_before_request")
    rig.click(q, "answer:0", value_of="yes", thread_ts=ts)
    rig.question(ts, "s22.publication_date")
    rig.reply(ts, "in the new year")
    q = rig.question(ts, "s22.publisher")
    rig.click(q, "answer_skip", thread_ts=ts)
    rig.question(ts, "s22.withheld")
    rig.reply(ts, "the information for the remaining 14 forces")
    rig.question(ts, "s22.reason")
    rig.reply(ts, "Their force reports, which contain it, are not yet published.")
    rig.question(ts, "s22.pit_for")
    rig.reply(ts, "1, 2")
    rig.question(ts, "s22.pit_against")
    rig.reply(ts, "1, 2, 3")
    q = rig.question(ts, "s22.pit_conclusion")
    rig.click(q, "answer_skip", thread_ts=ts)
    q = rig.question(ts, "s31.limb")
    rig.click(q, "answer_select", thread_ts=ts, selected=["1(a)"])
    rig.question(ts, "s31.withheld")
    rig.reply(ts, "further detail about ICT monitoring in the 29 forces")
    rig.question(ts, "s31.reason")
    rig.reply(ts, "It would show offenders where police systems are weakest.")
    q = rig.question(ts, "s31.likelihood")
    rig.click(q, "answer:1", value_of="would_be_likely", thread_ts=ts)
    rig.question(ts, "s31.pit_for")
    rig.reply(ts, "1")
    rig.question(ts, "s31.pit_against")
    rig.reply(ts, "1; 3")
    q = rig.question(ts, "s31.pit_conclusion")
    rig.click(q, "answer_skip", thread_ts=ts)


def test_seed_case_from_paste_to_draft_and_docx_answered_with_buttons(rig):
    ts = rig.paste(SEED)
    first = rig.question(ts, "request_summary")
    assert "Shining a light on betrayal" in first["blocks"][0]["text"]["text"]
    answer_seed_with_buttons(rig, ts)
    posts = rig.draft_posts(ts)
    letter = "\n".join(b["text"]["text"] for m in posts for b in m["blocks"] if b.get("type") == "section")
    assert "under section 22(1) of the Act" in letter and "section 31(1)(a)" in letter
    assert "Annex A: the exemptions we have applied" in letter
    context = " ".join(e["text"] for m in posts for b in m["blocks"] if b.get("type") == "context"
                       for e in b["elements"])
    assert "Due Fri 25 Oct 2019" in context and "Statutory check passed" in context
    word = next(f for f in rig.fake.files.values() if f.thread_ts == ts)
    assert word.filename == "FOI-reference-to-be-allocated-v1.docx" or word.filename.endswith("-v1.docx")
    assert word.data[:2] == b"PK" and word.channel == CHANNEL
    log = rig.rt.store.answer_log(rig.ctx.conversation_in(CHANNEL, ts)["id"])
    assert {e["who"] for e in log if not e["field"].startswith("_")} >= {"U_OFFICER1"}
    assert all(latency < 3 for latency in rig.fake.ack_latencies)


def test_seed_case_answered_with_plain_text_replies(rig):
    ts = rig.paste(SEED)
    answers = [("request_summary", "ask about IT monitoring"), ("topic", "1"), ("held", "yes"),
               ("disclosure", "some"), ("disclosed", "a table of 29 forces"), ("attachments", "Table of forces"),
               ("exemptions", "s22, s31(1)(a)"), ("s22.planned_before_request", "yes"),
               ("s22.publication_date", "in the new year"), ("s22.publisher", ""),
               ("s22.withheld", "the information for the remaining 14 forces"),
               ("s22.reason", "Their reports are not yet published."), ("s22.pit_for", "1"),
               ("s22.pit_against", "1, 2"), ("s22.pit_conclusion", ""), ("s31.withheld", "further detail"),
               ("s31.reason", "It would show offenders where systems are weakest."),
               ("s31.likelihood", "would be likely to"), ("s31.pit_for", "1"), ("s31.pit_against", "1"),
               ("s31.pit_conclusion", "")]
    for path, text in answers:
        rig.question(ts, path)
        rig.reply(ts, text or "skip")
    posts = rig.draft_posts(ts)
    assert any("Statutory check passed" in e["text"] for m in posts for b in m["blocks"]
               if b.get("type") == "context" for e in b["elements"])


def test_an_event_delivered_twice_gets_one_reply(rig):
    from fakeslack.payloads import message_event

    ts = rig.fake.new_ts()
    payload = message_event(CHANNEL, "U_OFFICER1", "Please provide the number of staff in your FOI team in 2024.",
                            ts=ts)
    first = rig.fake.push("events_api", payload)
    rig.fake.wait_ack(first)
    rig.question(ts, "requester_name")
    again = rig.fake.push("events_api", payload, retry_attempt=1, retry_reason="timeout")
    rig.fake.wait_ack(again)
    rig.fake.wait_for(lambda: rig.fake.calls("chat.postMessage"))
    import time

    time.sleep(0.3)  # give a duplicate reply, if there were one, time to appear
    assert len(rig.bot_posts(ts)) == 1
    assert rig.rt.store.db["conversations"].count == 1


def test_a_rate_limited_post_is_retried(rig):
    rig.fake.inject_fault("chat.postMessage", status=429, retry_after=0, times=1)
    ts = rig.paste("Please provide the number of staff in your FOI team in 2024, by grade.")
    rig.question(ts, "requester_name")
    statuses = [c.status for c in rig.fake.calls("chat.postMessage")]
    assert statuses[:2] == [429, 200]


def test_disconnect_and_reconnect_loses_no_event(rig):
    ts = rig.paste("Please provide the number of staff in your FOI team in 2024, by grade.")
    rig.question(ts, "requester_name")
    before = rig.fake.connections_opened
    rig.fake.disconnect("refresh_requested")
    _, envelope = rig.fake.post_user_message(CHANNEL, "U_OFFICER1", "Sam Patel", thread_ts=ts)
    rig.fake.wait_ack(envelope, within=10)
    assert rig.fake.connections_opened > before
    rig.question(ts, "received")


def test_restart_mid_conversation_resumes_the_thread(tmp_path):
    with FakeSlack() as fake:
        first = SlackRig(fake, tmp_path / "foibot.sqlite").start()
        ts = first.paste(SEED)
        first.question(ts, "request_summary")
        first.reply(ts, "ask about IT monitoring")
        first.question(ts, "topic")
        # The answer is saved but the process dies before it posts the next question.
        conv = first.ctx.conversation_in(CHANNEL, ts)["id"]
        first.rt.engine.choose(conv, "topic", "peel-spotlight-betrayal", user="U_OFFICER2")
        first.stop()
        second = SlackRig(fake, tmp_path / "foibot.sqlite").start()  # recover() reposts the pending question
        q = second.question(ts, "held")
        second.click(q, "answer:0", value_of="yes", thread_ts=ts)
        second.question(ts, "disclosure")
        assert second.rt.engine.answer(conv, "topic") == "peel-spotlight-betrayal"
        topics = [m for m in second.bot_posts(ts) if any(b.get("block_id", "").endswith("|topic")
                                                         for b in m.get("blocks") or [])]
        assert len(topics) == 1  # nothing asked twice
        second.stop()


def test_pasted_channel_ping_is_echoed_harmlessly(rig):
    ts = rig.paste("<!channel> please provide the <@U_OFFICER2> expenses list & your <#C_OTHER> records for 2024")
    rig.question(ts, "requester_name")
    rig.reply(ts, "show draft")
    posts = rig.draft_posts(ts)
    text = " ".join(b["text"]["text"] for m in posts for b in m["blocks"] if b.get("type") == "section")
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text
    assert "&lt;@U_OFFICER2&gt;" in text and "&amp;" in text
    for message in rig.bot_posts(ts):
        assert "<!channel>" not in str(message.get("blocks")) and "<!channel>" not in message.get("text", "")


def test_long_draft_is_split_within_slack_limits(rig):
    long_request = "\n\n".join(f"{i}. Please provide the records of inspection {i} and every finding, note and "
                               f"recommendation made about force performance in that year." for i in range(120))
    assert len(long_request) > 15_000
    ts = rig.paste(long_request)
    rig.question(ts, "requester_name")
    rig.reply(ts, "show draft")
    posts = rig.draft_posts(ts)
    assert len(posts) >= 2
    for message in posts:
        blocks = message["blocks"]
        assert len(blocks) <= 50
        assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b.get("type") == "section")
        assert sum(len(b["text"]["text"]) for b in blocks if b.get("type") == "section") <= 12_000
    joined = "".join(b["text"]["text"] for m in posts for b in m["blocks"] if b.get("type") == "section")
    assert "119. Please provide the records of inspection 119" in joined
    assert not [c for c in rig.fake.calls("chat.postMessage") if c.status != 200]


def test_requests_from_other_channels_and_users_are_not_started(tmp_path):
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "db.sqlite").start(users=("U_OFFICER1",))
        fake.add_channel("C_RANDOM", "random", ["U_OFFICER1", "U_OUTSIDER", "U_FOIBOT"])
        fake.channels[CHANNEL]["members"].add("U_OUTSIDER")
        ts = rig.paste("Please provide the number of staff in your FOI team in 2024, by grade.", channel="C_RANDOM")
        ts2 = rig.paste("Please provide the number of staff in your FOI team in 2024, by grade.",
                        user="U_OUTSIDER")
        rig.paste("Please provide the number of staff in your FOI team in 2024, by grade.")  # allowed
        fake.wait_for(lambda: rig.rt.store.db["conversations"].count == 1)
        assert not rig.bot_posts(ts, "C_RANDOM") and not rig.bot_posts(ts2)
        rig.stop()


def test_message_shortcut_starts_a_case_in_that_thread(rig):
    from fakeslack.payloads import message_action

    ts, _ = rig.fake.post_user_message(CHANNEL, "U_OFFICER2", "Forwarded from the FOI inbox")
    envelope = rig.fake.send(message_action("draft_foi_response", {"type": "message", "ts": ts, "text": SEED,
                                                                   "user": "U_OFFICER2"}))
    rig.fake.wait_ack(envelope)
    rig.question(ts, "request_summary")
    rig.fake.wait_ack(rig.fake.send(message_action("draft_foi_response", {"type": "message", "ts": ts, "text": SEED,
                                                                           "user": "U_OFFICER2"})))
    assert rig.rt.store.db["conversations"].count == 1  # a second shortcut on the same message starts nothing
