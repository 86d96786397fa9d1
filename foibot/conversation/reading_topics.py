"""Reading the topic question: the options shown first ("the first one", "that one", "the betrayal report"),
then every topic with the same matcher as suggestions; a loose match is confirmed ("Did you mean …?"),
never silently taken.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from foibot.conversation.asking import NONE_OPTION
from foibot.conversation.clipping import clip
from foibot.conversation.reading_phrases import (
    NEGATED,
    NeedsConfirm,
    by_words,
    candidates,
    choices_listed,
    number_in,
    simplify,
    without_negation,
)
from foibot.conversation.reading_topic_years import by_status, by_year
from foibot.conversation.state import ConversationState, Pending
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge, Option
from foibot.suggest.matcher import Matcher
from foibot.text import normalise

_MATCHERS: dict[int, tuple[Knowledge, Matcher]] = {}


def _matcher(kb: Knowledge) -> Matcher:
    cached = _MATCHERS.get(id(kb))
    if cached is None or cached[0] is not kb:
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        cached = _MATCHERS[id(kb)] = (kb, Matcher(kb))
    return cached[1]


def read_topic(state: ConversationState, kb: Knowledge, options: list[Option], said: str) -> str:
    """A topic: the options shown first ("the first one", "that one", "the betrayal report"), then every
    topic through the suggestion matcher; a weak match is put back to the officer to confirm."""
    shown = [o for o in options if o.value != NONE_OPTION.value]
    words = kb.vocabulary
    other = _other_topic(state, kb, options, said)
    if other is not None:
        return other
    if said in words.none or said in words.no or said.startswith(("none", "no ", "not ", "neither")) or \
            said.split()[0] in words.none:
        return _named_instead(state, kb, options, said) or NONE_OPTION.value
    for reading in candidates(said):
        if reading in words.yes or reading in ("the first one", "first one"):
            if shown:
                return shown[0].value
            raise InputError("I have no report to suggest for this request: name the report, or say 'none'.")
        index = number_in(reading, len(options))
        if index is not None:
            return options[index].value
    if said in kb.topics:
        return said
    for reading in candidates(said):  # a report's own title or alias, word for word ("the ASR" is "asr")
        named = [t.id for t in kb.topics.values() if reading in (simplify(n) for n in (t.title, *t.aliases))]
        if len(named) == 1:
            return named[0]
    for option in shown:
        if said == simplify(option.label):
            return option.value
    dated = by_year(kb, shown, said) or by_status(kb, shown, said, words)
    if dated is not None:
        return dated
    exact = not _misspelt(kb, said)  # a misspelt name ("betrayl") is a loose match: confirmed, never taken
    chosen = by_words([Option(o.value, _with_initials(o.label)) for o in shown], said)
    if chosen is not None and exact:
        return chosen
    found = _matcher(kb).match_topics(said, limit=2)
    if found and found[0].score >= 60 and (len(found) == 1 or found[1].score < found[0].score - 10) and exact:
        return found[0].key
    if chosen is not None:
        raise NeedsConfirm(Pending("topic", chosen, f"Did you mean \"{kb.topics[chosen].title}\"? (yes or no)"))
    found = found or _matcher(kb).match_topics(_respelt(kb, said), limit=2)
    if found:
        raise NeedsConfirm(Pending("topic", found[0].key, f"Did you mean \"{found[0].label}\"? (yes or no)"))
    listing = choices_listed(options)
    raise InputError(f"I know no report called '{clip(said, 60)}'. Choose one of: {listing}, or name the report.")


def _with_initials(label: str) -> str:
    """A title with the initials of its names ("… Crown Prosecution Service's …" also "cps"), so that "the CPS
    one" matches every report shown whose title names the CPS, in full or not."""
    runs = re.findall(r"(?:\b[A-Z][a-z]+(?:'s)?\s+){1,}[A-Z][a-z]+", label)
    return " ".join([label, *("".join(w[0] for w in run.split()).lower() for run in runs)])


def _other_topic(state: ConversationState, kb: Knowledge, options: list[Option], said: str) -> str | None:
    """A reply that rules one report out and names another ("not the first one, the third")."""
    match = NEGATED.search(said)
    rest = without_negation(said)
    if not match or not rest or match.start() > 0:
        return None
    try:
        ruled_out = read_topic(state, kb, options, match["what"])
        chosen = read_topic(state, kb, options, rest)
    except (InputError, NeedsConfirm):
        return None
    return chosen if chosen != ruled_out else None


def _named_instead(state: ConversationState, kb: Knowledge, options: list[Option], said: str) -> str | None:
    """The report a reply names after ruling out those shown ("none of those, it's the custody thematic"); one not
    named by its title or alias word for word ("none of them, it's custody") is put to the officer, words naming no
    report leave the answer none."""
    pieces = re.split(r"\s*[,;:]\s*|\s+[-–]\s+", said, maxsplit=1)
    if len(pieces) < 2 or not pieces[1]:
        return None
    rest = re.sub(r"^(?:it is|it's|its|it was|but|rather|try)\s+", "", pieces[1])
    if NEGATED.search(rest):  # "none of them - its a force inspection not the thematic": more ruled out, none named
        return None
    try:
        named = read_topic(state, kb, options, rest)
    except InputError:
        return None
    if named == NONE_OPTION.value:
        return None
    topic = kb.topics[named]
    ruled_out = any(o.value == named for o in options)
    if ruled_out and rest not in (simplify(n) for n in (topic.title, *topic.aliases)):  # "it's custody": the
        # subject, not a report's name, matching one of the reports just ruled out: taken only on the officer's yes
        raise NeedsConfirm(Pending("topic", named, f"Did you mean \"{topic.title}\"? (yes or no; 'no' leaves "
                                   "no report)"))
    return named


def _respelt(kb: Knowledge, said: str) -> str:
    """The reply with misspelt words replaced by the nearest word of a topic title or alias ("custardy")."""
    vocabulary = _topic_words(kb)
    out = []
    for word in said.split():
        hit = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=80) if len(word) >= 5 else None
        out.append(hit[0] if hit and word not in vocabulary else word)
    return " ".join(out)


def _misspelt(kb: Knowledge, said: str) -> bool:
    """The reply holds a misspelling of a report's word ("betrayl", "positon"); another form of the word
    ("report" for "reports") is no misspelling."""
    respelt = _respelt(kb, said).split()
    return any(new != old and not (new.startswith(old) or old.startswith(new))
               for old, new in zip(said.split(), respelt, strict=True))


def _topic_words(kb: Knowledge) -> list[str]:
    cached = _WORDS.get(id(kb))
    if cached is None or cached[0] is not kb:
        words = {w for t in kb.topics.values() for text in (t.title, *t.aliases) for w in normalise(text).split()}
        cached = _WORDS[id(kb)] = (kb, sorted(words))
    return cached[1]


_WORDS: dict[int, tuple[Knowledge, list[str]]] = {}
