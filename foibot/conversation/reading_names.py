"""A name question (an id ending ``_name``: "What is the requester's name?") answered with words that read as a
subject, not a name ("car parking bids", typed there a step out of turn): asked back, never the name the letter is
addressed to ("Dear car parking bids"). The request itself tells them apart: a name is typed as a name, and where
the request has it, it has it capitalised ("Dan Whitfield"); most words of a reply typed in lower case that the
request uses as ordinary words, in lower case ("the bids for the car parking contract"), read as its subject."""

from __future__ import annotations

import re

from foibot.conversation.clipping import clip
from foibot.errors import InputError
from foibot.knowledge.model import Question
from foibot.text import stem

_SMALL = {"the", "of", "and", "for", "a", "an", "on", "in", "to", "at", "by", "with", "about", "from", "our", "their"}


def _stem_of(word: str) -> str:
    """A word as ``text.stem`` has it, a possessive dropped ("council's", "councils" and "council" meet)."""
    return stem(word.lower().removesuffix("'s"))


def name_question(q: Question) -> bool:
    return q.kind == "text" and q.id.endswith("_name")


def not_a_subject(q: Question, text: str, request: str) -> None:
    """Raise InputError for a reply to a name question that reads as the request's subject (see the docstring)."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    if not words or any(w[:1].isupper() for w in words) or re.search(r"@|\d", text):
        return
    content = [w.lower() for w in words if w.lower() not in _SMALL]
    common = {_stem_of(w) for w in re.findall(r"\b[a-z][a-z'-]*", request)}  # the request's words in lower case
    found = [w for w in content if _stem_of(w) in common]
    if not content or len(found) * 2 <= len(content):
        return
    raise InputError(f"'{clip(text, 60)}' reads as what the request is about, not who made it: the letter is "
                     "addressed to this name. Give the requester's name as they gave it (or say 'skip' to come back "
                     "to it).")



_NAME = r"((?:[A-Z][\w'.-]*\s){1,3}[A-Z][\w'-]*)"
_NAME_THEN_MORE = re.compile(rf"^{_NAME}\s*[,;]\s+[a-z].*$", re.S)
_ROLE = r"(?:\([^()]+\)|[,;–—-]\s*(?:[A-Z][\w&'-]*(?:\s+\S+){1,7}|[A-Z]{2,6}))"  # "(DPO)", ", Head of IG"
_NAME_THEN_ROLE = re.compile(rf"^{_NAME}\s*{_ROLE}\.?$")
_NOT_A_PERSON = ("our", "my", "the", "a", "an", "their", "his", "her", "someone", "somebody", "anyone", "whoever",
                 "some", "one")


def name_only(text: str) -> str:
    """A name without what the officer added after a comma ("Dana Kerr, came in on 3 Nov, she wants the contract"
    gives "Dana Kerr") or their role after it ("Priya Shah, Head of IG", "Priya Shah (DPO)"): the letter is
    addressed to the name alone, and the role has its own question."""
    found = _NAME_THEN_MORE.match(text.strip()) or _NAME_THEN_ROLE.match(text.strip())
    return found[1] if found else text


def not_a_person(text: str, said: str, choices: frozenset[str] | set[str]) -> None:
    """Raise InputError for a reply to a name question that names no one: a description ("someone senior", "our
    DPO") or a choice of another question ("upheld"), typed where the letter needs a person's name."""
    if said.split()[:1] and (said.split()[0] in _NOT_A_PERSON or said in choices):
        raise InputError(f"'{clip(text, 60)}' does not read as a person's name, which the letter gives. Type the "
                         "name (or say 'skip' to come back to it).")
