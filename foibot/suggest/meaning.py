"""Meaning: request texts as vectors, so that requests worded differently but about the same thing are close.

The model is wordllama's static word-embedding model (256 dimensions, about 16 MB), whose weights and
tokenizer ship inside the ``wordllama`` wheel: it is loaded from the installed package with downloads
disabled, never fetched. ``load_meaning()`` gives None when the model cannot load (or when
``FOIBOT_MEANING=off``); the suggester then uses words alone, and says so once in the log.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DIMENSIONS = 256
CACHE_SIZE = 5000
"""Texts whose vectors are kept (the answered requests are embedded once per process, not once per use)."""


class MeaningModel:
    """``vectors(texts)`` -> one unit-length row per text; ``vector(text)`` for one."""

    def __init__(self, embed: Callable[[list[str]], object]) -> None:
        self._embed = embed
        self._cache: dict[str, np.ndarray] = {}

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors of ``texts``, one row each (a 0 x ``DIMENSIONS`` array for none)."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        fresh: dict[str, np.ndarray] = {}
        if missing:
            raw = np.asarray(self._embed(missing), dtype=np.float32)
            norms = np.linalg.norm(raw, axis=1, keepdims=True)
            fresh = dict(zip(missing, raw / np.where(norms > 0, norms, 1.0), strict=True))
        rows = [fresh[t] if t in fresh else self._cache[t] for t in texts]
        if len(self._cache) + len(fresh) > CACHE_SIZE:
            self._cache.clear()
        self._cache.update(fresh)
        return np.stack(rows) if rows else np.zeros((0, DIMENSIONS), dtype=np.float32)

    def vector(self, text: str) -> np.ndarray:
        return self.vectors([text])[0]


@functools.cache
def load_meaning() -> MeaningModel | None:
    """The meaning model from the installed ``wordllama`` package, once per process; None if it cannot load."""
    if os.environ.get("FOIBOT_MEANING", "").strip().lower() in ("off", "0", "no", "false"):
        return None
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
        from wordllama import WordLlama

        package = Path(wordllama.__file__).parent  # its loader finds weights/ and tokenizers/ under this folder
        model = WordLlama.load(cache_dir=package, disable_download=True)
    except Exception as exc:  # noqa: BLE001 - any failure to load leaves suggestions working on words alone
        log.warning("foibot: the meaning model (wordllama) could not load (%s); suggestions use words alone", exc)
        return None
    finally:  # wordllama calls logging.basicConfig(level=INFO) when imported: the surfaces decide what is logged
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
        root.setLevel(level)
    return MeaningModel(model.embed)
