"""Word export with python-docx: a letter a person would send, with the annex on its own page."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from foibot.letter.drafting import Draft

_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Characters Word's XML cannot hold are dropped (python-docx would raise on them)."""
    return _XML_INVALID.sub("", text)


def _lines(doc: Any, text: str) -> Any:
    """One paragraph with a line break between lines (addresses, reference lines, the sign-off)."""
    para = doc.add_paragraph()
    for i, line in enumerate(text.split("\n")):
        if i:
            para.add_run().add_break()
        para.add_run(line)
    return para


def to_docx(draft: Draft) -> bytes:
    """The draft as a .docx file's bytes."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    doc.core_properties.title = _clean(f"Response to request {draft.reference}")
    heading = next((b.text for b in draft.blocks if b.kind == "heading"), "Freedom of Information request")
    doc.core_properties.subject = _clean(f"{heading}: our response")
    for block in draft.blocks:
        text = _clean(block.text)
        if block.kind == "meta":
            para = _lines(doc, text)
            if "reference" in text.lower():
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif block.kind == "heading":
            doc.add_heading(text, level=1)
        elif block.kind == "subheading":
            doc.add_heading(text, level=2)
        elif block.kind == "annex":
            doc.add_page_break()
            doc.add_heading(text or "Annex A", level=1)
        elif block.kind == "para":
            para = doc.add_paragraph()
            para.paragraph_format.left_indent = Cm(0.9)
            para.paragraph_format.first_line_indent = Cm(-0.9)
            para.add_run(f"{block.number}.\t")
            para.add_run(text)
        elif block.kind in ("quote", "statute"):
            for line in text.split("\n"):
                if not line.strip():
                    continue
                para = doc.add_paragraph()
                para.paragraph_format.left_indent = Cm(1.5 if block.kind == "quote" else 1.0)
                run = para.add_run(line.strip())
                run.italic = block.kind == "quote"
                if block.kind == "statute":
                    run.font.size = Pt(10)
        elif block.kind == "list":
            for line in block.lines:
                doc.add_paragraph(_clean(line), style="List Bullet")
        elif block.kind == "signature":
            _lines(doc, text)
        else:
            doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def save_docx(draft: Draft, path: Path) -> Path:
    """Write the draft to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_docx(draft))
    return path


def docx_name(draft: Draft, version: int | None = None) -> str:
    """A file name such as ``FOI-2019-26-v2.docx``."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", draft.reference).strip("-") or "draft"
    return f"{stem}{f'-v{version}' if version else ''}.docx"
