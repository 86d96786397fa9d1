"""This round's changes tried in Slack threads through the fake Slack, as FOI teams would use them: longer
suggestion reasons, a Scottish authority's s12 in days, s14(2) and s36(1), corrections typed in passing, words
for picks, questions back, and a retried event. Each test pins what is posted (text, blocks, files, ephemeral or
in the thread) and what is not.

The probe fixed three defects in the Slack wording and blocks (public interest factors never listed in the thread,
so "1 and 3" was typed blind and there was nothing to press; button, menu and form words cut mid-word; FOISA
suggestions naming "foisa-s12"). The six defects it found in the engine (first pinned as strict xfails) are fixed:
"no objection" at a confirmation, a breakdown at the pounds question, a question back at a text question, "it came
in on the 16th" typed at a text or a choice question, and the check line naming "foisa-s14"."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import slackrig
from fakeslack.payloads import message_event
from profiles import copy_profile
from slackrig import CHANNEL, OFFICER, SlackRig
from test_slack_probe2 import CONTRACT, SICKNESS, posts_after, quiet, shown

HINT = "context: Or reply in this thread. Say *help* for what else you can say."
UK_ONLY = ("Freedom of Information Act 2000", "Environmental Information Regulations 2004", "ico.org.uk",
           "section 50", "Information Commissioner under")
DAMP = ("From: Morag Sinclair <morag@example.org>\nDate: 10 February 2025\n\nUnder the Freedom of Information "
        "(Scotland) Act 2002, please send me every email your housing officers sent about damp in council flats "
        "since 2015.")
NO_DATE = "Please provide the number of police officers on long-term sick leave in 2018, by rank. Regards, Sam Lee"


# --- the rig, and what is posted ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scot_data(tmp_path_factory) -> Path:
    """A Scottish council's profile (regime foisa): one copy per module, so its knowledge loads once."""
    return copy_profile(tmp_path_factory.mktemp("scot") / "data", regime="foisa", type="council")


@pytest.fixture
def scot(scot_data, tmp_path, monkeypatch):
    """The real app on the Scottish profile, connected to a fresh fake Slack with a fresh database."""
    from fakeslack import FakeSlack

    monkeypatch.setattr(slackrig, "ROOT", scot_data)
    with FakeSlack() as fake:
        started = SlackRig(fake, tmp_path / "foibot.sqlite", today=date(2025, 3, 3)).start()
        yield started
        started.stop()
        assert not fake.errors


def fits(message: dict[str, Any]) -> None:
    """Slack's limits on one message: 50 blocks, 3,000 characters a section, 75 an option or button, 150 a
    header; and no word cut (a clipped label ends at a word, with "…")."""
    blocks = message.get("blocks") or []
    assert len(blocks) <= 50
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        for element in block.get("elements") or []:
            texts = [o["text"]["text"] for o in element.get("options") or []]
            if element.get("type") == "button":
                texts.append(element["text"]["text"])
            for text in texts:
                assert len(text) <= 75, text
                if "…" in text:
                    assert text.split("…")[0][-1].isalnum() and text.rstrip(")").endswith("…"), text


def say(rig: SlackRig, ts: str, text: str, *, retry: bool = True) -> list[dict[str, Any]]:
    """Type a reply in the thread; return what the bot posted. Then Slack delivers the same event again (same
    event id, retry 1): nothing more is posted, nothing is said privately."""
    before = quiet(rig, ts)
    event_id = f"Ev{rig.fake.new_ts().replace('.', '')}"
    posted, envelope = rig.fake.post_user_message(CHANNEL, OFFICER, text, thread_ts=ts, event_id=event_id)
    rig.fake.wait_ack(envelope)
    new = posts_after(rig, ts, before)
    for message in new:
        fits(message)
    if retry:
        after, ephemerals = quiet(rig, ts), len(rig.fake.ephemerals)
        again = rig.fake.push("events_api", message_event(CHANNEL, OFFICER, text, posted, ts, event_id),
                              retry_attempt=1, retry_reason="timeout")
        rig.fake.wait_ack(again)
        assert quiet(rig, ts) == after and len(rig.fake.ephemerals) == ephemerals
    return new


def press(rig: SlackRig, ts: str, action_id: str, *, value_of: Any = None,
          selected: list[str] | None = None) -> list[dict[str, Any]]:
    """Press a button (or pick in a menu) on the bot's last message that has it; return what was posted."""
    before = quiet(rig, ts)
    message = [m for m in rig.bot_posts(ts) if any(e.get("action_id") == action_id for b in m.get("blocks") or []
                                                   for e in b.get("elements") or [])][-1]
    rig.click(message, action_id, value_of=value_of, thread_ts=ts, selected=selected)
    new = posts_after(rig, ts, before)
    for message in new:
        fits(message)
    return new


def conv_of(rig: SlackRig, ts: str) -> str:
    return rig.ctx.conversation_in(CHANNEL, ts)["id"]


def answers(rig: SlackRig, ts: str) -> dict[str, Any]:
    return rig.rt.engine.answers(conv_of(rig, ts))


def asking(rig: SlackRig, ts: str) -> str:
    return rig.rt.store.conversation(conv_of(rig, ts))["state"]["asking"]


def question(block_lines: list[str]) -> str:
    return next(line for line in block_lines if line.startswith("section: *"))


def docx_text(rig: SlackRig, ts: str) -> str:
    [shared] = [f for f in rig.fake.files.values() if f.thread_ts == ts]
    with zipfile.ZipFile(io.BytesIO(shared.data)) as docx:
        return docx.read("word/document.xml").decode("utf-8")


def to_exemptions_scot(rig: SlackRig) -> str:
    ts = rig.paste(DAMP)
    rig.question(ts, "request_summary", timeout=20)
    for text in ("damp emails", "yes", "none"):
        say(rig, ts, text, retry=False)
    rig.question(ts, "exemptions")
    return ts


def draft_of(new: list[dict[str, Any]]) -> str:
    return "\n".join(line for m in new for line in shown(m))


# --- 1. suggestions with longer reasons ---------------------------------------------------------------------


@pytest.mark.parametrize("request_text", [SICKNESS, CONTRACT])
def test_suggestions_with_long_reasons_fit_slack_and_are_never_cut(rig, request_text):
    ts = rig.paste(request_text)
    first = rig.question(ts, "request_summary", timeout=20)
    assert len(rig.bot_posts(ts)) == 1 and not rig.fake.ephemerals
    fits(first)
    lines = shown(first)
    assert lines[1:] == ["section: *In a few words, what was the request about?*",
                         'context: This completes the opening sentence, for example "ask for further information '
                         'about IT monitoring".', "actions: Answer in a form | Skip", HINT]
    matched = lines[0].removeprefix("section: ").split("\n")
    suggestions = [line for line in matched if line.startswith("- s")]
    assert len(suggestions) == 4 and matched[1] == "Exemptions that may apply:"
    for line in suggestions:  # each whole: brackets closed, ends where its reasons end
        assert line.count("(") == line.count(")") and line.endswith(")"), line
        assert "(cited in about " in line and "inspectorate answers (prior from 835 answered requests)" in line
    assert any("a model of the 835 answered requests estimates that requests with a similar meaning cite it about "
               in line and "% of the time (an estimate, not a count)" in line for line in suggestions)
    assert any("of the 10 most similar answered requests (" in line for line in suggestions)
    assert matched[-1].startswith("From the email: received Tue 1 Oct 2019")


def test_a_scottish_authoritys_suggestions_name_sections_as_officers_type_them(scot):
    ts = scot.paste(DAMP)
    first = scot.question(ts, "request_summary", timeout=20)
    fits(first)
    matched = shown(first)[0].removeprefix("section: ").split("\n")
    suggestions = [line for line in matched if line.startswith("- ")]
    assert suggestions[0].startswith("- s12 Excessive cost of compliance (cited in about ")
    assert "counterpart of FOIA s12" not in suggestions[0]  # the same number in both Acts: nothing to explain
    assert any("the counterpart of FOIA" in line for line in suggestions[1:])  # a different number is explained
    assert not [line for line in matched if "foisa-" in line]


# --- 2. a Scottish authority: s12 in days, s14(2), s36(1) -----------------------------------------------------

CONFIRM = ["section: *Did you mean 45 hours (6 working days of 7.5 hours)? (yes or no)*", "actions: Yes | No | Skip",
           HINT]
COST_Q = ("section: *If you estimated in pounds, what is the total (staff time at no more than £15 an hour)?  "
          "_(section 12(1))_*")


@pytest.mark.parametrize("confirm", ["button", "typed yes", "no objection"])
def test_scottish_cost_refusal_in_days_is_confirmed_in_hours_and_drafted_under_foisa(scot, confirm):
    ts = to_exemptions_scot(scot)
    assert shown(say(scot, ts, "s12")[0])[:2] == ["section: Noted. exemptions: s12",
                                                  "section: *Roughly how many hours of staff time would it take to "
                                                  "answer the request in full?  _(section 12(1))_*"]
    assert [shown(m) for m in say(scot, ts, "about 6 days")] == [CONFIRM]
    assert "hours" not in answers(scot, ts)["foisa-s12"]
    new = press(scot, ts, "answer:0", value_of="yes") if confirm == "button" else say(
        scot, ts, confirm.removeprefix("typed "))
    assert len(new) == 1 and shown(new[0])[:2] == ["section: Noted. section 12 hours: 45", COST_Q]
    assert answers(scot, ts)["foisa-s12"]["hours"] == 45
    say(scot, ts, "skip")
    say(scot, ts, "Searching 30 mailboxes (20 hours) and reading each email (25 hours).")
    new = say(scot, ts, "They could limit it to one estate and one year.")
    scot.draft_posts(ts)
    letter = draft_of(new)
    assert shown(new[0]) == ["section: Noted. section 12 advice: They could limit it to one estate and one year.\n\n"
                             "That is everything I need. Here is the draft."]
    assert "header: Draft 1: FOI 2025-1" in letter
    for words in ("Freedom of Information (Scotland) Act 2002", "about 45 hours of staff time", "£675",
                  "more than the £600 limit", "section 16(4) of the Act", "as section 15 of the Act asks us to",
                  "Scottish Information Commissioner"):
        assert words in letter, words
    assert not [w for w in UK_ONLY if w in letter]
    assert [f.filename for f in scot.fake.files.values() if f.thread_ts == ts] == ["FOI-2025-1-v1.docx"]
    word = docx_text(scot, ts)
    assert "(Scotland) Act 2002" in word and not [w for w in UK_ONLY if w in word]
    assert not scot.fake.ephemerals


def test_scottish_repeated_request_cites_the_earlier_reference(scot):
    ts = to_exemptions_scot(scot)
    new = say(scot, ts, "s14(2)")
    assert [shown(m) for m in new] == [[
        "section: Noted. exemptions: s14(2)",
        "section: *Which earlier request does it repeat, and when did we answer it?  _(section 14(2))_*",
        'context: Give our reference and the date we answered, for example "FOI 2026-114, answered 3 March 2026".',
        "actions: Answer in a form | Skip", HINT]]
    new = say(scot, ts, "FOI 2024-88, answered 3 December 2024")
    scot.draft_posts(ts)
    letter = draft_of(new)
    assert ("Your request is identical or substantially similar to an earlier request from you (FOI 2024-88, "
            "answered 3 December 2024) which we have already complied with") in letter
    assert "under section 14(2) of the Act we are not obliged to comply with it" in letter
    assert "This is notice under section 16(5) of the Act." in letter
    assert not [w for w in UK_ONLY if w in letter] and not [w for w in UK_ONLY if w in docx_text(scot, ts)]


def to_s36_factors(scot: SlackRig) -> str:
    ts = to_exemptions_scot(scot)
    say(scot, ts, "s36(1)")
    new = say(scot, ts, "the advice our solicitors gave us in May 2024 on damp claims")
    assert shown(new[0])[1:4] == [
        "section: *Which kind of privilege applies?  _(section 36(1))_*",
        "actions: Legal advice privilege (between lawyer and client, no proceedings in view) | Litigation privilege "
        "(made for proceedings that are under way or in…) | Skip", HINT]
    press(scot, ts, "answer:0", value_of="advice")
    press(scot, ts, "answer:0", value_of="yes")
    say(scot, ts, "the legal advice")
    say(scot, ts, "It is privileged legal advice about live damp claims.")
    return ts


FOR_FACTORS = ["1. Disclosure would show the legal basis on which we took a decision that affects many people.",
               "2. The matter involves a significant amount of public money, and openness supports scrutiny of how "
               "it is spent.",
               "3. The matter the advice concerns has been settled, which lessens the harm in disclosing it."]


def test_s36_public_interest_factors_are_listed_and_picked_by_menu_then_by_typed_numbers(scot):
    ts = to_s36_factors(scot)
    message = scot.question(ts, "foisa-s36.pit_for")
    assert shown(message)[1:] == [
        "section: *What weighs in favour of disclosure? Pick from the list or add your own.  _(section 36(1))_*\n"
        + "\n".join(FOR_FACTORS),
        "context: There is always a general public interest in openness. Add anything specific to this request; "
        "the requester's identity and motives are irrelevant.",
        "actions: <multi_static_select> | Answer in a form | Skip", HINT]
    menu = next(e for b in message["blocks"] for e in b.get("elements") or [] if e.get("action_id") == "answer_multi")
    assert menu["placeholder"]["text"] == "Pick from the list…"
    assert [o["text"]["text"] for o in menu["options"]] == [
        "1. Disclosure would show the legal basis on which we took a decision that…",
        "2. The matter involves a significant amount of public money, and openness…",
        "3. The matter the advice concerns has been settled, which lessens the…"]
    new = press(scot, ts, "answer_multi", selected=["for-accountability", "for-settled"])
    assert len(new) == 1 and shown(new[0])[1].startswith("section: *What weighs in favour of keeping the exemption?")
    assert shown(new[0])[0].startswith("section: Noted. section 36 public interest for: Disclosure would show")
    assert answers(scot, ts)["foisa-s36"]["pit_for"] == ["for-accountability", "for-settled"]
    new = say(scot, ts, "1 and 3")
    assert len(new) == 1
    assert question(shown(new[0])) == "section: *Where does the balance lie, and why?  _(section 36(1))_*"
    assert answers(scot, ts)["foisa-s36"]["pit_against"] == ["against-confidential-advice", "against-live-matter"]
    new = say(scot, ts, "skip")
    scot.draft_posts(ts)
    letter = draft_of(new)
    assert "section 36(1)" in letter and "legal basis on which we took a decision" in letter
    assert "still relevant to a live matter" in letter and "candid legal advice" not in letter
    assert not [w for w in UK_ONLY if w in letter] and not [w for w in UK_ONLY if w in docx_text(scot, ts)]


def test_the_factor_form_numbers_each_factor_and_shows_the_rest_below_it(scot):
    from foibot.surfaces.slack.blocks import answer_modal

    ts = to_s36_factors(scot)
    press(scot, ts, "answer_multi", selected=["for-accountability"])
    q = scot.rt.engine.question_for(conv_of(scot, ts), "foisa-s36.pit_against")
    view = answer_modal(conv_of(scot, ts), q, CHANNEL, ts, scot.ctx.poster.labels).to_dict()
    bank = next(b for b in view["blocks"] if b.get("block_id") == "bank")["element"]["options"]
    assert bank[0]["text"]["text"] == "1. There is a strong, long-recognised public interest in keeping…"
    assert bank[0]["description"]["text"] == ("…communications between lawyers and their clients confidential, so "
                                              "that…")
    assert all(len(o["text"]["text"]) <= 75 and len(o.get("description", {}).get("text", "")) <= 75 for o in bank)


# --- 3. corrections typed in passing -------------------------------------------------------------------------


def to_disclosure(rig: SlackRig) -> str:
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    say(rig, ts, "sickness absence figures", retry=False)
    say(rig, ts, "yes", retry=False)
    rig.question(ts, "disclosure")
    return ts


NOT_HELD_Q = ["section: *What don't we hold, and who might hold it?*",
              "context: Say briefly why we do not hold it and, as the duty to advise and assist asks, where the "
              "requester could try instead (another public authority that may hold it).",
              "actions: Answer in a form | Skip", HINT]


def test_actually_not_held_then_date_the_letter_typed_at_later_questions(rig):
    ts = to_disclosure(rig)
    assert [shown(m) for m in say(rig, ts, "actually not held")] == [["section: Noted. held: No, we do not hold it",
                                                                       *NOT_HELD_Q]]
    assert answers(rig, ts)["held"] == "no" and "disclosure" not in answers(rig, ts)
    assert [shown(m) for m in say(rig, ts, "date the letter the 1st of next month")] == [
        ["section: Noted. letter date: Fri 1 Nov 2019", *NOT_HELD_Q]]
    assert answers(rig, ts)["letter_date"] == "2019-11-01" and asking(rig, ts) == "not_held_detail"
    assert not rig.fake.ephemerals and not rig.fake.files


def test_came_in_on_the_16th_typed_at_a_text_question_corrects_the_received_date(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    new = say(rig, ts, "sorry - it came in on the 16th")
    assert len(new) == 1 and shown(new[0])[0] == "section: Noted. received: Wed 16 Oct 2019"
    assert question(shown(new[0])) == "section: *In a few words, what was the request about?*"
    assert answers(rig, ts)["received"] == "2019-10-16" and "request_summary" not in answers(rig, ts)


def test_came_in_on_the_16th_typed_at_a_choice_question_corrects_the_received_date(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    say(rig, ts, "sickness absence figures", retry=False)
    new = say(rig, ts, "sorry - it came in on the 16th")
    assert shown(new[0])[0] == "section: Noted. received: Wed 16 Oct 2019"
    assert answers(rig, ts)["received"] == "2019-10-16"


def test_a_week_on_tuesday_for_the_received_date_is_read_and_refused_as_in_the_future(rig):
    ts = rig.paste(NO_DATE)
    rig.question(ts, "requester_name", timeout=20)
    say(rig, ts, "Sam Lee", retry=False)
    new = say(rig, ts, "a week on Tuesday")
    assert [shown(m)[0] for m in new] == [
        "section: 5 November 2019 is in the future; a request cannot be received after today."]
    assert question(shown(new[0])) == "section: *When did we receive the request?*"
    assert "received" not in answers(rig, ts) and asking(rig, ts) == "received"


# --- 4. words for picks ----------------------------------------------------------------------------------------


def to_s31_factors(rig: SlackRig) -> str:
    ts = to_disclosure(rig)
    say(rig, ts, "none", retry=False)
    for text in ("s31(1)(a)", "the rota", "It would show where patrols are thin.", "would be likely to"):
        say(rig, ts, text, retry=False)
    rig.question(ts, "s31.pit_for")
    return ts


def test_every_one_bar_the_fourth_and_the_last_two_at_a_listed_factor_bank(rig):
    ts = to_s31_factors(rig)
    listed = shown(rig.question(ts, "s31.pit_for"))[1].split("\n")
    assert [line[:3] for line in listed[1:]] == ["1. ", "2. ", "3. ", "4. ", "5. "]
    options = rig.rt.engine.question_for(conv_of(rig, ts), "s31.pit_for").options
    new = say(rig, ts, "every one bar the fourth")
    assert len(new) == 1 and shown(new[0])[0].startswith("section: Noted. section 31 public interest for: ")
    assert answers(rig, ts)["s31"]["pit_for"] == [o.value for i, o in enumerate(options) if i != 3]
    against = rig.rt.engine.question_for(conv_of(rig, ts), "s31.pit_against").options
    new = say(rig, ts, "the last two")
    assert len(new) == 1 and shown(new[0])[0].startswith("section: Noted. section 31 public interest against: ")
    assert answers(rig, ts)["s31"]["pit_against"] == [o.value for o in against[-2:]]
    assert not rig.fake.ephemerals


# --- 5. a question back, a note ------------------------------------------------------------------------------


def test_a_question_back_and_a_note_at_a_choice_question_store_nothing_and_ask_once_more(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    say(rig, ts, "sickness absence figures", retry=False)
    held = shown(rig.question(ts, "held"))[1:]
    for typed, said in (("is this the Smith one?", "'is this the Smith one?' reads as a question; when you know, "
                                                   "please choose: 1. Yes, we hold it; 2. We hold some of it; 3. No, "
                                                   "we do not hold it; 4. Neither confirm nor deny (or say 'skip' to "
                                                   "come back to it)."),
                        ("I'll check with legal", "'I'll check with legal' reads as a note, not the answer. Give the "
                                                  "answer when you have it, or say 'skip' to come back to it.")):
        new = say(rig, ts, typed)
        assert [shown(m) for m in new] == [[f"section: {said}", *held]]
        assert "held" not in answers(rig, ts) and asking(rig, ts) == "held"
    assert len([m for m in rig.bot_posts(ts) if any(b.get("block_id", "").endswith("|held") and
                                                    b["block_id"].startswith("q|") for b in m["blocks"])]) == 3
    assert not rig.fake.ephemerals


def test_a_question_back_at_a_text_question_stores_nothing(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    new = say(rig, ts, "is this the Smith one?")
    assert "request_summary" not in answers(rig, ts)
    assert shown(new[0])[0].startswith("section: 'is this the Smith one?' reads as a question")


def test_a_scottish_drafts_check_line_names_the_section_as_officers_type_it(scot):
    ts = to_exemptions_scot(scot)
    say(scot, ts, "s14(2)")
    say(scot, ts, "FOI 2024-88, answered 3 December 2024")
    summary = "\n".join(shown(scot.draft_posts(ts)[0]))
    assert "Statutory check passed" in summary and "foisa-" not in summary


def test_a_breakdown_typed_at_the_cost_question_is_not_read_as_pounds(scot):
    ts = to_exemptions_scot(scot)
    say(scot, ts, "s12")
    say(scot, ts, "45 hours")
    say(scot, ts, "Searching 30 mailboxes (20 hours) and reading each email (25 hours).")
    assert "cost" not in answers(scot, ts)["foisa-s12"]


def test_labels_are_clipped_at_a_word_with_brackets_closed():
    from foibot.surfaces.slack.blocks import _clip

    assert _clip("Litigation privilege (made for proceedings that are under way or in prospect)", 75) == (
        "Litigation privilege (made for proceedings that are under way or in…)")
    assert _clip("short", 75) == "short"
    assert len(_clip("x" * 200, 75)) == 74
    assert _clip("a " * 60, 75).count("…") == 1
