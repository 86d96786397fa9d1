"""``foibot eval FILE.jsonl [OTHER.jsonl]``: how well foibot suggests exemptions on answered requests.

Cold start, warm and own register on each file (cross-validated), and with two files cross-set both ways
(the same three); foibot beside the constant and the authority-type baselines, from one run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from foibot.errors import InputError
from foibot.suggest.evaluate import RANKERS, Evaluation
from foibot.suggest.learning import read_answered
from foibot.suggest.scenarios import REGISTERS, cross, within
from foibot.surfaces.commands._common import runtime


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="evaluate exemption suggestions on JSONL files of answered requests")
    p.add_argument("files", nargs="+", help="one or two JSONL files with id, request, exemptions (authority_type)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    paths = [Path(f) for f in args.files[:2]]
    data = [read_answered(p) for p in paths]
    for path, rows in zip(paths, data, strict=True):
        if not rows:
            raise InputError(f"{path} has no answered requests, so there is nothing to score (one JSON object a "
                             "line with id, request and exemptions)")
    suggester = rt.suggest
    results: list[Evaluation] = []
    for path, rows in zip(paths, data, strict=True):
        results.extend(within(rows, path.name, suggester, register=r) for r in REGISTERS)
    if len(paths) == 2:
        for i, j in ((0, 1), (1, 0)):
            results.extend(cross(data[i], data[j], f"{paths[i].name} -> {paths[j].name}", suggester, register=r)
                           for r in REGISTERS)
    if args.json:
        print(json.dumps({ev.name: ev.to_json() for ev in results}, indent=2))
        return 0
    width = max(len(ev.name) for ev in results) + 2
    print("Recall@3 / precision@3 / mean reciprocal rank of exemption families, averaged per case.")
    print(f"{'scenario':{width}}{'n':>4}" + "".join(f"  {r:>20}" for r in RANKERS) + "  fewest suggested")
    for ev in results:
        cells = "".join(f"  {f['recall']:>8.2f} /{f['precision']:>5.2f} /{f['mrr']:>5.2f}"
                        for f in (ev.scores[r].figures() for r in RANKERS))
        fewest = "-" if ev.fewest_suggestions is None else ev.fewest_suggestions
        print(f"{ev.name:{width}}{ev.cases:>4}{cells}  {fewest:>16}")
    return 0
