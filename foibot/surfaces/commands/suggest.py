"""``foibot suggest REQUEST_FILE [--json]``: matched topics, intents and exemptions, with why."""

from __future__ import annotations

import argparse
import json

from foibot.conversation.email_parse import parse_email
from foibot.surfaces.commands._common import read_request, runtime

REGIMES = {"foia": " (Freedom of Information Act 2000)", "eir": " (Environmental Information Regulations 2004)",
           "foisa": " (Freedom of Information (Scotland) Act 2002: the sections above are its sections)"}
"""What each regime is, after its key: under FOISA the sections listed are FOISA's, as the officer types them."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="show the topics, intents and exemptions a request matches")
    p.add_argument("request", help="the request: a text file, - for standard input, or the text itself in quotes")
    p.add_argument("--json", action="store_true", help="print the documented JSON shape")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    parsed = parse_email(read_request(args.request))
    suggestions = rt.suggest(parsed.body, requester=parsed.name, email=parsed.email)
    if args.json:
        print(json.dumps(suggestions.to_json(), indent=2, ensure_ascii=False))
        return 0
    for title, items in (("Topics", suggestions.topics), ("Intents", suggestions.intents),
                         ("Exemptions", suggestions.exemptions)):
        print(f"{title}:")
        for s in items or []:
            key = s.typed if items is suggestions.exemptions else s.key  # s33(1)(b), not foisa-s33(1)(b)
            print(f"  {s.score:5.1f}  {key}  {s.label}\n         why: {s.why}")
        if not items:
            print("  (none)")
    print(f"Regime: {suggestions.regime}{REGIMES.get(suggestions.regime, '')}")
    for note in suggestions.notes:
        print(f"Note: {note}")
    return 0
