"""``foibot topics import FILE.csv``: load the authority's own publication list; ``foibot topics`` lists it."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from foibot.errors import DataError
from foibot.knowledge.topic_import import merge_topics, read_topics_csv
from foibot.surfaces.runtime import data_root, load_data


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("topics", help="list report topics, or import them from a CSV file")
    p.add_argument("action", nargs="?", choices=("list", "import"), default="list")
    p.add_argument("file", nargs="?", help="CSV with columns id,title,aliases,keywords,status,published,url,"
                                           "planned,summary (lists separated by ';')")
    p.add_argument("--replace", action="store_true", help="replace every topic instead of merging by id")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = data_root(args.data)
    if args.action == "list":
        _, kb, _ = load_data(root)
        for topic in kb.topics.values():
            when = topic.published or f"planned {topic.planned}"
            print(f"{topic.id:32} {topic.status:11} {when:14} {topic.title}")
        return 0
    if not args.file:
        raise DataError("topics import", None, None, "needs a CSV file")
    topics = read_topics_csv(Path(args.file))
    target = root / "intents" / "topics.yaml"
    backup = target.with_suffix(".yaml.bak") if target.exists() else None  # else the profile's first list
    if backup:
        shutil.copy(target, backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    added, updated = merge_topics(target, topics, replace=args.replace)
    try:
        load_data(root)
    except DataError:
        if backup:  # never leave foibot unable to start
            shutil.copy(backup, target)
        else:
            target.unlink()
        raise
    kept = f"; previous file kept as {backup.name}" if backup else ""
    print(f"Imported {len(topics)} topics ({added} new, {updated} updated) into {target}{kept}.")
    return 0
