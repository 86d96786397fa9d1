"""The balance of the public interest as officers type it: "withholding, the talks are ongoing", "favours
withholding as the restructure is still ongoing", "sorry meant withholding - the committee hasn't decided yet".

A direction towards withholding said at the start (with or without "the balance favours") is the direction: the
letter states it in its own words (for the law and the answer: maintaining the exemption or exception, or neither
confirming nor denying). What follows is kept as the reason, a sentence of its own, without the apology or the
connector that led into it ("as", "because"). A direction with no reason after it is asked back.
"""

from __future__ import annotations

import re

from foibot.conversation.clipping import clip
from foibot.errors import InputError
from foibot.knowledge.vocabulary import Vocabulary

_SUBJECT = (r"(?:the\s+)?(?:balance(?:\s+of\s+(?:the\s+)?public\s+interest)?|public\s+interest(?:\s+balance)?|pit)\s+"
            r"(?:clearly\s+|firmly\s+)?(?:favou?rs|(?:lies|falls|rests|is|tips)\s+(?:firmly\s+|clearly\s+)?"
            r"(?:in\s+favou?r\s+of|with|on\s+the\s+side\s+of|towards))\s+")
_LEAD = rf"(?:(?P<subject>{_SUBJECT})|(?:favou?rs?|in\s+favou?r\s+of|towards)\s+)?"
_WITHHOLDING = (r"(?:withholding|withhold|maintaining\s+the\s+(?:exemption|exception)s?|maintain(?:ing)?|"
                r"keeping\s+the\s+(?:exemption|exception)s?|non-disclosure|not\s+disclosing|"
                r"neither\s+confirming\s+nor\s+denying|ncnd|refusing|refusal)(?:\s+it)?")
# A reason for a direction: a clause after a mark or a connector ("as", "because"), or a noun phrase ("due to")
_CLAUSE = r"as|because|since|given\s+that|now\s+that|while|whilst|for"
_PHRASE = {"due to": "This is due to", "owing to": "This is owing to", "because of": "This is because of",
           "in view of": "This is because of", "given": "This is because of"}
_PHRASES = "|".join(p.replace(" ", r"\s+") for p in _PHRASE)
_DIRECTION = re.compile(
    rf"^{_LEAD}(?P<direction>{_WITHHOLDING})(?![\w'-])(?=\s*(?:$|[,;:.!\-–—(]|(?:{_CLAUSE}|{_PHRASES})(?![\w'])))",
    re.I)
_MARKS = re.compile(r"^[\s,;:.!\-–—()]+")
_APOLOGIES = ("meant", "oops", "my mistake", "my bad", "apologies")


def balance_reason(text: str, words: Vocabulary) -> str:
    """The reason a balance gives, when it opens with its direction towards withholding ("favours withholding as
    the talks are ongoing" gives "The talks are ongoing."); the text as typed when it does not, or when it is the
    direction alone with its subject ("the balance favours withholding"). Raises InputError for a direction with no
    reason after it."""
    said = _without_apology(" ".join(text.split()), words)
    found = _DIRECTION.match(said)
    if found is None:
        return text.strip()
    rest = _MARKS.sub("", said[found.end():])
    if not rest and found["subject"]:  # "the balance favours withholding": a conclusion of its own, as typed
        return text.strip()
    lead = re.match(rf"^(?:{_CLAUSE})(?![\w'])\s*", rest, re.I)
    phrase = next((p for p in _PHRASE if re.match(p.replace(" ", r"\s+") + r"(?![\w'])", rest, re.I)), None)
    if lead:
        rest = rest[lead.end():]
    elif phrase:
        rest = f"{_PHRASE[phrase]} {rest[len(phrase):].strip()}"
    rest = rest.strip(" ,;:-–—")
    if len(re.findall(r"[\w']+", rest)) < 3:
        raise InputError(f"'{clip(text, 60)}' says the balance favours withholding but not why. Say why, for "
                         "example 'withholding, as the talks are still going on' (the letter must give the reasons), "
                         "or leave it blank for the standard sentence.")
    rest = _weighed(rest, words)
    rest = rest[:1].upper() + rest[1:]
    return rest if rest[-1:] in ".!?" else rest + "."


def _weighed(reason: str, words: Vocabulary) -> str:
    """A reason that ends weighing its interest over nothing ("crew and public safety outweighs"), completed with
    what it outweighs, the public interest in disclosure: a sentence the letter can print."""
    bare = reason.rstrip(" .!")
    for phrase in sorted(words.weighs_over, key=len, reverse=True):
        found = re.search(rf"(?<![\w']){re.escape(phrase)}$", bare, re.I)
        if found and bare[:found.start()].strip():
            verb = re.sub(r"\s+(?:it|that)$", "", bare[found.start():])
            return f"{bare[:found.start()]}{verb} the public interest in disclosure."
    return reason


def _without_apology(said: str, words: Vocabulary) -> str:
    """The reply without the apologies and self-corrections it opens with ("sorry meant withholding - …")."""
    phrases = sorted({*words.corrections, *_APOLOGIES}, key=len, reverse=True)
    opening = re.compile(rf"^(?:{'|'.join(map(re.escape, phrases))})(?![\w'])[\s,;:.!\-–—]*", re.I)
    while (found := opening.match(said)) is not None and found.end() < len(said):
        said = said[found.end():]
    return said
