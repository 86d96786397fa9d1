"""Benchmark the release check on a 50,000-row workbook and a 200-page PDF, beside plain-library baselines.

    .venv/bin/python benchmarks/release_check.py [--runs 3] [--rows 50000] [--pages 200]

Each measurement runs in its own subprocess so peak RSS (ru_maxrss) is that task's alone; the table shows the
median wall time over the runs, the tracemalloc peak of one run and the process's peak RSS.
Baselines: openpyxl's full (non read-only) load of the workbook, and pypdf extract_text of every page.
Targets: under 5 s and under 300 MB each on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_release_fixtures import pdf_bytes  # noqa: E402 (the tests' hand-written PDF writer)


def build_workbook(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    rnd = random.Random(1)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Incidents")
    ws.append(["Ref", "Area", "Category", "Count", "Value", "Date", "Status", "Notes", "Score", "Team"])
    areas = ["North", "South", "East", "West", "Central"]
    cats = ["Theft", "Burglary", "Assault", "Fraud", "Criminal damage", "Other"]
    start = date(2020, 1, 1)
    for i in range(rows):
        ws.append([f"INC-{i:07d}", rnd.choice(areas), rnd.choice(cats), rnd.randint(5, 500),
                   round(rnd.random() * 1000, 2), start + timedelta(days=i % 1500), rnd.choice(["Open", "Closed"]),
                   f"Case note {i} for review", rnd.randint(10, 99), f"Team {i % 40}"])
    wb.save(path)


def build_pdf(path: Path, pages: int) -> None:
    streams = []
    for p in range(pages):
        lines = [b"BT /F1 10 Tf 72 760 Td 14 TL"]
        for n in range(45):
            lines.append(f"(Page {p + 1} line {n + 1}: the quick brown fox reports on incident {p * 100 + n}) '"
                         .encode())
        lines.append(b"ET")
        for n in range(6):  # table rules drawn as thin filled rectangles, as many generators do
            lines.append(f"0 0 0 rg 72 {700 - n * 90} 468 0.5 re f".encode())
        streams.append(b"\n".join(lines))
    path.write_bytes(pdf_bytes(streams))


def _task(task: str, path: str) -> object:
    if task == "check":
        from foibot.release import check_file

        return check_file(path).overall.value
    if task == "openpyxl":
        from openpyxl import load_workbook

        wb = load_workbook(path)
        return sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    if task == "pypdf":
        from pypdf import PdfReader

        return sum(len(p.extract_text()) for p in PdfReader(path).pages)
    raise SystemExit(f"unknown task {task}")


def child(task: str, path: str, runs: int) -> None:
    times = []
    result: object = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = _task(task, path)
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    _task(task, path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB
    print(json.dumps({"p50": statistics.median(times), "traced": peak, "rss": rss, "result": str(result)}))


def measure(task: str, path: Path, runs: int) -> dict[str, object]:
    proc = subprocess.run([sys.executable, __file__, "--child", task, str(path), "--runs", str(runs)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--child", nargs=2, metavar=("TASK", "PATH"))
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        xlsx, pdf = Path(tmp) / "bench.xlsx", Path(tmp) / "bench.pdf"
        t0 = time.perf_counter()
        build_workbook(xlsx, args.rows)
        build_pdf(pdf, args.pages)
        print(f"built {args.rows:,}-row workbook ({xlsx.stat().st_size / 1e6:.1f} MB) and {args.pages}-page PDF "
              f"({pdf.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s; {args.runs} runs each\n")
        rows = [("workbook", "release check_file", measure("check", xlsx, args.runs)),
                ("workbook", "baseline: openpyxl full load", measure("openpyxl", xlsx, args.runs)),
                ("PDF", "release check_file", measure("check", pdf, args.runs)),
                ("PDF", "baseline: pypdf extract_text", measure("pypdf", pdf, args.runs))]
    print(f"{'file':<9} {'task':<30} {'p50 s':>7} {'traced MB':>10} {'peak RSS MB':>12}  result")
    for f, task, m in rows:
        print(f"{f:<9} {task:<30} {m['p50']:>7.2f} {m['traced'] / 1e6:>10.1f} {m['rss'] / 1e6:>12.1f}  {m['result']}")


if __name__ == "__main__":
    main()
