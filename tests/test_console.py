"""The console chat, driven line by line as a person would type."""

import os
import subprocess
import sys
from pathlib import Path

from foibot.surfaces.console import Console
from foibot.surfaces.officer import officer_name

ROOT = Path(__file__).resolve().parent.parent


def test_console_paste_answer_and_get_a_word_file(engine, tmp_path, seed_request):
    lines = iter(seed_request.splitlines() + [".", "ask about IT monitoring", "", "yes", "all",
                                                "a table of 29 forces", "", "show draft", "quit"])
    out: list[str] = []
    console = Console(engine, read=lambda prompt: next(lines, None), write=out.append, out_dir=tmp_path)
    assert console.run() == 0
    text = "\n".join(out)
    title = engine.kb.topics["peel-spotlight-betrayal"].title
    assert "Which of our publications" in text and f"Press Enter for: {title}" in text  # its title, not its id
    assert "Dear J Roberts," in text
    word = [line for line in out if line.startswith("Word file: ")]
    assert word and Path(word[-1].removeprefix("Word file: ")).read_bytes()[:2] == b"PK"


def test_console_offers_to_resume(engine, tmp_path, seed_request):
    conv = engine.start(seed_request, surface="console").conversation_id
    engine.reply(conv, "ask about IT monitoring")
    lines = iter(["y", "yes", "quit"])
    out: list[str] = []
    prompts: list[str] = []
    Console(engine, read=lambda prompt: prompts.append(prompt) or next(lines, None), write=out.append,
            out_dir=tmp_path).run()
    text = "\n".join(out)
    assert "Picking up where we left off" in text
    assert engine.answer(conv, "topic") == "peel-spotlight-betrayal"
    # named by reference, requester and the request's first words, not its greeting or headers
    assert prompts[0].startswith(f"Resume {engine.answer(conv, 'reference')} from J Roberts: \"In your report 'PEEL")
    assert "Dear" not in prompts[0] and "From:" not in prompts[0] and prompts[0].endswith("? [Y/n] ")


def run_console(engine, tmp_path, lines: list[str]) -> str:
    feed = iter(lines)
    out: list[str] = []
    assert Console(engine, read=lambda prompt: next(feed, None), write=out.append, out_dir=tmp_path).run() == 0
    return "\n".join(out)


def test_console_approves_marks_sent_and_shows_the_history(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, seed_request.splitlines() + [
        ".", "approve", "ask about IT monitoring", "show draft", "approve", "history", "sent", "y", "quit"])
    ref = engine.store.db.execute("select ref from cases").fetchone()[0]
    case = engine.cases.register.require(ref)
    assert engine.replies.render("no-draft", action="approve") in text  # approve before any draft
    assert engine.replies.render("approved", version=1, reference=ref, who=officer_name("console")) in text
    assert f"History of {ref}:" in text and ": approved draft 1" in text
    assert f"{ref} marked as sent on Thu 31 Oct 2019" in text and "internal review until" in text
    assert "never approved" not in text
    assert case.status == "sent" and [e["action"] for e in engine.history(ref).entries].count("sent") == 1
    assert not [c for c in engine.store.open_conversations() if c["surface"] == "console"]  # closed: no resume offer
    assert "Traceback" not in text and "{'" not in text


def test_commands_at_the_paste_prompt_open_no_case_and_history_shows_the_sent_case(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, ["status", "history"] + seed_request.splitlines() + [
        ".", "ask about IT monitoring", "show draft", "sent", "y", "history", "show draft", "quit"])  # y: findings
    refs = [r[0] for r in engine.store.db.execute("select ref from cases")]
    assert len(refs) == 1  # neither 'status', 'history' nor 'show draft' became a request of its own
    no_case = engine.replies.render("console-no-case", command="status")
    assert no_case in text and engine.replies.render("console-no-case", command="show draft") in text
    assert engine.replies.render("console-no-case", command="history") in text  # before anything was sent
    after_sent = text[text.index(f"{refs[0]} marked as sent"):]
    assert f"Note: draft 1 of {refs[0]} was never approved." in after_sent.splitlines()[0]  # warned, not refused
    assert f"History of {refs[0]}:" in after_sent and ": sent" in after_sent
    assert "Traceback" not in text


def test_console_help_lists_the_chat_and_console_commands_from_data(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, ["help"] + seed_request.splitlines() + [".", "help", "quit"])
    commands = engine.replies.data["commands"]
    for command in commands["chat"] + commands["console"]:
        assert text.count(f"- {command['name']}: {command['help']}") == 2  # at the paste prompt and in a case
    # every command the console understands is in the list (release-check and reviewed were missing)
    names = " ".join(c["name"] for c in commands["console"])
    for word in ("approve", "sent", "history", "release-check", "check file", "reviewed", "/foi", "new", "quit"):
        assert word in names, word
    assert engine.replies.render("console-no-case", command="help") not in text


def test_slash_foi_lines_run_the_foi_command_and_are_never_answers_or_requests(engine, tmp_path):
    from foibot.surfaces.foi_command import answer

    request = "Dear Data Protection Officer,\nHow many cars do you own?\nThanks,\nSam Patel"
    text = run_console(engine, tmp_path, ["/foi help", "/foi deadline 1 October 2019"] + request.splitlines() + [
        "/FOI para ico-complaint", ".", "/foi deadline last Friday", "/foi exemption 35", "/foi", "quit"])
    refs = [r[0] for r in engine.store.db.execute("select ref from cases")]
    assert len(refs) == 1  # '/foi help' at the paste prompt opened no case of its own
    [conv] = [c for c in engine.store.open_conversations() if c["surface"] == "console"]
    assert "/foi" not in conv["request_text"].lower() and conv["request_text"].startswith("Dear Data Protection")
    answers = engine.answers(conv["id"])
    assert answers.get("received") is None and answers.get("request_summary") is None  # nothing stored
    assert engine.cases.register.require(refs[0]).request_text.startswith("How many cars")
    # the same words as Slack's /foi gives
    def same(verb, args):
        return answer(engine, verb, args, "console", may_view_cases=True, refusal="", shareable=False)

    assert text.count(same("help", [])) == 2  # '/foi help' and a bare '/foi'
    for verb, args in (("deadline", ["1", "October", "2019"]), ("para", ["ico-complaint"]),
                       ("deadline", ["last", "Friday"]), ("exemption", ["35"])):
        assert same(verb, args) in text, verb
    assert "Due: Tue 29 Oct 2019" in text and "Formulation of government policy" in text
    assert "Traceback" not in text and "Noted." not in text


def test_slash_foi_help_in_the_console_offers_no_share(engine, tmp_path):
    """'share' posts a /foi answer to a Slack channel: a terminal has none, so its help does not offer it."""
    from foibot.surfaces.foi_command import answer

    text = run_console(engine, tmp_path, ["/foi help", "quit"])
    assert "/foi exemption SECTION" in text and "Exemptions: " in text and "share" not in text.lower()
    in_slack = answer(engine, "help", [], "U1", may_view_cases=True, refusal="")
    assert "Add 'share' to post the answer to the channel" in in_slack
    assert in_slack.replace("Add 'share' to post the answer to the channel instead of just to you.\n", "") in text


def test_slash_foi_case_shows_the_case_and_a_readable_history(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, seed_request.splitlines() + [
        ".", "ask about IT monitoring", "show draft", "/foi case FOI 2019-1", "/foi case FOI 2099-9", "quit"])
    assert "FOI 2019-1: drafting (FOIA)" in text and "Recent history:" in text
    assert "answered request summary" in text and "draft 1 saved" in text
    assert "Sorry, I could not do that:" in text and "Traceback" not in text


def test_history_lines_say_which_fields_version_and_day(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, seed_request.splitlines() + [
        ".", "ask about IT monitoring", "", "yes", "all", "a table", "", "approve", "sent", "history", "quit"])
    history = text[text.rindex("History of FOI 2019-1:"):]
    for line in ("opened: received Sat 28 Sep 2019, due Fri 25 Oct 2019 (FOIA)", "answered request summary",
                 "answered topic", "outcome granted; topic peel-spotlight-betrayal", "draft 1 saved",
                 "approved draft 1", "sent draft 1 on Thu 31 Oct 2019",
                 "status drafting to sent on Thu 31 Oct 2019; internal review may be asked for until"):
        assert line in history, line
    lines = history.splitlines()[1:]
    assert lines and all(": " in line.split(" ", 3)[-1] or "draft" in line for line in lines)
    for bare in (": answered\n", ": outcome\n", ": status\n", ": updated\n"):
        assert bare not in history + "\n"
    assert "{'" not in history and "['" not in history and "T0" not in history and "T1" not in history


def test_show_draft_again_unchanged_writes_no_new_version_or_word_file(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, seed_request.splitlines() + [
        ".", "ask about IT monitoring", "", "yes", "all", "a table", "", "show draft", "show draft", "quit"])
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == ["FOI-2019-1-v1.docx"]
    assert text.count(engine.replies.render("draft-unchanged", version=1)) == 2
    assert "Draft 2" not in text


def test_quit_at_the_paste_prompt_leaves_without_opening_a_case(engine, tmp_path):
    before = engine.cases.register.store.db.execute("select count(*) from cases").fetchone()[0]
    text = run_console(engine, tmp_path, ["quit"])
    assert engine.cases.register.store.db.execute("select count(*) from cases").fetchone()[0] == before == 0
    assert engine.store.open_conversations() == [] and "Sorry" not in text


def test_status_shows_answers_as_lines_not_python_dicts(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, seed_request.splitlines() + [
        ".", "ask about IT monitoring", "", "yes", "some", "a table", "", "s22", "status", "quit"])
    status = text[text.index("Answers so far:"):]
    title = engine.kb.topics["peel-spotlight-betrayal"].title
    assert f"- topic: {title}" in status and "- exemptions: s22" in status
    assert "{" not in status and "[" not in status.split("\n\n")[0]


def test_app_in_console_mode_prints_no_log_lines(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "FOIBOT_"))}
    env.update(FOIBOT_DB=str(tmp_path / "db.sqlite"), HOME=str(tmp_path))
    request = (Path(__file__).parent / "fixtures" / "seed-request.txt").read_text()
    done = subprocess.run([sys.executable, str(ROOT / "app.py")], input=request + "\n.\nquit\n", text=True,
                          capture_output=True, env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 0 and "Topics this request mentions" in done.stdout
    assert " INFO " not in done.stderr + done.stdout and "Traceback" not in done.stderr


def test_approve_after_a_preview_says_to_answer_the_questions_not_to_show_the_draft(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, seed_request.splitlines() + [".", "show draft", "approve", "sent", "quit"])
    said = engine.replies.render("no-draft", action="approve")
    assert said in text and "answer the questions first" in said
    assert "Say 'show draft' first" not in text and engine.replies.render("no-draft", action="send") in text


def test_a_command_typed_with_a_full_stop_or_an_exclamation_mark_is_the_command(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, seed_request.splitlines() + [
        ".", "ask about IT monitoring", "", "yes", "all", "a table", "", "Approve.", "Sent!", "history", "quit"])
    history = text[text.rindex("History of FOI 2019-1:"):]
    assert "approved draft 1" in history and "sent draft 1 on Thu 31 Oct 2019" in history
    assert "Did you mean" not in text


def test_a_late_reply_marked_sent_says_how_late_plainly_and_lists_no_finding_to_override(engine, tmp_path,
                                                                                          seed_request):
    """Tryout 11: marking a late letter sent listed "dated after the statutory due date" as a check finding to
    override, which nothing could fix; now the sent message says how late it is, and nothing else."""
    late = seed_request.replace("Sent: 28 September 2019 09:12", "Sent: 2 August 2019 09:12")
    text = run_console(engine, tmp_path, late.splitlines() + [
        ".", "ask about IT monitoring", "show draft", "approve", "sent", "y", "quit"])
    ref = engine.store.db.execute("select ref from cases").fetchone()[0]
    assert f"{ref} marked as sent on Thu 31 Oct 2019" in text
    sent = text[text.index(f"{ref} marked as sent"):]
    assert "This reply is 42 working days late (it was due Tue 3 Sep 2019); the letter apologises." in sent
    assert "s10(1)" not in sent and "after the statutory due date" not in sent  # the draft's other gap is still said
    assert engine.before_sending(engine.store.db.execute("select id from conversations").fetchone()[0]) == {
        "findings": ["[drafting] Answers still missing: held"]}
