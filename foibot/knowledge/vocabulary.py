"""The reply vocabulary: the words officers use for yes, no, none, a hedge, or a choice's value.

Loaded from ``intents/replies-vocabulary.yaml`` and validated: every list is a list of phrases, each
phrase in the form replies are compared in (lower case, single spaces), and no phrase means two things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from foibot.errors import DataError
from foibot.knowledge.datafile import Node, list_field, load_yaml

_LISTS = ("yes", "no", "none", "unclear", "unclear_starts", "not_an_answer", "not_an_answer_starts")
_OPTIONAL_LISTS = ("labels", "drops", "swaps", "command_fillers", "hedges", "corrections", "retractions", "everything",
                   "exceptions",
                   "negations", "lead_ins",
                   "sign_offs", "asides", "usual", "yes_means", "no_means", "acknowledgements", "keep", "considered",
                   "no_but_yes", "offered", "all_we_have",
                   "asks_back", "greetings", "conditions", "refers_to", "forthcoming", "out_already", "none_fit",
                   "weighs_over", "asks_help", "defers_to", "views", "declines", "pronouns", "vague_times", "as_before")


@dataclass(frozen=True)
class Vocabulary:
    """Phrase sets by meaning; ``meanings`` maps a phrase to the option values it may stand for."""

    yes: frozenset[str] = frozenset()
    no: frozenset[str] = frozenset()
    none: frozenset[str] = frozenset()
    unclear: frozenset[str] = frozenset()
    unclear_starts: tuple[str, ...] = ()
    not_an_answer: frozenset[str] = frozenset()
    not_an_answer_starts: tuple[str, ...] = ()
    meanings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    hedges: tuple[str, ...] = ()
    corrections: tuple[str, ...] = ()
    retractions: tuple[str, ...] = ()
    offered: frozenset[str] = frozenset()
    all_we_have: frozenset[str] = frozenset()
    everything: frozenset[str] = frozenset()
    exceptions: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    lead_ins: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    drops: tuple[str, ...] = ()  # "drop 35", "lose the s35": to "Keep s43(2) without s35(1)(a)?", leave one out
    command_fillers: tuple[str, ...] = ()  # "approve please", "mark as sent": words around a command after the draft
    swaps: tuple[str, ...] = ()  # "use 36(2)(c) instead", "swap it for …": another in place of the one left out
    sign_offs: tuple[str, ...] = ()
    asides: tuple[str, ...] = ()
    usual: frozenset[str] = frozenset()
    yes_means: tuple[str, ...] = ()
    no_means: tuple[str, ...] = ()
    narrowed: dict[str, str] = field(default_factory=dict)
    narrowed_by: dict[str, tuple[str, ...]] = field(default_factory=dict)  # full: ("but hold back", …), its own
    acknowledgements: frozenset[str] = frozenset()
    keep: frozenset[str] = frozenset()  # "same", "no change": keeps the current answer while changing it
    abbreviations: dict[str, str] = field(default_factory=dict)
    said_as: dict[str, str] = field(default_factory=dict)  # "yr un cyntaf": "the first one" (phrases, as a whole)
    exemption_names: tuple[ExemptionName, ...] = ()
    considered: tuple[str, ...] = ()  # "we thought about s36 but ...": an exemption weighed up, not relied on
    no_but_yes: tuple[str, ...] = ()  # "no objection ...": a leading "no" that says yes
    named_days: dict[str, str] = field(default_factory=dict)  # "christmas eve": "24 december"
    corrects: dict[str, tuple[str, ...]] = field(default_factory=dict)  # held: ("held", "hold"): a correction's cue
    asks_back: tuple[str, ...] = ()  # "is this the Smith one?": a question back, never words for the letter
    greetings: tuple[str, ...] = ()  # "hi foibot": dropped before an answer; alone, no answer
    conditions: tuple[str, ...] = ()  # "yes if ...": an answer that depends on something is asked back
    refers_to: tuple[str, ...] = ()  # "as per FOI 2026-114": a short reply pointing elsewhere is asked back
    forthcoming: tuple[str, ...] = ()  # "the one not out yet": a report by its status, not yet published
    out_already: tuple[str, ...] = ()  # "the published one": a report already published
    none_fit: tuple[str, ...] = ()  # "none of those fit, …": at a list, the officer's own words follow
    weighs_over: tuple[str, ...] = ()  # "… outweighs": a balance's reason that weighs one interest over another
    asks_help: tuple[str, ...] = ()  # "why do you need this", "can you explain": a question back, "?" or not
    defers_to: tuple[str, ...] = ()  # "ask Sam", "check with legal": the answer handed to someone else
    views: tuple[str, ...] = ()  # "I'd say", "I believe": a pick given as the officer's view is still the pick
    declines: tuple[str, ...] = ()  # "rather not say": an optional question left blank, never words for the letter
    pronouns: frozenset[str] = frozenset()  # "them", "we did": a reply naming no one, at a question asking who
    as_before: frozenset[str] = frozenset()  # "same as above": at an exemption's question, the one before's answer
    vague_times: tuple[str, ...] = ()  # "sometime", "at some point": a time that names no date or month


@dataclass(frozen=True)
class ExemptionName:
    """Words officers use for an exemption instead of its number ("the cost one"), and what they cite: under
    FOIA and, where it has one, under the EIR."""

    phrases: tuple[str, ...]
    foia: str
    eir: str | None = None


def _phrases(node: Node, key: str, *, required: bool = True) -> list[str]:
    items = list_field(node, key, required=required)
    out = []
    for item in items:
        if not isinstance(item, str | int | float) or isinstance(item, bool) or not str(item).strip():
            raise node.fail(key, f"must be a list of phrases (found {item!r})")
        phrase = str(item)
        if phrase.strip() != " ".join(phrase.lower().split()):
            raise node.fail(key, f"'{phrase}' must be lower case with single spaces")
        out.append(phrase)
    return out


def load_vocabulary(path: Path, display: str) -> Vocabulary:
    """Read and validate the vocabulary file. Raises DataError naming the file and line."""
    if not path.exists():
        raise DataError(display, None, None, "is missing")
    data = load_yaml(path, display)
    if not isinstance(data, Node):
        raise DataError(display, 1, None, f"must be a mapping with lists {', '.join(_LISTS)} and 'meanings'")
    lists = {key: _phrases(data, key) for key in _LISTS}
    lists |= {key: _phrases(data, key, required=False) for key in _OPTIONAL_LISTS}
    meanings: dict[str, tuple[str, ...]] = {}
    for group in list_field(data, "meanings", required=True):
        if not isinstance(group, Node):
            raise data.fail("meanings", "must be a list of mappings with 'values' and 'phrases'")
        values = tuple(str(v) for v in list_field(group, "values", required=True))
        if not values:
            raise group.fail("values", "must name at least one option value")
        for phrase in _phrases(group, "phrases"):
            if phrase in meanings:
                raise group.fail("phrases", f"'{phrase}' already means {', '.join(meanings[phrase])}")
            meanings[phrase] = values
    overlap = set(lists["yes"]) & set(lists["no"])
    if overlap:
        raise data.fail("no", f"{', '.join(sorted(overlap))} cannot mean both yes and no")
    return Vocabulary(yes=frozenset(lists["yes"]), no=frozenset(lists["no"]), none=frozenset(lists["none"]),
                      unclear=frozenset(lists["unclear"]), unclear_starts=tuple(lists["unclear_starts"]),
                      not_an_answer=frozenset(lists["not_an_answer"]),
                      not_an_answer_starts=tuple(lists["not_an_answer_starts"]),
                      meanings=meanings, hedges=tuple(lists["hedges"]), corrections=tuple(lists["corrections"]),
                      retractions=tuple(lists["retractions"]), offered=frozenset(lists["offered"]),
                      all_we_have=frozenset(lists["all_we_have"]),
                      everything=frozenset(lists["everything"]), exceptions=tuple(lists["exceptions"]),
                      negations=tuple(lists["negations"]), lead_ins=tuple(lists["lead_ins"]),
                      labels=tuple(lists["labels"]),
                      drops=tuple(lists["drops"]), swaps=tuple(lists["swaps"]),
                      command_fillers=tuple(lists["command_fillers"]),
                      sign_offs=tuple(lists["sign_offs"]), asides=tuple(lists["asides"]),
                      usual=frozenset(lists["usual"]), yes_means=tuple(lists["yes_means"]),
                      no_means=tuple(lists["no_means"]), narrowed=_narrowed(data),
                      narrowed_by=_narrowed_by(data),
                      acknowledgements=frozenset(lists["acknowledgements"]), keep=frozenset(lists["keep"]),
                      abbreviations=_abbreviations(data), said_as=_said_as(data),
                      exemption_names=_exemption_names(data), considered=tuple(lists["considered"]),
                      no_but_yes=tuple(lists["no_but_yes"]), named_days=_named_days(data),
                      corrects=_corrects(data), asks_back=tuple(lists["asks_back"]),
                      greetings=tuple(lists["greetings"]), conditions=tuple(lists["conditions"]),
                      refers_to=tuple(lists["refers_to"]), forthcoming=tuple(lists["forthcoming"]),
                      out_already=tuple(lists["out_already"]), none_fit=tuple(lists["none_fit"]),
                      weighs_over=tuple(lists["weighs_over"]), asks_help=tuple(lists["asks_help"]),
                      defers_to=tuple(lists["defers_to"]), views=tuple(lists["views"]),
                      declines=tuple(lists["declines"]), pronouns=frozenset(lists["pronouns"]),
                      vague_times=tuple(lists["vague_times"]), as_before=frozenset(lists["as_before"]))


def _narrowed(data: Node) -> dict[str, str]:
    """``narrowed``: a choice value and the narrower one it becomes when the reply makes an exception."""
    out: dict[str, str] = {}
    for group in list_field(data, "narrowed"):
        if not isinstance(group, Node) or group.get("from") is None or group.get("to") is None:
            raise data.fail("narrowed", "must be a list of mappings with 'from' and 'to'")
        out[str(group.get("from"))] = str(group.get("to"))
    return out


def _narrowed_by(data: Node) -> dict[str, tuple[str, ...]]:
    """``narrowed``'s own ``by``: the words that narrow that choice alone ("but hold back" narrows "full", the
    disclosure's; at "Do we hold it?" "we hold it but withhold the names" stays yes)."""
    out: dict[str, tuple[str, ...]] = {}
    for group in list_field(data, "narrowed"):
        if isinstance(group, Node) and group.get("by") is not None:
            out[str(group.get("from"))] = tuple(_phrases(group, "by"))
    return out


def _text_mapping(data: Node, key: str, what: str) -> dict[str, str]:
    """The mapping field ``key`` as text to text (empty when absent); a value that is no mapping fails with ``what``."""
    found = data.get(key)
    if found is None:
        return {}
    if not isinstance(found, dict):
        raise data.fail(key, f"must be a mapping of {what}")
    return {str(k): str(v) for k, v in found.items()}


def _said_as(data: Node) -> dict[str, str]:
    """``said_as``: a phrase in another language ("yr un cyntaf") and the English words it means ("the first one")."""
    out = _text_mapping(data, "said_as", "a phrase to the words it means")
    for phrase, meaning in out.items():
        if phrase != " ".join(phrase.lower().split()) or not meaning.strip():
            raise data.fail("said_as", f"'{phrase}' must be lower case with single spaces, and mean some words")
    return out


def _abbreviations(data: Node) -> dict[str, str]:
    """``abbreviations``: a word typed short ("tmrw") and the words it stands for ("tomorrow")."""
    out = _text_mapping(data, "abbreviations", "a short word to what it stands for")
    for short, full in out.items():
        if short != short.lower() or " " in short or not full.strip():
            raise data.fail("abbreviations", f"'{short}' must be one lower-case word standing for some words")
    return out


def _corrects(data: Node) -> dict[str, tuple[str, ...]]:
    """``corrects``: a question's id and the words naming it in a reply that corrects its answer."""
    found = data.get("corrects")
    if found is None:
        return {}
    if not isinstance(found, Node):
        raise data.fail("corrects", "must be a mapping of a question's id to the words naming it")
    return {str(qid): tuple(_phrases(found, str(qid))) for qid in found}


def _named_days(data: Node) -> dict[str, str]:
    """``named_days``: a day known by name ("christmas eve") and the day and month it falls on ("24 december")."""
    out = _text_mapping(data, "named_days", "a day's name to its day and month")
    for name, day in out.items():
        if name != " ".join(name.lower().split()) or not re.fullmatch(r"\d{1,2} [a-z]+", day):
            raise data.fail("named_days", f"'{name}' must be lower case and stand for a day and month ('24 december')")
    return out


def _exemption_names(data: Node) -> tuple[ExemptionName, ...]:
    """``exemption_names``: phrases naming an exemption, with its FOIA citation and its EIR one if any."""
    out = []
    for group in list_field(data, "exemption_names"):
        if not isinstance(group, Node) or group.get("foia") is None:
            raise data.fail("exemption_names", "must be a list of mappings with 'foia' and 'phrases'")
        eir = group.get("eir")
        out.append(ExemptionName(tuple(_phrases(group, "phrases")), str(group.get("foia")),
                                 None if eir is None else str(eir)))
    return tuple(out)
