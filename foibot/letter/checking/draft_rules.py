"""foibot's own drafts read through the document model: block roles and the structured answers, not wording.

Each rule here replaces the text reader's verdict for the same id (the text reader stays for other authorities'
letters and hand-edited exports). A rule that applies but could not run leaves the check unpassed (``not-run``).
"""

from __future__ import annotations

import re
from typing import Any

from foibot.errors import InputError
from foibot.knowledge.citations import parse_citation
from foibot.knowledge.model import Knowledge, resolve_ncnd
from foibot.letter.blocks import Block
from foibot.letter.checking.answer_rules import effective_parts, own_answers
from foibot.letter.checking.reading import LIKELIHOOD, PIT_DIRECTION, TWO_LIKELIHOODS, favours_release
from foibot.letter.checking.result import CheckResult
from foibot.letter.checking.rules import RuleBook
from foibot.letter.templates import GAP_PREFIX


def weighs_by_condition(section: str, answers: Any) -> bool:
    """Section 40(2) (or EIR regulation 13) relied on under the second or third condition: qualified, so the
    public interest test applies (the first condition needs none)."""
    return (section in ("s40", "r13") and isinstance(answers, dict)
            and str(answers.get("condition") or "").lower() in ("second", "third"))

STRUCTURAL = ("regime", "confirm-or-deny", "ncnd-consistency", "internal-review", "internal-review-how",
              "ico-complaint", "pit", "eir-presumption", "ncnd-provision", "foisa-review", "foisa-commissioner",
              "foisa-ncnd", "foisa-not-held")


def _forget(result: CheckResult, rid: str) -> None:
    """Drop the text reader's verdict on ``rid`` (and ``rid:<section>``)."""
    def mine(fid: str) -> bool:
        return fid == rid or fid.startswith(rid + ":")
    result.findings = [f for f in result.findings if not mine(f.id)]
    result.checked = [c for c in result.checked if not mine(c)]
    result.not_applicable = [c for c in result.not_applicable if not mine(c)]


def check_blocks(blocks: list[Block], answers: dict[str, Any], kb: Knowledge, book: RuleBook,
                 result: CheckResult) -> None:
    """Apply the structural rules to a draft's blocks and the answers it was drafted from."""
    for rid in STRUCTURAL:
        _forget(result, rid)
    need, skip = book.need, book.skip
    roles = [b.role for b in blocks]
    by_role = {b.role: b for b in blocks if b.role}
    regime = str(answers.get("regime") or "foia").lower()
    parts = effective_parts(answers)
    extension = isinstance(answers.get("extension"), dict) and bool(answers.get("extension"))

    def has(prefix: str) -> bool:
        return any(r == prefix or r.startswith(prefix + ":") for r in roles)

    need(result, "regime", has("acknowledgement") and regime in ("foia", "eir", "foisa"))
    if _clarifying(roles, result):
        for rid in STRUCTURAL[1:]:  # a request for clarification answers and refuses nothing: no notice's parts
            skip(result, rid)
        return
    if extension:
        skip(result, "confirm-or-deny")
    else:
        unanswered = [str(n) for n, part in enumerate(parts, 1)
                      if not any(r.startswith((f"held:{n}", f"not-held:{n}", f"ncnd:{n}", f"procedural:{n}:"))
                                 for r in roles)]
        need(result, "confirm-or-deny", not unanswered)
    need(result, "internal-review", has("internal-review"))
    contact = by_role.get("review-contact")
    need(result, "internal-review-how", bool(contact and contact.text.strip()))
    if regime == "foisa":
        skip(result, "ico-complaint")
        need(result, "foisa-review", has("internal-review"))
        need(result, "foisa-commissioner", has("commissioner"))
    else:
        need(result, "ico-complaint", has("commissioner"))
        skip(result, "foisa-review")
        skip(result, "foisa-commissioner")
    ncnd_parts = [p for p in parts if str(p.get("held") or "") == "ncnd"]
    if ncnd_parts:
        need(result, "ncnd-provision", all(has(f"ncnd:{n}") for n, p in enumerate(parts, 1)
                                           if str(p.get("held") or "") == "ncnd"))
    else:
        skip(result, "ncnd-provision")
    if ncnd_parts:
        leaks = _ncnd_leaks(blocks, parts, kb, regime)
        need(result, "ncnd-consistency", not leaks, detail="; ".join(leaks[:3]))
    else:
        skip(result, "ncnd-consistency")
    if regime == "foisa" and ncnd_parts:
        need(result, "foisa-ncnd", all(has(f"ncnd:{n}") for n, p in enumerate(parts, 1)
                                       if str(p.get("held") or "") == "ncnd"))
    else:
        skip(result, "foisa-ncnd")
    if regime == "foisa" and any(str(p.get("held") or "") in ("no", "partly") for p in parts):
        need(result, "foisa-not-held", has("not-held"))
    else:
        skip(result, "foisa-not-held")
    refusing = any(str(p.get("held") or "") == "ncnd" or (str(p.get("held") or "") in ("yes", "partly") and
                   str(p.get("disclosure") or "") in ("partial", "none")) or p.get("exemptions") for p in parts)
    if regime == "eir" and refusing and not extension:
        need(result, "eir-presumption", has("eir-presumption"))
    else:
        skip(result, "eir-presumption")
    _pit(blocks, parts, kb, book, result, regime, extension)
    _likelihood(blocks, kb, book, result)


_ANSWERING = ("held:", "not-held:", "ncnd:", "procedural:", "exemption:", "pit:", "internal-review", "commissioner")


def _clarifying(roles: list[str], result: CheckResult) -> bool:
    """A request for clarification (FOIA s1(3), EIR reg 9(2), FOISA s1(3)): its clarification paragraph and no part
    of a response (nothing held, not held, neither confirmed nor denied, refused), and its text read as one
    (``checking/clarification.py``). Not a notice s17 (reg 14, FOISA s16 to s19) prescribes."""
    return (result.kind == "clarification" and "clarification" in roles
            and not any(r.startswith(_ANSWERING) for r in roles))


def _likelihood(blocks: list[Block], kb: Knowledge, book: RuleBook, result: CheckResult) -> None:
    """Annex A's public interest test states no likelihood of harm ("would" or "would be likely to") other than the
    one the exemption's paragraph gives: a factor saying disclosure "would cause this harm" beside an opinion that it
    "would be likely to" overstates the test relied on. Section 36 is read by the text rule (one qualified person's
    opinion, the officer's reason included)."""
    sections = sorted({b.role.split(":")[1] for b in blocks if b.role.startswith("pit:")})
    for section in sections:
        exemption = kb.exemptions.get(section)
        if exemption is None or exemption.basis != "prejudice" or exemption.regime == "eir" or section == "s36":
            continue
        para = " ".join(b.text for b in blocks if b.role == f"exemption:{section}")
        annex = " ".join(b.text for b in blocks if b.role.startswith(f"pit:{section}:"))
        given = {bool(m.group(2)) for m in LIKELIHOOD.finditer(para)}
        weighed = {bool(m.group(2)) for m in LIKELIHOOD.finditer(annex)}
        if given and weighed - given:
            book.need(result, "reason", False, section, label=f"section {exemption.number}", detail=TWO_LIKELIHOODS)


def _pit(blocks: list[Block], parts: list[dict[str, Any]], kb: Knowledge, book: RuleBook, result: CheckResult,
         regime: str, extension: bool) -> None:
    """Each exemption weighed in the public interest has its test in Annex A: both sides and the balance."""
    seen: set[tuple[str, bool]] = set()
    for part in parts:
        ncnd = str(part.get("held") or "") == "ncnd"
        for citation in part.get("exemptions") or []:
            try:
                parsed = parse_citation(str(citation), regime)
            except InputError:  # reported by the answers' validation
                continue
            exemption = kb.exemptions.get(parsed.family)
            if exemption is None or exemption.regime == "foia" and regime == "eir":
                if exemption is not None and exemption.eir_equivalent:
                    exemption = kb.exemptions.get(exemption.eir_equivalent)
                if exemption is None:
                    continue
            own = own_answers(part, exemption) or part.get(parsed.family)
            limb = parsed.limb or str((own or {}).get("limb") or "")
            weighs = exemption.weighs([limb] if limb else []) or (ncnd and regime == "foisa") or \
                weighs_by_condition(exemption.section, own)
            if (exemption.section, weighs) in seen or exemption.type == "procedural":
                continue  # FOISA 36(1), weighed, and 36(2), absolute, are each settled once
            seen.add((exemption.section, weighs))
            label = exemption.cite() if exemption.regime == "eir" else f"section {exemption.number}"
            if not weighs or extension:
                book.skip(result, "pit", exemption.section)
                continue
            role = f"pit:{exemption.section}"
            missing = [what for what, suffix in (("factors in favour of disclosure", ":for"),
                                                 ("factors in favour of maintaining the exemption", ":against"),
                                                 ("the balance and conclusion", ":balance"))
                       if not any(b.role == role + suffix and b.text.strip() and GAP_PREFIX not in b.text
                                  for b in blocks)]
            if not missing and not any(b.role == role + ":balance" and PIT_DIRECTION.search(b.text) for b in blocks):
                missing = ["a conclusion saying which way the balance falls"]  # s17(3)(b)
            if not missing and any(b.role == role + ":balance" and favours_release(b.text) for b in blocks):
                missing = ["a conclusion for the exemption: as written the balance favours disclosure (or confirming), "
                           "which undoes the refusal; correct the balance, or release"]
            book.need(result, "pit", not missing, exemption.section, label=label, detail=", ".join(missing))
    if not seen:
        book.skip(result, "pit")


# Words that say or imply the information is held, unless the sentence is conditional ("whether we hold").
_LEAK = re.compile(r"\bwe hold\b|\bis held by\b|\bwithh(e|o)ld\w*|\bredact\w*|\bthe records\b|\bthis information\b|"
                   r"\bwe are (providing|enclosing|attaching)\b|factors in favour of disclosure|"
                   r"public interest in disclos\w+|"
                   r"\bwe (do not|don't|did not) hold\b|\bwe have no (record|trace)|"
                   r"\bno (\w+ ){0,3}(has|have|had) been (received|made|recorded|found|held)\b|"
                   r"\bthere (is|are|were|was) no (\w+ ){0,3}(records?|complaints?|information|reports?)\b", re.I)
_IF = re.compile(r"\bwhether\b|\bif\b|existed|\bis or is not\b|confirm(ing)? or deny", re.I)


def _ncnd_leaks(blocks: list[Block], parts: list[dict[str, Any]], kb: Knowledge, regime: str) -> list[str]:
    """Sentences in a neither-confirm-nor-deny part (its paragraph, and its Annex A test) that say it is held."""
    numbers = [n for n, p in enumerate(parts, 1) if str(p.get("held") or "") == "ncnd"]
    sections = {x for n in numbers for c in parts[n - 1].get("exemptions") or [] if (x := _section(kb, c, regime))}
    held_elsewhere = {x for n, p in enumerate(parts, 1) if n not in numbers for c in p.get("exemptions") or []
                      if (x := _section(kb, c, regime))}
    mine = [b for b in blocks if b.role in {f"ncnd:{n}" for n in numbers}
            or any(b.role.startswith(f"pit:{s}:") for s in sections - held_elsewhere)]
    if len(numbers) == len(parts):  # the whole letter is NCND: nothing anywhere may say it is held
        mine = [b for b in blocks if b.kind in ("para", "text", "list", "subheading")]
    leaks = []
    for block in mine:
        for sentence in re.split(r"(?<=[.!?])\s+", block.text):
            if _LEAK.search(sentence) and not _IF.search(sentence):
                leaks.append(f"'{sentence[:120]}'")
    return leaks


def _section(kb: Knowledge, citation: Any, regime: str) -> str:
    """The exemption a citation belongs to (``s40`` for ``s40(5A)``), or empty if it is not one."""
    try:
        found = resolve_ncnd(kb, str(citation), regime) or kb.resolve(str(citation), regime)
    except InputError:  # reported by the answers' validation
        return ""
    return found[0].section
