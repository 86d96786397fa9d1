"""A fourth senior FOI officer's probe (tests/fixtures/answers/probe4/): the less common limbs of each exemption
(s26(1)(b), s27(1)(d), s29(1)(b), s31(1)(g) with a purpose in s31(2), s33(2), s35(1)(b) and (d), s36(2)(c) NCND,
s37(1)(b), s38(1)(a), s41 owed to another body, s43(1), s44(1)(b) and (c)), EIR reg 12(4)(c), 12(4)(d) with a
completion date, 12(5)(d), 12(5)(f), reg 13(5) NCND and a five-part EIR request, FOISA s25, s33(1)(a), s38(1)(a)
with s39(1) and a late FOISA reply, a s17(2) notice and the decision after it, a company, a postal requester, a
journalist quoting our earlier reference, and hostile answers (5,000 characters, look-alike letters, invisible
marks, a reason of "." or "n/a"). Each letter is read as the officer who signs it.

The defects these pin down: s31(1)(g) never named its s31(2) purpose (the answer was ignored) and gave only "the
prejudice that this exemption protects against"; a trade secret (s43(1), FOISA s33(1)(a)) was refused on a test of
prejudice it does not have; s44(1)(b) and (c) said disclosure "is prohibited by [enactment]" and asked for an
enactment a contempt of court does not have; a neither-confirm-nor-deny letter that denied holding the information
("We hold no such complaints") passed the check; a reason of "." or "n/a" was printed ("protects against. .") and
passed; "Thank you for your request ... for ask, following our earlier reply, ..."; FOISA s38(1)(a) (the requester's
own data) never said it would be dealt with as a subject access request; s35(1)(b) to (d) never said what class the
information fell in; a word joiner or soft hyphen in an answer reached the letter; EIR reg 12(4)(c), 12(5)(d) and
12(5)(f) could not be drafted at all.
"""

from __future__ import annotations

import json
import re

import pytest
from probes import EIR_ROUTE, FOISA_ROUTE, UK_ROUTE, Probe, assert_signable

PROBE = Probe("probe4")
GENERIC = ("cause the prejudice that this exemption protects against",)

# name -> (must contain, must not contain), on the plain-text letter
EXPECT: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "gov-s26-1-b-capability": (("section 26(1)(b)", "capability, effectiveness or security of the armed forces",
                                *UK_ROUTE), GENERIC),
    "gov-s27-1-d-interests-abroad": (("section 27(1)(d)", "Attached: Itinerary, trade envoy visit to Chile"),
                                     GENERIC),
    "gov-s29-1-b-financial-interests": (("section 29(1)(b)", "the financial interests of an administration"),
                                        GENERIC),
    "council-s31-1-g-2-c-food-hygiene": (
        ("section 31(1)(g) of the Act (law enforcement), read with section 31(2)(c):",
         "would be likely to prejudice the exercise of our functions for the purpose of "
         "ascertaining whether circumstances which would justify regulatory action in pursuance of any enactment "
         "exist or may arise.", "(2) The purposes referred to in subsection (1)(g) to (i) are",
         "(c) the purpose of ascertaining whether circumstances"),
        (*GENERIC, "(a) the purpose of ascertaining whether any person has failed")),
    "health-s33-2-value-for-money": (("section 33(2)",), ()),
    "gov-s35-1-b-ministerial-comms": (
        ("section 35(1)(b)", "This information relates to Ministerial communications."),
        ("section 35(4)",)),
    "gov-s35-1-d-private-office": (
        ("section 35(1)(d)", "This information relates to the operation of a Ministerial private office."),
        ()),
    "gov-s36-2-c-ncnd": (("neither confirm nor deny", "section 36(3)", "the Permanent Secretary",
                          "would be likely to prejudice the effective conduct of public affairs"),
                         ("We hold the information you asked for",)),
    "gov-s37-1-b-honours": (("section 37(1)(b)", "section 40(2)", "personal data of the nominee"), ()),
    "health-s38-1-a-mental-health": (("section 38(1)(a)", "endanger the physical or mental health"), ()),
    "council-s41-owed-to-body": (("section 41(1)", "no public interest test applies"), ("Public interest test",)),
    "council-s43-1-trade-secret": (
        ("section 43(1)", "We consider that this information is a trade secret."),
        ("prejudice", "would be likely to")),
    "gov-s44-1-c-contempt": (("section 44(1)(c)", "Disclosing this information would be a contempt of "
                                                  "court."), ("prohibited by", "its disclosure is")),
    "gov-s44-1-b-retained-eu": (("section 44(1)(b)", "would be incompatible with an assimilated obligation."),
                                ("prohibited by",)),
    "council-eir-12-4-c-clarify": (
        ("regulation 12(4)(c)", "formulated in too general a manner", "As regulation 9 of the Regulations requires",
         "if you tell us which river", *EIR_ROUTE), ("section 16", "section 17")),
    "council-eir-12-4-d-completion": (("regulation 12(4)(d)", "regulation 14(4)", "on 30 June 2025", *EIR_ROUTE),
                                      ()),
    "council-eir-12-5-d-proceedings": (
        ("regulation 12(5)(d)", "(d) the confidentiality of the proceedings of that or any other public authority",
         *EIR_ROUTE), ("section 41", "absolute exemption")),
    "council-eir-12-5-f-volunteer": (("regulation 12(5)(f)", "Interests of the person who provided the information",
                                      *EIR_ROUTE), ("section 41", "absolute exemption")),
    "council-eir-12-5-b-d-f-13-five-parts": (
        ("Part 5", "we received 37 complaints in 2024", "Attached: Noise abatement notice, 12 August 2024",
         "regulation 12(5)(b)", "regulation 13(5)", *EIR_ROUTE), ("section 40", "section 42")),
    "council-eir-r13-5-ncnd-whole": (("regulation 13(5)", "neither confirm nor deny", *EIR_ROUTE), ("section 40",)),
    "scot-foisa-s25": (("section 25(1)", "https://www.example.scot/bus-survey-2024", *FOISA_ROUTE), UK_ROUTE),
    "scot-foisa-s33-1-a": (("section 33(1)(a)", "We consider that this information is a trade secret.",
                            *FOISA_ROUTE), ("substantially prejudice", *UK_ROUTE)),
    "scot-foisa-s38-1-a-s39-1": (
        ("section 38(1)(a)", "This information is your own personal data",
         "we will deal with this as a subject access request", "section 39(1)", *FOISA_ROUTE),
        (*UK_ROUTE, "section 40")),
    "council-company-requester": (("Dear Sir or Madam,", "section 40(2)", "section 31(1)(a)"), ()),
    "council-postal-only": (("Mrs Eileen Ward\n4 Church Lane\nExampleton\nEX2 3CD",), ("By email",)),
    "council-journalist-earlier-ref": (
        ("in which you ask, following our earlier reply FOI 2024-1187, for the number of children",),
        ("for ask",)),
    "police-s17-2-extension-s31": (("section 17(2)", "section 10(3)", "by 31 March 2025", *UK_ROUTE),
                                   ("Annex A",)),
    "police-s31-final-after-extension": (("On 3 March 2025 we told you", "section 31(1)(a)"), ("We are sorry",)),
    "council-hostile-long-reason": (("section 43(2)",), ()),
    "council-hostile-unicode": (("the pricing schedule", "undercut"), ("\u2060", "\u00ad", "\u202e", "\u200b")),
    "council-hostile-na-not-held": (("We do not hold the information you asked for.",), ("N/A",)),
}
# drafted, but the officer must act first: the check says what
FLAGGED = {"council-hostile-dot-reason": "complete", "council-hostile-na-reason": "complete",
           "council-s31-1-g-no-purpose": "complete", "scot-foisa-late": "on-time"}


def test_every_probe4_file_has_expectations():
    assert {p.stem for p in PROBE.folder.glob("*.json")} == set(EXPECT) | set(FLAGGED)
    assert len(EXPECT) >= 20
    for path in PROBE.folder.glob("*.json"):
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), path.name


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_probe4_letter_is_lawful_and_complete(rt, name):
    draft = PROBE.draft(rt, name)
    must, must_not = EXPECT[name]
    assert_signable(rt, draft, list(must), list(must_not), PROBE.body(name, draft.text()))


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_probe4_letters_the_officer_must_finish_are_flagged(rt, name):
    draft = PROBE.draft(rt, name)
    assert FLAGGED[name] in draft.checks.ids(), draft.checks.summary()


@pytest.mark.parametrize("name,typed", [("council-hostile-dot-reason", "."), ("council-hostile-na-reason", "n/a")])
def test_a_placeholder_for_a_reason_is_a_gap_never_printed(rt, name, typed):
    draft = PROBE.draft(rt, name)
    text = draft.text()
    assert "[to be completed: reason]" in text and "protects against. ." not in text
    assert not re.search(r"\bn/a\b", text, re.I), text
    assert any("placeholder" in n for n in draft.notes), draft.notes


def test_a_placeholder_in_a_part_is_a_gap_too(rt):
    answers = PROBE.answers("council-eir-12-5-b-d-f-13-five-parts")
    answers["parts"][3]["not_held_detail"] = "-"
    answers["r13"]["reason"] = "TBC"
    text = PROBE.draft(rt, "council-eir-12-5-b-d-f-13-five-parts", answers).text()
    assert "TBC" not in text and "[to be completed: reason]" in text


def test_a_hand_edited_letter_with_a_bare_full_stop_for_a_reason_fails_the_check(rt):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, "council-hostile-long-reason")
    text = re.sub(r"The council has carefully considered the request\.( The council has carefully considered the "
                  r"request\.)*", ".", draft.text())
    assert re.search(r"commercial interests[^.]*\. \. This", text)
    assert "markup" in check(text, rt.kb, letter_date=draft.letter_date).ids()


@pytest.mark.parametrize("denial", ["We hold no such complaints.", "We do not hold any complaints about Pat Smith.",
                                    "No complaints have been received about this address.",
                                    "We do not hold any information about this.",
                                    "For your information, we have no record of any complaint.",
                                    "There are no records of complaints about 3 Elm Road."])
@pytest.mark.parametrize("name", ["council-eir-r13-5-ncnd-whole", "gov-s36-2-c-ncnd"])
def test_an_ncnd_letter_that_denies_holding_the_information_fails_the_check(rt, name, denial):
    from foibot.letter.checks import check

    draft = PROBE.draft(rt, name)
    disclaimer = "This should not be taken as an indication that the information you asked for is or is not held."
    assert disclaimer in draft.text()
    text = draft.text().replace(disclaimer, denial)
    ids = check(text, rt.kb, letter_date=draft.letter_date).ids()
    assert "ncnd-consistency" in ids or "eir-not-held" in ids, ids


def test_a_not_held_part_beside_an_ncnd_part_still_passes(rt):
    answers = PROBE.answers("council-eir-12-5-b-d-f-13-five-parts")
    answers["parts"][1] = {"text": answers["parts"][1]["text"], "held": "no",
                           "not_held_detail": "No notice has been served on the bar."}
    draft = PROBE.draft(rt, "council-eir-12-5-b-d-f-13-five-parts", answers)
    assert "We do not hold the information you asked for" in draft.text()
    assert draft.checks.ok, draft.checks.summary()


@pytest.mark.parametrize("limb,purpose,words", [
    ("1(g)", "2(a)", "prejudice the exercise of our functions for the purpose of ascertaining "
                     "whether any person has failed to comply with the law"),
    ("1(g)", "2(i)", "for the purpose of securing the health, safety and welfare of persons at work"),
    ("1(h)", "2(e)", "prejudice civil proceedings brought by or on behalf of a public authority that arise out of an "
                     "investigation conducted for the purpose of ascertaining the cause of an accident"),
])
def test_s31_g_and_h_name_the_purpose_in_s31_2(rt, limb, purpose, words):
    answers = PROBE.answers("council-s31-1-g-2-c-food-hygiene")
    answers["exemptions"] = [f"s31({limb[0]}){limb[1:]}"]
    answers["s31"] = {**answers["s31"], "limb": limb, "purpose": purpose}
    draft = PROBE.draft(rt, "council-s31-1-g-2-c-food-hygiene", answers)
    text = draft.text()
    assert words in text and f"read with section 31(2)({purpose[2]})" in text, text
    assert draft.checks.ok, draft.checks.summary()


def test_s31_1_a_is_unchanged_by_a_stray_purpose(rt):
    answers = PROBE.answers("council-company-requester")
    answers["s31"] = {**answers["s31"], "purpose": "2(c)"}
    text = PROBE.draft(rt, "council-company-requester", answers).text()
    assert "read with section 31(2)" not in text and "prevention or detection of crime" in text


def test_s44_1_a_still_names_the_enactment(rt):
    answers = PROBE.answers("gov-s44-1-c-contempt")
    answers["exemptions"] = ["s44(1)(a)"]
    answers["s44"] = {**answers["s44"], "limb": "1(a)", "enactment": "section 18 of the Example Act 2010"}
    text = PROBE.draft(rt, "gov-s44-1-c-contempt", answers).text()
    assert "Disclosing this information is prohibited by section 18 of the Example Act 2010." in text
    answers["s44"].pop("enactment")
    assert "[to be completed: enactment]" in PROBE.draft(rt, "gov-s44-1-c-contempt", answers).text()


def test_s43_2_still_gives_the_prejudice_test(rt):
    answers = PROBE.answers("council-s43-1-trade-secret")
    answers["exemptions"] = ["s43(2)"]
    answers["s43"] = {**answers["s43"], "limb": "2"}
    text = PROBE.draft(rt, "council-s43-1-trade-secret", answers).text()
    assert "would be likely to prejudice the commercial interests" in text
    assert "trade secret." not in text.split("Annex A")[0].replace("The formula is a trade secret", "")


def test_eir_12_4_c_without_advice_is_flagged(rt):
    answers = PROBE.answers("council-eir-12-4-c-clarify")
    answers["r12(4)(c)"].pop("advice")
    draft = PROBE.draft(rt, "council-eir-12-4-c-clarify", answers)
    assert "[to be completed: advice]" in draft.text() and "complete" in draft.checks.ids()
