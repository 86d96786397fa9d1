"""The rules applied to foibot's own drafts through the answers they were drafted from, part by part.

The answers are the normalised dict (``foibot.conversation.answers.normalise``); a request in parts has
``parts: [{text, held, disclosure, exemptions, ...}]`` with the whole-request keys applying to every part.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from foibot.errors import InputError
from foibot.knowledge.citations import parse_citation
from foibot.knowledge.model import Exemption, Knowledge
from foibot.law.procedure import CostLimit
from foibot.law.procedure import cost_limit as limit_for
from foibot.letter.checking.reading import internal_notes
from foibot.letter.checking.result import CheckResult
from foibot.letter.checking.rules import RuleBook, not_qualified, rule_key

PART_KEYS = ("text", "held", "disclosure", "exemptions", "disclosed", "not_held_detail")


def effective_parts(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """Each part's answers, with the whole-request keys filled in where the part does not say."""
    parts = answers.get("parts") or []
    whole = {k: v for k, v in answers.items() if k != "parts"}
    if not isinstance(parts, list) or not parts:
        return [whole]
    return [{**whole, **part} for part in parts if isinstance(part, dict)]


def own_answers(answers: dict[str, Any], exemption: Exemption) -> dict[str, Any]:
    """An exemption's own answers. Under FOISA, whose sections an officer types as ``s12`` or ``s36(1)``, a block
    written under that bare key (``"s12": {...}``) counts too, beneath the one under ``foisa-s12``."""
    def block(key: str) -> dict[str, Any]:
        value = answers.get(key)
        return value if isinstance(value, dict) else {}
    typed = exemption.section.removeprefix("foisa-") if exemption.regime == "foisa" else ""
    return {**(block(typed) if typed else {}), **block(exemption.section)}


def extended_due(answers: dict[str, Any], due: date | None) -> date | None:
    """The date a FOIA response is due by: the statutory due date, or, for the decision that follows a s17(2)
    notice (``pit_decision_date``: the date that notice estimated, ``extension_date``: when it was sent), the
    estimated date, provided the notice itself went out in time (s10(3)). Under the EIR, the response that follows
    a regulation 7 notice (``extension_date``, sent within the 20 working days) is due within 40 working days of
    receipt (reg 7(1))."""
    if due is not None and str(answers.get("regime") or "foia") == "eir" and not answers.get("extension"):
        notice, received = _day(answers.get("extension_date")), _day(answers.get("received"))
        if notice is not None and received is not None and notice <= due:
            from foibot.law.deadlines import Regime, add_working_days

            return max(due, add_working_days(received, 40, Regime.EIR))
        return due
    estimated = _day(answers.get("pit_decision_date"))
    if due is None or estimated is None or answers.get("extension") or str(answers.get("regime") or "foia") != "foia":
        return due
    notice = _day(answers.get("extension_date"))
    return max(due, estimated) if notice is None or notice <= due else due


def check_answers(answers: dict[str, Any], kb: Knowledge, book: RuleBook, result: CheckResult, *, letter_text: str,
                  cost_limit: int = 450, due: date | None = None, letter_date: date | None = None) -> None:
    """Apply the answers-based rules to each part of a draft."""
    parts = effective_parts(answers)
    qp = "qualified-person-who:s36"  # read from the answers, in place of the letter's words
    result.findings = [f for f in result.findings if f.id != qp]
    result.checked = [c for c in result.checked if c != qp]
    result.not_applicable = [c for c in result.not_applicable if c != qp]
    for n, part in enumerate(parts, start=1):
        prefix = f"Part {n}: " if len(parts) > 1 else ""
        _part(part, kb, book, result, prefix, cost_limit, letter_text)
    _s14_whole_request(parts, book, result)
    if "s36" in result.cited and qp not in result.checked:
        book.skip(result, "qualified-person-who", "s36")
    book.dates(result, letter_date or _day(answers.get("letter_date")), _day(answers.get("received")), due)
    in_text = set(internal_notes(letter_text))  # reported by the reading of the letter's text
    notes = [n for text in _officer_words(answers) for n in internal_notes(text, markdown=True) if n not in in_text]
    book.need(result, "markup", not notes, detail=", ".join(dict.fromkeys(notes)))


def _s14_whole_request(parts: list[dict[str, Any]], book: RuleBook, result: CheckResult) -> None:
    """Section 14 relieves us of the duty to comply with a request, not with part of one: "the request, not the
    requester, is vexatious" (FOIA s14 and FOISA s14 alike). A letter that answers some parts and calls the request
    vexatious or repeated in another contradicts itself."""
    if len(parts) < 2:
        return
    def relies(part: dict[str, Any]) -> bool:
        return any(re.match(r"\s*s(ection)?\s*14\b", str(c), re.I) for c in part.get("exemptions") or [])
    on_s14 = [n for n, part in enumerate(parts, start=1) if relies(part)]
    if not on_s14:
        return
    others = [n for n in range(1, len(parts) + 1) if n not in on_s14]
    book.need(result, "s14-whole-request", not others,
              detail=f"part{'s' if len(others) > 1 else ''} {', '.join(map(str, others))} answered, "
                     f"part{'s' if len(on_s14) > 1 else ''} {', '.join(map(str, on_s14))} refused under section 14")


def _officer_words(value: Any, key: str = "") -> list[str]:
    """Every piece of text in the answers that the letter may print, but not a part's text (the requester's own
    words, quoted as they wrote them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() if not (key == "part" and k == "text")
                for t in _officer_words(v, "parts" if k == "parts" else "")]
    if isinstance(value, list):
        return [t for v in value for t in _officer_words(v, "part" if key == "parts" else "")]
    return []


def _part(part: dict[str, Any], kb: Knowledge, book: RuleBook, result: CheckResult, prefix: str, cost_limit: int,
          letter_text: str) -> None:
    need = book.need
    held = str(part.get("held") or "")
    disclosure = str(part.get("disclosure") or "")
    citations = [str(c) for c in part.get("exemptions") or []]
    regime = str(part.get("regime") or "foia").lower()
    keys = []
    for citation in citations:
        try:
            parsed = parse_citation(citation, regime)
        except InputError:  # reported by the answers' validation, not here
            continue
        keys.append((parsed.family, parsed.limb))
    families = {k for k, _ in keys if k in kb.exemptions}
    refusing = (held in ("yes", "partly") and disclosure in ("partial", "none")) or held == "ncnd"
    if refusing:
        need(result, "exemption-missing", bool(families))
    foia_in_eir = sorted(k for k in families if regime == "eir" and kb.exemptions[k].regime == "foia"
                         and not kb.exemptions[k].eir_equivalent)  # one with an EIR equivalent is drafted as that
    if regime == "eir":
        need(result, "eir-no-foia-exemption", not foia_in_eir,
             detail=prefix + ", ".join(f"section {kb.exemptions[k].number}" for k in foia_in_eir))
        if refusing:
            need(result, "eir-presumption", bool(re.search(r"presumption in favour of disclosure|12\(2\)",
                                                           letter_text, re.I)))
    eir_in_foia = sorted(k for k in families if regime in ("foia", "foisa") and kb.exemptions[k].regime == "eir")
    need(result, "foia-no-eir-exception", not eir_in_foia,
         detail=prefix + ", ".join(kb.exemptions[k].cite() for k in eir_in_foia))
    if regime == "foisa":
        uk = sorted(k for k in families if kb.exemptions[k].regime == "foia")
        need(result, "foisa-foia-section", not uk,
             detail=prefix + ", ".join(f"FOIA section {kb.exemptions[k].number}" for k in uk))
    for key in sorted(families):
        exemption = kb.exemptions[key]
        own = own_answers(part, exemption)
        if key.startswith("r12(5)"):
            need(result, "eir-adverse-effect", str(own.get("likelihood") or "would") == "would", key)
        if key == "r12(4)(d)":
            need(result, "eir-completion", bool(str(own.get("completion_date") or "").strip()), key)
        if key == "s36":
            need(result, "qualified-person", bool(own.get("qualified_person")) and bool(own.get("opinion_date")), key)
            _qualified_person(str(own.get("qualified_person") or ""), kb, book, result, prefix)
        if rule_key(key) == "s12":
            _cost_exceeds(own, book, result, key, prefix, limit_for(regime, cost_limit))
        if key == "s22":
            planned = str(own.get("planned_before_request") or "yes").lower()
            need(result, "publication-date", planned in ("yes", "true"), key,
                 detail=prefix + "we had not decided to publish before the request arrived")
        if key in ("s21", "foisa-s25"):
            _s21_where(part, own, kb, book, result, prefix, key, letter_text)
        if key == "s39":
            _s39_refusal(own, [limb for k, limb in keys if k == "s39"], kb, book, result, prefix)
        if key == "s40":
            subs = [limb for k, limb in keys if k == "s40"]
            own_data = str(own.get("limb") or "") == "1" or any(s.startswith(("1", "5A", "5a")) for s in subs)
            need(result, "ncnd-own-data", not (own_data and any(s.startswith(("2", "5B", "5b")) for s in subs)), key)
        limbs = [limb for k, limb in keys if k == key] + [str(own.get("limb") or "")]
        if exemption.weighs([x for x in limbs if x]) and held != "ncnd":
            missing = [what for what, k in (("factors in favour of disclosure", "pit_for"),
                                            ("factors in favour of maintaining the exemption", "pit_against"))
                       if not own.get(k)]
            label = f"section {exemption.number}" if exemption.regime == "foia" else exemption.cite()
            need(result, "pit", not missing, key, label=label, detail=prefix + ", ".join(missing))
    if held == "ncnd":
        ncnd_ok = any(kb.exemptions[k].ncnd or k == "s40" for k in families)
        need(result, "ncnd-provision", ncnd_ok)


def _s21_where(part: dict[str, Any], own: dict[str, Any], kb: Knowledge, book: RuleBook, result: CheckResult,
               prefix: str, key: str, letter_text: str) -> None:
    """Section 21 (FOISA section 25): the letter says where the information is, in words a requester could follow (a
    link, a named publication's page, or where to get a copy); the matched publication's link, which the draft adds,
    will do when the letter prints it (a profile's own older s21 wording may not)."""
    from foibot.letter.templates import findable

    where = " ".join(str(own.get("where" if key == "s21" else "where_available") or "").split())
    topic = kb.topics.get(str(part.get("topic") or ""))
    linked = bool(topic and topic.url and topic.status == "published" and topic.url in letter_text)
    book.need(result, "s21-where", findable(where) or linked, key,
              detail=prefix + (f"'{where}'" if where else "the letter, which names no place,"))


def _s39_refusal(own: dict[str, Any], limbs: list[str], kb: Knowledge, book: RuleBook, result: CheckResult,
                 prefix: str) -> None:
    """Section 39(1)(b) in a letter under the Act: the part is refused under an EIR exception (``s39.eir_exception``),
    which needs its reason and its public interest factors under regulation 12 (12(4)(d)'s completion date, reg
    14(4), is read from the letter's words). The answers of an exemption no part cites are never read here."""
    if not any(str(x).startswith("1(b)") for x in [*limbs, own.get("limb") or ""]):
        return
    fid = "eir-via-s39:s39"
    chosen = str(own.get("eir_exception") or "").strip()
    try:
        exception = kb.resolve(chosen, "eir")[0] if chosen else None
    except InputError:
        exception = None
    gaps = []
    if exception is None or not str(own.get("eir_reason") or "").strip():
        gaps.append("name the exception in regulation 12(4), 12(5) or 13 it is withheld under, and why it applies")
    elif exception.section.startswith("r12") and not (own.get("eir_pit_for") and own.get("eir_pit_against")):
        gaps.append("give the factors each way in the public interest test under the Regulations (reg 12(1)(b))")
    if not any(f.id == fid for f in result.findings):
        book.need(result, "eir-via-s39", not gaps, "s39", detail=prefix + " and ".join(gaps))


def _qualified_person(named: str, kb: Knowledge, book: RuleBook, result: CheckResult, prefix: str) -> None:
    """The qualified person named fits the authority (section 36(5)): for a government department, a Minister."""
    if not named.strip() or not book["qualified-person-who"].for_authority(kb.authority_type):
        return  # not this type of authority, or no one named yet: not applicable (check_answers)
    book.need(result, "qualified-person-who", not not_qualified(book, kb.authority_type, named), "s36",
              detail=f"{prefix}'{named.strip()}'")


def _cost_exceeds(own: dict[str, Any], book: RuleBook, result: CheckResult, key: str, prefix: str,
                  limit: CostLimit) -> None:
    """The estimate (hours of staff time, or under FOISA a total in pounds) is over the limit of the letter's law."""
    hours, pounds = _number(own.get("hours")), _number(own.get("cost"))
    over = limit.exceeded_by(hours, pounds)
    if over is None:
        return
    said = f"£{pounds:,.0f}" if pounds is not None else (
        f"{hours:g} hours at £{limit.rate} an hour is £{limit.cost_of(hours or 0):,.0f}")
    book.need(result, "cost-exceeds", over, key, detail=f"{prefix}{said}, within the £{limit.limit} limit")


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    try:
        return float(str(value).replace(",", "").replace("£", "")) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
