"""Benchmark: suggest() latency at 100, 1,000 and 10,000 topics, beside a naive full scan, and draft render time.

Run: .venv/bin/python benchmarks/suggest.py
Topics are synthesised by recombining words from the shipped sample pack. The naive baseline scores
every topic phrase with rapidfuzz token_set_ratio against the whole request (no index).
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from foibot.conversation.email_parse import parse_email  # noqa: E402
from foibot.suggest.matcher import Matcher  # noqa: E402
from foibot.surfaces.runtime import load_data, open_runtime  # noqa: E402

REQUESTS = [
    (ROOT / "tests/fixtures/seed-request.txt").read_text(encoding="utf-8"),
    "Please send me all correspondence between your chief inspector and the Home Office about vetting in 2024.",
    "How much did you spend on consultants and agency staff in each of the last three years? Please list suppliers.",
    "I would like a copy of the custody inspection report for Kent and any draft findings not yet published.",
    "Please provide the names and salaries of all staff above grade 7 in the inspection teams.",
] * 4


def synthetic_kb(kb, n: int, rng: random.Random):
    words = sorted({w for t in kb.topics.values() for w in (t.title + " " + " ".join(t.keywords)).split()
                    if len(w) > 3})
    base = list(kb.topics.values())
    topics = {}
    for i in range(n):
        template = base[i % len(base)]
        if i < len(base):
            topics[template.id] = template
            continue
        title = " ".join(rng.sample(words, 5))
        topics[f"syn-{i}"] = replace(template, id=f"syn-{i}", title=title, aliases=(" ".join(rng.sample(words, 3)),),
                                     keywords=tuple(rng.sample(words, 3)))
    return replace(kb, topics=topics)


def timed(fn, runs: list[str]) -> list[float]:
    out = []
    for text in runs:
        start = time.perf_counter()
        fn(text)
        out.append((time.perf_counter() - start) * 1000)
    return out


def pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    rng = random.Random(7)
    _, kb, _ = load_data(ROOT)
    bodies = [parse_email(r).body for r in REQUESTS]
    print(f"{'topics':>8} {'suggest p50':>12} {'p95':>8} {'naive p50':>10} {'naive/suggest':>14} {'build':>8}")
    for n in (100, 1_000, 10_000):
        big = synthetic_kb(kb, n, rng)
        start = time.perf_counter()
        matcher = Matcher(big)
        build = (time.perf_counter() - start) * 1000
        matcher.suggest(bodies[0])  # warm up
        ours = timed(matcher.suggest, bodies)
        phrases = [p for t in big.topics.values() for p in (t.title, *t.aliases, *t.keywords)]
        def scan(text: str, choices: list[str] = phrases) -> None:
            process.extract(text, choices, scorer=fuzz.token_set_ratio, limit=5)

        naive = timed(scan, bodies)
        p50, naive50 = statistics.median(ours), statistics.median(naive)
        print(f"{n:>8} {p50:>10.2f}ms {pct(ours, 0.95):>6.2f}ms {naive50:>8.2f}ms {naive50 / p50:>13.1f}x "
              f"{build:>6.0f}ms")

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        rt = open_runtime(Path(tmp) / "bench.sqlite", ROOT)
        answers = json.loads((ROOT / "tests/fixtures/seed-answers.json").read_text(encoding="utf-8"))
        body = parse_email(REQUESTS[0]).body
        rt.engine.draft_answers(body, answers)
        renders = []
        for _ in range(50):
            start = time.perf_counter()
            rt.engine.draft_answers(body, answers)
            renders.append((time.perf_counter() - start) * 1000)
        from foibot.letter.word import to_docx

        draft = rt.engine.draft_answers(body, answers)
        start = time.perf_counter()
        to_docx(draft)
        docx_ms = (time.perf_counter() - start) * 1000
        rt.store.close()
    print(f"draft render (letter + annex + check): p50 {statistics.median(renders):.2f} ms, "
          f"p95 {pct(renders, 0.95):.2f} ms; Word export {docx_ms:.1f} ms")


if __name__ == "__main__":
    main()
