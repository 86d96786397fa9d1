from datetime import date

from foibot.conversation.email_parse import parse_email

EMAIL = """From: J Roberts <j.roberts@example.org>
Sent: Saturday, 28 September 2019 09:12
To: FOI Team
Subject: ICT monitoring

Dear FOI Team,

Please provide the names of the police forces.

Yours sincerely,

J Roberts
"""


def test_sender_date_and_body_are_read_from_a_pasted_email():
    parsed = parse_email(EMAIL)
    assert parsed.name == "J Roberts"
    assert parsed.email == "j.roberts@example.org"
    assert parsed.received == date(2019, 9, 28)
    assert parsed.subject == "ICT monitoring"
    assert parsed.body == "Please provide the names of the police forces."


def test_sign_off_name_is_used_without_headers():
    parsed = parse_email("Hello,\nHow many cars do you own?\nKind regards,\nSam Patel\nsam@example.com")
    assert (parsed.name, parsed.email, parsed.received) == ("Sam Patel", "sam@example.com", None)
    assert parsed.body == "How many cars do you own?"


def test_plain_request_is_left_alone():
    parsed = parse_email("How many staff work in the FOI team?")
    assert parsed.body == "How many staff work in the FOI team?" and parsed.name == ""


def test_a_sign_off_and_name_on_one_line_are_not_part_of_the_request():
    parsed = parse_email("Dear Council,\nPlease send me the waste contract.\nRegards, Chris Lane")
    assert (parsed.body, parsed.name) == ("Please send me the waste contract.", "Chris Lane")
    kept = parse_email("Please send the letters.\nThanks for your help with this")  # not a sign-off and a name
    assert kept.body.endswith("Thanks for your help with this") and not kept.name
