"""The console chat: the same engine as Slack, in a terminal. Its words are in ``snippets/replies.yaml``."""

from __future__ import annotations

import select
import sys
from collections.abc import Callable
from pathlib import Path

from foibot.conversation import dialogue
from foibot.conversation.dialogue import AskedQuestion
from foibot.conversation.engine import Engine, Turn, slash_command
from foibot.conversation.reading import courtesy_only
from foibot.conversation.reading_phrases import simplify
from foibot.conversation.release_log import release_limits
from foibot.conversation.state import ConversationState
from foibot.errors import FoibotError
from foibot.law.dates import format_day
from foibot.letter.word import docx_name, save_docx
from foibot.surfaces import foi_command
from foibot.surfaces.console_release import CHECK_COMMANDS, ConsoleRelease
from foibot.surfaces.officer import officer_name

LEAVE = ("quit", "exit")
CASE_COMMANDS = ("approve", "sent", "history", "status", "show draft", "back", "skip", "help", "?", "new", "parts",
                 "restart", "start again")


class Console:
    """A line-based chat. ``read`` returns a line or None at end of input; ``write`` prints; ``pending`` says
    whether more lines are already waiting (the rest of a paste: see ``typed_ahead``)."""

    def __init__(self, engine: Engine, *, read: Callable[[str], str | None], write: Callable[[str], None],
                 out_dir: Path, pending: Callable[[], bool] = lambda: False):
        self.engine, self.read, self.write, self.out_dir, self.pending = engine, read, write, out_dir, pending
        self.refused_in_a_row = 0  # lines read as answers while nothing is asked (a request pasted line by line?)
        self.conv_id: str | None = None
        self.last_sent: str | None = None  # the case just marked sent: 'history' at the paste prompt shows it
        self.user = officer_name("console")
        self.release = ConsoleRelease(engine, lambda: self.conv_id, read, self.user)

    def say(self, key: str, **values: object) -> str:
        return self.engine.replies.render(key, **values)

    def run(self) -> int:
        self.write(self.say("console-banner"))
        open_ones = [c for c in self.engine.store.open_conversations() if c["surface"] == "console"]
        if open_ones:
            last = max(open_ones, key=lambda c: c["updated_at"])
            answer = self.read(self.resume_prompt(last) + " ")
            if answer is not None and answer.strip().lower() in ("", "y", "yes"):
                self.conv_id = last["id"]
                self.show(self.engine.current_question(self.conv_id))
        while True:
            if self.conv_id is None:
                text = self.read_request()
                if text is None:
                    return 0
                turn = self.engine.start(text, surface="console", user=self.user)
                self.conv_id = turn.conversation_id
                self.show(turn)
                continue
            line = self.read("> ")
            command = (line or "").strip().lower().rstrip(".!")  # "Approve." and "Sent!" are the commands
            if line is None or command in LEAVE:
                return 0
            if self.pending() and (pasted := self.rest_of_paste(line)):
                self.paste(pasted)
            elif is_foi(line):  # Slack's /foi, never an answer
                self.write(self.foi(line))
            elif command == "new":
                self.engine.close(self.conv_id)
                self.conv_id = None
            elif command in ("approve", "sent", "history"):
                self.write(self.draft_command(command))
            elif (said := self.release_command(line)) is not None:
                self.write(said)
            else:
                if command in ("help", "?"):
                    self.write(self.say("console-help"))
                self.answer(line)

    def answer(self, text: str) -> None:
        """A reply to the open case. Lines refused one after another because nothing is asked (a request pasted
        into a finished case, where no paste can be seen) are refused once, with a hint, then quietly."""
        turn = self.engine.reply(self.conv_id or "", text, user=self.user)
        refused = [m.text for m in turn.messages] == [self.say("not-asking")]
        self.refused_in_a_row = self.refused_in_a_row + 1 if refused else 0
        if self.refused_in_a_row == 2:
            self.write(self.say("console-not-asking-again"))
        elif self.refused_in_a_row < 2:
            self.show(turn)

    def rest_of_paste(self, first: str) -> list[str] | None:
        """The lines of a paste, read while more are waiting; None when only one line has words."""
        lines = [first]
        while self.pending() and (line := self.read("")) is not None:
            lines.append(line)
        return lines if sum(1 for line in lines if line.strip()) > 1 else None

    def paste(self, lines: list[str]) -> None:
        """Several lines pasted at once into an open case: a new request, or one answer, as the officer says."""
        text = "\n".join(lines).strip()
        if self.ask_yes(self.say("console-pasted", lines=sum(1 for line in lines if line.strip()))):
            self.engine.close(self.conv_id or "")
            turn = self.engine.start(text, surface="console", user=self.user)
            self.conv_id = turn.conversation_id
            self.show(turn)
        else:
            self.answer(text)

    def release_command(self, line: str) -> str | None:
        """A release-check command's reply (None when the line is not one), its reasons in the case's law."""
        if line.strip().lower().startswith(CHECK_COMMANDS):
            self._release_law()
        return self.release.command(line)

    def _release_law(self) -> None:
        """Point the release check at the current case's law, so its reasons name that law's personal data
        provision (s40(2), regulation 13, section 38(1)(b)); the authority's before there is a case."""
        regime = self.engine.answer(self.conv_id, "regime") if self.conv_id else None
        self.release.limits = release_limits(self.engine.authority, regime)

    def draft_command(self, command: str) -> str:
        """approve, sent or history on the current conversation, worded for the terminal."""
        assert self.conv_id is not None
        try:
            if command == "history":
                history = self.engine.history(self.conv_id)
                return self.say("history", reference=history.reference, entries=history.entries)
            if self.engine.latest_version(self.conv_id) is None:
                return self.say("no-draft", action="approve" if command == "approve" else "send")
            reference = self.engine.answer(self.conv_id, "reference") or ""
            if command == "approve":
                findings = self.engine.draft_findings(self.conv_id)
                version = self.engine.approve(self.conv_id, user=self.user)
                said = self.say("approved", version=version, reference=reference, who=self.user)
                return said + ("\n" + self.say("approved-with-findings", version=version, findings=findings)
                               if findings else "")
            self._release_law()
            before = self.engine.before_sending(self.conv_id, checked=self.release.checked_names())
            files = self.release.stopping()  # every file checked for the case, checked again: those with findings
            if (before or files) and not self.ask_yes(self.say("console-send-stop", **before, files=files)):
                return self.release.say("console-send-cancelled") if files else self.say("console-send-not-yet")
            self.release.will_send(confirmed=bool(files))  # one question for every reason to stop
            sent = self.engine.mark_sent(self.conv_id, user=self.user)
            self.release.record_sent()
            self.last_sent = self.conv_id
            self.conv_id = None  # the case is closed; the next thing pasted starts another
            return self.say("sent", reference=sent.reference or reference, on=format_day(sent.sent_on),
                            who=self.user, review_until=format_day(sent.review_until) if sent.review_until else "",
                            warnings=sent.warnings, regime=sent.regime, outcome=sent.outcome, reviewer=sent.reviewer,
                            complain_by=format_day(sent.complain_by) if sent.complain_by else "",
                            lateness=sent.lateness)
        except FoibotError as exc:
            return self.say("error", message=str(exc))

    def ask_yes(self, question: str) -> bool:
        """A y/N question: True only for yes."""
        answer = self.read(question + " ")
        return (answer or "").strip().lower() in ("y", "yes")

    def read_request(self) -> str | None:
        """The pasted request, up to a line holding '.' or end of input; None to leave ('quit' or nothing)."""
        self.write("\n" + self.say("console-paste"))
        lines: list[str] = []
        while True:
            line = self.read("")
            if line is None:
                return "\n".join(lines) if lines else None
            if line.strip().lower() in LEAVE:  # 'quit' on its own line leaves, never part of a request
                if written := sum(1 for part in lines if part.strip()):  # lines not ended with '.': no case
                    self.write(self.say("console-paste-left", lines=written, command=line.strip().lower()))
                return None
            if is_foi(line):  # Slack's /foi, never part of a request
                self.write(self.foi(line))
                continue
            if not lines and line.strip().lower() in CASE_COMMANDS:  # a command, not a one-word request
                self.write(self.no_case_command(line.strip().lower()))
                continue
            if line.strip() == ".":
                return "\n".join(lines) if lines else None
            if not any(part.strip() for part in lines) and not self.pending() and self.courtesy(line):
                self.write(self.say("console-paste-courtesy", said=line.strip()))  # "thanks", "ok", "hi": typed
                continue  # on its own (not the first line of a paste), no request
            lines.append(line)

    def courtesy(self, line: str) -> bool:
        """Whether a line only greets, thanks or acknowledges ("thanks", "ok", "hi"), in the profile's words."""
        return courtesy_only(simplify(line), self.engine.kb.vocabulary)

    def no_case_command(self, command: str) -> str:
        """A command typed at the paste prompt: the sent case's history, or a reminder to paste a request."""
        if command == "history" and self.last_sent:
            history = self.engine.history(self.last_sent)
            return self.say("history", reference=history.reference, entries=history.entries)
        if command in ("help", "?"):
            return self.say("console-paste-help")
        return self.say("console-no-case", command=command)

    def foi(self, line: str) -> str:
        """``/foi …`` typed here: the same answers as Slack's /foi (paragraphs, exemptions, deadlines, cases,
        statistics); the officer at this terminal has the database, so may see cases as with the CLI."""
        words = [w for w in line.split()[1:] if w.lower() != "share"]  # nothing to share to in a terminal
        verb, args = (words[0].lower(), words[1:]) if words else ("help", [])
        try:
            return foi_command.answer(self.engine, verb, args, self.user, may_view_cases=True, shareable=False,
                                      refusal=self.say("error", message="there is no case register"))
        except FoibotError as exc:
            return self.say("error", message=str(exc))

    def resume_prompt(self, row: dict) -> str:
        """The resume question, naming the case by its reference, requester and the request's first words."""
        state = ConversationState.from_json(row.get("state") or {})
        body = " ".join((state.body or row.get("request_text") or "").split())
        first_words = body if len(body) <= 70 else body[:70].rsplit(" ", 1)[0] + "…"
        return self.say("console-resume", reference=state.answers.get("reference") or row.get("case_ref") or "",
                        requester=state.answers.get("requester_name") or "", first_words=first_words)

    def show(self, turn: Turn) -> None:
        for message in turn.messages:
            if message.kind == "question" and message.question:
                self.write(format_question(message.question))
            elif message.kind == "draft" and message.draft:
                self.write("\n" + "=" * 70 + "\n" + message.draft.text() + "=" * 70)
                self.write(message.text)
                if message.version is None:  # a preview before any answer: no version, so no Word file
                    continue
                path = self.out_dir / docx_name(message.draft, message.version)
                if not (message.again and path.exists()):  # the same version again: its Word file is there
                    path = save_docx(message.draft, path)
                self.write(self.say("console-word-file", path=path))
            else:
                self.write(message.text)


def typed_ahead() -> bool:
    """Whether more of a paste is already waiting at the terminal. Piped input never counts: a script's lines
    are its replies, each read on its own."""
    try:
        return sys.stdin.isatty() and bool(select.select([sys.stdin], [], [], 0.02)[0])
    except (OSError, ValueError):  # no selectable stdin (Windows consoles, a closed stream)
        return False


def is_foi(line: str) -> bool:
    """Whether a typed line is the /foi slash command (``/foi``, ``/foi help``, ``/FOI exemption 35``)."""
    return bool(slash_command(line))


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
        lines.append(f"  Press Enter for: {q.shown_default()}")
    if q.current not in (None, [], ""):
        lines.append(f"  Current answer: {q.current_words or dialogue.as_text(q.current).replace(chr(10), '; ')}")
    return "\n".join(lines)
