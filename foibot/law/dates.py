"""Dates as foibot reads and writes them: one parser (day first, as UK officers write), one formatter,
and ``today()`` (which ``FOIBOT_TODAY`` fixes for tests and scripted runs)."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil import parser as date_parser

from foibot.errors import InputError

UK_TIMEZONE = ZoneInfo("Europe/London")


def today() -> date:
    """Today's date in the UK, or ``$FOIBOT_TODAY`` (an ISO date) when set, so runs can be replayed."""
    fixed = os.environ.get("FOIBOT_TODAY", "").strip()
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise InputError(f"FOIBOT_TODAY={fixed!r} is not an ISO date such as 2026-11-28") from None
    return datetime.now(UK_TIMEZONE).date()


_today = today  # parse_date's keyword argument shadows the name


def format_day(d: date) -> str:
    """The short form used in chat, lists and reports: ``Tue 10 Nov 2026``."""
    return f"{d:%a} {d.day} {d:%b %Y}"


def format_long(d: date) -> str:
    """The form used in letters: ``10 November 2026``."""
    return f"{d.day} {d:%B %Y}"


# --- parsing --------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_UK_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d+)$")
_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
_LEADING_WEEKDAY = re.compile(rf"^(?:{'|'.join(_WEEKDAYS)})\.?,?\s+", re.I)
_EXAMPLES = "e.g. 28/09/2019, 2019-09-28 or 28 September 2019"


def _make_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(f"{text!r} is not a real date (day first: {_EXAMPLES})") from None


def parse_date(text: str, *, today: date | None = None) -> date:
    """Read a date the way a UK FOI officer writes it (day first), or "today" / "yesterday".

    Accepts ISO (2019-09-28), 28/09/2019, 28 September 2019 and Sat 28 Mar 2026. A timestamp
    with a time zone is converted to its UK local date. Raises InputError for empty input,
    nonsense, a date missing its day, month or year, a two-digit year, or a wrong weekday.
    """
    raw = (text or "").strip()
    if not raw:
        raise InputError(f"no date given ({_EXAMPLES})")
    today = today or _today()
    lowered = raw.lower()
    if lowered == "today":
        return today
    if lowered == "yesterday":
        return today - timedelta(days=1)

    numeric = _parse_numeric(raw)
    if numeric:
        _check_weekday(raw, numeric)
        return numeric
    return _parse_words(raw)


def _check_weekday(raw: str, written: date) -> None:
    """A weekday named in the text must match the date as written (before any time-zone change)."""
    for word in re.findall(r"[a-z]+", raw.lower()):
        if word in _WEEKDAYS and _WEEKDAYS[word] != written.weekday():
            raise InputError(f"{raw!r}: {written.day} {written:%B %Y} is a {written:%A}, not a {word.title()}")


def _parse_numeric(raw: str) -> date | None:
    """Strict all-number dates (an optional weekday first): year-month-day or day/month/year."""
    numbers = _LEADING_WEEKDAY.sub("", raw)
    if numbers.isdecimal() and len(numbers) == 8:  # 20250210: ISO 8601's basic form, never 2 October
        return _make_date(raw, int(numbers[:4]), int(numbers[4:6]), int(numbers[6:]))
    if match := _ISO.match(numbers):
        year, month, day = map(int, match.groups())
        return _make_date(raw, year, month, day)
    if match := _UK_NUMERIC.match(numbers):
        day, month, year_text = match.groups()
        if len(year_text) != 4:
            raise InputError(f"{raw!r}: write the year in full ({_EXAMPLES})")
        return _make_date(raw, int(year_text), int(month), int(day))
    return None


def _parse_words(raw: str) -> date:
    """Dates with a month name, and timestamps, via dateutil (day first, not fuzzy)."""
    try:
        # Two different defaults: a field the text does not give shows up as a difference.
        first = date_parser.parse(raw, dayfirst=True, fuzzy=False, default=datetime(2001, 1, 1))
        second = date_parser.parse(raw, dayfirst=True, fuzzy=False, default=datetime(2002, 2, 2))
    except (ValueError, OverflowError):
        raise InputError(f"cannot read {raw!r} as a date ({_EXAMPLES})") from None
    if first.date() != second.date():
        raise InputError(f"{raw!r} is not a full date: give the day, month and year ({_EXAMPLES})")
    if not re.search(r"\d{4}", raw):
        raise InputError(f"{raw!r}: write the year in full ({_EXAMPLES})")
    _check_weekday(raw, first.date())
    if first.tzinfo is not None:
        first = first.astimezone(UK_TIMEZONE)
    return first.date()
