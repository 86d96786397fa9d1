"""The answers that drive a draft: read from a JSON or TOML file, or built up by the dialogue.

Answers are a plain dict. Top-level keys are the ``flow`` question ids (``requester_name``,
``received``, ``held``, ``exemptions``…); each exemption's own answers sit under its section
key (``{"s22": {"publication_date": "spring 2020"}}``). Dotted paths (``s22.publication_date``)
address them.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from foibot.errors import InputError
from foibot.knowledge.citations import REGIMES, parse_citation
from foibot.knowledge.model import Knowledge, limb_text, resolve_ncnd

HELD = ("yes", "partly", "no", "ncnd")
DISCLOSURE = ("full", "partial", "none")


def get_path(answers: dict[str, Any], path: str) -> Any:
    """The value at a dotted path, or None. A number counts from 1 into a list (``parts.2.held``)."""
    node: Any = answers
    for part in path.split("."):
        if isinstance(node, list) and part.isdecimal() and 1 <= int(part) <= len(node):
            node = node[int(part) - 1]
            continue
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def set_path(answers: dict[str, Any], path: str, value: Any) -> None:
    """Set (or, with None, remove) the value at a dotted path."""
    parts = path.split(".")
    node: Any = answers
    for part in parts[:-1]:
        if isinstance(node, list) and part.isdecimal() and 1 <= int(part) <= len(node):
            node = node[int(part) - 1]
            continue
        node = node.setdefault(part, {})
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value


def load_answers(path: Path) -> dict[str, Any]:
    """Read an answers file (``.json`` or ``.toml``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read answers file {path}: {exc}") from exc
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path} is not valid {'TOML' if path.suffix == '.toml' else 'JSON'}: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path} must hold an object of answers")
    return data


def normalise(raw: dict[str, Any], kb: Knowledge) -> dict[str, Any]:
    """Check an answers dict and bring it to canonical form. Raises InputError naming the bad key."""
    answers = json.loads(json.dumps(raw, default=str))
    for key in ("received", "letter_date", "sent"):
        if answers.get(key) not in (None, ""):
            answers[key] = _iso(answers[key], key)
    held = answers.get("held")
    if held is not None:
        held = {"true": "yes", "false": "no", "partial": "partly", "part": "partly"}.get(str(held).lower(),
                                                                                       str(held).lower())
        if held not in HELD:
            raise InputError(f"'held' must be one of {', '.join(HELD)} (got '{answers['held']}')")
        answers["held"] = held
    disclosure = answers.get("disclosure")
    if disclosure is not None:
        if str(disclosure).lower() not in DISCLOSURE:
            raise InputError(f"'disclosure' must be one of {', '.join(DISCLOSURE)} (got '{disclosure}')")
        answers["disclosure"] = str(disclosure).lower()
    elif held in ("yes", "partly"):
        answers["disclosure"] = "partial" if answers.get("exemptions") else "full"
    if answers.get("regime") is not None:
        if str(answers["regime"]).lower() not in REGIMES:
            raise InputError(f"'regime' must be one of {', '.join(REGIMES)} (got '{answers['regime']}')")
        answers["regime"] = str(answers["regime"]).lower()
    citations = answers.get("exemptions") or []
    if isinstance(citations, str):
        citations = [c for c in citations.replace(";", ",").split(",") if c.strip()]
    if not isinstance(citations, list):
        raise InputError("'exemptions' must be a list such as [\"s22\", \"s31(1)(a)\"]")
    canonical = []
    for citation in citations:
        ncnd = resolve_ncnd(kb, str(citation), answers.get("regime") or "foia")  # s31(3) stays s31(3)
        exemption, limb = ncnd or kb.resolve(str(citation), answers.get("regime") or "foia")
        if ncnd:
            canonical.append(exemption.section + limb_text(parse_citation(str(citation)).limb))
        else:
            canonical.append(exemption.section + (limb_text(limb) if limb else ""))
        own = answers.setdefault(exemption.section, {})
        if not isinstance(own, dict):
            raise InputError(f"'{exemption.section}' must be an object of that exemption's answers")
        if limb and not own.get("limb"):
            own["limb"] = limb
    answers["exemptions"] = canonical
    for key in ("attachments",):
        if isinstance(answers.get(key), str):
            answers[key] = [answers[key]]
    return answers


def _iso(value: Any, key: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    from foibot.law.deadlines import parse_date

    try:
        return parse_date(str(value)).isoformat()
    except (InputError, ValueError) as exc:
        raise InputError(f"'{key}': {exc}") from exc


# --- validation against the questions -----------------------------------------------------------

PART_KEYS = ("text", "held", "disclosure", "exemptions", "disclosed", "attachments", "not_held_detail", "advice")
OTHER_KEYS = ("reference", "letter_date", "sent", "parts", "requester_email", "requester_address",
              "annex_full_text", "protective_marking", "extension", "extension_date", "pit_decision_date", "advice")
EXEMPTION_KEYS = ("limb", "pit_conclusion")
LIKELIHOOD = {"would": "would", "would_be_likely": "would_be_likely", "would be likely": "would_be_likely",
              "would be likely to": "would_be_likely", "would_be_likely_to": "would_be_likely"}


def validate(raw: dict[str, Any], kb: Knowledge) -> list[str]:
    """Check an answers file against the questions. Raises InputError listing every bad value (naming its key and
    what is allowed); returns warnings, such as an unknown key with the nearest known one."""
    errors: list[str] = []
    warnings: list[str] = []
    flow = {q.id: q for q in kb.flow}
    regime = str(raw.get("regime") or "foia").lower()
    if regime not in REGIMES:
        errors.append(f"'regime' must be one of {', '.join(REGIMES)} (got '{raw.get('regime')}')")
        regime = "foia"
    for key in ("received", "letter_date", "sent"):
        if raw.get(key) not in (None, ""):
            try:
                _iso(raw[key], key)
            except (InputError, ValueError) as exc:
                errors.append(f"'{key}': {exc}" if not str(exc).startswith(f"'{key}'") else str(exc))
    _check_outcome(raw, "", errors)
    families: set[str] = set()

    def cited(citation: str, key: str) -> None:
        """The family a citation names; an NCND provision (s23(5), s40(5B)(a)(i)) counts as its exemption."""
        try:
            families.add((resolve_ncnd(kb, citation, regime) or kb.resolve(citation, regime))[0].section)
        except InputError as exc:
            errors.append(f"'{key}': {exc}")

    for citation in _citation_list(raw.get("exemptions"), "exemptions", errors):
        cited(citation, "exemptions")
    parts = raw.get("parts")
    if parts is not None:
        if not isinstance(parts, list) or not all(isinstance(p, dict) for p in parts):
            errors.append("'parts' must be a list of objects such as {\"text\": \"...\", \"held\": \"yes\"}")
        else:
            for n, part in enumerate(parts, start=1):
                merged = {**{k: raw.get(k) for k in PART_KEYS if k in raw}, **part}
                _check_outcome(merged, f"parts[{n}].", errors)
                for citation in _citation_list(part.get("exemptions"), f"parts[{n}].exemptions", errors):
                    cited(citation, f"parts[{n}].exemptions")
                for key in part:
                    if key not in PART_KEYS:
                        warnings.append(_unknown(f"parts[{n}].{key}", key, PART_KEYS))
    known = set(flow) | set(OTHER_KEYS) | set(kb.exemptions)
    if raw.get("review_of"):  # an internal review's outcome: its own keys, and its findings'
        from foibot.conversation.review_answers import KNOWN, review_warnings

        known |= set(KNOWN)
        warnings += review_warnings(raw)
    for key in raw:
        if key not in known:
            warnings.append(_unknown(key, key, sorted(known)))
    for section in sorted(families | (set(raw) & set(kb.exemptions))):
        own = raw.get(section)
        if own is None:
            continue
        if not isinstance(own, dict):
            errors.append(f"'{section}' must be an object of that exemption's answers")
            continue
        exemption = kb.exemptions[section]
        allowed = {q.id for q in exemption.questions} | {q.id for q in kb.per_exemption} | set(EXEMPTION_KEYS)
        for key in own:
            if key not in allowed:
                warnings.append(_unknown(f"{section}.{key}", key, sorted(allowed)))
        likelihood = own.get("likelihood")
        if likelihood is not None:
            value = LIKELIHOOD.get(str(likelihood).strip().lower())
            if value is None:
                errors.append(f"'{section}.likelihood' must be 'would' (more likely than not) or 'would_be_likely' "
                              f"(a real and significant risk); got '{likelihood}'")
            elif value == "would_be_likely" and section.startswith("r12(5)"):
                errors.append(f"'{section}.likelihood': under the EIR the test is 'would adversely affect', so it "
                              "must be 'would'")
    if errors:
        raise InputError("the answers have problems:\n" + "\n".join(f"- {e}" for e in errors + warnings))
    return warnings


def _check_outcome(answers: dict[str, Any], where: str, errors: list[str]) -> None:
    held = answers.get("held")
    if held is not None:
        held = {"true": "yes", "false": "no", "partial": "partly", "part": "partly"}.get(str(held).lower(),
                                                                                       str(held).lower())
        if held not in HELD:
            errors.append(f"'{where}held' must be one of {', '.join(HELD)} (got '{answers['held']}')")
    disclosure = answers.get("disclosure")
    if disclosure is not None and str(disclosure).lower() not in DISCLOSURE:
        errors.append(f"'{where}disclosure' must be one of {', '.join(DISCLOSURE)} (got '{disclosure}')")
    exemptions = answers.get("exemptions") or []
    refusing = held in ("yes", "partly") and str(disclosure or "").lower() in ("partial", "none")
    if (refusing or held == "ncnd") and not exemptions:
        what = "neither confirms nor denies" if held == "ncnd" else "withholds information"
        errors.append(f"'{where}exemptions': the answer {what}, so it needs at least one exemption (section 17(1)(b));"
                      " name it, e.g. [\"s31(1)(a)\"]")


def _citation_list(value: Any, key: str, errors: list[str]) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [c.strip() for c in value.replace(";", ",").split(",") if c.strip()]
    if not isinstance(value, list):
        errors.append(f"'{key}' must be a list such as [\"s22\", \"s31(1)(a)\"]")
        return []
    return [str(c) for c in value]


def _unknown(where: str, key: str, known: Any) -> str:
    from rapidfuzz import process

    best = process.extractOne(key, list(known), score_cutoff=70)
    hint = f"; did you mean '{best[0]}'?" if best else ""
    return f"unknown key '{where}' is ignored{hint}"
