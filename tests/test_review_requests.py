"""A pasted request for an internal review is that case's review, not a new request."""

from datetime import date
from pathlib import Path

import pytest

from foibot.errors import DataError
from foibot.register.cases import Register
from foibot.register.review_requests import load_review_cues, open_review, review_request

ROOT = Path(__file__).resolve().parents[1]
CUES = load_review_cues(ROOT / "intents" / "review-requests.yaml")
ASK = ("Dear FOI team,\nI am writing to request an internal review of your response to my request {ref}. You "
       "withheld the settlement figures under section 43 but gave no reasons.\nRegards,\nSam Lee")


@pytest.fixture
def register(store):
    reg = Register(store, today=lambda: date(2026, 12, 21))
    answered = reg.open_case("Settlement figures", who="al", received=date(2026, 11, 2))
    reg.update(answered.ref, "al", requester_email="sam.lee@example.org")
    reg.set_status(answered.ref, "sent", "al", on=date(2026, 11, 30))
    reg.open_case("Gritting routes", who="al", received=date(2026, 12, 1))   # FOI 2026-2, still open
    return reg


@pytest.mark.parametrize("written", ["FOI 2026-1", "FOI-2026-001", "2026/1", "reference 2026-01"])
def test_the_case_is_found_by_its_reference_however_written(register, written):
    found = review_request(ASK.format(ref=written), email="", register=register, cues=CUES)
    assert found is not None and found.cue == "request an internal review" and found.case.ref == "FOI 2026-1"


def test_the_case_is_found_by_the_senders_latest_answered_case_when_no_reference_is_given(register):
    text = "I am not satisfied with your response to my request about settlement figures and would like an " \
           "internal review."
    found = review_request(text, email="Sam.Lee@example.org", register=register, cues=CUES)
    assert found.case.ref == "FOI 2026-1"
    assert review_request(text, email="someone@else.example", register=register, cues=CUES).case is None


@pytest.mark.parametrize("text", [
    "Please send me the internal review report on the 2025 flooding response.",   # a document, not a review
    "How many internal reviews did you carry out in 2025, and how many upheld the original decision?",
    "new request: I request an internal review of FOI 2026-1 style documents, namely your review policy.",
])
def test_a_new_request_that_mentions_reviews_is_a_new_request(register, text):
    assert review_request(text, email="sam.lee@example.org", register=register, cues=CUES) is None


def test_asking_opens_the_review_case_once_with_the_requesters_words(register):
    text = ASK.format(ref="FOI 2026-1")
    opened = open_review(register, review_request(text, email="", register=register, cues=CUES), text, who="jo")
    assert opened.opened and opened.original.status == "internal_review"
    words = ("I am writing to request an internal review of your response to my request FOI 2026-1. You withheld "
             "the settlement figures under section 43 but gave no reasons.")  # as a new request's: no greeting
    assert (opened.review.ref, opened.review.received, opened.review.request_text) == ("FOI 2026-1/IR",
                                                                                       date(2026, 12, 21), words)
    assert opened.review.due == date(2027, 1, 22)  # 20 working days; FOIA skips UK-wide bank holidays (4 Jan)
    again = open_review(register, review_request(text, email="", register=register, cues=CUES), text, who="jo")
    assert not again.opened and again.review.ref == "FOI 2026-1/IR"
    assert [c.ref for c in register.reviews("FOI 2026-1")] == ["FOI 2026-1/IR"]


def test_a_case_not_yet_answered_gets_no_review(register):
    text = ASK.format(ref="FOI 2026-2")
    found = review_request(text, email="", register=register, cues=CUES)
    opened = open_review(register, found, text, who="jo")
    assert (opened.review, opened.opened, opened.refused) == (None, False, "new")
    assert register.reviews("FOI 2026-2") == []


def test_the_cues_file_is_checked_with_its_line(tmp_path):
    bad = tmp_path / "review-requests.yaml"
    bad.write_text("cues:\n  - request a review\n  - [not, a, phrase]\n", encoding="utf-8")
    with pytest.raises(DataError, match="review-requests.yaml"):
        load_review_cues(bad)
    assert load_review_cues(tmp_path / "absent.yaml") == ()


def test_pasting_a_review_request_opens_the_review_not_a_new_case(rt):
    """The whole turn on the engine every surface uses: no new case, the review case opened
    with the email's date, and the reply says so in words; the same paste again opens nothing more."""
    engine, register = rt.engine, rt.register
    engine.today = lambda: date(2026, 12, 22)
    first = engine.start("From: Hannah Price <hannah.price@example.org>\nSent: 1 December 2026 09:00\n\nPlease "
                         "provide the draft report of your 2026 inspection of Westmoor Police.")
    ref = engine.answers(first.conversation_id)["reference"]
    register.set_status(ref, "sent", "al", on=date(2026, 12, 14))
    pasted = (f"From: Hannah Price <hannah.price@example.org>\nSent: 21 December 2026 10:05\nSubject: RE: {ref} - "
              f"request for internal review\n\nI am writing to request an internal review of your response to my "
              f"request {ref}. I do not accept that section 36 applies.\n\nRegards,\nHannah Price")
    cases_before = rt.store.db["cases"].count
    turn = engine.start(pasted, user="jo")
    # the review's own conversation starts, asking what its outcome letter needs (tests/test_review_outcome_chat.py)
    assert turn.conversation_id is not None and [m.kind for m in turn.messages] == ["note", "question"]
    assert turn.messages[0].text == (
        f"This reads as a request for an internal review ('request an internal review') of {ref}, not a new "
        f"request, so no new case was opened. {ref}/IR is open, received Mon 21 Dec 2026, due Fri 22 Jan 2027 (the "
        "ICO expects 20 working days, 40 in exceptional cases). The review is a fresh decision, best made by "
        "someone not involved in the response. Its outcome letter says whether the decision is upheld, what is "
        "now released, and that the requester may then apply to the Information Commissioner (section 50). "
        "foibot now asks what the outcome letter needs. If it is a new request after all, "
        "paste it again starting with \"new request:\".")
    assert rt.store.db["cases"].count == cases_before + 1  # the review case, and no new request
    assert register.require(ref).status == "internal_review"
    again = engine.start(pasted, user="jo")
    assert f"{ref} is already under review ({ref}/IR, due Fri 22 Jan 2027): nothing new was opened" in \
        again.messages[0].text
    assert rt.store.db["cases"].count == cases_before + 1
    fresh = engine.start("new request: " + pasted, user="jo")
    assert fresh.conversation_id is not None
    assert not engine.answers(fresh.conversation_id).get("request_summary", "").startswith("new request")
