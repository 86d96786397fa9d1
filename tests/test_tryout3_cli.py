"""A second new user's tryout of suggestions, the register and the foibot command (report 3, items 5, 6, 8, 12,
13, 14): FOISA suggestions by name and only where they fit, notes that fit the kind of authority, case references
typed loosely, no status in the future, a parent case not closed over its open review, one-line argument errors,
and section 35 explained to a council or a police force."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from profiles import copy_profile

from foibot.errors import InputError
from foibot.register.cases import Register
from foibot.register.store import Store
from foibot.surfaces.cli import main
from foibot.surfaces.foi_command import answer
from foibot.surfaces.runtime import open_runtime

ROOT = Path(__file__).resolve().parent.parent
MINUTES = ("Under the Freedom of Information (Scotland) Act 2002 please send me the minutes of all meetings of the "
           "city centre regeneration board held in 2026, and the consultancy contract with Braeside Partners "
           "including the day rates.")
NHS = ("I am writing to request under FOI the number of never events recorded at the trust in 2025, broken down by "
       "type, and a copy of the serious incident investigation report for the retained swab incident at Riverside "
       "General in March 2025.")


def profile(tmp_path: Path, kind: str, regime: str = "foia") -> str:
    """A copy of the shipped data for an authority of this type under this law."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    return str(copy_profile(tmp_path, type=kind, regime=regime))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse leaves through exit()
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def rt(tmp_path_factory):
    runtime = open_runtime(tmp_path_factory.mktemp("s") / "s.sqlite", ROOT)
    yield runtime
    runtime.store.close()


# --- 5: FOISA suggestions ----------------------------------------------------------------------


def test_a_scottish_council_is_offered_foisa_sections_by_name_never_s29(rt):
    got = rt.suggest(MINUTES, authority_type="council", regime="foisa").exemptions
    keys = [e.key for e in got]
    assert not [e for e in got if e.label.startswith("FOISA section")], [(e.key, e.label) for e in got]
    assert not [k for k in keys if k.startswith(("foisa-s29", "s35"))], keys  # Scottish Administration only
    by_key = {e.key: e.label for e in got}
    assert by_key.get("foisa-s36", "Confidentiality").startswith("Confidentiality")  # drafted: no "by hand"
    for e in got:  # a section foibot cannot draft says so; one it can does not
        assert ("write this part by hand" in e.label) == (e.key.split("(")[0] not in rt.kb.exemptions), e


def test_section_35_is_never_offered_to_a_council_or_police_but_still_to_a_department(rt):
    text = "Please send the submissions to ministers on the development of the new policy on bus franchising."
    for kind in ("council", "police", "health"):
        assert not [e for e in rt.suggest(text, authority_type=kind).exemptions if e.key.startswith("s35")], kind
    assert any(e.key.startswith("s35") for e in rt.suggest(text, authority_type="central_government").exemptions)


def test_an_unknown_exemption_in_an_answers_file_lists_the_profiles_law_as_typed(capsys, tmp_path):
    data = profile(tmp_path / "scot", "council", "foisa")
    request, answers = tmp_path / "r.txt", tmp_path / "a.json"
    request.write_text(f"Dear Council,\n\n{MINUTES}\n\nYours sincerely,\nFiona MacLeod\n", encoding="utf-8")
    answers.write_text(json.dumps({"requester_name": "Fiona MacLeod", "received": "2026-11-02", "held": "yes",
                                   "request_summary": "ask for board minutes", "disclosure": "none",
                                   "exemptions": ["FOISA s42(1)"]}), encoding="utf-8")
    code, _, err = run(capsys, "--data", data, "--db", str(tmp_path / "d.sqlite"), "draft", str(request),
                       "--answers", str(answers))
    assert code == 1 and err.startswith("foibot knows no exemption 'FOISA s42(1)' under FOISA.")
    known = err.split("as you may type them: ")[1].strip().split(", ")
    assert "s38" in known and not [k for k in known if k.startswith(("foisa-", "r12", "r13"))], known
    assert "s40" not in known and len(err.strip().splitlines()) == 1


def test_exemption_lists_the_profiles_law_only_and_never_says_foibot_twice(capsys, tmp_path):
    db = str(tmp_path / "d.sqlite")
    code, out, _ = run(capsys, "--db", db, "exemption")
    names = [line.split(":")[0] for line in out.splitlines()]
    assert code == 0 and names[0] == "s12" and "s40" in names and "r12(5)(e)" in names
    assert not [n for n in names if n.startswith("foisa-")], names
    scot = profile(tmp_path / "scot", "council", "foisa")
    code, out, _ = run(capsys, "--data", scot, "--db", db, "exemption")
    assert code == 0 and out.splitlines()[0].startswith("s12: Excessive cost of compliance")
    assert not [line for line in out.splitlines() if line.startswith(("foisa-", "r1", "s40"))]
    code, _, err = run(capsys, "--data", scot, "--db", db, "exemption", "42")
    assert code == 1 and err.startswith("foibot knows no exemption '42' under FOISA.") and "foibot: foibot" not in err
    code, out, _ = run(capsys, "--data", scot, "--db", db, "exemption", "12")
    assert code == 0 and "Freedom of Information (Scotland) Act 2002" in out  # FOISA's own section 12


# --- 6: fit to the kind of authority ------------------------------------------------------------


def test_an_nhs_trust_is_not_led_to_s30_nor_given_police_advice(rt):
    nhs = rt.suggest(NHS, authority_type="health")
    keys = [e.key for e in nhs.exemptions[:3]]
    assert not [k for k in keys if k.startswith("s30")], keys
    assert {"s40(2)", "s41"} <= set(keys) or "s40(2)" in keys
    notes = " ".join(nhs.notes)
    assert "IOPC" not in notes and "force" not in notes, notes
    police = rt.suggest(NHS, authority_type="police")
    assert [e.key for e in police.exemptions[:3] if e.key.startswith("s30")]  # a force investigates offences
    assert "IOPC" in " ".join(police.notes)
    inspectorate = rt.suggest(NHS, authority_type="inspectorate")
    assert "a force or the IOPC" in " ".join(inspectorate.notes)  # the note written for an inspectorate


def test_notes_by_type_and_authority_fit_are_checked_naming_the_file_and_line(capsys, tmp_path):
    from foibot.errors import DataError
    from foibot.suggest.priors import load_priors

    data = Path(profile(tmp_path / "d", "council"))
    priors = data / "intents" / "priors.yaml"
    priors.write_text(priors.read_text(encoding="utf-8").replace("rarely: [health]", "rarely: [hospital]"),
                      encoding="utf-8")
    with pytest.raises(DataError, match=r"priors.yaml.*'hospital' is not an authority type"):
        load_priors(priors)
    shutil.copy(ROOT / "intents" / "priors.yaml", priors)
    intents = data / "intents" / "intents.yaml"
    intents.write_text(intents.read_text(encoding="utf-8").replace("  notes_by_type:\n    inspectorate:",
                                                                   "  notes_by_type:\n    inspectors:", 1),
                       encoding="utf-8")
    with pytest.raises(DataError, match=r"intents.yaml.*'inspectors' is not an authority type"):
        open_runtime(tmp_path / "x.sqlite", data)
    code, _, err = run(capsys, "--data", str(data), "--db", str(tmp_path / "x.sqlite"), "check-data")
    assert code == 1 and "intents/intents.yaml:" in err and "'inspectors' is not an authority type" in err


# --- 8, 12: the register -------------------------------------------------------------------------


@pytest.fixture
def reg(tmp_path):
    store = Store(tmp_path / "r.sqlite")
    yield Register(store, today=lambda: date(2026, 11, 20))
    store.close()


def test_a_case_is_found_whatever_its_capitals_punctuation_or_prefix(reg):
    ref = reg.open_case("Please send the fax machine count.", who="alice", received=date(2026, 11, 2)).ref
    assert ref == "FOI 2026-1"
    for typed in ("foi 2026-1", "FOI-2026-1", "FOI_2026_1", "2026-1", "FOI 2026-001", " foi 2026 1 "):
        assert reg.require(typed).ref == ref, typed
    with pytest.raises(InputError, match="no case '1'"):
        reg.require("1")  # a bare number could be any year's
    row = dict(next(reg.store.db["cases"].rows_where("ref = ?", [ref])), ref="DP 2026-1")
    reg.store.db["cases"].insert(row)  # another series numbered the same way
    with pytest.raises(InputError, match="could be DP 2026-1, FOI 2026-1: type the whole reference"):
        reg.require("2026-1")
    assert reg.require("dp-2026-1").ref == "DP 2026-1"


def test_foibot_case_and_foi_case_take_the_reference_as_the_word_file_spells_it(capsys, tmp_path):
    db = tmp_path / "d.sqlite"
    rt = open_runtime(db, ROOT)
    try:
        ref = rt.register.open_case("Please send the fax count.", who="alice", received=date(2026, 11, 2)).ref
        text = answer(rt.engine, "case", ["foi-2026-1"], "U1", may_view_cases=True, refusal="")
        assert text.startswith(f"{ref}: new")
    finally:
        rt.store.close()
    code, out, _ = run(capsys, "--db", str(db), "case", "foi 2026-1")
    assert code == 0 and out.startswith(f"{ref}: new")


def test_a_status_dated_in_the_future_is_refused(reg, monkeypatch, capsys, tmp_path):
    ref = reg.open_case("Please send the fax count.", who="alice", received=date(2026, 11, 2)).ref
    with pytest.raises(InputError, match="2026-11-25 is in the future \\(today is 2026-11-20\\)"):
        reg.set_status(ref, "sent", "alice", on=date(2026, 11, 25))
    assert reg.require(ref).status == "new"
    monkeypatch.setenv("FOIBOT_TODAY", "2026-11-20")  # the command reads today from FOIBOT_TODAY
    db = str(tmp_path / "d.sqlite")
    rt = open_runtime(db, ROOT)
    rt.register.open_case("Please send the fax count.", who="alice", received=date(2026, 11, 2))
    rt.store.close()
    code, _, err = run(capsys, "--db", db, "case", "2026-1", "--status", "sent", "--on", "2026-11-25")
    assert code == 1 and "is in the future (today is 2026-11-20)" in err


def test_a_case_is_not_closed_over_its_open_internal_review(reg):
    ref = reg.open_case("Please send the fax count.", who="alice", received=date(2026, 11, 2)).ref
    reg.set_status(ref, "sent", "alice", on=date(2026, 11, 10))
    reg.set_status(ref, "internal_review", "alice", on=date(2026, 11, 18))
    with pytest.raises(InputError, match=r"FOI 2026-1 cannot be closed while its internal review is still open: "
                                         r"FOI 2026-1/IR \(new\)\. .*close it first"):
        reg.set_status(ref, "closed", "alice")
    reg.set_status(f"{ref}/IR", "closed", "alice")
    assert reg.set_status(ref, "closed", "alice").status == "closed"


# --- 13: argument errors -------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [("due", "--within", "abc"), ("case", "FOI 2026-1", "--status", "bogus"),
                                  ("topics", "bogus"), ("nonsense",)])
def test_an_argument_error_is_one_line_not_a_usage_block(capsys, tmp_path, argv):
    code, _, err = run(capsys, "--db", str(tmp_path / "d.sqlite"), *argv)
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith("foibot: "), err
    assert "usage:" not in err and "--help" in err


# --- 14: section 35 for a council or a police force -----------------------------------------------


@pytest.mark.parametrize("kind,body", [("council", "a council"), ("police", "a police force")])
def test_section_35_shown_to_a_council_or_force_says_it_is_for_government_departments(capsys, tmp_path, kind, body):
    data = profile(tmp_path / kind, kind)
    db = str(tmp_path / "d.sqlite")
    code, out, _ = run(capsys, "--data", data, "--db", db, "exemption", "35")
    said = f"only by a government department or the Welsh Government, not by {body}"
    assert code == 0 and said in out.splitlines()[0] and "section 36" in out.splitlines()[0]
    rt = open_runtime(db, data)
    try:
        assert said in answer(rt.engine, "exemption", ["35"], "U1", may_view_cases=True, refusal="")
        assert said not in answer(rt.engine, "exemption", ["36"], "U1", may_view_cases=True, refusal="")
    finally:
        rt.store.close()
    code, out, _ = run(capsys, "--data", profile(tmp_path / "govt", "central_government"), "--db", db,
                       "exemption", "35")
    assert code == 0 and "Welsh Government" not in out.splitlines()[0]


def test_readme_documents_due_today_and_lists_the_foisa_exemptions_foibot_drafts(rt):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`foibot due [--within N] [--today DATE]" in readme
    rows = {line.split("|")[1].strip(): line.split("|")[4].strip() for line in readme.splitlines()
            if line.startswith("| refusal or part refusal, qualified") or line.startswith("| absolute (no public")}
    for row, kind in (("refusal or part refusal, qualified (public interest test in Annex A)", "qualified"),
                      ("absolute (no public interest test)", "absolute")):
        drafted = sorted((e.section.removeprefix("foisa-") for e in rt.kb.exemptions.values()
                          if e.regime == "foisa" and e.type == kind), key=lambda s: int(s[1:]))
        assert rows[row] == ", ".join(drafted), (row, drafted)
