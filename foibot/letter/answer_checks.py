"""The checks drafting makes on the answers before it builds a letter: every exemption's answers fit it (factor
ids and shapes, the authority, the s12 estimate), officer's words are text and not placeholders ("n/a", "TBC"),
dates of opinions and publications make sense, and an s17(2) extension is lawful. Each refuses with an
InputError that says what to change, or adds a note for the officer.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from foibot.errors import FoibotError, InputError
from foibot.knowledge.authority import Authority
from foibot.knowledge.model import Knowledge
from foibot.letter.templates import Gap, as_date, join_and

if TYPE_CHECKING:
    from foibot.law.procedure import CostLimit
    from foibot.letter.drafting import ExemptionUse, Part


# An id, not a sentence: lower-case words joined by hyphens (``supplier-competitive-position``), or one word
_FACTOR_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+|[a-z]{4,}")


def _unknown_factors(use: ExemptionUse) -> list[str]:
    """Public interest factors given as ids (``supplier-competitive-position``) that are not in the exemption's
    bank: the letter would print the bare id, so they must be a known id or the officer's own sentence."""
    known = {o.value for o in use.e.pit_for + use.e.pit_against}
    return [f"'{use.section}.{key}': '{x}'" for key in ("pit_for", "pit_against") for x in as_list(use.a.get(key))
            if _FACTOR_ID.fullmatch(str(x).strip()) and str(x).strip() not in known]


def check_uses(uses: list[ExemptionUse], answers: dict[str, Any], kb: Knowledge, authority: Authority, regime: str,
                notes: list[str]) -> None:
    """Refuse answers no lawful letter can be drafted from; note for the officer what may not fit: public interest
    factors that are not text or are unknown ids (the letter would print the id), factors written for another type
    of authority, an exemption this kind of authority cannot rely on, answers for an exemption nobody cites, and
    a s12 estimate that is not a number."""
    kind = getattr(authority, "type", "other")
    for use in uses:
        for key in ("pit_for", "pit_against"):
            value = use.a.get(key)
            if value not in (None, "") and not (isinstance(value, str) or (isinstance(value, list) and all(
                    isinstance(x, str) and x.strip() for x in value))):
                raise InputError(f"'{use.section}.{key}' must be a list of public interest factors, each an id "
                                 f"that 'foibot exemption {use.section}' lists or a sentence of your own "
                                 f"(got {value!r:.40})")
    check_authority_fits(uses, authority, notes)
    _note_qualified_person(uses, kb, notes)
    cited = {u.section for u in uses}
    for key, value in answers.items():
        exemption = kb.exemptions.get(key) if isinstance(value, dict) else None
        answered = exemption and any(v not in (None, "", [], {}) for v in value.values())  # cited, then dropped
        carried = exemption and exemption.regime == "eir" and regime != "eir" and "s39" in cited  # s39.eir_exception
        if answered and not carried and key not in cited and not (
                regime == "eir" and exemption.eir_equivalent in cited) and not (
                regime == "foisa" and f"foisa-{key}" in cited):  # FOISA's s12 typed as "s12" (drafting.own_answers)
            notes.append(f"Answers are given for '{key}', but it is not cited in any part's 'exemptions', so the "
                         "letter does not use them. Add it to 'exemptions' if you rely on it.")
    unknown = [x for use in uses for x in _unknown_factors(use)]
    if unknown:
        raise InputError(f"public interest factor ids that this exemption's bank does not have: {', '.join(unknown)}. "
                         "Use an id that 'foibot exemption SECTION' lists, or write the factor as a sentence")
    for use in uses:
        if use.number == "12" and use.procedural:
            _check_estimate(use)
        _note_open_tender(use, notes)
        for side, key in (("for", "pit_for"), ("against", "pit_against")):
            fits = {o.value for o in use.e.pit_options(side, kind)}
            odd = [str(x) for x in as_list(use.a.get(key)) if str(x) in
                   {o.value for o in (use.e.pit_for if side == "for" else use.e.pit_against)} - fits]
            if odd:
                notes.append(f"{use.cite}: the public interest factor(s) {', '.join(odd)} are written for another "
                             f"type of authority than '{kind}'; check the wording fits before sending.")


# Sections that apply only to information the first is not already exempt under: section 31(1) to information not
# exempt by virtue of section 30, section 36 to information not exempt by virtue of section 35 (foi-law.md: "Use s30
# or s31 for a given piece of information, not both" [V ICO]; s36 "cannot be used for information covered by s35"
# [V DCA]).
_EXCLUSIVE = (("s30", "s31", "section 31 applies only to information that is not exempt under section 30"),
              ("s35", "s36", "section 36 applies only to information that is not exempt under section 35"))


def check_exclusive(uses: list[ExemptionUse], label: str) -> None:
    """Refuse one piece of information withheld under both sections of an exclusive pair (s30 and s31, s35 and s36):
    the second cannot apply to what the first covers. Each may withhold different information, when the answers
    say which ("withheld")."""
    for first, second, why in _EXCLUSIVE:
        one = [u for u in uses if u.section == first and not u.ncnd]
        other = [u for u in uses if u.section == second and not u.ncnd]
        if not one or not other:
            continue
        def what(use: ExemptionUse) -> str:
            return " ".join(str(use.a.get("withheld") or "").casefold().split()).rstrip(".")
        same = [what(u) for u in one if any(what(u) == what(v) for v in other)]
        if same:
            thing = f" ({same[0]})" if same[0] else ""
            raise InputError(f"{label}: {why}, so the two cannot both withhold the same information{thing}. Rely on "
                             f"one of them, or give each its own '{first}.withheld' and '{second}.withheld' saying "
                             "which information it covers")


def note_cost_in_parts(parts: list[Part], regime: str, cost: CostLimit, notes: list[str]) -> None:
    """A request answered part by part with a part refused on cost (FOIA s12(1)): tell the officer that the limit is
    normally judged on the whole request, the costs of its parts added together (s12(4) and the Fees Regulations'
    regulation 5, cited by address: their text is not held here)."""
    refused = [str(p.number) for p in parts if any(u.e.section == "s12" and u.limb != "2" for u in p.procedural)]
    if regime != "foia" or len(parts) < 2 or not refused:
        return
    which = f"Part {refused[0]} is" if len(refused) == 1 else f"Parts {join_and(refused)} are"
    section = next(u for p in parts for u in p.procedural if u.e.section == "s12").statute.url
    notes.append(f"{which} refused under section 12(1). The cost limit is normally judged on the whole request: the "
                 "costs of complying with all its parts are added together where they ask for the same or similar "
                 f"information (section 12(4) of the Act, {section}, and regulation 5 of the Fees Regulations, "
                 f"{cost.url}/regulation/5). If the total is over the limit, the whole request may be refused under "
                 "section 12(1), with advice on narrowing it; answering the other parts is then a choice, not a duty. "
                 "Check that the estimate and the parts answered are what you intend.")


def _check_estimate(use: ExemptionUse) -> None:
    """A section 12 estimate is a positive number: hours (FOIA, FOISA) or, under FOISA, a total in pounds."""
    for key, example in (("hours", "40"), ("cost", "900")):
        value = use.a.get(key)
        figure = str(value).replace("£", "", 1).strip() if key == "cost" else value
        if value not in (None, "") and (not _is_number(figure) or float(str(figure).replace(",", "")) <= 0):
            unit = "hours" if key == "hours" else "pounds"
            raise InputError(f"'{use.section}.{key}' must be the estimated number of {unit}, such as {example} "
                             f"(got '{value}')")


def as_list(value: Any) -> list[Any]:
    if value in (None, ""):
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


# Answers printed as words (a name, a reason, what is withheld): a list or an object given for one would print as a
# Python list. Questions asked as a list or a multiple choice may be lists.
_TEXT_KINDS = ("text", "longtext", "choice", "date", "number")


_TEXT_KEYS = ("reference", "requester_name", "request_summary", "disclosed", "not_held_detail", "advice",
              "letter_date", "received", "sent", "text")


# Words typed to fill a box, not an answer: "n/a", ".", "-", "TBC", "none" (compared lower-case, without spaces).
_PLACEHOLDERS = {"n/a", "na", "n.a.", "n.a", "none", "nil", "tbc", "tbd", "tba", "todo", "test", "placeholder",
                 "x", "xx", "xxx", "blank", "same", "as above", "see above"}


# The officer's own words printed in the letter, where a placeholder would stand in for a reason or a description.
_PLACEHOLDER_KEYS = ("reason", "withheld", "disclosed", "not_held_detail", "advice", "request_summary",
                     "where", "where_available", "whose_interests", "data_subjects", "enactment", "qualified_person",
                     "activities", "counterpart", "publisher", "supplier", "body", "text")


def _is_placeholder(value: Any) -> bool:
    if not isinstance(value, str) or not value.strip():
        return False
    squashed = " ".join(value.lower().split())
    return squashed in _PLACEHOLDERS or not re.search(r"\w", squashed)


def without_placeholders(answers: dict[str, Any], kb: Knowledge) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The answers with any placeholder typed for the officer's words ("n/a", ".") removed, so the letter shows a
    gap the check reports (or, for a detail that may be left out, says nothing) instead of printing it."""
    found: list[tuple[str, str]] = []

    def clean(block: dict[str, Any], where: str) -> dict[str, Any]:
        out = {}
        for key, value in block.items():
            if key in kb.exemptions and isinstance(value, dict):
                value = clean(value, f"{where}{key}.")
            elif key in _PLACEHOLDER_KEYS and _is_placeholder(value):
                found.append((f"{where}{key}", value.strip()))
                continue
            out[key] = value
        return out

    cleaned = clean(answers, "")
    if isinstance(cleaned.get("parts"), list):
        cleaned["parts"] = [clean(p, f"parts[{n}].") if isinstance(p, dict) else p
                            for n, p in enumerate(cleaned["parts"], start=1)]
    return cleaned, found


def check_text_answers(answers: dict[str, Any], kb: Knowledge) -> None:
    """Refuse a list or an object where the letter prints words."""
    flow = {q.id: q.kind for q in kb.flow}
    shared = {q.id: q.kind for q in kb.per_exemption}

    def check(block: dict[str, Any], where: str) -> None:
        for key, value in block.items():
            if key in kb.exemptions and isinstance(value, dict):
                kinds = {**shared, **{q.id: q.kind for q in kb.exemptions[key].questions}}
                for inner, v in value.items():
                    if kinds.get(inner) in _TEXT_KINDS and isinstance(v, list | dict):
                        refuse(f"{where}{key}.{inner}", v)
            elif (key in _TEXT_KEYS or flow.get(key) in _TEXT_KINDS) and isinstance(value, list | dict):
                refuse(f"{where}{key}", value)

    def refuse(key: str, value: Any) -> None:
        kind = "a list" if isinstance(value, list) else "an object"
        raise InputError(f"'{key}' must be text (got {kind}: {json.dumps(value, default=str)[:60]})")

    check(answers, "")
    parts = answers.get("parts")
    for n, part in enumerate(parts if isinstance(parts, list) else [], start=1):
        if isinstance(part, dict):
            check(part, f"parts[{n}].")


def check_dates_of_uses(uses: list[ExemptionUse], received: date | None, letter_date: date,
                         notes: list[str]) -> None:
    """Dates an exemption's answers give that no lawful letter can carry: a s22 publication date already past when
    the letter is sent (section 22 is for publication in future; published information is under section 21) and a
    s36 opinion given after the letter (the qualified person's opinion must be held when we refuse). An opinion
    given before the request arrived is noted: it must have been given on this request."""
    for use in uses:
        if use.e.section == "s22":
            day = _a_date(use.a.get("publication_date"), "s22.publication_date")
            if day and day < letter_date:
                raise InputError(f"'s22.publication_date' ({day.isoformat()}) is before the letter's date "
                                 f"({letter_date.isoformat()}): section 22 covers information to be published at a "
                                 "future date; if it has been published, cite section 21 and say where it is")
        if use.e.section == "s36":
            day = _a_date(use.a.get("opinion_date"), "s36.opinion_date")
            if day and day > letter_date:
                raise InputError(f"'s36.opinion_date' ({day.isoformat()}) is after the letter's date "
                                 f"({letter_date.isoformat()}): the qualified person's opinion must be given before "
                                 "we rely on section 36; date the letter after the opinion")
            if day and received and day < received:
                notes.append(f"The qualified person's opinion is dated {day.isoformat()}, before the request arrived "
                             f"({received.isoformat()}): section 36 needs an opinion given on this request. Check "
                             "the date.")


def _a_date(value: Any, key: str) -> date | None:
    """A date an officer typed (``2025-02-28``, ``28/02/2025``, ``28 February 2025``), or None for words that are
    not one ("with the March board papers"); an impossible date (``2025-02-30``) is refused."""
    from foibot.law.deadlines import parse_date

    if value in (None, "") or isinstance(value, Gap):
        return None
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except (InputError, ValueError) as exc:
        if re.fullmatch(r"\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\s*", str(value)):
            raise InputError(f"'{key}': {exc}") from exc
        return None


# Bodies that are never a government department (section 35 is for government departments and the Welsh Government)
_NOT_A_DEPARTMENT = {"police": "a police force", "council": "a council", "health": "a health body",
                     "education": "an education body"}


def check_authority_fits(uses: list[ExemptionUse], authority: Authority, notes: list[str]) -> None:
    """Exemptions only some kinds of authority can rely on (``authority_fit``): an InputError for one this kind of
    authority cannot rely on at all, notes for one it may not."""
    kind = getattr(authority, "type", "other")
    for use in uses:
        refusal, said = authority_fit(use.e.section, kind)
        if refusal:
            raise InputError(refusal)
        notes.extend(said)


def authority_fit(section: str, kind: str) -> tuple[str, list[str]]:
    """Whether an authority of type ``kind`` may rely on ``section``: why it cannot ("" when it may), and notes to
    check (section 35: a government department or the Welsh Government, others use section 36; section 33: an
    authority that audits or examines other authorities)."""
    if section == "s35" and kind in _NOT_A_DEPARTMENT:
        return ("section 35 can be relied on only by a government department or the Welsh Government, not by "
                f"{_NOT_A_DEPARTMENT[kind]}: consider section 36 (prejudice to the effective conduct of public "
                "affairs) instead"), []
    if section == "s35" and kind != "central_government":
        return "", ["Section 35 can be relied on only by a government department or the Welsh Government; if this "
                    "authority is neither, use section 36 instead."]
    if section == "s33" and kind not in ("central_government", "inspectorate"):
        return "", ["Section 33 applies only to an authority with functions in relation to auditing the accounts of "
                    "other public authorities or examining how other public authorities use their resources; an "
                    "audit of this authority's own work is not covered. Check it fits before sending."]
    return "", []


_OPEN_TENDER = re.compile(r"\bre-?tender|\btender(ed|ing)? (it |them )?(again|next|afresh)|\b(next|new|fresh) "
                          r"tender|\btender(ing)? (is |process is )?(still )?(open|live|under way|ongoing|running)",
                          re.I)


def _note_open_tender(use: ExemptionUse, notes: list[str]) -> None:
    """Section 43's factor that commercial information loses its sensitivity once a tender is over, chosen where the
    officer's own words say the contract is to be tendered again or the tender is still open."""
    if use.section != "s43" or "concluded-tender" not in [str(x) for x in as_list(use.a.get("pit_for"))]:
        return
    said = " ".join(str(use.a.get(k) or "") for k in ("reason", "withheld", "pit_conclusion", "whose_interests"))
    if _OPEN_TENDER.search(said):
        notes.append(f"{use.cite}: the factor that commercial information becomes less sensitive once a tender is "
                     "over is chosen, but your answers say the contract is to be tendered again (a retender) or the "
                     "tender is still open. Check it fits before sending, or remove it.")


def _note_qualified_person(uses: list[ExemptionUse], kb: Knowledge, notes: list[str]) -> None:
    """A section 36 opinion from someone plainly not the qualified person for this type of authority (section 36(5):
    for a government department, a Minister of the Crown). What qualifies is the check's data (``intents/
    check-rules.yaml``, rule ``qualified-person-who``), which also reports it as a finding."""
    from foibot.letter.checking.rules import not_qualified
    from foibot.letter.checks import rulebook

    named = {str(u.a.get("qualified_person") or "").strip() for u in uses if u.e.section == "s36"} - {""}
    for who in sorted(named):
        if not_qualified(rulebook(kb), kb.authority_type, who):
            notes.append(f"Section 36: '{who}' looks like a civil servant's post. For a government department in the "
                         "charge of a Minister of the Crown, only a Minister of the Crown can give the qualified "
                         "person's opinion (section 36(5)(a), https://www.legislation.gov.uk/ukpga/2000/36/section/36)."
                         " Check who gave it before sending.")


def _is_number(value: Any) -> bool:
    try:
        float(str(value).replace(",", ""))
    except ValueError:
        return False
    return not isinstance(value, bool)


def check_extension(extension: Any, regime: str, letter_date: date) -> None:
    """A s17(2) (or reg 7) notice needs a real estimated date, after the letter's own date. FOISA has none."""
    if regime == "foisa":
        raise InputError("FOISA has no extension of time for the public interest test: the response, with the "
                         "public interest decision, is due within 20 working days; remove 'extension'")
    if not isinstance(extension, dict):
        raise InputError("'extension' must be an object such as {\"until\": \"2025-04-07\"}: the date by which we "
                         "expect to decide the public interest (under the EIR, the date of our reply)")
    until = extension.get("until")
    if until in (None, ""):
        return  # shown as a gap, which the check reports
    day = as_date(until)
    if day is None:
        raise InputError(f"'extension.until' must be a date such as 2025-04-07 (got '{until}')")
    if day <= letter_date:
        raise InputError(f"'extension.until' ({day.isoformat()}) must be after the letter's date "
                         f"({letter_date.isoformat()}): it is the date by which we expect to reach a decision")


def note_long_extension(extension: dict[str, Any], answers: dict[str, Any], regime: str, notes: list[str],
                         authority: Authority) -> None:
    """The ICO expects a public interest extension to take no more than 20 further working days (40 in all); the EIR
    allow 40 working days in all (reg 7). A later estimate is noted for the officer, not refused."""
    received, until = as_date(answers.get("received")), as_date(extension.get("until"))
    if not (received and until) or regime == "foisa":
        return
    from foibot.law.deadlines import add_working_days

    try:
        limit = add_working_days(received, 40, holiday_data_until=authority.holiday_data_until)
    except FoibotError:
        return
    if until > limit and regime == "eir":
        raise InputError(f"'extension.until' ({until.isoformat()}) is more than 40 working days after the request "
                         f"was received: regulation 7(1) allows at most 40 (by {limit.isoformat()})")
    if until > limit:
        notes.append(f"The extension runs to {until.isoformat()}, beyond 40 working days after receipt "
                     f"({limit.isoformat()}): " + ("regulation 7(1) allows no more than 40 working days" if regime ==
                                                   "eir" else "the ICO expects no more than 20 further working days"
                                                   " in most cases") + ".")


# The officer's words that a letter prints and that could speak of the requester: the letter is addressed to them, so
# "for his neighbour dispute" or "the requester has sent 46 requests" must become "you" and "your".
_ABOUT_THEM_KEYS = (*(k for k in _PLACEHOLDER_KEYS if k != "text"), "pit_conclusion", "pit_for", "pit_against",
                    "aggregated_with", "previous_request")
_THIRD_PERSON = re.compile(r"\b(he|she|him|his|her|hers|himself|herself)\b|\b(?:the|this) (?:requester|applicant)\b"
                           r"(?:'s|’s)?", re.I)
# "they" and "their" speak of groups and other people as often as of the requester: only a summary of the request,
# whose subject is the requester ("for their neighbour dispute"), is read for them.
_THEY = re.compile(r"\b(they|them|their|theirs|themselves)\b", re.I)


def note_third_person(answers: dict[str, Any], kb: Knowledge, notes: list[str]) -> None:
    """A note (never the letter) when the officer's words that the letter prints speak of someone as he, she, his,
    her (they or their in the request's summary), or as "the requester" or "the applicant": the letter is addressed
    to the requester, so words meant for them must say "you"."""
    words: list[str] = []
    where: list[str] = []

    def read(value: Any, key: str, label: str) -> None:
        for text in (value if isinstance(value, list) else [value]):
            if not isinstance(text, str) or _FACTOR_ID.fullmatch(text.strip()):
                continue
            found = [m.group(0).lower().replace("’", "'") for m in _THIRD_PERSON.finditer(text)]
            if key == "request_summary":
                found += [m.group(0).lower() for m in _THEY.finditer(text)]
            for word in found:
                if f"'{word}'" not in words:
                    words.append(f"'{word}'")
            if found and label not in where:
                where.append(label)

    def block(values: dict[str, Any], prefix: str) -> None:
        for key, value in values.items():
            if key in kb.exemptions and isinstance(value, dict):
                for inner, v in value.items():
                    if inner in _ABOUT_THEM_KEYS:
                        read(v, inner, f"{prefix}{key}.{inner}")
            elif key in _ABOUT_THEM_KEYS:
                read(value, key, f"{prefix}{key}")

    block(answers, "")
    for number, part in enumerate(answers.get("parts") or [], 1):
        if isinstance(part, dict):
            block(part, f"parts.{number}.")
    if words:
        notes.append(f"Your words in the letter speak of someone in the third person ({join_and(words)}, in "
                     f"{join_and(where)}). The letter is addressed to the requester: where these words mean them, "
                     "reword them to say 'you' and 'your'.")
