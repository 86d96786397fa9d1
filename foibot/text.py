"""Text helpers shared by matching and search: normalising, tokenising, and checking pasted input."""

from __future__ import annotations

import re
import unicodedata

from foibot.errors import InputError

MAX_REQUEST_CHARS = 100_000

STOPWORDS = frozenset("""
a about above after again all also am an and any are as at be been before being below between both but by can
could did do does doing down during each few for from further had has have having he her here hers him his how i
if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own
please provide same she should so some such than that the their theirs them then there these they this those
through to too under until up very was we were what when where which while who whom why will with would you your
yours request requested information foi freedom act under details dear regards thank thanks kind sincerely
""".split())

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """Lower-case, accents folded, punctuation as spaces."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(_WORD.findall(folded))


_TITLED_NAME = re.compile(
    r"\b(?:Councillor|Cllr|Mrs|Mr|Ms|Miss|Mx|Dr|Sir|Dame|Professor|Prof|Revd|Rev|PC|DC|Sgt)\.?[ \t]+"
    r"((?:[A-Z][\w'’-]*\.?(?:[ \t]+|$)){1,3})")


def mask_names(text: str) -> str:
    """The text with the names after a personal title put as "someone" ("Councillor Dafydd Price" -> "Councillor
    someone"), so a surname is never read as a word about the request (Price, Bond, Rich, Banks)."""
    return _TITLED_NAME.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)] + "someone ", text)


def cue_pattern(cue: str) -> re.Pattern[str]:
    """A cue phrase as a pattern over ``normalise``d text: its words in order, each also as a plural."""
    words = normalise(cue).split()
    return re.compile(r"\b" + r"\s+".join(re.escape(w) + r"s?" for w in words) + r"\b")


def stem(word: str) -> str:
    """A light stem so plurals meet singulars (forces/force, reports/report)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Content words of a text, stemmed, in order (stop words dropped)."""
    return [stem(w) for w in normalise(text).split() if w not in STOPWORDS and len(w) > 1]


MAX_REPLY_CHARS = 20_000


def _tidy(text: str) -> str:
    """Control characters dropped, line endings made ``\\n``."""
    return _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def clean_reply(text: str | None) -> str:
    """Check a reply in the conversation: it may be empty (accept the default) or just a number."""
    text = text or ""
    if "\x00" in text:
        raise InputError("That reply contains NUL bytes (binary data); please type the answer.")
    if len(text) > MAX_REPLY_CHARS:
        raise InputError(f"That reply is {len(text) // 1000} KB long; answers are limited to "
                         f"{MAX_REPLY_CHARS // 1000} KB.")
    return _tidy(text).strip()


def clean_request(text: str | bytes | None) -> str:
    """Check pasted request text and return it tidied; InputError with a clear message otherwise."""
    if text is None:
        raise InputError("There is no request text. Paste the request itself.")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("That is not text (it is not valid UTF-8). Paste the text of the request.") from exc
    if "\x00" in text:
        raise InputError("That looks like binary data (it contains NUL bytes), not a request. "
                         "Paste the text of the request.")
    text = _tidy(text)
    if not text.strip():
        raise InputError("The request is empty. Paste the text of the request.")
    if len(text) > MAX_REQUEST_CHARS:
        raise InputError(f"The request is {len(text) // 1000} KB long; foibot takes up to "
                         f"{MAX_REQUEST_CHARS // 1000} KB. Paste the request itself rather than a whole email thread.")
    if not re.search(r"[^\W\d_]", text):
        raise InputError("The request has no words in it. Paste the text of the request.")
    return text.strip()
