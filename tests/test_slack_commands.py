"""/foi slash commands, App Home, modals and the draft's buttons, through the fake Slack."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fakeslack.payloads import app_home_opened, slash_command, view_submission
from slackrig import CHANNEL, SlackRig


@pytest.fixture(scope="module")
def shared_rig(tmp_path_factory):
    """One app for the read-only /foi answers (they change nothing, so one start serves them all)."""
    from fakeslack import FakeSlack

    with FakeSlack() as fake:
        started = SlackRig(fake, tmp_path_factory.mktemp("foi") / "foibot.sqlite").start()
        yield started
        started.stop()
        assert not fake.errors


def respond_text(rig: SlackRig, text: str) -> tuple[str, str]:
    before = len(rig.fake.responses)
    envelope = rig.fake.send(slash_command(text=text))
    ack = rig.fake.wait_ack(envelope)
    assert ack.latency < 3
    response = rig.fake.wait_for(lambda: rig.fake.responses[before] if len(rig.fake.responses) > before else None)
    body = response["body"]
    blocks = " ".join(b["text"]["text"] for b in body.get("blocks") or [])
    return body.get("response_type", "ephemeral"), blocks or body.get("text", "")


@pytest.mark.parametrize("text, expected", [
    ("help", "/foi para NAME"),
    ("", "/foi deadline DATE"),
    ("para internal-review", "internal review"),
    ("para", "ico-complaint"),
    ("exemption s22", "Information intended for future publication"),
    ("exemption s31(1)(a)", "section 31(1)(a)"),
    ("deadline 10 November 2026", "Due: Wed 9 Dec 2026"),
    ("deadline 2026-11-10 foisa", "FOISA"),
    ("exemption s99", "{error} foibot knows no exemption"),
    ("deadline 2099-01-01", "{error} "),
    ("due", "FOI digest for"),
    ("help", "/foi due [N]"),
])
def test_foi_commands_reply_ephemerally(shared_rig, text, expected):
    response_type, body = respond_text(shared_rig, text)
    assert response_type == "ephemeral"
    assert expected.format(error=shared_rig.ctx.say("error", message="")) in body


def test_share_posts_to_the_channel(shared_rig):
    response_type, body = respond_text(shared_rig, "para ico-complaint share")
    assert response_type == "in_channel" and "Information Commissioner" in body


def test_app_home_lists_open_cases_nearest_first_and_the_library(rig):
    late = rig.paste("From: A Person <a@example.org>\nDate: 1 August 2019\n\nPlease provide your 2018 budget "
                     "for vetting and the number of staff.")
    soon = rig.paste("From: B Person <b@example.org>\nDate: 10 October 2019\n\nPlease provide your travel "
                     "spending for 2018 and the number of journeys.")
    rig.question(late, "request_summary")
    rig.question(soon, "request_summary")
    rig.fake.wait_ack(rig.fake.send(app_home_opened("U_OFFICER1")))
    view = rig.fake.wait_for(lambda: next((v for v in rig.fake.views if v.get("action") == "published"), None))
    texts = [b["text"]["text"] for b in view["view"]["blocks"] if b.get("type") == "section"]
    assert "OVERDUE" in texts[0] and "A Person" in texts[0]
    assert "B Person" in texts[1] and "OVERDUE" not in texts[1]
    assert any(t.startswith("*internal-review*") for t in texts)
    assert not [t for t in texts if "counted from the day it was pasted" in t]  # both emails give the date


def test_app_home_marks_a_due_date_counted_from_an_assumed_received_date(rig):
    undated = rig.paste("Please provide your travel spending for 2018 and the number of journeys.")
    rig.fake.wait_for(lambda: rig.bot_posts(undated), 15)  # the case is opened before the first question
    rig.fake.wait_ack(rig.fake.send(app_home_opened("U_OFFICER1")))
    view = rig.fake.wait_for(lambda: next((v for v in rig.fake.views if v.get("action") == "published"), None))
    [case] = [b["text"]["text"] for b in view["view"]["blocks"] if b.get("type") == "section"
              and "travel spending" in b["text"]["text"]]
    assert "(counted from the day it was pasted: give the received date)" in case


def test_long_answer_through_a_modal(rig):
    ts = rig.paste("From: C Person <c@example.org>\nDate: 1 October 2019\n\nPlease provide your 2018 budget "
                   "for vetting and the number of staff.")
    q = rig.question(ts, "request_summary")
    rig.click(q, "answer_modal", thread_ts=ts)
    opened = rig.fake.wait_for(lambda: [v for v in rig.fake.views if v.get("action") == "updated"])
    view = opened[-1]["view"]
    assert view["callback_id"] == "answer_view"
    meta = view["private_metadata"]
    envelope = rig.fake.send(view_submission("answer_view", {"text": {"value": {"type": "plain_text_input",
                                                                                "value": "ask about vetting"}}},
                                             private_metadata=meta))
    rig.fake.wait_ack(envelope)
    rig.question(ts, "topic")
    conv = json.loads(meta)["c"]
    assert rig.rt.engine.answer(conv, "request_summary") == "ask about vetting"


def test_draft_buttons_edit_diff_approve_and_sent(rig):
    ts = rig.paste("From: D Person <d@example.org>\nDate: 1 October 2019\n\nPlease provide your 2018 budget "
                   "for vetting and the number of staff.")
    rig.question(ts, "request_summary")
    rig.reply(ts, "show draft")
    posts = rig.draft_posts(ts, 1)
    last = posts[-1]
    conv = rig.ctx.conversation_in(CHANNEL, ts)["id"]
    rig.click(last, "draft_edit", thread_ts=ts, selected=["request"])
    view = rig.fake.wait_for(lambda: next((v["view"] for v in reversed(rig.fake.views)
                                           if v.get("view", {}).get("callback_id") == "edit_view"), None))
    values = {"f|request_summary": {"value": {"type": "plain_text_input", "value": "ask about vetting budgets"}},
              "f|received": {"value": {"type": "plain_text_input", "value": "not a date"}}}
    bad = rig.fake.send(view_submission("edit_view", values, private_metadata=view["private_metadata"]))
    ack = rig.fake.wait_ack(bad)
    assert ack.payload["response_action"] == "errors" and "f|received" in ack.payload["errors"]
    values["f|received"]["value"]["value"] = "1 October 2019"
    rig.fake.wait_ack(rig.fake.send(view_submission("edit_view", values, private_metadata=view["private_metadata"])))
    second = rig.draft_posts(ts, 2)
    rig.click(second[-1], "draft_diff", thread_ts=ts)
    diff = rig.fake.wait_for(lambda: next((m for m in rig.bot_posts(ts) if m.get("text") == rig.ctx.say("diff-title")),
                                          None))
    assert "ask about vetting budgets" in diff["blocks"][0]["text"]["text"]
    rig.click(second[-1], "draft_approve", thread_ts=ts)
    ref = rig.rt.register.case_for_conversation(conv).ref
    approved = rig.ctx.say("approved", version=2, reference=ref, who="<@U_OFFICER1>")
    rig.fake.wait_for(lambda: any(m.get("text") == approved for m in rig.bot_posts(ts)))
    rig.click(second[-1], "draft_sent", thread_ts=ts)
    sent = rig.fake.wait_for(lambda: next((m for m in rig.bot_posts(ts) if "marked as sent" in m.get("text", "")),
                                          None))
    assert "ask for an internal review until" in sent["text"] and "<@U_OFFICER1>" in sent["text"]
    log = [e["field"] for e in rig.rt.store.answer_log(conv)]
    assert "_approved" in log and "_sent" in log and "request_summary" in log
    history = [(e["who"], e["action"]) for e in rig.rt.register.history(ref)]
    assert ("U_OFFICER1", "answered") in history and ("U_OFFICER1", "approved") in history
    assert ("U_OFFICER1", "draft_linked") in history and ("U_OFFICER1", "status") in history
    edited = [e for e in rig.rt.register.history(ref) if e["action"] == "answered"
              and "request_summary" in e["detail"]["fields"]]
    assert edited and "ask about vetting budgets" not in str(edited)  # names of fields, not values


def test_app_home_shows_a_case_awaiting_clarification_as_waiting_and_leaves_out_a_withdrawn_one(rig):
    """Tryout 11: a case awaiting the requester's clarification has no due date (never OVERDUE), and one the
    requester withdrew has nothing left to answer, though neither conversation was ended."""
    waiting = rig.paste("From: A Person <a@example.org>\nDate: 1 August 2019\n\nPlease provide everything about the "
                        "incident in the town centre last summer.")
    withdrawn = rig.paste("From: B Person <b@example.org>\nDate: 2 August 2019\n\nPlease provide your travel "
                          "spending for 2018 and the number of journeys.")
    rig.question(waiting, "request_summary")
    rig.question(withdrawn, "request_summary")
    register = rig.rt.register
    [asked, gone] = [register.case_for_conversation(rig.ctx.conversation_in(CHANNEL, ts)["id"])
                     for ts in (waiting, withdrawn)]
    register.set_status(asked.ref, "awaiting_clarification", "U_OFFICER1", date(2019, 8, 5))
    register.set_status(gone.ref, "withdrawn", "U_OFFICER1", date(2019, 8, 6))
    rig.fake.wait_ack(rig.fake.send(app_home_opened("U_OFFICER1")))
    view = rig.fake.wait_for(lambda: next((v for v in rig.fake.views if v.get("action") == "published"), None))
    texts = [b["text"]["text"] for b in view["view"]["blocks"] if b.get("type") == "section"]
    [case] = [t for t in texts if "A Person" in t]
    assert "awaiting the requester's clarification since Mon 5 Aug 2019: no due date until it arrives" in case
    assert "OVERDUE" not in case and "due " not in case.split(":", 1)[1].split("no due")[0]
    assert not [t for t in texts if "B Person" in t or gone.ref in t]
