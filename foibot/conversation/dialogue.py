"""The follow-up dialogue: a pure state machine over :class:`ConversationState`.

It asks only the questions still needed, in the order of ``intents/questions.yaml``, with each chosen
exemption's own questions after the exemptions question. Every operation takes a state and returns a
new one with the events to show; nothing is changed in place. Nothing here knows about Slack, the
console or storage.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from foibot.conversation import echo
from foibot.conversation.answers import get_path, set_path
from foibot.conversation.asking import (
    AskedQuestion,
    Event,
    Step,
    asked,
    needed_despite_skip,
    options_for,
    pending,
    plan,
    regime_of,
    resolved,
    step_for,
)
from foibot.conversation.clipping import clip
from foibot.conversation.commands import (
    change_to,
    command_of,
    dated_letter,
    find_field,
    find_fields,
    swapped_exemptions,
)
from foibot.conversation.corrections import corrected_pick, corrected_value, opening_correction, several_corrections
from foibot.conversation.reading import NO_ANSWER, courtesy_only, read_answer
from foibot.conversation.reading_citations import read_applied_with, without_foisa_ncnd
from foibot.conversation.reading_keep import kept_or_dropped
from foibot.conversation.reading_phrases import NeedsConfirm, found_phrase, simplify
from foibot.conversation.reading_reliance import at_choice, cautions
from foibot.conversation.regime_change import eir_dropped, without_eir_exceptions
from foibot.conversation.request_parts import (
    BY_PART,
    listing,
    merge,
    part_command,
    part_of,
    split,
    union,
    with_parts,
    without_parts,
)
from foibot.conversation.self_correction import just_answered
from foibot.conversation.state import ConversationState, Pending, new_state
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge, Option, Question
from foibot.knowledge.vocabulary import Vocabulary

__all__ = ["AskedQuestion", "ConversationState", "Event", "answer_structured", "as_text", "ask", "handle_text",
           "new_state", "options_for", "parse_answer", "parts", "pending", "plan", "record", "step_for"]

Result = tuple[ConversationState, list[Event]]
_YES_NO = [Option("yes", "Yes"), Option("no", "No")]


def ask(state: ConversationState, kb: Knowledge, step: Step | None = None) -> tuple[ConversationState, Event]:
    """Put the next question (or a given one); returns the new state and an ``ask`` or ``complete`` event."""
    if state.confirm is not None:
        question = AskedQuestion(field=state.confirm.field, kind="choice", prompt=state.confirm.prompt,
                                 options=list(_YES_NO))
        return state, Event("ask", {"field": state.confirm.field}, question)
    step = step or pending(state, kb)
    if step is None and state.then_change:  # "change the public interest factors": those against come next
        state, step = _next_to_change(state, kb)
    needed = {}
    if step is None and (step := needed_despite_skip(state, kb)) is not None:
        needed = {"needed": True}  # skipped, but the letter depends on it: asked again, saying why
    if step is None:
        return replace(state, asking=None, changing=None), Event("complete")
    question = asked(state, kb, step)
    if question.current not in (None, "", []):
        question.current_words = echo.answer_words(kb, state, step[0], question.current) or ""
    if question.default not in (None, "", []):
        question.default_words = echo.answer_words(kb, state, step[0], question.default) or ""
    return replace(state, asking=step[0]), Event("ask", {"field": step[0], **needed}, question)


def _next_to_change(state: ConversationState, kb: Knowledge) -> tuple[ConversationState, Step | None]:
    """The next question a "change" named that still applies, put as being changed (Enter keeps its answer)."""
    waiting = list(state.then_change)
    while waiting:
        step = step_for(state, kb, waiting.pop(0))
        if step is not None:
            return replace(state, then_change=tuple(waiting), changing=step[0]), step
    return replace(state, then_change=()), None


def _then_ask(state: ConversationState, kb: Knowledge, events: list[Event], step: Step | None = None) -> Result:
    state, event = ask(state, kb, step)
    return state, [*events, event]


def parse_answer(state: ConversationState, kb: Knowledge, step: Step, text: str, *, today: date) -> Any:
    """The value to store for a reply (None for "no answer"); raises InputError when it cannot be read,
    including a guess that would need confirming (forms have no room for a follow-up question)."""
    try:
        value = read_answer(state, kb, step, text, today=today)
    except NeedsConfirm as exc:
        raise InputError(f"'{clip(text, 60)}' is not certain: {exc.pending.prompt.split('?')[0]}?") from exc
    return None if value is NO_ANSWER else value


def handle_text(state: ConversationState, kb: Knowledge, text: str, *, today: date) -> Result:
    """Apply a plain reply: a confirmation, a command, or an answer to the question being asked."""
    if state.confirm is not None:
        return _confirmation(state, kb, text, today=today)
    command = command_of(text)
    if command is None and dated_letter(text):  # "date the letter the 1st of next month": "change …" in other words
        command = ("change", "letter date")
    if command is not None and not _words_not_a_command(state, kb, command):
        inline = change_to(state, kb, text) if command[0] == "change" else None
        if inline is not None:  # "change the letter date to 1 Dec": changed at once
            step, value = inline
            return _answer(replace(state, changing=step[0], skipped=tuple(p for p in state.skipped if p != step[0])),
                           kb, step, value, today=today)
        return _command(state, kb, *command)
    on_parts = part_command(simplify(text))
    if on_parts is not None:
        return _on_parts(state, kb, *on_parts)
    swapped = swapped_exemptions(state, kb, text)
    if swapped is not None:
        return _swap(state, kb, swapped)
    pick = corrected_pick(state, kb, text, lambda p: step_for(state, kb, p), today=today)
    if pick is not None:  # "no wait, the 2nd" at the balance question: the factors just picked, corrected
        return record(state, kb, *pick)
    earlier = _corrects_earlier(state, kb, text, today=today)
    if earlier is not None:  # "actually not held" typed at the disclosure question
        return record(state, kb, *earlier)
    several = several_corrections(state, kb, text, _correctable(state), lambda p: step_for(state, kb, p), today=today)
    if several is not None:  # "sorry, two things: it came in on the 10th, and the estimate is 32 hours not 30"
        return _record_all(state, kb, several)
    both = _answer_and_correction(state, kb, text, today=today)
    if both is not None:  # "we hold most of it, and btw it actually came in on the 10th"
        return both
    just = just_answered(state, kb, text, lambda p: step_for(state, kb, p), today=today)
    if just is not None:  # "no wait, the 10th" once the question moved on, or after a change redrafted
        return record(state, kb, *just)
    step = step_for(state, kb, state.asking)
    if step is None:  # "thanks!" after the draft is answered in kind
        said = simplify(text)
        return state, [Event("not-asking", {"courtesy": courtesy_only(said, kb.vocabulary), "said": text.strip(),
                                            "drafted": state.drafted})]
    return _answer(state, kb, step, text, today=today)


def _record_all(state: ConversationState, kb: Knowledge, answers: list[tuple[str, Any]]) -> Result:
    """Store several corrected answers, then ask (or draft) once."""
    noted: list[Event] = []
    for path, value in answers:
        state, events = record(state, kb, path, value)
        noted += [e for e in events if e.key == "noted"]
    return state, [*noted, *(e for e in events if e.key != "noted")]


def _corrects_earlier(state: ConversationState, kb: Knowledge, text: str, *, today: date) -> tuple[str, Any] | None:
    """A reply correcting an earlier answer while another question is asked: it opens with a correction word
    ("actually", "sorry"), names the earlier question in words (``corrects``: "held", "came in") and reads as a
    different answer to it ("actually not held", "sorry - it came in on the 16th, not the 23rd"); else None."""
    words = kb.vocabulary
    said = simplify(text)
    opens = opening_correction(said, words.corrections)
    if opens is None or len(said.split()) > 20:
        return None
    for path in _correctable(state):
        step = step_for(state, kb, path)
        if step is None or not found_phrase(words.corrects.get(step[1].id, ()), said):
            continue
        value = corrected_value(state, kb, step, text.strip()[opens.end():].strip(" ,;:-–—"), today=today)
        return None if value is None else (path, value)  # "the 16th, not the 23rd"
    return None


_THEN = re.compile(r"[\s,;.:!\-–—]*(?:\b(?:and|oh and|also|plus)\s+)?(?:\b(?:btw|by the way|fyi)\b)?[\s,;.:!\-–—]*$",
                   re.I)


def _answer_and_correction(state: ConversationState, kb: Knowledge, text: str, *, today: date) -> Result | None:
    """A reply that answers the question asked, then corrects an earlier answer from a correction word on
    ("partly. actually the received date was the 10th"): the correction is applied, then the answer before it
    (asked again if it cannot be read); else None."""
    words = kb.vocabulary.corrections
    step = step_for(state, kb, state.asking)
    if not words or step is None:
        return None
    for found in re.finditer(rf"(?<![\w'])(?:{'|'.join(map(re.escape, words))})(?![\w'])", text, re.I):
        head = _THEN.sub("", _before_clause(text[:found.start()])).strip()
        earlier = _corrects_earlier(state, kb, text[found.start():], today=today) if head else None
        if earlier is None:
            continue
        corrected, events = record(state, kb, *earlier)
        events = [e for e in events if e.key != "ask"]
        step = step_for(corrected, kb, state.asking)
        if step is None:
            return _then_ask(corrected, kb, events)
        answered, more = _answer(replace(corrected, asking=step[0]), kb, step, head, today=today)
        return answered, [*events, *more]
    return None


def _before_clause(text: str) -> str:
    """The text before the clause it ends with, when that clause is a few words ("…, and btw it" gives "…")."""
    cuts = [m.start() for m in re.finditer(r"[,;.]\s*|\s[-–—]\s", text)]
    return text[:cuts[-1]] if cuts and len(text[cuts[-1]:].split()) <= 4 else text


def _correctable(state: ConversationState) -> list[str]:
    """The earlier answers a correction in passing may change, latest first: those given in this conversation
    and those read from the email ("received"), never the question being asked; at a part's question, that
    part's own answers and the whole request's, not another part's."""
    own = part_of(state.asking or "")
    paths = [*reversed(state.history), *(p for p in state.prefilled if p not in state.history)]
    return [p for p in paths if p != state.asking and _same_part(part_of(p), own)]


def _same_part(where: tuple[int, str] | None, own: tuple[int, str] | None) -> bool:
    """An answer a correction at a part's question may change: the whole request's, or that part's own."""
    return where is None or own is None or where[0] == own[0]


def _swap(state: ConversationState, kb: Knowledge, swapped: dict[str, list[str]]) -> Result:
    """Record each exemptions answer a correction changed, then ask what the new exemption needs."""
    events: list[Event] = []
    for path, cited in swapped.items():
        state, more = record(state, kb, path, cited)
        events += [e for e in more if e.key not in ("ask", "complete")]
    return _then_ask(state, kb, events)


def _words_not_a_command(state: ConversationState, kb: Knowledge, command: tuple[str, str]) -> bool:
    """"change in force policy on ICT monitoring" typed for a question asking for words is the answer, not a
    "change" naming no question."""
    step = step_for(state, kb, state.asking)
    return (command[0] == "change" and step is not None and step[1].kind in ("text", "longtext")
            and find_field(state, kb, command[1]) is None)


def answer_structured(state: ConversationState, kb: Knowledge, path: str, value: Any, *, today: date) -> Result:
    """Apply a structured answer (a button or menu choice) to any field of the plan."""
    if state.confirm is not None and path == state.confirm.field and str(value) in ("yes", "no"):
        return _confirmation(state, kb, str(value), today=today)
    step = step_for(state, kb, path)
    if step is None:
        return state, [Event("invalid", {"message": f"'{path}' is not a question in this conversation any more."})]
    if isinstance(value, list):
        text = "\n".join(str(v) for v in value) if step[1].kind == "list" else ", ".join(str(v) for v in value)
        text = text or "none"
    else:
        text = str(value)
    return _answer(state, kb, step, text, today=today)


def _answer(state: ConversationState, kb: Knowledge, step: Step, text: str, *, today: date) -> Result:
    path, q, _ = step
    current = get_path(state.answers, path)
    keeps = not text.strip() or simplify(text).rstrip(".!") in kb.vocabulary.keep
    if keeps and state.changing == path and current not in (None, "", []):
        history = tuple(p for p in state.history if p != path) + (path,)
        return _then_ask(replace(state, changing=None, history=history), kb,
                         [Event("unchanged", {"field": path, "value": current})])
    if q.kind == "exemptions" and regime_of(state) == "foisa":
        rest, s18 = without_foisa_ncnd(text)
        if s18:
            return _foisa_ncnd(state, kb, step, rest, today=today)
    if q.kind in ("text", "longtext") and asks_foibot(text):  # "… - can you draft a s12 letter?": asked back
        return _then_ask(state, kb, [Event("invalid", {"message": (
            f"'{clip(text, 60)}' reads as a question to me, not the answer. "
            f"{q.help_for(regime_of(state)) + ' ' if q.help_for(regime_of(state)) else ''}Give the answer "
            "(or say 'skip' to come back to it, or 'help' for what I can do).")})], step)
    try:
        value = read_answer(state, kb, step, text, today=today)
    except NeedsConfirm as exc:
        return _then_ask(replace(state, confirm=exc.pending, asking=path), kb, [])
    except InputError as exc:  # at section 34's "Whose privilege is it?", why the choices are only the two Houses
        return _then_ask(state, kb, [Event("invalid", {"message": at_choice(kb, state, step[2], str(exc))})], step)
    if value is NO_ANSWER:
        return _leave_blank(state, kb, path)
    if q.kind == "exemptions" and value:
        state = _applied_with(state, kb, text)
    if q.kind == "exemptions" and value == []:
        refused = _refusal_without_exemption(state, kb, path)
        if refused is not None:
            return refused if isinstance(refused, tuple) else _then_ask(replace(state, confirm=refused), kb, [])
    return record(state, kb, path, value)


_ASKS_FOIBOT = re.compile(r"(?:^|[-–—;:,.!]\s*|\b(?:so|and|but)\s+)(?:please\s+)?(?:can|could|would|will)\s+you\s+"
                          r"(?:please\s+|just\s+|now\s+)?(?:draft|redraft|write|prepare|produce|do\s+(?:a|an|the|me)\b)"
                          r"[^\n?]{0,100}\?+\s*$", re.I)


def asks_foibot(text: str) -> bool:
    """A reply that asks foibot to do something ("we should refuse it - can you draft a s12 letter?"), a question
    to put back, never an answer to store (a longer reply than ``reading_asks`` reads as a question back)."""
    return "\n" not in text.strip() and _ASKS_FOIBOT.search(text.strip()) is not None


def _foisa_ncnd(state: ConversationState, kb: Knowledge, step: Step, rest: str, *, today: date) -> Result:
    """FOISA section 18(1) typed at the exemptions question ("s18 and 38(1)(b)"): the answer neither confirms nor
    denies (held is set so), and the exemption it relies on is the rest of the reply, or asked for."""
    path = step[0]
    held = f"{path.rpartition('.')[0]}.held" if "." in path else "held"
    events: list[Event] = []
    if get_path(state.answers, held) != "ncnd":
        state, more = record(state, kb, held, "ncnd")
        events = [e for e in more if e.key not in ("ask", "complete")]
    step = step_for(state, kb, path) or step
    state = replace(state, asking=path)
    if not re.search(r"\w", re.sub(r"\b(?:and|with|plus|under|section|sections)\b", " ", rest, flags=re.I)):
        message = ("Section 18(1) lets us neither confirm nor deny whether the information exists or is held. It works "
                   "with the exemption the information would fall under if it existed and were held: which one (for "
                   "example s38(1)(b) or s35(1)(a))?")
        return _then_ask(state, kb, [*events, Event("invalid", {"message": message})], step)
    state, more = _answer(state, kb, step, rest, today=today)
    return state, [*events, *more]


def _applied_with(state: ConversationState, kb: Knowledge, text: str) -> ConversationState:
    """"s31(1)(g) with 31(2)(b)": the purpose typed with the limb answers section 31's purpose question too."""
    given = read_applied_with(kb, text, regime_of(state))
    if not given:
        return state
    answers = state.copy_answers()
    for path, value in given.items():
        set_path(answers, path, value)
    return state.with_answers(answers, history=tuple(p for p in state.history if p not in given) + tuple(given))


def _refusal_without_exemption(state: ConversationState, kb: Knowledge, path: str) -> Pending | Result | None:
    """A refusal needs an exemption: "none" to the exemptions question is queried, never taken as is."""
    scope = get_path(state.answers, path.rpartition(".")[0]) if "." in path else state.answers
    scope = scope if isinstance(scope, dict) else {}
    prefix = path.rpartition(".")[0] + "." if "." in path else ""
    if scope.get("held") == "ncnd":
        message = ("Neither confirm nor deny needs an exemption whose provision removes the duty to confirm or "
                   "deny (for example 30(3) or 40(5B)). Which one applies?")
        return _then_ask(state, kb, [Event("invalid", {"message": message})], step_for(state, kb, path))
    if scope.get("disclosure") in ("none", "partial"):
        return Pending(path, [], "No exemptions means we disclose everything we hold. Is that right?",
                       also={f"{prefix}disclosure": "full"})
    return None


def _confirmation(state: ConversationState, kb: Knowledge, text: str, *, today: date) -> Result:
    pending_answer = state.confirm
    assert pending_answer is not None
    said = simplify(text)
    cleared = replace(state, confirm=None)
    if _confirms(said, kb.vocabulary):
        for key, value in pending_answer.also.items():
            cleared, _ = record(cleared, kb, key, value)
        return record(cleared, kb, pending_answer.field, pending_answer.value)
    step = step_for(cleared, kb, pending_answer.field)
    text = kept_or_dropped(pending_answer, text, kb, regime_of(state)) or text  # "yeah drop 35", "just 43"
    if said in kb.vocabulary.no or not said:
        return _then_ask(cleared, kb, [Event("invalid", {"message": "Then please answer again."})], step)
    if step is None:
        return handle_text(cleared, kb, text, today=today)
    return _answer(replace(cleared, asking=step[0]), kb, step, text, today=today)


def _confirms(said: str, words: Vocabulary) -> bool:
    """A yes to "Did you mean …?": a yes word, an acknowledgement ("ok ta"), a "no" that says yes ("no
    objection"), or "that's all we have" (to "Is that all we have?")."""
    return said in words.yes or said in words.acknowledgements or said in words.no_but_yes or said in words.all_we_have


def record(state: ConversationState, kb: Knowledge, path: str, value: Any) -> Result:
    """Store an answer, note it in the history, and move on. The same answer again changes nothing."""
    skipped = tuple(p for p in state.skipped if p != path)
    if value == get_path(state.answers, path) and (path in state.history or path in state.prefilled):
        return _then_ask(replace(state, skipped=skipped, changing=None), kb,
                         [Event("unchanged", {"field": path, "value": value})])
    answers = state.copy_answers()
    set_path(answers, path, value)
    if path == BY_PART:
        answers = with_parts(answers, state.request_parts, kb.per_part) if value == "each" else without_parts(answers)
    where = part_of(path)
    if where and isinstance(answers.get("parts"), list):
        _tidy_part(answers["parts"][where[0] - 1], kb)
        answers["exemptions"] = union(answers["parts"])
    dropped, emptied = without_eir_exceptions(answers, kb) if path == "regime" else ([], [])
    if dropped and isinstance(answers.get("parts"), list):
        answers["exemptions"] = union(answers["parts"])
    if path == "exemptions" or where or path == BY_PART:
        _sync_exemption_limbs(answers, kb, regime_of(state))
    history = tuple(p for p in state.history if p != path and p not in emptied) + (path,)
    new = state.with_answers(answers, history=history, skipped=skipped, changing=None, before_restart=None,
                             then_change=tuple(p for p in state.then_change if p != path))
    events = [Event("noted", {"field": path, "value": value, **_reliance_said(state, kb, path, value)})]
    if dropped:
        events.append(Event("invalid", {"message": eir_dropped(kb, dropped)}))
    return _then_ask(new, kb, events)


def _reliance_said(state: ConversationState, kb: Knowledge, path: str, value: Any) -> dict[str, Any]:
    """For an exemptions answer newly citing one whose holders are only some bodies (section 34, section 35), what
    ``foibot exemption`` says of it, said with "Noted" (``note``)."""
    if path.rpartition(".")[2] != "exemptions" or not isinstance(value, list):
        return {}
    before = get_path(state.answers, path) or []
    said = cautions(kb, [str(c) for c in value if c not in before], regime_of(state))
    return {"note": " ".join(said)} if said else {}


def _tidy_part(part: dict[str, Any], kb: Knowledge) -> None:
    """Drop a part's answers to questions that no longer apply to it; a part that needs no exemption says so
    (``exemptions: []``), so it does not take the whole request's."""
    for q in kb.flow:
        if q.id in kb.per_part and not q.applies(part.get):
            if q.id == "exemptions":
                part["exemptions"] = []
            else:
                part.pop(q.id, None)


def _sync_exemption_limbs(answers: dict[str, Any], kb: Knowledge, regime: str) -> None:
    for citation in answers.get("exemptions") or []:
        exemption, limb = resolved(kb, citation, regime)
        own = answers.setdefault(exemption.section, {})
        if limb and not own.get("limb"):
            own["limb"] = limb


def _leave_blank(state: ConversationState, kb: Knowledge, path: str) -> Result:
    """An optional question answered "none" / "n/a": no value, and not asked again."""
    answers = state.copy_answers()
    set_path(answers, path, None)
    new = state.with_answers(answers, skipped=tuple(p for p in state.skipped if p != path) + (path,),
                             history=tuple(p for p in state.history if p != path), changing=None, before_restart=None)
    return _then_ask(new, kb, [Event("noted", {"field": path, "value": None})])


# --- commands -------------------------------------------------------------------------------------------


def _command(state: ConversationState, kb: Knowledge, name: str, target: str) -> Result:
    if name == "back":
        if not state.history and state.before_restart:
            return _restart_undone(state, kb)
        if not state.history:
            return _then_ask(state, kb, [Event("nothing-to-undo")], step_for(state, kb, state.asking))
        path = state.history[-1]  # asked again with its answer kept: Enter keeps it, as while changing
        new = replace(state, history=state.history[:-1], changing=path)
        return _then_ask(new, kb, [Event("went-back", {"field": path, "value": get_path(state.answers, path)})],
                         step_for(new, kb, path))
    if name == "skip":
        if not state.asking:
            return state, [Event("not-asking")]
        new = replace(state, skipped=tuple(p for p in state.skipped if p != state.asking) + (state.asking,),
                      changing=None)
        new, event = ask(new, kb)
        if event.data.get("needed") and event.data["field"] == state.asking:
            return new, [event]  # nothing else to ask: put again, saying why, rather than "skipped"
        return new, [Event("skipped", {"field": state.asking}), event]
    if name == "draft":
        return _again(state, kb, [Event("draft-requested")])
    if name == "help":
        return _again(state, kb, [Event("help")])
    if name == "status":
        return _again(state, kb, [Event("status", {"answers": state.answers})])
    if name == "restart":
        return _restart(state, kb)
    steps = find_fields(state, kb, target)
    if not steps:
        fields = list(dict.fromkeys(echo.change_name(kb, s) for s in plan(state, kb)))
        return _again(state, kb, [Event("unknown-field", {"target": target, "fields": fields})])
    step = steps[0]
    new = replace(state, changing=step[0], skipped=tuple(p for p in state.skipped if p != step[0]),
                  then_change=tuple(s[0] for s in steps[1:]))
    return _then_ask(new, kb, [], step)


def _restart(state: ConversationState, kb: Knowledge) -> Result:
    """'start again': the officer's answers cleared and the questions asked from the first. What the email said
    (and foibot found) is kept unless the officer changed it, and so are the case's reference and the request's
    parts; drafts already saved stay saved."""
    kept = {k: v for k, v in state.answers.items() if k in state.prefilled and k not in state.history}
    if state.answers.get("reference"):
        kept["reference"] = state.answers["reference"]
    before = {"answers": state.copy_answers(), "history": list(state.history), "skipped": list(state.skipped)}
    new = replace(state.with_answers(kept), history=(), skipped=(), asking=None, changing=None, confirm=None,
                  before_restart=before, then_change=())
    shown = [echo.label(kb, k) for k in ("requester_name", "received") if k in kept]
    return _then_ask(new, kb, [Event("restarted", {"reference": kept.get("reference", ""), "kept": shown})])


def _restart_undone(state: ConversationState, kb: Knowledge) -> Result:
    """'back' straight after 'restart': the answers it cleared put back, and the question then pending asked."""
    before = state.before_restart or {}
    new = replace(state.with_answers(before.get("answers") or {}), history=tuple(before.get("history") or ()),
                  skipped=tuple(before.get("skipped") or ()), before_restart=None, changing=None, confirm=None)
    return _then_ask(new, kb, [Event("restart-undone")])


def _on_parts(state: ConversationState, kb: Knowledge, name: str, said: str) -> Result:
    """Show, merge or split the request's parts; answers already given to an unchanged part are kept."""
    found = state.request_parts or (" ".join(state.body.split()),)
    if name == "parts":
        return _again(state, kb, [Event("parts", {"parts": listing(found)})])
    try:
        changed = merge(found, said) if name == "merge" else split(found, said)
    except InputError as exc:
        return _again(state, kb, [Event("invalid", {"message": str(exc)})])
    several = changed if len(changed) > 1 else ()
    answers = state.copy_answers()
    if not several:
        answers = without_parts(answers)
        answers.pop(BY_PART, None)
    elif answers.get(BY_PART) == "each":
        answers = with_parts(answers, several, kb.per_part)
    new = state.with_answers(answers, request_parts=several)
    events = [Event("noted", {"field": "request_parts", "value": listing(changed)})]
    by_part = step_for(new, kb, BY_PART) if several and BY_PART not in answers else None
    if by_part is not None:  # the request now has parts: whether to answer them one by one comes first
        return _then_ask(new, kb, events, by_part)
    return _again(new, kb, events)


def _again(state: ConversationState, kb: Knowledge, events: list[Event]) -> Result:
    """The events, then the question still waiting (if any) put again."""
    step = step_for(state, kb, state.asking) or pending(state, kb)
    if step is None:
        return state, events
    return _then_ask(state, kb, events, step)


# --- letter parts -----------------------------------------------------------------------------------------


def parts(state: ConversationState, kb: Knowledge) -> list[tuple[str, str, list[tuple[str, Question]]]]:
    """The letter's editable parts: (part id, label, [(field, question)]), one part per exemption.

    The general parts and their questions come from ``questions.yaml`` (``parts`` and each question's ``part``).
    """
    steps = plan(state, kb)
    out: list[tuple[str, str, list[tuple[str, Question]]]] = []
    for part in kb.parts:
        chosen = [(path, q) for path, q, e in steps if e is None and q.part == part.value]
        if chosen:
            out.append((part.value, part.label, chosen))
    regime = regime_of(state)
    for citation in state.answers.get("exemptions") or []:
        exemption, limb = resolved(kb, citation, regime)
        chosen = [(path, q) for path, q, e in steps if e is exemption]
        if chosen:
            label = exemption.cite(limb) if exemption.regime == "foia" else exemption.cite()
            out.append((exemption.section, label, chosen))
    return out


def as_text(value: Any) -> str:
    """An answer as an officer would type it (lists one per line)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)

