"""Similar past requests: an FTS5 shortlist on the rarest words, re-ranked with rapidfuzz.

The shortlist keeps the cost near constant as the register grows (100,000 cases and more): only the
request's most distinctive words are searched, and only the best 50 hits are compared in full.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz

from foibot.store import Store
from foibot.text import normalise, tokens

SHORTLIST = 50
MAX_TERMS = 8
NEAR_IDENTICAL = 90.0
MIN_SCORE = 35.0


@dataclass(frozen=True)
class SimilarCase:
    reference: str
    date: str
    outcome: str
    exemptions: list[str]
    score: float
    why: str
    near_identical: bool = False
    same_requester: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _terms(store: Store, words: list[str]) -> list[str]:
    """The request's rarest words that the register knows, rarest first."""
    unique = sorted(set(w for w in words if len(w) > 2 and w.isalnum()))
    if not unique:
        return []
    with store.lock:
        marks = ",".join("?" * len(unique))
        counts = dict(store.db.execute(f"select term, doc from cases_fts_vocab where term in ({marks})",
                                       unique).fetchall())
    known = sorted((w for w in unique if w in counts), key=lambda w: counts[w])
    return known[:MAX_TERMS]


def find_similar(store: Store, text: str, *, limit: int = 3, requester: str = "", email: str = "",
                 exclude: str | None = None) -> list[SimilarCase]:
    """Up to ``limit`` past cases like this request, with why each matched."""
    words = normalise(text).split()
    terms = _terms(store, words)
    if not terms:
        return []
    query = " OR ".join(f'"{t}"' for t in terms)
    with store.lock:
        rows = store.db.execute(
            "select c.ref, c.received, c.outcome, c.exemptions, c.request_text, c.requester_name, "
            "c.requester_email from cases_fts join cases c on c.rowid = cases_fts.rowid "
            "where cases_fts match ? order by bm25(cases_fts) limit ?", [query, SHORTLIST + 1]).fetchall()
    mine = set(tokens(text))
    flat = " ".join(words)
    results = []
    for ref, received, outcome, exemptions, other, name, other_email in rows:
        if ref == exclude:
            continue
        theirs = normalise(other)
        score = fuzz.token_set_ratio(flat, theirs) * 0.5 + fuzz.token_sort_ratio(flat, theirs) * 0.5
        if score < MIN_SCORE:
            continue
        shared = [t for t in terms if t in theirs.split()] or sorted(mine & set(tokens(other)))[:5]
        near = fuzz.token_sort_ratio(flat, theirs) >= NEAR_IDENTICAL
        same = bool((requester and name and requester.strip().lower() == name.strip().lower())
                    or (email and other_email and email.strip().lower() == other_email.strip().lower()))
        why = f"{score:.0f}% similar; shared words: {', '.join(shared[:5])}"
        if near:
            why += "; near-identical text (a round-robin request sent to many authorities?)"
        if same:
            why += "; the same requester asked before (consider s14(2) repeated requests)"
        results.append(SimilarCase(ref, received or "", outcome or "", json.loads(exemptions or "[]"), round(score, 1),
                                   why, near, same))
    results.sort(key=lambda r: (-(r.same_requester and r.near_identical), -r.score))
    return results[:limit]
