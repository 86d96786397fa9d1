"""Posting the engine's turns into a Slack thread: questions, notes, drafts and the Word file."""

from __future__ import annotations

import logging
import threading
import urllib.error
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from foibot.conversation import clarification
from foibot.conversation.engine import Engine, Message, Turn
from foibot.letter.word import docx_name, to_docx
from foibot.surfaces.slack import blocks as kit
from foibot.surfaces.slack.threads import SlackThreads

log = logging.getLogger(__name__)
BLOCK_ERRORS = ("invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long", "msg_too_long")


def _words_of(block: dict[str, Any]) -> str:
    """The words a block shows (already escaped for mrkdwn): its text, fields and context elements; buttons by
    their words."""
    parts = [(block.get("text") or {}).get("text", "")] if isinstance(block.get("text"), dict) else []
    parts += [f.get("text", "") for f in block.get("fields") or []]
    elements = block.get("elements") or []
    if block.get("type") == "context":
        parts += [e.get("text", "") for e in elements]
    elif block.get("type") == "actions":
        labels = [(e.get("text") or {}).get("text", "") for e in elements if e.get("type") == "button"]
        parts.append(" | ".join(label for label in labels if label))
    return "\n".join(p for p in parts if p)


class Poster:
    """Turns a ``Turn`` into Slack messages in one thread, and records what it posted in the adapter's own
    table (``threads``), never in the engine's state."""

    def __init__(self, engine: Engine, threads: SlackThreads | None = None):
        self.engine = engine
        self.threads = threads or SlackThreads(engine.store)
        self.labels = kit.Labels.from_replies(engine.replies)  # checked at start: a missing label stops it
        self._in_hand: Counter[str] = Counter()  # conversations with a turn decided but not yet posted
        self._in_hand_lock = threading.Condition()

    @contextmanager
    def in_hand(self, conv: str | None) -> Iterator[None]:
        """Mark a conversation's turn as decided and not yet posted, from before the engine changes it until
        its posts are in the thread: a reply typed meanwhile was written before the thread showed the change."""
        if conv:
            with self._in_hand_lock:
                self._in_hand[conv] += 1
        try:
            yield
        finally:
            if conv:
                with self._in_hand_lock:
                    self._in_hand[conv] -= 1
                    if self._in_hand[conv] <= 0:
                        del self._in_hand[conv]
                        self._in_hand_lock.notify_all()

    def is_in_hand(self, conv: str) -> bool:
        with self._in_hand_lock:
            return self._in_hand.get(conv, 0) > 0

    def wait_posted(self, conv: str, timeout: float = 10.0) -> bool:
        """Wait (never inside a transaction: posting records into the database) until no turn of ``conv`` is
        in hand; False on timeout."""
        with self._in_hand_lock:
            return self._in_hand_lock.wait_for(lambda: self._in_hand.get(conv, 0) <= 0, timeout)

    def post(self, client: WebClient, channel: str, thread_ts: str, turn: Turn) -> None:
        """Post every message of a turn into the thread, in order; notes are grouped with the next question."""
        pending_notes: list[str] = []
        for message in turn.messages:
            if message.kind in ("note", "matched", "error") or (message.kind == "question" and not message.question):
                pending_notes.append(message.text)
                continue
            if message.kind == "question" and message.question:
                block_list = []
                if pending_notes:
                    block_list += kit.note_blocks("\n\n".join(pending_notes))
                    pending_notes = []
                block_list += kit.question_blocks(turn.conversation_id or "", message.question, self.labels)
                posted = self._send(client, channel, thread_ts, block_list, message.question.prompt)
                self._remember_question(turn.conversation_id, message.question.field, posted)
            elif message.kind == "draft" and message.draft:
                if pending_notes:
                    self._send(client, channel, thread_ts, kit.note_blocks("\n\n".join(pending_notes)),
                               pending_notes[0][:150])
                    pending_notes = []
                self.post_draft(client, channel, thread_ts, turn.conversation_id or "", message)
        if pending_notes:
            self._send(client, channel, thread_ts, kit.note_blocks("\n\n".join(pending_notes)), pending_notes[0][:150])

    def post_draft(self, client: WebClient, channel: str, thread_ts: str, conv: str, message: Message, *,
                   already: frozenset[str] = frozenset(), file_done: bool = False) -> None:
        """The draft in the thread (split within limits), its due date and check, then the .docx.
        Messages whose marker is in ``already`` (seen in the thread after a restart) are not posted again."""
        draft = message.draft
        assert draft is not None
        header = f"Draft {message.version}: {draft.reference}"
        if message.again:  # nothing changed: the draft and its Word file are already in the thread
            self._send(client, channel, thread_ts, kit.note_blocks(message.text), header)
            record = self.threads.of(conv)
            missing = bool(record and message.version and record.posted_draft < message.version)  # upload failed
            if missing and self._upload(client, channel, thread_ts, conv, message, header):
                self.threads.mark(conv, posted_draft=message.version)
            return
        parts = draft_parts(self.engine, conv)
        first = None
        confirm = self._send_confirm(conv, message.version)
        for part in kit.draft_messages(conv, message.version or 0, header, draft.text(), message.text, parts,
                                       self.labels, confirm_sent=confirm):
            if part[0].block_id not in already:
                posted = self._send(client, channel, thread_ts, part, header)
                first = first or posted
        self.threads.showing(conv, f"draft:{message.version}", first)
        if file_done or self._upload(client, channel, thread_ts, conv, message, header):
            self.threads.mark(conv, posted_draft=message.version)

    def _upload(self, client: WebClient, channel: str, thread_ts: str, conv: str, message: Message,
                header: str) -> bool:
        """The draft's Word file into the thread, tried twice. If Slack refuses it both times (other than for
        the channel itself, which the caller handles), the thread says so and how to try again ('show draft'
        uploads it then: the draft is not marked as posted); returns whether it was uploaded."""
        draft = message.draft
        assert draft is not None
        for attempt in (1, 2):
            try:
                client.files_upload_v2(channel=channel, thread_ts=thread_ts, content=to_docx(draft),
                                       filename=docx_name(draft, message.version), title=f"{header} (Word)",
                                       initial_comment=f"Word file for draft {message.version}")
                return True
            except (SlackApiError, SlackRequestError, OSError) as exc:  # OSError: the bytes' POST to upload_url
                code = _upload_error(exc)
                if code in ("not_in_channel", "channel_not_found", "is_archived"):
                    raise
                log.warning("conversation %s: the Word file for draft %s was not uploaded (%s, try %d)", conv,
                            message.version, code, attempt)
        self._send(client, channel, thread_ts, kit.note_blocks(self.engine.replies.render(
            "slack-word-file-failed", version=message.version, code=code)), header)
        return False

    def resume(self, client: WebClient, channel: str, thread_ts: str, conv: str,
               thread: list[dict[str, Any]]) -> bool:
        """After a restart: post whatever this conversation decided but the thread does not show. ``thread``
        is the thread as Slack has it, so a post that reached Slack just before a crash is not repeated; a
        question the officer has not answered is asked once more, marked as a reminder (an answer given by
        button or form may have been lost with the process). Returns whether anything was posted."""
        mine = [m for m in thread if m.get("bot_id")]
        markers = frozenset(b.get("block_id", "") for m in mine for b in m.get("blocks") or [])
        files = {f.get("name") for m in mine for f in m.get("files") or []}
        stored = self.engine.stored_draft(conv)
        record = self.threads.of(conv)
        if stored and record and stored.version > record.posted_draft:
            self.post_draft(client, channel, thread_ts, conv, stored, already=markers,
                            file_done=docx_name(stored.draft, stored.version) in files)
            return True
        asking = (self.engine.store.conversation(conv) or {}).get("state", {}).get("asking")
        if not asking:
            return False
        marker = f"q|{conv}|{asking}"
        at = next((i for i in range(len(thread) - 1, -1, -1) if thread[i].get("bot_id") and any(
            b.get("block_id") == marker for b in thread[i].get("blocks") or [])), None)
        if at is None:
            self.post(client, channel, thread_ts, self.engine.current_question(conv))
            return True
        self._remember_question(conv, asking, thread[at].get("ts"))
        answered_after = any(not m.get("bot_id") for m in thread[at + 1:])
        if answered_after or (record and record.reminded_question == asking):
            return False
        question = self.engine.question_for(conv, asking)
        reminder = SectionBlock(block_id=f"rq|{conv}|{asking}"[:255],
                                text=MarkdownTextObject(text=kit.escape(self.engine.replies.render("resumed"))))
        self._send(client, channel, thread_ts, [reminder, *kit.question_blocks(conv, question, self.labels)],
                   question.prompt)
        self.threads.mark(conv, reminded_question=asking)
        return True

    def _send_confirm(self, conv: str, version: int | None) -> dict[str, str] | None:
        """The words of the dialog Slack shows before *Mark sent* when the draft has statutory check findings
        or is dated after today (as the console asks before ``sent``); None when there is nothing to ask."""
        if version is None or version != self.engine.latest_version(conv):
            return None
        before = self.engine.before_sending(conv)
        if not before:
            return None
        say = self.engine.replies.render
        return {"title": say("slack-send-confirm-title", version=version),
                "text": say("slack-send-confirm", version=version, **before),
                "confirm": say("slack-send-confirm-yes"), "deny": say("slack-send-confirm-no")}

    def _send(self, client: WebClient, channel: str, thread_ts: str, block_list: list[Any], text: str) -> str | None:
        """Post blocks (split within Slack's limits); the ts of the first message posted."""
        for block in block_list:
            block.validate_json()
        first = None
        for blocks in kit.pack(block_list):  # a long note or question goes as several messages, never over a limit
            try:
                posted = client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=kit.escape(text[:3000]),
                                                 blocks=[b.to_dict() for b in blocks], unfurl_links=False,
                                                 unfurl_media=False)
                first = first or posted.get("ts")
            except SlackApiError as exc:
                code = exc.response.get("error", "")
                if code not in BLOCK_ERRORS:
                    raise
                log.warning("Slack refused a message's blocks (%s); posting it as plain text", code)
                plain = self._send_plain(client, channel, thread_ts, blocks, code)
                first = first or plain
        return first

    def _send_plain(self, client: WebClient, channel: str, thread_ts: str, blocks: list[Any],
                    code: str) -> str | None:
        """The words of blocks Slack refused (``invalid_blocks``, ``msg_blocks_too_long``…), as plain text in
        messages of at most 3,000 characters, with a line saying why the buttons are missing: nothing the
        officer needs to read is lost, and a question can still be answered by replying."""
        words = "\n\n".join(t for t in (_words_of(b.to_dict()) for b in blocks) if t)
        note = self.engine.replies.render("slack-refused-blocks", code=code)
        chunks = [words[i:i + 2900] for i in range(0, len(words), 2900)] or [""]
        first = None
        for i, chunk in enumerate(chunks):
            tail = f"\n\n{note}" if i == len(chunks) - 1 else ""
            posted = client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=chunk + tail,
                                             unfurl_links=False, unfurl_media=False)
            first = first or posted.get("ts")
        return first

    def _remember_question(self, conv: str | None, field: str, posted: str | None = None) -> None:
        if conv:
            self.threads.mark(conv, posted_question=field)
            self.threads.showing(conv, field, posted)


CLARIFY_PART = "clarification"
"""The one part of a clarification letter in the *Edit part…* menu: what to clarify and the advice."""


def draft_parts(engine: Engine, conv: str) -> list[tuple[str, str]]:
    """The parts *Edit part…* offers under a draft: a clarification letter's own (its points and advice, asked as
    the chat asks them), else the letter's."""
    if clarification.stage_of(engine.answers(conv)) == "drafting":
        return [(CLARIFY_PART, engine.replies.render("slack-clarification-part"))]
    return engine.parts(conv)


CLARIFY_FIELDS = (clarification.PREFIX + "points", clarification.PREFIX + "advice")


def clarification_fields(engine: Engine, conv: str) -> list[tuple[str, str, str, bool]]:
    """The clarification's questions for the edit form: (field, its prompt, its answer now, multiline)."""
    record = clarification.of(engine.answers(conv))
    now = {CLARIFY_FIELDS[0]: "\n".join(map(str, record.get("points") or [])),
           CLARIFY_FIELDS[1]: str(record.get("advice") or "")}
    return [(path, engine.question_for(conv, path).prompt, now[path], True) for path in CLARIFY_FIELDS]


def _upload_error(exc: Exception) -> str:
    """A failed upload in a word: Slack's error code, or the HTTP status (or reason) of the POST of the file's
    bytes to the ``upload_url`` files v2 gave (urllib's HTTPError, after ``files.getUploadURLExternal`` succeeded)."""
    if isinstance(exc, SlackApiError):
        return exc.response.get("error", "") or str(exc.response.status_code)
    return f"HTTP {exc.code}" if isinstance(exc, urllib.error.HTTPError) else str(getattr(exc, "reason", exc))

