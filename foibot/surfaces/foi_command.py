"""The ``/foi`` command's answers, for every surface that offers it (Slack's slash command, the console).

``/foi para [NAME]``, ``/foi exemption [SECTION]``, ``/foi deadline DATE [REGIME]``, ``/foi similar TEXT``,
``/foi case REF [status STATUS]``, ``/foi stats [quarter]`` and ``/foi help``: plain text, which each surface
lays out (Slack escapes it and sets tables in a fixed-width font). Whether the asker may see cases is the
surface's decision; the answers are the same everywhere.
"""

from __future__ import annotations

from foibot.conversation.engine import Engine
from foibot.errors import InputError
from foibot.knowledge.citations import parse_citation
from foibot.knowledge.model import Exemption, resolve_ncnd
from foibot.surfaces import views

TABLES = ("stats", "case")
"""Answers laid out in columns."""


def answer(engine: Engine, verb: str, args: list[str], user: str, *, may_view_cases: bool, refusal: str) -> str:
    """The text of a /foi answer; ``refusal`` is what to say when the asker may not see cases."""
    if verb == "para":
        if not args:
            return engine.replies.render("foi-paragraphs", names=views.paragraphs(engine))
        return views.paragraph(engine, args[0])
    if verb == "exemption":
        if not args:
            return "\n".join(f"{_name(e)}: {e.title} ({e.type})" for e in _exemptions(engine))
        return _exemption(engine, " ".join(args))
    if verb == "deadline":
        return deadline(engine, args)
    if verb in ("similar", "case", "stats"):
        if not may_view_cases or engine.cases is None:
            return refusal
        if verb == "similar":
            return _similar(engine, args)
        return _case(engine, args, user) if verb == "case" else _stats(engine, args)
    return engine.replies.render("foi-help", paragraphs=views.paragraphs(engine),
                                 exemptions=[_name(e) for e in _exemptions(engine)])


def _exemptions(engine: Engine) -> list[Exemption]:
    """The exemptions of the authority's law: FOISA's for a Scottish authority, else FOIA's and the EIR's."""
    laws = ("foisa",) if engine.authority.regime == "foisa" else ("foia", "eir")
    return [e for e in engine.kb.exemptions.values() if e.regime in laws]


def _name(exemption: Exemption) -> str:
    """An exemption as an officer types it after /foi exemption (FOISA's without the knowledge base's prefix)."""
    return exemption.section.removeprefix("foisa-")


def _exemption(engine: Engine, citation: str) -> str:
    """An exemption, read as `foibot exemption` reads it; also a neither-confirm-nor-deny provision (s31(3))."""
    kb, regime = engine.kb, engine.authority.regime
    try:
        exemption, limb = kb.resolve(citation, regime)
    except InputError:
        ncnd = resolve_ncnd(kb, citation, regime)
        if ncnd is None:
            parsed = parse_citation(citation, regime)  # not a citation at all: its own message says so
            family = parsed.family if parsed.regime != "foisa" else "foisa-" + parsed.family.removeprefix("foisa-")
            if family in kb.exemptions:
                raise  # a known exemption, an unknown subsection: its message lists the subsections
            raise InputError(engine.replies.render("foi-no-exemption", citation=citation, regime=regime.upper(),
                                                   known=[_name(e) for e in _exemptions(engine)])) from None
        exemption, limb = ncnd
    return exemption.describe(limb)


def deadline(engine: Engine, args: list[str]) -> str:
    """The due date for a request received on the date given (read as the chat reads dates), under the
    authority's law unless another is named last (``/foi deadline 10/3/25 foia``)."""
    from foibot.conversation.reading_dates import read_date
    from foibot.law.deadlines import due_date, parse_regime

    regime = parse_regime(args[-1]) if args and args[-1].lower() in ("foia", "eir", "foisa") else None
    received = read_date(" ".join(args[:-1] if regime else args), today=engine.today())
    result = due_date(received, regime or parse_regime(engine.authority.regime),
                      holiday_data_until=engine.authority.holiday_data_until)
    return views.deadline(result, received)


def _similar(engine: Engine, args: list[str]) -> str:
    """Up to three similar past cases, and why."""
    from foibot.suggest.similar import find_similar

    text = " ".join(args)
    if not text.strip():
        return engine.replies.render("foi-usage", usage="/foi similar TEXT")
    return views.similar_cases(find_similar(engine.store, text))


def _case(engine: Engine, args: list[str], user: str) -> str:
    """A case and its recent history; ``REF status STATUS`` moves it on first."""
    words, status = list(args), None
    if "status" in words:
        at = words.index("status")
        status, words = " ".join(words[at + 1:]), words[:at]
    ref = " ".join(words)
    if not ref:
        return engine.replies.render("foi-usage", usage="/foi case REF [status STATUS]")
    register = engine.cases.register
    if status:
        register.set_status(ref, status, user, on=engine.today())
    history = engine.history(ref)
    return engine.replies.render("foi-case", case=views.case_details(register, register.require(history.reference)),
                                 entries=history.entries[-8:])


def _stats(engine: Engine, args: list[str]) -> str:
    """The request statistics by month (or by quarter)."""
    from foibot.register.stats import compute

    return compute(engine.store, by="quarter" if "quarter" in args else "month", today=engine.today()).table()
