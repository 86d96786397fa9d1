"""Reminders from the register with a frozen clock: the digest, per-case reminders, none lost or repeated
across a restart."""

import json
from datetime import date

import pytest

from foibot.register.cases import Register
from foibot.register.reminders import claim, digest, pending_digest, pending_reminders, release, working_days_left
from foibot.register.store import Store
from foibot.surfaces.cli import main

# Received dates and their due dates (20 working days, UK-wide bank holidays skipped).
RECEIVED = {"soon": date(2025, 5, 12), "later": date(2025, 5, 30), "late": date(2025, 4, 28),
            "waiting": date(2025, 5, 12), "sent": date(2025, 5, 12)}
TODAY = date(2025, 6, 6)  # a Friday


@pytest.fixture
def path(tmp_path):
    return tmp_path / "reminders.sqlite"


@pytest.fixture
def cases(path):
    """Five cases in various states; returns {name: reference}."""
    store = Store(path)
    reg = Register(store, today=lambda: TODAY)
    refs = {name: reg.open_case(f"Request {name}", who="alice", received=day).ref for name, day in RECEIVED.items()}
    reg.set_status(refs["waiting"], "awaiting_clarification", "alice", on=date(2025, 5, 13))
    reg.set_status(refs["sent"], "sent", "alice", on=date(2025, 6, 2))
    store.close()
    return refs


def test_working_days_left(cases, path):
    store = Store(path)
    reg = Register(store)
    soon, late = reg.get_case(cases["soon"]), reg.get_case(cases["late"])
    assert soon.due == date(2025, 6, 10) and late.due == date(2025, 5, 28)  # 26 May is a bank holiday
    assert working_days_left(TODAY, soon.due) == 2
    assert working_days_left(TODAY, late.due) == -7
    assert working_days_left(date(2030, 1, 4), date(2030, 1, 7)) == 1  # beyond the holiday data: weekdays only
    store.close()


def test_the_digest_lists_cases_due_soon_and_overdue_only(cases, path):
    store = Store(path)
    d = digest(store, TODAY)
    assert [i.ref for i in d.due_soon] == [cases["soon"]]
    assert [i.ref for i in d.overdue] == [cases["late"]]
    assert d.due_soon[0].working_days_left == 2 and d.overdue[0].working_days_left == -7
    text = d.text()
    assert "Overdue:" in text and "7 working day(s) overdue" in text and "due in 2 working day(s)" in text
    assert cases["sent"] not in text  # no clock running
    # awaiting clarification: no due date, but listed apart, not forgotten (tryout 11)
    assert [w.ref for w in d.waiting] == [cases["waiting"]] and cases["waiting"] not in [
        i.ref for i in (*d.due_soon, *d.overdue)]
    assert text.splitlines()[-2:] == [
        "Awaiting clarification (no due date until it arrives; then 20 working days from that day):",
        f"• {cases['waiting']}: waiting since Tue 13 May 2025 (17 working days)"]
    assert json.loads(json.dumps(d.to_json()))["key"] == "digest:2025-06-06"
    wide = digest(store, TODAY, within=20)
    assert cases["later"] in [i.ref for i in wide.due_soon]
    store.close()


def test_reminders_are_neither_lost_nor_repeated_across_a_restart(cases, path):
    store = Store(path)
    pending = pending_reminders(store, TODAY, days_before=3)
    assert [(r.kind, r.item.ref) for r in pending] == [("overdue", cases["late"]), ("due_soon", cases["soon"])]
    # Post the first, then "crash" before the second.
    assert claim(store, pending[0].key)
    store.close()

    store = Store(path)  # restart on the same file
    again = pending_reminders(store, TODAY, days_before=3)
    assert [r.key for r in again] == [pending[1].key]  # the sent one is not repeated, the other not lost
    assert claim(store, again[0].key)
    assert not claim(store, again[0].key)  # a second claim (say, a second process) loses
    store.close()

    store = Store(path)
    assert pending_reminders(store, TODAY, days_before=3) == []
    # The bot is down until Wednesday: the due-soon case is now overdue, which is a new reminder.
    later = pending_reminders(store, date(2025, 6, 11), days_before=3)
    assert [(r.kind, r.item.ref) for r in later] == [("overdue", cases["soon"])]
    store.close()


def test_a_reminder_that_could_not_be_posted_is_released_and_tried_again(cases, path):
    store = Store(path)
    [first, *_] = pending_reminders(store, TODAY)
    claim(store, first.key)
    release(store, first.key)
    assert first.key in [r.key for r in pending_reminders(store, TODAY)]
    store.close()


def test_a_new_due_date_after_a_clarification_brings_a_new_reminder(cases, path):
    store = Store(path)
    reg = Register(store, today=lambda: TODAY)
    for r in pending_reminders(store, TODAY):
        claim(store, r.key)
    reg.set_status(cases["waiting"], "new", "alice", on=date(2025, 6, 4))  # clarified: due 2 July
    assert pending_reminders(store, TODAY) == []
    [r] = [r for r in pending_reminders(store, date(2025, 6, 27)) if r.item.ref == cases["waiting"]]
    assert r.key == f"due_soon:{cases['waiting']}:2025-07-02" and r.item.working_days_left == 3
    store.close()


def test_the_digest_goes_once_a_working_day(cases, path):
    store = Store(path)
    d = pending_digest(store, TODAY)
    assert d is not None and claim(store, d.key)
    assert pending_digest(store, TODAY) is None
    store.close()
    store = Store(path)
    assert pending_digest(store, TODAY) is None  # not again after a restart
    assert pending_digest(store, date(2025, 6, 7)) is None  # Saturday
    assert pending_digest(store, date(2025, 6, 9)) is not None  # Monday
    store.close()


def test_due_command(cases, path, capsys):
    assert main(["--db", str(path), "due", "--today", "2025-06-06"]) == 0
    out = capsys.readouterr().out
    assert "FOI digest for Fri 6 Jun 2025" in out and cases["soon"] in out and cases["later"] not in out
    assert main(["--db", str(path), "due", "--today", "2025-06-06", "--json", "--within", "20"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {i["ref"] for i in data["due_soon"]} == {cases["soon"], cases["later"]}
