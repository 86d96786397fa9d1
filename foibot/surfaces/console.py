"""The console chat: the same engine as Slack, in a terminal."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from foibot.conversation.dialogue import AskedQuestion
from foibot.conversation.engine import Engine, Turn
from foibot.letter.word import docx_name, save_docx

BANNER = """foibot: drafts Freedom of Information responses.
Paste a request (an email is fine), then finish with a line holding just a full stop, or press Ctrl-D.
While answering: 'back', 'skip', 'change <question>', 'show draft', 'help'. 'new' starts again, 'quit' leaves."""


class Console:
    """A line-based chat. ``read`` returns a line or None at end of input; ``write`` prints."""

    def __init__(self, engine: Engine, *, read: Callable[[str], str | None], write: Callable[[str], None],
                 out_dir: Path):
        self.engine, self.read, self.write, self.out_dir = engine, read, write, out_dir
        self.conv_id: str | None = None

    def run(self) -> int:
        self.write(BANNER)
        open_ones = [c for c in self.engine.store.open_conversations() if c["surface"] == "console"]
        if open_ones:
            last = max(open_ones, key=lambda c: c["updated_at"])
            first_line = last["request_text"].strip().splitlines()[0][:70]
            answer = self.read(f"Resume the unfinished conversation about \"{first_line}\"? [Y/n] ")
            if answer is not None and answer.strip().lower() in ("", "y", "yes"):
                self.conv_id = last["id"]
                self.show(self.engine.current_question(self.conv_id))
        while True:
            if self.conv_id is None:
                text = self.read_request()
                if text is None:
                    return 0
                turn = self.engine.start(text, surface="console", user=os.environ.get("USER", "console"))
                self.conv_id = turn.conversation_id
                self.show(turn)
                continue
            line = self.read("> ")
            if line is None or line.strip().lower() in ("quit", "exit"):
                return 0
            if line.strip().lower() == "new":
                self.engine.close(self.conv_id)
                self.conv_id = None
                continue
            self.show(self.engine.reply(self.conv_id, line, user=os.environ.get("USER", "console")))

    def read_request(self) -> str | None:
        self.write("\nPaste the request:")
        lines: list[str] = []
        while True:
            line = self.read("")
            if line is None:
                return "\n".join(lines) if lines else None
            if line.strip() == ".":
                return "\n".join(lines)
            lines.append(line)

    def show(self, turn: Turn) -> None:
        for message in turn.messages:
            if message.kind == "question" and message.question:
                self.write(format_question(message.question))
            elif message.kind == "draft" and message.draft:
                self.write("\n" + "=" * 70 + "\n" + message.draft.text() + "=" * 70)
                self.write(message.text)
                path = save_docx(message.draft, self.out_dir / docx_name(message.draft, message.version))
                self.write(f"Word file: {path}")
            else:
                self.write(message.text)


def format_question(q: AskedQuestion) -> str:
    """A question as the console shows it: prompt, numbered options, default and current value."""
    lines = [f"\n{q.prompt}" + (f"  [{q.exemption}]" if q.exemption else "")]
    if q.help:
        lines.append(f"  ({q.help})")
    for i, option in enumerate(q.options, 1):
        lines.append(f"  {i}. {option.label}" + (f" [{option.value}]" if q.kind == "exemptions" else ""))
    if q.kind in ("multi", "exemptions", "list") and q.options:
        lines.append("  (several: separate with commas" + ("; or type your own, one per ';'" if q.kind == "list"
                                                          else "") + ")")
    if q.default not in (None, []):
        shown = ", ".join(q.default) if isinstance(q.default, list) else q.default
        lines.append(f"  Press Enter for: {shown}")
    if q.current not in (None, [], ""):
        lines.append(f"  Current answer: {q.current}")
    return "\n".join(lines)
