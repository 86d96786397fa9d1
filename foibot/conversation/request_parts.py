"""A request in parts, in the chat: the parts found, merging and splitting them, and each part's answers.

When the officer answers part by part (``answer_by_part: each``), ``answers["parts"]`` holds one entry per
part in the shape the letter reads (``{"text", "held", "disclosure", "disclosed", "attachments",
"not_held_detail", "exemptions"}``); the top-level ``exemptions`` is the union of the parts' exemptions, so
each exemption's own questions are asked once. Everything here is pure: it returns new values.
"""

from __future__ import annotations

import re
from typing import Any

from foibot.conversation.clipping import clip
from foibot.errors import InputError

BY_PART = "answer_by_part"
_PART_PATH = re.compile(r"^parts\.(\d+)\.(\w+)$")

# "parts", "merge 2 and 3", "merge parts 2-3", "split 2 after 'and'", "split part 2 at where"
_LIST = re.compile(r"^(?:show |list )?(?:the )?parts$")
_MERGE = re.compile(r"^(?:merge|join|combine)\s+(?:parts?\s+)?(\d+)\s*(?:and|&|\+|,|-|to|with)\s*(?:part\s+)?(\d+)$")
_SPLIT = re.compile(r"^split\s+(?:part\s+)?(\d+)\s+(?:after|at|before)\s+(?P<q>['\"‘’“”]?)(?P<at>.+?)(?P=q)?$")


def part_command(said: str) -> tuple[str, str] | None:
    """("parts" | "merge" | "split", argument) for a reply that works on the request's parts, else None."""
    if _LIST.match(said):
        return "parts", ""
    if _MERGE.match(said):
        return "merge", said
    if re.match(r"^split\s+(?:part\s+)?\d+\b", said):
        return "split", said
    return None


def merge(found: tuple[str, ...], said: str) -> tuple[str, ...]:
    """The parts with a run of neighbours joined ("merge 2 and 3"). Raises InputError for bad numbers."""
    match = _MERGE.match(said)
    if not match:
        raise InputError("To join parts, say for example 'merge 2 and 3'.")
    first, last = sorted((int(match.group(1)), int(match.group(2))))
    _check(found, first, last)
    if first == last:
        raise InputError("Name two different parts, for example 'merge 2 and 3'.")
    joined = re.sub(r"\s+([?.,;:!])", r"\1", " ".join(found[first - 1:last]))
    return (*found[:first - 1], joined, *found[last:])


def split(found: tuple[str, ...], said: str) -> tuple[str, ...]:
    """The parts with one cut in two after the given words ("split 2 after 'and'"; "before" cuts in front; "after
    the 2nd 'and'" names which of several). Each keeps the request's words as typed: the cut only marks where the
    second starts ("and what did they cost?"). Words found in several places are asked back, each place quoted,
    unless only one of them leaves two parts with words."""
    match = _SPLIT.match(said)
    if not match:
        raise InputError("To cut a part in two, say for example: split 2 after 'and'")
    number = int(match.group(1))
    _check(found, number, number, least=1)  # a request read as one part can be cut in two
    text, at = found[number - 1], match.group("at").strip()
    nth = _NTH.match(at)
    if nth and not _places(text, at):
        at = re.sub(r"^['\"‘’“”]|['\"‘’“”]$", "", at[nth.end():].strip())
    before = " before " in said
    cuts = [_cut(text, where, at, before) for where in _places(text, at)]
    if not cuts:
        raise InputError(f"Part {number} does not contain '{clip(at, 40)}'. It reads: {clip(text, 200)}")
    whole = [c for c in cuts if re.search(r"\w", text[:c]) and re.search(r"\w", text[c:])]
    if nth and not _places(text, match.group("at").strip()):
        place = _ORDINALS.get(nth.group(1).lower(), 0)
        if not place or abs(place) > len(cuts):
            raise InputError(f"Part {number} has '{clip(at, 40)}' in {len(cuts)} place{'s' if len(cuts) != 1 else ''}, "
                             f"not a {nth.group(1)}.")
        whole = [cuts[place - 1 if place > 0 else place]]
    if not whole:
        raise InputError(f"Cutting part {number} there leaves an empty part; choose words in its middle.")
    if len(whole) > 1:
        shown = "; ".join(f"({i}) '…{_around(text, c)}…'" for i, c in enumerate(whole, 1))
        how = "before" if before else "after"
        raise InputError(f"'{clip(at, 40)}' is in {len(whole)} places in part {number}, so I have not cut it. Where "
                         f"should it be cut (| marks each place)? {shown}. Say which, for example: split {number} "
                         f"{how} the 2nd '{clip(at, 40)}' (or give more of the words).")
    cut = whole[0]
    head, tail = text[:cut].strip(), text[cut:].strip()
    return (*found[:number - 1], head, tail, *found[number:])  # verbatim: the letter quotes each part as asked


_NTH = re.compile(r"^(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\s+", re.I)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
             "5th": 5, "last": -1}


def _places(text: str, at: str) -> list[int]:
    """Where the words stand in a part, as whole words ("and" is not in "land")."""
    lead = r"(?<!\w)" if at[:1].isalnum() else ""
    trail = r"(?!\w)" if at[-1:].isalnum() else ""
    return [m.start() for m in re.finditer(lead + re.escape(at) + trail, text, re.I)]


def _cut(text: str, where: int, at: str, before: bool) -> int:
    """Where a part is cut for words found at ``where``: in front of them, or after them with the stop or comma
    that ends the head, as typed."""
    cut = where if before else where + len(at)
    stop = re.match(r"[.!?:]+(?=\s|$)", text[cut:])  # "after 'found'" with its full stop: the stop ends the head
    cut += stop.end() if stop and not before else 0
    return cut + len(re.match(r"[\s,;]*", text[cut:]).group(0))  # the comma before the cut ends the head


def _around(text: str, cut: int) -> str:
    """A few words either side of a cut, with | where it falls."""
    head = " ".join(text[:cut].split()[-4:])
    tail = " ".join(text[cut:].split()[:4])
    return f"{head} | {tail}"


def _check(found: tuple[str, ...], first: int, last: int, *, least: int = 2) -> None:
    if len(found) < least:
        raise InputError("This request is answered as one part; there are no parts to merge or split.")
    if not (1 <= first <= len(found) and 1 <= last <= len(found)):
        raise InputError(f"There are {len(found)} parts; choose numbers from 1 to {len(found)}.")


def listing(found: tuple[str, ...]) -> str:
    """The parts numbered one per line, as shown to the officer."""
    return "\n".join(f"{i}. {text}" for i, text in enumerate(found, 1))


def part_of(path: str) -> tuple[int, str] | None:
    """(part number, question id) for a per-part answer path such as ``parts.2.held``."""
    match = _PART_PATH.match(path)
    return (int(match.group(1)), match.group(2)) if match else None


def with_parts(answers: dict[str, Any], found: tuple[str, ...], per_part: tuple[str, ...]) -> dict[str, Any]:
    """Answers set up for answering part by part: one entry per part (a part whose text is unchanged keeps
    its answers), the whole-request answers to those questions removed, and the exemptions the union."""
    out = dict(answers)
    old = {str(p.get("text")): p for p in answers.get("parts") or [] if isinstance(p, dict)}
    out["parts"] = [dict(old.get(text) or {"text": text}) for text in found]
    for key in per_part:
        if key != "exemptions":
            out.pop(key, None)
    out["exemptions"] = union(out["parts"])
    return out


def without_parts(answers: dict[str, Any]) -> dict[str, Any]:
    """Answers for answering the request as one: no ``parts``."""
    out = dict(answers)
    out.pop("parts", None)
    return out


def union(parts: list[dict[str, Any]]) -> list[str]:
    """Every part's exemptions, each once, in the order first cited."""
    out: list[str] = []
    for part in parts:
        for citation in part.get("exemptions") or []:
            if citation not in out:
                out.append(citation)
    return out
