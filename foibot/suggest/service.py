"""The one exemption-suggestion operation every surface uses (chat, Slack, ``foibot suggest``, ``/foi``).

Four kinds of evidence, each family's score a noisy-or of them (0-100), every suggestion saying where
it came from: the matcher's intent cues; what engages each exemption (``intents/engagement.yaml``);
what similar past cases in the register cited; and the prior, the register's own counts blended with
the authority type's (``intents/priors.yaml``). The list is always at least ``MIN_EXEMPTIONS`` long:
when the words say little, the prior fills it, and says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from foibot.knowledge.model import Knowledge
from foibot.register.store import Store
from foibot.suggest.engagement import Engaged, Engagement, load_engagement
from foibot.suggest.learned import canonical, family, prior
from foibot.suggest.matcher import Matcher
from foibot.suggest.priors import Priors, load_priors
from foibot.suggest.similar import SimilarCase, find_similar
from foibot.suggest.suggestions import Suggestion, Suggestions

MIN_EXEMPTIONS = 5
CUE_WEIGHT = 0.8
CASE_WEIGHT = 0.8
NEAR_WEIGHT = 0.95
PRIOR_WEIGHT = 0.6
REGISTER_PSEUDO = 20.0
"""The type prior counts as this many cases beside the register's own."""
UNKNOWN_CAP = 45.0
"""Families the knowledge base cannot draft stay below the score that prefills the exemptions question."""


class ExemptionSuggester:
    """``suggest(text, requester=, email=, exclude=)`` -> Suggestions, blended. Thread-safe."""

    def __init__(self, matcher_suggest: Callable[[str], Suggestions], engagement: Engagement, priors: Priors,
                 authority_type: str, store: Store | None, titles: dict[str, str], known: set[str],
                 eir_equivalents: dict[str, str] | None = None):
        self.matcher_suggest, self.engagement, self.priors = matcher_suggest, engagement, priors
        self.authority_type, self.store, self.titles, self.known = authority_type, store, titles, known
        self.eir_equivalents = eir_equivalents or {}

    def __call__(self, text: str, *, requester: str = "", email: str = "", exclude: str | None = None,
                 use_register: bool = True, authority_type: str | None = None,
                 priors: Priors | None = None) -> Suggestions:
        """The blended suggestions; ``exclude``, ``authority_type`` and ``priors`` serve the evaluation."""
        base = self.matcher_suggest(text)
        similar: list[SimilarCase] = []
        counts: Counter = Counter()
        cases = 0
        if self.store is not None and use_register:
            similar = find_similar(self.store, text, requester=requester, email=email, exclude=exclude)
            counts = prior(self.store, exclude=exclude)
            cases = _cases_with_exemptions(self.store, exclude)
        table = self._prior(counts, cases, authority_type or self.authority_type, priors or self.priors)
        return rank(base, self.engagement.match(text), similar, table, self.titles, self.known,
                    self.eir_equivalents)

    @staticmethod
    def _prior(counts: Counter, cases: int, kind: str, priors: Priors) -> dict[str, tuple[float, str]]:
        share = priors.share(kind)
        n = sum(priors.cases.values())
        out: dict[str, tuple[float, str]] = {}
        for fam in set(share) | set(counts):
            p = (counts.get(fam, 0) + REGISTER_PSEUDO * share.get(fam, 0.0)) / (cases + REGISTER_PSEUDO)
            parts = []
            if counts.get(fam):
                parts.append(f"cited in {counts[fam]} of the register's {cases} cases with exemptions")
            if share.get(fam):
                parts.append(f"cited by about {share[fam]:.0%} of {kind.replace('_', ' ')} answers "
                             f"(prior from {n} past requests)")
            out[fam] = (p, "; ".join(parts))
        return out


def _cases_with_exemptions(store: Store, exclude: str | None) -> int:
    with store.lock:
        n = store.db.execute("select count(*) from cases where exemptions != '[]' and parent_ref is null "
                             "and ref != ?", [exclude or ""]).fetchone()[0]
    return int(n)


def rank(base: Suggestions, engaged: list[Engaged], similar: list[SimilarCase],
         priors: dict[str, tuple[float, str]], titles: dict[str, str], known: set[str],
         eir_equivalents: dict[str, str] | None = None) -> Suggestions:
    """The blended, ranked exemptions (at least ``MIN_EXEMPTIONS``), each with every reason that supports it.

    Under the EIR (``base.regime``), a FOIA family with an EIR equivalent counts for that exception instead.
    """
    swap = (eir_equivalents or {}) if base.regime == "eir" else {}
    miss: dict[str, float] = {}
    why: dict[str, list[str]] = {}
    keys: dict[str, str] = {}
    labels = dict(titles)

    def add(fam: str, strength: float, reason: str, key: str | None = None) -> None:
        if fam in swap:
            fam, key, reason = family(swap[fam]), swap[fam], f"{reason} (under the EIR, {swap[fam]} instead of {fam})"
        miss[fam] = miss.get(fam, 1.0) * (1 - min(max(strength, 0.0), 0.99))
        why.setdefault(fam, []).append(reason)
        if key and len(key) > len(keys.get(fam, "")):
            keys[fam] = key

    for s in base.exemptions:
        add(family(s.key), CUE_WEIGHT * s.score / 100, s.why, s.key)
        labels.setdefault(family(s.key), s.label)
    for e in engaged:
        if e.family.startswith("r") and base.regime != "eir":
            continue  # an EIR exception only for environmental information
        add(e.family, e.strength, f"engages it: {e.why}")
    notes = list(base.notes)
    for case in similar:
        label = "near-identical request" if case.near_identical else "similar request"
        weight = NEAR_WEIGHT if case.near_identical else CASE_WEIGHT
        for citation in dict.fromkeys(case.exemptions):
            add(family(citation), weight * case.score / 100,
                f"cited in {case.reference} ({label}, {case.score:.0f}%)", canonical(citation))
        if case.near_identical and not case.exemptions and case.outcome in ("granted", "not_held"):
            notes.append(f"{case.reference} (near-identical request) was answered "
                         f"{'in full' if case.outcome == 'granted' else 'as not held'} with no exemption")
    for fam in list(miss):
        p, reason = priors.get(fam, (0.0, ""))
        if reason:
            add(fam, PRIOR_WEIGHT * p, reason)
    scored = {fam: 100 * (1 - m) for fam, m in miss.items()}
    for fam, (p, reason) in sorted(priors.items(), key=lambda i: (-i[1][0], i[0])):
        if len(scored) >= MIN_EXEMPTIONS:
            break
        if fam not in scored and fam not in swap and reason:
            scored[fam] = 100 * PRIOR_WEIGHT * p
            why[fam] = [f"little in the request points to it, but it is common: {reason}"]
    out = []
    for fam, score in scored.items():
        if fam not in known:
            score = min(score, UNKNOWN_CAP)
        out.append(Suggestion(keys.get(fam, fam), labels.get(fam, fam), round(score, 1), "; ".join(why[fam])))
    out.sort(key=lambda s: (-s.score, s.key))
    return replace(base, exemptions=out, notes=list(dict.fromkeys(notes)),
                   similar_cases=[c.to_json() for c in similar] or base.similar_cases)


def load_suggester(root: Path, kb: Knowledge, matcher: Matcher, store: Store | None,
                   authority_type: str) -> ExemptionSuggester:
    """The suggester for a data folder: its engagement knowledge and priors (empty when a file is absent)."""
    path = root / "intents" / "engagement.yaml"
    engagement = load_engagement(path) if path.exists() else Engagement({})
    path = root / "intents" / "priors.yaml"
    priors = load_priors(path) if path.exists() else Priors()
    titles = engagement.titles | {e.section: e.title for e in kb.exemptions.values()}
    eir = {e.section: e.eir_equivalent for e in kb.exemptions.values() if e.eir_equivalent}
    return ExemptionSuggester(matcher.suggest, engagement, priors, authority_type, store, titles,
                              set(kb.exemptions), eir)
