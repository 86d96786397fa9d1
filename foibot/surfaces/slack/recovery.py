"""Nothing lost across a crash or a restart.

Slack never redelivers an event it has had an ack for, so an officer's reply acked just before the
process died is only in the thread itself. On start, ``reconcile`` reads each open case thread from
the last processed message on and applies, in order, every officer's message never processed; the
message ``ts`` is the idempotency key (recorded in the same transaction as the answer, for live events
too), so no reply is applied twice. Then it posts whatever the thread lacks: a draft decided but not
posted, the pending question, or (when the question is there but unanswered, as after a lost button
press) the question once more, marked as a reminder.

A graceful stop (SIGTERM) stops taking new events and finishes the work in hand before exiting.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from contextlib import ExitStack
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from foibot.conversation.engine import Turn
from foibot.surfaces.slack.blocks import escape
from foibot.surfaces.slack.context import closed_notice
from foibot.surfaces.slack.poster import Poster
from foibot.surfaces.slack.requests import addressed_to_someone_else, message_text
from foibot.surfaces.slack.threads import Thread

log = logging.getLogger(__name__)

_HUMAN_SUBTYPES = (None, "file_share", "thread_broadcast")
CHANNEL_ERRORS = ("not_in_channel", "channel_not_found", "is_archived")


def answer_in_thread(poster: Poster, client: WebClient, channel: str, thread_ts: str, ts: str, text: str,
                     user: str | None) -> bool:
    """Apply an officer's message in a case thread once (keyed by its ``ts``) and post the result.
    Returns False when the message was already processed, or the thread holds no case. A message that goes on
    with the request (see ``seen.more_request``) is joined to it; a reply written before the thread showed
    the question now asked (two officers answering at once) is not taken as its answer, and the thread says
    so. If the thread cannot be posted in (foibot removed from the channel), the writer is told by direct
    message; the answer stays stored and the next question is posted when foibot next starts (``reconcile``)."""
    engine, store = poster.engine, poster.engine.store
    with ExitStack() as in_hand:
        decided = _decide(poster, channel, thread_ts, ts, text, user, in_hand)
        if decided is None:
            return False
        thread, turn, said = decided
        if isinstance(said, dict):  # more of the request, or an answer? asked in the thread, with two buttons
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, **said)
            return True
        if said is not None:  # overtaken by another answer, or the officer's own letter checked: in the thread
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=said, unfurl_links=False)
            return True
        if turn is None:  # a case marked as sent is not changed by a later reply: say so to the writer only
            from foibot.surfaces.slack.cases import review_in_case_thread

            if review_in_case_thread(poster, client, thread, ts, text, user):  # unless it asks for its review
                return True
            closed = closed_notice(engine, thread.conversation_id)
            if user and text.strip():
                client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, text=escape(closed or ""))
            return True
        try:
            poster.post(client, channel, thread_ts, turn)
        except SlackApiError as exc:
            code = exc.response.get("error", "")
            if code not in CHANNEL_ERRORS or not user:
                raise
            log.warning("conversation %s: cannot post in %s (%s); told %s by DM", turn.conversation_id, channel,
                        code, user)
            state = (store.conversation(thread.conversation_id) or {}).get("state") or {}
            try:
                client.chat_postMessage(channel=user, text=escape(engine.replies.render(
                    "slack-cannot-post", channel=channel, code=code, text=text[:80],
                    reference=(state.get("answers") or {}).get("reference"))).replace(
                    f"&lt;#{channel}&gt;", f"<#{channel}>"))
            except SlackApiError:
                log.exception("could not tell %s by DM either", user)
    return True


def _decide(poster: Poster, channel: str, thread_ts: str, ts: str, text: str, user: str | None,
            in_hand: ExitStack) -> tuple[Thread, Turn | None, str | dict[str, Any] | None] | None:
    """In one transaction: claim the message and decide what it does (see ``_decide_now``). None when the
    message was processed before or the thread holds no case. While another turn of the case is in hand
    (decided, perhaps already in the thread, its post not yet recorded) it waits for that first, outside
    the transaction, so what the thread showed when the message was written is known."""
    store = poster.engine.store
    for attempt in range(3):
        with store.transaction():
            thread = poster.threads.in_thread(channel, thread_ts)
            if thread is None or poster.threads.processed(channel, ts):
                return None
            if attempt == 2 or not poster.is_in_hand(thread.conversation_id):
                return _decide_now(poster, thread, ts, text, user, in_hand)
        poster.wait_posted(thread.conversation_id)  # posting records into the database: never in a transaction
    return None


def _decide_now(poster: Poster, thread: Thread, ts: str, text: str, user: str | None,
                in_hand: ExitStack) -> tuple[Thread, Turn | None, str | dict[str, Any] | None] | None:
    """(thread, the turn to post, or words for a reply overtaken by another answer, or a message asking whether
    it is more of the request or an answer (``seen.more_request``)), the turn marked in hand
    (on ``in_hand``) until posted; (thread, None, None) for a closed case. Inside the caller's transaction."""
    from foibot.surfaces.slack import release, seen

    engine, store, conv = poster.engine, poster.engine.store, thread.conversation_id
    if not poster.threads.claim_message(thread.channel, ts, conv):
        return None
    if closed_notice(engine, conv):
        return thread, None, None
    if release.is_own_version(engine, conv, text):  # the officer's own version of the letter: checked, not read
        return thread, None, release.own_version_checked(engine, conv, text, user=user)
    row = store.conversation(conv) or {}
    text = seen.unquoted(poster, row, text)
    joined = seen.more_request(poster, thread, row, ts, text, user)
    if isinstance(joined, dict):
        return thread, None, joined
    if joined is not None:
        in_hand.enter_context(poster.in_hand(conv))
        return thread, joined, None
    said = seen.overtaken(poster, thread, row, ts, text, user)
    if said is not None:
        return thread, None, said
    in_hand.enter_context(poster.in_hand(conv))
    asking = (row.get("state") or {}).get("asking")
    turn = engine.reply(conv, text, user=user)
    now = ((store.conversation(conv) or {}).get("state") or {}).get("asking")
    if asking and now != asking:  # it answered (or skipped) the question: who, for a reply it overtakes
        poster.threads.mark(conv, answered_by=user or "", answered_field=asking)
    return thread, turn, None


def read_thread(client: WebClient, channel: str, thread_ts: str, oldest: str | None = None) -> list[dict[str, Any]]:
    """Every message of a thread (from ``oldest`` on, inclusive), following Slack's pagination cursors."""
    messages: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = client.conversations_replies(channel=channel, ts=thread_ts, limit=200, cursor=cursor,
                                            **({"oldest": oldest, "inclusive": True} if oldest else {}))
        messages += page.get("messages") or []
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not page.get("has_more") or not cursor:
            break
    seen: set[str] = set()
    unique = [m for m in messages if not (m["ts"] in seen or seen.add(m["ts"]))]
    return sorted(unique, key=lambda m: float(m["ts"]))


def unprocessed(poster: Poster, channel: str, thread_ts: str, thread: list[dict[str, Any]],
                home_team: str | None = None) -> list[dict[str, Any]]:
    """The officers' replies in a thread that were never processed, oldest first; not a message by a person of
    another organisation (its ``user_team`` not ``home_team``: a Slack Connect channel, see ``outsiders``)."""
    return [m for m in thread if m["ts"] != thread_ts and not m.get("bot_id") and m.get("user")
            and m.get("subtype") in _HUMAN_SUBTYPES and not poster.threads.processed(channel, m["ts"])
            and not (home_team and m.get("user_team") and m["user_team"] != home_team)]


def reconcile(poster: Poster, client: WebClient, *, bot_user_id: str | None = None,
              from_slack: Callable[[str, str | None], str] = lambda text, _bot: text,
              home_team: str | None = None) -> int:
    """Bring every open case thread up to date with the database and the database up to date with the
    thread. Returns how many threads changed. One broken thread does not stop the others."""
    changed = 0
    for record in poster.threads.open_threads():
        channel, thread_ts, conv = record.channel, record.thread_ts, record.conversation_id
        try:
            thread = read_thread(client, channel, thread_ts, oldest=_read_from(record))
            missed = unprocessed(poster, channel, thread_ts, thread, home_team)
            applied = 0
            for message in missed:
                if addressed_to_someone_else(message.get("text") or "", bot_user_id):
                    with poster.engine.store.transaction():  # "@Jo can you look?": left alone, as when running
                        poster.threads.claim_message(channel, message["ts"], conv)
                    continue
                log.info("conversation %s: applying a reply missed while stopped", conv)
                answer_in_thread(poster, client, channel, thread_ts, message["ts"],
                                 from_slack(message_text(message), bot_user_id), message.get("user"))
                applied += 1
            if applied:  # applying them posted what follows: the thread is up to date
                changed += 1
                continue
            changed += poster.resume(client, channel, thread_ts, conv, thread)
        except Exception:  # one broken thread must not stop the others resuming
            log.exception("could not reconcile conversation %s", conv)
    return changed


def _read_from(record: Thread) -> str | None:
    """Where to read a thread from on restart: the last message processed, or the post showing what the thread
    waits for if that is earlier (colleagues' messages after a question move ``last_ts`` past it; read from
    there, the question would look unposted and be posted again on every restart)."""
    last, since = record.last_ts, record.waiting_since
    try:
        return since if last and since and float(since) < float(last) else last
    except ValueError:
        return last


class SeenEvents:
    """The event ids this process has taken, for dropping Slack's redeliveries (bounded, oldest forgotten).

    In memory on purpose: the check runs before the ack, which must never wait on the database (a purge or
    another process may hold its write lock for seconds). Slack redelivers only events it had no ack for
    in time: to this process while it is still working on the first delivery (caught here), or to a new
    process after a crash before the ack, which must then handle the event. Every handler is idempotent
    besides (a thread reply by its message ts, a new case by its thread), so a repeat changes nothing."""

    def __init__(self, keep: int = 10_000):
        self.keep = keep
        self._ids: dict[str, None] = {}
        self._lock = threading.Lock()

    def first(self, event_id: str) -> bool:
        """True the first time ``event_id`` is seen by this process."""
        with self._lock:
            if event_id in self._ids:
                return False
            self._ids[event_id] = None
            if len(self._ids) > self.keep:
                del self._ids[next(iter(self._ids))]
            return True


def stop_socket_mode(client: Any) -> None:
    """Stop taking Socket Mode envelopes at once. Not ``close()``: websocket-client's close handshake waits
    up to 3 s for a reply that its own reader thread may swallow, and the reader then sits up to 10 s in a
    ``select`` on the closed socket. Here envelopes being dispatched finish (their acks are sent); any that
    arrive later are left unacked, so Slack redelivers them to the next process; the socket closes when
    the process exits."""
    client.auto_reconnect_enabled = False
    client.closed = True  # the message processor stops taking from the queue
    client.message_listeners.clear()
    client.socket_mode_request_listeners.clear()
    client.message_workers.shutdown(wait=True)


class Drain:
    """A graceful stop: Bolt runs listeners in a thread pool (``app.listener_runner.listener_executor``);
    shutting it down waits for every listener already running, so the work in hand is finished."""

    def __init__(self, executor: Executor):
        self.executor = executor
        self.stopping = threading.Event()

    def install(self, stop_intake: Callable[[], None], signals: tuple[int, ...] = (signal.SIGTERM,)) -> None:
        """On SIGTERM: stop taking events (``stop_intake``), let the work in hand finish, then exit 0."""
        def on_signal(signum: int, _frame: object) -> None:
            if self.stopping.is_set():
                return
            self.stopping.set()
            log.info("stopping: finishing work in hand")
            threading.Thread(target=self._finish, args=(stop_intake,), name="foibot-drain").start()

        for sig in signals:
            signal.signal(sig, on_signal)

    def _finish(self, stop_intake: Callable[[], None]) -> None:
        try:
            stop_intake()
        except Exception:  # the intake may already be closed; the drain must still happen
            log.exception("closing the connection to Slack failed")
        self.executor.shutdown(wait=True)
        log.info("stopped")
        os._exit(0)  # the main thread is parked in the Socket Mode (or HTTP) loop; all work is committed
