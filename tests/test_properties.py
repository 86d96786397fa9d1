"""Property-based tests (hypothesis): odd and hostile text never crashes, is never evaluated, never pings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foibot.errors import FoibotError, InputError
from foibot.surfaces.slack import blocks as kit

HOSTILE_BITS = ["{{ 7*7 }}", "{% for x in y %}", "{#", "::para", "::annex", "\\::quote", "<!channel>", "<!here>",
                "<@U123>", "<#C123|general>", "<!subteam^S1>", "&amp;", "\x00", "\x07", "\u202e", "مرحبا",
                "😀👩‍⚖️", "\r\n", "\t", "'", '"', "`", "*bold*", "_i_", "~s~", "> quote", "# heading"]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE_BITS), st.text(max_size=40)), max_size=12).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=hostile_text)
def test_suggest_never_crashes(rt, text):
    suggestions = rt.matcher.suggest(text)
    data = json.loads(json.dumps(suggestions.to_json()))
    for kind in ("topics", "intents", "exemptions"):
        assert all(0 <= item["score"] <= 100 and item["why"] for item in data[kind])


@SETTINGS
@given(text=hostile_text)
def test_starting_a_conversation_gives_a_question_or_a_clear_message(engine, text):
    turn = engine.start(text)
    if turn.conversation_id is None:
        assert turn.messages[0].kind == "error" and turn.messages[0].text
    else:
        assert turn.question is not None


@SETTINGS
@given(request=hostile_text, name=hostile_text, reason=hostile_text)
def test_drafting_quotes_hostile_text_exactly_and_evaluates_nothing(engine, seed_answers, request, name, reason):
    from foibot.letter.word import to_docx
    from foibot.text import clean_request

    try:
        request = clean_request(request)
    except InputError:
        return
    seed_answers["requester_name"] = name.replace("\x00", "") or "X"
    seed_answers["s22"]["reason"] = reason.replace("\x00", "")
    draft = engine.draft_answers(request, seed_answers)
    quote = next(b for b in draft.blocks if b.kind == "quote")
    assert " ".join(quote.text.split()) == " ".join(request.split())
    assert "49" not in draft.text() or "49" in request + name + reason
    # hostile text adds no paragraph and breaks no numbering: the same paragraphs as a plain request
    plain = engine.draft_answers("Please send the figures.", seed_answers)
    numbers = [b.number for b in plain.blocks if b.kind == "para"]
    assert [b.number for b in draft.blocks if b.kind == "para"] == numbers == list(range(1, len(numbers) + 1))
    assert to_docx(draft)[:2] == b"PK"


@SETTINGS
@given(text=hostile_text)
def test_replies_in_the_dialogue_never_crash(engine, text):
    conv = engine.start("Please provide the number of staff in your FOI team in 2024.").conversation_id
    for reply in (text, "back", text, "change " + text, "show draft"):
        turn = engine.reply(conv, reply)
        assert turn.messages


@SETTINGS
@given(text=hostile_text)
def test_slack_rendering_never_pings_and_stays_within_limits(text):
    for block in kit.note_blocks(text * 50):
        block.validate_json()
        rendered = block.to_dict()["text"]["text"]
        assert "<!" not in rendered and "<@" not in rendered and "<#" not in rendered
        assert len(rendered) <= kit.SECTION_LIMIT
    from foibot.knowledge.replies import Replies

    labels = kit.Labels.from_replies(Replies(Path(__file__).resolve().parent.parent / "snippets" / "replies.yaml"))
    for message in kit.draft_messages("c1", 1, "Draft 1: " + text[:100], text * 200, text, [("request", "R")],
                                      labels):
        assert len(message) <= kit.BLOCKS_PER_MESSAGE
        for block in message:
            block.validate_json()


@SETTINGS
@given(text=st.text(max_size=60))
def test_dates_parse_or_give_a_clear_message(text):
    from foibot.law.deadlines import due_date, parse_date

    try:
        day = parse_date(text, today=date(2026, 11, 24))
    except InputError as exc:
        assert str(exc)
        return
    try:
        assert due_date(day).due > day
    except FoibotError as exc:  # beyond the holiday data: refused, not guessed
        assert "holiday" in str(exc)


@pytest.mark.parametrize("section", ["s99", "s31(9)", "reg 99", "s", "31(1)(a", "{{x}}"])
def test_unknown_sections_are_refused_clearly(kb, section):
    with pytest.raises(InputError):
        kb.resolve(section)


@SETTINGS
@given(text=hostile_text)
def test_cli_check_and_suggest_handle_any_file(shared_dir, text):
    from foibot.surfaces.cli import main

    path = shared_dir / "in.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    assert main(["--db", str(shared_dir / "d.sqlite"), "suggest", str(path), "--json"]) in (0, 1)
    assert main(["--db", str(shared_dir / "d.sqlite"), "check", str(path)]) in (1, 3)


@pytest.fixture(scope="module")
def shared_dir(tmp_path_factory):
    """One folder and database for every example: each example rewrites the input file, and a fresh
    database per example would time SQLite's file creation rather than the code under test."""
    return tmp_path_factory.mktemp("cli")
