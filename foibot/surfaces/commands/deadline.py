"""``foibot deadline``: the statutory due date of a request."""

from __future__ import annotations

import argparse
import json
from datetime import date

from foibot.knowledge.authority import Authority
from foibot.law.dates import today as today_
from foibot.law.deadlines import HOLIDAY_DATA_UNTIL, due_date, regime_for, schools_note
from foibot.surfaces import views
from foibot.surfaces.commands._common import named_days
from foibot.surfaces.foi_command import read_planned_date


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``deadline`` subcommand."""
    parser = subparsers.add_parser(
        "deadline",
        help="work out when a request is due",
        description="Work out the statutory due date of an FOI/EIR/FOISA request. Dates are day first "
        "(28/09/2019, 2019-09-28, '28 September 2019', today, yesterday, tomorrow, 'last Friday', "
        "'Christmas Eve'), read as the chat reads them; a date without its year ('30 November', "
        "\"St Andrew's Day\") is the nearest one, before or after today.",
    )
    parser.add_argument("date", metavar="DATE", help="the date the request was received (or will be: a later date "
                        "gives the due date if it arrives then)")
    parser.add_argument("--regime", help="foia, eir, foisa or eisr (default: the profile's regime, foia or foisa; "
                        "a Scottish authority's environmental requests are eisr, never eir)")
    parser.add_argument("--clarified", metavar="DATE", help="date the s1(3) clarification arrived (restarts the clock)")
    parser.add_argument("--fee-notice", metavar="DATE", help="date the s9 fees notice was given (FOIA)")
    parser.add_argument("--fee-paid", metavar="DATE", help="date the fee was received (FOIA)")
    parser.add_argument(
        "--extension", choices=("pit", "reg7"), help="pit: FOIA s10(3) public interest; reg7: EIR reg 7 (40 days)"
    )
    parser.add_argument("--json", action="store_true", help="print the deadline as JSON")
    parser.set_defaults(run=run)


def _profile(args: argparse.Namespace) -> Authority | None:
    """The authority profile (``--data``, $FOIBOT_DATA or the checkout), or None without an authority.toml in
    the default place (e.g. an installed package): then the built-in defaults apply."""
    from foibot.knowledge.authority import load_authority
    from foibot.surfaces.runtime import data_root

    path = data_root(getattr(args, "data", None)) / "authority.toml"
    if not path.exists() and not getattr(args, "data", None):
        return None
    return load_authority(path)


def run(args: argparse.Namespace) -> int:
    """Print the due date (text or JSON)."""
    data = getattr(args, "data", None)
    days, today = named_days(data), today_()  # relative words are read against FOIBOT_TODAY when set

    def parse_date(text: str) -> date:
        return read_planned_date(text, today=today, named_days=days)

    received = parse_date(args.date)
    clarified = parse_date(args.clarified) if args.clarified else None
    profile = _profile(args)
    deadline = due_date(
        received,
        regime_for(args.regime, profile.regime if profile else None),
        clarification_received=clarified,
        fee_notice_given=parse_date(args.fee_notice) if args.fee_notice else None,
        fee_received=parse_date(args.fee_paid) if args.fee_paid else None,
        extension=args.extension,
        holiday_data_until=profile.holiday_data_until if profile else HOLIDAY_DATA_UNTIL,
    )
    ahead = views.ahead_of_today(max(received, clarified or received), today)
    schools = schools_note(profile.type if profile else None, deadline.regime)
    if args.json:
        print(json.dumps(deadline.to_json() | ({"note": ahead} if ahead else {})
                         | ({"schools": schools} if schools else {}), indent=2))
    else:
        print(views.deadline(deadline, received, today=today) + (f"\nNote: {schools}" if schools else ""))
    return 0

