"""The one exemption-suggestion operation every surface uses (chat, Slack, ``foibot suggest``, ``/foi``).

Each family's score is the chance it is cited, a noisy-or of its prior and its evidence: the prior is
how often authorities of this type cite the family (learned from answered requests, blended with the
register's own counts); each piece of evidence (the matcher's intent cues, what engages the exemption in
``intents/engagement.yaml``, the nearest answered requests that cited it, each similar past case in the
register that cited it) is a further, independent chance. Weak evidence leaves a family near its prior;
one strong, specific cue can lift a rarely cited family into the top few. Every suggestion names its
reasons; the list is always at least ``MIN_EXEMPTIONS`` long.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from foibot.knowledge.citations import canonical, eir_as_eisr, eisr_as_eir, family
from foibot.law.reliance import RULES as RELIANCE
from foibot.letter.parts import split_parts
from foibot.register.store import Store
from foibot.suggest.engagement import Engagement
from foibot.suggest.learning import Learned, uk_family
from foibot.suggest.matcher import FORTHCOMING
from foibot.suggest.precedents import NEIGHBOURS
from foibot.suggest.priors import PriorsFile, normalise_type, reverse_equivalents
from foibot.suggest.register_counts import cases_with_exemptions, prior
from foibot.suggest.similar import SimilarCase, find_similar
from foibot.suggest.suggestions import Suggestion, Suggestions, as_typed

MIN_EXEMPTIONS = 5
MAX_EXEMPTIONS = 10
REGISTER_PSEUDO = 3.0
"""The learned prior counts as this many cases beside the register's own: an authority's own habits soon take
over from its type's, up to ``REGISTER_CAP``. Chosen on the answered requests' cross-validation with each case's own
authority's other cases as the register (recall@3: 3 0.570, 1 0.572, 10 0.561, 30 0.557, 300 0.552; cold 0.549)."""
REGISTER_CAP = 0.5
"""The register's counts never weigh more than this against the type's prior (a register that mixes other
authorities' cases, or a few unusual ones, cannot drown it): chosen on the same cross-validation (own register
0.570 -> 0.572; a register of every other authority's cases 0.534 -> 0.540; 0.3, 0.4 and 0.7 tried)."""
SIMILAR_FROM = 60.0
"""A similar case counts in proportion to how far its similarity is above this (boilerplate alone gives ~50-60)."""
UNKNOWN_CAP = 45.0
"""Families the knowledge base cannot draft stay below the score that prefills the exemptions question."""
BY_HAND = " (foibot has no notes on it: write this part by hand)"
"""Said after the name of a suggested family the knowledge base cannot draft."""
DRAFTED_AS = {"r12(4)(a)": " (answer that we do not hold it, and foibot drafts the regulation 12(4)(a) refusal)",
              "r12(3)": " (choose r13: foibot drafts regulations 12(3) and 13 together)"}
"""Families foibot drafts another way than as an exemption of their own: what to do instead."""


SCOTTISH_ENVIRONMENTAL = (
    "This looks like environmental information. A Scottish authority answers requests for it under the "
    "Environmental Information (Scotland) Regulations 2004 (https://www.legislation.gov.uk/ssi/2004/520/contents), "
    "which foibot cannot draft: it drafts under FOISA, so if the information is environmental, write the reply "
    "under those Regulations yourself.")
"""The note for a Scottish authority's environmental request (foibot drafts FOIA, the EIR and FOISA only)."""

ENVIRONMENTAL_NOTE = (
    "This looks like environmental information ({why}): answer it under the Environmental Information "
    "Regulations 2004, not FOIA, citing their exceptions (each subject to the public interest test, with "
    "a presumption in favour of disclosure).")
"""The note when the engagement knowledge, not the matcher, reads a request as environmental."""

SCOTTISH_S39 = "foisa-s39"
SCOTTISH_S39_CHANCE = 0.4
"""A Scottish authority answering under the Scottish EIR cites FOISA s39(2) (environmental information) in
about this share of its replies (13 of the 33 such answered requests)."""

FOIA_ENVIRONMENTAL = "s39"
"""The one FOIA section offered for environmental information: it routes the request to the EIR."""

MIXED_NOTE = {
    "foia": ("{parts} {looks} like environmental information ({why}): answer {that} under the Environmental "
             "Information Regulations 2004 (FOIA section 39 exempts it from FOIA, and the EIR's exceptions apply), "
             "and the rest of the request under FOIA."),
    "foisa": ("{parts} {looks} like environmental information ({why}): a Scottish authority answers {that} under the "
              "Environmental Information (Scotland) Regulations 2004 (https://www.legislation.gov.uk/ssi/2004/520/"
              "contents), which foibot cannot draft, so write that reply yourself (FOISA section 39(2) exempts it "
              "from FOISA); answer the rest of the request under FOISA."),
}
"""The note for a request in parts of which only some ask for environmental information (a mixed request)."""

RESEARCH_BODIES = frozenset({"education"})
"""Authorities whose forthcoming publications are most often the reports of their research (universities):
a forthcoming topic that matches gives section 22A (research) as well as section 22."""
RESEARCH_TOPIC = ("a forthcoming publication of a university or college is most often the report of its research, "
                  "which section 22A protects while the research continues")

FLOOR = 0.002
"""A family no answered request cited starts here."""


@dataclass(frozen=True)
class Weights:
    """The most each kind of evidence adds to the chance a family is cited (a noisy-or; see ``_score``).

    Chosen on cross-validation of the shipped answered requests, not on the held-out set."""

    cue: float = 0.6
    engaged: float = 0.8
    similar: float = 0.6
    near: float = 0.9
    precedents: float = 0.8
    """Times a family's share of the nearest answered requests' similarity (``precedents.Precedents.vote``)."""
    meaning: float = 0.9
    """Times how far the classifier's chance that a request with this meaning cites the family
    (``family_classifier``) is above the type prior, as a share of the way from the prior to certainty."""


MEANING_FROM = 0.15
"""The classifier's chances below this are not evidence (most families are near zero for most requests)."""


class ExemptionSuggester:
    """``suggest(text, requester=, email=, exclude=)`` -> Suggestions, ranked by prior x evidence. Thread-safe."""

    def __init__(self, matcher_suggest: Callable[[str], Suggestions], engagement: Engagement, learned: Learned,
                 authority_type: str, regime: str, store: Store | None, titles: dict[str, str], known: set[str],
                 eir_equivalents: Mapping[str, str], foisa_equivalents: Mapping[str, str],
                 weights: Weights | None = None,
                 notes_for: Callable[[Suggestions, str, str], list[str]] | None = None, fit: PriorsFile | None = None,
                 authority_name: str = ""):
        self.matcher_suggest, self.engagement, self.learned = matcher_suggest, engagement, learned
        self.authority_type, self.regime, self.store = normalise_type(authority_type), regime, store
        self.titles, self.known = titles, known
        self.eir_equivalents, self.foisa_equivalents = dict(eir_equivalents), dict(foisa_equivalents)
        self.foisa_to_foia = reverse_equivalents(self.foisa_equivalents)
        self.weights = weights or Weights()
        self.notes_for = notes_for
        """The intents' notes for a reply under a law, to an authority type; None keeps the matcher's own."""
        self.fit = fit or PriorsFile()
        """Which families each type of authority can rely on (``authority_fit`` in intents/priors.yaml)."""
        self.authority_name = authority_name
        """The profile's name: a family whose protection belongs to named bodies (section 34, the two Houses'
        privileges: ``foibot.law.reliance``) or that named bodies cannot rely on (``never_bodies``) is offered by it.
        "" (not known) offers every family its type may rely on."""

    def __call__(self, text: str, *, requester: str = "", email: str = "", exclude: str | None = None,
                 use_register: bool = True, authority_type: str | None = None, regime: str | None = None,
                 learned: Learned | None = None) -> Suggestions:
        """The ranked suggestions; ``exclude``, ``authority_type``, ``regime`` and ``learned`` serve the evaluation."""
        base = self.matcher_suggest(text)
        learned = learned or self.learned
        kind = normalise_type(authority_type or self.authority_type)
        profile = regime or self.regime
        environmental: list[str] = []
        why = self.engagement.environmental(text) if base.regime != "eir" else ""
        mixed = self._mixed(text) if base.regime == "eir" or why else None
        if mixed is not None:  # only some parts are environmental: the Act for the rest, s39 for those parts
            rest = self.matcher_suggest(mixed.rest)
            base = replace(base, exemptions=rest.exemptions, regime="foia", notes=rest.notes)
            environmental = [mixed.note(profile)]
        elif why:
            # the matcher's intents missed it, the engagement knowledge reads it as environmental: the EIR apply
            environmental = [] if profile == "foisa" else [ENVIRONMENTAL_NOTE.format(why=self._each_part(text) or why)]
            base = replace(base, regime="eir")
        if self.notes_for is not None:  # each note in the law of the reply: FOISA's, the EIR's or FOIA's
            letter = "foisa" if profile == "foisa" else base.regime
            base = replace(base, notes=self.notes_for(base, letter, kind))
        base = replace(base, notes=[*base.notes, *environmental])
        similar: list[SimilarCase] = []
        counts: Counter = Counter()
        cases = 0
        if self.store is not None and use_register:
            similar = find_similar(self.store, text, requester=requester, email=email, exclude=exclude)
            for fam, n in prior(self.store, exclude=exclude).items():
                counts[uk_family(fam, self.foisa_to_foia)] += n
            cases = cases_with_exemptions(self.store, exclude)
        out_regime = ("eisr" if profile == "foisa" else "eir") if base.regime == "eir" else profile
        scores = self._score(text, base, similar, learned, kind, counts, cases, mixed)
        if base.regime == "eir" and profile == "foisa" or mixed is not None:
            s39 = SCOTTISH_S39 if profile == "foisa" else FOIA_ENVIRONMENTAL
            z, reasons, keys = scores.get(s39, (logit(FLOOR), [], {}))
            p = 1 - (1 - sigmoid(z)) * (1 - SCOTTISH_S39_CHANCE)
            scores[s39] = (logit(p), [*reasons, _s39_reason(profile, mixed)], keys)
        ranked = self._ranked(base, scores, similar, out_regime, kind)
        if profile != "foisa":
            return ranked
        notes = [SCOTTISH_ENVIRONMENTAL] if base.regime == "eir" else []
        return replace(ranked, regime="foisa", notes=[*notes, *ranked.notes])  # the letter's Act is the profile's

    def _each_part(self, text: str) -> str:
        """Why each part of a request in parts reads as environmental (``part 2: biological diversity ...``), so
        that the note flags every such part; "" for a request in one part."""
        parts = split_parts(text)
        if len(parts) < 2:
            return ""
        found = [f"part {n}: {why}" for n, part in enumerate(parts, 1) if (why := self.engagement.environmental(part))]
        return "; ".join(found)

    def _mixed(self, text: str) -> Mixed | None:
        """The request's environmental parts when it is a mixed request: in parts, some environmental and at
        least as many others each about a subject of its own (what it asks engages a section of the Act, and it
        names nothing an environmental part names). None when it is wholly or mainly environmental: a part that
        engages nothing on its own ("grid references for the sites") follows the environmental subject."""
        parts = split_parts(text)
        if len(parts) < 2:
            return None
        found: dict[int, str] = {}
        for number, part in enumerate(parts, 1):
            if why := self.engagement.environmental(part):
                found[number] = why
            elif self.matcher_suggest(part).regime == "eir":
                found[number] = "it reads as a request for environmental information"
        if not found:
            return None
        named = {w for n in found for w in _names(parts[n - 1])}
        others = [n for n, part in enumerate(parts, 1) if n not in found and not named & _names(part)
                  and any(not e.family.startswith("r") for e in self.engagement.match(part))]
        if len(others) < len(parts) - len(others):
            return None
        return Mixed(found, " ".join(p for n, p in enumerate(parts, 1) if n not in found),
                     " ".join(p for n, p in enumerate(parts, 1) if n in found))

    def _score(self, text: str, base: Suggestions, similar: list[SimilarCase], learned: Learned, kind: str,
               counts: Counter, cases: int, mixed: Mixed | None = None
               ) -> dict[str, tuple[float, list[str], dict[str, str]]]:
        """Family (FOIA numbering) -> (log-odds, reasons, the most specific citation seen in each numbering:
        ``{"s40": "s40(5A)", "foisa-s38": "foisa-s38(1)(a)"}``).

        A noisy-or: the prior is the chance the family is cited anyway, and each piece of evidence is
        an independent further chance (its strength times its kind's weight), so
        p = 1 - (1 - prior) x (1 - evidence 1) x (1 - evidence 2) ... A strong, specific cue lifts a
        rare family into the top few; weak evidence leaves a family near its prior. In a ``mixed`` request the
        Act's sections are engaged by the other parts' words, the EIR's exceptions by the environmental parts'."""
        w = self.weights
        share = learned.priors.share(kind)
        n = learned.size
        found: dict[str, tuple[float, list[str], dict[str, str]]] = {}
        own = min(cases / (cases + REGISTER_PSEUDO), REGISTER_CAP)  # the register's weight beside the type's prior
        for fam in set(share) | set(counts):
            p = own * counts.get(fam, 0) / max(cases, 1) + (1 - own) * share.get(fam, 0.0)
            reasons = []
            if share.get(fam):
                reasons.append(f"cited in about {share[fam]:.0%} of {kind.replace('_', ' ')} answers "
                               f"(prior from {n} answered requests)")
            if counts.get(fam):
                reasons.append(f"cited in {counts[fam]} of the register's {cases} cases with exemptions")
            found[fam] = (max(p, FLOOR), reasons, {})

        def add(fam: str, chance: float, reason: str, *keys: str) -> None:
            """A further chance for ``fam``; each of ``keys`` (a fuller citation, s43(2), or that of the FOISA
            counterpart, foisa-s38(1)(a)) becomes the key in its own numbering when it is fuller than the one
            seen: a Scottish case's foisa-s38 counts for s40 but is never offered as s40."""
            p, reasons, best = found.get(fam, (FLOOR, [], {}))
            best = dict(best)
            for key in keys:
                numbering = family(key)
                if key and numbering in (fam, self.foisa_equivalents.get(fam)) and \
                        len(key) > len(best.get(numbering, numbering)):
                    best[numbering] = key
            found[fam] = (1 - (1 - p) * (1 - min(max(chance, 0.0), 0.99)), [*reasons, reason], best)

        cues: dict[str, tuple[float, list[str], str]] = {}
        for s in base.exemptions:
            fam = uk_family(family(s.key), self.foisa_to_foia)
            old = cues.get(fam, (0.0, [], ""))
            key = canonical(s.key)
            cues[fam] = (max(old[0], s.score / 100), [*old[1], s.why], key if len(key) > len(old[2]) else old[2])
        forthcoming = cues.get("s22", (0.0, [], ""))
        if kind in RESEARCH_BODIES and "s22A" not in cues and any(FORTHCOMING in r for r in forthcoming[1]):
            cues["s22A"] = (forthcoming[0], [RESEARCH_TOPIC], "s22A")  # a university's forthcoming report: research
        for fam, (strength, reasons, key) in cues.items():
            if self.fit.by_words(fam, kind):  # s30 for an NHS body: its words say nothing of it
                add(fam, w.cue * strength, "; ".join(reasons), key)
        engaged = self.engagement.match(text) if mixed is None else \
            [e for e in self.engagement.match(mixed.rest) if not e.family.startswith("r")] + \
            [e for e in self.engagement.match(mixed.environmental) if e.family.startswith("r")]
        for e in engaged:
            if e.family.startswith("r") and base.regime != "eir" and mixed is None:
                continue  # an EIR exception only for environmental information
            if self.fit.by_words(uk_family(e.family, self.foisa_to_foia), kind):
                add(e.family, w.engaged * e.strength, f"engages it: {e.why}", *e.citations)
                if base.regime == "eir" and mixed is None:  # the EIR exception is what the Act's section becomes
                    for fam in self._foia_for(e.family, found):  # (s40 -> r13): its evidence counts there too
                        add(fam, w.engaged * e.strength, f"engages it: {e.why}")
        votes = learned.precedents.vote(text)
        for vote in votes:
            add(vote.family, w.precedents * vote.share,
                f"cited in {len(vote.refs)} of the {NEIGHBOURS} most similar answered requests "
                f"({', '.join(vote.refs[:3])}{', …' if len(vote.refs) > 3 else ''})")
        if learned.classifier is not None and learned.precedents.meaning is not None \
                and learned.precedents.familiar(text):
            vector = learned.precedents.meaning.vector(text)
            for fam, chance in learned.classifier.chances(vector).items():
                usual = share.get(fam, 0.0)  # what the meaning adds beyond how often this type cites it anyway
                lift = (chance - usual) / (1 - usual) if usual < 1 else 0.0
                if chance >= MEANING_FROM and lift > 0 and self.fit.by_words(fam, kind):
                    add(fam, w.meaning * lift,
                        f"a model of the {learned.classifier.trained_on} answered requests estimates that requests "
                        f"with a similar meaning cite it about {chance:.0%} of the time (an estimate, not a count)")
        counted = {ref for vote in votes for ref in vote.refs}
        for case in similar:
            if case.reference in counted:
                continue  # the same answered request, in the register too: it counts once
            label = "near-identical request" if case.near_identical else "similar request"
            weight = w.near if case.near_identical else w.similar
            for citation in dict.fromkeys(case.exemptions):
                fam = uk_family(family(citation), self.foisa_to_foia)
                strength = max(0.0, case.score - SIMILAR_FROM) / (100 - SIMILAR_FROM)
                add(fam, weight * strength, f"cited in {case.reference} ({label}, {case.score:.0f}%)",
                    canonical(citation))
        return {fam: (logit(p), reasons, key) for fam, (p, reasons, key) in found.items()
                if self._fits(fam, kind)}  # s35 (FOISA s29) is never offered to a council, s34 but to the Houses

    def _fits(self, fam: str, kind: str) -> bool:
        """Whether this authority (its type, and its name when known) can rely on ``fam`` (FOIA numbering) at all."""
        name = self.authority_name
        return self.fit.fits(fam, kind, name) and \
            not (name and any(r.section == fam and not r.holders.search(name) for r in RELIANCE))

    def _foia_for(self, exception: str, found: Mapping[str, object]) -> list[str]:
        """The Act's sections, among those ``found``, that the EIR ``exception`` stands in for (r13 for s40), so
        that what engages the exception adds to the evidence its section already has under the EIR."""
        return [fam for fam, eir in self.eir_equivalents.items() if eir == exception and fam in found]

    def _ranked(self, base: Suggestions, found: dict[str, tuple[float, list[str], dict[str, str]]],
                similar: list[SimilarCase], regime: str, kind: str) -> Suggestions:
        """Translate to the regime's numbering, rank, and keep at least ``MIN_EXEMPTIONS``. A family foibot
        cannot draft says so after its name (write that part by hand)."""
        merged: dict[str, tuple[float, list[str], str]] = {}
        for fam, (z, reasons, keys) in found.items():
            numbered = self._numbered(fam, regime)
            if numbered is None:
                continue
            target, note = numbered
            key = keys.get(target, target)  # the fullest citation seen in the numbering offered (s40(5A))
            reasons = [*reasons[:-1], reasons[-1] + note] if note and reasons else reasons  # said once, at the end
            if target not in merged or z > merged[target][0]:
                merged[target] = (z, reasons, key)
        ranked = sorted(merged.items(), key=lambda i: (-i[1][0], i[0]))
        out = []
        for fam, (z, reasons, key) in ranked[:MAX_EXEMPTIONS]:
            if not reasons:
                if len(out) >= MIN_EXEMPTIONS:
                    continue
                reasons = [f"foibot's knowledge base covers {as_typed(fam)}; nothing in the request or past answers "
                           "points to it"]
            score = 100 * sigmoid(z)
            if fam not in self.known:
                score = min(score, UNKNOWN_CAP)
            said = "" if fam in self.known else DRAFTED_AS.get(fam, BY_HAND)
            out.append(Suggestion(key, self._title(fam) + said, round(score, 1),
                                  "; ".join(reasons)))
        for fam in sorted(self.known - set(merged)):
            numbered = self._numbered(uk_family(fam, self.foisa_to_foia), regime)
            if numbered is None or numbered[0] != fam or not self._fits(uk_family(fam, self.foisa_to_foia), kind):
                continue  # another law's numbering (foisa-s25 to an English authority), or a family it cannot use
            if len(out) >= MIN_EXEMPTIONS:
                break
            out.append(Suggestion(fam, self._title(fam), 0.1,
                                  f"foibot's knowledge base covers {as_typed(fam)}; nothing in the request or past "
                                  "answers points to it"))
        notes = list(base.notes)
        for case in similar:
            if case.near_identical and not case.exemptions and case.outcome in ("granted", "not_held"):
                notes.append(f"{case.reference} (near-identical request) was answered "
                             f"{'in full' if case.outcome == 'granted' else 'as not held'} with no exemption")
        return replace(base, exemptions=out, notes=list(dict.fromkeys(notes)),
                       similar_cases=[{**c.to_json(), "exemptions": [as_typed(e) for e in c.exemptions]}
                                      for c in similar] or base.similar_cases)  # shown as typed: s38(1)(b)


    def numbered(self, families: Iterable[str], regime: str) -> list[str]:
        """UK-numbered ``families`` as a ``regime`` authority cites them, in order, without repeats (the
        evaluation's baselines get the same numbering as foibot's own suggestions)."""
        return list(dict.fromkeys(n[0] for f in families if (n := self._numbered(f, regime))))

    def _numbered(self, fam: str, regime: str) -> tuple[str, str] | None:
        """``fam`` (UK numbering) as ``regime`` numbers it, with a note saying so; None when it has no place there.

        ``regime`` is the authority's (``foia``, ``foisa``), or ``eir`` / ``eisr`` for environmental information."""
        if not fam.startswith(("s", "r", "foisa-")):
            return None  # a numbering not learned as a UK one
        scottish, environmental = regime in ("foisa", "eisr"), regime in ("eir", "eisr")
        if fam.startswith("foisa-"):
            if environmental and fam != SCOTTISH_S39:
                return None  # FOISA s39(2) routes environmental information to the Scottish EIR: no other section
            return (fam, "") if scottish else None
        eir = self.eir_equivalents.get(fam, fam) if environmental else fam
        if eir.startswith("r"):
            if scottish:
                target = eir_as_eisr(eir)
                if environmental:
                    return target, f" (the Scottish EIR's {target.removeprefix('EISR ')}, the counterpart of EIR {eir})"
                return target, (f" (the Scottish EIR's {target.removeprefix('EISR ')}: only if the information is "
                                "environmental, when the Scottish EIR apply instead)")
            if environmental:
                return eir, f" (under the EIR, {eir} instead of {fam})" if eir != fam else ""
            return fam, " (an EIR exception: only if the information is environmental, when the EIR apply instead)"
        if not scottish:
            if environmental and fam != FOIA_ENVIRONMENTAL:
                return None  # a FOIA section with no EIR exception does not apply to environmental information
            return fam, ""
        if environmental or fam not in self.foisa_equivalents:
            return None  # nor a FOISA section for environmental information (s39(2) routes it to the Scottish EIR)
        target = self.foisa_equivalents[fam]
        number = target.removeprefix("foisa-")
        if number == fam:
            return target, ""  # the same number in both Acts (s12, s14): nothing to explain
        return target, f" (FOISA {number}, the counterpart of FOIA {fam})"

    def _title(self, fam: str) -> str:
        """The family's short name; one foibot has no name for reads as its citation ("EIR regulation 12(3)")."""
        if fam in self.titles:
            return self.titles[fam]
        if fam.startswith("EISR "):
            eir = eisr_as_eir(fam)
            return f"{self.titles[eir]} (Scottish EIR)" if eir in self.titles else f"Scottish EIR {fam[5:]}"
        if fam.startswith("r"):
            return f"EIR regulation {fam[1:]}"
        if fam.startswith("foisa-s"):
            return f"FOISA section {fam.removeprefix('foisa-s')}"
        return f"FOIA section {fam.removeprefix('s')}"


@dataclass(frozen=True)
class Mixed:
    """A request in parts of which only some ask for environmental information."""

    parts: dict[int, str]
    """Each environmental part's number (from 1) and why it reads as environmental."""
    rest: str
    """The other parts' words, answered under the Act."""
    environmental: str
    """The environmental parts' words."""

    def note(self, regime: str) -> str:
        one = len(self.parts) == 1
        return MIXED_NOTE["foisa" if regime == "foisa" else "foia"].format(
            parts=self.named().capitalize(), looks="looks" if one else "look", that="that part" if one
            else "those parts", why="; ".join(dict.fromkeys(self.parts.values())))

    def named(self) -> str:
        """``part 4``, ``parts 2 and 4``."""
        numbers = [str(n) for n in self.parts]
        return f"part {numbers[0]}" if len(numbers) == 1 else f"parts {', '.join(numbers[:-1])} and {numbers[-1]}"


_NAME = re.compile(r"(?<=[\w,;:)] )[A-Z][\w'’-]+|\b[A-Z]{2,}\b")
_NOT_NAMES = frozenset("""council councils authority department government ministry city county borough district police
service services university college school trust board committee the please""".split())


def _names(part: str) -> set[str]:
    """The names a part gives (capitalised words after its first, acronyms), so two parts naming the same body or
    place (the William Tracey Group, SEPA) are read as one subject; an authority's own title words are not names."""
    found = {w.lower().rstrip("'’s").removesuffix("'s") for w in _NAME.findall(part)}
    return {w for w in found if len(w) > 2 and w not in _NOT_NAMES}


def _s39_reason(regime: str, mixed: Mixed | None) -> str:
    """Why s39 (FOISA s39(2)) is offered: the request, or some of its parts, ask for environmental information."""
    what = "environmental information" if mixed is None else \
        f"{mixed.named()} of the request {'asks' if len(mixed.parts) == 1 else 'ask'} for environmental information"
    if regime == "foisa":
        return f"{what}, which FOISA s39(2) exempts so that it is answered under the Scottish EIR"
    return f"{what}, which FOIA s39 exempts so that it is answered under the EIR"


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))
