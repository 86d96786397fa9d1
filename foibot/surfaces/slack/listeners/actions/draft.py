"""The buttons under a draft: edit a part, regenerate, show changes, approve, mark sent.

Each calls one engine operation and words its result from ``snippets/replies.yaml``."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from foibot.conversation import clarification, dialogue
from foibot.conversation.answers import get_path
from foibot.errors import InputError
from foibot.law.dates import format_day
from foibot.surfaces.slack import blocks as kit
from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.listeners import foibot_of
from foibot.surfaces.slack.listeners.payloads import from_block, thread_of
from foibot.surfaces.slack.poster import CLARIFY_PART, clarification_fields
from foibot.surfaces.slack.release import ReleaseDesk


def closed(ctx: SlackContext, client: WebClient, body: dict, conv: str) -> bool:
    """A closed case (marked as sent) is not redrafted, approved or sent again: tell the presser only."""
    return ctx.refuse_if_closed(client, *thread_of(body), body["user"]["id"], conv)


def once(ctx: SlackContext, body: dict, what: str, data: dict) -> bool:
    """True the first time a draft's button ``what`` is pressed for its version; False for a second press (a
    double click, or two officers at once: Slack sends each press), which then does nothing."""
    channel, _ = thread_of(body)
    with ctx.rt.store.transaction():
        return ctx.poster.threads.claim_message(channel, f"{what}:{data['c']}:{data.get('v')}", data["c"])


def on_regenerate(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    ctx = foibot_of(context)
    data = kit.decode(action["value"])
    conv = data["c"]
    if closed(ctx, client, body, conv) or not once(ctx, body, "regenerate", data):
        return  # one new draft (and one Word file) per draft, however often its button is pressed
    channel, thread_ts = thread_of(body)
    ctx.poster.post(client, channel, thread_ts, ctx.engine.redraft(conv, user=body["user"]["id"]))


def on_diff(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    ctx = foibot_of(context)
    channel, thread_ts = thread_of(body)
    diff = ctx.engine.diff(kit.decode(action["value"])["c"])
    text = ctx.say("diff-one-version") if diff is None else diff or ctx.say("diff-no-change")
    for piece in kit.chunk(kit.escape(text), kit.SECTION_LIMIT - 10)[:10]:
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=ctx.say("diff-title"),
                                blocks=[kit.section(f"```{piece}```").to_dict()], unfurl_links=False)


def on_approve(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    ctx = foibot_of(context)
    data = kit.decode(action["value"])
    if closed(ctx, client, body, data["c"]) or not once(ctx, body, "approve", data):
        return  # approved once, said once
    channel, thread_ts = thread_of(body)
    user = body["user"]["id"]
    version = ctx.engine.approve(data["c"], data.get("v"), user)
    reference = kit.escape(str(ctx.engine.answer(data["c"], "reference") or ""))
    client.chat_postMessage(channel=channel, thread_ts=thread_ts,
                            text=ctx.say("approved", version=version, reference=reference, who=f"<@{user}>"))


def on_sent(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    ctx = foibot_of(context)
    data = kit.decode(action["value"])
    if closed(ctx, client, body, data["c"]):  # pressed twice, or by a second officer
        return
    channel, thread_ts = thread_of(body)
    user = body["user"]["id"]
    if ReleaseDesk(ctx, client, channel, thread_ts).hold_send(data["c"], action["value"], user):
        return  # findings remain in the case's attachments: Send anyway or Cancel
    mark_sent(ctx, client, channel, thread_ts, data, user)


def mark_sent(ctx: SlackContext, client: WebClient, channel: str, thread_ts: str, data: dict, user: str) -> None:
    """Record the draft sent and say so in the thread (a second officer pressing at the same instant is told
    the case is closed)."""
    try:
        with ctx.rt.store.lock:  # two presses at once: the engine reads a clarification's stage before its lock
            sent = ctx.engine.mark_sent(data["c"], data.get("v"), user)
    except InputError as exc:  # closed (marked sent), or a clarification letter already marked sent: the presser only
        if not ctx.refuse_if_closed(client, channel, thread_ts, user, data["c"]):
            ctx.tell(client, channel, thread_ts, user, ctx.say("slack-not-sent", message=str(exc).rstrip(".")))
        return
    reference = kit.escape(sent.reference or str(ctx.engine.answer(data["c"], "reference") or ""))
    text = ctx.say("sent", reference=reference, on=format_day(sent.sent_on), who=f"<@{user}>",
                   review_until=format_day(sent.review_until) if sent.review_until else "",
                   warnings=[kit.escape(w) for w in sent.warnings], regime=sent.regime,
                   lateness=kit.escape(sent.lateness), outcome=sent.outcome, reviewer=kit.escape(sent.reviewer),
                   complain_by=format_day(sent.complain_by) if sent.complain_by else "")
    client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)  # our words, a deliberate mention


def on_edit(ack: Ack, action: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    ctx = foibot_of(context)
    if closed(ctx, client, body, from_block(action)[0]):
        return
    labels = ctx.poster.labels
    opened = ctx.open_form(client, body, kit.loading_modal(labels, labels.edit_draft).to_dict())
    if opened is None:
        return
    conv = from_block(action)[0]
    channel, thread_ts = thread_of(body)
    state = dialogue.ConversationState.from_json(ctx.rt.store.conversation(conv)["state"])
    chosen = (action.get("selected_option") or {}).get("value")
    meta = {"ch": channel, "ts": thread_ts, "part": chosen}
    if chosen == CLARIFY_PART and clarification.stage(state) == "drafting":  # the clarification's own questions
        view = kit.edit_modal(conv, ctx.say("slack-clarification-part"), clarification_fields(ctx.engine, conv),
                              meta, labels)
        client.views_update(view_id=opened["id"], view=view.to_dict())
        return
    all_parts = dialogue.parts(state, ctx.rt.kb)
    part = next((p for p in all_parts if p[0] == chosen), all_parts[0])
    fields = [(path, q.prompt, dialogue.as_text(get_path(state.answers, path)),
               q.kind in ("longtext", "list")) for path, q in part[2]]
    view = kit.edit_modal(conv, part[1], fields, {"ch": channel, "ts": thread_ts, "part": part[0]}, labels)
    client.views_update(view_id=opened["id"], view=view.to_dict())
