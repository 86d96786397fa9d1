"""Answers files are validated against the questions: clear errors naming the key, warnings for unknown keys."""

import json
from pathlib import Path

import pytest

from foibot.conversation.answers import validate
from foibot.errors import InputError
from foibot.surfaces.cli import main


def _problems(answers, kb) -> str:
    with pytest.raises(InputError) as caught:
        validate(answers, kb)
    return str(caught.value)


def test_an_impossible_date_is_an_error_naming_the_key(kb):
    message = _problems({"received": "2024-02-30"}, kb)
    assert "'received'" in message and "2024-02-30" in message and "Traceback" not in message


def test_refusing_with_no_exemption_is_impossible(kb):
    message = _problems({"held": "yes", "disclosure": "none", "exemptions": []}, kb)
    assert "'exemptions'" in message and "section 17(1)(b)" in message
    assert "neither confirms nor denies" in _problems({"held": "ncnd"}, kb)
    part = _problems({"held": "yes", "parts": [{"text": "a"}, {"text": "b", "disclosure": "none"}]}, kb)
    assert "'parts[2].exemptions'" in part


def test_probably_is_not_a_likelihood(kb):
    message = _problems({"held": "yes", "exemptions": ["s31(1)(a)"], "s31": {"likelihood": "probably"}}, kb)
    assert "'s31.likelihood'" in message and "would_be_likely" in message and "'probably'" in message
    eir = _problems({"regime": "eir", "held": "yes", "exemptions": ["r12(5)(e)"],
                     "r12(5)(e)": {"likelihood": "would_be_likely"}}, kb)
    assert "adversely affect" in eir


def test_unknown_keys_are_warnings_with_the_nearest_known_key(kb):
    warnings = validate({"recieved": "2024-02-01", "held": "yes", "exemptions": ["s31(1)(a)"],
                         "s31": {"pit_agianst": ["x"], "likelihood": "would"}}, kb)
    assert "unknown key 'recieved' is ignored; did you mean 'received'?" in warnings
    assert "unknown key 's31.pit_agianst' is ignored; did you mean 'pit_against'?" in warnings
    assert validate({"held": "yes", "disclosure": "full", "received": "2024-02-01"}, kb) == []


def test_several_problems_are_reported_together(kb):
    message = _problems({"held": "maybe", "disclosure": "some", "exemptions": ["s99"], "regime": "scots"}, kb)
    for key in ("'held'", "'disclosure'", "'exemptions'", "'regime'"):
        assert key in message


def test_cli_draft_gives_a_clear_error_not_a_traceback(tmp_path, capsys):
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"received": "2024-02-30", "held": "yes", "disclosure": "none"}))
    request = tmp_path / "r.txt"
    request.write_text("Please send me the figures.")
    code = main(["--db", str(tmp_path / "db.sqlite"), "draft", str(request), "--answers", str(answers)])
    err = capsys.readouterr().err
    assert code != 0
    assert "'received'" in err and "'exemptions'" in err and "Traceback" not in err


@pytest.mark.parametrize("citations", [["s23(5)", "s24(2)"], ["s30(3)"], ["s43(3)"], ["s40(5A)"],
                                       ["s40(5B)(a)(i)"]])
def test_neither_confirm_nor_deny_provisions_are_valid_citations(kb, citations):
    """The README's NCND citations pass validation as their exemptions, and 'advice' is a known key."""
    assert validate({"held": "ncnd", "exemptions": citations, "advice": "You may wish to ask the court."}, kb) == []


def test_cli_drafts_a_police_ncnd_under_s23_5_and_s24_2(tmp_path, capsys):
    fixtures = Path(__file__).parent / "fixtures" / "answers"
    code = main(["--db", str(tmp_path / "db.sqlite"), "draft", str(fixtures / "request-parts.txt"), "--answers",
                 str(fixtures / "review" / "police-parts-ncnd-s23-s24-and-disclosure.json")])
    out = capsys.readouterr()
    assert code == 0 and "warning" not in out.err.lower()
    assert "section 23(5) or, in the alternative, section 24(2)" in out.out


def test_a_date_written_as_a_number_is_iso_basic_or_refused(engine):
    from foibot.law.dates import parse_date

    assert parse_date("20250210").isoformat() == "2025-02-10"  # not 2 October
    with pytest.raises(InputError, match="not a real date"):
        parse_date("20251302")
    assert engine.draft_answers("Please send the figures.", {"received": 20250210, "held": "yes", "disclosure": "full",
                                                              "disclosed": "the figures", "letter_date": "2025-03-03",
                                                              "requester_name": "Sam"}).due.received.isoformat() == \
        "2025-02-10"
    with pytest.raises(InputError, match="must be an object"):
        engine.draft_answers("Please send the figures.", ["held", "yes"])


def test_a_letter_without_the_received_date_shows_the_gap_and_fails_its_check(tmp_path, capsys):
    request, answers = tmp_path / "request.txt", tmp_path / "answers.json"
    request.write_text("Please tell me how many ANPR cameras you operate.", encoding="utf-8")
    full = json.loads((Path(__file__).parent / "fixtures" / "answers" / "eir-full.json").read_text(encoding="utf-8"))
    answers.write_text(json.dumps({k: v for k, v in full.items() if k != "received"}), encoding="utf-8")
    main(["draft", str(request), "--answers", str(answers), "--db", str(tmp_path / "cli.sqlite")])
    printed = capsys.readouterr()
    assert "Thank you for your request of [to be completed: received]" in printed.out
    assert "Answers still missing: received" in printed.out + printed.err
    assert "Statutory check passed" not in printed.out + printed.err
