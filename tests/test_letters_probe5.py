"""A fifth senior FOI officer's probe (tests/fixtures/answers/probe5/): one request with withholding in one part and
neither confirming nor denying in another under the same section (s40(2) with s40(5B), s30(1) with s30(3), s43(2)
with s43(3)) or in the same regime (EIR reg 12(4)(e) with reg 12(6)); s21 with a link beside a part not held and a
part answered; s12 aggregated across three requests with advice; five exemptions in one refusal; s36 on two limbs
with the qualified person and the date of the opinion; s40(2) on the third condition; an environmental part dealt
with under the EIR through s39 beside a FOIA part; EIR reg 12(5)(e) for information on emissions (reg 12(9));
FOISA s14(1), s36(1) and s17 with s15 advice beside s25; requesters with no name, a title only, an MP and a company;
and a request full of template and Markdown look-alikes, in text, Markdown and Word. Each letter is read as the
officer who signs it.

The defects these pin down: "Dear Dr," (a title alone) and "Dear Rt Hon Jane Ashworth MP," (an honorific and
post-nominals belong on the envelope, not in the salutation); an EIR letter that withholds one part and neither
confirms nor denies another called itself "a refusal notice under regulation 14" twice; in a letter in parts, a
neither-confirm-nor-deny part that denied or admitted holding the information ("We hold no such plan.", "PC
Ellery's file is exempt.", "We can confirm that ...") passed the check whenever another part withheld under
another exemption, or when the admission stood in its own paragraph; a request quoting "{{ 7*7 }}" or "<b>" failed
the check on the Word file's text (the quotation loses its indent there); EIR reg 12(5)(d) to (g) relied on for
information about emissions passed without a word on reg 12(9); EIR reg 12(5)(c) and (g) could not be cited at all.
FOIA s22A (research) could not be cited either; it is drafted now, cited by address (its wording is not verified).
"""

from __future__ import annotations

import io
import re

import pytest
from probes import DISCLAIMER, EIR_ROUTE, FOISA_ROUTE, UK_ROUTE, Probe, assert_signable

PROBE = Probe("probe5")

# name -> (must contain, must not contain), on the plain-text letter
EXPECT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "police-parts-40-2-withheld-and-40-5b-ncnd": (
        ("section 40(2)", "section 40(5B)(a)(i)", "seven officers were dismissed", DISCLAIMER, *UK_ROUTE),
        ("Dan Ellery has", "We do not hold")),
    "police-parts-30-1-withheld-and-30-3-ncnd": (
        ("section 30(1)(a)", "section 30(3) and section 40(5B)(a)(i)",
         "public interest in maintaining the exclusion of the duty to confirm or deny", DISCLAIMER, *UK_ROUTE),
        ("former manager is",)),
    "council-company-s43-2-and-43-3-parts": (
        ("Dear Sir or Madam,", "section 43(2)", "section 43(3)", DISCLAIMER,
         "Attached: Winning bid (redacted)"), ("Fitco Ltd was", "Fitco Ltd has been")),
    "council-eir-parts-12-6-ncnd-and-12-4-e": (
        ("regulation 12(4)(e)", "regulation 12(6)", DISCLAIMER, *EIR_ROUTE), ("section 17", "section 24")),
    "council-parts-s21-link-not-held-and-disclosed": (
        ("Dear Sir or Madam,", "section 21(1)", "https://www.example.gov.uk/library-strategy-2024",
         "We do not hold the information you asked for. Visitor counters", "four of our eleven libraries"),
        ("Dear Dr",)),
    "police-s12-4-three-requests-aggregated": (
        ("Dear Jane Ashworth,", "section 12(1)", "£450", "18 hours", "about 45 hours",
         "section 16 of the Act", "section 17(5)", *UK_ROUTE), ("Annex A", "public interest", "Dear Office")),
    "health-five-exemptions": (
        ("section 31(1)(a), section 38(1)(b), section 40(2), section 41(1) and section 43(2)",
         "endanger the safety of any individual", "first condition", "no public interest test applies",
         "Public interest test for section 43(2)"), ("Public interest test for section 41", )),
    "gov-s36-two-limbs-opinion-date": (
        ("section 36(2)(b)(i) and (c)", "the Secretary of State for Justice", "on 20 February 2025"), ()),
    "council-s40-2-third-condition": (("the third condition", "Public interest test for section 40(2)"),
                                      ("first condition",)),
    "council-mixed-eir-and-foia-parts": (
        ("section 39(1)", "regulation 11", "the team's salary costs in 2024 were £212,400", *UK_ROUTE), ()),
    "council-no-name": (("Dear Sir or Madam,",), ("Dear ,",)),
    "council-title-only": (("Dear Sir or Madam,",), ("Dear Dr",)),
    "council-mp-office": (("Dear Jane Ashworth,", "Rt Hon Jane Ashworth MP\nHouse of Commons"),
                          ("Dear Rt Hon", "Ashworth MP,")),
    "scot-foisa-s14-1-vexatious": (("section 14(1)", "section 16(5)", *FOISA_ROUTE), UK_ROUTE),
    "scot-foisa-s36-1-legal-advice": (("section 36(1)", "legal advice privilege", *FOISA_ROUTE), UK_ROUTE),
    "scot-foisa-parts-s17-s25-and-full": (
        ("section 25(1)", "https://www.example.scot/winter-plan", "notice under section 17(1)",
         "Transport Scotland may hold", "we have 14 gritters", *FOISA_ROUTE), UK_ROUTE),
}
# drafted, but the officer must act first: the check says what
FLAGGED = {"council-eir-12-5-e-on-emissions": "eir-emissions"}
# the request itself is full of markup look-alikes: quoted literally, never evaluated or formatting the letter
MARKUP = {"council-request-with-markup": ("Please send {{ 7*7 }} budget lines {% if true %}and all{% endif %} for "
                                          "2024/25.", "<script>alert(1)</script> *bold* _under_ `rm -rf` "
                                          "[link](http://x.example) {# comment #}", "# Request"),
          "council-parts-with-markup": ("How many {{ config }} pupils were excluded in 2024?",
                                        "Please send `the *policy*` <b>now</b> [here](javascript:alert(1))")}
# refused with a message naming what to do
REFUSED = {"scot-eir-scotland-12-5-e": "Environmental Information (Scotland) Regulations"}
# left as it is, with the reason (see the test below)
LEFT = {"police-s31-pit-conclusion-no-reason":
        "Balance of the public interest: The public interest favours withholding."}
# citable since this probe
NEW_EXEMPTIONS = {"council-eir-12-5-g-nest-sites": ("regulation 12(5)(g)", "protection of the environment"),
                  "health-s22a-research": ("under section 22A(1) of the Act (research)", "still under way",
                                           "would be likely to prejudice the programme of research",
                                           "https://www.legislation.gov.uk/ukpga/2000/36/section/22A",
                                           "the public interest in maintaining the exemption outweighs")}


def test_every_probe5_file_has_expectations():
    PROBE.assert_every_file_expected(set(EXPECT) | set(FLAGGED) | set(MARKUP) | set(REFUSED) | set(NEW_EXEMPTIONS)
                                     | set(LEFT), with_requests=False)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_probe5_letter_is_lawful_and_complete(rt, name):
    draft = PROBE.draft(rt, name)
    must, must_not = EXPECT[name]
    assert_signable(rt, draft, list(must), list(must_not), PROBE.body(name, draft.text()))


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_probe5_letters_the_officer_must_finish_are_flagged(rt, name):
    draft = PROBE.draft(rt, name)
    assert FLAGGED[name] in draft.checks.ids(), draft.checks.summary()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_probe5_refusals_say_what_to_do(rt, name):
    from foibot.errors import InputError

    with pytest.raises(InputError, match=re.escape(REFUSED[name])):
        PROBE.draft(rt, name)


@pytest.mark.parametrize("name", sorted(NEW_EXEMPTIONS))
def test_probe5_exceptions_and_exemptions_new_to_foibot(rt, name):
    draft = PROBE.draft(rt, name)
    assert_signable(rt, draft, list(NEW_EXEMPTIONS[name]), ["this exemption protects against", "[to be completed"],
                    PROBE.body(name, draft.text()))


def _word_text(draft) -> str:
    import docx

    from foibot.letter.word import to_docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(to_docx(draft))).paragraphs)


@pytest.mark.parametrize("name", sorted(MARKUP))
def test_a_request_full_of_markup_is_quoted_literally_in_text_markdown_and_word(rt, name):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, name)
    text, word = draft.text(), _word_text(draft)
    for line in MARKUP[name]:
        assert line in text and line in word, line
    assert "49" not in text and "alert(1)</script>" not in PROBE.body(name, text)
    own = PROBE.body(name, text)  # outside the quotation the letter is the letter's own words
    for line in MARKUP[name]:
        own = own.replace(line, "")
    assert not re.search(r"\{\{|\{%|<[a-z/]|\*\w|`", own), own
    assert draft.checks.ok, draft.checks.summary()
    for surface in (text, word):  # the tolerant reader passes the exported text and the Word file's text alike
        result = check(surface, rt.kb, letter_date=draft.letter_date)
        assert result.ok, result.summary()
    md = draft.markdown()
    assert "\\{\\{" in md and "\\*" in md and "<script>" not in md and "<b>" not in md


def test_markup_in_the_letters_own_words_still_fails_the_check_on_the_word_text(rt):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, "council-request-with-markup")
    word = _word_text(draft).replace("we are providing it:", "we are providing it {{ disclosed }}:")
    assert "markup" in check(word, rt.kb, letter_date=draft.letter_date).ids()


def test_an_eir_letter_calls_itself_a_refusal_notice_once(rt):
    text = PROBE.draft(rt, "council-eir-parts-12-6-ncnd-and-12-4-e").text()
    assert text.count("refusal notice under regulation 14") == 1, text


@pytest.mark.parametrize("name,edit", [
    ("council-eir-parts-12-6-ncnd-and-12-4-e", lambda t: t.replace(DISCLAIMER, "We hold no such plan.")),
    ("police-parts-40-2-withheld-and-40-5b-ncnd", lambda t: t.replace(DISCLAIMER, "PC Ellery's file is exempt.")),
    ("council-company-s43-2-and-43-3-parts",
     lambda t: t.replace(DISCLAIMER, "There are no records of any exclusion of Fitco Ltd.")),
    ("police-parts-30-1-withheld-and-30-3-ncnd",
     lambda t: t.replace("Is the mill's former manager a suspect?\n",
                         "Is the mill's former manager a suspect?\n\nWe can confirm that the former manager has been "
                         "interviewed.\n")),
])
def test_an_ncnd_part_that_denies_or_admits_fails_the_check_beside_a_part_withheld(rt, name, edit):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, name)
    assert check(draft.text(), rt.kb, letter_date=draft.letter_date).ok
    damaged = edit(draft.text())
    assert damaged != draft.text()
    assert "ncnd-consistency" in check(damaged, rt.kb, letter_date=draft.letter_date).ids()


@pytest.mark.parametrize("name", ["police-parts-40-2-withheld-and-40-5b-ncnd", "council-company-s43-2-and-43-3-parts",
                                  "police-parts-30-1-withheld-and-30-3-ncnd"])
def test_the_withholding_part_beside_an_ncnd_part_still_passes_the_tolerant_reader(rt, name):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, name)
    result = check(draft.text(), rt.kb, letter_date=draft.letter_date)
    assert result.ok, result.summary()
    assert check(_word_text(draft), rt.kb, letter_date=draft.letter_date).ok


@pytest.mark.parametrize("name,typed,salutation", [
    ("council-title-only", "Dr", "Dear Sir or Madam,"), ("council-title-only", "Mrs.", "Dear Sir or Madam,"),
    ("council-title-only", "Dr Asha Patel", "Dear Dr Patel,"),
    ("council-title-only", "The Rt Hon Sir Ian Blake MP", "Dear Sir Ian,"),
    ("council-title-only", "Cllr Rhiannon Evans MS", "Dear Councillor Evans,"),
    ("council-title-only", "Alex Morgan OBE", "Dear Alex Morgan,"),
    ("council-title-only", "MS Lee", "Dear MS Lee,"),
    ("council-title-only", "Office of Jane Ashworth MP", "Dear Jane Ashworth,"),
    ("council-title-only", "Example Data Ltd", "Dear Sir or Madam,"),
    ("council-title-only", "Hon. Secretary, Mill Lane Residents", "Dear Sir or Madam,"),
    ("council-title-only", "The Hon Mrs Clare Dunn", "Dear Mrs Dunn,"),
])
def test_the_salutation_leaves_out_honorifics_and_post_nominals(rt, name, typed, salutation):
    """Since tryout 5: a title greets by the surname ("Dear Dr Patel"; a knight by the first name, "Dear Sir Ian"),
    and a body (a company, a team, residents' group, a campaign) is greeted "Dear Sir or Madam"."""
    answers = {**PROBE.answers(name), "requester_name": typed,
               "requester_address": ["1 High Street", "Exampleton", "EX1 1AA"]}
    text = PROBE.draft(rt, name, answers).text()
    assert salutation in text, text
    assert f"{typed.strip()}\n1 High Street" in text  # the address keeps the name as given


def test_emissions_under_12_5_d_to_g_are_flagged_and_pass_once_reg_12_9_is_addressed(rt):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, "council-eir-12-5-e-on-emissions")
    finding = next(f for f in draft.checks.findings if f.id == "eir-emissions")
    assert "12(9)" in finding.rule + finding.message
    assert "eir-emissions" in check(draft.text(), rt.kb, letter_date=draft.letter_date).ids()
    answers = PROBE.answers("council-eir-12-5-e-on-emissions")
    answers["r12(5)(e)"]["reason"] += (" The data withheld is the plant's throughput and efficiency figures, not "
                                       "information on emissions, so regulation 12(9) does not prevent us relying "
                                       "on this exception.")
    fixed = PROBE.draft(rt, "council-eir-12-5-e-on-emissions", answers)
    assert fixed.checks.ok, fixed.checks.summary()
    assert check(fixed.text(), rt.kb, letter_date=fixed.letter_date).ok


@pytest.mark.parametrize("exception", ["r12(4)(e)", "r12(5)(a)", "r12(5)(b)"])
def test_emissions_do_not_matter_outside_12_5_d_to_g(rt, exception):
    answers = PROBE.answers("council-eir-12-5-e-on-emissions")
    block = answers.pop("r12(5)(e)")
    answers["exemptions"] = [exception]
    answers[exception] = {**block, "pit_against": [], "pit_for": ["presumption"]}
    answers[exception]["pit_against"] = ["A reason for withholding that outweighs the presumption."]
    draft = PROBE.draft(rt, "council-eir-12-5-e-on-emissions", answers)
    assert "eir-emissions" not in draft.checks.ids(), draft.checks.summary()


def test_a_bare_public_interest_conclusion_typed_by_the_officer_is_printed_and_not_flagged(rt):
    """Left: the officer's own conclusion "The public interest favours withholding." follows factors both ways. An
    ICO reviewer would call it weak (s17(3) asks for the reasons the balance tips), but the expert passed real letters
    of the same shape (tests/test_check_blind5.py), and foibot's own default conclusion gives no more than that the
    factors were weighed; no wording separates the two, so a rule would fail letters the expert passed."""
    draft = PROBE.draft(rt, "police-s31-pit-conclusion-no-reason")
    assert LEFT["police-s31-pit-conclusion-no-reason"] in draft.text()
    assert "Factors in favour of disclosure" in draft.text() and "Factors in favour of maintaining" in draft.text()
    assert draft.checks.ok, draft.checks.summary()


def test_eir_12_5_c_intellectual_property_can_be_cited(rt):
    answers = PROBE.answers("council-eir-12-5-g-nest-sites")
    answers["exemptions"] = ["r12(5)(c)"]
    answers["r12(5)(c)"] = {**answers.pop("r12(5)(g)"), "withheld": "the consultant's flood model",
                            "reason": "The consultant licensed the model to us and sells it to other councils."}
    draft = PROBE.draft(rt, "council-eir-12-5-g-nest-sites", answers)
    assert_signable(rt, draft, ["regulation 12(5)(c)", "intellectual property rights", *EIR_ROUTE], ["section 43"],
                    PROBE.body("council-eir-12-5-g-nest-sites", draft.text()))
