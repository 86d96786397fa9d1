"""Exemption suggestions learned from past cases, blended with the intent cues of the matcher."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace

from foibot.similar import SimilarCase
from foibot.store import Store
from foibot.suggestions import Suggestion, Suggestions

CASE_WEIGHT = 0.9
PRIOR_WEIGHT = 45.0


def family(citation: str) -> str:
    """The exemption family a citation belongs to: ``s40(2)`` -> ``s40``, ``EIR reg 12(5)(b)`` -> ``r12(5)(b)``."""
    text = citation.strip().lower()
    reg = re.search(r"(?:reg(?:ulation)?\.?\s*|^r)(\d+)((?:\([0-9a-z]+\)){0,2})", text)
    if reg and ("reg" in text or text.startswith("r")):
        number, paras = reg.groups()
        return f"r{number}{paras if number == '12' else ''}"
    sec = re.search(r"(?:section|s\.?)\s*(\d+[a-z]?)", text)
    return f"s{sec.group(1)}" if sec else text


def prior(store: Store, *, exclude: str | None = None) -> Counter:
    """How many past cases cited each exemption family (a case counts once per family)."""
    with store.lock:
        rows = store.db.execute("select ref, exemptions from cases where exemptions != '[]'").fetchall()
    return Counter(family(e) for ref, cited in rows if ref != exclude for e in set(json.loads(cited)))


def blend(suggestions: Suggestions, similar: list[SimilarCase], labels: dict[str, str] | None = None,
          frequency: Counter | None = None) -> Suggestions:
    """Add what similar past cases cited, and how often each exemption is cited at all, to the cue-based
    exemption suggestions, saying why for each."""
    scores: dict[str, tuple[float, str, str]] = {}
    for s in suggestions.exemptions:
        scores[family(s.key)] = (s.score, s.why, s.key)
    for case in similar:
        for citation in case.exemptions:
            key = family(citation)
            learned = case.score * CASE_WEIGHT
            why = f"cited in {case.reference} ({case.score:.0f}% similar request)"
            if key in scores:
                old_score, old_why, old_key = scores[key]
                if why.split(" (")[0] in old_why:
                    continue
                scores[key] = (min(100.0, max(old_score, learned) + 10), f"{old_why}; {why}", old_key)
            else:
                scores[key] = (learned, why, key)
    if frequency:
        total, top = sum(frequency.values()), max(frequency.values())
        for key, count in frequency.most_common():
            weight = PRIOR_WEIGHT * count / top
            why = f"cited in {count} of the register's {total} citations"
            score, old_why, old_key = scores.get(key, (0.0, "", key))
            scores[key] = (score + weight, f"{old_why}; {why}" if old_why else why, old_key)
    ranked = sorted(scores.values(), key=lambda v: -v[0])
    names = labels or {}
    exemptions = [Suggestion(key, names.get(family(key), key), round(score, 1), why) for score, why, key in ranked]
    return replace(suggestions, exemptions=exemptions,
                   similar_cases=[c.to_json() for c in similar] or suggestions.similar_cases)
