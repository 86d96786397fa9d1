"""What an officer could see in a case thread when they wrote a message, read from Slack's ``ts`` order.

A thread has several officers and no turn-taking: two may answer the same question within seconds, and a long
request may be pasted in several messages. Slack gives every message a ``ts`` that orders it in the thread, and
foibot records the ``ts`` of the post that showed what it now waits for (``waiting_since``, see ``threads``).
So a typed reply written before that post, or while a turn is decided but not yet posted, was written to an
earlier question, not this one; and a message from the officer who pasted the request, before anyone answered
anything, that goes on with the request, is more of it (or says so: "add to request: …").
"""

from __future__ import annotations

import json
import re
from typing import Any

from foibot.conversation.clarification import asks_to_clarify
from foibot.conversation.commands import command_of
from foibot.conversation.engine import Message, Turn
from foibot.errors import FoibotError, InputError
from foibot.surfaces.slack.blocks import escape, section
from foibot.surfaces.slack.poster import Poster
from foibot.surfaces.slack.requests import looks_like_request
from foibot.surfaces.slack.threads import Thread

PARTS_WINDOW = 180.0  # seconds after the last part within which a long message from its paster is more of it
ADD_TO_REQUEST_SAID = "add to request: "
ASK_SAID = "\0ask\0"  # marks a channel message the rule could not place: asked about in the case's thread
ADD_TO_REQUEST = re.compile(r"^\s*add (?:this )?to (?:the )?request\s*[:,\-–]?\s*", re.I)
_LIST_START = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]\s|[-*•]\s)", re.I)
_QUOTED = 80
# A request's last line that breaks off mid-sentence: a comma, colon, dash or a word that needs more after it.
_CUT_OFF = re.compile(r"(?:[,:;\-–—(]|\b(?:and|or|of|the|a|an|for|to|in|by|on|with|from|between|including|"
                      r"about|per|each|whether|which|that))\s*$", re.I)
_REQUESTER_OPENS = re.compile(r"^\s*(?:please\b|i (?:would|should|also|am|request)\b|i'd\b|could you\b|"
                              r"can you\b|would you\b|(?:and )?also\b|additionally\b|in addition\b|furthermore\b|"
                              r"further to\b|under the freedom of information|many thanks|thank you for)", re.I)
# A message opening as a part of something said before: "and …", "also …", "Please also …", "In addition …".
_CARRIES_ON = re.compile(r"^\W*(?:(?:\w+\W+){0,3}?also|and|additionally|in addition|furthermore|as well)\b", re.I)
_SIGN_OFF = re.compile(r"^\s*(?:yours (?:sincerely|faithfully|truly)|(?:kind|best|warm) regards|regards,?\s*$|"
                       r"many thanks\b|thanks in advance\b)", re.I)
LONG_PASSAGE = 40  # words: longer than any "in a few words" answer
SHORT_REPLY = 8  # words: fewer, and a reply the question cannot read is a mistyped answer, not more request
ANYWHERE = ("draft", "help", "status", "change", "restart")  # commands that mean the same whatever is asked


def _seconds(ts: str | None) -> float:
    try:
        return float(ts or 0)
    except ValueError:
        return 0.0


def reads_as_more_request(text: str) -> bool:
    """Text that goes on with a pasted request rather than answers a question: several lines, a long passage,
    or a numbered or bulleted item. (Written before foibot asked anything, a message reading as a request
    is more of it too; a short reply is an answer given early.)"""
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) >= 2 or len(text.split()) >= LONG_PASSAGE or bool(_LIST_START.match(text))


def _continues(request: str, text: str) -> bool:
    """Whether ``text`` carries on where the request stopped: its last line breaks off mid-sentence ("…, and",
    "the following:") and the message goes on in lower case or with a list item."""
    lines = [line.strip() for line in request.splitlines() if line.strip()]
    if not lines or not text.strip():
        return False
    last = lines[-1]
    if _SIGN_OFF.match(last):  # "Kind regards," ends the request, not a sentence
        return False
    return bool(_CUT_OFF.search(last)) and (text.strip()[:1].islower() or bool(_LIST_START.match(text)))


def _request_words(text: str) -> bool:
    """A message in the requester's words rather than the officer's: it opens as a request does ("Please also
    provide", "I would also like", "In addition"), signs off ("Yours sincerely"), or has numbered or bulleted
    items on its later lines."""
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(_REQUESTER_OPENS.match(text)) or any(_SIGN_OFF.match(line) for line in lines) \
        or any(_LIST_START.match(line) for line in lines[1:])


def part_or_answer(poster: Poster, thread: Thread, row: dict[str, Any], ts: str, text: str,
                   user: str | None) -> str | None:
    """How to take a message in a case thread before its first question is answered: "request" (more of the
    request pasted in several messages), "ask" (truly unclear: the thread asks its writer), or None (an
    answer, or anything else: read as usual). Only the paster's messages within ``PARTS_WINDOW`` of the last
    part are weighed.

    The pending question's own reading decides first: a message it reads as its answer (a date, a choice) is
    one, whatever its length; one it cannot read is more of the request unless it is a few words (a mistyped
    answer, told so as usual). A free-text question reads any words, so then the words decide: a numbered or
    bulleted item, a message carrying on a request that broke off mid-sentence, or one in the requester's words
    is more of the request; a long or several-line message otherwise is asked about; a short one is an answer.
    ("add to request: …" is read by ``more_request``.)"""
    conv = thread.conversation_id
    if command_of(text) or asks_to_clarify(text) is not None or not (  # words to foibot are never the request's
            user and user == row.get("started_by") and not thread.answered_by
            and _seconds(ts) - _seconds(thread.request_parts_ts or thread.thread_ts) <= PARTS_WINDOW
            and poster.engine.request_replaceable(conv)):
        return None
    request = str(row.get("request_text") or "")
    if _LIST_START.match(text) or _continues(request, text):
        return "request"
    if looks_like_request(text) and (thread.waiting_since is None or _seconds(ts) < _seconds(thread.waiting_since)):
        return "request"  # written before foibot asked anything
    reading = poster.engine.reads_as_answer(conv, text)
    if reading is True:
        return None
    if reading is False:  # not its answer: more of the request, unless a few words (an answer it cannot read)
        return "request" if len(text.split()) >= SHORT_REPLY or reads_as_more_request(text) else None
    if _request_words(text):
        return "request"
    return "ask" if reads_as_more_request(text) else None


def more_request(poster: Poster, thread: Thread, row: dict[str, Any], ts: str, text: str,
                 user: str | None) -> Turn | dict[str, Any] | None:
    """When ``text`` is more of the request (see ``part_or_answer``), join it and read the request again
    (the turn to post); when that is unclear, the message asking its writer (Slack's ``chat.postMessage``
    arguments, two buttons); otherwise None. "add to request: …" after an answer gets a turn saying why not."""
    if text.startswith(ASK_SAID):  # from the channel, already weighed (``more_request_in_channel``)
        return ask_part_or_answer(poster, thread, row, ts, text[len(ASK_SAID):], user)
    said = ADD_TO_REQUEST.match(text)
    if said:
        text = text[said.end():].strip()
        if not text:
            return None
        return join(poster, thread, row, ts, text, user)
    decided = part_or_answer(poster, thread, row, ts, text, user)
    if decided == "request":
        return join(poster, thread, row, ts, text, user)
    if decided == "ask":
        return ask_part_or_answer(poster, thread, row, ts, text, user)
    return None


def join(poster: Poster, thread: Thread, row: dict[str, Any], ts: str, text: str, user: str | None) -> Turn:
    """Join ``text`` to the request and read it again whole: the turn to post (or why not, once answered)."""
    conv = thread.conversation_id
    replies = poster.engine.replies
    if not poster.engine.request_replaceable(conv):
        return Turn(conv, [Message("note", replies.render("slack-request-join-late"))])
    request = str(row.get("request_text") or "")
    try:
        turn = poster.engine.replace_request(conv, f"{request}\n{text}", user=user)
    except InputError:
        return Turn(conv, [Message("note", replies.render("slack-request-join-late"))])
    part = (thread.request_parts or 1) + 1
    poster.threads.mark(conv, request_parts_ts=ts, request_parts=part)
    return Turn(conv, [Message("note", replies.render("slack-request-joined", part=part)), *turn.messages])


def quoted(text: str) -> str:
    """A message quoted back on one line, clipped."""
    clipped = " ".join(text.split())
    return clipped if len(clipped) <= _QUOTED else clipped[:_QUOTED - 1].rstrip() + "…"


def ask_part_or_answer(poster: Poster, thread: Thread, row: dict[str, Any], ts: str, text: str,
                       user: str | None) -> dict[str, Any]:
    """The message asking the writer whether their message is more of the request or their answer to the
    question asked: its words and two buttons, each carrying the conversation, the question and the message's
    ``ts`` (the message itself is read back from Slack when a button is pressed). Nothing is stored."""
    conv = thread.conversation_id
    asking = (row.get("state") or {}).get("asking") or ""
    words = poster.engine.replies
    said = escape(words.render("slack-request-or-answer", who="\0who\0", text=quoted(text),
                               asking=_prompt(poster, conv, asking))).replace("\0who\0", f"<@{user}>")
    value = json.dumps({"c": conv, "f": asking, "v": ts}, separators=(",", ":"))
    buttons = [{"type": "button", "action_id": action, "value": value,
                "text": {"type": "plain_text", "text": words.render(key).strip()[:75]}}
               for action, key in (("request_part_add", "slack-request-or-answer-add"),
                                   ("request_part_answer", "slack-request-or-answer-answer"))]
    return {"text": said, "unfurl_links": False,
            "blocks": [section(said).to_dict(), {"type": "actions", "block_id": f"ra|{conv}|{ts}"[:255],
                                                 "elements": buttons}]}


def more_request_in_channel(poster: Poster, channel: str, ts: str, text: str,
                            user: str | None) -> tuple[Thread, str] | None:
    """A message posted in the channel itself (not a thread) by the officer who pasted a request there moments
    before, nothing answered yet, is weighed by the thread's own rule (``part_or_answer``), as if written in
    the case's thread: (that case's thread, "request") to join it, (thread, "ask") to ask its writer there with
    two buttons. None for a whole request of its own (a new case) and for anything the rule reads as an answer
    (an answer is never taken from the channel: it is not in the thread, and the thread shows nothing)."""
    if not user or _stands_alone(text):
        return None
    thread = poster.threads.latest_started(channel, user)
    if thread is None:
        return None
    row = poster.engine.store.conversation(thread.conversation_id) or {}
    decided = part_or_answer(poster, thread, row, ts, text, user)
    return (thread, decided) if decided else None


def _stands_alone(text: str) -> bool:
    """A message in the channel that is a whole request of its own, not a part of the one before: it reads as a
    request and does not open as a part does (a numbered or bulleted item, lower case, "also", "and" …)."""
    return looks_like_request(text) and not (_LIST_START.match(text) or text.strip()[:1].islower()
                                             or _CARRIES_ON.match(text))


def overtaken(poster: Poster, thread: Thread, row: dict[str, Any], ts: str, text: str,
              user: str | None) -> str | None:
    """The words for the thread when a typed reply was written before the thread showed what foibot now waits
    for, after someone answered the question before it; None to read the reply as usual."""
    if not thread.answered_by or not thread.waiting_since:
        return None
    command = command_of(text)
    if command and command[0] in ANYWHERE:  # "show draft", "change held": meant whatever was being asked
        return None
    conv = thread.conversation_id
    engine = poster.engine
    asking = (row.get("state") or {}).get("asking")
    version = None if asking else engine.latest_version(conv)
    expected = asking or (f"draft:{version}" if version else None)
    if expected is None:
        return None
    if thread.waiting_for == expected:
        if _seconds(ts) >= _seconds(thread.waiting_since):
            return None  # written after the thread showed it
    elif not poster.is_in_hand(conv):
        return None  # nothing posted yet for what it waits for, and nothing on the way: read as usual
    return escape(engine.replies.render(
        "slack-reply-overtaken", who="\0who\0", by="\0by\0" if thread.answered_by != user else "\0who\0",
        answered=_prompt(poster, conv, thread.answered_field), text=quoted(text),
        asking=_prompt(poster, conv, asking) if asking else None, draft=version,
    )).replace("\0who\0", f"<@{user}>").replace("\0by\0", f"<@{thread.answered_by}>")


def unquoted(poster: Poster, row: dict[str, Any], text: str) -> str:
    """A reply without the lines quoting foibot's question back (Slack's "> " quote of the question being
    asked, as an officer replying with the question quoted): the answer the officer typed under it."""
    asking = (row.get("state") or {}).get("asking")
    prompt = _prompt(poster, str(row.get("id") or ""), asking) if asking else None
    lines = text.splitlines()
    if not prompt or not lines or not lines[0].startswith(">"):
        return text
    wanted = _plain(prompt)
    quoted = [line for line in lines if line.startswith(">")]
    rest = [line for line in lines if not line.startswith(">")]
    if not "\n".join(rest).strip() or _plain(" ".join(q.lstrip("> ") for q in quoted)) != wanted:
        return text
    return "\n".join(rest).strip()


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[*_~`>]", " ", text).lower().split())


def _prompt(poster: Poster, conv: str, field: str | None) -> str | None:
    if not field:
        return None
    try:
        return poster.engine.question_for(conv, field).prompt
    except (FoibotError, KeyError, ValueError):
        return None
