"""Tests of the fake Slack itself: strict Web API errors, files v2, Socket Mode with a real Bolt app."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from fakeslack import (
    BOT_ID,
    FakeSlack,
    app_home_opened,
    block_actions,
    close_socket_mode_handler,
    http_body,
    message_event,
    shortcut,
    signed_headers,
    slash_command,
)
from slack_bolt import App, BoltRequest
from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def modal(n_blocks: int = 1, title: str = "FOI request") -> dict[str, Any]:
    return {"type": "modal", "callback_id": "foi", "title": {"type": "plain_text", "text": title},
            "blocks": [section(f"b{i}") for i in range(n_blocks)]}


def api_error(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(SlackApiError) as info:
        call(*args, **kwargs)
    return info.value.response["error"]


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as f:
        yield f
        assert f.errors == [], "the fake itself raised"


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.base_url)


class BoltRig:
    """A tiny real Bolt app on Socket Mode that threads its replies; records what its listener saw."""

    def __init__(self, fake: FakeSlack) -> None:
        self.seen: list[dict[str, Any]] = []
        self.app = App(client=WebClient(token="xoxb-test", base_url=fake.base_url))

        @self.app.message("hello")
        def reply(event: dict[str, Any], say: Any) -> None:
            self.seen.append(event)
            say(f"hi <@{event['user']}>", thread_ts=event.get("thread_ts") or event["ts"])

        @self.app.command("/foi")
        def command(ack: Any, respond: Any, command: dict[str, Any]) -> None:
            ack(f"Looking up {command['text']}")
            respond(text="Draft ready", response_type="in_channel")

        @self.app.action("approve")
        def approve(ack: Any, respond: Any) -> None:
            ack()
            respond(text="Approved", replace_original=True)

        @self.app.shortcut("new_request")
        def new_request(ack: Any, body: dict[str, Any], client: WebClient) -> None:
            ack()
            client.views_open(trigger_id=body["trigger_id"], view=modal())

        @self.app.event("app_home_opened")
        def home(event: dict[str, Any], client: WebClient) -> None:
            client.views_publish(user_id=event["user"], view={"type": "home", "blocks": [section("Drafts")]})

        self.handler = SocketModeHandler(self.app, "xapp-test")
        self.handler.connect()
        fake.wait_for(lambda: fake.connections_opened >= 1)


@pytest.fixture
def bolt(fake: FakeSlack) -> Iterator[BoltRig]:
    rig = BoltRig(fake)
    yield rig
    close_socket_mode_handler(fake, rig.handler)


# ---------------------------------------------------------------- strict Web API


def test_unknown_method_and_token_types(fake: FakeSlack, client: WebClient) -> None:
    assert api_error(client.api_call, "chat.postMessageX") == "unknown_method"
    assert api_error(WebClient(base_url=fake.base_url).auth_test) == "not_authed"
    assert api_error(WebClient(token="bogus", base_url=fake.base_url).auth_test) == "invalid_auth"
    assert api_error(WebClient(token="xapp-1", base_url=fake.base_url).auth_test) == "not_allowed_token_type"
    assert api_error(client.apps_connections_open, app_token="xoxb-test") == "not_allowed_token_type"
    assert client.auth_test()["bot_id"] == BOT_ID
    assert [c.method for c in fake.calls()][-1] == "auth.test"


def test_message_limits(client: WebClient) -> None:
    post = client.chat_postMessage
    assert api_error(post, channel="C_FOI", blocks=[section("x")] * 51, text="t") == "invalid_blocks"
    assert api_error(post, channel="C_FOI", blocks=[section("x" * 3001)], text="t") == "invalid_blocks"
    assert api_error(post, channel="C_FOI", blocks=[{"type": "carousel"}], text="t") == "invalid_blocks"
    header = {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}
    assert api_error(post, channel="C_FOI", blocks=[header], text="t") == "invalid_blocks"
    assert api_error(post, channel="C_FOI", text="x" * 40_001) == "msg_too_long"
    assert api_error(post, channel="C_FOI", blocks=[section("x" * 2900)] * 5, text="t") == "msg_blocks_too_long"
    with pytest.warns(UserWarning, match="`text` argument is missing"):
        assert api_error(post, channel="C_FOI") == "no_text"
    assert post(channel="C_FOI", blocks=[section("x" * 3000)] * 4, text="t")["ok"]


def test_channels_and_membership(fake: FakeSlack, client: WebClient) -> None:
    assert api_error(client.chat_postMessage, channel="C_NOPE", text="x") == "channel_not_found"
    assert api_error(client.chat_postMessage, channel="C_OTHER", text="x") == "not_in_channel"
    assert api_error(client.chat_postEphemeral, channel="C_FOI", user="U_OUTSIDER", text="x") == "user_not_in_channel"
    dm = client.chat_postMessage(channel="U_OFFICER1", text="to the DM")
    assert dm["channel"] == "D_OFFICER1"
    parent = client.chat_postMessage(channel="C_FOI", text="parent")["ts"]
    reply = client.chat_postMessage(channel="C_FOI", text="reply", thread_ts=parent)["ts"]
    assert parent < reply
    replies = client.conversations_replies(channel="C_FOI", ts=parent)["messages"]
    assert [m["text"] for m in replies] == ["parent", "reply"] and replies[0]["reply_count"] == 1
    assert [m["text"] for m in client.conversations_history(channel="C_FOI")["messages"]] == ["parent"]
    client.reactions_add(channel="C_FOI", timestamp=parent, name="eyes")
    assert api_error(client.reactions_add, channel="C_FOI", timestamp=parent, name="eyes") == "already_reacted"
    assert "thread_ts=" in client.chat_getPermalink(channel="C_FOI", message_ts=reply)["permalink"]
    assert fake.thread("C_FOI", parent)[1]["text"] == "reply"


def test_trigger_ids_and_view_limits(fake: FakeSlack, client: WebClient) -> None:
    trigger = fake.prepare(slash_command())["trigger_id"]
    assert client.views_open(trigger_id=trigger, view=modal())["view"]["id"]
    assert api_error(client.views_open, trigger_id=trigger, view=modal()) == "exchanged_trigger_id"

    late = fake.prepare(slash_command())["trigger_id"]
    fake.advance(3.5)  # the fake's clock, not a sleep
    assert api_error(client.views_open, trigger_id=late, view=modal()) == "expired_trigger_id"

    def fresh() -> str:
        return fake.prepare(slash_command())["trigger_id"]

    assert api_error(client.views_open, trigger_id=fresh(), view=modal(101)) == "invalid_blocks"
    assert api_error(client.views_open, trigger_id=fresh(), view=modal(title="t" * 25)) == "invalid_arguments"
    big = modal(90)
    big["blocks"] = [section("x" * 2900) for _ in range(90)]
    assert api_error(client.views_open, trigger_id=fresh(), view=big) == "view_too_large"
    root = client.views_open(trigger_id=fresh(), view=modal())["view"]
    client.views_push(trigger_id=fresh(), view=modal())
    client.views_push(trigger_id=fresh(), view=modal())
    assert api_error(client.views_push, trigger_id=fresh(), view=modal()) == "push_limit_reached"
    assert api_error(client.views_update, view_id=root["id"], hash="stale", view=modal()) == "hash_conflict"
    client.views_update(view_id=root["id"], hash=root["hash"], view=modal(2))
    client.views_publish(user_id="U_OFFICER1", view={"type": "home", "blocks": [section("drafts")]})
    assert [v["action"] for v in fake.views] == ["opened", "opened", "pushed", "pushed", "updated", "published"]


def test_rate_limit_then_retry_handler_succeeds(fake: FakeSlack, client: WebClient) -> None:
    fake.inject_fault("chat.postMessage", status=429, retry_after=0)
    assert api_error(client.chat_postMessage, channel="C_FOI", text="x") == "ratelimited"
    assert fake.calls("chat.postMessage")[0].status == 429

    fake.inject_fault("chat.postMessage", status=429, retry_after=0)
    patient = WebClient(token="xoxb-test", base_url=fake.base_url,
                        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)])
    assert patient.chat_postMessage(channel="C_FOI", text="eventually")["ok"]
    assert [c.status for c in fake.calls("chat.postMessage")] == [429, 429, 200]

    fake.inject_fault("users.info", error="fatal_error", times=2)
    assert api_error(client.users_info, user="U_OFFICER1") == "fatal_error"
    assert api_error(client.users_info, user="U_OFFICER1") == "fatal_error"
    assert client.users_info(user="U_OFFICER1")["user"]["real_name"] == "Olivia Officer"


def test_files_upload_v2_into_thread(fake: FakeSlack, client: WebClient) -> None:
    parent = client.chat_postMessage(channel="C_FOI", text="FOI 2025-001")["ts"]
    resp = client.files_upload_v2(channel="C_FOI", thread_ts=parent, content=b"Dear requester,",
                                  filename="draft.txt", title="Draft letter", initial_comment="Draft attached")
    shared = fake.files[resp["file"]["id"]]
    assert (shared.data, shared.filename, shared.title) == (b"Dear requester,", "draft.txt", "Draft letter")
    assert (shared.channel, shared.thread_ts, shared.initial_comment) == ("C_FOI", parent, "Draft attached")
    assert [c.method for c in fake.calls()][-2:] == ["files.getUploadURLExternal", "files.completeUploadExternal"]
    assert fake.messages("C_FOI", thread_ts=parent)[0]["subtype"] == "file_share"


def test_response_url_allows_five_uses(fake: FakeSlack) -> None:
    url = fake.response_url(channel="C_FOI", user="U_OFFICER1")
    statuses = []
    for i in range(6):
        req = urllib.request.Request(url, data=json.dumps({"text": f"r{i}"}).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
        try:
            statuses.append(urllib.request.urlopen(req).status)
        except urllib.error.HTTPError as e:
            statuses.append(e.code)
    assert statuses == [200] * 5 + [404]
    assert [e["text"] for e in fake.ephemerals] == [f"r{i}" for i in range(5)]


def test_http_builders_are_signed_like_slack(fake: FakeSlack, client: WebClient) -> None:
    # Even with token verification off, the first dispatch calls auth.test: the app needs the fake.
    app = App(signing_secret="secret", client=client)
    app.command("/foi")(lambda ack: ack("ok"))
    body = http_body(slash_command(text="s40", response_url="http://127.0.0.1:9/unused"))
    assert app.dispatch(BoltRequest(body=body, headers=signed_headers(body, "secret"))).status == 200
    assert app.dispatch(BoltRequest(body=body, headers=signed_headers(body, "wrong"))).status == 401
    event_body = http_body(message_event("C_FOI", "U_OFFICER1", "hi"))
    assert json.loads(event_body)["event"]["channel_type"] == "channel"
    assert http_body(block_actions("approve", "1")).startswith("payload=")


# ---------------------------------------------------------------- Socket Mode with a real Bolt app


def test_bolt_replies_in_thread_and_ignores_its_own_echo(fake: FakeSlack, bolt: BoltRig) -> None:
    ts, eid = fake.post_user_message("C_FOI", "U_OFFICER1", "hello bot")
    assert fake.wait_ack(eid).latency < 3.0
    reply = fake.wait_for_message(lambda m: m.get("thread_ts") == ts and m.get("bot_id") == BOT_ID)
    assert reply["text"] == "hi <@U_OFFICER1>"

    echo = fake.wait_for(lambda: [e for e in fake.envelopes.values() if e.payload["event"].get("bot_id")])
    fake.wait_ack(echo[0].id)  # Bolt acks its own echo (IgnoringSelfEvents) without running listeners
    ts2, eid2 = fake.post_user_message("C_FOI", "U_OFFICER2", "hello again")
    fake.wait_ack(eid2)
    fake.wait_for_message(lambda m: m.get("thread_ts") == ts2 and m.get("bot_id"))
    assert [e["ts"] for e in bolt.seen] == [ts, ts2]
    assert len([m for m in fake.messages("C_FOI") if m.get("bot_id")]) == 2
    assert all(lat < 3.0 for lat in fake.ack_latencies)


def test_slash_command_ack_text_and_respond(fake: FakeSlack, bolt: BoltRig) -> None:
    eid = fake.send(slash_command(text="FOI 2025-001"))
    assert fake.wait_ack(eid).payload == {"text": "Looking up FOI 2025-001"}
    fake.wait_for_message(lambda m: m["text"] == "Draft ready")
    assert fake.wait_for(lambda: [e for e in fake.ephemerals if e["source"] == "ack"])[0]["user"] == "U_OFFICER1"


def test_actions_shortcuts_and_home_through_bolt(fake: FakeSlack, client: WebClient, bolt: BoltRig) -> None:
    ts = client.chat_postMessage(channel="C_FOI", text="Approve the draft?")["ts"]
    fake.wait_ack(fake.send(block_actions("approve", "yes", message_ts=ts)))
    fake.wait_for_message(lambda m: m["ts"] == ts and m["text"] == "Approved")
    fake.wait_ack(fake.send(shortcut("new_request")))
    fake.wait_ack(fake.send(app_home_opened("U_OFFICER1")))
    assert fake.wait_for(lambda: {"opened", "published"} <= {v["action"] for v in fake.views})
    assert next(m for m in fake.messages("C_FOI") if m["ts"] == ts)["text"] == "Approved"


def test_unmatched_event_is_never_acked_and_slack_redelivers(fake: FakeSlack, bolt: BoltRig) -> None:
    fake.redeliver_unacked(after=0.2, max_attempts=2)
    eid = fake.send(message_event("C_FOI", "U_OFFICER1", "no listener matches this"))
    env = fake.envelopes[eid]
    fake.wait_for(lambda: len(env.sent_at) == 3)
    assert (env.retry_attempt, env.retry_reason, env.acks) == (2, "timeout", [])
    with pytest.raises(AssertionError, match="not acked"):
        fake.wait_ack(eid, within=0.1)


def test_disconnect_gap_loses_no_event(fake: FakeSlack, bolt: BoltRig) -> None:
    fake.inject_fault("apps.connections.open", delay=0.5)  # widen the reconnect gap deterministically
    before = fake.connections_opened
    assert fake.disconnect("refresh_requested") == 1
    ts, eid = fake.post_user_message("C_FOI", "U_OFFICER1", "hello during the gap")
    assert eid in fake.pending
    assert fake.wait_ack(eid).latency < 3.0
    assert fake.wait_for_message(lambda m: m.get("thread_ts") == ts and m.get("bot_id"))
    assert fake.connections_opened > before and fake.pending == []
