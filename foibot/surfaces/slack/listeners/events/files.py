"""Files shared in a case thread (a ``message`` with subtype ``file_share``): each file is checked before release.

Slack sends the share as a ``message`` event carrying ``files`` and ``thread_ts`` (the ``file_shared`` event has no
thread), so this listener is registered before the general message listener; any text with the files is then
handled as a reply, exactly as ``on_message`` would. A bare file is not an answer to the pending question. A
text snippet (``mode: "snippet"``, what Slack makes of a long paste) is a message, not a file to release: its
text is read as typed, more of the request or an answer.
"""

from __future__ import annotations

import email
import email.policy
import logging

from slack_bolt import BoltContext
from slack_sdk import WebClient

from foibot.conversation.release_log import release_limits
from foibot.errors import FoibotError
from foibot.release.limits import ReleaseLimits
from foibot.surfaces.slack.context import SlackContext
from foibot.surfaces.slack.listeners import foibot_of
from foibot.surfaces.slack.listeners.events.messages import on_message
from foibot.surfaces.slack.recovery import answer_in_thread
from foibot.surfaces.slack.release import DownloadError, ReleaseDesk, download
from foibot.surfaces.slack.requests import from_slack, looks_like_request

log = logging.getLogger(__name__)


def on_file_share(event: dict, client: WebClient, context: BoltContext) -> None:
    ctx = foibot_of(context)
    channel, thread_ts, user = event["channel"], event.get("thread_ts"), event.get("user") or "slack"
    conv = ctx.conversation_in(channel, thread_ts) if thread_ts and not event.get("bot_id") else None
    if conv is None:
        if not event.get("bot_id") and (not thread_ts or thread_ts == event["ts"]) and request_file(event):
            start_from_file(ctx, client, event, request_file(event))
            return
        on_message(event, client, context)
        return
    snippets = [f for f in event.get("files") or [] if isinstance(f, dict) and f.get("mode") == "snippet"]
    if snippets:  # a long paste Slack made a snippet of: a message, read as typed (never a file to release)
        said = snippet_message(ctx, client, event, snippets)
        if said is not None:
            answer_in_thread(ctx.poster, client, channel, thread_ts, event["ts"], said, event.get("user"))
        return
    desk = ReleaseDesk(ctx, client, channel, thread_ts)
    letters = 0
    for shared in event.get("files") or []:
        if not isinstance(shared, dict) or not shared.get("id"):
            continue
        try:
            desk.check_shared(conv["id"], str(shared["id"]), str(shared.get("name") or shared["id"]), user)
            letters += own_word_version(ctx, client, conv["id"], channel, thread_ts, shared, user)
        except FoibotError as exc:
            desk.say(ctx.say("error", message=str(exc)))
        except Exception:  # noqa: BLE001 - one file's failure must not lose the others or the thread
            log.exception("release check of file %s failed", shared.get("id"))
            desk.say(ctx.say("error", message="the release check of this file failed; it has not been checked"))
    if (event.get("text") or "").strip() and not letters:
        on_message(event, client, context)
    else:
        ctx.poster.threads.claim_message(channel, event["ts"], conv["id"])  # a restart must not replay it as ""


def own_word_version(ctx: SlackContext, client: WebClient, conv: str, channel: str, thread_ts: str, shared: dict,
                     user: str) -> int:
    """A Word file of a whole letter shared in a case thread with a draft ("here's my version"): after its release
    check, its text is read with the statutory check and the thread says what it found (``release``); the
    draft is kept as it was. 1 when it was read as the officer's letter (the message's words are then a comment
    on it, not an answer), else 0."""
    from foibot.letter.word import NotALetter, docx_text
    from foibot.surfaces.slack import release

    name = str(shared.get("name") or "")
    if not name.lower().endswith(".docx") or not release.drafted_version(ctx.engine, conv):
        return 0
    try:
        _, data = download(client, str(shared["id"]), release_limits(ctx.rt.authority), ctx.settings.api_base_url)
        text = docx_text(data)
    except (DownloadError, NotALetter):
        return 0  # its release check has said why it could not be read
    if not release.is_own_version(ctx.engine, conv, text):
        return 0
    said = release.own_version_checked(ctx.engine, conv, text, user=user, name=name)
    client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=said, unfurl_links=False)
    return 1


REQUEST_FILES = (".txt", ".text", ".eml", ".msg.txt")
REQUEST_BYTES = 200_000


def request_file(event: dict) -> dict | None:
    """A request shared as a file rather than typed: a plain-text file, an email saved as .eml, or a snippet
    (Slack offers to turn a long paste into one). None when the message's own text is the request."""
    if looks_like_request(from_slack(event.get("text") or "")):
        return None
    for shared in event.get("files") or []:
        if not isinstance(shared, dict) or not shared.get("id"):
            continue
        name = str(shared.get("name") or "").lower()
        if name.endswith(REQUEST_FILES) or shared.get("mode") == "snippet" or shared.get("filetype") in ("text",
                                                                                                         "email"):
            return shared
    return None


def request_text(name: str, data: bytes) -> str:
    """A shared file's text as pasted: an .eml's From, Date and Subject lines, then its plain-text body."""
    if not name.lower().endswith(".eml"):
        return data.decode("utf-8-sig", "replace")
    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    headers = "\n".join(f"{key}: {message[key]}" for key in ("From", "Date", "Subject") if message[key])
    return f"{headers}\n\n{text}" if headers else text


def snippet_message(ctx: SlackContext, client: WebClient, event: dict, snippets: list[dict]) -> str | None:
    """A message's text with its snippets' text after it, as if all of it had been typed (Slack offers to turn
    a long paste into a snippet); None, after telling its writer why, when a snippet cannot be read."""
    texts = [from_slack(event.get("text") or "")]
    limits = ReleaseLimits(max_file_bytes=REQUEST_BYTES)
    for shared in snippets:
        try:
            texts.append(request_text(*download(client, str(shared["id"]), limits, ctx.settings.api_base_url)))
        except DownloadError as exc:
            ctx.tell(client, event["channel"], event.get("thread_ts"), event.get("user") or "",
                     ctx.say("error", message=f"I could not read the snippet: {exc}"))
            return None
    return "\n".join(t.strip() for t in texts if t.strip()) or None


def start_from_file(ctx: SlackContext, client: WebClient, event: dict, shared: dict) -> None:
    """Start a case in the file's own thread from the text of the file; if it cannot be read, say why to the
    person who shared it."""
    channel, user = event["channel"], event.get("user") or ""
    if not ctx.access.can_start(user, channel, event.get("channel_type")):
        return
    limits = ReleaseLimits(max_file_bytes=REQUEST_BYTES)
    try:
        name, data = download(client, str(shared["id"]), limits, ctx.settings.api_base_url)
        text = request_text(name, data)
    except DownloadError as exc:
        ctx.tell(client, channel, event["ts"], user, ctx.say("error", message=f"I could not read the file: {exc}"))
        return
    ctx.start_case(client, channel, event["ts"], text, user)
