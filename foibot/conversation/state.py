"""The conversation state: a typed value that the dialogue reads and returns anew, and that stores as JSON."""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from foibot.conversation.email_parse import ParsedEmail
from foibot.letter.parts import split_parts
from foibot.suggest.suggestions import Suggestions

# An answer as stored: text, a list of texts, or (for an exemption's own answers) a mapping of them.
Answers = dict[str, Any]


@dataclass(frozen=True)
class Pending:
    """An answer waiting for the officer's yes or no ("Did you mean …?").

    ``also`` holds other answers set with it when confirmed (e.g. disclosure ``full`` when no exemption applies);
    ``dropped``, the citations a yes leaves out, so that "just 43" or "use s36 instead" is read against them.
    """

    field: str
    value: Any
    prompt: str
    also: dict[str, Any] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)  # what a yes leaves out ("Keep s43(2) without s35(1)(a)?")


@dataclass(frozen=True)
class ConversationState:
    """Everything the dialogue knows about one conversation.

    ``history`` lists the fields answered, oldest first (``back`` undoes the last); ``asking`` is the
    question put last; ``changing`` is set while the officer changes an earlier answer (Enter keeps it);
    ``events`` are case events (approved, sent) recorded by the surfaces; ``request_parts`` are the
    request's numbered or bulleted parts as the officer has merged or split them (empty: one part);
    ``before_restart`` keeps the answers, history and skipped questions a 'restart' cleared, until the next answer,
    so that 'back' can undo the restart; ``then_change`` holds the questions one "change" named to be put after
    the one being changed ("change the public interest factors": those for, then those against).
    """

    request: str = ""
    body: str = ""
    answers: Answers = field(default_factory=dict)
    suggestions: dict[str, Any] = field(default_factory=dict)
    prefilled: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    asking: str | None = None
    changing: str | None = None
    confirm: Pending | None = None
    drafted: bool = False
    events: tuple[dict[str, Any], ...] = ()
    request_parts: tuple[str, ...] = ()
    before_restart: dict[str, Any] | None = None
    then_change: tuple[str, ...] = ()

    @property
    def suggested(self) -> Suggestions:
        return Suggestions.from_state(self.suggestions)

    def with_answers(self, answers: Answers, **changes: Any) -> ConversationState:
        """A new state with these answers (copied) and any other fields changed."""
        return replace(self, answers=copy.deepcopy(answers), **changes)

    def copy_answers(self) -> Answers:
        """A deep copy of the answers, to change and pass to :meth:`with_answers`."""
        return copy.deepcopy(self.answers)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (lists for tuples)."""
        data = asdict(self)
        for key in ("prefilled", "history", "skipped", "events", "request_parts", "then_change"):
            data[key] = list(data[key])
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ConversationState:
        """Read a stored state, including the older untyped shape; keys that are not state are ignored."""
        data = data or {}
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for key in ("prefilled", "history", "skipped", "request_parts", "then_change"):
            values[key] = tuple(str(v) for v in values.get(key) or ())
        values["events"] = tuple(e for e in values.get("events") or () if isinstance(e, dict))
        pending = values.get("confirm")
        values["confirm"] = Pending(**pending) if isinstance(pending, dict) else None
        values["answers"] = copy.deepcopy(values.get("answers") or {})
        values["suggestions"] = dict(values.get("suggestions") or {})
        values["drafted"] = bool(values.get("drafted"))
        values["before_restart"] = values.get("before_restart") if isinstance(values.get("before_restart"), dict) \
            else None
        return cls(**values)


def new_state(request_text: str, parsed: ParsedEmail, suggestions: Suggestions) -> ConversationState:
    """The starting state: answers prefilled from the email and from the suggestions."""
    answers: Answers = {"regime": suggestions.regime}
    if parsed.name:
        answers["requester_name"] = parsed.name
    if parsed.email:
        answers["requester_email"] = parsed.email
    if parsed.address:  # a postal address from the signature: the letter is addressed there, not "By email"
        answers["requester_address"] = parsed.address
    if parsed.received:
        answers["received"] = parsed.received.isoformat()
    if not suggestions.topics:  # nothing to pick but "None of these": not asked ("change topic" still can)
        answers["topic"] = "none"
    found = split_parts(parsed.body)
    return ConversationState(request=request_text, body=parsed.body, answers=answers,
                             suggestions=suggestions.to_state(), prefilled=tuple(sorted(answers)),
                             request_parts=tuple(found) if len(found) > 1 else ())


def regime_of(state: ConversationState) -> str:
    """The law the reply is under now: ``foia``, ``eir`` or ``foisa`` (foia until it is answered)."""
    return str(state.answers.get("regime") or "foia")
