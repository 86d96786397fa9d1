"""The release-check command line: output, JSON, clean copies and exit codes."""

from __future__ import annotations

import io
import json

from test_release_fixtures import clean_workbook_bytes, planted_workbook_bytes, redacted_pdf_bytes, write

from foibot.release.cli import main


def run(argv):
    out = io.StringIO()
    return main(argv, out), out.getvalue()


def test_exit_codes_green_amber_red(tmp_path):
    green = write(tmp_path, "ok.xlsx", clean_workbook_bytes())
    amber = write(tmp_path, "list.csv", b"Email\nx@example.com\n")
    red = write(tmp_path, "bad.pdf", redacted_pdf_bytes())
    assert run([str(green)])[0] == 0
    assert run([str(green), str(amber)])[0] == 1
    code, text = run([str(green), str(amber), str(red)])
    assert code == 2
    assert "bad.pdf: RED" in text and "pdf.text_under_box" in text and "ok.xlsx: GREEN" in text


def test_json_and_clean(tmp_path):
    src = write(tmp_path, "planted.xlsx", planted_workbook_bytes())
    code, text = run([str(src), "--json", "--clean", str(tmp_path / "out")])
    assert code == 2
    payload = json.loads(text)
    assert payload["overall"] == "red"
    assert payload["reports"][0]["findings"][0]["severity"] == "red"
    [entry] = payload["clean"]
    assert [p.rsplit("/", 1)[-1] for p in entry["paths"]] == ["planted.clean.xlsx", "planted.Summary.csv"]
    assert all(r["overall"] != "red" for r in entry["recheck"])


def test_clean_refusal_is_reported(tmp_path):
    src = write(tmp_path, "r.pdf", redacted_pdf_bytes())
    code, text = run([str(src), "--clean", str(tmp_path / "out")])
    assert code == 2 and "No clean copy of r.pdf" in text


def test_usage_errors():
    assert run([])[0] == 64
    assert run(["--small-count", "-1", "x"])[0] == 64
