"""A case opened without a received date (the email gave none) is dated the day it was pasted: the register says
that date, and the due date counted from it, are assumed until the real date is given, and never presents them
as fact."""

import json
import sqlite3
from datetime import date

import pytest
import sqlite_utils

from foibot.errors import InputError
from foibot.law.dates import format_day
from foibot.register.cases import ASSUMED_CLOCK, GIVEN_CLOCK, Register, active_cases
from foibot.register.reminders import digest, pending_reminders
from foibot.register.store import Store, migrations
from foibot.surfaces import views
from foibot.surfaces.cli import main

TODAY = date(2025, 3, 3)  # a Monday: the day the request is pasted
EARLIER = date(2025, 2, 24)  # the day it really arrived
REQUEST = "Please send the number of fax machines you use."
MARK = "(assumed: the day it was pasted; not yet given)"


@pytest.fixture
def reg(store):
    return Register(store, today=lambda: TODAY)


def _opened(reg, ref):
    return next(e for e in reg.history(ref) if e["action"] == "opened")


# --- opening ---------------------------------------------------------------------------------------------


def test_a_case_opened_without_a_received_date_records_that_it_is_assumed(reg, store):
    case = reg.open_case(REQUEST, who="alice")
    assert case.received == TODAY and case.due is not None and case.received_assumed is True
    assert store.db.execute("select received_assumed from cases where ref = ?", [case.ref]).fetchone()[0] == 1
    assert _opened(reg, case.ref)["detail"]["clock"] == ASSUMED_CLOCK
    assert case.to_json()["received_assumed"] is True


def test_the_conversation_hook_without_a_received_date_opens_an_assumed_case(reg):
    ref = reg.open_for_conversation(conversation_id="c1", request_text=REQUEST, answers={"regime": "foia"})
    case = reg.get_case(ref)
    assert case.received == TODAY and case.received_assumed
    assert _opened(reg, ref)["detail"]["clock"] == ASSUMED_CLOCK


def test_a_case_opened_with_a_received_date_is_never_marked(reg, store):
    given = reg.open_case(REQUEST, who="alice", received=EARLIER)
    hooked = reg.get_case(reg.open_for_conversation(conversation_id="c2", request_text=REQUEST,
                                                     answers={"received": EARLIER.isoformat()}))
    same_day = reg.open_case(REQUEST, who="alice", received=TODAY)  # the request really arrived today
    for case in (given, hooked, same_day):
        assert case.received_assumed is False
        assert "clock" not in _opened(reg, case.ref)["detail"]
        text = views.case_details(reg, case)
        assert "assumed" not in text
    assert "assumed" not in views.open_cases(active_cases(store), TODAY)
    assert "assumed" not in digest(store, date(2025, 3, 28)).text()
    # an internal review is opened on the day it was asked for: a given date
    reg.set_status(given.ref, "sent", "alice", on=TODAY)
    review = reg.set_status(given.ref, "internal_review", "alice", on=TODAY)
    assert not reg.reviews(review.ref)[0].received_assumed


# --- what the register shows -------------------------------------------------------------------------------


def test_case_details_mark_the_received_and_due_dates_as_assumed(reg):
    case = reg.open_case(REQUEST, who="alice")
    text = views.case_details(reg, case)
    assert f"received   {format_day(TODAY)} {MARK}" in text
    assert f"due        {format_day(case.due)} (assumed: counted from the day it was pasted)" in text


def test_the_open_cases_list_marks_an_assumed_due_date(reg, store):
    assumed = reg.open_case(REQUEST, who="alice")
    given = reg.open_case("Please send the fleet list.", who="alice", received=TODAY)
    lines = views.open_cases(active_cases(store), TODAY).splitlines()
    assert "(received date assumed)" in next(line for line in lines if line.startswith(assumed.ref + " "))
    assert "assumed" not in next(line for line in lines if line.startswith(given.ref + " "))


def test_the_digest_and_reminders_say_the_due_date_is_counted_from_an_assumed_day(reg, store):
    case = reg.open_case(REQUEST, who="alice")
    soon = date(2025, 3, 28)
    text = digest(store, soon).text()
    assert case.ref in text and "assumed received date" in text
    item = digest(store, soon).due_soon[0]
    assert item.received_assumed and item.to_json()["received_assumed"] is True
    [reminder] = pending_reminders(store, soon)
    assert "assumed received date" in reminder.text
    [overdue] = pending_reminders(store, date(2025, 4, 2))
    assert overdue.kind == "overdue" and "assumed received date" in overdue.text


# --- when the real date arrives ----------------------------------------------------------------------------


def test_giving_the_received_date_clears_the_mark_and_the_history_says_so(reg):
    case = reg.open_case(REQUEST, who="alice")
    updated = reg.update(case.ref, "alice", received=EARLIER)
    assert updated.received == EARLIER and not updated.received_assumed and updated.due < case.due
    event = reg.history(case.ref)[-1]
    assert event["action"] == "updated" and event["detail"]["changed"] == ["received"]
    assert event["detail"]["clock"] == GIVEN_CLOCK
    assert "assumed" not in views.case_details(reg, updated)


def test_giving_the_same_day_as_the_assumed_one_still_clears_the_mark(reg):
    case = reg.open_case(REQUEST, who="alice")
    updated = reg.update(case.ref, "alice", received=TODAY)
    assert updated.received == TODAY and updated.due == case.due and not updated.received_assumed
    event = reg.history(case.ref)[-1]
    assert event["detail"]["changed"] == ["received"] and event["detail"]["clock"] == GIVEN_CLOCK
    assert reg.update(case.ref, "alice", received=TODAY) == updated  # nothing more to record
    assert reg.history(case.ref)[-1] == event


def test_other_corrections_leave_the_mark(reg):
    case = reg.open_case(REQUEST, who="alice")
    assert reg.update(case.ref, "alice", requester_name="Jo Bloggs", regime="eir").received_assumed


def test_a_status_dated_before_an_assumed_received_day_is_not_refused(reg):
    case = reg.open_case(REQUEST, who="alice")
    moved = reg.set_status(case.ref, "awaiting_clarification", "alice", on=EARLIER)
    assert moved.status == "awaiting_clarification"
    given = reg.open_case("Please send the fleet list.", who="alice", received=TODAY)
    with pytest.raises(InputError, match="before"):
        reg.set_status(given.ref, "awaiting_clarification", "alice", on=EARLIER)


def test_the_conversation_giving_the_received_date_clears_the_mark(rt):
    engine = rt.engine
    turn = engine.start("Dear FOI team,\nPlease send me the number of fax machines you use.\nThanks, Jo Bloggs",
                        user="U1")
    case = rt.register.case_for_conversation(turn.conversation_id)
    assert case.received == engine.today() and case.received_assumed
    assert _opened(rt.register, case.ref)["detail"]["clock"] == ASSUMED_CLOCK
    engine.reply(turn.conversation_id, "28 October 2019", user="U1")
    case = rt.register.require(case.ref)
    assert case.received == date(2019, 10, 28) and not case.received_assumed
    updated = rt.register.history(case.ref)[-1]
    assert updated["action"] == "updated" and updated["detail"]["clock"] == GIVEN_CLOCK
    assert "=" not in engine.history(case.ref).entries[-1]["text"]  # worded, never key=value


def test_a_conversation_whose_email_gives_the_date_opens_an_unmarked_case(rt, seed_request):
    turn = rt.engine.start(seed_request, user="U1")  # "Sent: 28 September 2019 09:12"
    case = rt.register.case_for_conversation(turn.conversation_id)
    assert case.received == date(2019, 9, 28) and not case.received_assumed
    assert "assumed" not in views.case_details(rt.register, case)


# --- the foibot case command -------------------------------------------------------------------------------


def test_case_command_marks_an_assumed_date_and_received_gives_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", TODAY.isoformat())
    db = str(tmp_path / "cli.sqlite")
    store = Store(db)
    ref = Register(store, today=lambda: TODAY).open_case(REQUEST, who="alice").ref
    store.close()
    assert main(["--db", db, "case", ref]) == 0
    out = capsys.readouterr().out
    assert MARK in out and "(assumed: counted from the day it was pasted)" in out
    assert main(["--db", db, "case", ref, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["received_assumed"] is True
    assert main(["--db", db, "cases"]) == 0
    assert "(received date assumed)" in capsys.readouterr().out
    assert main(["--db", db, "due", "--today", "2025-03-28"]) == 0
    assert "assumed received date" in capsys.readouterr().out

    assert main(["--db", db, "case", ref, "--received", "2025-03-10"]) == 1  # after today
    assert "in the future" in capsys.readouterr().err
    assert main(["--db", db, "case", ref, "--received", "24/2/2025", "--who", "dana", "--history"]) == 0
    out = capsys.readouterr().out
    assert "assumed" not in out.split("\n  20")[0]  # the case's lines above its history
    assert f"received   {format_day(EARLIER)}\n" in out
    assert "dana" in out and "case details updated: received" in out and "=" not in out
    assert main(["--db", db, "case", ref, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["received_assumed"] is False and data["received"] == EARLIER.isoformat()


# --- the schema ----------------------------------------------------------------------------------------------


def test_an_older_file_gains_the_column_and_reads_its_cases_as_given(tmp_path):
    path = tmp_path / "old.sqlite"
    names = [m.name for m in migrations._migrations]
    assert names[-1] == "m008_received_assumed"
    old = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(old, stop_before=["m008_received_assumed"])
    assert "received_assumed" not in old["cases"].columns_dict
    old["cases"].insert({"ref": "FOI 2025-1", "year": 2025, "seq": 1, "status": "new", "regime": "foia",
                         "received": "2025-03-03", "due": "2025-03-31", "request_text": REQUEST})
    old.conn.commit()
    old.conn.close()
    store = Store(path)
    try:
        assert [m.name for m in migrations.applied(store.db)] == names
        case = Register(store, today=lambda: TODAY).require("FOI 2025-1")
        assert case.received_assumed is False and case.received == TODAY
    finally:
        store.close()
