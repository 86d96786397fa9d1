"""``foibot export-case REF [-o FILE]``: all that is held about a case, as JSON (for a subject access request)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from foibot.register.retention import export_case
from foibot.surfaces.commands._common import runtime, write_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-case", help="export everything held about a case (subject access)")
    p.add_argument("ref", nargs="+")
    p.add_argument("-o", "--output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    ref = rt.register.require(" ".join(args.ref)).ref  # typed as loosely as `foibot case` takes it
    text = json.dumps(export_case(rt.store, ref), indent=2, ensure_ascii=False, default=str)
    if args.output:
        write_file(Path(args.output), text + "\n")
        print(f"Wrote {args.output}")
    else:
        print(text)
    return 0
