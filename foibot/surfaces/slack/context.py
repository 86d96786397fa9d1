"""What every Slack listener needs: the runtime, settings, access policy and the poster."""

from __future__ import annotations

import html
import logging
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from foibot.surfaces.runtime import Runtime
from foibot.surfaces.settings import Settings
from foibot.surfaces.slack.access import Access
from foibot.surfaces.slack.blocks import escape
from foibot.surfaces.slack.poster import Poster

log = logging.getLogger(__name__)

_REQUEST_WORDS = re.compile(r"\b(please|provide|request|information|freedom of information|foi|copy of|how many|"
                            r"how much|list of|details of|send me|disclose|records?|data)\b|\?", re.I)


def from_slack(text: str, bot_user_id: str | None = None) -> str:
    """Slack message text back to plain text: mentions of the bot dropped (other mentions kept, as data),
    ``&lt;`` and friends decoded."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", "", text or "")
    return html.unescape(text or "").strip()


def looks_like_request(text: str) -> bool:
    """A pasted FOI request, rather than chat: enough words and the language of a request."""
    return len(text.split()) >= 8 and bool(_REQUEST_WORDS.search(text))


@dataclass
class SlackContext:
    rt: Runtime
    settings: Settings
    access: Access
    poster: Poster
    stopping: threading.Event = field(default_factory=threading.Event)

    @property
    def engine(self) -> Any:
        return self.rt.engine

    @property
    def refusal(self) -> str:
        return self.engine.replies.render("not-allowed")

    @property
    def hint(self) -> str:
        return self.engine.replies.render("dm-hint")

    def conversation_in(self, channel: str, thread_ts: str | None) -> dict[str, Any] | None:
        if not thread_ts:
            return None
        return self.rt.store.conversation_for_thread(channel, thread_ts)

    def start_case(self, client: WebClient, channel: str, thread_ts: str, text: str, user: str) -> None:
        """Start a case in a thread, unless one is already open there (a paste and a shortcut can race)."""
        with self.rt.store.lock:
            if self.conversation_in(channel, thread_ts):
                return
            turn = self.engine.start(text, surface="slack", channel=channel, thread_ts=thread_ts, user=user)
        self.poster.post(client, channel, thread_ts, turn)

    def mark_sent(self, conv: str, version: Any, user: str) -> str:
        """Record that a draft went out today, in the conversation and the register; the review window starts."""
        from foibot.law.deadlines import format_day

        today = self.engine.today()
        self.engine.note(conv, "sent", {"version": version, "on": today.isoformat()}, user=user)
        self.engine.close(conv)
        case = self.rt.register.case_for_conversation(conv)
        if case is None:
            return f"Marked as sent on {format_day(today)} by <@{user}>."
        case = self.rt.register.set_status(case.ref, "sent", user, on=today)
        window = self.rt.register.review_window_end(case)
        until = f"; the requester may ask for an internal review until {format_day(window)}" if window else ""
        return f"{case.ref} marked as sent on {format_day(today)} by <@{user}>{until}."

    def case_command(self, verb: str, args: list[str], user: str, channel: str) -> str:
        """/foi similar TEXT, /foi case REF [status STATUS], /foi stats: answered from the register."""
        from foibot.register.cases import describe_case
        from foibot.register.stats import compute
        from foibot.suggest.similar import find_similar

        register = self.rt.register
        if verb == "similar":
            text = " ".join(args)
            if not text.strip():
                return "Usage: /foi similar TEXT"
            found = find_similar(self.rt.store, text)
            return "\n".join(f"{c.reference} ({c.date or 'no date'}): {c.outcome or 'open'}; exemptions "
                             f"{', '.join(c.exemptions) or 'none'}. {c.why}" for c in found) or "No similar past cases."
        if verb == "case":
            words = list(args)
            status = None
            if "status" in words:
                at = words.index("status")
                status, words = " ".join(words[at + 1:]), words[:at]
            ref = " ".join(words)
            if not ref:
                return "Usage: /foi case REF [status STATUS]"
            if status:
                register.set_status(ref, status, user, on=self.engine.today())
            case = register.require(ref)
            lines = [describe_case(register, case), "Recent history:"]
            lines += [f"  {e['at'][:16]} {e['who'] or '-'}: {e['action']}" for e in register.history(case.ref)[-8:]]
            return "\n".join(lines)
        stats = compute(self.rt.store, by="quarter" if "quarter" in args else "month", today=self.engine.today())
        return stats.table()

    def start_background(self, client: WebClient, *, every: float = 300.0) -> threading.Thread:
        """The daily digest in the first FOI channel and reminders in each case's thread, checked every few
        minutes. Driven from the register: a restart neither loses nor repeats one."""
        def loop() -> None:
            delay = 0.0
            while not self.stopping.wait(delay):
                delay = every
                try:
                    self.send_reminders(client)
                except Exception:  # never let reminders kill the app; try again next time
                    log.exception("reminders failed")

        thread = threading.Thread(target=loop, name="foibot-reminders", daemon=True)
        thread.start()
        return thread

    def send_reminders(self, client: WebClient) -> int:
        """Post whatever digest and reminders are due and not yet sent; returns how many were posted.

        Each post carries its reminder key as a marker and is recorded only after it is posted; a key
        already visible in Slack is recorded without posting again. So a crash at any point neither
        loses a reminder nor repeats one."""
        from foibot.register.reminders import claim, pending_digest, pending_reminders

        rt, today, posted = self.rt, self.engine.today(), 0
        until = rt.authority.holiday_data_until
        digest = pending_digest(rt.store, today, holiday_data_until=until)
        if digest and self.settings.channels:
            channel = self.settings.channels[0]
            seen = client.conversations_history(channel=channel, limit=200)["messages"]
            posted += self._post_once(client, channel, None, digest.key, digest.text(), seen)
            claim(rt.store, digest.key)
        for reminder in pending_reminders(rt.store, today, days_before=rt.authority.reminder_working_days,
                                          holiday_data_until=until):
            row = rt.store.conversation(reminder.item.conversation_id) if reminder.item.conversation_id else None
            if not row or row["surface"] != "slack":
                continue
            seen = client.conversations_replies(channel=row["channel"], ts=row["thread_ts"], limit=1000)["messages"]
            posted += self._post_once(client, row["channel"], row["thread_ts"], reminder.key, reminder.text, seen)
            claim(rt.store, reminder.key)
        return posted

    @staticmethod
    def _post_once(client: WebClient, channel: str, thread_ts: str | None, key: str, text: str,
                   seen: list[dict[str, Any]]) -> int:
        marker = f"rm|{key}"[:255]
        if any(b.get("block_id") == marker for m in seen if m.get("bot_id") for b in m.get("blocks") or []):
            return 0
        block = SectionBlock(block_id=marker, text=MarkdownTextObject(text=escape(text)[:2900]))
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=escape(text)[:2900],
                                blocks=[block.to_dict()], unfurl_links=False)
        return 1

    def recover(self, client: WebClient) -> int:
        """After a restart: bring every open thread up to date with the database. Returns how many moved."""
        count = 0
        for row in self.rt.store.open_conversations():
            if row["surface"] != "slack" or not row["channel"]:
                continue
            try:
                count += self.poster.resume(client, row["channel"], row["thread_ts"], row["id"])
            except Exception:  # one broken thread must not stop the others resuming
                log.exception("could not resume conversation %s", row["id"])
        return count
