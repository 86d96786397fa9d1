"""The release check and 'sent' speak the case's law: the personal data provision a finding asks the officer to
consider is FOIA s40(2), EIR regulation 13 or FOISA section 38(1)(b); how the requester challenges a sent response
is an internal review (FOIA), representations under regulation 11 (EIR) or a requirement for review under section
20 (FOISA). A new user's tryout found FOIA's words in an EIR case."""

from __future__ import annotations

from pathlib import Path

import pytest
from profiles import copy_profile
from test_release_fixtures import planted_workbook_bytes, write

from foibot.release import ReleaseLimits, check_file, render_text
from foibot.release.catalogue import CATALOGUE, reason
from foibot.surfaces.cli import main
from foibot.surfaces.console import Console

ROOT = Path(__file__).resolve().parent.parent
EMAILS = b"Name,Email\nAnn,ann@example.org\n"
PERSONAL = {"foia": "consider s40(2)", "eir": "consider regulation 13", "foisa": "consider section 38(1)(b)"}


@pytest.mark.parametrize("law", ["foia", "eir", "foisa"])
def test_each_law_names_its_own_personal_data_provision(tmp_path, law):
    src = write(tmp_path, "list.csv", EMAILS)
    text = render_text(check_file(src, None, ReleaseLimits(law=law)))
    assert "personal.email" in text and PERSONAL[law] in text
    assert not [w for other, w in PERSONAL.items() if other != law and w in text]
    for fid in CATALOGUE:  # no reason cites another law's provision
        words = reason(fid, law)
        assert "{" not in words and (law == "foia" or "s40" not in words)


def test_a_check_that_does_not_know_the_law_names_all_three(tmp_path):
    text = render_text(check_file(write(tmp_path, "list.csv", EMAILS)))
    assert "FOIA s40(2), EIR regulation 13, FOISA section 38(1)(b)" in text
    with pytest.raises(ValueError):
        ReleaseLimits(law="gdpr")


def test_the_command_line_speaks_the_case_law_else_the_profiles(rt, tmp_path, capsys):
    src = write(tmp_path, "list.csv", EMAILS)
    eir = rt.register.open_case("Please send the air quality readings for Main Street.", who="t", regime="eir").ref
    assert main(["--db", str(rt.store.path), "--data", str(ROOT), "release-check", str(src), "--case", eir]) == 1
    out = capsys.readouterr().out
    assert PERSONAL["eir"] in out and "s40(2)" not in out
    assert main(["--db", str(rt.store.path), "--data", str(ROOT), "release-check", str(src)]) == 1
    assert PERSONAL["foia"] in capsys.readouterr().out  # no case: the profile's law (FOIA)
    scottish = _scottish(tmp_path)
    assert main(["--db", str(tmp_path / "s.sqlite"), "--data", str(scottish), "release-check", str(src)]) == 1
    out = capsys.readouterr().out
    assert PERSONAL["foisa"] in out and "s40(2)" not in out


def test_an_eir_case_in_the_console_checks_and_is_sent_in_the_eir_words(engine, tmp_path, seed_request):
    conv = engine.start(seed_request, surface="console", user="U1").conversation_id
    for field, value in (("regime", "eir"), ("request_summary", "ask about IT monitoring"), ("topic", "none"),
                         ("held", "yes"), ("disclosure", "full"), ("disclosed", "the table")):
        engine.choose(conv, field, value, user="U1")
    engine.reply(conv, "show draft", user="U1")
    planted = write(tmp_path, "planted.xlsx", planted_workbook_bytes())
    feed = iter(["y", f"release-check {planted}", "sent", "y", "quit"])
    out: list[str] = []
    assert Console(engine, read=lambda prompt: next(feed, None), write=out.append, out_dir=tmp_path).run() == 0
    text = "\n".join(out)
    assert "personal.email" in text and PERSONAL["eir"] in text and "s40(2)" not in text
    assert "marked as sent on" in text and "internal review" not in text
    assert "may make representations asking us to reconsider (regulation 11 of the EIR) until" in text


@pytest.mark.parametrize(("regime", "words"), [
    ("foia", "the requester may ask for an internal review until"),
    ("eir", "the requester may make representations asking us to reconsider (regulation 11 of the EIR) until"),
    ("foisa", "the requester may require us to review it (section 20 of FOISA) until"),
])
def test_sent_names_the_challenge_the_law_gives(rt, tmp_path, seed_request, regime, words):
    from foibot.surfaces.runtime import open_runtime

    scottish = open_runtime(tmp_path / "s.sqlite", _scottish(tmp_path)) if regime == "foisa" else None
    engine = (scottish or rt).engine
    conv = engine.start(seed_request, user="U1").conversation_id
    engine.choose(conv, "regime", regime, user="U1")
    engine.reply(conv, "the information in the request", user="U1")  # an answer: the draft is a version to send
    engine.reply(conv, "show draft", user="U1")
    sent = engine.mark_sent(conv, user="U1")
    assert sent.regime == regime and sent.review_until
    said = engine.replies.render("sent", reference=sent.reference, on="Thu 31 Oct 2019", who="U1",
                                 review_until="Fri 3 Jan 2020", warnings=[], regime=sent.regime)
    assert words in said
    if scottish:
        scottish.store.close()


def _scottish(tmp_path: Path) -> Path:
    """A copy of the shipped data with the profile's law set to FOISA."""
    return copy_profile(tmp_path / "scot", regime="foisa")
