"""``foibot eval FILE.jsonl [OTHER.jsonl]``: how well foibot suggests exemptions on answered requests.

Cold start, warm (leave-one-out) and, with two files, cross-set both ways; each beside the baseline.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from foibot.suggest.scenarios import cross, read_rows, within
from foibot.surfaces.commands._common import runtime


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="evaluate exemption suggestions on JSONL files of answered requests")
    p.add_argument("files", nargs="+", help="one or two JSONL files with id, request and exemptions")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    paths = [Path(f) for f in args.files[:2]]
    data = [read_rows(p) for p in paths]
    suggester = rt.suggest
    saved = suggester.store
    results: dict[str, tuple] = {}
    try:
        for path, rows in zip(paths, data, strict=True):
            results[f"cold {path.name}"] = within(rows, path, suggester, warm=False)
            results[f"warm {path.name}"] = within(rows, path, suggester, warm=True)
        if len(paths) == 2:
            results[f"cross {paths[0].name} -> {paths[1].name}"] = cross(data[0], paths[0], data[1], suggester)
            results[f"cross {paths[1].name} -> {paths[0].name}"] = cross(data[1], paths[1], data[0], suggester)
    finally:
        suggester.store = saved
    if args.json:
        print(json.dumps({name: {**ev.to_json(), "without_suggestions": empty}
                          for name, (ev, empty) in results.items()}, indent=2))
        return 0
    print(f"{'scenario':52}{'n':>4}  {'recall@3':>9}{'prec@3':>8}{'MRR':>7}   {'baseline':>9}{'prec@3':>8}{'MRR':>7}"
          f"  no suggestion")
    for name, (ev, empty) in results.items():
        a, b = ev.ours.figures(), ev.baseline.figures()
        print(f"{name:52}{ev.cases:>4}  {a['recall']:>9.2f}{a['precision']:>8.2f}{a['mrr']:>7.2f}   "
              f"{b['recall']:>9.2f}{b['precision']:>8.2f}{b['mrr']:>7.2f}  {empty:>6}")
    return 0
