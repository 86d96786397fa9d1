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
from foibot.knowledge.model import Knowledge, limb_text

HELD = ("yes", "partly", "no", "ncnd")
DISCLOSURE = ("full", "partial", "none")


def get_path(answers: dict[str, Any], path: str) -> Any:
    """The value at a dotted path, or None."""
    node: Any = answers
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def set_path(answers: dict[str, Any], path: str, value: Any) -> None:
    """Set (or, with None, remove) the value at a dotted path."""
    parts = path.split(".")
    node = answers
    for part in parts[:-1]:
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


def family(citation: str, kb: Knowledge) -> str:
    """The section key a citation belongs to: ``s31(1)(a)`` -> ``s31``."""
    return kb.resolve(citation)[0].section


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
    citations = answers.get("exemptions") or []
    if isinstance(citations, str):
        citations = [c for c in citations.replace(";", ",").split(",") if c.strip()]
    if not isinstance(citations, list):
        raise InputError("'exemptions' must be a list such as [\"s22\", \"s31(1)(a)\"]")
    canonical = []
    for citation in citations:
        exemption, limb = kb.resolve(str(citation))
        canonical.append(exemption.section + (limb_text(limb) if limb else ""))
        own = answers.setdefault(exemption.section, {})
        if not isinstance(own, dict):
            raise InputError(f"'{exemption.section}' must be an object of that exemption's answers")
        if limb and not own.get("limb"):
            own["limb"] = limb
    answers["exemptions"] = canonical
    if answers.get("regime") is not None and str(answers["regime"]).lower() not in ("foia", "eir"):
        raise InputError(f"'regime' must be foia or eir (got '{answers['regime']}')")
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
    except InputError as exc:
        raise InputError(f"'{key}': {exc}") from exc
