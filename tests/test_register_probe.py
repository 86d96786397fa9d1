"""A team lead's year with the register (probe): extensions, internal reviews and the ICO, retention, subject
access, importing another system's export, and the terminal's words about each.

Dates are checked by hand against foi-law.md 1.5-1.6 (UK-wide holidays): a request received Mon 2 Mar 2026 is due
Tue 31 Mar 2026 (17 Mar, St Patrick's Day, skipped), and by Thu 30 Apr 2026 at 40 working days (Good Friday 3 Apr
and Easter Monday 6 Apr skipped).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from foibot.errors import InputError
from foibot.law.deadlines import case_due, ico_complaint_by
from foibot.register.cases import Register
from foibot.register.disclosure_log import import_log
from foibot.register.retention import export_case, parse_age
from foibot.register.stats import compute
from foibot.register.store import Store
from foibot.surfaces.cli import main

RECEIVED = date(2026, 3, 2)  # a Monday


def _reg(db, today):
    return Register(Store(db), today=lambda: today)


def _open(reg, regime="foia", received=RECEIVED, name="Ada Lovelace", email="ada@example.org", text="Pothole repairs"):
    return reg.open_case(text, who="lead", received=received, regime=regime, requester_name=name,
                         requester_email=email)


def _run(capsys, db, *argv, today="2026-06-30", monkeypatch=None):
    monkeypatch.setenv("FOIBOT_TODAY", today)
    status = main(["--db", str(db), *argv])
    out = capsys.readouterr()
    return status, out.out, out.err


# --- extensions: FOIA s10(3) and EIR reg 7 -----------------------------------------------------------------


def test_case_due_takes_an_extension():
    """The one place a case's due date is computed knows the extensions (foi-law 1.1 s10(3), 1.2 reg 7(1))."""
    assert case_due(RECEIVED, "eir", extension="reg7")[0].due == date(2026, 4, 30)
    assert case_due(RECEIVED, "foia", extension="pit")[0].due == date(2026, 4, 30)
    assert case_due(RECEIVED, "foia")[0].due == date(2026, 3, 31)
    assert case_due(RECEIVED, "foia", extension="reg7") == (
        None, "'reg7' is the EIR extension (reg 7); for FOIA use 'pit' (s10(3))")


def test_an_eir_case_extended_under_reg7_is_due_at_40_days_and_answered_in_time(tmp_path, capsys, monkeypatch):
    db = tmp_path / "r.sqlite"
    ref = _open(_reg(db, date(2026, 3, 20)), "eir").ref
    status, out, err = _run(capsys, db, "case", ref, "--extend", "reg7", "--on", "2026-03-20", "--who", "lead",
                            today="2026-03-20", monkeypatch=monkeypatch)
    assert (status, err) == (0, "")
    assert out == ("FOI 2026-1: new (EIR)\n"
                   "  received   Mon 2 Mar 2026\n"
                   "  due        Thu 30 Apr 2026 (extended under EIR reg 7 on Fri 20 Mar 2026; it was due Tue 31 Mar "
                   "2026)\n"
                   "  requester  Ada Lovelace\n"
                   "  request    Pothole repairs\n")
    # on day 25 it is not overdue: the digest counts to the extended date
    status, out, _ = _run(capsys, db, "due", "--within", "20", today="2026-04-09", monkeypatch=monkeypatch)
    assert out == ("FOI digest for Thu 9 Apr 2026\n"
                   "Due soon:\n"
                   "• FOI 2026-1 (new): due in 15 working day(s), Thu 30 Apr 2026\n")
    _run(capsys, db, "case", ref, "--status", "sent", "--on", "2026-04-23", "--who", "lead", today="2026-04-23",
         monkeypatch=monkeypatch)
    stats = compute(Store(db), start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 6, 30))
    assert (stats.total.in_time, stats.total.late) == (1, 0)
    status, out, _ = _run(capsys, db, "case", ref, "--history", today="2026-04-23", monkeypatch=monkeypatch)
    assert "case details updated: extension (extended under EIR reg 7 on Fri 20 Mar 2026); due Thu 30 Apr 2026\n" in out


def test_a_foia_public_interest_extension_keeps_day_20_for_the_refusal_notice(tmp_path, capsys, monkeypatch):
    db = tmp_path / "r.sqlite"
    ref = _open(_reg(db, date(2026, 3, 30))).ref
    status, out, err = _run(capsys, db, "case", ref, "--extend", "pit", "--who", "lead", today="2026-03-30",
                            monkeypatch=monkeypatch)
    assert (status, err) == (0, "")
    assert ("  due        Thu 30 Apr 2026 (extended under FOIA s10(3), the public interest test, on Mon 30 Mar 2026; "
            "the s17(1) refusal notice was still due by Tue 31 Mar 2026)\n") in out


@pytest.mark.parametrize(("regime", "kind", "on", "error"), [
    ("foia", "pit", "2026-04-01", "foibot: FOI 2026-1 cannot be extended on Wed 1 Apr 2026: the extension had to be "
     "claimed by day 20, Tue 31 Mar 2026 (FOIA s17(1)-(2): the refusal notice, with the estimate of when the public "
     "interest decision will be made, goes out within the 20 working days)\n"),
    ("eir", "reg7", "2026-04-01", "foibot: FOI 2026-1 cannot be extended on Wed 1 Apr 2026: the extension had to be "
     "claimed by day 20, Tue 31 Mar 2026 (EIR reg 7(3): the requester is told within the 20 working days)\n"),
    ("eir", "pit", "2026-03-20", "foibot: the public interest extension is FOIA s10(3) only; the EIR extension is "
     "'reg7'\n"),
    ("foisa", "pit", "2026-03-20", "foibot: FOISA has no extension of the 20 working days (no public interest or "
     "reg 7 extension)\n"),
])
def test_an_extension_claimed_too_late_or_under_the_wrong_law_is_refused(tmp_path, capsys, monkeypatch, regime,
                                                                         kind, on, error):
    db = tmp_path / "r.sqlite"
    ref = _open(_reg(db, date(2026, 4, 1)), regime).ref
    before = _reg(db, date(2026, 4, 1)).get_case(ref).due
    status, out, err = _run(capsys, db, "case", ref, "--extend", kind, "--on", on, "--who", "lead",
                            today="2026-04-01", monkeypatch=monkeypatch)
    assert (status, out, err) == (1, "", error)
    assert _reg(db, date(2026, 4, 1)).get_case(ref).due == before


# --- internal reviews and the ICO ----------------------------------------------------------------------------


def test_a_review_asked_for_after_the_window_is_flagged_on_the_terminal(tmp_path, capsys, monkeypatch):
    db = tmp_path / "r.sqlite"
    reg = _reg(db, date(2026, 3, 20))
    ref = _open(reg).ref
    reg.set_status(ref, "sent", "lead", on=date(2026, 3, 20))
    status, out, err = _run(capsys, db, "case", ref, "--status", "internal_review", "--on", "2026-06-01", "--who",
                            "lead", today="2026-06-01", monkeypatch=monkeypatch)
    assert status == 0
    assert err == ("warning: FOI 2026-1: the internal review was asked for after the review window closed on "
                   "2026-05-20\n")


def test_a_finished_internal_review_points_to_the_ico_not_to_another_review(tmp_path, capsys, monkeypatch):
    db = tmp_path / "r.sqlite"
    reg = _reg(db, date(2026, 4, 20))
    ref = _open(reg).ref
    reg.set_status(ref, "sent", "lead", on=date(2026, 3, 20))
    reg.set_status(ref, "internal_review", "lead", on=date(2026, 3, 30))
    status, out, err = _run(capsys, db, "case", f"{ref}/IR", "--status", "sent", "--on", "2026-04-20", "--who",
                            "reviewer", today="2026-04-20", monkeypatch=monkeypatch)
    assert (status, err) == (0, "")
    assert out == ("FOI 2026-1/IR: sent (FOIA)\n"
                   "  received   Mon 30 Mar 2026\n"
                   "  due        Wed 29 Apr 2026\n"
                   "  sent       Mon 20 Apr 2026\n"
                   "  the requester may complain to the ICO; it asks for complaints within six weeks: by Mon 1 Jun "
                   "2026\n"
                   "  internal review of FOI 2026-1\n"
                   "  requester  Ada Lovelace\n"
                   "  request    Internal review of FOI 2026-1\n")
    assert reg.review_window_end(reg.get_case(f"{ref}/IR")) is None
    assert ico_complaint_by(date(2026, 4, 20)) == date(2026, 6, 1)


# --- retention and subject access -----------------------------------------------------------------------------


def _year_of_cases(db):
    reg = _reg(db, date(2026, 6, 30))
    done = _open(reg, received=date(2024, 1, 8), name="Old Done", email="done@example.org").ref
    reg.set_status(done, "sent", "lead", on=date(2024, 1, 20))
    ico = _open(reg, received=date(2024, 1, 9), name="Ico Person", email="ico@example.org").ref
    reg.set_status(ico, "sent", "lead", on=date(2024, 1, 20))
    reg.set_status(ico, "with_ico", "lead", on=date(2024, 3, 1))
    reviewed = _open(reg, received=date(2024, 1, 10), name="Rev Person", email="rev@example.org").ref
    reg.set_status(reviewed, "sent", "lead", on=date(2024, 1, 20))
    reg.set_status(reviewed, "internal_review", "lead", on=date(2024, 2, 1))
    late_answer = _open(reg, received=date(2024, 1, 11), name="Late Answer", email="late@example.org").ref
    reg.set_status(late_answer, "sent", "lead", on=date(2024, 8, 1))
    return reg, done, ico, reviewed, late_answer


def test_purge_keeps_a_case_with_the_ico_an_open_review_and_one_answered_within_the_period(tmp_path, capsys,
                                                                                           monkeypatch):
    db = tmp_path / "r.sqlite"
    reg, done, ico, reviewed, late_answer = _year_of_cases(db)
    status, out, err = _run(capsys, db, "purge", "--older-than", "24m", "--dry-run", today="2026-06-30",
                            monkeypatch=monkeypatch)
    assert (status, err) == (0, "")
    assert out == ("Would anonymise 1 case(s) (with their conversations) and 0 conversation(s) without a case: 2 "
                   "value(s) in cases.requester_email, cases.requester_name. Would delete 0 file(s) written for them.\n"
                   "  FOI 2024-1: cases.requester_name (1), cases.requester_email (1)\n"
                   "Kept 3 case(s) received before 2024-06-30:\n"
                   "  FOI 2024-2: with the ICO\n"
                   "  FOI 2024-3: internal review FOI 2024-3/IR still open\n"
                   "  FOI 2024-4: last dealt with on 2024-08-01, inside the period\n")
    assert main(["--db", str(db), "purge", "--older-than", "24m"]) == 0
    assert reg.get_case(done).requester_name == "[requester]"
    assert [reg.get_case(r).requester_name for r in (ico, reviewed, f"{reviewed}/IR", late_answer)] == [
        "Ico Person", "Rev Person", "Rev Person", "Late Answer"]


def test_an_impossible_retention_period_is_one_sentence(tmp_path, capsys, monkeypatch):
    db = tmp_path / "r.sqlite"
    _reg(db, date(2026, 6, 30))
    status, out, err = _run(capsys, db, "purge", "--older-than", "99999999y", "--dry-run", monkeypatch=monkeypatch)
    assert (status, out, err) == (1, "", "foibot: '99999999y' reaches back before the year 1: give a shorter "
                                         "period, for example 24m\n")
    assert parse_age("2y") == relativedelta(years=2)


def test_subject_access_export_holds_the_review_and_nothing_of_other_requesters(tmp_path, capsys, monkeypatch):
    db = tmp_path / "r.sqlite"
    reg, done, ico, reviewed, _ = _year_of_cases(db)
    again = _open(reg, received=date(2026, 5, 1), name="Rev Person", email="REV@example.org").ref
    status, out, err = _run(capsys, db, "export-case", "foi 2024-3", monkeypatch=monkeypatch)  # typed loosely
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["reference"] == "FOI 2024-3"
    assert [c["ref"] for c in data["held"]["cases"]] == ["FOI 2024-3", "FOI 2024-3/IR"]
    assert {e["ref"] for e in data["held"]["case_events"]} == {"FOI 2024-3", "FOI 2024-3/IR"}
    assert data["other_cases_of_this_requester"] == [again]
    for other in ("Old Done", "Ico Person", "Late Answer", "done@example.org", "ico@example.org"):
        assert other not in out
    with pytest.raises(InputError, match="there is no case 'FOI 1999-1'"):
        export_case(reg.store, "FOI 1999-1")


# --- importing another case system's export ---------------------------------------------------------------


EXPORT = ("\ufeffFOI Ref,Date Received,Request Details,Outcome,Exemptions Applied,Requester Name\r\n"
          "CS-1,02/03/2023,Bin collections,Released,,Jo Bloggs\r\n"
          ",,,,,\r\n"
          "\r\n"
          "CS-2,2023-03-05,Parking fines,Partially released,s40(2),Sam Smith\r\n"
          "CS-3,7 March 2023,Library loans,Info not held,,\r\n"
          "CS-2,2023-03-05,Parking fines,Partially released,s40(2),Sam Smith\r\n")


def test_an_export_with_a_bom_human_headers_and_blank_rows_imports_whole(tmp_path, capsys, monkeypatch):
    path = tmp_path / "export.csv"
    path.write_bytes(EXPORT.encode("utf-8"))
    db = tmp_path / "r.sqlite"
    status, out, err = _run(capsys, db, "cases", "import", str(path), monkeypatch=monkeypatch)
    assert (status, err) == (0, "")
    assert out == ("Imported 3 case(s); skipped 0 already in the register; 1 bad row(s); 2 blank row(s) ignored.\n"
                   "  line 7: reference 'CS-2' is also on line 5\n")
    reg = _reg(db, date(2026, 6, 30))
    got = [(c.ref, c.received, c.outcome, c.exemptions, c.requester_name)
           for c in (reg.get_case(r) for r in ("CS-1", "CS-2", "CS-3"))]
    assert got == [("CS-1", date(2023, 3, 2), "granted", [], "Jo Bloggs"),
                   ("CS-2", date(2023, 3, 5), "partially_granted", ["s40(2)"], "Sam Smith"),
                   ("CS-3", date(2023, 3, 7), "not_held", [], "")]
    status, out, _ = _run(capsys, db, "cases", "import", str(path), monkeypatch=monkeypatch)
    assert out.startswith("Imported 0 case(s); skipped 3 already in the register;")


def test_an_export_whose_columns_cannot_be_read_stops_with_one_message(tmp_path, capsys, monkeypatch):
    path = tmp_path / "export.csv"
    path.write_text("Case No,Query\nA/1,Bins\nA/2,Parks\n", encoding="utf-8")
    db = tmp_path / "r.sqlite"
    status, out, err = _run(capsys, db, "cases", "import", str(path), monkeypatch=monkeypatch)
    assert (status, err) == (1, "")
    assert out == ("Nothing was imported: no column is read as reference or request; the file's columns are Case No, "
                   "Query. Say which column holds each with --map reference=COLUMN --map request=COLUMN.\n")
    report = import_log(Store(db), path, {"reference": "Case No", "request": "Query"})
    assert (report.imported, report.errors) == (2, [])


def test_one_very_long_request_does_not_stop_the_rest_of_the_file(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(f"ref,date,request\nB1,2024-01-02,{'x' * 200_000}\nB2,2024-01-02,'; DROP TABLE cases; --\n",
                    encoding="utf-8")
    store = Store(tmp_path / "r.sqlite")
    report = import_log(store, path)
    assert (report.imported, report.errors) == (2, [])
    assert Register(store).get_case("B2").request_text == "'; DROP TABLE cases; --"


# --- statistics ---------------------------------------------------------------------------------------------


def test_the_stats_table_shows_every_outcome(tmp_path):
    db = tmp_path / "r.sqlite"
    reg = _reg(db, date(2026, 6, 30))
    for outcome in ("granted", "ncnd", "withdrawn", "refused"):
        ref = _open(reg).ref
        reg.record_outcome(ref, outcome, who="lead")
        if outcome != "withdrawn":
            reg.set_status(ref, "sent", "lead", on=date(2026, 3, 20))
        else:
            reg.set_status(ref, "closed", "lead", on=date(2026, 3, 5))
    table = compute(reg.store, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 6, 30)).table()
    assert table.splitlines()[:3] == [
        "period     received  granted  partial  refused not held     NCND withdrawn lapsed  in time  late  % in time",
        "2026-03           4        1        0        1        0        1         1      0        3     0      100.0",
        "total             4        1        0        1        0        1         1      0        3     0      100.0",
    ]


def test_a_clarification_asked_after_the_due_date_does_not_wipe_out_the_breach(tmp_path, capsys, monkeypatch):
    """s10(6)(b) restarts the clock from the clarification, but a request already past day 20 when it was asked
    for was answered late (ICO: ask for clarification promptly, within the 20 working days; EIR reg 9(2))."""
    db = tmp_path / "r.sqlite"
    reg = _reg(db, date(2026, 4, 30))
    late, prompt = _open(reg).ref, _open(reg).ref
    status, out, err = _run(capsys, db, "case", late, "--status", "awaiting_clarification", "--on", "2026-04-10",
                            "--who", "lead", today="2026-04-30", monkeypatch=monkeypatch)
    assert (status, err) == (0, "warning: FOI 2026-1: the clarification was asked for after the due date, Tue 31 Mar "
                                "2026: the request was already late, and counts as late in the statistics\n")
    reg.set_status(prompt, "awaiting_clarification", "lead", on=date(2026, 3, 10))
    for ref in (late, prompt):
        reg.set_status(ref, "new", "lead", on=date(2026, 4, 20))
        reg.set_status(ref, "sent", "lead", on=date(2026, 4, 30))
    stats = compute(reg.store, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 4, 30))
    assert (stats.total.in_time, stats.total.late) == (1, 1)


def test_cases_lists_the_cases_in_a_status(tmp_path, capsys, monkeypatch):
    """The team lead's question "which cases are with the ICO, or waiting for clarification?"."""
    db = tmp_path / "r.sqlite"
    reg = _reg(db, date(2026, 6, 30))
    ico, waiting, _ = _open(reg).ref, _open(reg, text="Gritting routes").ref, _open(reg, text="Fly-tipping").ref
    reg.set_status(ico, "sent", "lead", on=date(2026, 3, 20))
    reg.set_status(ico, "with_ico", "lead", on=date(2026, 5, 20))
    reg.set_status(waiting, "awaiting_clarification", "lead", on=date(2026, 3, 5))
    status, out, err = _run(capsys, db, "cases", "--status", "with_ico", "--status", "awaiting_clarification",
                            monkeypatch=monkeypatch)
    assert (status, err) == (0, "")
    assert out == ("FOI 2026-1     with ico               sent Fri 20 Mar 2026  Pothole repairs\n"
                   "FOI 2026-2     awaiting clarification since Thu 5 Mar 2026 (77 working days); no due date until it "
                   "arrives; no reply in 60 working days: consider closing it as lapsed (foibot case 'FOI 2026-2' "
                   "--status lapsed)  Gritting routes\n")
