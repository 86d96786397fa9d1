"""Exemptions as officers type them: "s31(1)(a), (b) and (c)", "22 and 31(1)(a)", "section 40(2) and s43",
"s31(1)a", "31(1)(a)(b)" (two subsections), NCND provisions such as "30(3)", and under the EIR "12(5)(e)" as a
regulation. A citation ruled out ("s40(2), not s40(1)") is left out, and so are figures that are no citation:
a year ("FOIA 2000", "the Data Protection Act 2018"), a long number (a phone number) or a quantity ("18 hrs").

Each citation is parsed by the one citation parser (:mod:`foibot.knowledge.citations`) through ``kb.resolve``.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from foibot.conversation.clipping import clip
from foibot.conversation.reading_dictated import dictated
from foibot.errors import InputError
from foibot.knowledge.citations import canonical, parse_citation
from foibot.knowledge.model import Knowledge, limb_text, ncnd_provision

# One citation, optionally with its "section"/"reg" word, or a bare continuation such as "(b)".
_PIECE = re.compile(
    r"(?P<cite>(?<![A-Za-z])(?:(?:foia|eir|foisa)\s+)?(?:sections?|sect\.?|ss?\.?|regulations?|regs?\.?|r\.?)?\s*"
    r"\d+[A-Za-z]?(?:\s*\(\s*[0-9A-Za-z]{1,4}\s*\))*)"
    r"|(?P<more>\(\s*[0-9A-Za-z]{1,4}\s*\)(?:\s*\(\s*[0-9A-Za-z]{1,4}\s*\))*)", re.I)
_SEPARATORS = re.compile(r"^[\s,;&+/]*(?:\b(?:and|plus|also|&)\b[\s,;&+/]*)*$", re.I)
_WORDS = re.compile(r"[a-z]{3,}", re.I)
_RULED_OUT = re.compile(r"(?:\bnot|\bexcept|\bexcluding|\brather than|\binstead of|\bbut not)\W*$", re.I)
_THROUGH = re.compile(r"(?:\bvia|\bby virtue of|\bby way of|\brelying on|\bengaged by|\bwith|\bfor the purpose in|"
                      r"\bunder)\W*$", re.I)
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi")
_DOTTED = re.compile(r"(?<![\w.£])(\d{2})\.(\d[A-Z]?)(?![\w.])")  # "40.2" is 40(2)
_SPACED = re.compile(r"(?<![\d(.])(\d{2})\s+(\d)\s+([a-h])(?![\w(])", re.I)  # "s 31 1 a" is s31(1)(a)
_NOT_A_CITATION = re.compile(r"£\s*\d[\d,.]*|\b\d{4,}\b|"
                             r"\b(?:parts?|questions?|q|items?|points?|annex|page|para)\s*\d+\b|\b\d+(?:\.\d+)?\s*(?:hrs?|hours?|days?|weeks?|months?|years?|"
                             r"mins?|minutes?|%|per\s*cent|pages?|files?|forces?|records?|emails?|documents?|"
                             r"people|staff)\b", re.I)


# a section of another law ("section 23 of the Official Secrets Act", the enactment an s44 refusal names): no exemption
_OTHER_LAW = re.compile(r"(?i:\b(?:sections?|sect\.?|ss?\.?|regulations?|regs?\.?)\s*\d+[A-Za-z]?"
                        r"(?:\s*\([0-9A-Za-z]{1,4}\))*\s+of\s+the\s+)(?!(?i:freedom\s+of\s+information|environmental\s+information|foi)\b)"
                        r"(?:[A-Z][\w'()-]*\s+(?:(?:of|and|for|the)\s+)*){1,8}?(?:Act|Regulations|Order)\b(?:\s+\d{4})?")


def read_citations(kb: Knowledge, text: str, regime: str) -> list[str]:
    """The citations a reply names, canonical (``s31(1)(a)``, ``r12(5)(e)``), in order, without repeats."""
    out: list[str] = []
    previous = ""
    position = 0
    text = _NOT_A_CITATION.sub(" ", _without_considered(kb, _parts_named(_OTHER_LAW.sub(" ", text))))
    undecided = _UNDECIDED.search(text)
    if undecided:
        raise InputError(f"'{undecided.group(0).strip()}' leaves the choice open; when it is decided, name the "
                         "exemptions that apply (or say 'skip' to come back to it).")
    text = _GLUED_AND.sub(r" \1 ", dictated(text))  # "s31(1)(a)ands40(2)"
    text = _SPACED.sub(r"\1(\2)(\3)", _DOTTED.sub(r"\1(\2)", text))
    text = _SPACED_PAIR.sub(r"\1\2(\3)", _LETTER_RANGE.sub(_letters, text))
    text = re.sub(r"\)\s?([a-z])(?![\w(])", r")(\1)", text)  # "s31(1)a" is s31(1)(a)
    for match in _PIECE.finditer(text):
        between = text[position:match.start()]
        position = match.end()
        through = bool(previous) and _THROUGH.search(between) is not None  # how the one before applies
        if between.strip() and not _SEPARATORS.match(between) and not _RULED_OUT.search(between) \
                and not (through and not _THROUGH.sub("", between).strip()):
            _named(kb, between, regime, out)
        if match["cite"]:
            piece = match["cite"]
        elif previous:
            piece = _continue(previous, match["more"])
        else:
            raise InputError(f"'{match['more']}' follows no section; write it in full, for example s31(1)(b).")
        previous = piece
        if _RULED_OUT.search(between) or through:
            continue
        for one in _siblings(piece):
            try:
                _add(out, _resolve(kb, one, regime))
            except InputError:
                if match["cite"] or "/" not in between:
                    raise  # "s40(2)/(3A)(a)": after a slash, a provision saying how the one before applies
    rest = text[position:]
    if rest.strip() and not _SEPARATORS.match(rest):
        _named(kb, rest, regime, out)
    if not out:
        raise InputError(f"'{clip(text, 60)}' names no exemption I know; give sections such as s22 or "
                         "s31(1)(a)" + (", or regulations such as 12(5)(e)" if regime == "eir" else "") + ".")
    return out


_PART_WORD = re.compile(r"(?<=[\w)])\s*,?\s*(?:sub-?section|subsec|sub|ss|paragraph|para|sub-?paragraph)\.?\s*"
                        r"\(?([0-9]{1,2}[A-Z]?|[a-h]|[ivx]{1,4})\)?(?![\w(])", re.I)
_PATH = re.compile(r"(?:(?<=\bs\.)|(?<=\bs)|(?<![\w.£-]))(\d{2})([.-])(\d)\2([a-h])(?![\w.-])|"
                   r"(?<=\bs\.)(\d{2})\.(\d)(?![\w.])", re.I)


def _parts_named(text: str) -> str:
    """Subsections and paragraphs named in words or joined by dots or dashes written in brackets ("section 31,
    subsection 1, paragraph a", "section 43 sub 2", "31.1.a", "31-1-a", "s.43.2")."""
    text = _PATH.sub(lambda m: f"{m[1]}({m[3]})({m[4]})" if m[1] else f"{m[5]}({m[6]})", text)
    return _PART_WORD.sub(r"(\1)", text)


_SPACED_PAIR = re.compile(r"(?<![\w(])((?:s|sec|section)\.?\s*)(\d{2})\s+(\d)(?![\w(.])", re.I)  # "s 40 2"
_LETTER_RANGE = re.compile(r"\(([a-h])\)\s*(?:-|–|to)\s*\(([a-h])\)", re.I)  # "31(1)(a)-(c)"
def _letters(match: re.Match[str]) -> str:
    """"(a)-(c)" as "(a)(b)(c)": a range of subsections, each named."""
    first, last = (ord(g.lower()) for g in match.groups())
    return "".join(f"({chr(c)})" for c in range(first, last + 1)) if first < last else match.group(0)


_GLUED_AND = re.compile(r"(?<=[\d)])(and|&)(?=(?:s|sec|section|reg|r)?\.?\s*\d)", re.I)


_UNDECIDED = re.compile(r"\d[\w()]*\)?\s*,?\s+or\s+(?:(?:sections?|s|regs?|regulation)\.?\s*)?\d", re.I)  # "s23 or s24"


def _without_considered(kb: Knowledge, text: str) -> str:
    """The reply without a clause about an exemption only weighed up ("we thought about s36 but the QP hasn't
    signed off, so just s42" gives "the QP hasn't signed off, so just s42")."""
    for phrase in sorted(kb.vocabulary.considered, key=len, reverse=True):
        text = re.sub(rf"(?<![\w']){re.escape(phrase)}(?![\w'])[^.;]*?\bbut\b", " ", text, flags=re.I)
    return text


# FOISA section 18(1): the refusal to reveal whether information exists or is held, relied on with an exemption
_FOISA_NCND = re.compile(r"(?<![\w(.])(?:foisa\s+)?(?:(?:sections?|sect\.?|s\.?)\s*18|18(?=\s*\())"
                         r"(?:\s*\(\s*[12]\s*\))*(?![\w(])", re.I)


def without_foisa_ncnd(text: str) -> tuple[str, bool]:
    """A FOISA reply without its section 18 ("s18 and 38(1)(b)" gives " and 38(1)(b)"), and whether it cited it."""
    rest, found = _FOISA_NCND.subn(" ", text)
    return rest, found > 0


def ncnd_typed(kb: Knowledge, text: str, regime: str) -> list[tuple[str, tuple[int, int]]]:
    """The neither-confirm-nor-deny provisions a reply cites ("s31(3)", "40(5B)"), as typed canonically, with
    where each stands in the reply (to read the reply without them)."""
    out = []
    for match in _PIECE.finditer(text):
        if match["cite"] and ncnd_provision(kb, match["cite"], regime) is not None:
            try:
                out.append((canonical(match["cite"].strip(), regime), match.span()))
            except InputError:
                continue
    return out


def read_applied_with(kb: Knowledge, text: str, regime: str) -> dict[str, str]:
    """Provisions typed as how a cited one applies ("s31(1)(g) with 31(2)(b)"): the answers they give to a
    question of that exemption whose options name them (section 31's purpose, ``2(b)``), by answer path."""
    out: dict[str, str] = {}
    previous = ""
    position = 0
    for match in _PIECE.finditer(_NOT_A_CITATION.sub(" ", text)):
        between, position = text[position:match.start()], match.end()
        if match["cite"] and previous and _THROUGH.search(between):
            try:
                parsed = parse_citation(match["cite"], regime)
            except InputError:
                continue
            exemption, limb = kb.exemptions.get(parsed.family), parsed.limb
            for q in exemption.questions if exemption is not None else ():
                if limb and limb in {o.value for o in q.options}:
                    out[f"{exemption.section}.{q.id}"] = limb
        previous = match["cite"] or previous
    return out


def _siblings(piece: str) -> list[str]:
    """``31(1)(a)(b)`` names two subsections, ``31(1)(a)`` and ``31(1)(b)``; ``40(5B)(a)(i)`` is one."""
    brackets = re.findall(r"\(\s*([0-9A-Za-z]{1,4})\s*\)", piece)
    letters = 0
    while letters < len(brackets) and re.fullmatch(r"[a-z]", brackets[-1 - letters]) \
            and not (letters == 0 and len(brackets) > 1 and brackets[-1] in _ROMAN and brackets[-2] not in _ROMAN):
        letters += 1
    if letters < 2:
        return [piece]
    head = piece[:piece.index("(")] + "".join(f"({b})" for b in brackets[:-letters])
    return [f"{head}({b})" for b in brackets[-letters:]]


def _continue(previous: str, more: str) -> str:
    """``s31(1)(a)`` followed by ``(b)`` is ``s31(1)(b)``: the new brackets replace the previous from the level the
    first names on (a number, a letter or a roman numeral), so after ``s36(2)(b)(ii)``, ``(c)`` is ``s36(2)(c)`` and
    ``(iii)`` is ``s36(2)(b)(iii)``; as many at the end when the citation has no bracket at that level."""
    brackets = re.findall(r"\([^)]*\)", previous)
    new = re.findall(r"\([^)]*\)", more)
    head = previous[:previous.index("(")] if brackets else previous
    levels = [_level(b, brackets) for b in brackets]
    level = _level(new[0], brackets) if new else ""
    at = max((i for i, x in enumerate(levels) if x == level), default=None)
    kept = brackets[:at] if at is not None else brackets[:max(len(brackets) - len(new), 0)]
    return head + "".join(kept) + "".join(new)


def _level(bracket: str, among: list[str]) -> str:
    """The level a bracket names: "number" (2), "roman" (ii) or "letter" (b); "(i)" and "(v)" are roman numerals
    when the citation already has one (a numeral after a letter), else letters."""
    inner = bracket.strip("() ").lower()
    if inner[:1].isdigit():
        return "number"
    own = [b.strip("() ").lower() for b in among]
    romans = any(x in _ROMAN and (len(x) > 1 or (i > 0 and re.fullmatch(r"[a-h]", own[i - 1]) is not None))
                 for i, x in enumerate(own))
    return "roman" if inner in _ROMAN and (len(inner) > 1 or romans) else "letter"


def _resolve(kb: Knowledge, piece: str, regime: str) -> str:
    try:
        exemption, limb = kb.resolve(piece, regime)
    except InputError:
        regulation = _bare_regulation(kb, piece, regime)
        if regulation:  # "12(4)(d)" under the Act: section 12 has no (4)(d); regulation 12(4)(d) of the EIR
            return regulation
        found = ncnd_provision(kb, piece, regime)  # 40(5B) stands for 40(2); 30(3) covers every subsection
        if found is None:
            raise
        if len(parse_citation(piece, regime).parts) > 1:  # "40(5B)(a)(i)": deeper than the provision, kept as typed
            return canonical(piece, regime)
        return found[0].section + (limb_text(found[1]) if found[1] else "")
    return exemption.section + (limb_text(limb) if limb else "")


def _bare_regulation(kb: Knowledge, piece: str, regime: str) -> str:
    """A bare number that names no exemption of the Act, or a paragraph its section does not have ("12(4)(d)",
    "12(5)(b)"), but names a regulation of the EIR: that regulation (its NCND provision too, "13(5)"); else ""."""
    if regime != "foia" or not re.match(r"\s*\d", piece):
        return ""
    try:
        return _resolve(kb, "reg " + piece.strip(), "eir")
    except InputError:
        return ""


def _named(kb: Knowledge, words: str, regime: str, out: list[str]) -> None:
    """An exemption named in words ("the cost one", "personal information", "law enforcement"), added to
    ``out`` if found; words naming a subsection of a section cited bare ("s43 commercial interests") give it."""
    said = " ".join(re.findall(r"[a-z']+", words.lower()))
    said = re.sub(r"(?<![\w'])[a-z]+(?![\w'])", lambda m: kb.vocabulary.abbreviations.get(m.group(0), m.group(0)),
                  said)
    found = _by_name(kb, said, regime)
    if found is None:
        phrase = re.sub(r"\b(and|also|plus|the|section|sections|exemption|exemptions|under|for|one|ones)\b", " ",
                        " ".join(_WORDS.findall(said))).strip()
        if not phrase:
            return
        titles = {e.section: e.title.lower() for e in kb.exemptions.values() if e.regime == regime}
        hit = process.extractOne(phrase, titles, scorer=fuzz.token_set_ratio, score_cutoff=85)
        found = None if hit is None else hit[2]
    if found is not None and not any(c.startswith(found + "(") for c in out):
        _add(out, found)


def _add(out: list[str], citation: str) -> None:
    """Add a citation once; a subsection replaces its section named bare before it ("s43 commercial interests")."""
    family = citation.split("(")[0]
    if family in out and citation != family:
        out[out.index(family)] = citation
    elif citation not in out and not (citation == family and any(c.startswith(family + "(") for c in out)):
        out.append(citation)


def _by_name(kb: Knowledge, said: str, regime: str) -> str | None:
    """The citation the vocabulary's words for an exemption name in ``said`` mean in this regime, if one."""
    for name in kb.vocabulary.exemption_names:
        cite = name.eir if regime == "eir" else name.foia if regime == "foia" else None
        if cite and any(re.search(rf"(?<![\w']){re.escape(p)}(?![\w'])", said) for p in name.phrases):
            return _resolve(kb, cite, regime)
    return None
