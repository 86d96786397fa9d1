"""The held-out replies: how many are understood, asked back or misread, round by round.

Each round (``tests/replies-heldout/``, ``tests/replies-heldout2/``, ``tests/replies-heldout3/``) was written before
foibot ran on it
(see each folder's README, which gives the first run's table by question kind). Each case is sorted into:

- understood: the meant value stored, an optional question left blank when meant, or a reply that cannot
  be read asked back when ``ask_back`` says so;
- asked back: nothing stored and the question put again (or a "Did you mean …?") although a value was meant;
- misread: a wrong value stored, or a value stored for a reply that should have been asked back.

``python tests/test_replies_heldout.py`` prints each round's table by question kind. The test holds the
line: no more misreads and no fewer understood than recorded in ``ROUNDS``.

Round 1, first run (140 cases): 89 understood (63.6%), 32 asked back, 19 misread; after fixing the
misreadings it showed (no longer held-out) 135 / 4 / 1, and after the second round's fixes 136 / 3 / 1.
Round 2, first run (299 cases as corrected): 226 understood (75.6%), 34 asked back, 39 misread; after its
fixes 292 / 2 / 5, then (297 cases, after the letter and dialogue fixes its misreads pointed to) 294 / 1 / 2.
Round 3 (officers of other authorities: pasted signatures and quoted questions, Slack emoji codes, notes to
colleagues, corrections, asides), first run (294 cases as written): 225 understood (76.5%), 29 asked back,
40 misread; as corrected (293 cases: wrong preconditions and value forms, see its README): 243 / 29 / 21; after its
fixes 289 / 3 / 1; then 291 / 2 / 0 ("change in force policy …" typed for a question asking for words is its answer,
not a "change" command; "yes … but no complaints log" is partly held).
Round 4 (phones, newcomers' lay words, jargon, references to earlier context; written blind with 8 whole
conversations in ``tests/transcripts/heldout4-*``), first run (224 cases as written): 181 understood (80.8%), 21 asked
back, 22 misread; as corrected (wrong preconditions and value forms, see its README): 190 / 22 / 12; after its fixes
222 / 2 / 0, and round 1 rose to 138 / 1 / 1 (two of its asked-backs now read). Transcripts:
0 of 8 passed first; 6 of 8 after the fixes.
Round 5 (FOISA and EIR officers in their own regime's words, long replies that explain then answer, answers after a
greeting or a question back, reasons attached, double negatives, quantities, British dates, estimates in days and
pounds, multi-picks in words; written blind with 8 whole conversations in ``tests/transcripts/heldout5-*``), first
run (283 cases as written): 208 understood (73.5%), 52 asked back, 23 misread; as corrected (an English profile
offers no FOISA regime; two citations stored as typed, see its README): 213 / 49 / 21; after its fixes
259 / 24 / 0; rounds 1 to 4 unchanged. Transcripts: 3 of 8 passed first; 8 of 8 after the fixes (expectations
corrected in four, see the README).
Round 6 (typing as people type: misspellings, capitals, doubled words; text pasted from emails, Outlook signatures
and Slack markup; numbers in words and unusual citation forms; dates around the year end; deferring and undoing;
Scottish words; picks by content, from the end and by exclusion; two answers in one; written blind with 9 whole
conversations in ``tests/transcripts/heldout6-*``), first run (358 cases as written): 277 understood (77.4%), 56
asked back, 25 misread; as corrected (356 cases: value forms of a topic's "none" and of NCND provisions, Slack links
and mentions as the Slack surface passes them on, one precondition; see its README): 282 / 56 / 18; after its fixes
344 / 12 / 0, and rounds 1, 2 and 5 rose (139 / 0 / 1, 295 / 1 / 1, 260 / 23 / 0). Transcripts: 0 of 9 passed
first (4 of 9 as corrected); 8 of 9 after the fixes, "start again" kept failing (``known_gap``).
Round 7 (chat around the answer, Welsh and bilingual officers, amounts and units, ranges and exclusions, hedges and
conditions, corrections mid-answer, references to earlier cases or the thread, letter-writers' dates, loose topics;
written blind with 8 whole conversations in ``tests/transcripts/heldout7-*``), first run (302 cases as written): 209
understood (69.2%), 44 asked back, 49 misread; as corrected (the s40 limb a precondition of its condition and data
subjects, a parts question moved to the request in parts, "the 14th" and a thumbs-up to "Do we hold it?" read as
the README and round 1 fix them; see its README): 217 / 44 / 41; after its fixes 289 / 13 / 0, the other rounds
unchanged. Transcripts: 3 of 8 passed first; 8 of 8 after the fixes (two expectations corrected); after round 8's
fixes 290 / 12 / 0.
Round 8 (Slack formatting: bold, quotes, code, strike-through, emoji codes, bullets, mentions; numbers and choices in
words or letters, "the former", "the latter"; officers' short forms, "N/H", "WBLT", "S40 2", "reg 12 5 b";
dictated and phone-typed replies, "section thirty one one a", "tes", "nit held"; option text with slips or in the
officer's own words; corrections of dates and numbers; dates around the year end; two answers in one; reports by
their year or status; written blind with 8 whole conversations in ``tests/transcripts/heldout8-*``), first run (302
cases as written, none corrected): 226 understood (74.8%), 47 asked back, 29 misread; after its fixes 290 / 11 / 1
("helen ward" stored as typed, left: see its README), round 7 rose to 290 / 12 / 0, the others unchanged.
Transcripts: 3 of 8 passed first (5 of 8 as corrected: a topic step, FOISA's answer path, section 40's questions
for 40(5B) and its value form, "n" read as none, one step written in error); 8 of 8 after the fixes; after round 9's
fixes 291 / 10 / 1.
Round 9 (hedged and qualified answers, "I believe so", "yes but only for 2023"; replies that are questions or ask for
help, "why do you need this", "what are my options"; answers to another question, a date at a name, a day at the
exemptions; replies pasted from email with headers, subject lines, signatures and "[External]" tags; units and
counts at the estimate, "1,250 records at 3 minutes each"; citations joined by dots or dashes or spelt out,
"31.1.a", "section 31, subsection 1, paragraph a", FOISA at an English authority; deferring notes at every kind,
"TBC", "n/k", "ask Sam"; dates, "late last night", "Monday 1st" when the 1st is a Tuesday; regional words, "aye",
"defo not", "nowt", "a wee bit of it"; long replies answering several questions; written blind with 9 whole
conversations in ``tests/transcripts/heldout9-*``), first run (256 cases as written): 193 understood (75.4%), 33
asked back, 30 misread; as corrected (one expectation: "commercial interests" is s43(2), see its README): 194 / 33 /
29; after its fixes 246 / 5 / 5, round 8 rose to 291 / 10 / 1, the others unchanged. Transcripts: 4 of 9 passed
first (two had a regime question foibot never asks when it suggests the regime, one a request it read as
environmental from the start: corrected); 7 of 9 after the fixes, two kept as ``known_gap`` ("later" is "skip";
every answer in one message).
Round 10 (the questions foibot had just learned to ask: the internal review's outcome, asked in the review's own
conversation, who reviewed it, their role, whether they took part, the points, each finding, what is now disclosed,
the further searches, the outcome; FOISA s39(2) at a Scottish health board; a yes or no asked back at the exemptions,
"Keep s36(2)(b)(i) without s35(1)(a)?", answered "yeah drop 35", "just 36", "use 36(2)(c) instead"; commands after
the draft with slips, "aprove", "mark as snet"; and answers in the letter's register or labelled as in a form,
"We can confirm that the information is held.", "Answer: yes", "Name: Dana Kerr", Unicode emoji; written blind with
4 whole conversations in ``tests/transcripts/heldout10-*``; the judge reads a file's ``authority`` and ``review``
and a case's ``first`` and ``ask: command``), first run (227 cases, preconditions corrected, see its README): 145
understood (63.9%), 53 asked back, 29 misread; after its fixes 204 / 19 / 4, the other rounds unchanged.
Transcripts: 1 of 4 passed first (as corrected for steps written in error, still 1); 3 of 4 after the fixes, then 4
of 4 once ``intents/review-requests.yaml`` learned "ask you to reconsider" and "under regulation 11" (the EIR
reconsideration's due date corrected to 12 Jan 2026: FOIA s10(6) skips every UK bank holiday).
Round 11 (the questions of the exemptions and exceptions cited less often: s22's planned date, s22A's programme,
s26-s29, s32-s34, s37's royal household and honours, s39, s41's supplier, s42's privilege, s44's enactment, EIR
12(4)(b)-(e), 12(5)(a)-(g) and 13, FOISA s25, s27, s30, s33-s36; the second go after foibot asked back, "I meant the
2nd", "ugh fine — would"; replies in a busy Slack thread, mentions, links, quoted questions, asides to colleagues,
passed through the Slack surface's own ``from_slack`` and ``addressed_to_someone_else`` for cases marked ``slack``;
whole answers dictated by a senior officer in one long sentence; written blind with 4 whole conversations in
``tests/transcripts/heldout11-*``), first run (254 cases, preconditions corrected, see its README): 201 understood
(79.1%), 34 asked back, 19 misread; after its fixes 206 / 34 / 14, the other rounds unchanged. Transcripts: 2 of 4
passed first; 3 of 4 later (the police NCND once the request was no longer read as environmental, a change not
made here; the s22 date in words, printed as typed, kept as ``known_gap``).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ROUNDS = {  # folder: (understood at least, misread at most), after the fixes (the first run is the honest figure)
    "replies-heldout": (139, 1),  # 'law enforcement' read as s31 for the exemptions question
    "replies-heldout2": (295, 1),  # a withheld text's full stop (stored as typed)
    "replies-heldout3": (291, 0),
    "replies-heldout4": (222, 0),
    "replies-heldout5": (260, 0),
    "replies-heldout6": (344, 0),
    "replies-heldout7": (290, 0),
    "replies-heldout8": (291, 1),  # 'helen ward' stored as typed (a name is never re-cased)
    "replies-heldout9": (246, 5),  # '-' at a required list, a bound as the estimate, and three more: see its README
    "replies-heldout10": (204, 4),  # 'obviously environmental' as words, 's24' for s24(1), two more: see its README
    "replies-heldout11": (219, 0),  # the 14 misreads fixed after tryout 11: see its README
}


def files_of(folder: str) -> list[Path]:
    return sorted((HERE / folder).glob("*.yaml"))


def _cases(files: list[Path]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    out = []
    for path in files:
        script = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [(script, case) for case in script["cases"]]
    return out


def kind_of(kb: Any, path: str) -> str:
    """The question kind a path asks (``parts.2.held`` is 'part:choice')."""
    from foibot.conversation.request_parts import part_of

    where = part_of(path)
    if where:
        return "part:" + kb.question(where[1]).kind
    if path == COMMAND:
        return "command"
    section, _, qid = path.rpartition(".")
    if not section and kb.question(qid) is not None:
        return kb.question(qid).kind
    if review := _review_kind(kb, path):
        return review
    e = kb.exemptions[section]
    return next(q.kind for q in e.questions + tuple(kb.per_exemption) if q.id == qid)


def judge(engine: Any, started: dict[int, tuple[str, dict[str, Any]]], script: dict[str, Any],
          case: dict[str, Any]) -> str:
    """'understood', 'asked back' or 'misread' for one case."""
    from foibot.conversation.answers import get_path, set_path
    from foibot.conversation.request_parts import BY_PART, with_parts
    from foibot.conversation.state import ConversationState

    key = id(script)
    if key not in started:
        started[key] = (_opened(engine, script), "")
        started[key] = (started[key][0], engine.store.conversation(started[key][0])["state"])
    engine.today = lambda: date.fromisoformat(str(script["today"]))
    conv, saved = started[key]
    state = ConversationState.from_json(json.loads(json.dumps(saved)))
    answers = state.copy_answers()
    given = {**(script.get("given") or {}), **(case.get("given") or {})}
    if given.get(BY_PART) == "each":
        answers = with_parts({**answers, BY_PART: "each"}, state.request_parts, engine.kb.per_part)
    for path, value in given.items():
        set_path(answers, path, value)
    asking = case.get("after", case["ask"])
    state = state.with_answers(answers, history=tuple(given), asking=asking)
    engine.store.save_conversation(conv, replace(state, drafted=False).to_json())
    if case["ask"] == COMMAND:
        return _judge_command(engine, conv, case)
    path = case["ask"]
    if "first" in case:  # said first: the reply that puts the question back (a yes or no)
        engine.reply(conv, str(case["first"]), user="U_OFFICER")
    before = get_path(engine.answers(conv), path)
    said = _as_slack_passes_it(script, case)
    if said is None:  # said to a colleague in the thread: the Slack surface leaves it alone, nothing stored
        return "understood" if case.get("ask_back") else "asked back"
    turn = engine.reply(conv, said, user="U_OFFICER")
    after = get_path(engine.answers(conv), path)
    state = ConversationState.from_json(engine.store.conversation(conv)["state"])
    again = turn.question is not None and (turn.question.field == path or state.confirm is not None)
    unchanged = after in (None, "", []) or after == before
    if case.get("blank"):
        return "understood" if after in (None, "") and path in state.skipped else (
            "asked back" if unchanged and again else "misread")
    if case.get("ask_back"):
        return "understood" if unchanged and again else "misread"
    errors = [m for m in turn.messages if m.kind == "error"]
    if same_value(path, after, case["means"]) and (after != before or not errors):
        return "understood"
    return "asked back" if unchanged and again else "misread"


COMMAND = "command"  # a case's ``ask`` for a command typed after the draft (``after``: the last question)


def _as_slack_passes_it(script: dict[str, Any], case: dict[str, Any]) -> str | None:
    """A case's reply as the engine receives it: one marked ``slack`` (typed in a Slack thread, the file's
    ``slack_bot`` being foibot's own user id) goes through the Slack surface's own reading, mentions of foibot
    dropped, links and ``&gt;`` read back; None when the surface takes it as said to a colleague."""
    said = str(case["say"])
    if not case.get("slack"):
        return said
    from foibot.surfaces.slack.requests import addressed_to_someone_else, from_slack

    bot = str(script.get("slack_bot") or "")
    return None if addressed_to_someone_else(said, bot) else from_slack(said, bot)


def _review_kind(kb: Any, path: str) -> str | None:
    """'review:choice' for an internal review's question (``reviewer_involved``, ``findings.2.decision``)."""
    from foibot.conversation.review_plan import review_questions

    questions = review_questions(kb)
    finding = re.fullmatch(r"findings\.\d+\.(\w+)", path)
    pool = questions.per_finding if finding else questions.flow + questions.closing
    qid = finding.group(1) if finding else path
    return next(("review:" + q.kind for q in pool if q.id == qid), None)


def _opened(engine: Any, script: dict[str, Any]) -> str:
    """The conversation a file's cases are asked in: its request's, or (``review``) the review's, opened by the
    requester's message after the first response was answered and marked sent."""
    review = script.get("review")
    first = review["first"] if review else script
    engine.today = lambda: date.fromisoformat(str(first["today"]))
    request = first.get("request") or (HERE / "fixtures" / first["request_file"]).read_text(encoding="utf-8")
    conv = engine.start(request, user="U_OFFICER").conversation_id
    if not review:
        return conv
    for say in first["says"]:
        engine.reply(conv, str(say), user="U_OFFICER")
    engine.mark_sent(conv, user="U_OFFICER")
    engine.today = lambda: date.fromisoformat(str(script["today"]))
    turn = engine.start(review["request"], user="U_REVIEWER")
    assert turn.conversation_id, turn.text()
    return turn.conversation_id


def _judge_command(engine: Any, conv: str, case: dict[str, Any]) -> str:
    """A command typed after the draft with a slip ("aprove"): understood when foibot offers the command meant
    (the console and Slack run only a command typed exactly), asked back when it offers none, misread when it
    offers another or stores an answer."""
    engine.reply(conv, str(case["first"]), user="U_OFFICER")
    answers = engine.answers(conv)
    turn = engine.reply(conv, str(case["say"]), user="U_OFFICER")
    offered = re.findall(r"Did you mean '([^']+)'", turn.text())
    if engine.answers(conv) != answers or (offered and offered != [case["means"]]):
        return "misread"
    shown = case["means"] == "show draft" and turn.draft is not None
    return "understood" if offered == [case["means"]] or shown else "asked back"


def same_value(path: str, got: Any, meant: Any) -> bool:
    """Whether the stored value is the one meant; exemptions are compared as a set ("the suggested ones" names
    them in the suggestions' order, which depends on the register the earlier cases filled)."""
    if path.endswith("exemptions") and isinstance(got, list) and isinstance(meant, list):
        return sorted(map(str, got)) == sorted(map(str, meant))
    return got == meant


_PROFILES: dict[tuple[Any, ...], Any] = {}


def _engine_of(engine: Any, script: dict[str, Any]) -> Any:
    """The shipped profile's engine, or one on a copy of the data opened once for a file that has ``authority``
    (its settings, ``{regime: foisa, type: health}``) or a ``review`` (its own register, so its case is FOI 2025-1)."""
    if not script.get("authority") and not script.get("review"):
        return engine
    import tempfile

    from profiles import copy_profile

    from foibot.surfaces.runtime import open_runtime

    settings = {str(k): str(v) for k, v in (script.get("authority") or {}).items()}
    key = (id(script),) if script.get("review") else tuple(sorted(settings.items()))
    if key not in _PROFILES:
        folder = copy_profile(Path(tempfile.mkdtemp()), **settings)
        _PROFILES[key] = open_runtime(folder / "foibot.sqlite", folder).engine
    return _PROFILES[key]


def measure(engine: Any, files: list[Path]) -> tuple[Counter[tuple[str, str]], list[str]]:
    """Counts by (kind, outcome) and a line per case not understood."""
    started: dict[int, tuple[str, dict[str, Any]]] = {}
    counts: Counter[tuple[str, str]] = Counter()
    misses = []
    for script, case in _cases(files):
        try:
            outcome, crash = judge(_engine_of(engine, script), started, script, case), ""
        except Exception as e:  # noqa: BLE001 - a reply that stops foibot is counted (as misread) and named
            outcome, crash = "misread", f" (stopped: {type(e).__name__})"
        counts[(kind_of(engine.kb, case["ask"]), outcome)] += 1
        if outcome != "understood":
            misses.append(f"{outcome:10} {case['ask']} <- {case['say']!r}{crash}")
    return counts, misses


def table(counts: Counter[tuple[str, str]]) -> str:
    kinds = sorted({k for k, _ in counts})
    lines = [f"{'kind':16} {'cases':>5} {'understood':>10} {'asked back':>10} {'misread':>7}"]
    for kind in [*kinds, "all"]:
        row = {o: sum(n for (k, oo), n in counts.items() if oo == o and kind in (k, "all"))
               for o in ("understood", "asked back", "misread")}
        total = sum(row.values())
        lines.append(f"{kind:16} {total:5} {row['understood']:10} {row['asked back']:10} {row['misread']:7}"
                     f"   {100 * row['understood'] / total:5.1f}% understood")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def heldout_engine(tmp_path_factory):
    from foibot.surfaces.runtime import open_runtime

    runtime = open_runtime(tmp_path_factory.mktemp("heldout") / "foibot.sqlite", ROOT)
    yield runtime.engine
    runtime.store.close()


@pytest.mark.parametrize("folder, least", [("replies-heldout", 80), ("replies-heldout2", 160),
                                           ("replies-heldout3", 150),
                                           ("replies-heldout4", 150), ("replies-heldout5", 150),
                                           ("replies-heldout6", 150), ("replies-heldout7", 150),
                                           ("replies-heldout8", 150), ("replies-heldout9", 150),
                                           ("replies-heldout10", 150), ("replies-heldout11", 150)])
def test_each_round_is_large_and_covers_every_kind(kb, folder, least):
    cases = _cases(files_of(folder))
    assert len(cases) >= least
    kinds = {kind_of(kb, case["ask"]) for _, case in cases}
    assert kinds >= {"text", "longtext", "date", "number", "choice", "list", "topic", "exemptions",
                     "part:choice", "part:longtext", "part:exemptions"}


@pytest.mark.parametrize("folder", list(ROUNDS))
def test_heldout_replies_are_understood_or_asked_back_never_misread(heldout_engine, folder):
    counts, misses = measure(heldout_engine, files_of(folder))
    print("\n" + table(counts) + "\n" + "\n".join(misses))
    understood = sum(n for (_, o), n in counts.items() if o == "understood")
    misread = [m for m in misses if m.startswith("misread")]
    least, most = ROUNDS[folder]
    assert len(misread) <= most, "\n".join(misread)
    assert understood >= least, table(counts)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    import tempfile

    from foibot.surfaces.runtime import open_runtime

    for name in ROUNDS:
        rt = open_runtime(Path(tempfile.mkdtemp()) / "foibot.sqlite", ROOT)
        found, missed = measure(rt.engine, files_of(name))
        print(f"{name}:\n{table(found)}\n" + "\n".join(missed) + "\n")
        rt.store.close()
