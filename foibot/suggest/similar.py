"""Similar past requests: an FTS5 shortlist on the request's rarest words, re-ranked with rapidfuzz.

Only the request's most distinctive words are searched (OR, bm25, best ``SHORTLIST`` hits, within a
budget of matching cases), plus an AND of its rarest words (every copy of a round-robin request), and
only that shortlist is compared in full, so the cost stays nearly flat as the register grows to 100,000
cases. Each result says why it matched, and flags near-identical text (a round-robin request sent to
many authorities) and a repeat request from the same requester (FOIA s14(2)).
"""

from __future__ import annotations

import json
import time
import weakref
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz

from foibot.register.store import Store
from foibot.text import STOPWORDS, normalise, stem, tokens

SHORTLIST = 100
AND_SHORTLIST = 20
MAX_TERMS = 12
AND_GROUPS = 10
POSTINGS_BUDGET = 15_000
MIN_POSTINGS = 200
"""Words beyond the rarest ``MAX_TERMS`` are added until the words match this many cases (rare words may
match only the request itself)."""
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


def query_terms(store: Store, text: str, limit: int = MAX_TERMS, budget: int = POSTINGS_BUDGET) -> list[str]:
    """The rarest words of the request to search for: at least ``limit`` groups (more while they match
    fewer than MIN_POSTINGS cases), and (after the first two)
    no more than ``budget`` matching cases in all, which keeps the OR query fast in a large register."""
    return _budgeted(term_groups(store, text), limit, budget)


def _budgeted(groups: list[tuple[int, list[str]]], limit: int = MAX_TERMS, budget: int = POSTINGS_BUDGET) -> list[str]:
    terms: list[str] = []
    total = 0
    for i, (docs, found) in enumerate(groups):
        if (i >= 2 and total + docs > budget) or (i >= limit and total >= MIN_POSTINGS):
            break
        terms.extend(found)
        total += docs
    return terms


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


def _match(groups: list[list[str]], op: str) -> str:
    return f" {op} ".join("(" + " OR ".join(f'"{t}"' for t in forms) + ")" for forms in groups)


def _searches(store: Store, text: str, groups: list[tuple[int, list[str]]]) -> list[tuple[str, int]]:
    """FTS5 queries for the shortlist: the rarest words joined by OR (bm25), and by AND."""
    terms = _budgeted(groups, MAX_TERMS, POSTINGS_BUDGET)
    searches = []
    if terms:
        searches.append((" OR ".join(f'"{t}"' for t in terms), SHORTLIST))
    if len(groups) >= 3:
        searches.append((_match([f for _, f in groups[:AND_GROUPS]], "AND"), AND_SHORTLIST))
        if len(groups) > 4:
            searches.append((_match([f for _, f in groups[:4]], "AND"), AND_SHORTLIST))
    return searches


def find_similar(store: Store, text: str, *, limit: int = 3, requester: str = "", email: str = "",
                 exclude: str | None = None) -> list[SimilarCase]:
    """Up to ``limit`` past cases like this request, best first, each with why it matched.

    The shortlist is the union of: the best bm25 hits for the rarest words joined by OR; the cases
    holding all of the request's rarest words (AND: finds copies of a round-robin request however
    many there are); and the requester's own earlier requests. Every candidate is then scored
    with the same measure as a full scan would use. ``requester`` and ``email`` identify who is
    asking: a repeat request from the same person (same email, or the same name) is listed first.
    ``exclude`` leaves one reference out (the case itself, for leave-one-out evaluation).
    """
    groups = term_groups(store, text)
    rows: dict[str, tuple] = {}
    with store.lock:
        for query, size in _searches(store, text, groups):
            for row in store.db.execute(
                    f"select {_COLUMNS} from (select rowid, rank from cases_fts where cases_fts match ? "
                    f"order by rank limit ?) hits join cases c on c.rowid = hits.rowid "
                    f"where c.parent_ref is null order by hits.rank", [query, size]):
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
    distinctive = [t for _, forms in groups[:AND_GROUPS * 2] for t in forms]
    scored = []
    for row in rows.values():
        theirs = _content(row[4] or "")
        by_set, by_sort = fuzz.token_set_ratio(mine, theirs), fuzz.token_sort_ratio(mine, theirs)
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
        found = _content_cache[text] = " ".join(tokens(text))
    return found
