"""What the register already knows of an internal review, so the conversation asks only what it needs: the case
reviewed (its request, dates, law and requester), how it was answered (from its conversation's answers, else the
register's outcome and exemptions), the review case's own dates and the requester's message; and the state a
review's conversation starts from."""

from __future__ import annotations

from typing import Any

from foibot.conversation.email_parse import parse_email
from foibot.conversation.state import ConversationState
from foibot.letter.review_context import subjects
from foibot.register.cases import Case, Register
from foibot.register.store import Store

# The register's outcome of a case answered without a conversation (a CLI draft, an import), as a response's answers
_HELD = {"granted": ("yes", "full"), "partially_granted": ("yes", "partial"), "refused": ("yes", "none"),
         "not_held": ("no", None), "ncnd": ("ncnd", None)}
# What a review takes over from the answers of the response it reviews
_CARRIED = ("requester_name", "requester_email", "requester_address", "regime", "request_summary")


def review_facts(register: Register, store: Store, original_ref: str) -> dict[str, Any]:
    """The answers a review of ``original_ref`` starts with (empty when the register has no such case)."""
    case = register.find_case(original_ref)
    if case is None:
        return {}
    facts: dict[str, Any] = {"review_of": case.ref, "original_request": case.request_text, "regime": case.regime}
    for key, value in (("original_received", case.received), ("original_due", case.due),
                       ("responded", case.letter_date or case.sent_on)):
        if value is not None:
            facts[key] = value.isoformat()
    if case.requester_name:
        facts["requester_name"] = case.requester_name
    if case.requester_address:
        facts["requester_address"] = case.requester_address
    facts.update(_answered(store, case))
    every = register.reviews(case.ref)
    reviews = [r for r in every if r.status not in ("sent", "closed")] or every
    if reviews:
        review = reviews[-1]
        facts["reference"] = review.ref
        if review.received:
            facts["received"] = review.received.isoformat()
        if review.request_text and review.request_text != f"Internal review of {case.ref}":
            facts["review_request"] = review.request_text
    return facts


def _answered(store: Store, case: Case) -> dict[str, Any]:
    """How the case was answered: its conversation's answers (each exemption's own answers with them), else what
    the register recorded."""
    row = store.conversation(case.conversation_id) if case.conversation_id else None
    answers = dict(((row or {}).get("state") or {}).get("answers") or {})
    out: dict[str, Any] = {k: answers[k] for k in _CARRIED if answers.get(k)}
    parts = [p for p in answers.get("parts") or [] if isinstance(p, dict)] if answers.get("answer_by_part") == "each" \
        else []
    if answers.get("held") and not parts:
        out["original_held"] = answers["held"]
        if answers.get("disclosure"):
            out["original_disclosure"] = answers["disclosure"]
        if answers.get("not_held_detail"):
            out["original_not_held_detail"] = answers["not_held_detail"]
    elif case.outcome in _HELD:
        held, disclosure = _HELD[case.outcome]
        out["original_held"] = held
        if disclosure:
            out["original_disclosure"] = disclosure
    cited = answers.get("exemptions") or [e for p in parts for e in p.get("exemptions") or []] or case.exemptions
    out["original_exemptions"] = list(dict.fromkeys(str(c) for c in cited))
    for key, value in answers.items():  # each exemption's own answers: an upheld one keeps them
        if isinstance(value, dict) and key not in ("extension",):
            out[key] = value
    skipped = ((row or {}).get("state") or {}).get("skipped") or []
    out[SKIPPED] = [str(p) for p in skipped if "." in str(p) and not str(p).startswith("parts.")]
    return out


SKIPPED = "_skipped"
"""The exemptions' questions the response left unanswered (optional ones): an upheld exemption does not ask them
again."""


def review_state(request: str, facts: dict[str, Any]) -> ConversationState:
    """The state a review's conversation starts from: the facts, a finding to make on each exemption or outcome of
    the response, and the requester's message (quoted as their points unless the officer gives others)."""
    parsed = parse_email(request)
    answers = {**facts, "findings": [{"subject": s} for s in subjects(facts)]}
    if parsed.received and not answers.get("received"):
        answers["received"] = parsed.received.isoformat()
    answers.pop("review_request", None)
    skipped = tuple(answers.pop(SKIPPED, None) or ())
    return ConversationState(request=request, body=parsed.body, answers=answers, skipped=skipped,
                             prefilled=tuple(sorted(k for k in answers if k != "findings")))
