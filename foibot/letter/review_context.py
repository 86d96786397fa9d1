"""An internal review's outcome resolved for its letter: the original response, each finding on it, the position
after the review, and the overall outcome (derived from the findings where they decide it).

Under FOIA the review is good practice (the section 45 Code); under the EIR it is the reconsideration regulation 11
requires; under FOISA the review section 21 requires. The answers are a first response's (requester, regime, each
exemption's own answers under its section) plus the review's keys (``REVIEW_KEYS``). What is still withheld after
the review is drafted as a first response's exemptions are (``build_context``), so the letter gives everything s17,
reg 14 or FOISA s16 needs for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from foibot.errors import FoibotError, InputError
from foibot.knowledge.authority import Authority
from foibot.knowledge.model import Knowledge
from foibot.letter.drafting import ExemptionUse, build_context
from foibot.letter.templates import Gap, as_date, join_and

DECISIONS = ("upheld", "not_upheld", "substituted")
"""A finding on one exemption or outcome of the original response."""
OUTCOMES = ("upheld", "partly_upheld", "not_upheld")
"""The review's outcome for the original decision, as the register and the statistics count it."""
NOT_HELD = "not_held"
"""The subject of a finding on the original response saying information was not held (a "more is held" complaint)."""
REVIEW_KEYS = ("review_of", "original_request", "original_received", "original_due", "responded", "review_request",
               "points", "reviewer_name", "reviewer_role", "reviewer_involved", "original_held",
               "original_disclosure", "original_exemptions", "original_not_held_detail", "findings", "searches",
               "outcome")
FINDING_KEYS = ("subject", "decision", "disclosed", "attachments", "exemptions")


def is_review(answers: dict[str, Any]) -> bool:
    """Whether answers are for an internal review's outcome (they name the case reviewed)."""
    return bool(str(answers.get("review_of") or "").strip())


def review_reference(answers: dict[str, Any]) -> str:
    """The review's own reference: the answers' ``reference``, else the register's form ``REF/IR``."""
    return str(answers.get("reference") or f"{str(answers.get('review_of')).strip()}/IR")


def subjects(original: dict[str, Any]) -> list[str]:
    """What a review finds on, from the original response: each exemption it cited, and its not-held answer."""
    out = [str(c) for c in original.get("original_exemptions") or []]
    if str(original.get("original_held") or "") in ("no", "partly"):
        out.append(NOT_HELD)
    return out


def derived_outcome(answers: dict[str, Any]) -> str | None:
    """The outcome the findings decide: every one upheld, upheld; none, not upheld; anything between (a different
    exemption substituted counts as between: the information stays withheld, but not for the reason given), partly
    upheld. None while a finding is unanswered, or when there is none to decide it (a response that withheld
    nothing and said nothing was missing: the outcome is then asked)."""
    decisions = [str(f.get("decision") or "") for f in answers.get("findings") or [] if isinstance(f, dict)]
    if not decisions or "" in decisions:
        return None
    if set(decisions) == {"upheld"}:
        return "upheld"
    if set(decisions) == {"not_upheld"}:
        return "not_upheld"
    return "partly_upheld"


def outcome_of(answers: dict[str, Any]) -> str | None:
    """The review's outcome: derived from the findings where they decide it, else the officer's answer."""
    return derived_outcome(answers) or (str(answers["outcome"]) if answers.get("outcome") in OUTCOMES else None)


@dataclass
class ReviewFinding:
    """One finding: what the original response did (``was``: the provision cited, or the not-held answer), the
    decision on it, and what follows (what is now given, or the exemptions now relied on in its place)."""

    number: int
    subject: str
    decision: str
    was: str
    disclosed: Any = ""
    attachments: list[str] = field(default_factory=list)
    uses: list[ExemptionUse] = field(default_factory=list)
    """Upheld: the exemption as still applied; substituted: the exemptions now relied on instead."""
    ncnd: bool = False
    procedural: bool = False


def _findings(answers: dict[str, Any]) -> list[dict[str, Any]]:
    raw = answers.get("findings")
    if raw in (None, ""):
        return [{"subject": s} for s in subjects(answers)]
    if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
        raise InputError("'findings' must be a list such as [{\"subject\": \"s31(1)(a)\", \"decision\": \"upheld\"}]")
    for n, finding in enumerate(raw, 1):
        decision = str(finding.get("decision") or "")
        if decision and decision not in DECISIONS:
            raise InputError(f"'findings[{n}].decision' must be one of {', '.join(DECISIONS)} (got '{decision[:30]}')")
        if finding.get("subject") == NOT_HELD and decision == "substituted":
            raise InputError(f"'findings[{n}]': a finding on information not held is upheld (still not held) or "
                             "not_upheld (more was found), never substituted")
        if decision == "substituted" and not finding.get("exemptions"):
            raise InputError(f"'findings[{n}]': 'substituted' needs the exemptions now relied on, e.g. "
                             "\"exemptions\": [\"s38(1)(a)\"]")
    return raw


def position_after(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers of the response as it stands after the review, as a first response's are: what is still held,
    given and withheld, and under which exemptions (upheld ones and those substituted)."""
    findings = _findings(answers)
    still: list[str] = []
    found_more = False
    for f in findings:
        decision = str(f.get("decision") or "")
        if f.get("subject") == NOT_HELD:
            found_more = found_more or decision == "not_upheld"
        elif decision in ("upheld", ""):
            still.append(str(f.get("subject")))
        elif decision == "substituted":
            still += [str(c) for c in f.get("exemptions") or []]
    held = str(answers.get("original_held") or "yes")
    disclosure = str(answers.get("original_disclosure") or "")
    if held == "ncnd":
        held = "ncnd" if still else "yes"
    elif held == "no":
        held = "yes" if found_more else "no"
    elif held == "partly" and found_more:
        held = "yes"
    released = any(str(f.get("decision") or "") == "not_upheld" for f in findings)
    # an exemption no longer relied on keeps no answers in the letter's position: its own are the original's
    now = {k: v for k, v in answers.items() if k not in REVIEW_KEYS and not (
        isinstance(v, dict) and _cited_block(k) and not any(c == k or c.startswith(k + "(") for c in still))}
    now.update(held=held, exemptions=list(dict.fromkeys(still)))
    now.pop("parts", None)
    if held in ("yes", "partly"):
        now["disclosure"] = ("partial" if released or disclosure != "none" else "none") if still else "full"
        now["disclosed"] = "the information set out in this letter"
    else:
        now.pop("disclosure", None)
    now["received"] = answers.get("received")
    return now


def _cited_block(key: str) -> bool:
    """Whether an answers key is an exemption's block (``s31``, ``foisa-s35``, ``r12(5)(e)``)."""
    import re

    return bool(re.fullmatch(r"(foisa-)?s\d+[A-Z]?|r\d+(\([0-9a-z]+\))*", key))


def review_context(answers: dict[str, Any], kb: Knowledge, authority: Authority, *, review_request: str,
                   reference: str, letter_date: date) -> dict[str, Any]:
    """Everything a review's outcome letter is built from: the position after the review resolved as a first
    response's (``build_context``: the exemptions still relied on, Annex A), plus the review's own values
    (``snippets/README.md``). Raises InputError for answers that cannot make the letter."""
    for key in ("original_request",):
        if not str(answers.get(key) or "").strip():
            raise InputError(f"a review's outcome quotes the original request: give '{key}'")
    now = position_after(answers)
    context = build_context(now, kb, authority, request_text=str(answers["original_request"]), reference=reference,
                            letter_date=letter_date)
    original = {k: answers.get(f"original_{k}") for k in ("held", "disclosure", "exemptions")}
    original = {**{k: v for k, v in now.items() if k not in ("held", "disclosure", "exemptions", "disclosed")},
                **{k: v for k, v in original.items() if v not in (None, "", [])}}
    was = _cites_before(original, kb, authority, reference, letter_date, context["request_text"])
    uses = context["exemptions"]
    findings: list[ReviewFinding] = []
    for n, raw in enumerate(_findings(answers), 1):
        subject, decision = str(raw.get("subject") or ""), str(raw.get("decision") or "")
        finding = ReviewFinding(n, subject, decision, was.get(subject, subject))
        if subject != NOT_HELD:
            mine = _uses_for(kb, [subject] if decision == "upheld" else [str(c) for c in raw.get("exemptions") or []]
                             if decision == "substituted" else [], uses, str(now.get("regime") or "foia"))
            finding.uses = mine
            finding.ncnd = str(answers.get("original_held")) == "ncnd"
            finding.procedural = any(u.procedural for u in mine)
        if decision == "not_upheld":
            finding.disclosed = raw.get("disclosed") or Gap(name=f"findings.{n}.disclosed")
            finding.attachments = [str(a) for a in (raw.get("attachments") or [])
                                   if str(a).strip()] if isinstance(raw.get("attachments"), list) else (
                [str(raw["attachments"])] if raw.get("attachments") else [])
        findings.append(finding)
    context.update(_review_values(answers, review_request, findings, now))
    if str(answers.get("reviewer_involved") or "") == "yes":
        context["notes"].append("The reviewer took part in the original decision. The section 45 Code (and the ICO) "
                                "expect a review by someone who was not involved, preferably more senior: ask "
                                "another officer to review it if you can; the letter does not say the reviewer "
                                "took no part.")
    return context


def _review_values(answers: dict[str, Any], review_request: str, findings: list[ReviewFinding],
                   now: dict[str, Any]) -> dict[str, Any]:
    points = answers.get("points")
    if isinstance(points, list):
        points = [str(p).strip() for p in points if str(p).strip()]
    points = points or str(answers.get("points") or "").strip() or review_request.strip()
    original_due = as_date(answers.get("original_due"))
    if original_due is None and answers.get("original_received"):
        from foibot.law.deadlines import case_due

        try:
            due, _ = case_due(answers.get("original_received"), str(now.get("regime") or "foia"))
        except FoibotError:
            due = None
        original_due = due.due if due else None
    responded = as_date(answers.get("responded"))
    return {
        "review": {"of": str(answers.get("review_of") or ""),
                   "received": as_date(answers.get("received")) or Gap(name="received"),
                   "responded": responded or Gap(name="responded"),
                   "original_received": as_date(answers.get("original_received")),
                   "original_due": original_due,
                   "late": bool(responded and original_due and responded > original_due),
                   "points": points, "reviewer": str(answers.get("reviewer_name") or "").strip()
                   or Gap(name="reviewer_name"), "role": str(answers.get("reviewer_role") or "").strip(),
                   "involved": str(answers.get("reviewer_involved") or "") == "yes",
                   "searches": str(answers.get("searches") or "").strip(),
                   "findings": findings, "outcome": outcome_of(answers) or Gap(name="outcome"),
                   "withholding": bool(now.get("exemptions")) and now.get("held") != "no"},
    }


def _cites_before(original: dict[str, Any], kb: Knowledge, authority: Authority, reference: str, letter_date: date,
                  request_text: str) -> dict[str, str]:
    """Each exemption of the original response as that response cited it (``section 31(1)(a)``, ``section 40(5B)``),
    by the citation the answers give it; the not-held answer as ``not_held``."""
    out: dict[str, str] = {NOT_HELD: NOT_HELD}
    try:
        context = build_context(original, kb, authority, request_text=request_text, reference=reference,
                                letter_date=letter_date, unfinished=True)
    except FoibotError:
        return out
    regime = str(original.get("regime") or "foia")
    for citation in original.get("exemptions") or []:
        found = _uses_for(kb, [str(citation)], context["exemptions"], regime)
        if found:
            out[str(citation)] = join_and([u.cite for u in found])
    return out


def _uses_for(kb: Knowledge, citations: list[str], uses: list[ExemptionUse], regime: str) -> list[ExemptionUse]:
    """The uses in ``uses`` of the exemptions ``citations`` name (by section)."""
    from foibot.knowledge.model import resolve_ncnd

    sections = []
    for citation in citations:
        try:
            sections.append((resolve_ncnd(kb, citation, regime) or kb.resolve(citation, regime))[0].section)
        except InputError:
            continue
    return [u for u in uses if u.section in sections]
