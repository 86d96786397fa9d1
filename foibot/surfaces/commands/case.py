"""``foibot case REF [--history] [--received DATE] [--status STATUS [--who NAME] [--on DATE]]``: show a case,
give its received date, or move it on."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from foibot.errors import InputError
from foibot.register.cases import STATUSES
from foibot.surfaces import views
from foibot.surfaces.commands._common import read_date, runtime, user_name


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("case", help="show a case in the register, its history, or change its status")
    p.add_argument("ref", help="the case reference, e.g. 'FOI 2025-12'")
    p.add_argument("--history", action="store_true", help="list every change: who, when, what")
    p.add_argument("--received", metavar="DATE", help="the day the request was received (the due date follows): "
                   "for a case opened without one, whose received date was assumed to be the day it was pasted")
    p.add_argument("--status", choices=STATUSES, help="move the case to this status: withdrawn (the requester "
                   "withdrew the request) or lapsed (the clarification asked for never came) ends it unanswered")
    p.add_argument("--extend", choices=("pit", "reg7"), help="extend the time to 40 working days, claimed by day 20 "
                   "(--on is the day): pit, FOIA s10(3) (the s17(1) notice still goes by day 20); reg7, EIR reg 7")
    p.add_argument("--who", help="who is making the change, for the case history (default: your user name, "
                   "$USER, else 'officer')")
    p.add_argument("--on", metavar="DATE", help="the day it happened (default today): for awaiting_clarification "
                   "-> new, the day the clarification arrived; for sent, the day sent; for withdrawn, the day "
                   "the requester withdrew it; for --extend, the day the extension was claimed")
    p.add_argument("--json", action="store_true", help="print the case as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    register = rt.register
    if args.received:
        received = read_date(args.received, today=register.today())
        if received > register.today():
            raise InputError(f"{received.isoformat()} is in the future (today is {register.today().isoformat()}): "
                             f"give the day the request was received")
        register.update(args.ref, args.who or user_name(), received=received)
    if args.extend and args.status:
        raise InputError("give --extend and --status in two commands: --on is the day of one of them")
    if args.extend:
        on = read_date(args.on, today=register.today()) if args.on else None
        register.extend(args.ref, args.extend, args.who or user_name(), on=on)
    if args.status:
        on = read_date(args.on, today=register.today()) if args.on else None
        moved = register.set_status(args.ref, args.status, args.who or user_name(), on=on)
        if args.status == "sent" and moved.status == "sent":
            for warning in register.sent_warnings(moved.ref):
                print(f"warning: {warning}", file=sys.stderr)
            if late := register.sent_lateness(moved.ref):  # a fact to state, not a warning to act on
                print(f"{moved.ref}: {late}")
        if args.status == "awaiting_clarification":
            late = next((e["detail"].get("late_request") for e in reversed(register.history(moved.ref))
                         if e["action"] == "status"), None)
            if late:
                print(f"warning: {moved.ref}: {late}", file=sys.stderr)
        if args.status == "internal_review":
            late = next((e["detail"].get("late_request") for e in reversed(register.history(moved.ref))
                         if e["action"] == "status"), None)
            window = register.review_window_end(moved)
            if late and window:
                print(f"warning: {moved.ref}: the internal review was asked for after the review window closed on "
                      f"{window.isoformat()}", file=sys.stderr)
    case = register.require(args.ref)
    # each entry with its words (``text``), as the console's 'history' and /foi case give them
    history = rt.engine.history(case.ref).entries if args.history else None
    if args.json:
        extension, extended_on, _ = register.extension_of(case)
        out = case.to_json() | {"extension": extension, "extended_on": _iso(extended_on),
                                "review_window_end": _iso(register.review_window_end(case)),
                                "reviews": [r.ref for r in register.reviews(case.ref)]}
        if history is not None:
            out["history"] = history
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(views.case_details(register, case, authority_type=rt.authority.type))
    for event in history or []:
        print(f"  {event['at'][:16].replace('T', ' ')}  {event['who'] or '-':<12} {event['text'] or event['action']}")
    return 0


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
