"""``foibot para NAME``: a standard paragraph, with the authority's details filled in."""

from __future__ import annotations

import argparse
from datetime import date

from foibot.letter.blocks import to_text
from foibot.letter.drafting import make_environment, paragraph_names, render_paragraph
from foibot.surfaces.commands._common import runtime


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("para", help="print a standard paragraph (no NAME lists them)")
    p.add_argument("name", nargs="?")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    env = make_environment(rt.root / "snippets")
    if not args.name:
        print("\n".join(paragraph_names(env)))
        return 0
    print(to_text(render_paragraph(args.name, env, rt.kb, rt.authority, letter_date=date.today())), end="")
    return 0
