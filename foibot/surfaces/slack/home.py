"""App Home: the user's open cases, nearest due date first, and the paragraph library."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from slack_sdk import WebClient
from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from foibot.law.dates import format_day
from foibot.register.cases import ENDED, clarifications_asked
from foibot.surfaces import views
from foibot.surfaces.slack.blocks import escape

HOME_BLOCKS = 100
HOME_CASES = 30  # one chat.getPermalink call each, on every opening of the tab


def open_cases(ctx: Any, user: str, today: date) -> list[dict[str, Any]]:
    """Open Slack conversations this user started or answered, with due dates, nearest first."""
    rows = []
    store = ctx.rt.store
    asked = clarifications_asked(store)
    for row in store.open_conversations():
        if row["surface"] != "slack":
            continue
        answered_by = {e["who"] for e in store.answer_log(row["id"])}
        if user != row["started_by"] and user not in answered_by:
            continue
        answers = row["state"].get("answers", {})
        case = ctx.rt.register.case_for_conversation(row["id"]) or (  # a review's conversation names its case
            ctx.rt.register.get_case(row["case_ref"]) if row.get("case_ref") else None)
        if case is not None and case.status in (*ENDED, "closed"):
            continue  # withdrawn, lapsed or closed: nothing left to answer, though its conversation was never ended
        due = case.due if case else None
        waiting = bool(case and case.status == "awaiting_clarification")
        where = ctx.poster.threads.of(row["id"])
        rows.append({"id": row["id"], "channel": where.channel if where else "",
                     "thread_ts": where.thread_ts if where else "",
                     "reference": answers.get("reference") or row["case_ref"] or "(no reference yet)",
                     "requester": answers.get("requester_name", ""), "due": due,
                     "assumed": bool(case and case.received_assumed),
                     "overdue": bool(due and due < today and not waiting), "waiting": waiting,
                     "asked": format_day(asked[case.ref]) if waiting and case and case.ref in asked else "",
                     "first_line": answers.get("request_summary") or gist(row["request_text"])})
    return sorted(rows, key=lambda r: (r["due"] is None, r["due"] or date.max))


_HEADER = re.compile(r"^\s*(from|to|cc|date|sent|subject|reply-to)\s*:", re.I)


def gist(request: str, limit: int = 80) -> str:
    """The start of a request on one line, without the email's From/Date/Subject lines (which carry the
    requester's address), cut at a word."""
    text = " ".join(" ".join(line for line in request.splitlines() if not _HEADER.match(line)).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _more(ctx: Any, cases: list[dict[str, Any]], limit: int = 2900) -> str:
    """The cases past the first ``HOME_CASES``, named by reference: as many as Slack's 3,000 characters hold (150
    open cases all fit), so an officer can reach each with /foi case REF."""
    rest = [c["reference"] for c in cases[HOME_CASES:]]
    for count in range(len(rest), 0, -1):
        text = escape(ctx.say("home-more", count=len(rest), shown=HOME_CASES, references=rest[:count]))
        if len(text) <= limit:
            return text
    return escape(ctx.say("home-more", count=len(rest), shown=HOME_CASES, references=[]))[:limit]


def home_view(ctx: Any, client: WebClient, user: str) -> View:
    today = ctx.engine.today()
    blocks: list[Any] = [HeaderBlock(text=ctx.say("home-title"))]
    if ctx.access.restricted and not ctx.access.user_allowed(user):
        blocks.append(SectionBlock(text=MarkdownTextObject(text=escape(ctx.refusal))))
        return View(type="home", blocks=blocks)
    cases = open_cases(ctx, user, today)
    if not cases:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=escape(ctx.say("home-empty")))))
    for case in cases[:HOME_CASES]:
        try:
            link = client.chat_getPermalink(channel=case["channel"], message_ts=case["thread_ts"])["permalink"]
        except Exception:  # a deleted thread still lists the case
            link = ""
        title = escape(case["reference"])
        title = f"<{link}|{title}>" if link else title
        heading = ctx.say("home-case", title=title, overdue=case["overdue"], assumed=case["assumed"],
                          waiting=case["waiting"], asked=case["asked"],
                          due=format_day(case["due"]) if case["due"] else "")  # our markup around escaped values
        blocks.append(SectionBlock(text=MarkdownTextObject(
            text=f"{heading}\n{escape(case['requester'])}{': ' if case['requester'] else ''}"
                 f"{escape(case['first_line'])}"[:2900])))
    if len(cases) > HOME_CASES:  # the furthest due: named, every one that fits, rather than dropped unseen
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_more(ctx, cases))]))
    blocks += [DividerBlock(), HeaderBlock(text=ctx.say("home-library"))]
    for name in views.paragraphs(ctx.engine):
        if len(blocks) >= HOME_BLOCKS - 1:
            break
        text = views.paragraph(ctx.engine, name)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*{escape(name)}*\n{escape(text[:300])}")))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=escape(ctx.say("home-library-hint")))]))
    return View(type="home", blocks=blocks[:HOME_BLOCKS])
