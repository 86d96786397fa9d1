"""``foibot para NAME``: a standard paragraph, with the authority's details filled in."""

from __future__ import annotations

import argparse

from foibot.surfaces import views
from foibot.surfaces.commands._common import runtime


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("para", help="print a standard paragraph (no NAME lists them)")
    p.add_argument("name", nargs="?")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    engine = rt.engine
    print("\n".join(views.paragraphs(engine)) if not args.name else views.paragraph(engine, args.name).rstrip("\n"))
    return 0
