"""A long reply that answers several questions at once ("received on the 3rd, we hold it, s43(2) applies"): at a
date question, the one clause that names a day is the answer; the rest is the officer's to give when asked."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from foibot.errors import InputError

T = TypeVar("T")

_CLAUSE = re.compile(r"\s*(?:[,;]|\.\s|\s[-–—]\s)\s*")


def the_one_clause(text: str, read: Callable[[str], T]) -> T | None:
    """What ``read`` makes of the one clause of ``text`` it can read, when there are two or more clauses and
    exactly one of them reads; else None (the reply is asked back as a whole)."""
    clauses = [c for c in _CLAUSE.split(text.strip()) if c.strip()]
    if len(clauses) < 2:
        return None
    found = []
    for clause in clauses:
        try:
            found.append(read(clause))
        except InputError:
            continue
    return found[0] if len(found) == 1 else None
