"""A date-like question asking for words (``kind: text`` with an id ending ``_date``: section 22's publication date,
regulation 12(4)(d)'s completion date): when we expect something to happen, which the letter prints ("we expect to
publish it …", "we estimate that it will be finished …"). A day is read as the date questions read it, against
today and forwards: "20th jan" is stored as that day in full ("20 January 2028"), at either question. A vaguer time
("end of jan", "spring 2027", "once the lab reports") is the officer's estimate, kept in their words, as the question
is free text by design (the letter reads them: "by the end of jan"); a time relative to today is read against it
("end of next month" on 10 December 2026 is "the end of January 2027", "next month" "January 2027"), and one
that names no time at all ("sometime next year", "at some point") is asked back. A day already past is asked back:
the letter says when it is now expected."""

from __future__ import annotations

import re
from datetime import date

from foibot.conversation.clipping import clip
from foibot.conversation.reading_dates import read_date
from foibot.conversation.reading_phrases import expanded
from foibot.errors import InputError
from foibot.knowledge.model import Question
from foibot.knowledge.vocabulary import Vocabulary
from foibot.law.dates import format_long

# What a reply naming only a day is made of: its day, month, year and weekday, and the little words around them
_DATE_WORDS = re.compile(r"\b(?:\d+(?:st|nd|rd|th)?|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|mon|tue|tues|wed|"
                         r"thu|thur|thurs|fri|sat|sun)[a-z]*\b|\b(?:on|the|of|by|around|about|approx|approximately|"
                         r"expected|hopefully|we|hope|it's|its|it|is|be|will|should|due|date|first|second|third|"
                         r"twentieth|thirtieth|today|tomorrow|next|this|week|monday|tuesday|wednesday|thursday|"
                         r"friday|saturday|sunday)\b")
_WORDS = re.compile(r"[a-z]+")


def date_like(q: Question) -> bool:
    """Whether a question asking for words asks when something will happen (its id ends ``_date``)."""
    return q.kind == "text" and q.id.endswith("_date")


def read_when(text: str, words: Vocabulary, *, today: date) -> str:
    """The words to store for a date-like question (see the module docstring); raises InputError for a day past."""
    typed = text.strip().rstrip(".")
    vague = next((v for v in words.vague_times if re.match(rf"(?:it'll be |it will be |probably )?{re.escape(v)}\b",
                                                           typed.lower())), None)
    if vague:  # "sometime next year": no day, month or season the letter can give
        raise InputError(f"'{clip(typed, 40)}' names no date or month; the letter tells the requester when we expect "
                         "it. When is that (a date, or words such as 'the end of March 2028')?")
    relative = _relative(typed, today)
    if relative is not None:  # "end of next month": the month meant, as the letter must give it
        return relative
    if _WORDS.search(_DATE_WORDS.sub(" ", typed.lower())):  # "with the Committee papers on 14 January": words
        return text.strip()
    try:
        day = read_date(expanded(typed, words), today=today, ahead=True, named_days=words.named_days)
    except InputError:
        if re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", typed):  # a day that cannot be ("31/6/28"): asked back
            raise
        day = None
    if day is not None:
        if day < today:
            raise InputError(f"{format_long(day)} is before today: the letter says when we now expect it. When is "
                             "that (a date, or words such as 'the end of March 2028')?")
        return format_long(day)
    return text.strip()



_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_RELATIVE_MONTH = re.compile(r"(?P<lead>(?:by|in|around|about|at|for|before|during)\s+)?(?:the\s+)?"
                             r"(?P<edge>(?:very\s+)?(?:end|start|beginning|middle|mid|early|late)(?:\s+of)?\s+|mid-)?"
                             r"(?:the\s+)?(?P<which>this|next|the|following)\s+month(?:'s\s+end)?", re.I)


def _relative(typed: str, today: date) -> str | None:
    """A time given relative to today, as the letter must give it: "end of next month" on 10 December 2026 is "the
    end of January 2027", "next month" "January 2027"; None for any other words (kept as typed: a season, "spring",
    is the officer's estimate, and the letter prints it)."""
    found = _RELATIVE_MONTH.fullmatch(typed)
    if found:
        ahead = 1 if found["which"].lower() in ("next", "following") else 0
        month, year = (today.month + ahead - 1) % 12 + 1, today.year + (today.month + ahead - 1) // 12
        edge = (found["edge"] or "").lower().replace("mid-", "mid ").strip()
        edge = re.sub(r"\s+of$", "", edge)
        named = f"{_MONTHS[month - 1]} {year}"
        if edge in ("end", "start", "beginning", "middle", "very end", "very start", "very beginning"):
            named = f"the {edge} of {named}"
        elif edge:
            named = f"{edge}-{named}" if edge == "mid" else f"{edge} {named}"
        return f"{(found['lead'] or '').lower()}{named}"
    return None


def not_a_date(q: Question, text: str, *, today: date) -> None:
    """Raise InputError for a reply that is only a day ("18/11/26", "3 November", "the 3rd") at a question asking
    for other words or for exemptions ("Which qualified person gave the opinion?"): it answers a date question."""
    if date_like(q) or len(text.split()) > 4 or not re.search(r"\d", text):
        return
    if q.kind == "exemptions" and not _A_DAY.search(text):  # "31.1" may be a citation; "the 3rd" is a day
        return
    try:
        read_date(text, today=today)
    except InputError:
        return
    raise InputError(f"'{clip(text, 40)}' reads as a date, not an answer to this question: {q.prompt} Give that "
                     "answer (or say 'skip' to come back to it).")


_A_DAY = re.compile(r"\d(?:st|nd|rd|th)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d/\d", re.I)
