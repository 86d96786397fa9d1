"""What every Slack listener needs: the runtime, settings, access policy and the poster."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient

from foibot.runtime import Runtime
from foibot.settings import Settings
from foibot.slack.access import Access
from foibot.slack.poster import Poster

log = logging.getLogger(__name__)
_MENTION = re.compile(r"<@[A-Z0-9]+(\|[^>]*)?>")
_REQUEST_WORDS = re.compile(r"\b(please|provide|request|information|freedom of information|foi|copy of|how many|"
                            r"how much|list of|details of|send me|disclose|records?|data)\b|\?", re.I)


def from_slack(text: str) -> str:
    """Slack message text back to plain text: mentions of the bot dropped, ``&lt;`` and friends decoded."""
    return html.unescape(_MENTION.sub("", text or "")).strip()


def looks_like_request(text: str) -> bool:
    """A pasted FOI request, rather than chat: enough words and the language of a request."""
    return len(text.split()) >= 8 and bool(_REQUEST_WORDS.search(text))


@dataclass
class SlackContext:
    rt: Runtime
    settings: Settings
    access: Access
    poster: Poster

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
        """Start a case in a thread (or say that one is already open there)."""
        existing = self.conversation_in(channel, thread_ts)
        if existing:
            turn = self.engine.current_question(existing["id"])
        else:
            turn = self.engine.start(text, surface="slack", channel=channel, thread_ts=thread_ts, user=user)
        self.poster.post(client, channel, thread_ts, turn)

    def mark_sent(self, conv: str, version: Any, user: str) -> str:
        """Record that a draft went out today; the conversation closes and the review window starts."""
        from foibot.deadlines import format_day, review_window_end

        today = self.engine.today()
        self.engine.note(conv, "sent", {"version": version, "on": today.isoformat()}, user=user)
        self.engine.close(conv)
        window = self.rt.authority.review_window_working_days or 40
        try:
            until = f"; the requester may ask for a review until {format_day(review_window_end(today, window))}"
        except Exception:  # beyond the holiday data: say nothing rather than guess
            until = ""
        return f"Marked as sent on {format_day(today)} by <@{user}>{until}."

    def case_command(self, verb: str, args: list[str], user: str) -> str:
        """/foi similar, case and stats: answered from the case register."""
        from foibot.errors import FoibotError

        raise FoibotError(f"'/foi {verb}' needs the case register, which is not set up in this workspace yet")

    def start_background(self, client: WebClient) -> None:
        """Background work that outlives a request (reminders); nothing yet."""

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
