"""Import report topics from a spreadsheet (CSV) into ``intents/topics.yaml``.

Columns: id, title, aliases, keywords, status, published, url, planned, summary (lists separated
by ``;``). Each row is validated like the YAML file, and a bad row is reported with its line number
before anything is written.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import yaml

from foibot.errors import DataError
from foibot.knowledge.datafile import Node
from foibot.knowledge.loading import topic_from_node
from foibot.knowledge.model import Topic

COLUMNS = ("id", "title", "aliases", "keywords", "status", "published", "url", "planned", "summary")


def read_topics_csv(path: Path) -> list[Topic]:
    """Read and validate every row; raises DataError naming the CSV line of the first bad row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(path.name, None, None, f"cannot be read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise DataError(path.name, None, None, "is not UTF-8 text (save the spreadsheet as CSV UTF-8)") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = {"id", "title", "status", "summary"} - set(reader.fieldnames or [])
    if missing:
        raise DataError(path.name, 1, None, f"needs the columns {', '.join(sorted(missing))}")
    topics: list[Topic] = []
    for row in reader:
        node = Node({k: _cell(k, v) for k, v in row.items() if k in COLUMNS and v not in (None, "")})
        node.path, node.line, node.key_lines = path.name, reader.line_num, {}
        topics.append(topic_from_node(node))
    return topics


_STATUS = {"published": "published", "live": "published", "out": "published", "released": "published",
           "forthcoming": "forthcoming", "planned": "forthcoming", "upcoming": "forthcoming", "due": "forthcoming",
           "scheduled": "forthcoming", "future": "forthcoming", "in progress": "forthcoming"}
"""The words a publications spreadsheet uses for a report's status, as foibot's two ("Planned" is forthcoming)."""


def _cell(column: str, value: str) -> Any:
    value = value.strip()
    if column in ("aliases", "keywords"):
        return [v.strip() for v in value.split(";") if v.strip()]
    if column == "status":
        return _STATUS.get(value.lower(), value)
    return value


OWN_LIST = ("# The authority's own publications, imported with `foibot topics import` (see intents/README.md).\n"
            "# Edit them here, or import the spreadsheet again.\n\n")


def merge_topics(yaml_path: Path, topics: list[Topic], *, replace: bool = False) -> tuple[int, int]:
    """Write topics into ``topics.yaml`` (by id: new ones added, existing ones replaced; a profile without the file
    gets one of its own), keeping the file's opening comments; ``replace`` swaps the whole list, and the sample
    pack's warning with it. Returns (added, updated)."""
    text = yaml_path.read_text(encoding="utf-8") if yaml_path.exists() else ""
    header = "".join(re.match(r"((?:#[^\n]*\n|\s*\n)*)", text).group(1)) if text else OWN_LIST
    if replace and "SAMPLE PACK" in header:
        header = OWN_LIST  # the list is no longer the shipped sample
    existing = [] if replace else (yaml.safe_load(text) or [])
    by_id = {str(item.get("id")): i for i, item in enumerate(existing)}
    added = updated = 0
    for topic in topics:
        entry = {k: v for k, v in {
            "id": topic.id, "title": topic.title, "aliases": list(topic.aliases), "keywords": list(topic.keywords),
            "status": topic.status, "published": topic.published, "url": topic.url, "planned": topic.planned,
            "summary": topic.summary}.items() if v not in ("", [])}
        if topic.id in by_id:
            existing[by_id[topic.id]] = entry
            updated += 1
        else:
            by_id[topic.id] = len(existing)
            existing.append(entry)
            added += 1
    body = yaml.safe_dump(existing, sort_keys=False, allow_unicode=True, width=110)
    yaml_path.write_text(header + body, encoding="utf-8")
    return added, updated
