"""What tryout 11 found in the case register, the foibot command and the release check: a case awaiting clarification
vanished from the open list and from `due`; `withdrawn` was a statistics column but no status (and `lapsed` neither);
`stats` counted the outcomes of drafts never sent; `foibot case` never said a late reply was late, and marking it
sent called the lateness a check finding; the README never gave the topics CSV's columns; the release check printed
a masked example twice."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import docx
import pytest
from test_release_fixtures import planted_docx_bytes, planted_workbook_bytes, rewrite_zip, write

from foibot.register.cases import Register
from foibot.register.reminders import pending_reminders
from foibot.register.stats import compute
from foibot.register.store import Store
from foibot.release import check_file, render_text
from foibot.surfaces.cli import main
from foibot.surfaces.foi_command import answer

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, monkeypatch, db: Path, today: str, *argv) -> tuple[int, str, str]:
    monkeypatch.setenv("FOIBOT_TODAY", today)
    try:
        code = main(["--db", str(db), *map(str, argv)])
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def register(db: Path, today: date) -> Register:
    return Register(Store(db), today=lambda: today)


@pytest.fixture
def waiting(tmp_path) -> Path:
    """FOI 2026-1 being drafted (received Mon 2 Mar 2026, due Tue 31 Mar: 17 Mar, St Patrick's Day, is skipped) and
    FOI 2026-2 (received Wed 4 Mar) awaiting the clarification asked for on Tue 10 Mar."""
    db = tmp_path / "r.sqlite"
    reg = register(db, date(2026, 3, 20))
    a = reg.open_case("Minutes of the parking board", who="lead", received=date(2026, 3, 2))
    reg.set_status(a.ref, "drafting", "lead", on=date(2026, 3, 3))
    b = reg.open_case("All the information about the incident in the town centre", who="lead",
                      received=date(2026, 3, 4))
    reg.set_status(b.ref, "awaiting_clarification", "lead", on=date(2026, 3, 10))
    reg.store.close()
    return db


# --- 1. a case awaiting clarification stays in view ---------------------------------------------------------------


def test_a_case_awaiting_clarification_is_in_the_open_list_with_the_day_it_was_asked_for(capsys, monkeypatch, waiting):
    code, out, err = run(capsys, monkeypatch, waiting, "2026-03-20", "cases")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "FOI 2026-1     drafting               due Tue 31 Mar 2026  Minutes of the parking board",
        "FOI 2026-2     awaiting clarification since Tue 10 Mar 2026 (7 working days); no due date until it arrives  "
        "All the information about the incident in the town centre",
    ]
    assert "No open cases." not in out
    _, listed, _ = run(capsys, monkeypatch, waiting, "2026-03-20", "cases", "--status", "awaiting_clarification")
    assert listed.splitlines() == out.splitlines()[1:]


def test_due_lists_the_cases_awaiting_clarification_apart(capsys, monkeypatch, waiting):
    code, out, _ = run(capsys, monkeypatch, waiting, "2026-03-20", "due")
    assert code == 0
    assert out.splitlines() == [
        "FOI digest for Fri 20 Mar 2026: nothing due in the next few working days and nothing overdue.",
        "Awaiting clarification (no due date until it arrives; then 20 working days from that day):",
        "• FOI 2026-2: waiting since Tue 10 Mar 2026 (7 working days)",
    ]
    _, out, _ = run(capsys, monkeypatch, waiting, "2026-03-20", "due", "--within", "10")
    assert out.splitlines() == [
        "FOI digest for Fri 20 Mar 2026",
        "Due soon:",
        "• FOI 2026-1 (drafting): due in 7 working day(s), Tue 31 Mar 2026",
        "Awaiting clarification (no due date until it arrives; then 20 working days from that day):",
        "• FOI 2026-2: waiting since Tue 10 Mar 2026 (7 working days)",
    ]
    _, out, _ = run(capsys, monkeypatch, waiting, "2026-03-20", "due", "--json")
    assert '"asked": "2026-03-10"' in out and '"working_days_waited": 7' in out and '"may_lapse": false' in out


def test_after_60_working_days_without_a_reply_closing_it_as_lapsed_is_suggested_not_before(capsys, monkeypatch,
                                                                                               waiting):
    # Tue 10 Mar + 60 working days (St Patrick's Day, Good Friday, Easter Monday, 4 and 25 May skipped) is Tue 9 Jun
    _, out, _ = run(capsys, monkeypatch, waiting, "2026-06-08", "due", "--within", "0")
    assert out.splitlines()[-1] == "• FOI 2026-2: waiting since Tue 10 Mar 2026 (59 working days)"
    assert "lapsed" not in out
    _, out, _ = run(capsys, monkeypatch, waiting, "2026-06-09", "due", "--within", "0")
    assert out.splitlines() == [
        "FOI digest for Tue 9 Jun 2026",
        "Overdue:",
        "• FOI 2026-1 (drafting): 46 working day(s) overdue, Tue 31 Mar 2026",
        "Awaiting clarification (no due date until it arrives; then 20 working days from that day):",
        "• FOI 2026-2: waiting since Tue 10 Mar 2026 (60 working days); no reply in 60 working days: consider "
        "closing it as lapsed (foibot case 'FOI 2026-2' --status lapsed)",
    ]
    _, out, _ = run(capsys, monkeypatch, waiting, "2026-06-09", "cases")
    assert out.splitlines()[1] == (
        "FOI 2026-2     awaiting clarification since Tue 10 Mar 2026 (60 working days); no due date until it arrives; "
        "no reply in 60 working days: consider closing it as lapsed (foibot case 'FOI 2026-2' --status lapsed)  "
        "All the information about the incident in the town centre")


def test_foibot_case_and_foi_case_say_since_when_it_has_waited(capsys, monkeypatch, waiting, tmp_path):
    code, out, _ = run(capsys, monkeypatch, waiting, "2026-03-20", "case", "2026-2")
    assert code == 0
    details = [
        "FOI 2026-2: awaiting clarification (FOIA)",
        "  received   Wed 4 Mar 2026",
        "  awaiting   clarification since Tue 10 Mar 2026 (7 working days); no due date until it arrives, then 20 "
        "working days from that day",
        "  request    All the information about the incident in the town centre",
    ]
    assert out.splitlines() == details
    from foibot.surfaces.runtime import open_runtime

    rt = open_runtime(waiting, ROOT)
    try:
        said = answer(rt.engine, "case", ["FOI", "2026-2"], "lead", may_view_cases=True, refusal="no")
    finally:
        rt.store.close()
    assert said.splitlines()[:4] == details


# --- 2. withdrawn and lapsed --------------------------------------------------------------------------------------


def test_withdrawn_and_lapsed_end_a_request_are_listed_counted_and_never_due(capsys, monkeypatch, tmp_path):
    db = tmp_path / "r.sqlite"
    reg = register(db, date(2026, 6, 30))
    kept = reg.open_case("Minutes of the parking board", who="lead", received=date(2026, 3, 2))
    gone = reg.open_case("Bins collected late", who="lead", received=date(2026, 3, 5))
    silent = reg.open_case("All the information about the incident", who="lead", received=date(2026, 3, 4))
    reg.set_status(silent.ref, "awaiting_clarification", "lead", on=date(2026, 3, 10))
    reg.store.close()

    code, out, err = run(capsys, monkeypatch, db, "2026-06-30", "case", gone.ref, "--status", "withdrawn", "--on",
                         "2026-03-20")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "FOI 2026-2: withdrawn (FOIA)",
        "  received   Thu 5 Mar 2026",
        "  withdrawn  Fri 20 Mar 2026 (the requester withdrew the request; never due, nor reminded of)",
        "  request    Bins collected late",
    ]
    code, out, err = run(capsys, monkeypatch, db, "2026-06-30", "case", kept.ref, "--status", "lapsed")
    assert (code, out) == (1, "")
    assert err == ("foibot: FOI 2026-1 is new; it can become awaiting_clarification, closed, drafting, in_review, "
                   "sent, withdrawn, not lapsed (a request lapses when the clarification asked for never comes: only "
                   "a case awaiting clarification can lapse)\n")
    code, _, err = run(capsys, monkeypatch, db, "2026-06-30", "case", silent.ref, "--status", "lapsed")
    assert (code, err) == (0, "")

    _, out, _ = run(capsys, monkeypatch, db, "2026-06-30", "cases", "--status", "withdrawn", "--status", "lapsed")
    assert out.splitlines() == [
        "FOI 2026-2     withdrawn              withdrawn Fri 20 Mar 2026  Bins collected late",
        "FOI 2026-3     lapsed                 lapsed Tue 30 Jun 2026  All the information about the incident",
    ]
    _, out, _ = run(capsys, monkeypatch, db, "2026-06-30", "cases")
    assert out.splitlines() == [
        "FOI 2026-1     new                    due Tue 31 Mar 2026  OVERDUE  Minutes of the parking board"]
    _, out, _ = run(capsys, monkeypatch, db, "2026-06-30", "due")
    assert out.splitlines() == ["FOI digest for Tue 30 Jun 2026", "Overdue:",
                                "• FOI 2026-1 (new): 60 working day(s) overdue, Tue 31 Mar 2026"]
    store = Store(db)
    try:
        assert [r.item.ref for r in pending_reminders(store, date(2026, 6, 30))] == ["FOI 2026-1"]
    finally:
        store.close()
    _, out, _ = run(capsys, monkeypatch, db, "2026-06-30", "stats", "--from", "2026-03-01", "--to", "2026-03-31")
    assert out.splitlines()[:3] == [
        "period     received  granted  partial  refused not held     NCND withdrawn lapsed  in time  late  % in time",
        "2026-03           3        0        0        0        0        0         1      1        0     1        0.0",
        "total             3        0        0        0        0        0         1      1        0     1        0.0",
    ]
    code, _, err = run(capsys, monkeypatch, db, "2026-06-30", "case", gone.ref, "--status", "drafting")
    assert code == 1 and err == "foibot: FOI 2026-2 is withdrawn; it can become nothing, not drafting\n"


def test_every_status_list_offers_withdrawn_and_lapsed(capsys, monkeypatch, tmp_path):
    for argv in (("cases", "--status", "bogus"), ("case", "FOI 2026-1", "--status", "bogus")):
        code, _, err = run(capsys, monkeypatch, tmp_path / "r.sqlite", "2026-06-30", *argv)
        assert code == 2
        assert ("'closed', 'withdrawn', 'lapsed')" in err or "closed, withdrawn, lapsed)" in err), err


# --- 3. the register against what happened ------------------------------------------------------------------------


@pytest.fixture
def answered(tmp_path) -> Path:
    """Four March 2026 requests: FOI 2026-1 refused under s43(2) in a draft never sent; FOI 2026-2 granted and sent in
    time; FOI 2026-3 (due Tue 31 Mar) granted and sent on Fri 10 Apr, six working days late (Good Friday and Easter
    Monday skipped), from an approved draft whose check found only that it was dated late, and whose letter apologises;
    FOI 2026-4 refused under s40(2) and sent in time."""
    db = tmp_path / "r.sqlite"
    reg = register(db, date(2026, 4, 10))
    draft = reg.open_case("Parking contracts", who="lead", received=date(2026, 3, 2))
    reg.set_status(draft.ref, "drafting", "lead", on=date(2026, 3, 3))
    reg.record_outcome(draft.ref, "refused", ["s43(2)"], who="lead")
    sent = reg.open_case("Fax machines", who="lead", received=date(2026, 3, 2))
    reg.record_outcome(sent.ref, "granted", who="lead")
    reg.set_status(sent.ref, "sent", "lead", on=date(2026, 3, 20))
    late = reg.open_case("Pothole repairs", who="lead", received=date(2026, 3, 2))
    reg.store.add_draft("conv-late", "Dear Ms Field\nThank you for your request. We are sorry that we did not reply "
                        "within 20 working days, as the Act requires.\n", due="2026-03-31", checks=[
                            {"id": "on-time", "rule": "s10(1)", "message": "The letter is dated 10 April 2026 (due 31 "
                             "March 2026), after the statutory due date."}],
                        created_by="lead", case_ref=late.ref, letter_date="2026-04-10")
    reg.note(late.ref, "lead", "approved", {"value": 1})
    reg.record_outcome(late.ref, "granted", who="lead")
    refused = reg.open_case("Staff names", who="lead", received=date(2026, 3, 2))
    reg.record_outcome(refused.ref, "refused", ["s40(2)"], who="lead")
    reg.set_status(refused.ref, "sent", "lead", on=date(2026, 3, 25))
    reg.store.close()
    return db


def test_marking_a_late_letter_sent_states_the_lateness_and_finds_nothing_to_fix(capsys, monkeypatch, answered):
    code, out, err = run(capsys, monkeypatch, answered, "2026-04-10", "case", "FOI 2026-3", "--status", "sent")
    assert (code, err) == (0, "")  # no "did not pass the statutory check": nothing can make it early
    assert out.splitlines() == [
        "FOI 2026-3: This reply is 6 working days late (it was due Tue 31 Mar 2026); the letter apologises.",
        "FOI 2026-3: sent (FOIA)",
        "  received   Mon 2 Mar 2026",
        "  due        Tue 31 Mar 2026",
        "  sent       Fri 10 Apr 2026; 6 working days late",
        "  review may be asked for until Tue 9 Jun 2026",
        "  outcome    granted; exemptions: none",
        "  request    Pothole repairs",
    ]
    _, out, _ = run(capsys, monkeypatch, answered, "2026-04-10", "case", "FOI 2026-2")
    assert "late" not in out and "  sent       Fri 20 Mar 2026" in out.splitlines()
    _, out, _ = run(capsys, monkeypatch, answered, "2026-04-10", "cases", "--status", "sent")
    assert out.splitlines() == [
        "FOI 2026-2     sent                   sent Fri 20 Mar 2026  Fax machines",
        "FOI 2026-3     sent                   sent Fri 10 Apr 2026  LATE  Pothole repairs",
        "FOI 2026-4     sent                   sent Wed 25 Mar 2026  Staff names",
    ]


def test_a_draft_that_fails_the_check_for_another_reason_still_warns_and_names_that_reason(tmp_path):
    reg = register(tmp_path / "r.sqlite", date(2026, 4, 10))
    case = reg.open_case("Pothole repairs", who="lead", received=date(2026, 3, 2))
    reg.store.add_draft("conv", "Dear Ms Field\nHere it is.\n", due="2026-03-31", checks=[
        {"id": "on-time", "rule": "s10(1)", "message": "The letter is dated 10 April 2026 (due 31 March 2026), after "
                                                         "the statutory due date."},
        {"id": "review-offer", "rule": "s17(7)(a)", "message": "The letter does not offer an internal review."}],
        created_by="lead", case_ref=case.ref, letter_date="2026-04-10")
    reg.set_status(case.ref, "sent", "lead")
    assert reg.sent_warnings(case.ref) == [
        'draft 1 of FOI 2026-1 did not pass the statutory check (1 finding, such as "The letter does not offer an '
        'internal review.")', "draft 1 of FOI 2026-1 was never approved"]
    assert reg.sent_lateness(case.ref) == ("This reply is 6 working days late (it was due Tue 31 Mar 2026); the letter "
                                           "does not apologise for the delay.")
    reg.store.close()


def test_stats_count_the_outcomes_and_exemptions_of_requests_sent_never_of_a_draft(capsys, monkeypatch, answered):
    run(capsys, monkeypatch, answered, "2026-04-10", "case", "FOI 2026-3", "--status", "sent")
    code, out, _ = run(capsys, monkeypatch, answered, "2026-04-10", "stats", "--from", "2026-03-01", "--to",
                       "2026-03-31")
    assert code == 0
    assert out.splitlines() == [
        "period     received  granted  partial  refused not held     NCND withdrawn lapsed  in time  late  % in time",
        "2026-03           4        2        0        1        0        0         0      0        2     2       50.0",
        "total             4        2        0        1        0        0         0      0        2     2       50.0",
        "Exemptions cited: s40 1",
        "Outcomes and exemptions cited: requests answered (marked sent), never a draft's; withdrawn, lapsed: requests "
        "that ended without an answer.",
        "1 case received is not marked sent: no outcome is counted for it, whatever a draft says.",
    ]
    store = Store(answered)
    try:
        total = compute(store, start=date(2026, 3, 1), end=date(2026, 3, 31), today=date(2026, 4, 10)).total
    finally:
        store.close()
    assert (dict(total.outcomes), dict(total.exemptions), total.not_answered) == (
        {"granted": 2, "refused": 1}, {"s40": 1}, 1)


def test_foibot_case_says_late_by_the_rule_stats_count_by(capsys, monkeypatch, tmp_path):
    """A case whose clarification was asked for after its due date is late whenever it is answered (stats count it
    so): `foibot case` says so, and why."""
    db = tmp_path / "r.sqlite"
    reg = register(db, date(2026, 4, 30))
    case = reg.open_case("Pothole repairs", who="lead", received=date(2026, 3, 2))
    reg.set_status(case.ref, "awaiting_clarification", "lead", on=date(2026, 4, 10))
    reg.set_status(case.ref, "drafting", "lead", on=date(2026, 4, 20))
    reg.set_status(case.ref, "sent", "lead", on=date(2026, 4, 30))
    reg.store.close()
    _, out, _ = run(capsys, monkeypatch, db, "2026-04-30", "case", case.ref)
    assert out.splitlines()[4] == (
        "  sent       Thu 30 Apr 2026; late: the clarification was asked for after the due date, Tue 31 Mar 2026: "
        "the request was already late, and counts as late in the statistics")
    _, out, _ = run(capsys, monkeypatch, db, "2026-04-30", "stats", "--from", "2026-03-01", "--to", "2026-03-31")
    assert out.splitlines()[1].split()[-3:] == ["0", "1", "0.0"]


# --- 4. small ones ------------------------------------------------------------------------------------------------


def _topics_paragraph() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("Import your publications into `intents/topics.yaml` (`foibot topics import FILE.csv`")
    return text[start:text.index("\n\n", start)]


def test_the_readme_gives_the_topics_csv_columns_where_it_explains_topics_import(tmp_path):
    from foibot.errors import DataError
    from foibot.knowledge.topic_import import COLUMNS, read_topics_csv

    said = _topics_paragraph()
    assert all(f"`{c}`" in said for c in COLUMNS), said
    needs = re.search(r"every file needs (.+?), and may add", " ".join(said.split()))
    required = re.findall(r"`(\w+)`(?! or)", re.sub(r"\([^)]*\)", "", needs.group(1)))
    assert required == ["id", "title", "status", "summary"]
    row = {"id": "stops", "title": "Stop and search", "status": "published", "summary": "Quarterly figures"}
    csv = write(tmp_path, "ok.csv", (",".join(required) + "\n" + ",".join(row[c] for c in required) + "\n").encode())
    with pytest.raises(DataError, match="published"):  # published needs its date, as the README says
        read_topics_csv(csv)
    for missing in required:
        kept = [c for c in required if c != missing]
        bad = write(tmp_path, f"no-{missing}.csv", (",".join(kept) + "\n" + ",".join(row[c] for c in kept)
                                                    + "\n").encode())
        with pytest.raises(DataError, match=f"needs the columns {missing}"):
            read_topics_csv(bad)


def _one_hidden_run() -> bytes:
    doc = docx.Document()
    doc.add_paragraph("Thank you for your request.")
    doc.add_paragraph().add_run("Officer PC 4521 John Harrison has a warning marker").font.hidden = True
    buf = io.BytesIO()
    doc.save(buf)
    return rewrite_zip(buf.getvalue(), {"docProps/thumbnail.jpeg": None})


def test_the_hidden_text_line_quotes_its_masked_example_once(tmp_path):
    text = render_text(check_file(write(tmp_path, "review.docx", _one_hidden_run())))
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "docx.hidden_text" in line)
    quoted = re.search(r"'(.+)'", lines[at]).group(1)
    assert text.count(quoted) == 1, text
    assert lines[at + 1].strip().startswith("why:"), text


@pytest.mark.parametrize("name, data", [("planted.docx", planted_docx_bytes), ("planted.xlsx", planted_workbook_bytes),
                                        ("one.docx", _one_hidden_run)])
def test_no_e_g_line_repeats_what_its_message_quotes_for_any_kind_of_finding(tmp_path, name, data):
    report = check_file(write(tmp_path, name, data()))
    lines = render_text(report).splitlines()
    for finding in report.findings:
        head = next(line for line in lines if f" {finding.id} @ " in line and finding.message in line)
        follows = (lines[lines.index(head) + 1:] or [""])[0]
        shown = follows.strip().removeprefix("e.g. ").split(", ") if follows.strip().startswith("e.g. ") else []
        assert not [e for e in shown if e in finding.message], (head, follows)
        assert all(e in finding.message or e in shown for e in finding.examples)  # nothing lost


def test_foi_due_gives_what_foibot_due_gives(capsys, monkeypatch, waiting):
    """/foi due (Slack probe 9 found only the help): the same digest as foibot due, with N working days ahead."""
    from foibot.surfaces.runtime import open_runtime

    _, cli, _ = run(capsys, monkeypatch, waiting, "2026-03-20", "due", "--within", "10")
    rt = open_runtime(waiting, ROOT)
    try:
        said = answer(rt.engine, "due", ["10"], "lead", may_view_cases=True, refusal="no")
        default = answer(rt.engine, "due", [], "lead", may_view_cases=True, refusal="no")
        refused = answer(rt.engine, "due", ["soon"], "lead", may_view_cases=True, refusal="no")
        outsider = answer(rt.engine, "due", [], "guest", may_view_cases=False, refusal="not for you")
    finally:
        rt.store.close()
    assert said.splitlines() == cli.splitlines()
    assert default.splitlines()[0] == ("FOI digest for Fri 20 Mar 2026: nothing due in the next few working days and "
                                       "nothing overdue.")
    assert refused == "Usage: /foi due [WORKING DAYS]"
    assert outsider == "not for you"
