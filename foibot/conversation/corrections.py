"""Several earlier answers corrected in one message ("sorry, two things: it came in on the 10th, not the 9th, and
the estimate is 32 hours not 30"): each clause names the question it corrects in words (the vocabulary's
``corrects``) and reads as a new answer to it. All of them are read, or none is applied (the officer is asked)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from foibot.conversation.answers import get_path
from foibot.conversation.asking import Step
from foibot.conversation.reading import NO_ANSWER, read_answer
from foibot.conversation.reading_lists import selection
from foibot.conversation.reading_phrases import NeedsConfirm, found_phrase, simplify, without_negation
from foibot.conversation.state import ConversationState
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge

_CLAUSES = re.compile(r"\s*(?:;|,?\s+and\s+(?=(?:the|it|its|it's|we|our)\b)|,\s*also\s+|\.\s+)\s*", re.I)
_PREAMBLE = re.compile(r"^[^:]{0,30}:\s*(?=\S)")  # "two things: …"


def opening_correction(said: str, corrections: tuple[str, ...]) -> re.Match[str] | None:
    """The correction word a reply opens with ("actually", "sorry"), or None."""
    if not corrections:
        return None
    return re.match(rf"^(?:{'|'.join(map(re.escape, corrections))})(?![\w'])", said)


def corrected_value(state: ConversationState, kb: Knowledge, step: Step, clause: str, *, today: date) -> Any:
    """The new answer a clause gives the question of ``step`` ("the 16th, not the 23rd", "32 hours not 30"), or
    None when it reads as none or as the same answer."""
    rest = without_negation(clause) if step[1].kind in ("date", "number") else clause
    try:
        value = read_answer(state, kb, step, rest, today=today)
    except (InputError, NeedsConfirm):
        return None
    return value if value is not NO_ANSWER and value != get_path(state.answers, step[0]) else None


def corrected_pick(state: ConversationState, kb: Knowledge, text: str, step_for: Callable[[str | None], Step | None],
                   *, today: date) -> tuple[str, Any] | None:
    """"no wait, the 2nd" typed at a question asking for words, straight after a pick from a list: a correction of
    that pick (the question before), never words for the letter. (path, value) of the pick corrected, or None."""
    words = kb.vocabulary
    opens = opening_correction(simplify(text), words.corrections)
    asking = step_for(state.asking)
    if opens is None or not state.history or asking is None or asking[1].kind not in ("text", "longtext"):
        return None
    rest = text.strip()[opens.end():].strip(" ,;:.!-–—")
    try:
        picked = selection(simplify(rest), 20, words.everything) if rest else None
    except InputError:
        picked = None
    previous = step_for(state.history[-1])
    if not picked or previous is None or previous[1].kind not in ("list", "choice", "multi"):
        return None
    value = corrected_value(state, kb, previous, rest, today=today)
    return None if value is None else (previous[0], value)


def several_corrections(state: ConversationState, kb: Knowledge, text: str, paths: list[str],
                        step_for: Callable[[str], Step | None], *, today: date) -> list[tuple[str, Any]] | None:
    """The (path, value) each clause of a correcting message gives, when it has two or more clauses and every one
    reads as a correction of one of ``paths`` (see the module docstring); else None."""
    words = kb.vocabulary
    opens = opening_correction(simplify(text), words.corrections)
    if opens is None or len(text.split()) > 45:
        return None
    body = _PREAMBLE.sub("", text.strip()[opens.end():].strip(" ,;:-–—"))
    clauses = [c for c in _CLAUSES.split(body) if c.strip()]
    if len(clauses) < 2:
        return None
    out: list[tuple[str, Any]] = []
    for clause in clauses:
        found = next(((p, v) for p in paths if p not in dict(out) and (s := step_for(p)) is not None
                      and found_phrase(words.corrects.get(s[1].id, ()), simplify(clause))
                      and (v := corrected_value(state, kb, s, clause, today=today)) is not None), None)
        if found is None:
            return None
        out.append(found)
    return out
