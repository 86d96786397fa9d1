"""What a publication the request matched answers of an exemption's questions, offered for Enter: where the
requester can find it (section 21, FOISA section 25: its link), when it is to be published (section 22, FOISA
section 27: its planned date), and the research programme and its report (section 22A: its title and planned date).

The publication is the one matched by the words of a part citing the exemption (``part_suggestions``), else the
officer's pick at the topic question, else the request's best match; it must be published with a link (for where
to find it) or forthcoming with a planned date (for when)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from foibot.conversation.answers import get_path
from foibot.conversation.part_suggestions import own_topics
from foibot.conversation.state import ConversationState, regime_of
from foibot.errors import InputError
from foibot.knowledge.model import Exemption, Knowledge, Topic
from foibot.law.dates import format_long

# (section, question id) -> what of the publication it offers
OFFERS = {("s21", "where"): "link", ("foisa-s25", "where_available"): "link",
          ("s22", "publication_date"): "planned", ("foisa-s27", "publication_date"): "planned",
          ("s22A", "programme"): "programme"}
PART_TOPIC = 50.0  # a part's own match below this is no match


def topic_default(state: ConversationState, kb: Knowledge, path: str) -> str | None:
    """What Enter gives at the question of ``path`` (``s21.where``) from a matched publication, or None."""
    section, _, qid = path.rpartition(".")
    offer = OFFERS.get((section, qid))
    exemption = kb.exemptions.get(section)
    if offer is None or exemption is None:
        return None
    for topic in _candidates(state, kb, exemption):
        if offer == "link" and topic.status == "published" and topic.url:
            return topic.url
        if offer in ("planned", "programme") and topic.status == "forthcoming" and topic.planned:
            return topic.planned if offer == "planned" else f"the {_title(topic)}; {_planned(topic.planned)}"
    return None


def _candidates(state: ConversationState, kb: Knowledge, exemption: Exemption) -> Iterator[Topic]:
    """The publications to look at, best first: those the words of each part citing ``exemption`` matched, the
    officer's pick, the request's best match."""
    keys: list[str] = []
    for part in state.answers.get("parts") or []:
        if isinstance(part, dict) and _cites(kb, state, part.get("exemptions"), exemption):
            keys += [key for key, score in own_topics(state, str(part.get("text") or "")) if score >= PART_TOPIC]
    picked = get_path(state.answers, "topic")
    keys += [str(picked)] if picked and picked != "none" else []
    keys += [s.key for s in state.suggested.topics[:1]]
    for key in dict.fromkeys(keys):
        if key in kb.topics:
            yield kb.topics[key]


def _cites(kb: Knowledge, state: ConversationState, citations: Any, exemption: Exemption) -> bool:
    regime = regime_of(state)
    for citation in citations or []:
        try:
            if kb.resolve(str(citation), regime)[0] is exemption:
                return True
        except InputError:
            continue
    return False


def _title(topic: Topic) -> str:
    """A publication's title to follow "the" ("The annual report" gives "annual report")."""
    title = topic.title.strip()
    return title[4:] if title.lower().startswith("the ") else title


def _planned(planned: str) -> str:
    """When its report is planned, as a sentence says it: "its report is planned for 30 September 2027", or the
    words as given ("its report is planned for spring 2028")."""
    try:
        return f"its report is planned for {format_long(date.fromisoformat(planned))}"
    except ValueError:
        return f"its report is planned for {planned}"
