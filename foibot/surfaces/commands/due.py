"""``foibot due``: cases due within the next few working days, and overdue cases (the daily digest)."""

from __future__ import annotations

import argparse
import json

from foibot.register.reminders import DIGEST_WORKING_DAYS
from foibot.surfaces.commands._common import read_date as parse_date
from foibot.surfaces.commands._common import runtime
from foibot.surfaces.views import due_report


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("due", help="cases due soon and overdue")
    p.add_argument("--within", type=_working_days, default=DIGEST_WORKING_DAYS, metavar="N",
                   help=f"working days ahead to look (default {DIGEST_WORKING_DAYS})")
    p.add_argument("--today", metavar="DATE", help="as if today were DATE")
    p.add_argument("--json", action="store_true", help="print the digest as JSON")
    p.set_defaults(run=run)


def _working_days(text: str) -> int:
    """A number of working days: a whole number, 0 or more."""
    if not text.strip().isdecimal():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of working days (0 or more)")
    return int(text)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    today = parse_date(args.today) if args.today else rt.engine.today()
    result, schools = due_report(rt.register, rt.store, rt.authority, today, args.within)
    if args.json:
        print(json.dumps(result.to_json() | ({"schools": schools} if schools else {}), indent=2))
    else:
        print(result.text() + (f"\nNote: {schools}" if schools else ""))
    return 0

