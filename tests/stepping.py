"""Stepping a conversation forward to a question, with a bound: a flow that never reaches it fails, never hangs."""

from __future__ import annotations

from collections.abc import Mapping

from foibot.conversation.engine import Engine, Turn

MAX_STEPS = 40


def reply_until(engine: Engine, conv: str, turn: Turn, field: str, replies: Mapping[str, str] | None = None, *,
                user: str | None = None, ending: bool = False) -> Turn:
    """Reply (``replies`` by field, else "skip") until the question asked is ``field`` (or ends with it, with
    ``ending``); fail if the questions run out or ``MAX_STEPS`` replies do not reach it."""
    replies = replies or {}
    kwargs = {"user": user} if user is not None else {}
    for _ in range(MAX_STEPS):
        asked = turn.question.field if turn.question is not None else None
        assert asked is not None, f"the questions ended before {field!r}"
        if asked.endswith(field) if ending else asked == field:
            return turn
        turn = engine.reply(conv, replies.get(asked, "skip"), **kwargs)
    raise AssertionError(f"{field!r} was not asked within {MAX_STEPS} replies (last asked: {asked!r})")


def say(engine: Engine, conv: str, *replies: str) -> Turn | None:
    """Each reply in turn; the last turn (None for no replies)."""
    turn = None
    for said in replies:
        turn = engine.reply(conv, said)
    return turn
