"""Procedural refusals as each Act sets them: the cost limit and its regulations, and the provisions a cost or
vexatious refusal gives notice under and gives advice under.

FOIA: section 12 with the Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004
(SI 2004/3244): £450, or £600 for the bodies in Part I of Schedule 1, staff time at £25 an hour; notice under
section 17(5); advice and assistance under section 16.

FOISA: section 12 with the Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004
(SSI 2004/467): £600 for every Scottish public authority, staff time counted at no more than £15 an hour (so 40
hours); notice under section 16(4) (section 12) or 16(5) (section 14); advice and assistance under section 15.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CostLimit:
    """The most compliance may cost before section 12 applies, and how staff time is counted."""

    limit: int
    """The limit in pounds (``cost.limit`` in the snippets)."""
    rate: int
    """Pounds an hour of staff time counts for (the most it may count for, under FOISA)."""
    regulations: str
    url: str

    @property
    def hours(self) -> int:
        """The limit in hours of staff time at ``rate``: 18 (or 24) under FOIA, 40 under FOISA."""
        return self.limit // self.rate

    def cost_of(self, hours: float) -> float:
        """What ``hours`` of staff time count for."""
        return hours * self.rate

    def exceeded_by(self, hours: float | None = None, pounds: float | None = None) -> bool | None:
        """Whether an estimate (hours of staff time, or a total in pounds) is over the limit; None with neither."""
        figures = [x for x in (self.cost_of(hours) if hours is not None else None, pounds) if x is not None]
        return max(figures) > self.limit if figures else None


@dataclass(frozen=True)
class Procedure:
    """Where each Act puts the notice and the advice that go with a cost or vexatious refusal."""

    cost_notice: str
    """The provision the notice of a cost refusal is given under."""
    vexatious_notice: str
    """The provision the notice of a vexatious or repeated request refusal is given under."""
    advice: str
    """The duty to advise and assist."""
    repeat_interval: str
    """The Act's words for the time that must pass before a repeated request must be answered."""
    repeat_done: str
    """What must have happened to the earlier request for a repeat of it to be refused."""


FOIA_REGULATIONS = ("the Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004",
                    "https://www.legislation.gov.uk/uksi/2004/3244")
FOISA_REGULATIONS = ("the Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004",
                     "https://www.legislation.gov.uk/ssi/2004/467")
FOISA_LIMIT = 600
FOISA_RATE = 15
FOIA_RATE = 25

_PROCEDURES = {
    "foia": Procedure("section 17(5)", "section 17(5)", "section 16", "reasonable interval", "already answered"),
    "foisa": Procedure("section 16(4)", "section 16(5)", "section 15", "reasonable period", "already complied with"),
}


def cost_limit(regime: str, profile_limit: int = 450) -> CostLimit:
    """The cost limit under ``regime``: FOIA's is the profile's (450 or 600, authority.toml); FOISA's is £600 for
    every Scottish authority whatever the profile says."""
    if regime == "foisa":
        return CostLimit(FOISA_LIMIT, FOISA_RATE, *FOISA_REGULATIONS)
    return CostLimit(profile_limit, FOIA_RATE, *FOIA_REGULATIONS)


def procedure(regime: str) -> Procedure:
    """The notice and advice provisions under ``regime`` (the EIR's regulation 12(4)(b) has its own template)."""
    return _PROCEDURES["foisa" if regime == "foisa" else "foia"]
