"""``foibot exemption SECTION``: what foibot knows of an exemption: nature, statute, questions, factors."""

from __future__ import annotations

import argparse

from foibot.errors import InputError
from foibot.surfaces.commands._common import runtime
from foibot.surfaces.foi_command import describe, exemption_list, find_exemption, subsection_notes


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("exemption", help="show an exemption (no SECTION lists them)")
    p.add_argument("section", nargs="?", help="e.g. s22, s31(1)(a), r12(5)(e), FOISA s35(1)(a)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    if not args.section:  # the profile's law only, each as it may be typed (as /foi exemption lists them)
        print("\n".join(exemption_list(rt.engine)))
        return 0
    try:
        exemption, limb = find_exemption(rt.engine, args.section, command="exemption")  # the same rule as /foi
    except InputError:
        notes = subsection_notes(rt.engine, args.section)  # s36(5): what foibot knows of it, as /foi exemption says
        if notes is None:
            raise
        print(notes)
        return 0
    print(describe(rt.engine, exemption, limb, typed=args.section))
    if exemption.qualified:
        kind = rt.authority.type
        print(f"\nFactors offered to this authority ({kind}, from authority.toml):")
        for side, label in (("for", "in favour of disclosure"), ("against", "in favour of maintaining it")):
            print(f"  {label}: " + ", ".join(o.value for o in exemption.pit_options(side, kind)))
    return 0
