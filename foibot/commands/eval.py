"""``foibot eval FILE.jsonl``: how well foibot suggests exemptions on requests whose answers are known."""

from __future__ import annotations

import argparse
from pathlib import Path

from foibot.commands._common import runtime
from foibot.disclosure_log import import_log
from foibot.evaluate import evaluate, load_cases
from foibot.learned import blend, prior
from foibot.register import Register
from foibot.similar import find_similar
from foibot.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="evaluate exemption suggestions on a JSONL of answered requests")
    p.add_argument("file", help="JSONL with id, request and exemptions (the requests-dev format)")
    p.add_argument("--cues-only", action="store_true", help="leave out what similar past cases cited")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    path = Path(args.file)
    cases = load_cases(path)
    past = Store(":memory:")  # the other cases, as a register; each case is left out of its own search
    import_log(Register(past), path)

    def suggest(case: dict) -> list[str]:
        suggestions = rt.matcher.suggest(case["request"])
        if not args.cues_only:
            suggestions = blend(suggestions, find_similar(past, case["request"], limit=3, exclude=case["id"]),
                                frequency=prior(past, exclude=case["id"]))
        return [s.key for s in suggestions.exemptions]

    print(evaluate(cases, suggest).report())
    return 0
