"""Words for the letter without the question said back: "the Home Office will publish it" at "Who will publish
it?" is "the Home Office", "Westshire Police gave it to us" at "Who gave us the information?" is "Westshire Police",
and "yes, the Environment Agency" at "Is another authority preparing it? If so, which?" is "the Environment Agency".
"""

from __future__ import annotations

import re

from foibot.knowledge.model import Question
from foibot.knowledge.vocabulary import Vocabulary

_WHO = re.compile(r"^who\s+(?:(?:will|would|is|are|did|has|have|had|was|were)\s+)?(?P<verb>[a-z]+)", re.I)
_IF_SO = re.compile(r"\?\s*if so\b", re.I)
_AUX = r"(?:(?:will|would|is going to|are going to|did|does|do|has|have|had|was|were|is|are)\s+)?"


def answer_only(q: Question, text: str, words: Vocabulary) -> str:
    """The reply without the question's own verb said back after the answer, or without the yes that a
    "…? If so, which?" question's answer may open with; the reply as typed when nothing is left."""
    who = _WHO.match(q.prompt)
    if who and len(who["verb"]) >= 3:
        stem = re.escape(who["verb"][:4])
        said_back = re.match(rf"^(?P<who>.+?)\s+{_AUX}{stem}[a-z]*\s+(?:it|them|this|that|the information)"
                             rf"(?:\s+(?:to\s+)?us)?\s*[.!]?$", text.strip(), re.I)
        if said_back and said_back["who"].strip():
            return said_back["who"].strip()
    if _IF_SO.search(q.prompt):
        lead = re.match(r"^(?P<word>[a-z]+)\s*[,;:\-–—]\s*(?P<rest>\S.*)$", text.strip(), re.I | re.S)
        if lead and lead["word"].lower() in words.yes:
            return lead["rest"]
    return text
