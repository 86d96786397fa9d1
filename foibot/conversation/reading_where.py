"""Where the requester can find information reasonably accessible elsewhere (section 21, FOISA section 25): a reply
pointing at what is offered ("that one", "the topic's page", "same link") is the link offered (``topic_defaults``),
and a place a requester could not find (no link, no page or report named by it: "the decision notices page") is
asked back once, offering the link; "that's all we have" (or yes) keeps the words."""

from __future__ import annotations

from typing import Any

from foibot.conversation.clipping import clip
from foibot.conversation.reading_phrases import NeedsConfirm
from foibot.conversation.state import Pending
from foibot.errors import InputError
from foibot.knowledge.model import Question
from foibot.knowledge.vocabulary import Vocabulary
from foibot.letter.templates import findable

LOCATIONS = ("where", "where_available")  # the questions asking where the requester can find it


def the_offered(q: Question, said: str, words: Vocabulary, default: Any) -> Any:
    """What Enter gives, for a reply at a question for words that points at it ("that one", "same link"); None for
    any other reply. Raises InputError when it points at an offer and none was made."""
    if q.kind not in ("text", "longtext") or said not in words.offered:
        return None
    if default in (None, "", []):
        raise InputError(f"'{said}' points at something offered, but nothing was offered here: {q.prompt} Type the "
                         "answer (or say 'skip' to come back to it).")
    return default


def located(path: str, q: Question, value: str, default: Any) -> str:
    """A location as typed, when a requester could find it by it; else asked back once (NeedsConfirm): keeping
    the words is a yes, or "that's all we have"."""
    if q.id not in LOCATIONS or findable(value):
        return value
    link = f" (Enter for {default})" if isinstance(default, str) and default.startswith("http") else ""
    raise NeedsConfirm(Pending(
        field=path, value=value,
        prompt=f"'{clip(value, 60)}' gives no link, and no page or report a requester could find by it, so the letter "
               f"would not tell them where to look. Is that all we have? Say yes (or 'that's all we have') to keep it, "
               f"or 'no' to give the link{link}."))
