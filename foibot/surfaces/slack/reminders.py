"""The background reminder loop: the daily digest in the first FOI channel and reminders in each case's
thread. Driven from the register, so a restart neither loses nor repeats one."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from foibot.surfaces.slack.blocks import escape
from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.recovery import read_thread

log = logging.getLogger(__name__)


def start(ctx: SlackContext, client: WebClient, *, every: float = 300.0) -> threading.Thread:
    """Check for due reminders now and then every ``every`` seconds until ``ctx.stopping`` is set."""
    def loop() -> None:
        delay = 0.0
        while not ctx.stopping.wait(delay):
            delay = every
            try:
                send_reminders(ctx, client)
            except Exception:  # never let reminders kill the app; try again next time
                log.exception("reminders failed")

    thread = threading.Thread(target=loop, name="foibot-reminders", daemon=True)
    thread.start()
    return thread


def send_reminders(ctx: SlackContext, client: WebClient) -> int:
    """Post whatever digest and reminders are due and not yet sent; returns how many were posted.

    Each post carries its reminder key as a marker and is recorded only after it is posted; a key
    already visible in Slack is recorded without posting again. So a crash at any point neither
    loses a reminder nor repeats one. A channel foibot cannot post in (removed from it, archived, deleted)
    stops only its own posts: one warning names the case and the channel, nothing is recorded (so it goes out
    once foibot is back in), and every other reminder is still sent."""
    from foibot.register.reminders import claim, pending_digest, pending_reminders

    rt, today, posted = ctx.rt, ctx.engine.today(), 0
    until = rt.authority.holiday_data_until
    digest = pending_digest(rt.store, today, holiday_data_until=until)
    if digest and ctx.settings.channels:
        channel = ctx.settings.channels[0]
        with _unless_gone(ctx, channel, digest.key, "the daily digest") as done:
            seen = client.conversations_history(channel=channel, limit=200)["messages"]
            posted += _post_once(client, channel, None, digest.key, digest.text(), seen)
            claim(rt.store, digest.key)
            done()
    for reminder in pending_reminders(rt.store, today, days_before=rt.authority.reminder_working_days,
                                      holiday_data_until=until):
        where = ctx.thread_of(reminder.item.conversation_id) if reminder.item.conversation_id else None
        if where is None:
            continue
        channel, thread_ts = where
        with _unless_gone(ctx, channel, reminder.key, f"the reminder for {reminder.item.ref}") as done:
            seen = read_thread(client, channel, thread_ts)  # every page: a long thread's reminder is still seen
            posted += _post_once(client, channel, thread_ts, reminder.key, reminder.text, seen)
            claim(rt.store, reminder.key)
            done()
    return posted


@contextmanager
def _unless_gone(ctx: SlackContext, channel: str, key: str, what: str) -> Iterator[Callable[[], None]]:
    """Run the block; a Slack error saying foibot cannot use ``channel`` is logged once per key and channel
    (not every few minutes) and swallowed, so the other posts go on. Any other error propagates."""
    from foibot.surfaces.slack.recovery import CHANNEL_ERRORS

    warned = ctx.unposted
    try:
        yield lambda: warned.discard((key, channel))
    except SlackApiError as exc:
        code = exc.response.get("error", "")
        if code not in CHANNEL_ERRORS:
            raise
        if (key, channel) not in warned:
            warned.add((key, channel))
            log.warning("cannot post %s in channel %s (%s); it is sent once foibot can post there again", what,
                        channel, code)


def _post_once(client: WebClient, channel: str, thread_ts: str | None, key: str, text: str,
               seen: list[dict[str, Any]]) -> int:
    marker = f"rm|{key}"[:255]
    if any(b.get("block_id") == marker for m in seen if m.get("bot_id") for b in m.get("blocks") or []):
        return 0
    block = SectionBlock(block_id=marker, text=MarkdownTextObject(text=escape(text)[:2900]))
    client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=escape(text)[:2900],
                            blocks=[block.to_dict()], unfurl_links=False)
    return 1
