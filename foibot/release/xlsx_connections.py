"""Data connections a workbook keeps (Power Query, ODBC and OLE DB, web and text queries): the server, login,
query and file paths are saved in the file whether or not anything on a sheet shows them."""

from __future__ import annotations

import re

from foibot.release.catalogue import finding
from foibot.release.findings import Finding, Location, shortened
from foibot.release.package import Package
from foibot.release.personal import Tally

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SERVER = re.compile(r"(?i)(?:^|;)\s*(?:server|data source|dsn|host)\s*=\s*([^;]+)")
_LOGIN = re.compile(r"(?i)(?:^|;)\s*(?:uid|user id|user)\s*=\s*([^;]+)")
_PATH = re.compile(r"(?i)(?:[a-z]:\\|\\\\|file:)[^;\"']+")
_PLAIN = {"$workbook$", "admin", ""}




def _describe(conn, texts: list[str]) -> str:
    """'AC-SQL02 Rents' (server AC-SQL02\\HOUSING, login kpatel, query 'SELECT …', file C:\\Users\\…)."""
    joined = ";".join(texts)
    bits = []
    server = next((m.group(1).strip() for m in _SERVER.finditer(joined) if m.group(1).strip().lower() not in _PLAIN),
                  None)
    if server:
        bits.append(f"server {server}")
    login = next((m.group(1).strip() for m in _LOGIN.finditer(joined) if m.group(1).strip().lower() not in _PLAIN),
                 None)
    if login:
        bits.append(f"login {login}")
    db = conn.find(f"{M}dbPr")
    if db is not None and db.get("command"):
        bits.append(f"query {shortened(db.get('command', ''), 50)!r}")
    path = _PATH.search(joined)
    if path:
        bits.append(f"file {shortened(path.group(0), 70)}")
    return f"'{conn.get('name', '?')}'" + (f" ({', '.join(bits)})" if bits else "")


def connection_findings(pkg: Package, tally: Tally) -> list[Finding]:
    """One finding for the workbook's data connections, their strings scanned for personal data as hidden."""
    out: list[Finding] = []
    for part in pkg.matching("xl/connections", ".xml"):
        described: list[str] = []
        for conn in pkg.xml(part).iter(f"{M}connection"):
            texts = [conn.get(k) or "" for k in ("odcFile", "sourceFile", "description")]
            for child in conn:
                texts += [child.get(k) or "" for k in ("connection", "command", "url", "sourceFile")]
            texts = [t for t in texts if t]
            for t in texts:
                tally.scan(t, f"data connection '{conn.get('name', '?')}'", hidden=True)
            described.append(_describe(conn, texts))
        if described:
            out.append(finding("xlsx.connections", Location(part=part),
                               f"{len(described)} data connection{'s' if len(described) != 1 else ''} kept in the "
                               "file: " + "; ".join(described[:3]) + (" …" if len(described) > 3 else ""),
                               count=len(described), examples=described[:5]))
    return out
