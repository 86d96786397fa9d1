"""A self-correction typed once the question has moved on: "no wait, the 10th" straight after a `change` that
redrafted, or "no wait, withholding because …" at the question after the balance. It corrects the answer just
given (the last in the history), as a correction inside one question does ("the 3rd, no the 4th", see
``reading.corrected``) and as a pick corrected at the question after it does (``corrections.corrected_pick``).

The reply must open with a correction word (the vocabulary's ``corrections``, any number of them: "sorry, I meant")
and what follows must read as a new answer to that question. A reply the question being asked reads as its own
answer stays that answer ("actually, yes" or "no wait, yes" at the held question). At a question asking for words,
which reads anything, only a reply opening by taking back what was just said (``retractions``: "no wait", "I meant",
"correction") corrects the answer before: an answer to a new question never opens so, but "actually, …" may open a
sentence of its own. Words for the letter given before are corrected only after a retraction too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from foibot.conversation.asking import Step
from foibot.conversation.corrections import corrected_value, opening_correction
from foibot.conversation.reading import read_answer
from foibot.conversation.reading_phrases import NeedsConfirm
from foibot.conversation.state import ConversationState
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge

_WORDS = ("text", "longtext")
_SEPARATORS = " ,;:.!-–—…"


def just_answered(state: ConversationState, kb: Knowledge, text: str, step_for: Callable[[str | None], Step | None],
                  *, today: date) -> tuple[str, Any] | None:
    """(path, value) of the answer just given that ``text`` corrects (see the module docstring), else None."""
    words = kb.vocabulary
    rest, retracts = _after_openings(text, words.corrections, words.retractions)
    if rest is None or not state.history or state.history[-1] == state.asking:
        return None
    previous = step_for(state.history[-1])
    if previous is None:
        return None
    asking = step_for(state.asking)
    if asking is not None and not (retracts and asking[1].kind in _WORDS) and _reads(state, kb, asking, rest,
                                                                                 today=today):
        return None  # "actually, yes" or "no wait, yes" at the held question: its own answer
    value = corrected_value(state, kb, previous, rest, today=today)
    return None if value is None else (previous[0], value)


def _after_openings(text: str, corrections: tuple[str, ...],
                    retractions: tuple[str, ...]) -> tuple[str | None, bool]:
    """The reply after the correction words it opens with ("sorry, I meant the 10th": "the 10th"), and whether one
    of them takes back what was just said; (None, False) when it opens with none or nothing follows."""
    typed = text.strip().strip("\"'")
    low = typed.replace("’", "'").replace("‘", "'").lower()  # the same length: positions stay the typed text's
    at, retracts, count = 0, False, 0
    while (found := opening_correction(low[at:], corrections)) is not None:
        retracts = retracts or found.group(0) in retractions
        at += found.end()
        at += len(low[at:]) - len(low[at:].lstrip(_SEPARATORS))
        count += 1
    rest = typed[at:].strip(_SEPARATORS)
    return (rest, retracts) if count and rest else (None, False)


def _reads(state: ConversationState, kb: Knowledge, step: Step, text: str, *, today: date) -> bool:
    """Whether the question of ``step`` reads ``text`` as an answer (a guess to confirm counts)."""
    try:
        read_answer(state, kb, step, text, today=today)
    except NeedsConfirm:
        return True
    except InputError:
        return False
    return True
