"""``foibot draft REQUEST_FILE --answers ANSWERS_FILE``: a letter from a request and an answers file."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from foibot.conversation.answers import load_answers, validate
from foibot.conversation.email_parse import parse_email
from foibot.errors import InputError
from foibot.law.dates import format_day
from foibot.letter.review_context import is_review, review_reference
from foibot.letter.word import docx_name, to_docx
from foibot.surfaces.commands._common import read_request, runtime, user_name, write_file
from foibot.surfaces.foi_command import find_exemption
from foibot.surfaces.runtime import Runtime


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("draft", help="draft a letter from a request file and an answers file")
    p.add_argument("request", help="the request as pasted: a text file (an email is fine), - for standard input,"
                   " or the text in quotes")
    p.add_argument("--answers", required=True, help="answers file (.json or .toml); see the README")
    p.add_argument("--format", choices=("text", "markdown", "json", "docx"), default="text")
    p.add_argument("-o", "--output", help="write here instead of standard output (needed for docx)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rt = runtime(args)
    parsed = parse_email(read_request(args.request))
    answers = _load_answers(Path(args.answers))
    _known_exemptions(rt, answers)
    for warning in validate(answers, rt.kb):
        print(f"warning: {warning}", file=sys.stderr)
    if parsed.name and not answers.get("requester_name"):
        answers["requester_name"] = parsed.name
    if parsed.received and not answers.get("received"):
        answers["received"] = parsed.received.isoformat()
    who = user_name()
    # The case is opened, the letter drafted and its version stored in one transaction: answers the letter
    # refuses (an unknown exemption, a regime the authority cannot answer under) leave the register untouched.
    with rt.store.transaction():
        if is_review(answers) and not answers.get("reference"):  # an outcome letter: the review's own case
            review = rt.register.find_case(str(answers["review_of"]))
            reviews = rt.register.reviews(review.ref) if review else []
            answers["reference"] = reviews[-1].ref if reviews else review_reference(answers)
        elif not answers.get("reference"):  # every draft belongs to a case: open one for this request
            received = answers.get("received")
            # The regime the letter is drafted under: the answers' own, else the authority's (FOISA for a
            # Scottish profile), so the register's due date, reminders and statistics use the same law.
            regime = str(answers.get("regime") or rt.authority.regime).strip().lower()
            case = rt.register.open_case(parsed.body, who=who,
                                         received=date.fromisoformat(str(received)) if received else None,
                                         regime=regime, requester_name=str(answers.get("requester_name") or ""),
                                         requester_email=parsed.email)
            answers["reference"] = case.ref
        draft = rt.engine.draft_answers(parsed.body, answers)
        if rt.register.get_case(draft.reference):
            key = f"cli:{draft.reference}"
            version = rt.store.add_draft(key, draft.text(), due=draft.due.due.isoformat() if draft.due else None,
                                         checks=draft.checks.to_json()["findings"], created_by=who,
                                         case_ref=draft.reference, letter_date=draft.letter_date.isoformat())
            rt.register.link_draft(draft.reference, key, version, who=who)
    if args.format == "docx":
        target = write_file(Path(args.output or docx_name(draft)), to_docx(draft))
        _record(rt, draft.reference, target, who)
        print(f"Wrote {target}")
    else:
        out = {"text": draft.text, "markdown": draft.markdown,
               "json": lambda: json.dumps(draft.to_json(), indent=2, ensure_ascii=False) + "\n"}[args.format]()
        if args.output:
            _record(rt, draft.reference, write_file(Path(args.output), out), who)
        else:
            sys.stdout.write(out)
    if args.format != "json":
        due = f"Due {format_day(draft.due.due)}" + (" (LATE)" if draft.late else "") if draft.due else (
            draft.due_error or "No date received given, so no due date.")
        notes = "".join(f"\nNote: {note}" for note in draft.notes)  # for the officer, never in the letter
        print(f"{due}\n{draft.checks.summary()}{notes}", file=sys.stderr)
    if not draft.checks.ok and args.format == "docx" and not args.output:
        raise InputError("draft written, but the statutory check has findings")
    return 0


def _load_answers(path: Path) -> dict:
    """The answers file, or one plain sentence: no such file, not UTF-8 text, not JSON or TOML."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the answers file {path}: {(exc.strerror or str(exc)).lower()}") from exc
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"the answers file {path} is not UTF-8 text: save it as UTF-8 JSON or TOML") from exc
    return load_answers(path)


def _known_exemptions(rt: Runtime, answers: dict) -> None:
    """Each exemption the answers cite, read under their law (the profile's unless they name one): an unknown one
    is one line listing the exemptions of that law as they may be typed, as ``foibot exemption`` says it."""
    cited = answers.get("exemptions")
    if isinstance(cited, str):
        cited = [c for c in cited.replace(";", ",").split(",") if c.strip()]
    regime = str(answers.get("regime") or rt.authority.regime).strip().lower()
    for citation in cited if isinstance(cited, list) else []:
        find_exemption(rt.engine, str(citation), command="exemption", regime=regime)


def _record(rt: Runtime, ref: str, path: Path, who: str) -> None:
    """Note in the case history which file the letter was written to, so foibot purge deletes it too."""
    if rt.register.get_case(ref):
        rt.register.note(ref, who, "file_written", {"path": str(path.resolve())})
