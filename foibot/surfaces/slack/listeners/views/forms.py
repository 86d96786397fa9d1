"""Modal submissions: a long answer (answer_view), or the answers behind one part of the draft (edit_view)."""

from __future__ import annotations

import json

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from foibot.conversation import clarification
from foibot.conversation.engine import Turn
from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.listeners import foibot_of


def _value(block: dict) -> object:
    element = next(iter(block.values()))
    if "selected_options" in element:
        return [o["value"] for o in element["selected_options"] or []]
    return element.get("value") or ""


def _closed(ack: Ack, ctx: SlackContext, client: WebClient, body: dict, meta: dict) -> bool:
    """A form submitted on a case marked as sent (opened before it was sent) changes nothing: the modal closes
    and only the submitter is told."""
    if not ctx.refuse_if_closed(client, meta["ch"], meta["ts"], body["user"]["id"], meta["c"]):
        return False
    ack()  # closes the modal
    return True


def on_answer(ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext) -> None:
    ctx = foibot_of(context)
    meta = json.loads(view["private_metadata"])
    if _closed(ack, ctx, client, body, meta):
        return
    values = view["state"]["values"]
    chosen = _value(values["bank"]) if "bank" in values else []
    typed = str(_value(values.get("text", {"x": {}})) or "")
    question = ctx.engine.question_for(meta["c"], meta["f"])
    if question.kind == "list":
        value: object = list(chosen) + [line.strip() for line in typed.splitlines() if line.strip()]
        if not value:
            ack(response_action="errors", errors={"text": ctx.say("form-pick-one")})
            return
    else:
        value = typed
    ack()
    turn = ctx.engine.choose(meta["c"], meta["f"], value, user=body["user"]["id"])
    ctx.poster.post(client, meta["ch"], meta["ts"], turn)


def on_edit(ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext) -> None:
    ctx = foibot_of(context)
    meta = json.loads(view["private_metadata"])
    if _closed(ack, ctx, client, body, meta):
        return
    changes = {block_id.split("|", 1)[1]: str(_value(block) or "")
               for block_id, block in view["state"]["values"].items() if block_id.startswith("f|")}
    if any(path.startswith(clarification.PREFIX) for path in changes):
        _edit_clarification(ack, ctx, client, body, meta, changes)
        return
    errors, turn = ctx.engine.edit(meta["c"], changes, user=body["user"]["id"])
    if errors:
        ack(response_action="errors", errors={f"f|{k}"[:255]: v[:150] for k, v in errors.items()})
        return
    ack()
    ctx.poster.post(client, meta["ch"], meta["ts"], turn)


def _edit_clarification(ack: Ack, ctx: SlackContext, client: WebClient, body: dict, meta: dict,
                        changes: dict[str, str]) -> None:
    """The clarification letter's form (what to clarify, the advice) submitted: answered as the chat answers its
    questions ('change points', the points, the advice), then the letter drafted again; one post of the notes and
    the new draft, no question (the form gave both answers)."""
    conv, user = meta["c"], body["user"]["id"]
    points = changes.get(clarification.PREFIX + "points", "")
    if not clarification.split_points(points):
        ack(response_action="errors", errors={f"f|{clarification.PREFIX}points": ctx.say(
            "slack-clarification-no-points")[:150]})
        return
    engine = ctx.engine
    with ctx.rt.store.lock:
        if clarification.stage_of(engine.answers(conv)) != "drafting":  # sent or dropped meanwhile
            ack()
            ctx.tell(client, meta["ch"], meta["ts"], user, ctx.say("slack-clarification-not-drafting"))
            return
        ack()
        engine.reply(conv, "change points", user=user)  # the clarification's questions asked again, as typed
        first = engine.choose(conv, clarification.PREFIX + "points", clarification.split_points(points), user=user)
        second = engine.choose(conv, clarification.PREFIX + "advice",
                               changes.get(clarification.PREFIX + "advice", "").strip() or "none", user=user)
    notes = [m for m in first.messages if m.kind == "note"]
    ctx.poster.post(client, meta["ch"], meta["ts"], Turn(conv, [*notes, *second.messages]))
