"""``foibot purge [--older-than 24m] [--dry-run]``: anonymise requesters' details past the retention period."""

from __future__ import annotations

import argparse

from foibot.register.retention import parse_age, purge
from foibot.surfaces.commands._common import runtime


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("purge", help="anonymise requesters' personal data older than the retention period")
    p.add_argument("--older-than", help="e.g. 24m, 2y, 90d (default: [retention] months in authority.toml)")
    p.add_argument("--dry-run", action="store_true", help="list what would change (places, not values); change nothing")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    age = parse_age(args.older_than or f"{rt.authority.retention_months}m")
    print(purge(rt.store, older_than=age, today=rt.engine.today(), dry_run=args.dry_run).summary())
    return 0
