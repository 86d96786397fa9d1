"""Officers' words set into the letter's sentences: a phrase inside a sentence loses its full stop, a reason
becomes a sentence, and a date or season reads after "we expect to publish it"."""

import json
import re
from pathlib import Path

import pytest

from foibot.letter.templates import Gap, clause, sentence, when

ANSWERS = Path(__file__).parent / "fixtures" / "answers"


@pytest.mark.parametrize("typed, said", [
    ("spring 2020", "in spring 2020"), ("early 2020", "in early 2020"), ("March 2026", "in March 2026"),
    ("2025-06-30", "on 30 June 2025"), ("in June 2025", "in June 2025"), ("by the end of November", "by the end of "
                                                                           "November"),
    ("the end of March.", "by the end of March"), ("end of March", "by the end of March"),
    ("next month", "next month"), ("shortly", "shortly"),
])
def test_a_publication_date_reads_after_we_expect_to_publish_it(typed, said):
    assert when(typed) == said


def test_clause_sentence_and_gaps():
    assert clause("the names of the 14 forces. ") == "the names of the 14 forces"
    assert sentence("it would help offenders avoid the cameras") == "It would help offenders avoid the cameras."
    assert sentence("Already a sentence!") == "Already a sentence!"
    gap = Gap(name="reason")
    assert clause(gap) is gap and sentence(gap) is gap and when(gap) is gap


def test_officers_words_fit_the_letters_sentences(engine):
    answers = json.loads((ANSWERS / "s22-date.json").read_text(encoding="utf-8"))
    answers["s22"].update(withheld="the findings for the 14 forces inspected last.", publication_date="spring 2025",
                          reason="these findings will appear in our annual report")
    answers["disclosure"], answers["disclosed"] = "partial", "the list of forces inspected."
    letter = engine.draft_answers((ANSWERS / "request-foia.txt").read_text(encoding="utf-8"), answers).text()
    assert "We are providing some of it: the list of forces inspected. We are withholding the rest" in letter
    assert "We are withholding the following under section 22(1) of the Act: the findings for the 14 forces inspected "\
           "last." in letter
    assert "we expect to publish it in spring 2025. These findings will appear in our annual report. " in letter
    assert ". under" not in letter and ".." not in letter and "it spring" not in letter


def test_what_we_provide_typed_with_its_own_colon_is_a_sentence_of_its_own(engine):
    answers = json.loads((ANSWERS / "s22-date.json").read_text(encoding="utf-8"))
    answers["disclosure"], answers["disclosed"] = "partial", "the dates the advice was received: 3 March and 5 April"
    letter = engine.draft_answers((ANSWERS / "request-foia.txt").read_text(encoding="utf-8"), answers).text()
    assert ("We are providing some of it. The dates the advice was received: 3 March and 5 April. We are withholding "
            "the rest") in letter
    assert "some of it: the dates" not in letter


def test_the_not_held_explanation_typed_in_lower_case_reads_as_a_sentence(engine):
    answers = {"requester_name": "A B", "received": "2019-10-01", "request_summary": "x", "held": "no",
               "not_held_detail": "we do not record this by ward; the county council may hold it"}
    letter = engine.draft_answers("How many noise complaints were made in each ward?", answers).text()
    assert ("We do not hold the information you asked for. We do not record this by ward; the county council may "
            "hold it.\n") in letter
    assert "for. we" not in letter


def test_limbs_of_one_section_are_cited_together_with_one_public_interest_test(engine):
    answers = json.loads((ANSWERS / "partial-s31.json").read_text(encoding="utf-8"))
    answers["exemptions"] = ["s31(1)(a)", "s31(1)(b)", "s24(1)"]
    answers["s24"] = {"withheld": "the same names", "reason": "it would show gaps in national defences",
                      "pit_for": ["security-accountability"], "pit_against": ["mosaic"]}
    letter = engine.draft_answers((ANSWERS / "request-foia.txt").read_text(encoding="utf-8"), answers).text()
    assert "withholding the rest under section 31(1)(a) and (b) and section 24(1)," in letter
    assert letter.count("under section 31(1)(a) and (b) of the Act (law enforcement)") == 1
    assert letter.count("Public interest test for section 31(1)(a) and (b)") == 1
    annex = letter.split("Annex A", 1)[1]
    assert "(a) the prevention or detection of crime" in annex and "(b) the apprehension or prosecution" in annex
    assert "(c) the administration of justice" not in annex
    assert "section 31(1)(b) of the Act" not in letter  # no second paragraph for the second limb


def test_an_ncnd_provision_cited_more_exactly_is_printed_as_cited(engine):
    answers = {"letter_date": "2025-03-03", "requester_name": "Sam Patel", "received": "2025-02-10", "held": "ncnd",
               "exemptions": ["s40(5B)(a)(i)"],
               "s40": {"reason": "Confirming or denying would disclose whether a named officer was investigated."}}
    letter = engine.draft_answers((ANSWERS / "request-foia.txt").read_text(encoding="utf-8"), answers).text()
    assert "does not arise by virtue of section 40(5B)(a)(i) of the Act" in letter
    assert "Section 40(5B)(a)(i): Personal information" in letter
    assert "we hold the information" not in letter.lower().replace("whether we hold the information", "")


def test_an_own_data_ncnd_letter_reads_its_reason_as_a_sentence_and_points_to_subject_access(engine):
    answers = {"requester_name": "Karen Doyle", "received": "2019-10-01", "request_summary": "x", "held": "ncnd",
               "exemptions": ["s40(5A)"],
               "s40": {"reason": "any information about her would be her own personal data"}}
    letter = engine.draft_answers("Please send me everything you hold about me.", answers).text()
    assert ("by virtue of section 40(5A) of the Act. Any information about her would be her own personal "
            "data. ") in letter
    assert "by making a subject access request" in letter and "personal data about you that we may hold" in letter
    assert not re.search(r"(?:^|\. |\d\. )We (?:do not )?hold", letter, re.M)  # neither confirms nor denies


def test_public_interest_words_the_officer_typed_read_as_sentences_in_the_annex(engine):
    answers = json.loads((ANSWERS / "s22-date.json").read_text(encoding="utf-8"))
    answers["s22"].update(pit_for=["residents want to know what the force found"],
                          pit_conclusion="the balance favours withholding until publication")
    letter = engine.draft_answers((ANSWERS / "request-foia.txt").read_text(encoding="utf-8"), answers).text()
    assert "Residents want to know what the force found." in letter
    assert "Balance of the public interest: The balance favours withholding until publication." in letter


@pytest.mark.parametrize(("typed", "set_as"), [
    ("this is the 12th request in 2024. the request asks for the same", "This is the 12th request in 2024. The "
     "request asks for the same."),
    ("see s. 40 and reg. 13 (e.g. the names). we hold it", "See s. 40 and reg. 13 (e.g. the names). We hold it."),
    ("is it held? we think not", "Is it held? We think not."),
])
def test_an_officers_sentences_each_begin_with_a_capital_but_abbreviations_end_none(typed, set_as):
    assert sentence(typed) == set_as
