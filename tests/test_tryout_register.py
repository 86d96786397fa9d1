"""What a new FOI officer's tryout found in the register and the foibot command: the regime a CLI draft is
recorded under, refused drafts, purging the Word files, the review window of a letter dated later, one-line
errors for a database or output that cannot be used, dates, and plain messages."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from profiles import copy_profile

from foibot.register.cases import Register
from foibot.register.store import Store, drafts_dir
from foibot.surfaces.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests/fixtures/seed-request.txt"
SEED_ANSWERS = json.loads((ROOT / "tests/fixtures/seed-answers.json").read_text(encoding="utf-8"))
SCOT_REQUEST = ("From: Fiona MacLeod <fiona@example.com>\n\nDear FOI team,\nUnder the Freedom of Information (Scotland)"
                " Act 2002, please provide the minutes of all meetings about the low emission zone extension.\n"
                "Regards,\nFiona MacLeod")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(path: Path, data) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def scottish(tmp_path) -> Path:
    """A Scottish council's profile folder (regime foisa) for --data."""
    return copy_profile(tmp_path / "scot", regime="foisa", type="council")


def cases(db: Path) -> list[tuple]:
    store = Store(db)
    try:
        return store.db.execute("select ref, status, regime, due from cases order by ref").fetchall()
    finally:
        store.close()


# --- 1. the regime a CLI draft is recorded under ----------------------------------------------------------


def test_a_draft_under_a_scottish_profile_is_recorded_under_foisa(capsys, tmp_path, scottish, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2026-09-01")
    db = tmp_path / "z.sqlite"
    request = write(tmp_path / "scot.txt", SCOT_REQUEST)
    answers = write(tmp_path / "a.json", {"requester_name": "Fiona MacLeod", "received": "2026-08-20",
                                          "request_summary": "LEZ minutes", "held": "yes", "disclosure": "full",
                                          "disclosed": "the minutes"})
    code, _, err = run(capsys, "--db", db, "--data", scottish, "draft", request, "--answers", answers)
    assert code == 0 and "Due Thu 17 Sep 2026" in err  # Scottish calendar: no English August bank holiday
    assert cases(db) == [("FOI 2026-1", "drafting", "foisa", "2026-09-17")]
    code, out, _ = run(capsys, "--db", db, "--data", scottish, "case", "FOI 2026-1")
    assert code == 0 and "(FOISA)" in out and "Thu 17 Sep 2026" in out


# --- 6. a refused draft leaves the register untouched ----------------------------------------------------


def test_a_refused_draft_opens_no_case(capsys, tmp_path, scottish, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2026-11-20")
    db = tmp_path / "z.sqlite"
    request = write(tmp_path / "scot.txt", SCOT_REQUEST)
    answers = write(tmp_path / "a.json", {"requester_name": "Fiona MacLeod", "received": "2026-11-02",
                                          "request_summary": "LEZ", "held": "yes", "disclosure": "none",
                                          "exemptions": ["s43(2)"],
                                          "s43": {"withheld": "x", "reason": "y", "likelihood": "would"}})
    code, _, err = run(capsys, "--db", db, "--data", scottish, "draft", request, "--answers", answers)
    assert code == 1 and "s43(2)" in err
    early = write(tmp_path / "early.json", {**SEED_ANSWERS, "reference": "", "letter_date": "2019-09-01"})
    code, _, err = run(capsys, "--db", db, "draft", SEED, "--answers", early)
    assert code == 1 and "before the request was received" in err
    assert cases(db) == []
    code, _, _ = run(capsys, "--db", db, "draft", SEED, "--answers", write(tmp_path / "ok.json",
                                                                             {**SEED_ANSWERS, "reference": ""}))
    assert code == 0 and [r[0] for r in cases(db)] == ["FOI 2019-1"]  # no reference was used up


# --- 2. purge deletes the files foibot wrote -------------------------------------------------------------


def test_purge_deletes_the_word_files_and_dry_run_lists_them(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2026-11-20")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "p.sqlite"
    answers = write(tmp_path / "a.json", {**SEED_ANSWERS, "reference": ""})
    code, out, _ = run(capsys, "--db", db, "draft", SEED, "--answers", answers, "--format", "docx")
    assert code == 0 and (tmp_path / "FOI-2019-1.docx").exists()
    code, _, _ = run(capsys, "--db", db, "draft", SEED, "--answers", answers, "-o", tmp_path / "letter.txt")
    assert code == 0 and "J Roberts" in (tmp_path / "letter.txt").read_text()
    own = drafts_dir(db)  # where the console saves a database's Word files
    own.mkdir(parents=True)
    (own / "FOI-2019-1-v1.docx").write_bytes((tmp_path / "FOI-2019-1.docx").read_bytes())
    (own / "FOI-2019-10-v1.docx").write_bytes(b"another case")
    shared = tmp_path / "drafts"
    # The second draft opened FOI 2019-2 (letter.txt). In the folder older versions shared between databases,
    # a file of that reference naming its requester is its own; one that does not is another database's.
    (shared / "FOI-2019-2-v1.docx").write_bytes((tmp_path / "FOI-2019-1.docx").read_bytes())  # names J Roberts
    other = write(shared / "FOI-2019-1-v2.docx", "another database's case of the same reference")
    written = [tmp_path / "FOI-2019-1.docx", tmp_path / "letter.txt", own / "FOI-2019-1-v1.docx",
               shared / "FOI-2019-2-v1.docx"]

    code, out, _ = run(capsys, "--db", db, "purge", "--older-than", "0d", "--dry-run")
    assert code == 0 and "Would delete 4 file(s)" in out
    for path in written:
        assert f"file: {path.resolve()}" in out and path.exists()
    code, out, _ = run(capsys, "--db", db, "purge", "--older-than", "0d")
    assert code == 0 and "Deleted 4 file(s)" in out
    assert not any(path.exists() for path in written)
    assert (own / "FOI-2019-10-v1.docx").exists() and other.exists()


def test_each_database_keeps_its_word_files_in_its_own_folder(tmp_path):
    assert drafts_dir(tmp_path / "council.sqlite") == tmp_path / "drafts" / "council"
    assert drafts_dir(tmp_path / "eir.sqlite") != drafts_dir(tmp_path / "council.sqlite")


# --- 3. sent: the review window the letter states, and warnings -----------------------------------------


def test_sent_counts_the_review_window_from_a_later_letter_date_and_warns(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    register = Register(store, today=lambda: date(2026, 11, 20))
    case = register.open_case("Please send the minutes", who="jo", received=date(2026, 11, 2), regime="eir")
    version = store.add_draft("conv-1", "letter", due=None, checks=[], created_by="jo", case_ref=case.ref,
                              letter_date="2026-11-23")
    register.link_draft(case.ref, "conv-1", version, who="jo")
    register.note(case.ref, "jo", "sent", {"value": {"version": version, "on": "2026-11-20"}})
    sent = register.set_status(case.ref, "sent", "jo", on=date(2026, 11, 20))
    assert sent.sent_on == date(2026, 11, 20) and sent.letter_date == date(2026, 11, 23)
    assert register.review_window_end(sent) == date(2027, 1, 25)  # what the letter dated 23 Nov says
    warnings = register.sent_warnings(case.ref)
    assert any("never approved" in w for w in warnings) and any("dated 2026-11-23" in w for w in warnings)

    approved = register.open_case("Please send the agenda", who="jo", received=date(2026, 11, 2))
    store.add_draft("conv-2", "letter", due=None, checks=[], created_by="jo", case_ref=approved.ref,
                    letter_date="2026-11-20")
    register.link_draft(approved.ref, "conv-2", 1, who="jo")
    register.note(approved.ref, "jo", "approved", {"value": 1})
    sent = register.set_status(approved.ref, "sent", "jo", on=date(2026, 11, 20))
    assert register.sent_warnings(approved.ref) == [] and register.review_window_end(sent) == date(2027, 1, 22)
    store.close()


def test_case_status_sent_prints_the_warnings(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2026-11-20")
    db = tmp_path / "s.sqlite"
    answers = write(tmp_path / "a.json", {**SEED_ANSWERS, "reference": "", "received": "2026-11-02",
                                          "letter_date": "2026-11-23"})
    assert run(capsys, "--db", db, "draft", SEED, "--answers", answers)[0] == 0
    code, _, err = run(capsys, "--db", db, "case", "FOI 2026-1", "--status", "sent")
    assert code == 0 and "warning: draft 1 of FOI 2026-1 was never approved" in err
    assert "dated 2026-11-23" in err
    code, out, _ = run(capsys, "--db", db, "case", "FOI 2026-1", "--json")
    assert json.loads(out)["review_window_end"] == "2027-01-25"


# --- 4. one line, exit 1, for a database or an output that cannot be used ---------------------------------


def test_a_database_or_output_that_cannot_be_used_is_one_line(capsys, tmp_path, monkeypatch):
    folder = tmp_path / "folder"
    folder.mkdir()
    code, _, err = run(capsys, "--db", folder, "cases")
    assert code == 1 and err.count("\n") == 1 and "is a folder" in err and "Traceback" not in err
    code, _, err = run(capsys, "--db", "/proc/foo.sqlite", "cases")
    assert code == 1 and err.count("\n") == 1 and err.startswith("foibot: ") and "sqlite3" not in err
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all, just some text" * 100)
    code, _, err = run(capsys, "--db", garbage, "cases")
    assert code == 1 and "not a foibot database" in err
    monkeypatch.setenv("FOIBOT_DB", str(folder))
    code, _, err = run(capsys, "chat")
    assert code == 1 and "is a folder" in err
    monkeypatch.delenv("FOIBOT_DB")
    code, _, err = run(capsys, "--db", tmp_path / "d.sqlite", "draft", SEED, "--answers",
                       ROOT / "tests/fixtures/seed-answers.json", "--format", "docx", "-o", "/nonexistent/dir/x.docx")
    assert code == 1
    assert err.strip() == "foibot: cannot write /nonexistent/dir/x.docx: there is no folder /nonexistent/dir"


# --- 5. --who is optional --------------------------------------------------------------------------------


def test_status_without_who_records_the_user(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2026-11-20")
    monkeypatch.setenv("USER", "jo.bloggs")
    db = tmp_path / "w.sqlite"
    store = Store(db)
    Register(store).open_case("Please send the minutes", who="jo", received=date(2026, 11, 2))
    store.close()
    code, _, err = run(capsys, "--db", db, "case", "FOI 2026-1", "--status", "drafting")
    assert code == 0, err
    code, out, _ = run(capsys, "--db", db, "case", "FOI 2026-1", "--history")
    assert "jo.bloggs" in out


# --- 7. dates ----------------------------------------------------------------------------------------------


def test_a_clarification_before_it_was_asked_for_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2026-11-20")
    db = tmp_path / "c.sqlite"
    store = Store(db)
    Register(store).open_case("Please send the minutes", who="jo", received=date(2026, 10, 20))
    store.close()
    assert run(capsys, "--db", db, "case", "FOI 2026-1", "--status", "awaiting_clarification", "--who", "Jo")[0] == 0
    code, _, err = run(capsys, "--db", db, "case", "FOI 2026-1", "--status", "drafting", "--on", "yesterday")
    assert code == 1 and "asked for on 2026-11-20" in err
    assert cases(db)[0][1] == "awaiting_clarification"
    code, _, err = run(capsys, "--db", db, "case", "FOI 2026-1", "--status", "drafting", "--on", "today")
    assert code == 0, err


def test_every_command_reads_dates_as_the_chat_does(capsys, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", "2026-11-20")
    code, out, err = run(capsys, "deadline", "last Friday", "--json")
    assert code == 0, err
    assert json.loads(out)["received"] == "2026-11-13"
    code, out, err = run(capsys, "deadline", "tomorrow", "--json")
    assert code == 0 and json.loads(out)["received"] == "2026-11-21"  # a date to plan with, noted as after today
    assert json.loads(out)["note"].startswith("Sat 21 Nov 2026 is after today (Fri 20 Nov 2026)")
    code, out, _ = run(capsys, "deadline", "3 days ago", "--json")
    assert code == 0 and json.loads(out)["received"] == "2026-11-17"
    code, _, err = run(capsys, "deadline", "yesterday", "--clarified", "3 days ago")
    assert code == 1 and "cannot arrive before the request" in err


# --- 8. plain messages ---------------------------------------------------------------------------------


def test_a_windows_1252_request_is_text(capsys, tmp_path):
    request = tmp_path / "cp1252.txt"
    request.write_bytes("Please tell me how much you spent on taxis (£) in 2024\r\n".encode("cp1252"))
    code, out, err = run(capsys, "--db", tmp_path / "d.sqlite", "suggest", request, "--json")
    assert code == 0, err
    binary = tmp_path / "bin.dat"
    binary.write_bytes(bytes(range(256)) * 4)
    code, _, err = run(capsys, "--db", tmp_path / "d.sqlite", "suggest", binary)
    assert code == 1 and "not text" in err or "binary" in err


def test_errors_are_sentences_not_python(capsys, tmp_path):
    db = tmp_path / "d.sqlite"
    code, _, err = run(capsys, "--db", db, "draft", SEED, "--answers", "/nope.json")
    assert code == 1 and err.strip() == "foibot: cannot read the answers file /nope.json: no such file or directory"
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xcb\xeb;\xd1\xd5g")
    code, _, err = run(capsys, "--db", db, "draft", SEED, "--answers", binary)
    assert code == 1 and "not UTF-8 text" in err and "codec" not in err and "0xcb" not in err


def test_eval_of_an_empty_file_has_nothing_to_score(capsys, tmp_path):
    empty = write(tmp_path / "empty.jsonl", "")
    code, out, err = run(capsys, "--db", tmp_path / "d.sqlite", "eval", empty)
    assert code == 1 and "nothing to score" in err and out == ""


def test_cases_import_with_unmapped_columns_suggests_map(capsys, tmp_path):
    log = write(tmp_path / "log.csv", "ref,received_on,question_text,result\nX1,2025-01-01,Pothole spending,granted\n")
    code, out, _ = run(capsys, "--db", tmp_path / "d.sqlite", "cases", "import", log)
    assert code == 1 and "--map request=COLUMN" in out and "question_text" in out
    code, out, _ = run(capsys, "--db", tmp_path / "d.sqlite", "cases", "import", log, "--map", "request=question_text")
    assert code == 0 and "Imported 1 case(s)" in out and "--map" not in out
