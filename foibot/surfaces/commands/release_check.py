"""``foibot release-check FILE... [--json] [--clean OUTDIR] [--case REF]``: check attachments before release.

Exit status: 0 every file green, 1 the worst is amber (review), 2 one is red (do not send as it is), 3 a file
could not be checked: a FILE that does not exist, is a folder or cannot be read is a one-line error and nothing is
checked or recorded; a file of a kind foibot does not check is reported "not checked" (3 unless another is red).
The limits and extra patterns come from ``[release_check]`` in authority.toml. ``--case`` records each check
(file name, result and counts, never the values found) in that case's history.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from foibot.conversation.release_log import ReleaseLog, release_limits
from foibot.release import CannotClean, ReleaseLimits, check_file, clean_copy, render_text
from foibot.release.check import NOT_CHECKED, exit_status, unreadable, worst
from foibot.surfaces.commands._common import runtime
from foibot.surfaces.officer import officer_name
from foibot.surfaces.runtime import load_data


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
    cannot = [(path, why) for path in args.files if (why := unreadable(path))]
    if cannot:  # a mistyped name is a one line each, its own exit status: nothing checked, nothing recorded
        for path, why in cannot:
            print(f"foibot: {path}: {why}. Nothing was checked or recorded.", file=sys.stderr)
        return NOT_CHECKED
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
    return exit_status(reports)


