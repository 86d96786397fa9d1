"""The questions an internal review's outcome needs (``intents/review-questions.yaml``), as a plan of steps the
dialogue asks, reads and changes as it does a first response's: who reviewed it, the points raised, further
searches, a finding on each exemption or outcome of the original response, the questions of each exemption now
relied on that has no answers yet (one substituted), and the outcome where the findings do not decide it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from foibot.conversation.asking import Step, _exemption_steps
from foibot.conversation.state import ConversationState
from foibot.knowledge.loading import load_question_lists
from foibot.knowledge.model import Knowledge, Option, Question
from foibot.knowledge.profile_files import data_file, display_name
from foibot.letter.review_context import NOT_HELD, derived_outcome, position_after

FILE = "intents/review-questions.yaml"
_FINDING = re.compile(r"^findings\.(\d+)\.")


@dataclass(frozen=True)
class ReviewQuestions:
    """The review's questions: asked first, for each finding, and last."""

    flow: tuple[Question, ...]
    per_finding: tuple[Question, ...]
    closing: tuple[Question, ...]


@lru_cache(maxsize=8)
def _load(path: Path, rel: str, stamp: float) -> ReviewQuestions:
    lists = load_question_lists(path, rel, ("flow", "per_finding", "closing"))
    return ReviewQuestions(tuple(lists["flow"]), tuple(lists["per_finding"]), tuple(lists["closing"]))


def review_questions(kb: Knowledge) -> ReviewQuestions:
    """The profile's review questions (else foibot's own), read once while the file is unchanged; DataError names a
    bad line."""
    path = data_file(kb.root, FILE)
    return _load(path, display_name(kb.root, path), path.stat().st_mtime)


def review_steps(state: ConversationState, kb: Knowledge) -> list[Step]:
    """Every review question that applies now, in order."""
    answers = state.answers
    questions = review_questions(kb)

    def lookup(key: str) -> object:
        if key == "outcome_derived":
            return "yes" if derived_outcome(answers) else "no"
        return answers.get(key)

    steps: list[Step] = [(q.id, q, None) for q in questions.flow if q.applies(lookup)]
    findings = [f for f in answers.get("findings") or [] if isinstance(f, dict)]
    for n, finding in enumerate(findings, 1):
        steps += [(f"findings.{n}.{q.id}", q, None) for q in questions.per_finding if q.applies(finding.get)]
    if all(map(_decided, findings)):  # what is still withheld is known: its exemptions' questions
        now = position_after(answers)
        view = replace(state, answers={**answers, "exemptions": now["exemptions"], "held": now["held"]})
        steps += _exemption_steps(view, kb)
    steps += [(q.id, q, None) for q in questions.closing if q.applies(lookup)]
    return steps


def _decided(finding: dict[str, object]) -> bool:
    """A finding whose decision is made, and, for a different exemption, that exemption named (until then what is
    still withheld is not known)."""
    decision = finding.get("decision")
    return bool(decision) and (decision != "substituted" or bool(finding.get("exemptions")))


def finding_prompt(state: ConversationState, path: str, prompt: str) -> str:
    """A finding's question as asked: which finding, of how many, and what the response did ("Finding 1 of 2
    (section 31(1)(a) relied on): Do we uphold it?"); any other question's prompt as it is."""
    match = _FINDING.match(path)
    if not match:
        return prompt
    findings = state.answers.get("findings") or []
    number = int(match.group(1))
    subject = str((findings[number - 1] or {}).get("subject") or "") if number <= len(findings) else ""
    what = "information said not to be held" if subject == NOT_HELD else (
        f"{subject.removeprefix('foisa-')}, neither confirming nor denying" if state.answers.get("original_held")
        == "ncnd" else f"{subject.removeprefix('foisa-')} relied on")
    return f"Finding {number} of {len(findings)} ({what}): {prompt}"


def finding_options(state: ConversationState, path: str, options: list[Option]) -> list[Option]:
    """A finding on information not held is upheld or not: no exemption is substituted for it."""
    match = _FINDING.match(path)
    if not match or not path.endswith(".decision"):
        return options
    findings = state.answers.get("findings") or []
    number = int(match.group(1))
    subject = (findings[number - 1] or {}).get("subject") if number <= len(findings) else None
    return [o for o in options if o.value != "substituted"] if subject == NOT_HELD else options
