"""foibot topics import: a spreadsheet of publications into intents/topics.yaml."""

import shutil
from pathlib import Path

from foibot.surfaces.cli import main
from foibot.surfaces.runtime import load_data

ROOT = Path(__file__).resolve().parent.parent
HEADER = "id,title,aliases,keywords,status,published,url,planned,summary\n"


def _copy(tmp_path: Path) -> Path:
    for name in ("intents", "snippets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "authority.toml", tmp_path / "authority.toml")
    return tmp_path


def test_import_adds_and_updates_topics_and_keeps_comments(tmp_path, capsys):
    root = _copy(tmp_path)
    csv = tmp_path / "pubs.csv"
    csv.write_text(HEADER + "roads-2027,Roads policing 2027,road safety;traffic,speed cameras,forthcoming,,,"
                            "spring 2027,How forces police the roads.\n"
                   "peel-spotlight-betrayal,Shining a light on betrayal,,abuse of position,published,2019-09-27,"
                   "https://example.org/betrayal,,Updated summary.\n")
    assert main(["--data", str(root), "topics", "import", str(csv)]) == 0
    assert "1 new, 1 updated" in capsys.readouterr().out
    _, kb, _ = load_data(root)
    assert kb.topics["roads-2027"].keywords == ("speed cameras",) and kb.topics["roads-2027"].aliases == (
        "road safety", "traffic")
    assert kb.topics["peel-spotlight-betrayal"].summary == "Updated summary."
    assert (root / "intents/topics.yaml").read_text().startswith("#")


def test_a_bad_row_names_its_line_and_changes_nothing(tmp_path, capsys):
    root = _copy(tmp_path)
    before = (root / "intents/topics.yaml").read_text()
    csv = tmp_path / "pubs.csv"
    csv.write_text(HEADER + "ok-1,A title,,,published,2020-01-01,,,Fine.\n"
                            "bad-1,Another,,,published,01/13/2020,,,Bad date.\n")
    assert main(["--data", str(root), "topics", "import", str(csv)]) == 1
    assert "pubs.csv:3: field 'published' must be an ISO date" in capsys.readouterr().err
    assert (root / "intents/topics.yaml").read_text() == before


def test_a_missing_or_binary_file_is_one_plain_line(tmp_path, capsys):
    root = _copy(tmp_path)
    binary = tmp_path / "pubs.xlsx"
    binary.write_bytes(b"PK\x03\x04\x9a\xff binary")
    for path, expected in ((tmp_path / "nope.csv", "foibot: nope.csv: cannot be read: No such file or directory"),
                           (binary, "foibot: pubs.xlsx: is not UTF-8 text (save the spreadsheet as CSV UTF-8)")):
        assert main(["--data", str(root), "topics", "import", str(path)]) == 1
        captured = capsys.readouterr()
        assert captured.err.strip() == expected and "Errno" not in captured.err and "codec" not in captured.err
