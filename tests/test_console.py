"""The console chat, driven line by line as a person would type."""

import os
import subprocess
import sys
from pathlib import Path

from foibot.surfaces.console import Console

ROOT = Path(__file__).resolve().parent.parent


def test_console_paste_answer_and_get_a_word_file(engine, tmp_path, seed_request):
    lines = iter(seed_request.splitlines() + [".", "ask about IT monitoring", "", "yes", "all",
                                                "a table of 29 forces", "", "show draft", "quit"])
    out: list[str] = []
    console = Console(engine, read=lambda prompt: next(lines, None), write=out.append, out_dir=tmp_path)
    assert console.run() == 0
    text = "\n".join(out)
    assert "Which of our publications" in text and "Press Enter for: peel-spotlight-betrayal" in text
    assert "Dear J Roberts," in text
    word = [line for line in out if line.startswith("Word file: ")]
    assert word and Path(word[-1].removeprefix("Word file: ")).read_bytes()[:2] == b"PK"


def test_console_offers_to_resume(engine, tmp_path, seed_request):
    conv = engine.start(seed_request, surface="console").conversation_id
    engine.reply(conv, "ask about IT monitoring")
    lines = iter(["y", "yes", "quit"])
    out: list[str] = []
    Console(engine, read=lambda prompt: next(lines, None), write=out.append, out_dir=tmp_path).run()
    text = "\n".join(out)
    assert "Picking up where we left off" in text
    assert engine.answer(conv, "topic") == "peel-spotlight-betrayal"


def run_console(engine, tmp_path, lines: list[str]) -> str:
    feed = iter(lines)
    out: list[str] = []
    assert Console(engine, read=lambda prompt: next(feed, None), write=out.append, out_dir=tmp_path).run() == 0
    return "\n".join(out)


def test_console_approves_marks_sent_and_shows_the_history(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, seed_request.splitlines() + [
        ".", "approve", "ask about IT monitoring", "show draft", "approve", "history", "sent", "quit"])
    ref = engine.store.db.execute("select ref from cases").fetchone()[0]
    case = engine.cases.register.require(ref)
    assert engine.replies.render("no-draft", action="approve") in text  # approve before any draft
    assert engine.replies.render("approved", version=1, reference=ref, who=os.environ.get("USER", "console")) in text
    assert f"History of {ref}:" in text and ": approved 1" in text
    assert f"{ref} marked as sent on Thu 31 Oct 2019" in text and "internal review until" in text
    assert case.status == "sent" and [e["action"] for e in engine.history(ref).entries].count("sent") == 1
    assert not [c for c in engine.store.open_conversations() if c["surface"] == "console"]  # closed: no resume offer
    assert "Traceback" not in text and "{'" not in text


def test_commands_at_the_paste_prompt_open_no_case_and_history_shows_the_sent_case(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, ["status", "history"] + seed_request.splitlines() + [
        ".", "ask about IT monitoring", "show draft", "sent", "history", "show draft", "quit"])
    refs = [r[0] for r in engine.store.db.execute("select ref from cases")]
    assert len(refs) == 1  # neither 'status', 'history' nor 'show draft' became a request of its own
    no_case = engine.replies.render("console-no-case", command="status")
    assert no_case in text and engine.replies.render("console-no-case", command="show draft") in text
    assert engine.replies.render("console-no-case", command="history") in text  # before anything was sent
    after_sent = text[text.index(f"{refs[0]} marked as sent"):]
    assert f"History of {refs[0]}:" in after_sent and ": sent" in after_sent
    assert "Traceback" not in text


def test_console_help_lists_the_chat_and_console_commands_from_data(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, seed_request.splitlines() + [".", "help", "quit"])
    commands = engine.replies.data["commands"]
    for command in commands["chat"] + commands["console"]:
        assert f"- {command['name']}: {command['help']}" in text


def test_quit_at_the_paste_prompt_leaves_without_opening_a_case(engine, tmp_path):
    before = engine.cases.register.store.db.execute("select count(*) from cases").fetchone()[0]
    text = run_console(engine, tmp_path, ["quit"])
    assert engine.cases.register.store.db.execute("select count(*) from cases").fetchone()[0] == before == 0
    assert engine.store.open_conversations() == [] and "Sorry" not in text


def test_status_shows_answers_as_lines_not_python_dicts(engine, tmp_path, seed_request):
    text = run_console(engine, tmp_path, seed_request.splitlines() + [
        ".", "ask about IT monitoring", "", "yes", "some", "a table", "", "s22", "status", "quit"])
    status = text[text.index("Answers so far:"):]
    assert "- topic: peel-spotlight-betrayal" in status and "- exemptions: s22" in status
    assert "{" not in status and "[" not in status.split("\n\n")[0]


def test_app_in_console_mode_prints_no_log_lines(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "FOIBOT_"))}
    env.update(FOIBOT_DB=str(tmp_path / "db.sqlite"), HOME=str(tmp_path))
    request = (Path(__file__).parent / "fixtures" / "seed-request.txt").read_text()
    done = subprocess.run([sys.executable, str(ROOT / "app.py")], input=request + "\n.\nquit\n", text=True,
                          capture_output=True, env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 0 and "Topics this request mentions" in done.stdout
    assert " INFO " not in done.stderr + done.stdout and "Traceback" not in done.stderr
