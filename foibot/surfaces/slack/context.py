"""What every Slack listener needs: the runtime, settings, access policy and the poster.

Listeners reach it through Bolt's ``context["foibot"]`` (a global middleware in ``app.py`` puts it there).
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from slack_sdk import WebClient

from foibot.conversation.engine import Engine
from foibot.law.dates import format_day
from foibot.surfaces.runtime import Runtime
from foibot.surfaces.settings import Settings
from foibot.surfaces.slack.access import Access
from foibot.surfaces.slack.poster import Poster

log = logging.getLogger(__name__)


@dataclass
class SlackContext:
    rt: Runtime
    settings: Settings
    access: Access
    poster: Poster
    stopping: threading.Event = field(default_factory=threading.Event)
    unposted: set[tuple[str, str]] = field(default_factory=set)  # (reminder key, channel) warned as unpostable
    holder: str = field(default_factory=lambda: uuid.uuid4().hex)  # this app among others on one database

    @property
    def engine(self) -> Engine:
        return self.rt.engine

    def say(self, key: str, **values: Any) -> str:
        """A chat reply from ``snippets/replies.yaml``."""
        return self.engine.replies.render(key, **values)

    @property
    def refusal(self) -> str:
        return self.say("not-allowed")

    @property
    def hint(self) -> str:
        return self.say("dm-hint")

    def tell(self, client: WebClient, channel: str, thread_ts: str | None, user: str, text: str) -> None:
        """A note only ``user`` sees, in the thread (Slack markup in ``text`` is escaped)."""
        from foibot.surfaces.slack.blocks import escape

        client.chat_postEphemeral(channel=channel, user=user, text=escape(text),
                                  **({"thread_ts": thread_ts} if thread_ts else {}))

    def open_form(self, client: WebClient, body: dict[str, Any], view: dict[str, Any]) -> dict[str, Any] | None:
        """``views.open`` with the press's ``trigger_id``; the opened view, or None after telling the presser
        why not when Slack refuses the trigger (it is good for 3 seconds and once: ``expired_trigger_id``,
        ``exchanged_trigger_id``), so a form that did not open is never a silent press."""
        from slack_sdk.errors import SlackApiError

        try:
            return client.views_open(trigger_id=body["trigger_id"], view=view)["view"]
        except SlackApiError as exc:
            code = exc.response.get("error", "")
            if code not in ("expired_trigger_id", "exchanged_trigger_id"):
                raise
            log.warning("a form was not opened (%s)", code)
            channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
            message = body.get("message") or {}
            user = (body.get("user") or {}).get("id")
            if channel and user:
                self.tell(client, channel, message.get("thread_ts") or message.get("ts"), user,
                          self.say("slack-form-not-opened"))
            return None

    def closed_notice(self, conv_id: str) -> str | None:
        """For a closed case (marked as sent): what to tell an officer who tries to change it; else None."""
        return closed_notice(self.engine, conv_id)

    def refuse_if_closed(self, client: WebClient, channel: str, thread_ts: str | None, user: str,
                         conv_id: str) -> bool:
        """True for a case marked as sent, after telling ``user`` only that nothing was changed."""
        notice = self.closed_notice(conv_id)
        if notice:
            self.tell(client, channel, thread_ts, user, notice)
        return notice is not None

    def conversation_in(self, channel: str, thread_ts: str | None) -> dict[str, Any] | None:
        found = self.poster.threads.in_thread(channel, thread_ts)
        return self.rt.store.conversation(found.conversation_id) if found else None

    def thread_of(self, conv_id: str) -> tuple[str, str] | None:
        """The Slack thread a conversation lives in, or None (a console or CLI conversation)."""
        found = self.poster.threads.of(conv_id)
        return (found.channel, found.thread_ts) if found else None

    def start_case(self, client: WebClient, channel: str, thread_ts: str, text: str, user: str) -> None:
        """Start a case in a thread, unless one is already open there (a paste and a shortcut can race).

        A message the engine gives to a case already open (the requester's clarification of a case awaiting it,
        pasted as a new message in the channel) opens nothing: the engine's answer goes to that case's own
        thread, and the channel is told, briefly, where it went (as a review asked for in a sent case's thread
        is: ``cases.review_in_case_thread``)."""
        with self.rt.store.transaction():
            if self.conversation_in(channel, thread_ts):
                return
            turn = self.engine.start(text, surface="slack", user=user)
            home = self.poster.threads.of(turn.conversation_id) if turn.conversation_id else None
            if turn.conversation_id and home is None:  # a conversation with a thread already gets no second one
                self.poster.threads.link(channel, thread_ts, turn.conversation_id)
        if home is None:
            self.poster.post(client, channel, thread_ts, turn)
            return
        self.poster.post(client, home.channel, home.thread_ts, turn)
        self._say_where(client, channel, home.channel, home.thread_ts, turn.conversation_id, user)

    def _say_where(self, client: WebClient, channel: str, home_channel: str, home_ts: str, conv_id: str,
                   user: str) -> None:
        """In the channel where a message was posted (not in a thread: it opens none): which case's thread it
        went to, with that thread's link."""
        from foibot.surfaces.slack.blocks import escape

        reference = str(self.engine.answer(conv_id, "reference") or "")
        try:
            link = str(client.chat_getPermalink(channel=home_channel, message_ts=home_ts)["permalink"])
        except Exception:  # noqa: BLE001 - a link is a convenience: the words stand without it
            link = ""
        said = escape(self.say("slack-clarification-moved", reference="\0ref\0", who="\0who\0",
                               link="\0link\0" if link else ""))
        said = (said.replace("\0ref\0", escape(reference)).replace("\0who\0", f"<@{user}>")
                .replace("\0link\0", f"<{link}|its thread>" if link else ""))
        client.chat_postMessage(channel=channel, text=said, unfurl_links=False)

    def recover(self, client: WebClient) -> int:
        """After a restart: bring every open thread up to date with the database. Returns how many moved.
        Replies missed while stopped are applied first (see ``recovery``)."""
        from foibot.surfaces.slack.recovery import reconcile
        from foibot.surfaces.slack.requests import from_slack

        me = client.auth_test()
        return reconcile(self.poster, client, bot_user_id=me.get("user_id"), from_slack=from_slack,
                         home_team=me.get("team_id"))


def closed_notice(engine: Engine, conv_id: str) -> str | None:
    """For a closed case (marked as sent): what to tell an officer who tries to change it; else None."""
    row = engine.store.conversation(conv_id)
    if not row or row.get("status") != "closed":
        return None
    state = row.get("state") or {}
    sent = next((e.get("value") for e in reversed(state.get("events") or []) if e.get("what") == "sent"), None)
    on = sent.get("on") if isinstance(sent, dict) else None
    return engine.replies.render("case-closed", reference=(state.get("answers") or {}).get("reference")
                                 or row.get("case_ref"), on=format_day(date.fromisoformat(on)) if on else "")
