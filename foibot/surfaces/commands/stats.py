"""``foibot stats [--from DATE --to DATE] [--by month|quarter] [-o DIR]``: register statistics, CSV and chart."""

from __future__ import annotations

import argparse
import json

from foibot.register.stats import PERIODS, compute, write_outputs
from foibot.surfaces.commands._common import read_date as parse_date
from foibot.surfaces.commands._common import runtime


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="requests by month or quarter, outcomes, exemptions, %% answered in time")
    p.add_argument("--from", dest="start", metavar="DATE", help="first day received (day first, or ISO)")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day received")
    p.add_argument("--by", choices=PERIODS, default="month", help="month (default) or quarter")
    p.add_argument("-o", "--output", metavar="DIR", help="also write stats-by-<period>.csv and .png here")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    start = parse_date(args.start) if args.start else None
    end = parse_date(args.end) if args.end else None
    rt = runtime(args)
    stats = compute(rt.store, start=start, end=end, by=args.by, today=rt.engine.today())
    print(json.dumps(stats.to_json(), indent=2) if args.json else stats.table())
    if args.output:
        for path in write_outputs(stats, args.output):
            print(f"Wrote {path}")
    return 0
