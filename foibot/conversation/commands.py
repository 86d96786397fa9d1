"""Chat commands typed in place of an answer: back, skip, show draft, help, status, restart and change <question>.

``command_of`` recognises them; ``find_field`` resolves what "change ..." names ("the received date",
"the public interest factors for section 22", "the letter date") against the questions of the plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from foibot.conversation.answers import get_path
from foibot.conversation.asking import Step, plan, step_for
from foibot.conversation.reading_citations import read_citations
from foibot.conversation.reading_phrases import simplify
from foibot.conversation.reading_slips import one_slip
from foibot.conversation.request_parts import part_of
from foibot.conversation.state import ConversationState, regime_of
from foibot.errors import InputError
from foibot.knowledge.model import Knowledge

COMMANDS: dict[str, tuple[str, ...]] = {
    "back": ("back", "undo", "go back", "previous", "previous question", "back one", "undo that"),
    "skip": ("skip", "skip it", "skip this", "skip this one", "skip for now", "pass", "later", "come back to this",
             "next", "next question", "leave it for now"),
    "draft": ("show draft", "draft", "show the draft", "preview", "show me the draft", "let me see the draft",
              "draft it", "draft now", "see the draft", "show draft so far", "draft so far"),
    "help": ("help", "?", "what can i say", "commands", "options"),
    "restart": ("restart", "start again", "start over", "start from scratch", "begin again", "start afresh",
                "restart the questions", "start the questions again", "let's start again", "lets start again"),
    "status": ("status", "summary", "answers", "show answers", "what have we got", "where are we"),
}
_CHANGE = re.compile(r"^(?:can i |could i |i want to |i'd like to |let me |please )?"
                     r"(?:change|edit|set|update|fix|amend|correct|redo|go back to|revisit)\s+(?P<target>.+)$", re.I)
_SECTION = re.compile(r"\b(?:for|under|on|of)?\s*(?P<cite>(?:section|sect\.?|s\.?|regulation|reg\.?|r\.?)\s*"
                      r"\d+[A-Za-z]?(?:\([0-9A-Za-z]+\))*)", re.I)
_PART = re.compile(r"(?:\b(?:for|of|in|on|to)\s+)?\bpart\s+(?P<number>\d+)\b(?:'s)?")
_FIGURE = ("estimate", "figure", "number", "total", "the figure", "estimated hours", "hours estimate",
           "cost estimate", "time estimate")
_FILLER = re.compile(r"^(?:the|my|our|that|this|answer to|answer for|the answer to|the answer for)\s+|"
                     r"\s+(?:answer|please|again|question|one)$")


def command_of(text: str) -> tuple[str, str] | None:
    """(command, argument) for a command reply, else None. ``change`` carries what to change."""
    said = simplify(text)
    for name, forms in COMMANDS.items():
        if said in forms:
            return name, ""
    change = _CHANGE.match(said)
    if change:
        return "change", change.group("target")
    return None


def slipped_command(said: str, names: Iterable[str], fillers: Iterable[str] = ()) -> str | None:
    """The command a reply that is no command nor answer was a slip of ("aprove" for approve, "snet" for sent, "shwo
    draft"), or the command in words around it ("approve please", "mark as snet", "Sent!": ``fillers``, the
    vocabulary's ``command_fillers``): each word respelled when it is one slip (``reading_slips.one_slip``) from
    exactly one word of the chat's commands (``COMMANDS``) or of ``names`` (the surface's own: approve, sent,
    history), and the whole then one of them; else None. Never run: said back as a question, since a near miss may
    mean something else."""
    forms = {form for forms in COMMANDS.values() for form in forms} | {n.lower() for n in names}
    words = frozenset(w for form in forms for w in form.split() if w.isalpha())
    typed = re.sub(r"[^\w\s']", " ", said.lower()).split()
    for kept in (typed, [w for w in typed if w not in set(fillers)]):
        respelled = " ".join(one_slip(w, words) or w for w in kept)
        if respelled != said and respelled in forms:
            return respelled
    return None


def find_fields(state: ConversationState, kb: Knowledge, target: str) -> list[Step]:
    """The questions "change <target>" names, in the order asked: one, or each of one exemption's questions that
    the words name outright ("the public interest factors for section 36": those for, then those against); empty
    when nothing matches well enough."""
    step = find_field(state, kb, target)
    if step is None or step[2] is None:
        return [step] if step is not None else []
    steps, wanted, _ = _named_steps(state, kb, target)
    shared = [s for s in steps if s[2] is step[2] and wanted in _names(s)]
    return shared if step in shared and len(shared) > 1 else [step]


def find_field(state: ConversationState, kb: Knowledge, target: str) -> Step | None:
    """The question "change <target>" names, or None when nothing matches well enough."""
    typed = target.strip().lower()  # its answer path, as "change" lists it or the register records it
    exact = [s for s in plan(state, kb) if typed in (s[0].lower(), s[0].lower().removeprefix("foisa-"))]
    if exact:
        return exact[0]
    steps, wanted, part = _named_steps(state, kb, target)
    if not wanted:
        return steps[0] if part and steps else None  # "change part 3": its first question
    figures = [s for s in steps if s[1].kind == "number"]
    if wanted in _FIGURE and figures:  # "change the estimate": the figure, not the question about what it covers
        return figures[0]
    exact = [s for s in steps if wanted.replace(" ", "_") in (s[0].lower(), s[1].id)]
    if exact:
        return exact[0]
    best: tuple[float, Step] | None = None
    for step in steps:
        score = _score(step, wanted)
        if best is None or score > best[0]:
            best = (score, step)
    return best[1] if best and best[0] >= 75 else None


def _named_steps(state: ConversationState, kb: Knowledge, target: str) -> tuple[list[Step], str, bool]:
    """The questions "change <target>" may name (an exemption's, when it cites one; a part's, when it names one),
    the words left to name the question by, and whether a part was named."""
    steps = plan(state, kb)
    wanted = simplify(target)
    section = _SECTION.search(wanted)
    if section:
        try:
            family = kb.resolve(section.group("cite"), regime_of(state))[0].section
        except InputError:
            family = ""
        if family:
            steps = [s for s in steps if s[2] is not None and s[2].section == family] or steps
            wanted = (wanted[:section.start()] + wanted[section.end():]).strip()
    steps, wanted, part = _in_part(steps, wanted)
    previous = None
    while previous != wanted:
        previous, wanted = wanted, _FILLER.sub("", wanted).strip()
    return steps, wanted, part


def _in_part(steps: list[Step], wanted: str) -> tuple[list[Step], str, bool]:
    """"held for part 3", "part 3 held" (as ``status`` prints it): that part's questions and the words left;
    the steps and words unchanged when no part is named (or the part has no questions)."""
    named = _PART.search(wanted)
    if named is None:
        return steps, wanted, False
    own = [s for s in steps if (where := part_of(s[0])) is not None and where[0] == int(named["number"])]
    if not own:
        return steps, wanted, False
    return own, " ".join((wanted[:named.start()] + " " + wanted[named.end():]).split()), True


def _names(step: Step) -> list[str]:
    """What officers call a question: its id in words and its aliases."""
    return [step[1].id.replace("_", " "), *step[1].aliases]


def _score(step: Step, wanted: str) -> float:
    _, q, _ = step
    names = _names(step)
    if wanted in names:
        return 100.0
    named = max(fuzz.ratio(wanted, n) for n in names)
    contained = max((90.0 for n in names if len(n) > 3 and re.search(rf"\b{re.escape(n)}\b", wanted)), default=0.0)
    prompt = fuzz.token_set_ratio(_plain(wanted), _plain(q.prompt)) * 0.85
    return max(named, contained, prompt)



def _plain(words: str) -> str:
    """Words compared loosely: "what the estimate covers" as "What does the estimate cover?"."""
    found = re.findall(r"[a-z0-9']+", words.lower())
    return " ".join(re.sub(r"(?<=[a-z]{3})s$", "", w) for w in found if w not in _AUXILIARIES)


_AUXILIARIES = frozenset({"do", "does", "did", "is", "are", "was", "were"})
_DATE_IT = re.compile(r"^(?:can you |could you |please |pls )?(?:date|backdate)\s+"
                      r"(?:the letter|the reply|the response|it)\s+(?:for\s+|as\s+|on\s+|to\s+)?"
                      r"(?P<day>\S.*?)(?:\s+please)?\??$", re.I)


def dated_letter(text: str) -> bool:
    """"date the letter 1 Dec", "can you date it the 1st of next month": the letter date, changed in other words."""
    return _DATE_IT.match(text.strip()) is not None


def change_to(state: ConversationState, kb: Knowledge, text: str) -> tuple[Step, str] | None:
    """"change the letter date to 1 Dec" (or "date the letter 1 Dec"): the question named and the answer given
    for it, else None."""
    dated = _DATE_IT.match(text.strip())
    step = step_for(state, kb, "letter_date") if dated else None
    if dated and step is not None:
        return step, dated["day"]
    for joint in re.finditer(r"\s+(?:to|as)\s+(?=\S)", text.strip(), re.I):
        command = command_of(text.strip()[:joint.start()])
        step = find_field(state, kb, command[1]) if command and command[0] == "change" else None
        if step is not None:
            return step, text.strip()[joint.end():]
    return None


_SWAP = re.compile(r"^(?:(?:actually|sorry|oops|correction|my mistake|no)\W+)*(?:it's|its|it is|it should be|should be|"
                   r"make it|use)?\s*(?P<new>.+?)\s+(?:not|rather than|instead of)\s+(?P<old>.+)$", re.I)


def swapped_exemptions(state: ConversationState, kb: Knowledge, text: str) -> dict[str, list[str]] | None:
    """"actually it's s43 not s41", typed at a question other than the exemptions one or after the draft: each
    exemptions answer (the request's, or each part's) citing the one ruled out, with the other in its place; else
    None."""
    step = step_for(state, kb, state.asking)
    swap = _SWAP.match(simplify(text))
    if swap is None or step is not None and step[1].kind == "exemptions":
        return None
    regime = regime_of(state)
    try:
        new, old = (read_citations(kb, swap[k], regime) for k in ("new", "old"))
    except InputError:
        return None
    if len(new) != 1 or len(old) != 1:
        return None
    paths = [p for p, q, _ in plan(state, kb) if q.kind == "exemptions"]
    out = {}
    for path in paths:
        cited = list(get_path(state.answers, path) or [])
        hit = next((c for c in cited if c == old[0] or c.split("(")[0] == old[0].split("(")[0]), None)
        if hit is not None:
            out[path] = [new[0] if c == hit else c for c in cited if c != new[0]]
    return out or None
