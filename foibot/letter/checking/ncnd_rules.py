"""Neither confirm nor deny: the provision cited, nothing said or implied about whether the information is held, the
either/or form for s23(5) and s24(2), and the public interest in confirming or denying."""

from __future__ import annotations

import re

from foibot.knowledge.model import Knowledge
from foibot.letter.checking.letter_parts import in_parts, paragraphs, part_answers, part_texts
from foibot.letter.checking.reading import NCND, Letter, own_lines, set_aside_only
from foibot.letter.checking.result import CheckResult
from foibot.letter.checking.rules import PROCEDURAL, RuleBook

_I = re.I

_HELD_CLAIM = re.compile(r"\b(we|it|the \w+|[A-Z]\w+ (police|council)) (can |do )?(confirm|confirms)( that)? [^.]{0,40}"
                         r"\b(do |does )?(hold|holds)\b|\bwe (do )?hold\b(?! no\b)|\bis held by\b|"
                         r"\b(withheld|withholding) (the|this|it|some)\b|\bwe are (providing|enclosing|attaching)\b|"
                         r"\binformation (that |which )?(we have |has been |was |we )?withheld\b|"
                         r"\bwithheld information\b|"
                         # "Schedule of records withheld", "(withheld: s30(3))": a list of what is withheld
                         r"\b(records?|documents?|files?|items?) withheld\b|\(withheld:",
                         _I)
# A denial breaks a neither-confirm-nor-deny answer as surely as a confirmation ("We hold no such records").
_DENIAL = re.compile(r"\bwe (do not|don't|did not) hold\b|\bwe hold no\b|\bwe have no (record|trace)\b|"
                     r"\bno (\w+ ){0,3}(has|have|had) been (received|made|recorded|found|held)\b|"
                     r"\bthere (is|are|were|was) no (\w+ ){0,3}(records?|complaints?|information|reports?)\b", _I)
# Words that make a sentence about holding conditional ("whether we hold", "if it were held", "would reveal").
_HEDGED = r"whether|\bif\b|neither|confirm or deny|confirming or denying|would (reveal|disclose)"
_DENIAL_HEDGE = re.compile(_HEDGED + r"|\bis or is not\b|\bare or are not\b", _I)
# "The file you asked about is exempt": a definite thing said to be exempt or withheld admits it is held, even in the
# sentence that goes on to neither confirm nor deny. "If held, it would be exempt" and "any information" do not.
_EXEMPT_CLAIM = re.compile(r"\b(the|this|that|these|those) (\w+ ){0,3}(you (have )?(asked|requested|enquired|"
                           r"wanted)( about| for)?|requested|sought) (is|are) (exempt|being withheld|withheld)\b"
                           r"(?! from (the )?(duty|requirement|need) to confirm)|"
                           r"\b(the|this|that|these|those) (information|files?|reports?|documents?|records?|data|"
                           r"material|correspondence) (is|are) (exempt from disclosure|being withheld|withheld)\b|"
                           # "PC Ellery's file is exempt": someone's record, named as a thing that exists
                           r"\b\w+'s (\w+ ){0,2}(information|files?|reports?|documents?|records?|data|plans?|"
                           r"correspondence|details) (is|are) (exempt|being withheld|withheld)\b", _I)
# "We can confirm that the manager has been interviewed": in a part that neither confirms nor denies, anything the
# authority confirms gives the answer away (not the receipt of the request, nor a conditional)
_CONFIRM_THAT = re.compile(r"\bwe (can |do |are able to )?confirm that\b(?! (we|it) (have |has )?(received|receive)\b)"
                           r"(?! your request)", _I)
_EXEMPT_HEDGE = re.compile(r"\bif\b|whether|\bwould\b|\bany\b|\bwere (it|they)\b|\bshould (it|they|any)\b|"
                           r"to the extent", _I)
# Clauses a sentence joins that each say something of their own: "..., but ...", "...; ...".
_CLAUSES = re.compile(r",?\s+but\s+|;\s+", _I)
_CONDITIONAL = re.compile(_HEDGED + r"|\bany (information|data|records?)\b", _I)


def check_ncnd(letter: Letter, kb: Knowledge, book: RuleBook, result: CheckResult,
                provisions: dict[str, list[str]]) -> None:
    need, skip = book.need, book.skip
    if not letter.ncnd:
        for rid in book.ids("ncnd") + book.ids("ncnd-pair") + book.ids("ncnd-qualified"):
            skip(result, rid)
        return
    used = [(key, p) for key, ps in provisions.items() for p in ps if _fits_regime(kb.exemptions[key].regime, letter)
            and letter.cites(p, kb.exemptions[key].regime)
            and (key in letter.cited or sum(p in other for other in provisions.values()) == 1)
            and not set_aside_only(letter, p)]  # a review's "relying on section 31(3)" … "relying instead on …"
    need(result, "ncnd-provision", bool(used))
    ncnd_families = {key for key, _ in used}
    if letter.foisa:  # section 18(1) serves every exemption it names: only those named where the letter uses it
        ncnd_families = _foisa_ncnd_families(letter, kb, ncnd_families) or ncnd_families
    problems = []
    for key in sorted(ncnd_families - PROCEDURAL):
        if kb.exemptions[key].regime != "foia" or in_parts(letter):
            continue  # FOISA s18(1) names the exemption; reg 12(6) names 12(5)(a); another part may withhold
        for sub in letter.cited.get(key, ()):
            cited = kb.exemptions[key].number + sub
            if (sub and not any(cited.lower().startswith(p.lower()) for p in provisions[key])
                    and not letter.only_referenced(cited)):
                problems.append(f"it also cites section {cited}, which applies only to information that is held")
    others = set(letter.cited) - ncnd_families - PROCEDURAL
    if not others or in_parts(letter):  # in parts, only the parts that neither confirm nor deny are read
        for sentence in _ncnd_sentences(letter):
            # each clause on its own: "We hold records about the market, but we neither confirm nor deny whether
            # any relates to Mr P" admits what the hedged clause after "but" cannot take back
            claim = any((_HELD_CLAIM.search(c) or _CONFIRM_THAT.search(c)) and not _CONDITIONAL.search(c)
                        for c in _CLAUSES.split(sentence))
            exempt = _EXEMPT_CLAIM.search(sentence)
            if (claim
                    or (_DENIAL.search(sentence) and not _DENIAL_HEDGE.search(sentence))
                    or (exempt and not _EXEMPT_HEDGE.search(sentence[:exempt.end()]))):
                problems.append(f"'{sentence[:120]}'")
    if in_parts(letter):
        problems += [f"'{sentence[:120]}' (outside the part that neither confirms nor denies)"
                     for sentence in _told_elsewhere(letter)]
    need(result, "ncnd-consistency", not problems, detail="; ".join(problems[:3]))
    if {"s23", "s24"} <= ncnd_families:
        either = re.search(r"23\(5\)[^.;]{0,40}\b(or|and/or)\b[^.;]{0,30}24\(2\)|24\(2\)[^.;]{0,40}\b(or|and/or)\b"
                           r"[^.;]{0,30}23\(5\)|either (section )?23\(5\)|either (section )?24\(2\)", letter.flat, _I)
        need(result, "ncnd-either-or", bool(either))
    else:
        skip(result, "ncnd-either-or")
    qualified = [key for key in ncnd_families if kb.exemptions[key].qualified or letter.foisa]
    if qualified:
        pit = [s for s, fams in letter.sentences if "public interest" in s.lower() and (fams & set(qualified))]
        weighs_confirming = any(re.search(r"\bconfirm|\bdeny|\bdenying|reveal\w* whether", s, _I) for s in pit)
        weighs_disclosure = any(re.search(r"public interest in (disclosing|the disclosure of|releasing) (the|this) "
                                          r"information", s, _I) for s in pit)
        # in a letter in parts, a section neither confirmed nor denied in one part may withhold in another, whose
        # own public interest test weighs disclosing
        withholds_too = in_parts(letter) and (any(
            sub and not any((kb.exemptions[key].number + sub).lower().startswith(p.lower()) for p in provisions[key])
            for key in qualified if kb.exemptions[key].regime == "foia" for sub in letter.cited.get(key, ())) or any(
            # FOISA and the EIR cite the same provision both ways (s18(1) and reg 12(6) name the exemption): a
            # sentence withholding under it shows another part withholds
            fams & set(qualified) and re.search(r"\bwithh(o|e)ld", s, _I) and not re.search(r"\bconfirm|\bdeny", s, _I)
            for s, fams in letter.sentences))
        need(result, "ncnd-pit", bool(pit) and weighs_confirming and (withholds_too or not weighs_disclosure))
    else:
        skip(result, "ncnd-pit")


def _foisa_ncnd_families(letter: Letter, kb: Knowledge, families: set[str]) -> set[str]:
    """The FOISA exemptions a letter relies on with section 18(1): those it names in its answer that refuses to reveal
    whether information exists or is held (that part's answer, in a letter in parts; else the sentences that use
    section 18(1) or neither confirm nor deny, and the conditional "would be exempt" beside them). An exemption another
    part withholds under is not one, so its public interest test rightly weighs disclosing the information."""
    if in_parts(letter):
        text = " ".join(_ncnd_sentences(letter))
    else:
        text = " ".join(s for s, _ in letter.sentences if NCND.search(s) or re.search(r"18\(1\)", s)
                        or (_CONDITIONAL.search(s) and re.search(r"\bexempt", s, _I)))
    return {key for key in families if re.search(rf"\bsections? {re.escape(kb.exemptions[key].number)}\b(?![.\d])",
                                                 text, _I)}


def _ncnd_sentences(letter: Letter) -> list[str]:
    """The sentences a neither-confirm-nor-deny answer covers: the whole letter, or, in a request answered part by
    part ("Part 1", "Part 2" headings), the answer to each part that neither confirms nor denies (without the part
    quoted above it) and any other paragraph that does. Paragraphs end at a blank line or a numbered paragraph, so
    the text of a Word file, one paragraph a line, reads as the exported text does."""
    if not in_parts(letter):
        return [s for s, _ in letter.sentences]
    chosen = [p for section in part_answers(letter.text) if any(NCND.search(p) for p in section)
              for p in section]
    chosen += [p for p in paragraphs(own_lines(letter.text)) if NCND.search(p) and p not in chosen]
    return [s for p in chosen for s in re.split(r"(?<=[.!?])\s+", p)]


# Someone a part that neither confirms nor denies is about, named in it or in the part it quotes: "Ms Lena Ford"
_NAMED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|PC|DC|DS|DI|Sgt|Sergeant|Inspector|Constable|Councillor|Cllr|Professor|"
                    r"Prof)\.? (?:[A-Z][a-z]+ )?([A-Z][a-z][\w'-]*)\b")
_RECORD = r"(?:information|files?|reports?|documents?|records?|data|case|details|correspondence|notes?|emails?)"


def _told_elsewhere(letter: Letter) -> list[str]:
    """In a letter in parts, sentences outside a part that neither confirms nor denies that say whether records about
    the person that part is about are held ("Ms Ford's file is held by HR", "we hold no records about Ms Ford"):
    what that part will not say, the letter says elsewhere. A conditional is not such a sentence."""
    ncnd_parts = [p for p in part_texts(letter.text) if NCND.search(p)]
    names = {m.group(1) for p in ncnd_parts for m in _NAMED.finditer(p)}
    if not names:
        return []
    told = []
    for sentence, _ in letter.sentences:
        if any(sentence in p for p in ncnd_parts) or _CONDITIONAL.search(sentence):
            continue
        for name in names:
            about = re.search(rf"\b{re.escape(name)}['’]s (\w+ ){{0,2}}{_RECORD}\b|\b{_RECORD} (on|about|of|concerning|"
                              rf"relating to|for) (\w+ ){{0,2}}{re.escape(name)}\b", sentence, _I)
            held = (_HELD_CLAIM.search(sentence) or _DENIAL.search(sentence)
                    or re.search(r"\b(hold|holds|held|kept|keep|keeps|retain\w*)\b", sentence, _I))
            if about and held:
                told.append(sentence)
                break
    return told


def _fits_regime(regime: str, letter: Letter) -> bool:
    """An exemption of this regime can be what the letter relies on (FOISA's only in a Scottish letter)."""
    return (regime == "foisa") == letter.foisa or regime == "eir"
