"""A letter as a list of blocks, and how it is written out as plain text or Markdown.

Templates in ``snippets/`` render a small line-based markup: a line ``::para`` starts a numbered
paragraph, ``::quote`` a quotation, and so on. Values inserted with ``{{ … }}`` are escaped by
``escape_markup`` (the drafting environment's finalize hook), so pasted text can never start a block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("meta", "heading", "subheading", "para", "text", "quote", "list", "statute", "signature", "annex", "note")
_MARKER = re.compile(r"^::(" + "|".join(KINDS) + r")\s*$")
_ESCAPED = re.compile(r"^(\\*)::", re.M)
_KEEP_LINES = {"meta", "quote", "list", "statute", "signature"}


@dataclass(frozen=True)
class Block:
    """One block of a letter. ``number`` is set for numbered paragraphs."""

    kind: str
    text: str
    number: int | None = None

    @property
    def lines(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]


def escape_markup(value: str) -> str:
    """Make every line of inserted text safe: ``::x`` becomes ``\\::x`` (undone by ``parse_blocks``)."""
    return _ESCAPED.sub(lambda m: "\\" + m.group(1) + "::", value)


def _unescape(line: str) -> str:
    return line[1:] if re.match(r"^\\+::", line) else line


def parse_blocks(markup: str) -> list[Block]:
    """Turn rendered markup into blocks, numbering ``para`` blocks from 1 (the annex restarts at none)."""
    blocks: list[Block] = []
    kind: str | None = None
    lines: list[str] = []
    number = 0

    def flush() -> None:
        nonlocal number
        if kind is None:
            return
        if kind in _KEEP_LINES:
            text = "\n".join(line.rstrip() for line in lines).strip("\n")
        else:
            text = " ".join(" ".join(lines).split())
        if not text.strip() and kind != "annex":
            return
        if kind == "para":
            number += 1
            blocks.append(Block(kind, text, number))
        else:
            blocks.append(Block(kind, text))

    for raw in markup.split("\n"):
        match = _MARKER.match(raw)
        if match:
            flush()
            kind, lines = match.group(1), []
        elif kind is not None:
            lines.append(_unescape(raw))
    flush()
    return blocks


def split_annex(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """(letter, annex): the annex starts at the first ``annex`` block."""
    for i, block in enumerate(blocks):
        if block.kind == "annex":
            return blocks[:i], blocks[i:]
    return blocks, []


def to_text(blocks: list[Block]) -> str:
    """Plain text, as an officer would paste into an email or a word processor."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "para":
            out.append(f"{block.number}. {block.text}")
        elif block.kind in ("quote", "statute"):
            out.append("\n".join("    " + line for line in block.text.split("\n")))
        elif block.kind == "list":
            out.append("\n".join("  - " + line for line in block.lines))
        elif block.kind == "heading":
            out.append(block.text.upper())
        elif block.kind == "annex":
            out.append("-" * 60 + "\n\n" + (block.text or "Annex A"))
        else:
            out.append(block.text)
    return "\n\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(blocks: list[Block]) -> str:
    """Markdown, with every character that Markdown would interpret escaped."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "para":
            out.append(f"{block.number}\\. {_md(block.text)}")
        elif block.kind in ("quote", "statute"):
            out.append("\n".join("> " + _md(line) if line.strip() else ">" for line in block.text.split("\n")))
        elif block.kind == "list":
            out.append("\n".join("- " + _md(line) for line in block.lines))
        elif block.kind == "heading":
            out.append("## " + _md(block.text))
        elif block.kind == "subheading":
            out.append("### " + _md(block.text))
        elif block.kind == "annex":
            out.append("---\n\n# " + _md(block.text or "Annex A"))
        elif block.kind in ("meta", "signature"):
            out.append("  \n".join(_md(line) for line in block.text.split("\n")))
        else:
            out.append(_md(block.text))
    return "\n\n".join(out) + "\n"
