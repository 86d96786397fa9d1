"""Words typed beside the citations at the exemptions question that answer one of a cited exemption's own
questions by its name ("s12 - aggregated with 0003": section 12's ``aggregated_with``, whose ``aliases`` in the
exemption's file name it): never dropped without a word. The citations are kept with that answer on the officer's
yes (the question is one foibot does not ask unprompted), so both are stored, or the officer answers again."""

from __future__ import annotations

import re

from foibot.conversation.clipping import clip
from foibot.conversation.reading_phrases import NeedsConfirm
from foibot.conversation.state import Pending
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge


def aside_answer(kb: Knowledge, path: str, cited: list[str], text: str, regime: str) -> None:
    """Raise NeedsConfirm keeping ``cited`` and the answer the words after a cited exemption's question's alias
    give to that question ("aggregated with 0003")."""
    lowered = text.lower()
    for citation in cited:
        try:
            exemption = kb.resolve(citation, regime)[0]
        except InputError:
            continue
        for q in exemption.questions:
            for alias in sorted(q.aliases, key=len, reverse=True):
                found = re.search(rf"(?<![\w]){re.escape(alias.lower())}(?![\w])[\s:,-]*", lowered)
                value = text[found.end():].strip(" .;,-–—") if found else ""
                if not value or "?" in value or re.search(r"\b(?:no|not)\b", value, re.I):
                    continue  # "(aggregated with part 3? no - just part 2)": wondered, then taken back
                where = f"{exemption.section}.{q.id}"
                named = f"section {exemption.number}" if exemption.regime != "eir" else exemption.cite()
                raise NeedsConfirm(Pending(
                    path, cited, f"Cite {', '.join(cited)}, and answer {named}'s question \"{q.prompt}\" "
                    f"with '{clip(value, 60)}'? (yes or no)", also={where: value}))
