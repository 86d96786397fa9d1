"""An in-memory word index of the register's requests, for the similar-case shortlist.

Every content word (as the rescoring reads it: stemmed, no stopwords), per case, in compressed columns
(numpy), built once per process and store (a few seconds at 100,000 cases). A query scores every case by the
summed rarity (idf) of the words it shares with the request, so a case sharing many moderately common
words (a request made again, reworded or with typos) is found even when no single word is rare; the
best ``limit`` then go to the exact rescoring. Cases added since the build are returned as candidates
until the next rebuild (at most every ``REBUILD_SECONDS`` while the register changes).
"""

from __future__ import annotations

import functools
import threading
import time
import weakref
from dataclasses import dataclass

import numpy as np

from foibot.register.store import Store
from foibot.text import STOPWORDS, normalise, stem

REBUILD_SECONDS = 60.0
MAX_PENDING = 2_000
"""More cases than this added since the build: rebuild now rather than pass them all on."""
COMMON = 0.2
LARGE = 10_000
"""In a register this large, words in more than ``COMMON`` of its cases are left out of the scoring (their
postings would cost more than they tell), unless the request has fewer than 5 other words."""


_stem = functools.lru_cache(maxsize=100_000)(stem)
"""``foibot.text.stem``, memoised: a register's vocabulary is small, its requests many."""


def content_words(text: str) -> list[str]:
    """The request's content words as ``foibot.text.tokens`` gives them (stemmed, no stopwords), faster."""
    return [_stem(w) for w in normalise(text or "").split() if w not in STOPWORDS and len(w) > 1]


@dataclass
class WordIndex:
    """Case rowids, and for each word the positions (into ``rowids``) of the cases holding it."""

    rowids: np.ndarray
    vocabulary: dict[str, int]
    starts: np.ndarray
    postings: np.ndarray
    weights: np.ndarray
    """Each case's summed idf over its words (for the length-normalised score)."""
    built_at: float
    marker: tuple[int, int]

    @classmethod
    def build(cls, store: Store, marker: tuple[int, int]) -> WordIndex:
        with store.lock:
            rows = store.db.execute("select rowid, request_text from cases where parent_ref is null "
                                    "order by rowid").fetchall()
        vocabulary: dict[str, int] = {}
        term_ids: list[int] = []
        doc_ids: list[int] = []
        get = vocabulary.setdefault
        for i, (_, text) in enumerate(rows):
            ids = {get(w, len(vocabulary)) for w in content_words(text)}
            term_ids.extend(ids)
            doc_ids.extend([i] * len(ids))
        terms = np.asarray(term_ids, dtype=np.int32)
        order = np.argsort(terms, kind="stable")
        counts = np.bincount(terms, minlength=len(vocabulary))
        starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        docs = np.asarray(doc_ids, dtype=np.int32)
        idf = np.log((len(rows) + 1) / (counts + 0.5))
        weights = np.bincount(docs, weights=idf[terms], minlength=len(rows)) if len(rows) else np.zeros(0)
        return cls(np.asarray([r[0] for r in rows], dtype=np.int64), vocabulary, starts, docs[order], weights,
                   time.monotonic(), marker)

    def top(self, text: str, limit: int) -> list[int]:
        """Rowids of the ``limit`` cases sharing the most (idf-weighted) words with ``text``, and of the ``limit``
        best relative to their length (both lists, best first, without repeats)."""
        n = len(self.rowids)
        ids = [self.vocabulary[w] for w in set(content_words(text)) if w in self.vocabulary]
        if not n or not ids:
            return []
        df = np.asarray([self.starts[i + 1] - self.starts[i] for i in ids])
        keep = df <= COMMON * n
        if n < LARGE or keep.sum() < 5:  # a small register, or a request of common words only: use every word
            keep = np.ones(len(ids), dtype=bool)
        chosen = [i for i, k in zip(ids, keep, strict=True) if k]
        idf = np.log((n + 1) / (df[keep] + 0.5))
        postings = np.concatenate([self.postings[self.starts[i]:self.starts[i + 1]] for i in chosen])
        weights = np.repeat(idf, df[keep])
        shared = np.bincount(postings, weights=weights, minlength=n)
        mine = float(np.log((n + 1) / (df + 0.5)).sum())
        dice = shared / (mine + self.weights)  # like the rescoring, a case much longer than the request is less alike
        out: list[int] = []
        for scores in (dice, shared):
            k = min(limit, n)
            best = np.argpartition(-scores, k - 1)[:k]
            best = best[scores[best] > 0]
            out.extend(int(r) for r in self.rowids[best[np.argsort(-scores[best], kind="stable")]])
        return list(dict.fromkeys(out))

_indexes: weakref.WeakKeyDictionary[Store, WordIndex] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _marker(store: Store) -> tuple[int, int]:
    with store.lock:
        a = store.db.execute("select coalesce(max(rowid), 0) from cases").fetchone()[0]
        b = store.db.execute("select coalesce(max(rowid), 0) from case_events").fetchone()[0]
    return int(a), int(b)


def candidates(store: Store, text: str, limit: int) -> list[int]:
    """Rowids of the cases most likely to be like ``text``: the index's best, and any case added since it was built."""
    marker = _marker(store)
    with _lock:
        index = _indexes.get(store)
        stale = index is not None and index.marker != marker
        if index is None or (stale and (time.monotonic() - index.built_at >= REBUILD_SECONDS
                                        or marker[0] - index.marker[0] > MAX_PENDING)):
            index = _indexes[store] = WordIndex.build(store, marker)
    found = index.top(text, limit)
    if marker[0] > index.marker[0]:  # cases added since the build
        with store.lock:
            found += [r for (r,) in store.db.execute("select rowid from cases where rowid > ? and parent_ref is null",
                                                     [index.marker[0]])]
    return found
