"""The requester's rights as a letter gives them: an internal review (how and where to ask) and a complaint to the
Information Commissioner (s17(7); EIR reg 11 and 18; FOISA s20 and s47)."""

from __future__ import annotations

import re

from foibot.letter.checking.reading import Letter
from foibot.letter.checking.rules import RuleBook

_I = re.I

# The right to a review, as letters put it: "ask for an internal review", "have it reviewed", reg 11 representations.
REVIEW = re.compile(r"(ask|request|apply)\w* ((us|the \w+) )?(for )?(an? )?(independent )?(internal )?review|"
                    r"entitled to (have|an?)[^.]{0,30}review|right to (appeal|an? (internal )?review)|"
                    r"have (it|this|the decision) reviewed|complaints? (review )?(procedure|process)|reconsider|"
                    # "ask us to review", "ask the Town Clerk to review it", "ask NHS Strathmore to carry out a review"
                    r"(ask|require)\w* (us|the( [\w-]+){1,3}|[A-Z][\w-]*( [A-Z][\w-]*){0,3}) to ((carry out|conduct|"
                    r"undertake) (a|an) )?(internal )?review|"
                    r"representations[^.]{0,30}(regulation|reg\.?) 11|"
                    # "You can ask us to look at your request again. This is called an internal review."
                    r"look at (your request|it|this|the decision|our (response|decision)) again|"
                    r"(called|known as) an? (internal )?review", _I)
# How or where to ask: an address, "write to", "by replying to this email".
REVIEW_HOW = re.compile(r"@|\bwrite to\b|writing to|in writing|\baddress\b|replying to this|by e-?mail|e-?mailing|"
                        r"contact us at|online form|\bby contacting\b|"
                        # "make representations ... to the Information Governance Team", not to the Commissioner
                        r"\b(review|representations)\b[^.]{0,120}\bto (the|our) (?!information commissioner)(\w+ ){0,5}"
                        r"(team|officer|manager|unit|office|clerk|department|service|director|head)\b", _I)
# The Information Commissioner, named.
ICO = re.compile(r"Information Commissioner|\bICO\b|Commissioners?'?’?s? Office")


# An address given for the Information Commissioner: a web address or an e-mail address soon after the Commissioner
# is named, in the same sentence, with nothing between that speaks of the authority ("write to us at ...").
_ADDRESS = re.compile(r"(?:https?://)?(?:[\w-]+@)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|org|com|gov|net|info|scot)"
                      r"(?:/[^\s,;)\]]*)?", _I)


def wrong_ico_addresses(letter: Letter, book: RuleBook) -> list[str]:
    """Addresses given for the Information Commissioner that are not the ICO's (rule ico-complaint, words "ico" and
    "other")."""
    rule = book["ico-complaint"]
    good = rule.words.get("ico", ()) + rule.words.get("other", ())
    wrong = []
    for sentence, _ in letter.sentences:
        sentence = re.split(r"\b(?:Kind|Best|Warm)? ?regards\b|\bYours (?:sincerely|faithfully)\b", sentence,
                            flags=_I)[0]
        named = ICO.search(sentence)
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


# A Scottish review (FOISA s20): "require us to review", "your requirement for review".
FOISA_REVIEW = re.compile(r"section 20\b|requirement for (a )?review|"
                          r"(require|ask) (us|the \w+( \w+)?|[A-Z][\w-]*( [A-Z][\w-]*){0,3}) to (carry out a |"
                          r"conduct a )?review|"
                          r"ask (us|the \w+) to review|request (a|an internal) review", _I)
