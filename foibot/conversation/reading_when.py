"""A date-like question asking for words (``kind: text`` with an id ending ``_date``: section 22's publication date,
regulation 12(4)(d)'s completion date): when we expect something to happen, which the letter prints ("we expect to
publish it …", "we estimate that it will be finished …"). A day is read as the date questions read it, against
today and forwards: "20th jan" is stored as that day in full ("20 January 2028"), at either question. A vaguer time
("end of jan", "spring", "once the lab reports") is the officer's estimate, kept in their words, as the question is
free text by design (the letter reads them: "by the end of jan"). A day already past is asked back: the letter says
when it is now expected."""

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
