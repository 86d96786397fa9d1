"""A ninth Slack probe, through the fake Slack: what an FOI team does that the eight before did not try. The
internal review in Slack (the requester's request pasted into the sent case's thread, answered by another officer,
the review on App Home and in the reminders, a review of a case never sent); an officer's own version of the letter,
pasted back or shared as a Word file ("here's my version"); the register at volume (150 open cases, 85 due or
overdue: the digest and App Home); files (three in one message, a download that breaks off, a Word file whose
upload fails after ``files.getUploadURLExternal`` succeeded); two foibot processes on one database running the
digest and reminders at once. Each test pins what is posted (in the thread, at the top of the channel, to one
person only) and what is not.

Fixed in the Slack surface: a review request pasted in the thread of the case it reviews (marked sent) was told
"FOI 2019-1 is closed… Nothing was changed." to its writer alone and opened nothing (now the review opens in a
thread of its own, linked both ways: ``cases.review_in_case_thread``); a review's due date was missing on App
Home ("no due date yet") and its reminders went to the sent case's thread, not the review's (the register links a
review case to the case it reviews; now the review's own conversation is found by its reference); an officer's own
version of the letter, pasted or as a Word file, was answered "I am not waiting for an answer" (now read with the
statutory check, the thread says what it found and how it differs from the draft, which is kept as it was:
``release.own_version_checked``); the digest was cut at 2,900 characters, so with 85 cases due or overdue 40 were
dropped without a word (now posted whole, in sections); App Home named only 20 of the cases past the first 30
(now every one that fits: 120); a download that broke off half-way was checked as if it were the whole file
(a CSV's personal data in the unread half, and the report said AMBER for small counts only; now the download is
refused and the file recorded as not checked); a Word file whose bytes Slack refused at the ``upload_url`` left
the draft without its file and without a word (now said, as for any other refused upload); two processes on one
database posted the digest and every reminder twice (now one process posts each: a lease in ``slack_sending``).
The fake learnt three things Slack does: a file's private URL is a valid URL (its name %-escaped; before, a name
with a space broke foibot's download, which now also escapes defensively), several files in one message, and
faults at the download and at the ``upload_url``.
"""

from __future__ import annotations

import io
import re
import threading
import time
from datetime import date, timedelta
from typing import Any

import docx
from fakeslack import FakeSlack
from fakeslack.payloads import app_home_opened
from slackrig import CHANNEL, OFFICER, SlackRig, answer_by_text
from test_release_fixtures import clean_docx_bytes, clean_pdf_bytes, planted_workbook_bytes
from test_slack_probe2 import SICKNESS, posts_after, quiet, shown

from foibot.conversation.release_log import ReleaseLog
from foibot.register.reminders import digest
from foibot.surfaces.slack.reminders import send_reminders

OFFICER2 = "U_OFFICER2"  # the reviewer
REVIEW = ("From: Sam Lee <sam@example.org>\n\nI am writing to request an internal review of FOI 2019-1. I am not "
          "satisfied with your response.")
NAMELESS = ("From: Sam Lee <sam@example.org>\n\nI am not happy with your response: you have not told me how many "
            "officers were on long-term sick leave by rank, which is what I asked. Please carry out an internal "
            "review.")


def texts(messages: list[dict[str, Any]]) -> list[str]:
    return [m.get("text") or "" for m in messages]


def top_level(rig: SlackRig) -> list[dict[str, Any]]:
    return [m for m in rig.fake.messages(CHANNEL) if m.get("bot_id") and m.get("thread_ts") in (None, m["ts"])]


def sent_case(rig: SlackRig) -> str:
    """FOI 2019-1, drafted and marked sent by the first officer from the draft's button."""
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rig.reply(ts, "ask about sickness absence")
    rig.reply(ts, "show draft")
    rig.fake.wait_for(lambda: rig.draft_posts(ts))
    quiet(rig, ts)
    rig.click(rig.draft_posts(ts)[-1], "draft_sent", thread_ts=ts)
    rig.fake.wait_for(lambda: any("marked as sent" in t for t in texts(rig.bot_posts(ts))))
    quiet(rig, ts)
    return ts


def review_thread(rig: SlackRig) -> str:
    root = rig.fake.wait_for(lambda: next((m for m in top_level(rig) if m["text"].startswith("Internal review ")),
                                          None), 10)
    return root["ts"]


def case(rig: SlackRig, ref: str) -> Any:
    return rig.rt.register.get_case(ref)


# --- 1. the internal review in Slack ------------------------------------------------------------------------


def test_a_review_request_pasted_in_the_sent_cases_thread_opens_the_review_in_a_thread_of_its_own(rig):
    ts = sent_case(rig)
    before, tops = quiet(rig, ts), len(top_level(rig))
    rig.reply(ts, REVIEW, user=OFFICER2)
    rts = review_thread(rig)
    rig.question(rts, "reviewer_name")
    # before: "FOI 2019-1 is closed: it was marked as sent on Fri 25 Oct 2019. Nothing was changed." to its writer
    # alone, and no review opened
    assert not rig.fake.ephemerals
    [root] = top_level(rig)[tops:]
    assert root["text"].startswith("Internal review FOI 2019-1/IR of FOI 2019-1, asked for by <@U_OFFICER2> in <https://"
                                   "fake-foi.slack.com/archives/C_FOI/p") and root["text"].endswith(
        "|its thread>. Its questions follow in this thread.")
    [moved] = posts_after(rig, ts, before)
    assert moved["text"] == (
        "This reads as a request for an internal review of FOI 2019-1. FOI 2019-1 was marked as sent, so its review "
        f"FOI 2019-1/IR has a thread of its own (<https://fake-foi.slack.com/archives/C_FOI/p{rts.replace('.', '')}"
        "|its thread>): the outcome letter's questions are asked there.")
    [opening] = [shown(m) for m in rig.bot_posts(rts)]
    assert opening[0].startswith("section: This reads as a request for an internal review ('request an internal "
                                 "review') of FOI 2019-1, not a new request, so no new case was opened. FOI "
                                 "2019-1/IR is open, received Fri 25 Oct 2019, due Fri 22 Nov 2019")
    assert "section: *Who carried out the review?*" in opening
    assert (case(rig, "FOI 2019-1").status, case(rig, "FOI 2019-1/IR").status) == ("internal_review", "new")
    # the reviewer answers in the review's thread; the sent case's thread is left as it was
    rig.reply(rts, "Priya Shah", user=OFFICER2)
    rig.question(rts, "reviewer_role")
    conv = rig.ctx.conversation_in(CHANNEL, rts)["id"]
    assert rig.rt.engine.answers(conv)["reviewer_name"] == "Priya Shah"
    assert quiet(rig, ts) == before + 1
    # pasted again in the case's thread: nothing more opened, the engine's word in the thread, no second thread
    rig.reply(ts, REVIEW, user=OFFICER2)
    [again] = posts_after(rig, ts, before + 1)
    assert shown(again) == [
        "section: This reads as a request for an internal review ('request an internal review') of FOI 2019-1, not a "
        "new request, so no new case was opened. FOI 2019-1 is already under review (FOI 2019-1/IR, due Fri 22 Nov "
        "2019): nothing new was opened; the message is for that review. If it is a new request after all, paste it "
        "again starting with \"new request:\"."]
    assert len(top_level(rig)) == tops + 1 and len(rig.rt.register.reviews("FOI 2019-1")) == 1


def test_a_pasted_review_request_naming_no_case_in_its_thread_is_that_cases_review(rig):
    ts = sent_case(rig)
    rig.reply(ts, NAMELESS.replace("From: Sam Lee <sam@example.org>\n\n", ""), user=OFFICER2)
    rts = review_thread(rig)
    rig.question(rts, "reviewer_name")
    review = case(rig, "FOI 2019-1/IR")
    assert review.request_text.startswith("I am not happy with your response")  # the requester's words, as pasted
    assert "Subject" not in review.request_text


def test_a_colleagues_short_review_the_decision_in_a_sent_thread_opens_nothing(rig):
    ts = sent_case(rig)
    before = quiet(rig, ts)
    rig.reply(ts, "should we review the decision?", user=OFFICER2)
    rig.fake.wait_for(lambda: rig.fake.ephemerals)
    time.sleep(0.3)
    assert quiet(rig, ts) == before and not rig.rt.register.reviews("FOI 2019-1")
    assert [(e["user"], e["text"]) for e in rig.fake.ephemerals] == [
        (OFFICER2, "FOI 2019-1 is closed: it was marked as sent on Fri 25 Oct 2019. Nothing was changed.")]


def test_a_review_of_a_case_never_sent_opens_nothing_and_says_why_in_its_thread(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    rts = rig.paste(REVIEW, user=OFFICER2)
    [said] = rig.fake.wait_for(lambda: rig.bot_posts(rts) or None)
    time.sleep(0.5)
    assert shown(said) == [
        "section: This reads as a request for an internal review ('request an internal review') of FOI 2019-1, not a "
        "new request, so no new case was opened. FOI 2019-1 is new, not answered yet, so there is nothing to review: "
        "answer the request (this can be treated as a chaser); a review can be asked for once the response is sent. "
        "If it is a new request after all, paste it again starting with \"new request:\"."]
    assert len(rig.bot_posts(rts)) == 1 and not rig.rt.register.reviews("FOI 2019-1")
    assert rig.ctx.conversation_in(CHANNEL, rts) is None


def test_the_review_is_on_app_home_with_its_due_date_and_its_reminder_goes_to_its_thread(rig):
    ts = sent_case(rig)
    rig.reply(ts, REVIEW)
    rts = review_thread(rig)
    rig.question(rts, "reviewer_name")
    rig.reply(rts, "Priya Shah", user=OFFICER2)  # the reviewer answered: the review is theirs too
    rig.question(rts, "reviewer_role")
    for user in (OFFICER, OFFICER2):
        seen = len(rig.fake.views)
        rig.fake.wait_ack(rig.fake.send(app_home_opened(user)))
        view = rig.fake.wait_for(lambda n=seen: rig.fake.views[n:] or None, 10)[-1]["view"]
        cases = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section" and "FOI 2019-" in
                 b["text"]["text"]]
        # before: "FOI 2019-1/IR: no due date yet"
        assert cases == [f"*<https://fake-foi.slack.com/archives/C_FOI/p{rts.replace('.', '')}|FOI 2019-1/IR>*: "
                         "due Fri 22 Nov 2019\nSam Lee: ask about sickness absence"]
    rig.today = date(2019, 11, 19)  # three working days before the review is due
    assert send_reminders(rig.ctx, rig.app.client) == 2
    # before: in the sent case's thread, where nobody answers the review's questions
    assert [t for t in texts(rig.bot_posts(rts)) if t.startswith("Reminder")] == [
        "Reminder: internal review FOI 2019-1/IR (new): due in 3 working day(s), Fri 22 Nov 2019."]
    assert not [t for t in texts(rig.bot_posts(ts)) if t.startswith("Reminder")]
    assert send_reminders(rig.ctx, rig.app.client) == 0


# --- 2. the officer's own version of the letter ----------------------------------------------------------------


def drafted(rig: SlackRig) -> str:
    from test_slack import SEED

    ts = rig.paste(SEED)
    answer_by_text(rig, ts)
    rig.draft_posts(ts)
    quiet(rig, ts)
    return ts


def letter_of(rig: SlackRig, ts: str) -> str:
    return "\n".join(b["text"]["text"] for m in rig.draft_posts(ts) for b in m["blocks"] if b.get("type") == "section")


def stored(rig: SlackRig, ts: str) -> tuple[int | None, Any]:
    conv = rig.ctx.conversation_in(CHANNEL, ts)["id"]
    draft = rig.rt.engine.stored_draft(conv)
    return rig.rt.engine.latest_version(conv), [(b.kind, b.text) for b in draft.draft.blocks]


def test_an_officers_pasted_version_is_checked_said_and_the_draft_kept_as_it_was(rig):
    ts = drafted(rig)
    before, draft = quiet(rig, ts), stored(rig, ts)
    mine = letter_of(rig, ts).replace("*", "").replace("&amp;", "&").replace("a table of 29 forces",
                                                                              "a table of 30 forces")
    rig.reply(ts, "here's my version:\n" + mine, user=OFFICER2)
    [said] = posts_after(rig, ts, before)
    # before: "I am not waiting for an answer. Say 'change <question>' to change an answer, or 'show draft'."
    counts = re.search(r"\(\d+ checks of the letter's text ran, \d+ did not apply; ", said["text"])
    assert counts and said["text"].replace(counts.group(0), "(") == (
        "<@U_OFFICER2>: I read your message as your own version of the letter for FOI 2019-1 (2 paragraphs not as in "
        "draft 1), not as an answer, and checked it.\nStatutory check passed (exemptions: s22, s31).\nIt meets the "
        "statutory check as far as its words show. Draft 1 is kept as I wrote it: your version is not stored as a "
        "draft and *Mark sent* records draft 1. To bring the draft in line with it, use *Edit part…* or say 'change' "
        "and the question.")
    assert stored(rig, ts) == draft and not rig.fake.ephemerals
    assert not [f for f in rig.fake.files.values() if f.thread_ts == ts and "-v2." in f.filename]


def test_an_officers_version_with_a_gap_is_told_what_the_check_found(rig):
    ts = drafted(rig)
    before = quiet(rig, ts)
    mine = letter_of(rig, ts).replace("*", "")
    cut = mine.split("\n")
    mine = "\n".join(line for line in cut if "Information Commissioner" not in line)  # the s50 paragraph taken out
    rig.reply(ts, mine)
    [said] = posts_after(rig, ts, before)
    lines = said["text"].split("\n")
    assert lines[0].startswith("<@U_OFFICER1>: I read your message as your own version of the letter for FOI 2019-1")
    assert lines[1].startswith("Statutory check: ") and any("Information Commissioner" in line for line in lines[2:-1])
    assert lines[-1].startswith("Draft 1 is kept as I wrote it")


def test_an_officers_word_version_is_release_checked_then_statutory_checked_and_its_words_are_no_answer(rig):
    ts = drafted(rig)
    before, draft = quiet(rig, ts), stored(rig, ts)
    ours = next(f for f in rig.fake.files.values() if f.thread_ts == ts and f.filename.endswith(".docx"))
    document = docx.Document(io.BytesIO(ours.data))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("29 forces", "30 forces")
    edited = io.BytesIO()
    document.save(edited)
    name = "FOI 2019-1 response (JS edits).docx"  # a name with spaces, as officers save them
    _, envelope = rig.fake.share_file(CHANNEL, OFFICER2, name, edited.getvalue(), thread_ts=ts,
                                      text="here's my version")
    rig.fake.wait_ack(envelope)
    report, said = posts_after(rig, ts, before, settle=1)
    # before: "the release check of this file failed" (the space in its name), then "I am not waiting for an answer"
    assert shown(report)[0] == ("section: :large_green_circle: *FOI 2019-1 response (JS edits).docx*: GREEN, nothing "
                                "hidden or personal found (1 info)")
    assert said["text"].startswith("<@U_OFFICER2>: I read *FOI 2019-1 response (JS edits).docx* as your own version "
                                   "of the letter for FOI 2019-1 (")
    assert "\nStatutory check passed (" in said["text"] and "Draft 1 is kept as I wrote it" in said["text"]
    assert stored(rig, ts) == draft and not rig.fake.ephemerals


def test_the_requesters_own_email_pasted_after_the_draft_is_not_taken_for_the_officers_version(rig):
    ts = drafted(rig)
    before = quiet(rig, ts)
    rig.reply(ts, "Dear FOI team,\n\nThank you for your letter about FOI 2019-1. Before you send your response, could "
                  "you also tell me which of the 29 forces have published their inspection reports, and when the "
                  "others will be published?\n\nI would be grateful for an answer by email.\n\nKind regards,\n\n"
                  "J Roberts\n12 High Street\nAnytown")
    posts = posts_after(rig, ts, before)
    assert not [t for t in texts(posts) if "own version" in t]


def test_a_word_file_that_is_no_letter_gets_its_release_report_alone(rig):
    ts = drafted(rig)
    before = quiet(rig, ts)
    _, envelope = rig.fake.share_file(CHANNEL, OFFICER, "Annex A.docx", clean_docx_bytes(), thread_ts=ts)
    rig.fake.wait_ack(envelope)
    [report] = posts_after(rig, ts, before, settle=1)
    assert shown(report)[0].startswith("section: :large_green_circle: *Annex A.docx*: GREEN")


# --- 3. the register at volume --------------------------------------------------------------------------------


def test_150_open_cases_the_digest_is_whole_and_app_home_names_every_case(rig):
    texts_ = [SICKNESS.replace("1 October 2019", (date(2019, 9, 20) + timedelta(days=i % 30)).strftime("%-d %B %Y"))
              .replace("2018", str(1800 + i)).replace("Sam Lee", f"Sam Lee{i}") for i in range(150)]
    for ts, text in zip(rig.fake.backfill(CHANNEL, OFFICER, texts_), texts_, strict=True):
        rig.ctx.start_case(rig.app.client, CHANNEL, ts, text, OFFICER)
    full = digest(rig.rt.store, rig.today)
    assert (len(full.overdue), len(full.due_soon), len(full.text())) == (35, 50, 5145)
    send_reminders(rig.ctx, rig.app.client)
    posts = [m for m in top_level(rig) if any(b.get("block_id", "").startswith(("rm|digest", "rm|2|digest"))
                                               for b in m.get("blocks") or [])]
    shown_text = "\n".join(b["text"]["text"] for m in posts for b in m["blocks"])
    # before: one section cut at 2,900 characters, 40 of the 85 cases dropped without a word
    assert len(posts) == 1 and len(posts[0]["blocks"]) == 2
    assert all(f"• {item.ref} (" in shown_text for item in [*full.overdue, *full.due_soon])
    assert shown_text.replace("\n", "") == full.text().replace("\n", "")
    assert send_reminders(rig.ctx, rig.app.client) == 0  # nothing posted twice
    rig.fake.wait_ack(rig.fake.send(app_home_opened(OFFICER)))
    view = rig.fake.wait_for(lambda: next((v for v in rig.fake.views if v.get("action") == "published"), None),
                             20)["view"]
    [more] = [b["elements"][0]["text"] for b in view["blocks"] if b["type"] == "context"][:1]
    listed = {b["text"]["text"].split("|")[1].split(">")[0] for b in view["blocks"] if b["type"] == "section"
              and "FOI 2019-" in b["text"]["text"]}
    named = set(more.split(": ", 1)[1].removesuffix(". /foi case REF shows any of them.").split(", "))
    # before: 20 of the 120 named, then "…"
    assert len(more) <= 3000 and len(listed) == 30 and len(named) == 120
    assert listed | named == {f"FOI 2019-{n}" for n in range(1, 151)}


# --- 4. files -------------------------------------------------------------------------------------------------


def test_three_files_in_one_message_get_three_reports_once(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    _, envelope = rig.fake.share_files(CHANNEL, OFFICER, [("Letter annex.docx", clean_docx_bytes()),
                                                          ("figures.xlsx", planted_workbook_bytes()),
                                                          ("map.pdf", clean_pdf_bytes())], thread_ts=ts)
    rig.fake.wait_ack(envelope)
    reports = posts_after(rig, ts, before, settle=1)
    assert [shown(m)[0] for m in reports] == [
        "section: :large_green_circle: *Letter annex.docx*: GREEN, nothing hidden or personal found",
        "section: :red_circle: *figures.xlsx*: RED, do not send as it is (9 red, 4 amber, 1 info)",
        "section: :large_green_circle: *map.pdf*: GREEN, nothing hidden or personal found"]
    assert "request_summary" not in rig.rt.engine.answers(rig.ctx.conversation_in(CHANNEL, ts)["id"])


def test_a_download_that_breaks_off_is_never_checked_as_half_a_file(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    csv = ("ref,count\n" + "".join(f"A{i},{i + 10}\n" for i in range(200))
           + "name,email\nAlice Jones,alice.jones@police.example.uk\n").encode()
    rig.fake.inject_fault("download")  # the connection drops half-way through the file
    _, envelope = rig.fake.share_file(CHANNEL, OFFICER, "figures.csv", csv, thread_ts=ts)
    rig.fake.wait_ack(envelope)
    [said] = posts_after(rig, ts, before)
    # before: the first half checked as the file: no personal data found, the name and address never read
    assert said["text"] == ("I could not fetch *figures.csv* to check it: the download broke off after "
                            f"{len(csv) // 2:,} of {len(csv):,} bytes; share it again. It has not been checked.")
    log = ReleaseLog(rig.rt.register)
    [state] = log.files(log.ref_of(rig.ctx.conversation_in(CHANNEL, ts)["id"]))
    assert (state.name, state.overall) == ("figures.csv", "red")  # held at Mark sent until checked
    _, envelope = rig.fake.share_file(CHANNEL, OFFICER, "figures.csv", csv, thread_ts=ts)  # shared again: whole
    rig.fake.wait_ack(envelope)
    [report] = posts_after(rig, ts, before + 1, settle=1)
    assert "personal" in " ".join(shown(report)).lower() and "alice" not in " ".join(shown(report)).lower()


def test_a_word_file_slack_refuses_at_its_upload_url_is_said_and_attached_by_show_draft(rig):
    ts = rig.paste(SICKNESS)
    rig.question(ts, "request_summary", timeout=20)
    before = quiet(rig, ts)
    rig.fake.inject_fault("upload", times=2)  # files.getUploadURLExternal succeeds; the POST of the bytes does not
    rig.reply(ts, "show draft")
    posts = posts_after(rig, ts, before, settle=1)
    # before: the draft without its Word file, and not a word about it (urllib's HTTPError escaped the listener)
    assert ["section: Slack did not take the Word file for draft 1 (HTTP 500), so it is not attached. Say 'show "
            "draft' to try again."] in [shown(m) for m in posts]
    assert not [f for f in rig.fake.files.values() if f.thread_ts == ts and f.shared]
    rig.reply(ts, "show draft")
    rig.draft_posts(ts)  # the Word file is there now
    assert len([f for f in rig.fake.files.values() if f.thread_ts == ts and f.shared]) == 1


# --- 5. two foibot processes on one database ---------------------------------------------------------------------


def test_two_processes_on_one_database_post_the_digest_and_each_reminder_once(tmp_path):
    with FakeSlack() as fake:
        old = SlackRig(fake, tmp_path / "db.sqlite").start()
        ts = old.paste(SICKNESS)
        old.question(ts, "request_summary", timeout=20)
        new = SlackRig(fake, tmp_path / "db.sqlite").start()  # a deploy: the new process starts, the old runs on
        fake.inject_fault("conversations.history", delay=0.5, times=2)  # a slow Slack: both read before either posts
        fake.inject_fault("conversations.replies", delay=0.5, times=2)
        sent: dict[str, int] = {}
        runs = [threading.Thread(target=lambda r=r, k=k: sent.__setitem__(k, send_reminders(r.ctx, r.app.client)))
                for k, r in (("old", old), ("new", new))]
        for run in runs:
            run.start()
        for run in runs:
            run.join()
        posted = [m["text"].split("\n")[0] for m in fake.messages(CHANNEL) if m.get("bot_id")
                  and m["text"].startswith(("FOI digest", "Reminder"))]
        # before: each twice
        assert sorted(posted) == ["FOI digest for Fri 25 Oct 2019",
                          "Reminder: FOI 2019-1 (new): due in 2 working day(s), Tue 29 Oct 2019."]
        assert sum(sent.values()) == 2
        assert send_reminders(new.ctx, new.app.client) == send_reminders(old.ctx, old.app.client) == 0
        new.stop()
        old.stop()
