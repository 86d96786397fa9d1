"""Answers to a question from its buttons, menus, date picker, Skip, or "Answer in a form"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from foibot.conversation.answers import get_path
from foibot.conversation.engine import Turn
from foibot.surfaces.slack import blocks as kit
from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.listeners import foibot_of
from foibot.surfaces.slack.listeners.payloads import from_block, thread_of


def _stale(ctx: SlackContext, client: WebClient, body: dict[str, Any], conv: str, field: str, *,
           skip: bool = False, value: Any = None) -> bool:
    """Whether a press on a question's button should change nothing, and if so say why to the presser only:
    the case is closed, or the question is no longer the one being asked and (a Skip, or the same answer
    pressed again, as when two officers press the same button) pressing it would only repeat the question."""
    channel, thread_ts = thread_of(body)
    user = body["user"]["id"]
    if ctx.refuse_if_closed(client, channel, thread_ts, user, conv):
        return True
    state = (ctx.rt.store.conversation(conv) or {}).get("state") or {}
    if state.get("asking") == field:
        return False
    if skip:
        ctx.tell(client, channel, thread_ts, user, ctx.say("stale-skip", field=field))
        return True
    current = get_path(state.get("answers") or {}, field)
    if current is not None and current == value:
        shown = ", ".join(map(str, current)) if isinstance(current, list) else current
        ctx.tell(client, channel, thread_ts, user, ctx.say("already-answered", value=shown or "none"))
        return True
    return False


def _answer(context: BoltContext, client: WebClient, body: dict[str, Any], conv: str, field: str,
            value: Any) -> None:
    ctx = foibot_of(context)
    if _stale(ctx, client, body, conv, field, value=value):
        return
    channel, thread_ts = thread_of(body)
    user = body["user"]["id"]
    _apply(ctx, client, channel, thread_ts, conv, field, user, lambda: ctx.engine.choose(conv, field, value, user=user))


def _apply(ctx: SlackContext, client: WebClient, channel: str, thread_ts: str, conv: str, field: str, user: str,
           work: Callable[[], Turn]) -> None:
    """Apply a press and post its turn, marked in hand until posted and with who answered which question
    recorded, so a reply typed meanwhile by another officer is not read as the answer to the next question."""
    with ctx.poster.in_hand(conv):
        with ctx.rt.store.transaction():
            turn = work()
            if ((ctx.rt.store.conversation(conv) or {}).get("state") or {}).get("asking") != field:
                ctx.poster.threads.mark(conv, answered_by=user, answered_field=field)
        ctx.poster.post(client, channel, thread_ts, turn)


def on_button(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    data = kit.decode(action["value"])
    _answer(context, client, body, data["c"], data["f"], data.get("v"))


def on_select(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    _answer(context, client, body, *from_block(action), action["selected_option"]["value"])


def on_multi(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    _answer(context, client, body, *from_block(action), [o["value"] for o in action.get("selected_options") or []])


def on_date(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    _answer(context, client, body, *from_block(action), action["selected_date"])


def on_skip(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    ctx = foibot_of(context)
    data = kit.decode(action["value"])
    if _stale(ctx, client, body, data["c"], data["f"], skip=True):  # "skip" skips whatever is being asked now
        return
    channel, thread_ts = thread_of(body)
    user = body["user"]["id"]
    _apply(ctx, client, channel, thread_ts, data["c"], data["f"], user,
           lambda: ctx.engine.reply(data["c"], "skip", user=user))


def on_modal(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    ctx = foibot_of(context)
    opened = ctx.open_form(client, body, kit.loading_modal(ctx.poster.labels).to_dict())
    if opened is None:
        return
    data = kit.decode(action["value"])
    channel, thread_ts = thread_of(body)
    view = kit.answer_modal(data["c"], ctx.engine.question_for(data["c"], data["f"]), channel, thread_ts,
                            ctx.poster.labels)
    client.views_update(view_id=opened["id"], view=view.to_dict())
