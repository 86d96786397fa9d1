"""Reading a reply as the officer means it, for every kind of question.

``read_answer`` returns the value to store, or :data:`NO_ANSWER` ("none", "n/a", "the standard wording is
fine" to an optional question), raises :class:`NeedsConfirm` for a guess the officer must confirm, and
raises InputError (with the allowed choices) for anything unclear, such as "probably". It never guesses.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process

from foibot.conversation.asking import NONE_OPTION, Step, default_for, options_for, regime_of
from foibot.conversation.reading_citations import read_citations
from foibot.conversation.reading_dates import read_date
from foibot.conversation.state import ConversationState, Pending
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge, Option
from foibot.knowledge.vocabulary import Vocabulary
from foibot.law.dates import format_long
from foibot.suggest.matcher import Matcher
from foibot.text import normalise, tokens


class NoAnswer:
    """The reply says there is nothing to give (for an optional question)."""


NO_ANSWER = NoAnswer()


class NeedsConfirm(Exception):  # noqa: N818 - a signal, not an error
    """The reply probably means ``pending.value``; ask the officer to confirm it."""

    def __init__(self, pending: Pending):
        super().__init__(pending.prompt)
        self.pending = pending


_YES_WORDS = frozenset({"yes", "yeah", "yep", "yup", "aye"})
_NO_WORDS = frozenset({"no", "nope", "nah"})
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
            "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "last": -1, "top": 1}
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def simplify(text: str) -> str:
    """Lower case, single spaces, no trailing punctuation or quotes, curly apostrophes straightened."""
    text = text.replace("’", "'").replace("‘", "'").strip().strip("\"'").lower()
    return " ".join(text.split()).rstrip(".!,;:")


def read_answer(state: ConversationState, kb: Knowledge, step: Step, text: str, *, today: date) -> Any:
    """The value a reply gives to a question (see the module docstring)."""
    path, q, exemption = step
    words = kb.vocabulary
    said = simplify(text)
    if not said:
        default = default_for(state, q)
        if default not in (None, []):
            return default
        if not q.required:
            return NO_ANSWER
        raise InputError("Please give an answer, or say 'skip'.")
    if said in words.not_an_answer or said.startswith(words.not_an_answer_starts):
        raise InputError(f"'{text.strip()[:40]}' reads as a note, not the answer. Give the answer when you have "
                         "it, or say 'skip' to come back to it.")
    if not q.required and q.kind != "topic" and any(c in words.none or c in words.no for c in candidates(said)):
        return NO_ANSWER
    options = options_for(state, kb, q, exemption)
    if q.kind in ("text", "longtext"):
        if " " not in said and (said in words.yes or said in words.no or said in words.none):  # a bare "yes" is no
            # summary, reason or description for a letter (a sentence such as "We do not hold it." is)
            raise InputError(f"'{text.strip()[:40]}' answers a yes-or-no question, but this one needs words for "
                             "the letter. Type them, or say 'skip'.")
        return " ".join(text.split()) if q.kind == "text" else text.strip()
    if q.kind == "date":
        day = read_date(text, today=today)
        if day > today and path != "letter_date":
            raise InputError(f"{format_long(day)} is in the future; a request cannot be received after today.")
        return day.isoformat()
    if q.kind == "number":
        spelt = " ".join(str(_NUMBER_WORDS.get(w, w)) for w in said.split())
        match = re.search(r"\d+(?:\.\d+)?", spelt.replace(",", ""))
        if not match:
            raise InputError("Please give a number, for example 30.")
        number = float(match.group(0))
        return int(number) if number.is_integer() else number
    if q.kind == "choice":
        return pick(options, said, words)
    if q.kind == "multi":
        return [options[i].value for i in _selection(said, len(options))] if _selection(said, len(options)) \
            else [pick(options, part, words) for part in re.split(r"\s*(?:,|;|\band\b)\s*", said) if part]
    if q.kind == "topic":
        return read_topic(state, kb, options, said)
    if q.kind == "exemptions":
        if said in words.none or said in words.no:
            return []
        if said in words.yes:
            return default_for(state, q) or []
        return read_citations(kb, text, regime_of(state))
    if q.kind == "list":
        return read_list(options, text, words)
    raise InputError(f"foibot cannot read answers of kind '{q.kind}'.")


def pick(options: list[Option], said: str, words: Vocabulary) -> str:
    """One option from a reply: its number, ordinal, value, label, a word meaning it, or a telling word."""
    said = simplify(said)
    if said in words.unclear or said.startswith(words.unclear_starts):
        raise InputError(f"'{said[:40]}' could mean more than one of these; please choose: {_listing(options)}")
    index = _number(said, len(options))
    if index is not None:
        return options[index].value
    for option in options:
        if said in (option.value.lower(), simplify(option.label)):
            return option.value
    values = [o.value for o in options]
    first_word = said.split()[0]
    wanted = next((words.meanings[c] for c in candidates(said) if c in words.meanings), ()) or (
        ("yes",) if said in words.yes or first_word in _YES_WORDS else ("no", "none") if said in words.no
        or first_word in _NO_WORDS else ())
    for candidate in wanted:
        if candidate in values:
            return candidate
    starts = [o.value for o in options if len(said) >= 4 and simplify(o.label).startswith(said)]
    if len(starts) == 1:
        return starts[0]
    by_words = _by_words(options, said, use_values=True)
    if by_words is not None:
        return by_words
    raise InputError(f"'{said[:60]}' is not one of the choices: {_listing(options)}")


_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]")
_LEAD = re.compile(r"^(?:(?:yes|yep|yeah|yup|no|nope|nah|ok|okay|so|well|erm|um)\b,?\s*|(?:i'd say|i would say|"
                   r"i think|i reckon|we think|answer is|it is|its|the answer is|we hold|we have|only|just|"
                   r"giving them|we're giving them|we are giving them|giving|go with|the)\s+)")
_TAIL = re.compile(r",?\s+(?:i think|i reckon|probably not|please|pls|thanks|ta|this time|threshold|one|test|bar|"
                   r"yes|yeah|for now)$")
_NUMBER_WORDS = {w: n for n, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                             "nine", "ten", "eleven", "twelve"))} | {
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100}


def candidates(said: str) -> list[str]:
    """Readings of a reply with filler around it removed, fullest first: "yes same answer" gives "same answer",
    "none - full refusal" gives "none", "the lower threshold" gives "lower", "N.C.N.D." gives "ncnd"."""
    said = _EMOJI.sub("", said).strip() or said
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", said):
        said = said.replace(".", "")
    said = said.replace("'s ", " is ")
    out = [said]
    first = re.split(r"\s+-\s+|\s*[,;]\s*", said)[0].strip()
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


def _number(said: str, count: int) -> int | None:
    """A reply such as "2", "the second", "the 2nd one", "option 2" as an index into ``count`` options."""
    said = re.sub(r"^(the|option|number|no\.?|choice)\s+", "", said)
    said = re.sub(r"\s+(one|option|choice)$", "", said)
    if said.isdigit() and 1 <= int(said) <= count:
        return int(said) - 1
    if said in ORDINALS:
        position = ORDINALS[said]
        if position == -1:
            return count - 1
        if 1 <= position <= count:
            return position - 1
    return None


def _by_words(options: list[Option], said: str, *, use_values: bool = False) -> str | None:
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


def _listing(options: list[Option]) -> str:
    return "; ".join(f"{i}. {o.label}" for i, o in enumerate(options, 1))


# --- topics ------------------------------------------------------------------------------------------

_MATCHERS: dict[int, tuple[Knowledge, Matcher]] = {}


def _matcher(kb: Knowledge) -> Matcher:
    cached = _MATCHERS.get(id(kb))
    if cached is None or cached[0] is not kb:
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        cached = _MATCHERS[id(kb)] = (kb, Matcher(kb))
    return cached[1]


def read_topic(state: ConversationState, kb: Knowledge, options: list[Option], said: str) -> str:
    """A topic: the options shown first ("the first one", "that one", "the betrayal report"), then every
    topic through the suggestion matcher; a weak match is put back to the officer to confirm."""
    shown = [o for o in options if o.value != NONE_OPTION.value]
    words = kb.vocabulary
    if said in words.none or said in words.no or said.startswith(("none", "no ", "not ")):
        return NONE_OPTION.value
    if said in words.yes or said in ("the first one", "first one"):
        if shown:
            return shown[0].value
        raise InputError("I have no report to suggest for this request: name the report, or say 'none'.")
    index = _number(said, len(options))
    if index is not None:
        return options[index].value
    if said in kb.topics:
        return said
    for option in shown:
        if said == simplify(option.label):
            return option.value
    chosen = _by_words(shown, said)
    if chosen is not None:
        return chosen
    found = _matcher(kb).match_topics(said, limit=2)
    if found and found[0].score >= 60 and (len(found) == 1 or found[1].score < found[0].score - 10):
        return found[0].key
    found = found or _matcher(kb).match_topics(_respelt(kb, said), limit=2)
    if found:
        raise NeedsConfirm(Pending("topic", found[0].key, f"Did you mean \"{found[0].label}\"? (yes or no)"))
    listing = _listing(options)
    raise InputError(f"I know no report called '{said[:60]}'. Choose one of: {listing}, or name the report.")


def _respelt(kb: Knowledge, said: str) -> str:
    """The reply with misspelt words replaced by the nearest word of a topic title or alias ("custardy")."""
    vocabulary = _topic_words(kb)
    out = []
    for word in said.split():
        hit = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=80) if len(word) >= 5 else None
        out.append(hit[0] if hit and word not in vocabulary else word)
    return " ".join(out)


def _topic_words(kb: Knowledge) -> list[str]:
    cached = _WORDS.get(id(kb))
    if cached is None or cached[0] is not kb:
        words = {w for t in kb.topics.values() for text in (t.title, *t.aliases) for w in normalise(text).split()}
        cached = _WORDS[id(kb)] = (kb, sorted(words))
    return cached[1]


_WORDS: dict[int, tuple[Knowledge, list[str]]] = {}


# --- lists (public interest factors, attachments) ------------------------------------------------------

_RANGE = re.compile(r"^(\d+)\s*(?:-|–|to|through|thru)\s*(\d+)$")


def _selection(said: str, count: int) -> list[int] | None:
    """Indexes a reply picks ("1 and 2", "1, 3 and 4", "1 to 3", "the first two", "all of them"), or None."""
    said = simplify(said)
    said = re.sub(r"\b(factors?|numbers?|options?|items?|points?|nos?\.?|please|pls|just|only)\b", " ", said)
    whole = re.fullmatch(r"\s*all\s+(\d+|\w+)\s*", said)
    if whole and (whole.group(1) == str(count) or _COUNT_WORDS.get(whole.group(1)) == count):
        return list(range(count))
    said = re.sub(r"(\d+)\s*(?:-|–|to|through|thru)\s*(\d+)", r"\1-\2", " ".join(said.split()))
    said = re.sub(r"^both\s+(?=\d)", "", said)
    if said in ("all", "all of them", "all of those", "all of these", "the lot", "every one", "everything", "both",
                "all the above", "all of the above", "all factors", "the whole list"):
        return list(range(count)) if said != "both" or count == 2 else None
    first = re.fullmatch(r"(?:the\s+)?(first|top)\s+(\w+)", said)
    if first and (first.group(2).isdigit() or first.group(2) in _COUNT_WORDS):
        n = int(first.group(2)) if first.group(2).isdigit() else _COUNT_WORDS[first.group(2)]
        return list(range(n)) if 1 <= n <= count else None
    pieces = [p for p in re.split(r"\s*(?:,|&|\+|\band\b|\bplus\b|\s)\s*", said) if p]
    out: list[int] = []
    for piece in pieces:
        span = _RANGE.match(piece)
        numbers = range(int(span.group(1)), int(span.group(2)) + 1) if span else (
            [int(piece)] if piece.isdigit() else [ORDINALS[piece]] if ORDINALS.get(piece, 0) > 0 else None)
        if numbers is None or not numbers:
            return None
        for n in numbers:
            if not 1 <= n <= count:
                raise InputError(f"There is no number {n} in the list; choose 1 to {count}.")
            if n - 1 not in out:
                out.append(n - 1)
    return out or None


_LEADING_PICKS = re.compile(r"^((?:\d+\s*(?:,|&|\band\b|-|–|\bto\b)?\s*)+?)\s*(?:,|;|\band\b|\bplus\b)\s*(?:also\s+)?"
                            r"(?=[a-z])(.+)$", re.I)


def read_list(options: list[Option], text: str, words: Vocabulary) -> list[str]:
    """Items of a list answer: picks from the options, the officer's own sentences, or both."""
    items: list[str] = []
    for line in re.split(r"\n|;", text):
        part = line.strip(" -•*\t")
        said = simplify(part)
        if not said:
            continue
        if said in words.none:
            continue
        picks = _selection(said, len(options)) if options else None
        if picks is not None:
            items += [options[i].value for i in picks if options[i].value not in items]
            continue
        mixed = _LEADING_PICKS.match(part) if options else None
        if mixed:
            chosen = _selection(mixed.group(1), len(options))
            if chosen is not None:
                items += [options[i].value for i in chosen if options[i].value not in items]
                items.append(_sentence(mixed.group(2)))
                continue
        match = next((o.value for o in options if said in (o.value.lower(), simplify(o.label))), None)
        items.append(match or part)
    return items


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]
