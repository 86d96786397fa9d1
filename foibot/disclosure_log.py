"""Importing a disclosure log (past requests and how they were answered) from CSV or JSONL.

Columns: reference, date, request text, outcome, exemptions (named differently? map them).
Rows already in the register are skipped; a bad row is reported with its line and the rest import.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foibot.errors import InputError
from foibot.register import OUTCOMES, Register, text_hash
from foibot.store import utcnow

ALIASES = {
    "reference": ("reference", "ref", "id", "case", "foi_ref"),
    "date": ("date", "received", "date_received", "request_date"),
    "request": ("request", "request_text", "text", "question", "details"),
    "outcome": ("outcome", "result", "decision"),
    "exemptions": ("exemptions", "exemptions_cited", "exemption", "sections"),
    "requester": ("requester", "requester_name", "name"),
    "topic": ("topic", "subject", "title"),
}


@dataclass
class ImportReport:
    imported: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"Imported {self.imported}, skipped {self.skipped} already in the register, "
                 f"{len(self.errors)} bad row(s)."]
        lines += [f"  line {line}: {message}" for line, message in self.errors]
        return "\n".join(lines)


def parse_mapping(items: list[str] | None) -> dict[str, str]:
    """``["request=question_text"]`` -> ``{"request": "question_text"}``."""
    mapping = {}
    for item in items or []:
        key, sep, column = item.partition("=")
        if not sep or key not in ALIASES:
            raise InputError(f"--map takes FIELD=COLUMN with FIELD one of {', '.join(ALIASES)} (got '{item}')")
        mapping[key] = column
    return mapping


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, row) pairs from a CSV or JSONL file; a JSONL line that is not JSON becomes an error row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        rows = []
        for number, line in enumerate(text.split("\n"), 1):  # not splitlines(): U+2028 may sit inside a string
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                rows.append((number, row if isinstance(row, dict) else {"__error__": "not a JSON object"}))
            except json.JSONDecodeError as exc:
                rows.append((number, {"__error__": f"not valid JSON ({exc.msg})"}))
        return rows
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return [(reader.line_num, row) for row in reader]


def import_log(register: Register, path: Path, mapping: dict[str, str] | None = None, *,
               who: str = "import") -> ImportReport:
    """Import a disclosure log into the register."""
    report = ImportReport()
    rows = read_rows(path)
    for number, row in rows:
        try:
            case = _case(row, mapping or {})
        except InputError as exc:
            report.errors.append((number, str(exc)))
            continue
        with register.store.transaction() as db:
            exists = db.execute("select 1 from cases where ref = ? or (text_hash = ? and received is ?)",
                                [case["ref"], case["text_hash"], case["received"]]).fetchone()
            if exists:
                report.skipped += 1
                continue
            db["cases"].insert(case)
            db["case_events"].insert({"ref": case["ref"], "at": case["created_at"], "who": who, "action": "imported",
                                      "detail": json.dumps({"file": path.name, "line": number})})
        report.imported += 1
    return report


def _get(row: dict[str, Any], key: str, mapping: dict[str, str]) -> Any:
    if key in mapping:
        if mapping[key] not in row:
            raise InputError(f"has no column '{mapping[key]}' (mapped to {key})")
        return row[mapping[key]]
    return next((row[name] for name in ALIASES[key] if row.get(name) not in (None, "")), None)


def _case(row: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    if "__error__" in row:
        raise InputError(row["__error__"])
    ref = str(_get(row, "reference", mapping) or "").strip()
    request = str(_get(row, "request", mapping) or "").strip()
    if not ref:
        raise InputError("has no reference")
    if not request:
        raise InputError("has no request text")
    received = _date(_get(row, "date", mapping))
    outcome = str(_get(row, "outcome", mapping) or "").strip().lower().replace(" ", "_").replace("-", "_")
    outcome = {"partially": "partially_granted", "partial": "partially_granted", "part_granted": "partially_granted",
               "withheld": "refused", "information_not_held": "not_held"}.get(outcome, outcome)
    if outcome and outcome not in OUTCOMES:
        raise InputError(f"outcome '{outcome}' is not one of {', '.join(OUTCOMES)}")
    exemptions = _get(row, "exemptions", mapping) or []
    if isinstance(exemptions, str):
        exemptions = [e.strip() for e in re.split(r"[;,|]", exemptions) if e.strip()]
    if not isinstance(exemptions, list):
        raise InputError("exemptions must be a list or text separated by ';'")
    topic = _get(row, "topic", mapping)
    now = utcnow()
    return {
        "ref": ref, "year": int(received[:4]) if received else None, "seq": 0, "status": "closed", "regime":
        "eir" if any("reg" in str(e).lower() or str(e).lower().startswith("r1") for e in exemptions) else "foia",
        "received": received, "due": None, "sent_on": None, "outcome": outcome or None,
        "exemptions": json.dumps([str(e) for e in exemptions]), "topics": json.dumps([topic] if topic else []),
        "request_text": request, "requester_name": str(_get(row, "requester", mapping) or ""), "requester_email": "",
        "source": "import", "text_hash": text_hash(request), "created_at": now, "updated_at": now,
    }


def _date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text + "-01"  # a month only: counted from its first day
    from foibot.deadlines import parse_date

    try:
        return parse_date(text).isoformat()
    except InputError as exc:
        raise InputError(f"date '{text}' cannot be read ({exc})") from exc
