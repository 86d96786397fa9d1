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


# --- a long pasted email: the request only, never the history, signature or disclaimer ----------------------

_QUOTED = "\n".join(f"> Previous thread text about bins and missed collections, line {n}.\n>" for n in range(40))

OUTLOOK = f"""From: Sarah Okafor <sarah.okafor@residentsgroup.example.org>
Sent: Tuesday, 17 November 2026 16:42
To: FOI <foi@eastvale.gov.uk>
Cc: Cllr Tom Burns <tom.burns@eastvale.gov.uk>
Subject: RE: FOI request - fly-tipping enforcement (our ref SO/2026/11)

Dear FOI Officer,

Thank you for your earlier reply. I am now making a fresh request for the following:

a) the number of fixed penalty notices issued for fly-tipping in each month from April 2024 to October 2026;
b) the locations of the council's covert CCTV cameras used to detect fly-tipping.

I would prefer to receive the information in a spreadsheet.

Best wishes,

Sarah Okafor
Chair, Mill Lane Residents' Association
14 Orchard Close
Eastvale
EV3 7QT
Tel: 07700 900123

This email and any attachments are confidential and intended solely for the addressee. If you have received it \
in error please notify the sender and delete it.

-----Original Message-----
From: FOI <foi@eastvale.gov.uk>
Sent: 02 October 2026 10:01
To: Sarah Okafor <sarah.okafor@residentsgroup.example.org>
Subject: RE: FOI request - fly-tipping (our ref SO/2026/09)

Dear Ms Okafor,

Thank you for your request of 1 September 2026. We do not hold the information in the form requested.
{_QUOTED}

Yours sincerely
FOI Team
Eastvale District Council
"""


def test_an_outlook_reply_keeps_only_the_request_and_the_signatures_postal_address():
    parsed = parse_email(OUTLOOK)
    assert parsed.body.startswith("Thank you for your earlier reply.")
    assert parsed.body.endswith("I would prefer to receive the information in a spreadsheet.")
    for gone in ("Sarah Okafor", "07700", "Orchard", "confidential", "Original Message", "Ms Okafor", "Previous thread",
                 "Eastvale District Council"):
        assert gone not in parsed.body
    assert (parsed.name, parsed.email, parsed.received) == ("Sarah Okafor", "sarah.okafor@residentsgroup.example.org",
                                                            date(2026, 11, 17))
    assert parsed.address == "14 Orchard Close\nEastvale\nEV3 7QT"


GMAIL = """Hi there,

Could you please tell me how many pothole compensation claims the council received in 2025, and how many it paid?

Thanks,
Tom Reilly
Flat 3, 22 Station Road, Kettleby, KB4 2XY
Mob: 07700 900456

Sent from my iPhone

On Mon, 16 Nov 2026 at 09:30, FOI Team <foi@kettleby.gov.uk>
wrote:

> Dear Mr Reilly,
>
> Thank you for your request. We need more detail before we can answer it.
>
> Yours sincerely
> FOI Team
"""


def test_a_gmail_reply_stops_before_on_wrote_and_keeps_a_one_line_address():
    parsed = parse_email(GMAIL)
    assert parsed.body == ("Could you please tell me how many pothole compensation claims the council received in "
                           "2025, and how many it paid?")
    assert parsed.name == "Tom Reilly"
    assert parsed.address == "Flat 3\n22 Station Road\nKettleby\nKB4 2XY"


def test_quoted_lines_and_on_wrote_on_one_line_end_the_request():
    text = ("Please send the 2025 road safety audit for the A61.\n\nOn 3 Nov 2026, FOI <foi@x.gov.uk> wrote:\n"
            "> We refused your earlier request.\n> Regards")
    assert parse_email(text).body == "Please send the 2025 road safety audit for the A61."
    quoted = parse_email("Please send the audit.\n> an older message\n> and more of it")
    assert quoted.body == "Please send the audit."


def test_a_forwarded_request_with_only_a_note_above_it_is_read_from_the_forwarded_email():
    text = """FYI

---------- Forwarded message ---------
From: Ann Lee <ann.lee@example.com>
Date: Wed, 4 Nov 2026 at 14:10
Subject: FOI request
To: <info@council.example.gov.uk>

Dear Sir or Madam,

Please send me the council's 2026 tree-felling schedule.

Kind regards,
Ann Lee
"""
    parsed = parse_email(text)
    assert parsed.body == "Please send me the council's 2026 tree-felling schedule."
    assert (parsed.name, parsed.email, parsed.received) == ("Ann Lee", "ann.lee@example.com", date(2026, 11, 4))


def test_an_outlook_from_sent_block_without_a_marker_line_ends_the_request():
    text = ("Please provide the number of parking fines issued in 2025.\n\nRegards\nJo Bell\n\n"
            "________________________________\nFrom: Parking Services <parking@x.gov.uk>\nSent: 01 November 2026\n"
            "To: Jo Bell\nSubject: Your appeal\n\nDear Jo Bell, your appeal was refused.")
    parsed = parse_email(text)
    assert (parsed.body, parsed.name, parsed.address) == (
        "Please provide the number of parking fines issued in 2025.", "Jo Bell", "")
    block = parse_email("Please provide the 2025 figures.\n\nFrom: Parking <p@x.gov.uk>\nSent: 01 November 2026\n"
                        "Subject: old\n\nAn older message.")
    assert block.body == "Please provide the 2025 figures."


def test_a_request_signed_with_a_name_alone_does_not_quote_the_name():
    parsed = parse_email("Dear Northshire Police,\n\nUnder FOI can you please send me everything you hold about me, "
                         "Karen Doyle, including the incident log.\n\nKaren Doyle")
    assert parsed.body.endswith("including the incident log.") and parsed.name == "Karen Doyle"
    kept = parse_email("Please send me the minutes of:\n\nPlanning Committee")  # a request's own words, not a name
    assert kept.body.endswith("Planning Committee") and not kept.name


def test_a_disclaimer_without_a_sign_off_is_cut_and_a_request_mentioning_confidentiality_is_not():
    parsed = parse_email("Please send the 2025 fraud report.\n\nThis email is confidential and intended solely for "
                         "the addressee.")
    assert parsed.body == "Please send the 2025 fraud report."
    kept = parse_email("Please send the confidential annex to the 2025 fraud report, which was intended solely for "
                       "the audit committee.")
    assert kept.body.startswith("Please send the confidential annex") and kept.body.endswith("audit committee.")
