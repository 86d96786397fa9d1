"""The letters probes' answers files (``tests/fixtures/answers/probe*/``) drafted under the profile their names
give: ``police-…``, ``council-…``, ``gov-…``, ``health-…`` or ``scot-…`` (a Scottish council under FOISA)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

BARE_ID = re.compile(r"(?m)^\s+- [a-z0-9]+(?:-[a-z0-9]+)+\s*$")
"""A public interest factor's id printed instead of its words."""
PY_LIST = re.compile(r"\[\s*'|'\s*\]")
"""A Python list printed in a letter."""

TYPES = {"police": "police", "council": "council", "gov": "central_government", "health": "health", "scot": "council"}



UK_ROUTE = ("Freedom of Information Act 2000", "section 50", "ico.org.uk")
"""What a FOIA letter's rights paragraphs must name (s17(7))."""
EIR_ROUTE = ("Environmental Information Regulations 2004", "regulation 11", "regulation 18", "regulation 14")
"""What an EIR letter's rights paragraphs must name (reg 14(5))."""
FOISA_ROUTE = ("Freedom of Information (Scotland) Act 2002", "section 20", "section 47",
               "Scottish Information Commissioner")
"""What a FOISA letter's rights paragraphs must name (s19)."""
DISCLAIMER = "This should not be taken as an indication that the information you asked for is or is not held."
"""The sentence a letter that neither confirms nor denies ends its answer with."""

class Probe:
    """One probe's folder of answers files and request texts."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(__file__).resolve().parent / "fixtures" / "answers" / folder

    def assert_every_file_expected(self, names: set[str], *, least: int = 20, with_requests: bool = True) -> None:
        """Every answers file of the probe has an expectation among ``names`` (and each name a file), there are at
        least ``least``, each holds an object and (``with_requests``) has its request beside it."""
        assert {p.stem for p in self.folder.glob("*.json")} == names
        assert len(names) >= least
        for path in self.folder.glob("*.json"):
            assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), path.name
            assert not with_requests or path.with_suffix(".txt").exists(), path.name

    def answers(self, name: str) -> dict[str, Any]:
        return json.loads((self.folder / f"{name}.json").read_text(encoding="utf-8"))

    def request(self, name: str) -> str:
        path = self.folder / f"{name}.txt"
        return path.read_text(encoding="utf-8") if path.exists() else "Dear FOI team,\n\nPlease send the information."

    def body(self, name: str, text: str) -> str:
        """A letter's ``text`` without the lines of the request it quotes: the requester's words are not the
        letter's, so what a letter must not say is looked for in the rest."""
        for line in self.request(name).splitlines():
            if line.strip():
                text = text.replace(line.strip(), "")
        return text

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


def draft_as(rt: Any, given: dict, request: str, *, today: Any, **authority: Any) -> Any:
    """``rt``'s engine drafts ``given`` for ``request`` as "Example Body" (no marking) with ``authority``'s settings
    changed (type, regime, cost limit, devolved), on the day ``today``."""
    rt.engine.authority = replace(rt.authority, **{"name": "Example Body", "short_name": "Example Body",
                                                   "signature_role": "On behalf of Example Body",
                                                   "protective_marking": "", **authority})
    rt.engine.today = lambda: today
    return rt.engine.draft_answers(request, given)


def assert_signable(rt: Any, draft: Any, must: list[str], must_not: list[str], body: str) -> None:
    """The whole letter is one an officer could sign: it says what it must and, outside the quoted request
    (``body`` is the letter without it), nothing it must not; no gaps, markup, ids or Python values, no
    first person, no capital mid-sentence, signed for the authority, passing its statutory check (and the
    tolerant reader's check of the exported text), and not late."""
    from foibot.letter.checks import check

    text = draft.text()
    assert [m for m in must if m not in text] == [], text
    assert [m for m in must_not if m in body] == [], text
    assert "[to be completed" not in text and "::" not in text and "{{" not in text and "{%" not in text
    assert not BARE_ID.search(text), BARE_ID.findall(text)
    assert not PY_LIST.search(text), text
    assert not re.search(r"\bI (can|am|have|will|would|hope)\b", body)
    assert not re.search(r"[a-z,] We\b", text), "a capital letter mid-sentence"
    assert "On behalf of Example Body" in text and "HMICFRS" not in text
    assert draft.checks.ok, f"{draft.checks.summary()}\n\n{text}"
    assert not draft.late
    as_text = check(text, rt.kb, letter_date=draft.letter_date)  # the tolerant reader agrees on the export
    assert as_text.ok, as_text.summary()
