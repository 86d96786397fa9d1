"""Importing a disclosure log: the requests-dev JSONL, CSV with other column names, bad rows, re-import."""

import json
from datetime import date
from pathlib import Path

import pytest

from foibot.errors import InputError
from foibot.register.cases import Register
from foibot.register.disclosure_log import import_log, parse_log_date, parse_mapping
from foibot.surfaces.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "requests-dev.jsonl"


def test_the_requests_dev_jsonl_imports_and_a_second_import_adds_nothing(store):
    first = import_log(store, FIXTURE)
    assert (first.imported, first.skipped, first.errors) == (35, 0, [])
    second = import_log(store, FIXTURE)
    assert (second.imported, second.skipped, second.errors) == (0, 35, [])
    assert store.db["cases"].count == 35
    case = Register(store).get_case("humberside-hospital-crime")
    assert case.exemptions == ["s40(2)"] and case.outcome == "partially_granted"
    assert case.received == date(2025, 9, 15) and case.topics == ["crime statistics on hospital grounds"]
    assert case.status == "closed" and case.source == "import"
    # "2025-09": a month only, counted from its first day.
    assert Register(store).get_case("durham-hospital-crime").received == date(2025, 9, 1)
    assert Register(store).get_case("shef-shalesmoor-obc").regime == "eir"
    assert Register(store).history("durham-hospital-crime")[0]["detail"] == {"file": "requests-dev.jsonl", "line": 2}


CSV = (
    "reference,date,request_text,outcome,exemptions\n"
    "LOG-1,03/02/2024,Number of CCTV cameras,Granted,\n"           # line 2: good
    "LOG-2,2024-02-05,,Refused,s12\n"                             # line 3: no request text
    "LOG-3,31/02/2024,Staff salaries,Refused,s40(2)\n"           # line 4: no such date
    "LOG-4,2024-02-07,\"Contracts for\n"                          # line 5: a request over two lines
    "cleaning services\",Partially granted,s43(2); s40(2)\n"
    "LOG-5,2024-02-08,Fax machines,lost in the post,\n"          # line 7: unknown outcome
    "LOG-6,2024-02-09,Air quality,Refused,EIR reg 12(4)(b),extra\n"  # line 8: too many cells
    "LOG-1,2024-02-10,Again,Granted,\n"                            # line 9: duplicate reference
    "LOG-7,Feb 2024,Potholes,not held,\n"                          # line 10: good (a month)
)


def test_bad_rows_are_reported_by_line_and_the_rest_import(store, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(CSV, encoding="utf-8")
    report = import_log(store, path)
    assert report.imported == 3 and report.skipped == 0
    lines = [line for line, _ in report.errors]
    assert lines == [3, 4, 7, 8, 9]
    messages = dict(report.errors)
    assert "no request text" in messages[3]
    assert "31/02/2024" in messages[4]
    assert "lost in the post" in messages[7]
    assert "cells" in messages[8]
    assert "line 2" in messages[9]
    reg = Register(store)
    assert reg.get_case("LOG-4").exemptions == ["s43(2)", "s40(2)"]
    assert reg.get_case("LOG-4").request_text == "Contracts for\ncleaning services"
    assert reg.get_case("LOG-7").received == date(2024, 2, 1) and reg.get_case("LOG-7").outcome == "not_held"
    assert "line 3:" in report.summary()


def test_fixing_a_bad_row_and_importing_again_adds_only_that_row(store, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(CSV, encoding="utf-8")
    import_log(store, path)
    path.write_text(CSV.replace("LOG-2,2024-02-05,,", "LOG-2,2024-02-05,Budget for parks,"), encoding="utf-8")
    again = import_log(store, path)
    assert again.imported == 1 and again.skipped == 3
    assert Register(store).get_case("LOG-2").request_text == "Budget for parks"


def test_other_column_names_are_mapped(store, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Case No,Received,Question,Result,Sections\n"
                    "A/1,1 March 2024,Bins collected late,Refused,s21|s22\n", encoding="utf-8")
    mapping = parse_mapping(["reference=Case No", "date=Received", "request=Question", "outcome=Result",
                             "exemptions=Sections"])
    report = import_log(store, path, mapping)
    assert report.imported == 1, report.summary()
    case = Register(store).get_case("A/1")
    assert case.exemptions == ["s21", "s22"] and case.received == date(2024, 3, 1)
    missing = import_log(store, path, {"request": "Body"})
    assert missing.imported == 0 and "no column 'Body'" in missing.errors[0][1]


def test_a_bad_map_option_is_refused():
    with pytest.raises(InputError, match="FIELD=COLUMN"):
        parse_mapping(["request"])
    with pytest.raises(InputError, match="FIELD one of"):
        parse_mapping(["colour=Colour"])


def test_jsonl_lines_that_are_not_objects_are_reported(store, tmp_path):
    path = tmp_path / "log.jsonl"
    good = {"id": "J1", "date": "2024-05-01", "request": "Fax machines", "outcome": "not_held", "exemptions": []}
    path.write_text("\n".join([json.dumps(good), "{not json", "[1, 2]", "",
                               json.dumps({**good, "id": "J2", "exemptions": "s40(2)"}),
                               json.dumps({**good, "id": "J3", "exemptions": [1]})]) + "\n", encoding="utf-8")
    report = import_log(store, path)
    assert report.imported == 2
    assert [line for line, _ in report.errors] == [2, 3, 6]
    assert Register(store).get_case("J2").exemptions == ["s40(2)"]


def test_dates_in_disclosure_logs():
    assert parse_log_date("2025-09") == date(2025, 9, 1)
    assert parse_log_date("09/2025") == date(2025, 9, 1)
    assert parse_log_date("September 2025") == date(2025, 9, 1)
    assert parse_log_date("15/09/2025") == date(2025, 9, 15)
    assert parse_log_date("") is None
    with pytest.raises(InputError):
        parse_log_date("2025-13")
    with pytest.raises(InputError):
        parse_log_date("soon")


def test_cases_import_command(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite")
    path = tmp_path / "log.csv"
    path.write_text("ref,received,question,outcome,exemptions\nQ1,2024-01-02,Parks budget,granted,\n",
                    encoding="utf-8")
    assert main(["--db", db, "cases", "import", str(path), "--map", "request=question"]) == 0
    assert "Imported 1 case(s); skipped 0" in capsys.readouterr().out
    assert main(["--db", db, "cases", "import", str(path), "--map", "request=question"]) == 0
    assert "Imported 0 case(s); skipped 1" in capsys.readouterr().out
    assert main(["--db", db, "cases", "import", str(path), "--map", "nonsense"]) == 1
    assert "FIELD=COLUMN" in capsys.readouterr().err
    assert main(["--db", db, "cases", "import", str(tmp_path / "missing.csv")]) == 1
    assert "cannot read" in capsys.readouterr().err
