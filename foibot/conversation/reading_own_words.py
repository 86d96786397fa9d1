"""The officer's own words after saying none of a list's factors fit ("none of those fit, the public has an
interest in knowing the stations are secure"): at a list question with choices, the words after the phrase (the
vocabulary's ``none_fit``) and a mark are the answer; the phrase is never stored, nor printed in the letter. And
a "none" form typed at an optional question for files or words ("none of it", "nothing at all", "dim o gwbl"):
no answer, never the words of a list or letter."""

from __future__ import annotations

import re

from foibot.knowledge.vocabulary import Vocabulary


def own_words(text: str, words: Vocabulary) -> str:
    """``text`` without a leading "none of those fit" and its mark when own words follow it; else ``text``."""
    phrases = sorted(words.none_fit, key=len, reverse=True)
    if not phrases:
        return text
    found = re.match(rf"\s*(?:{'|'.join(map(re.escape, phrases))})(?![\w'])\s*(?:[,;:.!\-–—]+|\s+so\b|\s+but\b)\s*",
                     text, re.I)
    if found is None:
        return text
    rest = text[found.end():].strip()
    rest = re.sub(r"^(?:so|but|instead|rather)\b[\s,]*", "", rest, flags=re.I)
    return rest[:1].upper() + rest[1:] if len(re.findall(r"[\w']+", rest)) >= 3 else text


def says_none(said: str, words: Vocabulary) -> bool:
    """Whether a reply is a "none" form: a phrase the vocabulary's meanings read as none (the value "none", as
    "How much are we giving them?" reads "none of it"), opening with a word that is itself a none word ("none",
    "nothing", "dim"); "refuse", which also means none there, is no none form."""
    first = said.split()[0] if said.split() else ""
    return words.meanings.get(said) == ("none",) and first in words.none


def without_yes(text: str, words: Vocabulary) -> str:
    """A pick from a list without a yes before it ("aye, all of them", "yes - 1 and 2"): the yes agrees, the pick
    answers. Words of the officer's own after a yes are kept whole."""
    found = re.match(r"\s*([\w']+)\s*[,;:.!\-–—]*\s+", text)
    if found is None or found[1].lower() not in words.yes:
        return text
    rest = text[found.end():]
    everything = sorted(words.everything, key=len, reverse=True)
    picks = re.match(rf"\d|(?:{'|'.join(map(re.escape, everything))})(?![\w'])", rest, re.I) if everything else None
    return rest if picks or re.match(r"\d", rest) else text
