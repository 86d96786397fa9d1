"""Personal-data patterns (email, UK phone, NI, NHS, CHI, postcode, DOB, vehicle registration) and a tally of
matches."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location, Severity
from foibot.release.limits import ReleaseLimits

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+'-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b")
# Geographic (01, 02) and mobile (07) numbers: people's numbers. 03 and 08 numbers are organisations' lines (a
# council's service numbers), never a person's own.
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)[127](?:[\s()-]?\d){8,9}(?!\d)")
_NI = re.compile(r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
_NHS = re.compile(r"(?<![\d.-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d.])")
# A CHI number (Scotland's Community Health Index) is written as the NHS number is, or as its date of birth and four
# digits ("010101 1237"); "CHI" or "CHI number" before it is kept with the match, as it labels the number.
_CHI = re.compile(r"(?:\bCHI(?:\s*(?:[Nn]o\.?|[Nn]umber))?[\s:.#]*)?"
                  r"(?<![\d.-])(?:\d{3}[ -]?\d{3}[ -]?\d{4}|\d{6}[ -]\d{4})(?![\d.])")
_CHI_LABEL = re.compile(r"CHI")
_LEAD = re.compile(r"\D*")
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})\b")
_DATE = (r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|\d{1,2}(?:st|nd|rd|th)? [A-Za-z]{3,9},? (?:19|20)\d{2}"
         r"|(?:19|20)\d{2}-\d{2}-\d{2})")
_DOB = re.compile(r"(?i)\b(?:d\.?o\.?b\.?|date of birth|birth ?date|born(?: on)?)\W{0,5}" + _DATE)
# Current-style registrations (2001 on): two letters, age identifier, three letters. Prefix/suffix styles are not
# matched: they collide with too many reference codes.
_VRM = re.compile(r"\b[A-HJ-PR-Y][A-HJ-PR-Y](?:0[2-9]|[12]\d|5[1-9]|[67]\d) ?[A-HJ-PR-Z]{3}\b")

_NONDIGIT = re.compile(r"\D+")
_AT = re.compile("@")
_BIRTH = re.compile(r"(?i)d\.?o\.?b|birth|born")


def nhs_valid(digits: str) -> bool:
    """Modulus 11 check of a 10-digit NHS number."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def chi_date(digits: str) -> bool:
    """Whether the first six of ``digits`` are a date of birth as DDMMYY, as a CHI number's are. NHS numbers (England
    and Wales from 400 000 000, Northern Ireland's from 320 000 000) never start with a day of the month, so this is
    what tells a CHI number from an NHS number."""
    if len(digits) < 6 or not digits[:6].isdigit():
        return False
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    if not 1 <= month <= 12 or day < 1:
        return False
    longest = 29 if month == 2 and year % 4 == 0 else (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return day <= longest


def chi_valid(digits: str) -> bool:
    """A CHI number (Scotland's Community Health Index): ten digits, the first six the patient's date of birth as
    DDMMYY, the ninth odd for a man and even for a woman, and the tenth a check digit by the same modulus 11 as the
    NHS number's (``nhs_valid``). Sources: the NHS Data Dictionary, "Community Health Index Number"
    (https://www.datadictionary.nhs.uk/attributes/community_health_index_number.html); Public Health Scotland's
    phsmethods ``chi_check`` (a valid CHI has a valid date in its first six digits and a correct checksum, e.g.
    0101011237), and the NDC Data Dictionary it and others cite for the "Modulus 11" check
    (https://www.ndc.scot.nhs.uk/Data-Dictionary/SMR-Datasets//Patient-Identification-and-Demographic-Information/
    Community-Health-Index-Number/)."""
    return nhs_valid(digits) and chi_date(digits)


def _chi_ok(text: str) -> bool:
    """A CHI-shaped number with a date of birth in front and a good check digit; labelled "CHI", a wrong check digit
    (a typing slip) still makes it the patient's identifier, never a telephone number."""
    digits = re.sub(r"\D", "", text)
    if len(digits) != 10 or not chi_date(digits):
        return False
    return nhs_valid(digits) or _CHI_LABEL.match(text) is not None


def _phone_valid(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if digits.startswith("44"):
        digits = digits[2:] if digits[2:3] == "0" else "0" + digits[2:]
    if digits.startswith("00"):
        return False
    return len(digits) == 11 or (len(digits) == 10 and digits.startswith("01"))


def _nhs_ok(text: str) -> bool:
    """The modulus 11 check, and not a CHI number (which starts with a date of birth; see ``chi_date``)."""
    digits = re.sub(r"\D", "", text)
    return nhs_valid(digits) and not chi_date(digits)


def _mask_email(s: str) -> str:
    local, _, domain = s.partition("@")
    labels = domain.split(".")
    return f"{local[:1]}***@{labels[0][:1]}***.{'.'.join(labels[1:])}"


def _mask_phone(s: str) -> str:
    digits = re.sub(r"\D", "", s)
    return f"{digits[:4]} *** **{digits[-2:]}"


def _mask_ni(s: str) -> str:
    c = s.replace(" ", "")
    return f"{c[:2]} {c[2:4]} ** ** {c[-1]}"


def _mask_nhs(s: str) -> str:
    return f"{re.sub(r'[^0-9]', '', s)[:3]} *** ****"


def _mask_chi(s: str) -> str:
    """The label kept, the date of birth and the sex digit hidden: 'CHI 0101011237' -> 'CHI ****** ***7'."""
    label = _LEAD.match(s).group(0)  # type: ignore[union-attr]  # \D* always matches
    return f"{label}****** ***{re.sub(r'[^0-9]', '', s)[-1]}"


def _mask_postcode(s: str) -> str:
    c = s.replace(" ", "")
    return f"{c[:-3]} ***"


def _mask_dob(s: str) -> str:
    return re.sub(r"\d", "*", s)


def _mask_vrm(s: str) -> str:
    return f"{s[:2]}** ***"


def plural(label: str, n: int) -> str:
    if n == 1:
        return label
    return label + ("es" if label.endswith(("s", "sh", "ch", "x")) else "s")


def mask_words(text: str) -> str:
    """'John Smith 07700' -> 'J*** S**** 0****': enough to find it, not enough to read it."""
    return " ".join(w[:1] + "*" * (len(w) - 1) for w in text.split())


def snippet(text: str, n: int = 40) -> str:
    """Text quoted in a finding: on one line, at most ``n`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def hidden_snippet(text: str, n: int = 40) -> str:
    """Words the document does not show (hidden, white, blacked-out or tiny text, deleted text, comments, notes),
    quoted in a finding as personal data examples are: each word masked, since findings are posted to a thread."""
    return snippet(mask_words(text), n)


def mask_generic(s: str) -> str:
    return f"{s[:1]}{'*' * min(max(len(s) - 1, 3), 8)}"


@dataclass(frozen=True)
class Pattern:
    id: str
    label: str
    regex: re.Pattern[str]
    mask: Callable[[str], str]
    valid: Callable[[str], bool] | None = None
    min_digits: int = 0  # cheap gates: skip the regex when the text cannot match
    gate: re.Pattern[str] | None = None
    outranks: bool = False  # a patient identifier: a match overlapping it (a "phone number") is not counted


BUILTIN: tuple[Pattern, ...] = (
    Pattern("personal.email", "email address", _EMAIL, _mask_email, gate=_AT),
    Pattern("personal.phone", "UK telephone number", _PHONE, _mask_phone, _phone_valid, min_digits=10),
    Pattern("personal.ni_number", "National Insurance number", _NI, _mask_ni, min_digits=6),
    Pattern("personal.nhs_number", "NHS number", _NHS, _mask_nhs, _nhs_ok, min_digits=10, outranks=True),
    Pattern("personal.chi_number", "CHI number", _CHI, _mask_chi, _chi_ok, min_digits=10, outranks=True),
    Pattern("personal.postcode", "full postcode", _POSTCODE, _mask_postcode, min_digits=1),
    Pattern("personal.dob", "date of birth", _DOB, _mask_dob, min_digits=2, gate=_BIRTH),
    Pattern("personal.vehicle_reg", "vehicle registration", _VRM, _mask_vrm, min_digits=2),
)


def patterns_for(limits: ReleaseLimits) -> tuple[Pattern, ...]:
    extra = tuple(Pattern("personal.pattern", label, re.compile(rx), mask_generic)
                  for _pid, label, rx in limits.extra_patterns)
    return BUILTIN + extra


def matches(text: str, patterns: tuple[Pattern, ...] = BUILTIN) -> list[tuple[Pattern, re.Match[str]]]:
    """Every personal-data match in ``text`` as (pattern, match). A patient identifier (an NHS or CHI number)
    outranks a match it overlaps: its digits are not also counted as a telephone number."""
    digits = len(_NONDIGIT.sub("", text))
    out: list[tuple[Pattern, re.Match[str]]] = []
    for p in patterns:
        if digits < p.min_digits or (p.gate is not None and p.gate.search(text) is None):
            continue
        for m in p.regex.finditer(text):
            if p.valid is None or p.valid(m.group(0)):
                out.append((p, m))
    ids = [m.span() for p, m in out if p.outranks]
    if ids:
        out = [(p, m) for p, m in out
               if p.outranks or not any(m.start() < end and start < m.end() for start, end in ids)]
    return out


def find(text: str, patterns: tuple[Pattern, ...] = BUILTIN) -> list[tuple[Pattern, str]]:
    """Every personal-data match in ``text`` as (pattern, matched text)."""
    return [(p, m.group(0)) for p, m in matches(text, patterns)]


def contact_key(p: Pattern, s: str) -> str:
    """A match as a contact detail compares: a telephone number by its digits (+44 as 0), else without spaces and
    case."""
    if p.id == "personal.phone":
        digits = re.sub(r"\D", "", s)
        return "0" + digits[2:].lstrip("0") if digits.startswith("44") else digits
    return "".join(s.split()).casefold()


def own_keys(contacts: tuple[str, ...], patterns: tuple[Pattern, ...]) -> frozenset[str]:
    """The contact keys of every personal-data-shaped value in the authority's own contact details."""
    return frozenset(contact_key(p, s) for text in contacts for p, s in find(text, patterns))


@dataclass
class _Bucket:
    pattern: Pattern
    hidden: bool
    count: int = 0
    examples: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


class Tally:
    """Counts matches per pattern, split into visible and hidden places, with a few masked examples each."""

    def __init__(self, limits: ReleaseLimits) -> None:
        self.patterns = patterns_for(limits)
        self.keep = limits.examples
        self.own = own_keys(limits.own_contacts, self.patterns)
        self._buckets: dict[tuple[str, str, bool], _Bucket] = {}
        self._memo: dict[str, list[tuple[Pattern, str]]] = {}

    def find(self, text: str) -> list[tuple[Pattern, str]]:
        """``find`` with a memo, for data where the same values repeat (categories, areas, teams); the authority's
        own contact details are not matches."""
        hit = self._memo.get(text)
        if hit is None:
            hit = [(p, s) for p, s in find(text, self.patterns) if contact_key(p, s) not in self.own]
            if len(self._memo) < 200_000:
                self._memo[text] = hit
        return hit

    def scan(self, text: str, place: str, hidden: bool = False) -> int:
        found = self.find(text)
        for p, s in found:
            self.add(p, s, place, hidden)
        return len(found)

    def add(self, p: Pattern, s: str, place: str, hidden: bool) -> None:
        b = self._buckets.setdefault((p.id, p.label, hidden), _Bucket(p, hidden))
        b.count += 1
        masked = p.mask(s)
        if len(b.examples) < self.keep and masked not in b.examples:
            b.examples.append(masked)
        if len(b.places) < self.keep and place not in b.places:
            b.places.append(place)

    def findings(self) -> list[Finding]:
        out = []
        for (pid, label, hidden), b in sorted(self._buckets.items(), key=lambda kv: (not kv[0][2], kv[0][0])):
            where = ", ".join(b.places) + (" …" if b.count > len(b.places) else "")
            msg = f"{b.count} {plural(label, b.count)} found" + (" in hidden places" if hidden else "")
            out.append(finding(pid, Location(range=where), msg + f" ({where})", count=b.count,
                               examples=b.examples, severity=Severity.RED if hidden else None))
        return out
