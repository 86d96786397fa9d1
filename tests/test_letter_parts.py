"""Requests in parts: numbered and bulleted questions are split in order; anything else is one part."""

import pytest

from foibot.letter.parts import split_parts


def test_numbered_request_with_preamble_continuation_and_sign_off():
    text = ("Dear FOI team,\nPlease tell me:\n1. How many ANPR cameras do you operate?\n2. Where are they,\n"
            "including postcodes?\n3) Who maintains them?\n\nThank you\nJo")
    assert split_parts(text) == ["How many ANPR cameras do you operate?", "Where are they, including postcodes?",
                                 "Who maintains them?"]


@pytest.mark.parametrize("text, expected", [
    ("- one\n- two\n* three", ["one", "two", "three"]),
    ("(a) first\n(b) second", ["first", "second"]),
    ("a) first (b) inline is not a marker\nb) second", ["first (b) inline is not a marker", "second"]),
    ("Q1. spend on X\nQ2: spend on Y", ["spend on X", "spend on Y"]),
    ("Question 1 - spend on X\nQuestion 2 - spend on Y", ["spend on X", "spend on Y"]),
    ("• first\n• second", ["first", "second"]),
])
def test_markers(text, expected):
    assert split_parts(text) == expected


@pytest.mark.parametrize("text", ["Please send me the names of all police forces.",
                                  "1. Only one numbered question here, please.",
                                  "I asked on 1. May for the 2020 figures and\n2020 was a bad year."])
def test_a_request_without_two_parts_is_one_part(text):
    assert split_parts(text) == [" ".join(text.split())]


def test_empty_and_hostile_text():
    assert split_parts("") == []
    assert split_parts("   \n\n") == []
    assert split_parts("1. {{ 7*7 }}\n2. ::para x") == ["{{ 7*7 }}", "::para x"]


POTHOLES = """Please provide:
(a) the number of potholes reported on the A38 in 2025;
(b) the number repaired within 28 days; and
(c) the total cost of those repairs.

Thanks,
Jo Bloggs"""


def test_an_answers_file_part_without_its_text_quotes_its_own_part_of_the_request(engine):
    answers = {"requester_name": "Jo Bloggs", "received": "2019-10-01", "request_summary": "potholes",
               "answer_by_part": "each",
               "parts": [{"held": "yes", "disclosure": "full", "disclosed": "412"},
                         {"held": "no", "not_held_detail": "we do not record repair times"},
                         {"held": "yes", "disclosure": "full", "disclosed": "£12,400"}]}
    letter = engine.draft_answers(POTHOLES, answers).text()
    assert letter.count("the number of potholes reported on the A38 in 2025") == 1
    assert letter.count("the total cost of those repairs") == 1
    assert letter.index("A38") < letter.index("412") < letter.index("repaired within") < letter.index("£12,400")


def test_an_answers_file_with_more_parts_than_the_request_is_refused(engine):
    from foibot.errors import InputError

    answers = {"requester_name": "Jo Bloggs", "received": "2019-10-01", "request_summary": "potholes",
               "parts": [{"held": "yes", "disclosure": "full", "disclosed": "412"},
                         {"held": "no", "not_held_detail": "we do not record it"}]}
    with pytest.raises(InputError, match="give each part its 'text'"):
        engine.draft_answers("How many potholes were reported on the A38 in 2025?", answers)
