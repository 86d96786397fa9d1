"""The authority's profile (``authority.toml``): name, address, references, review window, signature."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from foibot.errors import DataError

_WORKING_DAYS = re.compile(r"^\s*(\d+)\s+working\s+days?\s*$", re.I)

AUTHORITY_TYPES = ("police", "council", "central_government", "health", "inspectorate", "education", "other")
"""What kind of body the authority is (``type`` in authority.toml); picks the public interest factors offered."""
PROFILE_REGIMES = ("foia", "foisa")
DEVOLVED = ("northern_ireland",)
"""A devolved administration the authority belongs to (``devolved`` in authority.toml): a Northern Ireland department
answers to the Assembly, and its qualified person under section 36 is its own Minister."""
"""The access law the authority answers under by default: the UK Act, or the Scottish Act for Scottish bodies."""


@dataclass(frozen=True)
class Authority:
    name: str
    short_name: str
    address: tuple[str, ...]
    email: str
    type: str = "other"
    regime: str = "foia"
    devolved: str = ""
    protective_marking: str = ""
    reference_format: str = "FOI {year}-{seq}"
    phone: str = ""
    website: str = ""
    publications_url: str = ""
    cost_limit: int = 450
    review_window: str = "40 working days"
    review_contact_title: str = ""
    review_address: tuple[str, ...] = ()
    review_email: str = ""
    closing: str = "Yours sincerely,"
    signature_name: str = "FOI Team"
    signature_role: str = ""
    holiday_data_until: int = 2028
    reminder_working_days: int = 3
    retention_months: int = 24
    release_max_file_mb: int = 50
    release_small_count_max: int = 4
    release_patterns: tuple[tuple[str, str, str], ...] = ()

    @property
    def own_contacts(self) -> tuple[str, ...]:
        """The authority's own contact details (FOI and review email, telephone, postal addresses): printed in
        every letter, and not personal data."""
        return tuple(v for v in (self.email, self.review_email, self.phone, *self.address, *self.review_address) if v)

    @property
    def review_window_working_days(self) -> int | None:
        """The review window as a number of working days, or None if it is given in other words."""
        match = _WORKING_DAYS.match(self.review_window)
        return int(match.group(1)) if match else None

    def reference(self, year: int, seq: int) -> str:
        return self.reference_format.format(year=year, seq=seq)


def load_authority(path: Path) -> Authority:
    """Read and check ``authority.toml``."""
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(name, None, None, "is missing: copy the example authority.toml and edit it") from exc
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise DataError(name, int(line.group(1)) if line else None, None, f"is not valid TOML: {exc}") from exc

    def need(table: dict[str, Any], key: str, kind: type, where: str = "") -> Any:
        if key not in table:
            raise DataError(name, None, where + key, "is required")
        if not isinstance(table[key], kind):
            raise DataError(name, _line_of(path, key), where + key, f"must be {kind.__name__}")
        return table[key]

    review = data.get("internal_review", {})
    signature = data.get("signature", {})
    deadlines = data.get("deadlines", {})
    fmt = str(data.get("reference_format", "FOI {year}-{seq}"))
    try:
        fmt.format(year=2019, seq=26)
    except (KeyError, IndexError, ValueError) as exc:
        raise DataError(name, _line_of(path, "reference_format"), "reference_format",
                        "may use only {year} and {seq} (e.g. 'FOI {year}-{seq:03d}')") from exc
    kind = str(data.get("type", "other"))
    if kind not in AUTHORITY_TYPES:
        raise DataError(name, _line_of(path, "type"), "type", f"must be one of {', '.join(AUTHORITY_TYPES)} "
                        f"(got '{kind[:40]}')")
    regime = str(data.get("regime", "foia")).lower()
    if regime not in PROFILE_REGIMES:
        raise DataError(name, _line_of(path, "regime"), "regime", "must be foia (UK bodies) or foisa (Scottish public "
                        f"authorities) (got '{regime[:40]}')")
    devolved = str(data.get("devolved", "")).strip().lower()
    if devolved and devolved not in DEVOLVED:
        raise DataError(name, _line_of(path, "devolved"), "devolved", "must be northern_ireland (a Northern Ireland "
                        f"department) or left out (got '{devolved[:40]}')")
    marking = data.get("protective_marking", "")
    if not isinstance(marking, str) or len(marking) > 60 or "\n" in marking:
        raise DataError(name, _line_of(path, "protective_marking"), "protective_marking",
                        "must be a short line of text such as OFFICIAL, or empty")
    cost_limit = int(data.get("cost_limit", 450))
    if cost_limit not in (450, 600):
        raise DataError(name, _line_of(path, "cost_limit"), "cost_limit", "must be 450 or 600 (Fees Regulations reg 3)")
    return Authority(
        name=need(data, "name", str), short_name=str(data.get("short_name") or data["name"]),
        address=tuple(need(data, "address", list)), email=need(data, "email", str), reference_format=fmt,
        type=kind, regime=regime, devolved=devolved, protective_marking=marking.strip(),
        phone=str(data.get("phone", "")), website=str(data.get("website", "")),
        publications_url=str(data.get("publications_url", "")), cost_limit=cost_limit,
        review_window=str(review.get("window", "40 working days")),
        review_contact_title=str(review.get("contact_title", "")),
        review_address=tuple(review.get("address", data["address"])), review_email=str(review.get("email", "")),
        closing=str(signature.get("closing", "Yours sincerely,")),
        signature_name=str(signature.get("name", "FOI Team")),
        signature_role=str(signature.get("role", "")),
        holiday_data_until=int(deadlines.get("holiday_data_until", 2028)),
        reminder_working_days=int(deadlines.get("reminder_working_days", 3)),
        retention_months=int(data.get("retention", {}).get("months", 24)),
        **_release_check(data.get("release_check", {}), path),
    )


def _release_check(table: Any, path: Path) -> dict[str, Any]:
    """``[release_check]``: max_file_mb (1-1000), small_count_max (1-100), ``[[release_check.patterns]]``
    (id, label, regex): patterns of the authority's own, such as police collar numbers."""
    if not isinstance(table, dict):
        raise DataError(path.name, _line_of(path, "release_check"), "release_check", "must be a table")
    out: dict[str, Any] = {}
    for key, low, high in (("max_file_mb", 1, 1000), ("small_count_max", 1, 100)):
        value = table.get(key)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise DataError(path.name, _line_of(path, key), f"release_check.{key}",
                            f"must be a whole number from {low} to {high}")
        out[f"release_{key}"] = value
    entries = table.get("patterns", [])
    if not isinstance(entries, list):
        raise DataError(path.name, _line_of(path, "patterns"), "release_check.patterns", "must be a list")
    headers = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if line.strip().startswith("[[release_check.patterns]]")]
    patterns = []
    for i, entry in enumerate(entries):
        where, line = f"release_check.patterns[{i}]", headers[i] if i < len(headers) else None
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry[k].strip()
                                                  for k in ("id", "label", "regex")):
            raise DataError(path.name, line, where, "needs id, label and regex (text)")
        try:
            re.compile(entry["regex"])
        except re.error as exc:
            raise DataError(path.name, line, where, f"regex is invalid: {exc}") from exc
        patterns.append((entry["id"], entry["label"], entry["regex"]))
    if patterns:
        out["release_patterns"] = tuple(patterns)
    return out


# What a profile copied from the sample must change (README "Your authority"): authority.toml keys, as named there
_SAMPLE_KEYS = (("website", "website"), ("publications_url", "publications_url"), ("email", "email"),
                ("address", "address"), ("review_email", "internal_review.email"),
                ("review_address", "internal_review.address"))


def sample_leftovers(authority: Authority, sample: Authority, topics: dict[str, Any],
                     sample_topics: dict[str, Any]) -> list[str]:
    """Warnings for a profile of another authority (its name is not the sample's) that still holds the sample's
    contact details, website or report topics: letters would send requesters to the sample's pages and addresses,
    and suggestions would offer the sample's reports. None for the sample itself."""
    if authority.name == sample.name:
        return []
    out = [f"authority.toml: {key} is still the sample's ({_shown(getattr(sample, field))}): change it to "
           f"{authority.short_name}'s" for field, key in _SAMPLE_KEYS
           if getattr(authority, field) and getattr(authority, field) == getattr(sample, field)]
    kept = [t for key, t in topics.items() if key in sample_topics and t.title == sample_topics[key].title]
    if kept:
        out.append(f"intents/topics.yaml: {len(kept)} of its {len(topics)} report topics are the sample's (such as "
                   f"'{kept[0].title}'): replace them with {authority.short_name}'s publications "
                   "(foibot topics import FILE.csv)")
    return out


def _shown(value: Any) -> str:
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def profile_type(path: Path) -> str:
    """The profile's ``type`` (``other`` when there is no profile or it does not say; load_authority validates)."""
    kind = _profile(path).get("type", "other")
    return kind if kind in AUTHORITY_TYPES else "other"


def profile_name(path: Path) -> str:
    """The profile's ``name`` ("" when there is no profile or it does not say; load_authority validates)."""
    return str(_profile(path).get("name") or "")


def _profile(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def _line_of(path: Path, key: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None
