"""The real Bolt app, unmodified, against the fake Slack on loopback."""

from __future__ import annotations

import pytest
from fakeslack import FakeSlack
from slackrig import CHANNEL, SlackRig

SEED = (__import__("pathlib").Path(__file__).parent / "fixtures" / "seed-request.txt").read_text()


@pytest.fixture
def rig(tmp_path):
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "foibot.sqlite").start()
        yield rig
        rig.stop()
        assert not fake.errors


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
    assert "exempt under section 22(1) of the Act" in letter and "section 31(1)(a)" in letter
    assert "Annex A: the exemptions we have applied" in letter
    context = " ".join(e["text"] for m in posts for b in m["blocks"] if b.get("type") == "context"
                       for e in b["elements"])
    assert "Due Fri 25 Oct 2019" in context and "Statutory check passed" in context
    word = next(f for f in rig.fake.files.values() if f.thread_ts == ts)
    assert word.filename == "FOI-reference-to-be-allocated-v1.docx" or word.filename.endswith("-v1.docx")
    assert word.data[:2] == b"PK" and word.channel == CHANNEL
    log = rig.rt.store.answer_log(rig.rt.store.conversation_for_thread(CHANNEL, ts)["id"])
    assert {e["who"] for e in log if not e["field"].startswith("_")} >= {"U_OFFICER1"}
    assert all(latency < 3 for latency in rig.fake.ack_latencies)
