"""Statutory FOI deadlines: working days, due dates and review windows (foi-law.md 1.1-1.5).

A working day is any day other than a Saturday, a Sunday, Christmas Day, Good Friday or a bank holiday. FOIA
s10(6) and EIR reg 2(1) count a bank holiday in **any part of the UK**, so the holiday set is the union of
England, Wales, Scotland and Northern Ireland. FOISA s73 counts Scottish bank holidays only, and so does
foibot for a Scottish authority's environmental requests (the Environmental Information (Scotland) Regulations
2004, "EISR", counted with FOISA's days, foi-law.md 1.4). Bank holidays (including substitute days and one-off
proclamation days) come from the maintained ``holidays`` package; years outside the trusted range raise
:class:`HolidayDataError` instead of guessing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import holidays
from dateutil.easter import easter

from foibot.errors import FoibotError, HolidayDataError, InputError
from foibot.law.dates import UK_TIMEZONE, format_day, parse_date  # noqa: F401 (re-exported)

HOLIDAY_DATA_UNTIL: int = 2028
"""Default last year for which bank-holiday data is trusted (authority.toml [deadlines])."""

HOLIDAY_DATA_FROM: int = 2000
"""Earliest year foibot computes deadlines for."""


class Regime(StrEnum):
    """The access regime a request falls under."""

    FOIA = "foia"
    EIR = "eir"
    FOISA = "foisa"
    EISR = "eisr"
    """The Environmental Information (Scotland) Regulations 2004 (SSI 2004/520): a Scottish authority's
    environmental requests."""


_LABEL = {Regime.FOIA: "FOIA", Regime.EIR: "EIR", Regime.FOISA: "FOISA", Regime.EISR: "EISR"}

EISR_NAME = "the Environmental Information (Scotland) Regulations 2004"
EISR_URL = "https://www.legislation.gov.uk/ssi/2004/520"
"""The EISR, cited by address: foi-law.md verifies none of their wording, so foibot counts only their plain 20
working days (in Scotland's working days) and no extension, restart or review time under them."""

# Parts of the UK, as the ``holidays`` package names its GB subdivisions.
_UK_PARTS = ("ENG", "WLS", "SCT", "NIR")
_PARTS_FOR = {Regime.FOIA: _UK_PARTS, Regime.EIR: _UK_PARTS, Regime.FOISA: ("SCT",), Regime.EISR: ("SCT",)}
_PART_NAMES = {
    frozenset({"SCT"}): "Scotland",
    frozenset({"NIR"}): "Northern Ireland",
    frozenset({"ENG", "WLS"}): "England and Wales",
    frozenset({"ENG", "WLS", "NIR"}): "England, Wales and Northern Ireland",
}


@dataclass(frozen=True)
class SkippedDay:
    """A non-working weekday passed over while counting."""

    day: date
    reason: str


@dataclass(frozen=True)
class Deadline:
    """A computed deadline.

    ``received`` is the statutory date of receipt the clock runs from (after a s1(3)
    clarification, the day the clarification arrived). ``skipped`` lists the non-working
    weekdays between ``received`` (exclusive) and ``due`` (inclusive); weekends are not listed.
    """

    received: date
    due: date
    regime: Regime
    working_days: int
    rule: str
    skipped: tuple[SkippedDay, ...]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with ISO dates."""
        return {
            "received": self.received.isoformat(),
            "due": self.due.isoformat(),
            "regime": self.regime.value,
            "working_days": self.working_days,
            "rule": self.rule,
            "skipped": [{"date": s.day.isoformat(), "reason": s.reason} for s in self.skipped],
        }


def parse_regime(text: str) -> Regime:
    """``"FOIA"``, ``"eir"``, ``"foisa"``, ``"eisr"`` (any case) -> :class:`Regime`; InputError otherwise."""
    try:
        return Regime((text or "").strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Regime)
        raise InputError(f"unknown regime {text!r}: use one of {choices}") from None


def regime_for(named: str | None, profile_regime: str | None) -> Regime:
    """The law a deadline is counted under: the regime named (``deadline --regime``, ``/foi deadline DATE eisr``),
    else the profile's. A Scottish authority (profile ``foisa``) answers environmental requests under the EISR, not
    the EIR, and only a Scottish authority answers under the EISR: naming the other is refused, saying which to
    use. ``profile_regime`` None (no profile): any regime named."""
    if not (named or "").strip():
        return parse_regime(profile_regime or "foia")
    regime = parse_regime(named or "")
    scottish = parse_regime(profile_regime) in (Regime.FOISA, Regime.EISR) if profile_regime else None
    if scottish and regime is Regime.EIR:
        raise InputError("this is a Scottish authority: its environmental requests come under "
                         f"{EISR_NAME} ({EISR_URL}), not the EIR; use eisr")
    if scottish is False and regime is Regime.EISR:
        raise InputError(f"{EISR_NAME} are for Scottish public authorities, and this profile answers under "
                         f"{_LABEL[parse_regime(profile_regime or 'foia')]}: for environmental information use eir")
    return regime


# --- holiday data ---------------------------------------------------------------------------


def _check_year(d: date, holiday_data_until: int) -> None:
    if d.year > holiday_data_until:
        raise HolidayDataError(
            f"{format_day(d)} is after {holiday_data_until}: foibot has bank-holiday data only up to "
            f"{holiday_data_until}; check the due date by hand"
        )
    if d.year < HOLIDAY_DATA_FROM:
        raise HolidayDataError(
            f"{format_day(d)} is before {HOLIDAY_DATA_FROM}: foibot has bank-holiday data only from "
            f"{HOLIDAY_DATA_FROM}; check the due date by hand"
        )


# Library names that read badly in a letter -> the gov.uk wording.
_RENAMES = {"Scotland's participation in the FIFA World Cup final": "World Cup bank holiday"}


def _display_name(name: str) -> str:
    """Library name -> letter wording: "Saint Andrew's Day (observed)" -> "St Andrew's Day"."""
    name = name.removesuffix(" (observed)")
    return re.sub(r"^Saint ", "St ", _RENAMES.get(name, name))


@functools.lru_cache(maxsize=128)
def _holidays(year: int, regime: Regime) -> Mapping[date, str]:
    """Non-working weekdays and weekend holidays of ``year`` for ``regime``, with their reasons."""
    parts: dict[date, dict[str, set[str]]] = {}
    for part in _PARTS_FOR[regime]:
        for day, names in holidays.country_holidays("GB", subdiv=part, years=year).items():
            for name in names.split("; "):
                parts.setdefault(day, {}).setdefault(name, set()).add(part)
    # Christmas Day and Good Friday are non-working days by statute whatever the lists say.
    for day, name in ((date(year, 12, 25), "Christmas Day"), (easter(year) - timedelta(days=2), "Good Friday")):
        parts.setdefault(day, {}).setdefault(name, set()).update(_PARTS_FOR[regime])

    result: dict[date, str] = {}
    for day, names in parts.items():
        labels = []
        for name, where in sorted(names.items()):
            notes = ["substitute day"] if name.endswith(" (observed)") else []
            if _PARTS_FOR[regime] == _UK_PARTS and len(where) < len(_UK_PARTS):
                notes.append(_PART_NAMES.get(frozenset(where), ", ".join(sorted(where))))
            label = _display_name(name) + (f" ({', '.join(notes)})" if notes else "")
            if label not in labels:
                labels.append(label)
        result[day] = "; ".join(labels)
    return MappingProxyType(result)


def non_working_reason(
    d: date, regime: Regime = Regime.FOIA, *, holiday_data_until: int = HOLIDAY_DATA_UNTIL
) -> str | None:
    """Why ``d`` is not a working day ("Saturday", "St Andrew's Day (Scotland)"), or None if it is one."""
    _check_year(d, holiday_data_until)
    if d.weekday() >= 5:
        return f"{d:%A}"
    return _holidays(d.year, Regime(regime)).get(d)


def is_working_day(d: date, regime: Regime = Regime.FOIA, *, holiday_data_until: int = HOLIDAY_DATA_UNTIL) -> bool:
    """True if ``d`` is a working day under ``regime`` (FOIA s10(6), EIR reg 2(1), FOISA s73; EISR: FOISA's)."""
    return non_working_reason(d, regime, holiday_data_until=holiday_data_until) is None


# --- counting -------------------------------------------------------------------------------


def add_working_days(
    start: date,
    n: int,
    regime: Regime = Regime.FOIA,
    *,
    excluded: Iterable[date] = (),
    holiday_data_until: int = HOLIDAY_DATA_UNTIL,
) -> date:
    """The ``n``-th working day after ``start`` (day 0), skipping ``excluded`` days (foi-law 1.5)."""
    if n < 0:
        raise InputError(f"cannot count {n} working days; the number must be 0 or more")
    _check_year(start, holiday_data_until)
    skip = frozenset(excluded)
    d, count = start, 0
    while count < n:
        d += timedelta(days=1)
        if is_working_day(d, regime, holiday_data_until=holiday_data_until) and d not in skip:
            count += 1
    return d


def working_days_between(
    start: date, end: date, regime: Regime = Regime.FOIA, *, holiday_data_until: int = HOLIDAY_DATA_UNTIL
) -> int:
    """Working days after ``start`` up to and including ``end``; negative if ``end`` is before ``start``.

    ``working_days_between(due, sent)`` is how many working days late a response was.
    """
    _check_year(start, holiday_data_until)
    _check_year(end, holiday_data_until)
    sign, low, high = (1, start, end) if end >= start else (-1, end, start)
    count = sum(
        is_working_day(low + timedelta(days=i), regime, holiday_data_until=holiday_data_until)
        for i in range(1, (high - low).days + 1)
    )
    return sign * count


def _skipped(start: date, end: date, regime: Regime, holiday_data_until: int) -> tuple[SkippedDay, ...]:
    days = (start + timedelta(days=i) for i in range(1, (end - start).days + 1))
    return tuple(
        SkippedDay(d, reason)
        for d in days
        if d.weekday() < 5 and (reason := non_working_reason(d, regime, holiday_data_until=holiday_data_until))
    )


# --- due dates ------------------------------------------------------------------------------


def due_date(
    received: date,
    regime: Regime = Regime.FOIA,
    *,
    clarification_received: date | None = None,
    fee_notice_given: date | None = None,
    fee_received: date | None = None,
    extension: str | None = None,
    holiday_data_until: int = HOLIDAY_DATA_UNTIL,
) -> Deadline:
    """The statutory due date of a request (FOIA s10, EIR reg 5/7, FOISA s10; EISR: 20 working days).

    A s1(3) clarification restarts the clock: the date of receipt becomes
    ``clarification_received`` (s10(6)(b)). A FOIA fees notice disregards the working days from
    ``fee_notice_given`` to ``fee_received`` inclusive (s10(2)). ``extension`` is ``"pit"``
    (FOIA s10(3), 40 working days, the ICO's normal maximum) or ``"reg7"`` (EIR reg 7, 40).
    """
    regime = Regime(regime)
    label = _LABEL[regime]
    _check_year(received, holiday_data_until)
    ext = extension.strip().lower() if extension is not None else None
    if ext == "":
        ext = None
    if ext not in (None, "pit", "reg7"):
        raise InputError(f"unknown extension {extension!r}: use 'pit' (FOIA s10(3)) or 'reg7' (EIR reg 7)")
    if regime is Regime.FOISA and ext:
        raise InputError("FOISA has no extension of the 20 working days (no public interest or reg 7 extension)")
    if regime is Regime.EISR and ext:
        raise InputError(f"an extension under {EISR_NAME} is not counted here (their wording is not verified): "
                         f"work out an extended date by hand from {EISR_URL}")
    if ext == "pit" and regime is not Regime.FOIA:
        raise InputError("the public interest extension is FOIA s10(3) only; the EIR extension is 'reg7'")
    if ext == "reg7" and regime is not Regime.EIR:
        raise InputError("'reg7' is the EIR extension (reg 7); for FOIA use 'pit' (s10(3))")

    start = received
    notes: list[str] = []
    if clarification_received is not None:
        if regime is Regime.EISR:
            raise InputError(f"a clock restarted under {EISR_NAME} is not counted here (their wording is not "
                             "verified): work out the date after a request for more particulars by hand from "
                             f"{EISR_URL}")
        if clarification_received < received:
            raise InputError(
                f"the clarification ({format_day(clarification_received)}) cannot arrive before the request "
                f"({format_day(received)})"
            )
        _check_year(clarification_received, holiday_data_until)
        start = clarification_received
        section = {Regime.FOIA: "s1(3)/s10(6)(b)", Regime.EIR: "reg 9", Regime.FOISA: "s1(3)"}[regime]
        notes.append(
            f"clock restarted by the clarification received {format_day(start)} ({section}; request received "
            f"{format_day(received)})"
        )

    excluded: list[date] = []
    if fee_notice_given is not None or fee_received is not None:
        if regime is not Regime.FOIA:
            raise InputError(
                f"the fees-notice rule implemented here is FOIA s10(2); work out the {label} time by hand"
            )
        if fee_notice_given is None or fee_received is None:
            raise InputError(
                "give both the date the fees notice was given and the date the fee was received; "
                "until the fee is paid the authority need not comply (s9(2))"
            )
        if fee_notice_given < received:
            raise InputError("the fees notice cannot be given before the request was received")
        if fee_received < fee_notice_given:
            raise InputError("the fee cannot be received before the fees notice was given")
        _check_year(fee_received, holiday_data_until)
        span = (fee_received - fee_notice_given).days + 1
        excluded = [
            d
            for d in (fee_notice_given + timedelta(days=i) for i in range(span))
            if is_working_day(d, regime, holiday_data_until=holiday_data_until)
        ]
        notes.append(
            f"{len(excluded)} working days disregarded from the fees notice {format_day(fee_notice_given)} to "
            f"the fee received {format_day(fee_received)} inclusive (s10(2))"
        )

    def count(n: int) -> date:
        return add_working_days(start, n, regime, excluded=excluded, holiday_data_until=holiday_data_until)

    if ext == "pit":
        n = 40
        rule = (
            f"FOIA s10(3): public interest extension to 40 working days after receipt (ICO's normal maximum, "
            f"not statute); the s17(1) refusal notice is still due at day 20, {format_day(count(20))}"
        )
    elif ext == "reg7":
        n = 40
        rule = (
            "EIR reg 7(1): extended to 40 working days after receipt (complex and voluminous); tell the "
            f"requester by day 20, {format_day(count(20))}"
        )
    else:
        n = 20
        if regime is Regime.EISR:
            rule = (f"EISR (SSI 2004/520): 20 working days after receipt, counted in Scotland's working days as "
                    f"FOISA counts them; the Regulations' wording is not verified here: {EISR_URL}")
        else:
            section = {Regime.FOIA: "FOIA s10(1)", Regime.EIR: "EIR reg 5(2)", Regime.FOISA: "FOISA s10(1)"}[regime]
            rule = f"{section}: 20 working days after receipt"
    if notes:
        rule += "; " + "; ".join(notes)
    due = count(n)
    return Deadline(start, due, regime, n, rule, _skipped(start, due, regime, holiday_data_until))


def case_due(received: date | str | None, regime: str | None, *, clarified_on: date | None = None,
             extension: str | None = None, holiday_data_until: int = HOLIDAY_DATA_UNTIL) -> tuple[Deadline | None, str]:
    """A case's statutory due date, as every part of foibot computes it: ``(deadline, "")``, or
    ``(None, why)`` when it cannot be known (no date of receipt yet, an unknown regime, an extension the
    regime does not have, or a date beyond the holiday data). ``extension``: ``pit`` (FOIA s10(3)) or ``reg7``
    (EIR reg 7(1)), 40 working days (foi-law.md 1.1, 1.2)."""
    if not received:
        return None, ""
    try:
        day = received if isinstance(received, date) else date.fromisoformat(str(received))
        return due_date(day, parse_regime(regime or "foia"), clarification_received=clarified_on,
                        extension=extension, holiday_data_until=holiday_data_until), ""
    except ValueError:
        return None, f"{received!r} is not a date"
    except FoibotError as exc:
        return None, str(exc)


def review_target(
    request_received: date,
    *,
    exceptional: bool = False,
    regime: Regime = Regime.FOIA,
    holiday_data_until: int = HOLIDAY_DATA_UNTIL,
) -> Deadline:
    """When an internal review (EIR reconsideration, FOISA review) should be decided.

    FOIA: 20 working days, 40 in exceptional cases (ICO guidance). EIR reg 11(4): 40 working
    days. FOISA s21(1): 20 working days, Scottish holidays.
    """
    regime = Regime(regime)
    if regime is Regime.EISR:
        raise InputError(f"a review under {EISR_NAME} is not counted here (their wording is not verified): "
                         f"work out its date by hand from {EISR_URL}")
    if exceptional and regime is not Regime.FOIA:
        raise InputError(f"the 'exceptional' 40 working days is FOIA guidance; {_LABEL[regime]} sets a fixed limit")
    if regime is Regime.FOIA:
        n = 40 if exceptional else 20
        rule = (
            f"FOIA internal review: {n} working days after the review request"
            f"{' (exceptional circumstances)' if exceptional else ''} (ICO guidance, s45 Code)"
        )
    elif regime is Regime.EIR:
        n, rule = 40, "EIR reg 11(4): reconsideration within 40 working days after the representations"
    else:
        n, rule = 20, "FOISA s21(1): review within 20 working days after the requirement for review"
    due = add_working_days(request_received, n, regime, holiday_data_until=holiday_data_until)
    return Deadline(
        request_received, due, regime, n, rule, _skipped(request_received, due, regime, holiday_data_until)
    )


def review_window_end(
    response_sent: date,
    working_days: int = 40,
    regime: Regime = Regime.FOIA,
    *,
    holiday_data_until: int = HOLIDAY_DATA_UNTIL,
) -> date:
    """Last day of the requester's window to ask for a review (ICO: 40 working days after the response)."""
    return add_working_days(response_sent, working_days, regime, holiday_data_until=holiday_data_until)


ICO_COMPLAINT_DAYS = 42
"""The ICO asks for a complaint within six weeks of the final response (foi-law.md 1.3, 1.5: its request, not
statute; undue delay may mean it will not consider the complaint)."""


def ico_complaint_by(final_response: date) -> date:
    """The last day the ICO asks a complaint to reach it: six weeks (42 calendar days) after the final response,
    such as an internal review's outcome (foi-law.md 1.5: ``final_response_date + 42 calendar days``)."""
    return final_response + timedelta(days=ICO_COMPLAINT_DAYS)


TIME_FOR_COMPLIANCE_URLS = ("https://www.legislation.gov.uk/uksi/2004/3364",
                            "https://www.legislation.gov.uk/uksi/2009/1369",
                            "https://www.legislation.gov.uk/uksi/2010/2768")
"""The Time for Compliance Regulations made under FOIA s10(4) (foi-law.md 1.1: the SI numbers [S]; the day counts
they set for schools [GK], so foibot never counts them)."""


def schools_note(authority_type: str | None, regime: Regime | str | None) -> str:
    """What a FOIA due date given to an education profile must add (one wording for ``deadline``, ``/foi deadline``,
    ``/foi case`` and ``due``): a school's or academy's limit may be longer under the Time for Compliance
    Regulations, which foibot does not count, so the date it gives is the plain 20 working days. Empty for any
    other profile or law (the Regulations vary FOIA's section 10(1) only)."""
    if authority_type != "education" or (regime or "foia") != Regime.FOIA:
        return ""
    return ("If you are a maintained school or an academy, you may have longer than 20 working days under the "
            "Time for Compliance Regulations made under FOIA s10(4) (" + ", ".join(TIME_FOR_COMPLIANCE_URLS)
            + "), counted in school days. foibot does not count school days: the date it gives is the plain "
            "20-working-day date. Check those Regulations before relying on a later one.")
