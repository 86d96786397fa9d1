"""Dates as officers type them in a chat: "28/9/19", "28th September", "yesterday", "last Friday".

Relative forms count from ``today`` (which ``FOIBOT_TODAY`` fixes for tests). A day and month without a
year mean the most recent such day that is not in the future. Anything else goes to the one strict
parser, :func:`foibot.law.dates.parse_date`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from foibot.errors import InputError
from foibot.law.dates import parse_date

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), 1)}
_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday"))}
_WEEKDAY_ABBR = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|(?:tues|wednes|thurs|satur)day"
_FILLER = re.compile(rf"^(?:(?:it|we|they)\s+(?:was|were|came|arrived|got it)\s+)?(?:(?:on|the|received|"
                     rf"it came in|came in)\s+)*(?:(?:{_WEEKDAY_ABBR})\.?,?\s+(?=\d|the\b))?(?:the\s+)?")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s*(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{2}|\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{2}|\d{4}))?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$")
_AGO = re.compile(r"^(a|an|one|two|three|four|five|six|seven|\d+)\s+(day|week)s?\s+ago$")
_ABBREVIATIONS = {"mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "weds": "wednesday",
                  "thu": "thursday", "thur": "thursday", "thurs": "thursday", "fri": "friday", "sat": "saturday",
                  "sun": "sunday"}
_BARE_DAY = re.compile(r"^(\d{1,2})$")
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def read_date(text: str, *, today: date) -> date:
    """The date a reply names. Raises InputError saying what was not understood."""
    raw = " ".join(text.split())
    named_day = bool(_ORDINAL.search(raw.lower()) or re.match(r"^(?:on\s+)?the\s+\d", raw.lower()))
    lowered = _ORDINAL.sub(r"\1", raw.lower().rstrip(".!"))
    lowered = _FILLER.sub("", lowered).strip()
    relative = _relative(lowered, today)
    if relative:
        return relative
    bare = _BARE_DAY.match(lowered)
    if bare and named_day:  # "the 28th", "on the 28th", "Mon 28th": the most recent such day
        day = int(bare.group(1))
        month_start = today.replace(day=1)
        for start in (month_start, (month_start - timedelta(days=1)).replace(day=1)):
            try:
                candidate = start.replace(day=day)
            except ValueError:
                continue
            if candidate <= today:
                return candidate
        raise InputError(f"{raw!r}: no recent month has a day {day}.")
    for pattern, order in ((_NUMERIC, "dmy"), (_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
        match = pattern.match(lowered)
        if not match:
            continue
        first, second, year_text = match.groups()
        day_text, month_text = (first, second) if order == "dmy" else (second, first)
        month = int(month_text) if month_text.isdigit() else _month(month_text)
        if month is None:
            break
        return _build(raw, int(day_text), month, year_text, today)
    return parse_date(raw, today=today)


def _relative(text: str, today: date) -> date | None:
    if text in ("today", "this morning", "this afternoon", "earlier today"):
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    if text in ("yesterday", "yday", "yesterday morning", "yesterday afternoon"):
        return today - timedelta(days=1)
    if text == "day before yesterday":
        return today - timedelta(days=2)
    ago = _AGO.match(text)
    if ago:
        count = int(ago.group(1)) if ago.group(1).isdigit() else _COUNTS[ago.group(1)]
        return today - timedelta(days=count * (7 if ago.group(2) == "week" else 1))
    match = re.fullmatch(r"(last|this|on|this past)?\s*([a-z]+)(?:\s+just gone|\s+last week)?", text)
    weekday = _ABBREVIATIONS.get(match.group(2), match.group(2)) if match else ""
    if match and weekday in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS[weekday]) % 7
        if back == 0 and match.group(1) == "last":
            back = 7
        return today - timedelta(days=back)
    return None


def _month(word: str) -> int | None:
    return _MONTHS.get(word[:3]) if len(word) >= 3 and (word[:3] in _MONTHS) else None


def _build(raw: str, day: int, month: int, year_text: str | None, today: date) -> date:
    if year_text is None:
        for year in (today.year, today.year - 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate <= today:
                return candidate
        raise InputError(f"{raw!r} is not a date (day {day} of month {month} does not exist).")
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if 2000 + year <= today.year else 1900
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(f"{raw!r} is not a date: {year} has no day {day} in month {month}.") from None
