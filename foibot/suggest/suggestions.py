"""What the matcher suggests for a request: ranked topics, intents and exemptions, each with why."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


def as_typed(citation: str) -> str:
    """A stored citation as the officer types and reads it: ``s33(1)(b)`` for FOISA's ``foisa-s33(1)(b)`` (the
    profile's Act says which law), anything else as it is (``s40(2)``, ``EISR reg 10(4)(b)``)."""
    return str(citation).removeprefix("foisa-")


@dataclass(frozen=True)
class Suggestion:
    """One ranked suggestion. ``key`` is a topic id, an intent id or an exemption section."""

    key: str
    label: str
    score: float
    why: str

    @property
    def typed(self) -> str:
        """The key as the officer types it (``as_typed``)."""
        return as_typed(self.key)


@dataclass
class Suggestions:
    """The matcher's answer for one request, best first in each list."""

    topics: list[Suggestion] = field(default_factory=list)
    intents: list[Suggestion] = field(default_factory=list)
    exemptions: list[Suggestion] = field(default_factory=list)
    similar_cases: list[dict[str, Any]] = field(default_factory=list)
    regime: str = "foia"
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The documented ``suggest --json`` shape; each section as the officer types it (``s33(1)(b)`` under
        FOISA: ``regime`` says which Act)."""
        return {
            "topics": [{"id": s.key, "title": s.label, "score": round(s.score, 1), "why": s.why} for s in self.topics],
            "intents": [{"id": s.key, "title": s.label, "score": round(s.score, 1), "why": s.why}
                        for s in self.intents],
            "exemptions": [{"section": s.typed, "title": s.label, "score": round(s.score, 1), "why": s.why}
                           for s in self.exemptions],
            "similar_cases": self.similar_cases,
            "regime": self.regime,
            "notes": list(self.notes),
        }

    def to_state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, data: dict[str, Any]) -> Suggestions:
        return cls(
            topics=[Suggestion(**s) for s in data.get("topics", [])],
            intents=[Suggestion(**s) for s in data.get("intents", [])],
            exemptions=[Suggestion(**s) for s in data.get("exemptions", [])],
            similar_cases=list(data.get("similar_cases", [])),
            regime=data.get("regime", "foia"),
            notes=list(data.get("notes", [])),
        )
