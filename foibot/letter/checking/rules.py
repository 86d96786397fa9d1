"""The check's rules as data: ``intents/check-rules.yaml`` (id, statutory rule, when it applies, wording)."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from foibot.errors import DataError
from foibot.knowledge.datafile import Node, list_field, load_yaml, text_field
from foibot.knowledge.profile_files import data_file
from foibot.law.dates import format_long
from foibot.letter.checking.result import CheckResult

APPLIES = ("always", "refusal-notice", "review-outcome", "ncnd", "ncnd-pair", "ncnd-qualified", "refusal", "exemption",
           "qualified", "s12", "s14", "s22", "s36", "s39", "s40", "eir", "eir-not-held", "eir-12-5", "eir-12-4-d",
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


REGIMES = ("foia", "eir", "foisa")


@dataclass(frozen=True)
class Rule:
    """One rule: its finding id, statutory source, when it applies and the wording of its finding. ``laws``: the
    source and wording under another law than FOIA's (``foisa``, ``eir``), where that law's own provision is another;
    ``authorities``: the types of authority (``authority.toml`` ``type``) the rule is for (empty: every type);
    ``words``: the lists of words the rule reads (what it knows, as data); ``warning``: the wording of a warning the
    rule may give besides its finding (something to correct that still meets the law, so the check passes)."""

    id: str
    rule: str
    applies: str
    message: str
    laws: dict[str, tuple[str, str]] = field(default_factory=dict)
    authorities: tuple[str, ...] = ()
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warning: str = ""

    def under(self, regime: str) -> tuple[str, str]:
        """The statutory source and the wording of the finding in a letter under ``regime``."""
        return self.laws.get(regime, (self.rule, self.message))

    def for_authority(self, kind: str) -> bool:
        return not self.authorities or kind in self.authorities


class RuleBook:
    """The loaded rules, and a way to apply them to one result."""

    def __init__(self, rules: dict[str, Rule], from_shipped: tuple[str, ...] = ()):
        self.rules = rules
        self.from_shipped = from_shipped
        """Rules the profile's file lacks (added to foibot after it was copied), taken from foibot's own file."""

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
            source, message = rule.under(result.regime)
            result.add(fid, source, message.format_map(words))

    def warn(self, result: CheckResult, rid: str, section: str = "", **values: str) -> None:
        """Record rule ``rid``'s warning (its ``warning`` wording): it ran, and the letter still passes."""
        rule = self.rules[rid]
        source, _ = rule.under(result.regime)
        result.warn(f"{rid}:{section}" if section else rid, source,
                    rule.warning.format_map(defaultdict(str, values)))

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


def words_in(rule: Rule, name: str, text: str) -> list[str]:
    """The words of the rule's list ``name`` that ``text`` contains (whole words, any case)."""
    lowered = " ".join(text.lower().split())
    return [w for w in rule.words.get(name, ()) if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", lowered)]


def not_qualified(book: RuleBook, kind: str, named: str) -> bool:
    """Whether ``named``, given as a section 36 qualified person by an authority of type ``kind``, is plainly not one
    (rule ``qualified-person-who``: for a government department, a civil servant's post and no Minister's)."""
    rule = book["qualified-person-who"]
    return rule.for_authority(kind) and bool(words_in(rule, "civil_service", named)) and not words_in(
        rule, "minister", named)


def load_rules(root: Path, implemented: frozenset[str]) -> RuleBook:
    """Load and validate the rules file under ``root``; every id must be one the code implements. Read once
    per process for as long as the file is unchanged."""
    path = data_file(root, str(RULES_FILE))
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError as exc:
        raise DataError(str(RULES_FILE), None, None, "is missing") from exc
    return _rulebook(path, mtime_ns, implemented)


SHIPPED = Path(__file__).resolve().parents[3] / RULES_FILE


@functools.lru_cache(maxsize=8)
def _rulebook(path: Path, mtime_ns: int, implemented: frozenset[str]) -> RuleBook:
    rules = _read_rules(path, implemented)
    missing = implemented - set(rules)
    shipped = {}
    if missing and SHIPPED.exists() and SHIPPED.resolve() != path.resolve():  # a profile copied before a rule came
        shipped = {rid: rule for rid, rule in _read_rules(SHIPPED, implemented).items() if rid in missing}
    if unknown := sorted(missing - set(shipped)):
        raise DataError(str(RULES_FILE), None, None, f"has no entry for rule(s) {', '.join(unknown)}")
    return RuleBook({**rules, **shipped}, from_shipped=tuple(sorted(shipped)))


def _read_rules(path: Path, implemented: frozenset[str]) -> dict[str, Rule]:
    """The rules of one file, each validated (its id one the code implements)."""
    data = load_yaml(path, str(RULES_FILE))
    if not isinstance(data, list):
        raise DataError(str(RULES_FILE), 1, None, "must be a list of rules (each starting with '- ')")
    rules: dict[str, Rule] = {}
    for node in data:
        if not isinstance(node, Node):
            raise DataError(str(RULES_FILE), None, None, f"has an entry that is not a mapping: {str(node)[:40]!r}")
        rule = Rule(id=text_field(node, "id"), rule=text_field(node, "rule"), applies=text_field(node, "applies"),
                    message=text_field(node, "message"), laws=_laws(node),
                    authorities=tuple(str(a) for a in list_field(node, "authorities")), words=_words(node),
                    warning=text_field(node, "warning", required=False))
        if rule.applies not in APPLIES:
            raise node.fail("applies", f"must be one of {', '.join(APPLIES)} (got '{rule.applies}')")
        if rule.id in rules:
            raise node.fail("id", f"duplicates rule '{rule.id}'")
        if rule.id not in implemented:
            raise node.fail("id", f"'{rule.id}' is not a rule foibot implements: {', '.join(sorted(implemented))}")
        rules[rule.id] = rule
    return rules


_KNOWN = {"id", "rule", "applies", "message", "authorities", "words", "warning", *REGIMES}


def _laws(node: Node) -> dict[str, tuple[str, str]]:
    """A rule's source and wording under FOISA or the EIR (``foisa: {rule, message}``), each defaulting to FOIA's."""
    unknown = sorted(set(node) - _KNOWN)
    if unknown:
        raise node.fail(unknown[0], f"is not a field of a rule (fields: {', '.join(sorted(_KNOWN))})")
    laws = {}
    for regime in REGIMES:
        law = node.get(regime)
        if law is None:
            continue
        if not isinstance(law, Node) or set(law) - {"rule", "message"}:
            raise node.fail(regime, "must be a mapping with 'rule' and (optionally) 'message'")
        laws[regime] = (text_field(law, "rule"), text_field(law, "message", required=False,
                                                             default=text_field(node, "message")))
    return laws


def _words(node: Node) -> dict[str, tuple[str, ...]]:
    """A rule's word lists (``words: {name: [word, ...]}``), each word lower case."""
    value = node.get("words")
    if value is None:
        return {}
    if not isinstance(value, Node) or not all(isinstance(v, list) for v in value.values()):
        raise node.fail("words", "must be a mapping of names to lists of words")
    return {str(k): tuple(str(w).lower() for w in v) for k, v in value.items()}
