"""The statutory check: does a letter meet s17 (and reg 14 for the EIR)? See foi-law's checklist.

It reads the letter as text, so it works on an officer's edited letter as well as on a fresh draft.
Each finding names the rule it comes from and what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from foibot.knowledge.model import Exemption, Knowledge

_CITE = re.compile(r"\b(?:section|s\.)\s*(\d+[A-Z]?)((?:\([0-9a-zA-Z]+\))*)|\bregulation\s*(\d+)((?:\([0-9a-z]+\))*)",
                   re.I)
_HEADING = re.compile(r"^(?:section|regulation)\s+(\d+[A-Z]?(?:\([0-9a-z]+\))*)(?!\w)", re.I)
_REASON = re.compile(r"\b(because|would|likely|since|reason|prejudice|intended|intend|publish|personal data|exceed|"
                     r"estimate|vexatious|privilege|confiden|prohibit|accessible|endanger|security|commercial)", re.I)
_FOR = re.compile(r"(in favour of (disclos|providing|releas|openness)|favours? disclosure|for disclosure)", re.I)
_AGAINST = re.compile(r"(in favour of (maintaining|not providing|withholding|not disclosing)|against disclosure|"
                      r"favours? (maintaining|withholding))", re.I)
_BALANCE = re.compile(r"(outweigh|on balance|balance of the public interest|conclud)", re.I)


@dataclass(frozen=True)
class Finding:
    """Something the letter lacks. ``rule`` is the statutory source, e.g. ``s17(3)``."""

    id: str
    rule: str
    message: str


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def add(self, id: str, rule: str, message: str) -> None:
        self.findings.append(Finding(id, rule, message))

    def ids(self) -> list[str]:
        return [f.id for f in self.findings]

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "cited": self.cited, "checked": self.checked,
                "findings": [{"id": f.id, "rule": f.rule, "message": f.message} for f in self.findings]}

    def summary(self) -> str:
        if self.ok:
            cited = ", ".join(self.cited) or "none"
            return f"Statutory check passed ({len(self.checked)} checks; exemptions: {cited})."
        lines = [f"Statutory check: {len(self.findings)} finding(s)"]
        lines += [f"- [{f.rule}] {f.message}" for f in self.findings]
        return "\n".join(lines)


def _body_lines(text: str) -> list[str]:
    """Lines that are the authority's own words: not quoted request text or statute."""
    out = []
    for line in text.split("\n"):
        if line.startswith("    ") or line.startswith("\t") or line.lstrip().startswith(">"):
            continue
        stripped = line.strip().lstrip("-•* ").strip()
        if re.match(r"^\(\w{1,4}\)", stripped):
            continue
        out.append(line)
    return out


def _segments(lines: list[str], kb: Knowledge) -> dict[str, str]:
    """Annex-style segments: the text under each heading line that names an exemption."""
    segments: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        if heading and len(stripped) < 140 and not stripped.endswith("."):
            key = _family(heading.group(0), kb)
            if key:
                current = key
                segments.setdefault(current, [])
                continue
        if current:
            segments[current].append(line)
    return {k: "\n".join(v) for k, v in segments.items()}


def _family(citation: str, kb: Knowledge) -> str | None:
    match = _CITE.search(citation)
    if not match:
        return None
    if match.group(3):
        full = f"r{match.group(3)}{match.group(4) or ''}".lower()
        for key in sorted(kb.exemptions, key=len, reverse=True):
            if key.startswith("r") and full.startswith(key):
                return key
        return None
    key = f"s{match.group(1)}"
    return key if key in kb.exemptions else None


def check(letter: str, kb: Knowledge, *, due: date | None = None, letter_date: date | None = None) -> CheckResult:
    """Apply the s17 / reg 14 checklist to a letter's text and list what is missing."""
    result = CheckResult()
    body = _body_lines(letter)
    body_text = "\n".join(body)
    flat = " ".join(body_text.split())

    cited: dict[str, set[str]] = {}
    for match in _CITE.finditer(body_text):
        key = _family(match.group(0), kb)
        if key:
            cited.setdefault(key, set()).add(match.group(2) or match.group(4) or "")
    result.cited = sorted(cited)
    eir = bool(re.search(r"Environmental Information Regulations", flat)) or any(k.startswith("r") for k in cited)

    def need(cid: str, rule: str, ok: bool, message: str) -> None:
        result.checked.append(cid)
        if not ok:
            result.add(cid, rule, message)

    laws = r"Freedom of Information Act|Environmental Information Regulations"
    need("regime", "s1 / reg 5", bool(re.search(laws, flat)),
         "The letter does not say which law the request was handled under.")
    need("confirm-or-deny", "s1(1)(a)", bool(re.search(r"\b(hold|holds|held)\b|neither confirms? nor den", flat, re.I)),
         "The letter does not confirm or deny whether the information is held.")
    if re.search(r"neither confirms? nor den", flat, re.I):
        need("ncnd-provision", "s17(1)(b)", bool(re.search(r"confirm or deny does not arise|\(5[AB]?\)|22\(2\)|"
                                                           r"24\(2\)|30\(3\)|31\(3\)|38\(2\)|41\(2\)|42\(2\)|43\(3\)|"
                                                           r"44\(2\)|23\(5\)", flat)),
             "The letter neither confirms nor denies but cites no provision excluding the duty to confirm or deny.")

    segments = _segments(body, kb)
    paragraphs = [p for p in re.split(r"\n\s*\n", body_text) if p.strip()]
    for key in result.cited:
        exemption = kb.exemptions[key]
        _check_exemption(result, exemption, cited[key], paragraphs, segments.get(key, ""), flat, kb)

    offer = r"(ask|request|apply)\w* (for )?(an? )?(independent )?(internal )?review|internal review procedure|" \
            r"representations under regulation 11|no internal review procedure"
    need("internal-review", "s17(7)(a)", bool(re.search(offer, flat, re.I)),
         "The letter gives no internal review (complaints) procedure.")
    if re.search(r"internal review|regulation 11", flat, re.I):
        need("internal-review-how", "s17(7)(a)", bool(re.search(r"@|\bwrite to\b|\baddress\b", flat, re.I)),
             "The review paragraph does not say how or where to ask for a review.")
        need("internal-review-window", "s45 Code", bool(re.search(r"\bwithin\b|\bby \d{1,2} \w+ \d{4}", flat, re.I)),
             "The review paragraph does not say how long the requester has to ask.")
    need("ico-complaint", "s17(7)(b)", bool(re.search(r"Information Commissioner", flat))
         and bool(re.search(r"section 50|regulation 18", flat)),
         "The letter does not state the right to complain to the Information Commissioner under section 50.")
    if eir:
        need("eir-representations", "reg 14(5)(a)", bool(re.search(r"regulation 11", flat)),
             "An EIR letter must tell the applicant they may make representations under regulation 11.")
        need("eir-enforcement", "reg 14(5)(b)", bool(re.search(r"regulation 18", flat)),
             "An EIR letter must name the enforcement and appeal provisions applied by regulation 18.")
    gaps = re.findall(r"\[to be completed: ([^\]]+)\]", letter)
    need("complete", "drafting", not gaps, "Answers still missing: " + ", ".join(dict.fromkeys(gaps)))
    if due and letter_date:
        need("on-time", "s10(1)", letter_date <= due,
             f"The letter is dated {letter_date:%d %B %Y}, after the statutory due date {due:%d %B %Y}.")
    return result


def _check_exemption(result: CheckResult, exemption: Exemption, subsections: set[str], paragraphs: list[str],
                     segment: str, flat: str, kb: Knowledge) -> None:
    label = exemption.cite("") if exemption.regime == "foia" else exemption.cite()
    key = exemption.section

    def need(cid: str, rule: str, ok: bool, message: str) -> None:
        result.checked.append(f"{cid}:{key}")
        if not ok:
            result.add(f"{cid}:{key}", rule, message)

    if exemption.regime == "foia":
        need("subsection", "s17(1)(b)", any(subsections),
             f"{label} is cited without its subsection (e.g. {exemption.cite(exemption.default_limb or '1')}).")
    mention = re.compile(rf"\b(section|regulation)\s*{re.escape(exemption.number)}(?!\w)", re.I)
    citing = [p for p in paragraphs if mention.search(p) and not _HEADING.match(p.strip())]
    words = sum(len(p.split()) for p in citing)
    need("reason", "s17(1)(c)", words >= 20 and any(_REASON.search(p) for p in citing),
         f"The letter does not say why {label} applies.")
    if exemption.qualified:
        scope = segment or " ".join(citing)
        parts = (("the test itself", re.search(r"public interest", scope, re.I)),
                 ("factors in favour of disclosure", _FOR.search(scope)),
                 ("factors in favour of maintaining the exemption", _AGAINST.search(scope)),
                 ("the balance and conclusion", _BALANCE.search(scope)))
        missing = [what for what, found in parts if not found]
        need("pit", "s17(3)", not missing,
             f"No complete public interest test for {label}: {', '.join(missing)} missing.")
    if key == "s12":
        need("cost-limit", "s12 / Fees Regs reg 3", bool(re.search(r"£\s?(450|600)", flat)),
             "A section 12 refusal should state the appropriate limit (£450 or £600).")
        need("cost-estimate", "s12 / Fees Regs reg 4", bool(re.search(r"\d+\s*hours", flat)),
             "A section 12 refusal should give the estimate in hours at £25 an hour.")
        need("advice", "s16", bool(re.search(r"section 16|narrow|refine|reduce|within the limit", flat, re.I)),
             "A section 12 refusal should advise how the request could be narrowed (s16).")
    if key == "s36":
        need("qualified-person", "s36(2)", bool(re.search(r"qualified person", flat, re.I)),
             "Section 36 needs the reasonable opinion of the qualified person, named with its date.")
