"""The check's rules as data: ``intents/check-rules.yaml`` (id, statutory rule, when it applies, wording)."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from foibot.errors import DataError
from foibot.knowledge.datafile import Node, load_yaml, text_field
from foibot.law.dates import format_long
from foibot.letter.checking.result import CheckResult

APPLIES = ("always", "refusal-notice", "review-outcome", "ncnd", "ncnd-pair", "ncnd-qualified", "refusal", "exemption",
           "qualified", "s12", "s14", "s22", "s36", "s40", "eir", "eir-not-held", "eir-12-5", "eir-12-4-d",
           "extension", "dated", "answers", "foisa", "foisa-refusal", "foisa-not-held", "foisa-ncnd")
RULES_FILE = Path("intents") / "check-rules.yaml"

# FOISA's sections 12 and 14 are checked by the same rules as FOIA's (read in the letter's law); FOISA's other
# sections share no rule with the FOIA section of the same number (FOISA s36 is confidentiality, not FOIA's s36).
_SAME_RULES = {"foisa-s12": "s12", "foisa-s14": "s14"}
PROCEDURAL = frozenset({"s12", "s14", *_SAME_RULES})
"""The procedural refusals (cost, vexatious or repeated) of every law foibot checks."""


def rule_key(key: str) -> str:
    """The rules an exemption family answers to: FOISA's section 12 those of section 12 (``s12``), and so on."""
    return _SAME_RULES.get(key, key)


@dataclass(frozen=True)
class Rule:
    """One rule: its finding id, statutory source, when it applies and the wording of its finding."""

    id: str
    rule: str
    applies: str
    message: str


class RuleBook:
    """The loaded rules, and a way to apply them to one result."""

    def __init__(self, rules: dict[str, Rule]):
        self.rules = rules

    def __getitem__(self, rid: str) -> Rule:
        return self.rules[rid]

    def ids(self, applies: str | None = None) -> list[str]:
        return [r.id for r in self.rules.values() if applies is None or r.applies == applies]

    def need(self, result: CheckResult, rid: str, ok: bool, section: str = "", **values: str) -> None:
        """Record that rule ``rid`` ran (for ``section``), with a finding unless ``ok``."""
        rule = self.rules[rid]
        fid = f"{rid}:{section}" if section else rid
        if ok:
            result.ran(fid)
        else:
            words: defaultdict[str, str] = defaultdict(str, values)
            result.add(fid, rule.rule, rule.message.format_map(words))

    def skip(self, result: CheckResult, rid: str, section: str = "") -> None:
        result.skip(f"{rid}:{section}" if section else rid)

    def dates(self, result: CheckResult, dated: date | None, received: date | None, due: date | None) -> set[str]:
        """The letter's date against the request's receipt and its due date; returns the rules that could run."""
        ran = set()
        if dated and received:
            self.need(result, "dated-after-receipt", dated >= received,
                      detail=f"{format_long(dated)} ({format_long(received)})")
            ran.add("dated-after-receipt")
        if dated and due:
            self.need(result, "on-time", dated <= due, detail=f"{format_long(dated)} (due {format_long(due)})")
            ran.add("on-time")
        return ran


def load_rules(root: Path, implemented: frozenset[str]) -> RuleBook:
    """Load and validate the rules file under ``root``; every id must be one the code implements. Read once
    per process for as long as the file is unchanged."""
    path = root / RULES_FILE
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError as exc:
        raise DataError(str(RULES_FILE), None, None, "is missing") from exc
    return _rulebook(path, mtime_ns, implemented)


@functools.lru_cache(maxsize=8)
def _rulebook(path: Path, mtime_ns: int, implemented: frozenset[str]) -> RuleBook:
    data = load_yaml(path, str(RULES_FILE))
    if not isinstance(data, list):
        raise DataError(str(RULES_FILE), 1, None, "must be a list of rules (each starting with '- ')")
    rules: dict[str, Rule] = {}
    for node in data:
        if not isinstance(node, Node):
            raise DataError(str(RULES_FILE), None, None, f"has an entry that is not a mapping: {str(node)[:40]!r}")
        rule = Rule(id=text_field(node, "id"), rule=text_field(node, "rule"), applies=text_field(node, "applies"),
                    message=text_field(node, "message"))
        if rule.applies not in APPLIES:
            raise node.fail("applies", f"must be one of {', '.join(APPLIES)} (got '{rule.applies}')")
        if rule.id in rules:
            raise node.fail("id", f"duplicates rule '{rule.id}'")
        if rule.id not in implemented:
            raise node.fail("id", f"'{rule.id}' is not a rule foibot implements: {', '.join(sorted(implemented))}")
        rules[rule.id] = rule
    missing = sorted(implemented - set(rules))
    if missing:
        raise DataError(str(RULES_FILE), None, None, f"has no entry for rule(s) {', '.join(missing)}")
    return RuleBook(rules)
