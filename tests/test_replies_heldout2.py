"""The second held-out round of replies (tests/replies-heldout2/): understood, asked back or misread.

Written blind, before foibot's reading code was read (see that folder's README), and judged exactly as
the first round (``test_replies_heldout.judge``). ``python tests/test_replies_heldout2.py`` prints the
table by question kind. The test holds the line: no more misreads and no fewer understood than below.

First run (foibot as it was, the 299 cases as corrected; see the README for what was corrected and why):
226 understood (75.6%), 34 asked back, 39 misread. (On the cases exactly as first written: 212 / 33 / 55 of 300.)

    kind             cases understood asked back misread
    choice              98         70         21       7
    date                38         28          6       4
    exemptions          38         32          1       5
    list                33         21          0      12
    longtext            16         14          0       2
    number              12          8          0       4
    part:choice         10          8          2       0
    part:exemptions      5          4          1       0
    part:list            1          1          0       0
    part:longtext        2          2          0       0
    text                23         19          0       4
    topic               23         19          3       1

After fixing what generalised (no longer held-out): 292 understood (97.7%), 2 asked back, 5 misread; then,
after the letter and dialogue fixes those misreads pointed to (297 cases, see the README): 294 understood
(99.0%), 1 asked back, 2 misread.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from test_replies_heldout import _cases, kind_of, measure, table  # noqa: E402

FILES = sorted((HERE / "replies-heldout2").glob("*.yaml"))
UNDERSTOOD_AT_LEAST = 294  # after the fixes (tuned on these cases; the first run is the honest figure)
MISREAD_AT_MOST = 2  # s40(5B)(a)(i) stored as s40(2); a withheld text's full stop (stored as typed)


@pytest.fixture(scope="module")
def heldout2_engine(tmp_path_factory):
    from foibot.surfaces.runtime import open_runtime

    runtime = open_runtime(tmp_path_factory.mktemp("heldout2") / "foibot.sqlite", ROOT)
    yield runtime.engine
    runtime.store.close()


def test_second_round_is_large_and_covers_every_kind(kb):
    cases = _cases(FILES)
    assert len(cases) >= 160
    kinds = {kind_of(kb, case["ask"]) for _, case in cases}
    assert kinds >= {"text", "longtext", "date", "number", "choice", "list", "topic", "exemptions",
                     "part:choice", "part:longtext", "part:list", "part:exemptions"}


def test_second_round_replies_are_understood_or_asked_back_never_misread(heldout2_engine):
    counts, misses = measure(heldout2_engine, FILES)
    print("\n" + table(counts) + "\n" + "\n".join(misses))
    understood = sum(n for (_, o), n in counts.items() if o == "understood")
    misread = [m for m in misses if m.startswith("misread")]
    assert len(misread) <= MISREAD_AT_MOST, "\n".join(misread)
    assert understood >= UNDERSTOOD_AT_LEAST, table(counts)


if __name__ == "__main__":
    import tempfile

    from foibot.surfaces.runtime import open_runtime

    sys.path.insert(0, str(ROOT))
    rt = open_runtime(Path(tempfile.mkdtemp()) / "foibot.sqlite", ROOT)
    found, missed = measure(rt.engine, FILES)
    print(table(found))
    print("\n".join(missed))
