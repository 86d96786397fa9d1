"""Load: 24 threads at once and about 500 events through the fake Slack, with redeliveries and 429s.

Every thread must end with exactly one correct draft; no event unacked, no reply duplicated. The test keeps
to 24 threads so the suite stays fast; ``benchmarks/slack.py`` drives the same traffic at 50 threads and
prints the figures (``FOIBOT_LOAD_THREADS`` changes the test's number).
"""

from __future__ import annotations

import itertools
import os
import threading

import pytest
from fakeslack import FakeSlack
from slackrig import CHANNEL, SEED_TEXT_ANSWERS, SlackRig, answer_by_text

SEED = (__import__("pathlib").Path(__file__).parent / "fixtures" / "seed-request.txt").read_text()
THREADS = int(os.environ.get("FOIBOT_LOAD_THREADS", "24"))
pytestmark = pytest.mark.slow  # tens of seconds: ``pytest -m "not slow"`` leaves it out


def test_many_threads_and_hundreds_of_events_each_end_with_one_draft(tmp_path):
    with FakeSlack() as fake:
        rig = SlackRig(fake, tmp_path / "foibot.sqlite").start()
        counter = itertools.count(1)
        lock = threading.Lock()
        redelivered: list[str] = []
        failures: list[BaseException] = []
        threads_ts: list[str] = []

        def chaos(envelope: str) -> None:
            with lock:
                n = next(counter)
            if n % 15 == 0:  # Slack redelivers this event
                payload = fake.envelopes[envelope].payload
                redelivered.append(fake.push("events_api", payload, retry_attempt=1, retry_reason="timeout"))
            if n % 40 == 0:  # and rate-limits the next post
                fake.inject_fault("chat.postMessage", status=429, retry_after=0)

        def one_case() -> None:
            try:
                ts = rig.paste(SEED)
                with lock:
                    threads_ts.append(ts)
                answer_by_text(rig, ts, on_event=chaos, timeout=120)
                rig.draft_posts(ts, 1, timeout=120)
            except BaseException as exc:  # noqa: BLE001 - reported below
                failures.append(exc)

        workers = [threading.Thread(target=one_case) for _ in range(THREADS)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(300)
        assert not failures, failures[:3]
        for envelope in redelivered:
            fake.wait_ack(envelope)
        events = [e for e in fake.envelopes.values() if e.type == "events_api"]
        assert len(events) >= THREADS * (len(SEED_TEXT_ANSWERS) + 1) * 0.95
        assert not fake.pending  # every envelope acked
        assert max(fake.ack_latencies) < 3
        for ts in threads_ts:
            posts = rig.bot_posts(ts)
            headers = [m for m in posts if any(b.get("type") == "header" for b in m.get("blocks") or [])]
            assert len(headers) == 1, f"thread {ts}: {len(headers)} drafts"
            files = [f for f in fake.files.values() if f.shared and f.thread_ts == ts]
            assert len(files) == 1
            questions = [b["block_id"] for m in posts for b in m.get("blocks") or []
                         if b.get("block_id", "").startswith("q|")]
            assert len(questions) == len(set(questions)), f"thread {ts}: a question was posted twice"
            draft = rig.rt.store.drafts(rig.ctx.conversation_in(CHANNEL, ts)["id"])
            assert len(draft) == 1 and "section 31(1)(a)" in draft[0]["letter"]
        assert any(c.status == 429 for c in fake.calls("chat.postMessage"))
        rig.stop()
