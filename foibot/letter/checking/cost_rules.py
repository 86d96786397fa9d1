"""A refusal on cost (FOIA s12 and FOISA s12, named or not): the limit, the estimate and advice on narrowing."""

from __future__ import annotations

import re

from foibot.letter.checking.reading import Letter
from foibot.letter.checking.result import CheckResult
from foibot.letter.checking.rules import RuleBook

_I = re.I

# A refusal on cost that never names section 12: "would exceed the appropriate limit" (s12 with s17(5)).
_COST_CLAIM = re.compile(r"\b(would|will|to|does|do) exceed\b[^.]{0,60}\b(appropriate|cost|costs|fees?) limit|"
                         r"in excess of the (appropriate|cost) limit", _I)


def check_cost(letter: Letter, book: RuleBook, result: CheckResult, key: str) -> None:
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
        r"narrow|refine|confine|shorter period|within the (appropriate |cost )?limit|(could|if) (you )?(reduce|limit)|"
        r"\b(limit|limiting|restrict|restricting|reduce|reducing) (your|the) request\b", flat, _I)
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


def cost_claim(letter: Letter) -> bool:
    """A FOIA letter refuses on cost without citing section 12 ("would exceed the appropriate limit"). The EIR have
    no cost limit (reg 12(4)(b) instead) and FOISA's section 12 has its own limit, so neither is read this way."""
    return "s12" not in letter.cited and not (letter.review_outcome or letter.eir or letter.foisa) and any(
        _COST_CLAIM.search(s) and not re.search(r"\bif\b|\bwhether\b", s, _I) for s, _ in letter.sentences)
