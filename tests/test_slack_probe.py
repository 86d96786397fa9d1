"""Defects found by using foibot in Slack as a new FOI team would (a police force, a Scottish council),
each reproduced through the fake Slack."""

from __future__ import annotations

import time
from dataclasses import replace

from fakeslack.payloads import app_home_opened, slash_command
from slackrig import CHANNEL, OFFICER, SlackRig

SICKNESS = ("From: Sam Lee <sam@example.org>\nDate: 1 October 2019\n\nPlease provide the number of police officers "
            "on long-term sick leave in 2018, by rank.")


def asking(rig: SlackRig, ts: str) -> str | None:
    return rig.rt.store.conversation(rig.ctx.conversation_in(CHANNEL, ts)["id"])["state"].get("asking")


def ephemerals_for(rig: SlackRig, user: str) -> list[dict]:
    return [e for e in rig.fake.ephemerals if e["user"] == user]


def foi(rig: SlackRig, text: str) -> str:
    before = len(rig.fake.responses)
    rig.fake.wait_ack(rig.fake.send(slash_command(text=text)))
    body = rig.fake.wait_for(lambda: rig.fake.responses[before] if len(rig.fake.responses) > before else None)["body"]
    return "\n".join(b["text"]["text"] for b in body.get("blocks") or [])


def test_a_request_in_many_long_parts_is_asked_within_slack_limits_and_without_broken_bold(rig):
    parts = "\n".join(f"{i}. The records of inspection {i} and every finding, note and recommendation made about "
                      f"force performance in that year, including all annexes and appendices." for i in range(1, 41))
    ts = rig.paste(f"From: Pat Jones <pat@example.org>\nDate: 21 October 2019\n\nPlease provide:\n{parts}")
    rig.question(ts, "request_summary")
    rig.reply(ts, "ask about inspections")  # no topic matched: not asked
    first = rig.question(ts, "answer_by_part")  # before the fix: nothing posted (a section over 3,000 characters)
    title = next(b["text"]["text"] for b in first["blocks"] if b.get("block_id", "").endswith("|answer_by_part"))
    head = title.split("\n")[0]
    assert head.startswith("*") and head.endswith("*") and "*" not in title[len(head):]  # bold ends on its line
    shown = "\n".join(b["text"]["text"] for m in rig.bot_posts(ts) for b in m.get("blocks") or []
                      if b.get("type") == "section")
    assert "40. The records of inspection 40" in shown
    assert not [c for c in rig.fake.calls("chat.postMessage") if c.status != 200]
    buttons = next(m for m in rig.bot_posts(ts) for b in m["blocks"] for e in b.get("elements") or []
                   if e.get("action_id") == "answer:1")
    rig.click(buttons, "answer:1", value_of="each", thread_ts=ts)
    rig.question(ts, "parts.1.held")


def test_skip_on_an_old_question_skips_nothing(rig):
    ts = rig.paste(SICKNESS)
    old = rig.question(ts, "request_summary")
    rig.reply(ts, "ask about sickness absence")
    rig.question(ts, "held")  # no topic matched: not asked
    posts = len(rig.bot_posts(ts))
    rig.click(old, "answer_skip", thread_ts=ts, user="U_OFFICER2")
    rig.fake.wait_for(lambda: ephemerals_for(rig, "U_OFFICER2"))
    assert "nothing was skipped" in ephemerals_for(rig, "U_OFFICER2")[0]["text"]
    assert asking(rig, ts) == "held"  # before the fix: the question asked was skipped instead
    assert len(rig.bot_posts(ts)) == posts


def test_two_officers_pressing_the_same_answer_post_the_next_question_once(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary")
    rig.reply(ts, "ask about sickness absence")
    held = rig.question(ts, "held")
    rig.click(held, "answer:0", value_of="yes", thread_ts=ts)
    rig.question(ts, "disclosure")
    rig.click(held, "answer:0", value_of="yes", thread_ts=ts, user="U_OFFICER2")
    rig.fake.wait_for(lambda: ephemerals_for(rig, "U_OFFICER2"))
    assert "already answered (yes)" in ephemerals_for(rig, "U_OFFICER2")[0]["text"]
    asked = [m for m in rig.bot_posts(ts) if any(b.get("block_id", "").startswith("q|") and
                                                 b["block_id"].endswith("|disclosure") for b in m["blocks"])]
    assert len(asked) == 1  # before the fix: "Held stays as it was" and the question again


def test_a_sent_case_is_not_sent_redrafted_or_changed_again(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary")
    rig.reply(ts, "ask about sickness absence")
    rig.reply(ts, "show draft")
    buttons = rig.draft_posts(ts)[-1]
    rig.click(buttons, "draft_sent", thread_ts=ts)
    rig.fake.wait_for(lambda: any("marked as sent" in m.get("text", "") for m in rig.bot_posts(ts)))
    posts = len(rig.bot_posts(ts))
    rig.click(buttons, "draft_sent", thread_ts=ts, user="U_OFFICER2")
    rig.click(buttons, "draft_regenerate", thread_ts=ts, user="U_OFFICER2")
    rig.click(buttons, "draft_approve", thread_ts=ts, user="U_OFFICER2")
    rig.reply(ts, "change received", user="U_OFFICER2")
    rig.fake.wait_for(lambda: len(ephemerals_for(rig, "U_OFFICER2")) == 4)
    time.sleep(0.3)  # a repeat, were there one, would be posted by now
    assert len(rig.bot_posts(ts)) == posts
    notes = {e["text"] for e in ephemerals_for(rig, "U_OFFICER2")}
    assert notes == {"FOI 2019-1 is closed: it was marked as sent on Fri 25 Oct 2019. Nothing was changed."}
    history = [e["action"] for e in rig.rt.register.history("FOI 2019-1")]
    assert history.count("sent") == 1


def test_a_form_opened_before_the_case_was_sent_changes_nothing(rig):
    import json

    from fakeslack.payloads import view_submission

    ts = rig.paste(SICKNESS)
    q = rig.question(ts, "request_summary")
    rig.click(q, "answer_modal", thread_ts=ts)
    view = rig.fake.wait_for(lambda: [v for v in rig.fake.views if v.get("action") == "updated"])[-1]["view"]
    rig.reply(ts, "ask about sickness absence")
    rig.question(ts, "held")  # the answer handled (and its next question posted) before the draft is asked for
    rig.reply(ts, "show draft")
    rig.click(rig.draft_posts(ts)[-1], "draft_sent", thread_ts=ts)
    rig.fake.wait_for(lambda: any("marked as sent" in m.get("text", "") for m in rig.bot_posts(ts)))
    posts = len(rig.bot_posts(ts))
    rig.fake.wait_ack(rig.fake.send(view_submission(
        "answer_view", {"text": {"value": {"type": "plain_text_input", "value": "something else"}}},
        private_metadata=view["private_metadata"])))
    rig.fake.wait_for(lambda: ephemerals_for(rig, OFFICER))
    assert "is closed" in ephemerals_for(rig, OFFICER)[-1]["text"]
    assert len(rig.bot_posts(ts)) == posts
    conv = json.loads(view["private_metadata"])["c"]
    assert rig.rt.engine.answer(conv, "request_summary") == "ask about sickness absence"


def test_foi_help_and_exemptions_follow_a_scottish_profile(rig):
    rig.rt.authority = rig.rt.engine.authority = replace(rig.rt.authority, regime="foisa")
    help_text = foi(rig, "help")
    exemptions = help_text.split("Exemptions: ")[1]
    assert "s38" in exemptions and "s43" not in exemptions and "r12" not in exemptions and "foisa-" not in exemptions
    listing = foi(rig, "exemption")
    assert listing.startswith("s12: Excessive cost of compliance") and "s44" not in listing
    unknown = foi(rig, "exemption s43")
    assert "no exemption 's43' under FOISA" in unknown and "s31," not in unknown
    assert "Freedom of Information (Scotland) Act 2002" in foi(rig, "exemption 35")


def test_foi_exemption_lists_foia_and_eir_for_an_english_body_and_reads_ncnd_provisions(rig):
    listing = foi(rig, "exemption")
    assert "s31: Law enforcement" in listing and "r13" in listing and "foisa" not in listing.lower()
    assert "Law enforcement" in foi(rig, "exemption s31(3)")  # the NCND provision, not "no subsection (3)"
    assert "has no subsection (9)" in foi(rig, "exemption s31(9)")


def test_foi_stats_and_case_keep_their_columns_and_errors_stay_plain(rig):
    assert foi(rig, "stats").startswith("```period")
    assert foi(rig, "case NO-SUCH-REF").startswith("Sorry, I could not do that")
    assert foi(rig, "case").startswith("Usage:")


def test_app_home_names_the_case_by_its_summary_not_the_email_headers(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary")
    other = rig.paste("From: Ann Other <ann@example.org>\nDate: 20 September 2019\nSubject: FOI\n\n"
                      "Please provide your spending on overtime in 2018 and the number of staff paid it.")
    rig.question(other, "request_summary")
    rig.reply(ts, "ask about sickness absence")
    rig.question(ts, "held")
    rig.fake.wait_ack(rig.fake.send(app_home_opened("U_OFFICER1")))
    view = rig.fake.wait_for(lambda: next((v for v in rig.fake.views if v.get("action") == "published"), None))
    texts = [b["text"]["text"] for b in view["view"]["blocks"] if b.get("type") == "section"]
    assert texts[0].endswith("\nAnn Other: Please provide your spending on overtime in 2018 and the number of "
                             "staff paid…")
    assert texts[1].endswith("\nSam Lee: ask about sickness absence")
    assert "example.org" not in " ".join(texts[:2])
