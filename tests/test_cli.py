"""The foibot command's documented outputs."""

import json

from foibot.surfaces.cli import main

FIX = "tests/fixtures"


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_suggest_json_shape(capsys, tmp_path):
    code, out, _ = run(capsys, "--db", str(tmp_path / "d.sqlite"), "suggest", f"{FIX}/seed-request.txt", "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data["topics"][0]) == {"id", "title", "score", "why"}
    assert data["topics"][0]["id"] == "peel-spotlight-betrayal"
    assert set(data["exemptions"][0]) >= {"section", "score", "why"}
    assert data["exemptions"][0]["section"] == "s31"
    assert "software" in data["exemptions"][0]["why"]


def test_suggest_takes_the_request_as_text_or_from_stdin(capsys, tmp_path, monkeypatch):
    import io

    db = str(tmp_path / "d.sqlite")
    text = "Please give the locations of every ANPR camera in the county"
    code, out, _ = run(capsys, "--db", db, "suggest", text, "--json")
    typed = json.loads(out)
    assert code == 0 and typed["exemptions"][0]["section"] == "s31"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, _ = run(capsys, "--db", db, "suggest", "-", "--json")
    assert code == 0 and json.loads(out)["exemptions"] == typed["exemptions"]
    code, _, err = run(capsys, "--db", db, "suggest", "no-such-request.txt")
    assert code == 1 and err.strip() == "foibot: cannot read no-such-request.txt: No such file or directory"


def test_para_lists_and_renders(capsys, tmp_path):
    code, out, _ = run(capsys, "para")
    assert code == 0 and "internal-review" in out.split() and "ico-complaint" in out.split()
    code, out, _ = run(capsys, "para", "internal-review")
    assert code == 0 and "internal review" in out and "Chief Operating Officer" in out
    assert "[to be completed: ref]" not in out and "[reference]" in out
    code, _, err = run(capsys, "para", "nonsense")
    assert code == 1 and "there is no paragraph 'nonsense'" in err


def test_exemption_shows_statute_or_its_address(capsys):
    code, out, _ = run(capsys, "exemption", "s22")
    assert code == 0 and "Information intended for future publication" in out and "(1) Information is exempt" in out
    code, out, _ = run(capsys, "exemption", "s36")
    assert "https://www.legislation.gov.uk/ukpga/2000/36/section/36" in out and "not quoted" in out
    assert out.count("section/36") == 1  # the address given once, not twice
    code, _, err = run(capsys, "exemption", "s99")
    assert code == 1 and "knows no exemption" in err


def _scottish(tmp_path):
    """A copy of the shipped data whose profile answers under FOISA."""
    from profiles import copy_profile

    tmp_path.mkdir(parents=True, exist_ok=True)
    return str(copy_profile(tmp_path, regime="foisa"))


def test_a_foia_section_asked_of_a_scottish_authority_names_its_foisa_counterpart(capsys, tmp_path):
    from foibot.surfaces.foi_command import answer
    from foibot.surfaces.runtime import open_runtime

    data, db = _scottish(tmp_path / "scot"), str(tmp_path / "d.sqlite")
    code, _, err = run(capsys, "--data", data, "--db", db, "exemption", "s40")
    assert code == 1 and "knows no exemption 's40' under FOISA" in err
    assert "under FOISA, personal information is section 38(1)(b); try `exemption 38`" in err
    known = err.split("as you may type them: ")[1].strip().split(", ")
    assert "s38" in known and "s40" not in known and not [k for k in known if k.startswith("foisa-")]
    for typed in known:  # every name listed is accepted as written
        assert run(capsys, "--data", data, "--db", db, "exemption", typed)[0] == 0
    code, out, _ = run(capsys, "--data", data, "--db", db, "exemption", "38")
    assert code == 0 and "38(1)(b)" in out and "Scotland" in out
    code, _, err = run(capsys, "--data", data, "--db", db, "exemption", "s41")  # FOISA's counterpart is s36
    assert code == 1 and "under FOISA, confidentiality is section 36" in err
    code, _, err = run(capsys, "--data", data, "--db", db, "exemption", "s99")
    assert code == 1 and "If you mean" not in err
    rt = open_runtime(db, data)  # /foi exemption (Slack and the console) gives the same, as /foi is typed
    try:
        import pytest

        from foibot.errors import InputError

        with pytest.raises(InputError, match=r"section 38\(1\)\(b\); try `/foi exemption 38`"):
            answer(rt.engine, "exemption", ["s40"], "U1", may_view_cases=True, refusal="")
    finally:
        rt.store.close()


def test_release_check_of_a_missing_file_or_a_folder_is_one_line_and_records_nothing(capsys, tmp_path):
    from foibot.register.cases import Register
    from foibot.register.store import Store

    db = tmp_path / "d.sqlite"
    store = Store(db)
    ref = Register(store).open_case("Grit bins", who="al").ref
    store.close()
    for path, words in ((tmp_path / "nope.xlsx", "there is no such file"), (tmp_path, "is a folder, not a file")):
        code, out, err = run(capsys, "--db", str(db), "release-check", str(path), "--case", ref)
        assert (code, out) == (3, "")  # 3: not checked (0 green, 1 amber, 2 red)
        assert err == f"foibot: {path}: {words}. Nothing was checked or recorded.\n"
    store = Store(db)
    assert [e["action"] for e in Register(store).history(ref)] == ["opened"]
    store.close()


def test_case_history_prints_each_entry_in_words(capsys, tmp_path, monkeypatch):
    from foibot.surfaces.runtime import open_runtime

    monkeypatch.setenv("FOIBOT_TODAY", "2026-11-20")
    db = tmp_path / "d.sqlite"
    rt = open_runtime(db)
    ref = rt.register.open_case("Grit bins", who="al").ref
    rt.register.set_status(ref, "drafting", "al")
    words = [e["text"] for e in rt.engine.history(ref).entries]
    rt.store.close()
    code, out, _ = run(capsys, "--db", str(db), "case", ref, "--history")
    assert code == 0 and words and "=" not in out
    lines = out.splitlines()
    for text in words:
        assert [line for line in lines if line.endswith(f" al           {text}")], text
    assert "status new to drafting on Fri 20 Nov 2026" in out


def test_check_exit_status(capsys, tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Under the Freedom of Information Act 2000 we hold the information.\n")
    code, out, _ = run(capsys, "check", str(letter))
    assert code == 3 and "s17(7)(b)" in out
    code, out, _ = run(capsys, "check", str(tmp_path / "missing.txt"))
    assert code == 1


def test_check_of_an_empty_or_binary_file_speaks_of_the_letter(capsys, tmp_path):
    empty, binary = tmp_path / "empty.txt", tmp_path / "blob.txt"
    empty.write_text("")
    binary.write_bytes(b"\x81\x9d\xff not text")  # neither UTF-8 nor Windows-1252 (0x81, 0x9d are unassigned)
    for path, expected in ((empty, f"foibot: {empty}: The letter is empty."),
                           (binary, f"foibot: {binary}: That is not text (it is not valid UTF-8).")):
        code, out, err = run(capsys, "check", str(path))
        assert (code, out, err.strip()) == (1, "", expected) and "request" not in err


def test_deadline_json(capsys):
    code, out, _ = run(capsys, "deadline", "2026-11-10", "--json")
    data = json.loads(out)
    assert code == 0 and data["due"] == "2026-12-09"
    assert {"received", "due", "regime", "skipped"} <= set(data)


def test_cases_without_a_verb_lists_open_cases_nearest_due_first(capsys, tmp_path, monkeypatch):
    from datetime import date

    from foibot.register.cases import Register
    from foibot.register.store import Store

    monkeypatch.setenv("FOIBOT_TODAY", "2026-11-28")
    db = tmp_path / "d.sqlite"
    code, out, _ = run(capsys, "--db", str(db), "cases")
    assert (code, out.strip()) == (0, "No open cases.")
    store = Store(db)
    reg = Register(store, today=lambda: date(2026, 11, 28))
    late = reg.open_case("Speed cameras on the A61", who="al", received=date(2026, 10, 1))
    soon = reg.open_case("Grit bins", who="al", received=date(2026, 11, 20))
    done = reg.open_case("Parking", who="al", received=date(2026, 11, 2))
    reg.set_status(done.ref, "sent", "al", on=date(2026, 11, 3))
    store.close()
    code, out, _ = run(capsys, "--db", str(db), "cases")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].startswith(late.ref) and "OVERDUE" in lines[0] and "Speed cameras" in lines[0]
    assert lines[1].startswith(soon.ref) and "OVERDUE" not in lines[1]
    assert done.ref not in out


def test_deadline_text_and_similar_share_the_views(capsys, tmp_path):
    code, out, _ = run(capsys, "deadline", "10/11/2026")
    assert code == 0 and out.splitlines()[:2] == ["Received: Tue 10 Nov 2026", "Due: Wed 9 Dec 2026 (end of day), "
                                                   "20 working days, FOIA s10(1)"]
    code, out, _ = run(capsys, "--db", str(tmp_path / "e.sqlite"), "similar", "grit bins on my street")
    assert (code, out.strip()) == (0, "No similar past requests in the register.")


def test_a_closed_pipe_ends_quietly_without_a_traceback():
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "foibot.surfaces.cli", "para"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader has gone before foibot writes, as with `foibot para | head -0`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_global_options_work_before_or_after_the_command(capsys, tmp_path):
    after, before = tmp_path / "after.sqlite", tmp_path / "before.sqlite"
    assert run(capsys, "cases", "--db", str(after))[0] == 0
    assert run(capsys, "--db", str(before), "cases")[0] == 0
    assert after.exists() and before.exists()


def test_due_refuses_a_negative_window(capsys, tmp_path):
    import pytest

    with pytest.raises(SystemExit) as stop:
        run(capsys, "--db", str(tmp_path / "d.sqlite"), "due", "--within", "-3")
    assert stop.value.code == 2 and "not a number of working days" in capsys.readouterr().err


def test_an_exemptions_nature_is_its_limbs_and_a_procedural_refusal_is_just_procedural(capsys, tmp_path):
    data, db = _scottish(tmp_path / "scot"), str(tmp_path / "d.sqlite")
    natures = {typed: run(capsys, "--data", data, "--db", db, "exemption", typed)[1].splitlines()[1]
               for typed in ("36(1)", "36(2)", "12")}
    assert natures == {"36(1)": "Qualified, class-based", "36(2)": "Absolute, class-based", "12": "Procedural"}
    assert run(capsys, "exemption", "s31")[1].splitlines()[1] == "Qualified, prejudice-based; NCND: 31(3)"


def test_an_empty_request_is_one_line_saying_what_to_give(capsys):
    code, out, err = run(capsys, "suggest", "")
    assert code == 1 and not out and err.strip().startswith("foibot: no request given")
    assert "Is a directory" not in err and len(err.strip().splitlines()) == 1
