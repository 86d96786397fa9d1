"""The rules for each exemption a letter relies on: its subsection, why it applies, its public interest test, and
what a few sections need of their own (s12, s14, s22, s36's qualified person, s39(1)(b), s40)."""

from __future__ import annotations

import re

from foibot.knowledge.model import Exemption, Knowledge, limb_text
from foibot.letter.checking.cost_rules import check_cost
from foibot.letter.checking.public_interest import pit_gaps
from foibot.letter.checking.reading import (
    LIKELIHOOD,
    QUOTED,
    TWO_LIKELIHOODS,
    Letter,
    multi_limb,
    ncnd_provisions,
    still_withheld,
)
from foibot.letter.checking.result import CheckResult
from foibot.letter.checking.rules import PROCEDURAL, RuleBook, not_qualified, rule_key, words_in

_I = re.I

_REASON = re.compile(r"\b(because|would|could|likely|since|as (it|this|the)|on the grounds|reason|prejudice|intend|"
                     r"publish|personal data|exceed|beyond|limit|estimate|vexatious|privilege|confiden|prohibit|"
                     r"accessible|available|endanger|security|commercial|harm|unfair|breach|so that|in order to|"
                     r"convention)", _I)

# "As it is exempt": the claim restated, not a reason for it.
_CIRCULAR = re.compile(r"\b(as|because|since) (it|this|they|the information) (is|are) exempt\b", _I)
# "Section 41 is an absolute exemption, which means ...": what kind of exemption it is, not why it applies.
_NATURE = re.compile(r"^(section|s\.?)\s*\S+ is an? (absolute|qualified)\b|^th(is|e) (exemption|exception) is (an? )?"
                     r"(absolute|qualified)\b", _I)


def _reasoning(book: RuleBook, scope: str) -> str:
    """The sentences of an exemption's scope that can give a reason for it: not the courtesies and the rights that
    follow a short refusal (rule reason, words "not_reasons"), nor what kind of exemption it is, nor "as it is
    exempt"."""
    boilerplate = [w.lower() for w in book["reason"].words.get("not_reasons", ())]
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", scope):
        lower = sentence.lower()
        if any(w in lower for w in boilerplate) or (_NATURE.search(sentence) and "because" not in lower):
            continue
        kept.append(_CIRCULAR.sub(" ", sentence))
    return " ".join(kept)


def exemption_label(exemption: Exemption) -> str:
    """An exemption as a finding names it: "section 35", "regulation 12(5)(e)"."""
    return f"section {exemption.number}" if exemption.regime != "eir" else exemption.cite()


def check_exemption(letter: Letter, kb: Knowledge, book: RuleBook, result: CheckResult, key: str,
                     review: bool, extending: bool = False) -> None:
    exemption = kb.exemptions[key]
    label = exemption_label(exemption)
    scope = letter.scope(key)
    need, skip = book.need, book.skip
    if review and not still_withheld(scope):  # a review's outcome that releases what the exemption covered
        for rid in ("subsection", "reason", "pit"):
            skip(result, rid, key)
    else:  # a first response, or a review's outcome still withholding under it: what s17(1) asks of a refusal
        if exemption.regime != "eir" and key not in PROCEDURAL and multi_limb(exemption):
            need(result, "subsection", any(letter.cited[key]), key, label=label,
                 detail=exemption.cite(exemption.default_limb or "1"))
        else:
            skip(result, "subsection", key)  # s12 and s14 are governed by s17(5); one-limb sections are unambiguous
        reasons = _reasoning(book, scope)
        need(result, "reason", len(reasons.split()) >= 20 and bool(_REASON.search(reasons)), key, label=label)
        if not review:
            _ncnd_prejudice(letter, book, result, exemption, key, label)
        provisions = ncnd_provisions(kb).get(key, [])
        ncnd_only = letter.ncnd and (exemption.regime == "foisa" or all(
            any(sub.lower().startswith(p[len(key) - 1:].lower()) for p in provisions)
            for sub in letter.cited[key] if sub and not letter.only_referenced(exemption.number + sub)))
        limbs = [sub for sub in letter.cited[key] if sub]  # "section 36" alone, in Annex A's link, names no limb
        weighs = exemption.weighs(limbs) if limbs else exemption.qualified
        if weighs and not ncnd_only and not extending:  # s17(2): the test is not decided yet
            missing = pit_gaps(letter, kb, book, key, scope, label)
            need(result, "pit", not missing, key, label=label, detail=", ".join(missing))
        else:
            skip(result, "pit", key)
    if not review and key == "s36":  # one qualified person's opinion: "would" or "would be likely to", never both
        stated = {bool(m.group(2)) for m in LIKELIHOOD.finditer(QUOTED.sub(" ", scope))}
        if len(stated) > 1:  # (foibot's own drafts: every prejudice-based exemption's Annex A, draft_rules.py)
            need(result, "reason", False, key, label=label, detail=TWO_LIKELIHOODS)
    flat = letter.flat
    if rule_key(key) == "s12":
        check_cost(letter, book, result, key)
    if rule_key(key) == "s14":
        need(result, "s14-notice", bool(re.search(r"vexatious|repeat|substantially similar|identical|17\(6\)", flat,
                                                  _I)), key)
    if key == "s22":
        need(result, "publication-date", bool(re.search(r"publish|publication", scope, _I)), key,
             detail="the letter does not say that, or when, the information will be published")
    if key == "s36":
        opinion = re.search(r"qualified person", flat, _I) and re.search(r"opinion", flat, _I)
        negated = re.search(r"\b(not|no|yet to|without|never)\b[^.]{0,40}qualified person|qualified person[^.]{0,40}"
                            r"\b(not yet|has not|hasn't|not been|have not)\b", flat, _I)
        junior = _junior_person(letter, book)
        need(result, "qualified-person", bool(opinion) and not negated and not junior, key,
             detail=f" (the one named holds a junior post, '{junior}': section 36(5) makes the qualified person a "
                    "Minister, the authority's head, or an officer a Minister has authorised, such as a council's "
                    "monitoring officer)" if junior else "")
        _qualified_person(letter, kb, book, result)
    if key == "s39":
        _s39_refusal(letter, book, result, review)
    if key == "s40":
        own = re.search(r"your own personal data|of which you are the data subject|you are the data subject|"
                        r"\b(is|are|constitutes?) (all )?your (own )?personal data\b", flat, _I)
        wrong = letter.cites_section(r"40\((2|5b)\).*")
        need(result, "ncnd-own-data", not (own and wrong), key)


# The likelihood of the prejudice stated: "would prejudice", "would be likely to endanger", "more probable than not".
# Not the Act's own "would, or would be likely to," (which states neither).
_ACTS_WORDS = re.compile(r"\bwould,? or would be likely,?( otherwise)?,? to\b", _I)
_LIKELIHOOD = re.compile(r"\b(would|will)( be likely to| otherwise| seriously| significantly| also| directly| itself)? "
                         r"(prejudice|harm|damage|endanger|inhibit|undermine|compromise|impair|jeopardi[sz]e|"
                         r"adversely affect|weaken|hinder|assist|help|enable|allow|put|place)\b|"
                         r"\b(real and significant|real|significant) risk\b|\bmore (probable|likely) than not\b", _I)


def _ncnd_prejudice(letter: Letter, book: RuleBook, result: CheckResult, exemption: Exemption, key: str,
                    label: str) -> None:
    """A prejudice-based provision removing the duty to confirm or deny (s31(3), s38(2), s43(3), ...): why it applies
    (s17(1)(c)) is the prejudice that confirming or denying would cause to an interest the Act names, so the letter
    must say which (for s31(3), which of the matters in s31(1)(a) to (i)): a limb cited, or its words (rule reason,
    words "interest_<section>"). Not saying how likely the prejudice is ("would" or "would be likely to") is a warning:
    the Act asks for the reason, and the ICO for the likelihood."""
    provision = exemption.ncnd.split(",")[0].strip()
    if (exemption.regime != "foia" or exemption.basis != "prejudice" or not provision or not letter.ncnd
            or not letter.cites(provision, "foia")):
        return
    scope = QUOTED.sub(" ", letter.scope(key))
    limbs = [limb_text(o.value) for o in exemption.limbs]
    named = any(n == exemption.number and any(s.lower().startswith(limb.lower()) for limb in limbs)
                for n, s in letter.sections) or bool(words_in(book["reason"], f"interest_{key}", scope))
    if not named:
        ends = [exemption.cite(o.value) for o in (exemption.limbs[0], exemption.limbs[-1])] if exemption.limbs else []
        which = f" ({' to '.join(dict.fromkeys(ends))})" if ends else ""
        book.need(result, "reason", False, key, label=f"section {provision}",
                  detail=f": it does not say which interest the Act names{which} confirming or denying would harm")
    if not _LIKELIHOOD.search(_ACTS_WORDS.sub(" ", scope)):
        book.warn(result, "reason", key, label=f"section {provision}")


def _s39_refusal(letter: Letter, book: RuleBook, result: CheckResult, review: bool) -> None:
    """Section 39(1)(b): the part is refused under an exception of the EIR, which the letter must name, with its reason
    (reg 14(3)(a)) and, for regulation 12, the public interest test with the presumption in favour of disclosure."""
    if review or not letter.cites_section(r"39\(1\)\(b\).*"):
        book.skip(result, "eir-via-s39", "s39")
        return
    regs = sorted(k for k in letter.cited if k.startswith("r"))
    gaps = []
    if not regs:
        gaps.append("name the exception in regulation 12(4), 12(5) or 13 it is withheld under, and why it applies")
    elif any(k.startswith("r12") for k in regs) and not (letter.cites_regulation(r"12\(2\).*") or re.search(
            r"presumption in favour of disclosure", letter.flat, _I)):
        gaps.append("weigh the public interest with the presumption in favour of disclosure (reg 12(1)(b), 12(2))")
    book.need(result, "eir-via-s39", not gaps, "s39", detail=" and ".join(gaps))


# The qualified person as a letter names them: "Our qualified person, the Permanent Secretary, gave ...", "the qualified
# person (the Chief Executive)", "the opinion of the Director General, our qualified person".
_QP_NAMED = re.compile(r"qualified person(?: for [^,.()]{1,40})?\s*(?:,|\(|is|was|:)\s*([^.;()]{3,80}?)"
                       r"(?:,? (?:gave|has|had|was|is|who|that|on \d)\b|\)|[.;]|$)|"
                       r"opinion of ([^.;,()]{3,60}?),? (?:our|the|as) qualified person", _I)


def _junior_person(letter: Letter, book: RuleBook) -> str:
    """Section 36(5): the junior post of a qualified person so named ("Jordan Ellis, Information Governance Assistant,
    acting as the council's qualified person"), who is none for any authority (rule qualified-person, words "junior",
    unless the sentence also names one of "senior"), or ""."""
    rule = book["qualified-person"]
    junior = [w for s, _ in letter.sentences if re.search(r"qualified person", s, _I)
              and not words_in(rule, "senior", s) for w in words_in(rule, "junior", s)]
    return max(junior, key=len) if junior else ""


def _qualified_person(letter: Letter, kb: Knowledge, book: RuleBook, result: CheckResult) -> None:
    """Section 36(5): the qualified person the letter names fits this type of authority (a Minister, for a government
    department). Runs only for the types the rule is for, and only when the letter names someone."""
    if not book["qualified-person-who"].for_authority(kb.authority_type):
        book.skip(result, "qualified-person-who", "s36")
        return
    named = [(m.group(1) or m.group(2) or "").strip() for s, _ in letter.sentences for m in _QP_NAMED.finditer(s)]
    named = [n for n in named if n and not n.lower().startswith(("has ", "gave ", "the opinion"))]
    if not named:
        book.skip(result, "qualified-person-who", "s36")
        return
    wrong = [n for n in named if not_qualified(book, kb.authority_type, n)]
    book.need(result, "qualified-person-who", not wrong, "s36", detail=f"'{wrong[0]}'" if wrong else "")
