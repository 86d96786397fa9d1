"""The statutory check: does a letter meet s17 (reg 14 for the EIR), and is it lawful for its outcome?

``check`` reads any letter's text tolerantly (``foibot check LETTER_FILE``). ``check_draft`` checks one of
foibot's own drafts: the same text rules plus rules over the structured answers it was drafted from, part
by part. The rules and the wording of findings are data (``intents/check-rules.yaml``); the result says
which rules ran and which were not applicable.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from foibot.knowledge.model import Knowledge
from foibot.letter.blocks import Block, to_text
from foibot.letter.checking.answer_rules import check_answers, extended_due
from foibot.letter.checking.draft_rules import check_blocks
from foibot.letter.checking.reading import read
from foibot.letter.checking.result import CheckResult, Finding
from foibot.letter.checking.rules import RuleBook, load_rules
from foibot.letter.checking.text_rules import check_text

__all__ = ["CheckResult", "Finding", "IMPLEMENTED", "check", "check_draft", "rulebook"]

IMPLEMENTED = frozenset({
    "regime", "confirm-or-deny", "exemption-missing", "ncnd-provision", "ncnd-consistency", "ncnd-either-or",
    "ncnd-pit", "ncnd-own-data", "subsection", "reason", "pit", "cost-limit", "cost-estimate", "advice",
    "cost-exceeds", "s14-notice", "s14-whole-request", "publication-date", "s21-where", "qualified-person",
    "qualified-person-who",
    "eir-no-foia-exemption", "eir-via-s39",
    "foia-no-eir-exception", "eir-adverse-effect", "eir-emissions", "eir-presumption", "eir-completion", "eir-not-held",
    "eir-representations", "eir-enforcement", "extension-notice", "internal-review", "internal-review-how",
    "ico-complaint", "complete", "markup", "dated-after-receipt", "on-time", "review-date", "foisa-review",
    "foisa-commissioner",
    "foisa-uk-law", "foisa-ncnd", "foisa-refusal", "foisa-not-held", "foisa-foia-section", "not-run",
})


def rulebook(kb: Knowledge) -> RuleBook:
    """The rules in ``intents/check-rules.yaml`` beside the knowledge base (validated; DataError if broken)."""
    return load_rules(kb.root, IMPLEMENTED)


def check(letter: str, kb: Knowledge, *, due: date | None = None, letter_date: date | None = None,
          received: date | None = None) -> CheckResult:
    """Check a letter's text: any authority's letter, an edited export or a draft."""
    result = CheckResult()
    check_text(read(letter, kb), kb, rulebook(kb), result, due=due, letter_date=letter_date, received=received)
    return result


def check_draft(letter: str | list[Block], answers: dict[str, Any], kb: Knowledge, *, cost_limit: int = 450,
                due: date | None = None, letter_date: date | None = None) -> CheckResult:
    """Check one of foibot's drafts against the normalised answers it was drafted from.

    Given its blocks (the document model), the regime, NCND, the exemptions, the public interest tests and the
    review and complaint paragraphs are read from the answers and the blocks' roles, not from the wording; the
    tolerant text reader covers what only the wording shows (reasons, leaks, gaps). Given only text (an edited
    export), the text reader does everything. The check passes only when every applicable rule ran."""
    result = CheckResult(source="draft")
    blocks = letter if isinstance(letter, list) else None
    text = to_text(blocks) if blocks is not None else str(letter)
    received = date.fromisoformat(answers["received"]) if answers.get("received") else None
    due = extended_due(answers, due)
    book = rulebook(kb)
    regime = str(answers.get("regime") or "foia").lower()
    result.regime = regime if regime in ("foia", "eir", "foisa") else ""
    check_text(read(text, kb, regime if regime == "foisa" else None), kb, book, result, due=due,
               letter_date=letter_date, received=received)
    for rid in book.ids("answers"):
        result.not_applicable.remove(rid) if rid in result.not_applicable else None
    check_answers(answers, kb, book, result, letter_text=text, cost_limit=cost_limit, due=due,
                  letter_date=letter_date)
    if blocks is not None:
        check_blocks(blocks, answers, kb, book, result)
    for rid in book.ids("answers"):
        if rid != "not-run" and not any(c == rid or c.startswith(rid + ":") for c in result.checked):
            book.skip(result, rid)
    settled = result.checked + result.not_applicable + [f.id for f in result.findings]
    unrun = [rid for rid in book.ids() if rid != "not-run"
             and not any(s == rid or s.startswith(rid + ":") for s in settled)]
    book.need(result, "not-run", not unrun, detail=", ".join(unrun))
    return result
