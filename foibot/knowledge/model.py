"""The knowledge base's model: topics, intents, questions and exemptions (loaded by ``loading.py``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foibot.errors import InputError
from foibot.knowledge.citations import parse_citation
from foibot.knowledge.vocabulary import Vocabulary

QUESTION_KINDS = ("text", "longtext", "date", "number", "choice", "multi", "list", "topic", "exemptions")
TEXT_REGIMES = ("foia", "eir", "foisa")
"""The laws a note or help text may be written for (``note: {foia: ..., eir: ..., foisa: ...}``)."""

ByRegime = tuple[tuple[str, str], ...]
"""Text written per law: (regime, text) pairs; a regime left out has no such text."""


def _for_regime(plain: str, by_regime: ByRegime, regime: str) -> str:
    """The text for ``regime``: its own variant when the text is written per law, else the plain text."""
    return dict(by_regime).get(regime, "") if by_regime else plain
STATUTE_STATUSES = ("verified-legislation", "verified-official-quote", "not-quoted")


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    authorities: tuple[str, ...] = ()  # public interest factors: the authority types it fits; empty for any
    contradicts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Public interest factors: the answers it contradicts, (question id, values), such as ("policy_status",
    ("live",)) for "the policy decision has been taken"; it is not offered once one of them is given."""

    def contradicted(self, answers: Any) -> bool:
        """Whether an exemption's answers (a mapping of question id to answer) give one this factor contradicts."""
        return any(str(answers.get(key) or "").lower() in values for key, values in self.contradicts)


def _fits(option: Option, authority_type: str) -> bool:
    return not option.authorities or authority_type in option.authorities


@dataclass(frozen=True)
class Question:
    """A follow-up question. ``when`` is a tuple of alternatives, each a mapping field -> allowed values."""

    id: str
    prompt: str
    kind: str
    options: tuple[Option, ...] = ()
    when: tuple[dict[str, tuple[str, ...]], ...] = ()
    required: bool = True
    help: str = ""
    part: str = ""  # the letter part it is edited under (questions.yaml 'parts'), for flow questions
    ask: bool = True  # False: never asked in turn, only changed on request (e.g. letter_date)
    aliases: tuple[str, ...] = ()  # other ways officers name it ("change the received date")
    helps: ByRegime = ()  # help written per law (questions.yaml ``help: {foia: ..., foisa: ...}``)

    def help_for(self, regime: str) -> str:
        """The help shown when the reply is under ``regime`` (foia, eir, foisa); "" when it has none there."""
        return _for_regime(self.help, self.helps, regime)

    def applies(self, lookup: Any) -> bool:
        """True if any ``when`` alternative holds; ``lookup(key)`` gives the current value of a key."""
        if not self.when:
            return True
        return any(all(_matches(lookup(k), allowed) for k, allowed in alt.items()) for alt in self.when)


def _matches(value: Any, allowed: tuple[str, ...]) -> bool:
    if isinstance(value, list):
        return any(str(v).lower() in allowed for v in value)
    if isinstance(value, bool):
        value = "true" if value else "false"
    return value is not None and str(value).lower() in allowed


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    status: str
    summary: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    published: str = ""
    url: str = ""
    planned: str = ""


@dataclass(frozen=True)
class Intent:
    id: str
    title: str
    examples: tuple[str, ...]
    cues: tuple[str, ...]
    exemptions: tuple[str, ...] = ()
    regime: str = "foia"
    note: str = ""  # a note that holds under every law (it cites none)
    notes: ByRegime = ()  # a note written per law: a FOISA or EIR reply gets its own numbering, or no note

    def note_for(self, regime: str) -> str:
        """The note for a reply under ``regime`` (foia, eir, foisa); "" when the note has no counterpart there."""
        return _for_regime(self.note, self.notes, regime)


@dataclass(frozen=True)
class Statute:
    status: str
    source: str
    url: str
    text: str = ""
    omitted: str = ""
    unverified: tuple[str, ...] = ()  # limbs (``1(i)``) whose text is not verified as current: cited by address only

    @property
    def quoted(self) -> bool:
        return self.status != "not-quoted" and bool(self.text.strip())


@dataclass(frozen=True)
class Exemption:
    section: str
    regime: str
    title: str
    type: str
    basis: str
    statute: Statute
    ncnd: str = ""
    eir_equivalent: str = ""
    limbs: tuple[Option, ...] = ()
    default_limb: str = ""
    cues: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    pit_for: tuple[Option, ...] = ()
    pit_against: tuple[Option, ...] = ()
    path: str = ""
    limb_types: tuple[tuple[str, str], ...] = ()
    """Limbs whose nature differs from the section's (FOISA s36(2) absolute beside the qualified s36(1))."""

    @property
    def qualified(self) -> bool:
        return self.type == "qualified"

    def type_of(self, limb: str = "") -> str:
        """The nature of one limb (``2``, ``(2)``): its own when the file gives it one, else the section's."""
        limb = limb.strip()
        limb = (limb[1:].replace(")", "", 1) if limb.startswith("(") else limb) or self.default_limb
        for value, kind in self.limb_types:
            if limb == value or limb.startswith(value + "("):
                return kind
        return self.type

    def weighs(self, limbs: tuple[str, ...] | list[str] | set[str] = ()) -> bool:
        """A public interest test applies to any of ``limbs`` (the default limb when none is given)."""
        return any(self.type_of(limb) == "qualified" for limb in (limbs or [""]))

    @property
    def number(self) -> str:
        """``31`` for s31 and foisa-s31, ``12(5)(e)`` for r12(5)(e)."""
        return self.section.removeprefix("foisa-")[1:]

    def cite(self, limb: str | None = None) -> str:
        """How the letter cites it: ``section 31(1)(a)``, ``regulation 12(5)(e)``."""
        limb = limb or self.default_limb
        if self.regime == "eir":
            return f"regulation {self.number}"
        return f"section {self.number}" + (limb_text(limb) if limb else "")

    def has_limb(self, limb: str) -> bool:
        if not self.limbs:
            return False
        return any(o.value == limb or o.value.startswith(limb + "(") or limb.startswith(o.value + "(")
                   for o in self.limbs)

    def describe(self, limb: str = "") -> str:
        """A plain-text account: nature, limbs, statute, questions and public interest factors."""
        e = self
        lines = [f"{e.cite(limb) if e.regime != 'eir' else e.cite()}: {e.title}"
                 + (" (Freedom of Information (Scotland) Act 2002)" if e.regime == "foisa" else ""),
                 _nature(e.type_of(limb) if limb else e.type, e.basis) + (f"; NCND: {e.ncnd}" if e.ncnd else "")]
        if e.limbs:
            kinds = dict(e.limb_types)
            lines.append("Limbs: " + "; ".join(f"{o.value} {o.label}" + (f" ({kinds[o.value]})" if o.value in kinds
                                                                          else "") for o in e.limbs))
        if e.statute.quoted:
            lines += ["", f"Statute ({e.statute.status}; {e.statute.source}):", e.statute.text]
        elif not e.statute.omitted:  # the omitted note, when there is one, says why and where to read it
            lines += ["", f"Statute not quoted; read it at {e.statute.url}"]
        if e.statute.omitted:
            lines += [e.statute.omitted] if e.statute.quoted else ["", e.statute.omitted]
        if e.questions:
            lines += ["", "Questions foibot asks:"] + [f"  - {q.prompt}" for q in e.questions]
        if e.qualified:
            lines += ["", "Public interest, in favour of disclosure:"] + [f"  - {o.label}" for o in e.pit_for]
            lines += ["Public interest, in favour of maintaining the exemption:"]
            lines += [f"  - {o.label}" for o in e.pit_against]
        return "\n".join(lines)

    def pit_options(self, side: str, authority_type: str) -> tuple[Option, ...]:
        """The bank's factors ``for`` or ``against`` disclosure that fit this type of authority (authority.toml)."""
        bank = self.pit_for if side == "for" else self.pit_against
        return tuple(o for o in bank if _fits(o, authority_type))

    def pit_text(self, item: str) -> str:
        """A bank factor's text when ``item`` is its id, else ``item`` itself (the officer's words)."""
        for option in self.pit_for + self.pit_against:
            if option.value == item:
                return option.label
        return item


def limb_text(limb: str) -> str:
    """``1(a)`` -> ``(1)(a)``."""
    head, _, rest = limb.partition("(")
    return f"({head})" + (f"({rest}" if rest else "")


@dataclass
class Knowledge:
    """Everything loaded from ``intents/``."""

    root: Path
    topics: dict[str, Topic] = field(default_factory=dict)
    intents: dict[str, Intent] = field(default_factory=dict)
    flow: list[Question] = field(default_factory=list)
    per_exemption: list[Question] = field(default_factory=list)
    parts: tuple[Option, ...] = ()  # the letter's editable parts, from questions.yaml
    per_part: tuple[str, ...] = ()  # flow questions asked for each part of a request in parts (questions.yaml)
    exemptions: dict[str, Exemption] = field(default_factory=dict)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)  # replies-vocabulary.yaml
    authority_type: str = "other"  # authority.toml ``type``: which public interest factors the dialogue offers
    authority_name: str = ""  # authority.toml ``name``: whose privileges an exemption may protect (section 34)

    def pit_bank(self, exemption: Exemption, question_id: str) -> tuple[Option, ...]:
        """The factors offered for ``pit_for`` / ``pit_against``: those that fit this type of authority."""
        return exemption.pit_options("for" if question_id == "pit_for" else "against", self.authority_type)

    def question(self, qid: str) -> Question | None:
        for q in self.flow:
            if q.id == qid:
                return q
        return None

    def typed(self, regime: str) -> list[str]:
        """The exemptions of one law as officers type them: ``s21`` (FOIA), ``s25`` (FOISA), ``reg 12(5)(e)``."""
        return [typed_section(e) for e in self.exemptions.values() if e.regime == regime]

    def resolve(self, citation: str, regime: str = "foia") -> tuple[Exemption, str]:
        """Parse a citation (``s31(1)(a)``, ``section 40(2)``, ``reg 12(5)(e)``) to (exemption, limb).

        ``regime`` is the law the request is handled under: under the EIR a bare ``12(5)(e)`` is a regulation.
        """
        parsed = parse_citation(citation, regime)
        key = parsed.family
        if parsed.regime == "foisa" and not key.startswith("foisa-"):
            key = "foisa-" + key
        exemption = self.exemptions.get(key)
        limb = "" if parsed.is_regulation else parsed.limb
        if exemption is None:
            raise InputError(f"foibot knows no exemption '{citation.strip()}'. Known: {', '.join(self.typed(regime))}")
        if limb and exemption.limbs and not exemption.has_limb(limb):
            raise InputError(f"{exemption.cite('')} has no subsection {limb_text(limb)}. Known: "
                             + ", ".join(exemption.cite(o.value) for o in exemption.limbs))
        return exemption, limb


def typed_section(exemption: Exemption) -> str:
    """An exemption as officers type it: ``s21`` (FOIA), ``s25`` (FOISA, never ``foisa-s25``), ``reg 12(5)(e)``."""
    return f"reg {exemption.section[1:]}" if exemption.regime == "eir" else exemption.section.removeprefix("foisa-")


_NCND_FOR_ONE_SUBSECTION = {("s40", "5A"): "1", ("s40", "5B"): "2"}
"""Neither-confirm-nor-deny provisions that stand for one subsection: 40(5A) the requester's own data, 40(5B)
someone else's. Every other one (30(3), 31(3), 23(5)) covers the whole section."""


def ncnd_provision(kb: Knowledge, citation: str, regime: str = "foia") -> tuple[Exemption, str] | None:
    """For a citation of a neither-confirm-nor-deny provision, the exemption and the one subsection it stands for
    ('' when it covers them all); None for any other citation."""
    try:
        parsed = parse_citation(citation, regime)
    except InputError:
        return None
    exemption = kb.exemptions.get(parsed.family)
    if exemption is None or parsed.is_regulation or not parsed.limb:
        return None
    head = parsed.limb.partition("(")[0].upper()
    if (exemption.section, head) in _NCND_FOR_ONE_SUBSECTION:
        return exemption, _NCND_FOR_ONE_SUBSECTION[(exemption.section, head)]
    provisions = [p.strip().partition("(")[2].partition(")")[0].upper() for p in re.split(r"[,;]| and ", exemption.ncnd)
                  if p.strip().startswith(exemption.number + "(")]
    return (exemption, "") if head in provisions and not exemption.has_limb(parsed.limb) else None


def resolve_ncnd(kb: Knowledge, citation: str, regime: str = "foia") -> tuple[Exemption, str] | None:
    """For a citation of a neither-confirm-nor-deny provision (``s31(3)``, ``s40(5A)``, ``s23(5)``), the exemption
    and the limb it stands for (the default limb when it covers them all); None for any other citation
    (``Knowledge.resolve`` stays strict)."""
    found = ncnd_provision(kb, citation, regime)
    if found is None:
        return None
    exemption, limb = found
    if not limb:
        head = parse_citation(citation, regime).limb.partition("(")[0].upper()
        limb = exemption.default_limb or (exemption.limbs[0].value if exemption.limbs else head)
    return exemption, limb


def _nature(kind: str, basis: str) -> str:
    """"Qualified, prejudice-based"; a procedural refusal (s12, s14) is just "Procedural"."""
    return kind.capitalize() if kind == basis or basis == "procedural" else f"{kind.capitalize()}, {basis}-based"
