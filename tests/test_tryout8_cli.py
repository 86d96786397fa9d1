"""Tryout 8 (#14 and #7): a received date in the future (the chat refuses it; `foibot deadline` plans with it,
as tryout 9 asked), a file the release check cannot read, a courtesy or
'quit' typed at the console's paste prompt, and the one question before 'sent'."""

from __future__ import annotations

import json

import pytest
from test_console_paste import Pasting
from test_release_console import run_console
from test_release_fixtures import clean_workbook_bytes, planted_workbook_bytes, write
from test_release_sent import started

from foibot.release import check_file
from foibot.surfaces.cli import main
from foibot.surfaces.console import Console


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- 1. foibot deadline with a received date after today (tryout 9 #11: an officer plans ahead) -------------

@pytest.mark.parametrize(("said", "day"), [("tomorrow", "Sat 18 Dec 2027"), ("2027-12-20", "Mon 20 Dec 2027"),
                                           ("next Monday", "Mon 20 Dec 2027")])
def test_deadline_gives_a_future_date_its_due_date_with_a_note_first(capsys, monkeypatch, said, day):
    monkeypatch.setenv("FOIBOT_TODAY", "2027-12-17")
    code, out, err = run(capsys, "deadline", said)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == (f"Note: {day} is after today (Fri 17 Dec 2027): this is when it would be due if it "
                        "arrived then.")
    assert lines[1] == f"Received: {day}" and lines[2].startswith("Due: ")


def test_deadline_notes_a_future_clarification_and_says_nothing_of_a_past_date(capsys, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2027-12-17")
    code, out, _ = run(capsys, "deadline", "2027-12-10", "--clarified", "2027-12-20", "--json")
    assert code == 0
    assert json.loads(out)["note"] == ("Mon 20 Dec 2027 is after today (Fri 17 Dec 2027): this is when it would be "
                                       "due if it arrived then.")
    code, out, _ = run(capsys, "deadline", "today")
    assert code == 0 and out.startswith("Received: Fri 17 Dec 2027") and "Note" not in out
    code, out, _ = run(capsys, "deadline", "today", "--json")
    assert "note" not in json.loads(out)


def test_the_chat_words_a_future_received_date_the_same_way(engine, seed_request):
    conv = engine.start(seed_request).conversation_id
    said = engine.reply(conv, "change received to 2030-01-20").text()
    assert "20 January 2030 is in the future; a request cannot be received after today." in said


# --- 2. release-check of a file it cannot read --------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "says"), [
    ("passwd", b"root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
     "Plain text with no extension"),
    ("notes.md", b"# Notes\nNothing to see.\n", "Plain text named .md"),
    ("blob", bytes(range(256)) * 4, "Binary data"),
    ("empty", b"", "Empty file (0 bytes)"),
])
def test_a_file_the_check_cannot_read_is_never_green(capsys, tmp_path, name, data, says):
    path = write(tmp_path, name, data)
    code, out, err = run(capsys, "release-check", path)
    assert code == (1 if name == "empty" else 3) and err == "" and "Traceback" not in out  # 3: not checked
    assert out.startswith(f"{name}: AMBER") and "GREEN" not in out and "could not be fully inspected" in out
    [line] = [ln for ln in out.splitlines() if says in ln]  # what it is, and that it was not checked
    assert "check" in line.split(says, 1)[1]


def test_text_the_check_reads_stays_as_it_was(capsys, tmp_path):
    for name, data in (("notes.txt", b"The minutes are attached.\n"), ("counts.csv", b"Area,Count\nNorth,120\n")):
        code, out, _ = run(capsys, "release-check", write(tmp_path, name, data))
        assert code == 0 and out.strip() == f"{name}: GREEN — nothing hidden or personal found"


def test_a_folder_is_one_line_from_the_cli_and_not_checked_by_the_engine(capsys, tmp_path):
    code, out, err = run(capsys, "release-check", tmp_path)
    assert code == 3 and out == "" and len(err.strip().splitlines()) == 1 and "is a folder" in err
    report = check_file(tmp_path)
    assert report.overall.value != "green" and not report.inspected and report.ids == {"file.not_checked"}


# --- 3. the console's paste prompt ------------------------------------------------------------------------------

def console(engine, tmp_path, script: list) -> str:
    out: list[str] = []
    keys = Pasting(script, out)
    assert Console(engine, read=keys.read, write=out.append, out_dir=tmp_path, pending=keys.pending).run() == 0
    return "\n".join(out)


def requests(engine) -> list[str]:
    return [r[0] for r in engine.store.db.execute("select request_text from conversations").fetchall()]


def test_piped_thanks_then_quit_opens_no_case(engine, tmp_path):
    text = console(engine, tmp_path, ["thanks", "quit"])  # piped: nothing is ever waiting (no paste seen)
    assert requests(engine) == [] and engine.store.db.execute("select count(*) from cases").fetchone()[0] == 0
    assert engine.replies.render("console-paste-courtesy", said="thanks") in text


@pytest.mark.parametrize("said", ["ok", "hi", "Thanks!", "cheers"])
def test_a_lone_courtesy_is_answered_with_a_hint_and_the_request_after_it_is_read(engine, tmp_path, seed_request,
                                                                               said):
    text = console(engine, tmp_path, [said, *seed_request.splitlines(), ".", "quit"])
    assert engine.replies.render("console-paste-courtesy", said=said) in text
    [request] = requests(engine)
    assert request.strip() == seed_request.strip()


def test_quit_after_unfinished_lines_leaves_and_says_so(engine, tmp_path):
    text = console(engine, tmp_path, ["Please send the parking board minutes for 2026.", "exit"])
    assert requests(engine) == []
    assert engine.replies.render("console-paste-left", lines=1, command="exit") in text


def test_a_greeting_heading_a_real_paste_stays_part_of_it(engine, tmp_path, seed_request):
    console(engine, tmp_path, [["Hi,", *seed_request.splitlines()], ".", "quit"])  # pasted at a terminal
    [request] = requests(engine)
    assert request.startswith("Hi,")


# --- 4. the one question before 'sent' ------------------------------------------------------------------------

def lines_console(engine, tmp_path, lines: list[str]) -> tuple[str, list[str]]:
    """The console's output and the questions it asked before marking sent."""
    out, prompts = run_console(engine, tmp_path, lines)
    return out, [p for p in prompts if p.startswith("Before marking it sent:")]


def test_red_files_checked_for_the_case_hold_sent_though_the_letter_lists_none(engine, tmp_path, seed_request):
    """Wales: two red files checked, the letter lists no attachment: 'sent' went through without a question."""
    one = write(tmp_path, "one.xlsx", planted_workbook_bytes())
    two = write(tmp_path, "two.xlsx", planted_workbook_bytes())
    started(engine, seed_request)
    text, asked = lines_console(engine, tmp_path, ["y", "show draft", f"release-check {one} {two}", "sent",
                                                   "n", "quit"])
    [question] = asked
    assert "\n  - one.xlsx: RED (" in question and "\n  - two.xlsx: RED (" in question
    assert question.count("not listed in the letter") == 2
    assert "marked as sent" not in text and "Not marked sent." in text


def test_one_question_lists_every_reason_each_on_its_own_line(engine, tmp_path, seed_request):
    """Fire: an amber file not in the letter (which lists another) gave a second question after the first, and
    the check's findings were joined as '…section 38.; [reg 14(4)]…'."""
    amber = write(tmp_path, "notes", b"Some notes\n")
    ok = write(tmp_path, "ok.xlsx", clean_workbook_bytes())
    started(engine, seed_request, "Annex A.xlsx")  # listed, never checked
    text, asked = lines_console(engine, tmp_path, ["y", "show draft", f"release-check {amber} {ok}", "sent", "y",
                                                   "quit"])
    [question] = asked  # one question, and 'y' to it marks the case sent
    assert "marked as sent on" in text
    assert ".; " not in question
    lines = question.splitlines()
    findings = lines[lines.index(next(ln for ln in lines if "the statutory check still has" in ln)) + 1:]
    assert findings[0] == "  - [drafting] Answers still missing: disclosed"  # one finding a line; the letter's
    assert not [ln for ln in findings if "after the statutory due date" in ln]  # lateness is said when it is sent
    assert any("the letter lists Annex A.xlsx, which was never release-checked" in ln for ln in lines)
    assert "  - notes: AMBER (1 amber), not listed in the letter" in lines and "ok.xlsx" not in question
    assert lines[-1].strip() == "Mark it sent anyway? (y/N)"


@pytest.mark.parametrize(("typed", "section", "shown"), [("40(5B)", "40", "section 40(2): Personal information"),
                                                          ("s31(3)", "31", "section 31(1)(a): Law enforcement")])
def test_an_ncnd_provision_is_named_before_the_exemption_it_goes_with(capsys, tmp_path, typed, section, shown):
    """Tryout 8: 'foibot exemption 40(5B)' showed only 'section 40(2)', as if the officer had typed that."""
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite"), "exemption", typed)
    assert code == 0, err
    head, _, rest = out.partition("\n\n")
    assert head == (f"Section {typed.removeprefix('s')} is section {section}'s neither-confirm-nor-deny provision: it "
                    "removes the duty to say whether we hold the information where saying so would itself reveal what "
                    "the exemption protects. The exemption it goes with:")
    assert rest.startswith(shown)
    code, out, _ = run(capsys, "--db", str(tmp_path / "x.sqlite"), "exemption", "s43")
    assert code == 0 and "neither-confirm-nor-deny provision" not in out


def test_an_unknown_paragraph_name_is_clipped_in_the_error(capsys, tmp_path):
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite"), "para", "x" * 3000)
    assert code == 1 and out == ""
    assert f"there is no paragraph '{'x' * 59}…'. Paragraphs: " in err and "x" * 61 not in err


def test_a_bare_eir_paragraph_is_read_as_the_regulation_not_foia_section_12(capsys, tmp_path):
    """Tryout 8: 'foibot exemption 12(5)(b)' said section 12(1) has no subsection (5)(b); the chat reads it as the
    regulation, and so does the command. A bare '12' is still the cost limit."""
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite"), "exemption", "12(5)(b)")
    assert code == 0, err
    assert out.startswith("regulation 12(5)(b): The course of justice")
    code, out, _ = run(capsys, "--db", str(tmp_path / "x.sqlite"), "exemption", "12")
    assert code == 0 and out.startswith("section 12(1): Exemption where cost of compliance exceeds")


def test_foi_deadline_notes_a_future_date_the_same_way(engine):
    from foibot.surfaces.foi_command import deadline

    today = engine.today()  # the rig's fixed day, Thu 31 Oct 2019
    lines = deadline(engine, ["4", "November", "2019"]).splitlines()
    assert lines[0] == (f"Note: Mon 4 Nov 2019 is after today ({today:%a} {today.day} {today:%b %Y}): this is when it "
                        "would be due if it arrived then.")
    assert lines[1] == "Received: Mon 4 Nov 2019"
    assert "Note" not in deadline(engine, ["yesterday"])
