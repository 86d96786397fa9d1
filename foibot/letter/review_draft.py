"""An internal review's outcome drafted and checked: the letter (``review_letter``), the review's own due date
(FOIA 20 working days, EIR reg 11(4) 40, FOISA s21(1) 20, from the review request) and the statutory check.

The check reads the letter's text as it reads any review outcome (``checks.check_draft``, which sets aside what s17
asks of a first response) with the answers of the position after the review, then asks of the draft's blocks what
the text reader leaves to a first response: each exemption still relied on says why it applies, and a Scottish
notice names the Scottish Information Commissioner (section 47(1)).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from foibot.errors import FoibotError
from foibot.knowledge.authority import Authority
from foibot.knowledge.model import Knowledge
from foibot.law.deadlines import Deadline, parse_regime, review_target
from foibot.letter.blocks import Block, to_text
from foibot.letter.checks import CheckResult, check_draft, rulebook
from foibot.letter.drafting import Draft
from foibot.letter.review_context import position_after, review_context
from foibot.letter.review_letter import compose_review
from foibot.letter.templates import GAP_PREFIX, as_date


def draft_review(env: ImmutableSandboxedEnvironment, kb: Knowledge, authority: Authority, answers: dict[str, Any],
                 *, review_request: str, reference: str, letter_date: date) -> Draft:
    """The outcome letter of the review ``answers`` describe (normalised), with its due date and check."""
    context = review_context(answers, kb, authority, review_request=review_request, reference=reference,
                             letter_date=letter_date)
    due, due_error = review_due(answers.get("received"), str(context["regime"]), authority.holiday_data_until)
    context["review"]["overdue"] = bool(due and letter_date > due.due)  # the letter says sorry (and the check: late)
    try:
        blocks = compose_review(env, context)
    except TemplateError as exc:
        raise FoibotError(f"a template in snippets/ failed: {exc}") from exc
    now = {**position_after(answers), "letter_date": letter_date.isoformat()}
    checks = check_review(blocks, now, kb, cost_limit=authority.cost_limit, due=due.due if due else None,
                          letter_date=letter_date)
    return Draft(blocks=blocks, reference=reference, letter_date=letter_date, due=due, due_error=due_error,
                 checks=checks, notes=context["notes"])


def review_due(received: Any, regime: str, holiday_data_until: int) -> tuple[Deadline | None, str]:
    """When the review must be decided: 20 working days after the review request under FOIA (the ICO's
    expectation) and FOISA (s21(1)), 40 under the EIR (reg 11(4)); ("", None) without the date it was asked."""
    day = as_date(received)
    if day is None:
        return None, ""
    try:
        return review_target(day, regime=parse_regime(regime), holiday_data_until=holiday_data_until), ""
    except FoibotError as exc:
        return None, str(exc)


def check_review(blocks: list[Block], now: dict[str, Any], kb: Knowledge, *, cost_limit: int, due: date | None,
                 letter_date: date) -> CheckResult:
    """The statutory check of a review's outcome (see the module's note)."""
    result = check_draft(to_text(blocks), now, kb, cost_limit=cost_limit, due=due, letter_date=letter_date)
    book = rulebook(kb)
    regime = str(now.get("regime") or "foia")
    for section in dict.fromkeys(b.role.split(":")[1] for b in blocks if b.role.startswith("exemption:")):
        said = " ".join(b.text for b in blocks if b.role == f"exemption:{section}")
        exemption = kb.exemptions.get(section)
        label = exemption.cite("") if exemption else section
        book.need(result, "reason", len(said.split()) >= 20 and GAP_PREFIX not in said, section, label=label)
    if regime == "foisa":
        book.need(result, "foisa-commissioner", any(b.role == "commissioner" for b in blocks))
    return result
