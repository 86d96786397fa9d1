""""Same as above" at an exemption's own question (section 24(2)'s reason after section 23(5)'s): the answer the
exemption cited before it gave to the same question, copied (the officer sees it said back in full). With no
earlier exemption answering it, the reply is asked back, naming why."""

from __future__ import annotations

from typing import Any

from foibot.conversation.answers import get_path
from foibot.conversation.state import ConversationState, regime_of
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge, ncnd_provision


def _section(kb: Knowledge, citation: str, regime: str) -> str | None:
    try:
        return (ncnd_provision(kb, citation, regime) or kb.resolve(citation, regime))[0].section
    except InputError:
        return None


def previous_answer(state: ConversationState, kb: Knowledge, section: str, qid: str) -> Any:
    """The answer to ``qid`` of the exemption cited before ``section`` (the nearest that has one)."""
    regime = regime_of(state)
    lists = [state.answers.get("exemptions") or []] + [p.get("exemptions") or [] for p in
                                                       state.answers.get("parts") or [] if isinstance(p, dict)]
    for cited in lists:
        order = list(dict.fromkeys(s for s in (_section(kb, str(c), regime) for c in cited) if s))
        if section not in order:
            continue
        for earlier in reversed(order[:order.index(section)]):
            found = get_path(state.answers, f"{earlier}.{qid}")
            if found not in (None, "", []):
                return found
    raise InputError("'same as above': no exemption cited before this one has an answer to this question to copy. "
                     "Type the answer, or say 'skip' to come back to it.")
