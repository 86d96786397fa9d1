"""Which questions a conversation still needs, and how each is put: the plan, its choices and defaults."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from foibot.conversation.answers import get_path
from foibot.conversation.request_parts import BY_PART, listing, part_of
from foibot.conversation.state import ConversationState
from foibot.errors import InputError
from foibot.knowledge.model import Exemption, Knowledge, Option, Question

# One question of the plan: (answer path, question, the exemption it belongs to or None).
Step = tuple[str, Question, Exemption | None]

NONE_OPTION = Option("none", "None of these")


@dataclass
class AskedQuestion:
    """A question as put to the officer, with its choices resolved for this conversation."""

    field: str
    kind: str
    prompt: str
    help: str = ""
    options: list[Option] = field(default_factory=list)
    default: Any = None
    current: Any = None
    exemption: str = ""
    required: bool = True


@dataclass
class Event:
    """Something to tell the officer. ``key`` names the reply template in ``snippets/replies.yaml``."""

    key: str
    data: dict[str, Any] = field(default_factory=dict)
    question: AskedQuestion | None = None


def regime_of(state: ConversationState) -> str:
    return str(state.answers.get("regime") or "foia")


def plan(state: ConversationState, kb: Knowledge) -> list[Step]:
    """Every question that applies now, in order (including ones changed only on request, such as letter_date).

    Answering part by part, the ``per_part`` questions are asked for each part in turn (``parts.2.held``),
    then each exemption any part cites has its own questions asked once."""
    answers = state.answers
    by_part = answers.get(BY_PART) == "each" and isinstance(answers.get("parts"), list)
    first_per_part = next((q.id for q in kb.flow if q.id in kb.per_part), None)

    def lookup(key: str) -> Any:
        if key == "several_parts":
            return "yes" if len(state.request_parts) > 1 else "no"
        return answers.get(key)

    steps: list[Step] = []
    for q in kb.flow:
        if by_part and q.id in kb.per_part:
            if q.id == first_per_part:
                steps += _part_steps(answers["parts"], kb) + _exemption_steps(state, kb)
            continue
        if not q.applies(lookup):
            continue
        steps.append((q.id, q, None))
        if q.kind == "exemptions":
            steps += _exemption_steps(state, kb)
    return steps


def _part_steps(parts: list[Any], kb: Knowledge) -> list[Step]:
    steps: list[Step] = []
    for number, part in enumerate(parts, 1):
        own = part if isinstance(part, dict) else {}
        steps += [(f"parts.{number}.{q.id}", q, None) for q in kb.flow
                  if q.id in kb.per_part and q.applies(own.get)]
    return steps


def _exemption_steps(state: ConversationState, kb: Knowledge) -> list[Step]:
    answers = state.answers
    steps: list[Step] = []
    for citation in answers.get("exemptions") or []:
        try:
            exemption, _ = kb.resolve(citation, regime_of(state))
        except InputError:
            continue
        own = answers.get(exemption.section) or {}

        def lookup(key: str, e: Exemption = exemption, own: dict[str, Any] = own) -> Any:
            if key in ("type", "basis", "section"):
                return getattr(e, key)
            return own.get(key, answers.get(key))

        for eq in exemption.questions + tuple(kb.per_exemption):
            if eq.applies(lookup):
                steps.append((f"{exemption.section}.{eq.id}", eq, exemption))
    return steps


def step_for(state: ConversationState, kb: Knowledge, path: str | None) -> Step | None:
    """The step of the plan for an answer path, or None when that question does not apply now."""
    if not path:
        return None
    return next((step for step in plan(state, kb) if step[0] == path), None)


def pending(state: ConversationState, kb: Knowledge) -> Step | None:
    """The first question that still needs an answer, or None when the draft can be written."""
    for step in plan(state, kb):
        path, q, _ = step
        if path in state.skipped or not _asked_by_default(q):
            continue
        value = get_path(state.answers, path)
        if value in (None, "", []) and not (value == [] and path in state.history):
            return step
    return None


def _menu_cite(e: Exemption) -> str:
    """An exemption as the exemptions list names it: its section alone when it has several limbs, which are asked
    next ("section 40", not "section 40(2)", which would say someone else's data before the officer chose)."""
    if e.regime == "eir" or len(e.limbs) <= 1:
        return e.cite("") if e.regime == "foia" else e.cite()
    return f"section {e.number}"


def needed_despite_skip(state: ConversationState, kb: Knowledge) -> Step | None:
    """A skipped question the letter cannot do without, once nothing else is left to ask: a required one
    whose answer decides what else is asked (held, disclosure, which exemptions). Drafting without it would
    put a guess in the letter, such as "we hold the information" for a held question never answered."""
    for step in plan(state, kb):
        path, q, exemption = step
        if path not in state.skipped or not q.required or get_path(state.answers, path) not in (None, "", []):
            continue
        if q.kind == "exemptions" or _decides(q, exemption.questions if exemption else kb.flow):
            return step
    return None


def _decides(q: Question, others: tuple[Question, ...]) -> bool:
    """Whether another question is asked or not depending on ``q``'s answer."""
    return any(q.id in alt for other in others for alt in other.when)


def _asked_by_default(q: Question) -> bool:
    return getattr(q, "ask", True)


def options_for(state: ConversationState, kb: Knowledge, q: Question, exemption: Exemption | None) -> list[Option]:
    """The choices a question offers in this conversation."""
    if q.kind == "topic":
        return [Option(s.key, s.label) for s in state.suggested.topics[:5]] + [NONE_OPTION]
    if q.kind == "exemptions":
        regime = regime_of(state)
        # A Scottish authority answers under FOISA alone; a UK one under FOIA or the EIR, never FOISA.
        offered = [e for e in kb.exemptions.values() if (e.regime == "foisa") == (regime == "foisa")]
        ordered = sorted(offered, key=lambda e: (e.regime != regime, e.regime, _number_key(e.section)))
        return [Option(e.section, f"{_menu_cite(e)}: {e.title}") for e in ordered]
    if q.kind == "list" and exemption is not None:
        return list(kb.pit_bank(exemption, q.id)) if q.id in ("pit_for", "pit_against") else []
    if q.id == "regime":  # a Scottish authority answers under FOISA, a UK one under FOIA or the EIR
        return [o for o in q.options if (o.value == "foisa") == (regime_of(state) == "foisa")]
    if q.id == "limb" and exemption is not None and not q.options:
        return list(exemption.limbs)
    return list(q.options)


def _number_key(section: str) -> tuple[int, str]:
    match = re.match(r"[a-z](\d+)(.*)", section)
    return (int(match.group(1)), match.group(2)) if match else (0, section)


def default_for(state: ConversationState, q: Question) -> Any:
    """What Enter gives: the top suggested topic, or the well-scored suggested exemptions."""
    suggestions = state.suggested
    if q.kind == "topic" and suggestions.topics:
        return suggestions.topics[0].key
    if q.kind == "exemptions":
        return [s.key for s in suggestions.exemptions if s.score >= 50][:3]
    return None


def asked(state: ConversationState, kb: Knowledge, step: Step) -> AskedQuestion:
    """A step of the plan as the officer sees it (a part's question names the part and quotes it)."""
    path, q, exemption = step
    current = get_path(state.answers, path)
    default = default_for(state, q)
    if state.changing == path and current not in (None, "", []):
        default = current
    prompt = q.prompt
    if q.id == BY_PART:
        prompt = f"{q.prompt}\n{listing(state.request_parts)}"
    where = part_of(path)
    if where:
        number, _ = where
        text = str(get_path(state.answers, f"parts.{number}.text") or "")
        quoted = text if len(text) <= 90 else text[:87].rstrip() + "..."
        prompt = f"Part {number} of {len(state.answers.get('parts') or [])} (\"{quoted}\"): {q.prompt}"
    return AskedQuestion(field=path, kind=q.kind, prompt=prompt, help=q.help_for(regime_of(state)),
                         options=options_for(state, kb, q, exemption), default=default, current=current,
                         exemption=exemption.cite("") if exemption else "", required=q.required)
