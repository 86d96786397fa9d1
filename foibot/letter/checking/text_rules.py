"""The rules applied to a letter's text (any letter: foibot's own, an edited export, another authority's)."""

from __future__ import annotations

import re
from datetime import date

from foibot.knowledge.model import Knowledge
from foibot.letter.checking.addressee_rules import other_names
from foibot.letter.checking.clarification import asks_for_clarification
from foibot.letter.checking.cost_rules import check_cost, cost_claim
from foibot.letter.checking.date_rules import check_dates
from foibot.letter.checking.eir_rules import check_eir
from foibot.letter.checking.exemption_rules import check_exemption, exemption_label
from foibot.letter.checking.foisa_rules import check_foisa
from foibot.letter.checking.letter_parts import unquoted
from foibot.letter.checking.ncnd_rules import check_ncnd
from foibot.letter.checking.reading import DATE, QUOTED, Letter, internal_notes, ncnd_provisions, own_lines
from foibot.letter.checking.result import CheckResult
from foibot.letter.checking.review_rules import check_review
from foibot.letter.checking.rights_rules import FOISA_REVIEW, ICO, REVIEW, REVIEW_HOW, wrong_ico_addresses
from foibot.letter.checking.rules import PROCEDURAL, RuleBook, rule_key, words_in

_I = re.I
_REFUSAL = re.compile(r"(not|unable) (able )?to provide|\brefus(e|al|ing)\b|(?<!may be )(?<!can be )(?<!could be )"
                      r"(?<!might be )withh(o|e)ld|exempt(ed)? from disclosure|"
                      r"\b(is|are) exempt\b|excepted from disclosure|\bredact|declin(e|ing) to (provide|disclose)", _I)
# Whether the information is held, said or shown: held, not held, withheld, or released ("We have released the method
# statement in full (attached)", "the figures are set out below").
_CONFIRMS = re.compile(r"\b(hold|holds|held)\b|confirm or deny|neither confirm|\bdo(es)? not (have|record|keep)\b|"
                       r"\bexempt|\bwithh|no (such |relevant )?(information|records?)\b|"
                       r"\bwe (have |are )?(released|releasing|enclos\w*|attach\w*|provid\w*)\b|"
                       r"\b(is|are) (attached|enclosed|set out below)\b|"
                       # "We are pleased to provide the information", "The information you requested is below"
                       r"(?<!not )\b(pleased|happy|able) to (provide|release|supply|enclose|attach|give|share)\b|"
                       r"\b(is|are) (set out |given |shown |provided )?(below|as follows)\b", _I)
# The answer given as a table of figures (a row between bars with a figure in it), in the letter's own lines.
_TABLE = re.compile(r"^\s*\|[^\n]*\d[^\n]*\|\s*$", re.M)


_EXTENSION = re.compile(r"section 17\(2\)|section 10\(3\)|regulation 7\b|(extend|extension)[^.]{0,80}(public interest|"
                        r"regulation 7|complexity)|(more|further|additional) time to consider the public interest|"
                        r"not yet (reached|made) a decision", _I)


def check_text(letter: Letter, kb: Knowledge, book: RuleBook, result: CheckResult, *, due: date | None = None,
               letter_date: date | None = None, received: date | None = None) -> None:
    """Apply every text rule to ``letter``, recording which ran and which were not applicable."""
    result.cited = sorted(set(result.cited) | set(letter.cited))
    result.regime = result.regime or ("foisa" if letter.foisa else "eir" if letter.eir else "foia")
    flat = letter.flat
    review = letter.review_outcome
    extending = not review and bool(_EXTENSION.search(flat))
    result.kind = "review-outcome" if review else "refusal-notice"
    need, skip = book.need, book.skip
    ncnd_by_family = ncnd_provisions(kb)
    procedural = PROCEDURAL & set(letter.cited)
    exempting = [k for k in letter.cited if k not in ("s21",)]
    refusing = not review and (bool(letter.cited) or bool(_REFUSAL.search(QUOTED.sub(" ", flat))))
    cost = cost_claim(letter)
    # a request for clarification (s1(3), reg 9): nothing answered or refused yet, so no notice's particulars
    clarifying = not review and asks_for_clarification(letter, refusing or bool(cost))
    if clarifying:
        result.kind = "clarification"

    if review or clarifying:
        for rid in book.ids("refusal-notice") + book.ids("refusal"):
            skip(result, rid)  # (a review that still withholds names its exemption: check_review)
    else:
        named = bool(re.search(r"Freedom of Information|\bFOIA\b|\bFOI Act\b|Environmental Information Regulations|"
                               r"\bEIR\b|\bFOISA\b", flat, _I))
        # a letter that refuses nothing (the information given, or not held) is no notice the law prescribes: not
        # naming the law is a warning there, a finding in a refusal (rule regime, warning)
        need(result, "regime", named or not (refusing or cost))
        if not named and not (refusing or cost):
            book.warn(result, "regime")
        if procedural or cost or (extending and not letter.cited):
            skip(result, "confirm-or-deny")  # s12/s14 remove the duty (s17(5)); a reg 7 notice only extends the time
        else:
            need(result, "confirm-or-deny", bool(_CONFIRMS.search(flat) or _TABLE.search("\n".join(
                own_lines(letter.text)))))
        if refusing and not extending:  # an extension notice names its exemption under extension-notice
            need(result, "exemption-missing", bool(letter.cited) or cost or bool(
                letter.regulations and letter.eir and letter.cites_regulation(r"12\((4|5)\).*|13(\(.*)?")))
        else:
            skip(result, "exemption-missing")
        need(result, "internal-review", bool(REVIEW.search(flat) or (letter.foisa and FOISA_REVIEW.search(flat))))
        need(result, "internal-review-how", bool(REVIEW_HOW.search(flat)))

    check_ncnd(letter, kb, book, result, ncnd_by_family)
    for key in sorted(letter.cited):
        check_exemption(letter, kb, book, result, key, review, extending)
    for rid in book.ids("exemption") + book.ids("qualified"):
        if not letter.cited:
            skip(result, rid)
    if cost:
        check_cost(letter, book, result, "s12")
    relied = {rule_key(k) for k in letter.cited}
    for rid in ("s12", "s14", "s22", "s36", "s39", "s40"):
        if rid not in relied and not (rid == "s12" and cost):
            for rule in book.ids(rid):
                skip(result, rule)
    check_review(letter, book, result, exempting)
    check_eir(letter, kb, book, result, exempting, notice=not clarifying)
    check_foisa(letter, kb, book, result, refusing, notice=not clarifying)

    extension = None if review else _EXTENSION.search(flat)
    if extension:
        gaps = []
        if not re.search(DATE, _extension_scope(letter, extension.group(0)), _I):
            gaps.append("give an estimated date for the decision")
        if not letter.cited and not re.search(r"regulation 7\b", flat, _I):
            gaps.append("name the exemption being considered (section 17(2))")
        need(result, "extension-notice", not gaps, detail=" and ".join(gaps))
    else:
        skip(result, "extension-notice")

    if letter.foisa or clarifying:
        skip(result, "ico-complaint")  # the Scottish Information Commissioner instead (foisa-commissioner)
    else:
        told = [s for s, _ in letter.sentences if ICO.search(s) and re.search(r"\byou", s, _I)]
        # the complaint made to wait for a court's ruling ("If ... proceedings ... have been determined by the courts
        # and you remain dissatisfied after that ruling, you may then complain ..."): section 50 has no such condition
        waits = [s for s in told if words_in(book["ico-complaint"], "conditions", s[:ICO.search(s).start()])]
        need(result, "ico-complaint", len(told) > len(waits),
             detail=f" (it makes the complaint wait for a court: '{waits[0][:100]}')" if waits else "")
        if wrong := wrong_ico_addresses(letter, book):
            book.warn(result, "ico-complaint", detail=", ".join(f"'{w}'" for w in wrong))
    gaps = _missing(letter, kb)
    need(result, "complete", not gaps, detail=", ".join(gaps))
    leaks = [a or b for a, b in re.findall(r"(?m)^\s*(::\w+[^\n]{0,30})|(::\w+)", letter.text)]
    # the letter's own words: not the request quoted or the statute (indented), nor a Markdown quote, nor the request
    # quoted without an indent (the text of a Word file)
    own = "\n".join(unquoted(letter.text))
    leaks += internal_notes(own)
    leaks += other_names(letter, book)  # another person's name, left from another letter
    need(result, "markup", not leaks, detail=", ".join(dict.fromkeys(leaks)))
    check_dates(letter, book, result, due=due, letter_date=letter_date, received=received, review=review)
    for rid in book.ids("answers"):
        skip(result, rid)


def _extension_scope(letter: Letter, found: str) -> str:
    """The extension notice: the sentence that extends and those after it, up to the review paragraph."""
    sentences = [s for s, _ in letter.sentences]
    start = next((i for i, s in enumerate(sentences) if found in s), 0)
    scope = []
    for sentence in sentences[start:]:
        if scope and re.search(r"\breview\b|unhappy|dissatisfied", sentence, _I):
            break
        scope.append(sentence)
    return " ".join(scope)


_GAP = re.compile(r"\[to be completed: ([^\]]+)\]")


def _missing(letter: Letter, kb: Knowledge) -> list[str]:
    """Each answer still missing (a gap, "[to be completed: reason]"), with the exemption and the part of the request
    it is for where the letter shows them: "reason (section 35, part 3)". Gaps outside the letter's own sentences
    (in a quotation) are listed by name."""
    found: list[str] = []
    for i, (sentence, families) in enumerate(letter.sentences):
        part = letter.parts[i] if i < len(letter.parts) else ""
        where = [exemption_label(kb.exemptions[k]) for k in sorted(families) if k in kb.exemptions]
        where += [f"part {part}"] if part else []
        found += [f"{name} ({', '.join(where)})" if where else name for name in _GAP.findall(sentence)]
    named = {name for name in _GAP.findall(letter.flat)}
    found += [name for name in _GAP.findall(letter.text) if name not in named]
    return list(dict.fromkeys(found))
