"""Citations dictated or typed as spoken: "section thirty one one a" is s31(1)(a), "regulation twelve five e"
12(5)(e), "section forty subsection two" and "section forty bracket two" 40(2), "section thirty six two b two"
36(2)(b)(ii) (a number after a letter is a roman numeral), and a reply made only of such words ("forty two",
"forty three two and forty") the citations it speaks; after a citation spoken with its "section", another listed
in full without it ("section forty subsection two, …, and thirty one one a") is one too."""

from __future__ import annotations

import re

from foibot.conversation.reading_phrases import NUMBER_WORDS

_NUMBER_WORD = "|".join(sorted((w for w, n in NUMBER_WORDS.items() if 0 < n < 100), key=len, reverse=True))
_MARKERS = ("subsection", "sub-section", "sub", "brackets", "bracket", "open", "close", "paragraph", "para", "point")
_WORD = rf"(?:{_NUMBER_WORD}|{'|'.join(_MARKERS)}|[a-h])"
_SPOKEN = re.compile(rf"(?<![\w'])(?P<lead>(?:sections?|sec|s|regulations?|regs?|r)\s+)?(?P<words>(?:{_NUMBER_WORD})"
                     rf"(?:[\s-]+{_WORD})*)(?![\w'])", re.I)
_ONLY_SPOKEN = re.compile(rf"\s*{_WORD}(?:(?:[\s,;&-]|\band\b)+{_WORD})*\s*\.?", re.I)
_LISTED = re.compile(r"(?:,|;|&|\band|\bthen|\balso|\bplus)\s*$", re.I)  # a citation listed after another
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi")


def _number(word: str) -> int | None:
    found = NUMBER_WORDS.get(word.lower())
    return found if found is not None and 0 < found < 100 else None


def _cited(words: list[str]) -> str | None:
    """The citation spoken words make ("thirty one one a": 31(1)(a)), or None when they make none."""
    first = _number(words[0])
    if first is None:
        return None
    at = 1
    if first >= 20 and first % 10 == 0 and len(words) > 1 and (unit := _number(words[1])) is not None and unit < 10:
        first, at = first + unit, 2
    out, letter = str(first), False
    for word in (w.lower() for w in words[at:]):
        number = _number(word)
        if word in _MARKERS:
            continue
        if number is not None and number < 20:
            out += f"({_ROMAN[number - 1]})" if letter and number <= len(_ROMAN) else f"({number})"
        elif len(word) == 1 and out[-1] == ")":
            out += f"({word})"
            letter = True
            continue
        else:
            return None
    return out


def dictated(text: str) -> str:
    """The text with citations spoken in words written as citations (see the module docstring): after
    "section" or "regulation", or anywhere in a reply made only of such words; other words are left as they are."""
    only = _ONLY_SPOKEN.fullmatch(text) is not None
    led = any(m["lead"] and _cited(re.split(r"[\s-]+", m["words"])) for m in _SPOKEN.finditer(text))

    def written(match: re.Match[str]) -> str:
        cited = _cited(re.split(r"[\s-]+", match["words"]))
        # after a citation spoken with its "section", another spoken in full ("and thirty one one a") is one too
        listed = led and cited is not None and "(" in cited and _LISTED.search(text[:match.start()])
        if not match["lead"] and not only and not listed:
            return match.group(0)
        return match.group(0) if cited is None else f"{match['lead'] or ''}{cited}"

    return _SPOKEN.sub(written, text)
