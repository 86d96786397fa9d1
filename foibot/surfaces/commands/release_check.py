"""``foibot release-check FILE... [--json] [--clean OUTDIR] [--case REF]``: check attachments before release.

Exit status: 0 every file green, 1 the worst is amber (review), 2 the worst is red (do not send as it is); a
FILE that does not exist (or is a folder) is a one-line error, exit 1, and nothing is checked or recorded.
The limits and extra patterns come from ``[release_check]`` in authority.toml. ``--case`` records each check
(file name, result and counts, never the values found) in that case's history.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from foibot.conversation.release_log import ReleaseLog, release_limits
from foibot.errors import InputError
from foibot.release import CannotClean, ReleaseLimits, check_file, clean_copy, render_text
from foibot.release.check import worst
from foibot.surfaces.commands._common import runtime
from foibot.surfaces.officer import officer_name
from foibot.surfaces.runtime import chat_replies, load_data

EXIT = {"green": 0, "amber": 1, "red": 2}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("release-check", help="check attachments for hidden or personal data before release")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.add_argument("--clean", metavar="OUTDIR", help="write clean copies (xlsx, docx, pptx) into OUTDIR, checked again")
    p.add_argument("--case", metavar="REF", help="record the checks in this case's history")
    p.set_defaults(run=run)


def clean_all(files: list[str], outdir: str, limits: ReleaseLimits) -> list[dict[str, Any]]:
    """A clean copy of each file where one can be made, each checked again; or why not."""
    out: list[dict[str, Any]] = []
    for path in files:
        entry: dict[str, Any] = {"file": path}
        try:
            result = clean_copy(path, outdir, None, limits)
        except CannotClean as exc:
            entry["refused"] = str(exc)
        else:
            entry["notes"] = result.notes
            entry["copies"] = [check_file(p, None, limits) for p in result.paths]
            entry["paths"] = [str(p) for p in result.paths]
        out.append(entry)
    return out


def run(args: argparse.Namespace) -> int:
    root, _, authority = load_data(args.data)
    missing = [path for path in args.files if not Path(path).expanduser().is_file()]
    if missing:  # a mistyped name is a one-line error, as in the console: nothing checked, nothing recorded
        replies = chat_replies(root)
        raise InputError("\n".join(replies.render("console-no-such-file", path=path,
                                                  folder=Path(path).expanduser().is_dir()) for path in missing))
    rt = runtime(args) if args.case else None
    case = rt.register.require(args.case) if rt else None
    limits = release_limits(authority, case.regime if case else None)
    reports = [check_file(Path(path).expanduser(), None, limits) for path in args.files]
    cleaned = clean_all(args.files, args.clean, limits) if args.clean else []
    if rt and case:
        log = ReleaseLog(rt.register)
        ref = case.ref
        for path, report in zip(args.files, reports, strict=True):
            log.record(ref, report, who=officer_name("cli"), via="cli", source={"path": path})
    if args.json:
        payload: dict[str, Any] = {"overall": worst(reports), "reports": [r.to_dict() for r in reports]}
        if args.clean:
            payload["clean"] = [{**{k: v for k, v in e.items() if k != "copies"},
                                 **({"recheck": [c.to_dict() for c in e["copies"]]} if "copies" in e else {})}
                                for e in cleaned]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(render_text(r) for r in reports))
        for entry in cleaned:
            if "refused" in entry:
                print(f"\nNo clean copy of {entry['file']}: {entry['refused']}")
                continue
            print(f"\nClean copy of {entry['file']}:")
            for path, copy in zip(entry["paths"], entry["copies"], strict=True):
                print(f"  {path}: {copy.overall.value.upper()}")
            for note in entry["notes"]:
                print(f"  note: {note}")
        if case:
            print(f"\nRecorded in the history of {case.ref}.")
    return EXIT[worst(reports)]


