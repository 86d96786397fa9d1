"""Similar past requests: a shortlist from an in-memory word index, rescored exactly with rapidfuzz.

The shortlist is the cases sharing the most idf-weighted words with the request, and those sharing most
relative to their length (``similar_index``), plus the requester's own earlier requests; each candidate
is then scored with the same measure a full scan would use ((token_set_ratio + token_sort_ratio) / 2 of
the content words). Each result says why it matched, and flags near-identical text (a round-robin request
sent to many authorities) and a repeat request from the same requester (FOIA s14(2)).
"""

from __future__ import annotations

import json
import time
import weakref
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from foibot.register.store import Store
from foibot.suggest.similar_index import candidates, content_words
from foibot.text import STOPWORDS, normalise, stem, tokens

SHORTLIST = 100
"""Candidates from the word index: this many by shared words, and this many relative to length."""
DISTINCTIVE = 20
DF_TTL = 300.0
MIN_SCORE = 50.0
NEAR_IDENTICAL_SET = 90.0
NEAR_IDENTICAL_SORT = 85.0
REPEAT_SCORE = 70.0
CONTENT_CACHE = 20_000
_content_cache: dict[str, str] = {}

_df_cache: weakref.WeakKeyDictionary[Store, tuple[float, dict[str, int]]] = weakref.WeakKeyDictionary()
_COLUMNS = "c.ref, c.received, c.outcome, c.exemptions, c.request_text, c.requester_name, c.requester_email"


@dataclass(frozen=True)
class SimilarCase:
    """A past case like the request, with the evidence."""

    reference: str
    date: str
    outcome: str
    exemptions: list[str]
    score: float
    why: str
    shared: list[str] = field(default_factory=list)
    near_identical: bool = False
    same_requester: bool = False
    repeat_request: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def term_groups(store: Store, text: str) -> list[tuple[int, list[str]]]:
    """The request's content words that occur in the register, rarest first, as (cases containing it, forms).

    A plural and its singular are one group (``crimes``, ``crime``). Counts come from the FTS5
    vocabulary and are cached for a few minutes (a rough count is all the ranking needs).
    """
    words = [w for w in normalise(text).replace("'", " ").split()
             if len(w) > 2 and w not in STOPWORDS and not w.isdigit()]
    forms: dict[str, set[str]] = {}
    for w in words:
        forms.setdefault(stem(w), set()).update({w, stem(w)})
    counts = _document_counts(store, sorted({f for group in forms.values() for f in group}))
    groups = [(sum(counts.get(f, 0) for f in group), key, sorted(f for f in group if counts.get(f)))
              for key, group in forms.items()]
    return [(docs, found) for docs, _, found in sorted(groups) if docs]


def _document_counts(store: Store, terms: list[str]) -> dict[str, int]:
    now = time.monotonic()
    expires, cache = _df_cache.get(store, (0.0, {}))
    if now > expires:
        expires, cache = now + DF_TTL, {}
        _df_cache[store] = (expires, cache)
    missing = [t for t in terms if t not in cache]
    with store.lock:
        for i in range(0, len(missing), 500):  # stay under SQLite's variable limit for a long request
            chunk = missing[i:i + 500]
            cache.update(store.db.execute(
                f"select term, doc from cases_fts_vocab where term in ({','.join('?' * len(chunk))})", chunk))
    return {t: cache[t] for t in terms if t in cache}  # only words found are cached: a new word shows at once


def find_similar(store: Store, text: str, *, limit: int = 3, requester: str = "", email: str = "",
                 exclude: str | None = None) -> list[SimilarCase]:
    """Up to ``limit`` past cases like this request, best first, each with why it matched.

    The shortlist is the word index's candidates (see the module) and the requester's own earlier
    requests; every candidate is then scored with the same measure as a full scan would use.
    ``requester`` and ``email`` identify who is
    asking: a repeat request from the same person (same email, or the same name) is listed first.
    ``exclude`` leaves one reference out (the case itself, for leave-one-out evaluation).
    """
    groups = term_groups(store, text)
    rows: dict[str, tuple] = {}
    ids = candidates(store, text, SHORTLIST)
    with store.lock:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in store.db.execute(f"select {_COLUMNS} from cases c where c.rowid in ({marks}) "
                                        "and c.parent_ref is null", chunk):
                rows.setdefault(row[0], row)
        email = email.strip().lower()
        if email:  # the requester's own earlier requests, whatever words they used
            for row in store.db.execute(
                    f"select {_COLUMNS} from cases c where c.requester_email = ? and c.parent_ref is null "
                    f"order by c.received desc limit 20", [email]):
                rows.setdefault(row[0], row)
    rows.pop(exclude or "", None)
    mine = " ".join(tokens(text))
    name = " ".join(normalise(requester).split())
    distinctive = [t for _, forms in groups[:DISTINCTIVE] for t in forms]
    scored = []
    found = list(rows.values())
    theirs = [_content(row[4] or "") for row in found]
    sets = process.cdist([mine], theirs, scorer=fuzz.token_set_ratio)[0] if found else []
    sorts = process.cdist([mine], theirs, scorer=fuzz.token_sort_ratio)[0] if found else []
    for row, by_set, by_sort in zip(found, map(float, sets), map(float, sorts), strict=True):
        same = bool((email and row[6] and email == row[6].strip().lower())
                    or (len(name) > 3 and name == " ".join(normalise(row[5] or "").split())))
        scored.append((round((by_set + by_sort) / 2, 1), by_set, by_sort, same, row))
    scored.sort(key=lambda s: (not s[3], -s[0], s[4][0]))
    results = []
    for score, by_set, by_sort, same, row in scored:
        if len(results) >= limit:
            break
        ref, received, outcome, exemptions, other = row[:5]
        if score < MIN_SCORE and not (same and score >= MIN_SCORE / 2):
            continue
        near = by_set >= NEAR_IDENTICAL_SET and by_sort >= NEAR_IDENTICAL_SORT
        repeat = same and (near or score >= REPEAT_SCORE)
        their_words = set(normalise(other or "").split())
        shared = [t for t in distinctive if t in their_words][:5]
        why = f"{score:.0f}% similar" + (f"; shared distinctive words: {', '.join(shared)}" if shared else "")
        if near:
            why += "; near-identical text (a round-robin request sent to many authorities?)"
        if repeat:
            why += (f"; a repeat request from the same requester (received {received or 'date unknown'}): "
                    "consider s14(2) if no reasonable interval has passed")
        elif same:
            why += "; from the same requester"
        results.append(SimilarCase(ref, received or "", outcome or "", json.loads(exemptions or "[]"), score, why,
                                   shared, near, same, repeat))
    results.sort(key=lambda r: (not r.repeat_request, -r.score, r.reference))
    return results


def _content(text: str) -> str:
    """``tokens`` of a past request joined, memoised (the same past cases come up again and again)."""
    found = _content_cache.get(text)
    if found is None:
        if len(_content_cache) >= CONTENT_CACHE:
            _content_cache.clear()
        found = _content_cache[text] = " ".join(content_words(text))
    return found
