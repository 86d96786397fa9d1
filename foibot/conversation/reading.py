"""Reading a reply as the officer means it, for every kind of question.

``read_answer`` returns the value to store, or :data:`NO_ANSWER` ("none", "n/a", "the standard wording is
fine" to an optional question), raises :class:`NeedsConfirm` for a guess the officer must confirm, and
raises InputError (with the allowed choices) for anything unclear, such as "probably". It never guesses.
Topics are read in ``reading_topics``, picks from a list in ``reading_lists``, exemptions in
``reading_citations``, dates in ``reading_dates``, choices in ``reading_choices``, numbers in ``reading_numbers``,
the public interest balance in ``reading_balance``; what they share is in ``reading_phrases``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from foibot.conversation.answers import get_path
from foibot.conversation.asking import Step, default_for, options_for
from foibot.conversation.clipping import clip
from foibot.conversation.email_parse import pasted_reply
from foibot.conversation.pasted_headers import without_headers
from foibot.conversation.reading_aside import aside_answer
from foibot.conversation.reading_asks import not_asked_back
from foibot.conversation.reading_balance import balance_reason
from foibot.conversation.reading_choices import exactly, pick
from foibot.conversation.reading_citations import ncnd_typed, read_citations
from foibot.conversation.reading_clauses import the_one_clause
from foibot.conversation.reading_dates import read_date
from foibot.conversation.reading_labels import without_label
from foibot.conversation.reading_lists import (
    choice_words,
    factors_not_choices,
    list_picks,
    option_words,
    read_list,
    selection,
)
from foibot.conversation.reading_names import name_only, name_question, not_a_person, not_a_subject
from foibot.conversation.reading_numbers import read_number
from foibot.conversation.reading_own_words import own_words, says_none, without_yes
from foibot.conversation.reading_phrases import (
    CITATION,
    EMOJI,
    NO_WORDS,
    SHORTCODE,
    YES_WORDS,
    NeedsConfirm,
    acknowledges,
    candidates,
    choices_listed,
    expanded,
    found_phrase,
    in_english,
    simplify,
    without_view,
)
from foibot.conversation.reading_previous import previous_answer
from foibot.conversation.reading_regime import act_under_the_eir, eir_under_the_act, foisa_outside_scotland
from foibot.conversation.reading_reliance import check_reliance
from foibot.conversation.reading_topics import read_topic
from foibot.conversation.reading_vague import (
    act_without_section,
    answers_held,
    declined,
    names_a_person,
    names_no_one,
    points_elsewhere,
    yes_for_some,
)
from foibot.conversation.reading_when import date_like, not_a_date, read_when
from foibot.conversation.reading_where import located, the_offered
from foibot.conversation.reading_who import answer_only
from foibot.conversation.request_parts import part_of
from foibot.conversation.state import ConversationState, Pending, regime_of
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge, Option, Question, ncnd_provision, typed_section
from foibot.knowledge.vocabulary import Vocabulary
from foibot.law.dates import format_long


class NoAnswer:
    """The reply says there is nothing to give (for an optional question)."""


NO_ANSWER = NoAnswer()




def cleaned(text: str, words: Vocabulary) -> str:
    """The reply without what is not the answer, when the answer remains: quoted lines ("> Do we hold it?"),
    a pasted signature ("Kind regards / Gareth Jones / Legal Services"), a note to colleagues after it
    ("... - NB check the Dyfed-Powys row"), emoji beside words ("2019-10-02 👍"), what came pasted under it
    from an email (see ``pasted_reply``) or above it (``without_headers``) and Slack's *bold*, _italic_ and `code`
    marks."""
    text = _MARKS.sub(r"\2", _unstruck(pasted_reply(without_headers(text))))
    lines = text.splitlines()
    kept = [line for line in lines if not line.lstrip().startswith(">")]
    lines = kept if any(line.strip() for line in kept) else [re.sub(r"^\s*>\s?", "", line) for line in lines]
    end = next((i for i, line in enumerate(lines) if i and _signs_off(line, words)), len(lines))
    text = "\n".join(lines[:end]).strip() if any(line.strip() for line in lines[:end]) else text.strip()
    aside = re.search(rf"(?:[.;!]\s+|\s[-–]\s+|\n\s*)(?:{'|'.join(map(re.escape, words.asides))})(?![\w.])", text,
                      re.I) if words.asides else None
    if aside and text[:aside.start()].strip():
        text = text[:aside.start()].strip().rstrip(" -–")
    without = EMOJI.sub("", SHORTCODE.sub(" ", text)).strip()
    return _without_courtesy(re.sub(r"[ \t]{2,}", " ", without) if without else text, words)


_APOLOGY = re.compile(r"^(?:sorry|apologies)\s+(?:for|about)\b[^,.;!:\-–—]*[,.;!:\-–—]+\s*|"
                      r"\s*\((?:sorry|apologies)\b[^()]*\)", re.I)
_MARK = r"[,.;!:\-–—]"


def _without_courtesy(text: str, words: Vocabulary) -> str:
    """The reply without a greeting, thanks or apology around the answer ("hi foibot - it's Gareth Evans", "great,
    thanks — yes we hold it", "1 and 3, thanks", "sorry for the delay, it came in on the 3rd"); a punctuation mark
    sets each apart. A reply that is nothing else stays whole (and is asked back)."""
    polite = sorted({*words.greetings, *words.acknowledgements, *words.sign_offs}, key=len, reverse=True)
    if not polite:
        return text
    either = "|".join(map(re.escape, polite))
    # a mark with a space after it (or a comma, colon or "!"): "ok.xlsx" and "figures-ok" are not set apart
    lead = re.compile(rf"^(?:{either}|sorry)(?![\w'])\s*(?:[,;:!]+|{_MARK}+(?=\s))\s*", re.I)
    tail = re.compile(rf"\s*(?:[,;:!]+|(?<=\s){_MARK}+|{_MARK}+(?=\s))\s*(?:{either})[\s!.]*$", re.I)
    while True:
        shorter = _APOLOGY.sub(" ", lead.sub("", tail.sub("", text), count=1)).strip()
        if shorter == text or not re.search(r"\w", shorter):
            return text
        text = shorter


_MARKS = re.compile(r"(?<![\w*_`~])([*_`~])(?=\S)([^\n]*?\S)\1(?![\w*_`~])")  # Slack's *bold*, _italic_, `code`
_STRUCK = re.compile(r"(?<![\w~])~(?=\S)[^\n~]*?\S~(?![\w~])")  # Slack's ~strike-through~


def _unstruck(text: str) -> str:
    """The reply without what the officer struck through ("~s43(1)~ s43(2)", "~yes~ partly"): Slack's way of
    taking words back; a reply that is all struck through stays whole (and its marks are dropped)."""
    rest = _STRUCK.sub("", text)
    return re.sub(r"[ \t]{2,}", " ", rest).strip() if rest.strip() else text


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
    text = without_label(cleaned(text, words), q, words)  # "Answer: yes", "Name: Dana Kerr"
    if q.kind not in ("text", "longtext"):  # "most of it I'd say": the officer's view is the answer
        text = without_view(text, words)
    if q.kind == "list" and options_for(state, kb, q, exemption):  # "none of those fit, <own words>"
        text = without_yes(own_words(in_english(text, words), words), words)  # Welsh: "yr un olaf"
    said = expanded(simplify(text), words)
    if not said:
        default = default_for(state, q, path, kb)
        if q.kind == "exemptions" and default and text.strip():  # "." ends a pasted list: never Enter here
            raise InputError(f"'{clip(text, 20)}' is not an answer. Press Enter (an empty reply) to cite "
                             f"{', '.join(default)}, or type the exemptions that apply, or 'none'.")
        if q.kind == "exemptions" and default:  # as if typed: s40(5A) stands for s40(1)
            return read_citations(kb, ", ".join(default), regime_of(state))
        if default not in (None, []):
            return default
        if not q.required:
            return NO_ANSWER
        raise InputError("Please give an answer, or say 'skip'.")
    offered = the_offered(q, said, words, default_for(state, q, path, kb))
    if offered is not None:  # "that one", "same link": the link offered for Enter
        return offered
    if q.kind in ("text", "longtext") and _usual(said, words):
        if not q.required:
            return NO_ANSWER
        raise InputError(f"'{clip(text, 40)}': this answer has no standard wording; please type it, or say "
                         "'skip' to come back to it.")
    copied = _same_as_exemption(state, kb, path, said)
    if copied is not None:
        return copied
    if said in words.not_an_answer or said.startswith(words.not_an_answer_starts) or _refers_elsewhere(said, words):
        raise InputError(f"'{clip(text, 40)}' reads as a note, not the answer. Give the answer when you have "
                         "it, or say 'skip' to come back to it.")
    if q.kind in ("text", "longtext", "list", "date", "number") and courtesy_only(said, words):
        raise InputError(f"'{clip(text, 40)}' reads as a courtesy, not the answer: {q.prompt} (or say 'skip' to "
                         "come back to it)")
    answers_held(q, text, said, words)  # "no, its held by the safety camera partnership not us"
    if not q.required and q.kind != "topic" and (any(c in words.none or c in words.no for c in candidates(said))
                                                 or _all_none(said, words) or says_none(said, words)
                                                 or declined(q, said, words)):
        return NO_ANSWER
    if q.kind in ("text", "longtext", "list") and _only_citations(text):
        raise InputError(f"'{clip(text, 40)}' reads as an exemption, not an answer to this question. Give the "
                         "answer, or say 'skip'; to cite an exemption, say 'change the exemptions'.")
    options = options_for(state, kb, q, exemption, path)
    if said in words.unclear:  # "whatever you think", "yes and no": never a value, whatever the question
        then = f"please choose: {choices_listed(options)}" if 0 < len(options) <= 12 else "give the answer"
        raise InputError(f"'{clip(text, 60)}' leaves it open; when you know, {then} (or say 'skip' to come back "
                         "to it).")
    if q.kind == "text":  # a name or phrase corrected as typed ("Nia Roberts - sorry, Nia Robertson")
        text = corrected(text, words, marked=True)
        said = expanded(simplify(text), words)
    if q.kind in ("text", "longtext", "list", "number"):
        not_asked_back(q, regime_of(state), text, said, words)
    if q.kind in ("text", "longtext"):
        text = answer_only(q, text, words)  # "the Home Office will publish it": the answer, not the question
        said = expanded(simplify(text), words)
        _not_a_yes_or_no(q, text, said, words)
        if q.id == "pit_conclusion":  # "withholding, the talks are ongoing": the direction, then the reason
            text = balance_reason(text, words)
            said = expanded(simplify(text), words)
        if q.id == "pit_conclusion" and (len(said.split()) <= 2 or said in choice_words(kb)):
            raise InputError(f"'{clip(text, 40)}' gives no reason. Say where the balance lies and why, for "
                             "example 'The public interest favours maintaining the exemption because …' (the letter "
                             "must give the reasons), or leave it blank for the standard sentence.")
        _not_a_choice(kb, q, text, said)
        not_a_date(q, text, today=today)
        names_no_one(q, text, said, words)  # "them", "we did", "a third party" at "Who …?"
        points_elsewhere(q, text)  # "see <link|the bundle>" at "What are we providing?"
        names_a_person(q, text)  # "Mr John Hill of Hill Farm" at "Describe them without naming them."
        act_without_section(q, text)  # "the Data Protection Act" at "Give the Act and section."
        if name_question(q):  # "car parking bids" is no requester's name
            not_a_subject(q, text, state.body)
        if date_like(q):  # "20th jan", "end of jan": read as every date question reads dates
            return read_when(_text(q.kind, text, said, words), words, today=today)
        kept = _text(q.kind, text, said, words)
        if name_question(q):  # nor "our DPO" a reviewer's
            not_a_person(text, expanded(simplify(kept), words), choice_words(kb) | set(words.meanings))
            return name_only(kept)
        return located(path, q, kept, default_for(state, q, path, kb))
    if q.kind != "list" or re.match(r"\s*\d", text) or _starts_unsure(said, words) or \
            said.startswith(tuple(f"{w} " for w in words.everything)):  # a pick, not words for the letter
        _not_a_guess(text, said, words, options)
        text = corrected(text, words)
        said = expanded(simplify(text), words)
    same = _same_as_part(state, path, said)
    if same is not None:
        return same
    if q.kind == "date":
        def day_of(said: str) -> date:
            return read_date(expanded(said, words), today=today, ahead=path == "letter_date",
                             named_days=words.named_days)
        try:
            day = day_of(text)
        except InputError:  # "received on the 3rd, we hold it, s43(2) applies": the clause naming a day
            day = the_one_clause(text, day_of)
            if day is None:
                raise
        if day > today and path != "letter_date":
            raise InputError(f"{format_long(day)} is in the future; a request cannot be received after today.")
        return day.isoformat()
    if q.kind == "number":
        return read_number(said, q.prompt, path=path)
    if q.kind == "choice":
        _one_choice(options, text, said)
        if any(o.value in words.narrowed for o in options):  # "the notes yes" at "Do we hold it?"
            yes_for_some(text, said, words, choices_listed(options))
        return pick(options, said, words)
    if q.kind == "multi":
        picks = list_picks(options, said, words)
        return [options[i].value for i in picks] if picks \
            else [pick(options, part, words) for part in re.split(r"\s*(?:,|;|&|\+|\band\b)\s*", said) if part]
    if q.kind == "topic":
        return read_topic(state, kb, options, said)
    if q.kind == "exemptions":
        not_a_date(q, text, today=today)  # "the 3rd": a day, not the third exemption suggested
        return _exemptions(state, kb, path, q, options, text, said)
    if q.kind == "list" and not options and len(said.split()) <= 3 and any(c in words.yes for c in candidates(said)):
        raise InputError(f"'{clip(text, 40)}' says there are some, not which: give each file's name as the "
                         "requester will see it, separated by ';' (for example 'Annex A - figures.xlsx; map.pdf').")
    if q.kind == "list":
        items = read_list(options, text, words)
        if q.id in ("pit_for", "pit_against"):
            factors_not_choices(kb, q, options, items)
        return items
    raise InputError(f"foibot cannot read answers of kind '{q.kind}'.")


def _one_choice(options: list[Option], text: str, said: str) -> None:
    """Raise InputError for a reply naming two or more of a question's choices outright ("31(2)(a) and (c)",
    "1 and 3"): the letter relies on one, so the officer is asked which, never given the last one named."""
    pieces = [p for p in re.split(r"\s*(?:,|;|&|\+|/|\band\b|\bor\b)\s*", said) if p]
    if len(pieces) < 2:
        return
    named: list[str] = []
    for piece in pieces:
        found = exactly(options, piece)
        if found is None:
            return
        named.append(found)
    named = list(dict.fromkeys(named))
    if len(named) < 2:
        return
    labels = [next(o.label for o in options if o.value == v) for v in named]
    raise InputError(f"'{clip(text, 60)}' names {len(named)} of the choices ({'; '.join(labels)}); the letter "
                     "relies on one. Which one?")


def _all_none(said: str, words: Vocabulary) -> bool:
    """A reply made only of phrases saying there is nothing to give ("n/a we are", "none - standard")."""
    rest = said
    while rest:
        head = next((p for p in sorted(words.none, key=len, reverse=True)
                     if rest == p or rest.startswith(p + " ")), None)
        if head is None:
            return bool(_FINE.fullmatch(rest)) and rest != said  # "std wording fine", "n/a thanks"
        rest = rest[len(head):].strip(" ,;-–—")
    return True


_FINE = re.compile(r"(?:is\s+|'s\s+)?(?:fine|ok|okay|good|great)?\s*(?:please|pls|thanks|ta|thank you)?")


def _usual(said: str, words: Vocabulary) -> bool:
    """The reply asks for the standard wording ("the usual", "as per the usual s31 wording")."""
    said = re.sub(r"^(?:as per|per|use|go with|same as)\s+", "", said)
    return said in words.usual or any(said.startswith(u + " ") for u in words.usual if len(u.split()) > 1)


_SAID_BY = re.compile(r"(?:what|as)\s+[\w']+(?:\s+[\w']+)?\s+(?:said|says|suggested|wrote|advised|agreed)")


def _refers_elsewhere(said: str, words: Vocabulary) -> bool:
    """A short reply pointing to an answer foibot cannot see ("as per FOI 2026-114", "per Jo's email", "what Jo
    said")."""
    if len(said.split()) > 6:
        return False
    return bool(_SAID_BY.fullmatch(said)) or said.startswith(tuple(f"{w} " for w in words.refers_to))


def courtesy_only(said: str, words: Vocabulary) -> bool:
    """A reply that only greets, thanks or acknowledges ("thanks!", "hi foibot", "diolch"): no answer."""
    return said in words.greetings or said in words.sign_offs or acknowledges(said, words)


def _text(kind: str, text: str, said: str, words: Vocabulary) -> str:
    """Words for the letter, as typed; a short text loses a lead-in ("it's Dr A. Khan")."""
    if " " not in said and (said in words.yes or said in words.no or said in words.none):  # a bare "yes" is no
        # summary, reason or description for a letter (a sentence such as "We do not hold it." is)
        raise InputError(f"'{clip(text, 40)}' answers a yes-or-no question, but this one needs words for "
                         "the letter. Type them, or say 'skip'.")
    text = re.sub(r"\s+([.!?])$", "", text.strip()) if text.strip()[:1].islower() else text  # "a table ." (a slip)
    if kind == "text":  # a phrase set inside a sentence of the letter has no full stop ("inspection notes." is
        text = _NAME_THEN_WHO.sub(r"\1", " ".join(text.split()))  # "inspection notes"); a sentence of the officer's
        # own keeps its stop; a name keeps no description after it ("Olu Adebayo, a journalist")
        short = len(text.split()) <= 5  # "Information Governance Manager." is a phrase too, as a name is
        text = re.sub(r"(?<=[^\W\d_]{4})\.$|(?<=\d)\.$", "", text) if text[:1].islower() or short else text
        lead = max((w for w in words.lead_ins if said.startswith(w + " ") and len(said) > len(w) + 1), key=len,
                   default="")  # the longest: "it's from", not "it's"
        return text[len(lead):].strip() if lead else text
    return text.strip()


_NAME_THEN_WHO = re.compile(r"^((?:[A-Z][\w'.-]*\s){1,3}[A-Z][\w'-]*),\s+(?:a|an)\s+[a-z][\w\s-]{0,40}$")


def _only_citations(text: str) -> bool:
    """A reply that is only citations ("36(1)", "s31, s24"), typed at a question asking for words or files."""
    items = [i for i in re.split(r"\s*(?:,|;|&|\band\b|\n)\s*", text.strip().rstrip(".")) if i]
    return bool(items) and all(CITATION.fullmatch(i) for i in items)


_WH_QUESTION = re.compile(r"^(?:what|which|who|whom|whose|when|where|how|why)\b", re.I)
_YES_NO_LEAD = re.compile(r"^(?P<word>[a-z]+)\s*[,;:.!\-–—]")


def _not_a_yes_or_no(q: Question, text: str, said: str, words: Vocabulary) -> None:
    """Raise InputError for a reply opening with a bare yes or no ("yes, they objected in writing") at a question
    asking what, who or why: it answers another question (a yes-or-no one), not this one."""
    lead = _YES_NO_LEAD.match(said)
    if lead is None or not _WH_QUESTION.match(q.prompt) or re.search(r"n't|\bnot\b", q.prompt.lower()):
        return
    if lead["word"] in YES_WORDS or lead["word"] in NO_WORDS:
        raise InputError(f"'{clip(text, 60)}' opens with '{lead['word']}', which answers a yes-or-no question; "
                         f"this one asks: {q.prompt} Give that answer (or say 'skip' to come back to it).")


def _not_a_choice(kb: Knowledge, q: Question, text: str, said: str) -> None:
    """Raise InputError for a reply that only chooses, typed at a question asking for words for the letter: a
    choice of another question ("would be likely", "some of it") or a pick from a list ("1 and 2", "all of them",
    "the first one"). Stored, it would be printed in the letter as it is; words that merely hold such a choice
    ("it would harm the talks") are the answer. A bare yes or no is asked back by ``_text``."""
    plain = said.rstrip(".!?")
    if " " not in plain and plain in (*kb.vocabulary.yes, *kb.vocabulary.no, *kb.vocabulary.none):
        return
    picked = _a_pick(plain, kb.vocabulary) or _a_pick(simplify(corrected(text, kb.vocabulary)).rstrip(".!?"),
                                                     kb.vocabulary)  # "no wait, the 2nd"
    if not picked and plain not in option_words(kb):
        return
    what = "reads as a pick from a list" if picked else "chooses an answer to another question"
    raise InputError(f"'{clip(text, 40)}' {what}, but this one needs words for the letter: {q.prompt} Type "
                     "them (or say 'skip' to come back to it).")


def _a_pick(said: str, words: Vocabulary) -> bool:
    """Whether a reply only picks items by number or position ("1 and 2", "the first one", "all of them")."""
    try:
        return selection(said, 20, words.everything) is not None
    except InputError:  # a number no list of picks holds ("2027"): not a pick
        return False


def _not_a_guess(text: str, said: str, words: Vocabulary, options: list[Option]) -> None:
    """Raise InputError for a pick that hedges anywhere ("s31 probably, maybe s24") or asks back ("EIR?")."""
    hedge = found_phrase(words.hedges, said)
    question = text.strip().endswith("?")
    condition = _condition(said, words)
    if not hedge and not question and not condition:
        return
    why = f"sounds unsure ('{hedge}')" if hedge else f"depends on something ('{condition}')" if condition \
        else "reads as a question"
    choose = f"please choose: {choices_listed(options)}" if options and len(options) <= 12 else "give the answer"
    raise InputError(f"'{clip(text, 60)}' {why}; when you know, {choose} (or say 'skip' to come back to it).")


def _condition(said: str, words: Vocabulary) -> str | None:
    """The condition an answer hangs on ("yes if the board signs it off", "some of it if legal agree"), or None."""
    if not words.conditions:
        return None
    found = re.match(rf"^(.{{1,30}}?)[\s,;\-–—]+((?:{'|'.join(map(re.escape, words.conditions))})\b.*)$", said)
    head = found[1].strip(" ,;-–—") if found else ""
    answer = head in words.yes or head in words.no or head in words.meanings or head in words.everything
    return found[2] if found and answer else None


def _starts_unsure(said: str, words: Vocabulary) -> bool:
    """A reply that opens with a hedge ("probably 1 and 2", "idk, whatever legal said")."""
    first = re.split(r"\s*[,;]\s*|\s+[-–]\s+", said)[0]
    return said.startswith(words.unclear_starts) or first in words.unclear


def corrected(text: str, words: Vocabulary, *, marked: bool = False) -> str:
    """What follows an officer's last self-correction ("28th, no sorry 29th" gives "29th", "s31(1)(a) actually (b)"
    "s31(1)(b)"), else the text; "sorry for the delay" is an apology, not a correction. ``marked``: only a
    correction set apart by a mark ("Nia Roberts - sorry, Nia Robertson"), for words that may hold "actually"."""
    lowered = text.lower()
    before = r"[,;.\-–—(]\s*" if marked else r"(?:^|[\s,;.\-–—(])"
    cuts = [found.end() for phrase in words.corrections
            for found in re.finditer(rf"{before}{re.escape(phrase)}(?![\w'])(?!\s+(?:for|about)\b)[\s,;:.\-–—)]*",
                                     lowered)]
    cuts += [found.end() for found in _BARE_NO.finditer(lowered)]
    for cut in sorted(cuts, reverse=True):
        rest = text[cut:].strip()
        if rest:
            return _subsection_corrected(text[:cut], rest)
    return text


_BARE_NO = re.compile(r"(?<=\S)\s*(?:[,;\-–—]|\.{2,}|…)\s*no\b(?:\s*[,;:]\s*|"
                      r"\s+(?=(?:the|just|only|it's|its|s|sec|section|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\b)|"
                      r"\s*(?=\d))")  # "would, no, would be likely to", "60 hrs, no 65", "the 3rd, no the 4th",
# "Monday, no Tuesday", "Mon 23rd... no, it was Sun 22nd"


def _subsection_corrected(head: str, rest: str) -> str:
    """A correction of a subsection alone ("s31(1)(a) actually (b)") applied to the citation before it."""
    if not re.fullmatch(r"\([0-9a-z]{1,4}\)", rest.rstrip(".").lower()):
        return rest
    brackets = list(re.finditer(r"\([0-9a-z]{1,4}\)", head, re.I))
    if not brackets:
        return rest
    start = re.search(r"\S+$", head[:brackets[-1].start()])
    return (start.group(0) if start else "") + rest.rstrip(".")


def _same_as_part(state: ConversationState, path: str, said: str) -> Any:
    """For a part's question, "same as part 1" gives part 1's answer to it (None if there is none)."""
    same = re.fullmatch(r"(?:the\s+)?same\s+as\s+(?:for\s+|in\s+)?part\s+(\d+)", said)
    if not same or not path.startswith("parts."):
        return None
    found = get_path(state.answers, f"parts.{same.group(1)}.{path.rpartition('.')[2]}")
    if found in (None, "", []):
        raise InputError(f"Part {same.group(1)} has no answer to this question yet; please give the answer for this "
                         "part.")
    return found


_SAME_AS = re.compile(r"(?:it's\s+|its\s+|it is\s+)?(?:the\s+)?same\s+as\s+(?:for\s+|in\s+|under\s+)?(?P<cite>"
                      r"(?:s|sec|section|reg|regulation|r)\.?\s*\d+[a-z]?(?:\([0-9a-z]+\))*)")


def _same_as_exemption(state: ConversationState, kb: Knowledge, path: str, said: str) -> Any:
    """At an exemption's question, "same as s31" gives s31's answer to the same question (None if none), and "same
    as above" that of the exemption cited before this one (``reading_previous``)."""
    same = _SAME_AS.fullmatch(said)
    section, _, qid = path.rpartition(".")
    if not section or section.startswith("parts."):
        return None
    if not same and said in kb.vocabulary.as_before:  # "same as above": the exemption asked before this one
        return previous_answer(state, kb, section, qid)
    if not same:
        return None
    try:
        other = kb.resolve(same["cite"], regime_of(state))[0].section
    except InputError:
        return None
    return get_path(state.answers, f"{other}.{qid}") if other != section else None


def _exemptions(state: ConversationState, kb: Knowledge, path: str, q: Question, options: list[Option], text: str,
                said: str) -> list[str]:
    """Citations; "none"; the suggested ones ("go with the suggestion"); or numbers from the list shown
    ("4, 8") when none of them is an exemption's own number, or when they are bare numbers that all fit the list
    and not all are ("3, 12": there is no section 3)."""
    words = kb.vocabulary
    if said in words.none or said in words.no:
        return []
    if any(c in words.yes for c in candidates(said)) and not CITATION.search(text):  # "we hold it, s43(2) …"
        default = default_for(state, q, path, kb)
        return read_citations(kb, ", ".join(default), regime_of(state)) if default else []
    numbers = re.findall(r"\d+", said)
    own = {re.sub(r"\D", "", e.section.split("(")[0]) for e in kb.exemptions.values()}
    # bare numbers that are not all exemptions' own ("3, 12": there is no section 3) and all fit the list are picks
    bare = not re.search(r"[a-z]", re.sub(r"\b(?:and|to|or)\b", "", said))
    mixed = bare and not set(numbers) <= own and all(1 <= int(n) <= len(options) for n in numbers)
    picks = selection(said, len(options), words.everything) if numbers and (not own & set(numbers) or mixed) \
        else None
    held = get_path(state.answers, f"{path.rpartition('.')[0]}.held" if "." in path else "held")
    if picks:
        chosen = [options[i].value for i in picks]
        eir_under_the_act(kb, chosen, regime_of(state), part=(part_of(path) or (None,))[0])
        act_under_the_eir(kb, chosen, regime_of(state))
        check_reliance(kb, path, chosen, regime_of(state), ncnd=held == "ncnd")
        return chosen
    cited = read_citations(kb, text, regime_of(state))
    ncnd = ncnd_typed(kb, text, regime_of(state)) if held in ("yes", "partly", "no") else []
    ncnd = [(c, span) for c, span in ncnd if not ncnd_provision(kb, c, regime_of(state))[1]]  # 40(5B) is 40(2)
    if ncnd:
        _ncnd_when_held(state, kb, path, text, held, ncnd)
    if held == "ncnd":
        _each_can_neither_confirm_nor_deny(kb, cited, regime_of(state))
    eir_under_the_act(kb, cited, regime_of(state), part=(part_of(path) or (None,))[0])
    foisa_outside_scotland(kb, cited, regime_of(state))
    act_under_the_eir(kb, cited, regime_of(state))
    check_reliance(kb, path, cited, regime_of(state), ncnd=held == "ncnd")
    aside_answer(kb, path, cited, text, regime_of(state))  # "s12 - aggregated with 0003"
    return cited


def _each_can_neither_confirm_nor_deny(kb: Knowledge, cited: list[str], regime: str) -> None:
    """Raise InputError for an exemption cited by an answer that neither confirms nor denies when the exemption has
    no provision removing the duty to confirm or deny (the letter could not be drafted): FOISA's s36, the EIR's
    12(5)(e). The cost limit and a vexatious request refuse anyway; s40(1) is the requester's own data (40(5A))."""
    for citation in cited:
        exemption, limb = ncnd_provision(kb, citation, regime) or kb.resolve(citation, regime)
        if exemption.type == "procedural" or exemption.ncnd or (
                exemption.section.removeprefix("foisa-") == "s40" and limb.startswith("1")):
            continue
        able = [typed_section(e) for e in kb.exemptions.values()
                if e.regime == exemption.regime and e.ncnd and e.type != "procedural"]
        raise InputError(f"{exemption.cite(limb) if exemption.regime != 'eir' else exemption.cite()} has no "
                         "provision to neither confirm nor deny whether we hold the information, so a letter that "
                         f"neither confirms nor denies cannot rely on it. Those that have one: {', '.join(able)}. "
                         "Which applies (or say 'change whether we hold it')?")


def _ncnd_when_held(state: ConversationState, kb: Knowledge, path: str, text: str, held: str,
                    ncnd: list[tuple[str, tuple[int, int]]]) -> None:
    """Neither-confirm-nor-deny provisions ("s31(3)") cited while the answer says whether we hold it: never
    dropped without a word. The rest is kept on the officer's yes (NeedsConfirm); with nothing else cited the
    reply is asked back (InputError)."""
    named = ", ".join(dict.fromkeys(c for c, _ in ncnd))
    rest = text
    for start, end in sorted((span for _, span in ncnd), reverse=True):
        rest = rest[:start] + " " + rest[end:]
    try:
        kept = read_citations(kb, rest, regime_of(state))
    except InputError:
        kept = []
    said = "we do not hold it" if held == "no" else "we hold it"
    why = (f"{named} {'is a provision' if len(ncnd) == 1 else 'are provisions'} to neither confirm nor deny "
           f"whether we hold the information, but you said {said}, so the letter cannot cite "
           f"{'it' if len(ncnd) == 1 else 'them'} (to neither confirm nor deny, say 'change whether we hold it')")
    if not kept:
        raise InputError(f"{why}. Which exemptions apply?")
    raise NeedsConfirm(Pending(path, kept, f"{why}. Keep {', '.join(kept)} without {named}? (yes or no)"))
