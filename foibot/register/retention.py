"""Personal data: purging requesters' details after the retention period, and subject access exports.

Both work from the one declared list in ``personal_data``. A purge anonymises the requester in every
declared place tied to the case (the parsed name, email and address, and any email, UK phone number or
postal address in the text), keeps what the statistics need (dates, outcomes, exemptions), rebuilds the
search index, then checkpoints the write-ahead log and vacuums, so no old value is left in free pages,
the WAL or the index.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta

from foibot.errors import InputError
from foibot.register.cases import OPEN, ref_tokens
from foibot.register.personal_data import DERIVED_INDEXES, HOLDINGS, REDACTED, Holding, redact_contacts
from foibot.register.store import Store, drafts_dir, utcnow

_REQUESTER_KEYS = ("requester_name", "requester_email", "requester_address")


def parse_age(text: str) -> relativedelta:
    """``24m``, ``2y``, ``90d`` (months, years, days) as a period."""
    match = re.fullmatch(r"\s*(\d+)\s*([dmy])\s*", text or "", re.I)
    if not match:
        raise InputError(f"'{text}' is not a period: use for example 24m (months), 2y or 90d")
    number, unit = int(match.group(1)), match.group(2).lower()
    period = relativedelta(**{{"d": "days", "m": "months", "y": "years"}[unit]: number})
    try:
        date.today() - period
    except (OverflowError, ValueError) as exc:
        raise InputError(f"'{text}' reaches back before the year 1: give a shorter period, for example 24m") from exc
    return period


@dataclass
class Change:
    """One value a purge rewrites (the values themselves are never printed)."""

    subject: str  # the case reference, or the conversation id for a conversation without a case
    table: str
    column: str
    row: str


@dataclass
class PurgeReport:
    cases: list[str] = field(default_factory=list)
    conversations: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # files foibot wrote for the purged cases (Word drafts)
    dry_run: bool = False
    kept: list[tuple[str, str]] = field(default_factory=list)  # (case, why) received before the cutoff but kept
    cutoff: str = ""

    def summary(self) -> str:
        places = sorted({f"{c.table}.{c.column}" for c in self.changes})
        verb = "Would anonymise" if self.dry_run else "Anonymised"
        head = (f"{verb} {len(self.cases)} case(s) (with their conversations) and {len(self.conversations)} "
                f"conversation(s) without a case: {len(self.changes)} value(s) in {', '.join(places) or 'no place'}.")
        if self.files or self.dry_run:
            head += f" {'Would delete' if self.dry_run else 'Deleted'} {len(self.files)} file(s) written for them."
        kept = [f"Kept {len(self.kept)} case(s) received before {self.cutoff}:"] if self.kept else []
        kept += [f"  {ref}: {why}" for ref, why in self.kept]
        if not self.dry_run:
            return "\n".join([head, *kept])
        lines = [head]
        lines += [f"  file: {f}" for f in self.files]
        for subject in dict.fromkeys(c.subject for c in self.changes):
            mine = [c for c in self.changes if c.subject == subject]
            counts: dict[str, int] = {}
            for c in mine:
                counts[f"{c.table}.{c.column}"] = counts.get(f"{c.table}.{c.column}", 0) + 1
            lines.append(f"  {subject}: " + ", ".join(f"{k} ({n})" for k, n in counts.items()))
        return "\n".join([*lines, *kept])


def _needles(*values: Any) -> list[str]:
    """The strings to remove: each personal value, and its words of 3+ letters for names ("J Roberts")."""
    out: set[str] = set()
    for value in values:
        value = str(value or "").strip()
        if not value or REDACTED in value:
            continue
        out.add(value)
        if "@" not in value:
            out.update(w for w in re.findall(r"[^\W\d_][\w'’-]{2,}", value))
            out.update(line.strip() for line in value.splitlines() if len(line.strip()) > 2)
    return sorted(out, key=len, reverse=True)


def scrub(text: str, needles: list[str]) -> str:
    """Emails, phone numbers and addresses redacted, then every needle (whole words, any case) replaced."""
    text = redact_contacts(text)
    for needle in needles:
        text = re.sub(rf"(?<!\w){re.escape(needle)}(?!\w)", REDACTED, text, flags=re.I)
    return text


def _scrub_json(value: Any, needles: list[str]) -> Any:
    if isinstance(value, str):
        return scrub(value, needles)
    if isinstance(value, list):
        return [_scrub_json(v, needles) for v in value]
    if isinstance(value, dict):
        return {k: (REDACTED if k in _REQUESTER_KEYS and v else _scrub_json(v, needles)) for k, v in value.items()}
    return value


def _rows(db: Any, holding: Holding, keys: list[str]) -> list[tuple[Any, dict[str, Any]]]:
    """(rowid, {column: value}) of a holding's rows tied to any of ``keys``."""
    if not keys or not db[holding.table].exists():
        return []
    columns = [*holding.columns, *holding.json_columns]
    marks = ",".join("?" * len(keys))
    select = ", ".join(["rowid", *(f"[{c}]" for c in columns)])
    rows = db.execute(f"select {select} from [{holding.table}] where [{holding.key}] in ({marks})", keys).fetchall()
    return [(row[0], dict(zip(columns, row[1:], strict=True))) for row in rows]


def _links(db: Any, ref: str | None, conv: str | None) -> dict[str, list[str]]:
    """The case references and conversation ids that tie rows to one case."""
    convs = {c for c in (conv, f"cli:{ref}" if ref else None) if c}
    if ref:
        convs |= {r[0] for r in db.execute("select conversation_id from drafts where case_ref = ?", [ref])}
    return {"case": [ref] if ref else [], "conversation": sorted(convs)}


def _case_needles(db: Any, ref: str | None, conv: str | None) -> list[str]:
    values: list[Any] = []
    if ref:
        row = db.execute("select requester_name, requester_email, requester_address from cases where ref = ?",
                         [ref]).fetchone()
        values += list(row or ())
    for (state,) in db.execute("select state from conversations where id = ?", [conv or ""]).fetchall():
        answers = (json.loads(state or "{}") or {}).get("answers", {})
        values += [answers.get(k) for k in _REQUESTER_KEYS]
    return _needles(*values)


def _plan_case(db: Any, subject: str, ref: str | None, conv: str | None) -> list[tuple[Change, Any]]:
    """Every declared value tied to one case that anonymising would change, with its new value."""
    needles = _case_needles(db, ref, conv)
    links = _links(db, ref, conv)
    out: list[tuple[Change, Any]] = []
    seen: set[tuple[str, str, Any]] = set()  # a row reached by both its case and its conversation
    for holding in HOLDINGS:
        for rowid, values in _rows(db, holding, links[holding.by]):
            for column, old in values.items():
                if old is None or old == "" or (holding.table, column, rowid) in seen:
                    continue
                seen.add((holding.table, column, rowid))
                if column in holding.json_columns:
                    new: Any = json.dumps(_scrub_json(json.loads(old), needles), ensure_ascii=False)
                    same = json.loads(new) == json.loads(old)
                elif holding.table == "cases" and column in _REQUESTER_KEYS:
                    new = REDACTED if column == "requester_name" else ""
                    same = new == old
                else:
                    new = scrub(old, needles)
                    same = new == old
                if not same:
                    out.append((Change(subject, holding.table, column, str(rowid)), new))
    return out




def _kept(db: Any, cutoff: str) -> dict[str, str]:
    """Cases received before ``cutoff`` whose requester is still needed, and why: a case with the ICO (a
    complaint under s50, or a tribunal appeal after it), one whose internal review is still open, and one dealt
    with (received, clarified, answered, reviewed) inside the period. A case and its reviews go together."""
    rows = db.execute("select ref, parent_ref, status, received, clarified_on, sent_on from cases").fetchall()
    families: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        families.setdefault(row[1] or row[0], []).append(row)
    kept: dict[str, str] = {}
    for members in families.values():
        why = ""
        if any(m[2] == "with_ico" for m in members):
            why = "with the ICO"
        elif open_reviews := [m[0] for m in members if m[1] and m[2] in OPEN]:
            why = f"internal review {', '.join(open_reviews)} still open"
        else:
            last = max((d for m in members for d in m[3:6] if d), default="")
            if last >= cutoff and any(m[3] and m[3] < cutoff for m in members):
                why = f"last dealt with on {last}, inside the period"
        if why:
            kept.update({m[0]: why for m in members if m[3] and m[3] < cutoff})
    return kept


def _natural(ref: str) -> list[tuple[int, int | str]]:
    """A reference's sort key with its numbers as numbers: FOI 2025-7 before FOI 2025-14."""
    return [(0, int(t)) if t.isdigit() else (1, t) for t in ref_tokens(ref)]


def purge(store: Store, *, older_than: relativedelta, today: date, dry_run: bool = False) -> PurgeReport:
    """Anonymise requesters of cases received (and conversations started) before ``today - older_than``,
    except cases still in use (``_kept``: with the ICO, an internal review open, dealt with inside the period),
    which the report lists. With ``dry_run`` nothing is written and the report lists what would change."""
    try:
        cutoff = (today - older_than).isoformat()
    except (OverflowError, ValueError) as exc:
        raise InputError("the retention period reaches back before the year 1: give a shorter period, for example "
                         "24m") from exc
    report = PurgeReport(dry_run=dry_run, cutoff=cutoff)
    with store.transaction() as db:
        kept = _kept(db, cutoff)
        report.kept = [(ref, why) for ref, why in sorted(kept.items(), key=lambda i: _natural(i[0]))
                       if "/IR" not in ref]  # a review is kept with its case, whose line names it
        cases = [row for row in db.execute("select ref, conversation_id from cases where received < ? order by ref",
                                           [cutoff]).fetchall() if row[0] not in kept]
        report.files = [str(f) for ref, conv in cases for f in case_files(store, db, ref, conv)]
        case_convs = {conv for _, conv in cases if conv}
        loose = [r[0] for r in db.execute("select id from conversations where created_at < ? and (case_ref is null "
                                          "or case_ref = '' or case_ref not in (select ref from cases)) order by id",
                                          [cutoff]) if r[0] not in case_convs]
        planned = [(ref, _plan_case(db, ref, ref, conv)) for ref, conv in cases]
        planned += [(conv, _plan_case(db, conv, None, conv)) for conv in loose]
        for subject, changes in planned:
            if not changes:
                continue
            (report.cases if subject in {ref for ref, _ in cases} else report.conversations).append(subject)
            report.changes += [change for change, _ in changes]
            if dry_run:
                continue
            for change, new in changes:
                db.execute(f"update [{change.table}] set [{change.column}] = ? where rowid = ?", [new, change.row])
            if subject in {ref for ref, _ in cases}:
                db["case_events"].insert({"ref": subject, "at": utcnow(), "who": "retention", "action": "purged",
                                          "detail": json.dumps({"places": sorted({f"{c.table}.{c.column}"
                                                                                  for c, _ in changes})})})
        if not dry_run and report.changes:
            for index in DERIVED_INDEXES:
                db.execute(f"insert into [{index}]([{index}]) values('rebuild')")
                db.execute(f"insert into [{index}]([{index}]) values('optimize')")
    if not dry_run:
        for name in report.files:
            Path(name).unlink(missing_ok=True)
    if not dry_run and report.changes:
        compact(store)
    return report


def _stem(ref: str) -> str:
    """A reference as it starts a Word file's name (``FOI 2026-1`` -> ``FOI-2026-1``), as ``docx_name`` writes it."""
    return re.sub(r"[^A-Za-z0-9]+", "-", ref).strip("-") or "draft"


def case_files(store: Store, db: Any, ref: str, conv: str | None) -> list[Path]:
    """The files foibot wrote for a case that are still on disk: every file recorded in its history
    (``foibot draft -o``), the Word drafts named after it in the database's drafts folder, and those in the
    shared ``drafts/`` folder of older versions that name its requester (another database's case of the same
    reference is left alone)."""
    found: list[Path] = []
    for (detail,) in db.execute("select detail from case_events where ref = ? and action = 'file_written'",
                                [ref]).fetchall():
        path = json.loads(detail or "{}").get("path")
        if path and Path(path).is_file():
            found.append(Path(path))
    if str(store.path) != ":memory:":
        stem = _stem(ref)
        own = drafts_dir(store.path)
        found += [*own.glob(f"{stem}-v*.docx"), *own.glob(f"{stem}.docx")]
        shared = store.path.parent / "drafts"
        needles = _case_needles(db, ref, conv)
        found += [f for f in (*shared.glob(f"{stem}-v*.docx"), *shared.glob(f"{stem}.docx"))
                  if needles and _mentions(f, needles)]
    return sorted({f.resolve() for f in found if f.is_file()})


def _mentions(path: Path, needles: list[str]) -> bool:
    """Whether a Word file's text holds any of the values (its requester's name or email)."""
    import html
    import zipfile

    try:
        with zipfile.ZipFile(path) as docx:
            text = html.unescape(re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8", "replace")))
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.I) for n in needles)


def compact(store: Store, timeout: float = 10.0) -> None:
    """Leave no old value in free pages or the write-ahead log: checkpoint (TRUNCATE), vacuum, checkpoint.
    Retries while another connection's read keeps the checkpoint from finishing."""
    with store.lock:
        _checkpoint(store, timeout)
        store.db.execute("VACUUM")
        _checkpoint(store, timeout)


def _checkpoint(store: Store, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            busy, _, _ = store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            busy = 1
        if not busy:
            return
        if time.monotonic() > deadline:
            raise InputError("the database is busy: the purge is done but the write-ahead log could not be "
                             "emptied; run foibot purge again when the other processes are idle")
        time.sleep(0.05)  # another process is reading; it will finish soon


def export_case(store: Store, ref: str) -> dict[str, Any]:
    """Everything held about a case, from every declared place, for a subject access request: the case and its
    internal reviews (which hold the same requester), and the references of the requester's other cases (same
    email), to export in turn; nothing of any other requester."""
    with store.lock:
        db = store.db
        row = db.execute("select conversation_id, requester_email from cases where ref = ?", [ref]).fetchone()
        if row is None:
            raise InputError(f"there is no case {ref!r} in the register")
        refs = [ref, *(r for (r,) in db.execute("select ref from cases where parent_ref = ? order by rowid", [ref]))]
        links = _links(db, ref, row[0])
        for review in refs[1:]:
            more = _links(db, review, None)
            links = {k: sorted({*links[k], *more[k]}, key=lambda r: (r != ref, r)) for k in links}
        others = [r for (r,) in db.execute("select ref from cases where requester_email = ? and ref not in "
                                           f"({','.join('?' * len(refs))}) and coalesce(parent_ref, '') not in "
                                           f"({','.join('?' * len(refs))}) order by rowid",
                                           [row[1], *refs, *refs])] if row[1] else []
        held: dict[str, list[dict[str, Any]]] = {}
        seen: set[tuple[str, Any]] = set()
        for holding in HOLDINGS:
            if not links[holding.by] or not db[holding.table].exists():
                continue
            marks = ",".join("?" * len(links[holding.by]))
            cursor = db.execute(f"select rowid as _rowid, * from [{holding.table}] where [{holding.key}] in "
                                f"({marks})", links[holding.by])
            names = [d[0] for d in cursor.description]
            for values in cursor.fetchall():
                record = dict(zip(names, values, strict=True))
                if (holding.table, record["_rowid"]) in seen:
                    continue
                seen.add((holding.table, record.pop("_rowid")))
                for column in holding.json_columns:
                    if record.get(column):
                        record[column] = json.loads(record[column])
                held.setdefault(holding.table, []).append(record)
    return {"reference": ref, "held": held, "other_cases_of_this_requester": others,
            "places": sorted({f"{h.table}.{c}" for h in HOLDINGS for c in (*h.columns, *h.json_columns)}),
            "exported_at": utcnow()}
