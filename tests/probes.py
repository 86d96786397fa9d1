"""The letters probes' answers files (``tests/fixtures/answers/probe*/``) drafted under the profile their names
give: ``police-…``, ``council-…``, ``gov-…``, ``health-…`` or ``scot-…`` (a Scottish council under FOISA)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

TYPES = {"police": "police", "council": "council", "gov": "central_government", "health": "health", "scot": "council"}


class Probe:
    """One probe's folder of answers files and request texts."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(__file__).resolve().parent / "fixtures" / "answers" / folder

    def answers(self, name: str) -> dict[str, Any]:
        return json.loads((self.folder / f"{name}.json").read_text(encoding="utf-8"))

    def request(self, name: str) -> str:
        path = self.folder / f"{name}.txt"
        return path.read_text(encoding="utf-8") if path.exists() else "Dear FOI team,\n\nPlease send the information."

    def use_profile(self, rt: Any, name: str, kind: str | None = None) -> None:
        """The runtime's engine drafts as the kind of authority the file's name gives."""
        kind = kind or name.split("-")[0]
        rt.engine.authority = replace(rt.authority, type=TYPES[kind], name="Example Body", short_name="Example Body",
                                      cost_limit=600 if kind in ("gov", "scot") else 450,
                                      regime="foisa" if kind == "scot" else "foia",
                                      signature_role="On behalf of Example Body",
                                      protective_marking="OFFICIAL" if kind == "police" else "")

    def draft(self, rt: Any, name: str, answers: dict[str, Any] | None = None, kind: str | None = None) -> Any:
        self.use_profile(rt, name, kind)
        return rt.engine.draft_answers(self.request(name), answers if answers is not None else self.answers(name))
