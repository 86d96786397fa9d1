"""What 'sent' records as the attachments that went: only the checked files the letter lists (matched by name,
a clean copy answering for the file it replaces), nothing when the letter lists none; and a red file needs its
own review, never only 'reviewed all'. The rules live in ReleaseLog; the console and Slack only word them."""

from __future__ import annotations

from test_release_fixtures import clean_workbook_bytes, planted_workbook_bytes, write

from foibot.conversation.release_log import ReleaseLog
from foibot.release import check_file
from foibot.surfaces.console import Console


def run_console(engine, tmp_path, lines: list[str]) -> tuple[str, list[str]]:
    feed, out, prompts = iter(lines), [], []
    assert Console(engine, read=lambda p: prompts.append(p) or next(feed, None), write=out.append,
                   out_dir=tmp_path).run() == 0
    return "\n".join(out), prompts


def started(engine, seed_request, *attachments: str) -> tuple[str, str, ReleaseLog]:
    """A conversation with a case whose letter gives everything and lists these attachments (none: none)."""
    conv = engine.start(seed_request).conversation_id
    engine.reply(conv, "ask about IT monitoring")
    engine.choose(conv, "held", "yes")
    engine.choose(conv, "disclosure", "full")
    if attachments:
        engine.choose(conv, "attachments", list(attachments))
    log = ReleaseLog(engine.cases.register)
    return conv, log.ref_of(conv), log


def checked(log, ref, tmp_path, name: str, data: bytes, **kw):
    return log.record(ref, check_file(write(tmp_path, name, data), None), who="officer", via="console",
                      source={"path": str(tmp_path / name)}, **kw)


def test_only_the_files_the_letter_lists_are_recorded_as_sent(engine, tmp_path, seed_request):
    conv, ref, log = started(engine, seed_request, "Annex A - anpr.xlsx")
    assert engine.answer(conv, "attachments") == ["Annex A - anpr.xlsx"]
    checked(log, ref, tmp_path, "anpr.xlsx", clean_workbook_bytes())
    checked(log, ref, tmp_path, "my file.xlsx", planted_workbook_bytes())
    checked(log, ref, tmp_path, "anpr.docx", b"not really a document")
    assert [f.name for f in log.going(ref)] == ["anpr.xlsx"]  # the same stem with another extension is not it
    # the files checked but not listed are still reasons to stop at Mark sent (they may go with it)
    assert sorted(f.name for f in log.stopping(ref)) == ["anpr.docx", "my file.xlsx"]
    assert log.record_sent(ref, who="officer", confirmed=False) == ["anpr.xlsx"]
    [sent] = [e["detail"] for e in engine.history(ref).entries if e["action"] == "release_sent"]
    assert sent == {"files": ["anpr.xlsx"], "with_findings": [], "confirmed": False}


def test_a_letter_listing_no_attachments_asks_and_records_nothing(engine, tmp_path, seed_request):
    _, ref, log = started(engine, seed_request)
    checked(log, ref, tmp_path, "anpr.xlsx", planted_workbook_bytes())
    assert log.letter_attachments(ref) == [] and log.going(ref) == []
    assert [f.name for f in log.stopping(ref)] == ["anpr.xlsx"] and log.listed(ref, log.files(ref)[0]) is False
    assert log.record_sent(ref, who="officer", confirmed=False) == []
    assert not [e for e in engine.history(ref).entries if e["action"] == "release_sent"]


def test_a_clean_copy_answers_for_the_file_it_replaces_and_a_description_by_stem_matches(engine, tmp_path,
                                                                                        seed_request):
    _, ref, log = started(engine, seed_request, "planted.xlsx", "Force table")
    checked(log, ref, tmp_path, "planted.xlsx", planted_workbook_bytes())
    checked(log, ref, tmp_path, "planted.clean.xlsx", clean_workbook_bytes(), replaces="planted.xlsx")
    checked(log, ref, tmp_path, "force_table.xlsx", clean_workbook_bytes())
    checked(log, ref, tmp_path, "notes.xlsx", clean_workbook_bytes())
    assert [f.name for f in log.going(ref)] == ["planted.clean.xlsx", "force_table.xlsx"]


def test_a_clean_copy_made_outside_the_chat_answers_for_its_original_by_its_name(engine, tmp_path, seed_request):
    """Tryout 6: 'release-check --clean' wrote falls.clean.xlsx, which checked green, yet Mark sent held on the red
    original the letter lists; a copy named as foibot names clean copies now stands in for it."""
    _, ref, log = started(engine, seed_request, "falls.xlsx")
    checked(log, ref, tmp_path, "falls.xlsx", planted_workbook_bytes())
    assert [f.name for f in log.stopping(ref)] == ["falls.xlsx"]
    copy = checked(log, ref, tmp_path, "falls.clean.xlsx", clean_workbook_bytes())
    assert copy.replaces == "falls.xlsx"
    assert [f.name for f in log.going(ref)] == ["falls.clean.xlsx"] and log.stopping(ref) == []
    other = checked(log, ref, tmp_path, "notes.clean.xlsx", clean_workbook_bytes())  # no notes.xlsx was checked
    assert other.replaces is None


def test_an_attachment_named_by_no_checked_file_keeps_the_unmatched_files_in(engine, tmp_path, seed_request):
    _, ref, log = started(engine, seed_request, "Annex A")  # foibot cannot tell which file Annex A is
    checked(log, ref, tmp_path, "figures.xlsx", planted_workbook_bytes())
    assert [f.name for f in log.stopping(ref)] == ["figures.xlsx"]


def test_reviewed_all_passes_amber_files_but_a_red_file_needs_its_own_review(engine, tmp_path, seed_request):
    _, ref, log = started(engine, seed_request, "red.xlsx", "list.csv")
    checked(log, ref, tmp_path, "red.xlsx", planted_workbook_bytes())
    checked(log, ref, tmp_path, "list.csv", b"Area,Incidents\nNorth,2\nSouth,12\nEast,30\n")
    assert {f.name: f.overall for f in log.stopping(ref)} == {"red.xlsx": "red", "list.csv": "amber"}
    done, red = log.review_all(ref, who="officer")
    assert [f.name for f in done] == ["list.csv"] and [f.name for f in red] == ["red.xlsx"]
    assert [f.name for f in log.stopping(ref)] == ["red.xlsx"]
    log.mark_reviewed(ref, "red.xlsx", who="officer")
    assert log.stopping(ref) == []


def test_console_sent_asks_once_about_every_file_checked_for_the_case(engine, tmp_path, seed_request):
    """Tryout 8 #7: a red file checked for the case but not listed in the letter is a reason to stop too (it may
    be attached whatever the letter lists), asked in the same one question as the check's findings."""
    planted = write(tmp_path, "planted.xlsx", planted_workbook_bytes())
    ok = write(tmp_path, "ok.xlsx", clean_workbook_bytes())
    _, ref, _ = started(engine, seed_request, "ok.xlsx")
    text, prompts = run_console(engine, tmp_path, [
        "y", "show draft", f"release-check {planted} {ok}", "sent", "y", "quit"])
    # the draft so far still has its questions to answer: 'sent' says the check's findings and the file, once
    [asked] = [p for p in prompts if p.startswith("Before marking it sent:")]
    assert "the statutory check still has" in asked and "never release-checked" not in asked
    assert "planted.xlsx: RED (" in asked and "not listed in the letter" in asked and "ok.xlsx" not in asked
    [sent] = [e["detail"] for e in engine.history(ref).entries if e["action"] == "release_sent"]
    assert sent == {"files": ["ok.xlsx"], "with_findings": [], "confirmed": True}
