"""A review's answers brought to canonical form and checked, as ``answers.normalise`` and ``answers.validate`` do
a first response's: dates as ISO days, citations as the register stores them (each exemption's own answers under
its section, with the limb cited), the original response's answers and each finding's."""

from __future__ import annotations

from typing import Any

from foibot.conversation.answers import HELD, _iso, _unknown, normalise
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge
from foibot.letter.review_context import DECISIONS, FINDING_KEYS, NOT_HELD, OUTCOMES, REVIEW_KEYS

_DATES = ("responded", "original_received", "original_due")


def normalise_review(raw: dict[str, Any], kb: Knowledge) -> dict[str, Any]:
    """A review's answers in canonical form (InputError names a bad key)."""
    plain = {k: v for k, v in raw.items() if k not in ("findings", "original_exemptions", "original_held",
                                                       "original_disclosure", "held", "disclosure", "exemptions")}
    answers = normalise(plain, kb)
    for key in _DATES:
        if answers.get(key) not in (None, ""):
            answers[key] = _iso(answers[key], key)
    held = str(raw.get("original_held") or "").lower() or None
    if held is not None and held not in HELD:
        raise InputError(f"'original_held' must be one of {', '.join(HELD)} (got '{raw['original_held']}')")
    if held:
        answers["original_held"] = held
    if raw.get("original_disclosure"):
        answers["original_disclosure"] = str(raw["original_disclosure"]).lower()
    answers["original_exemptions"] = _canonical(raw.get("original_exemptions"), answers, kb)
    outcome = answers.get("outcome")
    if outcome not in (None, "") and str(outcome) not in OUTCOMES:
        raise InputError(f"'outcome' must be one of {', '.join(OUTCOMES)} (got '{str(outcome)[:30]}')")
    findings = raw.get("findings")
    if findings not in (None, ""):
        if not isinstance(findings, list) or not all(isinstance(f, dict) for f in findings):
            raise InputError("'findings' must be a list such as [{\"subject\": \"s31(1)(a)\", \"decision\": "
                             "\"upheld\"}]")
        out = []
        for finding in findings:
            finding = dict(finding)
            subject = str(finding.get("subject") or "")
            if subject and subject != NOT_HELD:
                finding["subject"] = (_canonical([subject], answers, kb) or [subject])[0]
            if finding.get("exemptions"):
                finding["exemptions"] = _canonical(finding["exemptions"], answers, kb)
            if isinstance(finding.get("attachments"), str):
                finding["attachments"] = [finding["attachments"]]
            out.append(finding)
        answers["findings"] = out
    return answers


def _canonical(citations: Any, answers: dict[str, Any], kb: Knowledge) -> list[str]:
    """Citations as stored (``s31(1)(a)``, ``s40(5B)``), each exemption's block given the limb cited."""
    if citations in (None, "", []):
        return []
    blocks = {k: v for k, v in answers.items() if k in kb.exemptions}
    done = normalise({"regime": answers.get("regime"), "exemptions": citations, **blocks}, kb)
    for key, value in done.items():
        if key in kb.exemptions:
            answers[key] = value
    return list(done["exemptions"])


def review_warnings(raw: dict[str, Any]) -> list[str]:
    """An answers file's keys a review does not know, with the nearest known one; bad decisions are errors."""
    warnings: list[str] = []
    errors: list[str] = []
    for n, finding in enumerate(raw.get("findings") or [], 1):
        if not isinstance(finding, dict):
            continue
        if finding.get("decision") not in (None, "", *DECISIONS):
            errors.append(f"'findings[{n}].decision' must be one of {', '.join(DECISIONS)}")
        for key in finding:
            if key not in FINDING_KEYS:
                warnings.append(_unknown(f"findings[{n}].{key}", key, FINDING_KEYS))
    if errors:
        raise InputError("the answers have problems:\n" + "\n".join(f"- {e}" for e in errors))
    return warnings


KNOWN = REVIEW_KEYS
"""The top-level keys a review adds to a first response's (``answers.validate`` knows them when ``review_of`` is
given)."""
