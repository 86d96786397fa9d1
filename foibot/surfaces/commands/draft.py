"""``foibot draft REQUEST_FILE --answers ANSWERS_FILE``: a letter from a request and an answers file."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from foibot.conversation.answers import load_answers, validate
from foibot.conversation.email_parse import parse_email
from foibot.errors import InputError
from foibot.law.dates import format_day
from foibot.letter.word import docx_name, to_docx
from foibot.surfaces.commands._common import read_request, runtime


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
    answers = load_answers(Path(args.answers))
    for warning in validate(answers, rt.kb):
        print(f"warning: {warning}", file=sys.stderr)
    if parsed.name and not answers.get("requester_name"):
        answers["requester_name"] = parsed.name
    if parsed.received and not answers.get("received"):
        answers["received"] = parsed.received.isoformat()
    if not answers.get("reference"):  # every draft belongs to a case: open one for this request
        from datetime import date

        received = answers.get("received")
        case = rt.register.open_case(parsed.body, who=getpass.getuser(),
                                     received=date.fromisoformat(str(received)) if received else None,
                                     requester_name=str(answers.get("requester_name") or ""),
                                     requester_email=parsed.email)
        answers["reference"] = case.ref
    draft = rt.engine.draft_answers(parsed.body, answers)
    if rt.register.get_case(draft.reference):
        key = f"cli:{draft.reference}"
        version = rt.store.add_draft(key, draft.text(), due=draft.due.due.isoformat() if draft.due else None,
                                     checks=draft.checks.to_json()["findings"], created_by=getpass.getuser(),
                                     case_ref=draft.reference)
        rt.register.link_draft(draft.reference, key, version, who=getpass.getuser())
    if args.format == "docx":
        target = Path(args.output or docx_name(draft))
        target.write_bytes(to_docx(draft))
        print(f"Wrote {target}")
    else:
        out = {"text": draft.text, "markdown": draft.markdown,
               "json": lambda: json.dumps(draft.to_json(), indent=2, ensure_ascii=False) + "\n"}[args.format]()
        if args.output:
            Path(args.output).write_text(out, encoding="utf-8")
        else:
            sys.stdout.write(out)
    if args.format != "json":
        due = f"Due {format_day(draft.due.due)}" + (" (LATE)" if draft.late else "") if draft.due else (
            draft.due_error or "No date received given, so no due date.")
        print(f"{due}\n{draft.checks.summary()}", file=sys.stderr)
    if not draft.checks.ok and args.format == "docx" and not args.output:
        raise InputError("draft written, but the statutory check has findings")
    return 0
