"""/foi stats in Slack: the chart posted to the channel beside the table (``foibot.surfaces.foi_command``).

Also a request for an internal review pasted into the thread of the case it reviews, after the case was marked
sent. A pasted review request at the top of the channel opens the review in its own thread (the engine's ``start``). In
the original case's thread the case is closed, and a thread holds one conversation, so the review gets a thread
of its own: foibot starts it with a short message at the top of the channel that links back, the review's
questions follow there, and the case's thread says where the review went. The thread already names the case, so
a pasted review request that names none (the requester's "please review your answer", with its email headers or
in 20 words or more) is read as this case's review; a colleague's short "can you review the decision?" is not.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from foibot.conversation.email_parse import parse_email
from foibot.register.review_requests import review_request
from foibot.surfaces.slack.blocks import escape
from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.poster import Poster
from foibot.surfaces.slack.threads import Thread

log = logging.getLogger(__name__)


def post_chart(ctx: SlackContext, client: WebClient, channel: str) -> None:
    """/foi stats: the chart goes to the channel as an image (figures only, no personal data). In a channel
    foibot cannot post in (not a member, archived) the table alone is the answer: one warning, no traceback."""
    from foibot.register.stats import compute, write_chart
    from foibot.surfaces.slack.recovery import CHANNEL_ERRORS

    with tempfile.TemporaryDirectory() as tmp:
        path = write_chart(compute(ctx.rt.store, today=ctx.engine.today()), Path(tmp) / "foi-stats.png")
        try:
            client.files_upload_v2(channel=channel, content=path.read_bytes(), filename="foi-stats.png",
                                   title=ctx.say("stats-chart-title"))
        except SlackApiError as exc:
            if exc.response.get("error") not in CHANNEL_ERRORS:
                raise
            log.warning("/foi stats: the chart was not posted in %s (%s)", channel, exc.response.get("error"))


# --- a review asked for in the thread of the case it reviews ---------------------------------------------

PASTED_WORDS = 20  # a review request naming no case and with no email headers: the requester's words, pasted


def review_in_case_thread(poster: Poster, client: WebClient, thread: Thread, ts: str, text: str,
                          user: str | None) -> bool:
    """Open the review ``text`` asks for, from the closed case's thread; False when it asks for none (the caller
    then says the case is closed)."""
    engine = poster.engine
    links = engine.cases
    case = links.register.case_for_conversation(thread.conversation_id) if links else None
    if case is None or not text.strip():
        return False
    email = parse_email(text).email
    asked = review_request(text, email=email, register=links.register, cues=links.review_cues)
    if asked is None or not (asked.case or email or len(text.split()) >= PASTED_WORDS):
        return False  # a colleague's "can you review the decision?" is chat, not the requester's message
    if asked.case is None:  # the thread names the case: as the subject line of the requester's email would
        text = f"Subject: Internal review of {case.ref}\n\n{text}"
    else:
        case = asked.case
    with engine.store.transaction():
        turn = engine.start(text, surface="slack", user=user)
    channel, thread_ts = thread.channel, thread.thread_ts
    if turn.conversation_id is None:  # already under review, or reviewed: what the engine says, in this thread
        poster.post(client, channel, thread_ts, turn)
        return True
    reference = (engine.answers(turn.conversation_id) or {}).get("reference") or f"{case.ref}/IR"
    origin = _link(client, channel, ts)
    said = engine.replies.render("slack-review-thread", reference="\0ref\0", original=case.ref, who="\0who\0",
                                 link="\0link\0" if origin else "")
    root = client.chat_postMessage(channel=channel, text=_marked(said, reference, user, origin), unfurl_links=False)
    with engine.store.transaction():
        poster.threads.link(channel, root["ts"], turn.conversation_id)
    poster.post(client, channel, root["ts"], turn)
    here = _link(client, channel, root["ts"])
    moved = engine.replies.render("slack-review-moved", reference="\0ref\0", original=case.ref,
                                  link="\0link\0" if here else "")
    client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=_marked(moved, reference, user, here),
                            unfurl_links=False)
    return True


def _link(client: WebClient, channel: str, ts: str) -> str:
    try:
        return str(client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"])
    except Exception:  # noqa: BLE001 - a link is a convenience: the words stand without it
        return ""


def _marked(said: str, reference: str, user: str | None, link: str) -> str:
    """The words escaped, then Slack's markup for the mention and the link put in."""
    return (escape(said).replace("\0ref\0", escape(reference)).replace("\0who\0", f"<@{user}>" if user else "someone")
            .replace("\0link\0", f"<{link}|its thread>" if link else ""))
