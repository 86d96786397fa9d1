"""A request pasted into the console while a case is open. At a terminal the rest of a paste is already waiting
when its first line is read, so the console asks whether the lines are a new request or one answer; piped input
(a script) is read line by line, and lines refused because nothing is asked are refused once, with a hint."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from foibot.surfaces.console import Console

ROOT = Path(__file__).resolve().parent.parent
SECOND = ["Dear FOI team,", "Please tell me how many stop and search encounters took place in 2025,",
          "broken down by month and by the outcome of the search.", "Thanks, Sam Okafor"]
TO_A_DRAFT = ["ask about IT monitoring", "", "yes", "all", "a table of 29 forces", ""]


class Pasting:
    """Typed lines, and pastes (a list of lines) whose lines after the first are waiting when it is read."""

    def __init__(self, script: list, out: list[str]):
        self.out = out  # prompts are shown too: a y/N question is a prompt
        self.queue: list[tuple[str, bool]] = []
        for item in script:
            lines = item if isinstance(item, list) else [item]
            self.queue += [(line, i < len(lines) - 1) for i, line in enumerate(lines)]
        self.more = False

    def read(self, prompt: str) -> str | None:
        if prompt.strip():
            self.out.append(prompt)
        if not self.queue:
            return None
        line, self.more = self.queue.pop(0)
        return line

    def pending(self) -> bool:
        return self.more


def run(engine, tmp_path, script: list) -> str:
    out: list[str] = []
    keys = Pasting(script, out)
    Console(engine, read=keys.read, write=out.append, out_dir=tmp_path, pending=keys.pending).run()
    return "\n".join(out)


def test_a_request_pasted_mid_question_is_asked_about_and_starts_its_own_case(engine, tmp_path, seed_request):
    text = run(engine, tmp_path, seed_request.splitlines() + [".", SECOND, "y", "quit"])
    asked = engine.replies.render("console-pasted", lines=4)
    assert asked in text
    rows = engine.store.db.execute("select request_text, status from conversations order by created_at").fetchall()
    assert len(rows) == 2 and rows[0][1] == "closed" and rows[1][1] != "closed"  # the first closed, the second open
    assert rows[1][0].startswith("Dear FOI team,") and "Sam Okafor" in rows[1][0]
    assert engine.replies.render("not-asking") not in text and "Traceback" not in text


def test_a_paste_the_officer_says_is_an_answer_is_read_as_one_reply(engine, tmp_path, seed_request):
    text = run(engine, tmp_path, seed_request.splitlines() + [".", ["ask about IT monitoring", "and vetting"], "n",
                                                              "quit"])
    assert engine.replies.render("console-pasted", lines=2) in text
    assert engine.store.db.execute("select count(*) from conversations").fetchone()[0] == 1
    conv = engine.store.db.execute("select id from conversations").fetchone()[0]
    summary = engine.answer(conv, "request_summary")  # one reply, read whole
    assert "IT monitoring" in summary and "vetting" in summary


def test_piped_lines_refused_while_nothing_is_asked_are_refused_once_with_a_hint(engine, tmp_path, seed_request):
    feed = iter(seed_request.splitlines() + ["."] + TO_A_DRAFT + SECOND + ["status", "quit"])
    out: list[str] = []
    Console(engine, read=lambda prompt: next(feed, None), write=out.append, out_dir=tmp_path).run()
    text = "\n".join(out)
    assert "That is everything I need" in text
    assert text.count(engine.replies.render("not-asking")) == 1
    assert text.count(engine.replies.render("console-not-asking-again")) == 1
    hint = text.index(engine.replies.render("console-not-asking-again"))
    assert "Answers so far:" in text[hint:]  # a command after the refused lines is still answered


def _read_until(fd: int, marker: str, seconds: float = 60) -> str:
    seen = b""
    end = time.monotonic() + seconds
    while marker.encode() not in seen and time.monotonic() < end:
        if select.select([fd], [], [], 0.5)[0]:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen.decode("utf-8", "replace")


def test_at_a_real_terminal_a_paste_is_seen_as_one(tmp_path, seed_request):
    main, child = pty.openpty()
    env = {**os.environ, "FOIBOT_DB": str(tmp_path / "x.sqlite"), "FOIBOT_TODAY": "2019-10-15",
           "FOIBOT_MEANING": "off"}
    env.pop("SLACK_BOT_TOKEN", None)
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], stdin=child, stdout=child, stderr=child,
                            cwd=ROOT, env=env, close_fds=True)
    os.close(child)
    try:
        _read_until(main, "Paste the request")
        for line in seed_request.splitlines() + ["."]:
            os.write(main, (line + "\n").encode())
            time.sleep(0.05)
        _read_until(main, "Which of our publications")
        os.write(main, ("\n".join(SECOND) + "\n").encode())  # one paste: every line arrives at once
        seen = _read_until(main, "Is this a new request")
        assert "You pasted 4 lines" in seen and "not waiting" not in seen
    finally:
        proc.kill()
        proc.wait()
        os.close(main)
