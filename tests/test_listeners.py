"""Slack listeners called as plain functions (Bolt's arguments, a fake client that records calls): no server."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from foibot.surfaces.settings import Settings
from foibot.surfaces.slack.access import Access
from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.listeners.actions import draft as draft_actions
from foibot.surfaces.slack.listeners.commands.foi import foi
from foibot.surfaces.slack.listeners.events.messages import on_message
from foibot.surfaces.slack.listeners.shortcuts.draft_from_message import draft_from_message
from foibot.surfaces.slack.poster import Poster
from foibot.surfaces.slack.requests import from_slack, looks_like_request

FIXTURES = Path(__file__).parent / "fixtures"
CHANNEL, OFFICER = "C_FOI", "U_OFFICER1"


class FakeClient:
    """Records every Web API call; answers the few whose replies the handlers read."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.count = 0

    def __getattr__(self, method: str):  # noqa: ANN204 (any Web API method)
        def call(**kwargs: Any) -> dict[str, Any]:
            self.calls.append((method, kwargs))
            self.count += 1
            ts = f"1700000000.{self.count:06d}"
            return {"ok": True, "ts": ts, "channel": kwargs.get("channel"), "view": {"id": "V1"},
                    "messages": [], "permalink": "https://example/p", "file": {"id": "F1"}, "files": [{"id": "F1"}]}
        return call

    def said(self, method: str = "chat_postMessage") -> list[dict[str, Any]]:
        return [kwargs for name, kwargs in self.calls if name == method]


class Recorder:
    """Stands in for ack, respond or say."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append({"args": args, **kwargs})


@pytest.fixture
def ctx(rt) -> SlackContext:
    settings = Settings(bot_token="xoxb-test", channels=(CHANNEL,))
    return SlackContext(rt=rt, settings=settings, access=Access.from_settings(settings), poster=Poster(rt.engine))


def context_of(ctx: SlackContext) -> dict[str, Any]:
    return {"foibot": ctx, "bot_user_id": "U_FOIBOT"}


def test_a_pasted_request_in_the_foi_channel_starts_a_case_in_its_thread(ctx, seed_request):
    client = FakeClient()
    on_message({"channel": CHANNEL, "user": OFFICER, "ts": "1.0", "text": seed_request, "channel_type": "channel"},
               client, context_of(ctx))
    conv = ctx.conversation_in(CHANNEL, "1.0")
    assert conv is not None and conv["started_by"] == OFFICER
    posts = client.said()
    assert posts and all(p["channel"] == CHANNEL and p["thread_ts"] == "1.0" for p in posts)
    assert any(b.get("block_id", "").endswith("|request_summary") for p in posts for b in p.get("blocks") or [])


def test_chat_that_is_not_a_request_starts_nothing_and_bots_are_ignored(ctx):
    client = FakeClient()
    on_message({"channel": CHANNEL, "user": OFFICER, "ts": "2.0", "text": "morning all"}, client, context_of(ctx))
    on_message({"channel": CHANNEL, "bot_id": "B1", "ts": "3.0", "text": "Please provide all records " * 3},
               client, context_of(ctx))
    assert client.calls == [] and ctx.conversation_in(CHANNEL, "2.0") is None
    assert ctx.conversation_in(CHANNEL, "3.0") is None


def test_a_dm_that_is_not_a_request_gets_the_hint(ctx):
    client = FakeClient()
    on_message({"channel": "D1", "user": OFFICER, "ts": "4.0", "text": "hello", "channel_type": "im"},
               client, context_of(ctx))
    assert [p["text"] for p in client.said()] == [ctx.say("dm-hint")]


def test_shortcut_outside_foi_places_is_refused_with_the_refusal_text(ctx, seed_request):
    client, ack = FakeClient(), Recorder()
    shortcut = {"channel": {"id": "C_RANDOM"}, "user": {"id": OFFICER}, "message": {"ts": "5.0", "text": seed_request}}
    draft_from_message(ack, shortcut, client, context_of(ctx))
    assert len(ack.calls) == 1
    assert client.calls == [("chat_postEphemeral", {"channel": "C_RANDOM", "user": OFFICER, "text": ctx.refusal})]
    assert ctx.conversation_in("C_RANDOM", "5.0") is None


def test_foi_help_lists_every_command_from_the_one_data_list(ctx):
    ack, respond = Recorder(), Recorder()
    foi(ack, {"text": "", "user_id": OFFICER, "channel_id": CHANNEL}, respond, FakeClient(), context_of(ctx))
    assert len(ack.calls) == 1 and respond.calls[0]["response_type"] == "ephemeral"
    text = " ".join(b["text"]["text"] for b in respond.calls[0]["blocks"])
    listed = ctx.engine.replies.data["commands"]["foi"]
    assert len(listed) >= 7
    for command in listed:
        assert command["usage"] in text and command["help"] in text
    assert "s22" in text  # the exemptions follow


def test_foi_usage_and_errors_come_from_replies_and_share_posts_in_channel(ctx):
    respond = Recorder()
    foi(Recorder(), {"text": "similar share", "user_id": OFFICER, "channel_id": CHANNEL}, respond, FakeClient(),
        context_of(ctx))
    assert respond.calls[0]["response_type"] == "in_channel"
    assert respond.calls[0]["text"] == ctx.say("foi-usage", usage="/foi similar TEXT")
    respond = Recorder()
    foi(Recorder(), {"text": "case NO-SUCH-REF", "user_id": OFFICER, "channel_id": CHANNEL}, respond, FakeClient(),
        context_of(ctx))
    assert respond.calls[0]["text"].startswith(ctx.say("error", message="x")[:-1])
    assert "NO-SUCH-REF" in respond.calls[0]["text"] and "Traceback" not in respond.calls[0]["text"]


def _drafted(ctx: SlackContext, seed_request: str) -> str:
    turn = ctx.engine.start(seed_request, surface="slack", user=OFFICER)
    ctx.poster.threads.link(CHANNEL, "9.0", turn.conversation_id)
    ctx.engine.reply(turn.conversation_id, "ask about IT monitoring")
    ctx.engine.reply(turn.conversation_id, "show draft")
    return turn.conversation_id


def _press(handler: Any, ctx: SlackContext, conv: str, version: int | None) -> FakeClient:
    client, ack = FakeClient(), Recorder()
    value = json.dumps({"c": conv, "v": version})
    body = {"user": {"id": OFFICER}, "channel": {"id": CHANNEL}, "message": {"ts": "9.5", "thread_ts": "9.0"}}
    handler(ack, {"value": value}, body, client, context_of(ctx))
    assert len(ack.calls) == 1
    return client


def test_diff_with_one_version_then_two(ctx, seed_request):
    conv = _drafted(ctx, seed_request)
    posts = _press(draft_actions.on_diff, ctx, conv, 1).said()
    assert [p["text"] for p in posts] == [ctx.say("diff-title")]
    assert ctx.say("diff-one-version") in posts[0]["blocks"][0]["text"]["text"]
    ctx.engine.redraft(conv)
    same = _press(draft_actions.on_diff, ctx, conv, 2).said()
    assert ctx.say("diff-no-change") in same[0]["blocks"][0]["text"]["text"]
    errors, _ = ctx.engine.edit(conv, {"request_summary": "ask about IT monitoring software in each force"})
    assert errors == {}
    posts = _press(draft_actions.on_diff, ctx, conv, 3).said()
    shown = posts[0]["blocks"][0]["text"]["text"]
    assert "--- version 2" in shown and "+++ version 3" in shown and "each force" in shown
    assert ctx.say("diff-one-version") not in shown


def test_approve_and_mark_sent_buttons_record_in_the_register_and_word_the_result(ctx, seed_request):
    conv = _drafted(ctx, seed_request)
    ref = ctx.engine.answer(conv, "reference")
    approved = _press(draft_actions.on_approve, ctx, conv, 1).said()
    assert [p["text"] for p in approved] == [ctx.say("approved", version=1, reference=ref, who=f"<@{OFFICER}>")]
    sent = _press(draft_actions.on_sent, ctx, conv, 1).said()
    case = ctx.rt.register.require(ref)
    assert case.status == "sent" and case.sent_on == date(2019, 10, 31)
    window = ctx.rt.register.review_window_end(case)
    assert window and sent[0]["text"].startswith(f"{ref} marked as sent on ") and f"<@{OFFICER}>" in sent[0]["text"]
    actions = [e["action"] for e in ctx.engine.history(ref).entries]
    assert "approved" in actions and "sent" in actions
    assert ctx.rt.store.conversation(conv)["status"] == "closed"


def test_request_heuristics():
    assert from_slack("<@U_FOIBOT> please send &lt;data&gt;", "U_FOIBOT") == "please send <data>"
    assert from_slack("<@U_OTHER> hi", "U_FOIBOT") == "<@U_OTHER> hi"
    assert looks_like_request("Please provide the number of officers disciplined in 2023 by rank")
    assert not looks_like_request("thanks, see you at the meeting later today then")
    assert not looks_like_request("how many?")
