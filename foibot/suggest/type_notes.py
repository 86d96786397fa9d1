"""Intents' notes written for some kinds of authority only (``notes_by_type`` in ``intents/intents.yaml``).

An intent's ``note`` is shown to every authority, so it must hold for all of them. Advice that fits some kinds
only (an inspectorate pointing a requester to the force or the IOPC that holds a case file; a police force's
own investigations) goes under ``notes_by_type``: authority type -> note, written once or per law like
``note``. An authority of a type listed there gets that note instead of the general one.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from foibot.knowledge.authority import AUTHORITY_TYPES
from foibot.knowledge.datafile import Node, load_yaml
from foibot.knowledge.loading import by_regime
from foibot.knowledge.model import Intent, Knowledge
from foibot.suggest.suggestions import Suggestions

FIELD = "notes_by_type"


def load_type_notes(path: Path, kb: Knowledge, display: str = "intents/intents.yaml") -> dict[str, dict[str, Intent]]:
    """Intent id -> authority type -> the intent carrying that type's note; a DataError names the file and line."""
    data = load_yaml(path, display) if path.exists() else None
    out: dict[str, dict[str, Intent]] = {}
    for node in data if isinstance(data, list) else []:
        if not isinstance(node, Node) or node.get(FIELD) is None:
            continue
        notes, intent = node.get(FIELD), kb.intents.get(str(node.get("id")))
        if not isinstance(notes, Node) or not notes or intent is None:
            raise node.fail(FIELD, "must map authority types to notes")
        for kind in notes:
            if kind not in AUTHORITY_TYPES:
                raise notes.fail(kind, f"'{kind}' is not an authority type; use {', '.join(AUTHORITY_TYPES)}")
            note, per_law = by_regime(notes, kind, any_law=False)
            out.setdefault(intent.id, {})[str(kind)] = replace(intent, note=note, notes=per_law)
    return out


def notes_for(kb: Knowledge, type_notes: dict[str, dict[str, Intent]], found: Suggestions, regime: str,
              authority_type: str) -> list[str]:
    """The notes of the two best intents for a reply under ``regime`` by an authority of this type: its own
    note where the intent has one for the type, else the general one; none where a law has no counterpart."""
    out = []
    for suggestion in found.intents[:2]:
        intent = type_notes.get(suggestion.key, {}).get(authority_type) or kb.intents.get(suggestion.key)
        if intent is not None and (note := intent.note_for(regime)):
            out.append(note)
    return out
