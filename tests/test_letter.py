from foibot.letter.blocks import escape_markup, parse_blocks, split_annex, to_markdown, to_text


def test_blocks_are_numbered_in_order():
    blocks = parse_blocks("::text\nDear X,\n::para\nOne\nline two\n::quote\nkeep\nlines\n::para\nTwo\n")
    assert [(b.kind, b.number) for b in blocks] == [("text", None), ("para", 1), ("quote", None), ("para", 2)]
    assert blocks[1].text == "One line two"
    assert blocks[2].text == "keep\nlines"


def test_inserted_text_cannot_start_a_block():
    hostile = "harmless\n::para\n::annex\n\\::heading"
    blocks = parse_blocks("::quote\n" + escape_markup(hostile) + "\n::para\nreal\n")
    assert [b.kind for b in blocks] == ["quote", "para"]
    assert blocks[0].text == hostile
    assert blocks[1].number == 1


def test_annex_split_and_renderers():
    blocks = parse_blocks("::para\nBody\n::annex\nAnnex A\n::subheading\nSection 22\n::statute\n(1) Text\n")
    letter, annex = split_annex(blocks)
    assert [b.kind for b in letter] == ["para"] and annex[0].kind == "annex"
    assert to_text(blocks).startswith("1. Body")
    assert "    (1) Text" in to_text(blocks)
    md = to_markdown(parse_blocks("::para\nuse *stars* and <!channel>\n"))
    assert md.strip() == r"1\. use \*stars\* and \<!channel\>"
