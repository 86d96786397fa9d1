"""A request for clarification (FOIA s1(3), EIR reg 9(2), FOISA s1(3)): it answers nothing yet and refuses nothing, so
it is no notice whose particulars (held or not, review, the Commissioner) the check can ask for."""

from __future__ import annotations

import re

from foibot.letter.checking.reading import Letter

_I = re.I

# The authority asks for what it needs to identify and locate the information, under s1(3) or reg 9, or in those words.
_ASKS = re.compile(r"\bsection 1\(3\)|\bregulation 9\(2\)|\b(identify and locate|locate and identify)\b|"
                   r"\b(clarify|clarification of) (your|the) request\b", _I)
_TOLD_CLOCK = re.compile(r"\bnot (obliged|required) to (deal with|respond to|answer|comply with)|"
                         r"\b(until|once|when) we (receive|have received|hear)\b|\bwhen we receive your reply\b", _I)


def asks_for_clarification(letter: Letter, refusing: bool) -> bool:
    """The letter only asks the requester to clarify (and says the request waits for the answer): it cites no
    exemption and refuses nothing."""
    return (not refusing and not letter.cited and bool(_ASKS.search(letter.flat))
            and bool(_TOLD_CLOCK.search(letter.flat)))
