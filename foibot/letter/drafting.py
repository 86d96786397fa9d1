"""Drafting: the answers resolved for a letter (``build_context``) and the letter built from them (``render``).

The structure of the letter is built in code (``letter/compose.py``); the jinja2 templates in ``snippets/``
supply only the wording of each block. Templates run in a sandbox; request text and answers reach them
only as values (whitespace collapsed, so a value can never start a new paragraph). A missing answer
renders as a visible gap (``[to be completed: …]``) that the statutory check reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from foibot.errors import FoibotError, InputError
from foibot.knowledge.authority import Authority
from foibot.knowledge.citations import parse_citation
from foibot.knowledge.model import Exemption, Knowledge, limb_text, ncnd_provision, resolve_ncnd
from foibot.law.procedure import cost_limit, procedure
from foibot.letter.answer_checks import (
    as_list,
    check_dates_of_uses,
    check_exclusive,
    check_extension,
    check_text_answers,
    check_uses,
    note_cost_in_parts,
    note_long_extension,
    note_third_person,
    without_placeholders,
)
from foibot.letter.blocks import Block, split_annex, to_markdown, to_text
from foibot.letter.checking.answer_rules import own_answers
from foibot.letter.checking.draft_rules import weighs_by_condition
from foibot.letter.parts import split_parts
from foibot.letter.templates import (
    HIDDEN,
    Gap,
    as_date,
    capfirst,
    clause,
    full_stop,
    join_and,
    paragraph_names,
    say,
    sentence,
)
from foibot.letter.templates import make_environment as make_environment  # surfaces import it from here

LIKELIHOOD = {"would": "would", "would_be_likely": "would be likely to"}


@dataclass
class ExemptionUse:
    """One exemption as applied in a letter: the exemption, the limb cited and its answers."""

    e: Exemption
    limb: str
    a: dict[str, Any]
    regime: str = "foia"
    ncnd: bool = False
    also: tuple[str, ...] = ()
    """Further limbs of the same section relied on with the same answers: s31(1)(a) and (b) are one use."""
    provision: str = ""
    """The NCND provision as cited, when it is more exact than the exemption's own (``5B(a)(i)``)."""
    carries: ExemptionUse | None = None
    """Section 39(1)(b) in a letter under the Act: the EIR exception the information is withheld under instead
    (``s39.eir_exception``), with its own answers (reason, completion, public interest factors)."""
    wording: dict[str, str] = field(default_factory=dict)
    """Bank factors in this authority's own terms, by id: a Northern Ireland department's factors speak of the
    Assembly, not Parliament (``snippets/devolved.yaml``)."""

    @property
    def section(self) -> str:
        return self.e.section

    @property
    def number(self) -> str:
        return self.e.number

    @property
    def template(self) -> str:
        return self.e.section.replace("(", "-").replace(")", "")

    @property
    def cite(self) -> str:
        """The exact provision relied on: ``section 31(1)(b)``, ``section 40(5B)(a)(i)``, ``regulation 12(5)(e)``."""
        if self.ncnd and self.regime != "foisa":  # FOISA s18(1) names the exemption that would apply
            return self.ncnd_cite
        if self.e.regime == "eir":
            return self.e.cite()
        first = self.e.cite(self.limb or str(self.a.get("limb") or ""))
        return join_and([first, *(_after(self.limb, limb) for limb in self.also)])

    @property
    def limbs_cite(self) -> str:
        """The limbs relied on as the Act numbers them, for a use that neither confirms nor denies as much as for one
        that withholds: ``section 31(1)(a) and (b)``; "" when no limb is known."""
        limbs = self.limbs
        if not limbs or self.e.regime == "eir":
            return ""
        return join_and([self.e.cite(limbs[0]), *(_after(limbs[0], limb) for limb in limbs[1:])])

    @property
    def limbs(self) -> list[str]:
        """Every limb relied on, the first first."""
        return [x for x in (self.limb or str(self.a.get("limb") or ""), *self.also) if x]

    @property
    def heading(self) -> str:
        if self.ncnd and self.regime == "eir" and not self.ncnd_cite.startswith(self.e.cite()):
            return f"{capfirst(self.cite)}, with {self.e.cite()}: {self.e.title}"
        if self.ncnd and self.regime == "foisa":  # the same section may also withhold in another part
            return f"{capfirst(self.cite)}, with section 18(1): {self.e.title}"
        return f"{capfirst(self.cite)}: {self.e.title}"

    @property
    def weighs_public_interest(self) -> bool:
        """A public interest test applies: a qualified exemption, or any FOISA section 18(1) refusal; or Annex A sets
        one out for completeness (``for_completeness``)."""
        return self.qualified or (self.ncnd and self.regime == "foisa") or self.for_completeness

    @property
    def for_completeness(self) -> bool:
        """Section 37(1)(a) to (ab) are absolute, but an officer who gives public interest factors for them (the
        section's other limbs are qualified) has them set out in Annex A for completeness; without factors the
        letter says no public interest test applies and asks for none."""
        return (self.e.section == "s37" and self.absolute
                and any(self.a.get(side) for side in ("pit_for", "pit_against")))

    @property
    def ncnd_cite(self) -> str:
        """The provision excluding the duty to confirm or deny: ``section 40(5A)`` for the requester's own data,
        ``regulation 12(6)`` or ``13(5)`` under the EIR, ``section 18(1)`` under FOISA."""
        if self.provision and self.e.regime == "foia":
            return f"section {self.e.number}{limb_text(self.provision)}"  # as cited: section 40(5B)(a)(i)
        if self.e.section.removeprefix("foisa-") == "s40" and str(self.limb or self.a.get("limb")).startswith("1"):
            return "section 40(5A)"
        if self.e.section == "s12":  # s12(2): the cost of confirming or denying alone would exceed the limit
            return "section 12(2)"
        if self.e.section == "s40" and self.e.regime == "foia":  # 40(5B) has limbs: (a)(i), confirming or denying
            return "section 40(5B)(a)(i)"  # would itself contravene the data protection principles, is the usual one
        number = self.e.ncnd
        if not number:
            return ""
        return f"regulation {number}" if self.e.regime == "eir" else f"section {number}"

    @property
    def likelihood(self) -> str:
        return LIKELIHOOD.get(str(self.a.get("likelihood") or "would_be_likely"), "would be likely to")

    @property
    def withheld_text(self) -> str:
        """What is withheld, set inside a sentence ("We are withholding … under …")."""
        return clause(self.a.get("withheld") or "") or "this information"

    def withholding(self, under: str) -> str:
        """The sentence saying what is withheld and under what: "We are withholding the following under section
        35(1)(a) of the Act (…): options …, on which the Minister has not yet decided." The citation comes first and
        the officer's words end the sentence, so they can never run into it ("… not yet decided under section 35")."""
        withheld = self.a.get("withheld")
        if isinstance(withheld, Gap) or not str(withheld or "").strip(" .;,"):
            return f"We are withholding this information {under}."
        return f"We are withholding the following {under}: {full_stop(clause(withheld))}"

    @property
    def reason(self) -> Any:
        """Why the exemption applies, as a sentence of its own (a capital first, a full stop last); blank when the
        exemption's own question makes it optional (its wording already gives the general reason)."""
        own = next((q for q in self.e.questions if q.id == "reason"), None)
        missing = "" if own is not None and not own.required else Gap(name="reason")
        return sentence(self.a.get("reason", missing))

    @property
    def title(self) -> str:
        return self.e.title

    @property
    def basis(self) -> str:
        return self.e.basis

    @property
    def statute(self) -> Any:
        return self.e.statute

    @property
    def qualified(self) -> bool:
        """A public interest test applies: a qualified limb (FOISA s36(1), not s36(2)), or s40(2) by condition."""
        return weighs_by_condition(self.e.section, self.a) or self.e.weighs(self.limbs)

    @property
    def absolute(self) -> bool:
        return not self.qualified and "absolute" in {self.e.type_of(limb) for limb in self.limbs or [""]}

    @property
    def procedural(self) -> bool:
        return self.e.type == "procedural"

    @property
    def pit_for_text(self) -> list[str]:
        """The factors for disclosure, each a sentence (a factor the officer typed is capitalised and stopped)."""
        return [self._factor(x) for x in as_list(self.a.get("pit_for"))]

    @property
    def pit_against_text(self) -> list[str]:
        return [self._factor(x) for x in as_list(self.a.get("pit_against"))]

    def _factor(self, value: object) -> str:
        """One factor as a sentence. A bank factor saying disclosure "would" cause the harm follows the likelihood
        answered (or the qualified person's opinion, for section 36): "would be likely to" where that is the test
        relied on, so Annex A never overstates what the body of the letter says. The officer's own words stand."""
        text = self.wording.get(str(value)) or self.e.pit_text(str(value))
        banked = any(o.value == str(value) for o in (*self.e.pit_for, *self.e.pit_against))
        if banked and self.basis == "prejudice" and self.e.regime != "eir" and self.likelihood == "would be likely to":
            text = _STATED_WOULD.sub(r"\1would be likely to ", text)
        return str(sentence(text))


# "Disclosure would cause this harm", "disclosing it would damage that trust": a likelihood stated in a factor's words
_STATED_WOULD = re.compile(r"\b((?:[Dd]isclosure|[Dd]isclosing|[Rr]eleasing|[Rr]evealing|[Pp]ublishing)\b"
                           r"[^.;]{0,80}?)\bwould (?=(prejudice|harm|damage|inhibit|weaken|undermine|endanger|cause|"
                           r"deter|discourage|impair|jeopardise|reduce|adversely)\b)")


def _after(first: str, limb: str) -> str:
    """A further limb as it follows the first in a citation: after 1(a), 1(b) is "(b)" and 2 is "(2)"."""
    ours, theirs = re.findall(r"[0-9A-Za-z]+", first), re.findall(r"[0-9A-Za-z]+", limb)
    shared = next((i for i, (x, y) in enumerate(zip(ours, theirs, strict=False)) if x != y), min(len(ours),
                                                                                                   len(theirs)))
    return "".join(f"({x})" for x in theirs[min(shared, len(theirs) - 1):])


def _merged(uses: list[ExemptionUse]) -> list[ExemptionUse]:
    """Limbs of one section cited together become one use ("section 31(1)(a) and (b)"): they share their
    answers, so the letter gives one paragraph and one public interest test for them."""
    out: list[ExemptionUse] = []
    for use in uses:
        same = next((u for u in out if u.e is use.e and u.ncnd == use.ncnd and u.limb and use.limb
                     and (not u.ncnd or (u.e.regime == "foia" and u.ncnd_cite == use.ncnd_cite))  # 31(3) on (a), (b)
                     and use.limb not in u.limbs
                     and u.e.type_of(u.limb) == use.e.type_of(use.limb)), None)  # FOISA 36(1) and 36(2) stay apart
        if same is None:
            if not any(u.e is use.e and u.ncnd == use.ncnd and use.limb in u.limbs for u in out):
                out.append(use)
            continue
        out[out.index(same)] = replace(same, also=(*same.also, use.limb))
    return out


def _translated(exemption: Exemption, own: dict[str, Any], target: Exemption) -> dict[str, Any]:
    """A FOIA exemption's answers carried over to its EIR exception: factor ids from the FOIA bank become their
    words (unless the exception's own bank has the same id), so the letter never shows a bare id."""
    target_ids = {o.value for o in target.pit_for + target.pit_against}
    out = dict(own)
    for key in ("pit_for", "pit_against"):
        if key in own:
            out[key] = [x if str(x) in target_ids else exemption.pit_text(str(x)) for x in as_list(own[key])]
    return out


def _unused_answers(exemption: Exemption, own: dict[str, Any], target: Exemption) -> list[str]:
    """The answers given for a FOIA exemption that its EIR exception has no question for (section 12's hours,
    activities and aggregated requests under regulation 12(4)(b)): the letter cannot print them."""
    known = {q.id for q in target.questions} | {"withheld", "reason", "likelihood", "pit_for", "pit_against",
                                                 "pit_conclusion", "limb", "advice"}
    return [key for key, value in own.items() if key not in known and value not in (None, "", [])
            and any(q.id == key for q in exemption.questions)]


UNANSWERED = "unanswered"
"""A part's ``held`` in a draft so far whose held question is not yet answered: the letter shows a gap."""


@dataclass
class Part:
    """One part of the request and its own outcome (whole-request answers fill what a part leaves out)."""

    number: int
    text: str
    held: str
    disclosure: str
    uses: list[ExemptionUse]
    disclosed: Any = None
    attachments: list[str] = field(default_factory=list)
    not_held_detail: Any = ""
    advice: str = ""

    @property
    def cites(self) -> Any:
        """The provisions this part relies on, joined; a gap while a draft so far names none for a refusal."""
        cited = join_and([u.cite for u in self.uses if not u.procedural]) or join_and([u.cite for u in self.uses])
        return cited or Gap(name="exemptions")

    @property
    def procedural(self) -> list[ExemptionUse]:
        return [u for u in self.uses if u.procedural]


@dataclass
class Draft:
    """A drafted letter (a list of typed blocks) with its deadline, statutory check and notes for the officer."""

    blocks: list[Block]
    reference: str
    letter_date: date
    due: Any = None
    due_error: str = ""
    checks: Any = None
    notes: list[str] = field(default_factory=list)

    @property
    def letter_blocks(self) -> list[Block]:
        return split_annex(self.blocks)[0]

    @property
    def annex_blocks(self) -> list[Block]:
        return split_annex(self.blocks)[1]

    @property
    def late(self) -> bool:
        """Dated after the due date (or, after a s17(2) notice, after the date it estimated)."""
        if self.checks is not None and ("on-time" in self.checks.ids() or "on-time" in self.checks.checked):
            return "on-time" in self.checks.ids()
        return bool(self.due and self.letter_date > self.due.due)

    def text(self) -> str:
        return to_text(self.blocks)

    def markdown(self) -> str:
        return to_markdown(self.blocks)

    def to_json(self) -> dict[str, Any]:
        """The documented ``draft --format json`` shape (plus ``notes`` for the officer)."""
        annex = self.annex_blocks
        return {
            "reference": self.reference,
            "date": self.letter_date.isoformat(),
            "letter": to_text(self.letter_blocks),
            "annex": to_text(annex) if annex else "",
            "due": {**self.due.to_json(), "late": self.late} if self.due else None,
            "due_error": self.due_error or None,
            "checks": self.checks.to_json() if self.checks else None,
            "notes": list(self.notes),
        }


ACTS = {
    "foia": ("the Freedom of Information Act 2000", "the Act"),
    "eir": ("the Environmental Information Regulations 2004", "the Regulations"),
    "foisa": ("the Freedom of Information (Scotland) Act 2002", "the Act"),
}
_CLAUSE_START = ("ask", "asked", "request", "requested", "refer", "referred", "seek", "sought", "want", "wanted",
                 "would", "wish", "wished", "are", "were", "have", "had", "enquire", "enquired", "query", "queried")


def _use(citation: str, answers: dict[str, Any], kb: Knowledge, regime: str, notes: list[str],
         *, ncnd: bool) -> ExemptionUse:
    ncnd_citation = resolve_ncnd(kb, citation, regime)  # s31(3), s40(5A): the NCND provision itself
    exemption, limb = ncnd_citation or kb.resolve(citation, regime)
    if not ncnd and ncnd_citation:
        raise InputError(f"{citation.strip()} is a provision for neither confirming nor denying; use it with "
                         f"'held: ncnd', or cite the exemption relied on to withhold, such as "
                         f"{exemption.cite(exemption.default_limb or '')}")
    if regime == "eir" and exemption.regime != "eir":
        own = answers.get(exemption.section) if isinstance(answers.get(exemption.section), dict) else {}
        if exemption.section == "s40" and str(limb or own.get("limb") or "").startswith("1"):
            raise InputError("the requester's own personal data is not released under the EIR (nor under section "
                             "40(1) or 40(5A) of FOIA): deal with it as a subject access request under the UK GDPR "
                             "and tell the requester so; cite regulation 13 only for other people's personal data")
        if not exemption.eir_equivalent:
            raise InputError(f"{exemption.cite(limb)} of FOIA cannot be used for environmental information, and it "
                             "has no EIR exception; choose an exception in regulation 12(4), 12(5) or 13")
        foia, foia_cite = exemption, exemption.cite(limb)
        exemption, limb = kb.resolve(exemption.eir_equivalent, "eir")
        if ncnd and not exemption.ncnd:
            raise InputError(f"{foia_cite} of FOIA does not apply to environmental "
                             f"information, and its EIR exception, {exemption.cite()}, cannot support 'held: ncnd': "
                             "under the EIR only regulation 12(6) (for the interests in regulation 12(5)(a)) and "
                             "regulation 13(5) (personal data) allow neither confirming nor denying")
        notes.append(f"{foia_cite} of FOIA does not apply to environmental information; the letter relies on its "
                     f"EIR exception, {exemption.cite()}. Check it fits.")
        unused = _unused_answers(foia, own, exemption)
        if unused:
            notes.append(f"The answers given for {foia_cite} ({', '.join(unused)}) are not used by "
                         f"{exemption.cite()}, and the letter does not print them: say what matters of them in "
                         f"{exemption.cite()}'s reason" + (" (the EIR have no rule for aggregating requests: if the "
                                                            "burden includes the earlier requests, the reason must "
                                                            "say so)" if "aggregated_with" in unused else "") + ".")
        mine = answers.get(exemption.section) if isinstance(answers.get(exemption.section), dict) else {}
        merged = {**_translated(foia, own, exemption), **mine}
        return ExemptionUse(exemption, limb, merged, regime, ncnd=ncnd)
    if regime != "eir" and exemption.regime == "eir":
        raise InputError(f"{exemption.cite()} is an EIR exception; this request is handled under "
                         f"{ACTS[regime][0]}. Set regime to eir or cite a section")
    if (regime == "foisa") != (exemption.regime == "foisa"):
        raise InputError(f"{exemption.cite(limb)} of {'FOISA' if exemption.regime == 'foisa' else 'FOIA'} cannot be "
                         f"relied on in a letter under {ACTS[regime][0]}: cite the section of that Act"
                         + (" (FOISA numbers its exemptions differently: legal professional privilege is section "
                            "36(1), for example)" if regime == "foisa" else ""))
    own = own_answers(answers, exemption)
    if exemption.section == "foisa-s12" and str(own.get("aggregated_with") or "").strip():
        notes.append("s12.aggregated_with is not printed: foibot drafts no aggregation under FOISA, so the letter "
                     "gives the estimate as the cost of this request alone. Make sure the estimate is for this "
                     "request only.")
    answered = str(own.get("limb") or "")
    if ncnd_citation and answered and answered != limb and exemption.has_limb(answered) and \
            ncnd_provision(kb, citation, regime) == (exemption, ""):
        limb = answered  # s31(3) resting on s31(1)(b), s30(3) on s30(2): the limb the officer chose, not the default
    if ncnd and exemption.type == "procedural" and exemption.regime == "foisa":
        raise InputError(f"FOISA {exemption.cite('')} has no neither-confirm-nor-deny provision (FOISA has nothing "
                         "like FOIA's section 12(2)); set 'held' to yes, partly or no")
    if exemption.section == "foisa-s36" and str(own.get("not_waived") or "").lower() == "no" and \
            exemption.type_of(limb or str(own.get("limb") or "")) == "qualified":
        raise InputError("section 36(1) needs information that is still privileged: 'foisa-s36.not_waived' is 'no' "
                         "(the advice has been published or shared widely), so privilege has been waived; disclose "
                         "it or rely on another exemption")
    if exemption.section == "s22" and str(own.get("planned_before_request") or "").lower() == "no":
        raise InputError("section 22(1)(b) applies only if publication was already intended when the request "
                         "arrived ('s22.planned_before_request' is 'no'); choose another exemption or disclose")
    if ncnd and exemption.type != "procedural" and not exemption.ncnd and not (
            exemption.section == "s40" and str(own.get("limb") or limb).startswith("1")):
        if exemption.regime == "eir":
            raise InputError(f"{exemption.cite(limb)} cannot support 'held: ncnd': under the EIR only regulation "
                             "12(6) (for the interests in regulation 12(5)(a)) and regulation 13(5) (personal data) "
                             "allow neither confirming nor denying")
        raise InputError(f"{exemption.cite(limb)} has no provision excluding the duty to confirm or deny, so it "
                         "cannot support 'held: ncnd'")
    carries = _carried(exemption, limb, own, kb, notes) if exemption.section == "s39" else None
    provision = parse_citation(citation, regime).limb if ncnd_citation else ""
    if provision.count("(") < 1 or exemption.regime != "foia":
        provision = ""  # only a fuller citation than the exemption's own NCND provision (40(5B)(a)(i)) is kept
    return ExemptionUse(exemption, limb, own, regime, ncnd=ncnd and exemption.type != "procedural",
                        provision=provision, carries=carries)


# Section 39's answers for the EIR exception it carries, as that exception's own answers
_CARRIED = {"eir_reason": "reason", "eir_completion": "completion_date", "eir_pit_for": "pit_for",
            "eir_pit_against": "pit_against", "eir_pit_conclusion": "pit_conclusion", "withheld": "withheld"}


def _carried(s39: Exemption, limb: str, own: dict[str, Any], kb: Knowledge, notes: list[str]) -> ExemptionUse | None:
    """Section 39(1)(b): the information would be available under the EIR but for one of their exceptions. The
    letter names that exception (``s39.eir_exception``) and refuses under it as the Regulations require (reg 14), so
    the exception and its answers travel with the section 39 use. Under 39(1)(a) there is none to name."""
    chosen = str(own.get("eir_exception") or "").strip()
    limb = str(limb or own.get("limb") or "")
    if not chosen:
        return None
    try:
        exception, _ = kb.resolve(chosen, "eir")
    except InputError:
        exception = None
    if exception is None or exception.regime != "eir":
        raise InputError(f"'s39.eir_exception' must be an exception in regulation 12(4), 12(5) or 13 of the "
                         f"Environmental Information Regulations 2004, such as r12(4)(d) (got '{chosen[:30]}')")
    if not limb.startswith("1(b)"):
        notes.append(f"Section 39: an EIR exception ({exception.cite()}) is given, but the limb cited is not 39(1)(b), "
                     "so the letter does not use it. Cite s39(1)(b) if the information is withheld under the EIR.")
        return None
    answers = {mine: own[theirs] for theirs, mine in _CARRIED.items() if own.get(theirs) not in (None, "", [])}
    return ExemptionUse(exception, "", answers, "eir")


def _parts(answers: dict[str, Any], request_text: str, kb: Knowledge, regime: str,
           notes: list[str], *, unfinished: bool = False) -> list[Part]:
    raw_parts = answers.get("parts") or [{"text": request_text}]
    if not isinstance(raw_parts, list) or not all(isinstance(p, dict) for p in raw_parts):
        raise InputError("'parts' must be a list of objects such as {\"text\": ..., \"held\": \"yes\"}")
    found = split_parts(request_text)
    if len(raw_parts) > 1 and not all(p.get("text") for p in raw_parts):
        if len(found) != len(raw_parts):  # each part would quote the whole request
            raise InputError(f"'parts' has {len(raw_parts)} parts but the request reads as {len(found)}; give each "
                             "part its 'text' (the requester's words for that part)")
        raw_parts = [{"text": text, **p} if not p.get("text") else p for p, text in zip(raw_parts, found, strict=True)]
    parts = []
    shared: dict[tuple[str, bool], list[tuple[int, bool]]] = {}  # (section, ncnd) -> [(part, has its own answers)]
    for number, raw in enumerate(raw_parts, 1):
        def get(key: str, raw: dict[str, Any] = raw) -> Any:
            return raw[key] if key in raw else answers.get(key)

        held = str(get("held") or (UNANSWERED if unfinished else "yes")).lower()
        citations = as_list(get("exemptions"))
        ncnd = held == "ncnd"
        own = {k: v for k, v in raw.items() if isinstance(v, dict)}  # a part's own answers for an exemption
        uses = _merged([_use(str(c), {**answers, **own}, kb, regime, notes, ncnd=ncnd) for c in citations])
        for use in uses:
            if not use.procedural:  # FOISA's own block may be typed "s35" for foisa-s35 (own_answers)
                mine = use.section in own or (use.e.regime == "foisa" and use.section.removeprefix("foisa-") in own)
                shared.setdefault((use.section, use.ncnd), []).append((number, mine))
        disclosure = str(get("disclosure") or ("partial" if uses else "full")).lower()
        label = f"part {number}" if len(raw_parts) > 1 else "the request"
        check_exclusive(uses, label)
        if held in ("yes", "partly") and disclosure in ("partial", "none") and not uses and not unfinished:
            raise InputError(f"{label}: a refusal needs an exemption. With 'disclosure: {disclosure}' give "
                             "'exemptions' (e.g. [\"s31(1)(a)\"]), or set 'disclosure: full'")
        if ncnd and not uses and not unfinished:
            raise InputError(f"{label}: 'held: ncnd' needs the exemption whose provision excludes the duty to "
                             "confirm or deny (e.g. [\"s40(2)\"] for section 40(5B))")
        contradicts = held == "no" or (held in ("yes", "partly") and disclosure == "full")
        if uses and contradicts and len(raw_parts) > 1 and "exemptions" not in raw:
            uses = []  # the whole request's exemptions fill parts that withhold, not one answered in full
        if uses and contradicts:
            said = "'held: no'" if held == "no" else "'disclosure: full'"
            raise InputError(f"{label}: {said} contradicts the exemptions given ({', '.join(map(str, citations))}): "
                             "a letter cannot both " + ("say we do not hold the information" if held == "no" else
                                                        "provide all of the information")
                             + " and withhold it. Remove the exemptions, or set "
                             + ("'held: yes' or 'partly'" if held == "no" else "'disclosure: partial' or 'none'"))
        attachments = get("attachments")
        if attachments not in (None, "") and not (isinstance(attachments, str) or (
                isinstance(attachments, list) and all(isinstance(x, str | int | float) for x in attachments))):
            raise InputError(f"{label}: 'attachments' must be a list of descriptions such as "
                             "[\"Table: complaints by month, 2024\"]")
        disclosed = clause(get("disclosed")) if isinstance(get("disclosed"), str) else get("disclosed")
        if held in ("yes", "partly") and disclosure != "none" and disclosed in (None, "") \
                and not any(u.procedural for u in uses):
            disclosed = Gap(name="disclosed")
        listed = [" ".join(str(x).translate(HIDDEN).split()) for x in as_list(attachments)]  # no hidden marks
        parts.append(Part(number, str(raw.get("text") or request_text), held, disclosure, uses,
                          disclosed=disclosed, attachments=listed,
                          not_held_detail=get("not_held_detail") or "", advice=str(get("advice") or "")))
    _one_block_for_two_purposes(parts, shared, notes)
    for part in parts:  # s41: a confidence owed to someone who has died is actionable by their personal representative
        part.uses = [replace(u, a={**u.a, "deceased": "yes"}) if u.section == "s41" and "deceased" not in u.a
                     and _DIED.search(" ".join([part.text, *(str(u.a.get(k) or "") for k in _S41_WORDS)]))
                     else u for u in part.uses]
    return parts


# Words saying that the person a confidence is owed to has died ("my late mother", "the deceased")
_DIED = re.compile(r"\b(deceased|died|has passed away|passed away|death of|after (his|her|their) death|"
                   r"late (mother|father|mum|dad|husband|wife|partner|son|daughter|brother|sister|grandmother|"
                   r"grandfather|aunt|uncle|relative|patient))\b", re.I)
_S41_WORDS = ("supplier", "withheld", "reason")


# What an answers block says about withholding: the reasons and public interest factors for disclosing
_WITHHOLDING_ANSWERS = ("reason", "withheld", "pit_for", "pit_against", "pit_conclusion")


def _one_block_for_two_purposes(parts: list[Part], shared: dict[tuple[str, bool], list[tuple[int, bool]]],
                                notes: list[str]) -> None:
    """A section used to withhold in one part and to neither confirm nor deny in another needs reasons and factors
    for each: why disclosing would harm is not why confirming or denying would. A block shared by both serves the
    withholding; the part neither confirmed nor denied is left without its reasons (its public interest test shows
    as gaps) and the officer is told to give that part its own answers."""
    for (section, ncnd), uses in shared.items():
        if not ncnd or not any(not own for _, own in shared.get((section, False), [])):
            continue
        for number in [n for n, own in uses if not own]:
            part = parts[number - 1]
            part.uses = [replace(u, a={k: v for k, v in u.a.items() if k not in _WITHHOLDING_ANSWERS})
                         if u.section == section and u.ncnd else u for u in part.uses]
            notes.append(f"'{section}' is relied on to withhold information in another part and to neither confirm "
                         f"nor deny in part {number}: its answers give the reasons for withholding, so part {number} "
                         f"uses none of them. Give that part its own answers, e.g. \"{section}\": {{\"reason\": ...}} "
                         f"inside part {number}.")


def devolved_wording(kb: Knowledge, devolved: str) -> dict[str, dict[str, str]]:
    """Bank factors as a devolved authority says them (``snippets/devolved.yaml``: ``{devolved: {factors: {section:
    {id: text}}}}``), from the profile's snippets, else foibot's own."""
    import yaml

    if not devolved:
        return {}
    for folder in (kb.root / "snippets", Path(__file__).resolve().parents[2] / "snippets"):
        path = folder / "devolved.yaml"
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            factors = (data.get(devolved) or {}).get("factors") or {}
            return {str(k): {str(i): " ".join(str(t).split()) for i, t in (v or {}).items()}
                    for k, v in factors.items()}
    return {}


def _in_own_terms(parts: list[Part], kb: Knowledge, authority: Authority, notes: list[str]) -> None:
    """Each use's bank factors in the authority's own terms (a Northern Ireland department: the Assembly). A
    department with a Northern Ireland postcode (BT) that does not say it is devolved is told how to, when a factor
    it chose has Northern Ireland wording."""
    wording = devolved_wording(kb, getattr(authority, "devolved", ""))
    if not wording:
        ni = devolved_wording(kb, "northern_ireland")
        chosen = {(u.section, str(x)) for part in parts for u in part.uses
                  for x in [*as_list(u.a.get("pit_for")), *as_list(u.a.get("pit_against"))]}
        if (getattr(authority, "type", "") == "central_government" and not getattr(authority, "devolved", "")
                and any(re.match(r"\s*BT\d", line) for line in getattr(authority, "address", ()))
                and any(x in ni.get(section, {}) for section, x in chosen)):
            notes.append("The profile's address is in Northern Ireland. If this is a Northern Ireland department, "
                         "add devolved = \"northern_ireland\" to authority.toml, so that the public interest "
                         "factors speak of the Assembly, not Parliament.")
        return
    for part in parts:
        for use in part.uses:
            for one in (use, use.carries):
                if one is not None:
                    one.wording = wording.get(one.section, {})


def build_context(answers: dict[str, Any], kb: Knowledge, authority: Authority, *, request_text: str,
                  reference: str, letter_date: date, unfinished: bool = False) -> dict[str, Any]:
    """Everything the letter is built from (templates may use it; documented in ``snippets/README.md``).

    Raises InputError for answers that cannot make a lawful letter (a refusal with no exemption, a FOIA
    exemption with no EIR exception for environmental information, NCND with no NCND provision…).
    """
    regime = str(answers.get("regime") or getattr(authority, "regime", "") or "foia").lower()
    if regime not in ACTS:
        raise InputError(f"'regime' must be one of {', '.join(ACTS)} (got '{regime[:20]}')")
    check_text_answers(answers, kb)
    answers, placeholders = without_placeholders(answers, kb)
    act, act_short = ACTS[regime]
    notes: list[str] = [f"'{key}' was '{value}', a placeholder: it is treated as not answered."
                        for key, value in placeholders]
    parts = _parts(answers, request_text, kb, regime, notes, unfinished=unfinished)
    _in_own_terms(parts, kb, authority, notes)
    uses: list[ExemptionUse] = []
    for part in parts:
        for use in part.uses:
            # FOISA cites the same section to withhold and, with s18(1), to neither confirm nor deny: two uses
            if not any(u.section == use.section and u.cite == use.cite and u.ncnd == use.ncnd for u in uses):
                uses.append(use)
    extension = answers.get("extension")
    if extension not in (None, "", {}):
        check_extension(extension, regime, letter_date)
        note_long_extension(extension, answers, regime, notes, authority)
    for key in ("pit_decision_date", "extension_date"):
        if answers.get(key) not in (None, "") and as_date(answers[key]) is None:
            raise InputError(f"'{key}' must be a date such as 2025-04-07 (got '{answers[key]}')")
    check_uses(uses, answers, kb, authority, regime, notes)
    note_third_person(answers, kb, notes)
    _note_eisr(uses, parts, notes)
    note_cost_in_parts(parts, regime, cost_limit(regime, authority.cost_limit), notes)
    received = answers.get("received")
    if received and as_date(received) and as_date(received) > letter_date:
        raise InputError(f"the letter date {letter_date.isoformat()} is before the request was received "
                         f"({received}); correct 'letter_date' or 'received'")
    check_dates_of_uses(uses, as_date(received), letter_date, notes)
    topic = kb.topics.get(str(answers.get("topic") or ""))
    window_days = authority.review_window_working_days
    review_until = None
    if regime == "foisa":
        window_days = 40
    if window_days:
        from foibot.law.deadlines import Regime, review_window_end

        try:  # FOISA counts Scottish working days (s73); FOIA and the EIR the UK-wide ones (s10(6))
            review_until = review_window_end(letter_date, window_days,
                                             Regime.FOISA if regime == "foisa" else Regime.FOIA,
                                             holiday_data_until=authority.holiday_data_until)
        except FoibotError:
            review_until = None
    summary = " ".join(str(answers.get("request_summary") or "").split()).rstrip(".")
    context: dict[str, Any] = {
        "authority": authority, "ref": reference, "letter_date": letter_date, "regime": regime,
        "act": act, "act_short": act_short, "request_text": request_text, "topic": topic,
        "parts": parts, "exemptions": uses, "qualified": [u for u in uses if u.weighs_public_interest],
        "annexed": [u for u in uses if not u.procedural],
        "review": {"until": review_until, "window": "40 working days" if regime == "foisa" else
                   authority.review_window},
        "cost": cost_limit(regime, authority.cost_limit), "procedure": procedure(regime),
        "notes": notes, "request_summary": summary,
        # "ask for …", "ask, following our reply, for …": the summary's first word, whatever follows it
        "summary_is_clause": bool(summary) and re.split(r"[\s,;:]", summary, maxsplit=1)[0].lower() in _CLAUSE_START,
    }
    for key, value in answers.items():
        if key not in context and (not isinstance(value, dict) or key == "extension"):  # extension: {until}
            context[key] = value
    context["late"] = _lateness(answers, regime, letter_date, authority)
    context["own_data"], context["own_data_note"] = own_data_refused(answers, kb, request_text, parts, uses, regime)
    return context


_OWN_DATA_INTENT = "own-personal-data"
"""The intent (intents/intents.yaml) whose cues say a request asks for the requester's own personal data."""
_OWN_DATA_PROVISION = {"foia": "section 40(1) of FOIA", "foisa": "section 38(1)(a) of FOISA",
                       "eir": "regulation 5(3) of the EIR"}


def own_data_refused(answers: dict[str, Any], kb: Knowledge, request_text: str, parts: list[Part],
                     uses: list[ExemptionUse], regime: str) -> tuple[bool, str]:
    """Whether a request the letter refuses (in whole or part: any exemption, the cost limit, a vexatious request)
    also asks for the requester's own personal data, which the letter must then say is outside the access law and
    theirs to ask for by subject access. ``own_data`` in the answers decides ("yes" or "no"); else the request's
    words, by the cues of the own-personal-data intent, with a note telling the officer why (added where the letter
    prints the paragraph). Never when the letter already deals with the requester's own data (FOIA s40(1) or
    40(5A), FOISA s38(1)(a))."""
    said = str(answers.get("own_data") or "").strip().lower()
    if said in ("no", "false", "n"):
        return False, ""
    if any((u.section == "s40" and any(x.startswith("1") for x in u.limbs))
           or (u.section == "foisa-s38" and any(x.startswith("1(a)") for x in u.limbs)) for u in uses):
        return False, ""
    refused = any(p.uses and not (p.held in ("yes", "partly") and p.disclosure == "full") for p in parts)
    if not refused:
        return False, ""
    if said in ("yes", "true", "y"):
        return True, ""
    intent = kb.intents.get(_OWN_DATA_INTENT)
    text = " ".join(str(request_text or "").lower().split())
    cues = intent.cues if intent else ()
    cue = next((c for c in cues if re.search(rf"(?<!\w){re.escape(c.lower())}(?!\w)(?! is\b)", text)), "")
    if not cue:
        return False, ""
    return True, (f"The request seems to ask for the requester's own personal data (it says '{cue}'), so the letter "
                 f"tells them that it would be exempt ({_OWN_DATA_PROVISION.get(regime, '')}) and that they can ask "
                 "for it by a subject access request under Article 15 of the UK GDPR. If it does not ask for their "
                 "own data, answer own_data: no; to add the paragraph when foibot missed it, own_data: yes.")


def _note_eisr(uses: list[ExemptionUse], parts: list[Part], notes: list[str]) -> None:
    """FOISA section 39(2) with a refusal under an exception in the Environmental Information (Scotland) Regulations
    2004: foibot does not draft it, and says so to the officer (never in the letter, which shows a gap)."""
    for part in parts:
        if any(u.e.section == "foisa-s39" and "2" in u.limbs for u in part.uses) and len(part.uses) > 1:
            notes.append(f"Part {part.number} cites section 39(2) beside other exemptions. Environmental information "
                         "is dealt with under the Environmental Information (Scotland) Regulations 2004 as a whole: "
                         "anything in it you withhold (third parties' personal data, for example, under regulation "
                         "11) is refused under those Regulations, which foibot does not draft. Cite the other "
                         "exemptions only for information in the part that is not environmental.")
    for use in uses:
        if use.e.section == "foisa-s39" and "2" in use.limbs and str(use.a.get("eisr_outcome") or "") == "exception":
            notes.append("Section 39(2): foibot does not draft refusals under the exceptions in the Environmental "
                         "Information (Scotland) Regulations 2004. Write that refusal notice yourself where the letter "
                         "shows the gap (name the exception in regulation 10 and why it applies, the public interest "
                         "test with its presumption in favour of disclosure, regulation 10(1) and (2), and the "
                         "review and appeal rights under regulations 16 and 17: "
                         "https://www.legislation.gov.uk/ssi/2004/520/contents), or answer 'We will reply about it "
                         "under the EISR separately' and send it on its own.")


def _lateness(answers: dict[str, Any], regime: str, letter_date: date, authority: Authority) -> str:
    """How the letter is late, for its apology: "" (in time, or the due date cannot be known), "statutory" (after
    the 20 working days), "estimate" (a decision after a s17(2) notice, later than the date that notice gave) or
    "reg7" (an EIR response after a regulation 7 notice, later than the 40 working days)."""
    from foibot.law.deadlines import case_due
    from foibot.letter.checking.answer_rules import extended_due

    try:
        due, _ = case_due(answers.get("received"), regime, holiday_data_until=authority.holiday_data_until)
    except FoibotError:
        return ""
    if due is None:
        return ""
    extended = extended_due(answers, due.due)
    if extended is None or letter_date <= extended:
        return ""
    if extended > due.due:
        return "reg7" if regime == "eir" else "estimate"
    return "statutory"


def render(env: ImmutableSandboxedEnvironment, context: dict[str, Any]) -> list[Block]:
    """The letter and Annex A as blocks; notes for the officer are added to ``context["notes"]``."""
    from foibot.letter.compose import compose

    try:
        return compose(env, context)
    except TemplateError as exc:
        raise FoibotError(f"a template in snippets/ failed: {exc}") from exc


def render_paragraph(name: str, env: ImmutableSandboxedEnvironment, kb: Knowledge, authority: Authority, *,
                     letter_date: date) -> list[Block]:
    """One standard paragraph with the profile filled in and case details shown as gaps."""
    if name not in paragraph_names(env):
        shown = name if len(name) <= 60 else name[:59] + "…"  # a pasted page is not echoed back whole
        raise FoibotError(f"there is no paragraph '{shown}'. Paragraphs: {', '.join(paragraph_names(env))}")
    context = build_context({}, kb, authority, request_text="[the request]", reference="[reference]",
                            letter_date=letter_date)
    context.pop("request_text")
    context["part"] = context["parts"][0]
    texts = say(env, f"paragraphs/{name}.j2", {k: v for k, v in context.items() if k != "request_summary"})
    blocks = [Block("para", text, i) for i, text in enumerate(texts, 1)]
    if name == "internal-review":  # the paragraph ends "send it to:"; the address follows
        blocks.append(Block("meta", review_contact(authority)))
    return blocks


def review_contact(authority: Authority) -> str:
    """Where reviews go: the contact's title, the review address and email, one per line."""
    lines = (authority.review_contact_title, *authority.review_address, authority.review_email)
    return "\n".join(x for x in lines if x)
