"""How the chat names questions and answers back to the officer: "Noted. section 31 likelihood: would be likely
to", "Request summary stays as it was: …", a case's history in words. Never an internal id or a Python value.

Pure functions over the knowledge base; the wording around them is in ``snippets/replies.yaml``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from foibot.conversation.answers import get_path
from foibot.conversation.asking import Step, ncnd_limb, options_for, plan, resolved, step_for, typed
from foibot.conversation.state import ConversationState, regime_of
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge, Option, limb_text
from foibot.knowledge.replies import Replies
from foibot.law import dates

# The history details ``history-entry`` words itself; any other detail is listed after them as key=value.
_HISTORY_SHOWN = frozenset({"received", "due", "regime", "fields", "changed", "outcome", "exemptions", "topics",
                            "from", "to", "on", "clock", "review_window_end", "review", "review_due",
                            "late_request", "conversation", "version", "check", "file", "overall", "counts",
                            "findings", "inspected", "fingerprint", "via", "source", "replaces", "files",
                            "with_findings", "confirmed", "due_error", "review_of", "letter_date", "warnings"})


def label(kb: Knowledge, path: str) -> str:
    """A question's path as the chat names it: ``foisa-s33.pit_conclusion`` is "section 33 public interest
    conclusion", ``parts.2.held`` is "part 2 held"."""
    head, _, field = path.rpartition(".")
    words = field.replace("_", " ").replace("pit ", "public interest ")
    exemption = kb.exemptions.get(head)
    if exemption is not None:
        return f"{'regulation' if exemption.regime == 'eir' else 'section'} {exemption.number} {words}"
    return f"{head.replace('parts.', 'part ').replace('findings.', 'finding ').replace('.', ' ')} {words}".strip()


def change_name(kb: Knowledge, step: Step) -> str:
    """What an officer types after "change" for a question: its first alias ("received date", "section 43 factors
    against disclosure", "part 2 whether we hold it"), else its label."""
    path, q, _ = step
    if not q.aliases:
        return label(kb, path)
    head = label(kb, path).removesuffix(label(kb, q.id)).strip()
    return f"{head} {q.aliases[0]}".strip()


def answer_words(kb: Knowledge, state: ConversationState, path: str, value: Any) -> str | None:
    """An answer as the officer reads it in an echo: a choice by its label, a date as a day, public interest
    factors by their words (shortened), exemptions as typed (s33); None for a blank answer."""
    if value is None or value == "":
        return None
    head, _, field = path.rpartition(".")
    exemption = kb.exemptions.get(head)
    if field.endswith("exemptions") and isinstance(value, list):
        scope = get_path(state.answers, head) if head else state.answers
        if isinstance(scope, dict) and scope.get("held") == "ncnd":  # as the letter cites them: s40(5A), s31(3)
            return show([_ncnd_cited(kb, state, str(v)) for v in value])
        return show([typed(str(v)) for v in value])  # as the officer types them: s33
    if exemption is not None and field in ("pit_for", "pit_against"):
        items = value if isinstance(value, list) else [value]
        return "; ".join(_shorten(exemption.pit_text(str(v))) for v in items) or None
    step = step_for(state, kb, path)
    if step is not None and step[1].kind == "date" and isinstance(value, str):
        return day(value)  # "Sun 1 Dec 2019", as every date in the chat
    labels = {o.value: o.label for o in _options(kb, state, step)}
    if isinstance(value, list):
        return "; ".join(_shorten(labels.get(str(v), str(v))) for v in value) or None
    return labels.get(str(value), show(value))


# Answers kept beside the questions (from the email, the register), shown in status after the questions' own.
_STATUS_EXTRA = ("requester_email", "requester_address", "reference", "letter_date")


def status_rows(kb: Knowledge, state: ConversationState) -> list[tuple[str, str]]:
    """The answers so far as (label, words), in the order the questions are asked, each as its echo words it:
    choices by their labels, dates as days, factors by their words; a skipped question says so."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for path, question, exemption in plan(state, kb):
        seen.add(path)
        value = get_path(state.answers, path)
        if value in (None, "", []) and path not in state.skipped and not (value == [] and path in state.history):
            continue
        if path in state.skipped and value in (None, ""):
            words = "skipped" if question.required else "left blank"  # an optional one: the standard wording
        elif question.id == "limb" and exemption is not None and len(limbs := _cited_limbs(kb, state, exemption)) > 1:
            words = ", ".join(limbs)  # "31(1)(a), 31(1)(b)": every subsection cited, not the first alone
        else:
            words = answer_words(kb, state, path, value) or "none"
        rows.append((label(kb, path), _shorten(words, 120)))
    for key in _STATUS_EXTRA:
        value = state.answers.get(key)
        if key in seen or value in (None, "", []):
            continue
        if key == "requester_address":
            lines = value if isinstance(value, list) else str(value).split("\n")
            rows.append((label(kb, key), ", ".join(str(v).strip() for v in lines if str(v).strip())))
        else:
            rows.append((label(kb, key), day(value) if key == "letter_date" else show(value)))
    return rows


def _cited_limbs(kb: Knowledge, state: ConversationState, exemption: Any) -> list[str]:
    """The subsections of an exemption the answers cite ("31(1)(a)", "31(1)(b)"), in order."""
    lists = [state.answers.get("exemptions") or []] + [p.get("exemptions") or [] for p in state.answers.get("parts")
                                                       or [] if isinstance(p, dict)]
    out: list[str] = []
    for citation in (str(c) for cited in lists for c in cited):
        try:
            found, _ = resolved(kb, citation, regime_of(state))
        except InputError:  # a citation no longer known is simply not listed
            continue
        shown = typed(citation).lstrip("sr")
        if found is exemption and "(" in shown and shown not in out:
            out.append(shown)
    return out


def _ncnd_cited(kb: Knowledge, state: ConversationState, citation: str) -> str:
    """An exemption cited by an answer that neither confirms nor denies, as the provision the letter cites
    (s40(1) is s40(5A), s31 is s31(3)); as typed when it has none here."""
    try:
        exemption, _ = resolved(kb, citation, regime_of(state))
    except InputError:
        return typed(citation)
    limb = ncnd_limb(kb, state, citation) if exemption.regime == "foia" else ""
    return exemption.section + limb_text(limb) if limb else typed(citation)


def history_text(kb: Knowledge, replies: Replies, entry: dict[str, Any]) -> str:
    """One history entry in words: field names as the chat names them, days as days, versions as numbers."""
    detail = dict(entry.get("detail") or {})
    value = detail.pop("value", None)
    if isinstance(value, dict):  # sent: {"version": 2, "on": "2026-11-20"}
        detail.update(value)
    elif value is not None:  # approved: the version
        detail["version"] = value
    for key in ("received", "due", "on", "review_window_end", "review_due", "letter_date"):
        if isinstance(detail.get(key), str):
            detail[key] = day(detail[key])
    if isinstance(detail.get("warnings"), list):  # sentences from the register, their dates written as days
        detail["warnings"] = [re.sub(r"\b\d{4}-\d{2}-\d{2}\b", lambda m: day(m.group(0)), str(w))
                              for w in detail["warnings"]]
    for key in ("fields", "changed"):
        if isinstance(detail.get(key), list):
            detail[key] = [label(kb, str(f)) for f in detail[key]]
    if isinstance(detail.get("exemptions"), list):
        detail["exemptions"] = [str(e).removeprefix("foisa-") for e in detail["exemptions"]]
    for key in ("outcome", "from", "to"):
        if isinstance(detail.get(key), str):
            detail[key] = detail[key].replace("_", " ")
    other = ", ".join(f"{k}={show(v)}" for k, v in detail.items() if k not in _HISTORY_SHOWN)
    return replies.render("history-entry", action=entry.get("action") or "", d=detail, other=other)


def show(value: Any) -> str:
    """A stored value in plain words: lists and mappings joined, nothing as "none"."""
    if value is None:
        return "none"
    if isinstance(value, list):
        return ", ".join(show(v) for v in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{k} {show(v)}" for k, v in value.items()) or "none"
    return str(value)


def day(iso: str) -> str:
    """An ISO date (or timestamp) as the chat writes days ("Fri 20 Nov 2026"); anything else as it is."""
    try:
        return dates.format_day(date.fromisoformat(iso[:10]))
    except ValueError:
        return iso


def _shorten(text: str, limit: int = 60) -> str:
    """A long label (a public interest factor's sentence) cut at a word, for an echo."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _options(kb: Knowledge, state: ConversationState, step: Step | None) -> list[Option]:
    """The choices a question of the plan offers (none for the exemptions list or a question no longer asked)."""
    if step is None or step[1].kind == "exemptions":
        return []
    path, question, exemption = step
    return options_for(state, kb, question, exemption, path)
