"""What the fifth new-user tryout found in how replies are read and the chat flows: a lone "." taken as Enter at a
question whose default cites exemptions, typed citations and purposes dropped without a word, a one-part request
that could not be split, notes and yes/no replies stored as withheld information, 'sent' and 'approve' that did not
ask about what the letter lists, its date and its check, named days only in the chat, a preview saved as Draft 1,
a section 36 hint at section 31, and no way to start the questions again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from stepping import reply_until

from foibot.surfaces.cli import main
from foibot.surfaces.console import Console, format_question
from foibot.surfaces.foi_command import deadline as foi_deadline

ROOT = Path(__file__).resolve().parent.parent

FIRE = ("From: Compliance Team <foi.requests@brightline-safety.co.uk>\nSent: 18 December 2026 23:10\n"
        "Subject: FOI - fire safety inspections\n\nGood morning,\n\nBrightline Safety Ltd makes this request under "
        "the Freedom of Information Act 2000.\n\nPlease provide a list of every premises in Westmoor which received "
        "an enforcement notice in 2025 and 2026, with the date of the notice and the deficiencies found.\n\n"
        "Please also provide your fire risk audit programme for 2027 listing which premises you intend to audit.\n\n"
        "Regards,\nCompliance Team\nBrightline Safety Ltd")
PLAIN = ("From: Jo Kemp <jo@example.org>\nDate: 18 December 2026\n\nPlease send me the number of fire and rescue "
         "services you rated inadequate for protection in 2025.")


@pytest.fixture
def today(engine):
    engine.today = lambda: date(2026, 12, 21)
    return engine


def to(engine, request: str, *replies: str) -> str:
    conv = engine.start(request, user="U1").conversation_id
    for reply in replies:
        engine.reply(conv, reply)
    return conv


def at_exemptions(engine, request: str = FIRE, held: str = "yes") -> str:
    conv = to(engine, request, "fire safety notices")
    if engine.current_question(conv).question.field == "topic":
        engine.reply(conv, "none")
    engine.reply(conv, held)
    if held in ("yes", "partly"):
        engine.reply(conv, "partial")
        engine.reply(conv, "the list of premises without the audit programme")
        engine.reply(conv, "premises.xlsx")
    assert engine.current_question(conv).question.field == "exemptions"
    return conv


def run_console(engine, tmp_path, lines: list[str]) -> str:
    feed = iter(lines)
    out: list[str] = []

    def read(prompt: str) -> str | None:
        if len(prompt.strip()) > 2:  # a y/N question is put as the prompt
            out.append(prompt)
        return next(feed, None)

    assert Console(engine, read=read, write=out.append, out_dir=tmp_path).run() == 0
    return "\n".join(out)


# --- 1. "." is never Enter where Enter adds exemptions; the attachments question says how to give several -----


def test_a_lone_full_stop_at_the_exemptions_question_with_a_default_is_asked_back_not_taken_as_enter(today):
    conv = at_exemptions(today)
    asked = today.current_question(conv).question
    assert asked.default, "this request should have an Enter default citing exemptions"
    turn = today.reply(conv, ".")
    assert turn.question.field == "exemptions" and "Noted" not in turn.text()
    assert "'.'" in turn.text() and "Enter" in turn.text()
    assert not today.answers(conv).get("exemptions")
    turn = today.reply(conv, "")  # Enter itself still takes the default
    assert "Noted. exemptions:" in turn.text() and today.answers(conv)["exemptions"]


def test_the_attachments_question_says_how_to_give_several_files_and_reads_them(today):
    conv = to(today, PLAIN, "fire services rated inadequate", "none", "yes", "full", "Four services.")
    question = today.current_question(conv).question
    assert question.field == "attachments"
    assert "One per line" not in question.prompt and "';'" in format_question(question)
    turn = today.reply(conv, "Annex A - ratings.xlsx; Annex B - letter to services.pdf")
    assert today.answers(conv)["attachments"] == ["Annex A - ratings.xlsx", "Annex B - letter to services.pdf"]
    assert "Noted." in turn.text()


# --- 2. typed citations and purposes are never dropped without a word ------------------------------------------


def test_an_ncnd_provision_typed_with_information_held_is_named_and_the_rest_kept_only_on_a_yes(today):
    conv = at_exemptions(today)
    turn = today.reply(conv, "s40(2), s31(1)(g) and s31(3) for the audit programme")
    said = turn.text()
    assert "s31(3)" in said and "neither confirm nor deny" in said and "s40(2), s31(1)(g)" in said
    assert turn.question.field == "exemptions" and not today.answers(conv).get("exemptions")
    turn = today.reply(conv, "yes")
    assert "Noted. exemptions: s40(2), s31(1)(g)" in turn.text()
    assert today.answers(conv)["exemptions"] == ["s40(2)", "s31(1)(g)"]


def test_only_an_ncnd_provision_typed_with_information_held_is_asked_back(today):
    conv = at_exemptions(today)
    turn = today.reply(conv, "s31(3)")
    assert "s31(3)" in turn.text() and "neither confirm nor deny" in turn.text()
    assert turn.question.field == "exemptions" and not today.answers(conv).get("exemptions")


def test_an_ncnd_provision_is_still_taken_when_we_neither_confirm_nor_deny(today):
    conv = at_exemptions(today, held="ncnd")
    turn = today.reply(conv, "s31(3)")
    assert "Noted. exemptions:" in turn.text() and today.answers(conv)["exemptions"]


def test_two_purposes_at_the_section_31_purpose_question_are_asked_which_one(today):
    conv = at_exemptions(today)
    turn = today.reply(conv, "s31(1)(g)")
    turn = reply_until(today, conv, turn, "s31.purpose")
    turn = today.reply(conv, "31(2)(a) and (c)")
    assert turn.question.field == "s31.purpose" and "Noted" not in turn.text()
    assert "(2)(a)" in turn.text() and "(2)(c)" in turn.text() and "one" in turn.text()
    assert not (today.answers(conv).get("s31") or {}).get("purpose")
    today.reply(conv, "31(2)(c)")
    assert today.answers(conv)["s31"]["purpose"] == "2(c)"


# --- 3. split works on a one-part request; "each part differently" is part by part ------------------------------


def test_split_cuts_a_one_part_request_in_two_and_the_parts_question_follows(today):
    conv = to(today, FIRE, "fire safety notices", "none")
    turn = today.reply(conv, "split 1 after 'deficiencies found.'")
    assert "no parts to merge or split" not in turn.text()
    assert "1. " in turn.text() and "2. Please also provide your fire risk audit programme" in turn.text()
    assert turn.question.field == "answer_by_part"
    turn = today.reply(conv, "each part differently")
    assert today.answers(conv)["answer_by_part"] == "each"
    assert [p["text"][:30] for p in today.answers(conv)["parts"]][1].startswith("Please also provide")


# --- 4. a note or a yes/no answer is never stored as the withheld information -----------------------------------


@pytest.mark.parametrize("reply", ["same as above", "yes, they objected in writing on 16 December",
                                   "Yes - they objected in writing"])
def test_a_note_or_a_yes_no_reply_to_what_an_exemption_covers_is_asked_back(today, reply):
    conv = at_exemptions(today)
    turn = today.reply(conv, "s43(2)")
    turn = reply_until(today, conv, turn, "s43.withheld")
    turn = today.reply(conv, reply)
    assert turn.question.field == "s43.withheld" and "Noted" not in turn.text()
    assert not (today.answers(conv).get("s43") or {}).get("withheld")


def test_a_sentence_for_what_an_exemption_covers_is_still_stored(today):
    conv = at_exemptions(today)
    turn = today.reply(conv, "s43(2)")
    turn = reply_until(today, conv, turn, "s43.withheld")
    today.reply(conv, "the contractor's prices per audit")
    assert today.answers(conv)["s43"]["withheld"] == "the contractor's prices per audit"


# --- 5 and 6. 'sent' asks about unchecked attachments and a letter dated ahead; 'approve' about findings ---------


def console_case(today, tmp_path, *more: str) -> str:
    return run_console(today, tmp_path, [*PLAIN.splitlines(), ".", "fire services rated inadequate", "none", "yes",
                                         "full", "Four services were rated inadequate.",
                                         "Annex A - ratings.xlsx", *more, "quit"])


def test_sent_names_a_listed_attachment_never_checked_and_asks_first(today, tmp_path):
    text = console_case(today, tmp_path, "approve", "sent", "n", "new")
    assert "the letter lists Annex A - ratings.xlsx, which was never release-checked" in text
    assert "Not marked sent." in text and "marked as sent" not in text
    ref = today.store.db.execute("select ref from cases").fetchone()[0]
    assert today.cases.register.require(ref).status != "sent"
    text = console_case(today, tmp_path / "x", "approve", "sent", "y")
    assert "marked as sent" in text


def test_sent_of_a_letter_dated_after_today_asks_first_and_the_history_says_it_in_words(today, tmp_path):
    (tmp_path / "a").mkdir()
    text = console_case(today, tmp_path / "a", "change the letter date to 23/12/26", "approve", "sent", "n", "new")
    assert "Wed 23 Dec 2026" in text and "marked as sent" not in text
    (tmp_path / "b").mkdir()
    text = console_case(today, tmp_path / "b", "change the letter date to 23/12/26", "approve", "sent", "y")
    assert "marked as sent" in text
    ref = today.store.db.execute("select ref from cases order by rowid desc").fetchone()[0]
    lines = [e["text"] for e in today.history(ref).entries]
    sent = next(line for line in lines if "status" in line and "sent" in line)
    assert "letter_date=" not in sent and "warnings=" not in sent and "2026-12-23" not in sent
    assert "Wed 23 Dec 2026" in sent


def test_approve_of_a_draft_with_check_findings_warns_and_names_them(today, tmp_path):
    text = run_console(today, tmp_path, [*PLAIN.splitlines(), ".", "fire services rated inadequate", "show draft",
                                         "approve", "quit"])
    assert "approved by" in text
    warning = text[text.index("approved by"):]
    assert "statutory check has" in warning and "finding(s)" in warning and "- [" in warning


# --- 7. named days on every surface ------------------------------------------------------------------------------


def test_foi_deadline_reads_named_days_as_the_chat_does(today):
    today.today = lambda: date(2027, 1, 5)
    said = foi_deadline(today, ["Christmas", "Eve"])
    assert "Received: Thu 24 Dec 2026" in said and "27 Jan 2027" in said
    assert "Received: Sat 26 Dec 2026" in foi_deadline(today, ["boxing", "day"])


def test_cli_deadline_reads_named_days(capsys, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2027-01-05")
    assert main(["deadline", "Christmas Eve"]) == 0
    out = capsys.readouterr().out
    assert "Received: Thu 24 Dec 2026" in out and "27 Jan 2027" in out


# --- 8. a preview before any answer is no numbered version; the s36 hint only at s36 --------------------------


def test_show_draft_before_any_answer_is_a_preview_not_draft_1(today):
    conv = today.start(PLAIN, user="U1").conversation_id
    turn = today.reply(conv, "show draft")
    assert turn.draft is not None and "preview" in turn.text().lower()
    assert today.latest_version(conv) is None
    today.reply(conv, "fire services rated inadequate")
    turn = today.reply(conv, "show draft")
    assert "Draft 1" in turn.text() and today.latest_version(conv) == 1


def test_the_likelihood_hint_names_section_36_only_for_section_36(today):
    conv = at_exemptions(today)
    turn = today.reply(conv, "s31(1)(g)")
    turn = reply_until(today, conv, turn, "s31.likelihood")
    assert "section 36" not in turn.question.help and "Would" in turn.question.help


# --- 9. start again ------------------------------------------------------------------------------------------------


def test_start_again_clears_the_officers_answers_and_keeps_the_case(today):
    conv = to(today, PLAIN, "fire services rated inadequate", "none", "no")
    reference = today.answers(conv)["reference"]
    turn = today.reply(conv, "start again")
    assert turn.question.field == "request_summary"
    answers = today.answers(conv)
    assert answers["reference"] == reference and answers["requester_name"] == "Jo Kemp"
    assert answers["received"] == "2026-12-18"
    assert "held" not in answers and "request_summary" not in answers
    assert "start again" not in str(answers)
    help_text = today.reply(conv, "help").text()
    assert "restart" in help_text


def test_sent_of_a_draft_the_check_still_faults_asks_first(today, tmp_path):
    """Tryout 6: a letter with '[to be completed: …]' was marked sent without a question; now 'sent' names the
    check's findings and asks, as it does for unchecked files."""
    text = run_console(today, tmp_path, [*PLAIN.splitlines(), ".", "fire services rated inadequate", "none", "yes",
                                         "none", "s31(1)(g)", "skip", "skip", "skip", "skip", "skip", "skip",
                                         "skip", "skip", "show draft", "approve", "sent", "n", "quit"])
    assert "the statutory check still has" in text and "Mark it sent anyway? (y/N)" in text
    assert "Not marked sent." in text and "marked as sent" not in text


@pytest.mark.parametrize("reply", ["yes", "yep", "yes please"])
def test_yes_at_the_attachments_question_asks_for_the_names_never_a_file_called_yes(today, reply):
    """Tryout 6: 'yes' at 'Are any files going with the letter?' became an attachment called 'yes'."""
    conv = today.start(PLAIN).conversation_id
    for answer in ("fire services rated inadequate", "none", "yes", "full", "Four services were rated inadequate."):
        turn = today.reply(conv, answer)
    assert turn.question.field == "attachments"
    turn = today.reply(conv, reply)
    assert turn.question.field == "attachments" and "give each file's name" in turn.text()
    assert not today.answers(conv).get("attachments")
    today.reply(conv, "Annex A - ratings.xlsx; map.pdf")
    assert today.answers(conv)["attachments"] == ["Annex A - ratings.xlsx", "map.pdf"]
