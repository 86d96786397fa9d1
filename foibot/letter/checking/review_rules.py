"""An internal review's outcome: what it still withholds is named (s17(1)(b) carried into the review; EIR reg 11(4);
FOISA s21), and who reviewed it (the s45 Code: someone not involved in the original decision, a warning)."""

from __future__ import annotations

import re

from foibot.letter.checking.reading import Letter
from foibot.letter.checking.result import CheckResult
from foibot.letter.checking.rules import RuleBook

_I = re.I

# The review keeps information withheld: "I uphold the original decision", "the original decision to withhold the
# reports was correct and ... should stand", "will continue to be withheld", "The review is not upheld". Not "Your
# complaint is upheld" (the requester wins), nor "we do not uphold our original decision".
_STILL_WITHHELD = re.compile(r"(?<!not )(?<!n't )\buph[eo]ld\w* (the|our|its) (original |first |initial )?(decision|"
                             r"refusal|response)\b|"
                             r"\b(original |first |initial )(decision|refusal|response)\b[^.]{0,80}\b(is|was) "
                             r"(correct|upheld|right)\b|\b(decision|refusal)\b[^.]{0,60}\bshould stand\b|"
                             r"\b(remain|remains|continue to be|still be|will be) withheld\b|"
                             r"\b(review|complaint|appeal) is not upheld\b", _I)
# The reviewer says they handled the original request themselves.
_SAME_HAND = re.compile(r"\b(I|we) (handled|dealt with|answered|decided|responded to|processed) (your|the) "
                        r"(original|first|initial) (request|response|decision)|\bas I (handled|dealt with|answered|"
                        r"made|took)\b[^.,]{0,40}|\bthe original decision was (made|taken) by me\b", _I)


# The original response neither confirmed nor denied; the review now gives the information without saying it is held
# (s1(1)(a): a review that overturns an NCND reply confirms what the original would not). Not a review that still
# neither confirms nor denies, under the same provision or another.
_ORIGINAL_NCND = re.compile(r"\b(?:our|the) (?:original |first |initial )?(?:response|decision|reply)\b[^.]{0,80}"
                            r"\bneither confirm(?:ed)? nor den(?:y|ied)\b", _I)
_STILL_NCND = re.compile(r"\b(?:still|continue to|also) neither confirm|"
                         r"\bneither confirm nor deny\b[^.]{0,60}\b(?:relying|under|by virtue)\b[^.]{0,20}"
                         r"\binstead\b", _I)
_NOW_GIVEN = re.compile(r"\bnow (?:providing|provide|disclosing|disclose|releasing|release|giving|give)\b|"
                        r"\b(?:we|I) (?:enclose|attach|have enclosed|have attached)\b", _I)
_HELD_SAID = re.compile(r"\b(?:we|I) (?:can )?confirm (?:that )?(?:we|the \w+|it) holds?\b|"
                        r"(?<!whether )(?<!if )\bwe (?:do )?hold (?:the|this|that|some|all|information)\b|"
                        r"(?<!whether it )(?<!if it )\b(?:is|are) held\b", _I)  # not "whether we hold it"


def check_review(letter: Letter, book: RuleBook, result: CheckResult, cited: list[str]) -> None:
    """For an internal review's outcome: rule exemption-missing when it keeps information withheld and names no
    exemption, and rule internal-review's warning when the reviewer handled the original request."""
    if not letter.review_outcome:
        return
    if _STILL_WITHHELD.search(letter.flat) and not letter.ncnd:
        book.need(result, "exemption-missing", bool(cited))
    if _ORIGINAL_NCND.search(letter.flat) and _NOW_GIVEN.search(letter.flat) and not _STILL_NCND.search(letter.flat):
        book.need(result, "confirm-or-deny", bool(_HELD_SAID.search(letter.flat)),
                  detail="the review gives what the original neither confirmed nor denied, but never says it is held")
    if same := _SAME_HAND.search(letter.flat):
        book.warn(result, "internal-review", detail=" ".join(same.group(0).split()))
