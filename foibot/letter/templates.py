"""The snippets' jinja2 environment: sandboxed, gaps for unanswered values, the wording filters, and ``say``.

Templates supply wording only. Values are finalised with their whitespace collapsed, so a value can never
start a new paragraph, and an unanswered value renders as a visible gap (``[to be completed: …]``).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, FileSystemLoader, TemplateSyntaxError, pass_context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from foibot.errors import DataError
from foibot.knowledge.profile_files import SHIPPED
from foibot.law.dates import format_day, format_long

GAP_PREFIX = "[to be completed: "


class Gap(ChainableUndefined):
    """An unanswered value: renders as a visible gap instead of failing or vanishing."""

    def __str__(self) -> str:
        return f"{GAP_PREFIX}{self._undefined_name or 'answer'}]"


# Characters that reorder or hide text (bidirectional overrides, zero-width marks): never in a letter
HIDDEN = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                 "\u2066\u2067\u2068\u2069\ufeff\u2060\u2061\u2062\u2063\u2064\u00ad\u180e"))


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Gap):
        return str(value)
    return " ".join(str(value).translate(HIDDEN).split())


def longdate(value: Any) -> str:
    """``2019-10-31`` -> ``31 October 2019``."""
    day = as_date(value)
    return format_long(day) if day else str(value)


def shortdate(value: Any) -> str:
    """``2026-12-09`` -> ``Wed 9 Dec 2026``."""
    day = as_date(value)
    return format_day(day) if day else str(value)


def join_and(items: Any) -> str:
    """``[a, b, c]`` -> ``a, b and c``."""
    items = [str(i) for i in (items or []) if str(i).strip()]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


_EDGE = r"(?<![\w/.@-])({})(?![\w/@-])"
_PLAIN_MONTHS = re.compile(_EDGE.format("january|february|april|june|july|september|october|november|december|"
                                        "monday|tuesday|wednesday|thursday|friday|saturday|sunday"))
# "may", "march" and "august" are words too: a month only beside a day or year, or after a word that leads a date
_WORD_MONTHS = re.compile(r"(\b(?:\d{1,2}(?:st|nd|rd|th)?(?: of)?|in|by|until|till|before|after|since|during|"
                          r"from|early|late|of|end|start|beginning|next|last|this) |\bmid-)(may|march|august)"
                          r"(?![\w/@-])|(?<![\w/.@-])()(may|march|august)(?= \d)")


def dated(text: str) -> str:
    """An officer's words with the names of months and days that are plainly dates capitalised ("by september" ->
    "by September", "on monday" -> "on Monday"); "may", "march" and "august" only beside a day or a year, or after a
    word that leads a date ("in may"). Links and addresses are left as typed."""
    text = _PLAIN_MONTHS.sub(lambda m: m.group(1).capitalize(), text)
    return _WORD_MONTHS.sub(lambda m: (m.group(1) or "") + (m.group(2) or m.group(4)).capitalize(), text)


def full_stop(value: Any) -> str:
    """An officer's words ending a sentence in the letter: a closing full stop unless they have one."""
    text = dated(str(value).strip())
    return text if not text or text.endswith((".", "!", "?", ":")) else text + "."


def clause(value: Any) -> Any:
    """An officer's words set inside a sentence ("the names of the 14 forces."): no closing full stop, and months
    and days that are dates capitalised. A gap stays a gap."""
    return value if isinstance(value, Gap) else dated(str(value).strip().rstrip(".;,").rstrip())


_LINK = re.compile(r"https?://\S+|\bwww\.\S+|\b[\w-]+(\.[\w-]+)*\.(uk|com|org|net|eu|ie|int|info|gov)(/\S*)?\b", re.I)
_PAGE = re.compile(r"\b(?i:page|pages|pp?\.|table|chapter|annex|appendix|paragraph|para\.?|section|figure|"
                   r"volume|isbn)\s*(\d|[A-Z]\b)")
_OBTAIN = re.compile(r"\b(available|obtainable|on sale|for sale|can be (bought|obtained|ordered|inspected|viewed|"
                     r"requested|collected)|copies can be|free) (from|at) (?!(our|the) (website|web site|site|"
                     r"page|webpage|web page|internet|intranet)\b)\S+", re.I)


def findable(value: Any) -> bool:
    """Whether a location the letter gives for information reasonably accessible elsewhere (section 21) is one a
    requester could find: a link, a publication named with its page (or table, chapter, …), or where to get it
    ("available free from our office at Westmarch House"). "The decision notices page" and "our website" are not."""
    text = "" if isinstance(value, Gap) or value is None else str(value)
    return bool(_LINK.search(text) or _PAGE.search(text) or _OBTAIN.search(text))


def where_to_find(value: Any, topic: Any = None) -> Any:
    """Where the information is, for "You can find it at …": the officer's words; with the matched publication's
    link added when those words give none (or in their place when there are none). A gap when neither says."""
    words = "" if isinstance(value, Gap) or value is None else clause(value)
    url = str(getattr(topic, "url", "") or "") if str(getattr(topic, "status", "")) == "published" else ""
    if words and (findable(words) or not url):
        return words
    if url:
        return f"{words} ({url})" if words else url
    return Gap(name="where") if not isinstance(value, Gap) else value


def commercial_interests(value: Any) -> str:
    """Whose commercial interests disclosure would prejudice, as the object of "prejudice": "the supplier" -> "the
    commercial interests of the supplier", "the contractors'" -> "the contractors' commercial interests", "our own"
    -> "our own commercial interests"; anything else named after them ("commercial interests: Fitco Ltd's and
    ours"). None named: any person's, ours included, as section 43(2) puts it."""
    if isinstance(value, Gap) or not str(value or "").strip(" .;,"):
        return "the commercial interests of any person, including our own"
    text = clause(value)
    if re.fullmatch(r"(ours|our own)", text, re.I):
        return "our own commercial interests"
    if not _possessive(text):
        return _several_interests(text) or f"the commercial interests of {text}"
    own = re.fullmatch(r"([^,()]*?(?:\w's|s'))(\s*\([^)]*\))?", text)
    if own and not re.search(r"\b(and|or)\b", own.group(1)):
        return f"{own.group(1)} commercial interests{own.group(2) or ''}"
    return _several_interests(text) or f"commercial interests: {text}"


_US = re.compile(r"(ours|our own|us|we|ourselves|the trust's own|our organisation's)", re.I)


_WE = re.compile(r"(us|we|ourselves|our own staff|our staff|ours|no other (public )?authority|nobody else|none|"
                 r"no one else|not another authority)", re.I)
_PREPARER = re.compile(r"^(?:it is |it's )?(?:being )?(?:prepared |completed |done )?by\s+(.+)$|^(.+?)\s+(?:is|are) "
                       r"(?:preparing|completing|doing) it$", re.I)


def qualified_person(value: Any) -> Any:
    """Who the qualified person is, set after "Our qualified person,": "our CEO, Dr Helen Ward" -> "the CEO, Dr Helen
    Ward", so the letter never says "our" twice."""
    if isinstance(value, Gap):
        return value
    return re.sub(r"^our\s+", "the ", clause(value), flags=re.I)


def completion(value: Any) -> Any:
    """When material still being completed will be finished, and who is preparing it (EIR regulation 14(4)), as a
    sentence from the officer's words: "February 2028, by us" -> "The material is still being completed, and we expect
    to complete it by February 2028."; "March 2028; the Environment Agency is preparing it" -> "... completed. The
    Environment Agency is preparing it, and we expect it to be completed by March 2028."; the officer's own
    sentence ("we expect the programme to finish by …") or words that are no date follow a colon, as typed."""
    if isinstance(value, Gap):
        return value
    text = clause(value)
    pieces = [p.strip() for p in re.split(r"\s*[;,]\s*(?:and\s+)?", text) if p.strip()]
    pieces = [x for p in pieces for x in re.split(r"(?<=\d{4})\s+(?=(?:being prepared |prepared )?by\s)", p)]
    when_words, who = [], ""
    for piece in pieces:
        preparer = _PREPARER.match(piece)
        if preparer and not re.match(r"by (the )?(end|start|middle|beginning|close)\b", piece, re.I) \
                and not _DATEISH.search(piece):
            who = (preparer.group(1) or preparer.group(2)).strip()
        else:
            when_words.append(piece)
    when = ", ".join(when_words)
    if not when or not _DATEISH.search(when) or re.match(r"(we|it|they|the|this|our)\b", when, re.I):
        return f"The material is still being completed: {full_stop(text)}"  # the officer's own sentence
    day = as_date(when) or _typed_date(when)
    if day:
        by = f"by {format_long(day)}"
    elif when.lower().startswith(_WHEN_LEAD):
        by = when[0].lower() + when[1:]
    else:
        by = f"by {when}"
    lead = "The material is still being completed"
    if not who or _WE.fullmatch(who):
        return f"{lead}, and we expect to complete it {by}." if who else f"{lead}, and we expect it to be " \
                                                                        f"completed {by}."
    return f"{lead}. {capfirst(who)} is preparing it, and we expect it to be completed {by}."


_DATEISH = re.compile(r"\b(\d{4}|january|february|march|april|may|june|july|august|september|october|november|"
                      r"december|spring|summer|autumn|winter|weeks?|months?|year|quarter|end of|next)\b", re.I)


def _several_interests(text: str) -> str:
    """Several whose interests are named ("Chartwells and ours", "the supplier's, the subcontractor's and ours"), as
    the object of "prejudice": "the commercial interests of Chartwells, and our own". "" when the words are not a
    plain list of names."""
    owners = [o.strip() for o in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", text) if o.strip()]
    if len(owners) < 2 or any(re.search(r"[()]", o) for o in owners):
        return ""
    ours = [o for o in owners if _US.fullmatch(o)]
    if not _possessive(text) and not ours:
        return ""  # "Smith and Jones Ltd" is one name
    names = [re.sub(r"'s$", "", re.sub(r"s'$", "s", o)) for o in owners if not _US.fullmatch(o)]
    if not names or any(re.search(r"\b(theirs|its own|their own)\b", n, re.I) for n in names):
        return ""
    return f"the commercial interests of {join_and(names)}" + (", and our own" if ours else "")


def _possessive(text: str) -> bool:
    """Whether whose interests the officer typed is already a possessive ("the supplier's", "Fitco Ltd's and ours",
    "our own"), not a name ("the supplier")."""
    return bool(re.search(r"(\w's|s'|\bours|\bour own|\btheirs|\bits own)(\s*\([^)]*\))?$", text, re.I)
                or re.match(r"(the )?\S+('s|s')[ ,]", text, re.I))


_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "approx", "incl", "no", "nos", "vs", "cf", "para", "paras", "s",
                            "ss", "reg", "regs", "sch", "art", "p", "pp", "ref", "mr", "mrs", "ms", "dr", "st", "sec"})
"""Words whose full stop ends no sentence (``_sentence_starts``)."""


def _sentence_starts(text: str) -> str:
    """Each sentence after the first begins with a capital ("in 2024. the request" -> "in 2024. The request"); a
    full stop after an abbreviation ("e.g. the", "s. 40") ends no sentence."""
    pieces = re.split(r"(\s+)", text)
    for i in range(2, len(pieces), 2):
        before, word = pieces[i - 2], pieces[i]
        ends = before[-1:] in ("!", "?") or (before.endswith(".") and
                                             before[:-1].lower().lstrip("(") not in _ABBREVIATIONS)
        if ends and word[:1].islower():
            pieces[i] = word[0].upper() + word[1:]
    return "".join(pieces)


def sentence(value: Any) -> Any:
    """An officer's words set as a sentence of their own: a capital first (and after each full stop within) and a
    full stop last. A gap stays a gap."""
    if isinstance(value, Gap) or not str(value).strip():
        return value
    return capfirst(_sentence_starts(full_stop(str(value).strip())))


_WHEN_LEAD = ("in ", "by ", "on ", "at ", "during ", "before ", "after ", "around ", "about ", "towards ", "within ",
              "from ", "next ", "later ", "this ", "once ", "when ", "as soon ", "shortly", "soon", "imminently",
              "early in ", "late in ", "the week ", "the end ", "with ", "alongside ", "as part of ")


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = (r"(january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
# A day and month with no year ("20 July", "July 20th", "20/7"), or a month alone ("July", "in July"), as typed
_DAY_MONTH = re.compile(rf"^(on |by |before |after |from |not before |no later than )?"
                        rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {_MONTH}|{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?|"
                        rf"(\d{{1,2}})/(\d{{1,2}}))$", re.I)
_MONTH_ALONE = re.compile(rf"^(?:in |during )?(early |mid-?|late |the end of |end of |by the end of )?{_MONTH}$", re.I)


def _month(name: str) -> int:
    return next(n for n, m in enumerate(_MONTHS, 1) if m.startswith(name.lower().rstrip(".")[:3]))


def _next_day(month: int, day: int, after: date) -> date | None:
    """The first ``day`` of ``month`` on or after ``after`` (the letter's date): a date to come, with its year."""
    for year in (after.year, after.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if found >= after:
            return found
    return None


def _in_full(text: str, letter_date: date | None) -> str | None:
    """A day and month, or a month, typed without its year, written in full as the next one after the letter's date:
    "20 July" -> "on 20 July 2027", "July" -> "in July 2027"."""
    if letter_date is None:
        return None
    found = _DAY_MONTH.match(text)
    if found:
        day, month = ((found.group(2), _month(found.group(3))) if found.group(2) else
                      (found.group(5), _month(found.group(4))) if found.group(4) else
                      (found.group(6), int(found.group(7))))
        if not 1 <= month <= 12:
            return None
        full = _next_day(month, int(day), letter_date)
        return f"{(found.group(1) or 'on ').lower()}{format_long(full)}" if full else None
    found = _MONTH_ALONE.match(text)
    if found:
        month = _month(found.group(2))
        year = letter_date.year + (month < letter_date.month)
        lead = (found.group(1) or "").lower().strip()
        lead = "in mid-" if lead.startswith("mid") else "by the end of " if "end of" in lead else \
            f"in {lead} " if lead else "in "
        return f"{lead}{_MONTHS[month - 1].title()} {year}"
    return None


def when(value: Any, letter_date: date | None = None) -> Any:
    """An officer's date for a sentence such as "we expect to publish it …": ``2020-03-31`` -> "on 31 March
    2020", "20 July" (no year) -> "on 20 July 2027" (the next one after the letter's date), "July" -> "in July
    2027", "spring 2020" -> "in spring 2020", "end of March" -> "by the end of March"; words that already say
    when ("by the end of November", "next month", "shortly") as typed. Dates in a letter are written in full: "on" a
    day, "in" a month or season."""
    if isinstance(value, Gap):
        return value
    text = clause(value)
    day = as_date(text) or _typed_date(text)
    if day:
        return f"on {format_long(day)}"
    full = _in_full(text.strip(), letter_date)
    if full:
        return full
    lowered = text.lower()
    if not text or lowered.startswith(_WHEN_LEAD):
        return f"by {text}" if lowered.startswith("the end ") else text
    if lowered.startswith("end "):
        return f"by the {text}"
    return f"in {text}"


def _typed_date(text: str) -> date | None:
    """A whole date as an officer types it, day first ("30 June 2027", "30/6/2027"), or None."""
    from foibot.errors import InputError
    from foibot.law.dates import parse_date

    if not re.search(r"\d", text) or not re.search(r"\d{4}", text):
        return None
    try:
        return parse_date(text)
    except InputError:
        return None


@pass_context
def _when_in_letter(context: Any, value: Any) -> Any:
    """``when``, as the templates' filter: a date without its year is read against the letter's date."""
    letter_date = context.get("letter_date")
    return when(value, letter_date if isinstance(letter_date, date) else None)


def number(value: Any) -> Any:
    """An officer's figure as a number ("1,200", "£900", 60 -> 1200.0, 900.0, 60.0); a gap, or words that are no
    figure, stay as they are."""
    if isinstance(value, Gap | bool):
        return value
    try:
        return float(str(value).replace(",", "").replace("£", "").strip())
    except ValueError:
        return value


def figure(value: Any) -> Any:
    """A number as a letter writes it: 900.0 -> "900", 1250 -> "1,250", 12.5 -> "12.5"."""
    value = number(value)
    if not isinstance(value, float):
        return value
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def capfirst(value: Any) -> str:
    text = str(value)
    return text[:1].upper() + text[1:]


def as_date(value: Any) -> date | None:
    """A date from a date or an ISO string, else None."""
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


# The set wording the letter's structure asks for by name (macros in these files; see snippets/README.md).
SET_WORDING = {
    "paragraphs/_letter.j2": ("reference", "by_email", "salutation", "heading", "you_asked", "part",
                              "reasons"),
    "paragraphs/_annex.j2": ("title", "reads", "full_text", "absolute", "pit_heading", "pit_for", "pit_against",
                             "pit_conclusion", "balance"),
    "paragraphs/_ncnd-basis.j2": (),
    "paragraphs/_review.j2": ("reference", "heading", "opening", "you_asked", "you_said", "reviewer", "searches",
                              "finding", "delay", "outcome", "notice", "concluded", "commissioner",
                              "appeal"),
}


def lowerfirst(value: Any) -> str:
    """A title set inside a sentence: its first letter lower-cased and every other word kept as it is, so a
    proper noun ("Scottish", "His Majesty", "United Kingdom") keeps its capital."""
    text = str(value)
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


# Advice that can follow "To help you," as it stands: its subject is us or the requester
_HELPS = ("we", "we'll", "we've", "you", "you'll", "if", "please")
# Ordinary words that open a sentence and lose their capital inside one ("The Environment Agency" -> "the …")
_OPENERS = ("the", "a", "an", "this", "that", "these", "those", "it", "there", "some", "most", "our", "your", "many",
            "all", "each", "another", "other", "they", "he", "she")


# Verbs an officer's advice opens with when it tells the requester what they could do ("drop part 3 or limit it"):
# put to the requester as a suggestion, so it cannot read as something we are doing.
_SUGGESTS = ("drop", "limit", "narrow", "reduce", "refine", "restrict", "focus", "ask", "specify", "consider", "split",
             "remove", "name", "tell", "confirm", "choose", "submit", "send", "contact", "look", "try", "resubmit",
             "clarify", "select", "provide", "include", "exclude", "concentrate", "target", "shorten", "request",
             "apply", "write", "visit", "use", "search", "check", "give", "identify", "rephrase", "reword",
             "resend", "re-submit", "omit", "leave", "cut", "prioritise", "state")


def to_help_you(value: Any, duty: str = "") -> str:
    """Advice and assistance (section 16, regulation 9) as a sentence opening "To help you," (with ``duty``: "To help
    you, as section 16 of the Act asks us to,"), the advice put as ``_advice_clause`` puts it."""
    opening = f"To help you, as {duty} asks us to," if duty else "To help you,"
    return f"{opening} {full_stop(advice(value))}".rstrip()


def advice(value: Any) -> Any:
    """Advice and assistance after words naming the duty ("… advice and assistance: we suggest that you limit the
    request to 2026."), put as ``_advice_clause`` puts it. A gap stays a gap."""
    return value if isinstance(value, Gap) else _advice_clause(full_stop(str(value).strip()))


def _advice_clause(text: str) -> str:
    """The officer's advice as a clause: advice whose subject is us or the requester as it stands; advice telling
    the requester what to do ("drop part 3") as a suggestion ("we suggest that you drop part 3"), never an
    instruction; advice whose subject is someone else ("Police Scotland may hold it") introduced ("we can tell you
    that Police Scotland may hold it"), so it cannot read as ours."""
    first = text.split(" ", 1)[0].lower().strip(",;:")
    lowered = text[:1].lower() + text[1:]
    if not text or first in _HELPS:
        return lowered
    if first in _SUGGESTS:
        return f"we suggest that you {lowered}"
    return f"we can tell you that {lowered if first in _OPENERS else text}"


def make_environment(snippets: Path) -> ImmutableSandboxedEnvironment:
    """The sandboxed jinja2 environment over a profile's ``snippets/``, with foibot's own template wherever the
    profile has none of that name; every template is compiled to check it, and the files of set wording must
    define every macro the letter asks for."""
    env = ImmutableSandboxedEnvironment(
        loader=_SnippetLoader(list(dict.fromkeys((str(snippets), str(SHIPPED / "snippets"))))),
        undefined=Gap, finalize=_finalize, autoescape=False,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(longdate=longdate, shortdate=shortdate, join_and=join_and, capfirst=capfirst,
                       full_stop=full_stop, clause=clause, sentence=sentence, when=_when_in_letter,
                       lowerfirst=lowerfirst, to_help_you=to_help_you, advice=advice, number=number, figure=figure,
                       where_to_find=where_to_find, commercial_interests=commercial_interests,
                       completion=completion, qualified_person=qualified_person)
    for name in env.list_templates(extensions=["j2"]):
        try:
            env.get_template(name)
        except TemplateSyntaxError as exc:
            raise DataError(f"snippets/{name}", exc.lineno, None, f"template error: {exc.message}") from exc
    for name, macros in SET_WORDING.items():
        if name not in env.list_templates(extensions=["j2"]):
            raise DataError(f"snippets/{name}", None, None, "missing: it holds wording every letter needs")
        missing = [m for m in macros if not callable(getattr(env.get_template(name).module, m, None))]
        if missing:
            raise DataError(f"snippets/{name}", None, None, f"no macro named {join_and(missing)}; each of "
                            f"{join_and(macros)} is needed")
    return env


def say(env: ImmutableSandboxedEnvironment, name: str, context: dict[str, Any]) -> list[str]:
    """A template's wording as paragraphs (a blank line in the template separates them)."""
    text = env.get_template(name).render(**context)
    return [" ".join(chunk.split()) for chunk in text.split("\n\n") if chunk.strip()]


def paragraph_names(env: ImmutableSandboxedEnvironment) -> list[str]:
    """The standard paragraphs available to ``/foi para`` and ``foibot para`` (``_name.j2`` are parts of others)."""
    names = env.list_templates(extensions=["j2"])
    return sorted(n[len("paragraphs/"):-3] for n in names if n.startswith("paragraphs/") and "/_" not in n)
