"""Requests in parts: split a pasted request into its numbered or bulleted questions.

``split_parts`` is pure. Each item marker at the start of a line (``1.``, ``1)``, ``(1)``, ``a)``,
``(a)``, ``Q1``, ``Question 1:``, ``-``, ``*``, ``•``) starts a part; following lines that are not
markers continue it. Text before the first marker (``Please provide:``) is the preamble and is not a
part; a blank line followed by unmarked text after the last part (``Thank you``) ends the list.
A request with fewer than two marked items is one part: the whole request.
"""

from __future__ import annotations

import re

_MARKER = re.compile(
    r"^\s*(?:"
    r"(?:q(?:uestion)?\s*\.?\s*)?\d{1,2}\s*[.):]|"       # 1.  1)  Q1.  Question 2:
    r"q(?:uestion)?\s*\d{1,2}\b\s*[-–:]?|"             # Q1  Question 3 -
    r"\(\s*(?:\d{1,2}|[a-z]|[ivx]{1,4})\s*\)|"          # (1)  (a)  (iv)
    r"[a-z]\s*[.)](?=\s)|"                              # a)  b.
    r"[-*•·▪◦]"                                         # bullets
    r")\s+", re.I)


def split_parts(text: str) -> list[str]:
    """The request's parts in order, each on one line with its marker removed; ``[text]`` if it has no parts."""
    whole = " ".join(str(text).split())
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parts: list[list[str]] = []
    blank_since_marker = False
    for line in lines:
        marker = _MARKER.match(line)
        if marker and line[marker.end():].strip():
            parts.append([line[marker.end():].strip()])
            blank_since_marker = False
        elif not line.strip():
            blank_since_marker = bool(parts)
        elif parts and not blank_since_marker:
            parts[-1].append(line.strip())
        elif parts:  # unmarked text after a blank line: the list has ended
            break
    joined = [" ".join(" ".join(p).split()) for p in parts]
    joined = [p for p in joined if p]
    if len(joined) < 2:
        return [whole] if whole else []
    return joined
