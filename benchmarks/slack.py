"""Benchmark: ack latency and paste-to-draft latency through the fake Slack, 1 thread and 20 at once.

Run: .venv/bin/python benchmarks/slack.py
Each thread pastes a request and then answers "show draft"; the paste-to-draft time runs from the paste
to the draft's last message in the thread. Everything is on loopback: the real Bolt app in Socket Mode.
"""

from __future__ import annotations

import logging
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakeslack import FakeSlack  # noqa: E402
from slackrig import SEED_TEXT_ANSWERS, SlackRig, answer_by_text  # noqa: E402

# Stopping the app between phases closes its socket under in-flight acks; the Slack libraries log those
# closings as errors. They are expected here and say nothing about foibot, so keep the figures readable.
for _name in ("slack_sdk", "slack_bolt", "websocket", "foibot.surfaces.slack.bolt"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

REQUEST = ("From: Sam Patel <sam@example.org>\nDate: 1 October 2019\n\nPlease provide the number of officers "
           "vetted in 2018 and the cost of vetting, by force.")


def pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def one_thread(rig: SlackRig, results: list[float]) -> None:
    start = time.perf_counter()
    ts = rig.paste(REQUEST)
    rig.question(ts, "request_summary", timeout=60)
    rig.reply(ts, "show draft")
    rig.draft_posts(ts, 1, timeout=60)
    results.append((time.perf_counter() - start) * 1000)


def run(concurrency: int, rounds: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        rig = SlackRig(fake, Path(tmp) / "bench.sqlite").start()
        durations: list[float] = []
        for _ in range(rounds):
            threads = [threading.Thread(target=one_thread, args=(rig, durations)) for _ in range(concurrency)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        acks = [latency * 1000 for latency in fake.ack_latencies]
        rig.stop()
        return acks, durations


def load(threads: int = 50) -> None:
    """The load test's traffic: every thread answers the seed case by text; prints throughput and acks."""
    seed = (ROOT / "tests/fixtures/seed-request.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        rig = SlackRig(fake, Path(tmp) / "bench.sqlite").start()

        def case() -> None:
            ts = rig.paste(seed)
            answer_by_text(rig, ts, timeout=300)
            rig.draft_posts(ts, 1, timeout=300)

        start = time.perf_counter()
        workers = [threading.Thread(target=case) for _ in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - start
        events = threads * (len(SEED_TEXT_ANSWERS) + 1)
        acks = [latency * 1000 for latency in fake.ack_latencies]
        rig.stop()
    print(f"load: {threads} threads, {events} events, {threads} drafts in {elapsed:.1f} s: "
          f"{events / elapsed:.0f} events/s; ack p50 {statistics.median(acks):.1f} ms, p95 {pct(acks, 0.95):.1f} ms")


def main() -> None:
    print(f"{'threads':>8} {'ack p50':>9} {'ack p95':>9} {'paste->draft p50':>17} {'p95':>9} {'n':>5}")
    for concurrency, rounds in ((1, 10), (20, 2)):
        acks, durations = run(concurrency, rounds)
        print(f"{concurrency:>8} {statistics.median(acks):>7.1f}ms {pct(acks, 0.95):>7.1f}ms "
              f"{statistics.median(durations):>15.0f}ms {pct(durations, 0.95):>7.0f}ms {len(durations):>5}")
    load()


if __name__ == "__main__":
    main()
