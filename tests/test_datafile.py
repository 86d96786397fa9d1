import pytest

from foibot.errors import DataError
from foibot.knowledge.datafile import load_yaml


def test_mappings_know_their_lines_and_yes_stays_a_word(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text("- id: held\n  options:\n    - value: yes\n    - value: no\n  required: false\n")
    data = load_yaml(path, "q.yaml")
    assert data[0].line == 1 and data[0].line_of("required") == 5
    assert [o["value"] for o in data[0]["options"]] == ["yes", "no"]
    assert data[0]["required"] is False


def test_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("- id: a\n  title: [unclosed\n")
    with pytest.raises(DataError) as err:
        load_yaml(path, "intents/bad.yaml")
    assert str(err.value).startswith("intents/bad.yaml:")
    assert err.value.line is not None
