"""The background reminder loop: the daily digest in the first FOI channel and reminders in each case's
thread. Driven from the register, so a restart neither loses nor repeats one."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from foibot.register.store import Store
from foibot.surfaces.slack.blocks import chunk, escape
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
        with _sending(rt.store, digest.key, ctx.holder) as mine, \
                _unless_gone(ctx, channel, digest.key, "the daily digest") as done:
            if mine:
                seen = client.conversations_history(channel=channel, limit=200)["messages"]
                posted += _post_once(client, channel, None, digest.key, digest.text(), seen)
                claim(rt.store, digest.key)
            done()
    for reminder in pending_reminders(rt.store, today, days_before=rt.authority.reminder_working_days,
                                      holiday_data_until=until):
        item = reminder.item  # a review's own thread, not the reviewed case's (the register links the review to it)
        conv = (_drafting(rt.store, item.ref) if item.is_review else None) or item.conversation_id
        where = ctx.thread_of(conv) if conv else None
        if where is None:
            continue
        channel, thread_ts = where
        with _sending(rt.store, reminder.key, ctx.holder) as mine, \
                _unless_gone(ctx, channel, reminder.key, f"the reminder for {reminder.item.ref}") as done:
            if mine:
                seen = read_thread(client, channel, thread_ts)  # every page: a long thread's reminder is still seen
                posted += _post_once(client, channel, thread_ts, reminder.key, reminder.text, seen)
                claim(rt.store, reminder.key)
            done()
    return posted


LEASE = timedelta(minutes=10)  # a holder that died while posting is taken over after this
SECTION = 2900
"""A digest's section, under Slack's 3,000 characters."""
PER_MESSAGE = 3


def _drafting(store: Store, ref: str) -> str | None:
    """The Slack conversation drafting case ``ref``'s letter, by the case it names: for an internal review (``REF/IR``)
    the register's link is to the case reviewed, whose thread is closed; the review's questions are in its own."""
    with store.lock:
        row = store.db.execute("select id from conversations where case_ref = ? and surface = 'slack' "
                               "order by created_at desc limit 1", [ref]).fetchone()
    return row[0] if row else None


@contextmanager
def _sending(store: Store, key: str, holder: str) -> Iterator[bool]:
    """True while this app (``holder``) alone posts ``key``: another foibot process on the same database (a deploy
    overlapping the old and the new) that is posting it now, or has posted it since this round began, makes it
    False. A holder that died mid-post is taken over after ``LEASE``; the marker check in Slack then stops a second
    post."""
    from foibot.register.reminders import was_sent

    now = datetime.now(UTC)
    with store.transaction() as db:
        row = db.execute("select holder, at from slack_sending where key = ?", [key]).fetchone()
        if row and row[0] != holder and datetime.fromisoformat(row[1]) > now - LEASE:
            mine = False
        else:
            db.execute("insert or replace into slack_sending (key, holder, at) values (?, ?, ?)",
                       [key, holder, now.isoformat()])
            mine = not was_sent(store, key)
    try:
        yield mine
    finally:
        with store.transaction() as db:
            db.execute("delete from slack_sending where key = ? and holder = ?", [key, holder])


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
    """Post ``text`` whole, unless it is in ``seen``: a long digest (many cases due or overdue) in sections of at
    most 2,900 characters, three to a message (under Slack's limit on a message's blocks), each message with its
    own marker, so none is posted twice and none left out."""
    marker = f"rm|{key}"[:255]
    shown = {b.get("block_id") for m in seen if m.get("bot_id") for b in m.get("blocks") or []}
    pieces = chunk(escape(text), SECTION)
    messages = [pieces[i:i + PER_MESSAGE] for i in range(0, len(pieces), PER_MESSAGE)]
    posted = 0
    for n, sections in enumerate(messages):
        mark = marker if n == 0 else f"rm|{n + 1}|{key}"[:255]
        if mark in shown:
            continue
        blocks = [SectionBlock(block_id=mark if i == 0 else None, text=MarkdownTextObject(text=piece)).to_dict()
                  for i, piece in enumerate(sections)]
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=sections[0], blocks=blocks,
                                unfurl_links=False)
        posted = 1
    return posted

