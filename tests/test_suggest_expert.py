"""Expert requests: are foibot's exemption suggestions what an experienced FOI officer expects?

README (figures recorded here; the test holds the line on them)
----------------------------------------------------------------
``tests/fixtures/expert-requests.yaml`` holds hand-written requests (police, council, central government,
health, education and Scottish authorities; statistics-only, policies, one-liners, long multi-part
requests, Welsh place names, environmental ones), each with the one or two exemption families an officer
would certainly consider (``expect_top3``), optionally families that must not come first (``not_top1``),
and ``environmental: true`` where the first suggestion must be an EIR (or Scottish EIR) exception. The
expectations were written before foibot was run on them.

Measured: the share of expected families found in foibot's top 3 and top 5, and the number of requests
whose first suggestion breaks ``not_top1`` or ``environmental``; beside a constant baseline, the authority
type prior's three commonest families (numbered for the regime).

Figures (79 requests, 92 expected families; ``.venv/bin/python tests/test_suggest_expert.py [-v]`` prints
them and every miss):

| run | in top 3 | in top 5 | first suggestion breaks not_top1 / environmental |
|---|---|---|---|
| type prior's top 3 (constant baseline) | 0.39 | - | 25 of 79 |
| foibot, first run (before any change) | 0.78 | 0.86 | 12 of 79 |
| foibot, after the fixes | 0.90 | 0.97 | 5 of 79 |

What the first run missed, and what changed (general knowledge, not these requests' wording; each batch
kept only if the cross-validated recall@3 on ``intents/answered.jsonl`` did not fall):

- environmental requests (planning objectors, a road contract, a tidal lagoon, landfill odour, a wind farm)
  were answered with FOIA sections: ``intents/engagement.yaml`` now says what makes information
  environmental (the EIR's definition: the elements, emissions and waste, planning and land use, roads,
  energy and other measures), and a request it matches is offered the EIR exceptions (a Scottish
  authority the Scottish EIR and FOISA s39(2)). Answered CV cold recall@3 0.5165 -> 0.5277.
- cues read in the wrong sense: "deployment of a new website" engaged police tactics (s31), "consultant
  cardiologists" commercial interests (s43), "cyber attack" health and safety (s38), "state pension age"
  personal data (s40); "will be published next month" engaged s21 through "published" (a concept may now
  list ``unless`` cues). Missing knowledge: deceased patients' records (s21, Access to Health Records
  Act; s41), the circumstances of one incident (s30), a single honour (s37), fraud (s31), s24 beside s23
  for the security bodies, the law officers' advice (s42), policies and NHS statistics (s21).
  0.5277 -> 0.5280.
- dropped: narrowing s40's ``person*`` cue (it also matches "single person discount"): it cost one
  answered request (0.5280 -> 0.5267), so the cue stays and "single person discount" still puts s40 first.

Still missed: s40 (or FOISA s38) comes first on its prior alone for requests naming no one (a policy,
published NHS waiting times, a council tax statistic); s21 for nationally published statistics (stop
and search, waiting times); s14 beside s12 for "every email since 2015"; FOISA s18 in the top 3 for a
named arrest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from foibot.knowledge.citations import family
from foibot.surfaces.runtime import open_runtime

ROOT = Path(__file__).resolve().parent.parent
EXPERT = ROOT / "tests" / "fixtures" / "expert-requests.yaml"

RECORDED_TOP3 = 0.90
"""The share of expected families in foibot's top 3 after the fixes: the test fails if it drops below."""
RECORDED_VIOLATIONS = 5
"""Requests whose first suggestion breaks not_top1 (or is not an EIR exception for environmental ones)."""


@dataclass
class Outcome:
    id: str
    expected: list[str]
    top: list[str]
    why: list[str]
    prior_top3: list[str]
    violation: str
    prior_violation: str

    def found(self, k: int) -> int:
        return sum(1 for f in self.expected if f in self.top[:k])


def load_requests() -> list[dict]:
    return yaml.safe_load(EXPERT.read_text(encoding="utf-8"))["requests"]


def _environmental_family(fam: str) -> bool:
    return fam.startswith(("r", "EISR"))


def _breaks(req: dict, first: str) -> str:
    """Why ``first`` may not be the first suggestion for ``req`` ("" when it may)."""
    if first in req.get("not_top1", []):
        return f"{first} first"
    if req.get("environmental") and not _environmental_family(first):
        return f"{first} first (environmental)"
    return ""


def run_all(rt) -> list[Outcome]:
    out = []
    sugg = rt.suggest
    for req in load_requests():
        kind, regime = req["type"], req.get("regime", "foia")
        got = sugg(req["request"], authority_type=kind, regime=regime, use_register=False)
        top = [family(e.key) for e in got.exemptions]
        share = sugg.learned.priors.share(kind)
        prior = sugg.numbered(sorted(share, key=lambda f: (-share[f], f)), regime)[:3]
        out.append(Outcome(req["id"], list(req.get("expect_top3") or []), top, [e.why for e in got.exemptions],
                           prior, _breaks(req, top[0]) if top else "no suggestion",
                           _breaks(req, prior[0]) if prior else "no prior"))
    return out


def figures(outcomes: list[Outcome]) -> dict[str, float]:
    n = sum(len(o.expected) for o in outcomes)
    return {
        "families": n,
        "top3": sum(o.found(3) for o in outcomes) / n,
        "top5": sum(o.found(5) for o in outcomes) / n,
        "violations": sum(1 for o in outcomes if o.violation),
        "prior_top3": sum(1 for o in outcomes for f in o.expected if f in o.prior_top3) / n,
        "prior_violations": sum(1 for o in outcomes if o.prior_violation),
    }


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    rt = open_runtime(tmp_path_factory.mktemp("expert") / "s.sqlite")
    try:
        yield run_all(rt)
    finally:
        rt.store.close()


def test_the_expert_set_is_broad():
    reqs = load_requests()
    assert len(reqs) >= 60 and len({r["id"] for r in reqs}) == len(reqs)
    kinds = {(r["type"], r.get("regime", "foia")) for r in reqs}
    for kind in ("police", "council", "central_government", "health", "education"):
        assert (kind, "foia") in kinds
    assert any(r.get("regime") == "foisa" for r in reqs) and any(r.get("environmental") for r in reqs)


def test_every_request_gets_at_least_five_suggestions_each_with_a_reason(outcomes):
    for o in outcomes:
        assert len(o.top) >= 5, o.id
        assert all(w.strip() for w in o.why), o.id


def test_the_recorded_share_of_expected_families_is_in_the_top_three(outcomes):
    got = figures(outcomes)
    assert got["top3"] >= RECORDED_TOP3 - 1e-9, got
    assert got["top3"] > got["prior_top3"], got


def test_no_more_first_suggestions_break_not_top1_than_recorded(outcomes):
    bad = [(o.id, o.violation) for o in outcomes if o.violation]
    assert len(bad) <= RECORDED_VIOLATIONS, bad


if __name__ == "__main__":  # .venv/bin/python tests/test_suggest_expert.py [-v]: the figures and each miss
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        runtime = open_runtime(Path(d) / "s.sqlite")
        results = run_all(runtime)
        runtime.store.close()
    verbose = "-v" in sys.argv
    for o in results:
        miss = [f for f in o.expected if f not in o.top[:3]]
        if miss or o.violation or verbose:
            print(f"{o.id}: expected {o.expected} got {o.top[:5]}"
                  f"{' MISS ' + str(miss) if miss else ''}{' VIOLATION ' + o.violation if o.violation else ''}")
            if verbose:
                for fam, why in list(zip(o.top, o.why, strict=False))[:3]:
                    print(f"    {fam}: {why[:300]}")
    print({k: round(v, 3) for k, v in figures(results).items()})
