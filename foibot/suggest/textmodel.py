"""A linear text model of which exemption families past requests like this one cited.

One logistic regression per family (one-vs-rest) on TF-IDF word uni- and bigrams, balanced classes and
strong regularisation, trained on answered requests in well under a second. Its output is evidence, not a
ranking: :meth:`TextModel.evidence` gives each family's log-odds shift from the no-evidence level, and the
words that pushed it up, so the suggester can add it to the authority type's prior and say why.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MIN_POSITIVES = 3
"""A family needs this many training requests citing it to get its own model."""
C = 0.3
"""Inverse regularisation strength: small, since there are about a hundred training requests."""


@dataclass(frozen=True)
class Evidence:
    """How far the words move one family from its prior (log-odds), and the words that moved it most."""

    shift: float
    words: tuple[str, ...]


class TextModel:
    """Trained one-vs-rest models; ``evidence(text)`` is thread-safe (read-only after training)."""

    def __init__(self, texts: Sequence[str], labels: Sequence[frozenset[str]]):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, stop_words="english",
                                          token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b", max_features=20000)
        x = self.vectoriser.fit_transform(texts)
        self.vocabulary = self.vectoriser.get_feature_names_out()
        counts: dict[str, int] = {}
        for fams in labels:
            for fam in fams:
                counts[fam] = counts.get(fam, 0) + 1
        self.families = sorted(f for f, n in counts.items() if MIN_POSITIVES <= n < len(labels))
        self.models = {}
        for fam in self.families:
            y = [fam in fams for fams in labels]
            model = LogisticRegression(C=C, class_weight="balanced", max_iter=200)
            model.fit(x, y)
            self.models[fam] = model
        self._neutral = {fam: float(m.intercept_[0]) for fam, m in self.models.items()}

    def evidence(self, text: str) -> dict[str, Evidence]:
        """Each modelled family's log-odds shift for ``text`` (0 for a text sharing no word with training)."""
        x = self.vectoriser.transform([text])
        cols, vals = x.indices, x.data
        out = {}
        for fam, model in self.models.items():
            coef = model.coef_[0]
            parts = [(float(coef[c] * v), self.vocabulary[c]) for c, v in zip(cols, vals, strict=True)]
            shift = sum(p for p, _ in parts)
            words = tuple(w for p, w in sorted(parts, reverse=True)[:3] if p > 0.02)
            out[fam] = Evidence(shift, words)
        return out


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))
