"""Dates as officers type them in a chat: "28/9/19", "28th September", "yesterday", "last Friday".

Relative forms count from ``today`` (which ``FOIBOT_TODAY`` fixes for tests). A day and month without a year
mean the most recent such day that is not in the future, or with ``ahead`` (a letter date) or ``planning`` (a
date a deadline is planned from: ``foibot deadline``, ``/foi deadline``) the nearest such day either side: "St
Andrew's Day" said on 26 November is the coming one, not last year's. A weekday named with a date must agree
with it ("Thursday 1st Oct" in 2019 is asked back). Words around a date ("the QP signed it off on 15/10",
"emailed us Sat", "1 Oct (a Tuesday) - logged late") are dropped when they hold no other date or day. A
numeric date that can only be American ("09/28/2019") is read as one. A two-digit year is the year ending in
those digits nearest to today ("1/6/29" said in 2027 is 1 June 2029, "28/9/95" is 1995). Anything else goes to
the one strict parser, :func:`foibot.law.dates.parse_date`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

from foibot.conversation.reading_phrases import NUMBER_WORDS, spelt_ordinals
from foibot.errors import InputError
from foibot.law.dates import format_long, parse_date

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), 1)}
_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday"))}
_WEEKDAY_ABBR = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|(?:tues|wednes|thurs|satur)day"
_FILLER = re.compile(rf"^(?:(?:it|we|they)\s+(?:was|were|came|arrived|got it)\s+)?(?:(?:on|the|received|"
                     rf"it came in|came in|in|date it|dated|make it)\s+)*"
                     rf"(?:(?:{_WEEKDAY_ABBR})\.?,?\s+(?=\d|the\b))?(?:the\s+)?")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s*(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{2}|\d{4}|last year|this year))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{2}|\d{4}|last year|this year))?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$")
_AGO = re.compile(r"^(?:(a|an|one|two|three|four|five|six|seven|\d+)\s+)?(day|week|fortnight)s?\s+ago(?:\s+today)?$")
_OF_MONTH = re.compile(r"^(\d{1,2})\s+of\s+(this|next|last)\s+month$")
_WEEK_ON = re.compile(r"^(?:(?:a\s+)?week\s+on\s+([a-z]+)|([a-z]+)\s+week)$")  # "a week on Tuesday", "Tuesday week"
_BEFORE_LAST = re.compile(r"^([a-z]+)\s+(before\s+last|after\s+next)$")  # "the Monday before last"
_WEEK_LAST = re.compile(r"^(?:a\s+)?week\s+last\s+([a-z]+)$")  # "a week last Monday": the Monday before last
_DAYS = {"day": 1, "week": 7, "fortnight": 14}
_ABBREVIATIONS = {"mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "weds": "wednesday",
                  "thu": "thursday", "thur": "thursday", "thurs": "thursday", "fri": "friday", "sat": "saturday",
                  "sun": "sunday"}
_VAGUE = re.compile(r"(?:\bw/c\b|\b(?:wc|next|coming|week|weeks|around|about|approx\w*|roughly|circa|before|after|"
                    r"by|end|mid|over|during|throughout|sometime|some time|"
                    r"early|late|since|from|until|till|between|or|not)\b)")
_DATE_WORD = re.compile(rf"\d|\b(?:{'|'.join(_MONTHS)})[a-z]*\b|\b(?:{_WEEKDAY_ABBR})\b|\b(?:today|yesterday)\b")
_BARE_DAY = re.compile(r"^(\d{1,2})$")
_COUNTS = {"a": 1, "an": 1} | NUMBER_WORDS
_LATIN_MONTHS = {"inst": "this", "ult": "last", "prox": "next"}  # letter-writers' "the 3rd inst." (of this month)
_LATIN_MONTH = re.compile(r"^(\d{1,2})\s+(inst|ult|prox)\.?$")
_BARE_DAY_REACH = 45  # "the 31st" said on 30 December: 31 October is too far back to be meant without its month


def read_date(text: str, *, today: date, ahead: bool = False, named_days: Mapping[str, str] | None = None,
              planning: bool = False) -> date:
    """The date a reply names (see the module docstring). Raises InputError saying what was not understood.
    ``named_days`` (the vocabulary's, "christmas eve": "24 december") are read as their day and month: the one
    reader for the chat, the command line and /foi. ``planning``: a day and month without a year (a named day)
    is the nearest such day either side, as ``ahead`` reads it; weekdays and other words keep their reading."""
    raw = " ".join(spelt_ordinals(with_named_days(text, named_days or {})).split())
    try:
        day = _read(raw, today, ahead, planning)
    except InputError:
        day = _after_words(raw, today, ahead, planning)
        head = _before_aside(raw)
        if day is None and head != raw:
            day = _within_words(head, today, ahead, planning)
        if day is None:
            raise
    named = _weekday_named(raw)
    if named is not None and day.weekday() != named:
        raise InputError(f"{raw!r}: {format_long(day)} is a {day.strftime('%A')}, not a "
                         f"{list(_WEEKDAYS)[named].capitalize()}. Which date did you mean?")
    return day


def with_named_days(text: str, named_days: Mapping[str, str]) -> str:
    """The text with days known by name written as their day and month ("Christmas Eve" is "24 december")."""
    for name, day in named_days.items():
        text = re.sub(rf"(?<![\w']){re.escape(name)}(?![\w'])", day, text.replace("’", "'"), flags=re.I)
    return text


def _before_aside(raw: str) -> str:
    """The reply before a remark that names no date ("28 Sept (it went to spam)" gives "28 Sept"); a weekday
    in brackets ("(a Saturday)") is left for the check that it agrees with the date."""
    bare = re.sub(rf"\s*\((?:on\s+)?(?:a\s+)?(?:{_WEEKDAY_ABBR})\)", "", raw, flags=re.I)
    match = re.search(r"\s+\(|\s+[-–]\s+|,\s+", bare)
    if match and _DATE_WORD.search(bare[match.start():].lower()):
        return raw
    return bare[:match.start()].strip() if match else bare


def _within_words(raw: str, today: date, ahead: bool, planning: bool = False) -> date | None:
    """The date a reply's head names, alone or after words (see :func:`_after_words`)."""
    try:
        return _read(raw, today, ahead, planning)
    except InputError:
        return _after_words(raw, today, ahead, planning)


def _after_words(raw: str, today: date, ahead: bool, planning: bool = False) -> date | None:
    """The date at the end of a reply whose other words name no other date and do not make it vague ("the QP
    signed it off on 15/10", but not "w/c 3rd" or "before the 28th")."""
    words = raw.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:-size]).lower()
        if _VAGUE.search(head) or _DATE_WORD.search(head):
            return None
        try:
            return _read(" ".join(words[-size:]), today, ahead, planning)
        except InputError:
            continue
    return None


def _weekday_named(raw: str) -> int | None:
    """The weekday a reply names beside a day of the month ("Tues 1 Oct"), if any."""
    lowered = raw.lower()
    if not re.search(r"\d", lowered):
        return None
    found = re.search(rf"\b({_WEEKDAY_ABBR})\b", lowered)
    if not found:
        return None
    word = found.group(1)
    return _WEEKDAYS.get(_ABBREVIATIONS.get(word, word))


def _read(raw: str, today: date, ahead: bool, planning: bool = False) -> date:
    named_day = bool(_ORDINAL.search(raw.lower()) or re.match(r"^(?:on\s+)?the\s+\d", raw.lower()))
    lowered = _ORDINAL.sub(r"\1", raw.lower().rstrip(".!"))
    lowered = _FILLER.sub("", lowered).strip()
    lowered = _LATIN_MONTH.sub(lambda m: f"{m[1]} of {_LATIN_MONTHS[m[2]]} month", lowered)  # "3rd inst."
    relative = _relative(lowered, today, ahead)
    if relative:
        return relative
    bare = _BARE_DAY.match(lowered)
    if bare and named_day:  # "the 28th", "on the 28th", "Mon 28th": the most recent (or nearest) such day
        day = int(bare.group(1))
        month_start = today.replace(day=1)
        earlier = (month_start - timedelta(days=1)).replace(day=1)  # two months back: "the 31st" in early December
        months = [(earlier - timedelta(days=1)).replace(day=1), earlier, month_start,
                  (month_start + timedelta(days=32)).replace(day=1)]
        found = _choose([_on(start, day) for start in months], today, ahead)
        if found is None or abs((today - found).days) > _BARE_DAY_REACH:
            raise InputError(f"{raw!r}: no recent month has a day {day}; which month?")
        return found
    for pattern, order in ((_NUMERIC, "dmy"), (_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
        match = pattern.match(lowered)
        if not match:
            continue
        first, second, year_text = match.groups()
        american = pattern is _NUMERIC and int(second) > 12 >= int(first)  # "09/28/2019" has no 28th month
        day_text, month_text = (first, second) if order == "dmy" and not american else (second, first)
        month = int(month_text) if month_text.isdecimal() else _month(month_text)
        if month is None:
            break
        return _build(raw, int(day_text), month, year_text, today, ahead or planning)
    return parse_date(raw, today=today)


def _on(start: date, day: int) -> date | None:
    try:
        return start.replace(day=day)
    except ValueError:
        return None


def _choose(found: list[date | None], today: date, ahead: bool) -> date | None:
    """The most recent date not after today, or with ``ahead`` the nearest one either side."""
    dates = [d for d in found if d is not None]
    if ahead:
        return min(dates, key=lambda d: (abs((d - today).days), d < today), default=None)
    return max((d for d in dates if d <= today), default=None)


def _weekday(word: str) -> int | None:
    return _WEEKDAYS.get(_ABBREVIATIONS.get(word, word))


def _coming(today: date, weekday: int) -> date:
    """The next such weekday after today."""
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _gone(today: date, weekday: int) -> date:
    """The last such weekday before today."""
    return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)


def _counted(text: str, today: date) -> date | None:
    """Weeks and months counted in words: "a week on Tuesday", "the Monday before last", "the 1st of next month"."""
    week_on = _WEEK_ON.match(text)
    day = _weekday((week_on.group(1) or week_on.group(2)) if week_on else "")
    if day is not None:
        return _coming(today, day) + timedelta(days=7)
    week_last = _WEEK_LAST.match(text)
    day = _weekday(week_last.group(1)) if week_last else None
    if day is not None:
        return _gone(today, day) - timedelta(days=7)
    around = _BEFORE_LAST.match(text)
    day = _weekday(around.group(1)) if around else None
    if day is not None:
        return _gone(today, day) - timedelta(days=7) if around.group(2).startswith("before") \
            else _coming(today, day) + timedelta(days=7)
    of_month = _OF_MONTH.match(text)
    if of_month:
        start = today.replace(day=1)
        if of_month.group(2) == "next":
            start = (start + timedelta(days=32)).replace(day=1)
        elif of_month.group(2) == "last":
            start = (start - timedelta(days=1)).replace(day=1)
        found = _on(start, int(of_month.group(1)))
        if found is None:
            raise InputError(f"{text!r}: that month has no day {of_month.group(1)}.")
        return found
    return None


_PART_OF_DAY = r"(?:(?:early|late|first thing)\s+)?"
_TODAY = re.compile(rf"{_PART_OF_DAY}(?:today|this morning|this afternoon|this evening|earlier today)")
_YESTERDAY = re.compile(rf"{_PART_OF_DAY}(?:yesterday(?:\s+(?:morning|afternoon|evening))?|yday|last night)")


def _relative(text: str, today: date, ahead: bool = False) -> date | None:
    if _TODAY.fullmatch(text) or text in ("today's date", "todays date"):
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    if _YESTERDAY.fullmatch(text):
        return today - timedelta(days=1)
    if text == "day before yesterday":
        return today - timedelta(days=2)
    ago = _AGO.match(text)
    if ago:
        count = int(ago.group(1)) if (ago.group(1) or "").isdecimal() else _COUNTS[ago.group(1) or "a"]
        return today - timedelta(days=count * _DAYS[ago.group(2)])
    counted = _counted(text, today)
    if counted is not None:
        return counted
    coming = re.fullmatch(r"(?:next|this coming|coming)\s+([a-z]+)", text)  # "next Tuesday": the one to come
    day_ahead = _ABBREVIATIONS.get(coming.group(1), coming.group(1)) if coming else ""
    if day_ahead in _WEEKDAYS:
        ahead_by = (_WEEKDAYS[day_ahead] - today.weekday()) % 7 or 7
        if coming.group(0).startswith("next ") and today.weekday() + ahead_by < 7 and ahead_by > 1:
            sooner = today + timedelta(days=ahead_by)
            raise InputError(f"'{text}' could be {format_long(sooner)} or {format_long(sooner + timedelta(days=7))}; "
                             "which date?")  # "next Friday" said on a Monday: this week's or the week after
        return today + timedelta(days=ahead_by)
    match = re.fullmatch(r"(last|this|on|this past)?\s*([a-z]+)(?:\s+just gone|\s+last week)?", text)
    weekday = _ABBREVIATIONS.get(match.group(2), match.group(2)) if match else ""
    if match and weekday in _WEEKDAYS and ahead and match.group(1) in (None, "this", "on") \
            and not re.search(r"just gone|last week", text):  # a letter dated "Friday": the one coming
        return today + timedelta(days=(_WEEKDAYS[weekday] - today.weekday()) % 7)
    if match and weekday in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS[weekday]) % 7
        if back == 0 and (match.group(1) == "last" or text.endswith(("just gone", "last week"))):
            back = 7
        return today - timedelta(days=back)
    return None


def _month(word: str) -> int | None:
    return _MONTHS.get(word[:3]) if len(word) >= 3 and (word[:3] in _MONTHS) else None


def _build(raw: str, day: int, month: int, year_text: str | None, today: date, ahead: bool = False) -> date:
    if year_text is None:
        found = _choose([_day(year, month, day) for year in (today.year - 1, today.year, today.year + 1)], today,
                        ahead)
        if found is None:
            raise InputError(f"{raw!r} is not a date (day {day} of month {month} does not exist).")
        return found
    year = today.year - (year_text == "last year") if year_text.endswith("year") \
        else nearest_year(int(year_text), today) if len(year_text) == 2 else int(year_text)
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(f"{raw!r} is not a date: {year} has no day {day} in month {month}.") from None


def nearest_year(two_digits: int, today: date) -> int:
    """A two-digit year as the year ending in those digits nearest to today ("29" in 2027 is 2029, "95" is 1995)."""
    century = today.year - today.year % 100
    return min((century - 100 + two_digits, century + two_digits, century + 100 + two_digits),
               key=lambda year: (abs(year - today.year), year))


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
