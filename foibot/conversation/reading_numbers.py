"""Numbers as officers type them for a cost estimate: hours, days or weeks ("2.5 days", "eighteen hrs", "about 30
hours at £25", "£450"), a total after "=", each unit other than hours put back to the officer in hours to confirm,
and the limit itself never taken for the estimate."""

from __future__ import annotations

import re

from foibot.conversation.clipping import clip
from foibot.conversation.reading_phrases import (
    NeedsConfirm,
    spelt_numbers,
)
from foibot.conversation.state import Pending
from foibot.errors import InputError

_UNITS = {"hour": ("hour", "hours", "hr", "hrs", "h"), "day": ("day", "days"), "week": ("week", "weeks"),
          "minute": ("minute", "minutes", "min", "mins"), "month": ("month", "months")}


def read_number(said: str, prompt: str, *, path: str | None = None) -> int | float:
    """One figure ("about 40", "40hrs", "twenty five"); a range ("30-40") or a figure in units other than
    the question's is asked again, but days or weeks for hours are put back in hours to confirm ("3 days":
    "Did you mean 22.5 hours?", at a working day of 7.5 hours) when ``path`` says where to store them."""
    spelt = _DATES_IN.sub(" ", spelt_numbers(said)).replace(",", "")  # "aggregated with your request of 14 Dec"
    spelt = _fractions(spelt)
    spelt = re.sub(r"(\d+(?:\.\d+)?)k\b", lambda m: f"{float(m.group(1)) * 1000:g}", spelt)  # "£1k+"
    spelt = _worked_out(spelt, prompt)
    cited = _CITED.sub(" ", spelt)  # "refusing under s12": a section's number is no figure
    if not re.search(r"\d", cited) and re.search(r"\d", spelt):
        raise InputError(f"'{clip(said, 40)}' names an exemption, not a figure; please give the estimate, for "
                         "example 30.")
    spelt = cited
    if _OVER_BY.search(spelt):
        raise InputError(f"'{clip(said, 40)}' says how far over the limit we are; please give the whole estimate, for "
                         "example 30.")
    if re.search(r"\d\s*(?:-|–|to|or)\s*\d", spelt):
        raise InputError(f"'{clip(said, 40)}' is a range; please give one figure, for example 30.")
    _not_a_breakdown(said, spelt, prompt)
    spelt = re.sub(rf"(\d)\s*{_KIND_OF_TIME}(?=\w)", r"\1 ", spelt)  # "12 working days": 12 days
    spelt = _ONE_OFFICER.sub(" ", spelt)  # "12 days for one officer": one officer is no second figure
    aside = re.sub(r"\([^()]*\)", " ", spelt)
    spelt = aside if re.search(r"\d", aside) else spelt
    unbound = _BOUND.sub(" ", spelt)  # "well over 18 - we estimate 60": 18 is the limit, not the estimate
    limit = [b for b in _BOUND.findall(spelt) if float(b) in _LIMIT_HOURS] if asked_hours(prompt) else []
    if not re.search(r"\d", unbound) and (_THE_LIMIT.search(spelt) or limit):
        raise InputError(f"'{clip(said, 40)}' names the limit, not our estimate; please give the estimate, for "
                         "example 30.")
    spelt = unbound if re.search(r"\d", unbound) else spelt
    asked = {unit for unit, forms in _UNITS.items() if any(re.search(rf"\b{f}\b", prompt.lower()) for f in forms)}
    asked = {"pound"} if _asks_pounds(prompt) else asked  # "£15 an hour" in a pounds question is the rate
    per_hour = 1
    if asked == {"hour"} and re.search(r"£\s*\d", spelt):  # "£500 worth": staff time at the prescribed rate
        per_hour = _HOURLY_RATE
    _confirm_at_rate(spelt, asked, path)
    for unit, forms in _UNITS.items():
        if asked and unit not in asked and re.search(rf"\d\s*(?:{'|'.join(forms)})(?:'s)?\b", spelt):
            _confirm_in_hours(spelt, unit, asked, path)
            if unit != "minute" or asked != {"hour"}:
                raise InputError(f"'{clip(said, 40)}' is in {unit}s; please give the figure in "
                                 f"{' or '.join(sorted(asked))}s.")
            per_hour = 60  # minutes convert exactly
    figures = {float(f) for f in re.findall(r"\d+(?:\.\d+)?", spelt)}
    if not figures:
        raise InputError("Please give a number, for example 30.")
    if len(figures) > 1:
        raise InputError(f"'{clip(said, 40)}' gives more than one figure; please give the one estimate, for "
                         "example 30.")
    number = round(figures.pop() / per_hour, 2)  # "19.75 hours" as said
    return int(number) if number.is_integer() else number


_FRACTIONS = (
    (re.compile(r"(\d+)\s+point\s+(\d+)\b"), r"\1.\2"),  # "twenty six point five"
    (re.compile(r"\b(?:a|one)\s+(day|week|hour)\s+and\s+a\s+half\b"), r"1.5 \1s"),  # "a day and a half"
    (re.compile(r"\bhalf\s+(?:a|an)\s+(day|week|hour)\b"), r"0.5 \1"),  # "half a day"
    (re.compile(r"(\d+)\s+and\s+a\s+half\b"), r"\1.5"),  # "two and a half days"
    (re.compile(r"(\d+)\s+and\s+(?:a|one)\s+quarter\b"), r"\1.25"),
    (re.compile(r"(\d+)\s+and\s+3\s+quarters?\b"), r"\1.75"),  # "nineteen and three quarter hours"
)


def _fractions(spelt: str) -> str:
    """Fractions said in words as decimals: "26 point 5", "a day and a half", "half a day", "19 and 3 quarters"."""
    for pattern, decimal in _FRACTIONS:
        spelt = pattern.sub(decimal, spelt)
    return spelt


_OVER_BY = re.compile(r"\b(?:over|above|beyond|under)\s+(?:the\s+)?(?:limit|threshold)\s+by\b|"
                      r"\d\s*(?:hours?|hrs?|h)?\s+(?:over|above|under)\s+(?:the\s+)?(?:limit|threshold)\b")
_RATE = re.compile(r"\s*(?:at|@)\s*£\s*25(?:\.00)?\s*(?:(?:an|a|per|/)\s*(?:hour|hr|h)\b)?")


def _worked_out(spelt: str, prompt: str) -> str:
    """The estimate without its working: the total after the last "=" ("90 minutes x 20 mailboxes = 30 hours"), the
    figure in hours said first with its working after it ("140 hours - 1,100 files at about 7-8 mins each"), and
    for hours the prescribed rate ("30 hours at £25") and the same sum in pounds ("36 hours, i.e. £900")."""
    total = spelt.rpartition("=")[2]
    spelt = total if "=" in spelt and re.search(r"\d", total) else spelt
    if not asked_hours(prompt):
        return spelt
    given = _THEN_WORKING.fullmatch(spelt.strip())
    if given and len(re.findall(r"\d+(?:\.\d+)?", given["head"])) == 1 and _WORKING.search(given["rest"]):
        return given["head"]  # "140 hours - 1,100 files at about 7-8 mins each": the figure, then its working
    spelt = _EACH.sub(_product, spelt)
    spelt = _RATE.sub(" ", spelt)
    hours = {float(h) for h in re.findall(r"(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)\b", spelt)}
    return re.sub(r"£\s*(\d+(?:\.\d+)?)", lambda m: " " if float(m[1]) / _HOURLY_RATE in hours else m[0], spelt)


_THEN_WORKING = re.compile(r"(?P<head>\D*\d+(?:\.\d+)?\s*(?:hours?|hrs?|h)\b)\s*(?:[-–—:;,(]|\bbecause\b|\bas\b|"
                           r"\bi\.?e\.?\b|\bbased on\b)\s*(?P<rest>.+)", re.I)
_WORKING = re.compile(r"\d[\d\s,.-]*\s*(?:[a-z]+\s+){0,3}(?:at|x|×|@|times)\s+(?:about\s+|around\s+|roughly\s+|~)?\d|"
                      r"\b(?:each|apiece|per)\b", re.I)
_CITED = re.compile(r"\b(?:s|sec|section|reg|regulation)\.?\s*\d{1,2}[a-z]?(?:\([0-9a-z]{1,4}\))*(?![\d.])")
_EACH = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s+(?![a-z]*\s*(?:days?|weeks?|months?|hours?|hrs?|h|minutes?|mins?)\b)"
                   r"(?:[a-z]+\s+){1,3}?(?:at|x|×|@|times)\s*(\d+(?:\.\d+)?)\s*"
                   r"(minutes?|mins?|hours?|hrs?)(?:\s+(?:each|apiece|per\s+[a-z]+|a\s+[a-z]+))?\b")


def _product(found: re.Match[str]) -> str:
    """A count at a time for each ("1,250 records at 3 minutes each", "400 emails x 5 mins") as the hours it
    comes to, kept to two decimals."""
    each = float(found[2]) / (60 if found[3].startswith("m") else 1)
    hours = round(float(found[1]) * each, 2)
    return f"{hours:g} hours"


_DATES_IN = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                       r"[a-z]*\b(?:\s+\d{4})?|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")
_KIND_OF_TIME = r"(?:working|work|staff|officer|person|man|full|whole)\s+"  # "12 working days", "2 staff weeks"
_ONE_OFFICER = re.compile(r"\b(?:for|by|of|with)\s+(?:just\s+|only\s+)?(?:1|a|a single)\s+(?:officer|person|member of "
                          r"staff|staff member|member of the team|analyst|fte)\b")


def _not_a_breakdown(said: str, spelt: str, prompt: str) -> None:
    """Raise InputError for a reply with several figures and no money in it ("Searching 30 mailboxes (20 hours)
    ...") at a question asking for pounds: it explains an estimate and gives no total to store."""
    if not _asks_pounds(prompt) or re.search(r"£|\bpounds?\b|\bgbp\b|\bquid\b", spelt):
        return
    if len({float(f) for f in re.findall(r"\d+(?:\.\d+)?", spelt)}) > 1:
        raise InputError(f"'{clip(said, 40)}' gives several figures but no sum in pounds; please give the total in "
                         "pounds, for example 675, or say 'skip'.")


def _asks_pounds(prompt: str) -> bool:
    """The question asks for a sum in pounds."""
    return re.search(r"\bpounds\b", prompt.lower()) is not None


_WORKING_HOURS = {"day": 7.5, "week": 37.5}  # a working day of 7.5 hours, five to a week


def _confirm_in_hours(spelt: str, unit: str, asked: set[str], path: str | None) -> None:
    """Raise NeedsConfirm with a figure in days or weeks put in hours ("four days": 30 hours), for the officer's
    yes; the length of a working day is an assumption the officer must see, so it is never stored unasked."""
    figures = re.findall(r"\d+(?:\.\d+)?", spelt)
    if path is None or asked != {"hour"} or unit not in _WORKING_HOURS or len(set(figures)) != 1:
        return
    count = float(figures[0])
    raise _hours_to_confirm(path, count * _WORKING_HOURS[unit],
                            f"{count:g} working {unit}{'s' if count != 1 else ''} of {_WORKING_HOURS[unit]:g} hours")


_AT_RATE = re.compile(r"(\d+(?:\.\d+)?)\s*days?\s+(?:at|of|x)\s+(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)\s+"
                      r"(?:a|per|each)\s+day")


def _confirm_at_rate(spelt: str, asked: set[str], path: str | None) -> None:
    """Raise NeedsConfirm for days at a stated day's length ("12 days at 7.5 hours a day": 90 hours)."""
    found = _AT_RATE.search(spelt)
    if path is None or asked != {"hour"} or found is None:
        return
    days, rate = (float(g) for g in found.groups())
    raise _hours_to_confirm(path, days * rate, f"{days:g} days of {rate:g} hours")


def _hours_to_confirm(path: str, hours: float, how: str) -> NeedsConfirm:
    """The question back for hours worked out from the officer's days ("Did you mean 90 hours (12 working days of
    7.5 hours)?"), storing them only on a yes."""
    hours = round(hours, 2)
    return NeedsConfirm(Pending(path, int(hours) if hours.is_integer() else hours,
                                f"Did you mean {hours:g} hours ({how})? (yes or no)"))


def asked_hours(prompt: str) -> bool:
    """The question asks for hours."""
    return re.search(r"\bhours?\b", prompt.lower()) is not None


_LIMIT_HOURS = (18.0, 24.0)  # the appropriate limits in hours: £450 and £600 at £25 an hour (FOIA s12)
_HOURLY_RATE = 25  # the Fees Regulations 2004, reg 4(4): staff time is estimated at £25 an hour
_THE_LIMIT = re.compile(r"\b(?:over|above|more than|beyond|exceeds?|exceeding|under|below|less than)\s+the\s+\d")
_BOUND = re.compile(r"\b(?:well\s+)?(?:over|above|more than|at least|beyond|exceeds?|exceeding|under|below|"
                    r"less than|limit of|the limit)\s+(?:the\s+)?(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)?\b")
