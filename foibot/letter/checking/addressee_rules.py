"""The requester the letter is for: the name it opens with ("Dear Ms Okafor") is the name it speaks to throughout, not
another person's left from an earlier letter ("Thank you again, Mr Hartley"), which rule markup reports."""

from __future__ import annotations

import re

from foibot.letter.checking.reading import Letter, own_lines
from foibot.letter.checking.rules import RuleBook

# A name: up to three capitalised words, read with case even where the titles before it are read without
_NAME = r"((?:(?-i:[A-Z])[\w'’-]+ ){0,2}(?-i:[A-Z])[\w'’-]+)"


def _patterns(book: RuleBook) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The salutation and the direct address, with the titles the rule lists (rule markup, words "titles")."""
    titles = "|".join(re.escape(t) for t in book["markup"].words.get("titles", ()))
    salutation = re.compile(rf"\bDear (?:{titles})\.? {_NAME}\b", re.I)
    # spoken to, not spoken of: "Thank you again, Mr Hartley," / "Mr Hartley, you may ..."
    spoken_to = re.compile(rf"\b(?:thank you|thanks)(?: again| once again| very much)?,? (?:{titles})\.? {_NAME}\b|"
                           rf"^(?:{titles})\.? {_NAME}, (?=you\b|we\b|I\b|please\b|if\b|thank\b)|"
                           rf"\bDear (?:{titles})\.? {_NAME}\b", re.I)
    return salutation, spoken_to


def other_names(letter: Letter, book: RuleBook) -> list[str]:
    """Each way the letter speaks to someone by a name other than the one it opens with, as the finding gives it;
    none when it opens with no name ("Dear Requester", "Dear Sir or Madam")."""
    salutation, spoken_to = _patterns(book)
    opening = next((m for line in own_lines(letter.text) if (m := salutation.search(line))), None)
    if not opening:
        return []
    surname = opening.group(1).split()[-1]
    others = []
    for sentence, _ in letter.sentences:
        for found in spoken_to.finditer(sentence):
            name = next(g for g in found.groups() if g)
            if surname.lower() not in name.lower().split():  # "Dear Mr Combie Thank you": a line run on
                others.append(f"'{' '.join(found.group(0).split())}' in a letter to '{opening.group(0)}'")
    return list(dict.fromkeys(others))
