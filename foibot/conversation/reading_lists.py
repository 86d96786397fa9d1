"""Reading picks from a list ("1 and 2", "1 to 3", "all but 3", "the first two", mixed with own words) and
lists typed as lines (attachments, public interest factors of the officer's own); a factor that is only a choice
word of another question ("would be likely") is asked back.
"""

from __future__ import annotations

import re

from foibot.conversation.clipping import clip
from foibot.conversation.reading_phrases import (
    NUMBER_WORDS,
    by_words,
    found_phrase,
    lettered,
    position,
    positions_written,
    simplify,
    whole_words,
)
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge, Option, Question
from foibot.knowledge.vocabulary import Vocabulary

_RANGE = re.compile(r"^(\d+)\s*(?:-|–|to|through|thru)\s*(\d+)$")


def selection(said: str, count: int, everything: frozenset[str] = frozenset()) -> list[int] | None:
    """Indexes a reply picks ("1 and 2", "1, 3 and 4", "1 to 3", "the first two", "first and last", "all of
    them" when ``everything`` holds it), or None."""
    said = positions_written(simplify(said))
    said = re.sub(r"\b(?:no others?|nothing else|no more|factors?|numbers?|options?|items?|points?|nos?|please|pls|"
                  r"just|only)\b\.?", " ", said)
    said = re.sub(r"\b(first|second|third|fourth|fifth|sixth|last|top|penultimate)\s+ones?\b", r"\1", said)
    whole = re.fullmatch(r"\s*all\s+(\d+|\w+)\s*", said)
    if whole and (whole.group(1) == str(count) or NUMBER_WORDS.get(whole.group(1)) == count):
        return list(range(count))
    said = re.sub(r"(\d+)\s*(?:-|–|to|through|thru)\s*(\d+)", r"\1-\2", " ".join(said.split()))
    said = re.sub(r"(?<=\d)\s+a\s+(?=\d)", " and ", said)  # Welsh "1 a 3": 1 and 3
    said = re.sub(r"^both\s+(?=\d|the\b|first\b|second\b|last\b)", "", said)
    if said == "both":
        return list(range(count)) if count == 2 else None
    if said in everything:
        return list(range(count))
    first = re.fullmatch(r"(?:the\s+)?(first|top|last|bottom)\s+(\w+)", said)
    if first and (first.group(2).isdecimal() or first.group(2) in NUMBER_WORDS):
        n = int(first.group(2)) if first.group(2).isdecimal() else NUMBER_WORDS[first.group(2)]
        if not 1 <= n <= count:
            return None
        return list(range(n)) if first.group(1) in ("first", "top") else list(range(count - n, count))
    pieces = [p for p in re.split(r"\s*(?:,|&|\+|\band\b|\bplus\b|\s)\s*", said) if p and p != "the"]
    letters = [lettered(p, count) for p in pieces]
    if pieces and None not in letters:  # "a and c", "options b and c": items labelled by letter
        return [i for n, i in enumerate(letters) if i not in letters[:n]]  # type: ignore[misc]
    out: list[int] = []
    for piece in pieces:
        span = _RANGE.match(piece)
        place = position(piece, count)
        spelt = NUMBER_WORDS.get(piece) if 0 < NUMBER_WORDS.get(piece, 0) < 20 else None  # "one, two and four"
        numbers = range(int(span.group(1)), int(span.group(2)) + 1) if span else (
            [int(piece)] if piece.isdecimal() else [place] if place else [spelt] if spelt else None)
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


_PICKS_EXCEPT = re.compile(r"^(.+?)\s+(?:except(?: for)?|apart from|bar|other than|save for|minus|excluding)\s+(.+)$")


_THE_REST = re.compile(r"^(?:and\s+)?(?:the\s+)?(?:other|others|rest|remaining)(?:\s+(?:\w+|ones?))?$")


_FILLER_WORDS = re.compile(r"\b(?:here|now|though|really|at all|this time|for this one)\b")


def _choices(options: list[Option], said: str, words: Vocabulary) -> list[int] | None:
    """Indexes a list reply picks, with what it rules out: "all but 4", "not 1, the other two", "2 and 3 - 4 isn't
    relevant", "everything except the mosaic one", or items named by their words ("the timeliness one")."""
    narrowed = None if _ALL_BUT.match(said) else _PICKS_EXCEPT.match(said)
    if narrowed:  # "1 to 3 except 2", "the first three bar the mosaic one"
        kept, dropped = (_items(options, group, words) for group in narrowed.groups())
        if kept and dropped:
            return [i for i in kept if i not in dropped] or None
    ruling_out = _ALL_BUT.search(said) or found_phrase(words.negations, said) is not None
    if not ruling_out:
        return _items(options, said, words)
    whole = _ALL_BUT.match(said)  # "all but the last": not cut at its "but"
    if whole and not found_phrase(words.negations, said):
        dropped = _items(options, " ".join(_FILLER_WORDS.sub(" ", whole.group(1)).split()), words)
        return None if dropped is None else [i for i in range(len(options)) if i not in dropped] or None
    kept: list[int] = []
    dropped: list[int] = []
    rest = False
    for clause in (c for c in re.split(r"\s*(?:[,;]|\s-\s|\s–\s|\bbut\b(?!\s+\d))\s*", said) if c):
        all_but = _ALL_BUT.match(clause)
        negation = found_phrase(words.negations, clause)
        if all_but or negation:
            named = all_but.group(1) if all_but else re.sub(whole_words(negation), " ", clause)
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


def list_picks(options: list[Option], said: str, words: Vocabulary) -> list[int] | None:
    """Indexes a reply picks from ``options``, with what it rules out ("every one bar NI"), or None."""
    return _choices(options, simplify(said), words)


def _items(options: list[Option], said: str, words: Vocabulary) -> list[int] | None:
    """Indexes named by number, ordinal or an item's own words, or None."""
    picks = selection(said, len(options), words.everything)
    if picks is not None:
        return picks
    out: list[int] = []
    for piece in (p for p in re.split(r"\s*(?:,|&|\+|\band\b|\bplus\b)\s*", said) if p):
        found = selection(piece, len(options), words.everything)
        if found is None:
            named = _named_item(options, piece)
            found = None if named is None else [named]
        if found is None:
            return None
        out += [i for i in found if i not in out]
    return out or None


def _named_item(options: list[Option], piece: str) -> int | None:
    """The one item a short phrase names by the words of its id ("the timeliness one", "the mosaic effect")."""
    said = [_stem(w) for w in re.findall(r"[a-z]+", piece.lower())
            if w not in ("the", "one", "factor", "point", "about")]
    if not said or len(said) > 4:
        return None
    found = [i for i, o in enumerate(options) if {_stem(w) for w in o.value.lower().split("-")} <= set(said)
             and len(said) <= len(o.value.split("-")) + 2]
    if not found:  # by the initials of its words ("the QA one" is quality-assurance)
        found = [i for i, o in enumerate(options) if len(o.value.split("-")) > 1
                 and "".join(w[0] for w in o.value.lower().split("-")) in said]
    if not found:  # by some of its words ("the inherent one" is inherent-lpp, "the live issue" live-issue)
        found = [i for i, o in enumerate(options) if set(said) <= set(o.value.lower().split("-"))]
    if not found and len(said) >= 2:  # by its text's words ("the one about local communities")
        named = by_words(options, " ".join(said))
        found = [i for i, o in enumerate(options) if o.value == named]
    return found[0] if len(found) == 1 else None


def _stem(word: str) -> str:
    """A word without a plural's or possessive's "s" ("suppliers" is "supplier"), to match an item's words."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


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
            chosen = selection(mixed.group(1), len(options), words.everything)
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


_AS_FILE = re.compile(r"^(?:the\s+)?[a-z][\w\s-]{0,40}?\s+as\s+(?=\S+\.[A-Za-z0-9]{2,4}$)")  # "the emails as x.pdf"


def _files(part: str) -> list[str]:
    """A line naming several files, each with its extension or each an "Annex A", as one item each."""
    pieces = [_AS_FILE.sub("", p.strip()) for p in re.split(r"\s*(?:,|&|\+|\band\b)\s*", part) if p.strip()]
    if len(pieces) > 1 and (all(_FILE.search(p) for p in pieces) or all(_LABELLED.match(p) for p in pieces)):
        return pieces
    return [part]


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def choice_words(kb: Knowledge) -> frozenset[str]:
    """Short replies that choose an answer to some question ("yes", "partly", "would be likely", "refuse"): typed
    as a public interest factor or conclusion they answer another question, and say nothing for the letter."""
    cached = _CHOICE_WORDS.get((id(kb), "meanings"))
    if cached is not None and cached[0] is kb:
        return cached[1]
    words = kb.vocabulary
    values = {o.value for o in _choice_options(kb)}
    found = set(option_words(kb))
    found |= {phrase for phrase, meant in words.meanings.items() if values.intersection(meant)}
    found |= set(words.yes) | set(words.no) | set(words.none)
    result = frozenset(w for w in found if w and len(w.split()) <= 4)
    _CHOICE_WORDS[(id(kb), "meanings")] = (kb, result)
    return result


def option_words(kb: Knowledge) -> frozenset[str]:
    """The choices of the questions as they are shown or stored ("would be likely to", "would be likely", "some of
    it"), a few words each: a reply that is only one of them chooses, whatever it was typed for."""
    cached = _CHOICE_WORDS.get((id(kb), "options"))
    if cached is not None and cached[0] is kb:
        return cached[1]
    options = _choice_options(kb)
    found = {simplify(o.label) for o in options} | {o.value.replace("_", " ").lower() for o in options}
    result = frozenset(w for w in found if w and len(w.split()) <= 4)
    _CHOICE_WORDS[(id(kb), "options")] = (kb, result)
    return result


def _choice_options(kb: Knowledge) -> list[Option]:
    return [o for q in (*kb.flow, *kb.per_exemption) if q.kind in ("choice", "multi") for o in q.options]


_CHOICE_WORDS: dict[tuple[int, str], tuple[Knowledge, frozenset[str]]] = {}


def factors_not_choices(kb: Knowledge, q: Question, options: list[Option], items: list[str]) -> None:
    """Raise InputError for a factor of the officer's own that is only a choice word ("would be likely" typed
    for the likelihood question already asked): it would be printed in the letter as a factor. With no list shown
    there is nothing to pick from, so words that could pick ("either", "both", "the last") are the officer's own
    factor ("confirming either way would itself disclose personal data")."""
    own = {o.value for o in options}
    side = "in favour of disclosure" if q.id == "pit_for" else "in favour of keeping the exemption"
    for item in items:
        said = simplify(item).rstrip(".!")
        if item in own:
            continue
        if said in choice_words(kb):
            raise InputError(f"'{clip(item, 40)}' answers another question, not what weighs {side}. Pick "
                             "factors from the list by number, or type one as a sentence (or say 'skip').")
        if options and _PICK_WORDS.search(said) and len(said.split()) <= 12:  # "the last two", "same as the s31 ones"
            raise InputError(f"'{clip(item, 40)}' reads as a pick from the list that I could not match. Pick "
                             f"factors by number (\"1 and 3\"), or type what weighs {side} as a sentence.")
        if _FACTOR_ID.fullmatch(item.strip()):  # the letter would take "withhold" for a factor id it does not know
            raise InputError(f"'{clip(item, 40)}' is not one of the listed factors. Pick factors from the list by "
                             f"number, or type what weighs {side} as a sentence (or say 'skip').")


_PICK_WORDS = re.compile(r"\b(?:first|second|third|fourth|fifth|last|both|ones?|none|all|every|whichever|"
                         r"either|same|above|number|no\.|\d)\b")


_FACTOR_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+|[a-z]{4,}")  # as the letter reads a factor's id
