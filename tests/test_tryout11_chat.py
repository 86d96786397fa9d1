"""The chat findings of the eleventh new-user tryout (a police force) and the misreads left by round 11: words
beyond the citations never dropped ("s12 - aggregated with 0003" fills section 12's aggregation question on the
officer's yes); an estimate given with its working is that estimate; "same as above" at an exemption's reason copies
the reason of the exemption cited before it; an answer about who holds the information, typed at the attachments
question, is asked back; an email's Date line whose weekday is not its date's is said, not dropped; the exemptions
list offers only what this authority may cite under this law; a planned date in words read against today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from profiles import copy_profile
from stepping import reply_until

from foibot.surfaces.runtime import open_runtime

TODAY = date(2028, 4, 7)
COLLISIONS = """From: Mark Tully <mark.tully@example.co.uk>
Date: Thu, 6 Apr 2028 08:30
Subject: FOI - police pursuits

Dear FOI team,

Please send me every pursuit policy document and the number of pursuits that ended in a collision each year from
2018 to 2027, with the reports for each.

Mark Tully
"""
CHIS = """From: Aisha Rahman <aisha.rahman@example.org>
Date: Fri, 31 Mar 2028 14:20
Subject: Freedom of Information request

Please tell me whether Wessex Vale Police has used covert human intelligence sources or undercover officers to
infiltrate the Wessexton Climate Action group since 2025, and if so how many.

Aisha Rahman
"""
FIREARMS = """From: Lucy Chen <lucy.chen@example.net>
Date: Mon, 27 Feb 2028 12:00
Subject: FOI - review of firearms licensing

Please provide a copy of the internal review of firearms licensing carried out after the 2027 HMICFRS inspection,
and the action plan that followed.

Lucy Chen
"""
AIR = """From: Priya Lal <priya.lal@example.org>
Date: Wed, 5 Apr 2028 10:00
Subject: EIR request

Under the EIR please send me the nitrogen dioxide monitoring results for the High Street for 2027, and the
developer's viability assessment for the Hill Farm housing site.

Priya Lal
"""
_BASICS = {"request_summary": "the request", "topic": "none", "regime": "foia"}


def _engine(tmp_path: Path, **profile: str):
    folder = copy_profile(tmp_path / "data", **({"type": "police", "name": "Wessex Vale Police"} | profile))
    runtime = open_runtime(tmp_path / "f.sqlite", folder)
    runtime.engine.today = lambda: TODAY
    return runtime.engine


def _texts(turn) -> list[str]:
    return [m.text for m in turn.messages]


def _at(engine, request: str, field: str, replies: dict[str, str]):
    turn = engine.start(request)
    conv = turn.conversation_id
    return conv, reply_until(engine, conv, turn, field, _BASICS | replies)


# --- 1. section 12: aggregation typed at the exemptions question; the estimate with its working -----------------


def test_aggregated_with_beside_s12_is_kept_on_yes_never_dropped(tmp_path):
    engine = _engine(tmp_path)
    conv, _ = _at(engine, COLLISIONS, "exemptions", {"held": "yes", "disclosure": "none"})
    turn = engine.reply(conv, "s12 - aggregated with 0003")
    assert _texts(turn) == [
        "Cite s12, and answer section 12's question \"Is this request aggregated with earlier ones for the cost "
        "limit? If so, give their references and dates.\" with '0003'? (yes or no)"]
    assert not engine.answers(conv).get("exemptions")  # nothing stored until the officer says
    turn = engine.reply(conv, "yes")
    answers = engine.answers(conv)
    assert answers["exemptions"] == ["s12"]
    assert answers["s12"]["aggregated_with"] == "0003"
    assert turn.question.field == "s12.hours"


def test_an_estimate_with_its_working_after_it_is_that_estimate(tmp_path):
    engine = _engine(tmp_path)
    conv, _ = _at(engine, COLLISIONS, "s12.hours", {"held": "yes", "disclosure": "none", "exemptions": "s12"})
    turn = engine.reply(conv, "no wait, it's more like 140 hours - 1,100 collision files at about 7-8 mins each")
    assert engine.answers(conv)["s12"]["hours"] == 140
    assert not [m for m in turn.messages if m.kind == "error"]
    turn = engine.reply(conv, "change the estimate")
    turn = engine.reply(conv, "30-40 hours")  # a range alone is still asked back
    assert "is a range" in turn.text() and engine.answers(conv)["s12"]["hours"] == 140


# --- 2. "same as above" at the second exemption's reason ----------------------------------------------------------


def test_same_as_above_copies_the_reason_of_the_exemption_cited_before(tmp_path):
    engine = _engine(tmp_path)
    reason = "Confirming or denying would show whether security bodies were involved."
    conv, _ = _at(engine, CHIS, "s24.reason", {"held": "ncnd", "exemptions": "23(5) and 24(2)", "s23.reason": reason})
    turn = engine.reply(conv, "same as above")
    assert engine.answers(conv)["s24"]["reason"] == reason
    assert reason in turn.text()  # said back in full: the officer sees what was copied


def test_same_as_above_with_no_exemption_before_is_asked_back(tmp_path):
    engine = _engine(tmp_path)
    conv, _ = _at(engine, CHIS, "s23.reason", {"held": "ncnd", "exemptions": "23(5) and 24(2)"})
    turn = engine.reply(conv, "same as above")
    assert "no exemption cited before this one" in turn.text()
    assert not engine.answers(conv).get("s23", {}).get("reason")


# --- 3. an answer for another question; a Date line that cannot be; the exemptions list --------------------------


def test_not_held_typed_at_the_attachments_question_is_asked_back(tmp_path):
    engine = _engine(tmp_path)
    conv, _ = _at(engine, COLLISIONS, "attachments", {"held": "yes", "disclosure": "all", "disclosed": "the figures"})
    turn = engine.reply(conv, "no, its held by the safety camera partnership not us")
    assert turn.question.field == "attachments"
    assert "reads as an answer to whether we hold the information" in turn.text()
    assert "change whether we hold it" in turn.text()
    assert engine.answers(conv).get("attachments") in (None, [])


def test_a_date_line_whose_weekday_is_not_its_date_is_said_when_the_date_is_asked(tmp_path):
    engine = _engine(tmp_path)
    turn = engine.start(FIREARMS)
    assert turn.question.field == "received"
    assert "The email's Date line says 'Mon, 27 Feb 2028', but 27 February 2028 is a Sunday" in turn.text()


def test_the_exemptions_list_under_foia_offers_no_eir_exception_nor_s35_to_a_police_force(tmp_path):
    engine = _engine(tmp_path)
    _, turn = _at(engine, COLLISIONS, "exemptions", {"held": "yes", "disclosure": "none"})
    offered = [o.value for o in turn.question.options]
    assert "s35" not in offered and "s36" in offered and "s12" in offered
    assert not [v for v in offered if v.startswith("r")]


def test_a_section_of_the_act_at_an_eir_case_is_asked_back_with_its_counterpart(tmp_path):
    engine = _engine(tmp_path, type="council", name="Westshire Council")
    conv, turn = _at(engine, AIR, "exemptions", {"held": "yes", "disclosure": "partial"})
    assert engine.answers(conv)["regime"] == "eir"
    assert not [o.value for o in turn.question.options if not o.value.startswith("r")]
    turn = engine.reply(conv, "s43(2)")
    assert turn.question.field == "exemptions" and not engine.answers(conv).get("exemptions")
    assert "Section 43(2) is an exemption of the Freedom of Information Act 2000" in turn.text()
    assert "regulation 12(5)(e)" in turn.text()


# --- 4. round 11's misreads, as whole outputs ----------------------------------------------------------------------


def test_a_planned_date_in_words_is_read_against_today(tmp_path):
    engine = _engine(tmp_path)
    conv, _ = _at(engine, FIREARMS, "s22.publication_date",
                  {"received": "2028-02-28", "held": "yes", "disclosure": "none", "exemptions": "s22",
                   "s22.planned_before_request": "yes"})
    turn = engine.reply(conv, "end of next month")
    assert engine.answers(conv)["s22"]["publication_date"] == "the end of May 2028"
    assert "the end of May 2028" in turn.text()
    turn = engine.reply(conv, "change the publication date")
    turn = engine.reply(conv, "sometime next year")
    assert "names no date or month" in turn.text()
    assert engine.answers(conv)["s22"]["publication_date"] == "the end of May 2028"
