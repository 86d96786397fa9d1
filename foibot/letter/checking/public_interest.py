"""The public interest test of a qualified exemption as a letter states it: the test, factors both ways and a
conclusion saying which way the balance falls (s17(3); EIR reg 14(3)(b); FOISA s16(2))."""

from __future__ import annotations

import re

from foibot.knowledge.model import Knowledge
from foibot.letter.checking.reading import MAINTAIN_WINS, PIT_DIRECTION, QUOTED, Letter, favours_release
from foibot.letter.checking.rules import RuleBook

_I = re.I

# Factors for each side: "in favour of disclosure", a label ("For disclosure:", "Against release,", "Factors favouring
# non-disclosure"), or prose that names what the public interest lies in ("there is a public interest in knowing ...",
# "we recognise the public interest in ...", "... in not handing ...").
_PIT_FOR = re.compile(r"in favour of (disclos|releas|providing|openness|transparency|confirming)|favou?rs? disclosure|"
                      r"favou?ring (disclos|releas|confirm)|"
                      r"(factors|arguments|considerations) (for|supporting) disclosure|public interest (in )?(the )?"
                      r"(disclos|releas|confirm)\w*( of)?( (the|this) information)? (is|are|includes?|lies)\b|"
                      r"\b(for|supporting) (disclosure|disclosing|release|releasing|confirming or denying)\s*:|"
                      r"\b(recognise|recognize|accept|acknowledge)[sd]? (that there is )?(the|a|an) (\w+ ){0,2}public "
                      r"interest in\b|"
                      r"\b(is|was) an? (\w+ ){0,2}public interest in (\w+ )?(knowing|understanding|transparency|"
                      r"openness|accountability|scrutiny|scrutinising|the public (knowing|understanding|being "
                      r"able))", _I)
_PIT_AGAINST = re.compile(r"in favour of (maintaining|withholding|not disclos|not provid|non-disclosure|neither)|"
                          r"in favour of (the )?(exemption|exception)\b|"
                          r"favou?ring (non-disclosure|maintaining|withholding|not disclos|neither)|"
                          r"public interest (in )?(the )?(maint|withhold)\w*( of)?( the (exemption|exception|"
                          r"information))? (is|are|includes?|lies)\b|(factors|arguments) against|"
                          r"favou?rs? (maintaining|withholding)|"
                          r"\b(for|supporting) (maintaining|withholding)( the (exemption|exception|exclusion))?\s*:|"
                          r"(?:^|(?<=[.!?•:;] ))against (disclosure|disclosing|release|releasing|publication)\s*[:,]|"
                          r"\b(is|was) an? (\w+ ){0,2}public interest in (not |protecting|avoiding|preventing|"
                          r"safeguarding|ensuring|keeping)|"
                          # "a strong inherent public interest in the department being able to obtain advice": the
                          # authority's ability to work (not the public's being able to scrutinise it)
                          r"\b(is|was) an? (\w+ ){0,3}public interest in (?!(the )?(public|people|residents|citizens|"
                          r"taxpayers|communities|requesters?|patients|parents)\b)(\w+ ){0,3}being able to\b", _I)
_PIT_BALANCE = re.compile(r"on balance|balance of (the )?public interest|(?<!whether )(?<!if )the public interest in "
                          r"\w+ (the )?(exemption|exception|information)[^.]{0,40}outweigh|public interest (lies|rests|"
                          r"resides) (in|with)|(conclude|decided|believe|consider)\w*[^.]{0,60}public interest "
                          r"(is|lies|favours)|"
                          r"(?<!whether the )(?<!if the )public interest in (maintaining|withholding|not disclosing)\b"
                          r"[^.]{0,60}\boutweighs?\b|"
                          r"\bbalance (test )?(favours|lies|falls)\b", _I)
# The test itself, stated before it is applied ("we may withhold information only if ... outweighs ..."): no conclusion.
_TEST_STATED = re.compile(r"\bonly (if|where|when)\b|\bwhether\b|\bmust (also )?(apply|weigh|consider)\b|"
                          r"\bthe test is\b|\bunless\b", _I)

# A factor set against the one before it ("Against that, ...", "On the other hand, ...", "There is, however, ..."): the
# other side of the test, whatever words it uses.
_CONTRAST = re.compile(r"^(however|but|against (that|this|these|those)|on the other (hand|side)|conversely|"
                       r"nevertheless|that said)\b|^\W*(\w+,? ){1,4}however\b", _I)
# A sentence weighing an interest, though it names no side: "there is a public interest in the Council being open".
_FACTOR = re.compile(r"\binterests? in\b", _I)


def _contrasted(scope: str) -> set[str]:
    """The sides ("for", "against") a test's prose gives by setting one factor against another: a sentence opening
    "Against that," after a factor for disclosure is a factor against it; after a factor whose side the words do not
    name, the two are one factor each way."""
    sides: set[str] = set()
    previous = ""
    begun = False  # the test begins where the public interest is first named, not in the harm argued before it
    for sentence in re.split(r"(?<=[.!?])\s+", scope):
        begun = begun or "public interest" in sentence.lower()
        if not begun:
            continue
        if _PIT_BALANCE.search(sentence) or (_TEST_STATED.search(sentence) and "outweigh" in sentence.lower()):
            previous = ""
            continue
        own = ("for" if _PIT_FOR.search(sentence) else "against" if _PIT_AGAINST.search(sentence)
               else "either" if _FACTOR.search(sentence) else "")
        if previous and _CONTRAST.search(sentence):
            sides |= {"for", "against"} if previous == "either" else {"against" if previous == "for" else "for"}
            own = own or ("against" if previous == "for" else "for" if previous == "against" else "either")
        previous = own or previous
    return sides


def _side(book: RuleBook, scope: str, label: re.Pattern[str]) -> bool:
    """One side of a public interest test has factors: its label (or prose) is there, and what follows a label is
    not only "None." (rule pit, words "none"): a side with nothing on it weighs nothing."""
    found = list(label.finditer(scope))
    if not found:
        return False
    nothing = book["pit"].words.get("none", ())
    for match in found:
        after = scope[match.end():]
        end = min([m.start() for m in (_PIT_FOR.search(after), _PIT_AGAINST.search(after), _PIT_BALANCE.search(after))
                   if m] + [len(after)])
        said = after[:end]
        if end < len(after):  # up to the sentence or the heading that names the next side
            said = re.split(r"(?<=[.!?])\s+(?=\S+$)|(?<=[.!?])\s+(?=[^.!?]*$)", said)[0]
            said = re.sub(r"(\b(public|interest|arguments?|factors?|considerations?|the)\b\W*)+$", "", said)
        said = re.sub(r"^\w*\s*((of\s+)?the\s+(information|exemption|exception|exclusion)\b)?", "",
                      said).strip(" :.-–•*").lower()  # the rest of the label's word ("disclos|ing the information")
        said = " ".join(said.split())
        if said.rstrip(".") not in {w.rstrip(".") for w in nothing}:
            return True
    return False


# "Section 43(2) is an absolute exemption", "the absolute exemption in section 31", "This exemption is absolute":
# said of a qualified exemption, it contradicts the test the letter applies. Not "is not an absolute exemption".
_ABSOLUTE = re.compile(r"\b(?:section|s\.?)\s*(\d{1,3}[A-Z]?)((?:\([0-9a-zA-Z]{1,4}\))*)(?:[^.;,]{0,30}?)\s(?:is|are)\s"
                       r"(?:an\s|also\s|an also\s)?(?:absolute\b)|"
                       r"\babsolute exemptions? (?:in|at|under|of|provided by) (?:section|s\.?)\s*(\d{1,3}[A-Z]?)"
                       r"((?:\([0-9a-zA-Z]{1,4}\))*)|"
                       r"\b(?:this|the) exemption is (?:an )?absolute\b", _I)


def _called_absolute(letter: Letter, kb: Knowledge, key: str) -> str:
    """The words calling the qualified exemption ``key`` absolute, or "". The limb so called must be qualified (FOISA
    section 36(2) is absolute beside the qualified 36(1)); "this exemption" counts in a sentence about ``key`` alone."""
    exemption = kb.exemptions[key]
    for sentence, families in letter.sentences:
        if key not in families:
            continue
        for found in _ABSOLUTE.finditer(QUOTED.sub(" ", sentence)):
            if re.search(r"\b(not|nor|never)\b|n't\b", found.group(0), _I):
                continue
            number, limb = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
            if number is None:
                if families != frozenset({key}):
                    continue
                limbs = [sub for sub in letter.cited[key] if sub]
            elif number != exemption.number:
                continue
            else:
                limbs = [limb] if limb else []
            if exemption.weighs(limbs) and (limbs or exemption.qualified):
                return " ".join(found.group(0).split())
    return ""


def _favours_disclosure(scope: str) -> bool:
    """A sentence of an exemption's test that concludes for disclosure (or for confirming or denying), in a letter
    that still relies on the exemption: the opposite of what the Act allows (s2(1)(b), s2(2)(b)). Only a sentence
    that states the balance counts; a factor "weighing in favour of disclosure" is not a conclusion."""
    return any(_PIT_BALANCE.search(x) and favours_release(x) and not MAINTAIN_WINS.search(x)
               and not re.search(r"\boutweighed\b|\b(not|never|cannot)\b[^.]{0,30}\b(outweigh|favou?r)", x, _I)
               for x in re.split(r"(?<=[.!?])\s+", scope))


def pit_gaps(letter: Letter, kb: Knowledge, book: RuleBook, key: str, scope: str, label: str) -> list[str]:
    """What the public interest test of the qualified exemption ``key`` lacks in ``scope`` (its sentences): the test,
    factors either way, a balance saying which way it falls, and no contradiction (called absolute, or concluding for
    disclosure while withholding); [] when it is complete."""
    contrasted = _contrasted(scope)
    parts = (("the test itself", re.search(r"public interest", scope, _I)),
             ("factors in favour of disclosure", _side(book, scope, _PIT_FOR) or "for" in contrasted),
             ("factors in favour of maintaining the exemption", _side(book, scope, _PIT_AGAINST)
              or "against" in contrasted),
             ("the balance and conclusion", _PIT_BALANCE.search(scope)))
    missing = [what for what, found in parts if not found]
    stated = " ".join(x for x in re.split(r"(?<=[.!?])\s+", scope) if not _TEST_STATED.search(x))
    if not missing and not PIT_DIRECTION.search(stated):  # "Balance: the harm is live" says neither way
        missing = ["a conclusion saying which way the balance falls"]
    elif not missing and (called := _called_absolute(letter, kb, key)):  # and then says no test applies
        missing = [f"a test the letter does not contradict (it calls {label} absolute: '{called}', yet a "
                   "qualified exemption applies only where the public interest in maintaining it outweighs "
                   "that in disclosure, section 2(2)(b))"]
    elif not missing and _favours_disclosure(stated):  # withheld, yet the balance is said to favour release
        missing = ["a conclusion that favours maintaining the exemption (the one given favours disclosure, "
                   "yet the information is withheld)"]
    return missing
