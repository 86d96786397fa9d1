"""``foibot para NAME``: a standard paragraph, with the authority's details filled in."""

from __future__ import annotations

import argparse

from foibot.surfaces.commands._common import runtime
from foibot.surfaces.foi_command import paragraph, paragraph_names, paragraphs_not_offered


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("para", help="print a standard paragraph (no NAME lists them, and any the profile's law "
                                    "has no counterpart for, with why)")
    p.add_argument("name", nargs="?")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    engine = rt.engine
    if not args.name:  # the same list as /foi para: those offered under the profile's law, then those not, and why
        print("\n".join([*paragraph_names(engine), *(["", *paragraphs_not_offered(engine)]
                                                     if paragraphs_not_offered(engine) else [])]))
        return 0
    print(paragraph(engine, args.name).rstrip("\n"))
    return 0
