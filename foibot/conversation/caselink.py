"""Keeps the case register in step with conversations: a case per conversation, its fields from the answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from foibot.conversation.answers import normalise
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge
from foibot.law.dates import format_day
from foibot.register.cases import Register
from foibot.register.review_requests import open_review, review_request

OUTCOME = {("no", None): "not_held", ("ncnd", None): "ncnd", ("yes", "full"): "granted",
           ("partly", "full"): "partially_granted", ("yes", "partial"): "partially_granted",
           ("partly", "partial"): "partially_granted", ("yes", "none"): "refused", ("partly", "none"): "refused"}


class CaseLink:
    """The engine's view of the register: open a case per conversation and copy answers into it."""

    def __init__(self, register: Register, kb: Knowledge, review_cues: tuple[str, ...] = ()):
        self.register, self.kb = register, kb
        self.review_cues = review_cues  # intents/review-requests.yaml: words that ask for a review

    def review(self, text: str, email: str, *, who: str | None, received: date | None = None) -> dict[str, Any] | None:
        """When ``text`` asks for a review of a response rather than making a new request: open the review
        (``register.review_requests``) and return what the reply says of it; None for a new request."""
        request = review_request(text, email=email, register=self.register, cues=self.review_cues)
        if request is None:
            return None
        opened = open_review(self.register, request, text, who=who or "foibot", received=received)
        case = opened.original if opened else None
        review = opened.review if opened else None
        return {"cue": request.cue, "ref": case.ref if case else "", "opened": bool(opened and opened.opened),
                "refused": opened.refused if opened else "", "regime": (case.regime if case else "") or
                self.register.regime, "review_ref": review.ref if review else "",
                "received": format_day(review.received) if review and review.received else "",
                "due": format_day(review.due) if review and review.due else "",
                "warning": opened.warning if opened else "",
                "concluded": format_day(review.sent_on) if review and review.sent_on else "",
                "outcome": (review.outcome or "").replace("_", " ") if review else ""}

    def open(self, conversation_id: str, request_text: str, answers: dict[str, Any], *, who: str | None) -> str:
        """A new case for a new conversation; returns its reference."""
        return self.register.open_for_conversation(conversation_id=conversation_id, request_text=request_text,
                                                   answers=answers, who=who)

    def sync(self, ref: str, answers: dict[str, Any], *, who: str | None, conversation_id: str,
             drafts: list[int] = (), answered: list[str] = ()) -> None:
        """Copy the answers the register holds (requester, received, regime, outcome, exemptions, topic), and
        note in the case history which answers changed (their names, not their possibly personal values)."""
        case = self.register.get_case(ref)
        if case is None:
            return
        if answered:
            self.register.note(ref, who or "foibot", "answered", {"fields": list(answered)})
        try:
            answers = normalise(answers, self.kb)
        except InputError:
            return
        who = who or "foibot"
        topics = [answers["topic"]] if answers.get("topic") and answers["topic"] != "none" else case.topics
        changes: dict[str, Any] = {"requester_name": answers.get("requester_name") or case.requester_name,
                                   "requester_email": answers.get("requester_email") or case.requester_email,
                                   "regime": answers.get("regime") or case.regime, "topics": topics}
        address = answers.get("requester_address")
        if address:
            changes["requester_address"] = "\n".join(map(str, address)) if isinstance(address, list) else str(address)
        if answers.get("received"):
            changes["received"] = date.fromisoformat(answers["received"])
        self.register.update(ref, who, **changes)
        outcome = overall_outcome(answers)
        exemptions = list(answers.get("exemptions") or [])
        if outcome and (outcome, exemptions) != (case.outcome, case.exemptions):
            self.register.record_outcome(ref, outcome, exemptions, topics, who=who)
        for version in drafts:
            self.register.link_draft(ref, conversation_id, version, who=who)


def _outcome_of(answers: dict[str, Any]) -> str | None:
    held = answers.get("held")
    return OUTCOME.get((held, answers.get("disclosure") if held in ("yes", "partly") else None))


def overall_outcome(answers: dict[str, Any]) -> str | None:
    """The register's outcome for a whole request. Answered part by part, it follows the parts: all
    granted is granted, all refused is refused, all not held is not held, anything mixed is partly granted
    (so are NCND parts beside disclosed ones); None while any part is unanswered."""
    parts = answers.get("parts") or []
    if not parts or answers.get("held"):
        return _outcome_of(answers)
    outcomes = [_outcome_of({**answers, **part}) for part in parts]
    if None in outcomes:
        return None
    distinct = set(outcomes)
    if len(distinct) == 1:
        return outcomes[0]
    if distinct <= {"refused", "not_held", "ncnd"}:
        return "refused" if "refused" in distinct else "ncnd" if "ncnd" in distinct else "not_held"
    return "partially_granted"
