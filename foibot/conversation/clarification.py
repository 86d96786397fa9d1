"""Asking the requester to clarify (FOIA s1(3), EIR reg 9(2), FOISA s1(3)), from the chat and back.

The officer says so at any question ('clarify', "we need to ask her to clarify which incident", "it needs clarifying
first", "too vague, we need more detail"): foibot asks the questions of ``intents/clarification-questions.yaml`` (what
to clarify, any advice), drafts the clarification letter, and, when it is marked sent, the case waits (the register's
awaiting_clarification: the clock stopped). The requester's reply, pasted or typed ("they've clarified: …",
"clarification received yesterday: …"), restarts the clock from the day it arrived (s10(6)(b)), joins the request,
and the questions resume where they left off.

Everything is kept in the answers, under ``clarification``: ``stage`` (asking, drafting, awaiting; "" when none is
open), ``resume`` (the question asked when it began), ``said`` (the officer's words), ``points``, ``advice``,
``asked_on`` and ``rounds`` (each clarification received: asked_on, points, advice, received_on, text). Nothing here
knows about the register or the surfaces: the engine records what the register needs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from foibot.conversation.asking import AskedQuestion
from foibot.conversation.email_parse import parse_email
from foibot.conversation.reading_dates import read_date
from foibot.conversation.reading_phrases import simplify
from foibot.conversation.state import ConversationState
from foibot.errors import FoibotError, InputError
from foibot.knowledge.loading import load_question_lists
from foibot.knowledge.model import Knowledge, Question
from foibot.knowledge.profile_files import data_file, display_name

FILE = "intents/clarification-questions.yaml"
KEY = "clarification"
PREFIX = "clarification."
OPEN = ("asking", "drafting", "awaiting")

_I = re.I
# What an officer says to ask for clarification, in place of an answer. One of these, in a short reply.
_ASKS = [
    re.compile(r"^(?:please\s+|pls\s+)?(?:clarify|clarification|ask for clarification|seek clarification|"
               r"request clarification|get clarification|clarification letter|clarification please|s1\(3\)|"
               r"section 1\(3\)|reg(?:ulation)?\s*9(?:\(2\))?)[.!]*$", _I),
    re.compile(r"\b(?:ask|asking|get|getting|need|needs|needed|want|seek|seeking|request|requesting)\b"
               r"[^.?!\n]{0,40}?\bclarif(?:y|ied|ying|ication)\b", _I),
    re.compile(r"^(?=(?:\S+\s+){0,19}\S+$)(?:we need to\s+|we should\s+|let's\s+|lets\s+)?(?:ask\s+(?:them|her|him|the "
               r"requester)\s+to\s+)?clarify\s+(?:which|what|when|where|who|whether|how|the|their|her|his)\b", _I),
    re.compile(r"\b(?:draft|write|send|do|prepare)\s+(?:a|the|them a|her a|him a)?\s*clarification\b", _I),
    re.compile(r"\bclarification (?:letter|request|email)\b", _I),
    re.compile(r"\btoo (?:vague|broad|wide|general|unclear)\b[^\n]{0,60}\b(?:more (?:detail|details|information|"
               r"info)|clarif\w*|narrow\w*|particulars)\b", _I),
    re.compile(r"\b(?:need|needs|want|ask for|get)\s+(?:more|further|some more)\s+(?:detail|details|information|info|"
               r"particulars)\s+(?:from|off)\s+(?:them|her|him|the requester)\b", _I),
    re.compile(r"^(?:it'?s |its |the request is |request is |this is )?(?:too vague|too unclear|unclear what they want)"
               r"[.!]*$", _I),
]
# A reply that is an answer naming clarification (a reason, a factor), not a request to foibot.
_NOT_ASKING = re.compile(r"\b(?:did not|didn't|never|no need to|not need to|doesn't need|does not need)\b[^.]{0,20}"
                         r"clarif", _I)
# The officer's points, after the word asking: "ask her to clarify which incident - can you draft …"
_WHAT = re.compile(r"\bclarify(?:ing)?\s+(?P<what>[^.?!\n]+)", _I)
_WHAT_DETAIL = re.compile(r"\b(?:detail|details|information|info|particulars)\s+(?:from|off)\s+(?:them|her|him|the "
                          r"requester)\s+(?:on|about|as to)\s+(?P<what>[^.?!\n]+)", _I)
_WHAT_END = re.compile(r"\s+(?:-|–|—)\s+|\s*[;:]\s*|,?\s+(?:and|then|so)\s+(?:can|could|would|please)\b|"
                       r"\s+(?:first|please|before (?:we|i) (?:go on|answer|carry on))\b", _I)
_EMPTY_WHAT = re.compile(r"^(?:it|this|that|the request|their request|her request|his request|things|first|"
                         r"what they mean|what they want)$", _I)
_PRONOUNS = [(re.compile(rf"\b(?:she|he|they)\s+{verb}\b", _I), f"you {mean}") for verb, mean in (
    ("means", "mean"), ("mean", "mean"), ("meant", "meant"), ("wants", "want"), ("want", "want"),
    ("is after", "are after"), ("are after", "are after"), ("is asking about", "are asking about"),
    ("are asking about", "are asking about"), ("is asking for", "are asking for"), ("are asking for", "are asking for"),
    ("is interested in", "are interested in"), ("are interested in", "are interested in"),
    ("has in mind", "have in mind"), ("have in mind", "have in mind"))] + [
    (re.compile(r"\b(?:her|his|their)\b", _I), "your")]

# The requester's reply, as the officer types it: "they've clarified: …", "clarification received yesterday: …".
_RECEIVED = re.compile(
    r"^(?:(?:ok|okay|right|great|good news)[,.!]?\s+)?"
    r"(?:(?:they|she|he|the requester|requester)\s*(?:'ve|'s|have|has)?\s+(?:clarified|replied|come back|got back|"
    r"answered)|(?:the\s+)?clarification\s+(?:received|came in|arrived|is in|in)|clarified|(?:the\s+)?clarification|"
    r"(?:the\s+)?reply\s+(?:received|came in|arrived))"
    r"(?:\s+(?:on\s+)?(?P<day>[^:\n]{1,30}?))?\s*(?:[:\-–—]|,\s*(?:saying|they said|she said|he said)\s*:?)\s*"
    r"(?P<text>\S[\s\S]*)$", _I)
_BACK = ("back", "undo", "cancel", "stop", "never mind", "nevermind", "no clarification", "cancel clarification",
         "don't clarify", "dont clarify", "forget it", "no need to clarify")
_SHOW = ("show draft", "draft", "show the draft", "preview", "draft it", "show me the draft")


@lru_cache(maxsize=8)
def _load(path: Path, rel: str, stamp: float) -> tuple[Question, ...]:
    return tuple(load_question_lists(path, rel, ("flow",))["flow"])


def questions(kb: Knowledge) -> tuple[Question, ...]:
    """The profile's clarification questions (else foibot's own), read once while the file is unchanged."""
    path = data_file(kb.root, FILE)
    return _load(path, display_name(kb.root, path), path.stat().st_mtime)


def asks_to_clarify(text: str) -> str | None:
    """The officer's points (possibly "") when a short reply asks foibot to ask the requester to clarify; else
    None. "we need to ask her to clarify which incident - can you draft a clarification letter?" gives
    "which incident you mean"; "it needs clarifying first" gives ""."""
    said = " ".join(text.split())
    if not said or "\n" in text.strip() or len(said.split()) > 35 or _NOT_ASKING.search(said):
        return None
    if not any(p.search(said) for p in _ASKS):
        return None
    what = _WHAT.search(said) or _WHAT_DETAIL.search(said)
    if what is None:
        return ""
    words = _WHAT_END.split(what["what"], maxsplit=1)[0].strip(" ,.-–—?!")
    if not words or _EMPTY_WHAT.match(words) or simplify(words).startswith(("for ", "it ", "the request ")):
        return ""
    return to_requester(words)


def to_requester(words: str) -> str:
    """The officer's words about the requester put to them ("which incident she means" -> "which incident you
    mean", "her address" -> "your address")."""
    for pattern, replacement in _PRONOUNS:
        words = pattern.sub(replacement, words)
    return words


def stage(state: ConversationState) -> str:
    """The clarification's stage: asking (its questions), drafting (its letter), awaiting (sent, no reply yet), or ""
    (none open)."""
    return stage_of(state.answers)


def stage_of(answers: dict[str, Any]) -> str:
    """``stage`` of a set of answers."""
    value = answers.get(KEY)
    return str(value.get("stage") or "") if isinstance(value, dict) else ""


def of(answers: dict[str, Any]) -> dict[str, Any]:
    """A copy of the clarification's record in ``answers`` (empty when none was ever asked for)."""
    value = answers.get(KEY)
    return dict(value) if isinstance(value, dict) else {}


def start(state: ConversationState, kb: Knowledge, said: str) -> tuple[ConversationState, AskedQuestion]:
    """Begin a clarification at the question being asked (kept, to resume at): its first question."""
    record = of(state.answers)
    record.update(stage="asking", resume=state.asking or "", said=said, points=[], advice="", asked_on="")
    answers = {**state.copy_answers(), KEY: record}
    state = state.with_answers(answers, confirm=None, changing=None)
    return ask(state, kb, "points")


def ask(state: ConversationState, kb: Knowledge, qid: str) -> tuple[ConversationState, AskedQuestion]:
    """Put one clarification question."""
    q = next((q for q in questions(kb) if q.id == qid), None)
    if q is None:
        raise FoibotError(f"'{PREFIX}{qid}' is not a question in this conversation")
    record = of(state.answers)
    default: Any = None
    if qid == "points":
        default = list(record.get("points") or []) or ([record["said"]] if record.get("said") else None)
    elif qid == "advice" and record.get("advice"):
        default = record["advice"]
    question = AskedQuestion(field=PREFIX + qid, kind=q.kind, prompt=q.prompt, help=q.help_for("foia"),
                             default=default, required=q.required)
    if isinstance(default, list):
        question.default_words = "; ".join(default)
    elif default:
        question.default_words = str(default)
    return replace(state, asking=PREFIX + qid), question


def answer(state: ConversationState, kb: Knowledge, text: str) -> tuple[ConversationState, str, Any]:
    """Apply a reply to the clarification question asked: the new state, the question's id and the value stored.
    Raises InputError when a point is needed and none is given."""
    qid = (state.asking or "").removeprefix(PREFIX)
    record = of(state.answers)
    if qid == "points":
        points = split_points(text) or list(record.get("points") or []) or (
            [record["said"]] if record.get("said") else [])
        if not points:
            raise InputError("say what the requester needs to clarify: one point a line (for example 'which "
                             "incident you mean'), or 'cancel' to carry on without asking")
        record["points"] = [to_requester(p) for p in points]
        value: Any = record["points"]
    else:
        said = text.strip()
        record["advice"] = "" if simplify(said) in ("", "none", "no", "nothing", "n/a", "na", "skip") else said
        value = record["advice"]
    answers = {**state.copy_answers(), KEY: record}
    return state.with_answers(answers), qid, value


def split_points(text: str) -> list[str]:
    """Points typed one a line (or with bullets, numbers or semicolons between them)."""
    items = re.split(r"\n+|;\s*|(?<=\?)\s+(?=\S)", text.strip())
    out = []
    for item in items:
        item = re.sub(r"^\s*(?:[-*•]|\d+[.)]|\([a-z0-9]+\))\s*", "", item).strip()
        if item:
            out.append(item)
    return out


def cancel(state: ConversationState) -> ConversationState:
    """Drop the clarification being prepared: back to the question it began at (earlier ones received are kept)."""
    record = of(state.answers)
    resume = str(record.get("resume") or "") or None
    kept = {k: record[k] for k in ("rounds",) if record.get(k)}
    answers = state.copy_answers()
    if kept:
        answers[KEY] = {**kept, "stage": ""}
    else:
        answers.pop(KEY, None)
    return state.with_answers(answers, asking=resume)


def command(text: str) -> str | None:
    """A command while the clarification's questions are asked: cancel, draft, or change (points / advice)."""
    said = simplify(text).rstrip(".!")
    if said in _BACK:
        return "cancel"
    if said in _SHOW:
        return "draft"
    if re.fullmatch(r"(?:change|edit|redo)\s+(?:the\s+)?(?:points?|what to clarify|questions?|clarification)", said):
        return "change points"
    if re.fullmatch(r"(?:change|edit|redo)\s+(?:the\s+)?(?:advice|assistance)", said):
        return "change advice"
    return None


def drafting(state: ConversationState) -> ConversationState:
    """The questions answered: the clarification letter is the draft now."""
    record = of(state.answers)
    record["stage"] = "drafting"
    return state.with_answers({**state.copy_answers(), KEY: record}, asking=None)


def sent(answers: dict[str, Any], on: date) -> dict[str, Any]:
    """The answers once the clarification letter went out on ``on``: awaiting the reply."""
    record = of(answers)
    record.update(stage="awaiting", asked_on=on.isoformat())
    return {**answers, KEY: record}


def received(state: ConversationState, on: date, text: str) -> ConversationState:
    """The reply recorded: the clarification joins the request's rounds; the questions resume where they left off."""
    record = of(state.answers)
    rounds = [r for r in record.get("rounds") or [] if isinstance(r, dict)]
    rounds.append({"asked_on": record.get("asked_on") or "", "points": list(record.get("points") or []),
                   "advice": record.get("advice") or "", "received_on": on.isoformat(), "text": text.strip()})
    resume = str(record.get("resume") or "") or None
    answers = {**state.copy_answers(), KEY: {"stage": "", "rounds": rounds}}
    return state.with_answers(answers, asking=resume)


def reply_of(text: str, *, today: date, pasted: bool = False) -> tuple[date, str] | None:
    """The requester's reply in what the officer typed: (the day it came, its words), else None. "they've clarified:
    …", "clarification received yesterday: …"; with ``pasted``, any pasted email or text of some length is the reply
    itself (dated by its own Date: or Sent: header, else today). Raises InputError for a day that cannot be read."""
    said = text.strip()
    typed = _RECEIVED.match(said)
    if typed is not None:
        day = today
        if typed["day"] and typed["day"].strip(" ,") and not re.fullmatch(r"(?:today|now)", typed["day"].strip(), _I):
            day = read_date(typed["day"].strip(" ,"), today=today)
        body, day = _email_body(typed["text"], day)
        return (day, body) if body else None
    if pasted and ("\n" in said or len(said.split()) >= 8):
        body, day = _email_body(said, today)
        return (day, body) if body else None
    return None


def _email_body(text: str, day: date) -> tuple[str, date]:
    """A pasted email's own words and date (its header's, when it has one), else the text and ``day``."""
    parsed = parse_email(text)
    body = (parsed.body or text).strip()
    return body, parsed.received or day
