"""A reply quoted back to the officer, cut short at a word, never inside one."""

from __future__ import annotations


def clip(text: str, limit: int) -> str:
    """``text`` (stripped) as it is when it has at most ``limit`` characters; else its words up to the last that
    ends within ``limit``, then "…" ("withholding because the consultation on the closure has not …"). One word
    longer than ``limit`` is cut where it must be, with "…"."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    cut = head.rfind(" ")
    kept = head[:cut] if cut > 0 else text[:limit]
    return kept.rstrip(" ,;:-–—") + " …"
