"""Which questions a conversation still needs, and how each is put: the plan, its choices and defaults."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from foibot.conversation.answers import get_path
from foibot.conversation.clipping import clip
from foibot.conversation.email_parse import unread_date
from foibot.conversation.exemption_defaults import fitting
from foibot.conversation.part_suggestions import own
from foibot.conversation.request_parts import BY_PART, listing, part_of
from foibot.conversation.state import ConversationState, regime_of
from foibot.conversation.topic_defaults import topic_default
from foibot.errors import InputError
from foibot.knowledge.citations import parse_citation
from foibot.knowledge.model import Exemption, Knowledge, Option, Question, limb_text, ncnd_provision
from foibot.letter.answer_checks import authority_fit

# One question of the plan: (answer path, question, the exemption it belongs to or None).
Step = tuple[str, Question, Exemption | None]

NONE_OPTION = Option("none", "None of these")


@dataclass
class AskedQuestion:
    """A question as put to the officer, with its choices resolved for this conversation."""

    field: str
    kind: str
    prompt: str
    help: str = ""
    options: list[Option] = field(default_factory=list)
    default: Any = None
    current: Any = None
    exemption: str = ""
    required: bool = True
    current_words: str = ""  # the current answer as the echo words it ("would be likely to", "Sun 1 Dec 2019")
    default_words: str = ""  # what Enter gives, in the same words

    def shown_default(self) -> str:
        """What Enter gives, in words: as the echo words it when known, else exemptions as the officer types them
        (s33, never foisa-s33) and a choice by its label."""
        if self.default_words:
            return self.default_words
        labels = {o.value: o.label for o in self.options}
        if isinstance(self.default, list):
            return ", ".join(typed(str(d)) if self.kind == "exemptions" else labels.get(str(d), str(d))
                             for d in self.default)
        return "" if self.default is None else labels.get(str(self.default), str(self.default))


@dataclass
class Event:
    """Something to tell the officer. ``key`` names the reply template in ``snippets/replies.yaml``."""

    key: str
    data: dict[str, Any] = field(default_factory=dict)
    question: AskedQuestion | None = None


def typed(citation: str) -> str:
    """A stored citation as the officer types it: ``s33`` for ``foisa-s33``."""
    return citation.removeprefix("foisa-")


def resolved(kb: Knowledge, citation: str, regime: str) -> tuple[Exemption, str]:
    """The exemption a stored citation names and its limb; a neither-confirm-nor-deny provision gives the exemption
    and the subsection it stands for (``s40(5A)``: 40(1)), or no limb when it covers them all (``s31(3)``: which
    interest is still asked). Raises InputError for neither."""
    return ncnd_provision(kb, citation, regime) or kb.resolve(citation, regime)


def cited_as(state: ConversationState, kb: Knowledge, exemption: Exemption) -> str:
    """How the officer's answers cite an exemption, to label its questions: ``section 40(5A)`` for the provision
    cited, ``section 31(1)(a)`` for one subsection, ``section 31`` for several or none."""
    regime = regime_of(state)
    if exemption.regime == "eir":
        return exemption.cite()
    scopes = [state.answers] + [p for p in state.answers.get("parts") or [] if isinstance(p, dict)]
    limbs: list[str] = []
    ncnd = False
    for scope in scopes:
        for citation in (str(c) for c in scope.get("exemptions") or []):
            try:
                found, limb = resolved(kb, citation, regime)
            except InputError:
                continue
            if found is exemption:
                ncnd = ncnd or (scope.get("held") == "ncnd" and exemption.regime == "foia")
                shown = ncnd_limb(kb, state, citation) if ncnd else limb
                if shown not in limbs:
                    limbs.append(shown)
    own = state.answers.get(exemption.section)
    if not any(limbs) and isinstance(own, dict) and own.get("limb"):
        limbs = [str(own["limb"])]
    number = f"section {exemption.number}"
    if len(limbs) == 1 and limbs[0]:
        return number + limb_text(limbs[0])
    return number if ncnd or len(limbs) > 1 else exemption.cite("")


def ncnd_limb(kb: Knowledge, state: ConversationState, citation: str) -> str:
    """The provision removing the duty to confirm or deny that an exemption cited by an answer that neither
    confirms nor denies is relied on through, as the letter cites it: "5A" for s40(1) (the requester's own data),
    "5B" for s40(2), "3" for s31 (its ``ncnd``), "2" for s12; the citation's own limb when it has none."""
    regime = regime_of(state)
    try:
        found = ncnd_provision(kb, citation, regime)
        if found is not None:
            return parse_citation(citation, regime).limb
        exemption, limb = kb.resolve(citation, regime)
    except InputError:
        return ""
    own = state.answers.get(exemption.section)
    limb = limb or (str(own.get("limb") or "") if isinstance(own, dict) else "")
    if exemption.section.removeprefix("foisa-") == "s40" and exemption.regime != "eir":
        return "5A" if limb.startswith("1") else "5B" if limb.startswith("2") else ""
    if exemption.section == "s12":
        return "2"
    try:
        provision = parse_citation(f"s{exemption.ncnd}", "foia") if exemption.ncnd else None
    except InputError:
        provision = None
    return provision.limb if provision is not None and provision.family == exemption.section else limb


def plan(state: ConversationState, kb: Knowledge) -> list[Step]:
    """Every question that applies now, in order (including ones changed only on request, such as letter_date).

    Answering part by part, the ``per_part`` questions are asked for each part in turn (``parts.2.held``),
    then each exemption any part cites has its own questions asked once."""
    answers = state.answers
    if answers.get("review_of"):  # an internal review's outcome: its own questions (review-questions.yaml)
        from foibot.conversation.review_plan import review_steps

        return review_steps(state, kb)
    by_part = answers.get(BY_PART) == "each" and isinstance(answers.get("parts"), list)
    first_per_part = next((q.id for q in kb.flow if q.id in kb.per_part), None)

    def lookup(key: str) -> Any:
        if key == "several_parts":
            return "yes" if len(state.request_parts) > 1 else "no"
        return answers.get(key)

    steps: list[Step] = []
    for q in kb.flow:
        if by_part and q.id in kb.per_part:
            if q.id == first_per_part:
                steps += _part_steps(answers["parts"], kb) + _exemption_steps(state, kb)
            continue
        if not q.applies(lookup):
            continue
        steps.append((q.id, q, None))
        if q.kind == "exemptions":
            steps += _exemption_steps(state, kb)
    return steps


def _part_steps(parts: list[Any], kb: Knowledge) -> list[Step]:
    steps: list[Step] = []
    for number, part in enumerate(parts, 1):
        own = part if isinstance(part, dict) else {}
        steps += [(f"parts.{number}.{q.id}", q, None) for q in kb.flow
                  if q.id in kb.per_part and q.applies(own.get)]
    return steps


def _exemption_steps(state: ConversationState, kb: Knowledge) -> list[Step]:
    answers = state.answers
    steps: list[Step] = []
    seen: set[str] = set()
    for citation in answers.get("exemptions") or []:
        try:
            exemption, _ = resolved(kb, citation, regime_of(state))
        except InputError:
            continue
        if exemption.section in seen:  # s31(1)(a) and s31(1)(b): section 31's questions are asked once
            continue
        seen.add(exemption.section)
        own = answers.get(exemption.section) or {}

        def lookup(key: str, e: Exemption = exemption, own: dict[str, Any] = own) -> Any:
            if key == "type":  # a limb may differ from its section (FOISA s36(2) absolute, s36(1) qualified)
                return e.type_of(str(own.get("limb") or ""))
            if key in ("basis", "section"):
                return getattr(e, key)
            if key == "ncnd":  # cited by an answer that neither confirms nor denies (FOISA s18(1) weighs it)
                return "yes" if _neither_confirms(state, kb, e) else "no"
            return own.get(key, answers.get(key))

        for eq in _in_order(exemption, kb):
            if eq.applies(lookup) and not (eq.id in _GENERIC and _subject_access(exemption, own, lookup("held"))):
                steps.append((f"{exemption.section}.{eq.id}", eq, exemption))
    return steps


def _neither_confirms(state: ConversationState, kb: Knowledge, exemption: Exemption) -> bool:
    """Whether an answer that neither confirms nor denies (the request's, or a part's) cites ``exemption``; the cost
    limit and a vexatious request never do (the letter refuses on them, confirming nothing)."""
    if exemption.type == "procedural":
        return False
    regime = regime_of(state)
    scopes = [state.answers] + [p for p in state.answers.get("parts") or [] if isinstance(p, dict)]
    for scope in (s for s in scopes if s.get("held") == "ncnd"):
        for citation in scope.get("exemptions") or []:
            try:
                if resolved(kb, str(citation), regime)[0] is exemption:
                    return True
            except InputError:
                continue
    return False


_GENERIC = ("withheld", "reason")  # what is withheld and why: the letter's own words for most exemptions


def _subject_access(exemption: Exemption, own: dict[str, Any], held: Any) -> bool:
    """The requester's own personal data (s40(1)), confirmed as held: the letter says why in fixed words (it is
    their own data, to be dealt with as a subject access request), so what is withheld and why are not asked.
    Neither confirming nor denying (40(5A)) still needs the reason."""
    return exemption.section == "s40" and str(own.get("limb") or "").startswith("1") and held != "ncnd"


def _in_order(exemption: Exemption, kb: Knowledge) -> list[Question]:
    """An exemption's own questions, then the questions every exemption has; an own question with the id of one
    of those (FOISA s38's "reason") takes its place, so "what is withheld" still comes before "why"."""
    own = {q.id: q for q in exemption.questions}
    shared = {q.id for q in kb.per_exemption}
    return [q for q in exemption.questions if q.id not in shared] + [own.get(q.id, q) for q in kb.per_exemption]


def step_for(state: ConversationState, kb: Knowledge, path: str | None) -> Step | None:
    """The step of the plan for an answer path, or None when that question does not apply now."""
    if not path:
        return None
    return next((step for step in plan(state, kb) if step[0] == path), None)


def pending(state: ConversationState, kb: Knowledge) -> Step | None:
    """The first question that still needs an answer, or None when the draft can be written."""
    for step in plan(state, kb):
        path, q, _ = step
        if path in state.skipped or not _asked_by_default(q):
            continue
        value = get_path(state.answers, path)
        if value in (None, "", []) and not (value == [] and path in state.history):
            return step
    return None


def _menu_cite(e: Exemption) -> str:
    """An exemption as the exemptions list names it: its section alone when it has several limbs, which are asked
    next ("section 40", not "section 40(2)", which would say someone else's data before the officer chose)."""
    if e.regime == "eir" or len(e.limbs) <= 1:
        return e.cite("") if e.regime == "foia" else e.cite()
    return f"section {e.number}"


def needed_despite_skip(state: ConversationState, kb: Knowledge) -> Step | None:
    """A skipped question the letter cannot do without, once nothing else is left to ask: a required one
    whose answer decides what else is asked (held, disclosure, which exemptions), or the request's own required
    date (received), which decides the due date and is in every letter. Drafting without it would put a guess
    in the letter, such as "we hold the information" for a held question never answered."""
    for step in plan(state, kb):
        path, q, exemption = step
        if path not in state.skipped or not q.required or get_path(state.answers, path) not in (None, "", []):
            continue
        if q.kind == "exemptions" or _decides(q, exemption.questions if exemption else kb.flow) \
                or (q.kind == "date" and exemption is None and q.ask):
            return step
    return None


def _decides(q: Question, others: tuple[Question, ...]) -> bool:
    """Whether another question is asked or not depending on ``q``'s answer."""
    return any(q.id in alt for other in others for alt in other.when)


def _asked_by_default(q: Question) -> bool:
    return getattr(q, "ask", True)


def options_for(state: ConversationState, kb: Knowledge, q: Question, exemption: Exemption | None,
                path: str = "") -> list[Option]:
    """The choices a question offers in this conversation."""
    if q.kind == "topic":
        return [Option(s.key, s.label) for s in state.suggested.topics[:5]] + [NONE_OPTION]
    if q.kind == "exemptions":
        # Only what this authority may cite under this law: the law's own exemptions (an EIR exception cannot be
        # relied on under the Act, nor the Act's sections under the EIR), none the authority cannot rely on at
        # all (section 35 for a police force: answer_checks.authority_fit).
        regime = regime_of(state)
        offered = [e for e in kb.exemptions.values()
                   if e.regime == regime and not authority_fit(e.section, kb.authority_type)[0]]
        return [Option(e.section, f"{_menu_cite(e)}: {e.title}")
                for e in sorted(offered, key=lambda e: _number_key(e.section))]
    if q.kind == "list" and exemption is not None:  # never a factor the exemption's answers contradict
        own = state.answers.get(exemption.section)
        own = own if isinstance(own, dict) else {}
        if q.id in ("eir_pit_for", "eir_pit_against"):  # section 39's EIR test: the chosen exception's own bank
            exemption = _chosen_exception(kb, own.get("eir_exception"))
            own = {}
        return [o for o in kb.pit_bank(exemption, q.id.removeprefix("eir_")) if not o.contradicted(own)] \
            if exemption is not None and q.id in ("pit_for", "pit_against", "eir_pit_for", "eir_pit_against") else []
    if q.id == "regime":  # a Scottish authority answers under FOISA, a UK one under FOIA or the EIR
        return [o for o in q.options if (o.value == "foisa") == (regime_of(state) == "foisa")]
    if q.id == "limb" and exemption is not None and not q.options:
        return list(exemption.limbs)
    if path.startswith("findings."):  # an internal review's finding (review_plan)
        from foibot.conversation.review_plan import finding_options

        return finding_options(state, path, list(q.options))
    return list(q.options)


def _chosen_exception(kb: Knowledge, chosen: object) -> Exemption | None:
    """The EIR exception an answer names (section 39's ``eir_exception``: "r12(4)(d)"), None when it names none."""
    first = chosen[0] if isinstance(chosen, list) and chosen else chosen
    try:
        return kb.resolve(str(first), "eir")[0] if first else None
    except InputError:
        return None


def _number_key(section: str) -> tuple[int, str]:
    match = re.match(r"[a-z](\d+)(.*)", section)
    return (int(match.group(1)), match.group(2)) if match else (0, section)


# Evidence for an exemption that comes from the request's own words (an intent it looks like, cue phrases, a
# publication it names); how often it is cited anyway (the prior) or in similar past answers (precedents) is not.
_STRONG_EVIDENCE = ("request looks like '", "cues: ", "engages it: ", "is not yet published", "is already published")
# Two readings of the request's own meaning, not of how often an exemption is cited: the suggester's model of what
# requests of a similar meaning cite, and what the most similar answered requests cited. When both agree (the model
# says half or more cite it, and three or more of the ten most similar did), that is evidence from the request; either
# alone is not ("names and exam results of the pupils excluded": s40, 81% and 3 of 10).
_MEANING = re.compile(r"requests with a similar meaning cite it about (\d+)% of the time")
_SIMILAR = re.compile(r"cited in (\d+) of the (\d+) most similar answered requests")
_MEANING_AT_LEAST, _SIMILAR_AT_LEAST = 50, 3


def strong_evidence(why: str) -> bool:
    """Whether a suggestion's reasons include evidence from the request itself (see ``_STRONG_EVIDENCE``, and
    ``_MEANING`` with ``_SIMILAR``)."""
    return _from_its_words(why) or _meaning_agreed(why)


def _from_its_words(why: str) -> bool:
    return any(marker in why for marker in _STRONG_EVIDENCE)


def _meaning_agreed(why: str) -> bool:
    meaning, similar = _MEANING.search(why), _SIMILAR.search(why)
    return bool(meaning and similar and int(meaning.group(1)) >= _MEANING_AT_LEAST
                and int(similar.group(1)) >= _SIMILAR_AT_LEAST)


def default_for(state: ConversationState, q: Question, path: str = "exemptions", kb: Knowledge | None = None) -> Any:
    """What Enter gives: the top suggested topic, or at most two well-scored suggested exemptions with evidence
    from the request itself (never the prior or precedents alone), as suggested (s40(5A)); they are read as typed
    ones are when used. A part's come from the suggestions for its own words (``part_suggestions``), in the law it
    is answered under; none fitting, none is offered. The cost limit and a manifestly unreasonable request are
    never offered for a request partly answered. A question of an exemption that a topic the request matched
    answers (its link, its planned date) offers that (``topic_defaults``)."""
    suggestions = state.suggested
    if q.kind == "topic" and suggestions.topics:
        return suggestions.topics[0].key
    if q.kind == "exemptions":
        scope = get_path(state.answers, path.rpartition(".")[0]) if "." in path else state.answers
        scope = scope if isinstance(scope, dict) else {}
        text = str(scope.get("text") or "") if "." in path else ""
        regime = regime_of(state)
        law = "foia" if regime == "foia" else regime
        mine = own(state, text, law) if text else None
        if mine is not None:
            suggestions = mine
        elif regime == "eir" and suggestions.regime != "eir":  # the officer changed the regime: the EIR's numbering
            suggestions = own(state, state.body, law) or suggestions
        out: list[str] = []
        # evidence from the request's own words first; where its words carry none for any exemption, the model's
        # and the precedents' agreement stands in ("names and exam results of the pupils excluded": s40), never
        # beside word evidence ("all emails that mention me": s40(5A) and s12, not s31 from meaning alone)
        well_scored = [s for s in suggestions.exemptions if s.score >= 50]
        evidence = _from_its_words if any(_from_its_words(s.why) for s in well_scored) else _meaning_agreed
        for s in well_scored:
            if not evidence(s.why):
                continue
            if kb is not None and scope.get("disclosure") != "none" and _refuses_whole_request(kb, s.key, state):
                continue  # the cost limit or a manifestly unreasonable request, for a request partly answered
            out.append(s.key)
        if kb is None:
            return out[:2]
        return fitting(kb, out, regime, part_text=text,
                       read_as_environmental=mine is not None and mine.regime == "eir")[:2]
    if q.id == "points" and state.answers.get("review_of"):  # a review: the requester's own words, quoted
        return state.body.strip() or None
    if kb is not None and q.kind in ("text", "longtext"):
        return topic_default(state, kb, path)
    return None


def _refuses_whole_request(kb: Knowledge, citation: str, state: ConversationState) -> bool:
    """Whether an exemption refuses a request as a whole (s12 the cost limit, s14 vexatious, and their EIR
    exception, regulation 12(4)(b) manifestly unreasonable), so it cannot go with information given."""
    try:
        exemption, _ = resolved(kb, citation, regime_of(state))
    except InputError:
        return False
    procedural = [e for e in kb.exemptions.values() if e.type == "procedural"]
    return exemption in procedural or any(e.eir_equivalent == exemption.section for e in procedural)


def asked(state: ConversationState, kb: Knowledge, step: Step) -> AskedQuestion:
    """A step of the plan as the officer sees it (a part's question names the part and quotes it)."""
    path, q, exemption = step
    current = get_path(state.answers, path)
    default = default_for(state, q, path, kb)
    if state.changing == path and current not in (None, "", []):
        default = current
    prompt = q.prompt
    if q.id == BY_PART:
        prompt = f"{q.prompt}\n{listing(state.request_parts)}"
    where = part_of(path)
    if where:
        number, _ = where
        text = str(get_path(state.answers, f"parts.{number}.text") or "")
        quoted = text if len(text) <= 90 else clip(text, 87).removesuffix(" …") + "..."  # never inside a word
        prompt = f"Part {number} of {len(state.answers.get('parts') or [])} (\"{quoted}\"): {q.prompt}"
    elif path.startswith("findings."):
        from foibot.conversation.review_plan import finding_prompt

        prompt = finding_prompt(state, path, q.prompt)
    elif path == "received" and current in (None, "") and (why := unread_date(state.request)):
        prompt = f"{why} {q.prompt}"  # a Date line whose weekday is not its date's: said, never dropped silently
    own_help = _own_help(q.help_for(regime_of(state)), exemption)
    return AskedQuestion(field=path, kind=q.kind, prompt=prompt, help=own_help,
                         options=options_for(state, kb, q, exemption, path), default=default, current=current,
                         exemption=cited_as(state, kb, exemption) if exemption else "", required=q.required)


_FOR_SECTION = re.compile(r"\s*For section (\d+[A-Z]?)\b[^.]*\.")


def _own_help(help_text: str, exemption: Exemption | None) -> str:
    """A shared question's help without its sentences for another section ("For section 36 this is the qualified
    person's view." is shown at section 36's question only)."""
    number = exemption.section.lstrip("s") if exemption is not None else None
    return _FOR_SECTION.sub(lambda m: m.group(0) if m.group(1) == number else "", help_text).strip()
