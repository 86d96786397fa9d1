"""The engine: one object every surface (console, CLI, Slack) talks to.

It starts conversations from pasted requests, applies answers, drafts letters and keeps
everything in SQLite, so a restart resumes each conversation where it was.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from foibot.conversation import clarification, dialogue, echo, part_suggestions
from foibot.conversation.answers import get_path, normalise
from foibot.conversation.commands import command_of, slipped_command
from foibot.conversation.email_parse import parse_email
from foibot.conversation.review_answers import normalise_review
from foibot.conversation.review_plan import review_questions
from foibot.conversation.review_start import SKIPPED, review_facts, review_state
from foibot.conversation.state import ConversationState
from foibot.errors import FoibotError, InputError
from foibot.knowledge.authority import Authority
from foibot.knowledge.model import Knowledge
from foibot.knowledge.replies import Replies
from foibot.law import dates
from foibot.law.deadlines import case_due, ico_complaint_by, schools_note
from foibot.letter.blocks import Block
from foibot.letter.checks import check_draft
from foibot.letter.clarification_letter import clock_start, draft_clarification, with_clarifications
from foibot.letter.drafting import Draft, build_context, render
from foibot.letter.review_context import is_review, outcome_of, review_reference
from foibot.letter.review_draft import draft_review
from foibot.register.cases import fixable
from foibot.register.review_outcomes import record_review_outcome
from foibot.register.review_requests import NEW_REQUEST
from foibot.register.store import Store
from foibot.suggest.matcher import Matcher
from foibot.suggest.suggestions import Suggestions
from foibot.text import clean_reply, clean_request

log = logging.getLogger(__name__)


@dataclass
class Message:
    """One thing to show: ``kind`` is matched, question, note, error or draft."""

    kind: str
    text: str
    question: dialogue.AskedQuestion | None = None
    suggestions: Suggestions | None = None
    draft: Draft | None = None
    version: int | None = None
    again: bool = False  # a draft shown again: nothing changed since this version, so no new one was stored


@dataclass
class Turn:
    """The engine's answer to one input."""

    conversation_id: str | None
    messages: list[Message] = field(default_factory=list)

    @property
    def question(self) -> dialogue.AskedQuestion | None:
        return next((m.question for m in reversed(self.messages) if m.question), None)

    @property
    def draft(self) -> Draft | None:
        return next((m.draft for m in reversed(self.messages) if m.draft), None)

    def text(self) -> str:
        return "\n\n".join(m.text for m in self.messages if m.text)


@dataclass(frozen=True)
class SentResult:
    """What marking a draft sent recorded: the surface words it (case reference, date, review window)."""

    version: int
    sent_on: date
    reference: str | None = None
    review_until: date | None = None
    warnings: tuple[str, ...] = ()  # a draft never approved, a letter dated after the day it was sent
    regime: str = "foia"  # the law it was answered under: how the requester challenges it (review, reg 11, s20)
    outcome: str = ""  # an internal review's outcome (upheld, partly_upheld, not_upheld), recorded as it was sent
    reviewer: str = ""  # who carried out that review
    complain_by: date | None = None  # after a review: the ICO asks for complaints within six weeks (FOIA, EIR)
    lateness: str = ""  # a reply sent after its due date: "This reply is 9 working days late (…); the letter …"


@dataclass(frozen=True)
class CaseHistory:
    """A case's recorded events, oldest first: ``{at, who, action, detail}`` each."""

    reference: str
    entries: list[dict[str, Any]]


class Engine:
    """Conversations, answers and drafts over one knowledge base and one SQLite file."""

    def __init__(self, kb: Knowledge, authority: Authority, store: Store, matcher: Matcher, env: Any,
                 replies: Replies, *, today: Callable[[], date] = dates.today, cases: Any = None,
                 suggest: Callable[..., Suggestions] | None = None, versions_only_on: Collection[str] = ()):
        self.kb, self.authority, self.store, self.matcher = kb, authority, store, matcher
        # surfaces whose every draft is a numbered version, never a preview (a thread posts each with its buttons)
        self.versions_only_on = frozenset(versions_only_on)
        self.env, self.replies, self.today = env, replies, today
        self.cases = cases  # a CaseLink (see foibot.conversation.caselink), or None to run without a register
        self.suggest = suggest or (lambda text, **_: matcher.suggest(text))
        review_questions(kb)  # intents/review-questions.yaml checked at start: a bad line stops foibot, named

    # --- conversations -------------------------------------------------------------------------

    def start(self, text: str | bytes | None, *, surface: str = "console", user: str | None = None) -> Turn:
        """Start a conversation from a pasted request: show what matched and ask the first question."""
        try:
            request = clean_request(text)
        except InputError as exc:
            return Turn(None, [Message("error", self.replies.render("error", message=str(exc)))])
        if slash_command(request):  # "/foi help" sent as a message: a command that did not run, not a request
            return Turn(None, [Message("error", self.replies.render(
                "slash-command", command=slash_command(request), request=True, surface=surface))])
        parsed = parse_email(request)
        if self.cases and (review := self.cases.review(request, parsed.email, who=user,
                                                                       received=parsed.received)) is not None:
            return self._start_review(request, review, surface=surface, user=user)
        waiting = None if NEW_REQUEST.match(request) else self._awaiting_reply(request, parsed.email)
        if waiting is not None:  # the requester's clarification, pasted with no case open: it goes to its case
            return self._clarification_reply(waiting, self._state(waiting), request, user, pasted=True)
        if NEW_REQUEST.match(request):  # "new request: …": the officer says it is no review, whatever its words
            request = NEW_REQUEST.sub("", request, count=1)
            parsed = parse_email(request)
        suggestions = self.suggest(parsed.body, requester=parsed.name, email=parsed.email)
        state = dialogue.new_state(request, parsed, suggestions)
        conv_id = uuid.uuid4().hex[:16]
        case_ref = None
        if self.cases:
            case_ref = self.cases.open(conv_id, parsed.body, state.answers, who=user)
            state = state.with_answers({**state.answers, "reference": case_ref})
        state, first = dialogue.ask(state, self.kb)
        with self.store.transaction():
            self.store.save_conversation(conv_id, state.to_json(), surface=surface, started_by=user or "",
                                         request_text=request, case_ref=case_ref)
            self._log_prefilled(conv_id, state)
        log.info("conversation %s started (%s)", conv_id, case_ref or "no case")
        return Turn(conv_id, [self._matched(state, suggestions), *self._messages(conv_id, state, [first], user)])

    def _start_review(self, request: str, review: dict[str, Any], *, surface: str, user: str | None) -> Turn:
        """A pasted request for a review: say what it opened and, while the review case is open and no conversation
        is drafting its outcome yet, start one in its place, asking what the outcome letter needs."""
        register = self.cases.register
        case = register.get_case(review["review_ref"]) if review.get("review_ref") else None
        if case is None or case.status not in ("new", "drafting") or self._drafting(case.ref):
            return Turn(None, [Message("note", self.replies.render("review-request", **review))])
        state = review_state(request, review_facts(register, self.store, review["ref"]))
        conv_id = uuid.uuid4().hex[:16]
        state, first = dialogue.ask(state, self.kb)
        with self.store.transaction():
            self.store.save_conversation(conv_id, state.to_json(), surface=surface, started_by=user or "",
                                         request_text=request, case_ref=case.ref)
            self._log_prefilled(conv_id, state)
        log.info("review conversation %s started (%s)", conv_id, case.ref)
        note = Message("note", self.replies.render("review-request", **review, drafting=True))
        return Turn(conv_id, [note, *self._messages(conv_id, state, [first], user)])

    def _drafting(self, ref: str) -> bool:
        """Whether an open conversation is drafting case ``ref``'s letter."""
        with self.store.lock:
            return bool(self.store.db["conversations"].count_where("case_ref = ? and status != 'closed'", [ref]))

    def _own_suggestions(self, state: ConversationState) -> ConversationState:
        """The state with the suggester's answer for the words of the part being asked about (or the whole
        request's, in a law its own were not made in), so a part's defaults come from what it asks (see
        ``part_suggestions``)."""
        return part_suggestions.fill(
            state, lambda text, law: self.suggest(text) if law == self.authority.regime else self.suggest(
                text, regime=law))

    def _asked_with_own(self, state: ConversationState, events: list[dialogue.Event]
                        ) -> tuple[ConversationState, list[dialogue.Event]]:
        """The state and events of a reply, with the suggestions the question it asks next needs
        (``_own_suggestions``); a question asked without them is put again with them."""
        filled = self._own_suggestions(state)
        if filled is state:
            return state, events
        asked = [i for i, e in enumerate(events) if e.key == "ask" and e.question is not None]
        step = dialogue.step_for(filled, self.kb, filled.asking)
        if not asked or step is None or filled.confirm is not None:
            return filled, events
        filled, again = dialogue.ask(filled, self.kb, step)
        last = asked[-1]
        return filled, [*events[:last], replace(events[last], question=again.question), *events[last + 1:]]

    def _log_prefilled(self, conv_id: str, state: ConversationState) -> None:
        """The answers a request gave before any question (from its email, or matched) in the answer log."""
        for key in state.prefilled:
            self.store.log_answer(conv_id, key, state.answers[key], "foibot" if key in ("regime", "topic") else "email")

    def _matched(self, state: ConversationState, suggestions: Suggestions) -> Message:
        """What a request matched (topics, exemptions, similar cases) and what its email already answered."""
        prefilled = ", ".join(f"{echo.label(self.kb, k)} {echo.answer_words(self.kb, state, k, state.answers[k])}"
                              for k in state.prefilled if k in ("requester_name", "received"))
        return Message("matched", self.replies.render(
            "matched", topics=suggestions.topics[:3], exemptions=suggestions.exemptions[:4],
            similar=suggestions.similar_cases[:3], regime=suggestions.regime, notes=suggestions.notes,
            prefilled=prefilled), suggestions=suggestions)

    def replace_request(self, conv_id: str, text: str, *, user: str | None = None) -> Turn:
        """Read a conversation's request again from ``text`` (a request pasted in several messages, joined by
        the surface), before anything is answered: what matched and the first question, as ``start`` gives
        them, in the same conversation and case. Refused (InputError) once a question has been answered,
        skipped or a draft made."""
        with self.store.lock:
            if not self.request_replaceable(conv_id):
                raise InputError("the request cannot be replaced once a question has been answered")
            old = self._state(conv_id)
            request = clean_request(text)
            parsed = parse_email(request)
            reference = old.answers.get("reference")
            # its own case is in the register already: never a "similar past case" (a repeat request) of itself
            suggestions = self.suggest(parsed.body, requester=parsed.name, email=parsed.email, exclude=reference)
            state = dialogue.new_state(request, parsed, suggestions)
            if reference:
                state = state.with_answers({**state.answers, "reference": reference})
            state, first = dialogue.ask(state, self.kb)
            with self.store.transaction():
                self.store.save_conversation(conv_id, state.to_json(), request_text=request)
                self._log_prefilled(conv_id, state)
                if self.cases and reference:
                    self.cases.register.update(reference, user or "foibot", request_text=parsed.body)
                    self.cases.sync(reference, state.answers, who=user, conversation_id=conv_id)
        return Turn(conv_id, [self._matched(state, suggestions), *self._messages(conv_id, state, [first], user)])

    def request_replaceable(self, conv_id: str) -> bool:
        """Whether nothing is answered, skipped, drafted or recorded yet, so ``replace_request`` may read the
        request again."""
        state = self._state(conv_id)
        return not (state.history or state.skipped or state.drafted or state.events)

    def reads_as_answer(self, conv_id: str, text: str) -> bool | None:
        """Whether the question being asked reads ``text`` as its answer (a date, a choice, a number …), by its
        own reading and without storing anything: True or False; None when it takes any words (a free-text
        question), so its reading cannot tell, or nothing is asked. (The Slack surface uses it to tell an
        answer from more of a request pasted in several messages.)"""
        state = self._state(conv_id)
        step = dialogue.step_for(state, self.kb, state.asking)
        if step is None or state.confirm is not None or step[1].kind in ("text", "longtext", "list"):
            return None
        try:
            dialogue.parse_answer(state, self.kb, step, clean_reply(text), today=self.today())
        except InputError:
            return False
        return True

    def reply(self, conv_id: str, text: str, *, user: str | None = None) -> Turn:
        """Apply a plain-text reply (an answer or a command such as back, skip, change, show draft)."""
        if slash_command(text or ""):  # never an answer: "/foi deadline last Friday" is not the received date
            surface = (self.store.conversation(conv_id) or {}).get("surface", "console")
            return Turn(conv_id, [Message("error", self.replies.render(
                "slash-command", command=slash_command(text or ""), request=False, surface=surface))])
        with self.store.lock:
            state = self._state(conv_id)
            try:
                clean = clean_reply(text)
            except InputError as exc:
                return Turn(conv_id, [Message("error", str(exc))])
            turn = self._clarification(conv_id, state, clean, user)
            if turn is not None:  # 'clarify', its questions, or the reply it waits for
                return turn
            # the suggestions are added after the reply, for the question it asks next: Enter always gives what the
            # question showed (a conversation stored before parts had their own keeps the whole request's)
            state, events = dialogue.handle_text(state, self.kb, clean, today=self.today())
            return self._finish(conv_id, *self._asked_with_own(state, events), user)

    def choose(self, conv_id: str, path: str, value: Any, *, user: str | None = None) -> Turn:
        """Apply a structured answer (from a button or menu) to a question."""
        with self.store.lock:
            state = self._state(conv_id)
            if path.startswith(clarification.PREFIX) and clarification.stage(state) == "asking":
                text = "\n".join(map(str, value)) if isinstance(value, list) else str(value)
                return self._clarification(conv_id, replace(state, asking=path), text, user) or Turn(conv_id)
            state, events = dialogue.answer_structured(state, self.kb, path, value, today=self.today())
            return self._finish(conv_id, *self._asked_with_own(state, events), user)

    def edit(self, conv_id: str, changes: dict[str, str], *, user: str | None = None) -> tuple[dict[str, str], Turn]:
        """Change several answers at once (typed text per field), then redraft. Returns (errors, turn);
        with any error nothing is changed."""
        with self.store.lock:
            state = self._state(conv_id)
            errors: dict[str, str] = {}
            values: dict[str, Any] = {}
            for path, text in changes.items():
                step = dialogue.step_for(state, self.kb, path)
                if step is None:
                    errors[path] = "This question no longer applies."
                    continue
                try:
                    values[path] = dialogue.parse_answer(state, self.kb, step, text, today=self.today()) \
                        if text.strip() else None
                except InputError as exc:
                    errors[path] = str(exc)
            if errors:
                return errors, Turn(conv_id)
            events: list[dialogue.Event] = []
            for path, value in values.items():
                if value != get_path(state.answers, path):
                    state, recorded = dialogue.record(state, self.kb, path, value)
                    events += [e for e in recorded if e.key == "noted"]
            events.append(dialogue.Event("draft-requested"))
            return {}, self._finish(conv_id, state, events, user)

    def note(self, conv_id: str, what: str, value: Any, *, user: str | None = None) -> None:
        """Record a case event (approval, sent) in the answer log, the conversation and the case history."""
        with self.store.transaction():
            state = self._state(conv_id)
            state = replace(state, events=(*state.events, {"what": what, "value": value, "who": user or ""}))
            self.store.save_conversation(conv_id, state.to_json())
            self.store.log_answer(conv_id, f"_{what}", value, user)
            if self.cases and state.answers.get("reference"):
                self.cases.register.note(state.answers["reference"], user or "foibot", what, {"value": value})

    def redraft(self, conv_id: str, *, user: str | None = None) -> Turn:
        """Draft again from the current answers: always a new version (Slack's Regenerate button). A typed
        'show draft' with nothing changed shows the latest version again instead."""
        with self.store.lock:
            state = self._state(conv_id)
            return self._finish(conv_id, state, [dialogue.Event("draft-requested", {"new_version": True})], user)

    def current_question(self, conv_id: str) -> Turn:
        """Ask again whatever the conversation is waiting for (used when a thread resumes)."""
        state = self._state(conv_id)
        if clarification.stage(state) in ("asking", "awaiting"):
            turn = self._clarification_resumed(conv_id, state)
            return Turn(conv_id, [Message("note", self.replies.render("resumed")), *turn.messages])
        state, event = dialogue.ask(state, self.kb, dialogue.step_for(state, self.kb, state.asking))
        return Turn(conv_id, [Message("note", self.replies.render("resumed")),
                              *self._messages(conv_id, state, [event], None)])

    def close(self, conv_id: str) -> None:
        """Mark a conversation finished, so it is no longer offered for resuming."""
        with self.store.lock:
            self.store.save_conversation(conv_id, self._state(conv_id).to_json(), status="closed")

    # --- after drafting: approve, mark sent, history, changes ---------------------------------------

    def latest_version(self, conv_id: str) -> int | None:
        """The newest draft version of a conversation, or None before the first draft."""
        drafts = self.store.drafts(conv_id, last=1)
        return drafts[0]["version"] if drafts else None

    def approve(self, conv_id: str, version: int | None = None, user: str | None = None) -> int:
        """Record that a draft version (default: the latest) is approved; returns that version."""
        version = self._version(conv_id, version)
        self.note(conv_id, "approved", version, user=user)
        return version

    def draft_findings(self, conv_id: str, version: int | None = None) -> list[str]:
        """The statutory check's findings on a draft version (default: the latest), as "[rule] message" lines."""
        wanted = self._version(conv_id, version)
        return _findings(next((d for d in self.store.drafts(conv_id) if d["version"] == wanted), None))

    def before_sending(self, conv_id: str, *, checked: list[str] | None = None) -> dict[str, Any]:
        """What an officer should see before marking the latest draft sent (empty when nothing): ``findings``,
        the statutory check's findings on it (a gap still to complete, a missing element); ``unchecked``, the
        attachments the letter lists that match no release-checked file (``checked``: the checked files' names;
        None to skip this); and ``dated``, the letter's date when it is after today."""
        from foibot.conversation.release_log import names_file

        out: dict[str, Any] = {}
        saved = next(iter(self.store.drafts(conv_id, last=1)), None)
        if findings := _findings(saved):  # the latest draft's, read once
            out["findings"] = findings
        letter_date = date.fromisoformat(saved["letter_date"]) if saved and saved.get("letter_date") else None
        if letter_date and letter_date > self.today():
            out["dated"] = dates.format_day(letter_date)
            out["today"] = dates.format_day(self.today())
        if checked is not None:
            answers = self.answers(conv_id)
            listed = _names(answers.get("attachments"))
            for part in answers.get("parts") or []:
                if isinstance(part, dict) and part.get("disclosure") != "none":
                    listed += _names(part.get("attachments"))
            unchecked = [e for e in dict.fromkeys(listed) if not any(names_file(e, n) for n in checked)]
            if unchecked:
                out["unchecked"] = unchecked
        return out

    def mark_sent(self, conv_id: str, version: int | None = None, user: str | None = None) -> SentResult:
        """Record that a draft went out today, in the conversation and the register (the review window
        starts), and close the conversation. A case already marked as sent is refused (InputError), so two
        officers pressing at once record one sending."""
        row = self.store.conversation(conv_id)
        asking = clarification.stage_of((row.get("state") or {}).get("answers") or {}) if row else ""
        if asking in ("drafting", "awaiting"):  # the letter asked the requester to clarify: the case waits for the
            return self._clarification_sent(conv_id, version, user)  # reply (refused when already sent)
        with self.store.lock:
            row = self.store.conversation(conv_id)
            if row and row.get("status") == "closed":
                raise InputError(f"{(row.get('state') or {}).get('answers', {}).get('reference') or 'this case'} "
                                 "was already marked as sent")
            version = self._version(conv_id, version)
            today = self.today()
            self.note(conv_id, "sent", {"version": version, "on": today.isoformat()}, user=user)
            self.close(conv_id)
        answers = self.answers(conv_id)
        case = self.cases.register.case_for_conversation(conv_id) if self.cases else None
        if self.cases and is_review(answers):  # a review's case is its own, not the conversation's first case
            case = self.cases.register.get_case(str(answers.get("reference") or ""))
        # the law the letter was written under: it decides how the requester may challenge it
        regime = str(answers.get("regime") or (case.regime if case else "") or self.authority.regime
                     or "foia").lower()
        if case is None:
            return SentResult(version, today, regime=regime)
        register = self.cases.register
        case = register.set_status(case.ref, "sent", user or "foibot", on=today)
        warnings = tuple(register.sent_warnings(case.ref))
        if case.is_review and (outcome := outcome_of(answers)):
            reviewer = str(answers.get("reviewer_name") or "")
            case = record_review_outcome(register, case.ref, outcome, reviewer, who=user or "foibot")
            by = ico_complaint_by(max(today, case.letter_date or today)) if regime != "foisa" else None
            return SentResult(version, today, case.ref, None, warnings, regime=regime, outcome=outcome,
                              reviewer=reviewer, complain_by=by)
        return SentResult(version, today, case.ref, register.review_window_end(case), warnings, regime=regime,
                          lateness=register.sent_lateness(case.ref))

    def history(self, conv_id_or_ref: str) -> CaseHistory:
        """The history of a case, named by its reference or by its conversation. Each entry also has ``text``:
        what happened in words (``history-entry`` in replies.yaml), such as "answered received, request
        summary" or "sent draft 2 on Fri 20 Nov 2026"."""
        if not self.cases:
            raise InputError("there is no case register")
        row = self.store.conversation(conv_id_or_ref)
        ref = (self.answers(conv_id_or_ref).get("reference") or row.get("case_ref")) if row else conv_id_or_ref
        case = self.cases.register.require(str(ref or conv_id_or_ref))
        entries = self.cases.register.history(case.ref)
        return CaseHistory(case.ref, [{**e, "text": echo.history_text(self.kb, self.replies, e)} for e in entries])

    def diff(self, conv_id: str) -> str | None:
        """A unified diff of the letter between the last two draft versions ('' when they are the same),
        or None when there are fewer than two."""
        import difflib

        drafts = self.store.drafts(conv_id, last=2)
        if len(drafts) < 2:
            return None
        old, new = drafts[-2], drafts[-1]
        return "\n".join(difflib.unified_diff(old["letter"].splitlines(), new["letter"].splitlines(),
                                              f"version {old['version']}", f"version {new['version']}",
                                              lineterm="", n=1))

    def _version(self, conv_id: str, version: int | None) -> int:
        if version is not None:
            return int(version)
        latest = self.latest_version(conv_id)
        if latest is None:
            raise InputError("there is no draft yet: answer the questions first (a 'show draft' before that is only "
                             "a preview, not a draft)")
        return latest

    def _state(self, conv_id: str) -> ConversationState:
        row = self.store.conversation(conv_id)
        if row is None:
            raise FoibotError(f"no conversation {conv_id}")
        return ConversationState.from_json(row["state"])

    def _finish(self, conv_id: str, state: ConversationState, events: list[dialogue.Event],
                user: str | None) -> Turn:
        with self.store.transaction():
            for event in events:
                if event.key == "noted":
                    self.store.log_answer(conv_id, event.data["field"], event.data["value"], user)
            messages = self._messages(conv_id, state, events, user)
            if any(m.kind == "draft" for m in messages):
                state = replace(state, drafted=True)
            self.store.save_conversation(conv_id, state.to_json())
            if self.cases and state.answers.get("reference"):
                self.cases.sync(state.answers["reference"], state.answers, who=user, conversation_id=conv_id,
                                drafts=[m.version for m in messages
                                        if m.kind == "draft" and m.version and not m.again],
                                answered=[e.data["field"] for e in events if e.key == "noted"])
        return Turn(conv_id, messages)

    def _messages(self, conv_id: str, state: ConversationState, events: list[dialogue.Event],
                  user: str | None) -> list[Message]:
        out: list[Message] = []
        for event in events:
            if event.key == "ask" and event.question:
                if event.data.get("needed"):
                    out.append(Message("note", self.replies.render("needed")))
                out.append(Message("question", event.question.prompt, question=event.question))
            elif event.key in ("complete", "draft-requested"):
                # A finished conversation drafts again only when something changed (or the last gap was skipped),
                # in this reply or in an earlier one of the same change ("change the public interest factors": a new
                # pick for, then Enter for those against).
                if event.key == "complete" and state.drafted and not any(e.key in ("noted", "skipped")
                                                                          for e in events) \
                        and not self._changed_since_draft(conv_id, state):
                    continue
                if event.key == "complete":
                    out.append(Message("note", self.replies.render("complete")))
                out.append(self._draft_message(conv_id, state, user,
                                               new_version=bool(event.data.get("new_version"))))
            elif event.key == "noted":
                out.append(Message("note", self.replies.render(
                    "noted", label=echo.label(self.kb, event.data["field"]),
                    value=echo.answer_words(self.kb, state, event.data["field"], event.data["value"]),
                    note=event.data.get("note"))))
                if event.data["field"] == "reviewer_involved" and event.data["value"] == "yes":
                    out.append(Message("note", self.replies.render("review-involved")))
            else:
                data = dict(event.data)
                if "field" in data:
                    data["label"] = echo.label(self.kb, data["field"])
                if event.key in ("unchanged", "went-back"):
                    data["value"] = echo.answer_words(self.kb, state, data["field"], data.get("value"))
                if event.key == "status":  # as the echo words each answer, never ids or Python values
                    data["rows"] = echo.status_rows(self.kb, state)
                if event.key == "not-asking" and data.get("said"):  # "aprove" after a draft: did you mean approve?
                    data["meant"] = slipped_command(data.pop("said"), self._command_names(),
                                                    self.kb.vocabulary.command_fillers)
                    data["surface"] = (self.store.conversation(conv_id) or {}).get("surface", "console")
                key = event.key if event.key in ("invalid", "skipped", "went-back", "nothing-to-undo", "not-asking",
                                                 "unknown-field", "help", "status", "unchanged", "parts",
                                                 "restarted", "restart-undone") else "error"
                out.append(Message("error" if key == "invalid" else "note", self.replies.render(key, **data)))
        return out

    def _command_names(self) -> list[str]:
        """The commands the chat and the console read, as ``snippets/replies.yaml`` lists them (approve, sent,
        history, status …): those named in plain words."""
        listed = self.replies.data.get("commands") or {}
        return [str(c.get("name")) for group in ("chat", "console") for c in listed.get(group) or []
                if isinstance(c, dict) and re.fullmatch(r"[a-z ]+", str(c.get("name") or ""))]

    # --- clarification (FOIA s1(3), EIR reg 9(2), FOISA s1(3)) ---------------------------------------

    def _clarification(self, conv_id: str, state: ConversationState, text: str, user: str | None) -> Turn | None:
        """A reply that asks for clarification, answers its questions, or (while the case waits) brings the
        requester's reply; None for any other reply (the dialogue's)."""
        stage = clarification.stage(state)
        if stage == "awaiting":
            return self._clarification_reply(conv_id, state, text, user)
        own = (state.asking or "").startswith(clarification.PREFIX)
        if stage in ("asking", "drafting"):
            command = clarification.command(text)
            if command == "cancel" and (own or stage == "drafting"):
                state = clarification.cancel(state)
                step = dialogue.step_for(state, self.kb, state.asking) if state.asking else None
                state, event = dialogue.ask(state, self.kb, step)
                if event.key == "complete" and state.drafted:  # nothing left to ask: the response letter again
                    event = dialogue.Event("draft-requested")
                turn = self._finish(conv_id, state, [event], user)
                return Turn(conv_id, [Message("note", self.replies.render("clarify-cancelled")), *turn.messages])
            if command in ("change points", "change advice"):
                state, question = clarification.ask(replace(state, asking=None), self.kb, command.split()[1])
                record = clarification.of(state.answers)
                record["stage"] = "asking"
                state = state.with_answers({**state.copy_answers(), clarification.KEY: record})
                return self._clarification_turn(conv_id, state, [Message("question", question.prompt,
                                                                         question=question)], user)
            if command == "draft" and own:
                return self._clarification_turn(conv_id, state, [self._draft_message(conv_id, state, user)], user)
            if own:
                return self._clarification_answer(conv_id, state, text, user)
            if clarification.asks_to_clarify(text) is not None:
                return Turn(conv_id, [Message("note", self.replies.render("clarify-already"))])
            return None
        said = clarification.asks_to_clarify(text)
        if said is None:
            return None
        state, question = clarification.start(state, self.kb, said)
        note = Message("note", self.replies.render(
            "clarify-start", reference=state.answers.get("reference") or "", said=said,
            again=bool(clarification.of(state.answers).get("rounds"))))
        return self._clarification_turn(conv_id, state, [note, Message("question", question.prompt,
                                                                        question=question)], user)

    def _clarification_answer(self, conv_id: str, state: ConversationState, text: str, user: str | None) -> Turn:
        """An answer to a clarification question: noted, then the next question, or the clarification letter."""
        if command_of(text) == ("help", ""):
            _, question = clarification.ask(state, self.kb, (state.asking or "").removeprefix(clarification.PREFIX))
            return Turn(conv_id, [Message("note", self.replies.render("help", commands=self.replies.data.get(
                "commands") or {})), Message("question", question.prompt, question=question)])
        try:
            state, qid, value = clarification.answer(state, self.kb, text)
        except InputError as exc:
            _, question = clarification.ask(state, self.kb, (state.asking or "").removeprefix(clarification.PREFIX))
            return Turn(conv_id, [Message("error", str(exc)), Message("question", question.prompt,
                                                                       question=question)])
        words = "; ".join(value) if isinstance(value, list) else (value or None)
        out = [Message("note", self.replies.render("noted", label=_CLARIFY_LABELS.get(qid, qid), value=words))]
        self.store.log_answer(conv_id, f"{clarification.PREFIX}{qid}", value, user)
        if qid == "points":
            state, question = clarification.ask(state, self.kb, "advice")
            out.append(Message("question", question.prompt, question=question))
        else:
            state = clarification.drafting(state)
            out.append(Message("note", self.replies.render("clarify-drafted", surface=self._surface(conv_id))))
            out.append(self._draft_message(conv_id, state, user))
        return self._clarification_turn(conv_id, state, out, user)

    def _clarification_turn(self, conv_id: str, state: ConversationState, messages: list[Message],
                            user: str | None) -> Turn:
        """Keep the state (and any clarification letter drafted, in the register) and say ``messages``."""
        with self.store.transaction():
            self.store.save_conversation(conv_id, state.to_json())
            ref = state.answers.get("reference")
            if self.cases and ref:
                for m in messages:
                    if m.kind == "draft" and m.version and not m.again:
                        self.cases.register.link_draft(ref, conv_id, m.version, who=user or "foibot")
        return Turn(conv_id, messages)

    def _clarification_resumed(self, conv_id: str, state: ConversationState) -> Turn:
        """What a clarification waits for, said again: its question, or the requester's reply."""
        if clarification.stage(state) == "awaiting":
            return Turn(conv_id, [Message("note", self._awaiting_words(state))])
        _, question = clarification.ask(state, self.kb, (state.asking or "clarification.points").removeprefix(
            clarification.PREFIX))
        return Turn(conv_id, [Message("question", question.prompt, question=question)])

    def _awaiting_words(self, state: ConversationState) -> str:
        asked = _day(clarification.of(state.answers).get("asked_on"))
        return self.replies.render("clarify-awaiting", reference=state.answers.get("reference") or "",
                                   asked_on=dates.format_day(asked) if asked else "")

    def _clarification_reply(self, conv_id: str, state: ConversationState, text: str, user: str | None, *,
                             pasted: bool = False) -> Turn:
        """While the case waits: the requester's reply (pasted, or "they've clarified: …") recorded, the clock
        restarted from the day it came, and the questions resumed; anything else is told what the case waits for."""
        command = command_of(text)
        if command is not None and command[0] in ("status", "draft", "help") and not pasted:
            events = [e for e in dialogue.handle_text(state, self.kb, text, today=self.today())[1]
                      if e.key not in ("ask", "complete")]  # nothing is asked while the case waits
            if command[0] == "draft":
                events = [dialogue.Event("draft-requested")]
            turn = self._finish(conv_id, state, events, user)
            return Turn(conv_id, [*turn.messages, Message("note", self._awaiting_words(state))])
        try:
            got = clarification.reply_of(text, today=self.today(), pasted=True)
        except InputError as exc:
            return Turn(conv_id, [Message("error", self.replies.render("error", message=str(exc)))])
        if got is None or command is not None or clarification.asks_to_clarify(text) is not None:
            return Turn(conv_id, [Message("note", self._awaiting_words(state))])
        day, words = got
        if day > self.today():
            return Turn(conv_id, [Message("error", self.replies.render(
                "error", message=f"{dates.format_day(day)} is in the future: give the day the reply came"))])
        ref = str(state.answers.get("reference") or "")
        due = None
        if self.cases and ref:
            try:
                case = self.cases.register.set_status(ref, "drafting", user or "foibot", on=day)
            except InputError as exc:
                return Turn(conv_id, [Message("error", self.replies.render("error", message=str(exc)))])
            due = case.due
        if due is None:
            found, _ = case_due(day.isoformat(), state.answers.get("regime") or self.authority.regime,
                                holiday_data_until=self.authority.holiday_data_until)
            due = found.due if found else None
        state = clarification.received(state, day, words)
        self.store.log_answer(conv_id, "_clarification_received", day.isoformat(), user)
        step = dialogue.step_for(state, self.kb, state.asking) if state.asking else None
        state, event = dialogue.ask(state, self.kb, step)
        note = Message("note", self.replies.render("clarify-received", reference=ref, on=dates.format_day(day),
                                                   due=dates.format_day(due) if due else "", words=words))
        turn = self._finish(conv_id, state, [event], user)
        return Turn(conv_id, [note, *turn.messages])

    def _awaiting_reply(self, text: str, email: str) -> str | None:
        """The conversation awaiting clarification that a pasted text answers: its requester's email with "Re:", the
        case's reference or the word clarify in it, or "they've clarified: …" when one case alone waits; else None."""
        if not self.cases:
            return None
        waiting = [row for row in self.store.open_conversations()
                   if row and clarification.stage_of((row.get("state") or {}).get("answers") or {}) == "awaiting"]
        if not waiting:
            return None
        typed = clarification.reply_of(text, today=self.today()) if len(text.split("\n")) <= 3 else None
        replying = re.search(r"^\s*subject:\s*re\b|\bclarif", text, re.I | re.M) is not None
        for row in waiting:
            answers = (row.get("state") or {}).get("answers") or {}
            ref = str(answers.get("reference") or "")
            own = str(answers.get("requester_email") or "").lower()
            if (ref and ref in text) or (email and own == email.lower() and (replying or typed)):
                return row["id"]
        return waiting[0]["id"] if typed and len(waiting) == 1 else None

    def _clarification_sent(self, conv_id: str, version: int | None, user: str | None) -> SentResult:
        """The clarification letter went out today: the case waits for the reply (the register's
        awaiting_clarification, the clock stopped), and the conversation stays open for it."""
        with self.store.lock:
            state = self._state(conv_id)
            ref = str(state.answers.get("reference") or "")
            if clarification.stage_of(state.answers) != "drafting":  # a second press got here first: record it once
                raise InputError(f"{ref or 'this case'} is awaiting clarification: the letter asking for it was "
                                 "already marked as sent")
            version = self._version(conv_id, version)
            today = self.today()
            regime = str(state.answers.get("regime") or self.authority.regime or "foia").lower()
            old_due = None
            if self.cases and ref:
                case = self.cases.register.get_case(ref)
                old_due = case.due if case else None
                self.cases.register.set_status(ref, "awaiting_clarification", user or "foibot", on=today)
            self.note(conv_id, "clarification_sent", {"version": version, "on": today.isoformat()}, user=user)
            state = self._state(conv_id)
            state = state.with_answers(clarification.sent(state.answers, today))
            self.store.save_conversation(conv_id, state.to_json())
        said = self.replies.render("clarify-sent", reference=ref, on=dates.format_day(today),
                                   old_due=dates.format_day(old_due) if old_due else "")
        return SentResult(version, today, ref or None, None, (said,), regime=regime)

    def _surface(self, conv_id: str) -> str:
        return (self.store.conversation(conv_id) or {}).get("surface", "console")

    # --- drafting ------------------------------------------------------------------------------

    def _draft_message(self, conv_id: str, state: ConversationState, user: str | None, *,
                       new_version: bool = False) -> Message:
        """The draft from the current answers, stored as a new version; when the letter is exactly the latest
        version's (nothing changed since), that version is shown again instead, unless ``new_version``."""
        try:
            draft = self.draft_answers(state.body, state.answers, unfinished=state.asking is not None)
        except FoibotError as exc:  # said as a sentence, ending with its stop
            message = str(exc).strip()
            return Message("error", self.replies.render(
                "error", message=message if message[-1:] in ".?!" else f"{message}."))
        if not new_version and not state.history and state.asking is not None and self._previews(conv_id):
            # nothing answered yet: a look at the letter, not a version (the first real draft is draft 1)
            text = self.replies.render(
                "draft-preview", reference=draft.reference, checks=draft.checks.summary(),
                due=dates.format_day(draft.due.due) if draft.due else "")
            return Message("draft", text, draft=draft, version=None)
        latest = None if new_version else next(iter(self.store.drafts(conv_id, last=1)), None)
        again = latest is not None and _same_draft(latest, draft)
        number = latest["version"] if latest is not None and again else self._next_version(conv_id)
        text = self.replies.render(
            "draft", version=number, reference=draft.reference,
            due=dates.format_day(draft.due.due) if draft.due else "",
            late=draft.late, due_error=draft.due_error, checks=draft.checks.summary(), notes=draft.notes)
        if again:
            text += "\n" + self.replies.render("draft-unchanged", version=number)
            return Message("draft", text, draft=draft, version=number, again=True)
        # The version keeps enough to show it again after a restart, exactly as it was.
        version = self.store.add_draft(conv_id, draft.text(), due=draft.due.due.isoformat() if draft.due else None,
                                       checks=draft.checks.to_json()["findings"], created_by=user,
                                       case_ref=draft.reference, summary=text,
                                       blocks=[[b.kind, b.text, b.number] for b in draft.blocks],
                                       letter_date=draft.letter_date.isoformat())
        return Message("draft", text, draft=draft, version=version)

    def _changed_since_draft(self, conv_id: str, state: ConversationState) -> bool:
        """Whether the letter the answers make now differs from the latest draft version."""
        latest = next(iter(self.store.drafts(conv_id, last=1)), None)
        if latest is None:
            return False
        try:
            return not _same_draft(latest, self.draft_answers(state.body, state.answers))
        except FoibotError:
            return False

    def _previews(self, conv_id: str) -> bool:
        """Whether a draft before any answer is shown as a preview, not a version: unless its surface is one of
        ``versions_only_on``."""
        return (self.store.conversation(conv_id) or {}).get("surface") not in self.versions_only_on

    def _next_version(self, conv_id: str) -> int:
        return (self.latest_version(conv_id) or 0) + 1

    def stored_draft(self, conv_id: str) -> Message | None:
        """The latest draft version as it was first shown (for showing again after a restart), or None."""
        saved = next(iter(self.store.drafts(conv_id, last=1)), None)
        if not saved or not saved["blocks"]:
            return None
        draft = Draft(blocks=[Block(kind, text, number) for kind, text, number in saved["blocks"]],
                      reference=saved["case_ref"] or "", letter_date=date.fromisoformat(saved["letter_date"]))
        return Message("draft", saved["summary"] or "", draft=draft, version=saved["version"])

    def draft_answers(self, request_text: str, answers: dict[str, Any], *, letter_date: date | None = None,
                      unfinished: bool = False) -> Draft:
        """Draft a letter from a request and a full set of answers (no conversation needed). ``unfinished``:
        the draft so far of a conversation still asking, with a visible gap where an exemption is still to
        be named (a finished set of answers that refuses without one is refused)."""
        if not isinstance(answers, dict):
            raise InputError("the answers must be an object of keys and values, such as {\"held\": \"yes\"}")
        if not answers.get("regime"):  # a Scottish authority (authority.toml regime = "foisa") answers under FOISA
            answers = {**answers, "regime": self.authority.regime}
        if self.authority.regime == "foisa" and str(answers["regime"]).lower() != "foisa":
            raise InputError(
                f"{self.authority.short_name or self.authority.name} is a Scottish public authority (authority.toml "
                f"regime = \"foisa\"), so it cannot answer under {str(answers['regime']).upper()[:10]}: set "
                "regime to foisa. Environmental information is answered under the Environmental Information "
                "(Scotland) Regulations 2004, which foibot cannot draft: write that reply yourself")
        if is_review(answers):
            return self._draft_review(request_text, answers, letter_date)
        if clarification.stage_of(answers) in clarification.OPEN:  # the letter asking the requester to clarify
            letter_date = date.fromisoformat(answers["letter_date"]) if answers.get("letter_date") else (
                letter_date or self.today())
            return draft_clarification(self.env, self.kb, self.authority, answers, request_text=request_text,
                                       reference=str(answers.get("reference") or "[reference to be allocated]"),
                                       letter_date=letter_date)
        original = answers
        if (clarified := clock_start(answers)) and clarified != _day(answers.get("received")):
            # s10(6)(b): the request is received on the day its clarification arrived (the letter says both days)
            answers = {**answers, "received": clarified.isoformat()}
        answers = normalise(answers, self.kb)
        letter_date = date.fromisoformat(answers["letter_date"]) if answers.get("letter_date") else (
            letter_date or self.today())
        reference = str(answers.get("reference") or "[reference to be allocated]")
        context = build_context(answers, self.kb, self.authority, request_text=request_text, reference=reference,
                                letter_date=letter_date, unfinished=unfinished)
        blocks = with_clarifications(render(self.env, context), original)
        due, due_error = case_due(answers.get("received"), answers.get("regime"),
                                  holiday_data_until=self.authority.holiday_data_until)
        checks = check_draft(blocks, answers, self.kb, cost_limit=self.authority.cost_limit,
                             due=due.due if due else None, letter_date=letter_date)
        schools = schools_note(self.authority.type, due.regime) if due else ""  # the due date's own caveat
        return Draft(blocks=blocks, reference=reference, letter_date=letter_date, due=due, due_error=due_error,
                     checks=checks, notes=[*context.get("notes", []), *([schools] if schools else [])])

    def _draft_review(self, review_request: str, answers: dict[str, Any], letter_date: date | None) -> Draft:
        """An internal review's outcome letter: what the register knows of the case reviewed fills what the answers
        leave out (the original request, its dates and answers)."""
        if self.cases:
            facts = review_facts(self.cases.register, self.store, str(answers["review_of"]))
            facts.pop(SKIPPED, None)
            answers = {**facts, **answers}
        answers = normalise_review(answers, self.kb)
        letter_date = date.fromisoformat(answers["letter_date"]) if answers.get("letter_date") else (
            letter_date or self.today())
        return draft_review(self.env, self.kb, self.authority, answers, review_request=review_request,
                            reference=review_reference(answers), letter_date=letter_date)

    def parts(self, conv_id: str) -> list[tuple[str, str]]:
        """The letter's editable parts as (id, label)."""
        return [(pid, label) for pid, label, _ in dialogue.parts(self._state(conv_id), self.kb)]

    def question_for(self, conv_id: str, path: str) -> dialogue.AskedQuestion:
        """A question of this conversation as it would be asked now (for a form), with the suggestions for its
        part's own words, as the chat asks it (a form may show a part's question before the chat reaches it)."""
        state = self._state(conv_id)
        if path.startswith(clarification.PREFIX):  # a clarification's question, as the chat asks it
            return clarification.ask(state, self.kb, path.removeprefix(clarification.PREFIX))[1]
        state = replace(self._own_suggestions(replace(state, asking=path)), asking=state.asking)
        step = dialogue.step_for(state, self.kb, path)
        if step is None:
            raise FoibotError(f"'{path}' is not a question in this conversation")
        _, event = dialogue.ask(replace(state, asking=None, confirm=None), self.kb, step)
        assert event.question is not None
        return event.question

    def answers(self, conv_id: str) -> dict[str, Any]:
        return self._state(conv_id).answers

    def answer(self, conv_id: str, path: str) -> Any:
        return get_path(self.answers(conv_id), path)


_CLARIFY_LABELS = {"points": "to clarify", "advice": "advice to the requester"}


def _day(value: Any) -> date | None:
    """An ISO date, or None."""
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def slash_command(text: str) -> str:
    """"/foi" when a message is foibot's slash command ("/foi help" sent as a message, or typed in the console),
    else ""."""
    first = text.strip().split(maxsplit=1)
    return "/foi" if first and first[0].lower() == "/foi" else ""


def _findings(saved: dict[str, Any] | None) -> list[str]:
    """A saved draft's check findings as "[rule] message" lines (none for no draft). A letter dated after its due date
    is late, and nothing in it can change that: marking it sent says so plainly (``SentResult.lateness``), so it is
    no finding to override here."""
    return [f"[{f.get('rule')}] {f.get('message')}" for f in fixable((saved or {}).get("checks") or [])
            if isinstance(f, dict)]


def _names(value: Any) -> list[str]:
    """An attachments answer as a list of names."""
    if isinstance(value, str):
        value = [value]
    return [str(v).strip() for v in value or [] if str(v).strip()] if isinstance(value, list) else []


def _same_draft(stored: dict[str, Any], draft: Draft) -> bool:
    """Whether a stored version is this draft: the same letter, date, due date and check findings."""
    return (stored["letter"] == draft.text()
            and stored.get("letter_date") == draft.letter_date.isoformat()
            and stored.get("due") == (draft.due.due.isoformat() if draft.due else None)
            and stored.get("checks") == draft.checks.to_json()["findings"])
