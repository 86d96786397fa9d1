"""The follow-up dialogue: a pure state machine over a JSON-serialisable state dict.

It asks only the questions still needed, in the order of ``intents/questions.yaml``, with each
chosen exemption's own questions after the exemptions question. Answers come as free text or as
structured choices. ``back``, ``skip``, ``change <field>`` and ``show draft`` work at any point.
Nothing here knows about Slack, the console or storage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process

from foibot.conversation.answers import get_path, set_path
from foibot.conversation.email_parse import ParsedEmail
from foibot.errors import InputError
from foibot.knowledge.model import Exemption, Knowledge, Option, Question, limb_text
from foibot.suggest.suggestions import Suggestions

_NONE_WORDS = {"none", "no exemptions", "nothing", "n/a", "none of these"}
_ACCEPT_WORDS = {"ok", "okay", "yes", "accept", "agreed", "fine", "use those", "confirm", "y"}


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


def new_state(request_text: str, parsed: ParsedEmail, suggestions: Suggestions) -> dict[str, Any]:
    """The starting state: answers prefilled from the email and from the suggestions."""
    answers: dict[str, Any] = {"regime": suggestions.regime}
    if parsed.name:
        answers["requester_name"] = parsed.name
    if parsed.email:
        answers["requester_email"] = parsed.email
    if parsed.received:
        answers["received"] = parsed.received.isoformat()
    return {
        "request": request_text, "body": parsed.body, "answers": answers, "suggestions": suggestions.to_state(),
        "prefilled": sorted(answers), "history": [], "skipped": [], "asking": None, "drafted": False,
    }


def plan(state: dict[str, Any], kb: Knowledge) -> list[tuple[str, Question, Exemption | None]]:
    """Every question that applies now, in order, as (field, question, exemption)."""
    answers = state["answers"]
    steps: list[tuple[str, Question, Exemption | None]] = []
    for q in kb.flow:
        if not q.applies(lambda key: answers.get(key)):
            continue
        steps.append((q.id, q, None))
        if q.kind != "exemptions":
            continue
        for citation in answers.get("exemptions") or []:
            try:
                exemption, _ = kb.resolve(citation)
            except InputError:
                continue
            own = answers.get(exemption.section) or {}

            def lookup(key: str, e: Exemption = exemption, own: dict[str, Any] = own) -> Any:
                if key in ("type", "basis"):
                    return getattr(e, key)
                return own.get(key, answers.get(key))

            for eq in exemption.questions + tuple(kb.per_exemption):
                if eq.applies(lookup):
                    steps.append((f"{exemption.section}.{eq.id}", eq, exemption))
    return steps


def pending(state: dict[str, Any], kb: Knowledge) -> tuple[str, Question, Exemption | None] | None:
    """The first question that still needs an answer, or None when the draft can be written."""
    for step in plan(state, kb):
        if step[0] in state["skipped"]:
            continue
        if get_path(state["answers"], step[0]) in (None, "", []) and not _answered_empty(state, step[0]):
            return step
    return None


def _answered_empty(state: dict[str, Any], path: str) -> bool:
    """An explicit 'none' answer (an empty list) counts as answered."""
    value = get_path(state["answers"], path)
    return value == [] and path in state["history"]


def ask(state: dict[str, Any], kb: Knowledge, step: tuple[str, Question, Exemption | None] | None = None) -> Event:
    """Put the next question (or a given one); returns an ``ask`` or ``complete`` event."""
    step = step or pending(state, kb)
    if step is None:
        state["asking"] = None
        return Event("complete")
    path, q, exemption = step
    state["asking"] = path
    asked = AskedQuestion(
        field=path, kind=q.kind, prompt=q.prompt, help=q.help, options=options_for(state, kb, q, exemption),
        default=_default(state, q), current=get_path(state["answers"], path),
        exemption=exemption.cite("") if exemption else "", required=q.required,
    )
    return Event("ask", {"field": path}, asked)


def options_for(state: dict[str, Any], kb: Knowledge, q: Question, exemption: Exemption | None) -> list[Option]:
    """The choices a question offers in this conversation."""
    if q.kind == "topic":
        suggested = Suggestions.from_state(state["suggestions"]).topics
        return [Option(s.key, s.label) for s in suggested[:5]] + [Option("none", "None of these")]
    if q.kind == "exemptions":
        regime = state["answers"].get("regime") or "foia"
        ordered = sorted(kb.exemptions.values(), key=lambda e: (e.regime != regime, e.regime, _number_key(e.section)))
        return [Option(e.section, f"{e.cite('') if e.regime == 'foia' else e.cite()}: {e.title}") for e in ordered]
    if q.kind == "list" and exemption is not None:
        bank = {"pit_for": exemption.pit_for, "pit_against": exemption.pit_against}.get(q.id, ())
        return list(bank)
    if q.id == "limb" and exemption is not None and not q.options:
        return list(exemption.limbs)
    return list(q.options)


def _number_key(section: str) -> tuple[int, str]:
    match = re.match(r"[a-z](\d+)(.*)", section)
    return (int(match.group(1)), match.group(2)) if match else (0, section)


def _default(state: dict[str, Any], q: Question) -> Any:
    suggestions = Suggestions.from_state(state["suggestions"])
    if q.kind == "topic" and suggestions.topics:
        return suggestions.topics[0].key
    if q.kind == "exemptions":
        return [s.key for s in suggestions.exemptions if s.score >= 50][:3]
    return None


# --- answering ------------------------------------------------------------------------------------


def handle_text(state: dict[str, Any], kb: Knowledge, text: str, *, today: date) -> list[Event]:
    """Apply a plain reply: a command, or an answer to the question being asked."""
    stripped = " ".join(text.split())
    lowered = stripped.lower()
    if lowered in ("back", "undo"):
        return _back(state, kb)
    if lowered == "skip":
        return _skip(state, kb)
    if lowered in ("show draft", "draft", "show the draft", "preview"):
        return [Event("draft-requested")]
    if lowered in ("help", "?"):
        return [Event("help"), ask(state, kb, step_for(state, kb, state.get("asking")))]
    if lowered in ("status", "summary", "answers"):
        events = [Event("status", {"answers": state["answers"]})]
        return events + ([ask(state, kb, step_for(state, kb, state["asking"]))] if state.get("asking") else [])
    change = re.match(r"^(change|edit|set)\s+(.+)$", stripped, re.I)
    if change:
        return _change(state, kb, change.group(2))
    step = step_for(state, kb, state.get("asking"))
    if step is None:
        return [Event("not-asking")]
    if not stripped and not step[1].required:
        return _skip(state, kb)
    try:
        value = parse_answer(state, kb, step, stripped, today=today)
    except InputError as exc:
        return [Event("invalid", {"message": str(exc)}), ask(state, kb, step)]
    return record(state, kb, step[0], value)


def answer_structured(state: dict[str, Any], kb: Knowledge, path: str, value: Any, *, today: date) -> list[Event]:
    """Apply a structured answer (a button or menu choice) to any field of the plan."""
    step = step_for(state, kb, path)
    if step is None:
        return [Event("invalid", {"message": f"'{path}' is not a question in this conversation any more."})]
    try:
        if isinstance(value, list):
            value = parse_answer(state, kb, step, ", ".join(str(v) for v in value) or "none", today=today)
        else:
            value = parse_answer(state, kb, step, str(value), today=today)
    except InputError as exc:
        return [Event("invalid", {"message": str(exc)}), ask(state, kb, step)]
    return record(state, kb, path, value)


def record(state: dict[str, Any], kb: Knowledge, path: str, value: Any) -> list[Event]:
    """Store an answer, note it in the history, and move on."""
    set_path(state["answers"], path, value)
    if path == "exemptions":
        _sync_exemption_limbs(state, kb)
    if path in state["skipped"]:
        state["skipped"].remove(path)
    if path in state["history"]:
        state["history"].remove(path)
    state["history"].append(path)
    return [Event("noted", {"field": path, "value": value}), ask(state, kb)]


def _sync_exemption_limbs(state: dict[str, Any], kb: Knowledge) -> None:
    for citation in state["answers"].get("exemptions") or []:
        exemption, limb = kb.resolve(citation)
        own = state["answers"].setdefault(exemption.section, {})
        if limb and not own.get("limb"):
            own["limb"] = limb


def step_for(state: dict[str, Any], kb: Knowledge, path: str | None) -> tuple[str, Question, Exemption | None] | None:
    if not path:
        return None
    for step in plan(state, kb):
        if step[0] == path:
            return step
    return None


def _back(state: dict[str, Any], kb: Knowledge) -> list[Event]:
    if not state["history"]:
        return [Event("nothing-to-undo"), ask(state, kb)]
    path = state["history"].pop()
    set_path(state["answers"], path, None)
    step = step_for(state, kb, path)
    return [Event("went-back", {"field": path}), ask(state, kb, step)]


def _skip(state: dict[str, Any], kb: Knowledge) -> list[Event]:
    path = state.get("asking")
    if not path:
        return [Event("not-asking")]
    state["skipped"].append(path)
    return [Event("skipped", {"field": path}), ask(state, kb)]


def _change(state: dict[str, Any], kb: Knowledge, target: str) -> list[Event]:
    steps = plan(state, kb)
    labels = {path: f"{path.replace('.', ' ').replace('_', ' ')} {q.prompt}" for path, q, _ in steps}
    wanted = target.strip().lower().replace(" ", "_")
    path = next((p for p in labels if p.lower() in (wanted, target.strip().lower())), None)
    if path is None:
        hit = process.extractOne(target.lower(), {p: lbl.lower() for p, lbl in labels.items()},
                                 scorer=fuzz.WRatio, score_cutoff=60)
        path = hit[2] if hit else None
    if path is None:
        return [Event("unknown-field", {"target": target, "fields": [p for p, _, _ in steps]})]
    if path in state["skipped"]:
        state["skipped"].remove(path)
    return [ask(state, kb, step_for(state, kb, path))]


def parse_answer(state: dict[str, Any], kb: Knowledge, step: tuple[str, Question, Exemption | None], text: str,
                 *, today: date) -> Any:
    """Turn a reply into the value stored for a question, or raise InputError saying what is wrong."""
    path, q, exemption = step
    text = text.strip()
    options = options_for(state, kb, q, exemption)
    if not text:
        default = _default(state, q)
        if default not in (None, []):
            return default
        raise InputError("Please give an answer, or say 'skip'.")
    if q.kind in ("text", "longtext"):
        return text
    if q.kind == "date":
        from foibot.law.deadlines import parse_date

        day = parse_date(text, today=today)
        if path == "received" and day > today:
            raise InputError(f"{day:%d %B %Y} is in the future; a request cannot be received after today.")
        return day.isoformat()
    if q.kind == "number":
        match = re.search(r"\d+(?:\.\d+)?", text.replace(",", ""))
        if not match:
            raise InputError("Please give a number, for example 30.")
        number = float(match.group(0))
        return int(number) if number.is_integer() else number
    if q.kind == "choice":
        return _pick(options, text)
    if q.kind == "multi":
        return [_pick(options, part) for part in _split(text)]
    if q.kind == "topic":
        if text.lower() in _NONE_WORDS:
            return "none"
        if text.lower() in _ACCEPT_WORDS and _default(state, q):
            return _default(state, q)
        if text in kb.topics:
            return text
        try:
            return _pick(options, text)
        except InputError:
            hit = process.extractOne(text, {t.id: t.title for t in kb.topics.values()}, scorer=fuzz.WRatio,
                                     score_cutoff=75)
            if hit:
                return hit[2]
            raise
    if q.kind == "exemptions":
        if text.lower() in _NONE_WORDS:
            return []
        if text.lower() in _ACCEPT_WORDS:
            return _default(state, q) or []
        return _citations(kb, text)
    if q.kind == "list":
        return _list_items(options, text)
    raise InputError(f"foibot cannot read answers of kind '{q.kind}'.")


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;\n]|\band\b", text) if p.strip()]


_SYNONYMS = {"y": ("yes",), "yeah": ("yes",), "yep": ("yes",), "n": ("no",), "nope": ("no",),
             "some": ("partial", "partly"), "partially": ("partial", "partly"), "part": ("partial", "partly"),
             "all": ("full",), "everything": ("full",), "nothing": ("none",)}


def _pick(options: list[Option], text: str) -> str:
    lowered = text.strip().lower().rstrip(".")
    if lowered.isdigit() and 1 <= int(lowered) <= len(options):
        return options[int(lowered) - 1].value
    for option in options:
        if lowered in (option.value.lower(), option.label.lower()):
            return option.value
    values = {o.value for o in options}
    for candidate in _SYNONYMS.get(lowered, ()):
        if candidate in values:
            return candidate
    by_word = [o.value for o in options if lowered in re.findall(r"[a-z0-9]+", o.label.lower())]
    if len(by_word) == 1 and len(lowered) > 2:
        return by_word[0]
    hit = process.extractOne(lowered, {o.value: o.label.lower() for o in options}, scorer=fuzz.token_sort_ratio,
                             score_cutoff=80)
    if hit:
        return hit[2]
    choices = "; ".join(f"{i}. {o.label}" for i, o in enumerate(options, 1))
    raise InputError(f"'{text[:60]}' is not one of the choices: {choices}")


def _citations(kb: Knowledge, text: str) -> list[str]:
    parts = re.split(r"[,;\n]|\band\b", text)
    out: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        exemption, limb = kb.resolve(part)
        citation = exemption.section + (limb_text(limb) if limb else "")
        if citation not in out:
            out.append(citation)
    return out


def _list_items(options: list[Option], text: str) -> list[str]:
    items: list[str] = []
    for part in re.split(r"\n|;", text):
        part = part.strip(" -•\t")
        if not part:
            continue
        numbers = re.fullmatch(r"\d+(\s*,\s*\d+)*", part)
        if numbers and options:
            for n in part.split(","):
                index = int(n) - 1
                if not 0 <= index < len(options):
                    raise InputError(f"There is no factor {n.strip()}; choose 1 to {len(options)}.")
                items.append(options[index].value)
            continue
        match = next((o.value for o in options if part.lower() in (o.value.lower(), o.label.lower())), None)
        items.append(match or part)
    return items


_PARTS = (("request", "Requester and request", ("requester_name", "received", "request_summary", "topic", "regime")),
          ("outcome", "What we hold and give", ("held", "disclosure", "disclosed", "attachments", "not_held_detail",
                                               "exemptions")))


def parts(state: dict[str, Any], kb: Knowledge) -> list[tuple[str, str, list[tuple[str, Question]]]]:
    """The letter's editable parts: (part id, label, [(field, question)]), one part per exemption."""
    steps = plan(state, kb)
    out: list[tuple[str, str, list[tuple[str, Question]]]] = []
    for part_id, label, fields in _PARTS:
        chosen = [(path, q) for path, q, e in steps if e is None and path in fields]
        if chosen:
            out.append((part_id, label, chosen))
    for citation in state["answers"].get("exemptions") or []:
        exemption, limb = kb.resolve(citation)
        chosen = [(path, q) for path, q, e in steps if e is exemption]
        if chosen:
            out.append((exemption.section, exemption.cite(limb) if exemption.regime == "foia" else exemption.cite(),
                        chosen))
    return out


def as_text(value: Any) -> str:
    """An answer as an officer would type it (lists one per line)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)
