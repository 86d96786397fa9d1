"""Tolerant reading of a letter's text: any authority's letter, a hand-edited export or foibot's own draft.

Case, line breaks, "FOIA" and "regulations" in lower case are all read alike. Quoted statute and quoted
request text (indented or ``>`` lines) are not the authority's own words and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from foibot.errors import InputError
from foibot.knowledge.citations import find_citations, parse_citation
from foibot.knowledge.model import Exemption, Knowledge

_MORE = re.compile(r"\s*(?:,|and/or|and|or)\s*(?:sections?\s*|regulations?\s*)?(\d{1,3}[A-Z]?(?:\([0-9a-zA-Z]{1,4}\))*)"
                   r"(?![\w/£])", re.I)
_OTHER_ACT = re.compile(r"^\s*of (?:the )?(?!Freedom of Information|Environmental Information|FOIA|EIR\b|Act\b|"
                        r"Regulations\b)[A-Z][\w'()]*(?: [\w'()]+){0,8} (?:Act|Regulations|Order)\b")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE = (rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
        rf"\d{{1,2}}(?:\^?(?:st|nd|rd|th))? (?:{_MONTHS}),? \d{{4}}")  # "30^th May 2025": WDTK's superscript
_REVIEW_OUTCOME = re.compile(r"your (?:request|application) for an? internal review|this concludes (?:our|the) "
                             r"(?:internal )?review|"
                             r"we have (?:now )?(?:completed|carried out) (?:the|an|our) internal review|"
                             # the review told as done: "Your request of 8 July 2025 for an internal review", "The
                             # review was conducted by ...", "Review under section 21", "your requirement for review
                             # received on 22 September" (not "within 20 working days of receiving your requirement")
                             r"your (?:request|email|letter|application) of [^.]{3,30}? for an? (?:internal )?review|"
                             r"\b(?:the|this|my|your) (?:internal )?review (?:was|has been) (?:conducted|carried out|"
                             r"undertaken|considered)|request for review has been considered|"
                             r"\breview under section 21\b|thank you for your requirement for review|"
                             r"your requirement for review received|"
                             # "On 17 April 2025 you asked us to review our response", "You asked on 10 September 2025
                             # for a review of our refusal"
                             r"\byou asked (us )?(on [^.]{3,30}? )?(us )?(to review|for an? (internal )?review of) "
                             r"(our|the|its)\b", re.I)
# A UK postcode ("S36 1FY" in a table of car parks) is not section 36.
_POSTCODE = re.compile(r"[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\b")
# The highest subsection of each FOIA exemption (FOIA 2000 as amended [GK]): "section 38(6) applications" in a
# council's letter is the Children Act's section 38, not FOIA's, which stops at 38(2).
_LAST_SUBSECTION = {"12": 5, "14": 2, "21": 3, "22": 2, "22A": 2, "23": 5, "24": 4, "26": 3, "27": 5, "28": 3,
                    "29": 2, "30": 5, "31": 3, "32": 4, "33": 3, "34": 4, "35": 5, "36": 7, "37": 2, "38": 2,
                    "39": 3, "40": 7, "41": 2, "42": 2, "43": 3, "44": 3}
# Words that show an exemption is relied on, in the sentence citing it, the one before or the two after it. A
# section named only to explain something ("the privilege protection provided under section 42") is not relied on.
_RELIED = re.compile(r"exempt|withh[eo]ld|withholding|refus|redact|\brel(y|ies|ied|ying)\b|engag|"
                     r"appl(y|ies|ied|ying)|not obliged|confirm or deny|neither confirms?|exception|outweigh|"
                     r"public interest|prejudic|adversely affect|manifestly unreasonable|vexatious|repeated|exceed|"
                     r"endanger|cannot (be )?(disclos|provid|releas)|(not|unable to) (be )?(disclos|provid|releas)|"
                     r"declin|by virtue of|under (this|that) (section|regulation)|protected from disclosure", re.I)
# Words in quotation marks are someone else's (a tribunal, the request), not the authority's refusal.
QUOTED = re.compile(r"“[^”]{0,600}”|\"[^\"]{0,600}\"")
# "We do not hold this information", "not held", "no records are held": information said not to be held.
NOT_HELD = re.compile(r"\b(do|does) not (hold|have)( a| any| the)? (figure|information|record|data)|"
                      r"(?<!is or is )(?<!are or are )\bnot held\b(?! (in|as) (a|an|any|one|the|such|this) "
                      r"(\w+ ){0,3}(form|format|way|manner|system|report)\b)(?! (electronically|centrally))|"
                      r"\bno (such |relevant )?(information|records?) (is |are )?held", re.I)
# The words before a provision named for the matters it lists: "the matters in section", "the purposes set out in",
# and every provision that phrase goes on to name: "the purposes in section 30(1) or section 30(2)", "the matters in
# sections 31(1)(a) and 31(1)(b)", "(a), (b) and (c)".
_PROVISION = r"(?:\d{1,3}[A-Z]?(?:\([0-9a-zA-Z]{1,4}\))*|(?:\([0-9a-zA-Z]{1,4}\))+)"
_REFERENCE = re.compile(r"\b(matters|purposes|interests|harms?)\b[^.()]{0,30}\b(in|under|of|at|by)\s+(sections?\s+|"
                        rf"subsections?\s+)?(?:{_PROVISION}\s*(?:,|and/or|and|or)\s*(?:,\s*)?(?:(?:sub)?sections?\s+)?)*$",
                        re.I)
# A qualified exemption whose public interest test comes out for disclosure is not relied on.
_DISCLOSURE_WINS = re.compile(r"(do|does|did) not (consider|believe|think|find|accept)[^.]{0,40}\bmaintaining\b"
                              r"[^.]{0,40}outweighs?|(?<!whether )(?<!if )the public interest in (disclosure|"
                              r"disclosing|releasing)[^.]{0,40}\boutweighs?\b|"
                              # the passive: "the public interest in maintaining the exemption is outweighed by ..."
                              r"\bmaintaining the (exemption|exception|exclusion)s?\b[^.;]{0,30}\b(is|are|was|were) "
                              r"outweighed\b|"
                              r"balance[^.]{0,40}\b(favours|lies (in|with)) (disclosure|disclosing|releas)", re.I)
_MAINTAIN_WINS = re.compile(r"(?<!whether the public interest in )(?<!not consider that )(?<!not believe that )"
                            r"maintaining the (exemption|exception)[^.]{0,30}outweighs|"
                            r"lies in (favour of )?maintaining|favours? maintaining", re.I)
MAINTAIN_WINS = _MAINTAIN_WINS
_UPHELD = re.compile(r"\b(we|the review(er)?) (uphold|upholds|upheld|maintain|maintains|confirm|confirms)\b[^.]{0,60}"
                     r"\b(decision|exemption|exception|refusal|reliance|response)\b|\bremains? (exempt|withheld)\b",
                     re.I)
# Withholding under the exemption, stated as done: relied on, whatever its test concludes (the check reports a test
# that comes out for disclosure in a letter that still withholds).
_WITHHOLDS = re.compile(r"\b(we are withholding|we have withheld|we withhold|(is|are|has been|have been|was|were) "
                        r"(being )?withheld)\b", re.I)
# Which way the balance falls, stated (s17(3)(b)): for maintaining the exemption or exception, for neither confirming
# nor denying, or for disclosure (then the exemption is not relied on). "Balance of the public interest:" or "on
# balance" alone states no conclusion; nor does a heading "Factors in favour of maintaining the exemption".
PIT_DIRECTION = re.compile(
    r"\bmaintaining the (exemption|exception|exclusion)s?\b[^.]{0,80}\boutweigh|"
    r"\boutweighs? (that|the public interest) (in|of) (disclos|releas|confirm|reveal|provid)|"
    r"\b(disclos\w*|releas\w*|confirm\w*( or deny\w*)?|reveal\w*)\b[^.]{0,60}\b(is|are|was|were) (not )?outweighed|"
    r"\bfavou?rs? (maintaining|withholding|non-disclosure|not disclosing|neither confirming|the (exemption|exception)|"
    r"disclos|releas|confirm)|"
    r"\b(lies|rests|falls) (firmly |clearly )?(in|with|on the side of) (favour of )?(maintaining|withholding|"
    r"non-disclosure|not disclosing|neither confirming|the (exemption|exception)|disclos|releas)|"
    r"\b(balance|public interest|weighs?|weighed|tips?|tipped|falls?) (\w+ ){0,4}in favour of (maintaining|withholding|"
    r"non-disclosure|not disclosing|neither confirming|disclos|releas)|"
    r"\b(contrary to|not in) the public interest\b|\b(not|no)\b[^.]{0,40}\bin the public interest to (disclos|releas|"
    r"confirm|provid|reveal)|\bin the public interest to (withhold|maintain|neither)|"
    r"\bpublic interest (is|would be) (best |better )?served by (withholding|maintaining|not disclos|neither|disclos)|"
    r"\bpublic interest in (disclosure|disclosing|releasing|confirming)[^.]{0,40}\boutweighs?|"
    # FOISA s39(2) and FOIA s39: "the public interest favours handling it only under the EISRs"
    r"\bpublic interest (favours|lies in|is best served by) (handling|dealing with|considering|answering) [^.]{0,40}"
    r"\bunder the (EIRs?|EISRs?|Environmental Information)", re.I)
# A conclusion that the balance favours disclosure (or confirming whether the information is held): in a refusal
# it undoes the exemption it concludes ("on balance the public interest favours confirming"). Not when negated in
# the same clause ("does not favour disclosure", "not in the public interest to disclose").
_FAVOURS_RELEASE = re.compile(
    r"\bfavou?rs? (disclos|releas|confirm|provid|publish)|"
    r"\b(lies|rests|falls) (firmly |clearly )?(in|with|on the side of) (favour of )?(disclos|releas|confirm)|"
    r"(?<!factors )(?<!factor )(?<!those )\bin favour of (disclos|releas|confirm)\w*\b(?! (and|or) )|"
    r"\bpublic interest in (disclosure|disclosing|releasing|confirming|providing)[^.;]{0,40}\boutweighs?\b|"
    r"\bmaintaining the (exemption|exception|exclusion)s?\b[^.;]{0,30}\b(is|are|was|were) outweighed\b", re.I)
_NEGATED = re.compile(r"\b(not|no|never|nor|cannot)\b|n't\b", re.I)


def still_withheld(scope: str) -> bool:
    """In an internal review's outcome: whether the finding on an exemption (the first sentences about it) still
    withholds under it (withheld, the decision upheld, the balance for maintaining it) rather than release what it
    covered; a balance that favours release anywhere in its scope releases it."""
    finding = " ".join(re.split(r"(?<=[.!?])\s+", scope)[:3])
    return bool(_WITHHOLDS.search(finding) or _UPHELD.search(finding) or MAINTAIN_WINS.search(scope)) \
        and not favours_release(scope)


def favours_release(text: str) -> bool:
    """Whether a balance conclusion says the public interest favours disclosing (or confirming): some clause
    states it without a negation before it in that clause."""
    for clause in re.split(r"[.;:]\s+|\s+(?:but|however|although|whereas)\s+", text):
        found = _FAVOURS_RELEASE.search(clause)
        if found and not _NEGATED.search(clause[:found.start()]):
            return True
    return False


# The likelihood of the harm stated for an exemption: "disclosure would prejudice", "would be likely to inhibit",
# "an opinion that disclosure would cause this harm". Not the Act's own "would, or would be likely to,".
TWO_LIKELIHOODS = (" in one way: it says both that disclosure would and that it would be likely to cause the harm; "
                   "state the one likelihood relied on throughout (for section 36, the qualified person's opinion)")
LIKELIHOOD = re.compile(r"\b(disclos\w*|releas\w*|reveal\w*|publish\w*)\b[^.;]{0,80}?\bwould (be likely to )?"
                        r"(prejudice|inhibit|endanger|cause (this|the|that|such) (harm|prejudice))\b", re.I)
# A heading over the public interest test ("Public interest test", "The public interest") continues the exemption
# just cited: the test below it is that exemption's.
_PIT_HEADING = re.compile(r"^\W*(the )?(balance of (the )?)?public interest( test| considerations| balancing test)?"
                          r"\W*$|"
                          # any short heading about the test: "Weighing the public interest", "Factors favouring
                          # disclosure", "Balance", "Balancing test", "Prawf budd y cyhoedd / Public interest test"
                          r"^[^.:]{0,40}\b(public interest|balanc\w*|factors?|arguments?)\b[^.:]{0,50}$", re.I)
NCND = re.compile(r"neither confirms? nor den|(?:refuse|decline|not obliged|not required|not able)\w* to confirm or "
                  r"deny|duty to confirm or deny does not (?:arise|apply)|can(?:not|'t) confirm or deny", re.I)


# A part's heading in a letter answered part by part: "Part 3", "Question 2", "Request 1"
_PART = re.compile(r"(?:part|question|request)\s+(\d{1,2})\W*", re.I)


# An item of a list ("- There is a public interest in …", "• Transparency"): no heading, however short
_LIST_ITEM = re.compile(r"[-•–]\s|\*\s")


@dataclass
class Letter:
    """A letter read for checking: its own words flattened, what it cites and where."""

    text: str
    flat: str
    sentences: list[tuple[str, frozenset[str]]]
    cited: dict[str, set[str]] = field(default_factory=dict)
    sections: list[tuple[str, str]] = field(default_factory=list)
    regulations: list[tuple[str, str]] = field(default_factory=list)
    regime: str = ""  # given (foibot's own drafts) or read from the text (foisa when it names the Scottish Act)
    parts: list[str] = field(default_factory=list)
    """For each sentence, the number of the part of the request it answers ("Part 3" over it), or ""."""

    def scope(self, family: str) -> str:
        """The sentences that are about one exemption (those citing it and those following on from them)."""
        return " ".join(s for s, fams in self.sentences if family in fams)

    def cites_section(self, pattern: str) -> bool:
        """True if a section such as ``40(5B)`` (a regex over 'number+subsections') is cited."""
        return any(re.fullmatch(pattern, n + s, re.I) for n, s in self.sections)

    def cites_regulation(self, pattern: str) -> bool:
        return any(re.fullmatch(pattern, n + s, re.I) for n, s in self.regulations)

    def cites(self, provision: str, regime: str) -> bool:
        """True if a provision such as ``40(5B)`` or ``12(6)`` (or one under it) is cited under ``regime``."""
        pattern = re.escape(provision) + r"(\(.*)?"
        return self.cites_regulation(pattern) if regime == "eir" else self.cites_section(pattern)

    def only_referenced(self, provision: str) -> bool:
        """Every mention of ``provision`` (such as ``31(1)(a)``) points at the matters it lists, as a neither-confirm-
        nor-deny provision refers to them ("would prejudice the matters in section 31(1)(a) and (b)"): a reference,
        not a claim that information held is exempt under it."""
        found = list(re.finditer(rf"(?<![\w(]){re.escape(provision)}(?![\w(])", self.flat, re.I))
        return bool(found) and all(_REFERENCE.search(self.flat[max(0, m.start() - 120):m.start()]) for m in found)

    @property
    def eir(self) -> bool:
        if any(k.startswith("r") for k in self.cited) or re.search(
                r"(dealt with|handled|considered|answered|respond\w*( to)?) (your request |it |this request )?"
                r"under the "
                r"Environmental Information Regulations", self.flat, re.I):
            return True
        return bool(re.search(r"Environmental Information Regulations|\bEIR\b", self.flat, re.I)) and not re.search(
            r"Freedom of Information(?! and Data Protection)|\bFOIA\b", self.flat, re.I)

    @property
    def mixed(self) -> bool:
        """A letter under the Act with a part withheld under section 39(1)(b) and refused under an exception of the
        EIR: the Regulations' rules apply to that part, the Act's to the rest."""
        return ("s39" in self.cited and self.regime != "foisa"
                and bool(re.search(r"Freedom of Information Act|\bFOIA\b", self.flat, re.I)))

    def together(self, family: str, others: list[str]) -> bool:
        """True if a sentence cites ``family`` with any of ``others``."""
        return any(family in fams and fams & set(others) for _, fams in self.sentences)

    @property
    def foisa(self) -> bool:
        return self.regime == "foisa"

    @property
    def review_outcome(self) -> bool:
        return bool(_REVIEW_OUTCOME.search(self.flat))

    @property
    def ncnd(self) -> bool:
        return bool(NCND.search(self.flat))


def own_lines(text: str) -> list[str]:
    """The authority's own lines: not indented or ``>`` quotations (statute, the request)."""
    out = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith(("    ", "\t")) or line.lstrip().startswith(">"):
            out.append("")
            continue
        out.append(line)
    return out


_SCOTTISH = re.compile(r"Freedom of Information \(Scotland\) Act|\bFOISA\b|Scottish Information Commissioner", re.I)


def text_regime(text: str) -> str:
    """``foisa`` for a letter under the Scottish Act (it names the Act or the Scottish Information Commissioner),
    else ``foia`` (an EIR letter's regulations are read as regulations whatever this says)."""
    return "foisa" if _SCOTTISH.search(" ".join(own_lines(text))) else "foia"


def read(text: str, kb: Knowledge, regime: str | None = None) -> Letter:
    """Read a letter: flatten its own words, find what it cites and which sentences are about what.

    ``regime`` is the law the letter answers under when known (foibot's own drafts); otherwise it is read
    from the text, so "section 35(1)(a)" in a Scottish letter is FOISA's section 35, not the UK Act's."""
    regime = regime or text_regime(text)
    lines = own_lines(text)
    paragraphs = [p for p in re.split(r"\n\s*\n", "\n".join(lines)) if p.strip()]
    sentences: list[tuple[str, frozenset[str]]] = []
    sections: list[tuple[str, str]] = []
    regulations: list[tuple[str, str]] = []
    cited: dict[str, set[str]] = {}
    citing: dict[str, list[int]] = {}
    current: frozenset[str] = frozenset()
    parts: list[str] = []
    part = ""
    homes = _homes(paragraphs, kb, regime)
    subject: frozenset[str] = frozenset()  # what the heading over this paragraph is about (the section it names)
    for at, para in enumerate(paragraphs):
        first = para.strip().split("\n")[0].strip()
        flat_para = " ".join(para.split())
        found = _citations(flat_para, kb, sections, regulations, regime)
        heading = _is_heading(para, first)
        if heading:  # "Part 3" starts a part; any other heading ends it
            part = m.group(1) if (m := _PART.fullmatch(first.strip("*#_ "))) else ""
            subject = frozenset(found) if found and not _PIT_HEADING.search(first) else frozenset()
        if heading and not found and not _PIT_HEADING.search(first):
            current = frozenset()  # a heading that names no exemption ends the previous one's scope
        # what this paragraph is about, where the letter shows it: its heading's section, else the section its first
        # sentence names
        about = subject or homes[at]
        for sentence in _SENTENCE.split(flat_para):
            fams = _citations(sentence, kb, [], [], regime)
            if fams:
                current = frozenset(fams)
                for key, subs in fams.items():
                    cited.setdefault(key, set()).update(subs)
                    citing.setdefault(key, []).append(len(sentences))
            elif about and current - about and all(any(k != at and f in h for k, h in enumerate(homes))
                                                   for f in current - about):
                # a sentence naming no section, after a section named in passing ("Unlike the prices withheld under
                # section 43(2) below, ...") whose own paragraph or heading is elsewhere: it is about this paragraph's
                current = about
            sentences.append((sentence, current))
            parts.append(part)
    for key in list(cited):
        if not _relied_on(key, citing[key], sentences):
            del cited[key]
    flat = " ".join(s for s, _ in sentences)
    return Letter(text=text, flat=flat, sentences=sentences, cited=cited, sections=sections, regulations=regulations,
                  regime=regime, parts=parts)


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(•\-])|\s•\s")


def _is_heading(para: str, first: str) -> bool:
    """A paragraph that is a heading: one short line, not ending as a sentence does, not a list item."""
    return (len(first) < 80 and not first.endswith((".", ":", ",", ";")) and "\n" not in para.strip()
            and not _LIST_ITEM.match(first))


def _homes(paragraphs: list[str], kb: Knowledge, regime: str) -> list[frozenset[str]]:
    """For each paragraph, the sections it is about as the letter shows it: those a heading names (not a heading over
    the public interest test), or those its first sentence names."""
    out = []
    for para in paragraphs:
        first = para.strip().split("\n")[0].strip()
        if _is_heading(para, first):
            named = {} if _PIT_HEADING.search(first) else _citations(" ".join(para.split()), kb, [], [], regime)
        else:
            named = _citations(_SENTENCE.split(" ".join(para.split()))[0], kb, [], [], regime)
        out.append(frozenset(named))
    return out


# A sentence about how earlier requests were answered ("We refused the last three under section 12"), as a s14
# refusal explains its history: the section it names is not relied on in this letter.
_EARLIER = re.compile(r"(?<!have )(?<!has )\b(refused|declined|withheld)\b[^.]{0,80}"
                      r"\b(earlier|previous|last|prior|past)\b|\b(earlier|previous|last|prior|past) (\w+ ){0,2}"
                      r"(requests?|ones|two|three|four|five|several)\b[^.]{0,60}\b(were|was) "
                      r"(refused|declined|withheld)\b", re.I)


# Advice on what the requester could do (section 16, regulation 9, FOISA section 15): "we suggest that you drop part
# 3; we could then consider parts 1 and 2, which may engage section 35". A section it names is not relied on.
_ADVICE = re.compile(r"\bto help you\b|\bwe suggest\b|\byou (could|may wish to|might wish to|might)\b|"
                     r"\bwe (could|would|can) then\b|\bin a (new|fresh|further|future|narrower) request\b|"
                     r"\bif you (were to|narrow|limit|drop|reduce|refine|resubmit|submit|send|make)\b", re.I)


# An internal review's outcome telling what the original response relied on, then setting it aside ("Our response
# relied on section 12(1). Having considered this afresh, we do not uphold that decision"; "… relying on section
# 31(3). … we do not consider that provision the right one, … relying instead on section 40(5B)"): the section the
# original relied on is not relied on now.
_ORIGINAL = re.compile(r"\b(?:our|the) (?:original |first |earlier )?(?:response|decision|reply|answer)\b[^.]{0,120}"
                       r"\b(?:relied|relying|was based|rested)\b", re.I)
_SET_ASIDE = re.compile(r"\b(?:do|did|can) not uphold\b|\bnot (?:consider|think) (?:that|this|the) (?:provision|"
                        r"exemption|section|exception)\b[^.]{0,40}\bright\b|\bno longer rel(?:y|ies)\b|"
                        r"\boverturn|\bset (?:it |that decision )?aside\b", re.I)


def _set_aside(i: int, sentences: list[tuple[str, frozenset[str]]]) -> bool:
    """Sentence ``i`` tells what the original response relied on, and it or the next sets that aside."""
    return bool(_ORIGINAL.search(sentences[i][0])) and bool(
        _SET_ASIDE.search(" ".join(s for s, _ in sentences[i:i + 2])))


def set_aside_only(letter: Letter, provision: str) -> bool:
    """Every sentence naming ``provision`` ("31(3)") tells what the original response relied on and sets it aside."""
    named = re.compile(rf"(?<![\w(]){re.escape(provision)}(?![\w(])")
    at = [i for i, (s, _) in enumerate(letter.sentences) if named.search(s)]
    return bool(at) and all(_set_aside(i, letter.sentences) for i in at)


def _relied_on(key: str, at: list[int], sentences: list[tuple[str, frozenset[str]]]) -> bool:
    """The letter relies on the exemption ``key``: words of reliance around a sentence citing it (the one before, the
    two after), and, for a qualified one, its public interest test does not come out for disclosure. A sentence
    telling how earlier requests were refused is not reliance."""
    at = [i for i in at if not _EARLIER.search(sentences[i][0]) and not _ADVICE.search(sentences[i][0])
          and not _set_aside(i, sentences)]
    if not any(_RELIED.search(" ".join(s for s, _ in sentences[max(i - 1, 0):i + 3])) for i in at):
        return False
    scope = " ".join(s for s, fams in sentences if key in fams)
    if any(_WITHHOLDS.search(sentences[i][0]) and not re.search(r"\bnot\b[^.]{0,20}\bwithh", sentences[i][0], re.I)
           for i in at):
        return True
    return not (_DISCLOSURE_WINS.search(scope) and not _MAINTAIN_WINS.search(scope))


def _citations(text: str, kb: Knowledge, sections: list[tuple[str, str]],
               regulations: list[tuple[str, str]], regime: str = "foia") -> dict[str, set[str]]:
    """Exemption families cited in ``text`` with their subsections; every section and regulation is collected."""
    fams: dict[str, set[str]] = {}
    for first, match in find_citations(text, regime):
        if _OTHER_ACT.match(text[match.end():match.end() + 90]) or _POSTCODE.match(text, match.start()):
            continue  # "s24 of the Police and Criminal Evidence Act 1984" is not a FOI citation, nor "S36 1FY"
        found = [first]
        rest = text[match.end():]
        while (more := _MORE.match(rest)) is not None:  # "sections 23(5) or 24(2)", "regulations 11 and 18"
            try:
                found.append(parse_citation(("reg " if first.is_regulation else "s") + more.group(1), first.regime))
            except InputError:
                break
            rest = rest[more.end():]
        for citation in found:
            first_sub = re.match(r"\((\d+)", citation.subsections)
            last = _LAST_SUBSECTION.get(citation.number) if citation.regime == "foia" else None
            if last and first_sub and int(first_sub.group(1)) > last:
                continue  # no such subsection in FOIA: another Act's section
            (regulations if citation.is_regulation else sections).append((citation.number, citation.subsections))
            key = citation.family if citation.family in kb.exemptions else None
            if key and kb.exemptions[key].regime == citation.regime:
                fams.setdefault(key, set()).add(citation.subsections)
    return fams


def ncnd_provisions(kb: Knowledge) -> dict[str, list[str]]:
    """Each exemption's neither-confirm-nor-deny provisions, from the exemption files (``ncnd``), e.g. 40(5A)."""
    out: dict[str, list[str]] = {}
    for key, exemption in kb.exemptions.items():
        provisions = [p.strip() for p in re.split(r"[,;]| and ", exemption.ncnd) if p.strip()]
        if key == "s40" and provisions and "40(5A)" not in provisions:
            provisions.append("40(5A)")  # the file names only 40(5B); 40(5A) is its pair for the requester's own data
        if provisions:
            out[key] = provisions
    return out


def multi_limb(exemption: Exemption) -> bool:
    """True if citing the section alone leaves open which exempting provision applies."""
    return len(exemption.limbs) > 1


def parse_day(text: str) -> date | None:
    """A date written as 15/09/2025, 2025-09-15 or 15 September 2025."""
    text = text.strip().rstrip(".,")
    try:
        if "/" in text:
            d, m, y = (int(x) for x in text.split("/"))
            return date(y + 2000 if y < 100 else y, m, d)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        match = re.fullmatch(rf"(\d{{1,2}})(?:\^?(?:st|nd|rd|th))? ({_MONTHS}),? (\d{{4}})", text, re.I)
        if match:
            return date(int(match.group(3)), _MONTHS.split("|").index(match.group(2).lower()) + 1, int(match.group(1)))
    except ValueError:
        return None
    return None


def letter_dates(letter: Letter) -> tuple[date | None, date | None]:
    """(the letter's date, the date the request was received) when the text states them."""
    dated = None
    for line in letter.text.split("\n")[:40]:
        match = re.fullmatch(rf"\s*(?:date[d]?\s*:?\s*)?({DATE})\s*", line, re.I)
        if match:
            dated = parse_day(match.group(1))
            break
    received = None
    match = re.search(rf"(?:received(?: at this office)?(?: by us)? on|request (?:for information )?(?:of|dated)) "
                      rf"({DATE})", letter.flat, re.I)
    if match:
        received = parse_day(match.group(1))
    # a request clarified later counts as received on the day its clarification arrived (s1(3), s10(6)(b); EIR reg 9;
    # FOISA s1(3)): "your request of 9 February, which you clarified on 23 February"
    clarified = [parse_day(m.group(1)) for m in re.finditer(rf"\bclarified (?:it |your request |the request )?on "
                                                             rf"({DATE})", letter.flat, re.I)]
    clarified = [d for d in clarified if d is not None]
    if clarified and (received is None or max(clarified) > received):
        received = max(clarified)
    return dated, received


# Words that are never meant for the requester: an HTML comment or tag, a note to self. Markdown is looked for only in
# the officer's answers (foibot's own Markdown export has headings and bold of its own).
_NOTES = re.compile(r"<!--|-->|(?<!\\)</?(?:b|i|u|em|strong|script|img|a|p|br|div|span|font|table|tr|td|ul|li)\b"
                    r"[^>\n]{0,200}>|\b(?:TODO|TBC|TBA|TBD|FIXME|XXX)\b|\{\{|\{%|"
                    # a placeholder typed for an answer: a sentence of bare punctuation ("… against. . This")
                    r"(?<=[.!?]) +[.!?,;:]+(?= |$)|"
                    # a placeholder in capitals: "[INSERT DATE]", "[NAME]" (not WhatDoTheyKnow's "[email address]")
                    r"\[(?:[A-Z]{2,}[ _/-]?){1,5}\]", re.M)
_MARKDOWN = re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__|(?m:^\s{0,3}#{1,6} )|\[[^\]\n]+\]\((?:https?|mailto):[^)\s]+\)")


def internal_notes(text: str, *, markdown: bool = False) -> list[str]:
    """Markup and notes to self in ``text`` that would reach the requester (``<!-- -->``, ``<script>``, "TODO"; with
    ``markdown``, ``**bold**``, headings and links too), each once."""
    found = [m.group(0) for m in _NOTES.finditer(text)]
    if markdown:
        found += [m.group(0) for m in _MARKDOWN.finditer(text)]
    return list(dict.fromkeys(" ".join(f.split())[:40] for f in found))
