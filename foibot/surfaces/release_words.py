"""The release check's chat wording, ``snippets/release.yaml`` (beside ``replies.yaml``), loaded once per edit."""

from __future__ import annotations

import functools
from pathlib import Path

from foibot.knowledge import profile_files
from foibot.knowledge.replies import Replies

SHIPPED = profile_files.SHIPPED / "snippets" / "release.yaml"


@functools.lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int) -> Replies:
    return Replies(path, required=(), fallback=SHIPPED)


def release_words(replies: Replies) -> Replies:
    """The wording in ``release.yaml`` in the same folder as ``replies`` (validated: DataError names file and line)."""
    path = Path(replies.path).with_name("release.yaml")
    return _load(path, path.stat().st_mtime_ns if path.exists() else 0)
