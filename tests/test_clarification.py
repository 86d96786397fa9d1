"""Asking the requester to clarify (FOIA s1(3), EIR reg 9(2), FOISA s1(3)): from the chat to the letter, the clock
stopped while the case waits, the reply pasted back (a new 20 working days from its day, s10(6)(b)), and the final
letter quoting the request and the clarification, dated."""

from dataclasses import replace
from datetime import date

import pytest
from probes import assert_signable

from foibot.conversation.clarification import asks_to_clarify, reply_of, split_points
from foibot.conversation.dialogue import asks_foibot
from foibot.errors import InputError
from foibot.surfaces.console import Console

REQUEST = """From: Jane Smith <jane@example.org>
Sent: 05 April 2028 10:00
Subject: FOI request

Please send me all the information you have about the incident in the town centre last summer.

Jane Smith"""
REPLY = """From: Jane Smith <jane@example.org>
Sent: 12 April 2028 09:12
Subject: Re: FOI request

I mean the stabbing on the High Street on 3 August 2027, at about 11pm.

Jane"""
ASKED = "we need to ask her to clarify which incident she means - can you draft a clarification letter?"
ADVICE = "If you can tell us the date, or the street, we can search the incident logs for that day."
# what a request for clarification must never say: it refuses nothing and says nothing of what is held
NEVER = ["exempt", "refuse", "we hold", "we do not hold", "not held", "Annex A", "withheld", "neither confirm",
         "public interest", "[to be completed"]


def _as_example_body(rt, **settings):
    rt.engine.authority = replace(rt.engine.authority, name="Example Body", short_name="Example Body",
                                  signature_role="On behalf of Example Body", protective_marking="", **settings)


def _today(engine, day: date) -> None:
    engine.today = lambda: day
    engine.cases.register.today = lambda: day


def _body(text: str, *quoted: str) -> str:
    """The letter without the requester's own words (quoted)."""
    for words in quoted:
        for line in words.splitlines():
            if line.strip():
                text = text.replace(line.strip(), "")
    return text


def _asked(rt, request: str = REQUEST, regime: str | None = None):
    """A conversation asked to clarify at its first question, the points kept as said, with advice: the draft."""
    engine = rt.engine
    _today(engine, date(2028, 4, 7))
    conv = engine.start(request, user="U1").conversation_id
    if regime:
        engine.choose(conv, "regime", regime) if engine.question_for(conv, "regime") else None
    first = engine.reply(conv, ASKED, user="U1")
    return conv, first


def test_the_tryout_words_ask_for_clarification_and_are_never_the_summary(rt):
    _as_example_body(rt)
    conv, turn = _asked(rt)
    assert "request_summary" not in rt.engine.answers(conv)
    assert turn.question.field == "clarification.points"
    assert turn.question.shown_default() == "which incident you mean"  # her words, put to her
    turn = rt.engine.reply(conv, "")
    assert turn.question.field == "clarification.advice"
    turn = rt.engine.reply(conv, ADVICE)
    draft = turn.draft
    assert draft is not None and turn.messages[-1].version == 1
    text = draft.text()
    assert draft.checks.ok and draft.checks.kind == "clarification", draft.checks.summary()
    assert_signable(rt, draft, [
        "Your Freedom of Information request: we need more detail".upper(),
        "Thank you for your request of 5 April 2028",
        "the incident in the town centre last summer", "Please tell us:", "  - which incident you mean", ADVICE,
        "section 1(3) of the Freedom of Information Act 2000", "until we receive this further information",
        "We will treat your request as received on the day your reply reaches us",
        "within 20 working days of that day", "quoting our reference", "internal review",
        "complain to the Information Commissioner", "On behalf of Example Body"], NEVER, _body(text, REQUEST))
    assert "not obliged" in text and "lapse" not in text  # the authority's practice, never a period stated as law
    assert "Our practice is to close a request" in text


@pytest.mark.parametrize("said", ["clarify", "it needs clarifying first", "ask for clarification",
                                  "too vague, we need more detail", "we need to ask them to clarify",
                                  "can you draft a clarification letter", "Clarify."])
def test_the_ways_officers_say_it(said):
    assert asks_to_clarify(said) is not None


@pytest.mark.parametrize("said", ["yes", "the requester did not clarify", "Please clarify the number of cameras in "
                                  "use across the county and their locations, with the dates each was installed "
                                  "and the cost of each one, and any contracts held with suppliers for their upkeep",
                                  "the incident in the town centre"])
def test_answers_that_are_not_asking_for_clarification(said):
    assert asks_to_clarify(said) is None


def test_a_request_to_foibot_typed_at_a_text_question_is_asked_back(rt):
    engine = rt.engine
    conv = engine.start(REQUEST).conversation_id
    turn = engine.reply(conv, "this is about fire safety - can you draft a s12 refusal?")
    assert "reads as a question to me" in turn.text() and turn.question.field == "request_summary"
    assert "request_summary" not in engine.answers(conv)
    assert asks_foibot("Can you draft the reply?") and not asks_foibot("could you send me copies of the minutes?")


def test_clarify_at_the_held_question_then_cancel_resumes_there(rt):
    engine = rt.engine
    conv = engine.start(REQUEST).conversation_id
    engine.reply(conv, "the incident in the town centre")
    turn = engine.reply(conv, "it needs clarifying first")
    assert turn.question.field == "clarification.points" and turn.question.shown_default() == ""
    turn = engine.reply(conv, "")  # no point yet: asked again, never a letter without one
    assert turn.question.field == "clarification.points" and "say what the requester needs to clarify" in turn.text()
    turn = engine.reply(conv, "cancel")
    assert turn.question.field == "held" and "clarification" not in engine.answers(conv)


def test_sent_stops_the_clock_and_the_reply_restarts_it(rt):
    _as_example_body(rt)
    engine = rt.engine
    conv, _ = _asked(rt)
    engine.reply(conv, "which incident you mean\nroughly when it happened")
    engine.reply(conv, "")
    ref = engine.answer(conv, "reference")
    register = engine.cases.register
    assert register.require(ref).due == date(2028, 5, 8)
    engine.approve(conv)
    sent = engine.mark_sent(conv, user="U1")
    case = register.require(ref)
    assert case.status == "awaiting_clarification" and case.due is None  # no reminder of the old due date
    assert sent.review_until is None and "awaiting clarification" in sent.warnings[0]
    assert "the due date Mon 8 May 2028 no longer applies" in sent.warnings[0]
    assert engine.store.conversation(conv)["status"] != "closed"
    with pytest.raises(InputError, match="already marked as sent"):  # a second press never marks the case sent
        engine.mark_sent(conv, user="U2")
    with pytest.raises(InputError, match="already marked as sent"):  # nor one that read the stage before the first
        engine._clarification_sent(conv, None, "U3")                 # press recorded it (two presses at once)
    assert [e["action"] for e in engine.history(ref).entries].count("clarification_sent") == 1
    assert register.require(ref).status == "awaiting_clarification"
    # anything else while it waits is told what it waits for; nothing is stored
    turn = engine.reply(conv, "any news?")
    assert "awaiting the requester's clarification (asked for on Fri 7 Apr 2028)" in turn.text()
    assert "Answers so far" in engine.reply(conv, "status").text()
    _today(engine, date(2028, 4, 13))
    turn = engine.reply(conv, "clarification received yesterday: I mean the stabbing on the High Street on 3 "
                              "August 2027", user="U1")
    assert "Clarification received on Wed 12 Apr 2028" in turn.text() and "due Mon 15 May 2028" in turn.text()
    assert turn.question.field == "request_summary"  # the questions resume where they left off
    case = register.require(ref)
    assert (case.status, case.clarified_on, case.due, case.received) == (
        "drafting", date(2028, 4, 12), date(2028, 5, 15), date(2028, 4, 5))
    for line in ["the stabbing on the High Street on 3 August 2027", "yes", "all", "the incident log summary"]:
        turn = engine.reply(conv, line)
    turn = engine.reply(conv, "")
    draft = turn.draft
    assert draft is not None and draft.due.due == date(2028, 5, 15)
    text = draft.text()
    assert "Thank you for your request of 5 April 2028, which you clarified on 12 April 2028, for the stabbing" in text
    order = [text.find(s) for s in ("the incident in the town centre last summer", "Your clarification of 12 April "
                                    "2028:", "I mean the stabbing on the High Street")]
    assert -1 not in order and order == sorted(order), text
    assert draft.checks.ok, draft.checks.summary()
    history = " | ".join(e["text"] for e in engine.history(conv).entries)
    assert "awaiting clarification on Fri 7 Apr 2028 (stopped until the clarification arrives)" in history
    assert "restarted by the clarification received 2028-04-12); due Mon 15 May 2028" in history


def test_the_reply_pasted_with_no_case_open_goes_to_its_case_and_a_second_clarification(rt):
    engine = rt.engine
    conv, _ = _asked(rt)
    engine.reply(conv, "")
    engine.reply(conv, "")
    engine.mark_sent(conv)
    _today(engine, date(2028, 4, 13))
    turn = engine.start(REPLY, surface="console")  # pasted as a new request: it is her reply
    assert turn.conversation_id == conv
    assert "Clarification received on Wed 12 Apr 2028" in turn.text()  # dated by its own header
    assert engine.cases.register.require(engine.answer(conv, "reference")).clarified_on == date(2028, 4, 12)
    turn = engine.reply(conv, "clarify the time of day and whether she means the victim or the suspect")
    assert turn.question.field == "clarification.points"
    engine.reply(conv, "")
    draft = engine.reply(conv, "").draft
    text = draft.text()
    assert "we need a little more detail" in text and "Your clarification of 12 April 2028:" in text
    assert draft.checks.ok, draft.checks.summary()
    engine.mark_sent(conv)
    assert engine.cases.register.require(engine.answer(conv, "reference")).status == "awaiting_clarification"


def test_a_case_never_clarified_stays_awaiting(rt):
    engine = rt.engine
    conv, _ = _asked(rt)
    engine.reply(conv, "")
    engine.reply(conv, "")
    engine.mark_sent(conv)
    _today(engine, date(2028, 7, 20))
    assert "awaiting" in engine.reply(conv, "ok").text()
    assert engine.cases.register.require(engine.answer(conv, "reference")).status == "awaiting_clarification"
    assert "awaiting the requester's clarification" in engine.current_question(conv).text()


def test_eir_letter_cites_regulation_9_by_address(rt):
    _as_example_body(rt)
    engine = rt.engine
    conv, _ = _asked(rt)
    engine.reply(conv, "")
    engine.reply(conv, "")
    answers = {**engine.answers(conv), "regime": "eir"}
    draft = engine.draft_answers(REQUEST.split("\n\n", 1)[1], answers)
    text = draft.text()
    assert_signable(rt, draft, ["Your request for environmental information: we need more detail".upper(),
                                "Environmental Information Regulations 2004",
                                "regulation 9(2) of the Environmental Information Regulations 2004 "
                                "(www.legislation.gov.uk/uksi/2004/3391/regulation/9)", "regulation 11",
                                "within 20 working days of that day"], NEVER + ["section 1(3)"], _body(text, REQUEST))


def test_foisa_letter(scottish):
    _as_example_body(scottish)
    engine = scottish.engine
    _today(engine, date(2025, 3, 3))
    request = REQUEST.replace("05 April 2028", "28 February 2025")
    conv = engine.start(request).conversation_id
    engine.reply(conv, "clarify which incident they mean")
    engine.reply(conv, "")
    draft = engine.reply(conv, "").draft
    text = draft.text()
    # No decision is notified yet, so no s19 particulars (a review under s20 within 40 working days) are asked of it,
    # in the draft or in the exported text.
    from foibot.letter.checks import check

    assert draft.checks.kind == "clarification" and draft.checks.ids() == [], draft.checks.summary()
    assert check(text, scottish.kb, letter_date=draft.letter_date).ids() == []
    must = ["section 1(3) of the Freedom of Information (Scotland) Act 2002", "  - which incident you mean",
            "section 20 of the Act", "Scottish Information Commissioner", "within 20 working days of that day",
            "On behalf of Example Body"]
    assert [m for m in must if m not in text] == [], text
    body = _body(text, request)
    assert [m for m in [*NEVER, "Information Commissioner (https://ico", "Freedom of Information Act 2000"]
            if m in body] == [], text
    assert "{{" not in text and "{%" not in text and "HMICFRS" not in text and not draft.late


def test_reading_the_officers_words():
    assert split_points("- which incident\n- when it happened") == ["which incident", "when it happened"]
    assert reply_of("they've clarified: the one in May", today=date(2028, 4, 13)) == (date(2028, 4, 13),
                                                                                     "the one in May")
    assert reply_of("hello", today=date(2028, 4, 13)) is None


def test_console_clarify_sent_and_reply_pasted_back(rt, tmp_path):
    engine = rt.engine
    _today(engine, date(2028, 4, 7))
    out: list[str] = []
    lines = iter([*REQUEST.splitlines(), ".", "help", ASKED, "", ADVICE, "approve", "sent", "y"])
    Console(engine, read=lambda prompt: next(lines, None), write=out.append, out_dir=tmp_path).run()
    text = "\n".join(out)
    assert "- clarify (or: we need to ask them to clarify …)" in text  # help lists it
    assert "Here is the letter asking for clarification" in text
    assert "marked as sent on Fri 7 Apr 2028" in text and "is now awaiting clarification" in text
    assert "internal review until" not in text
    _today(engine, date(2028, 4, 13))
    out.clear()
    lines = iter(["n", *REPLY.splitlines(), ".", "status", "quit"])
    Console(engine, read=lambda prompt: next(lines, None), write=out.append, out_dir=tmp_path).run()
    text = "\n".join(out)
    assert "Clarification received on Wed 12 Apr 2028" in text and "due Mon 15 May 2028" in text
    assert "In a few words, what was the request about?" in text


def _said(message) -> str:
    """A Slack message's words: its text and its sections'."""
    return " ".join([message.get("text") or "", *(b["text"]["text"] for b in message.get("blocks") or []
                                                   if b.get("type") == "section" and isinstance(b.get("text"), dict))])


def test_slack_thread_clarify_mark_sent_and_the_reply_pasted_in_the_thread(rig):
    """The same engine in a Slack thread: the clarification questions and letter, Mark sent (the case waits, the
    thread stays open), and the requester's reply typed in the thread restarting the clock."""
    from slackrig import CHANNEL

    seed = (__import__("pathlib").Path(__file__).parent / "fixtures" / "seed-request.txt").read_text()
    ts = rig.paste(seed)
    rig.question(ts, "request_summary", timeout=30)
    rig.reply(ts, "we need to ask them to clarify which forces they mean - can you draft a clarification letter?")
    rig.question(ts, "clarification.points", timeout=30)
    rig.reply(ts, "which forces you mean\nwhich years")
    rig.question(ts, "clarification.advice", timeout=30)
    rig.reply(ts, "none")
    posts = rig.draft_posts(ts, timeout=30)
    letter = "\n".join(b["text"]["text"] for m in posts for b in m["blocks"] if b.get("type") == "section")
    assert "which forces you mean" in letter and "section 1(3)" in letter and "exempt" not in letter
    rig.click(posts[-1], "draft_sent", thread_ts=ts)
    conv = rig.ctx.conversation_in(CHANNEL, ts)["id"]
    ref = rig.rt.engine.answer(conv, "reference")
    rig.fake.wait_for(lambda: any("is now awaiting clarification" in _said(m) for m in rig.bot_posts(ts)), 30)
    assert rig.rt.engine.cases.register.require(ref).status == "awaiting_clarification"
    rig.reply(ts, "they've clarified: the 14 forces in your spotlight report, for 2018 and 2019")
    said = rig.fake.wait_for(lambda: next((_said(m) for m in rig.bot_posts(ts) if "Clarification received on"
                                           in _said(m)), None), 30)
    assert "a new 20 working days runs" in said
    assert rig.rt.engine.cases.register.require(ref).status == "drafting"
