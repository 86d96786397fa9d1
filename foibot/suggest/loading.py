"""Loading what the suggester reads from the data folder, once per process, and building it per runtime."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from foibot.knowledge.model import Knowledge
from foibot.knowledge.profile_files import data_file
from foibot.register.store import Store
from foibot.suggest.engagement import Engagement, load_engagement
from foibot.suggest.learning import Learned, learn, read_answered
from foibot.suggest.matcher import Matcher
from foibot.suggest.meaning import load_meaning
from foibot.suggest.priors import PriorsFile, load_priors
from foibot.suggest.service import ExemptionSuggester
from foibot.suggest.type_notes import load_type_notes, notes_for


@dataclass(frozen=True)
class SuggestData:
    """Engagement knowledge, the priors file and what was learned from the answered requests."""

    engagement: Engagement
    priors: PriorsFile
    learned: Learned
    titles: dict[str, str]
    known: frozenset[str]
    eir_equivalents: dict[str, str]
    type_notes: dict
    """Intent id -> authority type -> the intent with that type's note (``notes_by_type``)."""
    authority_name: str = ""
    """The profile's ``name`` (which bodies may rely on section 34, and which may not on section 30)."""


def load_suggest_data(root: Path, kb: Knowledge) -> SuggestData:
    """Read ``intents/engagement.yaml``, ``priors.yaml`` and ``answered.jsonl`` (each optional) and learn.

    The runtime caches the result per process."""
    engagement_file, priors_file, answered_file = (data_file(root, f"intents/{name}") for name in
                                                   ("engagement.yaml", "priors.yaml", "answered.jsonl"))
    engagement = load_engagement(engagement_file) if engagement_file.exists() else Engagement({})
    priors = load_priors(priors_file) if priors_file.exists() else PriorsFile()
    rows = read_answered(answered_file) if answered_file.exists() else []
    learned = learn(rows, priors.foisa_to_foia, load_meaning())
    learned.priors = learned.priors.plus(priors.extra)
    titles = (engagement.titles | priors.foisa_titles | priors.eir_titles
              | {e.section: e.title for e in kb.exemptions.values()})
    eir = {e.section: e.eir_equivalent for e in kb.exemptions.values() if e.eir_equivalent}
    type_notes = load_type_notes(data_file(root, "intents/intents.yaml"), kb)
    return SuggestData(engagement, priors, learned, titles, frozenset(kb.exemptions), eir, type_notes,
                       kb.authority_name)


def make_suggester(data: SuggestData, matcher: Matcher, store: Store | None, authority_type: str,
                   regime: str) -> ExemptionSuggester:
    """The suggester for one runtime (its register), sharing the loaded data."""
    return ExemptionSuggester(matcher.suggest, data.engagement, data.learned, authority_type, regime, store,
                              data.titles, set(data.known), data.eir_equivalents, data.priors.foisa_equivalents,
                              notes_for=lambda found, regime, kind: notes_for(matcher.kb, data.type_notes, found,
                                                                              regime, kind),
                              fit=data.priors, authority_name=data.authority_name)
