"""A classifier of request meaning: the chance each family is cited, learned from the answered requests.

One logistic regression per family over the requests' meaning vectors (``meaning.py``), trained together
by gradient descent at start-up (a fraction of a second for 835 requests). It generalises what the
precedents show: a request near no single answered one can still sit in the region of meaning where
requests citing s31 lie. It is learned only from ``MIN_REQUESTS`` answered requests or more, and only for
families cited by ``MIN_CITED`` of them: on fewer it overfits (measured on foibot's development sets).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_REQUESTS = 300
MIN_CITED = 3
SCALE = 4.0
"""Vectors are unit length; scaled up so that the weights need not grow large to separate families."""
L2 = 1e-3
STEPS = 300
RATE = 0.5


@dataclass(frozen=True)
class FamilyClassifier:
    """``chances(vector)`` -> family -> the chance an answered request with that meaning cited it."""

    families: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    trained_on: int

    def chances(self, vector: np.ndarray) -> dict[str, float]:
        z = (vector * SCALE) @ self.weights + self.bias
        return dict(zip(self.families, (1 / (1 + np.exp(-z))).tolist(), strict=True))


def train(vectors: np.ndarray, cited: Sequence[frozenset[str]]) -> FamilyClassifier | None:
    """The classifier for answered requests' ``vectors`` and the families each ``cited``; None when too few."""
    if len(cited) < MIN_REQUESTS or len(vectors) != len(cited):
        return None
    counts: dict[str, int] = {}
    for families in cited:
        for fam in families:
            counts[fam] = counts.get(fam, 0) + 1
    families = tuple(sorted(f for f, n in counts.items() if n >= MIN_CITED))
    x = vectors.astype(np.float32) * SCALE  # single precision: the same chances to 5 places, a third of the time
    y = np.array([[f in c for f in families] for c in cited], dtype=np.float32)
    w = np.zeros((x.shape[1], len(families)), dtype=np.float32)
    b = np.zeros(len(families), dtype=np.float32)
    for _ in range(STEPS):
        error = 1 / (1 + np.exp(-(x @ w + b))) - y
        w -= RATE * (x.T @ error / len(x) + L2 * w)
        b -= RATE * error.mean(axis=0)
    return FamilyClassifier(families, w, b, len(cited))
