"""A letter as a document model: a list of typed blocks, written out as plain text or Markdown.

The structure is built in code (``letter/compose.py``); templates only supply each block's wording, so
no markup is ever parsed back and nothing in an answer or a request can start a block.

Kinds: ``marking`` (protective marking), ``meta`` (address and reference lines), ``text`` (unnumbered
paragraph), ``heading``, ``subheading``, ``para`` (numbered paragraph), ``quote`` (quoted request text,
line breaks kept), ``list`` (one item per line), ``statute`` (quoted statute, line breaks kept),
``signature`` and ``annex`` (starts Annex A; its text is the annex title).

A block's ``role`` says what it is for in law (``ncnd``, ``not-held``, ``exemption:s31``, ``pit:s31``,
``internal-review``, ``review-contact``, ``commissioner``…), so the check reads foibot's own drafts through the
document model rather than through their wording. Roles are not kept when a draft is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("marking", "meta", "heading", "subheading", "para", "text", "quote", "list", "statute", "signature",
         "annex")


@dataclass(frozen=True)
class Block:
    """One block of a letter. ``number`` is set for numbered paragraphs."""

    kind: str
    text: str
    number: int | None = None
    role: str = ""

    @property
    def lines(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]


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
        elif block.kind in ("heading", "marking"):
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
        elif block.kind == "marking":
            out.append("**" + _md(block.text.upper()) + "**")
        elif block.kind == "subheading":
            out.append("### " + _md(block.text))
        elif block.kind == "annex":
            out.append("---\n\n# " + _md(block.text or "Annex A"))
        elif block.kind in ("meta", "signature"):
            out.append("  \n".join(_md(line) for line in block.text.split("\n")))
        else:
            out.append(_md(block.text))
    return "\n\n".join(out) + "\n"
