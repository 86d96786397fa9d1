"""A reply labelled as in a form: "Answer: yes", "Name: Dana Kerr", "held = yes", "Part 1: yes", "Q: Do we hold
it? A: partly". The label names the question (its id's words, an alias, or a word of ``labels`` in
``intents/replies-vocabulary.yaml``) and is not part of the answer; any other words before a colon are the answer's
own ("We checked the minutes: nothing found")."""

from __future__ import annotations

import re

from foibot.knowledge.model import Question
from foibot.knowledge.vocabulary import Vocabulary

_QUESTION_THEN_ANSWER = re.compile(r"^\s*q\s*[:.]\s*[^\n]*?\?\s*a\s*[:.]\s*(?=\S)", re.I)
_PART = r"part\s*\d+"


def _labels(q: Question, words: Vocabulary) -> list[str]:
    """What an officer may write before the answer to ``q``, longest first."""
    named = q.id.replace("_", " ")
    found = {named, *named.split(), *(a.lower() for a in q.aliases), *words.labels}
    found |= {w.rstrip("s") for w in found if w.endswith("s")} | {w + "s" for w in found if not w.endswith("s")}
    return sorted((w for w in found if w), key=len, reverse=True)


def without_label(text: str, q: Question, words: Vocabulary) -> str:
    """``text`` without a leading label naming the question (see the module docstring); unchanged when nothing
    follows the label."""
    rest = _QUESTION_THEN_ANSWER.sub("", text, count=1)
    either = "|".join([_PART, *map(re.escape, _labels(q, words))])
    labelled = re.compile(rf"^\s*(?:{either})\s*[:=]\s*(?=\S)", re.I)
    return labelled.sub("", rest, count=1) if rest.strip() else text
