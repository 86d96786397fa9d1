"""What every reader of replies shares: a reply simplified, the readings it could have ("the first one",
"1", "yes please" as "yes"), whole-word phrase finding, numbers in words and the choices listed back.

Used by ``reading`` (each kind of question), ``reading_topics`` and ``reading_lists``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from foibot.conversation.state import Pending
from foibot.knowledge.model import Option
from foibot.knowledge.vocabulary import Vocabulary
from foibot.text import tokens


class NeedsConfirm(Exception):  # noqa: N818 - a signal, not an error
    """The reply probably means ``pending.value``; ask the officer to confirm it."""

    def __init__(self, pending: Pending):
        super().__init__(pending.prompt)
        self.pending = pending


ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
            "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "last": -1, "top": 1,
            "penultimate": -2}
"""Positions by word; a negative one counts from the end ("last" is -1, "penultimate" -2)."""

_FROM_END = re.compile(r"\b(?:(?:the\s+)?last\s+but\s+one|(?:the\s+)?(?:second|2nd)\s+(?:to|from(?:\s+the)?)\s+"
                       r"(?:last|end|bottom)|(?:the\s+)?one\s+before\s+(?:the\s+)?last)\b")


def positions_written(said: str) -> str:
    """"the last but one", "second to last", "second from the end" as "penultimate"; "#2" and "no. 2" as "2"; "the
    second one down" as "the second one"."""
    said = _FROM_END.sub("penultimate", said)
    said = re.sub(r"(?:#|\bno\.)\s?(?=\d)", "", said)
    return re.sub(r"\b(one|option)\s+(?:down|from the top)\b", r"\1", said)


_OF_TWO = {"former": 1, "the former": 1, "latter": 2, "the latter": 2}
"""Of two items only: "the former" is the first, "the latter" the second."""


def position(word: str, count: int) -> int | None:
    """The 1-based place an ordinal word names among ``count`` items ("second", "last", "the latter" of two,
    "middle" of an odd number), or None."""
    place = ORDINALS.get(word)
    if word in _OF_TWO and count == 2:
        place = _OF_TWO[word]
    if word == "middle" and count % 2 and count > 1:
        place = count // 2 + 1
    if place is None:
        return None
    place = count + 1 + place if place < 0 else place
    return place if 1 <= place <= count else None


NUMBER_WORDS = {w: n for n, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                            "sixteen", "seventeen", "eighteen", "nineteen"))} | {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "fourty": 40, "dozen": 12}
"""Numbers as words: the one table every reader of spelt numbers uses ("fourty" as typed)."""


_ORDINAL_WORDS = {w: n for n, w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                               "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
                                               "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
                                               "nineteenth"), 1)} | {"twentieth": 20, "thirtieth": 30}
_MONTH_NAMES = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_SPELT_ORDINAL = re.compile(rf"(?<![\w'])(?:(twenty|thirty)[\s-]+)?({'|'.join(_ORDINAL_WORDS)})(?![\w'])"
                            rf"(?=\s*$|\s*[,.;]|\s+of\b|\s+(?:{_MONTH_NAMES})[a-z]*\b)", re.I)


def _suffixed(day: int) -> str:
    """A day of the month with its ordinal letters (1st, 2nd, 3rd, 11th, 22nd)."""
    ending = {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{'th' if 10 < day % 100 < 14 else ending}"


def spelt_ordinals(text: str) -> str:
    """Ordinals in words naming a day of the month as figures: "the twentieth of november" gives "the 20th of
    november", "twenty-first" "21st", "twelfth of January" "12th of January" ("first thing Monday" stays)."""
    def figure(match: re.Match[str]) -> str:
        tens = {"twenty": 20, "thirty": 30}.get((match.group(1) or "").lower(), 0)
        unit = _ORDINAL_WORDS[match.group(2).lower()]
        if tens and unit >= 10 or tens + unit > 31:
            return match.group(0)
        return _suffixed(tens + unit)

    return _SPELT_ORDINAL.sub(figure, text)


def spelt_numbers(said: str) -> str:
    """Number words as digits: "twenty five" gives "25", "forty-five hours" "45 hours", "a hundred and twenty"
    "a 120", "two hundred" "200", "half a dozen" "6"."""
    said = re.sub(r"\bhalf\s+a\s+dozen\b", "6", said)
    said = re.sub(r"\bhundred\s+and\s+(?=[a-z])", "hundred ", said)  # "a hundred and twenty": one figure
    out: list[str] = []
    for word in re.split(r"\s+|(?<=[a-z])-(?=[a-z])", said):
        value = NUMBER_WORDS.get(word)
        last = int(out[-1]) if out and out[-1].isdecimal() and word.isalpha() else None
        if value == 100 and last is not None and 0 < last < 10:  # "two hundred"
            out[-1] = str(last * 100)
        elif value is not None and last is not None and (last >= 100 and last % 100 == 0 and value < 100
                                                         or last % 100 >= 20 and last % 10 == 0 and value < 10):
            out[-1] = str(last + value)  # "hundred twenty", "twenty five"
        else:
            out.append(str(value) if value is not None else word)
    return " ".join(out)


_SLACK_EMOJI = {"+1": "👍", "thumbsup": "👍", "-1": "👎", "thumbsdown": "👎", "white_check_mark": "✅",
                "heavy_check_mark": "✅", "ok_hand": "👌", "x": "❌"}


SHORTCODE = re.compile(r"(?<![\w:]):([a-z][a-z0-9_+\-]*|[+-]1):(?![\w:])")  # not a time ("10:30:45")


def simplify(text: str) -> str:
    """Lower case, single spaces, no trailing punctuation or quotes, curly apostrophes straightened, Slack's
    emoji shortcodes (":+1:") as the emoji."""
    text = SHORTCODE.sub(lambda m: _SLACK_EMOJI.get(m.group(1), m.group(0)), text)
    text = text.replace("’", "'").replace("‘", "'").strip().strip("\"'").lower()
    return " ".join(text.split()).rstrip(".!,;:")


def whole_words(phrase: str) -> str:
    """A pattern for ``phrase`` as whole words ("not" is never inside "notes", nor "bar" inside "barrier")."""
    return rf"(?<![\w']){re.escape(phrase)}(?![\w'])"


def found_phrase(phrases: Iterable[str], text: str) -> str | None:
    """The first of ``phrases`` that ``text`` holds as whole words, or None."""
    return next((p for p in phrases if re.search(whole_words(p), text)), None)


NEGATED = re.compile(r"(?:^|(?<=[\s,;-]))(?:but\s+)?(?:not|never|rather than|instead of|"
                     r"(?:wouldn't|would not|won't|will not|can't|cannot)\s+go\s+(?:as|that|so)\s+far\s+as"
                     r"(?:\s+(?:saying|to\s+say))?)\s+(?:the\s+|a\s+|an\s+)?"
                     r"(?P<what>.+?)\s*(?=$|[,;]|\s[-–—]\s|\bbut\b)")


def without_negation(said: str) -> str:
    """The reply without the clause that rules a choice out ("the officer's, not the requester's" gives
    "the officer's"), so that clause's words never pick the choice it rules out."""
    match = NEGATED.search(said)
    return (said[:match.start()] + " " + said[match.end():]).strip(" ,;-–") if match else said


EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]")


_LEAD = re.compile(r"^(?:(?:yes|yep|yeah|yup|no|nope|nah|ok|okay|so|well|erm|um)\b,?\s*|(?:i'd say|i would say|"
                   r"i think|i reckon|i believe|as far as i know|afaik|to my knowledge|we think|answer is|it is|"
                   r"its|the answer is|we hold|we have|only|just|"
                   r"giving them|we're giving them|we are giving them|giving|go with|the|a|an|we'll|we will|"
                   r"we're going to|we are going to|we're|we are|releasing|we're releasing|we are releasing)\s+)")


_TAIL = re.compile(r",?\s+(?:i think|i reckon|probably not|please|pls|thanks|ta|this time|threshold|one|test|bar|"
                   r"yes|yeah|for now|across the board|at this stage|at the moment|at present|at this point)$")


def candidates(said: str) -> list[str]:
    """Readings of a reply with filler around it removed, fullest first: "yes same answer" gives "same answer",
    "none - full refusal" gives "none", "the lower threshold" gives "lower", "N.C.N.D." gives "ncnd"."""
    said = EMOJI.sub("", said).strip() or said
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", said):
        said = said.replace(".", "")
    said = said.replace("'s ", " is ")
    out = [said]
    first = re.split(r"\s+[-–—]\s+|\s*[,;]\s*|:(?!\d)\s*|(?<=\w)\.\s+|\s+but\s+", said)[0].strip()
    for form in (said, first):
        previous = None
        while form and form != previous:
            previous = form
            out += [f for f in (_TAIL.sub("", form).strip(), _LEAD.sub("", form).strip()) if f and f not in out]
            form = _TAIL.sub("", _LEAD.sub("", form)).strip()
            if form and form not in out:
                out.append(form)
    if first and first not in out:
        out.append(first)
    return out


def number_in(said: str, count: int) -> int | None:
    """A reply such as "2", "the second", "the 2nd one", "option 2" as an index into ``count`` options."""
    said = re.sub(r"^(the|option|number|no\.?|choice)\s+", "", positions_written(said))
    said = re.sub(r"\s+(one|option|choice|condition|limb)$", "", said)
    said = str(NUMBER_WORDS[said]) if 0 < NUMBER_WORDS.get(said, 0) < 20 else said  # "number three"
    if said.isdecimal() and 1 <= int(said) <= count:
        return int(said) - 1
    place = position(said, count)
    return None if place is None else place - 1


_LETTER = re.compile(r"^(?:options?\s+)?\(?([a-h])\)?$")


def lettered(said: str, count: int) -> int | None:
    """A reply picking an option by its letter, as officers label choices ("b", "b)", "option c", "(a)"), as an
    index into ``count`` options; "y" and "n" are never letters (yes and no). Only for options that are not
    provisions, whose letters name subsections instead."""
    found = _LETTER.match(said.strip())
    index = ord(found.group(1)) - ord("a") if found else None
    return index if index is not None and index < count else None


def by_words(options: list[Option], said: str, *, use_values: bool = False) -> str | None:
    """The one option whose label (and value, for fixed choices) shares the reply's distinctive words
    (e.g. "the data subject objected", "the betrayal report")."""
    words = set(tokens(said)) - {"one", "option", "report", "inspection", "publication", "condition", "it"}
    if not words or not options:
        return None
    scored = [(len(words & set(tokens(o.label) + (tokens(o.value) if use_values else []))), o.value)
              for o in options]
    best = max(score for score, _ in scored)
    winners = [value for score, value in scored if score == best]
    if best and len(winners) == 1 and best >= max(1, len(words) // 2):
        return winners[0]
    return None


def choices_listed(options: list[Option]) -> str:
    return "; ".join(f"{i}. {o.label}" for i, o in enumerate(options, 1))


YES_WORDS = frozenset({"yes", "yeah", "yep", "yup", "aye"})
NO_WORDS = frozenset({"no", "nope", "nah", "naw"})


def expanded(text: str, words: Vocabulary) -> str:
    """The reply with words typed short written out ("tmrw" is "tomorrow", "std wording" "standard wording"), and
    phrases said in Welsh in the English they mean ("yr un cyntaf" is "the first one")."""
    text = in_english(text, words)
    if not words.abbreviations:
        return text
    return re.sub(r"(?<![\w'])[a-z]+(?![\w'])", lambda m: words.abbreviations.get(m.group(0).lower(), m.group(0)),
                  text, flags=re.I)


def in_english(text: str, words: Vocabulary) -> str:
    """Phrases said in Welsh written in the English they mean (the vocabulary's ``said_as``)."""
    for phrase in sorted(words.said_as, key=len, reverse=True):
        text = re.sub(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", words.said_as[phrase], text, flags=re.I)
    return text


def acknowledges(said: str, words: Vocabulary) -> bool:
    """A reply that only acknowledges ("ok ta", "cheers"), which answers no question with choices."""
    plain = said.split()
    while len(plain) > 1 and plain[-1] in words.sign_offs:
        plain.pop()
    return " ".join(plain) in words.acknowledgements


CITATION = re.compile(r"(?:(?:s|sec|section|reg|regulation|r)\.?\s*\d{1,2}[a-z]?|\d{1,2}[a-z]?(?=\())"
                       r"(?:\([0-9a-z]{1,4}\))*", re.I)


def without_view(text: str, words: Vocabulary) -> str:
    """A pick without the words that give it as the officer's view ("most of it I'd say", "2 I believe - …",
    "I'm fairly confident we hold it"): a view given plainly is an answer (a guess, "I think", is a hedge). The
    reply is kept whole when nothing else would be left."""
    if not words.views:
        return text
    either = "|".join(map(re.escape, sorted(words.views, key=len, reverse=True)))
    rest, found = re.subn(rf"(?:^|(?<=[\s,;(])),?[ \t]*(?:{either})(?![\w'])[ \t]*,?", " ", text, flags=re.I)
    if not found:
        return text
    rest = re.sub(r"[ \t]{2,}", " ", rest).strip(" ,;")
    return rest if re.search(r"\w", rest) and rest.lower() not in ("so", "not") else text  # "I believe so"
