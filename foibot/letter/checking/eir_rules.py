"""The Environmental Information Regulations' own rules: exceptions, not FOIA sections; adverse effect; emissions;
unfinished material; not held; reg 11 and reg 18."""

from __future__ import annotations

import re

from foibot.knowledge.model import Knowledge
from foibot.letter.checking.reading import DATE, NOT_HELD, Letter
from foibot.letter.checking.result import CheckResult
from foibot.letter.checking.rules import RuleBook

_I = re.I

_COMPLETION = re.compile(rf"(expect|estimat|anticipat|due to be|scheduled|plann)\w*[^.]{{0,80}}(complet|finish|finalis|"
                         rf"publish|ready)|(complet|finalis|finish|publish)\w*[^.]{{0,40}}\b(by|in|around|during|before)"
                         rf" (the )?(end of |early |late |mid-?)?(\d|{DATE}|january|february|march|april|may|june|july|"
                         rf"august|september|october|november|december|spring|summer|autumn|winter)", _I)


_NOT_FOR_EMISSIONS = ("r12(5)(d)", "r12(5)(e)", "r12(5)(f)", "r12(5)(g)")
_EMISSIONS = re.compile(r"\bemissions?\b|\bemitted\b", _I)


def check_eir(letter: Letter, kb: Knowledge, book: RuleBook, result: CheckResult, exempting: list[str], *,
              notice: bool = True) -> None:
    """The EIR's rules; ``notice`` False for a letter that refuses nothing and decides nothing yet (a request for
    particulars under reg 9(2)), which reg 14(5)'s particulars (reg 11, reg 18) are not asked of."""
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
    if notice:
        need(result, "eir-representations", letter.cites_regulation(r"11(\(.*)?"))
        need(result, "eir-enforcement", letter.cites_regulation(r"18(\(.*)?"))
    else:
        skip(result, "eir-representations")
        skip(result, "eir-enforcement")
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
    if NOT_HELD.search(" ".join(s for s, fams in letter.sentences if any(k.startswith("r") for k in fams))
                        if letter.mixed else letter.flat):
        need(result, "eir-not-held", letter.cites_regulation(r"12\(4\)\(a\).*"))
    else:
        skip(result, "eir-not-held")
