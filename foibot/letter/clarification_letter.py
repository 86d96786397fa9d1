"""A request for clarification (FOIA s1(3), EIR reg 9(2), FOISA s1(3)) as blocks, drafted and checked; and the final
letter's quoting of the clarifications received.

The letter asks, and decides nothing: the request quoted, the points to clarify as a list, the advice and assistance
offered (FOIA s16, EIR reg 9(1), FOISA s15), that the request is treated as received on the day the reply arrives
and answered within 20 working days of it, where to reply, and a short line on review and the Commissioner. No
exemption, no refusal, no Annex A, nothing about whether the information is held. The wording is
``snippets/paragraphs/_clarification.j2``; the statutory check judges it as a clarification request
(``letter/checking/clarification.py``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from foibot.errors import FoibotError
from foibot.knowledge.authority import Authority
from foibot.knowledge.model import Knowledge
from foibot.law.dates import format_long
from foibot.law.deadlines import case_due
from foibot.letter.blocks import Block
from foibot.letter.checks import check_draft
from foibot.letter.compose import Letter, head, line, signature
from foibot.letter.drafting import ACTS, Draft, review_contact
from foibot.letter.templates import as_date

WORDING = "paragraphs/_clarification.j2"


def draft_clarification(env: ImmutableSandboxedEnvironment, kb: Knowledge, authority: Authority,
                        answers: dict[str, Any], *, request_text: str, reference: str, letter_date: date) -> Draft:
    """The clarification letter ``answers["clarification"]`` describes (points, advice), with the request's due date
    as it stands (the letter should go before it) and the statutory check."""
    regime = str(answers.get("regime") or authority.regime or "foia").lower()
    asking = answers.get("clarification") or {}
    points = [str(p).strip() for p in asking.get("points") or [] if str(p).strip()]
    if not points:
        raise FoibotError("the clarification letter needs at least one point for the requester to clarify")
    rounds = [r for r in asking.get("rounds") or [] if isinstance(r, dict)]
    ctx = {"authority": authority, "ref": reference, "letter_date": letter_date, "regime": regime,
           "act": ACTS.get(regime, ACTS["foia"])[0], "requester_name": answers.get("requester_name") or "",
           "requester_address": answers.get("requester_address") or ""}
    try:
        blocks = _compose(env, ctx, request_text, points, str(asking.get("advice") or "").strip(), rounds,
                          answers.get("received"))
    except TemplateError as exc:
        raise FoibotError(f"a template in snippets/ failed: {exc}") from exc
    received = _clock_start(answers)
    due, due_error = case_due(received.isoformat() if received else None, regime,
                              holiday_data_until=authority.holiday_data_until)
    checked = {k: answers[k] for k in ("regime", "reference", "requester_name", "requester_email") if answers.get(k)}
    checked.update(regime=regime, **({"received": received.isoformat()} if received else {}))
    # checked by its blocks, as every draft is: the structural rules know a clarification request (no notice's parts)
    checks = check_draft(blocks, checked, kb, cost_limit=authority.cost_limit,
                         due=due.due if due else None, letter_date=letter_date)
    notes = []
    if due and letter_date > due.due:
        notes.append(f"the request was due by {format_long(due.due)}: a clarification asked for after the due date "
                     "restarts the clock, but the request is already late (ask for clarification promptly)")
    return Draft(blocks=blocks, reference=reference, letter_date=letter_date, due=due, due_error=due_error,
                 checks=checks, notes=notes)


def _compose(env: ImmutableSandboxedEnvironment, ctx: dict[str, Any], request_text: str, points: list[str],
             advice: str, rounds: list[dict[str, Any]], received: Any) -> list[Block]:
    out = Letter()
    regime = ctx["regime"]
    words = env.get_template(WORDING).module
    authority = ctx["authority"]
    head(out, env, ctx, f"Our reference: {ctx['ref']}", line(words.heading, regime))
    out.add("para", line(words.opening, regime, ctx["act"], received or ""), "acknowledgement")
    out.add("text", line(words.you_asked, bool(rounds)))
    out.add("quote", request_text.strip())
    quote_clarifications(out, rounds)
    out.add("para", line(words.need, bool(rounds)), "clarification")
    out.add("list", "\n".join(_as_item(p) for p in points), "clarification:points")
    out.add("para", line(words.advice, regime, advice), "advice")
    out.add("para", line(words.clock, regime), "clarification:clock")
    out.add("para", line(words.practice), "clarification:practice")
    out.add("para", line(words.reply_to, ctx["ref"], authority.email), "reply-to")
    out.add("para", line(words.unhappy, regime), "rights")
    out.add("meta", review_contact(authority), "review-contact")
    out.add("signature", "\n".join(signature(authority)))
    return out.blocks


def quote_clarifications(out: Letter, rounds: list[dict[str, Any]]) -> None:
    """Each clarification received, dated and quoted, after the request's own quote."""
    for done in rounds:
        day = as_date(done.get("received_on"))
        text = str(done.get("text") or "").strip()
        if not text:
            continue
        out.add("text", f"Your clarification of {format_long(day)}:" if day else "Your clarification:")
        out.add("quote", text)


def with_clarifications(blocks: list[Block], answers: dict[str, Any]) -> list[Block]:
    """A response letter's blocks with each clarification received quoted, dated, after the request's quote (or,
    for a request answered part by part, after the opening paragraph), and the opening naming the day it was
    clarified; the blocks unchanged when nothing was clarified."""
    rounds = clarifications(answers)
    if not rounds:
        return blocks
    extra = Letter()
    quote_clarifications(extra, rounds)
    at = next((i for i, b in enumerate(blocks) if b.kind == "quote"), None)
    if at is not None and any(b.kind == "subheading" for b in blocks[:at]):
        at = None  # the first quote is a part's ("Part 1"): the clarification is of the whole request
    if at is None:
        at = next((i for i, b in enumerate(blocks) if b.role == "acknowledgement"), len(blocks) - 1)
    out = [*blocks[:at + 1], *extra.blocks, *blocks[at + 1:]]
    last = as_date(rounds[-1].get("received_on"))
    first = as_date(answers.get("received"))
    if last and first and last != first:
        said_first, said_last = format_long(first), format_long(last)
        for i, block in enumerate(out):
            if block.role == "acknowledgement" and f"request of {said_last}" in block.text:
                text = block.text.replace(f"request of {said_last}",
                                          f"request of {said_first}, which you clarified on {said_last},", 1)
                out[i] = Block(block.kind, text.replace(",, ", ", ").replace(",.", "."), block.number, block.role)
                break
    return out


def clarifications(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The clarifications received for a case, oldest first (each {asked_on, points, received_on, text})."""
    asking = answers.get("clarification")
    rounds = asking.get("rounds") if isinstance(asking, dict) else None
    return [r for r in rounds or [] if isinstance(r, dict) and r.get("received_on")]


def _clock_start(answers: dict[str, Any]) -> date | None:
    """The day the 20 working days run from: the last clarification received, else the request's own receipt."""
    done = clarifications(answers)
    return as_date(done[-1]["received_on"]) if done else as_date(answers.get("received"))


clock_start = _clock_start


def _as_item(point: str) -> str:
    """A point as a list item: its own words, without a closing question mark or full stop."""
    return point.strip().rstrip("?.;").strip()
