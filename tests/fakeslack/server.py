"""A strict fake Slack on loopback: Web API, Socket Mode websocket, response_url and file uploads.

One aiohttp application on 127.0.0.1 (ephemeral port) runs in a background thread with its own
event loop. All state lives behind one ``threading.Condition``; the test-side API is synchronous
and waits with ``wait_for`` rather than sleeps.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import signal
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import parse_qsl, quote

from aiohttp import WSMsgType, web

from . import payloads as P

T = TypeVar("T")
KNOWN_BLOCKS = {"section", "header", "divider", "context", "actions", "image", "input", "rich_text", "markdown",
                "file", "video", "context_actions", "table"}
APP_TOKEN_METHODS = {"apps.connections.open"}


class SlackError(Exception):
    """A Web API error answered as ``{"ok": false, "error": code}``."""

    def __init__(self, code: str, *messages: str) -> None:
        super().__init__(code)
        self.code, self.messages = code, list(messages)


@dataclass
class Call:
    """One Web API request as the fake received it."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    time: float
    response: dict[str, Any] | None = None
    status: int = 200


@dataclass
class Fault:
    """An injected failure for a Web API method (``times=None`` means every call)."""

    method: str
    error: str | None
    status: int | None
    retry_after: int | None
    delay: float
    times: int | None


@dataclass
class Ack:
    """An ack received over the websocket, with latency from the envelope's last delivery."""

    envelope_id: str
    payload: dict[str, Any] | None
    latency: float
    attempt: int


@dataclass
class Envelope:
    """A Socket Mode envelope and its delivery/ack history."""

    id: str
    type: str
    payload: dict[str, Any]
    retry_attempt: int = 0
    retry_reason: str = ""
    sent_at: list[float] = field(default_factory=list)
    acks: list[Ack] = field(default_factory=list)

    def wire(self) -> str:
        return json.dumps({"envelope_id": self.id, "type": self.type, "payload": self.payload,
                           "accepts_response_payload": self.type != "events_api",
                           "retry_attempt": self.retry_attempt, "retry_reason": self.retry_reason})


@dataclass
class SharedFile:
    """A file uploaded through files v2 (``data`` is None until the bytes arrive)."""

    id: str
    filename: str
    length: int
    data: bytes | None = None
    title: str | None = None
    channel: str | None = None
    thread_ts: str | None = None
    initial_comment: str | None = None
    shared: bool = False
    mode: str = "hosted"  # "snippet" for a text snippet (Slack's "Create a text snippet", or a long paste converted)


@dataclass
class Kill:
    """A process to SIGKILL the instant the fake sees something (an ack, or a Web API call applied but not
    yet answered). ``fired`` is set once the signal is sent."""

    pid: int
    on_ack: Callable[[Envelope], bool] | None = None
    method: str | None = None
    on_call: Callable[[dict[str, Any]], bool] | None = None
    fired: bool = False


@dataclass
class _Conn:
    ws: web.WebSocketResponse
    draining: bool = False


def _truthy(value: Any) -> bool:
    return value in (True, 1, "1", "true", "True")


def _block_text_len(node: Any) -> int:
    """Cumulative length of every ``text`` string inside blocks (Slack's msg_blocks_too_long basis)."""
    if isinstance(node, list):
        return sum(_block_text_len(n) for n in node)
    if isinstance(node, dict):
        return sum(len(v) if k == "text" and isinstance(v, str) else _block_text_len(v) for k, v in node.items())
    return 0


def _check_confirm(confirm: Any, where: str) -> None:
    """A confirmation dialog object as Slack checks it (api.slack.com/reference/block-kit/composition-objects
    #confirm, and slack_sdk's ``ConfirmObject``): plain_text title of at most 100 characters, text of at most
    300, plain_text confirm and deny of at most 30. Slack shows the dialog itself; the app hears of the press
    only when the officer confirms, so a click sent by a test is a confirmed one."""
    limits = {"title": 100, "text": 300, "confirm": 30, "deny": 30}
    if not isinstance(confirm, dict):
        raise SlackError("invalid_blocks", f"[ERROR] confirm must be an object {where}")
    for name, limit in limits.items():
        part = confirm.get(name)
        if not isinstance(part, dict) or not 0 < len(part.get("text", "")) <= limit:
            raise SlackError("invalid_blocks", f"[ERROR] must be 1-{limit} characters {where}/{name}")
        if name != "text" and part.get("type") != "plain_text":
            raise SlackError("invalid_blocks", f"[ERROR] must be plain_text {where}/{name}")
    if confirm.get("style") not in (None, "primary", "danger"):
        raise SlackError("invalid_blocks", f"[ERROR] style must be primary or danger {where}/style")


def validate_blocks(blocks: Any, max_blocks: int) -> list[dict[str, Any]]:
    """Check blocks as Slack does; returns the parsed list or raises SlackError."""
    if isinstance(blocks, str):
        try:
            blocks = json.loads(blocks)
        except ValueError:
            raise SlackError("invalid_blocks_format", "[ERROR] blocks is not valid JSON") from None
    if not isinstance(blocks, list):
        raise SlackError("invalid_blocks_format", "[ERROR] blocks must be an array")
    if len(blocks) > max_blocks:
        raise SlackError("invalid_blocks", f"[ERROR] no more than {max_blocks} items allowed [json-pointer:/blocks]")
    for i, b in enumerate(blocks):
        where = f"[json-pointer:/blocks/{i}]"
        kind = b.get("type") if isinstance(b, dict) else None
        if kind not in KNOWN_BLOCKS:
            raise SlackError("invalid_blocks", f"[ERROR] unsupported type: {kind!r} {where}")
        if len(b.get("block_id", "")) > 255:
            raise SlackError("invalid_blocks", f"[ERROR] block_id must be at most 255 characters {where}")
        text = b.get("text") if isinstance(b.get("text"), dict) else {}
        if kind == "section":
            fields = b.get("fields") or []
            if not text.get("text") and not fields:
                raise SlackError("invalid_blocks", f"[ERROR] section needs text or fields {where}")
            if len(text.get("text", "")) > 3000:
                raise SlackError("invalid_blocks", f"[ERROR] must be less than 3001 characters {where}/text")
            if len(fields) > 10 or any(not isinstance(f, dict) or len(f.get("text", "")) > 2000 for f in fields):
                raise SlackError("invalid_blocks", f"[ERROR] fields: at most 10 of 2000 characters {where}")
        elif kind == "header" and (text.get("type") != "plain_text" or not 0 < len(text.get("text", "")) <= 150):
            raise SlackError("invalid_blocks", f"[ERROR] header text must be plain_text of 1-150 characters {where}")
        elif kind == "markdown" and len(b.get("text", "")) > 12000:
            raise SlackError("invalid_blocks", f"[ERROR] must be less than 12001 characters {where}/text")
        elif kind in ("context", "actions"):
            limit = 10 if kind == "context" else 25
            if not 0 < len(b.get("elements") or []) <= limit:
                raise SlackError("invalid_blocks", f"[ERROR] {kind} needs 1-{limit} elements {where}")
            for j, element in enumerate(b.get("elements") or []):
                if isinstance(element, dict) and "confirm" in element:
                    _check_confirm(element["confirm"], f"[json-pointer:/blocks/{i}/elements/{j}/confirm]")
        elif kind == "input" and (not b.get("label") or not b.get("element")):
            raise SlackError("invalid_blocks", f"[ERROR] input needs label and element {where}")
    return blocks


class FakeSlack:
    """The fake workspace and server. Use as a context manager or call start()/stop()."""

    def __init__(self, *, msg_blocks_limit: int = 12_000, trigger_ttl: float = 3.0,
                 view_size_limit: int = 250_000, single_use_tickets: bool = True) -> None:
        self.msg_blocks_limit, self.trigger_ttl = msg_blocks_limit, trigger_ttl
        self.view_size_limit, self.single_use_tickets = view_size_limit, single_use_tickets
        self.echo_bot_messages = True
        self.push_app_mentions = True
        self.team_id, self.bot_user_id, self.bot_id, self.app_id = P.TEAM_ID, P.BOT_USER_ID, P.BOT_ID, P.APP_ID
        self.port = 0
        self._cond = threading.Condition(threading.RLock())
        self._clock_offset = 0.0
        self._seq = itertools.count(1)
        self._last_sec = 0
        self.users: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, dict[str, Any]] = {}
        self.usergroups: dict[str, list[str]] = {}
        self.add_user(self.bot_user_id, "foibot", is_bot=True)
        for uid, name in (("U_OFFICER1", "Olivia Officer"), ("U_OFFICER2", "Omar Officer"),
                          ("U_OUTSIDER", "Oscar Outsider")):
            self.add_user(uid, name)
        self.add_channel("C_FOI", "foi-requests", ["U_OFFICER1", "U_OFFICER2", self.bot_user_id])
        self.add_channel("C_OTHER", "random", ["U_OFFICER1", "U_OFFICER2", "U_OUTSIDER"])
        self.add_channel("D_OFFICER1", "", ["U_OFFICER1", self.bot_user_id], im_user="U_OFFICER1")
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self.ephemerals: list[dict[str, Any]] = []
        self.views: list[dict[str, Any]] = []  # {"action": opened|pushed|updated|published, "view": ...}
        self._views_by_id: dict[str, dict[str, Any]] = {}
        self._stacks: dict[str | None, list[str]] = {}
        self._triggers: dict[str, dict[str, Any]] = {}
        self.files: dict[str, SharedFile] = {}
        self.bot_token = "xoxb-test"  # private file downloads need exactly this token (the Web API checks prefixes)
        self.downloads: list[dict[str, Any]] = []  # every url_private_download request: path, authorised or not
        self.responses: list[dict[str, Any]] = []  # posts to response_url
        self._response_urls: dict[str, dict[str, Any]] = {}
        self._calls: list[Call] = []
        self._faults: list[Fault] = []
        self._kills: list[Kill] = []
        self.envelopes: dict[str, Envelope] = {}
        self._pending: list[str] = []
        self._conns: list[_Conn] = []
        self._tickets: dict[str, bool] = {}
        self.connections_opened = 0
        self.replies_pages = 0  # conversations.replies pages served (pagination is exercised)
        self.unknown_acks: list[dict[str, Any]] = []
        self.errors: list[str] = []  # exceptions inside the fake's handlers
        self._redeliver: tuple[float, int] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._send_lock: asyncio.Lock | None = None
        self._ticker: asyncio.Task | None = None

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """Web API base URL for ``WebClient(base_url=...)``."""
        return f"http://127.0.0.1:{self.port}/api/"

    def start(self) -> FakeSlack:
        """Start the server thread; returns self once the port is bound."""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fakeslack", daemon=True)
        self._thread.start()
        self._run(self._astart())
        return self

    def stop(self) -> None:
        """Close websockets, stop the server and join its thread."""
        if self._loop is None:
            return
        self._run(self._astop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        assert self._thread is not None
        self._thread.join(5)
        self._loop.close()
        self._loop = None

    async def _astart(self) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_get("/link", self._link)
        app.router.add_get("/link/", self._link)
        app.router.add_post("/response_url/{rid}", self._response_url)
        app.router.add_post("/upload/{fid}", self._upload)
        app.router.add_get("/files-pri/{tf}/{rest:.*}", self._download)
        app.router.add_get("/signin", self._signin)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._send_lock = asyncio.Lock()
        self._ticker = asyncio.get_running_loop().create_task(self._tick())

    async def _astop(self) -> None:
        if self._ticker:
            self._ticker.cancel()
        for conn in list(self._conns):
            await conn.ws.close()
        assert self._runner is not None
        await self._runner.cleanup()

    def _run(self, coro: Any, timeout: float = 10) -> Any:
        assert self._loop is not None, "FakeSlack is not started"
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def _on_loop(self) -> bool:
        return self._thread is not None and threading.get_ident() == self._thread.ident

    # ------------------------------------------------------------------ clock, workspace, waiting

    def now(self) -> float:
        """The fake's clock (wall time plus any ``advance``)."""
        return time.time() + self._clock_offset

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward (trigger and response_url expiry) without sleeping."""
        with self._cond:
            self._clock_offset += seconds

    def new_ts(self) -> str:
        """Next message ts: "<epoch>.<6-digit seq>", strictly increasing."""
        with self._cond:
            self._last_sec = max(self._last_sec, int(self.now()))
            return f"{self._last_sec}.{next(self._seq) % 1_000_000:06d}"

    def add_user(self, user_id: str, real_name: str, *, is_bot: bool = False, team_id: str | None = None) -> None:
        """Add a workspace member; ``team_id`` other than the workspace's is a person from another organisation
        in a Slack Connect channel (see ``connect_channel``)."""
        name = real_name.split()[0].lower()
        self.users[user_id] = {"id": user_id, "team_id": team_id or self.team_id, "name": name,
                               "real_name": real_name, "is_bot": is_bot, "deleted": False, "tz": "Europe/London",
                               "profile": {"real_name": real_name, "display_name": name,
                                           "email": f"{name}@example.gov.uk"}}

    def connect_channel(self, channel_id: str, team_id: str, members: list[str]) -> None:
        """Share a channel with another organisation (Slack Connect): ``members`` of team ``team_id`` join it.
        As in Slack, a message event from one of them carries ``user_team`` and ``source_team`` naming their
        own team (``team`` may name the host's), its envelope says ``is_ext_shared_channel``, and an
        interactive payload's ``user.team_id`` is theirs (api.slack.com/enterprise/shared-channels: "be on the
        lookout for minor differences in channel, message, user, team … objects")."""
        with self._cond:
            ch = self.channels[channel_id]
            ch["ext_shared"] = True
            for member in members:
                if member not in self.users:
                    self.add_user(member, member.removeprefix("U_").title() + " External", team_id=team_id)
                ch["members"].add(member)

    def _foreign_team(self, user: str | None) -> str | None:
        team = (self.users.get(user or "") or {}).get("team_id")
        return team if team and team != self.team_id else None

    def add_channel(self, channel_id: str, name: str, members: list[str], *, im_user: str | None = None) -> None:
        """Add a channel (or an IM with ``im_user``); the bot may post only where it is a member."""
        self.channels[channel_id] = {"id": channel_id, "name": name, "members": set(members), "im_user": im_user}

    def archive_channel(self, channel_id: str) -> None:
        """Archive a channel, as an admin would: it can still be read, but nothing can be posted or changed in
        it (``chat.postMessage``, ``chat.update``, ``chat.postEphemeral`` answer ``is_archived``, "Channel has
        been archived.", docs.slack.dev/reference/methods/chat.postMessage#errors); ``conversations.info`` says
        ``is_archived``."""
        with self._cond:
            self.channels[channel_id]["archived"] = True

    def add_usergroup(self, group_id: str, members: list[str]) -> None:
        """A user group (``S…``) and its members, for ``usergroups.users.list``."""
        self.usergroups[group_id] = list(members)

    def wait_for(self, predicate: Callable[[], T], timeout: float = 5) -> T:
        """Wait until ``predicate()`` is truthy and return its value; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                result = predicate()
                if result:
                    return result
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"fake Slack: condition not met within {timeout}s")
                self._cond.wait(min(remaining, 0.05))

    # ------------------------------------------------------------------ test-side queries

    def calls(self, method: str | None = None) -> list[Call]:
        """Recorded Web API calls, optionally for one method."""
        with self._cond:
            return [c for c in self._calls if method is None or c.method == method]

    def messages(self, channel: str | None = None, thread_ts: str | None = None) -> list[dict[str, Any]]:
        """Messages in ts order: all of them, one channel's, or one thread's replies (parent excluded)."""
        with self._cond:
            chans = [channel] if channel else list(self._messages)
            out = [m for c in chans for m in self._messages.get(c, [])]
            if thread_ts is not None:
                out = [m for m in out if m.get("thread_ts") == thread_ts and m["ts"] != thread_ts]
            return sorted(out, key=lambda m: m["ts"])

    def thread(self, channel: str, ts: str) -> list[dict[str, Any]]:
        """A thread: its parent then replies."""
        return [m for m in self.messages(channel) if m["ts"] == ts or m.get("thread_ts") == ts]

    def wait_for_message(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 5) -> dict[str, Any]:
        """Wait for a stored message (dicts carry ``channel``) matching ``predicate``."""
        return self.wait_for(lambda: next((m for m in self.messages() if predicate(m)), None), timeout)

    @property
    def ack_latencies(self) -> list[float]:
        """Latency of every ack received, in arrival order of envelopes."""
        with self._cond:
            return [a.latency for e in self.envelopes.values() for a in e.acks]

    # ------------------------------------------------------------------ faults

    def inject_fault(self, method: str, *, error: str | None = None, status: int | None = None,
                     retry_after: int | None = None, delay: float = 0.0, times: int | None = 1) -> None:
        """Make the next ``times`` calls (None: all) to ``method`` fail or stall. Two more than the Web API's:
        ``download`` (a private file's download drops half-way) and ``upload`` (the POST of the bytes to a files v2
        ``upload_url`` answers ``status``, 500 by default)."""
        if status == 429 and retry_after is None:
            retry_after = 1
        with self._cond:
            self._faults.append(Fault(method, error, status, retry_after, delay, times))

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        with self._cond:
            self._faults.clear()

    def kill_on_ack(self, pid: int, match: Callable[[Envelope], bool]) -> Kill:
        """SIGKILL ``pid`` the instant the fake receives the ack of the first envelope ``match`` accepts
        (so the app dies after Slack has its ack, before it can do anything more)."""
        kill = Kill(pid, on_ack=match)
        with self._cond:
            self._kills.append(kill)
        return kill

    def kill_on_call(self, pid: int, method: str, match: Callable[[dict[str, Any]], bool] = lambda _p: True) -> Kill:
        """SIGKILL ``pid`` when a call to ``method`` (whose params ``match`` accepts) has been applied and
        before its response is sent: the post reached Slack, the app never learns it did."""
        kill = Kill(pid, method=method, on_call=match)
        with self._cond:
            self._kills.append(kill)
        return kill

    def _fire(self, test: Callable[[Kill], bool]) -> bool:
        """Send SIGKILL for the first armed kill ``test`` accepts (call with ``_cond`` held)."""
        for kill in self._kills:
            if not kill.fired and test(kill):
                kill.fired = True
                with contextlib.suppress(ProcessLookupError):  # it may have died already
                    os.kill(kill.pid, signal.SIGKILL)
                self._cond.notify_all()
                return True
        return False

    def _take_fault(self, method: str) -> Fault | None:
        with self._cond:
            for f in self._faults:
                if f.method == method:
                    if f.times is not None:
                        f.times -= 1
                        if f.times <= 0:
                            self._faults.remove(f)
                    return f
        return None

    # ------------------------------------------------------------------ Web API dispatch

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            raw = await request.read()
            params.update(json.loads(raw) if raw.strip() else {})
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for k, v in (await request.post()).items():
                params[k] = v.file.read() if isinstance(v, web.FileField) else v
        else:
            params.update(parse_qsl((await request.read()).decode("utf-8", "replace")))
        auth = request.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else params.pop("token", None)
        params.pop("token", None)
        call = Call(method, params, dict(request.headers), self.now())
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()
        fault = self._take_fault(method)
        if fault:
            await asyncio.sleep(fault.delay)
            if fault.status:
                body = {"ok": False, "error": fault.error or ("ratelimited" if fault.status == 429 else "fatal_error")}
                headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
                return self._respond(call, body, fault.status, headers)
            if fault.error:
                return self._respond(call, {"ok": False, "error": fault.error})
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        outbox: list[dict[str, Any]] = []
        try:
            if handler is None:
                raise SlackError("unknown_method")
            self._check_token(method, token)
            with self._cond:
                body = {"ok": True, **handler(params, outbox)}
                self._cond.notify_all()
        except SlackError as e:
            body = {"ok": False, "error": e.code}
            if e.messages:
                body["response_metadata"] = {"messages": e.messages}
        except Exception as e:  # a bug in the fake or a request shape it cannot read: fail loudly
            self.errors.append(f"{method}: {e!r}")
            return self._respond(call, {"ok": False, "error": "fakeslack_internal_error",
                                        "response_metadata": {"messages": [repr(e)]}}, 500)
        with self._cond:
            if self._fire(lambda k: k.method == method and k.on_call is not None and k.on_call(params)):
                return self._respond(call, body)  # the caller is dead: no echo events, the response goes nowhere
        for payload in outbox:
            await self._push_async("events_api", payload)
        return self._respond(call, body)

    def _respond(self, call: Call, body: dict[str, Any], status: int = 200,
                 headers: dict[str, str] | None = None) -> web.Response:
        with self._cond:
            call.response, call.status = body, status
            self._cond.notify_all()
        return web.json_response(body, status=status, headers=headers)

    def _check_token(self, method: str, token: str | None) -> None:
        if not token:
            raise SlackError("not_authed")
        if not token.startswith(("xoxb-", "xapp-")):
            raise SlackError("invalid_auth")
        if token.startswith("xapp-") != (method in APP_TOKEN_METHODS):
            raise SlackError("not_allowed_token_type")

    # ------------------------------------------------------------------ message helpers

    def _channel(self, channel_id: Any, *, member: bool = True) -> dict[str, Any]:
        if isinstance(channel_id, str) and channel_id.startswith("U"):  # posting to a user opens the DM
            channel_id = next((c for c, ch in self.channels.items() if ch["im_user"] == channel_id), channel_id)
        ch = self.channels.get(channel_id) if isinstance(channel_id, str) else None
        if ch is None:
            raise SlackError("channel_not_found")
        if member and self.bot_user_id not in ch["members"]:
            raise SlackError("not_in_channel")
        return ch

    def _writable(self, channel_id: Any) -> dict[str, Any]:
        """A channel the bot may post in: a member, and not archived."""
        ch = self._channel(channel_id)
        if ch.get("archived"):
            raise SlackError("is_archived")
        return ch

    def _find(self, channel: str, ts: Any) -> dict[str, Any]:
        msg = next((m for m in self._messages.get(channel, []) if m["ts"] == ts), None)
        if msg is None:
            raise SlackError("message_not_found")
        return msg

    def _content(self, params: dict[str, Any], max_blocks: int = 50) -> dict[str, Any]:
        """Validate text/blocks/attachments of a message; returns the stored fields."""
        text, blocks, attachments = params.get("text"), params.get("blocks"), params.get("attachments")
        if not text and not blocks and not attachments:
            raise SlackError("no_text")
        if text and len(text) > 40_000:
            raise SlackError("msg_too_long")
        out: dict[str, Any] = {"text": text or ""}
        if blocks:
            out["blocks"] = validate_blocks(blocks, max_blocks)
            if _block_text_len(out["blocks"]) > self.msg_blocks_limit:
                raise SlackError("msg_blocks_too_long")
        if attachments:
            out["attachments"] = json.loads(attachments) if isinstance(attachments, str) else attachments
        return out

    def _add_message(self, channel: str, msg: dict[str, Any], outbox: list[dict[str, Any]] | None,
                     thread_ts: str | None = None) -> dict[str, Any]:
        """Store a message (threading it, updating the parent) and echo bot posts into ``outbox``."""
        msg = {"type": "message", "ts": self.new_ts(), "team": self.team_id, **msg, "channel": channel}
        if thread_ts:
            parent = next((m for m in self._messages.get(channel, []) if m["ts"] == thread_ts), None)
            if parent is not None and parent.get("thread_ts") not in (None, parent["ts"]):
                thread_ts = parent["thread_ts"]  # replying to a reply lands in the parent's thread
                parent = next(m for m in self._messages[channel] if m["ts"] == thread_ts)
            msg["thread_ts"] = thread_ts
            if parent is not None:
                parent["thread_ts"] = thread_ts
                parent["reply_count"] = parent.get("reply_count", 0) + 1
                parent["latest_reply"] = msg["ts"]
                parent["reply_users"] = sorted({*parent.get("reply_users", []), msg.get("user", "")})
        self._messages.setdefault(channel, []).append(msg)
        if outbox is not None and self.echo_bot_messages and msg.get("bot_id"):
            event = {**msg, "event_ts": msg["ts"],
                     "channel_type": "im" if self.channels[channel]["im_user"] else "channel"}
            outbox.append(P.event_callback(event))
        self._cond.notify_all()
        return msg

    def _bot_fields(self) -> dict[str, Any]:
        return {"user": self.bot_user_id, "bot_id": self.bot_id, "app_id": self.app_id,
                "bot_profile": {"id": self.bot_id, "app_id": self.app_id, "name": "foibot", "team_id": self.team_id}}

    # ------------------------------------------------------------------ Web API methods

    def _m_auth_test(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        return {"url": f"https://{P.TEAM_DOMAIN}.slack.com/", "team": "Fake FOI", "user": "foibot",
                "team_id": self.team_id, "user_id": self.bot_user_id, "bot_id": self.bot_id,
                "is_enterprise_install": False}

    def _m_apps_connections_open(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        ticket = uuid.uuid4().hex
        self._tickets[ticket] = False
        return {"url": f"ws://127.0.0.1:{self.port}/link/?ticket={ticket}&app_id={self.app_id}"}

    def _m_chat_postMessage(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        ch = self._writable(p.get("channel"))
        fields = {**self._content(p), **self._bot_fields()}
        if p.get("thread_ts") and _truthy(p.get("reply_broadcast")):
            fields["subtype"] = "thread_broadcast"
        msg = self._add_message(ch["id"], fields, out, p.get("thread_ts"))
        return {"channel": ch["id"], "ts": msg["ts"], "message": msg}

    def _m_chat_update(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        ch = self._writable(p.get("channel"))
        msg = self._find(ch["id"], p.get("ts"))
        if msg.get("bot_id") != self.bot_id:
            raise SlackError("cant_update_message")
        content = self._content(p)
        msg.pop("blocks", None)
        msg.update(content, edited={"user": self.bot_user_id, "ts": self.new_ts()})
        return {"channel": ch["id"], "ts": msg["ts"], "text": msg["text"], "message": msg}

    def _m_chat_postEphemeral(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        ch = self._writable(p.get("channel"))
        user = p.get("user")
        if user not in self.users:
            raise SlackError("user_not_found")
        if user not in ch["members"]:
            raise SlackError("user_not_in_channel")
        ts = self.new_ts()
        self.ephemerals.append({"channel": ch["id"], "user": user, "ts": ts, "thread_ts": p.get("thread_ts"),
                                "source": "chat.postEphemeral", **self._content(p)})
        return {"message_ts": ts}

    def _m_chat_getPermalink(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        ch = self._channel(p.get("channel"), member=False)
        msg = self._find(ch["id"], p.get("message_ts"))
        link = f"https://{P.TEAM_DOMAIN}.slack.com/archives/{ch['id']}/p{msg['ts'].replace('.', '')}"
        if msg.get("thread_ts") not in (None, msg["ts"]):
            link += f"?thread_ts={msg['thread_ts']}&cid={ch['id']}"
        return {"channel": ch["id"], "permalink": link}

    def _m_conversations_replies(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        ch = self._channel(p.get("channel"))
        msg = next((m for m in self._messages.get(ch["id"], []) if m["ts"] == p.get("ts")), None)
        if msg is None:
            raise SlackError("thread_not_found")
        thread = self.thread(ch["id"], msg.get("thread_ts") or msg["ts"])
        parent, replies = thread[:1], thread[1:]
        inclusive = _truthy(p.get("inclusive"))
        oldest, latest = float(p.get("oldest") or 0), float(p.get("latest") or 1e12)
        replies = [m for m in replies if (oldest <= float(m["ts"]) if inclusive else oldest < float(m["ts"]))
                   and float(m["ts"]) <= latest]
        # Like Slack: the parent heads every page; pages follow an opaque cursor (here the next reply's index).
        limit = max(1, min(int(p.get("limit") or 1000), 1000) - 1)
        start = int(str(p.get("cursor") or "0").removeprefix("c")) if p.get("cursor") else 0
        page = replies[start:start + limit]
        more = start + limit < len(replies)
        self.replies_pages += 1
        return {"messages": parent + page, "has_more": more,
                "response_metadata": {"next_cursor": f"c{start + limit}" if more else ""}}

    def _m_conversations_history(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        ch = self._channel(p.get("channel"))
        top = [m for m in self.messages(ch["id"]) if m.get("thread_ts") in (None, m["ts"])
               or m.get("subtype") == "thread_broadcast"]
        top = [m for m in top if float(p.get("oldest") or 0) <= float(m["ts"]) <= float(p.get("latest") or 1e12)]
        return {"messages": top[::-1][: int(p.get("limit") or 100)], "has_more": False}

    def _m_conversations_info(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        ch = self._channel(p.get("channel"), member=False)
        info = {"id": ch["id"], "name": ch["name"], "is_channel": not ch["im_user"], "is_im": bool(ch["im_user"]),
                "is_private": False, "is_archived": bool(ch.get("archived")),
                "is_shared": bool(ch.get("ext_shared")), "is_ext_shared": bool(ch.get("ext_shared")),
                "is_member": self.bot_user_id in ch["members"]}
        if ch["im_user"]:
            info["user"] = ch["im_user"]
        return {"channel": info}

    def _m_users_info(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        if p.get("user") not in self.users:
            raise SlackError("user_not_found")
        return {"user": self.users[p["user"]]}

    def _m_usergroups_users_list(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        if p.get("usergroup") not in self.usergroups:
            raise SlackError("no_such_subteam")
        return {"users": list(self.usergroups[p["usergroup"]])}

    def _m_reactions_add(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        ch = self._channel(p.get("channel"))
        msg = self._find(ch["id"], p.get("timestamp"))
        name = (p.get("name") or "").strip(":")
        if not name:
            raise SlackError("invalid_name")
        reactions = msg.setdefault("reactions", [])
        r = next((r for r in reactions if r["name"] == name), None)
        if r and self.bot_user_id in r["users"]:
            raise SlackError("already_reacted")
        if r is None:
            reactions.append(r := {"name": name, "users": [], "count": 0})
        r["users"].append(self.bot_user_id)
        r["count"] += 1
        return {}

    # views ----------------------------------------------------------------

    def _view(self, p: dict[str, Any], kinds: tuple[str, ...]) -> dict[str, Any]:
        view = p.get("view")
        raw = view if isinstance(view, str) else json.dumps(view or {})
        if len(raw.encode()) > self.view_size_limit:
            raise SlackError("view_too_large")
        try:
            view = json.loads(raw)
        except ValueError:
            raise SlackError("invalid_arguments", "[ERROR] view is not valid JSON") from None
        if not isinstance(view, dict) or view.get("type") not in kinds:
            raise SlackError("invalid_arguments", f"[ERROR] view type must be one of {kinds} [json-pointer:/view/type]")
        if view["type"] == "modal":
            title = (view.get("title") or {}).get("text", "")
            if not 0 < len(title) <= 24:
                raise SlackError("invalid_arguments", "[ERROR] title must be 1-24 characters [json-pointer:/view]")
            for key in ("submit", "close"):
                if len((view.get(key) or {}).get("text", "")) > 24:
                    raise SlackError("invalid_arguments", f"[ERROR] {key} over 24 characters [json-pointer:/view]")
        if len(view.get("private_metadata", "")) > 3000:
            raise SlackError("invalid_arguments", "[ERROR] private_metadata over 3000 characters")
        validate_blocks(view.get("blocks", []), 100)
        return view

    def _trigger(self, trigger_id: Any) -> dict[str, Any]:
        trig = self._triggers.get(trigger_id) if isinstance(trigger_id, str) else None
        if trig is None and isinstance(trigger_id, str) and P.trigger_issued_at(trigger_id) is not None:
            trig = self._triggers[trigger_id] = {"issued_at": P.trigger_issued_at(trigger_id), "user": None,
                                                 "used": False}
        if trig is None:
            raise SlackError("invalid_trigger_id")
        if trig["used"]:
            raise SlackError("exchanged_trigger_id")
        if self.now() - trig["issued_at"] > self.trigger_ttl:
            raise SlackError("expired_trigger_id")
        return trig

    def _store_view(self, view: dict[str, Any], *, view_id: str | None = None, root: str | None = None,
                    previous: str | None = None) -> dict[str, Any]:
        view_id = view_id or "V" + uuid.uuid4().hex[:10].upper()
        stored = {"id": view_id, "team_id": self.team_id, "state": {"values": {}}, "hash": f"{self.new_ts()}.h",
                  "private_metadata": "", "callback_id": "", "external_id": "", "app_id": self.app_id,
                  "bot_id": self.bot_id, "root_view_id": root or view_id, "previous_view_id": previous, **view}
        stored["id"] = view_id
        self._views_by_id[view_id] = stored
        return stored

    def _m_views_open(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        trig = self._trigger(p.get("trigger_id"))
        view = self._store_view(self._view(p, ("modal",)))
        trig["used"] = True
        self._stacks[trig["user"]] = [view["id"]]
        self.views.append({"action": "opened", "user": trig["user"], "view": view})
        return {"view": view}

    def _m_views_push(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        trig = self._trigger(p.get("trigger_id"))
        stack = self._stacks.get(trig["user"], [])
        if len(stack) >= 3:
            raise SlackError("push_limit_reached")
        view = self._store_view(self._view(p, ("modal",)), root=stack[0] if stack else None,
                                previous=stack[-1] if stack else None)
        trig["used"] = True
        self._stacks[trig["user"]] = [*stack, view["id"]]
        self.views.append({"action": "pushed", "user": trig["user"], "view": view})
        return {"view": view}

    def _m_views_update(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        old = self._views_by_id.get(p.get("view_id", "")) or next(
            (v for v in self._views_by_id.values() if p.get("external_id") and v["external_id"] == p["external_id"]),
            None)
        if old is None:
            raise SlackError("not_found")
        if p.get("hash") and p["hash"] != old["hash"]:
            raise SlackError("hash_conflict")
        view = self._store_view(self._view(p, ("modal", "home")), view_id=old["id"], root=old["root_view_id"],
                                previous=old["previous_view_id"])
        self.views.append({"action": "updated", "user": None, "view": view})
        return {"view": view}

    def _m_views_publish(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        if p.get("user_id") not in self.users:
            raise SlackError("user_not_found")
        view = self._store_view(self._view(p, ("home",)))
        self.views.append({"action": "published", "user": p["user_id"], "view": view})
        return {"view": view}

    # files ----------------------------------------------------------------

    def _m_files_getUploadURLExternal(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        if not p.get("filename") or not str(p.get("length", "")).isdigit():
            raise SlackError("invalid_arguments", "[ERROR] filename and length are required")
        fid = "F" + uuid.uuid4().hex[:10].upper()
        self.files[fid] = SharedFile(fid, p["filename"], int(p["length"]))
        return {"upload_url": f"http://127.0.0.1:{self.port}/upload/{fid}", "file_id": fid}

    def _m_files_completeUploadExternal(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        items = json.loads(p["files"]) if isinstance(p.get("files"), str) else p.get("files")
        if not items:
            raise SlackError("invalid_arguments", "[ERROR] files is required")
        channel_id = p.get("channel_id") or (p.get("channels") or "").split(",")[0] or None
        ch = self._writable(channel_id) if channel_id else None
        shared = []
        for item in items:
            f = self.files.get(item.get("id"))
            if f is None or f.data is None:
                raise SlackError("file_not_found")
            f.title, f.shared = item.get("title") or f.filename, True
            if ch:
                f.channel, f.thread_ts, f.initial_comment = ch["id"], p.get("thread_ts"), p.get("initial_comment")
            shared.append({"id": f.id, "name": f.filename, "title": f.title, "size": len(f.data)})
        if ch:
            self._add_message(ch["id"], {"subtype": "file_share", "text": p.get("initial_comment") or "",
                                         "files": shared, **self._bot_fields()}, out, p.get("thread_ts"))
        return {"files": shared}

    def _file_obj(self, f: SharedFile) -> dict[str, Any]:
        """A file object as files.info and file_share events give it, with its private download address."""
        base = f"http://127.0.0.1:{self.port}/files-pri/{self.team_id}-{f.id}"
        ext = f.filename.rsplit(".", 1)[-1].lower() if "." in f.filename else "binary"
        return {"id": f.id, "name": f.filename, "title": f.title or f.filename, "filetype": ext,
                "size": len(f.data or b"") if f.data is not None else f.length, "mode": f.mode,
                "url_private": f"{base}/{quote(f.filename)}",
                "url_private_download": f"{base}/download/{quote(f.filename)}",  # a valid URL, the name %-escaped
                "channels": [f.channel] if f.channel else []}

    def _m_files_info(self, p: dict[str, Any], out: list) -> dict[str, Any]:
        f = self.files.get(p.get("file"))
        if f is None or f.data is None:
            raise SlackError("file_not_found")
        return {"file": self._file_obj(f)}

    def share_file(self, channel: str, user: str, filename: str, data: bytes, thread_ts: str | None = None,
                   text: str = "", *, snippet: bool = False) -> tuple[str, str | None]:
        """A person shares a file (in a thread): stored with its bytes, and a ``message`` event with subtype
        ``file_share`` pushed, as Slack sends it. Returns (ts, envelope_id). ``snippet``: a text snippet, whose
        file object has ``mode: "snippet"`` (Slack's file object: mode is hosted, external, snippet or post;
        docs.slack.dev/reference/objects/file-object), as when Slack turns a long paste into one."""
        return self.share_files(channel, user, [(filename, data)], thread_ts, text, snippet=snippet)

    def share_files(self, channel: str, user: str, files: list[tuple[str, bytes]], thread_ts: str | None = None,
                    text: str = "", *, snippet: bool = False) -> tuple[str, str | None]:
        """A person shares several files in one message (Slack's composer takes up to 10): one ``file_share``
        message event whose ``files`` lists each (docs.slack.dev/reference/events/message/file_share)."""
        with self._cond:
            ch = self._channel(channel, member=False)
            objs = []
            for filename, data in files:
                fid = "F" + uuid.uuid4().hex[:10].upper()
                f = SharedFile(fid, filename, len(data), data, filename, ch["id"], thread_ts, text or None, True,
                               "snippet" if snippet else "hosted")
                self.files[fid] = f
                objs.append(self._file_obj(f))
            msg = self._add_message(channel, {"user": user, "text": text, "subtype": "file_share", "files": objs,
                                              "upload": False}, None, thread_ts)
        if self.bot_user_id not in ch["members"]:
            return msg["ts"], None
        payload = P.message_event(channel, user, text, msg["ts"], msg.get("thread_ts"))
        payload["event"].update(subtype="file_share", files=objs, upload=False, display_as_bot=False)
        return msg["ts"], self.push("events_api", payload)

    async def _download(self, request: web.Request) -> web.StreamResponse:
        """A private file: served only with ``Authorization: Bearer <bot token>``. Without it (or with another
        token) Slack redirects to its sign-in page, an HTML page, never the file."""
        fid = request.match_info["tf"].split("-", 1)[-1]
        authorised = request.headers.get("Authorization", "") == f"Bearer {self.bot_token}"
        with self._cond:
            self.downloads.append({"path": request.path, "authorised": authorised})
            self._cond.notify_all()
            f = self.files.get(fid)
        if not authorised:
            raise web.HTTPFound(f"/signin?redir={request.path}")
        if f is None or f.data is None:
            return web.Response(status=404, text="file_not_found")
        if self._take_fault("download") is not None:  # the connection drops half-way through the file
            response = web.StreamResponse(headers={"Content-Length": str(len(f.data)),
                                                   "Content-Type": "application/octet-stream"})
            await response.prepare(request)
            await response.write(f.data[: len(f.data) // 2])
            request.transport.close()
            return response
        return web.Response(body=f.data, content_type="application/octet-stream")

    async def _signin(self, request: web.Request) -> web.Response:
        return web.Response(text="<html><body>Sign in to Fake FOI</body></html>", content_type="text/html")

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        fault = self._take_fault("upload")  # the POST of the bytes to upload_url fails (after getUploadURLExternal)
        if fault is not None:
            return web.Response(status=fault.status or 500, text="upload failed")
        with self._cond:
            f = self.files.get(request.match_info["fid"])
            if f is None:
                return web.Response(status=404, text="file_not_found")
            f.data = data
            self._cond.notify_all()
        return web.Response(text=f"OK - {len(data)}")

    # ------------------------------------------------------------------ response_url

    def response_url(self, *, channel: str | None = None, user: str | None = None,
                     message_ts: str | None = None) -> str:
        """Issue a response_url (5 uses, 30 minutes) tied to a channel/user/source message."""
        rid = uuid.uuid4().hex[:12]
        with self._cond:
            self._response_urls[rid] = {"channel": channel, "user": user, "message_ts": message_ts, "uses": 0,
                                        "issued_at": self.now()}
        return f"http://127.0.0.1:{self.port}/response_url/{rid}"

    async def _response_url(self, request: web.Request) -> web.Response:
        rid = request.match_info["rid"]
        try:
            body = json.loads(await request.read())
        except ValueError:
            return web.Response(status=400, text="invalid_payload")
        outbox: list[dict[str, Any]] = []
        with self._cond:
            self.responses.append({"rid": rid, "body": body, "time": self.now()})
            self._cond.notify_all()
            meta = self._response_urls.get(rid)
            if meta is None:
                return web.Response(status=404, text="no_such_url")
            if self.now() - meta["issued_at"] > 1800:
                return web.Response(status=404, text="expired_url")
            if meta["uses"] >= 5:
                return web.Response(status=404, text="used_url")
            meta["uses"] += 1
            channel, source_ts = meta["channel"], meta["message_ts"]
            try:
                if _truthy(body.get("delete_original")):
                    self._messages[channel].remove(self._find(channel, source_ts))
                elif _truthy(body.get("replace_original")) and source_ts:
                    self._find(channel, source_ts).update(self._content(body))
                elif body.get("response_type") == "in_channel":
                    self._add_message(channel, {**self._content(body), **self._bot_fields()}, outbox,
                                      body.get("thread_ts"))
                else:
                    self.ephemerals.append({"channel": channel, "user": meta["user"], "ts": self.new_ts(),
                                            "thread_ts": body.get("thread_ts"), "source": "response_url",
                                            **self._content(body)})
            except (SlackError, KeyError, ValueError) as e:
                return web.Response(status=400, text=getattr(e, "code", "invalid_payload"))
            self._cond.notify_all()
        for payload in outbox:
            await self._push_async("events_api", payload)
        return web.json_response({"ok": True})

    # ------------------------------------------------------------------ Socket Mode

    def prepare(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Fill a ``None`` response_url with a live one and register a new trigger_id as issued now.

        ``push`` does this itself; call it for payloads sent to the app over HTTP.
        """
        user = payload.get("user_id") or (payload.get("user") or {}).get("id")
        channel = payload.get("channel_id") or (payload.get("channel") or {}).get("id")
        if "response_url" in payload and payload["response_url"] is None:
            message_ts = payload.get("message_ts") or (payload.get("container") or {}).get("message_ts")
            payload["response_url"] = self.response_url(channel=channel, user=user, message_ts=message_ts)
        if isinstance(payload.get("user"), dict) and (team := self._foreign_team(payload["user"].get("id"))):
            payload["user"]["team_id"] = team  # a person from another organisation in a Slack Connect channel
        if payload.get("trigger_id"):
            with self._cond:
                self._triggers.setdefault(payload["trigger_id"], {"issued_at": self.now(), "user": user, "used": False})
        return payload

    def push(self, envelope_type: str, payload: dict[str, Any], *, retry_attempt: int = 0,
             retry_reason: str = "") -> str:
        """Send an envelope to the app (queued while no client is connected); returns its id."""
        self.prepare(payload)
        env = Envelope(str(uuid.uuid4()), envelope_type, payload, retry_attempt, retry_reason)
        with self._cond:
            self.envelopes[env.id] = env
        if self._on_loop():
            asyncio.get_running_loop().create_task(self._deliver(env.id))
        else:
            self._run(self._deliver(env.id))
        return env.id

    def send(self, payload: dict[str, Any]) -> str:
        """``push`` with the envelope type inferred from the payload."""
        return self.push(P.envelope_type(payload), payload)

    def post_user_message(self, channel: str, user: str, text: str, thread_ts: str | None = None, *,
                          event_id: str | None = None,
                          attachments: list[dict[str, Any]] | None = None) -> tuple[str, str | None]:
        """Record a user's post and push its ``message`` event (plus ``app_mention`` if it mentions the bot).
        ``attachments`` as Slack puts them on a message: a message shared (forwarded) from elsewhere comes as
        text "" (or the sharer's comment) and an attachment with ``is_share``/``is_msg_unfurl``, the original's
        ``text``, ``fallback``, ``author_id``, ``channel_id``, ``ts`` and ``from_url``.

        Returns (ts, envelope_id); envelope_id is None where the bot is not a member (no event).
        """
        team = None
        with self._cond:
            ch = self._channel(channel, member=False)
            if user not in ch["members"]:
                raise ValueError(f"{user} is not a member of {channel}")
            msg = self._add_message(channel, {"user": user, "text": text, "client_msg_id": str(uuid.uuid4())},
                                    None, thread_ts)
            if (team := self._foreign_team(user)) is not None:
                msg.update(user_team=team, source_team=team)
            if attachments:
                msg["attachments"] = attachments
        if self.bot_user_id not in ch["members"]:
            return msg["ts"], None
        payload = P.message_event(channel, user, text, msg["ts"], msg.get("thread_ts"), event_id)
        if team is not None:
            payload["event"].update(user_team=team, source_team=team)
        if attachments:
            payload["event"]["attachments"] = attachments
        payload["is_ext_shared_channel"] = bool(ch.get("ext_shared"))
        eid = self.push("events_api", payload)
        if self.push_app_mentions and f"<@{self.bot_user_id}>" in text and not channel.startswith("D"):
            mention = P.app_mention(channel, user, text, msg["ts"], msg.get("thread_ts"))
            if team is not None:
                mention["event"].update(user_team=team, source_team=team)
            mention["is_ext_shared_channel"] = bool(ch.get("ext_shared"))
            self.push("events_api", mention)
        return msg["ts"], eid

    def backfill(self, channel: str, user: str, texts: list[str], thread_ts: str | None = None) -> list[str]:
        """Record users' posts without pushing events (history the app never saw); returns their ts. A post by a
        person of another organisation carries ``user_team`` and ``source_team``, as in history and replies."""
        team = self._foreign_team(user)
        extra = {"user_team": team, "source_team": team} if team else {}
        with self._cond:
            return [self._add_message(channel, {"user": user, "text": t, **extra}, None, thread_ts)["ts"]
                    for t in texts]

    def edit_user_message(self, channel: str, ts: str, text: str) -> str | None:
        """A person edits their message: its text changes where it is stored (history and replies give the new
        text, with ``edited``) and a ``message`` event with subtype ``message_changed`` is pushed, carrying the
        new ``message`` and the ``previous_message`` (docs.slack.dev/reference/events/message/message_changed).
        Returns the envelope id (None where the bot is not a member)."""
        with self._cond:
            ch = self._channel(channel, member=False)
            msg = self._find(ch["id"], ts)
            previous = {k: v for k, v in msg.items() if k != "channel"}
            msg.update(text=text, edited={"user": msg.get("user"), "ts": self.new_ts()})
            current = {k: v for k, v in msg.items() if k != "channel"}
            self._cond.notify_all()
        if self.bot_user_id not in ch["members"]:
            return None
        now = f"{self.now():.6f}"
        return self.push("events_api", P.event_callback({
            "type": "message", "subtype": "message_changed", "hidden": True, "channel": ch["id"], "ts": now,
            "event_ts": now, "channel_type": P._channel_type(ch["id"]), "message": current,
            "previous_message": previous}))

    def delete_user_message(self, channel: str, ts: str) -> str | None:
        """A person deletes their message: it is gone from the channel (conversations.history/replies no longer
        list it) and a ``message`` event with subtype ``message_deleted`` is pushed, carrying ``deleted_ts``
        and ``previous_message`` (docs.slack.dev/reference/events/message/message_deleted). Returns the
        envelope id (None where the bot is not a member)."""
        with self._cond:
            ch = self._channel(channel, member=False)
            msg = self._find(ch["id"], ts)
            self._messages[ch["id"]].remove(msg)
            previous = {k: v for k, v in msg.items() if k != "channel"}
            self._cond.notify_all()
        if self.bot_user_id not in ch["members"]:
            return None
        now = f"{self.now():.6f}"
        return self.push("events_api", P.event_callback({
            "type": "message", "subtype": "message_deleted", "hidden": True, "channel": ch["id"], "ts": now,
            "event_ts": now, "deleted_ts": ts, "channel_type": P._channel_type(ch["id"]),
            "previous_message": previous}))

    async def _push_async(self, envelope_type: str, payload: dict[str, Any]) -> str:
        env = Envelope(str(uuid.uuid4()), envelope_type, payload)
        with self._cond:
            self.envelopes[env.id] = env
        await self._deliver(env.id)
        return env.id

    async def _deliver(self, envelope_id: str) -> None:
        assert self._send_lock is not None
        async with self._send_lock:
            env = self.envelopes[envelope_id]
            live = [c for c in self._conns if not c.draining and not c.ws.closed]
            if not live:
                with self._cond:
                    if envelope_id not in self._pending:
                        self._pending.append(envelope_id)
                return
            try:
                await live[-1].ws.send_str(env.wire())
            except (ConnectionError, RuntimeError):
                with self._cond:
                    self._pending.append(envelope_id)
                return
            with self._cond:
                env.sent_at.append(time.monotonic())
                self._cond.notify_all()

    @property
    def pending(self) -> list[str]:
        """Envelope ids queued because no client was connected."""
        with self._cond:
            return list(self._pending)

    async def _link(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        with self._cond:
            if ticket not in self._tickets or (self.single_use_tickets and self._tickets[ticket]):
                return web.Response(status=401, text="invalid_ticket")
            self._tickets[ticket] = True
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        conn = _Conn(ws)
        await ws.send_json({"type": "hello", "num_connections": len(self._conns) + 1,
                            "debug_info": {"host": "fakeslack", "approximate_connection_time": 18060},
                            "connection_info": {"app_id": self.app_id}})
        with self._cond:
            self._conns.append(conn)
            self.connections_opened += 1
            pending, self._pending = self._pending, []
            self._cond.notify_all()
        for eid in pending:
            await self._deliver(eid)
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    self._on_ack(msg.data)
        finally:
            with self._cond:
                self._conns.remove(conn)
                self._cond.notify_all()
        return ws

    def _on_ack(self, raw: str) -> None:
        now = time.monotonic()
        try:
            data = json.loads(raw)
        except ValueError:
            data = {"raw": raw}
        with self._cond:
            env = self.envelopes.get(data.get("envelope_id", ""))
            if env is None or not env.sent_at:
                self.unknown_acks.append(data)
            else:
                ack = Ack(env.id, data.get("payload"), now - env.sent_at[-1], len(env.sent_at) - 1)
                env.acks.append(ack)
                self._fire(lambda k: k.on_ack is not None and k.on_ack(env))
                self._apply_ack(env, ack)
            self._cond.notify_all()

    def _apply_ack(self, env: Envelope, ack: Ack) -> None:
        """Show a slash command's ack text as Slack does (ephemeral unless ``in_channel``)."""
        body = ack.payload or {}
        if env.type != "slash_commands" or not (body.get("text") or body.get("blocks")):
            return
        channel, user = env.payload.get("channel_id"), env.payload.get("user_id")
        try:
            content = self._content(body)
        except SlackError as e:
            self.unknown_acks.append({"envelope_id": env.id, "error": e.code})
            return
        if body.get("response_type") == "in_channel":
            echoes: list[dict[str, Any]] = []
            self._add_message(channel, {**content, **self._bot_fields()}, echoes)
            for payload in echoes:
                asyncio.get_running_loop().create_task(self._push_async("events_api", payload))
        else:
            self.ephemerals.append({"channel": channel, "user": user, "ts": self.new_ts(), "thread_ts": None,
                                    "source": "ack", **content})

    def wait_ack(self, envelope_id: str, within: float = 3.0) -> Ack:
        """The first ack of an envelope; AssertionError unless it came within ``within`` s of delivery."""
        env = self.envelopes[envelope_id]

        def done() -> bool:
            return bool(env.acks) or bool(env.sent_at and time.monotonic() - env.sent_at[-1] > within)

        try:
            self.wait_for(done, timeout=within + 5)
        except AssertionError:
            raise AssertionError(f"envelope {envelope_id} ({env.type}) was never delivered") from None
        if not env.acks:
            raise AssertionError(f"envelope {envelope_id} ({env.type}) not acked within {within}s")
        ack = env.acks[0]
        assert ack.latency <= within, f"envelope {envelope_id} acked after {ack.latency:.2f}s (> {within}s)"
        return ack

    def redeliver_unacked(self, after: float = 3.0, max_attempts: int = 3) -> None:
        """Resend unacked envelopes after ``after`` s, with retry_attempt+1 and retry_reason "timeout"."""
        self._redeliver = (after, max_attempts)

    async def _tick(self) -> None:
        """Redeliver unacked envelopes when ``redeliver_unacked`` is on."""
        while True:
            await asyncio.sleep(0.02)
            if self._redeliver is None:
                continue
            after, max_attempts = self._redeliver
            with self._cond:
                due = [e for e in self.envelopes.values() if e.sent_at and not e.acks and e.id not in self._pending
                       and e.retry_attempt < max_attempts and time.monotonic() - e.sent_at[-1] >= after]
                for e in due:
                    e.retry_attempt, e.retry_reason = e.retry_attempt + 1, "timeout"
            for e in due:
                await self._deliver(e.id)

    def disconnect(self, reason: str | None = "refresh_requested") -> int:
        """Send ``{"type": "disconnect"}`` to every client (None: no message) and close; returns the count."""

        async def go() -> int:
            conns = [c for c in self._conns if not c.ws.closed]
            for c in conns:
                c.draining = True
                if reason is not None:
                    await c.ws.send_json({"type": "disconnect", "reason": reason,
                                          "debug_info": {"host": "fakeslack"}})
                await c.ws.close()
            return len(conns)

        return self._run(go())

    def drop_connections(self) -> int:
        """Close every websocket abruptly, without a disconnect message."""
        return self.disconnect(None)


def close_socket_mode_handler(fake: FakeSlack, handler: Any, timeout: float = 3.0) -> None:
    """Close a Bolt SocketModeHandler promptly: server side first, then the client.

    A plain ``handler.close()`` on the websocket_client handler sometimes blocks 10 s (its reader
    sits in a 10 s select on a socket closed under it) and always ~1 s (a queue poll).
    """
    client = handler.client
    client.auto_reconnect_enabled = False
    fake.drop_connections()
    fake.wait_for(lambda: not client.is_connected(), timeout)
    client.closed = True
    client.message_queue.put(None)  # wake the message processor so it sees ``closed``
    handler.close()
