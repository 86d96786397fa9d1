"""A letter's layout as the rules read it: a request answered part by part ("Part 1", "Part 2"), its numbered
paragraphs, and the request quoted in it."""

from __future__ import annotations

import re

from foibot.letter.checking.reading import Letter, own_lines

_I = re.I

_QUOTE_LEAD = re.compile(r"^\s*(you asked for the following|your request (read|was|said)|part \d+)\s*:?\s*$", _I)


def unquoted(text: str) -> list[str]:
    """The lines that are not a quotation: not indented or ``>``, and not the request quoted under "You asked for the
    following:" or a "Part N" heading when its indent is lost (a Word file's text, one paragraph a line), up to the
    first numbered paragraph or blank line."""
    out, quoting = [], False
    for line in text.replace("\r\n", "\n").split("\n"):
        if re.match(r"(\s{4}|\t|\s*>)", line):
            continue
        if quoting and (not line.strip() or NUMBERED.match(line)):
            quoting = False
        if _QUOTE_LEAD.match(line):
            quoting = True
        elif not quoting:
            out.append(line)
    return out


def in_parts(letter: Letter) -> bool:
    """The letter answers a request part by part, under "Part 1", "Part 2" headings."""
    return len(re.findall(r"(?m)^\s*Part \d+\s*$", letter.text)) >= 2


_PART_HEADING = re.compile(r"^\s*Part \d+\s*$")


def part_texts(text: str) -> list[str]:
    """Each part of a letter in parts, flattened: its heading's quotation of the request and its answer, up to the
    next part or the next heading."""
    sections: list[list[str]] = []
    current: list[str] | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        if _PART_HEADING.match(line):
            current = []
            sections.append(current)
            continue
        if current is None:
            continue
        bare = line.strip()
        if (bare and not line.startswith((" ", "\t", ">")) and not NUMBERED.match(line)
                and not re.search(r"[.:;,?!)]\s*$", bare) and any(NUMBERED.match(x) for x in current)):
            current = None  # a heading: the part is over
            continue
        current.append(line)
    return [" ".join(" ".join(lines).split()) for lines in sections]


NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s")


def paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs, each flattened to one line: a blank line or a numbered paragraph starts the next."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line.strip() or NUMBERED.match(line):
            paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(line)
    return [" ".join(" ".join(p).split()) for p in paragraphs if p]


def part_answers(text: str) -> list[list[str]]:
    """Each part's answer as paragraphs: from its "Part N" heading to the next heading (the next part, or one such
    as "Our reasons for withholding information"). The part quoted under its heading is left out: when it is
    indented (or a ``>`` quotation), as such; when not (the text of a Word file), everything before the first
    numbered paragraph."""
    raw = text.replace("\r\n", "\n").split("\n")
    own = own_lines(text)
    sections: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] | None = None
    for line, mine in zip(raw, own, strict=True):
        if _PART_HEADING.match(mine):
            current = []
            sections.append(current)
        elif current is not None:
            answered = any(NUMBERED.match(x) for _, x in current)
            if answered and mine.strip() and not NUMBERED.match(mine) and not re.search(r"[.:;,?!)]\s*$", mine):
                current = None  # a heading: the part's answer is over
            else:
                current.append((line, mine))
    answers = []
    for section in sections:
        first = next((i for i, (_, x) in enumerate(section) if NUMBERED.match(x)), 0)
        quoted = any(line.strip() and not mine.strip() for line, mine in section[:first])
        answers.append(paragraphs([mine for _, mine in (section if quoted else section[first:])]))
    return answers
