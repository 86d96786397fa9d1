"""CSV and plain-text inspector: personal-data patterns and headings, small counts, formula injection."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location
from foibot.release.limits import ReleaseLimits
from foibot.release.package import MalformedError
from foibot.release.personal import Tally
from foibot.release.tables import DateColumns, ServiceNumbers, SmallCounts, heading_finding, heading_kind
from foibot.release.xlsx_sheet import col_index, col_letter

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)%?$")
# a whole cell that is a date: 14/03/1987, 14-03-1987, 14.03.1987 (day first, as in the UK) or 1987-03-14
_DATE = re.compile(r"^(?:(?P<d1>[0-3]?\d)[/.-][01]?\d[/.-](?P<y1>(?:19|20)\d\d)"
                   r"|(?P<y2>(?:19|20)\d\d)-[01]\d-(?P<d2>[0-3]\d))(?:[ T]00:00(?::00)?)?$")
_PHONE_LIKE = re.compile(r"^\+\d[\d ()-]{6,}$")
_INJECTION = ("=", "+", "-", "@", "\t", "\r")


def _encoding(head: bytes) -> str:
    try:
        head.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        return "utf-8-sig" if exc.start >= len(head) - 4 else "cp1252"


def _text_stream(source: Path | bytes, head: bytes) -> io.TextIOBase:
    enc = _encoding(head)
    if isinstance(source, bytes):
        return io.TextIOWrapper(io.BytesIO(source), encoding=enc, errors="replace", newline="")
    return open(source, encoding=enc, errors="replace", newline="")  # noqa: SIM115 - closed by caller


def _rows(stream: io.TextIOBase, head: bytes) -> Iterator[list[str]]:
    sample = head[:16384].decode("utf-8", "replace")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(stream, dialect)


def injection(cell: str) -> bool:
    return cell.startswith(_INJECTION) and not _NUMBER.match(cell.strip()) and not _PHONE_LIKE.match(cell.strip())


def inspect_csv(source: Path | bytes, head: bytes, limits: ReleaseLimits, out: list[Finding]) -> None:
    tally = Tally(limits)
    small = SmallCounts(limits.small_count_min, limits.small_count_max)
    dates = DateColumns(date.today().year)
    headings: list[tuple[str, str, str]] = []
    services = ServiceNumbers()
    inject: list[str] = []
    n_inject = 0
    with _text_stream(source, head) as stream:
        try:
            for n, row in enumerate(_rows(stream, head), start=1):
                if n == 1:
                    for col, cell in enumerate(row):
                        small.heading(col, cell)
                        dates.heading(col, cell)
                        kind = heading_kind(cell)
                        services.heading(col, kind)
                        if kind:
                            headings.append((f"{col_letter(col)} ", cell, kind))
                else:
                    for col, cell in enumerate(row):
                        if cell:
                            small.value(col, cell, n)
                            services.value(col, cell)
                            m = _DATE.match(cell.strip()) if len(cell) <= 20 else None
                            if m:
                                day, year = (int(m["d1"]), int(m["y1"])) if m["d1"] else (int(m["d2"]), int(m["y2"]))
                                dates.date(col, year, day, f"{col_letter(col)}{n}", False)
                line = " | ".join(row)
                if len(line) > 5:
                    tally.scan(line, f"row {n}")
                for col, cell in enumerate(row):
                    if cell and injection(cell):
                        n_inject += 1
                        if len(inject) < limits.examples:
                            inject.append(f"{col_letter(col)}{n}: {cell[:30]}")
        except csv.Error as exc:
            raise MalformedError(f"the CSV cannot be read ({exc})") from exc
    headings = [(c.strip(), t, k) for c, t, k in headings
                if not (k == "phone" and services.only_services(col_index(c.strip())))]
    f = heading_finding(headings, hidden=False)
    if f:
        out.append(f)
    out.extend(tally.findings())
    f = small.finding("the table")
    if f:
        out.append(f)
    f = small.recoverable_finding("the table")
    if f:
        out.append(f)
    f = dates.finding("the table")
    if f:
        out.append(f)
    if n_inject:
        out.append(finding("csv.formula_injection", Location(cell=inject[0].split(":")[0]),
                           f"{n_inject} cell(s) start with =, +, - or @", count=n_inject, examples=inject))


def inspect_text(source: Path | bytes, head: bytes, limits: ReleaseLimits, out: list[Finding]) -> None:
    tally = Tally(limits)
    with _text_stream(source, head) as stream:
        for n, line in enumerate(stream, start=1):
            if len(line) > 5:
                tally.scan(line, f"line {n}")
    out.extend(tally.findings())
