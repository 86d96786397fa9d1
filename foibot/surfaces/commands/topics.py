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
    backup = target.with_suffix(".yaml.bak")
    shutil.copy(target, backup)
    added, updated = merge_topics(target, topics, replace=args.replace)
    try:
        load_data(root)
    except DataError:
        shutil.copy(backup, target)  # never leave foibot unable to start
        raise
    print(f"Imported {len(topics)} topics ({added} new, {updated} updated) into {target}; previous file kept as "
          f"{backup.name}.")
    return 0
