import pytest

from foibot.errors import InputError
from foibot.text import MAX_REQUEST_CHARS, clean_request, tokens


@pytest.mark.parametrize("bad, says", [
    ("", "empty"), ("   \n\t ", "empty"), (None, "no request"), ("abc\x00def", "binary"),
    (b"\xff\xfe\x00\x01", "not valid UTF-8"), ("x" * (MAX_REQUEST_CHARS + 1), "KB"), ("12345 !!!", "no words"),
])
def test_unusable_input_gets_a_clear_message(bad, says):
    with pytest.raises(InputError, match=says):
        clean_request(bad)


def test_control_characters_are_dropped_and_newlines_kept():
    assert clean_request("Please\r\nsend \x07the\x1b list") == "Please\nsend the list"


def test_tokens_drop_stop_words_and_fold_plurals():
    assert tokens("Please provide the names of the police forces") == ["name", "police", "force"]
