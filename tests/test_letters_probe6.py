"""A sixth senior FOI officer's probe (tests/fixtures/answers/probe6/): s37(1)(a) communications with the Sovereign,
withheld and neither confirmed nor denied; s34 with the Clerk of the Parliaments' certificate and s34(2); s44(2)
with the enactment and with a contempt of court; s26(3), s29(1)(a) and s32(3); s12(2) on cost with advice; s14(2)
from a requester styled "Mx"; s40(5A) answered the day the request arrived; EIR reg 12(5)(c) on a consultant's
model and reg 13 on its second and third conditions; FOISA s12 with the £600 limit and s15 advice, s36(2) (absolute);
a letter in eight parts from a councillor; a letter whose every part is refused; minutes disclosed with redactions
described; dates across Christmas and New Year in England and Scotland and requests received on 2 January or a
Sunday; late replies; and requesters styled "Professor Dame", "Lord ... of ..." and "Baroness ... of ...". Each letter
is read as the officer who signs it.

The defects these pin down: an EIR letter withholding under reg 13 on the second or third condition said the ground
was the first ("disclosing it would contravene the data protection principles"); a letter neither confirming nor
denying under s44(2) did not name the enactment (or the contempt of court) that confirming or denying would offend;
s34's answers (which House, and the Speaker's or the Clerk of the Parliaments' certificate) were asked for and then
dropped; s37(1)(a) to (ab), absolute, demanded a public interest test the Act does not require (a gap in Annex A and
a s17(3) finding until the officer invented one); "Lord Hale of Wendford" was greeted "Dear Lord Wendford" and
"Baroness Smith of Basildon" by her full style; a letter that answered one part and called the request vexatious in
another passed (s14 refuses a request, not a part of one: finding s14-whole-request); and a letter giving a date for
asking for a review well short of the 40 working days it promised passed (finding review-date).
"""

from __future__ import annotations

import re
from datetime import date

import probes
import pytest
from probes import DISCLAIMER, EIR_ROUTE, UK_ROUTE, Probe, assert_signable

PROBE = Probe("probe6")
FOISA_ROUTE = (*probes.FOISA_ROUTE, "within six months")
NO_PIT = ("Public interest test", "[to be completed", "for completeness")

# name -> (must contain, must not contain), on the plain-text letter
EXPECT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "gov-s37-1-a-sovereign": (
        ("section 37(1)(a)", "Section 37(1)(a) is an absolute exemption, so no public interest test applies.",
         *UK_ROUTE), NO_PIT),
    "gov-ncnd-s37-2-sovereign": (
        ("section 37(2)", "no public interest test applies to our decision to neither confirm nor deny", DISCLAIMER),
        NO_PIT),
    "gov-s34-lords-certificate": (
        ("section 34(1)", "the privileges of the House of Lords", "The Clerk of the Parliaments has certified",
         "section 34(3)", "no public interest test applies"), ("House of Commons", "Speaker")),
    "gov-ncnd-s34-2-commons": (
        ("section 34(2)", "the privileges of the House of Commons", DISCLAIMER),
        ("certificate", "House of Lords")),
    "gov-ncnd-s34-2-certificate": (
        ("section 34(2)", "the privileges of the House of Lords", "The Clerk of the Parliaments has certified",
         DISCLAIMER), ("section 34(3)", "Speaker")),
    "police-parts-s44-ncnd-and-full": (
        ("412 rapes were reported in 2024", "section 44(2)", "section 1 of the Sexual Offences (Amendment) Act 1992",
         DISCLAIMER), ("Public interest", "gave a statement", "did not give")),
    "council-s37-1-b-and-1-a-two-parts": (
        ("Section 37(1)(a) is an absolute exemption, so no public interest test applies.",
         "Public interest test for section 37(1)(b)", "This is a qualified exemption"),
        ("Public interest test for section 37(1)(a)", "[to be completed", "for completeness")),
    "police-ncnd-s44-2": (
        ("section 44(2)", "section 1 of the Sexual Offences (Amendment) Act 1992", DISCLAIMER), ("Public interest",)),
    "police-ncnd-s44-1-c": (("section 44(2)", "would itself be a contempt of court", DISCLAIMER),
                            ("Public interest", "prohibited by")),
    "council-eir-r13-second-condition": (
        ("regulation 13", "the second condition", "Public interest test for regulation 13", *EIR_ROUTE),
        ("contravene the data protection principles", "first condition")),
    "council-eir-r13-third-condition": (
        ("regulation 13", "the third condition", "Public interest test for regulation 13", *EIR_ROUTE),
        ("contravene the data protection principles", "first condition")),
    "gov-lord-s29": (("Dear Lord Hale,", "section 29(1)(a)", "Public interest test for section 29(1)(a)"),
                     ("Lord Wendford",)),
    "gov-ncnd-s26-3": (("section 26(3)", DISCLAIMER, "maintaining the exclusion of the duty to confirm or deny"), ()),
    "police-ncnd-s32-3": (("section 32(3)", DISCLAIMER), ("Public interest test",)),
    "council-s12-2-ncnd-cost-parts": (
        ("section 12(2)", "£450", "18 hours", "about 60 hours", "section 16 of the Act", "section 17(5)", DISCLAIMER),
        ("public interest", "Wend Holdings Ltd has")),
    "council-mx-s14-2": (("Dear Mx Hale,", "section 14(2)", "section 17(5)", "FOI 2024-188", *UK_ROUTE),
                         ("vexatious", "Annex A")),
    "police-same-day-letter-s40-1-5a": (("section 40(5A)", "subject access request", DISCLAIMER, "8 April 2025"),
                                        ("we hold intelligence", "we do not hold")),
    "council-eir-12-5-c-flood-model": (
        ("regulation 12(5)(c)", "intellectual property rights", "presumption in favour of disclosure", *EIR_ROUTE),
        ("section 17",)),
    "scot-foisa-s12-with-advice": (
        ("section 12(1)", "£600", "£15 an hour", "40 hours", "about 70 hours", "£1,050", "section 16(4)",
         "section 15 of the Act", *FOISA_ROUTE), (*UK_ROUTE[1:], "£450", "£25")),
    "scot-foisa-s36-2-confidence": (
        ("section 36(2)", "Glen Buses Ltd", "breach of confidence", "absolute exemption", *FOISA_ROUTE),
        ("Public interest test", *UK_ROUTE[1:])),
    "council-cllr-eight-parts": (
        ("Dear Councillor Shah,", "Part 8", "£3.1 million", "31 March 2029", "Fitco Ltd", "37 complaints",
         "We do not hold the information you asked for.", "section 21(1)", "https://www.example.gov.uk/leisure-performance",
         "section 40(2)", "section 43(2)", "Public interest test for section 43(2)", *UK_ROUTE),
        ("Dear Cllr", "Part 9", "Public interest test for section 40")),
    "council-all-parts-refused": (
        ("section 43(2)", "section 40(2)", "section 42(1)", "Public interest test for section 42(1)",
         "Public interest test for section 43(2)", "refusal notice under section 17(1)"),
        ("we are providing", "Public interest test for section 40")),
    "council-redacted-minutes": (
        ("We are providing some of it", "with the names and addresses of objectors removed",
         "Attached: Licensing panel minutes 2024 (redacted)", "section 40(2)", "first condition"),
        ("Public interest test",)),
    "council-professor-dame": (("Dear Professor Lowe,",), ("Dear Professor Dame",)),
    "council-due-over-christmas": (("8 December 2025", "4 March 2026"), ("We are sorry",)),
    "scot-foisa-due-over-new-year": (("8 December 2025", "5 March 2026", *FOISA_ROUTE), ("We are sorry",)),
    "council-received-2-january": (("2 January 2026",), ("We are sorry",)),
    "scot-foisa-received-2-january": (("2 January 2026", *FOISA_ROUTE), ("We are sorry",)),
}
# dated after the due date: the letter apologises and the check still reports it
LATE = {"council-late-refusal-s43": "10 March 2025", "council-received-sunday-late": "7 March 2025"}
# the statutory due dates: FOIA counts a bank holiday in any part of the UK (2 January is Scotland's) as no
# working day (foi-law.md, s10(6))
DUE = {"council-due-over-christmas": date(2026, 1, 9), "scot-foisa-due-over-new-year": date(2026, 1, 9),
       "council-received-2-january": date(2026, 1, 30), "scot-foisa-received-2-january": date(2026, 1, 30),
       "council-received-sunday-late": date(2025, 3, 7)}
# drafted, but the officer must act first: the check says what
FLAGGED = {"council-parts-s14-1-one-part": "s14-whole-request"}
# refused with a message naming what to do: provisions foibot does not draft
REFUSED = {"scot-foisa-s26-prohibition": "foibot knows no exemption 's26(a)'",
           "scot-foisa-s27-2-research": "section 27(1) has no subsection (2)",
           "council-eir-r6-1-b": "foibot knows no exemption 'r6(1)(b)'"}


def test_every_probe6_file_has_expectations():
    PROBE.assert_every_file_expected(set(EXPECT) | set(LATE) | set(REFUSED) | set(FLAGGED))


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_probe6_letter_is_lawful_and_complete(rt, name):
    draft = PROBE.draft(rt, name)
    must, must_not = EXPECT[name]
    assert_signable(rt, draft, list(must), list(must_not), PROBE.body(name, draft.text()))


@pytest.mark.parametrize("name", sorted(DUE))
def test_probe6_due_dates_across_holidays(rt, name):
    draft = PROBE.draft(rt, name)
    assert draft.due is not None and draft.due.due == DUE[name], draft.due


@pytest.mark.parametrize("name", sorted(LATE))
def test_probe6_a_late_letter_says_sorry_and_is_reported(rt, name):
    draft = PROBE.draft(rt, name)
    text = draft.text()
    assert "We are sorry that we did not reply within 20 working days, as the Act requires." in text
    assert draft.late and "on-time" in draft.checks.ids()
    assert LATE[name] in draft.checks.summary()


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_probe6_letters_the_officer_must_finish_are_flagged(rt, name):
    draft = PROBE.draft(rt, name)
    assert FLAGGED[name] in draft.checks.ids(), draft.checks.summary()


def test_section_14_for_every_part_or_the_whole_request_passes(rt):
    """Since probe 6: s14 refuses a request, not a part of one; refusing every part under it is the whole request."""
    answers = PROBE.answers("council-parts-s14-1-one-part")
    answers["parts"][0] = {**answers["parts"][0], "disclosure": "none", "exemptions": ["s14(1)"]}
    answers["parts"][0].pop("disclosed")
    draft = PROBE.draft(rt, "council-parts-s14-1-one-part", answers)
    assert_signable(rt, draft, ["section 14(1)", "section 17(5)"], ["we are providing it", "Annex A"],
                    PROBE.body("council-parts-s14-1-one-part", draft.text()))
    assert "s14-whole-request" in draft.checks.checked


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_probe6_refusals_say_what_to_do(rt, name):
    from foibot.errors import InputError

    with pytest.raises(InputError, match=re.escape(REFUSED[name])):
        PROBE.draft(rt, name)


@pytest.mark.parametrize("typed,salutation", [
    ("Lord Hale of Wendford", "Dear Lord Hale,"), ("Baroness Smith of Basildon", "Dear Baroness Smith,"),
    ("The Lord Hale of Wendford", "Dear Lord Hale,"), ("Lady Hale of Richmond", "Dear Lady Hale,"),
    ("The Earl of Wendford", "Dear Lord Wendford,"), ("Countess of Wendford", "Dear Lady Wendford,"),
    ("Viscount Hale", "Dear Viscount Hale,"), ("Professor Dame Ann Lowe", "Dear Professor Lowe,"),
    ("Mx. Robin Hale", "Dear Mx Hale,"), ("Cllr. Dr Priya Shah", "Dear Councillor Shah,"),
    ("Friends of Wendford Park", "Dear Sir or Madam,"), ("Dr Jan van der Berg", "Dear Dr van der Berg,"),
])
def test_a_peer_is_greeted_by_the_title_not_the_territorial_designation(rt, typed, salutation):
    answers = {**PROBE.answers("council-professor-dame"), "requester_name": typed,
               "requester_address": ["1 High Street", "Exampleton", "EX1 1AA"]}
    text = PROBE.draft(rt, "council-professor-dame", answers).text()
    assert salutation in text, text
    assert f"{typed}\n1 High Street" in text  # the address keeps the style as given


@pytest.mark.parametrize("limb", ["1(aa)", "1(ab)"])
def test_every_absolute_limb_of_section_37_carries_no_public_interest_test(rt, limb):
    answers = PROBE.answers("gov-s37-1-a-sovereign")
    cite = f"37({limb[0]}){limb[1:]}"
    answers["exemptions"] = [f"s{cite}"]
    answers["s37"]["limb"] = limb
    draft = PROBE.draft(rt, "gov-s37-1-a-sovereign", answers)
    assert_signable(rt, draft, [f"section {cite}", "absolute exemption, so no public interest test applies"],
                    list(NO_PIT), PROBE.body("gov-s37-1-a-sovereign", draft.text()))


@pytest.mark.parametrize("limb", ["1(ac)", "1(ad)", "1(b)"])
def test_the_qualified_limbs_of_section_37_still_need_their_public_interest_test(rt, limb):
    answers = PROBE.answers("gov-s37-1-a-sovereign")
    cite = f"37({limb[0]}){limb[1:]}"
    answers["exemptions"] = [f"s{cite}"]
    answers["s37"]["limb"] = limb
    draft = PROBE.draft(rt, "gov-s37-1-a-sovereign", answers)
    assert not draft.checks.ok and "s17(3)" in " ".join(f.rule for f in draft.checks.findings), draft.checks.summary()
    answers["s37"].update(pit_for=["honours-integrity"], pit_against=["royal-confidence"])
    draft = PROBE.draft(rt, "gov-s37-1-a-sovereign", answers)
    assert_signable(rt, draft, [f"Public interest test for section {cite}", "This is a qualified exemption"],
                    ["absolute"], PROBE.body("gov-s37-1-a-sovereign", draft.text()))


def test_section_34_with_the_speakers_certificate_and_without(rt):
    answers = PROBE.answers("gov-s34-lords-certificate")
    answers["s34"].update(house="commons")
    text = PROBE.draft(rt, "gov-s34-lords-certificate", answers).text()
    assert "The Speaker of the House of Commons has certified" in text and "Clerk of the Parliaments" not in text, text
    answers["s34"].update(certificate="no")
    draft = PROBE.draft(rt, "gov-s34-lords-certificate", answers)
    assert_signable(rt, draft, ["the privileges of the House of Commons"], ["certificate", "Speaker"],
                    PROBE.body("gov-s34-lords-certificate", draft.text()))


def test_section_44_2_without_the_enactment_is_flagged_not_signed(rt):
    answers = PROBE.answers("police-ncnd-s44-2")
    del answers["s44"]["enactment"]
    draft = PROBE.draft(rt, "police-ncnd-s44-2", answers)
    assert not draft.checks.ok, draft.text()


def test_reg_13_on_the_first_condition_still_says_so(rt):
    answers = PROBE.answers("council-eir-r13-second-condition")
    answers["r13"].update(condition="first")
    for key in ("pit_for", "pit_against"):
        answers["r13"].pop(key)
    draft = PROBE.draft(rt, "council-eir-r13-second-condition", answers)
    assert_signable(rt, draft, ["contravene the data protection principles", "the first condition"],
                    ["Public interest test", "second condition"],
                    PROBE.body("council-eir-r13-second-condition", draft.text()))


@pytest.mark.parametrize("name,stated,early,near", [
    ("council-due-over-christmas", "by 4 March 2026", "by 27 February 2026", "by 2 March 2026"),
    ("scot-foisa-due-over-new-year", "(by 5 March 2026)", "(by 4 February 2026)", "(by 3 March 2026)"),
    ("council-eir-12-5-c-flood-model", "by 1 May 2025", "by 31 March 2025", "by 29 April 2025"),
    ("police-same-day-letter-s40-1-5a", "by 8 April 2025", "by 10 March 2025", "by 4 April 2025"),
])
def test_a_review_date_earlier_than_40_working_days_fails_the_check(rt, name, stated, early, near):
    """Since probe 6: a letter that gives the requester plainly less time to ask for a review than the 40 working
    days it promises (20 working days' date, a date typed by hand) is caught; a later date is harmless, and so is one
    a working day or two earlier (counted without another nation's bank holidays: 2 January, St Patrick's Day)."""
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, name)
    text = draft.text()
    assert stated in text and check(text, rt.kb, letter_date=draft.letter_date).ok
    result = check(text.replace(stated, early), rt.kb, letter_date=draft.letter_date)
    assert "review-date" in result.ids(), result.summary()
    assert "review-date" in check(text.replace(stated, early), rt.kb).ids()  # the date read from the letter itself
    later = stated.replace("2026", "2027").replace("2025", "2026")
    for harmless in (later, near):
        assert check(text.replace(stated, harmless), rt.kb, letter_date=draft.letter_date).ok, harmless
    undated = "\n".join(line for line in text.replace(stated, early).split("\n")
                        if line.strip() != f"{draft.letter_date.day} " + draft.letter_date.strftime("%B %Y"))
    assert "review-date" not in check(undated, rt.kb).ids()  # no letter date known: not run


def test_factors_given_for_section_37_1_a_are_set_out_for_completeness_only(rt):
    answers = PROBE.answers("gov-s37-1-a-sovereign")
    answers["s37"].update(pit_for=["constitutional-understanding"], pit_against=["royal-confidence"])
    draft = PROBE.draft(rt, "gov-s37-1-a-sovereign", answers)
    assert_signable(rt, draft, ["Section 37(1)(a) is an absolute exemption, so the Act does not require us to weigh "
                                "the public interest; for completeness, Annex A sets out",
                                "Public interest test for section 37(1)(a)"],
                    ["This is a qualified exemption", "[to be completed"], PROBE.body("gov-s37-1-a-sovereign",
                                                                                       draft.text()))
