"""``foibot release-check FILE... [--json] [--clean OUTDIR]``.

Exit codes: 0 every file green; 1 worst is amber (review); 2 one is red (do not send as is); 3 a file could not be
checked (missing, unreadable, or a kind foibot does not check; red outranks it); 64 usage error. With --clean,
each clean copy is checked again and counts towards the exit code only through the originals (the clean copy is
reported, not graded into the exit code).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from foibot.release.check import NOT_CHECKED, check_file, exit_status, unreadable, worst
from foibot.release.clean import CannotClean, clean_copy
from foibot.release.limits import ReleaseLimits
from foibot.release.render import render_text

USAGE_ERROR = 64


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="foibot release-check",
                                description="Check attachments for hidden or personal data before release.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.add_argument("--clean", metavar="OUTDIR", help="write clean copies (xlsx, csv, docx, pptx) into OUTDIR")
    p.add_argument("--max-bytes", type=int, default=None, help="largest file to inspect (bytes)")
    p.add_argument("--small-count", type=int, default=None, help="counts from 1 to this are flagged (default 4)")
    return p


def main(argv: list[str], out: TextIO | None = None) -> int:
    out = out or sys.stdout
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else USAGE_ERROR
    kwargs: dict[str, int] = {}
    if args.max_bytes:
        kwargs["max_file_bytes"] = args.max_bytes
    if args.small_count is not None:
        kwargs["small_count_max"] = args.small_count
    try:
        limits = ReleaseLimits(**kwargs)
    except ValueError as exc:
        print(f"foibot release-check: {exc}", file=sys.stderr)
        return USAGE_ERROR
    cannot = [(f, why) for f in args.files if (why := unreadable(f))]
    for f, why in cannot:
        print(f"foibot: {f}: {why}. Nothing was checked.", file=sys.stderr)
    if cannot:
        return NOT_CHECKED
    reports = [check_file(f, None, limits) for f in args.files]
    cleaned: list[dict[str, object]] = []
    if args.clean:
        for f, report in zip(args.files, reports, strict=True):
            entry: dict[str, object] = {"name": report.name}
            try:
                result = clean_copy(f, args.clean, None, limits)
                entry["paths"] = [str(p) for p in result.paths]
                entry["notes"] = result.notes
                entry["recheck"] = [check_file(p, None, limits).to_dict() for p in result.paths]
            except CannotClean as exc:
                entry["refused"] = str(exc)
            cleaned.append(entry)
    if args.json:
        payload: dict[str, object] = {"overall": worst(reports), "reports": [r.to_dict() for r in reports]}
        if args.clean:
            payload["clean"] = cleaned
        print(json.dumps(payload, indent=2, ensure_ascii=False), file=out)
    else:
        print("\n\n".join(render_text(r) for r in reports), file=out)
        for entry in cleaned:
            if "refused" in entry:
                print(f"\nNo clean copy of {entry['name']}: {entry['refused']}", file=out)
                continue
            print(f"\nClean copy of {entry['name']}:", file=out)
            for path, rc in zip(entry["paths"], entry["recheck"], strict=True):  # type: ignore[call-overload]
                print(f"  {path}: {rc['overall'].upper()}", file=out)
            for note in entry["notes"]:  # type: ignore[union-attr]
                print(f"  note: {note}", file=out)
    return exit_status(reports)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
