"""Slips of the finger: a word foibot does not know that is one slip from exactly one word it does. A letter left
out, added, changed or two swapped ("prtial", "likley") in a word of five letters or more; in a shorter word two
letters swapped ("yse") or one letter hit on the key beside it ("tes" for yes, "nit" for not), the slips phones
and keyboards make."""

from __future__ import annotations

from rapidfuzz.distance import OSA

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _beside(a: str, b: str) -> bool:
    """Whether two letters are keys beside each other on a QWERTY keyboard (same row, or the row next to it)."""
    where = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    if a not in where or b not in where:
        return False
    (ra, ia), (rb, ib) = where[a], where[b]
    return (ra == rb and abs(ia - ib) == 1) or (abs(ra - rb) == 1 and ib - ia in ((0, 1) if rb < ra else (-1, 0)))


def _key_slip(word: str, known: str) -> bool:
    """One letter of ``word`` hit on a key beside the one ``known`` has there ("tes", "nit")."""
    if len(word) != len(known):
        return False
    differ = [(a, b) for a, b in zip(word, known, strict=True) if a != b]
    return len(differ) == 1 and _beside(*differ[0])


def one_slip(word: str, known: frozenset[str]) -> str | None:
    """The one known word ``word`` is a slip of (see the module docstring), or None; of several, the one with the
    same first letter; words under three letters are never respelled ("bo" could be "no" or "so")."""
    if word in known or len(word) < 3:
        return None
    close = [k for k in known if abs(len(k) - len(word)) <= 1 and OSA.distance(word, k) == 1
             and (len(word) >= 5 or sorted(k) == sorted(word) or _key_slip(word, k))]
    if len(close) > 1:  # "nit": "not" or "bit"; a first letter is the one least often slipped
        close = [k for k in close if k[0] == word[0]]
    return close[0] if len(close) == 1 else None
