"""Hostile and odd input: a clear message or a correct draft; nothing evaluated, nothing pinged."""

import pytest

from foibot.errors import InputError
from foibot.text import MAX_REQUEST_CHARS

HOSTILE = "Please send {{ 7*7 }} and {% for x in y %}{{ x }}{% endfor %} to <!channel> <@U123> ::para ::annex"


def test_template_syntax_in_a_request_is_quoted_not_run(engine, seed_answers):
    draft = engine.draft_answers(HOSTILE, seed_answers)
    text = draft.text()
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "{% for x in y %}" in text
    assert "<!channel>" in text  # kept as data in the letter; Slack escapes it when shown
    quote = next(b for b in draft.blocks if b.kind == "quote")
    assert quote.text == HOSTILE
    # hostile text adds no paragraph and breaks no numbering: the same paragraphs as a plain request
    plain = engine.draft_answers("Please send the figures.", seed_answers)
    numbers = [b.number for b in plain.blocks if b.kind == "para"]
    assert [b.number for b in draft.blocks if b.kind == "para"] == numbers == list(range(1, len(numbers) + 1))


def test_template_syntax_in_answers_is_not_evaluated(engine, seed_request, seed_answers):
    seed_answers["requester_name"] = "{{ authority.__class__ }}"
    seed_answers["s22"]["reason"] = "{% raw %}x{% endraw %} {{ 7*7 }}"
    text = engine.draft_answers(seed_request, seed_answers).text()
    assert "Dear {{ authority.__class__ }}," in text
    assert "{{ 7*7 }}" in text and "49" not in text


@pytest.mark.parametrize("bad", ["", "   ", None, "a\x00b", "x" * (MAX_REQUEST_CHARS * 2)])
def test_unusable_requests_get_a_clear_message_and_no_conversation(engine, bad):
    turn = engine.start(bad)
    assert turn.conversation_id is None
    assert turn.messages[0].kind == "error"
    assert "Paste" in turn.messages[0].text or "KB" in turn.messages[0].text
    assert engine.store.db["conversations"].count == 0


def test_a_200kb_request_is_refused_but_the_same_text_in_a_file_gives_the_same_message(tmp_path):
    from foibot.surfaces.commands._common import read_request

    path = tmp_path / "big.txt"
    path.write_text("word " * 40_000)
    with pytest.raises(InputError, match="KB"):
        read_request(str(path))


def test_hostile_request_starts_a_conversation_and_drafts(engine):
    turn = engine.start(HOSTILE + "\nHow many cars do you own?")
    assert turn.conversation_id and turn.question
    turn = engine.reply(turn.conversation_id, "show draft")
    draft = turn.draft
    assert draft is not None and "{{ 7*7 }}" in draft.text()


def test_unknown_section_is_a_clear_message(engine, seed_request, seed_answers):
    seed_answers["exemptions"] = ["s99"]
    with pytest.raises(InputError, match="knows no exemption 's99'"):
        engine.draft_answers(seed_request, seed_answers)
    seed_answers["exemptions"] = ["s31(9)"]
    with pytest.raises(InputError, match="has no subsection"):
        engine.draft_answers(seed_request, seed_answers)


def test_a_long_request_typed_on_the_command_line_is_read_as_the_request_not_a_file_name(capsys):
    """A pasted email of a few hundred characters is longer than any file name the system allows: it is the
    request, not a path that cannot be looked up (which raised 'File name too long')."""
    from foibot.surfaces.cli import main

    email = ("From: Mrs Aisha Rahman <aisha.rahman77@example.com>\nSubject: FOI request\n\n"
             + "My father died on Ward 12 in October after a fall. Please send me the number of patient falls on "
               "the ward in each month of 2025 and 2026, and the ward's nurse staffing figures. " * 3)
    assert len(email.encode()) > 255
    assert main(["suggest", email]) == 0
    out = capsys.readouterr().out
    assert "Exemptions:" in out and "Traceback" not in out
    assert main(["suggest", "a\x00b c"]) == 1
    assert "binary data" in capsys.readouterr().err


def test_a_profile_folder_that_does_not_exist_is_named_as_such(tmp_path, capsys, monkeypatch):
    from foibot.surfaces.cli import main

    assert main(["--data", str(tmp_path / "nope"), "suggest", "how many cars do you own"]) == 1
    assert f"--data {tmp_path / 'nope'}: there is no such folder" in capsys.readouterr().err
    monkeypatch.setenv("FOIBOT_DATA", str(tmp_path / "gone"))
    assert main(["suggest", "how many cars do you own"]) == 1
    assert "FOIBOT_DATA" in capsys.readouterr().err
