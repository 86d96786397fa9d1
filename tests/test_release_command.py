"""``foibot release-check``: exit codes, the JSON shape, clean copies checked again, the case history, and the
``[release_check]`` profile section (validated on load, applied to the check)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_release_fixtures import clean_workbook_bytes, planted_workbook_bytes, redacted_pdf_bytes, write

from foibot.conversation.release_log import release_limits
from foibot.errors import DataError
from foibot.knowledge.authority import load_authority
from foibot.surfaces.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(["--data", str(ROOT), *argv])
    return code, capsys.readouterr().out


def test_exit_codes_follow_the_worst_file(tmp_path, capsys):
    ok = write(tmp_path, "ok.xlsx", clean_workbook_bytes())
    amber = write(tmp_path, "list.csv", b"Email\nx@example.com\n")
    red = write(tmp_path, "bad.pdf", redacted_pdf_bytes())
    assert run(capsys, "release-check", str(ok)) == (0, "ok.xlsx: GREEN — nothing hidden or personal found\n")
    code, text = run(capsys, "release-check", str(ok), str(amber))
    assert code == 1 and "list.csv: AMBER" in text and "personal.email" in text
    code, text = run(capsys, "release-check", str(ok), str(amber), str(red))
    assert code == 2 and "bad.pdf: RED" in text and "pdf.text_under_box" in text


def test_json_shape_and_clean_copies_checked_again(tmp_path, capsys):
    src = write(tmp_path, "planted.xlsx", planted_workbook_bytes())
    pdf = write(tmp_path, "r.pdf", redacted_pdf_bytes())
    out = tmp_path / "out"
    code, text = run(capsys, "release-check", str(src), str(pdf), "--json", "--clean", str(out))
    payload = json.loads(text)
    assert code == 2 and set(payload) == {"overall", "reports", "clean"} and payload["overall"] == "red"
    first = payload["reports"][0]
    assert set(first) == {"name", "kind", "size", "inspected", "overall", "findings"} and first["kind"] == "xlsx"
    assert {"id", "severity", "where", "where_text", "message", "why"} <= set(first["findings"][0])
    workbook, refused = payload["clean"]
    assert sorted(Path(p).name for p in workbook["paths"]) == ["planted.Summary.csv", "planted.clean.xlsx"]
    assert all(Path(p).is_file() and Path(p).parent == out for p in workbook["paths"])
    assert [r["name"] for r in workbook["recheck"]] == [Path(p).name for p in workbook["paths"]]
    assert all(r["overall"] != "red" for r in workbook["recheck"])
    assert b"VAULT-SECRET" not in (out / "planted.clean.xlsx").read_bytes()
    assert "cannot clean a PDF safely" in refused["refused"] and "paths" not in refused


def test_case_records_each_check_without_the_values_found(rt, tmp_path, capsys, seed_request):
    ref = rt.register.open_case(seed_request, who="tester").ref
    src = write(tmp_path, "planted.xlsx", planted_workbook_bytes())
    code = main(["--db", str(rt.store.path), "--data", str(ROOT), "release-check", str(src), "--case", ref])
    assert code == 2 and f"Recorded in the history of {ref}." in capsys.readouterr().out
    [event] = [e for e in rt.register.history(ref) if e["action"] == "release_check"]
    assert event["detail"]["file"] == "planted.xlsx" and event["detail"]["via"] == "cli"
    assert event["detail"]["counts"]["red"] > 0 and "alice.jones" not in json.dumps(event)
    assert main(["--db", str(rt.store.path), "--data", str(ROOT), "release-check", str(src), "--case", "NOPE"]) == 1


def _replace_section(tmp_path: Path, section: str) -> Path:
    text = (ROOT / "authority.toml").read_text(encoding="utf-8").split("[release_check]")[0]
    path = tmp_path / "authority.toml"
    path.write_text(text + section, encoding="utf-8")
    return path


def test_profile_limits_and_patterns_reach_the_check(tmp_path):
    path = _replace_section(tmp_path, '[release_check]\nmax_file_mb = 2\nsmall_count_max = 9\n'
                                      '[[release_check.patterns]]\nid = "collar_number"\n'
                                      'label = "police collar number"\n'
                                      "regex = '\\b(?:PC|DC|PS)\\s?\\d{3,5}\\b'\n")
    limits = release_limits(load_authority(path))
    assert limits.max_file_bytes == 2 * 1024 * 1024 and limits.small_count_max == 9
    assert limits.extra_patterns == (("collar_number", "police collar number", r"\b(?:PC|DC|PS)\s?\d{3,5}\b"),)
    from foibot.release import check_file

    report = check_file(b"Officer,Note\nPC 4321,attended\n", "log.csv", limits)
    assert "personal.pattern" in report.ids
    assert "personal.pattern" not in check_file(b"Officer,Note\nPC 4321,attended\n", "log.csv").ids


@pytest.mark.parametrize(("section", "field"), [
    ("max_file_mb = 0\n", "release_check.max_file_mb"),
    ("max_file_mb = 'big'\n", "release_check.max_file_mb"),
    ("small_count_max = 0\n", "release_check.small_count_max"),
    ("[[release_check.patterns]]\nid = 'x'\nlabel = 'y'\nregex = '(unclosed'\n", "release_check.patterns[0]"),
    ("[[release_check.patterns]]\nid = 'x'\n", "release_check.patterns[0]"),
])
def test_a_bad_release_check_section_names_file_line_and_field(tmp_path, section, field):
    path = _replace_section(tmp_path, "[release_check]\n" + section)
    with pytest.raises(DataError) as err:
        load_authority(path)
    assert err.value.path == "authority.toml" and err.value.field == field
    lines = path.read_text().splitlines()
    header = [n for n, line in enumerate(lines, 1) if line.startswith("[[release_check.patterns]]")]
    assert err.value.line == (header[0] if header else len(lines))  # the pattern's header, or the key's own line
