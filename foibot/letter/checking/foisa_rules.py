"""The Freedom of Information (Scotland) Act 2002: s16 refusal notices, s17 not held, s18 neither confirm nor deny,
s19's particulars (s20 review, s47), and no provision of the UK Act."""

from __future__ import annotations

import re

from foibot.knowledge.citations import find_citations
from foibot.knowledge.model import Knowledge
from foibot.letter.checking.reading import NOT_HELD, Letter
from foibot.letter.checking.result import CheckResult
from foibot.letter.checking.rights_rules import FOISA_REVIEW
from foibot.letter.checking.rules import PROCEDURAL, RuleBook

_I = re.I

_UK_ROUTE = re.compile(r"section 50\b|ico\.org\.uk|Freedom of Information Act 2000|"
                       r"Information Commissioner'?’?s Office", _I)
_FOISA_NCND = ("28", "29", "30", "31", "32", "33", "34", "35", "38", "39", "41")  # s18(1) [GK]


def check_foisa(letter: Letter, kb: Knowledge, book: RuleBook, result: CheckResult, refusing: bool, *,
                notice: bool = True) -> None:
    """The Scottish Act: s16 refusal notices, s17 not held, s18 NCND, and s19's particulars (s20 review, s47).
    ``notice`` False for a request for clarification (s1(3)): no notice s19 lists, so none of its particulars, and
    nothing refused, held or not held."""
    need, skip = book.need, book.skip
    if not letter.foisa:
        for rid in book.ids("foisa") + book.ids("foisa-refusal") + book.ids("foisa-not-held") + book.ids("foisa-ncnd"):
            skip(result, rid)
        return
    flat = letter.flat
    if not notice:
        uk = _UK_ROUTE.search(flat)
        need(result, "foisa-uk-law", not uk, detail=uk.group(0) if uk else "")
        _foia_sections(letter, book, result)
        for rid in ["foisa-review", "foisa-commissioner"] + book.ids("foisa-refusal") + book.ids("foisa-not-held") + \
                book.ids("foisa-ncnd"):
            skip(result, rid)
        return
    commissioner = [s for s, _ in letter.sentences if re.search(r"Scottish Information Commissioner", s, _I)]
    # "apply to", "application", or "appeal to the Office of the Scottish Information Commissioner (OSIC)"
    need(result, "foisa-commissioner", any(re.search(r"section 47|\bappl(y|ication)|\bappeal", s, _I)
                                           for s in commissioner))
    uk = _UK_ROUTE.search(flat)
    need(result, "foisa-uk-law", not uk, detail=uk.group(0) if uk else "")
    if letter.review_outcome:  # a review's outcome (s21) gives the s47 application, never another review (s21(10))
        for rid in ["foisa-review"] + book.ids("foisa-refusal") + book.ids("foisa-not-held") + book.ids("foisa-ncnd"):
            skip(result, rid)
        return
    need(result, "foisa-review", bool(FOISA_REVIEW.search(flat)) and bool(re.search(r"40 working days", flat, _I)))
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
        # "is exempt", "Section 36(2) exempts information that ...", "The exemption we are relying on is section
        # 30(b)(i)" said of what is withheld: each claims it
        claims = re.search(r"\bexempts?\b|\bexemption (we are|we have|being) rel\w* on\b|"
                           r"\brel(y|ies|ying) on (the )?(exemption|section)|"
                           # "we are applying the exemption in section 39(2)" (withholding "under section 35(1)(a)"
                           # alone does not state that the information is claimed to be exempt, s16(1)(b))
                           r"\b(apply|applying|applied) the exemption\b", scope, _I)
        # s16(1)(a): that it holds the information, said, or shown by withholding it
        says = bool(claims) and bool(re.search(r"\bhold|\bwithh(o|e)ld", flat, _I))
        need(result, "foisa-refusal", says)
    else:
        skip(result, "foisa-refusal")
    if NOT_HELD.search(flat) and not letter.ncnd:
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
