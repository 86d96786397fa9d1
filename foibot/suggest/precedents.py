"""Precedents: the answered requests most like a new one, and what they cited.

A TF-IDF index (stemmed content words and adjacent pairs, sublinear term frequency, cosine similarity)
over the requests in ``intents/answered.jsonl``. ``vote`` finds the ``NEIGHBOURS`` nearest and gives
each family the share of their similarity that belongs to requests citing it, so a family cited by
most of the closest precedents gets a share near 1. Built in well under a second at start-up.

With the meaning model (``meaning.py``), similarity is a blend: ``MEANING_SHARE`` of it is how close the
requests' meanings are (above ``MEANING_FLOOR``, the closeness of unrelated requests), the rest the words
they share, so "where are your number plate cameras" finds precedents about ANPR camera locations.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from foibot.suggest.meaning import MeaningModel
from foibot.text import tokens

NEIGHBOURS = 10
MEANING_SHARE = 0.3
MEANING_FLOOR = 0.3
"""Chosen by cross-validation on the answered requests (0.2-0.5 and 0-0.4 tried)."""


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
    meaning: MeaningModel | None = None
    vectors: np.ndarray | None = None
    """The requests' meaning vectors, one row each, when the meaning model loaded."""

    def nearest(self, text: str, k: int = NEIGHBOURS) -> list[tuple[int, float]]:
        """The ``k`` most similar answered requests as (index, cosine similarity), best first."""
        query = {t: (1 + math.log(n)) * self.idf[t] for t, n in _terms(text).items() if t in self.idf}
        norm = math.sqrt(sum(w * w for w in query.values()))
        sims: dict[int, float] = {}
        for term, weight in query.items():
            for doc, w in self.postings[term]:
                sims[doc] = sims.get(doc, 0.0) + weight * w / norm
        closeness = self._closeness(text)
        if closeness is not None:
            close = np.maximum(closeness - MEANING_FLOOR, 0) / (1 - MEANING_FLOOR)
            sims = {i: (1 - MEANING_SHARE) * sims.get(i, 0.0) + MEANING_SHARE * float(c)
                    for i, c in enumerate(close) if c > 0 or i in sims}
        return sorted(sims.items(), key=lambda i: (-i[1], i[0]))[:k]

    def familiar(self, text: str) -> bool:
        """Whether some answered request is closer in meaning to ``text`` than ``MEANING_FLOOR`` (false for
        nonsense or a greeting, and without the meaning model): only then is the meaning classifier asked."""
        closeness = self._closeness(text)
        return closeness is not None and float(closeness.max()) >= MEANING_FLOOR

    def _closeness(self, text: str) -> np.ndarray | None:
        """The cosine of ``text``'s meaning with each answered request's; None without the meaning model."""
        if self.meaning is None or self.vectors is None or not len(self.vectors):
            return None
        return self.vectors @ self.meaning.vector(text)

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


def index(refs: Sequence[str], texts: Sequence[str], cited: Sequence[frozenset[str]], *,
          meaning: MeaningModel | None = None, vectors: np.ndarray | None = None) -> Precedents:
    """Index answered requests and the families each cited (with their meaning ``vectors``, when given)."""
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
    return Precedents(list(refs), list(cited), idf, postings, meaning if vectors is not None else None, vectors)
