"""Each part's own suggestions: what the suggester (the engine's own ``suggest``, with the authority's type and
register) gives for a part's words, in the law the reply is under, kept in the conversation state so that a part's
"Press Enter for: …" and its topic come from what that part asks, never from the whole request's list. They are
asked for once a part's questions are reached (a request in 120 parts costs nothing until then), and for the whole
request when its exemptions are asked under a law its own suggestions were not made in (the regime changed).

Stored under ``state.suggestions["own"]``: ``{law: {text: {"exemptions": [[key, score, why], …], "topics":
[[key, score], …], "regime": regime}}}``, ``law`` being ``foia``, ``eir`` or ``foisa``. Everything here is pure
but ``fill``, which calls the suggester it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from foibot.conversation.request_parts import part_of
from foibot.conversation.state import ConversationState, regime_of
from foibot.suggest.suggestions import Suggestion, Suggestions

KEY = "own"
_KEPT = 8  # the suggestions kept per text (two are ever offered; the filters before them need a few more)


def needed(state: ConversationState) -> list[str]:
    """The words whose suggestions the question being asked may need: its part's (any question of a part), or the
    whole request's (its exemptions question)."""
    where = part_of(state.asking or "")
    parts = state.answers.get("parts") or []
    if where and 0 < where[0] <= len(parts) and isinstance(parts[where[0] - 1], dict):
        text = str(parts[where[0] - 1].get("text") or "")
        return [text] if text.strip() else []
    changed = regime_of(state) == "eir" and state.suggested.regime != "eir"  # the officer said the EIR apply
    return [state.body] if state.asking == "exemptions" and changed and state.body.strip() else []


def fill(state: ConversationState, suggest: Callable[[str, str], Suggestions]) -> ConversationState:
    """The state with suggestions for the words of ``needed`` in the law of the reply, when missing;
    ``suggest(text, law)`` is the suggester."""
    kept: dict[str, Any] = {law: dict(by_text) for law, by_text in (state.suggestions.get(KEY) or {}).items()}
    law = regime_of(state)
    by_text = kept.setdefault(law, {})
    added = False
    for text in needed(state):
        if text in by_text:
            continue
        got = suggest(text, law)
        by_text[text] = {"exemptions": [[e.key, round(e.score, 1), e.why] for e in got.exemptions[:_KEPT]],
                         "topics": [[t.key, round(t.score, 1)] for t in got.topics[:3]], "regime": got.regime}
        added = True
    return replace(state, suggestions={**state.suggestions, KEY: kept}) if added else state


def own(state: ConversationState, text: str, law: str) -> Suggestions | None:
    """What the suggester gave for ``text`` in ``law`` (exemptions, topics with their scores, and whether it read as
    environmental: ``regime``), or None when it was never asked (a conversation stored before parts had their
    own)."""
    found = ((state.suggestions.get(KEY) or {}).get(law) or {}).get(text)
    if not isinstance(found, dict):
        return None
    return Suggestions(exemptions=[Suggestion(str(k), str(k), float(s), str(w)) for k, s, w in found["exemptions"]],
                       topics=[Suggestion(str(k), str(k), float(s), "") for k, s in found.get("topics") or []],
                       regime=str(found.get("regime") or "foia"))


def own_topics(state: ConversationState, text: str) -> list[tuple[str, float]]:
    """The publications ``text``'s own words matched, best first, with their scores (the same in every law)."""
    for by_text in (state.suggestions.get(KEY) or {}).values():
        found = by_text.get(text) if isinstance(by_text, dict) else None
        if isinstance(found, dict):
            return [(str(k), float(s)) for k, s in found.get("topics") or []]
    return []
