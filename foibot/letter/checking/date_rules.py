"""Dates: the letter dated after receipt and by the due date, and the time it gives for asking for a review."""

from __future__ import annotations

import re
from datetime import date

from foibot.errors import FoibotError
from foibot.law.dates import format_long
from foibot.law.deadlines import Regime, add_working_days, case_due, review_window_end
from foibot.letter.checking.reading import DATE, Letter, letter_dates, parse_day
from foibot.letter.checking.result import CheckResult
from foibot.letter.checking.rights_rules import ICO, REVIEW
from foibot.letter.checking.rules import RuleBook

_I = re.I

_PIT_DECISION = re.compile(r"(needed|need) more time to (decide|consider|reach)[^.]{0,120}public interest[^.]{0,60}"
                          r"section 10\(3\)", _I)


# The EIR reply that follows a regulation 7 notice says so ("On 27 February we told you that ... regulation 7(1)")
_REG7_TOLD = re.compile(r"\btold you\b[^.]{0,200}\bregulation 7\(1\)", _I)


def check_dates(letter: Letter, book: RuleBook, result: CheckResult, *, due: date | None, letter_date: date | None,
                received: date | None, review: bool) -> None:
    text_date, text_received = letter_dates(letter)
    dated = letter_date or text_date
    received = received or text_received
    # the decision that follows a s17(2) notice is due by the date that notice estimated, which the text may not give
    if due is None and received and not review and not _PIT_DECISION.search(letter.flat):
        deadline, _ = case_due(received, "foisa" if letter.foisa else "eir" if letter.eir else "foia")
        due = deadline.due if deadline else None
        if due and letter.eir and _REG7_TOLD.search(letter.flat):  # the reply after a regulation 7 notice
            due = max(due, add_working_days(received, 40, Regime.EIR))
    ran = book.dates(result, dated, received, None if review else due)
    for rid in {"dated-after-receipt", "on-time"} - ran:
        book.skip(result, rid)
    _review_date(letter, book, result, dated, review)


# The date by which the letter says a review may be asked for, beside its "40 working days": "by 1 May 2025 (within
# 40 working days of the date of this letter)", "within 40 working days of receiving this letter (by 29 April 2025)".
_REVIEW_BY = re.compile(rf"\bby ({DATE})\s*\(within (?:forty|40) working days\b|"
                        rf"\bwithin (?:forty|40) working days\b[^.()]{{0,80}}\(by ({DATE})\)", _I)


def _review_date(letter: Letter, book: RuleBook, result: CheckResult, dated: date | None, review: bool) -> None:
    """The letter gives no period for asking for a review shorter than 40 working days (with 40 working days
    nowhere), and the date it gives is not plainly earlier than 40 working days after the letter's date: an earlier
    date cuts short the time the letter itself promises (EIR reg 11(2) and FOISA s20(5) set that time; for FOIA it is
    the section 45 code's). FOIA and the EIR count every UK bank holiday, FOISA Scotland's;
    an authority that counted only its own nation's holidays may be a day or two earlier, which is tolerated."""
    short = "" if review else _short_review_period(letter)
    if short:
        book.need(result, "review-date", False,
                  detail=f"the requester {short} to ask for a review, and 40 working days nowhere")
        return
    found = None if review or not dated else _REVIEW_BY.search(letter.flat)
    stated = parse_day(found.group(1) or found.group(2)) if found else None
    if not (stated and dated):
        book.skip(result, "review-date")
        return
    regime = Regime.FOISA if letter.foisa else Regime.FOIA
    try:
        full = review_window_end(dated, 40, regime)
        earliest = review_window_end(dated, 40 - _HOLIDAY_SLACK, regime)
    except FoibotError:  # beyond the holiday data: the date cannot be checked
        book.skip(result, "review-date")
        return
    book.need(result, "review-date", stated >= earliest,
              detail=f"{format_long(stated)}, but 40 working days from {format_long(dated)} is {format_long(full)}")


# Bank holidays of one nation only (2 January, St Patrick's Day, St Andrew's Day, Easter Monday) that an authority
# may or may not have counted: at most two fall within any 40 working days.
_HOLIDAY_SLACK = 2


# The time the letter gives the requester to ask for a review: "Internal review requests should be submitted within
# 10 working days", "you may ask for a review within 28 days". Not the time the authority gives itself.
_PERIOD = re.compile(r"\bwithin (\d{1,3}|one|two|three|four|five|six|seven|eight|ten|fourteen|twenty|twenty-eight|"
                     r"thirty|forty) (working |calendar |clear )?(days?|weeks?|months?)\b", _I)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10,
            "fourteen": 14, "twenty": 20, "twenty-eight": 28, "thirty": 30, "forty": 40}
_ASKING = re.compile(r"\byou\b|\byour (request|representations|application)|(review|reconsideration) requests?|"
                     r"requests? for (an? )?(internal )?review|representations", _I)
_OWN_TIME = re.compile(r"\bwe (aim|will|shall|try|endeavour|would|should|must|have)\b|\b(complete|completed|respond|"
                       r"reply|decide|decision|acknowledge|breach)\w*|\bof receipt of your\b", _I)


def _short_review_period(letter: Letter) -> str:
    """The period the letter gives for asking for a review, when it is shorter than 40 working days and the letter
    gives 40 working days nowhere; else "". Working days below 40, calendar days below 56, weeks below 8 and months
    below 2 are shorter."""
    if re.search(r"\b(40|forty) working days\b", letter.flat, _I):
        return ""
    for sentence, _ in letter.sentences:
        if ICO.search(sentence) or not (REVIEW.search(sentence) or re.search(r"\breview\b", sentence, _I)):
            continue
        if not _ASKING.search(sentence) or _OWN_TIME.search(sentence):
            continue
        for found in _PERIOD.finditer(sentence):
            count = _NUMBERS.get(found.group(1).lower()) or int(found.group(1))
            unit = found.group(3).lower().rstrip("s")
            working = (found.group(2) or "").lower().startswith("working")
            limit = {"day": 40 if working else 56, "week": 8, "month": 2}[unit]
            if count < limit:
                return " ".join(found.group(0).split()).removeprefix("within ")
    return ""
