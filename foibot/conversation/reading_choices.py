"""Reading a choice: the option the reply means ("we hold some of it" as partly, "more likely than not" as would),
by its value, its label, a word of the vocabulary, a slip of one letter, or an exception ("all but the prices");
unclear words are asked back, never guessed."""

from __future__ import annotations

import re

from foibot.conversation.clipping import clip
from foibot.conversation.reading_phrases import (
    CITATION,
    NEGATED,
    NO_WORDS,
    NUMBER_WORDS,
    YES_WORDS,
    acknowledges,
    by_words,
    candidates,
    choices_listed,
    expanded,
    found_phrase,
    lettered,
    number_in,
    simplify,
    whole_words,
    without_negation,
)
from foibot.conversation.reading_slips import one_slip
from foibot.errors import InputError
from foibot.knowledge.model import Option
from foibot.knowledge.vocabulary import Vocabulary


def pick(options: list[Option], said: str, words: Vocabulary) -> str:
    """One option from a reply: its number, ordinal, value, label, a word meaning it, or a telling word that no
    word of the reply contradicts; a qualifier in brackets or after "but" refines it, an exception narrows it,
    a negation rules one out."""
    said = expanded(simplify(said), words)
    if said in words.unclear or said.startswith(words.unclear_starts) or acknowledges(said, words) or any(
            c in words.unclear for c in candidates(said)[1:]):
        raise InputError(f"'{clip(said, 40)}' could mean more than one of these; please choose: "
                         f"{choices_listed(options)}")
    values = [o.value for o in options]
    negation = _slipped_negation(said, options, words)
    if negation is not None:
        return pick(options, negation, words)
    chosen = exactly(options, said)
    if chosen is None:
        chosen = next((v for v in (_refined(options, said, words), _meant(said, words, values),
                                   _negated(options, said, words)) if v is not None), None)
    if chosen is None:  # an option named outright among filler ("it's 2")
        named = next(((c, r) for r in candidates(said)[1:] if (c := exactly(options, r)) is not None), None)
        chosen = None if named is None else _agreed(options, said, *named)
    if chosen is None:
        chosen = _by_label(options, without_negation(said))
        chosen = None if chosen is None or _contradicted(said, words, values, chosen) else chosen
    if chosen is None:
        chosen = _phrase_ending(without_negation(said), words, values)
    if chosen is None:
        chosen = _concluded(options, said, words)
    if chosen is None and (respelled := _respelled(said, options, words)) != said:
        try:
            chosen = pick(options, respelled, words)
        except InputError:
            chosen = None
    if chosen is None:
        raise InputError(f"'{clip(said, 60)}' is not one of the choices: {choices_listed(options)}")
    narrower = words.narrowed.get(chosen)
    if narrower in values and (_excepts(said, words) or found_phrase(words.narrowed_by.get(chosen, ()), said)):
        return narrower
    return chosen


def _agreed(options: list[Option], said: str, chosen: str, named: str) -> str:
    """The option named outright among other words ("it's 2"), unless those words name another option by its label:
    then the officer is asked which (a number may be a position or a subsection), or, when the number is that other
    option's own ("2 - it's the supplier's interests" at section 43, whose "2" is listed second), that option."""
    rest = " ".join(said.replace(named, " ", 1).split())
    other = by_words(options, rest) if re.search(r"[a-z]{4,}", rest) else None
    if other is not None and other != chosen and named.strip("() ") == other.strip("() "):
        return other  # "2 - the supplier's interests": the 2 is 43(2), as the words say, not the second option
    if other is not None and other != chosen:
        labels = [next(o.label for o in options if o.value == v) for v in (chosen, other)]
        raise InputError(f"'{clip(said, 60)}' picks '{labels[0]}' by its number but its words name '{labels[1]}'. "
                         "Which "
                         f"one? {choices_listed(options)}")
    return chosen


def _respelled(said: str, options: list[Option], words: Vocabulary) -> str:
    """The reply with each word foibot does not know that is one slip from exactly one word it does (a letter
    left out, added, changed or two swapped: "prtial", "litigaton", "likley", "yse") written as that word; a
    word of three or four letters only for two letters swapped."""
    known = _known_words(options, words)
    return re.sub(r"[a-z]+", lambda m: one_slip(m.group(0), known) or m.group(0), said)


def _slipped_negation(said: str, options: list[Option], words: Vocabulary) -> str | None:
    """The reply respelled when a slip hid a "not" or "no" in it ("nit held" is "not held"): read so, never as
    the words around the slip ("held")."""
    respelled = _respelled(said, options, words)
    plain, fixed = said.split(), respelled.split()
    negations = {"not", "no", "none", "nothing", *NO_WORDS}
    slipped = any(a != b and b in negations for a, b in zip(plain, fixed, strict=False))
    return respelled if slipped and len(plain) == len(fixed) else None


def _known_words(options: list[Option], words: Vocabulary) -> frozenset[str]:
    """The words of the options and of the vocabulary's phrases for choices, yes, no and none."""
    phrases = [*words.yes, *words.no, *words.none, *words.meanings, *words.unclear, *words.hedges,
               *(o.label.lower() for o in options), *(o.value.lower() for o in options)]
    return frozenset(w for p in phrases for w in re.findall(r"[a-z]+", p))


def _concluded(options: list[Option], said: str, words: Vocabulary) -> str | None:
    """A long reply that explains, then answers after its last "so" ("we looked at this last year and the view
    was that it would prejudice ..., so yes, likely to"): the short conclusion decides."""
    parts = re.split(r"[,;.]?\s+so\s+", said)
    tail = parts[-1].strip()
    if len(parts) < 2 or not tail or len(tail.split()) > 5:
        return None
    try:
        return pick(options, tail, words)
    except InputError:
        return None


def exactly(options: list[Option], said: str) -> str | None:
    """The option a reply names outright: its number or ordinal, value or label, or its subsection written
    any way ("1b", "(b)", "2c", "40(2)")."""
    index = number_in(said, len(options))
    if index is None and not any("(" in o.value for o in options):  # "option b": not a subsection's letter
        index = lettered(said, len(options))
    if index is not None:
        return options[index].value
    for option in options:
        if said in (option.value.lower(), option.value.lower().replace("_", " "), simplify(option.label)):
            return option.value
    compact = re.sub(r"^(?:s|sec|section)\.?\s*", "", said)
    compact = re.sub(r"[\s()]|(?<=\d)\.(?=\d)", "", compact)  # "43.2" is 43(2)
    cited = [o.value for o in options if compact and _label_cites(o.label) == compact]
    if len(cited) == 1:  # "33(1)(b)": the one option whose label ends citing it
        return cited[0]
    if not compact or not re.fullmatch(r"[0-9a-z]{1,8}", compact) or not any(c.isdecimal() for c in
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


def _label_cites(label: str) -> str:
    """The provision an option's label ends citing, compact ("... resources (33(1)(b))" gives "331b"), or ""."""
    found = re.search(r"\((\d+[a-z]?(?:\([0-9a-z]+\))+)\)\s*$", label.lower())
    return re.sub(r"[()]", "", found.group(1)) if found else ""


def _meant(said: str, words: Vocabulary, values: list[str], *, loose: bool = True) -> str | None:
    """The option a phrase of the vocabulary means, from the fullest reading of the reply down; ``loose``
    also reads a leading yes or no ("yep, it's in the schedule")."""
    yes, no = ("yes", *words.yes_means), ("no", "none", *words.no_means)
    narrower = _narrowed_yes(said, words, values)
    if narrower is not None:
        return narrower
    for reading in candidates(said):
        wanted = words.meanings.get(reading) or (yes if reading in words.yes else no if reading in words.no else ())
        found = next((v for v in wanted if v in values), None)
        if found is not None:
            return found
    if not loose:
        return None
    if said.startswith(words.no_but_yes):  # "no objection to releasing it" says no "no"
        return None
    first_word = said.split()[0].strip(",.;:!-")
    wanted = yes if first_word in YES_WORDS else no if first_word in NO_WORDS \
        else _leading_yes_no(said, words, values)
    found = next((v for v in wanted if v in values), None)
    return found if found is not None else _fraction(said, values)


def _narrowed_yes(said: str, words: Vocabulary, values: list[str]) -> str | None:
    """"aye, some of it": a leading yes that what follows narrows (to partly), or None."""
    head, _, rest = said.partition(" ")
    rest = rest.strip(" ,;:-–—")
    narrower = words.narrowed.get("yes")
    if head.strip(",.;:!-") not in YES_WORDS or narrower not in values or rest.startswith("but "):
        return None  # "yes but some of it is exempt": what is held, then what is given
    return narrower if _meanings_within(rest, words, values) == {narrower} else None


def _leading_yes_no(said: str, words: Vocabulary, values: list[str]) -> tuple[str, ...]:
    """"we hold the notes but not the list" opens with yes (then narrowed); a reply whose rest says the opposite
    ("we hold it and we don't") or names a choice itself ("..., so not all of it") opens with nothing."""
    phrases = [p for p in (*words.yes, *words.no) if len(p.split()) > 1 and said.startswith(p + " ")]
    if not phrases:
        return ()
    head = max(phrases, key=len)
    rest = said[len(head):]
    is_yes = head in words.yes
    if found_phrase([p for p in (words.no if is_yes else words.yes) if len(p.split()) > 1], rest) \
            or _meanings_within(rest, words, values) or NEGATED.search(rest):  # "we hold the notes, not the names"
        return ()
    return ("yes", *words.yes_means) if is_yes else ("no", "none", *words.no_means)


def _fraction(said: str, values: list[str]) -> str | None:
    """"two of the three parts", "3 out of 5": fewer than all is some of it (partly, partial)."""
    match = re.match(r"^(?:only\s+|just\s+)?(\w+)\s+(?:of|out of)\s+(?:the\s+)?(\w+)\b", said)
    if not match:
        return None
    part, whole = (int(w) if w.isdecimal() else NUMBER_WORDS.get(w) for w in match.groups())
    if part is None or whole is None or not 0 < part < whole:
        return None
    return next((v for v in ("partly", "partial") if v in values), None)


def _refined(options: list[Option], said: str, words: Vocabulary) -> str | None:
    """A qualifier that is itself a choice: in brackets ("yes (some of it)"), after "but" ("we do hold it but
    we'll NCND") or a dash ("yes - not all of it"); one that is no choice ("EIR (it's emissions data)") leaves
    the rest to speak."""
    values = [o.value for o in options]
    inner = re.findall(r"(?:^|(?<=\s))\(([^()]+)\)", said)  # not a subsection's brackets ("2(c)")
    after = [re.split(pattern, said, maxsplit=1)[1:] for pattern in (r"\sbut\s", r"\s[-–—]\s")]
    for qualifier in [*inner, *(a[0] for a in after if a)]:
        found = _meant(simplify(qualifier), words, values, loose=False) if qualifier.strip() else None
        if found is None and qualifier in inner:  # "the catch-all one, (c)": a subsection named in brackets
            found = exactly(options, simplify(qualifier))
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
    return found_phrase(words.exceptions, said) is not None


def _exception_head(said: str, words: Vocabulary) -> str:
    """The reply before its exception ("all except the 14 forces" gives "all")."""
    cuts = [m.start() for w in words.exceptions for m in re.finditer(whole_words(w), said)]
    return said[:min(cuts)].strip(" ,;-") if cuts else said


def _negated(options: list[Option], said: str, words: Vocabulary) -> str | None:
    """A reply that rules a choice out: "FOI not EIR", "not the first one, the second", "not EIR" (of two)."""
    head = _exception_head(said, words)
    if head != said and head:
        try:
            return pick(options, head, words)
        except InputError:
            return None
    match = NEGATED.search(said)
    if not match:
        return None
    try:
        ruled_out = pick(options, match["what"], words)
    except InputError:
        return None
    rest = without_negation(said)
    if rest:
        try:
            chosen = pick(options, rest, words)
            return chosen if chosen != ruled_out else None
        except InputError:
            pass  # "the officer's, not the requester's": of two choices, the one not ruled out
    others = [o.value for o in options if o.value != ruled_out]
    return others[0] if len(others) == 1 else None


def _by_label(options: list[Option], said: str) -> str | None:
    """The one option whose label starts as the reply (or its first clause) does, or shares its telling words."""
    for reading in candidates(said):
        starts = [o.value for o in options if len(reading) >= 4 and simplify(o.label).startswith(reading)]
        if len(starts) == 1:
            return starts[0]
    found = by_words(options, said, use_values=True)
    first = candidates(said)[-1]  # "repeat - same as FOI-0412": the first clause names it, the rest explains
    return found if found is not None or first == said else by_words(options, first, use_values=True)




def _meanings_within(said: str, words: Vocabulary, values: list[str]) -> set[str]:
    """The choices that phrases of the vocabulary inside the reply mean (each phrase its first such choice)."""
    plain = re.findall(r"[a-z']+", said)
    grams = {" ".join(plain[i:i + n]) for n in (1, 2, 3) for i in range(len(plain) - n + 1)}
    found = {g for g in grams if any(v in values for v in words.meanings.get(g, ()))}
    found = {g for g in found if not any(g != longer and re.search(whole_words(g), longer) for longer in found)}
    return {next(v for v in words.meanings[g] if v in values) for g in found}  # "would" inside "would be likely"


def _contradicted(said: str, words: Vocabulary, values: list[str], chosen: str) -> bool:
    """Some words of the reply mean another of the choices ("same answer across the board" has "same", so its
    "answer" does not pick "Answer part by part")."""
    return bool(_meanings_within(said, words, values) - {chosen})


def _phrase_ending(said: str, words: Vocabulary, values: list[str]) -> str | None:
    """The choice a vocabulary phrase ending the reply means ("the contract with the prices redacted" is
    partial), unless other words of it mean another ("nothing redacted"); a phrase earlier in the reply ("held
    by the Home Office") says too little."""
    if CITATION.search(said):  # "s40(2) applies to all of it": the quantity is what the exemption covers
        return None
    plain = re.findall(r"[a-z']+", said)
    for n in (3, 2, 1):
        found = next((v for v in words.meanings.get(" ".join(plain[-n:]), ()) if v in values), None)
        if len(plain) > n and found is not None:
            return None if _contradicted(said, words, values, found) else found
    return None


# --- topics ------------------------------------------------------------------------------------------


# --- lists (public interest factors, attachments) ------------------------------------------------------
