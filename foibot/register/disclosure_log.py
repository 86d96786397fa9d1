"""Importing a disclosure log (past requests and how they were answered) from CSV or JSONL into the register.

Fields: reference, date, request, outcome, exemptions (and optionally requester, requester_email, topic).
Common column names are recognised; others are mapped with ``--map request=request_text``. A row whose
reference is already in the register is skipped, so importing the same file twice adds nothing; a bad
row is reported with its line number and the rest are imported.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from foibot.errors import InputError
from foibot.register.cases import OUTCOMES, text_hash
from foibot.register.store import Store, utcnow

ALIASES: dict[str, tuple[str, ...]] = {
    "reference": ("reference", "ref", "id", "case", "case_ref", "foi_ref", "request_id"),
    "date": ("date", "received", "date_received", "request_date", "date_of_request"),
    "request": ("request", "request_text", "text", "question", "details", "request_details"),
    "outcome": ("outcome", "result", "decision", "response"),
    "exemptions": ("exemptions", "exemptions_cited", "exemption", "sections", "exemptions_applied"),
    "requester": ("requester", "requester_name", "name"),
    "requester_email": ("requester_email", "email"),
    "topic": ("topic", "subject", "title", "category"),
}
REQUIRED = ("reference", "request")  # a record without either is refused
OUTCOME_WORDS = {
    "full": "granted", "released": "granted", "disclosed": "granted", "granted_in_full": "granted",
    "partial": "partially_granted", "partially": "partially_granted", "part_granted": "partially_granted",
    "partly_granted": "partially_granted", "part_disclosed": "partially_granted",
    "withheld": "refused", "refused_in_full": "refused", "exempt": "refused",
    "information_not_held": "not_held", "not_held_in_full": "not_held", "nothing_held": "not_held",
    "neither_confirm_nor_deny": "ncnd",
    # as other case systems word them
    "partially_released": "partially_granted", "part_released": "partially_granted",
    "released_in_part": "partially_granted", "partially_disclosed": "partially_granted",
    "granted_in_part": "partially_granted", "released_in_full": "granted", "disclosed_in_full": "granted",
    "info_not_held": "not_held", "no_information_held": "not_held", "information_not_held_in_full": "not_held",
    "neither_confirm_nor_deny_ncnd": "ncnd", "nc_nd": "ncnd",
}
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
BATCH = 2_000
FIELD_LIMIT = 16 * 1024 * 1024
"""The longest cell read (csv's own limit, 131,072 characters, stopped a whole file at one long request)."""


@dataclass
class ImportReport:
    """What an import did: counts, and each bad row with its line number."""

    imported: int = 0
    skipped: int = 0
    blank: int = 0  # rows with no value at all (a spreadsheet's empty lines): ignored
    stopped: bool = False  # nothing read: no column is read as a field every row needs
    errors: list[tuple[int, str]] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)  # fields no column of the file is read as
    columns: list[str] = field(default_factory=list)  # the file's columns (of its first record)

    def summary(self) -> str:
        if self.stopped:
            return (f"Nothing was imported: no column is read as {' or '.join(self.unmapped)}; the file's columns are "
                    f"{', '.join(self.columns) or 'none'}. Say which column holds each with "
                    + " ".join(f"--map {f}=COLUMN" for f in self.unmapped) + ".")
        blank = f"; {self.blank} blank row(s) ignored" if self.blank else ""
        lines = [f"Imported {self.imported} case(s); skipped {self.skipped} already in the register; "
                 f"{len(self.errors)} bad row(s){blank}."]
        if self.unmapped:
            lines.append(f"No column is read as {' or '.join(self.unmapped)}; the file's columns are "
                         f"{', '.join(self.columns) or 'none'}. Say which column holds each with "
                         + " ".join(f"--map {f}=COLUMN" for f in self.unmapped) + ".")
        lines += [f"  line {line}: {message}" for line, message in self.errors]
        return "\n".join(lines)


def parse_mapping(items: list[str] | None) -> dict[str, str]:
    """``["request=request_text"]`` -> ``{"request": "request_text"}`` (InputError on a bad item)."""
    mapping: dict[str, str] = {}
    for item in items or []:
        key, sep, column = item.partition("=")
        key, column = key.strip().lower(), column.strip()
        if not sep or not column or key not in ALIASES:
            raise InputError(f"--map takes FIELD=COLUMN with FIELD one of {', '.join(ALIASES)} (got {item!r})")
        mapping[key] = column
    return mapping


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, row) for each record of a CSV or JSONL file; an unreadable record gives (line, message)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json") or (suffix != ".csv" and text.lstrip().startswith("{")):
        for number, line in enumerate(text.split("\n"), 1):  # not splitlines(): U+2028 may sit inside a string
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, f"not valid JSON ({exc.msg} at column {exc.colno})"
                continue
            yield number, row if isinstance(row, dict) else "not a JSON object"
        return
    # csv.reader, not DictReader: DictReader skips empty lines unseen, and every line number after one was out by one
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))  # one long request must not stop the file
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    start = 1
    try:
        for cells in reader:
            if header is None:
                if cells:
                    header = cells
            elif not cells:
                yield start, {name: "" for name in header}  # an empty line: a blank row
            elif len(cells) > len(header):
                yield start, f"has {len(cells)} cells; the header has {len(header)}"
            else:
                yield start, dict(zip(header, [*cells, *[None] * (len(header) - len(cells))], strict=True))
            start = reader.line_num + 1
    except csv.Error as exc:
        yield start, f"cannot be read as CSV ({exc})"


def import_log(store: Store, path: str | Path, mapping: dict[str, str] | None = None, *,
               who: str = "import") -> ImportReport:
    """Import a disclosure log into the register and report what happened."""
    path, mapping = Path(path), mapping or {}
    report = ImportReport()
    seen: dict[str, int] = {}
    batch: list[tuple[int, dict[str, Any]]] = []
    for number, row in read_rows(path):
        if isinstance(row, str):
            report.errors.append((number, row))
            continue
        if all(v is None or str(v).strip() == "" for v in row.values()):
            report.blank += 1
            continue
        if not report.columns:
            report.columns = [str(c) for c in row]
            names = {_column_key(c) for c in row}
            report.unmapped = [f for f in REQUIRED if f not in mapping and not set(ALIASES[f]) & names]
            # a CSV's rows all have the header's columns: with no --map given, not one row could import; say so
            # once, not once a row
            if report.unmapped and not mapping and path.suffix.lower() == ".csv":
                report.stopped = True
                return report
        try:
            case = case_from_row(row, mapping)
        except InputError as exc:
            report.errors.append((number, str(exc)))
            continue
        if case["ref"] in seen:
            report.errors.append((number, f"reference {case['ref']!r} is also on line {seen[case['ref']]}"))
            continue
        seen[case["ref"]] = number
        batch.append((number, case))
        if len(batch) >= BATCH:
            _write(store, batch, path.name, who, report)
            batch = []
    _write(store, batch, path.name, who, report)
    return report


def _write(store: Store, batch: list[tuple[int, dict[str, Any]]], name: str, who: str, report: ImportReport) -> None:
    if not batch:
        return
    with store.transaction() as db:
        refs = [case["ref"] for _, case in batch]
        existing = {r for (r,) in db.execute(f"select ref from cases where ref in ({','.join('?' * len(refs))})",
                                             refs)}
        new = [(n, c) for n, c in batch if c["ref"] not in existing]
        db["cases"].insert_all((c for _, c in new), batch_size=500)
        db["case_events"].insert_all(({"ref": c["ref"], "at": c["created_at"], "who": who, "action": "imported",
                                       "detail": json.dumps({"file": name, "line": n})} for n, c in new),
                                     batch_size=500)
    report.imported += len(new)
    report.skipped += len(batch) - len(new)


def _column_key(name: Any) -> str:
    """A column's name as the aliases spell them: "FOI Ref" -> ``foi_ref``, "Date Received" -> ``date_received``."""
    return re.sub(r"[^a-z0-9]+", "_", str(name or "").strip().lower()).strip("_")


def _get(row: dict[str, Any], key: str, mapping: dict[str, str]) -> Any:
    if key in mapping:
        if mapping[key] in row:
            return row[mapping[key]]
        loose = [c for c in row if _column_key(c) == _column_key(mapping[key])]
        if not loose:
            raise InputError(f"has no column {mapping[key]!r} (mapped to {key})")
        return row[loose[0]]
    by_key: dict[str, Any] = {}
    for column, value in row.items():
        if value not in (None, ""):
            by_key.setdefault(_column_key(column), value)
    return next((by_key[name] for name in ALIASES[key] if name in by_key), None)


def case_from_row(row: dict[str, Any], mapping: dict[str, str] | None = None) -> dict[str, Any]:
    """A ``cases`` row from one disclosure-log record; InputError saying what is wrong with it."""
    mapping = mapping or {}
    ref = str(_get(row, "reference", mapping) or "").strip()
    request = str(_get(row, "request", mapping) or "").strip()
    if not ref:
        raise InputError("has no reference")
    if not request:
        raise InputError(f"{ref}: has no request text")
    received = parse_log_date(_get(row, "date", mapping))
    outcome = normalise_outcome(_get(row, "outcome", mapping))
    exemptions = _get(row, "exemptions", mapping) or []
    if isinstance(exemptions, str):
        exemptions = [e for e in re.split(r"[;,|\n]", exemptions)]
    if not isinstance(exemptions, list) or not all(isinstance(e, str) for e in exemptions):
        raise InputError(f"{ref}: exemptions must be a list of sections or text separated by ';'")
    cited = list(dict.fromkeys(" ".join(e.split()) for e in exemptions if e.strip()))
    topic = str(_get(row, "topic", mapping) or "").strip()
    now = utcnow()
    eir = any(re.match(r"(eir\b|reg\b|regulation\b|r\d)", e.lower()) for e in cited)
    return {
        "ref": ref, "year": received.year if received else None, "seq": 0, "status": "closed",
        "regime": "eir" if eir else "foia", "received": received.isoformat() if received else None, "due": None,
        "sent_on": None, "outcome": outcome, "exemptions": json.dumps(cited), "topics": json.dumps([topic] if topic
                                                                                                    else []),
        "request_text": request, "requester_name": str(_get(row, "requester", mapping) or "").strip(),
        "requester_email": str(_get(row, "requester_email", mapping) or "").strip().lower(),
        "requester_address": "", "conversation_id": None, "parent_ref": None, "source": "import",
        "text_hash": text_hash(request), "created_at": now, "updated_at": now,
    }


def normalise_outcome(value: Any) -> str | None:
    """``"Partially granted"`` -> ``partially_granted``; None if empty; InputError if unknown."""
    text = re.sub(r"[^a-z]+", "_", str(value or "").strip().lower()).strip("_")
    if not text:
        return None
    text = OUTCOME_WORDS.get(text, text)
    if text not in OUTCOMES:
        raise InputError(f"outcome {str(value)!r} is not one of {', '.join(OUTCOMES)}")
    return text


def parse_log_date(value: Any) -> date | None:
    """A disclosure-log date: a full date (day first), or a month only ("2025-09", "September 2025")
    which is taken as the first of the month."""
    text = str(value or "").strip()
    if not text:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        year, month = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{1,2})/(\d{4})", text):
        year, month = int(m[2]), int(m[1])
    elif (m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{4})", text)) and _month(m[1]):
        year, month = int(m[2]), _month(m[1])
    else:
        from foibot.law.deadlines import parse_date

        try:
            return parse_date(text)
        except InputError as exc:
            raise InputError(f"date {text!r}: {exc}") from exc
    if not 1 <= month <= 12:
        raise InputError(f"date {text!r} has no month {month}")
    return date(year, month, 1)


def _month(word: str) -> int:
    word = word.lower()
    return next((n for name, n in _MONTHS.items() if len(word) >= 3 and name.startswith(word)), 0)
