"""foibot topics import: a spreadsheet of publications into intents/topics.yaml."""

from pathlib import Path

from profiles import copy_profile
from stepping import reply_until

from foibot.surfaces.cli import main
from foibot.surfaces.runtime import load_data

ROOT = Path(__file__).resolve().parent.parent
HEADER = "id,title,aliases,keywords,status,published,url,planned,summary\n"


def _copy(tmp_path: Path) -> Path:
    return copy_profile(tmp_path)


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


def test_a_spreadsheets_own_status_words_are_read(tmp_path, capsys):
    root = _copy(tmp_path)
    csv = tmp_path / "pubs.csv"
    csv.write_text(HEADER + "plan-1,Local Plan,,,Planned,,,2026-03-01,The draft plan.\n"
                            "report-1,Annual Report,,,Live,2025-07-30,,,The report.\n"
                            "odd-1,Odd,,,shelved,,,,Unknown status.\n")
    assert main(["--data", str(root), "topics", "import", str(csv)]) == 1  # 'shelved' is not a status
    assert "pubs.csv:4: field 'status' must be one of published, forthcoming (got 'shelved')" in \
        capsys.readouterr().err
    csv.write_text(HEADER + "plan-1,Local Plan,,,Planned,,,2026-03-01,The draft plan.\n"
                            "report-1,Annual Report,,,Live,2025-07-30,,,The report.\n")
    assert main(["--data", str(root), "topics", "import", str(csv)]) == 0
    _, kb, _ = load_data(root)
    assert (kb.topics["plan-1"].status, kb.topics["report-1"].status) == ("forthcoming", "published")


def test_a_missing_or_binary_file_is_one_plain_line(tmp_path, capsys):
    root = _copy(tmp_path)
    binary = tmp_path / "pubs.xlsx"
    binary.write_bytes(b"PK\x03\x04\x9a\xff binary")
    for path, expected in ((tmp_path / "nope.csv", "foibot: nope.csv: cannot be read: No such file or directory"),
                           (binary, "foibot: pubs.xlsx: is not UTF-8 text (save the spreadsheet as CSV UTF-8)")):
        assert main(["--data", str(root), "topics", "import", str(path)]) == 1
        captured = capsys.readouterr()
        assert captured.err.strip() == expected and "Errno" not in captured.err and "codec" not in captured.err


def test_an_imported_reports_own_name_beats_a_shown_report_sharing_its_words(tmp_path):
    """A council's own list: "the annual report" is the annual report, not the shown Air Quality Annual Status
    Report; "the ASR" is that report's alias, with or without "the"."""
    from datetime import date

    from foibot.surfaces.runtime import open_runtime

    root = _copy(tmp_path)
    csv = tmp_path / "pubs.csv"
    csv.write_text(HEADER + "annual-report,Annual Report and Statement of Accounts 2024/25,annual report,accounts,"
                            "published,2025-07-30,,,The annual report.\n"
                   "asr,Air Quality Annual Status Report 2025,asr;air quality report,nitrogen dioxide;air quality,"
                   "published,2025-06-30,,,Air quality results.\n")
    assert main(["--data", str(root), "topics", "import", str(csv), "--replace"]) == 0
    header = (root / "intents/topics.yaml").read_text(encoding="utf-8")
    assert header.startswith("# The authority's own publications") and "SAMPLE PACK" not in header
    runtime = open_runtime(tmp_path / "db.sqlite", root)
    runtime.engine.today = lambda: date(2025, 10, 20)
    try:
        for reply, meant in (("the annual report", "annual-report"), ("the ASR", "asr"), ("the first one", "asr")):
            turn = runtime.engine.start("Please send the nitrogen dioxide monitoring results for Main Street.",
                                        user="U1")
            conv = turn.conversation_id
            turn = reply_until(runtime.engine, conv, turn, "topic", user="U1")
            assert [o.value for o in turn.question.options][0] == "asr"  # the one report shown
            runtime.engine.reply(conv, reply, user="U1")
            assert runtime.engine.answer(conv, "topic") == meant, reply
    finally:
        runtime.store.close()
