"""``foibot cases``: the open cases (awaiting clarification included); ``foibot cases import FILE [--map
FIELD=COLUMN]`` loads a disclosure log."""

from __future__ import annotations

import argparse

from foibot.register.cases import STATUSES, cases_in, open_cases
from foibot.register.disclosure_log import ALIASES, import_log, parse_mapping
from foibot.surfaces import views
from foibot.surfaces.commands._common import runtime


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cases", help="the case register: open cases (no VERB), or import a disclosure log")
    p.add_argument("--status", action="append", choices=STATUSES, metavar="STATUS",
                   help=f"list the cases in this status instead (again for more): {', '.join(STATUSES)}")
    p.set_defaults(run=list_open)
    verbs = p.add_subparsers(dest="verb", metavar="VERB")
    imp = verbs.add_parser("import", help="import past requests from a CSV or JSONL disclosure log",
                           description="Columns: reference, date, request, outcome, exemptions (also requester, "
                           "requester_email, topic). Rows already in the register are skipped; bad rows are "
                           "reported with their line number and the rest imported.")
    imp.add_argument("file", help="a .csv or .jsonl file")
    imp.add_argument("--map", action="append", metavar="FIELD=COLUMN", default=[],
                     help=f"read FIELD from another column, e.g. request=request_text ({', '.join(ALIASES)})")
    imp.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    mapping = parse_mapping(args.map)
    rt = runtime(args)
    report = import_log(rt.store, args.file, mapping)
    print(report.summary())
    return 1 if report.stopped or report.errors and not report.imported and not report.skipped else 0


def list_open(args: argparse.Namespace) -> int:
    rt = runtime(args)
    if getattr(args, "status", None):
        print(views.open_cases(cases_in(rt.store, args.status), rt.engine.today(), rt.register))
        return 0
    print(views.open_cases(open_cases(rt.store), rt.engine.today(), rt.register))
    return 0
