"""Loading the knowledge base from ``intents/``: every file validated, and a bad one named by file, line
and field (DataError), so foibot refuses to start rather than draft from broken data."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from foibot.errors import DataError, InputError
from foibot.knowledge.authority import AUTHORITY_TYPES, profile_name, profile_type
from foibot.knowledge.citations import find_citations
from foibot.knowledge.datafile import Node, choice_field, list_field, load_yaml, text_field
from foibot.knowledge.model import (
    QUESTION_KINDS,
    STATUTE_STATUSES,
    TEXT_REGIMES,
    ByRegime,
    Exemption,
    Intent,
    Knowledge,
    Option,
    Question,
    Statute,
    Topic,
)
from foibot.knowledge.profile_files import data_file, data_files, display_name
from foibot.knowledge.vocabulary import load_vocabulary


def load_knowledge(root: Path) -> Knowledge:
    """Load and validate ``root/intents``. Raises DataError on the first problem found."""
    kb = Knowledge(root=root, authority_type=profile_type(root / "authority.toml"),
                   authority_name=profile_name(root / "authority.toml"))
    rel = lambda p: display_name(root, p)  # noqa: E731
    intents = lambda name: data_file(root, f"intents/{name}")  # noqa: E731

    kb.topics = load_topics(intents("topics.yaml"), rel)

    files = data_files(root, "intents/exemptions")  # FOISA files sit in exemptions/foisa/
    nodes: dict[str, Node] = {}
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

    for node in _list_of_mappings(intents("intents.yaml"), rel):
        intent = _intent(node)
        if intent.id in kb.intents:
            raise node.fail("id", f"duplicates intent '{intent.id}'")
        for citation in intent.exemptions:
            try:
                kb.resolve(citation)
            except InputError as exc:
                raise node.fail("exemptions", str(exc)) from exc
        kb.intents[intent.id] = intent

    qpath = intents("questions.yaml")
    qdata = load_yaml(qpath, rel(qpath)) if qpath.exists() else None
    if not isinstance(qdata, Node):
        raise DataError(rel(qpath), 1, None, "must be a mapping with lists 'flow' and 'per_exemption'")
    kb.flow = [_question(n, any_law=False) for n in _mappings(qdata, "flow")]
    kb.per_exemption = [_question(n, any_law=False) for n in _mappings(qdata, "per_exemption")]
    kb.parts = _options(qdata, "parts")
    for q, qnode in zip(kb.flow, _mappings(qdata, "flow"), strict=True):
        if q.part not in {p.value for p in kb.parts}:
            raise qnode.fail("part", f"must be one of the 'parts' ids: {', '.join(p.value for p in kb.parts)}")
    _check_unique(kb.flow, qdata, "flow")
    _check_unique(kb.per_exemption, qdata, "per_exemption")
    kinds = {q.kind for q in kb.flow}
    if "exemptions" not in kinds:
        raise qdata.fail("flow", "needs a question of kind 'exemptions'")
    _check_contradicts(kb, nodes)
    kb.per_part = tuple(str(x) for x in list_field(qdata, "per_part"))
    unknown = [x for x in kb.per_part if kb.question(x) is None]
    if unknown:
        raise qdata.fail("per_part", f"names no flow question: {', '.join(unknown)}")
    vpath = intents("replies-vocabulary.yaml")
    kb.vocabulary = load_vocabulary(vpath, rel(vpath))
    return kb


def load_topics(path: Path, rel: Any = str) -> dict[str, Topic]:
    """The report topics of ``intents/topics.yaml`` by id (``rel`` names the file in errors)."""
    topics: dict[str, Topic] = {}
    for node in _list_of_mappings(path, rel):
        topic = topic_from_node(node)
        if topic.id in topics:
            raise node.fail("id", f"duplicates topic '{topic.id}'")
        topics[topic.id] = topic
    return topics


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


_LAW_NAMES = re.compile(r"\b(?:FOIA|FOISA|EIR|EISR|ICO|Freedom of Information|Environmental Information|"
                        r"Information Commissioner)\b")
_BARE_PROVISION = re.compile(r"(?<![\w£$(])\d{1,3}[A-Z]?\(\d{1,2}[A-Z]?\)(?:\([a-z]{1,4}\))*")
_WRONG_LAW = {
    "foisa": (re.compile(r"\b(?:FOIA|ICO|Information Commissioner's Office|qualified person)\b"),
              "a FOISA reply is under the Scottish Act, with the Scottish Information Commissioner"),
    "foia": (re.compile(r"\b(?:FOISA|Scottish Information Commissioner)\b"), "a FOIA reply is under the UK Act"),
    "eir": (re.compile(r"\bsections?\s+\d|\bs\.?\s?\d{1,3}\(|\bqualified person\b", re.I),
            "the EIR have regulations (regulation 12(4)(b), 13), not sections"),
}


def _cites_law(text: str) -> str:
    """The first law a text names or cites (``section 21``, ``12(4)(b)``, ``FOIA``), or ""."""
    found = [m.group(0) for _, m in find_citations(text)] + _BARE_PROVISION.findall(text) + _LAW_NAMES.findall(text)
    return found[0].strip() if found else ""


def by_regime(node: Node, key: str, *, any_law: bool = True) -> tuple[str, ByRegime]:
    """A text field an officer may write once (``note: ...``) or per law (``note: {foia: ..., foisa: ...}``).

    Returns (plain text, per-law variants): one of the two is empty. A law left out of the mapping gets no
    such text. Unless ``any_law``, plain text that names or cites a law is refused: it would be shown to a
    Scottish or EIR reply as it stands ("section 40(2)" to a FOISA authority), so it must be written per law."""
    value = node.get(key)
    if value is None or value == "":
        return "", ()
    if isinstance(value, Node):
        if not value:
            raise node.fail(key, f"is empty; give the text for one or more of {', '.join(TEXT_REGIMES)}")
        variants = []
        for regime in value:
            if regime not in TEXT_REGIMES:
                raise value.fail(regime, f"'{regime}' is not a law; use {', '.join(TEXT_REGIMES)}")
            text = text_field(value, regime)
            wrong, why = _WRONG_LAW[regime]
            if hit := wrong.search(text):
                raise value.fail(regime, f"names '{hit.group(0)}' in the {regime} text: {why}")
            variants.append((regime, text))
        return "", tuple(variants)
    if isinstance(value, dict | list):
        raise node.fail(key, f"must be text, or a mapping of {', '.join(TEXT_REGIMES)} to text")
    text = str(value).strip()
    if not any_law and (law := _cites_law(text)):
        raise node.fail(key, f"names or cites '{law}', which differs between FOIA, the EIR and FOISA: write it per "
                             f"law, as a mapping with {', '.join(k + ':' for k in TEXT_REGIMES)} (leave out a law "
                             "it has no counterpart in)")
    return text, ()


def _intent(node: Node) -> Intent:
    note, notes = by_regime(node, "note", any_law=False)
    intent = Intent(
        id=text_field(node, "id"), title=text_field(node, "title"),
        examples=_strings(node, "examples", required=True), cues=_strings(node, "cues", required=True),
        exemptions=_strings(node, "exemptions"), regime=choice_field(node, "regime", ("foia", "eir"), default="foia"),
        note=note, notes=notes,
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
            out.append(Option(value=value, label=label, authorities=authorities, contradicts=_contradicts(item)))
        elif isinstance(item, str | int | float):
            out.append(Option(value=str(item), label=str(item)))
        else:
            raise node.fail(key, "must be a list of {value, label} or plain words")
    return tuple(out)


def _contradicts(item: Node) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A public interest factor's ``contradicts``: the answers it contradicts, ``{question id: [values]}``."""
    raw = item.get("contradicts")
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not raw or not all(
            isinstance(v, list) and v and all(isinstance(x, str) for x in v) for v in raw.values()):
        raise item.fail("contradicts", "must map a question id to the answers this factor contradicts, such as "
                                       "{policy_status: [live]}")
    return tuple((str(k), tuple(x.lower() for x in v)) for k, v in raw.items())


def _check_contradicts(kb: Knowledge, nodes: dict[str, Node]) -> None:
    """Each factor's ``contradicts`` names a choice question of its exemption (its own, ``limb`` or a
    ``per_exemption`` one) and only that question's answers."""
    for section, exemption in kb.exemptions.items():
        choices = {q.id: {o.value.lower() for o in q.options} for q in (*kb.per_exemption, *exemption.questions)
                   if q.options}
        choices.setdefault("limb", {o.value.lower() for o in exemption.limbs})
        pit = nodes[section].get("pit")
        items = [i for side in ("for", "against") for i in (pit.get(side) or [] if isinstance(pit, Node) else [])]
        for item in (i for i in items if isinstance(i, Node) and "contradicts" in i):
            for key, values in _contradicts(item):
                if key not in choices:
                    raise item.fail("contradicts", f"'{key}' is not a choice question of {section}; use one of "
                                                   f"{', '.join(sorted(choices))}")
                wrong = [v for v in values if v not in choices[key]]
                if wrong:
                    raise item.fail("contradicts", f"'{wrong[0]}' is not an answer to '{key}'; use "
                                                   f"{', '.join(sorted(choices[key]))}")


def _limb_types(node: Node) -> tuple[tuple[str, str], ...]:
    """Limbs given a ``type`` of their own (``{id: "2", label: ..., type: absolute}``): FOISA s36(2) is absolute
    while s36(1) is qualified."""
    out = []
    for item in list_field(node, "limbs"):
        if isinstance(item, Node) and item.get("type") not in (None, ""):
            out.append((text_field(item, "id"), choice_field(item, "type", ("absolute", "qualified"))))
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


def _question(node: Node, *, any_law: bool = True) -> Question:
    """A question; ``any_law`` False for questions.yaml, asked under every law, whose help must then be written
    per law when it cites one (an exemption file's own questions are under that exemption's law)."""
    kind = choice_field(node, "kind", QUESTION_KINDS)
    help_text, helps = by_regime(node, "help", any_law=any_law)
    question = Question(
        id=text_field(node, "id"), prompt=text_field(node, "prompt"), kind=kind, options=_options(node, "options"),
        when=_when(node), required=bool(node.get("required", True)), help=help_text, helps=helps,
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
        path=path, limb_types=_limb_types(node),
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
    if exemption.limb_types and exemption.type == "procedural":
        raise node.fail("limbs", "a procedural section (cost, vexatious) has no limb of another nature")
    if exemption.default_limb and exemption.limbs and not exemption.has_limb(exemption.default_limb):
        raise node.fail("default_limb", f"'{exemption.default_limb}' is not one of its limbs")
    return exemption


def load_question_lists(path: Path, rel: str, keys: tuple[str, ...]) -> dict[str, list[Question]]:
    """Lists of questions in another file written as ``questions.yaml`` is (``intents/review-questions.yaml``): each
    of ``keys`` a list of questions, validated alike (DataError names the file, line and field)."""
    data = load_yaml(path, rel)
    if not isinstance(data, Node):
        raise DataError(rel, 1, None, f"must be a mapping with lists {', '.join(repr(k) for k in keys)}")
    out = {key: [_question(n, any_law=False) for n in _mappings(data, key)] for key in keys}
    for key, questions in out.items():
        _check_unique(questions, data, key)
    return out
