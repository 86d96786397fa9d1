"""Working days and due dates (foi-law.md 1.1-1.7)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foibot.errors import HolidayDataError, InputError
from foibot.law.deadlines import (
    HOLIDAY_DATA_UNTIL,
    Deadline,
    Regime,
    SkippedDay,
    add_working_days,
    due_date,
    is_working_day,
    non_working_reason,
    parse_date,
    parse_regime,
    review_target,
    review_window_end,
    working_days_between,
)
from foibot.surfaces.cli import main


def d(text: str) -> date:
    return date.fromisoformat(text)


def england_and_wales_only(start: date, n: int) -> date:
    """The common bug (foi-law 1.5): count with the England-and-Wales list alone, straight from the library."""
    ew = holidays.country_holidays("GB", subdiv="ENG", years=range(start.year, start.year + 2))
    day, count = start, 0
    while count < n:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in ew:
            count += 1
    return day


# --- foi-law.md 1.7 worked examples -----------------------------------------------------------

# (number, received, due, skipped non-working weekdays), FOIA, 20 working days.
PLAIN_EXAMPLES = [
    (1, "2025-03-14", "2025-04-14", ["2025-03-17"]),
    (2, "2025-07-01", "2025-07-30", ["2025-07-14"]),
    (3, "2025-11-28", "2025-12-31", ["2025-12-01", "2025-12-25", "2025-12-26"]),
    (4, "2025-12-01", "2025-12-31", ["2025-12-25", "2025-12-26"]),
    (5, "2025-12-19", "2026-01-22", ["2025-12-25", "2025-12-26", "2026-01-01", "2026-01-02"]),
    (6, "2024-11-29", "2025-01-03", ["2024-12-02", "2024-12-25", "2024-12-26", "2025-01-01", "2025-01-02"]),
    (7, "2024-03-11", "2024-04-11", ["2024-03-18", "2024-03-29", "2024-04-01"]),
    (8, "2026-03-28", "2026-04-28", ["2026-04-03", "2026-04-06"]),
    (9, "2026-07-20", "2026-08-18", ["2026-08-03"]),
    (10, "2026-11-10", "2026-12-09", ["2026-11-30"]),
    (11, "2026-03-17", "2026-04-16", ["2026-04-03", "2026-04-06"]),
]


@pytest.mark.parametrize(("number", "received", "due", "skipped"), PLAIN_EXAMPLES, ids=lambda v: str(v))
def test_worked_examples_1_to_11(number: int, received: str, due: str, skipped: list[str]) -> None:
    deadline = due_date(d(received))
    assert deadline.due == d(due)
    assert [s.day for s in deadline.skipped] == [d(x) for x in skipped]
    assert deadline.working_days == 20
    assert deadline.received == d(received)
    # EIR reg 5(2) uses the same working days.
    assert due_date(d(received), Regime.EIR).due == d(due)


def test_example_12_clarification_restarts_the_clock() -> None:
    deadline = due_date(d("2025-06-02"), clarification_received=d("2025-06-10"))
    assert deadline.due == d("2025-07-08")  # a fresh 20 wd from 10 Jun
    assert deadline.received == d("2025-06-10")
    assert deadline.skipped == ()
    assert due_date(d("2025-06-02")).due == d("2025-06-30")  # not "30 Jun" ...
    assert deadline.due != add_working_days(d("2025-06-30"), 4)  # ... nor "30 Jun + 4" (a pause)
    assert "s10(6)(b)" in deadline.rule


def test_example_13_fee_days_disregarded() -> None:
    deadline = due_date(d("2025-06-02"), fee_notice_given=d("2025-06-09"), fee_received=d("2025-06-16"))
    assert deadline.due == d("2025-07-08")
    assert deadline.skipped == ()
    assert "6 working days disregarded" in deadline.rule
    assert due_date(d("2025-06-02")).due == d("2025-06-30")


@pytest.mark.parametrize(("regime", "extension"), [(Regime.FOIA, "pit"), (Regime.EIR, "reg7")])
def test_example_14_forty_day_extensions(regime: Regime, extension: str) -> None:
    received = d("2025-11-03")
    plain = due_date(received, regime)
    assert plain.due == d("2025-12-02")
    assert [s.day for s in plain.skipped] == [d("2025-12-01")]
    extended = due_date(received, regime, extension=extension)
    assert extended.due == d("2026-01-05")
    assert extended.working_days == 40
    assert [s.day for s in extended.skipped] == [
        d("2025-12-01"), d("2025-12-25"), d("2025-12-26"), d("2026-01-01"), d("2026-01-02"),
    ]  # fmt: skip
    assert "Tue 2 Dec 2025" in extended.rule  # the s17(1) notice / reg 7(3) notice is still due at day 20


@pytest.mark.parametrize(
    ("regime", "exceptional", "due", "days"),
    [
        (Regime.FOIA, False, "2026-02-02", 20),
        (Regime.FOIA, True, "2026-03-02", 40),
        (Regime.EIR, False, "2026-03-02", 40),
    ],
)
def test_example_15_review_targets(regime: Regime, exceptional: bool, due: str, days: int) -> None:
    target = review_target(d("2026-01-05"), exceptional=exceptional, regime=regime)
    assert (target.due, target.working_days, target.skipped) == (d(due), days, ())


def test_example_16_requester_review_window() -> None:
    assert review_window_end(d("2025-07-01")) == d("2025-08-29")
    # The days it skipped: 14 Jul (NI), 4 Aug (S), 25 Aug.
    assert [x for x in (d("2025-07-14"), d("2025-08-04"), d("2025-08-25")) if not is_working_day(x)] == [
        d("2025-07-14"), d("2025-08-04"), d("2025-08-25"),
    ]  # fmt: skip
    assert england_and_wales_only(d("2025-07-01"), 40) == d("2025-08-27")


# --- UK-wide union vs England-and-Wales-only ------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "uk_due", "ew_due", "part_day", "reason"),
    [
        ("2025-03-14", "2025-04-14", "2025-04-11", "2025-03-17", "St Patrick's Day (Northern Ireland)"),  # ex 1
        ("2025-07-01", "2025-07-30", "2025-07-29", "2025-07-14",
         "Battle of the Boyne (substitute day, Northern Ireland)"),  # ex 2
        ("2025-11-28", "2025-12-31", "2025-12-30", "2025-12-01", "St Andrew's Day (substitute day, Scotland)"),  # ex 3
        ("2026-07-20", "2026-08-18", "2026-08-17", "2026-08-03", "Summer Bank Holiday (Scotland)"),  # ex 9
        ("2026-11-10", "2026-12-09", "2026-12-08", "2026-11-30", "St Andrew's Day (Scotland)"),  # ex 10
    ],
)  # fmt: skip
def test_part_of_uk_holiday_moves_foia_due_date(
    received: str, uk_due: str, ew_due: str, part_day: str, reason: str
) -> None:
    assert england_and_wales_only(d(received), 20) == d(ew_due)
    assert due_date(d(received)).due == d(uk_due)
    day = d(part_day)
    parts = {p for p in ("ENG", "SCT", "NIR") if day in holidays.country_holidays("GB", subdiv=p, years=day.year)}
    assert parts in ({"SCT"}, {"NIR"})  # a holiday in only one part of the UK
    assert non_working_reason(d(part_day)) == reason


# foi-law.md 1.6 as written (weekday bank holidays, UK-wide union).
FOI_LAW_1_6 = {
    2024: ["01-01", "01-02", "03-18", "03-29", "04-01", "05-06", "05-27", "07-12", "08-05", "08-26", "12-02",
           "12-25", "12-26"],
    2025: ["01-01", "01-02", "03-17", "04-18", "04-21", "05-05", "05-26", "07-14", "08-04", "08-25", "12-01",
           "12-25", "12-26"],
    2026: ["01-01", "01-02", "03-17", "04-03", "04-06", "05-04", "05-25", "07-13", "08-03", "08-31", "11-30",
           "12-25", "12-28"],
}  # fmt: skip


@pytest.mark.parametrize("year", sorted(FOI_LAW_1_6))
def test_holiday_union_matches_foi_law_table_except_world_cup_day(year: int) -> None:
    start = date(year, 1, 1)
    ours = {start + timedelta(i) for i in range(366 if year == 2024 else 365)}
    ours = {x for x in ours if x.weekday() < 5 and not is_working_day(x)}
    expected = {d(f"{year}-{md}") for md in FOI_LAW_1_6[year]}
    # foi-law 1.6 predates the one-off Scottish "World Cup bank holiday" on Mon 15 Jun 2026, appointed by
    # Royal Proclamation under s1(3) of the Banking and Financial Dealings Act 1971 (announced 4-5 Feb 2026,
    # listed on gov.uk/bank-holidays.json). Being a bank holiday in a part of the UK, it is a FOIA
    # non-working day everywhere (s10(6)). The library is right; the table is out of date.
    if year == 2026:
        expected.add(d("2026-06-15"))
    assert ours == expected


def test_world_cup_bank_holiday_moves_a_2026_foia_due_date() -> None:
    # No 1.7 example spans 15 Jun 2026, so this is the example that shows it matters.
    deadline = due_date(d("2026-06-01"))
    assert deadline.due == d("2026-06-30")
    assert deadline.skipped == (SkippedDay(d("2026-06-15"), "World Cup bank holiday (Scotland)"),)
    assert england_and_wales_only(d("2026-06-01"), 20) == d("2026-06-29")
    assert due_date(d("2026-06-01"), Regime.FOISA).due == d("2026-06-30")


# --- FOISA ------------------------------------------------------------------------------------


def test_foisa_uses_scottish_holidays_only() -> None:
    # foi-law 1.4 contrast: 17 Mar 2025 (NI) is a working day in Scotland.
    assert due_date(d("2025-03-14"), Regime.FOISA).due == d("2025-04-11")
    assert due_date(d("2025-03-14"), Regime.FOISA).skipped == ()
    # ... and example 3 still skips St Andrew's Day substitute.
    foisa = due_date(d("2025-11-28"), Regime.FOISA)
    assert foisa.skipped[0] == SkippedDay(d("2025-12-01"), "St Andrew's Day (substitute day)")
    assert foisa.due == d("2025-12-31")
    assert is_working_day(d("2026-04-06"), Regime.FOISA)  # Easter Monday is not Scottish
    assert not is_working_day(d("2026-04-06"), Regime.FOIA)
    assert "FOISA s10(1)" in foisa.rule


def test_foisa_review_is_20_scottish_working_days() -> None:
    # 20 wd after Tue 21 Jul 2026, skipping Mon 3 Aug (Scotland): Wed 19 Aug under both regimes.
    target = review_target(d("2026-07-21"), regime=Regime.FOISA)
    assert (target.due, target.working_days) == (d("2026-08-19"), 20)
    assert review_target(d("2026-07-21")).due == d("2026-08-19")
    assert review_target(d("2026-03-26"), regime=Regime.FOISA).due == d("2026-04-24")  # only Good Friday skipped
    assert review_target(d("2026-03-26")).due == d("2026-04-27")  # FOIA also skips Easter Monday


@pytest.mark.parametrize("extension", ["pit", "reg7"])
def test_foisa_has_no_extensions(extension: str) -> None:
    with pytest.raises(InputError, match="FOISA"):
        due_date(d("2026-01-05"), Regime.FOISA, extension=extension)


# --- receipt on a non-working day ------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "day_one", "due"),
    [("2025-12-01", "2025-12-02", "2025-12-31"), ("2026-03-28", "2026-03-30", "2026-04-28")],  # ex 4, ex 8
)
def test_receipt_on_non_working_day_counts_from_next_working_day(received: str, day_one: str, due: str) -> None:
    assert not is_working_day(d(received))
    assert add_working_days(d(received), 1) == d(day_one)
    assert due_date(d(received)).due == d(due)


def test_treating_weekend_receipt_as_monday_is_a_day_late() -> None:
    # Example 8: "treat as received Monday" practice gives Wed 29 Apr, one day more than the statute allows.
    assert add_working_days(d("2026-03-30"), 20) == d("2026-04-29")
    assert working_days_between(due_date(d("2026-03-28")).due, d("2026-04-29")) == 1


# --- building blocks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "regime", "reason"),
    [
        ("2026-03-28", Regime.FOIA, "Saturday"),
        ("2026-03-29", Regime.FOIA, "Sunday"),
        ("2026-04-03", Regime.FOIA, "Good Friday"),
        ("2026-04-06", Regime.FOIA, "Easter Monday (England, Wales and Northern Ireland)"),
        ("2027-07-12", Regime.FOIA, "Battle of the Boyne (Northern Ireland)"),
        ("2026-11-30", Regime.FOIA, "St Andrew's Day (Scotland)"),
        ("2026-11-30", Regime.FOISA, "St Andrew's Day"),
        ("2026-12-28", Regime.FOIA, "Boxing Day (substitute day)"),
        ("2026-12-25", Regime.FOISA, "Christmas Day"),
        ("2026-12-09", Regime.FOIA, None),
        ("2025-03-17", Regime.FOISA, None),
    ],
)
def test_non_working_reason(day: str, regime: Regime, reason: str | None) -> None:
    assert non_working_reason(d(day), regime) == reason
    assert is_working_day(d(day), regime) is (reason is None)


def test_working_days_between() -> None:
    received, due = d("2026-11-10"), d("2026-12-09")
    assert working_days_between(received, due) == 20
    assert working_days_between(due, received) == -20
    assert working_days_between(due, due) == 0
    assert working_days_between(due, d("2026-12-10")) == 1  # one working day late
    assert working_days_between(d("2026-11-27"), d("2026-12-01")) == 1  # weekend and St Andrew's Day skipped


@settings(max_examples=60, deadline=None, database=None)
@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2028, 9, 30)),
    n=st.integers(min_value=0, max_value=40),
    regime=st.sampled_from(list(Regime)),
)
def test_counting_round_trips(start: date, n: int, regime: Regime) -> None:
    due = add_working_days(start, n, regime)
    assert working_days_between(start, due, regime) == n
    assert n == 0 or is_working_day(due, regime)


def test_add_working_days_excluded_and_zero() -> None:
    assert add_working_days(d("2026-11-10"), 0) == d("2026-11-10")
    assert add_working_days(d("2026-12-08"), 1, excluded=[d("2026-12-09")]) == d("2026-12-10")
    with pytest.raises(InputError):
        add_working_days(d("2026-11-10"), -1)


@pytest.mark.parametrize(("text", "regime"), [("FOIA", Regime.FOIA), (" eir ", Regime.EIR), ("FoIsA", Regime.FOISA)])
def test_parse_regime(text: str, regime: Regime) -> None:
    assert parse_regime(text) is regime


@pytest.mark.parametrize("text", ["", "dpa", "foi"])
def test_parse_regime_rejects_unknown(text: str) -> None:
    with pytest.raises(InputError, match="unknown regime"):
        parse_regime(text)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"regime": Regime.EIR, "extension": "pit"}, "FOIA s10\\(3\\) only"),
        ({"regime": Regime.FOIA, "extension": "reg7"}, "EIR extension"),
        ({"extension": "60days"}, "unknown extension"),
        ({"fee_notice_given": d("2025-06-09")}, "both"),
        ({"fee_notice_given": d("2025-06-09"), "fee_received": d("2025-06-06")}, "before the fees notice"),
        ({"fee_notice_given": d("2025-05-30"), "fee_received": d("2025-06-06")}, "before the request"),
        ({"regime": Regime.EIR, "fee_notice_given": d("2025-06-09"), "fee_received": d("2025-06-16")}, "by hand"),
        ({"clarification_received": d("2025-05-30")}, "cannot arrive before"),
    ],
)
def test_due_date_rejects_bad_input(kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        due_date(d("2025-06-02"), **kwargs)


def test_review_target_exceptional_is_foia_only() -> None:
    with pytest.raises(InputError):
        review_target(d("2026-01-05"), exceptional=True, regime=Regime.EIR)


def test_deadline_to_json() -> None:
    deadline = Deadline(
        d("2026-11-10"), d("2026-12-09"), Regime.FOIA, 20, "FOIA s10(1): x",
        (SkippedDay(d("2026-11-30"), "St Andrew's Day (Scotland)"),),
    )  # fmt: skip
    assert deadline.to_json() == {
        "received": "2026-11-10", "due": "2026-12-09", "regime": "foia", "working_days": 20,
        "rule": "FOIA s10(1): x", "skipped": [{"date": "2026-11-30", "reason": "St Andrew's Day (Scotland)"}],
    }  # fmt: skip


# --- holiday data range -------------------------------------------------------------------------


def test_default_holiday_data_until() -> None:
    assert HOLIDAY_DATA_UNTIL == 2028


@pytest.mark.parametrize(
    ("call", "year"),
    [
        (lambda: due_date(d("2029-01-15")), "2028"),
        (lambda: due_date(d("2028-12-10")), "2028"),  # received in range, due date would be in 2029
        (lambda: due_date(d("2026-12-10"), holiday_data_until=2026), "2026"),
        (lambda: is_working_day(d("2029-06-01")), "2028"),
        (lambda: working_days_between(d("2028-12-01"), d("2029-01-05")), "2028"),
        (lambda: review_window_end(d("2028-11-20")), "2028"),
        (lambda: due_date(d("1999-12-01")), "2000"),
    ],
)
def test_beyond_holiday_data_refuses_to_guess(call, year: str) -> None:
    with pytest.raises(HolidayDataError, match=f"only (up to|from) {year}; check the due date by hand"):
        call()


def test_holiday_data_until_can_be_raised() -> None:
    assert due_date(d("2028-12-10"), holiday_data_until=2029).due == d("2029-01-11")


# --- parse_date ---------------------------------------------------------------------------------

TODAY = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-09-28", "2019-09-28"),
        ("28/09/2019", "2019-09-28"),
        ("8/9/2019", "2019-09-08"),  # day first
        ("03/04/2026", "2026-04-03"),
        ("28.09.2019", "2019-09-28"),
        ("28 September 2019", "2019-09-28"),
        ("September 28, 2019", "2019-09-28"),
        ("Sat 28 Mar 2026", "2026-03-28"),
        ("Saturday, 28/03/2026", "2026-03-28"),
        ("  today ", "2026-03-31"),
        ("Yesterday", "2026-03-30"),
        ("2026-03-28T23:30:00Z", "2026-03-28"),  # GMT: still 28 Mar in London
        ("2026-06-30T23:30:00Z", "2026-07-01"),  # BST: already 1 Jul in London
    ],
)
def test_parse_date_accepts(text: str, expected: str) -> None:
    assert parse_date(text, today=TODAY) == d(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no date"),
        ("   ", "no date"),
        ("hello", "cannot read"),
        ("next week", "cannot read"),
        ("March", "not a full date"),
        ("2019", "not a full date"),
        ("10-11", "not a full date"),
        ("12", "not a full date"),
        ("12/13/2019", "not a real date"),  # US order
        ("31/02/2026", "not a real date"),
        ("28/09/19", "year in full"),
        ("28 Sep 19", "year in full"),
        ("Fri 28 Mar 2026", "is a Saturday, not a Fri"),
        ("Fri 28/03/2026", "is a Saturday"),
        ("99999999999999999999", "cannot read"),
    ],
)
def test_parse_date_rejects(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_date(text, today=TODAY)


# --- CLI ----------------------------------------------------------------------------------------


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2026-11-10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"received", "due", "regime", "working_days", "rule", "skipped"}
    assert data["received"] == "2026-11-10"
    assert data["due"] == "2026-12-09"
    assert data["regime"] == "foia"
    assert data["working_days"] == 20
    assert data["rule"].startswith("FOIA s10(1)")
    assert data["skipped"] == [{"date": "2026-11-30", "reason": "St Andrew's Day (Scotland)"}]


def test_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "10/11/2026"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Received: Tue 10 Nov 2026"
    assert lines[1] == "Due: Wed 9 Dec 2026 (end of day), 20 working days, FOIA s10(1)"
    assert "Skipped: Mon 30 Nov 2026 St Andrew's Day (Scotland)" in lines


def test_cli_options(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["deadline", "2 June 2025", "--fee-notice", "9/6/2025", "--fee-paid", "16/6/2025", "--json"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2025-07-08"
    assert main(["deadline", "2025-06-02", "--clarified", "2025-06-10"]) == 0
    assert "Clarified: Tue 10 Jun 2025" in capsys.readouterr().out
    assert main(["deadline", "2025-11-03", "--regime", "EIR", "--extension", "reg7", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["due"], data["regime"], data["working_days"]) == ("2026-01-05", "eir", 40)
    assert main(["deadline", "14/03/2025", "--regime", "foisa", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2025-04-11"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["deadline", "2029-01-10"], "bank-holiday data only up to 2028"),
        (["deadline", "soon"], "cannot read 'soon'"),
        (["deadline", "2026-01-05", "--regime", "foisa", "--extension", "pit"], "FOISA"),
    ],
)
def test_cli_errors_exit_1(argv: list[str], message: str, capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOIBOT_TODAY", "2029-02-01")  # a received date is never after today
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err


def test_cli_uses_authority_holiday_data_until(tmp_path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOIBOT_TODAY", "2026-12-31")  # a received date is never after today
    (tmp_path / "authority.toml").write_text(
        'name = "Test Council"\naddress = ["1 High St"]\nemail = "foi@example.org"\n'
        "[deadlines]\nholiday_data_until = 2026\n",
        encoding="utf-8",
    )
    assert main(["--data", str(tmp_path), "deadline", "2026-12-10"]) == 1
    assert "only up to 2026" in capsys.readouterr().err
    assert main(["--data", str(tmp_path), "deadline", "2026-11-10"]) == 0


def test_deadline_defaults_to_the_profiles_regime_on_the_cli_and_in_slack(tmp_path, capsys) -> None:
    """A Scottish authority's due date counts Scottish holidays only, unless another regime is asked for.

    Received Mon 10 Mar 2025: under FOIA 17 Mar (an NI bank holiday) is skipped, under FOISA it is not."""
    from types import SimpleNamespace

    from foibot.surfaces.foi_command import deadline

    (tmp_path / "authority.toml").write_text(
        'name = "Test Council"\naddress = ["1 High St"]\nemail = "foi@example.org"\nregime = "foisa"\n',
        encoding="utf-8",
    )
    assert main(["--data", str(tmp_path), "deadline", "2025-03-10", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2025-04-07"
    assert main(["--data", str(tmp_path), "deadline", "2025-03-10", "--regime", "foia", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2025-04-08"
    for regime, due in (("foisa", "7 Apr 2025"), ("foia", "8 Apr 2025")):
        engine = SimpleNamespace(authority=SimpleNamespace(regime=regime, holiday_data_until=2026),
                                 kb=SimpleNamespace(vocabulary=SimpleNamespace(named_days={})),
                                 today=lambda: date(2025, 3, 31))
        assert due in deadline(engine, ["10/3/25"])
