"""``foibot check LETTER_FILE``: the statutory (s17) check of a letter. Exit status 3 if anything is missing."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from foibot.errors import InputError
from foibot.letter.checks import check
from foibot.letter.word import NotALetter, docx_text
from foibot.surfaces.commands._common import read_request, runtime
from foibot.text import clean_request


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check a letter against the s17 checklist")
    p.add_argument("letter", help="the letter: a text file or a Word (.docx) file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    result = check(read_letter(args.letter), rt.kb)
    print(json.dumps(result.to_json(), indent=2) if args.json else result.summary())
    return 0 if result.ok else 3


def read_letter(path: str) -> str:
    """The letter file's text (a Word letter's as ``docx_text`` reads it); an empty or binary file is an error that
    speaks of a letter, not a request."""
    try:
        return clean_request(_word_text(path)) if _is_zip(path) else read_request(path)
    except InputError as exc:
        message = str(exc).replace(" Paste the text of the request.", "").replace("request", "letter")
        raise InputError(message if path in message else f"{path}: {message}") from exc


def _is_zip(path: str) -> bool:
    """Whether ``path`` is a zip package (a .docx is one), by its first bytes."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False  # read_request says why it cannot be read


def _word_text(path: str) -> str:
    """A Word letter's text, passed on as the text of the letter; a zip that is no Word document is one sentence."""
    try:
        text = docx_text(Path(path).read_bytes())
    except NotALetter as exc:
        raise InputError(f"{path}: cannot read it as a letter: {exc}. Give a Word (.docx) or text file.") from exc
    if not text.strip():
        raise InputError(f"{path}: the letter is empty.")
    return text
