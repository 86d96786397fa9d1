"""The rules applied to a letter's text (any letter: foibot's own, an edited export, another authority's)."""

from __future__ import annotations

import re
from datetime import date

from foibot.errors import FoibotError
from foibot.knowledge.citations import find_citations
from foibot.knowledge.model import Exemption, Knowledge
from foibot.law.dates import format_long
from foibot.law.deadlines import Regime, add_working_days, case_due, review_window_end
from foibot.letter.checking.reading import (
    DATE,
    LIKELIHOOD,
    MAINTAIN_WINS,
    NCND,
    PIT_DIRECTION,
    TWO_LIKELIHOODS,
    Letter,
    favours_release,
    internal_notes,
    letter_dates,
    multi_limb,
    ncnd_provisions,
    own_lines,
    parse_day,
)
from foibot.letter.checking.result import CheckResult
from foibot.letter.checking.rules import PROCEDURAL, RuleBook, not_qualified, rule_key

_I = re.I
_REASON = re.compile(r"\b(because|would|could|likely|since|as (it|this|the)|on the grounds|reason|prejudice|intend|"
                     r"publish|personal data|exceed|beyond|limit|estimate|vexatious|privilege|confiden|prohibit|"
                     r"accessible|available|endanger|security|commercial|harm|unfair|breach)", _I)
# Factors for each side: "in favour of disclosure", a label ("For disclosure:", "Against disclosure:"), or prose that
# names what the public interest lies in ("there is a public interest in knowing ...", "... in not handing ...").
_PIT_FOR = re.compile(r"in favour of (disclos|releas|providing|openness|transparency|confirming)|favou?rs? disclosure|"
                      r"(factors|arguments|considerations) (for|supporting) disclosure|public interest (in )?(the )?"
                      r"(disclos|releas|confirm)\w*( of)?( (the|this) information)? (is|are|includes?|lies)\b|"
                      r"\b(for|supporting) (disclosure|disclosing|release|releasing|confirming or denying)\s*:|"
                      r"\b(is|was) an? (\w+ ){0,2}public interest in (knowing|understanding|transparency|openness|"
                      r"accountability|scrutiny|scrutinising|the public (knowing|understanding|being able))", _I)
_PIT_AGAINST = re.compile(r"in favour of (maintaining|withholding|not disclos|not provid|non-disclosure|neither)|"
                          r"public interest (in )?(the )?(maint|withhold)\w*( of)?( the (exemption|exception|"
                          r"information))? (is|are|includes?|lies)\b|(factors|arguments) against|"
                          r"favou?rs? (maintaining|withholding)|"
                          r"\b(for|supporting) (maintaining|withholding)( the (exemption|exception|exclusion))?\s*:|"
                          r"\bagainst (disclosure|disclosing|release|releasing)\s*:|"
                          r"\b(is|was) an? (\w+ ){0,2}public interest in (not |protecting|avoiding|preventing|"
                          r"safeguarding|ensuring|keeping)", _I)
_PIT_BALANCE = re.compile(r"on balance|balance of (the )?public interest|(?<!whether )(?<!if )the public interest in "
                          r"\w+ (the )?(exemption|exception|information)[^.]{0,40}outweigh|public interest (lies|rests|"
                          r"resides) (in|with)|(conclude|decided|believe|consider)\w*[^.]{0,60}public interest "
                          r"(is|lies|favours)", _I)
# The test itself, stated before it is applied ("we may withhold information only if ... outweighs ..."): no conclusion.
_TEST_STATED = re.compile(r"\bonly (if|where|when)\b|\bwhether\b|\bmust (also )?(apply|weigh|consider)\b|"
                          r"\bthe test is\b|\bunless\b", _I)
_REFUSAL = re.compile(r"(not|unable) (able )?to provide|\brefus(e|al|ing)\b|(?<!may be )(?<!can be )(?<!could be )"
                      r"(?<!might be )withh(o|e)ld|exempt(ed)? from disclosure|"
                      r"\b(is|are) exempt\b|excepted from disclosure|\bredact|declin(e|ing) to (provide|disclose)", _I)
_CONFIRMS = re.compile(r"\b(hold|holds|held)\b|confirm or deny|neither confirm|\bdo(es)? not (have|record|keep)\b|"
                       r"\bexempt|\bwithh|no (such |relevant )?(information|records?)\b", _I)
_HELD_CLAIM = re.compile(r"\b(we|it|the \w+|[A-Z]\w+ (police|council)) (can |do )?(confirm|confirms)( that)? [^.]{0,40}"
                         r"\b(do |does )?(hold|holds)\b|\bwe (do )?hold\b(?! no\b)|\bis held by\b|"
                         r"\b(withheld|withholding) (the|this|it|some)\b|\bwe are (providing|enclosing|attaching)\b|"
                         r"\binformation (that |which )?(we have |has been |was |we )?withheld\b|"
                         r"\bwithheld information\b",
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
_CONDITIONAL = re.compile(_HEDGED + r"|\bany (information|data|records?)\b", _I)
_REVIEW = re.compile(r"(ask|request|apply)\w* ((us|the \w+) )?(for )?(an? )?(independent )?(internal )?review|"
                     r"entitled to (have|an?)[^.]{0,30}review|right to (appeal|an? (internal )?review)|"
                     r"have (it|this|the decision) reviewed|complaints? (review )?(procedure|process)|reconsider|"
                     r"(ask|require)\w* (us|the \w+) to ((carry out|conduct|undertake) (a|an) )?(internal )?review|"
                     r"representations[^.]{0,30}(regulation|reg\.?) 11", _I)
_REVIEW_HOW = re.compile(r"@|\bwrite to\b|writing to|in writing|\baddress\b|replying to this|by e-?mail|e-?mailing|"
                         r"contact us at|online form", _I)
_ICO = re.compile(r"Information Commissioner|\bICO\b|Commissioners?'?’?s? Office")
_NOT_HELD = re.compile(r"\b(do|does) not (hold|have)( a| any| the)? (figure|information|record|data)|"
                       r"(?<!is or is )(?<!are or are )\bnot held\b|"
                       r"\bno (such |relevant )?(information|records?) (is |are )?held", _I)
_COMPLETION = re.compile(rf"(expect|estimat|anticipat|due to be|scheduled|plann)\w*[^.]{{0,80}}(complet|finish|finalis|"
                         rf"publish|ready)|(complet|finalis|finish|publish)\w*[^.]{{0,40}}\b(by|in|around|during|before)"
                         rf" (the )?(end of |early |late |mid-?)?(\d|{DATE}|january|february|march|april|may|june|july|"
                         rf"august|september|october|november|december|spring|summer|autumn|winter)", _I)
# Words in quotation marks are someone else's (a tribunal, the request), not the authority's refusal.
_QUOTED = re.compile(r"“[^”]{0,600}”|\"[^\"]{0,600}\"")
# A refusal on cost that never names section 12: "would exceed the appropriate limit" (s12 with s17(5)).
_COST_CLAIM = re.compile(r"\b(would|will|to|does|do) exceed\b[^.]{0,60}\b(appropriate|cost|costs|fees?) limit|"
                         r"in excess of the (appropriate|cost) limit", _I)
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
    refusing = not review and (bool(letter.cited) or bool(_REFUSAL.search(_QUOTED.sub(" ", flat))))
    cost = _cost_claim(letter)

    if review:
        for rid in book.ids("refusal-notice") + book.ids("refusal"):
            skip(result, rid)
    else:
        need(result, "regime", bool(re.search(r"Freedom of Information|\bFOIA\b|\bFOI Act\b|Environmental Information "
                                              r"Regulations|\bEIR\b|\bFOISA\b", flat, _I)))
        if procedural or cost or (extending and not letter.cited):
            skip(result, "confirm-or-deny")  # s12/s14 remove the duty (s17(5)); a reg 7 notice only extends the time
        else:
            need(result, "confirm-or-deny", bool(_CONFIRMS.search(flat)))
        if refusing and not extending:  # an extension notice names its exemption under extension-notice
            need(result, "exemption-missing", bool(letter.cited) or cost or bool(
                letter.regulations and letter.eir and letter.cites_regulation(r"12\((4|5)\).*|13(\(.*)?")))
        else:
            skip(result, "exemption-missing")
        need(result, "internal-review", bool(_REVIEW.search(flat) or (letter.foisa and _FOISA_REVIEW.search(flat))))
        need(result, "internal-review-how", bool(_REVIEW_HOW.search(flat)))

    _ncnd_rules(letter, kb, book, result, ncnd_by_family)
    for key in sorted(letter.cited):
        _exemption_rules(letter, kb, book, result, key, review, extending)
    for rid in book.ids("exemption") + book.ids("qualified"):
        if not letter.cited:
            skip(result, rid)
    if cost:
        _cost_rules(letter, book, result, "s12")
    relied = {rule_key(k) for k in letter.cited}
    for rid in ("s12", "s14", "s22", "s36", "s39", "s40"):
        if rid not in relied and not (rid == "s12" and cost):
            for rule in book.ids(rid):
                skip(result, rule)
    _eir_rules(letter, kb, book, result, exempting)
    _foisa_rules(letter, kb, book, result, refusing)

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

    if letter.foisa:
        skip(result, "ico-complaint")  # the Scottish Information Commissioner instead (foisa-commissioner)
    else:
        need(result, "ico-complaint", any(_ICO.search(s) and re.search(r"\byou", s, _I) for s, _ in letter.sentences))
        if wrong := _wrong_ico_addresses(letter, book):
            book.warn(result, "ico-complaint", detail=", ".join(f"'{w}'" for w in wrong))
    gaps = _missing(letter, kb)
    need(result, "complete", not gaps, detail=", ".join(gaps))
    leaks = [a or b for a, b in re.findall(r"(?m)^\s*(::\w+[^\n]{0,30})|(::\w+)", letter.text)]
    # the letter's own words: not the request quoted or the statute (indented), nor a Markdown quote, nor the request
    # quoted without an indent (the text of a Word file)
    own = "\n".join(_unquoted(letter.text))
    leaks += internal_notes(own)
    need(result, "markup", not leaks, detail=", ".join(dict.fromkeys(leaks)))
    _date_rules(letter, book, result, due=due, letter_date=letter_date, received=received, review=review)
    for rid in book.ids("answers"):
        skip(result, rid)


def _ncnd_rules(letter: Letter, kb: Knowledge, book: RuleBook, result: CheckResult,
                provisions: dict[str, list[str]]) -> None:
    need, skip = book.need, book.skip
    if not letter.ncnd:
        for rid in book.ids("ncnd") + book.ids("ncnd-pair") + book.ids("ncnd-qualified"):
            skip(result, rid)
        return
    used = [(key, p) for key, ps in provisions.items() for p in ps if _fits_regime(kb.exemptions[key].regime, letter)
            and letter.cites(p, kb.exemptions[key].regime)
            and (key in letter.cited or sum(p in other for other in provisions.values()) == 1)]
    need(result, "ncnd-provision", bool(used))
    ncnd_families = {key for key, _ in used}
    if letter.foisa:  # section 18(1) serves every exemption it names: only those named where the letter uses it
        ncnd_families = _foisa_ncnd_families(letter, kb, ncnd_families) or ncnd_families
    problems = []
    for key in sorted(ncnd_families - PROCEDURAL):
        if kb.exemptions[key].regime != "foia" or _in_parts(letter):
            continue  # FOISA s18(1) names the exemption; reg 12(6) names 12(5)(a); another part may withhold
        for sub in letter.cited.get(key, ()):
            cited = kb.exemptions[key].number + sub
            if sub and not any(cited.lower().startswith(p.lower()) for p in provisions[key]):
                problems.append(f"it also cites section {cited}, which applies only to information that is held")
    others = set(letter.cited) - ncnd_families - PROCEDURAL
    if not others or _in_parts(letter):  # in parts, only the parts that neither confirm nor deny are read
        for sentence in _ncnd_sentences(letter):
            claim = _HELD_CLAIM.search(sentence) or _CONFIRM_THAT.search(sentence)
            exempt = _EXEMPT_CLAIM.search(sentence)
            if ((claim and not _CONDITIONAL.search(sentence))
                    or (_DENIAL.search(sentence) and not _DENIAL_HEDGE.search(sentence))
                    or (exempt and not _EXEMPT_HEDGE.search(sentence[:exempt.end()]))):
                problems.append(f"'{sentence[:120]}'")
    if _in_parts(letter):
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
        withholds_too = _in_parts(letter) and (any(
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
    if _in_parts(letter):
        text = " ".join(_ncnd_sentences(letter))
    else:
        text = " ".join(s for s, _ in letter.sentences if NCND.search(s) or re.search(r"18\(1\)", s)
                        or (_CONDITIONAL.search(s) and re.search(r"\bexempt", s, _I)))
    return {key for key in families if re.search(rf"\bsections? {re.escape(kb.exemptions[key].number)}\b(?![.\d])",
                                                 text, _I)}


_QUOTE_LEAD = re.compile(r"^\s*(you asked for the following|your request (read|was|said)|part \d+)\s*:?\s*$", _I)


def _unquoted(text: str) -> list[str]:
    """The lines that are not a quotation: not indented or ``>``, and not the request quoted under "You asked for the
    following:" or a "Part N" heading when its indent is lost (a Word file's text, one paragraph a line), up to the
    first numbered paragraph or blank line."""
    out, quoting = [], False
    for line in text.replace("\r\n", "\n").split("\n"):
        if re.match(r"(\s{4}|\t|\s*>)", line):
            continue
        if quoting and (not line.strip() or _NUMBERED.match(line)):
            quoting = False
        if _QUOTE_LEAD.match(line):
            quoting = True
        elif not quoting:
            out.append(line)
    return out


def _in_parts(letter: Letter) -> bool:
    """The letter answers a request part by part, under "Part 1", "Part 2" headings."""
    return len(re.findall(r"(?m)^\s*Part \d+\s*$", letter.text)) >= 2


def _ncnd_sentences(letter: Letter) -> list[str]:
    """The sentences a neither-confirm-nor-deny answer covers: the whole letter, or, in a request answered part by
    part ("Part 1", "Part 2" headings), the answer to each part that neither confirms nor denies (without the part
    quoted above it) and any other paragraph that does. Paragraphs end at a blank line or a numbered paragraph, so
    the text of a Word file, one paragraph a line, reads as the exported text does."""
    if not _in_parts(letter):
        return [s for s, _ in letter.sentences]
    chosen = [p for section in _part_answers(letter.text) if any(NCND.search(p) for p in section)
              for p in section]
    chosen += [p for p in _paragraphs(own_lines(letter.text)) if NCND.search(p) and p not in chosen]
    return [s for p in chosen for s in re.split(r"(?<=[.!?])\s+", p)]


_PART_HEADING = re.compile(r"^\s*Part \d+\s*$")
# Someone a part that neither confirms nor denies is about, named in it or in the part it quotes: "Ms Lena Ford"
_NAMED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|PC|DC|DS|DI|Sgt|Sergeant|Inspector|Constable|Councillor|Cllr|Professor|"
                    r"Prof)\.? (?:[A-Z][a-z]+ )?([A-Z][a-z][\w'-]*)\b")
_RECORD = r"(?:information|files?|reports?|documents?|records?|data|case|details|correspondence|notes?|emails?)"


def _part_texts(text: str) -> list[str]:
    """Each part of a letter in parts, flattened: its heading's quotation of the request and its answer, up to the
    next part or the next heading."""
    sections: list[list[str]] = []
    current: list[str] | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        if _PART_HEADING.match(line):
            current = []
            sections.append(current)
            continue
        if current is None:
            continue
        bare = line.strip()
        if (bare and not line.startswith((" ", "\t", ">")) and not _NUMBERED.match(line)
                and not re.search(r"[.:;,?!)]\s*$", bare) and any(_NUMBERED.match(x) for x in current)):
            current = None  # a heading: the part is over
            continue
        current.append(line)
    return [" ".join(" ".join(lines).split()) for lines in sections]


def _told_elsewhere(letter: Letter) -> list[str]:
    """In a letter in parts, sentences outside a part that neither confirms nor denies that say whether records about
    the person that part is about are held ("Ms Ford's file is held by HR", "we hold no records about Ms Ford"):
    what that part will not say, the letter says elsewhere. A conditional is not such a sentence."""
    ncnd_parts = [p for p in _part_texts(letter.text) if NCND.search(p)]
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


_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s")


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs, each flattened to one line: a blank line or a numbered paragraph starts the next."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line.strip() or _NUMBERED.match(line):
            paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(line)
    return [" ".join(" ".join(p).split()) for p in paragraphs if p]


def _part_answers(text: str) -> list[list[str]]:
    """Each part's answer as paragraphs: from its "Part N" heading to the next heading (the next part, or one such
    as "Our reasons for withholding information"). The part quoted under its heading is left out: when it is
    indented (or a ``>`` quotation), as such; when not (the text of a Word file), everything before the first
    numbered paragraph."""
    raw = text.replace("\r\n", "\n").split("\n")
    own = own_lines(text)
    sections: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] | None = None
    for line, mine in zip(raw, own, strict=True):
        if _PART_HEADING.match(mine):
            current = []
            sections.append(current)
        elif current is not None:
            answered = any(_NUMBERED.match(x) for _, x in current)
            if answered and mine.strip() and not _NUMBERED.match(mine) and not re.search(r"[.:;,?!)]\s*$", mine):
                current = None  # a heading: the part's answer is over
            else:
                current.append((line, mine))
    answers = []
    for section in sections:
        first = next((i for i, (_, x) in enumerate(section) if _NUMBERED.match(x)), 0)
        quoted = any(line.strip() and not mine.strip() for line, mine in section[:first])
        answers.append(_paragraphs([mine for _, mine in (section if quoted else section[first:])]))
    return answers


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
        where = [_label(kb.exemptions[k]) for k in sorted(families) if k in kb.exemptions]
        where += [f"part {part}"] if part else []
        found += [f"{name} ({', '.join(where)})" if where else name for name in _GAP.findall(sentence)]
    named = {name for name in _GAP.findall(letter.flat)}
    found += [name for name in _GAP.findall(letter.text) if name not in named]
    return list(dict.fromkeys(found))


def _label(exemption: Exemption) -> str:
    """An exemption as a finding names it: "section 35", "regulation 12(5)(e)"."""
    return f"section {exemption.number}" if exemption.regime != "eir" else exemption.cite()


def _fits_regime(regime: str, letter: Letter) -> bool:
    """An exemption of this regime can be what the letter relies on (FOISA's only in a Scottish letter)."""
    return (regime == "foisa") == letter.foisa or regime == "eir"


def _exemption_rules(letter: Letter, kb: Knowledge, book: RuleBook, result: CheckResult, key: str,
                     review: bool, extending: bool = False) -> None:
    exemption = kb.exemptions[key]
    label = _label(exemption)
    scope = letter.scope(key)
    need, skip = book.need, book.skip
    if review:
        for rid in ("subsection", "reason", "pit"):
            skip(result, rid, key)
    else:
        if exemption.regime != "eir" and key not in PROCEDURAL and multi_limb(exemption):
            need(result, "subsection", any(letter.cited[key]), key, label=label,
                 detail=exemption.cite(exemption.default_limb or "1"))
        else:
            skip(result, "subsection", key)  # s12 and s14 are governed by s17(5); one-limb sections are unambiguous
        need(result, "reason", len(scope.split()) >= 20 and bool(_REASON.search(scope)), key, label=label)
        provisions = ncnd_provisions(kb).get(key, [])
        ncnd_only = letter.ncnd and (exemption.regime == "foisa" or all(
            any(sub.lower().startswith(p[len(key) - 1:].lower()) for p in provisions)
            for sub in letter.cited[key] if sub))
        limbs = [sub for sub in letter.cited[key] if sub]  # "section 36" alone, in Annex A's link, names no limb
        weighs = exemption.weighs(limbs) if limbs else exemption.qualified
        if weighs and not ncnd_only and not extending:  # s17(2): the test is not decided yet
            parts = (("the test itself", re.search(r"public interest", scope, _I)),
                     ("factors in favour of disclosure", _side(book, scope, _PIT_FOR)),
                     ("factors in favour of maintaining the exemption", _side(book, scope, _PIT_AGAINST)),
                     ("the balance and conclusion", _PIT_BALANCE.search(scope)))
            missing = [what for what, found in parts if not found]
            stated = " ".join(x for x in re.split(r"(?<=[.!?])\s+", scope) if not _TEST_STATED.search(x))
            if not missing and not PIT_DIRECTION.search(stated):  # "Balance: the harm is live" says neither way
                missing = ["a conclusion saying which way the balance falls"]
            elif not missing and (called := _called_absolute(letter, kb, key)):  # and then says no test applies
                missing = [f"a test the letter does not contradict (it calls {label} absolute: '{called}', yet a "
                           "qualified exemption applies only where the public interest in maintaining it outweighs "
                           "that in disclosure, section 2(2)(b))"]
            elif not missing and _favours_disclosure(stated):  # withheld, yet the balance is said to favour release
                missing = ["a conclusion that favours maintaining the exemption (the one given favours disclosure, "
                           "yet the information is withheld)"]
            need(result, "pit", not missing, key, label=label, detail=", ".join(missing))
        else:
            skip(result, "pit", key)
    if not review and key == "s36":  # one qualified person's opinion: "would" or "would be likely to", never both
        stated = {bool(m.group(2)) for m in LIKELIHOOD.finditer(_QUOTED.sub(" ", scope))}
        if len(stated) > 1:  # (foibot's own drafts: every prejudice-based exemption's Annex A, draft_rules.py)
            need(result, "reason", False, key, label=label, detail=TWO_LIKELIHOODS)
    flat = letter.flat
    if rule_key(key) == "s12":
        _cost_rules(letter, book, result, key)
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
        need(result, "qualified-person", bool(opinion) and not negated, key)
        _qualified_person(letter, kb, book, result)
    if key == "s39":
        _s39_refusal(letter, book, result, review)
    if key == "s40":
        own = re.search(r"your own personal data|of which you are the data subject|you are the data subject", flat, _I)
        wrong = letter.cites_section(r"40\((2|5b)\).*")
        need(result, "ncnd-own-data", not (own and wrong), key)


def _side(book: RuleBook, scope: str, label: re.Pattern[str]) -> bool:
    """One side of a public interest test has factors: its label (or prose) is there, and what follows a label is
    not only "None." (rule pit, words "none"): a side with nothing on it weighs nothing."""
    found = list(label.finditer(scope))
    if not found:
        return False
    nothing = book["pit"].words.get("none", ())
    for match in found:
        after = scope[match.end():]
        end = min([m.start() for m in (_PIT_FOR.search(after), _PIT_AGAINST.search(after), _PIT_BALANCE.search(after))
                   if m] + [len(after)])
        said = after[:end]
        if end < len(after):  # up to the sentence or the heading that names the next side
            said = re.split(r"(?<=[.!?])\s+(?=\S+$)|(?<=[.!?])\s+(?=[^.!?]*$)", said)[0]
            said = re.sub(r"(\b(public|interest|arguments?|factors?|considerations?|the)\b\W*)+$", "", said)
        said = re.sub(r"^\w*\s*((of\s+)?the\s+(information|exemption|exception|exclusion)\b)?", "",
                      said).strip(" :.-–•*").lower()  # the rest of the label's word ("disclos|ing the information")
        said = " ".join(said.split())
        if said.rstrip(".") not in {w.rstrip(".") for w in nothing}:
            return True
    return False


# "Section 43(2) is an absolute exemption", "the absolute exemption in section 31", "This exemption is absolute":
# said of a qualified exemption, it contradicts the test the letter applies. Not "is not an absolute exemption".
_ABSOLUTE = re.compile(r"\b(?:section|s\.?)\s*(\d{1,3}[A-Z]?)((?:\([0-9a-zA-Z]{1,4}\))*)(?:[^.;,]{0,30}?)\s(?:is|are)\s"
                       r"(?:an\s|also\s|an also\s)?(?:absolute\b)|"
                       r"\babsolute exemptions? (?:in|at|under|of|provided by) (?:section|s\.?)\s*(\d{1,3}[A-Z]?)"
                       r"((?:\([0-9a-zA-Z]{1,4}\))*)|"
                       r"\b(?:this|the) exemption is (?:an )?absolute\b", _I)


def _called_absolute(letter: Letter, kb: Knowledge, key: str) -> str:
    """The words calling the qualified exemption ``key`` absolute, or "". The limb so called must be qualified (FOISA
    section 36(2) is absolute beside the qualified 36(1)); "this exemption" counts in a sentence about ``key`` alone."""
    exemption = kb.exemptions[key]
    for sentence, families in letter.sentences:
        if key not in families:
            continue
        for found in _ABSOLUTE.finditer(_QUOTED.sub(" ", sentence)):
            if re.search(r"\b(not|nor|never)\b|n't\b", found.group(0), _I):
                continue
            number, limb = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
            if number is None:
                if families != frozenset({key}):
                    continue
                limbs = [sub for sub in letter.cited[key] if sub]
            elif number != exemption.number:
                continue
            else:
                limbs = [limb] if limb else []
            if exemption.weighs(limbs) and (limbs or exemption.qualified):
                return " ".join(found.group(0).split())
    return ""


def _favours_disclosure(scope: str) -> bool:
    """A sentence of an exemption's test that concludes for disclosure (or for confirming or denying), in a letter
    that still relies on the exemption: the opposite of what the Act allows (s2(1)(b), s2(2)(b)). Only a sentence
    that states the balance counts; a factor "weighing in favour of disclosure" is not a conclusion."""
    return any(_PIT_BALANCE.search(x) and favours_release(x) and not MAINTAIN_WINS.search(x)
               and not re.search(r"\boutweighed\b|\b(not|never|cannot)\b[^.]{0,30}\b(outweigh|favou?r)", x, _I)
               for x in re.split(r"(?<=[.!?])\s+", scope))


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


def _cost_rules(letter: Letter, book: RuleBook, result: CheckResult, key: str) -> None:
    """A refusal on cost (section 12, named or not): the limit, the estimate and advice on narrowing (FOIA s16,
    FOISA s15). Under FOISA the limit is the Scottish one, £600 at no more than £15 an hour (40 hours), never
    FOIA's £450, £25 an hour or the UK Fees Regulations."""
    need, flat = book.need, letter.flat
    if letter.foisa:
        wrong = _FOIA_COST.search(flat)
        need(result, "cost-limit", bool(re.search(r"£\s?600\b", flat)) and not wrong, key,
             detail="£600, with staff time at no more than £15 an hour, under the Freedom of Information (Fees for "
                    "Required Disclosure) (Scotland) Regulations 2004" + (f"; not '{wrong.group(0)}', which is "
                                                                          "FOIA's" if wrong else ""))
        need(result, "cost-estimate", bool(_estimate_figure(flat)), key)
    else:
        need(result, "cost-limit", bool(re.search(r"£\s?(450|600)\b|\b(18|24)[- ]?hours?", flat, _I)), key,
             detail="£450 or £600, or 18 or 24 hours")
        need(result, "cost-estimate", bool(re.search(r"\d+(\.\d+)?\s*hours|\bestimat", flat, _I)), key)
    advice = re.search(r"section 15\b" if letter.foisa else r"section 16", flat, _I) or re.search(
        r"narrow|refine|confine|shorter period|within the (appropriate |cost )?limit|(could|if) (you )?(reduce|limit)",
        flat, _I)
    need(result, "advice", bool(advice), key)


# FOIA's cost limit in a Scottish letter: its amounts, its hourly rate and hours, and the UK Fees Regulations.
_FOIA_COST = re.compile(r"£\s?450\b|£\s?25(\.00)? (an|per) hour|\b(18|24)[- ]hours?\b|Appropriate Limit and Fees|"
                        r"(SI|S\.I\.) 2004/3244|uksi/2004/3244", _I)
# FOISA's limit in figures: £600, £15 an hour, 40 hours. Any other sum or number of hours is an estimate.
_LIMIT_FIGURES = {"600", "15", "40"}


def _estimate_figure(flat: str) -> list[str]:
    """The figures of an estimate in a FOISA letter: hours or pounds other than the limit's own."""
    found = re.findall(r"£\s?([\d,]+(?:\.\d+)?)|\b([\d,]+(?:\.\d+)?)\s*hours\b", flat, _I)
    return [x for pair in found for x in pair if x and x.replace(",", "") not in _LIMIT_FIGURES]


def _cost_claim(letter: Letter) -> bool:
    """A FOIA letter refuses on cost without citing section 12 ("would exceed the appropriate limit"). The EIR have
    no cost limit (reg 12(4)(b) instead) and FOISA's section 12 has its own limit, so neither is read this way."""
    return "s12" not in letter.cited and not (letter.review_outcome or letter.eir or letter.foisa) and any(
        _COST_CLAIM.search(s) and not re.search(r"\bif\b|\bwhether\b", s, _I) for s, _ in letter.sentences)


_NOT_FOR_EMISSIONS = ("r12(5)(d)", "r12(5)(e)", "r12(5)(f)", "r12(5)(g)")
_EMISSIONS = re.compile(r"\bemissions?\b|\bemitted\b", _I)


def _eir_rules(letter: Letter, kb: Knowledge, book: RuleBook, result: CheckResult, exempting: list[str]) -> None:
    need, skip = book.need, book.skip
    if not letter.eir or letter.review_outcome:
        for rid in book.ids("eir") + book.ids("eir-not-held") + book.ids("eir-12-5") + book.ids("eir-12-4-d"):
            skip(result, rid)
        return
    foia = sorted(k for k in letter.cited if kb.exemptions[k].regime == "foia" and k != "s39")
    if letter.mixed:  # a FOIA letter refusing one part under the EIR via s39(1)(b): only that part is the EIR's
        regs = [k for k in letter.cited if k.startswith("r")]
        foia = [k for k in foia if letter.together(k, regs)]
    sections = ", ".join(f"section {kb.exemptions[k].number}" for k in foia)
    need(result, "eir-no-foia-exemption", not foia, detail=sections)
    need(result, "eir-representations", letter.cites_regulation(r"11(\(.*)?"))
    need(result, "eir-enforcement", letter.cites_regulation(r"18(\(.*)?"))
    if any(k.startswith("r12(5)") for k in letter.cited):
        scope = " ".join(letter.scope(k) for k in letter.cited if k.startswith("r12(5)"))
        need(result, "eir-adverse-effect", bool(re.search(r"adversely affect", scope, _I))
             and not re.search(r"likely to", scope, _I))
    else:
        skip(result, "eir-adverse-effect")
    # reg 12(9): information on emissions cannot be withheld under reg 12(5)(d) to (g); where the letter (or the request
    # it quotes) speaks of emissions, it must say why what it withholds is not on emissions
    shielded = sorted(k for k in letter.cited if k in _NOT_FOR_EMISSIONS)
    if shielded and _EMISSIONS.search(letter.text):
        need(result, "eir-emissions", letter.cites_regulation(r"12\(9\).*"),
             detail=" and ".join(f"regulation {k[1:]}" for k in shielded))
    else:
        skip(result, "eir-emissions")
    if "r12(4)(d)" in letter.cited:
        need(result, "eir-completion", bool(_COMPLETION.search(letter.scope("r12(4)(d)"))))
    else:
        skip(result, "eir-completion")
    if _NOT_HELD.search(" ".join(s for s, fams in letter.sentences if any(k.startswith("r") for k in fams))
                        if letter.mixed else letter.flat):
        need(result, "eir-not-held", letter.cites_regulation(r"12\(4\)\(a\).*"))
    else:
        skip(result, "eir-not-held")


_PIT_DECISION = re.compile(r"(needed|need) more time to (decide|consider|reach)[^.]{0,120}public interest[^.]{0,60}"
                          r"section 10\(3\)", _I)


# The EIR reply that follows a regulation 7 notice says so ("On 27 February we told you that ... regulation 7(1)")
_REG7_TOLD = re.compile(r"\btold you\b[^.]{0,200}\bregulation 7\(1\)", _I)


def _date_rules(letter: Letter, book: RuleBook, result: CheckResult, *, due: date | None, letter_date: date | None,
                received: date | None, review: bool) -> None:
    text_date, text_received = letter_dates(letter)
    dated = letter_date or text_date
    received = received or text_received
    # the decision that follows a s17(2) notice is due by the date that notice estimated, which the text may not give
    if due is None and received and not review and not _PIT_DECISION.search(letter.flat):
        deadline, _ = case_due(received, "foisa" if letter.foisa else "eir" if letter.eir else "foia")
        due = deadline.due if deadline else None
        if due and letter.eir and _REG7_TOLD.search(letter.flat):  # the reply after a regulation 7 notice
            due = max(due, add_working_days(received, 40, Regime.EIR))
    ran = book.dates(result, dated, received, None if review else due)
    for rid in {"dated-after-receipt", "on-time"} - ran:
        book.skip(result, rid)
    _review_date(letter, book, result, dated, review)


# The date by which the letter says a review may be asked for, beside its "40 working days": "by 1 May 2025 (within
# 40 working days of the date of this letter)", "within 40 working days of receiving this letter (by 29 April 2025)".
_REVIEW_BY = re.compile(rf"\bby ({DATE})\s*\(within (?:forty|40) working days\b|"
                        rf"\bwithin (?:forty|40) working days\b[^.()]{{0,80}}\(by ({DATE})\)", _I)


def _review_date(letter: Letter, book: RuleBook, result: CheckResult, dated: date | None, review: bool) -> None:
    """The letter gives no period for asking for a review shorter than 40 working days (with 40 working days
    nowhere), and the date it gives is not plainly earlier than 40 working days after the letter's date: an earlier
    date cuts short the time the letter itself promises (EIR reg 11(2) and FOISA s20(5) set that time; for FOIA it is
    the section 45 code's). FOIA and the EIR count every UK bank holiday, FOISA Scotland's;
    an authority that counted only its own nation's holidays may be a day or two earlier, which is tolerated."""
    short = "" if review else _short_review_period(letter)
    if short:
        book.need(result, "review-date", False,
                  detail=f"the requester {short} to ask for a review, and 40 working days nowhere")
        return
    found = None if review or not dated else _REVIEW_BY.search(letter.flat)
    stated = parse_day(found.group(1) or found.group(2)) if found else None
    if not (stated and dated):
        book.skip(result, "review-date")
        return
    regime = Regime.FOISA if letter.foisa else Regime.FOIA
    try:
        full = review_window_end(dated, 40, regime)
        earliest = review_window_end(dated, 40 - _HOLIDAY_SLACK, regime)
    except FoibotError:  # beyond the holiday data: the date cannot be checked
        book.skip(result, "review-date")
        return
    book.need(result, "review-date", stated >= earliest,
              detail=f"{format_long(stated)}, but 40 working days from {format_long(dated)} is {format_long(full)}")


# Bank holidays of one nation only (2 January, St Patrick's Day, St Andrew's Day, Easter Monday) that an authority
# may or may not have counted: at most two fall within any 40 working days.
_HOLIDAY_SLACK = 2


# The time the letter gives the requester to ask for a review: "Internal review requests should be submitted within
# 10 working days", "you may ask for a review within 28 days". Not the time the authority gives itself.
_PERIOD = re.compile(r"\bwithin (\d{1,3}|one|two|three|four|five|six|seven|eight|ten|fourteen|twenty|twenty-eight|"
                     r"thirty|forty) (working |calendar |clear )?(days?|weeks?|months?)\b", _I)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10,
            "fourteen": 14, "twenty": 20, "twenty-eight": 28, "thirty": 30, "forty": 40}
_ASKING = re.compile(r"\byou\b|\byour (request|representations|application)|(review|reconsideration) requests?|"
                     r"requests? for (an? )?(internal )?review|representations", _I)
_OWN_TIME = re.compile(r"\bwe (aim|will|shall|try|endeavour|would|should|must|have)\b|\b(complete|completed|respond|"
                       r"reply|decide|decision|acknowledge|breach)\w*|\bof receipt of your\b", _I)


def _short_review_period(letter: Letter) -> str:
    """The period the letter gives for asking for a review, when it is shorter than 40 working days and the letter
    gives 40 working days nowhere; else "". Working days below 40, calendar days below 56, weeks below 8 and months
    below 2 are shorter."""
    if re.search(r"\b(40|forty) working days\b", letter.flat, _I):
        return ""
    for sentence, _ in letter.sentences:
        if _ICO.search(sentence) or not (_REVIEW.search(sentence) or re.search(r"\breview\b", sentence, _I)):
            continue
        if not _ASKING.search(sentence) or _OWN_TIME.search(sentence):
            continue
        for found in _PERIOD.finditer(sentence):
            count = _NUMBERS.get(found.group(1).lower()) or int(found.group(1))
            unit = found.group(3).lower().rstrip("s")
            working = (found.group(2) or "").lower().startswith("working")
            limit = {"day": 40 if working else 56, "week": 8, "month": 2}[unit]
            if count < limit:
                return " ".join(found.group(0).split()).removeprefix("within ")
    return ""


# An address given for the Information Commissioner: a web address or an e-mail address soon after the Commissioner
# is named, in the same sentence, with nothing between that speaks of the authority ("write to us at ...").
_ADDRESS = re.compile(r"(?:https?://)?(?:[\w-]+@)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|org|com|gov|net|info|scot)"
                      r"(?:/[^\s,;)\]]*)?", _I)


def _wrong_ico_addresses(letter: Letter, book: RuleBook) -> list[str]:
    """Addresses given for the Information Commissioner that are not the ICO's (rule ico-complaint, words "ico" and
    "other")."""
    rule = book["ico-complaint"]
    good = rule.words.get("ico", ()) + rule.words.get("other", ())
    wrong = []
    for sentence, _ in letter.sentences:
        sentence = re.split(r"\b(?:Kind|Best|Warm)? ?regards\b|\bYours (?:sincerely|faithfully)\b", sentence,
                            flags=_I)[0]
        named = _ICO.search(sentence)
        if not named:
            continue
        for found in _ADDRESS.finditer(sentence, named.end()):
            between = sentence[named.end():found.start()]
            if len(between) > 200 or re.search(r"\b(us|our|we|council|review)\b", between, _I):
                break
            host = re.sub(r"^(?:https?://)?(?:[\w-]+@)?(?:www\.)?", "", found.group(0).lower()).split("/")[0]
            if not any(host == g or host.endswith("." + g) for g in good):
                wrong.append(found.group(0).rstrip("."))
    return list(dict.fromkeys(wrong))


_FOISA_REVIEW = re.compile(r"section 20\b|requirement for (a )?review|"
                           r"require (us|the \w+( \w+)?) to (carry out a |conduct a )?review|"
                           r"ask (us|the \w+) to review|request (a|an internal) review", _I)
_UK_ROUTE = re.compile(r"section 50\b|ico\.org\.uk|Freedom of Information Act 2000|"
                       r"Information Commissioner'?’?s Office", _I)
_FOISA_NCND = ("28", "29", "30", "31", "32", "33", "34", "35", "38", "39", "41")  # s18(1) [GK]


def _foisa_rules(letter: Letter, kb: Knowledge, book: RuleBook, result: CheckResult, refusing: bool) -> None:
    """The Scottish Act: s16 refusal notices, s17 not held, s18 NCND, and s19's particulars (s20 review, s47)."""
    need, skip = book.need, book.skip
    if not letter.foisa or letter.review_outcome:
        for rid in book.ids("foisa") + book.ids("foisa-refusal") + book.ids("foisa-not-held") + book.ids("foisa-ncnd"):
            skip(result, rid)
        return
    flat = letter.flat
    need(result, "foisa-review", bool(_FOISA_REVIEW.search(flat)) and bool(re.search(r"40 working days", flat, _I)))
    commissioner = [s for s, _ in letter.sentences if re.search(r"Scottish Information Commissioner", s, _I)]
    need(result, "foisa-commissioner", any(re.search(r"section 47|\bappl(y|ication)", s, _I) for s in commissioner))
    uk = _UK_ROUTE.search(flat)
    need(result, "foisa-uk-law", not uk, detail=uk.group(0) if uk else "")
    foisa_cited = [k for k in letter.cited if kb.exemptions[k].regime == "foisa"]
    _foia_sections(letter, book, result)
    if letter.ncnd:
        gaps = []
        if not letter.cites_section(r"18(\(1\))?"):
            gaps.append("cite section 18(1)")
        if not any(kb.exemptions[k].number in _FOISA_NCND for k in foisa_cited):
            gaps.append("name the exemption that would apply if the information existed and were held (sections "
                        "28 to 35, 38, 39(1) or 41)")
        if not re.search(r"contrary to the public interest|public interest", flat, _I):
            gaps.append("say that revealing whether the information exists or is held would be contrary to the "
                        "public interest")
        need(result, "foisa-ncnd", not gaps, detail="; ".join(gaps))
    else:
        skip(result, "foisa-ncnd")
    exempting = [k for k in foisa_cited if k not in PROCEDURAL]  # s16(1) is for exempt information, not s12 or s14
    if refusing and exempting and not letter.ncnd:
        scope = " ".join(letter.scope(k) for k in exempting)
        # "is exempt", or "Section 36(2) exempts information that ..." said of what is withheld: each claims it
        says = bool(re.search(r"\bexempts?\b", scope, _I)) and bool(re.search(r"\bhold", flat, _I))
        need(result, "foisa-refusal", says)
    else:
        skip(result, "foisa-refusal")
    if _NOT_HELD.search(flat) and not letter.ncnd:
        need(result, "foisa-not-held", letter.cites_section(r"17(\(1\))?"))
    else:
        skip(result, "foisa-not-held")


# Provisions of the UK Act a Scottish letter may be found relying on: FOIA's notice for sections 12 and 14 (FOISA gives
# it under section 16(4) or 16(5)), and FOIA exemptions FOISA does not have under that number (FOISA's sections 42 to
# 44 concern the Scottish Information Commissioner; legal professional privilege is its section 36(1)).
_FOIA_NOTICE = re.compile(r"section 17\((5|6)\)", _I)
_FOIA_ONLY = ("22", "23", "24", "42", "43", "44")
_RELYING = re.compile(r"exempt|withh[eo]ld|withholding|refus|\brel(y|ies|ied|ying)\b|not obliged|appl(y|ies)", _I)


def _foia_sections(letter: Letter, book: RuleBook, result: CheckResult) -> None:
    """A Scottish letter relies only on FOISA: no FOIA notice provision, no exemption only FOIA has."""
    found = [m.group(0) for m in _FOIA_NOTICE.finditer(letter.flat)]
    for sentence, _ in letter.sentences:
        for citation, match in find_citations(sentence, "foisa"):
            if citation.number in _FOIA_ONLY and _RELYING.search(sentence) and citation.regime == "foisa":
                found.append(match.group(0).strip())
    book.need(result, "foisa-foia-section", not found, detail=", ".join(dict.fromkeys(found)))
