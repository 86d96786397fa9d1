"""Reading a reply as the officer means it, for every kind of question.

``read_answer`` returns the value to store, or :data:`NO_ANSWER` ("none", "n/a", "the standard wording is
fine" to an optional question), raises :class:`NeedsConfirm` for a guess the officer must confirm, and
raises InputError (with the allowed choices) for anything unclear, such as "probably". It never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process

from foibot.conversation.answers import get_path
from foibot.conversation.asking import NONE_OPTION, Step, default_for, options_for, regime_of
from foibot.conversation.reading_citations import read_citations
from foibot.conversation.reading_dates import read_date
from foibot.conversation.state import ConversationState, Pending
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge, Option, Question
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


_SLACK_EMOJI = {"+1": "👍", "thumbsup": "👍", "-1": "👎", "thumbsdown": "👎", "white_check_mark": "✅",
                "heavy_check_mark": "✅", "ok_hand": "👌", "x": "❌"}
_SHORTCODE = re.compile(r"(?<![\w:]):([a-z][a-z0-9_+\-]*|[+-]1):(?![\w:])")  # not a time ("10:30:45")


def simplify(text: str) -> str:
    """Lower case, single spaces, no trailing punctuation or quotes, curly apostrophes straightened, Slack's
    emoji shortcodes (":+1:") as the emoji."""
    text = _SHORTCODE.sub(lambda m: _SLACK_EMOJI.get(m.group(1), m.group(0)), text)
    text = text.replace("’", "'").replace("‘", "'").strip().strip("\"'").lower()
    return " ".join(text.split()).rstrip(".!,;:")


def cleaned(text: str, words: Vocabulary) -> str:
    """The reply without what is not the answer, when the answer remains: quoted lines ("> Do we hold it?"),
    a pasted signature ("Kind regards / Gareth Jones / Legal Services"), a note to colleagues after it
    ("... - NB check the Dyfed-Powys row") and emoji beside words ("2019-10-02 👍")."""
    lines = text.splitlines()
    kept = [line for line in lines if not line.lstrip().startswith(">")]
    lines = kept if any(line.strip() for line in kept) else lines
    end = next((i for i, line in enumerate(lines) if i and _signs_off(line, words)), len(lines))
    text = "\n".join(lines[:end]).strip() if any(line.strip() for line in lines[:end]) else text.strip()
    aside = re.search(rf"(?:[.;!]\s+|\s[-–]\s+|\n\s*)(?:{'|'.join(map(re.escape, words.asides))})(?![\w.])", text,
                      re.I) if words.asides else None
    if aside and text[:aside.start()].strip():
        text = text[:aside.start()].strip().rstrip(" -–")
    without = _EMOJI.sub("", _SHORTCODE.sub(" ", text)).strip()
    return re.sub(r"[ \t]{2,}", " ", without) if without else text


def _signs_off(line: str, words: Vocabulary) -> bool:
    """A line that starts a signature: "--", or a short sign-off ("Cheers, Tom", "Kind regards")."""
    said = simplify(line)
    if line.strip() in ("--", "—", "-- "):
        return True
    head = re.split(r"[,!]", said)[0].strip()
    return head in words.sign_offs and len(said.split()) <= len(head.split()) + 2


def read_answer(state: ConversationState, kb: Knowledge, step: Step, text: str, *, today: date) -> Any:
    """The value a reply gives to a question (see the module docstring)."""
    path, q, exemption = step
    words = kb.vocabulary
    text = cleaned(text, words)
    said = expanded(simplify(text), words)
    if not said:
        default = default_for(state, q)
        if default not in (None, []):
            return default
        if not q.required:
            return NO_ANSWER
        raise InputError("Please give an answer, or say 'skip'.")
    if q.kind in ("text", "longtext") and _usual(said, words):
        if not q.required:
            return NO_ANSWER
        raise InputError(f"'{text.strip()[:40]}': this answer has no standard wording; please type it, or say "
                         "'skip' to come back to it.")
    if said in words.not_an_answer or said.startswith(words.not_an_answer_starts):
        raise InputError(f"'{text.strip()[:40]}' reads as a note, not the answer. Give the answer when you have "
                         "it, or say 'skip' to come back to it.")
    if not q.required and q.kind != "topic" and any(c in words.none or c in words.no for c in candidates(said)):
        return NO_ANSWER
    options = options_for(state, kb, q, exemption)
    if said in words.unclear:  # "whatever you think", "yes and no": never a value, whatever the question
        raise InputError(f"'{text.strip()[:60]}' leaves it open; when you know, "
                         f"{f'please choose: {_listing(options)}' if 0 < len(options) <= 12 else 'give the answer'}"
                         " (or say 'skip' to come back to it).")
    if q.kind in ("text", "longtext"):
        return _text(q.kind, text, said, words)
    if q.kind != "list" or re.match(r"\s*\d", text) or _starts_unsure(said, words):  # a pick, not words for the letter
        _not_a_guess(text, said, words, options)
        text = corrected(text, words)
        said = expanded(simplify(text), words)
    same = _same_as_part(state, path, said)
    if same is not None:
        return same
    if q.kind == "date":
        day = read_date(expanded(text, words), today=today, ahead=path == "letter_date")
        if day > today and path != "letter_date":
            raise InputError(f"{format_long(day)} is in the future; a request cannot be received after today.")
        return day.isoformat()
    if q.kind == "number":
        return read_number(said, q.prompt)
    if q.kind == "choice":
        return pick(options, said, words)
    if q.kind == "multi":
        return [options[i].value for i in _selection(said, len(options), words.everything)] \
            if _selection(said, len(options), words.everything) \
            else [pick(options, part, words) for part in re.split(r"\s*(?:,|;|&|\+|\band\b)\s*", said) if part]
    if q.kind == "topic":
        return read_topic(state, kb, options, said)
    if q.kind == "exemptions":
        return _exemptions(state, kb, q, options, text, said)
    if q.kind == "list":
        return read_list(options, text, words)
    raise InputError(f"foibot cannot read answers of kind '{q.kind}'.")


def expanded(text: str, words: Vocabulary) -> str:
    """The reply with words typed short written out ("tmrw" is "tomorrow", "std wording" "standard wording")."""
    if not words.abbreviations:
        return text
    return re.sub(r"(?<![\w'])[a-z]+(?![\w'])", lambda m: words.abbreviations.get(m.group(0).lower(), m.group(0)),
                  text, flags=re.I)


def _usual(said: str, words: Vocabulary) -> bool:
    """The reply asks for the standard wording ("the usual", "as per the usual s31 wording")."""
    said = re.sub(r"^(?:as per|per|use|go with|same as)\s+", "", said)
    return said in words.usual or any(said.startswith(u + " ") for u in words.usual if len(u.split()) > 1)


def _acknowledges(said: str, words: Vocabulary) -> bool:
    """A reply that only acknowledges ("ok ta", "cheers"), which answers no question with choices."""
    plain = said.split()
    while len(plain) > 1 and plain[-1] in words.sign_offs:
        plain.pop()
    return " ".join(plain) in words.acknowledgements


def _text(kind: str, text: str, said: str, words: Vocabulary) -> str:
    """Words for the letter, as typed; a short text loses a lead-in ("it's Dr A. Khan")."""
    if " " not in said and (said in words.yes or said in words.no or said in words.none):  # a bare "yes" is no
        # summary, reason or description for a letter (a sentence such as "We do not hold it." is)
        raise InputError(f"'{text.strip()[:40]}' answers a yes-or-no question, but this one needs words for "
                         "the letter. Type them, or say 'skip'.")
    if kind == "text":
        text = " ".join(text.split())
        lead = next((w for w in words.lead_ins if said.startswith(w + " ") and len(said) > len(w) + 1), "")
        return text[len(lead):].strip() if lead else text
    return text.strip()


def _whole(phrase: str) -> str:
    """A pattern for ``phrase`` as whole words ("not" is never inside "notes", nor "bar" inside "barrier")."""
    return rf"(?<![\w']){re.escape(phrase)}(?![\w'])"


def _found(phrases: Iterable[str], text: str) -> str | None:
    """The first of ``phrases`` that ``text`` holds as whole words, or None."""
    return next((p for p in phrases if re.search(_whole(p), text)), None)


def _not_a_guess(text: str, said: str, words: Vocabulary, options: list[Option]) -> None:
    """Raise InputError for a pick that hedges anywhere ("s31 probably, maybe s24") or asks back ("EIR?")."""
    hedge = _found(words.hedges, said)
    question = text.strip().endswith("?")
    if not hedge and not question:
        return
    why = f"sounds unsure ('{hedge}')" if hedge else "reads as a question"
    choose = f"please choose: {_listing(options)}" if options and len(options) <= 12 else "give the answer"
    raise InputError(f"'{text.strip()[:60]}' {why}; when you know, {choose} (or say 'skip' to come back to it).")


def _starts_unsure(said: str, words: Vocabulary) -> bool:
    """A reply that opens with a hedge ("probably 1 and 2", "idk, whatever legal said")."""
    first = re.split(r"\s*[,;]\s*|\s+[-–]\s+", said)[0]
    return said.startswith(words.unclear_starts) or first in words.unclear


def corrected(text: str, words: Vocabulary) -> str:
    """What follows an officer's last self-correction ("28th, no sorry 29th" gives "29th"), else the text."""
    lowered = text.lower()
    cuts = [found.end() for phrase in words.corrections
            for found in re.finditer(rf"(?:^|[\s,;.\-–(]){re.escape(phrase)}(?![\w'])[\s,;:.\-–)]*", lowered)]
    cuts += [found.end() for found in _BARE_NO.finditer(lowered)]
    return next((text[cut:].strip() for cut in sorted(cuts, reverse=True) if text[cut:].strip()), text)


_BARE_NO = re.compile(r"(?<=\S),\s*no\s*(?:,\s*|(?=\d))")  # "would, no, would be likely to", "60 hrs, no 65"


def _same_as_part(state: ConversationState, path: str, said: str) -> Any:
    """For a part's question, "same as part 1" gives part 1's answer to it (None if there is none)."""
    same = re.fullmatch(r"(?:the\s+)?same\s+as\s+(?:for\s+|in\s+)?part\s+(\d+)", said)
    if not same or not path.startswith("parts."):
        return None
    return get_path(state.answers, f"parts.{same.group(1)}.{path.rpartition('.')[2]}")


def _exemptions(state: ConversationState, kb: Knowledge, q: Question, options: list[Option], text: str,
                said: str) -> list[str]:
    """Citations; "none"; the suggested ones ("go with the suggestion"); or numbers from the list shown
    ("4, 8") when none of them is an exemption's own number."""
    words = kb.vocabulary
    if said in words.none or said in words.no:
        return []
    if any(c in words.yes for c in candidates(said)):
        return default_for(state, q) or []
    numbers = re.findall(r"\d+", said)
    own = {re.sub(r"\D", "", e.section.split("(")[0]) for e in kb.exemptions.values()}
    picks = _selection(said, len(options), words.everything) if numbers and not own & set(numbers) else None
    if picks:
        return [options[i].value for i in picks]
    return read_citations(kb, text, regime_of(state))


_UNITS = {"hour": ("hour", "hours", "hr", "hrs", "h"), "day": ("day", "days"), "week": ("week", "weeks"),
          "minute": ("minute", "minutes", "min", "mins"), "month": ("month", "months")}


def read_number(said: str, prompt: str) -> int | float:
    """One figure ("about 40", "40hrs", "twenty five"); a range ("30-40") or a figure in units other than
    the question's ("3 days" for hours) is asked again."""
    spelt = _spelt_numbers(said).replace(",", "")
    if re.search(r"\d\s*(?:-|–|to|or)\s*\d", spelt):
        raise InputError(f"'{said[:40]}' is a range; please give one figure, for example 30.")
    aside = re.sub(r"\([^()]*\)", " ", spelt)
    spelt = aside if re.search(r"\d", aside) else spelt
    unbound = _BOUND.sub(" ", spelt)  # "well over 18 - we estimate 60": 18 is the limit, not the estimate
    if not re.search(r"\d", unbound) and _THE_LIMIT.search(spelt):
        raise InputError(f"'{said[:40]}' names the limit, not our estimate; please give the estimate, for example 30.")
    spelt = unbound if re.search(r"\d", unbound) else spelt
    asked = {unit for unit, forms in _UNITS.items() if any(re.search(rf"\b{f}\b", prompt.lower()) for f in forms)}
    per_hour = 1
    if asked == {"hour"} and re.search(r"£\s*\d", spelt):  # "£500 worth": staff time at the prescribed rate
        per_hour = _HOURLY_RATE
    for unit, forms in _UNITS.items():
        if asked and unit not in asked and re.search(rf"\d\s*(?:{'|'.join(forms)})\b", spelt):
            if unit != "minute" or asked != {"hour"}:
                raise InputError(f"'{said[:40]}' is in {unit}s; please give the figure in "
                                 f"{' or '.join(sorted(asked))}s.")
            per_hour = 60  # minutes convert exactly
    figures = {float(f) for f in re.findall(r"\d+(?:\.\d+)?", spelt)}
    if not figures:
        raise InputError("Please give a number, for example 30.")
    if len(figures) > 1:
        raise InputError(f"'{said[:40]}' gives more than one figure; please give the one estimate, for example 30.")
    number = round(figures.pop() / per_hour, 1)
    return int(number) if number.is_integer() else number


_HOURLY_RATE = 25  # the Fees Regulations 2004, reg 4(4): staff time is estimated at £25 an hour
_THE_LIMIT = re.compile(r"\b(?:over|above|more than|beyond|exceeds?|exceeding|under|below|less than)\s+the\s+\d")
_BOUND = re.compile(r"\b(?:well\s+)?(?:over|above|more than|at least|beyond|exceeds?|exceeding|under|below|"
                    r"less than|limit of|the limit)\s+(?:the\s+)?\d+(?:\.\d+)?\s*(?:hours?|hrs?|h)?\b")


def _spelt_numbers(said: str) -> str:
    """Number words as digits: "twenty five" gives "25", "forty-five hours" gives "45 hours"."""
    out: list[str] = []
    for word in re.split(r"\s+|(?<=[a-z])-(?=[a-z])", said):
        value = _NUMBER_WORDS.get(word)
        if value is not None and out and out[-1].isdigit() and int(out[-1]) % 10 == 0 and int(out[-1]) >= 20 \
                and value < 10:
            out[-1] = str(int(out[-1]) + value)
        else:
            out.append(str(value) if value is not None else word)
    return " ".join(out)


def pick(options: list[Option], said: str, words: Vocabulary) -> str:
    """One option from a reply: its number, ordinal, value, label, a word meaning it, or a telling word that no
    word of the reply contradicts; a qualifier in brackets or after "but" refines it, an exception narrows it,
    a negation rules one out."""
    said = expanded(simplify(said), words)
    if said in words.unclear or said.startswith(words.unclear_starts) or _acknowledges(said, words) or any(
            c in words.unclear for c in candidates(said)[1:]):
        raise InputError(f"'{said[:40]}' could mean more than one of these; please choose: {_listing(options)}")
    values = [o.value for o in options]
    chosen = _exactly(options, said)
    if chosen is None:
        chosen = next((v for v in (_refined(options, said, words), _meant(said, words, values),
                                   _negated(options, said, words)) if v is not None), None)
    if chosen is None:  # an option named outright among filler ("it's 2")
        chosen = next((c for c in (_exactly(options, r) for r in candidates(said)[1:]) if c is not None), None)
    if chosen is None:
        chosen = _by_label(options, _without_negation(said))
        chosen = None if chosen is None or _contradicted(said, words, values, chosen) else chosen
    if chosen is None:
        chosen = _phrase_ending(_without_negation(said), words, values)
    if chosen is None:
        raise InputError(f"'{said[:60]}' is not one of the choices: {_listing(options)}")
    narrower = words.narrowed.get(chosen)
    if narrower in values and _excepts(said, words):
        return narrower
    return chosen


def _exactly(options: list[Option], said: str) -> str | None:
    """The option a reply names outright: its number or ordinal, value or label, or its subsection written
    any way ("1b", "(b)", "2c", "40(2)")."""
    index = _number(said, len(options))
    if index is not None:
        return options[index].value
    for option in options:
        if said in (option.value.lower(), simplify(option.label)):
            return option.value
    compact = re.sub(r"^(?:s|sec|section)\.?\s*", "", said)
    compact = re.sub(r"[\s()]", "", compact)
    if not compact or not re.fullmatch(r"[0-9a-z]{1,8}", compact) or not any(c.isdigit() for c in
                                                                              "".join(o.value for o in options)):
        return None
    found = [o.value for o in options if (v := re.sub(r"[()]", "", o.value.lower())) == compact
             or (re.fullmatch(r"\d{2,3}", compact[:len(compact) - len(v)] or "x") and compact.endswith(v))]
    if not found and re.fullmatch(r"[a-z]{1,4}", compact):  # "(b)": the one subsection ending in it
        found = [o.value for o in options if o.value.lower().endswith(f"({compact})")]
    if not found and compact[0].isalpha():  # "b(i)": the one subsection it ends, after the subsection number
        found = [o.value for o in options if re.fullmatch(rf"\d{{1,2}}{re.escape(compact)}",
                                                          re.sub(r"[()]", "", o.value.lower()))]
    return found[0] if len(found) == 1 else None


def _meant(said: str, words: Vocabulary, values: list[str], *, loose: bool = True) -> str | None:
    """The option a phrase of the vocabulary means, from the fullest reading of the reply down; ``loose``
    also reads a leading yes or no ("yep, it's in the schedule")."""
    yes, no = ("yes", *words.yes_means), ("no", "none", *words.no_means)
    for reading in candidates(said):
        wanted = words.meanings.get(reading) or (yes if reading in words.yes else no if reading in words.no else ())
        found = next((v for v in wanted if v in values), None)
        if found is not None:
            return found
    if not loose:
        return None
    first_word = said.split()[0].strip(",.;:!-")
    wanted = yes if first_word in _YES_WORDS else no if first_word in _NO_WORDS else ()
    return next((v for v in wanted if v in values), None)


def _refined(options: list[Option], said: str, words: Vocabulary) -> str | None:
    """A qualifier that is itself a choice: in brackets ("yes (some of it)"), after "but" ("we do hold it but
    we'll NCND") or a dash ("yes - not all of it"); one that is no choice ("EIR (it's emissions data)") leaves
    the rest to speak."""
    values = [o.value for o in options]
    inner = re.findall(r"(?:^|(?<=\s))\(([^()]+)\)", said)  # not a subsection's brackets ("2(c)")
    after = [re.split(pattern, said, maxsplit=1)[1:] for pattern in (r"\sbut\s", r"\s[-–]\s")]
    for qualifier in [*inner, *(a[0] for a in after if a)]:
        found = _meant(simplify(qualifier), words, values, loose=False) if qualifier.strip() else None
        if found is not None:
            return found
    outer = re.sub(r"(?:^|\s+)\([^()]*\)", "", said).strip()
    if inner and outer and outer != said:
        try:
            return pick(options, outer, words)
        except InputError:
            return None
    return None


def _excepts(said: str, words: Vocabulary) -> bool:
    """The reply makes an exception ("full, apart from the names", "all except the 14 forces")."""
    return _found(words.exceptions, said) is not None


def _exception_head(said: str, words: Vocabulary) -> str:
    """The reply before its exception ("all except the 14 forces" gives "all")."""
    cuts = [m.start() for w in words.exceptions for m in re.finditer(_whole(w), said)]
    return said[:min(cuts)].strip(" ,;-") if cuts else said


_NEGATED = re.compile(r"(?:^|(?<=[\s,;-]))(?:but\s+)?(?:not|never|rather than|instead of)\s+(?:the\s+|a\s+|an\s+)?"
                      r"(?P<what>.+?)\s*(?=$|[,;]|\s-\s|\s–\s|\bbut\b)")


def _negated(options: list[Option], said: str, words: Vocabulary) -> str | None:
    """A reply that rules a choice out: "FOI not EIR", "not the first one, the second", "not EIR" (of two)."""
    head = _exception_head(said, words)
    if head != said and head:
        try:
            return pick(options, head, words)
        except InputError:
            return None
    match = _NEGATED.search(said)
    if not match:
        return None
    try:
        ruled_out = pick(options, match["what"], words)
    except InputError:
        return None
    rest = _without_negation(said)
    if rest:
        try:
            chosen = pick(options, rest, words)
            return chosen if chosen != ruled_out else None
        except InputError:
            pass  # "the officer's, not the requester's": of two choices, the one not ruled out
    others = [o.value for o in options if o.value != ruled_out]
    return others[0] if len(others) == 1 else None


def _without_negation(said: str) -> str:
    """The reply without the clause that rules a choice out ("the officer's, not the requester's" gives
    "the officer's"), so that clause's words never pick the choice it rules out."""
    match = _NEGATED.search(said)
    return (said[:match.start()] + " " + said[match.end():]).strip(" ,;-–") if match else said


def _by_label(options: list[Option], said: str) -> str | None:
    """The one option whose label starts as the reply (or its first clause) does, or shares its telling words."""
    for reading in candidates(said):
        starts = [o.value for o in options if len(reading) >= 4 and simplify(o.label).startswith(reading)]
        if len(starts) == 1:
            return starts[0]
    return _by_words(options, said, use_values=True)


_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]")
_LEAD = re.compile(r"^(?:(?:yes|yep|yeah|yup|no|nope|nah|ok|okay|so|well|erm|um)\b,?\s*|(?:i'd say|i would say|"
                   r"i think|i reckon|we think|answer is|it is|its|the answer is|we hold|we have|only|just|"
                   r"giving them|we're giving them|we are giving them|giving|go with|the|a|an|we'll|we will|"
                   r"we're going to|we are going to|we're|we are|releasing|we're releasing|we are releasing)\s+)")
_TAIL = re.compile(r",?\s+(?:i think|i reckon|probably not|please|pls|thanks|ta|this time|threshold|one|test|bar|"
                   r"yes|yeah|for now|across the board)$")
_NUMBER_WORDS = {w: n for n, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                             "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                             "sixteen", "seventeen", "eighteen", "nineteen"))} | {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100}


def candidates(said: str) -> list[str]:
    """Readings of a reply with filler around it removed, fullest first: "yes same answer" gives "same answer",
    "none - full refusal" gives "none", "the lower threshold" gives "lower", "N.C.N.D." gives "ncnd"."""
    said = _EMOJI.sub("", said).strip() or said
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]?", said):
        said = said.replace(".", "")
    said = said.replace("'s ", " is ")
    out = [said]
    first = re.split(r"\s+-\s+|\s*[,;]\s*|(?<=\w)\.\s+|\s+but\s+", said)[0].strip()
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
    said = re.sub(r"\s+(one|option|choice|condition|limb)$", "", said)
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


def _meanings_within(said: str, words: Vocabulary, values: list[str]) -> set[str]:
    """The choices that phrases of the vocabulary inside the reply mean (each phrase its first such choice)."""
    plain = re.findall(r"[a-z']+", said)
    grams = {" ".join(plain[i:i + n]) for n in (1, 2, 3) for i in range(len(plain) - n + 1)}
    return {next(v for v in words.meanings[g] if v in values) for g in grams
            if any(v in values for v in words.meanings.get(g, ()))}


def _contradicted(said: str, words: Vocabulary, values: list[str], chosen: str) -> bool:
    """Some words of the reply mean another of the choices ("same answer across the board" has "same", so its
    "answer" does not pick "Answer part by part")."""
    return bool(_meanings_within(said, words, values) - {chosen})


def _phrase_ending(said: str, words: Vocabulary, values: list[str]) -> str | None:
    """The choice a vocabulary phrase ending the reply means ("the contract with the prices redacted" is
    partial), unless other words of it mean another ("nothing redacted"); a phrase earlier in the reply ("held
    by the Home Office") says too little."""
    plain = re.findall(r"[a-z']+", said)
    for n in (3, 2, 1):
        found = next((v for v in words.meanings.get(" ".join(plain[-n:]), ()) if v in values), None)
        if len(plain) > n and found is not None:
            return None if _contradicted(said, words, values, found) else found
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
    other = _other_topic(state, kb, options, said)
    if other is not None:
        return other
    if said in words.none or said in words.no or said.startswith(("none", "no ", "not ")) or \
            said.split()[0] in words.none:
        return _named_instead(state, kb, options, said) or NONE_OPTION.value
    for reading in candidates(said):
        if reading in words.yes or reading in ("the first one", "first one"):
            if shown:
                return shown[0].value
            raise InputError("I have no report to suggest for this request: name the report, or say 'none'.")
        index = _number(reading, len(options))
        if index is not None:
            return options[index].value
    if said in kb.topics:
        return said
    for reading in candidates(said):  # a report's own title or alias, word for word ("the ASR" is "asr")
        named = [t.id for t in kb.topics.values() if reading in (simplify(n) for n in (t.title, *t.aliases))]
        if len(named) == 1:
            return named[0]
    for option in shown:
        if said == simplify(option.label):
            return option.value
    exact = not _misspelt(kb, said)  # a misspelt name ("betrayl") is a loose match: confirmed, never taken
    chosen = _by_words(shown, said)
    if chosen is not None and exact:
        return chosen
    found = _matcher(kb).match_topics(said, limit=2)
    if found and found[0].score >= 60 and (len(found) == 1 or found[1].score < found[0].score - 10) and exact:
        return found[0].key
    if chosen is not None:
        raise NeedsConfirm(Pending("topic", chosen, f"Did you mean \"{kb.topics[chosen].title}\"? (yes or no)"))
    found = found or _matcher(kb).match_topics(_respelt(kb, said), limit=2)
    if found:
        raise NeedsConfirm(Pending("topic", found[0].key, f"Did you mean \"{found[0].label}\"? (yes or no)"))
    listing = _listing(options)
    raise InputError(f"I know no report called '{said[:60]}'. Choose one of: {listing}, or name the report.")


def _other_topic(state: ConversationState, kb: Knowledge, options: list[Option], said: str) -> str | None:
    """A reply that rules one report out and names another ("not the first one, the third")."""
    match = _NEGATED.search(said)
    rest = _without_negation(said)
    if not match or not rest or match.start() > 0:
        return None
    try:
        ruled_out = read_topic(state, kb, options, match["what"])
        chosen = read_topic(state, kb, options, rest)
    except (InputError, NeedsConfirm):
        return None
    return chosen if chosen != ruled_out else None


def _named_instead(state: ConversationState, kb: Knowledge, options: list[Option], said: str) -> str | None:
    """The report a reply names after ruling out those shown ("none of those, it's the custody thematic"); a
    loose match is put to the officer, words naming no report leave the answer none."""
    pieces = re.split(r"\s*[,;:]\s*|\s+[-–]\s+", said, maxsplit=1)
    if len(pieces) < 2 or not pieces[1]:
        return None
    try:
        named = read_topic(state, kb, options, re.sub(r"^(?:it is|it's|its|it was|but|rather|try)\s+", "", pieces[1]))
    except InputError:
        return None
    return None if named == NONE_OPTION.value else named


def _respelt(kb: Knowledge, said: str) -> str:
    """The reply with misspelt words replaced by the nearest word of a topic title or alias ("custardy")."""
    vocabulary = _topic_words(kb)
    out = []
    for word in said.split():
        hit = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=80) if len(word) >= 5 else None
        out.append(hit[0] if hit and word not in vocabulary else word)
    return " ".join(out)


def _misspelt(kb: Knowledge, said: str) -> bool:
    """The reply holds a misspelling of a report's word ("betrayl", "positon"); another form of the word
    ("report" for "reports") is no misspelling."""
    respelt = _respelt(kb, said).split()
    return any(new != old and not (new.startswith(old) or old.startswith(new))
               for old, new in zip(said.split(), respelt, strict=True))


def _topic_words(kb: Knowledge) -> list[str]:
    cached = _WORDS.get(id(kb))
    if cached is None or cached[0] is not kb:
        words = {w for t in kb.topics.values() for text in (t.title, *t.aliases) for w in normalise(text).split()}
        cached = _WORDS[id(kb)] = (kb, sorted(words))
    return cached[1]


_WORDS: dict[int, tuple[Knowledge, list[str]]] = {}


# --- lists (public interest factors, attachments) ------------------------------------------------------

_RANGE = re.compile(r"^(\d+)\s*(?:-|–|to|through|thru)\s*(\d+)$")


def _selection(said: str, count: int, everything: frozenset[str] = frozenset()) -> list[int] | None:
    """Indexes a reply picks ("1 and 2", "1, 3 and 4", "1 to 3", "the first two", "first and last", "all of
    them" when ``everything`` holds it), or None."""
    said = simplify(said)
    said = re.sub(r"\b(no others?|nothing else|no more|factors?|numbers?|options?|items?|points?|nos?\.?|please|pls|"
                  r"just|only)\b", " ", said)
    whole = re.fullmatch(r"\s*all\s+(\d+|\w+)\s*", said)
    if whole and (whole.group(1) == str(count) or _COUNT_WORDS.get(whole.group(1)) == count):
        return list(range(count))
    said = re.sub(r"(\d+)\s*(?:-|–|to|through|thru)\s*(\d+)", r"\1-\2", " ".join(said.split()))
    said = re.sub(r"^both\s+(?=\d)", "", said)
    if said == "both":
        return list(range(count)) if count == 2 else None
    if said in everything:
        return list(range(count))
    first = re.fullmatch(r"(?:the\s+)?(first|top)\s+(\w+)", said)
    if first and (first.group(2).isdigit() or first.group(2) in _COUNT_WORDS):
        n = int(first.group(2)) if first.group(2).isdigit() else _COUNT_WORDS[first.group(2)]
        return list(range(n)) if 1 <= n <= count else None
    pieces = [p for p in re.split(r"\s*(?:,|&|\+|\band\b|\bplus\b|\s)\s*", said) if p and p != "the"]
    out: list[int] = []
    for piece in pieces:
        span = _RANGE.match(piece)
        position = ORDINALS.get(piece)
        numbers = range(int(span.group(1)), int(span.group(2)) + 1) if span else (
            [int(piece)] if piece.isdigit() else [count if position == -1 else position] if position else None)
        if numbers is None or not numbers:
            return None
        for n in numbers:
            if not 1 <= n <= count:
                raise InputError(f"There is no number {n} in the list; choose 1 to {count}.")
            if n - 1 not in out:
                out.append(n - 1)
    return out or None


_ALL_BUT = re.compile(r"^(?:all|everything|every one|the lot|all of them)\s+(?:but|except(?: for)?|apart from|bar|"
                      r"other than|save for|minus|excluding)\s+(.+)$")
_THE_REST = re.compile(r"^(?:and\s+)?(?:the\s+)?(?:other|others|rest|remaining)(?:\s+(?:\w+|ones?))?$")
_FILLER_WORDS = re.compile(r"\b(?:here|now|though|really|at all|this time|for this one)\b")


def _choices(options: list[Option], said: str, words: Vocabulary) -> list[int] | None:
    """Indexes a list reply picks, with what it rules out: "all but 4", "not 1, the other two", "2 and 3 - 4 isn't
    relevant", "everything except the mosaic one", or items named by their words ("the timeliness one")."""
    ruling_out = _ALL_BUT.search(said) or _found(words.negations, said) is not None
    if not ruling_out:
        return _items(options, said, words)
    kept: list[int] = []
    dropped: list[int] = []
    rest = False
    for clause in (c for c in re.split(r"\s*(?:[,;]|\s-\s|\s–\s|\bbut\b(?!\s+\d))\s*", said) if c):
        all_but = _ALL_BUT.match(clause)
        negation = _found(words.negations, clause)
        if all_but or negation:
            named = all_but.group(1) if all_but else re.sub(_whole(negation), " ", clause)
            found = _items(options, " ".join(_FILLER_WORDS.sub(" ", named).split()), words)
            if found is None:
                return None
            dropped += found
            rest = rest or bool(all_but)
        elif _THE_REST.match(clause):
            rest = True
        else:
            found = _items(options, clause, words)
            if found is None:
                return None
            kept += found
    if not dropped:
        return None
    chosen = range(len(options)) if rest or not kept else kept
    return [i for i in chosen if i not in dropped] or None


def _items(options: list[Option], said: str, words: Vocabulary) -> list[int] | None:
    """Indexes named by number, ordinal or an item's own words, or None."""
    picks = _selection(said, len(options), words.everything)
    if picks is not None:
        return picks
    out: list[int] = []
    for piece in (p for p in re.split(r"\s*(?:,|&|\+|\band\b|\bplus\b)\s*", said) if p):
        found = _selection(piece, len(options), words.everything)
        if found is None:
            named = _named_item(options, piece)
            found = None if named is None else [named]
        if found is None:
            return None
        out += [i for i in found if i not in out]
    return out or None


def _named_item(options: list[Option], piece: str) -> int | None:
    """The one item a short phrase names by the words of its id ("the timeliness one", "the mosaic effect")."""
    said = [w for w in re.findall(r"[a-z]+", piece.lower()) if w not in ("the", "one", "factor", "point", "about")]
    if not said or len(said) > 4:
        return None
    found = [i for i, o in enumerate(options) if set(o.value.lower().split("-")) <= set(said)
             and len(said) <= len(o.value.split("-")) + 2]
    if not found:  # by the initials of its words ("the QA one" is quality-assurance)
        found = [i for i, o in enumerate(options) if len(o.value.split("-")) > 1
                 and "".join(w[0] for w in o.value.lower().split("-")) in said]
    return found[0] if len(found) == 1 else None


_LEADING_PICKS = re.compile(r"^((?:\d+\s*(?:,|&|\band\b|-|–|\bto\b)?\s*)+?)\s*(?:,|;|\band\b|\bplus\b)\s*"
                            r"(?:also\b[:,]?\s*)?(?=[a-z])(.+)$", re.I)
_FILE = re.compile(r"\.[A-Za-z0-9]{2,4}$")
_LABELLED = re.compile(r"^(?:annex|appendix|attachment|enclosure|table|schedule|document|file)\s+\S+$", re.I)


def read_list(options: list[Option], text: str, words: Vocabulary) -> list[str]:
    """Items of a list answer: picks from the options, the officer's own sentences, or both; without
    options (attachments), a line naming several files ("Annex A.xlsx and Annex B.pdf") gives each."""
    items: list[str] = []
    for line in re.split(r"\n|;", text):
        part = line.strip(" -•*\t")
        said = simplify(part)
        if not said or said in words.none:
            continue
        if not options:
            items += [f for f in _files(_file_line(part)) if f not in items]
            continue
        picks = _choices(options, said, words)
        if picks is None and re.search(r"\(.*\)", said):  # "1 and 3 (3 is the main one)": an aside
            picks = _choices(options, simplify(re.sub(r"\([^()]*\)", " ", said)), words)
        if picks is not None:
            items += [options[i].value for i in picks if options[i].value not in items]
            continue
        more = _CONTINUING.match(part)
        if more and items:  # a line going on from the picks above ("and also: the forces asked us not to")
            items.append(_sentence(part[more.end():]))
            continue
        mixed = _LEADING_PICKS.match(part)
        if mixed:
            chosen = _selection(mixed.group(1), len(options), words.everything)
            if chosen is not None:
                items += [options[i].value for i in chosen if options[i].value not in items]
                items.append(_sentence(mixed.group(2)))
                continue
        match = next((o.value for o in options if said in (o.value.lower(), simplify(o.label))), None)
        items.append(match or part)
    return items


_CONTINUING = re.compile(r"^(?:and\s+also|and|also|plus)\b[:,]?\s*(?=\S)", re.I)
_ENUMERATOR = re.compile(r"^(?:\d{1,2}|[a-z])[.)]\s+(?=\S)", re.I)


def _file_line(part: str) -> str:
    """A line naming a file without its list number ("1. Response table.xlsx") or a chatty lead-in before a
    colon ("just the one: table.xlsx"); a label such as "Table: ICT monitoring" is kept."""
    part = _ENUMERATOR.sub("", part)
    head, colon, tail = part.partition(": ")
    if colon and _FILE.search(tail) and head == head.lower() and not re.search(r"\d", head) and len(head.split()) <= 5:
        return tail.strip()
    return part


def _files(part: str) -> list[str]:
    """A line naming several files, each with its extension or each an "Annex A", as one item each."""
    pieces = [p.strip() for p in re.split(r"\s*(?:,|&|\+|\band\b)\s*", part) if p.strip()]
    if len(pieces) > 1 and (all(_FILE.search(p) for p in pieces) or all(_LABELLED.match(p) for p in pieces)):
        return pieces
    return [part]


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]
