"""The ``/foi`` command's answers, for every surface that offers it (Slack's slash command, the console).

``/foi para [NAME]``, ``/foi exemption [SECTION]``, ``/foi deadline DATE [REGIME]``, ``/foi similar TEXT``,
``/foi case REF [status STATUS]``, ``/foi stats [quarter]`` and ``/foi help``: plain text, which each surface
lays out (Slack escapes it and sets tables in a fixed-width font). Whether the asker may see cases is the
surface's decision; the answers are the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from foibot.conversation.engine import Engine
from foibot.errors import InputError
from foibot.knowledge.citations import parse_citation
from foibot.knowledge.model import Exemption, ncnd_provision, resolve_ncnd
from foibot.knowledge.profile_files import data_file
from foibot.law.deadlines import schools_note
from foibot.law.paragraphs import not_offered, withheld
from foibot.law.reliance import reliance_notes
from foibot.letter.drafting import paragraph_names as drafting_paragraph_names
from foibot.surfaces import views

TABLES = ("stats", "case", "due")
"""Answers laid out in columns."""


def answer(engine: Engine, verb: str, args: list[str], user: str, *, may_view_cases: bool, refusal: str,
           shareable: bool = True) -> str:
    """The text of a /foi answer; ``refusal`` is what to say when the asker may not see cases; ``shareable``
    whether this surface can post an answer to the channel (Slack's 'share'; a terminal cannot)."""
    if verb == "para":
        if not args:
            return "\n".join([engine.replies.render("foi-paragraphs", names=paragraph_names(engine)),
                              *paragraphs_not_offered(engine)])
        return paragraph(engine, args[0])
    if verb == "exemption":
        if not args:
            return "\n".join(exemption_list(engine))
        return explain(engine, " ".join(args), command="/foi exemption")
    if verb == "deadline":
        return deadline(engine, args)
    if verb in ("similar", "case", "stats", "due"):
        if not may_view_cases or engine.cases is None:
            return refusal
        if verb == "similar":
            return _similar(engine, args)
        if verb == "due":
            return _due(engine, args)
        return _case(engine, args, user) if verb == "case" else _stats(engine, args)
    return engine.replies.render("foi-help", paragraphs=paragraph_names(engine), shareable=shareable,
                                 exemptions=known_exemptions(engine))


def paragraph_names(engine: Engine) -> list[str]:
    """The standard paragraphs offered under the authority's law (``foibot para``, ``/foi para``, ``/foi help``):
    one that states another law's provision, with no counterpart in this one, is left out (foibot.law.paragraphs)."""
    return views.paragraphs(engine)


def paragraphs_not_offered(engine: Engine) -> list[str]:
    """One line for each paragraph left out under the authority's law, saying why (after the list)."""
    law = engine.authority.regime.upper()
    return [f"Not offered under {law}: {name}, because {why}." for name, why in withheld(
        drafting_paragraph_names(engine.env), engine.authority.regime)]


def paragraph(engine: Engine, name: str) -> str:
    """One standard paragraph, filled in; one not offered under the authority's law is an InputError saying why."""
    why = not_offered(name.strip(), engine.authority.regime)
    if why:
        raise InputError(f"the paragraph '{name.strip()}' is not offered under {engine.authority.regime.upper()}, "
                         f"because {why}. Paragraphs: {', '.join(paragraph_names(engine))}")
    return views.paragraph(engine, name)


def _exemptions(engine: Engine) -> list[Exemption]:
    """The exemptions of the authority's law: FOISA's for a Scottish authority, else FOIA's and the EIR's."""
    laws = ("foisa",) if engine.authority.regime == "foisa" else ("foia", "eir")
    return sorted((e for e in engine.kb.exemptions.values() if e.regime in laws),
                  key=lambda e: (laws.index(e.regime), [int(n) for n in re.findall(r"\d+", e.section)], e.section))


def _name(exemption: Exemption) -> str:
    """An exemption as an officer types it after /foi exemption (FOISA's without the knowledge base's prefix)."""
    return exemption.section.removeprefix("foisa-")


def exemption_list(engine: Engine) -> list[str]:
    """One line per exemption of the authority's law, as an officer types it: ``s25: Information otherwise
    accessible (absolute)`` (``foibot exemption`` and ``/foi exemption`` with nothing after them)."""
    return [f"{_name(e)}: {e.title} ({e.type})" for e in _exemptions(engine)]


def authority_fit(engine: Engine, exemption: Exemption) -> tuple[str, list[str]]:
    """What the drafting rule says of this exemption for the profile's kind of authority, in the words a draft
    uses: (why a draft citing it is refused, "" when it is not; the notes a draft would carry). Section 35 is
    only for a government department or the Welsh Government; section 33 only for a body that audits others; section
    34 protects only the privileges of the two Houses of Parliament (foibot.law.reliance: a note to any other)."""
    from foibot.letter.answer_checks import authority_fit as drafting_fit

    refusal, notes = drafting_fit(exemption.section, engine.authority.type)
    notes = notes + reliance_notes(exemption.section, engine.authority.name)
    return (refusal[:1].upper() + refusal[1:] + "." if refusal else ""), notes


def describe(engine: Engine, exemption: Exemption, limb: str = "", *, typed: str = "") -> str:
    """An exemption as ``foibot exemption`` and ``/foi exemption`` show it. When this kind of authority cannot
    rely on it (section 35 for a council or a police force) that comes first; a caution a draft would carry
    comes last. ``typed``, a neither-confirm-nor-deny provision (40(5B)), is named before the exemption it goes
    with, never shown as that exemption's subsection alone."""
    refused, notes = authority_fit(engine, exemption)
    who = f"For {engine.authority.name} ({engine.authority.type.replace('_', ' ')}): "
    text = exemption.describe(limb)
    if typed and ncnd_provision(engine.kb, typed, engine.authority.regime) is not None:
        parsed = parse_citation(typed, engine.authority.regime)
        text = engine.replies.render("foi-ncnd-typed", provision=f"{exemption.number}({parsed.limb})",
                                     section=exemption.number).strip() + "\n\n" + text
    if notes:
        text = f"{text}\n\n{who}{' '.join(notes)}"
    return f"{who}{refused}\n\n{text}" if refused else text


def explain(engine: Engine, citation: str, *, command: str) -> str:
    """What ``foibot exemption`` and ``/foi exemption`` answer: the exemption (:func:`describe`), or, for a subsection
    of a known exemption that is not a limb an answer cites, what foibot knows of it (:func:`subsection_notes`)."""
    try:
        exemption, limb = find_exemption(engine, citation, command=command)
    except InputError:
        notes = subsection_notes(engine, citation)
        if notes is None:
            raise
        return notes
    return describe(engine, exemption, limb, typed=citation)


def subsection_notes(engine: Engine, citation: str) -> str | None:
    """For a subsection of a known exemption that is not one of its limbs (section 36(5), which says who the
    qualified person is): what foibot's own notes on that exemption say of it (its questions' prompts, help and
    choices, its limbs, its statute note), and where to read the section. When its notes name it nowhere, an
    InputError: the knowledge base's line for an unknown subsection, then where to read the section. None for
    anything else (not such a subsection)."""
    regime = engine.authority.regime
    try:
        parsed = parse_citation(citation, regime)
    except InputError:
        return None
    family = parsed.family if parsed.regime != "foisa" else "foisa-" + parsed.family.removeprefix("foisa-")
    exemption = engine.kb.exemptions.get(family)
    if exemption is None or parsed.is_regulation or not parsed.limb or not exemption.limbs \
            or exemption.has_limb(parsed.limb):
        return None
    named = f"{exemption.number}{parsed.subsections}"
    cited = f"section {named}" + (" of the Freedom of Information (Scotland) Act 2002" if parsed.regime == "foisa"
                                  else "")
    limbs = ", ".join(exemption.cite(o.value) for o in exemption.limbs)
    where = f"read section {exemption.number} at {exemption.statute.url}"
    said = _sentences_naming(exemption, named, parsed.regime)
    if not said:
        try:
            engine.kb.resolve(citation, regime)
            unknown = f"{cited} is not a limb an exemption is cited under (section {exemption.number}'s are {limbs})"
        except InputError as exc:
            unknown = str(exc).rstrip(".")
        raise InputError(f"{unknown}. foibot has no notes on {cited}: {where}.")
    return "\n".join([f"{cited} is not a limb an exemption is cited under (section {exemption.number}'s are {limbs}). "
                      "What foibot's notes on it say:", *(f"  - {x}" for x in said),
                      f"{where[0].upper()}{where[1:]} (foibot quotes only the wording it has verified)."])


def _sentences_naming(exemption: Exemption, named: str, regime: str) -> list[str]:
    """The passages of ``exemption``'s own texts about ``named`` (``36(5)``, and so ``36(5)(a)``): each text from its
    first sentence that names it to its end (what follows goes on about it); a question's choice that names it,
    with the question and its help. Once each."""
    mention = re.compile(rf"(?<![\d(]){re.escape(named)}(?!\d)")
    texts = [exemption.statute.omitted, *(o.label for o in exemption.limbs)]
    found: list[str] = []
    for question in exemption.questions:
        texts += [question.prompt, question.help_for(regime)]
        found += [" ".join(f"{question.prompt} {o.label}. {question.help_for(regime)}".split())
                  for o in question.options if mention.search(o.label)]
    for text in texts:
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(str(text or "").split()))
        first = next((i for i, sentence in enumerate(sentences) if mention.search(sentence)), None)
        passage = " ".join(sentences[first:]) if first is not None else ""
        if passage and not any(passage in f for f in found):
            found.append(passage)
    return found


def known_exemptions(engine: Engine) -> list[str]:
    """The exemptions of the authority's law, each as an officer types it (every one resolves as written)."""
    return [_name(e) for e in _exemptions(engine)]


def find_exemption(engine: Engine, citation: str, *, command: str,
                   regime: str | None = None) -> tuple[Exemption, str]:
    """An exemption and limb, read under the authority's law; also a neither-confirm-nor-deny provision (s31(3)).

    One rule for ``foibot exemption`` and ``/foi exemption`` (``command`` is how the officer typed it, for the
    message; ``regime`` the law it is read under, the authority's unless given). An unknown one is an InputError
    listing what is known as it may be typed; under FOISA a FOIA section with a FOISA counterpart
    (``foisa_equivalents`` in intents/priors.yaml) names that section."""
    kb, regime = engine.kb, regime or engine.authority.regime
    try:
        return kb.resolve(citation, regime)
    except InputError:
        ncnd = resolve_ncnd(kb, citation, regime)
        if ncnd is not None:
            return ncnd
        if regime == "foia" and re.match(r"\s*\d", citation):  # "12(5)(b)": no paragraph of s12, an EIR regulation
            try:
                return kb.resolve("reg " + citation.strip(), "eir")
            except InputError:
                pass
        parsed = parse_citation(citation, regime)  # not a citation at all: its own message says so
        if regime == "foisa" and parsed.family.removeprefix("foisa-") in ("s18", "18"):
            raise InputError(engine.replies.render("foi-foisa-s18")) from None  # FOISA's NCND, with an exemption
        family = parsed.family if parsed.regime != "foisa" else "foisa-" + parsed.family.removeprefix("foisa-")
        if family in kb.exemptions:
            raise  # a known exemption, an unknown subsection: its message lists the subsections
        raise InputError(engine.replies.render("foi-no-exemption", citation=citation.strip(), regime=regime.upper(),
                                               known=known_exemptions(engine), command=command,
                                               **_counterpart(engine, citation))) from None


def _counterpart(engine: Engine, citation: str) -> dict[str, object]:
    """For a Scottish authority asked for a FOIA section: the FOISA section that protects the same interest
    (``foisa_equivalents``), as ``counterpart`` (its citation), ``number`` (what to type), ``interest`` (its
    title) and ``noted`` (whether foibot has notes on it); nothing otherwise."""
    if engine.authority.regime != "foisa":
        return {}
    try:
        foia = parse_citation(citation, "foia")
    except InputError:
        return {}
    target = _foisa_equivalents(engine).get(foia.family) if foia.regime == "foia" else None
    if not target or target.removeprefix("foisa-") == foia.family:
        return {}  # none, or the same number: "12" under FOISA is FOISA's section 12, not FOIA's
    found, own = engine.kb.exemptions.get(target), engine.kb.exemptions.get(foia.family)
    number = target.removeprefix("foisa-").removeprefix("s")
    return {"counterpart": found.cite("") if found else f"section {number}", "number": number,
            "foia_section": f"section {foia.family.removeprefix('s')}", "noted": found is not None,
            "interest": (found or own).title.lower() if (found or own) else ""}


def _foisa_equivalents(engine: Engine) -> dict[str, str]:
    """FOIA family -> FOISA family, from intents/priors.yaml (the suggester's copy when it has one)."""
    known = getattr(engine.suggest, "foisa_equivalents", None)
    if isinstance(known, dict):
        return known
    from foibot.suggest.priors import load_priors

    path = data_file(Path(engine.kb.root), "intents/priors.yaml")
    return load_priors(path).foisa_equivalents if path.exists() else {}


def deadline(engine: Engine, args: list[str]) -> str:
    """The due date for a request received on the date given (read by :func:`read_planned_date`), under the
    authority's law unless another is named last (``/foi deadline 10/3/25 foia``; a Scottish authority's
    environmental requests ``eisr``)."""
    from foibot.law.deadlines import Regime, due_date, regime_for

    named = args[-1] if args and args[-1].lower() in tuple(Regime) else None
    received = read_planned_date(" ".join(args[:-1] if named else args), today=engine.today(),
                                 named_days=engine.kb.vocabulary.named_days)
    result = due_date(received, regime_for(named, engine.authority.regime),
                      holiday_data_until=engine.authority.holiday_data_until)
    schools = schools_note(getattr(engine.authority, "type", None), result.regime)
    return views.deadline(result, received, today=engine.today()) + (f"\nNote: {schools}" if schools else "")


def read_planned_date(text: str, *, today: date, named_days: Mapping[str, str] | None = None) -> date:
    """A date a deadline is worked out from (``foibot deadline``, ``/foi deadline``), read as the chat reads dates,
    except that one without its year ("30 November", "St Andrew's Day") is the nearest such day before or after
    today: a deadline may be planned for a request still to come, and last year's day is not meant."""
    from foibot.conversation.reading_dates import read_date

    return read_date(text, today=today, named_days=named_days, planning=True)


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
    case = register.require(history.reference)
    details = views.case_details(register, case, authority_type=engine.authority.type)
    return engine.replies.render("foi-case", case=details, entries=history.entries[-8:])


def _due(engine: Engine, args: list[str]) -> str:
    """Cases due within 5 working days (or the number given), overdue ones and those awaiting clarification."""
    from foibot.register.reminders import DIGEST_WORKING_DAYS

    if args and not (len(args) == 1 and args[0].isdecimal()):
        return engine.replies.render("foi-usage", usage="/foi due [WORKING DAYS]")
    within = int(args[0]) if args else DIGEST_WORKING_DAYS
    found, schools = views.due_report(engine.cases.register, engine.store, engine.authority, engine.today(), within)
    return found.text() + (f"\nNote: {schools}" if schools else "")


def _stats(engine: Engine, args: list[str]) -> str:
    """The request statistics by month (or by quarter)."""
    from foibot.register.stats import compute

    return compute(engine.store, by="quarter" if "quarter" in args else "month", today=engine.today()).table()
