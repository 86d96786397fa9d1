"""``foibot eval FILE.jsonl``: how well foibot suggests exemptions on requests whose answers are known."""

from __future__ import annotations

import argparse
import json

from foibot.register.disclosure_log import import_log
from foibot.register.store import Store
from foibot.suggest.evaluate import cue_suggester, evaluate, load_cases, register_suggester
from foibot.surfaces.commands._common import runtime


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="evaluate exemption suggestions on a JSONL of answered requests")
    p.add_argument("file", help="JSONL with id, request and exemptions (the requests-dev format)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    cases = load_cases(args.file)
    past = Store(":memory:")  # the file's cases as a register; each case is left out of its own search
    import_log(past, args.file)
    blended = evaluate(cases, register_suggester(past, rt.matcher.suggest))
    cues = evaluate(cases, cue_suggester(rt.matcher.suggest))
    if args.json:
        print(json.dumps({"cues_and_past_cases": blended.to_json(), "cues_only": cues.to_json()}, indent=2))
        return 0
    print(blended.report("cues + past cases"))
    print()
    print(cues.report("cues only"))
    return 0
