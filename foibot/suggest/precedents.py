"""Precedents: the answered requests most like a new one, and what they cited.

A TF-IDF index (stemmed content words and adjacent pairs, sublinear term frequency, cosine similarity)
over the requests in ``intents/answered.jsonl``. ``vote`` finds the ``NEIGHBOURS`` nearest and gives
each family the share of their similarity that belongs to requests citing it, so a family cited by
most of the closest precedents gets a share near 1. Built in well under a second at start-up.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from foibot.text import tokens

NEIGHBOURS = 10


def _terms(text: str) -> Counter:
    words = tokens(text)
    return Counter(words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)])


@dataclass(frozen=True)
class Vote:
    """One family's share of the nearest precedents' similarity, and the precedents that cited it."""

    family: str
    share: float
    refs: tuple[str, ...]


@dataclass
class Precedents:
    """An inverted index of answered requests; empty when there is nothing to learn from."""

    refs: list[str] = field(default_factory=list)
    families: list[frozenset[str]] = field(default_factory=list)
    idf: dict[str, float] = field(default_factory=dict)
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)

    def nearest(self, text: str, k: int = NEIGHBOURS) -> list[tuple[int, float]]:
        """The ``k`` most similar answered requests as (index, cosine similarity), best first."""
        query = {t: (1 + math.log(n)) * self.idf[t] for t, n in _terms(text).items() if t in self.idf}
        norm = math.sqrt(sum(w * w for w in query.values()))
        if not norm:
            return []
        sims: dict[int, float] = {}
        for term, weight in query.items():
            for doc, w in self.postings[term]:
                sims[doc] = sims.get(doc, 0.0) + weight * w / norm
        return sorted(sims.items(), key=lambda i: (-i[1], i[0]))[:k]

    def vote(self, text: str, k: int = NEIGHBOURS) -> list[Vote]:
        """Each family cited among the nearest precedents, with its share of their similarity."""
        near = [(i, s) for i, s in self.nearest(text, k) if s > 0]
        total = sum(s for _, s in near)
        if not total:
            return []
        share: Counter = Counter()
        cited_by: dict[str, list[str]] = {}
        for i, s in near:
            for fam in self.families[i]:
                share[fam] += s / total
                cited_by.setdefault(fam, []).append(self.refs[i])
        return [Vote(fam, share[fam], tuple(cited_by[fam])) for fam in sorted(share, key=lambda f: (-share[f], f))]


def index(refs: Sequence[str], texts: Sequence[str], cited: Sequence[frozenset[str]]) -> Precedents:
    """Index answered requests and the families each cited."""
    docs = [_terms(t) for t in texts]
    df = Counter(t for d in docs for t in d)
    n = len(docs)
    idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, d in enumerate(docs):
        weights = {t: (1 + math.log(c)) * idf[t] for t, c in d.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for t, w in weights.items():
            postings.setdefault(t, []).append((i, w / norm))
    return Precedents(list(refs), list(cited), idf, postings)
