"""The knowledge base: topics, intents, questions and exemptions, loaded from ``intents/``.

Everything is validated on load. A bad file raises DataError naming the file, line and field,
so foibot refuses to start rather than draft from broken data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from foibot.errors import DataError, InputError
from foibot.knowledge.authority import AUTHORITY_TYPES, profile_type
from foibot.knowledge.citations import parse_citation
from foibot.knowledge.datafile import Node, choice_field, list_field, load_yaml, text_field
from foibot.knowledge.vocabulary import Vocabulary, load_vocabulary

QUESTION_KINDS = ("text", "longtext", "date", "number", "choice", "multi", "list", "topic", "exemptions")
STATUTE_STATUSES = ("verified-legislation", "verified-official-quote", "not-quoted")


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    authorities: tuple[str, ...] = ()  # public interest factors: the authority types it fits; empty for any


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
    note: str = ""


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

    @property
    def qualified(self) -> bool:
        return self.type == "qualified"

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
                 f"{e.type.capitalize()}, {e.basis}-based" + (f"; NCND: {e.ncnd}" if e.ncnd else "")]
        if e.limbs:
            lines.append("Limbs: " + "; ".join(f"{o.value} {o.label}" for o in e.limbs))
        if e.statute.quoted:
            lines += ["", f"Statute ({e.statute.status}; {e.statute.source}):", e.statute.text]
        else:
            lines += ["", f"Statute not quoted; read it at {e.statute.url}"]
        if e.statute.omitted:
            lines.append(e.statute.omitted)
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

    def pit_bank(self, exemption: Exemption, question_id: str) -> tuple[Option, ...]:
        """The factors offered for ``pit_for`` / ``pit_against``: those that fit this type of authority."""
        return exemption.pit_options("for" if question_id == "pit_for" else "against", self.authority_type)

    def question(self, qid: str) -> Question | None:
        for q in self.flow:
            if q.id == qid:
                return q
        return None

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
            raise InputError(f"foibot knows no exemption '{citation.strip()}'. Known: {', '.join(self.exemptions)}")
        if limb and exemption.limbs and not exemption.has_limb(limb):
            raise InputError(f"{exemption.cite('')} has no subsection {limb_text(limb)}. Known: "
                             + ", ".join(exemption.cite(o.value) for o in exemption.limbs))
        return exemption, limb


def _ncnd_head(exemption: Exemption, limb: str) -> str:
    """For a limb that is the exemption's neither-confirm-nor-deny provision, the limb it stands for (s40(5A) is
    the requester's own data, 40(1); 40(5B) third parties', 40(2); others their default limb); else empty."""
    head = limb.partition("(")[0].upper()
    if exemption.section == "s40" and head in ("5A", "5B"):
        return "1" if head == "5A" else "2"
    provisions = [p.strip().partition("(")[2].partition(")")[0].upper() for p in re.split(r"[,;]| and ", exemption.ncnd)
                  if p.strip().startswith(exemption.number + "(")]
    if head in provisions and not exemption.has_limb(limb):
        return exemption.default_limb or (exemption.limbs[0].value if exemption.limbs else head)
    return ""


def resolve_ncnd(kb: Knowledge, citation: str, regime: str = "foia") -> tuple[Exemption, str] | None:
    """For a citation of a neither-confirm-nor-deny provision (``s31(3)``, ``s40(5A)``, ``s23(5)``), the exemption
    and the limb it stands for; None for any other citation (``Knowledge.resolve`` stays strict)."""
    try:
        parsed = parse_citation(citation, regime)
    except InputError:
        return None
    exemption = kb.exemptions.get(parsed.family)
    if exemption is None or parsed.is_regulation or not parsed.limb:
        return None
    limb = _ncnd_head(exemption, parsed.limb)
    return (exemption, limb) if limb else None


def is_ncnd_citation(kb: Knowledge, citation: str, regime: str = "foia") -> bool:
    """True if ``citation`` names a neither-confirm-nor-deny provision."""
    return resolve_ncnd(kb, citation, regime) is not None


# --- loading ------------------------------------------------------------------------------------


def load_knowledge(root: Path) -> Knowledge:
    """Load and validate ``root/intents``. Raises DataError on the first problem found."""
    folder = root / "intents"
    kb = Knowledge(root=root, authority_type=profile_type(root / "authority.toml"))
    rel = lambda p: str(p.relative_to(root))  # noqa: E731

    for node in _list_of_mappings(folder / "topics.yaml", rel):
        topic = topic_from_node(node)
        if topic.id in kb.topics:
            raise node.fail("id", f"duplicates topic '{topic.id}'")
        kb.topics[topic.id] = topic

    files = sorted((folder / "exemptions").rglob("*.yaml"))  # FOISA files sit in exemptions/foisa/
    nodes: dict[str, Node] = {}
    if not files:
        raise DataError(rel(folder / "exemptions"), None, None, "holds no exemption files")
    for path in files:
        node = load_yaml(path, rel(path))
        if not isinstance(node, Node):
            raise DataError(rel(path), 1, None, "must be a mapping of fields")
        exemption = _exemption(node, rel(path))
        if exemption.section in kb.exemptions:
            raise node.fail("section", f"duplicates {exemption.section} in {kb.exemptions[exemption.section].path}")
        kb.exemptions[exemption.section] = exemption
        nodes[exemption.section] = node
    for section, exemption in kb.exemptions.items():
        if exemption.eir_equivalent and kb.exemptions.get(exemption.eir_equivalent, None) is None:
            raise nodes[section].fail("eir_equivalent", f"'{exemption.eir_equivalent}' has no file in exemptions/")

    for node in _list_of_mappings(folder / "intents.yaml", rel):
        intent = _intent(node)
        if intent.id in kb.intents:
            raise node.fail("id", f"duplicates intent '{intent.id}'")
        for citation in intent.exemptions:
            try:
                kb.resolve(citation)
            except InputError as exc:
                raise node.fail("exemptions", str(exc)) from exc
        kb.intents[intent.id] = intent

    qpath = folder / "questions.yaml"
    qdata = load_yaml(qpath, rel(qpath)) if qpath.exists() else None
    if not isinstance(qdata, Node):
        raise DataError(rel(qpath), 1, None, "must be a mapping with lists 'flow' and 'per_exemption'")
    kb.flow = [_question(n) for n in _mappings(qdata, "flow")]
    kb.per_exemption = [_question(n) for n in _mappings(qdata, "per_exemption")]
    kb.parts = _options(qdata, "parts")
    for q, qnode in zip(kb.flow, _mappings(qdata, "flow"), strict=True):
        if q.part not in {p.value for p in kb.parts}:
            raise qnode.fail("part", f"must be one of the 'parts' ids: {', '.join(p.value for p in kb.parts)}")
    _check_unique(kb.flow, qdata, "flow")
    _check_unique(kb.per_exemption, qdata, "per_exemption")
    kinds = {q.kind for q in kb.flow}
    if "exemptions" not in kinds:
        raise qdata.fail("flow", "needs a question of kind 'exemptions'")
    kb.per_part = tuple(str(x) for x in list_field(qdata, "per_part"))
    unknown = [x for x in kb.per_part if kb.question(x) is None]
    if unknown:
        raise qdata.fail("per_part", f"names no flow question: {', '.join(unknown)}")
    vpath = folder / "replies-vocabulary.yaml"
    kb.vocabulary = load_vocabulary(vpath, rel(vpath))
    return kb


def _list_of_mappings(path: Path, rel: Any) -> list[Node]:
    if not path.exists():
        raise DataError(rel(path), None, None, "is missing")
    data = load_yaml(path, rel(path))
    if not isinstance(data, list):
        raise DataError(rel(path), 1, None, "must be a list of entries (each starting with '- ')")
    for item in data:
        if not isinstance(item, Node):
            raise DataError(rel(path), None, None, f"has an entry that is not a mapping: {str(item)[:40]!r}")
    return data


def _mappings(node: Node, key: str) -> list[Node]:
    items = list_field(node, key, required=True)
    for item in items:
        if not isinstance(item, Node):
            raise node.fail(key, "must be a list of mappings")
    return items


def _check_unique(questions: list[Question], node: Node, key: str) -> None:
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise node.fail(key, f"has question '{q.id}' twice")
        seen.add(q.id)


def _strings(node: Node, key: str, *, required: bool = False) -> tuple[str, ...]:
    items = list_field(node, key, required=required)
    out = []
    for item in items:
        if isinstance(item, dict | list) or item is None:
            raise node.fail(key, "must be a list of words or phrases")
        out.append(str(item).strip())
    if required and not out:
        raise node.fail(key, "must not be empty")
    return tuple(out)


def _date_text(node: Node, key: str) -> str:
    value = node.get(key)
    if value in (None, ""):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def topic_from_node(node: Node) -> Topic:
    status = choice_field(node, "status", ("published", "forthcoming"))
    topic = Topic(
        id=text_field(node, "id"), title=text_field(node, "title"), status=status,
        summary=text_field(node, "summary"), aliases=_strings(node, "aliases"), keywords=_strings(node, "keywords"),
        published=_date_text(node, "published"), url=text_field(node, "url", required=False),
        planned=_date_text(node, "planned"),
    )
    if status == "published" and not topic.published:
        raise node.fail(None, "is published, so it needs field 'published' (an ISO date)")
    if status == "published" and topic.published:
        try:
            date.fromisoformat(topic.published)
        except ValueError as exc:
            raise node.fail("published", f"must be an ISO date such as 2019-09-27 (got '{topic.published}')") from exc
    if status == "forthcoming" and not topic.planned:
        raise node.fail(None, "is forthcoming, so it needs field 'planned'")
    return topic


def _intent(node: Node) -> Intent:
    intent = Intent(
        id=text_field(node, "id"), title=text_field(node, "title"),
        examples=_strings(node, "examples", required=True), cues=_strings(node, "cues", required=True),
        exemptions=_strings(node, "exemptions"), regime=choice_field(node, "regime", ("foia", "eir"), default="foia"),
        note=text_field(node, "note", required=False),
    )
    if len(intent.examples) < 2:
        raise node.fail("examples", "needs at least two example phrasings")
    return intent


def _options(node: Node, key: str) -> tuple[Option, ...]:
    out = []
    for item in list_field(node, key):
        if isinstance(item, Node):
            # Options are {value, label}; limbs {id, label}; public interest factors {id, text}.
            value = text_field(item, "id" if "id" in item else "value")
            label = text_field(item, "text", required=False) or text_field(item, "label", required=False, default=value)
            authorities = _strings(item, "authorities")
            for kind in authorities:
                if kind not in AUTHORITY_TYPES:
                    raise item.fail("authorities",
                                    f"'{kind}' is not an authority type; use {', '.join(AUTHORITY_TYPES)}")
            out.append(Option(value=value, label=label, authorities=authorities))
        elif isinstance(item, str | int | float):
            out.append(Option(value=str(item), label=str(item)))
        else:
            raise node.fail(key, "must be a list of {value, label} or plain words")
    return tuple(out)


def _when(node: Node) -> tuple[dict[str, tuple[str, ...]], ...]:
    raw = node.get("when")
    if raw is None:
        return ()
    alternatives = raw if isinstance(raw, list) else [raw]
    out = []
    for alt in alternatives:
        if not isinstance(alt, dict) or not alt:
            raise node.fail("when", "must be a mapping field: [values], or a list of such mappings")
        out.append({str(k): tuple(str(v).lower() for v in (vals if isinstance(vals, list) else [vals]))
                    for k, vals in alt.items()})
    return tuple(out)


def _question(node: Node) -> Question:
    kind = choice_field(node, "kind", QUESTION_KINDS)
    question = Question(
        id=text_field(node, "id"), prompt=text_field(node, "prompt"), kind=kind, options=_options(node, "options"),
        when=_when(node), required=bool(node.get("required", True)), help=text_field(node, "help", required=False),
        part=text_field(node, "part", required=False), ask=bool(node.get("ask", True)),
        aliases=_strings(node, "aliases"),
    )
    if kind in ("choice", "multi") and not question.options:
        raise node.fail("options", f"is needed for a question of kind '{kind}'")
    return question


def _exemption(node: Node, path: str) -> Exemption:
    section = text_field(node, "section")
    if not re.fullmatch(r"(foisa-)?s\d+[A-Z]?|r\d+(\([0-9a-z]+\))*", section):
        raise node.fail("section", f"must look like s22, r12(5)(e) or foisa-s35 (got '{section}')")
    statute_node = node.get("statute")
    if not isinstance(statute_node, Node):
        raise node.fail("statute" if "statute" in node else None, "needs a 'statute' mapping with status, source, url")
    statute = Statute(
        status=choice_field(statute_node, "status", STATUTE_STATUSES), source=text_field(statute_node, "source"),
        url=text_field(statute_node, "url"), text=str(statute_node.get("text") or "").strip(),
        omitted=text_field(statute_node, "omitted", required=False), unverified=_strings(statute_node, "unverified"),
    )
    if statute.status != "not-quoted" and not statute.text:
        raise statute_node.fail("text", f"is empty but status is '{statute.status}'; quote it or use not-quoted")
    if statute.status == "not-quoted" and statute.text:
        raise statute_node.fail("text", "must be empty when status is not-quoted (only verified statute is quoted)")
    pit = node.get("pit") or {}
    if not isinstance(pit, dict):
        raise node.fail("pit", "must be a mapping with lists 'for' and 'against'")
    exemption = Exemption(
        section=section, regime=choice_field(node, "regime", ("foia", "eir", "foisa")), title=text_field(node, "title"),
        type=choice_field(node, "type", ("absolute", "qualified", "procedural")),
        basis=choice_field(node, "basis", ("class", "prejudice", "procedural")), statute=statute,
        ncnd=text_field(node, "ncnd", required=False), limbs=_options(node, "limbs"),
        eir_equivalent=text_field(node, "eir_equivalent", required=False),
        default_limb=text_field(node, "default_limb", required=False), cues=_strings(node, "cues"),
        questions=tuple(_question(n) for n in _mappings(node, "questions")) if node.get("questions") else (),
        pit_for=_options(pit, "for") if isinstance(pit, Node) else (),
        pit_against=_options(pit, "against") if isinstance(pit, Node) else (),
        path=path,
    )
    if exemption.qualified and (len(exemption.pit_for) < 1 or len(exemption.pit_against) < 1):
        raise node.fail("pit", "a qualified exemption needs public interest factors 'for' and 'against'")
    for kind in AUTHORITY_TYPES if exemption.qualified else ():
        for side in ("for", "against"):
            if not exemption.pit_options(side, kind):
                raise node.fail("pit", f"has no '{side}' factor that fits a {kind} authority; add one with no "
                                "'authorities' (fits any) or one listing it")
    for limb in exemption.statute.unverified:
        if not exemption.has_limb(limb):
            raise statute_node.fail("unverified", f"'{limb}' is not one of its limbs")
    if exemption.default_limb and exemption.limbs and not exemption.has_limb(exemption.default_limb):
        raise node.fail("default_limb", f"'{exemption.default_limb}' is not one of its limbs")
    return exemption
