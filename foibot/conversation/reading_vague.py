"""Replies that give a question nothing the letter can use, though they are not empty:

- at an optional question, the officer declining ("rather not say") or saying there is none of what it asks ("no
  advice, it can't be narrowed" at "How could the requester narrow the request …?", whose id is ``advice``): the
  question is left blank, never printed as typed;
- at a question asking who, a reply naming no one ("them", "we did", "a third party": ``pronouns`` in the
  vocabulary, alone or with "did", "gave it" and the like after them): asked back, as the letter needs the name or
  a description;
- a no that goes on about who holds the information, typed at another question ("no, its held by the safety camera
  partnership not us" at the attachments question): asked back, pointing to the held question;
- at a question asking to describe people without naming them, a person named by title and name ("Mr John Hill of
  Hill Farm"): asked back, as the letter must not name them;
- at a question asking for an enactment and its section, an Act named with no section ("the Data Protection Act"):
  asked back for the section.
"""

from __future__ import annotations

import re

from foibot.conversation.clipping import clip
from foibot.conversation.reading_phrases import found_phrase
from foibot.errors import InputError
from foibot.knowledge.model import Question
from foibot.knowledge.vocabulary import Vocabulary


def declined(q: Question, said: str, words: Vocabulary) -> bool:
    """Whether a reply to an optional question declines it or says there is none of what it asks (see above)."""
    if q.required:
        return False
    head = re.split(r"\s*[,;:.!]\s*|\s+[-–—]\s+", said)[0].strip()
    if head in words.declines:
        return True
    if q.kind not in ("text", "longtext"):  # "no certificate" is a choice of its own
        return False
    nouns = [w for w in q.id.split("_") if len(w) > 2]
    return any(re.fullmatch(rf"(?:there's |there is |we have |we've got |we give )?no {re.escape(n)}s?", head)
               for n in nouns)


_DID = re.compile(r"\s+(?:did|do|does|gave it|gave it to us|gave us it|provided it|supplied it|sent it|sent it to "
                  r"us|wrote it|own it|owns it|made it|are|is|were|was)$")


def names_no_one(q: Question, text: str, said: str, words: Vocabulary) -> None:
    """Raise InputError for a reply naming no one ("them", "we did", "a third party") at a required question asking
    who."""
    if not q.required or not re.match(r"(?i)who\b|whose\b", q.prompt):
        return
    bare = _DID.sub("", said.rstrip(".!"))
    if bare in words.pronouns or said.rstrip(".!") in words.pronouns:
        raise InputError(f"'{clip(text, 40)}' names no one the letter can give: {q.prompt} Give the name, or a "
                         "description the letter can use, or say 'skip' to come back to it.")


_ENACTMENT = re.compile(r"\b(?:act|regulations?|order|rules|code)\b", re.I)


def act_without_section(q: Question, text: str) -> None:
    """Raise InputError for an Act named with no section ("the Data Protection Act") at a question asking for the
    Act and its section: the letter must cite the provision that bars disclosure."""
    if not re.search(r"\bsection\b", q.prompt, re.I) or not _ENACTMENT.search(text) or re.search(r"\d", text):
        return
    raise InputError(f"'{clip(text, 40)}' names the law but not the section; the letter must cite the provision that "
                     "bars disclosure (for example 'section 18 of the Commissioners for Revenue and Customs Act "
                     f"2005'). {q.prompt} (Or say 'skip' to come back to it.)")


_YES_FOR = re.compile(r"(?P<what>(?:the|those|these|our|their|its|his|her)\s+[a-z0-9' -]{2,40}?)[\s,:-]+(?P<yes>\S+)")
_NOT_A_SUBJECT = re.compile(r"\w+\s+(?:short\s+)?(?:answer|reply|response)(?:\s+is|'s)?")


def yes_for_some(text: str, said: str, words: Vocabulary, listed: str) -> None:
    """Raise InputError for a yes said of one thing named before it ("the notes yes") at a choice question: it
    answers for that thing, perhaps not for all that was asked, so the officer is asked which choice it is."""
    found = _YES_FOR.fullmatch(said.rstrip(".!"))
    if not found or found["yes"] not in words.yes or _NOT_A_SUBJECT.fullmatch(found["what"]):
        return
    raise InputError(f"'{clip(text, 40)}' says yes for {found['what']}; is that all of what was asked? Please choose: "
                     f"{listed} (or say 'skip' to come back to it).")


_POINTER = re.compile(r"(?:please\s+)?(?:see|look at|it's in|its in|it's at|in)\s+(?:the\s+)?\S.*https?://\S+", re.I)


def points_elsewhere(q: Question, text: str) -> None:
    """Raise InputError for a reply that points to a link ("see the correspondence bundle (https://…)", a Slack link
    as the surface reads it back) at a question asking for words for the letter, not where something is: the
    requester cannot open our links, and the letter would print the pointer."""
    if re.search(r"\b(?:where|link|url|web|website|address|online)\b", q.prompt, re.I) or not _POINTER.fullmatch(
            text.strip()):
        return
    raise InputError(f"'{clip(text, 60)}' points to a link; the letter needs words the requester can read: {q.prompt} "
                     "Describe it in a few words (or say 'skip' to come back to it).")


_NO_THEN = re.compile(r"(?P<no>[a-z']+)\s*[,;:.!\-–—]+\s*(?P<rest>.+)")


def answers_held(q: Question, text: str, said: str, words: Vocabulary) -> None:
    """Raise InputError for a no that goes on about who holds the information ("no, its held by the safety camera
    partnership not us", typed at "Are any files going with the letter?"): it answers whether we hold it, not this
    question, and storing the no would leave this one blank without a word."""
    if q.id in ("held", "not_held_detail") or re.search(r"\bhold|\bheld\b", q.prompt, re.I):
        return
    found = _NO_THEN.fullmatch(said)
    if not found or found["no"] not in words.no:
        return
    rest = re.sub(r"\bheld back\b|\bhold(?:ing)? back\b", " ", found["rest"])
    if not found_phrase(words.corrects.get("held", ()), rest):
        return
    raise InputError(f"'{clip(text, 60)}' reads as an answer to whether we hold the information, not to this "
                     f"question: {q.prompt} If we do not hold it, say 'change whether we hold it'; otherwise answer "
                     "this question (or say 'skip' to come back to it).")


_TITLED = re.compile(r"(?:^|[\s,(])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Cllr|Councillor|PC|DC|DS|Sgt)\.?\s+"
                     r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")


def names_a_person(q: Question, text: str) -> None:
    """Raise InputError for a person named by title and name ("Mr John Hill of Hill Farm") at a question asking to
    describe people without naming them: the letter would disclose the very personal data it withholds."""
    if not re.search(r"without naming", q.prompt, re.I) or not _TITLED.search(text):
        return
    raise InputError(f"'{clip(text, 40)}' names a person, but the letter must not (describe them instead, for "
                     f"example 'the landowner of the site'). {q.prompt} (Or say 'skip' to come back to it.)")
