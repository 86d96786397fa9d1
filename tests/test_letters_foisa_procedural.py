"""FOISA's commonest procedural and confidentiality refusals, drafted end to end: section 12 (excessive cost: £600 at
no more than £15 an hour under the Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004,
notice under section 16(4), section 15 advice), section 14(1) and 14(2) (vexatious or repeated: notice under section
16(5), no public interest test) and section 36 (36(1) legal professional privilege, qualified; 36(2) actionable
breach of confidence, absolute). Each letter is signable and passes its check; the check fails a Scottish letter
that gives FOIA's limit, the UK Fees Regulations, no estimate, or a provision of the UK Act."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from probes import Probe, assert_signable

from foibot.errors import InputError
from foibot.letter.checks import check, check_draft
from foibot.letter.word import to_docx

ROOT = Path(__file__).resolve().parent.parent
PROBE = Probe("probe4")  # only its profile switch: a Scottish council under FOISA ("scot-…")
REQUEST = ("Dear FOI team,\n\nPlease send every complaint about potholes since 2010 and the legal advice on the depot "
           "lease.")
FOISA_ROUTE = ("Freedom of Information (Scotland) Act 2002", "section 20", "section 47",
               "Scottish Information Commissioner", "40 working days")
FOIA_WORDS = ("Freedom of Information Act 2000", "section 50", "ico.org.uk", "£450", "£25", "18 hours", "24 hours",
              "section 17(5)", "section 17(1)", "Appropriate Limit and Fees", "section 42", "qualified person")
NO_PIT = ("Public interest test", "public interest in maintaining", "Factors in favour")
BASE = {"reference": "FOI 2025-412", "letter_date": "2025-03-03", "requester_name": "Alex Morgan",
        "received": "2025-02-10", "regime": "foisa", "request_summary": "ask for pothole complaints and legal advice",
        "held": "yes", "disclosure": "none"}
S12 = {"hours": 70, "activities": "finding and copying about 8,000 complaints and replies held in three systems",
       "advice": "if you limit your request to complaints made in 2024, we expect to be able to answer it"}
S36_1 = {"limb": "1", "withheld": "the legal advice", "privilege": "advice", "not_waived": "yes",
         "communication": "the advice our solicitors gave us in May 2024 on the lease of the depot",
         "reason": "The advice was sought and given in confidence for our decision on the lease, and we have not "
                   "shared it beyond the officers who needed it.",
         "pit_for": ["for-accountability"], "pit_against": ["against-confidential-advice", "against-candour"]}
S36_2 = {"limb": "2", "withheld": "the pricing schedule", "supplier": "Example Paving Ltd, as part of its tender",
         "reason": "The schedule was marked commercial in confidence, it is not public, and its release would harm "
                   "the company, which could take action against us for it."}

# name -> (answers, must contain, must not contain)
LETTERS: dict[str, tuple[dict[str, Any], tuple[str, ...], tuple[str, ...]]] = {
    "s12-hours": ({"exemptions": ["s12"], "foisa-s12": S12},
                  ("under section 12(1) of the Act", "£600", "no more than £15 an hour", "40 hours",
                   "Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004",
                   "about 70 hours of staff time", "£1,050", "locating, retrieving and providing",
                   "finding and copying about 8,000 complaints", "notice under section 16(4) of the Act",
                   "section 15 of the Act", "limit your request to complaints made in 2024", *FOISA_ROUTE),
                  (*FOIA_WORDS, *NO_PIT, "Annex A", "section 12(2)", "confirm or deny", "extracting")),
    "s12-pounds": ({"exemptions": ["s12(1)"], "s12": {**S12, "hours": "", "cost": "£1,240"}},
                   ("It would cost about £1,240, more than the £600 limit", "section 16(4)", "section 15",
                    *FOISA_ROUTE), (*FOIA_WORDS, *NO_PIT, "Annex A")),
    "s14-1": ({"exemptions": ["s14(1)"], "foisa-s14": {
        "reason": "This is the twelfth request in two months about the same closed complaint, and answering it "
                  "would impose a burden out of all proportion to its value."}},
              ("We consider your request vexatious", "section 14(1) of the Act", "twelfth request",
               "notice under section 16(5) of the Act", "no public interest test", *FOISA_ROUTE),
              (*FOIA_WORDS, *NO_PIT, "Annex A", "section 14(2)")),
    "s14-2": ({"exemptions": ["s14(2)"],
               "foisa-s14": {"previous_request": "FOI 2024-880, answered on 2 December 2024"}},
              ("identical or substantially similar", "FOI 2024-880, answered on 2 December 2024",
               "already complied with", "reasonable period", "section 14(2) of the Act",
               "notice under section 16(5) of the Act", *FOISA_ROUTE),
              (*FOIA_WORDS, *NO_PIT, "Annex A", "vexatious")),
    "s36-1": ({"exemptions": ["s36(1)"], "foisa-s36": S36_1},
              ("section 36(1) of the Act", "exempt information", "the advice our solicitors gave us in May 2024",
               "legal advice privilege, which has not been waived", "This is a qualified exemption",
               "Public interest test for section 36(1)", "in keeping communications between lawyers and their clients",
               "Balance of the public interest", "https://www.legislation.gov.uk/asp/2002/13/section/36",
               "refusal notice under section 16 of the Act", *FOISA_ROUTE),
              (*FOIA_WORDS, "absolute exemption", "would be likely to")),
    "s36-2": ({"exemptions": ["s36(2)"], "foisa-s36": S36_2},
              ("section 36(2) of the Act", "We obtained this information from Example Paving Ltd",
               "breach of confidence actionable", "This is an absolute exemption, so no public interest test applies",
               "https://www.legislation.gov.uk/asp/2002/13/section/36", *FOISA_ROUTE),
              (*FOIA_WORDS, *NO_PIT, "qualified exemption", "privilege")),
}


def _draft(rt: Any, name: str, answers: dict[str, Any] | None = None) -> Any:
    PROBE.use_profile(rt, "scot-council")
    own, _, _ = LETTERS[name]
    return rt.engine.draft_answers(REQUEST, {**BASE, **own} if answers is None else answers)


def _body(text: str) -> str:
    return text.replace(" ".join(REQUEST.split("\n\n")[1].split()), "")


@pytest.mark.parametrize("name", sorted(LETTERS))
def test_a_foisa_procedural_or_confidentiality_letter_is_signable(rt, name):
    draft = _draft(rt, name)
    _, must, must_not = LETTERS[name]
    assert_signable(rt, draft, list(must), list(must_not), _body(draft.text()))
    assert "foisa-" in " ".join(draft.checks.cited)


@pytest.mark.parametrize("name", sorted(LETTERS))
def test_the_word_file_says_what_the_letter_says(rt, name):
    draft = _draft(rt, name)
    words = "\n".join(p.text for p in docx.Document(io.BytesIO(to_docx(draft))).paragraphs)
    _, must, _ = LETTERS[name]
    assert must[0] in words and "Scottish Information Commissioner" in words and "£450" not in words


def test_the_foisa_limit_is_600_whatever_the_profile_says(rt):
    from dataclasses import replace

    PROBE.use_profile(rt, "scot-council")
    rt.engine.authority = replace(rt.engine.authority, cost_limit=450)
    text = rt.engine.draft_answers(REQUEST, {**BASE, "exemptions": ["s12"], "foisa-s12": S12}).text()
    assert "£600" in text and "£450" not in text and "18 hours" not in text


def test_s36_asks_only_what_is_particular_and_its_letter_stands_without_it(rt, kb):
    reason = next(q for q in kb.exemptions["foisa-s36"].questions if q.id == "reason")
    assert not reason.required and "already gives the general reason" in reason.prompt
    PROBE.use_profile(rt, "scot-council")
    plain = {k: v for k, v in S36_1.items() if k != "reason"}
    draft = rt.engine.draft_answers(REQUEST, {**BASE, "exemptions": ["s36(1)"], "foisa-s36": plain})
    text = draft.text()
    assert "which has not been waived. This is a qualified exemption" in text  # no gap, no repetition
    assert draft.checks.ok, draft.checks.summary()
    assert "[to be completed" not in text


# --- the statutory check --------------------------------------------------------------------------------------


@pytest.mark.parametrize("edit,finding", [
    (("£600, counting staff time at no more than £15 an hour, which is 40 hours",
      "£450, counting staff time at £25 an hour, which is 18 hours"), "cost-limit"),
    (("more than the £600 limit", "more than the £450 limit"), "cost-limit"),
    (("The Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004",
      "The Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004"), "cost-limit"),
    (("It would take about 70 hours of staff time. Counted at £15 an hour, the most the Regulations allow, that would "
      "cost £1,050, more than the £600 limit. ", ""), "cost-estimate"),
    (("notice under section 16(4) of the Act", "notice under section 17(5) of the Act"), "foisa-foia-section"),
    (("under section 12(1) of the Act we", "under section 12(1) of the Freedom of Information Act 2000 we"),
     "foisa-uk-law"),
])
def test_the_check_fails_a_foisa_cost_letter_in_foias_terms(rt, edit, finding):
    draft = _draft(rt, "s12-hours")
    assert check(draft.text(), rt.kb, letter_date=draft.letter_date).ok
    old, new = edit
    assert old in draft.text()
    ids = check(draft.text().replace(old, new), rt.kb, letter_date=draft.letter_date).ids()
    assert any(i.startswith(finding) for i in ids), ids


@pytest.mark.parametrize("name,old,new,finding", [
    ("s36-1", "under section 36(1), for", "under section 42, for", "foisa-foia-section"),
    ("s36-1", "exempt information under section 36(1) of the Act", "exempt information under section 42(1) of the Act",
     "foisa-foia-section"),
    ("s14-1", "notice under section 16(5) of the Act", "notice under section 17(5) of the Act", "foisa-foia-section"),
    ("s14-1", "We consider your request vexatious, so under section 14(1) of the Act",
     "Under section 14(1) of the Freedom of Information Act 2000", "foisa-uk-law"),
])
def test_the_check_fails_a_foisa_letter_citing_the_uk_act(rt, name, old, new, finding):
    draft = _draft(rt, name)
    assert old in draft.text()
    ids = check(draft.text().replace(old, new), rt.kb, letter_date=draft.letter_date).ids()
    assert any(i.startswith(finding) for i in ids), ids


def test_a_hand_edited_36_2_letter_needs_no_public_interest_test_but_36_1_does(rt):
    absolute = _draft(rt, "s36-2")
    assert check(absolute.text(), rt.kb, letter_date=absolute.letter_date).ok
    qualified = _draft(rt, "s36-1").text()
    cut = qualified[:qualified.index("Public interest test for section 36(1)")]
    assert "pit:foisa-s36" in check(cut, rt.kb, letter_date=absolute.letter_date).ids()


def test_the_draft_check_flags_a_foia_section_in_a_scottish_draft_and_an_estimate_within_the_limit(rt):
    draft = _draft(rt, "s12-hours")
    answers = {**BASE, "exemptions": ["FOIA s12(1)"], "s12": S12}
    assert "foisa-foia-section" in check_draft(draft.text(), answers, rt.kb).ids()
    within = {**BASE, "exemptions": ["s12(1)"], "foisa-s12": {**S12, "hours": 30}}
    result = check_draft(draft.text(), within, rt.kb, cost_limit=450)
    finding = next(f for f in result.findings if f.id.startswith("cost-exceeds"))
    assert "30 hours at £15 an hour is £450, within the £600 limit" in finding.message
    over = {**BASE, "exemptions": ["s12(1)"], "foisa-s12": {**S12, "hours": 30}}
    assert not any(i.startswith("cost-exceeds") for i in check_draft(draft.text(), {
        **over, "foisa-s12": {**S12, "hours": "", "cost": 700}}, rt.kb).ids())


@pytest.mark.parametrize("answers,words", [
    ({"exemptions": ["FOIA s14(1)"], "s14": {"reason": "x" * 30}}, "cannot be relied on in a letter under"),
    ({"exemptions": ["s12(2)"], "foisa-s12": S12}, "has no subsection (2)"),
    ({"held": "ncnd", "exemptions": ["s12"], "foisa-s12": S12}, "no neither-confirm-nor-deny provision"),
    ({"exemptions": ["s36(1)"], "foisa-s36": {**S36_1, "not_waived": "no"}}, "privilege has been waived"),
    ({"exemptions": ["s12"], "foisa-s12": {**S12, "cost": "lots"}}, "'foisa-s12.cost' must be"),
])
def test_answers_no_lawful_foisa_letter_can_carry_are_refused(rt, answers, words):
    from foibot.letter.drafting import build_context

    PROBE.use_profile(rt, "scot-council")
    with pytest.raises(InputError, match=words.replace("(", r"\(").replace(")", r"\)")):
        build_context({**BASE, **answers}, rt.kb, rt.engine.authority, request_text=REQUEST, reference="R",
                      letter_date=date(2025, 3, 3))


# --- a conversation reaches each letter ---------------------------------------------------------------------------

EMAIL = ("From: Sam Patel <sam@example.com>\nSent: 10 February 2025\n\nDear FOI team,\nPlease send me every complaint "
         "about potholes since 2010, and the legal advice you received about the depot lease.\nRegards,\nSam Patel")
CHATS = {
    "s12": ({"exemptions": "s12", "foisa-s12.hours": "70", "foisa-s12.cost": "none",
             "foisa-s12.activities": S12["activities"], "foisa-s12.advice": S12["advice"]},
            ("notice under section 16(4)", "£600", "£1,050")),
    "s14(2)": ({"exemptions": "s14(2)", "foisa-s14.previous_request": "FOI 2024-880, answered on 2 December 2024"},
               ("section 14(2) of the Act", "notice under section 16(5)")),
    "s36(1)": ({"exemptions": "s36", "foisa-s36.limb": "1", "foisa-s36.communication": S36_1["communication"],
                "foisa-s36.privilege": "advice", "foisa-s36.not_waived": "yes", "foisa-s36.withheld": "the advice",
                "foisa-s36.reason": S36_1["reason"], "foisa-s36.pit_for": "1", "foisa-s36.pit_against": "1 and 2"},
               ("section 36(1) of the Act", "Public interest test for section 36(1)")),
    "s36(2)": ({"exemptions": "s36(2)", "foisa-s36.withheld": S36_2["withheld"],
                "foisa-s36.supplier": S36_2["supplier"], "foisa-s36.reason": S36_2["reason"]},
               ("section 36(2) of the Act", "absolute exemption")),
}


@pytest.mark.parametrize("which", sorted(CHATS))
def test_a_conversation_reaches_each_foisa_letter(scottish, which):
    replies, must = CHATS[which]
    replies = {"received": "10/2/25", "topic": "none", "held": "yes", "disclosure": "none", **replies}
    engine = scottish.engine
    turn = engine.start(EMAIL, user="U1")
    asked = []
    for _ in range(30):
        if turn.question is None:
            break
        asked.append(turn.question.field)
        turn = engine.reply(turn.conversation_id, replies.get(turn.question.field, "skip"), user="U1")
    drafts = [m.draft for m in turn.messages if m.kind == "draft"]
    assert drafts, asked
    text = drafts[-1].text()
    assert [m for m in must if m not in text] == [], text
    assert drafts[-1].checks.ok, drafts[-1].checks.summary()
    assert not [w for w in ("£450", "section 17(5)", "Freedom of Information Act 2000") if w in text]
    weighed = [f for f in asked if f.endswith(("pit_for", "pit_against"))]
    assert bool(weighed) == (which == "s36(1)"), asked  # no public interest questions for s12, s14 or 36(2)
