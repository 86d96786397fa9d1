"""Exemption suggestions learned from similar past cases, blended with the matcher's intent cues.

A past case that is like the request and cited an exemption is evidence for that exemption, in
proportion to how alike the two requests are. Each blended suggestion keeps its reasons, e.g.
"cited in FOI 2025-12 (similar request, 81%)".
"""

from __future__ import annotations

import json
import time
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from foibot.knowledge.citations import canonical, family
from foibot.register.store import Store
from foibot.suggest.similar import SimilarCase, find_similar
from foibot.suggest.suggestions import Suggestion, Suggestions

CASE_WEIGHT = 0.8
"""A similar case's score (0-100) times this is the score of what it cited (near-identical: 1.0)."""
AGREEMENT_BONUS = 10.0
"""Added when the cues and past cases (or two past cases) agree on an exemption."""
PRIOR_WEIGHT = 15.0
"""The register's most cited family gets this much added; others in proportion to how often they are cited."""
PRIOR_REFRESH = 10.0
_prior_cache: weakref.WeakKeyDictionary[Store, tuple[float, int | None, Counter]] = weakref.WeakKeyDictionary()

def prior(store: Store, *, exclude: str | None = None) -> Counter:
    """How many cases in the register cited each exemption family (a case counts once per family).

    Asked for on every new request, so it is cached per store and recounted only when the register has
    changed, at most every ``PRIOR_REFRESH`` seconds (about 40 ms at 100,000 cases). ``exclude`` leaves
    one case out (leave-one-out evaluation).
    """
    now = time.monotonic()
    with store.lock:
        marker = store.db.execute("select max(rowid) from case_events").fetchone()[0]
    cached = _prior_cache.get(store)
    if cached is None or (cached[1] != marker and now - cached[0] >= PRIOR_REFRESH):
        with store.lock:
            rows = store.db.execute("select exemptions, count(*) from cases where exemptions != '[]' "
                                    "and parent_ref is null group by exemptions").fetchall()
        counts: Counter = Counter()
        for cited, n in rows:
            for fam in {family(str(c)) for c in json.loads(cited or "[]")}:
                counts[fam] += n
        cached = (now, marker, counts)
        _prior_cache[store] = cached
    counts = Counter(cached[2])
    if exclude:
        with store.lock:
            row = store.db.execute("select exemptions from cases where ref = ?", [exclude]).fetchone()
        counts.subtract({family(c) for c in json.loads(row[0] or "[]")} if row else set())
    return +counts


def blend(suggestions: Suggestions, similar: list[SimilarCase], labels: dict[str, str] | None = None, *,
          frequency: Counter | None = None) -> Suggestions:
    """The cue-based suggestions with what similar past cases cited blended in, best first, each with why.

    ``labels`` maps a family (``s40``) to a title for exemptions that only past cases suggest.
    ``frequency`` (from :func:`prior`) adds a little for the exemptions the register cites most.
    """
    found: dict[str, list] = {}  # family -> [score, why, key]
    for s in suggestions.exemptions:
        found.setdefault(family(s.key), [s.score, s.why, s.key])
    notes = list(suggestions.notes)
    for case in similar:
        weight = 1.0 if case.near_identical else CASE_WEIGHT
        label = "near-identical request" if case.near_identical else "similar request"
        for citation in case.exemptions:
            fam, key = family(citation), canonical(citation)
            score = case.score * weight
            why = f"cited in {case.reference} ({label}, {case.score:.0f}%)"
            if fam not in found:
                found[fam] = [score, why, key]
                continue
            entry = found[fam]
            if why in entry[1]:
                continue
            entry[0] = min(100.0, max(entry[0], score) + AGREEMENT_BONUS)
            entry[1] = f"{entry[1]}; {why}" if entry[1] else why
        if case.near_identical and not case.exemptions and case.outcome in ("granted", "not_held"):
            notes.append(f"{case.reference} (near-identical request) was answered "
                         f"{'in full' if case.outcome == 'granted' else 'as not held'} with no exemption")
    if frequency:
        total, top = sum(frequency.values()), max(frequency.values())
        for fam, count in frequency.most_common():
            why = f"cited in {count} of the register's {total} exemption citations"
            entry = found.setdefault(fam, [0.0, "", fam])
            entry[0] = min(100.0, entry[0] + PRIOR_WEIGHT * count / top)
            entry[1] = f"{entry[1]}; {why}" if entry[1] else why
    titles = {family(s.key): s.label for s in suggestions.exemptions} | (labels or {})
    ranked = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))
    exemptions = [Suggestion(key, titles.get(fam, key), round(score, 1), why)
                  for fam, (score, why, key) in ranked]
    return replace(suggestions, exemptions=exemptions, notes=list(dict.fromkeys(notes)),
                   similar_cases=[c.to_json() for c in similar] or suggestions.similar_cases)


def suggest_with_register(store: Store, suggest: Callable[[str], Suggestions], text: str, *,
                          exclude: str | None = None, requester: str = "", email: str = "",
                          labels: dict[str, str] | None = None, use_prior: bool = True) -> Suggestions:
    """``suggest(text)`` (the matcher) blended with the register's similar past cases and its prior."""
    similar = find_similar(store, text, requester=requester, email=email, exclude=exclude)
    return blend(suggest(text), similar, labels, frequency=prior(store, exclude=exclude) if use_prior else None)
