"""The document model: typed blocks written out as text, Markdown and Slack, with nothing parsed back."""

from foibot.letter.blocks import Block, split_annex, to_markdown, to_text


def _letter():
    return [Block("marking", "official"), Block("text", "Dear X,"), Block("para", "One", 1),
            Block("quote", "::para keep\nlines"), Block("list", "a\nb"), Block("annex", "Annex A"),
            Block("subheading", "Section 22(1): Information intended for future publication"),
            Block("statute", "(1) Text")]


def test_text_keeps_structure_and_hostile_text_stays_text():
    text = to_text(_letter())
    assert text.startswith("OFFICIAL\n\nDear X,\n\n1. One\n\n    ::para keep\n    lines\n\n  - a\n  - b\n")
    assert "\n\nSection 22(1): Information intended for future publication\n\n    (1) Text\n" in text


def test_annex_split():
    letter, annex = split_annex(_letter())
    assert [b.kind for b in letter] == ["marking", "text", "para", "quote", "list"]
    assert [b.kind for b in annex] == ["annex", "subheading", "statute"]


def test_markdown_escapes_what_markdown_would_interpret():
    md = to_markdown([Block("para", "use *stars* and <!channel>", 1)])
    assert md == "1\\. use \\*stars\\* and \\<!channel\\>\n"
