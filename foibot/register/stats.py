"""Register statistics: requests by month or quarter, outcomes, exemptions cited, and how many were answered
within the statutory time. Written as CSV and as a PNG chart (matplotlib, Agg backend).

A case counts in the period it was received. Its outcome and the exemptions cited count once it was answered
(marked sent, or imported from a disclosure log), never from a draft; a withdrawn or lapsed request counts in its own
column (``counted_outcome``). It was answered in time if it was sent on or before its due
date; it is late if it was sent after it, or is still open after it (as of ``today``): ``cases.timeliness``, the rule
``foibot case`` states too. Cases without a due
date (most imported history) are not counted either way, nor are cases whose received date is only assumed
(the day the request was pasted, ``received_assumed``): their due date is a guess, so the figures count them
apart (``assumed``) until the received date is given. Internal reviews are left out of these figures and counted
apart, by outcome (``Stats.reviews``).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from foibot.errors import InputError
from foibot.knowledge.citations import family
from foibot.register.cases import ENDED, IN_TIME, LATE, OUTCOMES, late_clarifications, received_between, timeliness
from foibot.register.review_outcomes import REVIEW_OUTCOMES, review_counts
from foibot.register.store import Store

PERIODS = ("month", "quarter")
COUNTED = ("Outcomes and exemptions cited: requests answered (marked sent), never a draft's; withdrawn, lapsed: "
           "requests that ended without an answer.")
"""What the table's outcome columns count (its last line)."""
ENDED_OUTCOMES = ("withdrawn", "lapsed")
"""The columns after the outcomes of answered requests: requests that ended without an answer (``cases.ENDED``)."""


def counted_outcome(status: str, outcome: str | None, sent_on: str | None, source: str | None) -> str | None:
    """The outcome ``foibot stats`` counts for a request: ``withdrawn`` or ``lapsed`` for one that ended so (or one
    recorded as withdrawn before that was a status), else its recorded outcome once it was answered (marked sent, or
    imported from a disclosure log, which lists responses given); None for one not answered yet. An FOI manager
    reads the outcome columns as what the requesters were told: a draft never sent told them nothing."""
    if status in ENDED:
        return status
    if outcome == "withdrawn":
        return outcome
    return outcome if sent_on or source == "import" else None


@dataclass
class PeriodStats:
    """Figures for one month or quarter (or the whole range)."""

    period: str
    received: int = 0
    outcomes: Counter = field(default_factory=Counter)
    exemptions: Counter = field(default_factory=Counter)
    in_time: int = 0
    late: int = 0
    assumed: int = 0
    """Cases whose received date is only assumed: counted as received, their time not judged."""
    not_answered: int = 0
    """Requests received but neither answered (marked sent) nor ended (withdrawn, lapsed): no outcome is counted for
    them, whatever a draft says."""

    @property
    def pct_in_time(self) -> float | None:
        """Per cent answered within the statutory time, of the cases whose time is known; None if none."""
        judged = self.in_time + self.late
        return round(100 * self.in_time / judged, 1) if judged else None

    def add(self, other: PeriodStats) -> None:
        self.received += other.received
        self.outcomes.update(other.outcomes)
        self.exemptions.update(other.exemptions)
        self.in_time += other.in_time
        self.late += other.late
        self.assumed += other.assumed
        self.not_answered += other.not_answered

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "received": self.received, "outcomes": dict(self.outcomes),
                "exemptions": dict(self.exemptions.most_common()), "in_time": self.in_time, "late": self.late,
                "pct_in_time": self.pct_in_time, "received_assumed": self.assumed, "not_answered": self.not_answered}


@dataclass
class Stats:
    by: str
    periods: list[PeriodStats]
    total: PeriodStats
    reviews: Counter = field(default_factory=Counter)
    """Internal reviews asked for in the range: ``received``, and by outcome (``upheld``, ``partly_upheld``,
    ``not_upheld``, ``open``), as the Cabinet Office's statistics count them (``review_outcomes``)."""

    def to_json(self) -> dict[str, Any]:
        return {"by": self.by, "periods": [p.to_json() for p in self.periods], "total": self.total.to_json(),
                "reviews": {k: self.reviews[k] for k in ("received", *REVIEW_OUTCOMES, "open")}}

    def table(self) -> str:
        """A plain-text table for the terminal."""
        lines = [f"{'period':10}{'received':>9}{'granted':>9}{'partial':>9}{'refused':>9}{'not held':>9}"
                 f"{'NCND':>9}{'withdrawn':>10}{'lapsed':>7}{'in time':>9}{'late':>6}{'% in time':>11}"]
        for p in [*self.periods, self.total]:
            pct = f"{p.pct_in_time:.1f}" if p.pct_in_time is not None else "-"
            lines.append(f"{p.period:10}{p.received:>9}{p.outcomes['granted']:>9}{p.outcomes['partially_granted']:>9}"
                         f"{p.outcomes['refused']:>9}{p.outcomes['not_held']:>9}{p.outcomes['ncnd']:>9}"
                         f"{p.outcomes['withdrawn']:>10}{p.outcomes['lapsed']:>7}{p.in_time:>9}{p.late:>6}{pct:>11}")
        top = ", ".join(f"{fam} {n}" for fam, n in self.total.exemptions.most_common(8))
        lines.append(f"Exemptions cited: {top or 'none'}")
        lines.append(COUNTED)
        if self.total.not_answered:
            n = self.total.not_answered
            lines.append(f"{_cases(n)} received {'is' if n == 1 else 'are'} not marked sent: no outcome is counted for "
                         f"{'it' if n == 1 else 'them'}, whatever a draft says.")
        if self.reviews["received"]:
            r = self.reviews
            lines.append(f"Internal reviews: {r['received']} asked for; the original decision upheld {r['upheld']}, "
                         f"upheld in part {r['partly_upheld']}, not upheld {r['not_upheld']}; still open {r['open']}")
        if self.total.assumed:
            lines.append(f"{_cases(self.total.assumed)} not judged for time: the received date is only assumed (the "
                         "day the request was pasted). Give it with `foibot case REF --received DATE`.")
        return "\n".join(lines)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _cases(n: int) -> str:
    return "1 case" if n == 1 else f"{n} cases"


def period_of(day: date, by: str) -> str:
    """``2025-09`` (month) or ``2025-Q3`` (quarter)."""
    return f"{day.year}-{day.month:02d}" if by == "month" else f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _periods_between(first: date, last: date, by: str) -> list[str]:
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        label = period_of(date(year, month, 1), by)
        if not out or out[-1] != label:
            out.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def compute(store: Store, *, start: date | None = None, end: date | None = None, by: str = "month",
            today: date | None = None) -> Stats:
    """Statistics for cases received from ``start`` to ``end`` inclusive. Without either, the last 12 months
    (or 8 quarters) up to today, from the first case in them: a register holding years of imported history
    does not print years of empty periods."""
    if by not in PERIODS:
        raise InputError(f"--by takes month or quarter, not {by!r}")
    if start and end and end < start:
        raise InputError(f"the end date {end.isoformat()} is before the start date {start.isoformat()}")
    today = today or date.today()
    trim = start is None and end is None
    if trim:
        start, end = default_range(today, by)
    where, params = received_between(start, end, "parent_ref is null")
    with store.lock:
        rows = store.db.execute(f"select received, outcome, exemptions, status, due, sent_on, received_assumed, ref, "
                                f"source from cases where {where} order by received", params).fetchall()
    already_late = late_clarifications(store)
    days = [date.fromisoformat(r[0]) for r in rows]
    if trim:  # the default window starts no earlier than the first case in it, and is empty without one
        start = min(days) if days else None
    labels = _periods_between(start or min(days), end or max(days), by) if (days or (start and end)) else []
    periods = {label: PeriodStats(label) for label in labels}
    for day, (_, outcome, exemptions, status, due, sent_on, assumed, ref, source) in zip(days, rows, strict=True):
        p = periods.setdefault(period_of(day, by), PeriodStats(period_of(day, by)))
        p.received += 1
        counted = counted_outcome(status, outcome, sent_on, source)
        if counted:
            p.outcomes[counted] += 1
        if counted and counted not in ENDED_OUTCOMES:  # the exemptions the response cited
            p.exemptions.update({family(e) for e in json.loads(exemptions or "[]")})
        if not (sent_on or source == "import" or counted in ENDED_OUTCOMES):
            p.not_answered += 1
        if assumed:
            p.assumed += 1
        judged = timeliness(status, _day(due), _day(sent_on), today, assumed=bool(assumed),
                            clarified_late=ref in already_late)
        p.in_time += judged == IN_TIME
        p.late += judged == LATE
    ordered = [periods[k] for k in sorted(periods)]
    total = PeriodStats("total")
    for p in ordered:
        total.add(p)
    return Stats(by, ordered, total, review_counts(store, start, end))


def default_range(today: date, by: str) -> tuple[date, date]:
    """The 12 months (``month``) or 8 quarters (``quarter``) ending with the one ``today`` falls in."""
    months_back = 11 if by == "month" else 3 * 7 + (today.month - 1) % 3
    index = today.year * 12 + today.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1), today


def write_csv(stats: Stats, path: str | Path) -> Path:
    """One row per period: received, each outcome, in time, late, % in time, cases with an assumed received date,
    and the exemptions cited."""
    path = Path(path)
    known = [*OUTCOMES, *(o for o in ENDED_OUTCOMES if o not in OUTCOMES)]
    outcomes = known + sorted({o for p in stats.periods for o in p.outcomes} - set(known))
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["period", "received", *outcomes, "in_time", "late", "pct_in_time", "received_assumed",
                         "exemptions"])
        for p in [*stats.periods, stats.total]:
            writer.writerow([p.period, p.received, *(p.outcomes[o] for o in outcomes), p.in_time, p.late,
                             "" if p.pct_in_time is None else p.pct_in_time, p.assumed,
                             "; ".join(f"{fam}={n}" for fam, n in sorted(p.exemptions.items(),
                                                                         key=lambda i: (-i[1], i[0])))])
    return path


def write_chart(stats: Stats, path: str | Path) -> Path:
    """A PNG: requests received per period, stacked by outcome, with % answered in time on a second axis."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    path = Path(path)
    labels = [p.period for p in stats.periods]
    fig, ax = plt.subplots(figsize=(min(14.0, max(6.0, 0.45 * len(labels) + 2)), 4.5), dpi=100)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of requests are whole numbers
    try:
        bottom = [0] * len(labels)
        for outcome in [*OUTCOMES, *(o for o in ENDED_OUTCOMES if o not in OUTCOMES), None]:
            if outcome is None:
                values = [p.received - sum(p.outcomes.values()) for p in stats.periods]
                name = "no outcome (not answered yet, or none recorded)"
            else:
                values = [p.outcomes[outcome] for p in stats.periods]
                name = outcome.replace("_", " ")
            if any(values):
                ax.bar(labels, values, bottom=bottom, label=name)
                bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_ylabel("requests received")
        ax.set_title(f"FOI requests by {stats.by}")
        ax.tick_params(axis="x", labelrotation=60, labelsize=8)
        pct = [p.pct_in_time for p in stats.periods]
        if any(v is not None for v in pct):
            right = ax.twinx()
            right.plot(labels, [float("nan") if v is None else v for v in pct], color="black", marker="o",
                       label="% answered in time")
            right.set_ylim(0, 105)
            right.set_ylabel("% answered within the statutory time")
            right.legend(loc="upper right", fontsize=8)
        if labels:
            ax.legend(loc="upper left", fontsize=8)
        fig.tight_layout()
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
    return path


def write_outputs(stats: Stats, folder: str | Path) -> list[Path]:
    """``stats-by-<month|quarter>.csv`` and ``.png`` in ``folder`` (created if need be)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"stats-by-{stats.by}"
    return [write_csv(stats, folder / f"{stem}.csv"), write_chart(stats, folder / f"{stem}.png")]
