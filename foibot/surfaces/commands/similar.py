"""``foibot similar TEXT [--json]``: past requests like this one, with why (round-robin and s14(2) flags)."""

from __future__ import annotations

import argparse
import json
import sys

from foibot.suggest.similar import find_similar
from foibot.surfaces import views
from foibot.surfaces.commands._common import runtime
from foibot.text import clean_request


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("similar", help="find past requests like this one in the case register")
    p.add_argument("text", help="the request text ('-' reads it from standard input)")
    p.add_argument("--requester", default="", help="the requester's name (to spot a repeat request)")
    p.add_argument("--email", default="", help="the requester's email (to spot a repeat request)")
    p.add_argument("--limit", type=int, default=3, help="how many to show (default 3)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = clean_request(sys.stdin.read() if args.text == "-" else args.text)
    rt = runtime(args)
    results = find_similar(rt.store, text, limit=max(1, args.limit), requester=args.requester, email=args.email)
    if args.json:
        print(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
        return 0
    print(views.similar_cases(results))
    return 0
