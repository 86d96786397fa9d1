"""Register statistics on a known fixture: counts by month and quarter, outcomes, exemptions, % in time,
the CSV and the chart."""

import csv
import json
from datetime import date

import pytest

from foibot.errors import InputError
from foibot.register.cases import Register
from foibot.register.stats import compute, write_outputs
from foibot.register.store import Store
from foibot.surfaces.cli import main

TODAY = date(2025, 4, 15)


@pytest.fixture
def path(tmp_path):
    """Five requests from January to April 2025 (none in March) and one internal review."""
    path = tmp_path / "stats.sqlite"
    store = Store(path)
    reg = Register(store, today=lambda: TODAY)
    a = reg.open_case("Fax machines", who="al", received=date(2025, 1, 6))            # due 3 Feb
    reg.set_status(a.ref, "sent", "al", on=date(2025, 1, 20))                           # in time
    reg.record_outcome(a.ref, "granted", who="al")
    b = reg.open_case("Staff salaries", who="al", received=date(2025, 1, 13))          # due 10 Feb
    reg.set_status(b.ref, "sent", "al", on=date(2025, 2, 20))                           # late
    reg.record_outcome(b.ref, "refused", ["s40(2)", "s43(2)"], who="al")
    c = reg.open_case("Parking fines", who="al", received=date(2025, 2, 3))            # due 3 Mar, still open: late
    reg.set_status(c.ref, "drafting", "al", on=date(2025, 2, 4))
    reg.open_case("Potholes", who="al", received=date(2025, 4, 1))                     # due 1 May: not yet judged
    store.db["cases"].insert({"ref": "OLD-1", "status": "closed", "received": "2025-02-10", "request_text": "Bins",
                              "outcome": "partially_granted", "exemptions": json.dumps(["s40(2)"]),
                              "topics": "[]", "source": "import"})               # history: no due date
    reg.set_status(a.ref, "internal_review", "al", on=date(2025, 2, 5))                 # a review: left out
    store.close()
    return path


def test_by_month(path):
    store = Store(path)
    stats = compute(store, by="month", today=TODAY)
    rows = {p.period: p for p in stats.periods}
    assert list(rows) == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert [rows[m].received for m in rows] == [2, 2, 0, 1]
    assert (rows["2025-01"].in_time, rows["2025-01"].late, rows["2025-01"].pct_in_time) == (1, 1, 50.0)
    assert (rows["2025-02"].in_time, rows["2025-02"].late, rows["2025-02"].pct_in_time) == (0, 1, 0.0)
    assert rows["2025-03"].pct_in_time is None and rows["2025-04"].pct_in_time is None
    assert dict(rows["2025-02"].outcomes) == {"partially_granted": 1}
    total = stats.total
    assert (total.received, total.in_time, total.late, total.pct_in_time) == (5, 1, 2, 33.3)
    assert dict(total.outcomes) == {"granted": 1, "refused": 1, "partially_granted": 1}
    assert dict(total.exemptions) == {"s40": 2, "s43": 1}
    assert "Exemptions cited: s40 2, s43 1" in stats.table()
    store.close()


def test_by_quarter_and_date_range(path):
    store = Store(path)
    quarters = compute(store, by="quarter", today=TODAY)
    assert [(p.period, p.received) for p in quarters.periods] == [("2025-Q1", 4), ("2025-Q2", 1)]
    ranged = compute(store, start=date(2025, 2, 1), end=date(2025, 3, 31), today=TODAY)
    assert [(p.period, p.received) for p in ranged.periods] == [("2025-02", 2), ("2025-03", 0)]
    # The open case is late only once its due date has passed.
    assert compute(store, today=date(2025, 2, 28)).total.late == 1
    with pytest.raises(InputError):
        compute(store, by="week")
    with pytest.raises(InputError):
        compute(store, start=date(2025, 3, 1), end=date(2025, 2, 1))
    store.close()


def test_csv_and_chart(path, tmp_path):
    store = Store(path)
    csv_path, png_path = write_outputs(compute(store, by="month", today=TODAY), tmp_path / "out")
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert [r["period"] for r in rows] == ["2025-01", "2025-02", "2025-03", "2025-04", "total"]
    assert rows[0]["received"] == "2" and rows[0]["granted"] == "1" and rows[0]["pct_in_time"] == "50.0"
    assert rows[0]["exemptions"] == "s40=1; s43=1" and rows[2]["pct_in_time"] == ""
    assert rows[-1]["in_time"] == "1" and rows[-1]["late"] == "2"
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png_path.stat().st_size > 5000
    store.close()


def test_an_empty_register_gives_empty_figures(tmp_path):
    store = Store(tmp_path / "empty.sqlite")
    stats = compute(store)
    assert stats.periods == [] and stats.total.received == 0 and stats.total.pct_in_time is None
    paths = write_outputs(stats, tmp_path / "out")
    assert all(p.exists() for p in paths)
    store.close()


def test_stats_command(path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FOIBOT_TODAY", TODAY.isoformat())
    out_dir = tmp_path / "charts"
    assert main(["--db", str(path), "stats", "--by", "quarter", "--from", "01/01/2025", "--to", "30/06/2025",
                 "-o", str(out_dir)]) == 0
    out = capsys.readouterr().out
    assert "2025-Q1" in out and f"Wrote {out_dir / 'stats-by-quarter.png'}" in out
    assert (out_dir / "stats-by-quarter.csv").exists()
    assert main(["--db", str(path), "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["received"] == 5


def test_default_window_is_the_last_twelve_months_not_the_whole_history(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    reg = Register(store, today=lambda: date(2026, 11, 28))
    for received in (date(2019, 3, 4), date(2022, 7, 1), date(2026, 2, 2), date(2026, 11, 2)):
        reg.open_case(f"Request of {received}", who="al", received=received)
    months = compute(store, today=date(2026, 11, 28))
    assert [p.period for p in months.periods][0] == "2026-02" and months.periods[-1].period == "2026-11"
    assert len(months.periods) == 10 and months.total.received == 2
    quarters = compute(store, by="quarter", today=date(2026, 11, 28))
    assert [p.period for p in quarters.periods] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    everything = compute(store, start=date(2019, 1, 1), end=date(2026, 11, 28), by="quarter")
    assert everything.total.received == 4
    store.close()


def test_chart_counts_are_whole_numbers(path, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    store = Store(path)
    saved = []
    real_savefig = plt.Figure.savefig

    def spy(fig, *args, **kwargs):
        saved.append([t for t in fig.axes[0].get_yticks() if t >= 0])
        return real_savefig(fig, *args, **kwargs)

    plt.Figure.savefig = spy
    try:
        write_outputs(compute(store, by="month", today=TODAY), tmp_path / "out")
    finally:
        plt.Figure.savefig = real_savefig
    assert saved and all(float(t).is_integer() for t in saved[0])
    store.close()


def test_a_case_with_an_assumed_received_date_is_counted_but_not_judged_for_time(tmp_path):
    """Its due date is counted from the day it was pasted, a guess: neither in time nor late until the received
    date is given, and the table says how many are waiting for it."""
    store = Store(tmp_path / "s.sqlite")
    reg = Register(store, today=lambda: date(2025, 1, 6))
    pasted = reg.open_case("Gritting routes", who="al")                                 # assumed: due 3 Feb
    reg.open_case("Bin rounds", who="al", received=date(2025, 1, 6))            # due 3 Feb, open: late
    later = date(2025, 3, 3)
    stats = compute(store, start=date(2025, 1, 1), end=date(2025, 1, 31), today=later)
    total = stats.total
    assert (total.received, total.in_time, total.late, total.assumed) == (2, 0, 1, 1)
    table = stats.table()
    assert table.endswith("1 case not judged for time: the received date is only assumed (the day the request "
                          "was pasted). Give it with `foibot case REF --received DATE`.")
    assert json.loads(json.dumps(stats.to_json()))["total"]["received_assumed"] == 1
    csv_path = write_outputs(stats, tmp_path / "out")[0]
    assert list(csv.DictReader(csv_path.open(encoding="utf-8")))[-1]["received_assumed"] == "1"
    # Once given, the case is judged like any other, and the note goes.
    reg.update(pasted.ref, who="al", received=date(2025, 1, 2))
    after = compute(store, start=date(2025, 1, 1), end=date(2025, 1, 31), today=later)
    assert (after.total.late, after.total.assumed) == (2, 0) and "not judged" not in after.table()
    store.close()
