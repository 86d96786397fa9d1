"""Block actions: answers from buttons, menus and date pickers; the draft's buttons."""

from __future__ import annotations

import difflib
import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from foibot.conversation import dialogue
from foibot.conversation.answers import get_path
from foibot.surfaces.slack import blocks as kit
from foibot.surfaces.slack.context import SlackContext


def _thread(body: dict[str, Any]) -> tuple[str, str]:
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id")
    return channel, message.get("thread_ts") or message.get("ts") or body.get("container", {}).get("message_ts")


def _from_block(action: dict[str, Any]) -> tuple[str, str]:
    _, conv, field = action["block_id"].split("|", 2)
    return conv, field


def register(app: App, ctx: SlackContext) -> None:
    def answer(client: WebClient, body: dict[str, Any], conv: str, field: str, value: Any) -> None:
        channel, thread_ts = _thread(body)
        user = body["user"]["id"]
        turn = ctx.engine.choose(conv, field, value, user=user)
        ctx.poster.post(client, channel, thread_ts, turn)

    @app.action(re.compile(r"^answer(:\d+|_default|_none)$"))
    def on_button(ack: Ack, action: dict, body: dict, client: WebClient) -> None:
        ack()
        data = kit.decode(action["value"])
        answer(client, body, data["c"], data["f"], data.get("v"))

    @app.action("answer_select")
    def on_select(ack: Ack, action: dict, body: dict, client: WebClient) -> None:
        ack()
        conv, field = _from_block(action)
        answer(client, body, conv, field, action["selected_option"]["value"])

    @app.action("answer_multi")
    def on_multi(ack: Ack, action: dict, body: dict, client: WebClient) -> None:
        ack()
        conv, field = _from_block(action)
        answer(client, body, conv, field, [o["value"] for o in action.get("selected_options") or []])

    @app.action("answer_date")
    def on_date(ack: Ack, action: dict, body: dict, client: WebClient) -> None:
        ack()
        conv, field = _from_block(action)
        answer(client, body, conv, field, action["selected_date"])

    @app.action("answer_skip")
    def on_skip(ack: Ack, action: dict, body: dict, client: WebClient) -> None:
        ack()
        data = kit.decode(action["value"])
        channel, thread_ts = _thread(body)
        ctx.poster.post(client, channel, thread_ts, ctx.engine.reply(data["c"], "skip", user=body["user"]["id"]))

    @app.action("answer_modal")
    def on_modal(ack: Ack, action: dict, body: dict, client: WebClient) -> None:
        ack()
        opened = client.views_open(trigger_id=body["trigger_id"], view=kit.loading_modal().to_dict())
        data = kit.decode(action["value"])
        channel, thread_ts = _thread(body)
        question = ctx.engine.question_for(data["c"], data["f"])
        view = kit.answer_modal(data["c"], question, channel, thread_ts)
        client.views_update(view_id=opened["view"]["id"], view=view.to_dict())

    @app.action("draft_regenerate")
    def on_regenerate(ack: Ack, action: dict, body: dict, client: WebClient) -> None:
        ack()
        conv = kit.decode(action["value"])["c"]
        channel, thread_ts = _thread(body)
        ctx.poster.post(client, channel, thread_ts, ctx.engine.redraft(conv, user=body["user"]["id"]))

    @app.action("draft_diff")
    def on_diff(ack: Ack, action: dict, body: dict, client: WebClient) -> None:
        ack()
        conv = kit.decode(action["value"])["c"]
        channel, thread_ts = _thread(body)
        drafts = ctx.rt.store.drafts(conv)
        if len(drafts) < 2:
            text = "There is only one version of this draft so far."
        else:
            old, new = drafts[-2], drafts[-1]
            diff = difflib.unified_diff(old["letter"].splitlines(), new["letter"].splitlines(),
                                        f"version {old['version']}", f"version {new['version']}", lineterm="", n=1)
            text = "\n".join(diff) or "No changes between the last two versions."
        for piece in kit.chunk(kit.escape(text), kit.SECTION_LIMIT - 10)[:10]:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text="Changes between drafts",
                                    blocks=[kit.section(f"```{piece}```").to_dict()], unfurl_links=False)

    @app.action("draft_approve")
    def on_approve(ack: Ack, action: dict, body: dict, client: WebClient) -> None:
        ack()
        data = kit.decode(action["value"])
        channel, thread_ts = _thread(body)
        user = body["user"]["id"]
        ctx.engine.note(data["c"], "approved", data.get("v"), user=user)
        client.chat_postMessage(channel=channel, thread_ts=thread_ts,
                                text=f"Draft {data.get('v')} approved by <@{user}>.")

    @app.action("draft_sent")
    def on_sent(ack: Ack, action: dict, body: dict, client: WebClient) -> None:
        ack()
        data = kit.decode(action["value"])
        channel, thread_ts = _thread(body)
        user = body["user"]["id"]
        text = ctx.mark_sent(data["c"], data.get("v"), user)  # our own words, with a deliberate mention
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)

    @app.action("draft_edit")
    def on_edit(ack: Ack, action: dict, body: dict, client: WebClient) -> None:
        ack()
        opened = client.views_open(trigger_id=body["trigger_id"], view=kit.loading_modal("Edit draft").to_dict())
        conv = _from_block(action)[0]
        channel, thread_ts = _thread(body)
        state = ctx.rt.store.conversation(conv)["state"]
        chosen = (action.get("selected_option") or {}).get("value")
        all_parts = dialogue.parts(state, ctx.rt.kb)
        part = next((p for p in all_parts if p[0] == chosen), all_parts[0])
        fields = [(path, q.prompt, dialogue.as_text(get_path(state["answers"], path)),
                   q.kind in ("longtext", "list")) for path, q in part[2]]
        view = kit.edit_modal(conv, part[1], fields, {"ch": channel, "ts": thread_ts, "part": part[0]})
        client.views_update(view_id=opened["view"]["id"], view=view.to_dict())

