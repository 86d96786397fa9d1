"""Drafting: render the letter and Annex A from the answers with the jinja2 templates in ``snippets/``.

Templates run in a sandbox. Request text and answers reach them only as values, never as template
source, and every value passes through ``escape_markup`` so it cannot start a block of the letter.
A missing answer renders as a visible gap (``[to be completed: …]``) that the statutory check reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, FileSystemLoader, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from foibot.errors import DataError, FoibotError
from foibot.knowledge.authority import Authority
from foibot.knowledge.model import Exemption, Knowledge
from foibot.letter.blocks import Block, escape_markup, parse_blocks, split_annex, to_markdown, to_text

GAP_PREFIX = "[to be completed: "


class Gap(ChainableUndefined):
    """An unanswered value: renders as a visible gap instead of failing or vanishing."""

    def __str__(self) -> str:
        return f"{GAP_PREFIX}{self._undefined_name or 'answer'}]"


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Gap):
        return str(value)
    return escape_markup(str(value))


def longdate(value: Any) -> str:
    """``2019-10-31`` -> ``31 October 2019``."""
    day = _as_date(value)
    return f"{day.day} {day:%B %Y}" if day else str(value)


def shortdate(value: Any) -> str:
    """``2026-12-09`` -> ``Wed 9 Dec 2026``."""
    day = _as_date(value)
    return f"{day:%a} {day.day} {day:%b %Y}" if day else str(value)


def join_and(items: Any) -> str:
    """``[a, b, c]`` -> ``a, b and c``."""
    items = [str(i) for i in (items or []) if str(i).strip()]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def capfirst(value: Any) -> str:
    text = str(value)
    return text[:1].upper() + text[1:]


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


class _SnippetLoader(FileSystemLoader):
    """Ends every template with a newline, so an included snippet never runs into the next block
    (``trim_blocks`` eats the newline after a template's final ``{% endif %}``)."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        return source + "\n", filename, uptodate


def make_environment(snippets: Path) -> ImmutableSandboxedEnvironment:
    """The sandboxed jinja2 environment over ``snippets/``; every template is compiled to check it."""
    env = ImmutableSandboxedEnvironment(
        loader=_SnippetLoader(str(snippets)), undefined=Gap, finalize=_finalize, autoescape=False,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(longdate=longdate, shortdate=shortdate, join_and=join_and, capfirst=capfirst)
    for name in env.list_templates(extensions=["j2"]):
        try:
            env.get_template(name)
        except TemplateSyntaxError as exc:
            raise DataError(f"snippets/{name}", exc.lineno, None, f"template error: {exc.message}") from exc
    return env


@dataclass
class ExemptionUse:
    """One exemption as applied in a letter, with its answers resolved for the templates."""

    e: Exemption
    limb: str
    a: dict[str, Any]
    act_short: str

    @property
    def section(self) -> str:
        return self.e.section

    @property
    def template(self) -> str:
        return self.e.section.replace("(", "-").replace(")", "")

    @property
    def cite(self) -> str:
        return self.e.cite(self.limb or self.a.get("limb") or "")

    @property
    def cite_section(self) -> str:
        return self.e.cite("") if self.e.regime == "foia" else self.e.cite()

    @property
    def heading(self) -> str:
        return f"{capfirst(self.cite_section)}: {self.e.title}"

    @property
    def ncnd_cite(self) -> str:
        if not self.e.ncnd:
            return ""
        number = self.e.ncnd.lstrip("s")
        return f"regulation {number}" if self.e.regime == "eir" else f"section {number}"

    @property
    def likelihood(self) -> str:
        value = str(self.a.get("likelihood") or "would_be_likely")
        return "would" if value == "would" else "would be likely to"

    def __getattr__(self, name: str) -> Any:
        # Any other attribute is the exemption's definition (title, type, basis, statute…) or its answer.
        if name.startswith("_"):
            raise AttributeError(name)
        if hasattr(self.e, name):
            return getattr(self.e, name)
        if name in self.a:
            return self.a[name]
        raise AttributeError(name)

    @property
    def absolute(self) -> bool:
        return self.e.type == "absolute"

    @property
    def procedural(self) -> bool:
        return self.e.type == "procedural"

    @property
    def pit_for_text(self) -> list[str]:
        return [self.e.pit_text(str(x)) for x in _as_list(self.a.get("pit_for"))]

    @property
    def pit_against_text(self) -> list[str]:
        return [self.e.pit_text(str(x)) for x in _as_list(self.a.get("pit_against"))]


def _as_list(value: Any) -> list[Any]:
    if value in (None, ""):
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


@dataclass
class Draft:
    """A rendered draft letter with its deadline and statutory check."""

    blocks: list[Block]
    reference: str
    letter_date: date
    due: Any = None
    due_error: str = ""
    checks: Any = None

    @property
    def letter_blocks(self) -> list[Block]:
        return split_annex(self.blocks)[0]

    @property
    def annex_blocks(self) -> list[Block]:
        return split_annex(self.blocks)[1]

    @property
    def late(self) -> bool:
        return bool(self.due and self.letter_date > self.due.due)

    def text(self) -> str:
        return to_text(self.blocks)

    def markdown(self) -> str:
        return to_markdown(self.blocks)

    def to_json(self) -> dict[str, Any]:
        """The documented ``draft --format json`` shape."""
        annex = self.annex_blocks
        return {
            "reference": self.reference,
            "date": self.letter_date.isoformat(),
            "letter": to_text(self.letter_blocks),
            "annex": to_text(annex) if annex else "",
            "due": {**self.due.to_json(), "late": self.late} if self.due else None,
            "due_error": self.due_error or None,
            "checks": self.checks.to_json() if self.checks else None,
        }


ACTS = {
    "foia": ("the Freedom of Information Act 2000", "the Act"),
    "eir": ("the Environmental Information Regulations 2004", "the Regulations"),
}


def build_context(answers: dict[str, Any], kb: Knowledge, authority: Authority, *, request_text: str,
                  reference: str, letter_date: date) -> dict[str, Any]:
    """Everything the templates may use (documented in ``snippets/README.md``)."""
    regime = str(answers.get("regime") or "foia")
    act, act_short = ACTS.get(regime, ACTS["foia"])
    uses = []
    for citation in answers.get("exemptions") or []:
        exemption, limb = kb.resolve(citation)
        own = answers.get(exemption.section) if isinstance(answers.get(exemption.section), dict) else {}
        uses.append(ExemptionUse(exemption, limb, own, act_short))
    topic = kb.topics.get(str(answers.get("topic") or ""))
    window_days = authority.review_window_working_days
    review_until = None
    if window_days:
        from foibot.law.deadlines import review_window_end

        try:
            review_until = review_window_end(letter_date, window_days)
        except FoibotError:
            review_until = None
    context: dict[str, Any] = {
        "authority": authority, "ref": reference, "letter_date": letter_date, "regime": regime,
        "act": act, "act_short": act_short, "request_text": request_text, "topic": topic,
        "exemptions": uses, "qualified": [u for u in uses if u.e.qualified],
        "annexed": [u for u in uses if not u.procedural],
        "review": {"until": review_until, "window": authority.review_window},
        "cost": {"limit": authority.cost_limit, "hours": authority.cost_limit_hours},
    }
    for key, value in answers.items():
        if key not in context and not isinstance(value, dict):
            context[key] = value
    return context


def render(env: ImmutableSandboxedEnvironment, context: dict[str, Any]) -> list[Block]:
    """Render ``letter.j2`` (which includes the paragraphs and the annex) to blocks."""
    try:
        markup = env.get_template("letter.j2").render(**context)
    except TemplateError as exc:
        raise FoibotError(f"a template in snippets/ failed: {exc}") from exc
    return parse_blocks(markup)



def paragraph_names(env: ImmutableSandboxedEnvironment) -> list[str]:
    """The standard paragraphs available to ``/foi para`` and ``foibot para``."""
    names = env.list_templates(extensions=["j2"])
    return sorted(n[len("paragraphs/"):-3] for n in names if n.startswith("paragraphs/"))


def render_paragraph(name: str, env: ImmutableSandboxedEnvironment, kb: Knowledge, authority: Authority, *,
                     letter_date: date) -> list[Block]:
    """One standard paragraph with the profile filled in and case details shown as gaps."""
    if name not in paragraph_names(env):
        raise FoibotError(f"there is no paragraph '{name}'. Paragraphs: {', '.join(paragraph_names(env))}")
    context = build_context({}, kb, authority, request_text="[the request]", reference="[reference]",
                            letter_date=letter_date)
    context.pop("request_text")
    return parse_blocks(env.get_template(f"paragraphs/{name}.j2").render(**context))
