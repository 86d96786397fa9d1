"""``foibot check LETTER_FILE``: the statutory (s17) check of a letter. Exit status 3 if anything is missing."""

from __future__ import annotations

import argparse
import json

from foibot.errors import InputError
from foibot.letter.checks import check
from foibot.surfaces.commands._common import read_request, runtime


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check a letter against the s17 checklist")
    p.add_argument("letter", help="the letter as a text file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    result = check(read_letter(args.letter), rt.kb)
    print(json.dumps(result.to_json(), indent=2) if args.json else result.summary())
    return 0 if result.ok else 3


def read_letter(path: str) -> str:
    """The letter file's text; an empty or binary file is an error that speaks of a letter, not a request."""
    try:
        return read_request(path)
    except InputError as exc:
        message = str(exc).replace(" Paste the text of the request.", "").replace("request", "letter")
        raise InputError(message if path in message else f"{path}: {message}") from exc
