"""``foibot chat``: the console chat (also what ``python app.py`` opens without Slack tokens)."""

from __future__ import annotations

import argparse
from pathlib import Path

from foibot.register.store import drafts_dir
from foibot.surfaces.commands._common import runtime
from foibot.surfaces.console import Console, typed_ahead


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("chat", help="chat in the terminal: paste a request, answer, get the letter")
    p.add_argument("--out", help="folder for the Word files (default: drafts/<database name>/ beside the "
                   "database, where foibot purge finds them)")
    p.set_defaults(run=run)


def _read(prompt: str) -> str | None:
    try:
        return input(prompt)
    except EOFError:
        return None


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    out = Path(args.out) if args.out else drafts_dir(rt.store.path)
    return Console(rt.engine, read=_read, write=print, out_dir=out, pending=typed_ahead).run()
