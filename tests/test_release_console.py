"""The release check in the console: check files in a case, mark findings reviewed, and the y/N at 'sent'."""

from __future__ import annotations

import json

from test_release_fixtures import clean_workbook_bytes, planted_workbook_bytes, write
from test_release_sent import started

from foibot.conversation.release_log import REVIEWED
from foibot.surfaces.console import Console


def run_console(engine, tmp_path, lines: list[str]) -> tuple[str, list[str]]:
    feed = iter(lines)
    out: list[str] = []
    prompts: list[str] = []

    def read(prompt: str) -> str | None:
        prompts.append(prompt)
        return next(feed, None)

    assert Console(engine, read=read, write=out.append, out_dir=tmp_path).run() == 0
    return "\n".join(out), prompts


def case_events(engine) -> tuple[str, list[dict]]:
    ref = engine.store.db.execute("select ref from cases").fetchone()[0]
    return ref, engine.history(ref).entries


def files(tmp_path):
    return write(tmp_path, "planted.xlsx", planted_workbook_bytes()), write(tmp_path, "ok.xlsx", clean_workbook_bytes())


def test_findings_hold_sent_until_reviewed_and_the_history_records_it(engine, tmp_path, seed_request):
    planted, ok = files(tmp_path)
    started(engine, seed_request, "planted.xlsx", "ok.xlsx")  # the letter lists both: both go with it
    text, prompts = run_console(engine, tmp_path, [
        "y", "show draft", f"release-check {planted}", f"check file '{ok}'",
        "sent", "n", "reviewed planted.xlsx", "sent", "y", "quit"])  # one question each time: the draft so far has
    # check findings, and the first time planted.xlsx too
    ref, events = case_events(engine)
    assert "planted.xlsx: RED — do not send as it is" in text and "xlsx.hidden_sheet" in text
    assert "ok.xlsx: GREEN" in text and f"Recorded in the history of {ref}." in text
    asked = [p for p in prompts if p.startswith("Before marking it sent:")]
    assert len(asked) == 2 and all("the statutory check still has" in p for p in asked)
    assert "\n  - planted.xlsx: RED (" in asked[0] and "planted.xlsx" not in asked[1]  # the second time: reviewed
    assert "Not marked sent." in text and "Findings in planted.xlsx marked reviewed (RED)." in text
    assert f"{ref} marked as sent on" in text
    actions = [e["action"] for e in events]
    # 2 checks by hand, both files again at each 'sent'
    assert actions.count("release_check") == 6 and actions.count("release_reviewed") == 1
    assert actions.count("sent") == 1 and actions.count("release_sent") == 1
    [sent] = [e["detail"] for e in events if e["action"] == "release_sent"]
    assert sent == {"files": ["planted.xlsx", "ok.xlsx"], "with_findings": [], "confirmed": False}
    first = next(e["detail"] for e in events if e["action"] == "release_check")
    assert first["file"] == "planted.xlsx" and first["overall"] == "red" and first["via"] == "console"
    assert first["counts"]["red"] >= 5 and "xlsx.pivot_cache" in first["findings"]
    stored = json.dumps(events)
    for value in ("alice.jones", "Alice Jones", "j.smith@example.org", "VAULT-SECRET", "WHITE-SECRET"):
        assert value not in stored  # counts and ids only, never the personal data found
    assert engine.cases.register.require(ref).status == "sent"


def test_send_anyway_is_recorded_with_the_files_still_open(engine, tmp_path, seed_request):
    planted, ok = files(tmp_path)
    started(engine, seed_request, "planted.xlsx", "ok.xlsx")
    text, _ = run_console(engine, tmp_path, [
        "y", "show draft", f"release-check {planted} {ok}", "sent", "y", "quit"])
    ref, events = case_events(engine)
    [sent] = [e for e in events if e["action"] == "release_sent"]
    assert sent["detail"] == {"files": ["planted.xlsx", "ok.xlsx"], "with_findings": ["planted.xlsx"],
                              "confirmed": True}
    assert sent["who"] and f"{ref} marked as sent on" in text


def test_a_file_changed_after_review_must_be_reviewed_again(engine, tmp_path, seed_request):
    planted = write(tmp_path, "list.csv", b"Area,Count\nNorth,12\n")
    started(engine, seed_request, "list.csv")
    text, prompts = run_console(engine, tmp_path, [
        "y", "show draft", f"release-check {planted}", "reviewed all", "quit"])
    assert "list.csv: GREEN" in text
    planted.write_bytes(b"Name,Email\nAnn,ann@example.org\n")
    conv = engine.store.open_conversations()[0]["id"]
    feed = iter(["y", f"release-check {planted}", "sent", "", "quit"])
    out: list[str] = []
    asked: list[str] = []
    Console(engine, read=lambda p: asked.append(p) or next(feed, None), write=out.append, out_dir=tmp_path).run()
    assert any("\n  - list.csv: " in p for p in asked)  # the new result was never reviewed
    assert "Not marked sent." in "\n".join(out)  # Enter means No
    assert engine.store.conversation(conv)


def test_hostile_or_missing_files_give_a_report_not_a_traceback(engine, tmp_path, seed_request):
    bomb = write(tmp_path, "bomb.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    text, _ = run_console(engine, tmp_path, seed_request.splitlines() + [
        ".", f"release-check {bomb} {tmp_path / 'missing.xlsx'}", "check file", "reviewed nothing.xlsx", "quit"])
    assert "bomb.xlsx: RED" in text and "missing.xlsx: RED" not in text
    assert engine.replies.render("console-no-such-file", path=str(tmp_path / "missing.xlsx"), folder=False) in text
    assert "Say which file: release-check FILE" in text
    assert "no file called 'nothing.xlsx' has been checked in this case" in text
    assert "Traceback" not in text


def test_a_mistyped_file_name_is_one_line_and_records_nothing(engine, tmp_path, seed_request):
    text, prompts = run_console(engine, tmp_path, seed_request.splitlines() + [
        ".", "ask about IT monitoring", "show draft", "release-check /tmp/nope-not-there.xlsx",
        f"check file {tmp_path}", "sent", "y", "quit"])
    ref, events = case_events(engine)
    missing = engine.replies.render("console-no-such-file", path="/tmp/nope-not-there.xlsx", folder=False)
    assert missing in text and len(missing.splitlines()) == 1
    assert engine.replies.render("console-no-such-file", path=str(tmp_path), folder=True) in text
    assert "nope-not-there.xlsx: RED" not in text and "cannot be opened" not in text
    assert f"Recorded in the history of {ref}" not in text
    assert not [e for e in events if e["action"].startswith("release_check")]  # nothing recorded
    assert not [p for p in prompts if "release check still has" in p]  # so nothing holds 'sent'
    assert f"{ref} marked as sent on" in text


def test_reviewed_all_never_waves_a_red_file_through(engine, tmp_path, seed_request):
    planted = write(tmp_path, "planted.xlsx", planted_workbook_bytes())
    started(engine, seed_request, "planted.xlsx")
    text, _ = run_console(engine, tmp_path, ["y", "show draft", f"release-check {planted}", "reviewed all", "quit"])
    assert "planted.xlsx: RED" in text
    assert "Findings in planted.xlsx marked reviewed" not in text
    assert "planted.xlsx is RED" in text and "reviewed planted.xlsx" in text
    ref = engine.store.db.execute("select ref from cases").fetchone()[0]
    assert not [e for e in engine.history(ref).entries if e["action"] == REVIEWED]
