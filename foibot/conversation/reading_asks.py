"""Replies that ask instead of answering: a question back ("who sent it?", "why do you need this"), a request for
help ("can you explain"), or a note that someone else will answer ("ask Sam"). Each is asked back with the
question's help, never stored as the answer."""

from __future__ import annotations

import re

from foibot.conversation.clipping import clip
from foibot.errors import InputError
from foibot.knowledge.model import Question
from foibot.knowledge.vocabulary import Vocabulary

_OPENERS = ("who", "whom", "whose", "what", "what's", "which", "why", "how", "when", "where", "do", "does", "did",
            "can", "could", "should", "shall", "is", "are", "was", "were", "will", "must", "may")


def not_asked_back(q: Question, regime: str, text: str, said: str, words: Vocabulary) -> None:
    """Raise InputError for a short reply that asks back: one ending in "?" that opens as a question does ("who
    sent it?", "do the files need checking?"), or one opening with words that ask for help or a reason, with or
    without "?" ("why do you need this", "can you explain"); or one that hands the answer to someone else."""
    if "\n" in text.strip() or len(said.split()) > 12:
        return
    plain = said.rstrip(" ?.!")
    asks = text.strip().endswith("?") and said.startswith(tuple(f"{w} " for w in (*words.asks_back, *_OPENERS)))
    helps = plain in words.asks_help or said.startswith(tuple(f"{w} " for w in words.asks_help))
    if asks or helps:
        why = q.help_for(regime)
        raise InputError(f"'{clip(text, 60)}' reads as a question. {why + ' ' if why else ''}When you know, give "
                         "the answer (or say 'skip' to come back to it).")
    if _defers(said, words):
        raise InputError(f"'{clip(text, 40)}' reads as a note to ask someone, not the answer. Give the answer "
                         "when you have it, or say 'skip' to come back to it.")


def _defers(said: str, words: Vocabulary) -> bool:
    """A short reply handing the answer to someone ("ask Sam", "check with legal"), not advice to the requester
    ("ask for one year only")."""
    if not words.defers_to or len(said.split()) > 4:
        return False
    lead = "|".join(map(re.escape, words.defers_to))
    return re.fullmatch(rf"(?:{lead})\s+(?!for\b|them\b|the requester\b|if\b|whether\b|about\b|to\b)[\w'.-]+"
                        r"(?:\s+[\w'.-]+)?[.!]?", said) is not None
