"""The release check in Slack, end to end: the real app against the fake Slack, files shared in a case thread."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakeslack import FakeSlack, validate_blocks
from slack_sdk import WebClient
from slackrig import CHANNEL, OFFICER, SlackRig
from test_release_fixtures import planted_workbook_bytes, redacted_pdf_bytes

from foibot.release import Location, ReleaseLimits, Report, Severity, check_file
from foibot.release.findings import Finding
from foibot.surfaces.release_words import release_words
from foibot.surfaces.slack.release import DownloadError, FileTooLarge, _allowed, _SlackOnlyRedirects, download
from foibot.surfaces.slack.release import report_blocks as build_report

SEED = (Path(__file__).parent / "fixtures" / "seed-request.txt").read_text()
PERSONAL = ("alice.jones@police.example.uk", "Alice Jones", "j.smith@example.org", "VAULT-SECRET", "WHITE-SECRET")


def share(rig: SlackRig, ts: str, name: str, data: bytes, text: str = "") -> None:
    _, envelope = rig.fake.share_file(CHANNEL, OFFICER, name, data, thread_ts=ts, text=text)
    rig.fake.wait_ack(envelope)


def report_for(rig: SlackRig, ts: str, name: str, nth: int = 1) -> dict:
    """The nth report message posted for a file (its fallback text starts with the name)."""
    return rig.fake.wait_for(lambda: ([m for m in rig.bot_posts(ts) if m["text"].startswith(f"{name}: ")]
                                      + [None] * nth)[nth - 1], timeout=15)


def said(rig: SlackRig, ts: str, words: str, timeout: float = 15) -> dict:
    return rig.fake.wait_for(lambda: next((m for m in rig.bot_posts(ts) if words in m["text"]), None), timeout)


def buttons(message: dict) -> list[str]:
    return [e["action_id"] for b in message.get("blocks") or [] if b["type"] == "actions" for e in b["elements"]]


def events(rig: SlackRig, ts: str) -> list[dict]:
    conv = rig.ctx.conversation_in(CHANNEL, ts)["id"]
    return rig.rt.engine.history(conv).entries


def attach(rig: SlackRig, ts: str, *names: str) -> None:
    """The letter gives everything and lists these files (only a file the letter lists goes with it)."""
    conv = rig.ctx.conversation_in(CHANNEL, ts)["id"]
    for path, value in (("held", "yes"), ("disclosure", "full"), ("attachments", list(names))):
        rig.rt.engine.choose(conv, path, value)


def with_draft(rig: SlackRig, ts: str, *attachments: str) -> dict:
    """Answer one question (and list the letter's attachments) and ask for the draft; return the message
    holding the draft's buttons."""
    rig.question(ts, "request_summary")
    rig.reply(ts, "ask about IT monitoring")
    if attachments:
        attach(rig, ts, *attachments)
    rig.reply(ts, "show draft")
    return rig.draft_posts(ts)[-1]


def test_planted_workbook_gives_a_red_report_then_a_clean_copy_then_reviews_let_it_be_sent(rig):
    ts = rig.paste(SEED)
    rig.question(ts, "request_summary")
    share(rig, ts, "planted.xlsx", planted_workbook_bytes())
    report = report_for(rig, ts, "planted.xlsx")
    text = json.dumps(report["blocks"])
    head = report["blocks"][0]["text"]["text"]
    assert head.startswith(":red_circle: *planted.xlsx*: RED, do not send as it is (") and "red" in head
    assert "*Red: do not send until dealt with*" in text and "xlsx.hidden_sheet" in text
    assert "xlsx.pivot_cache" in text and "*Amber: review*" in text
    assert buttons(report) == ["release_clean", "release_reviewed"]
    assert not any(value in text for value in PERSONAL)
    validate_blocks(report["blocks"], 50)
    assert rig.fake.downloads and all(d["authorised"] for d in rig.fake.downloads)
    conv = rig.ctx.conversation_in(CHANNEL, ts)["id"]
    assert rig.rt.engine.answer(conv, "request_summary") is None  # a bare file is not an answer

    rig.click(report, "release_clean", thread_ts=ts)
    said(rig, ts, "Clean copy of *planted.xlsx*")
    names = ("planted.clean.xlsx", "planted.Summary.csv")
    copies = rig.fake.wait_for(lambda: len(found := [f for f in rig.fake.files.values() if f.filename in names
                                                     and f.shared and f.thread_ts == ts]) == 2 and found, timeout=15)
    assert sorted(f.filename for f in copies) == ["planted.Summary.csv", "planted.clean.xlsx"]
    for f in copies:
        assert check_file(f.data, f.filename).overall.value != "red"
        assert not any(value.encode() in f.data for value in PERSONAL)
    clean_report = report_for(rig, ts, "planted.clean.xlsx")
    csv_report = report_for(rig, ts, "planted.Summary.csv")
    assert clean_report["blocks"][0]["text"]["text"].split("*: ")[1].split(",")[0] in ("GREEN", "AMBER")

    draft = with_draft(rig, ts, "planted.xlsx")  # its clean copies answer for it
    rig.click(draft, "draft_sent", thread_ts=ts)
    held = said(rig, ts, "Findings remain")
    assert buttons(held) == ["release_send_anyway", "release_cancel"]
    assert "planted.xlsx" not in held["text"]  # replaced by its clean copy
    assert ("planted.clean.xlsx" in held["text"]) == ("release_reviewed" in buttons(clean_report))
    rig.click(held, "release_cancel", thread_ts=ts)
    rig.fake.wait_for(lambda: "did not mark the response sent" in rig.fake._find(CHANNEL, held["ts"])["text"])
    assert rig.rt.register.case_for_conversation(conv).status != "sent"

    for r in (clean_report, csv_report):
        if "release_reviewed" in buttons(r):
            rig.click(r, "release_reviewed", thread_ts=ts)
            said(rig, ts, f"marked the findings in *{r['text'].split(':')[0]}* reviewed")
    rig.click(draft, "draft_sent", thread_ts=ts)
    said(rig, ts, "marked as sent on")
    history = events(rig, ts)
    [sent] = [e for e in history if e["action"] == "release_sent"]
    assert sent["detail"] == {"files": ["planted.clean.xlsx", "planted.Summary.csv"], "with_findings": [],
                              "confirmed": False} and sent["who"] == OFFICER
    checks = [e["detail"] for e in history if e["action"] == "release_check"]
    assert checks[0]["file"] == "planted.xlsx" and checks[0]["overall"] == "red" and checks[0]["via"] == "slack"
    assert {c["file"] for c in checks if c.get("replaces") == "planted.xlsx"} == {"planted.clean.xlsx",
                                                                                 "planted.Summary.csv"}
    assert not any(value in json.dumps(history) for value in PERSONAL)
    assert rig.rt.register.case_for_conversation(conv).status == "sent"


def test_mark_sent_with_unreviewed_findings_warns_and_send_anyway_is_recorded(rig):
    ts = rig.paste(SEED)
    share(rig, ts, "planted.xlsx", planted_workbook_bytes(), text="ask about IT monitoring")
    report_for(rig, ts, "planted.xlsx")
    conv = rig.ctx.conversation_in(CHANNEL, ts)["id"]
    rig.fake.wait_for(lambda: rig.rt.engine.answer(conv, "request_summary") == "ask about IT monitoring")
    attach(rig, ts, "planted.xlsx")
    rig.reply(ts, "show draft")
    draft = rig.draft_posts(ts)[-1]
    rig.click(draft, "draft_sent", thread_ts=ts)
    held = said(rig, ts, "Findings remain")
    assert "*planted.xlsx*: RED" in held["text"]
    assert rig.rt.register.case_for_conversation(conv).status != "sent"
    rig.click(held, "release_send_anyway", thread_ts=ts)
    said(rig, ts, "marked as sent on")
    updated = rig.fake.wait_for(lambda: "Sent with findings" in rig.fake._find(CHANNEL, held["ts"])["text"]
                                and rig.fake._find(CHANNEL, held["ts"]))
    assert "actions" not in json.dumps(updated["blocks"])  # the buttons are gone
    [sent] = [e["detail"] for e in events(rig, ts) if e["action"] == "release_sent"]
    assert sent == {"files": ["planted.xlsx"], "with_findings": ["planted.xlsx"], "confirmed": True}
    assert rig.rt.register.case_for_conversation(conv).status == "sent"


def test_pdf_clean_copy_is_refused_plainly(rig):
    ts = rig.paste(SEED)
    share(rig, ts, "letter.pdf", redacted_pdf_bytes())
    report = report_for(rig, ts, "letter.pdf")
    assert "pdf.text_under_box" in json.dumps(report["blocks"])
    uploads_before = len(rig.fake.calls("files.completeUploadExternal"))
    rig.click(report, "release_clean", thread_ts=ts)
    message = said(rig, ts, "No clean copy of *letter.pdf*")
    assert "cannot clean a PDF safely" in message["text"] and "re-redact it with a proper redaction tool" in message[
        "text"]
    assert len(rig.fake.calls("files.completeUploadExternal")) == uploads_before


def test_wrong_token_the_fake_refuses_and_foibot_says_so(tmp_path):
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "foibot.sqlite").start(bot_token="xoxb-wrong")
        try:
            ts = rig.paste(SEED)
            share(rig, ts, "planted.xlsx", planted_workbook_bytes())
            message = said(rig, ts, "I could not fetch *planted.xlsx*")
            assert "sign-in page" in message["text"] and "It has not been checked." in message["text"]
            assert fake.downloads and not any(d["authorised"] for d in fake.downloads)
            [check] = [e["detail"] for e in events(rig, ts) if e["action"] == "release_check"]
            assert check["overall"] == "red" and check["inspected"] is False
        finally:
            rig.stop()
        assert not fake.errors


def test_download_refuses_other_hosts_and_stops_at_the_size_limit():
    base = "http://127.0.0.1:9/api/"
    assert _allowed("https://files.slack.com/files-pri/T-F/download/a.xlsx", base)
    assert _allowed("http://127.0.0.1:9/files-pri/T-F/download/a.xlsx", base)
    for url in ("http://files.slack.com/a", "https://slack.com.evil.example/a", "https://evil.example/a"):
        assert not _allowed(url, base)
    with pytest.raises(DownloadError, match="not Slack"):
        _SlackOnlyRedirects(base).redirect_request(None, None, 302, "Found", {}, "https://evil.example/steal")
    with FakeSlack() as fake:
        client = WebClient(token=fake.bot_token, base_url=fake.base_url)
        fake.share_file(CHANNEL, OFFICER, "big.csv", b"a,b\n" * 1000)  # no app connected: the event waits
        fid = next(iter(fake.files))
        name, data = download(client, fid, ReleaseLimits(), fake.base_url)
        assert (name, data) == ("big.csv", b"a,b\n" * 1000)
        with pytest.raises(FileTooLarge):
            download(client, fid, ReleaseLimits(max_file_bytes=100), fake.base_url)
        with pytest.raises(DownloadError, match="file_not_found"):
            download(client, "FNOPE", ReleaseLimits(), fake.base_url)
        assert not fake.errors


def test_a_long_report_stays_inside_block_kit_limits(rt):
    findings = [Finding("personal.email", Severity.AMBER if i % 3 else Severity.RED, Location(sheet=f"S{i}"),
                        "x" * 400 + "<!channel>", "why") for i in range(300)]
    report = Report("huge.xlsx", "xlsx", 10, findings)
    blocks = build_report(release_words(rt.engine.replies), report, "conv", "F1")
    validate_blocks(blocks, 50)
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert len(blocks) <= 50 and all(len(s) <= 3000 for s in sections)
    shown = sum(s.count("• `personal.email`") for s in sections)
    assert 0 < shown <= 20 and f"…and {300 - shown} more findings" in sections[-1]
    assert "<!channel>" not in json.dumps(blocks) and "&lt;!channel&gt;" in json.dumps(blocks)


def test_a_file_checked_for_the_case_but_not_listed_in_the_letter_still_holds_mark_sent(rig):
    """One rule in Slack and the console: every file checked for the case with open findings is a reason to stop,
    listed in the letter or not (it may go with the letter all the same), and says which are not listed."""
    ts = rig.paste(SEED)
    share(rig, ts, "planted.xlsx", planted_workbook_bytes(), text="ask about IT monitoring")
    report_for(rig, ts, "planted.xlsx")
    conv = rig.ctx.conversation_in(CHANNEL, ts)["id"]
    rig.fake.wait_for(lambda: rig.rt.engine.answer(conv, "request_summary") == "ask about IT monitoring")
    rig.reply(ts, "show draft")  # the letter lists no attachment
    rig.click(rig.draft_posts(ts)[-1], "draft_sent", thread_ts=ts)
    held = said(rig, ts, "Findings remain")
    assert held["text"].startswith(":warning: Findings remain in this file checked for FOI ")
    assert "• *planted.xlsx*: RED (not listed in the letter)" in held["text"]
    assert rig.rt.register.case_for_conversation(conv).status != "sent"
    rig.click(held, "release_send_anyway", thread_ts=ts)
    said(rig, ts, "marked as sent on")
    assert rig.rt.register.case_for_conversation(conv).status == "sent"
