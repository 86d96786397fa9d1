"""A Scottish authority (authority.toml regime = "foisa") answers under FOISA on every surface, never FOIA or the
UK EIR."""

from pathlib import Path

import pytest
from stepping import reply_until

from foibot.conversation.asking import options_for
from foibot.conversation.state import ConversationState
from foibot.errors import InputError
from foibot.surfaces.cli import main

ROOT = Path(__file__).resolve().parent.parent
PLAIN = ("From: Sam Patel <sam@example.com>\nSent: 10 February 2025\n\nDear FOI team,\nPlease tell me how many staff "
         "worked in your HR department in 2024.\nRegards,\nSam Patel")
ENVIRONMENTAL = ("Dear FOI team,\nPlease send me the air quality monitoring results for Main Street and the "
                 "emissions reports for the incinerator.\nRegards,\nSam Patel")
REPLIES = {"received": "10/2/25", "request_summary": "skip", "topic": "none", "held": "yes", "disclosure": "full",
           "disclosed": "the number of staff (42)", "attachments": "none"}
UK_ONLY = ("Freedom of Information Act 2000", "Environmental Information Regulations 2004", "ico.org.uk",
           "section 50")


def _chat_to_draft(engine, request: str) -> tuple[str, str]:
    turn = engine.start(request, user="U1")
    conv, opening = turn.conversation_id, turn.messages[0].text
    for _ in range(20):
        if turn.question is None:
            break
        turn = engine.reply(conv, REPLIES.get(turn.question.field, "skip"), user="U1")
    drafts = [m for m in turn.messages if m.kind == "draft"]
    assert drafts, [m.text for m in turn.messages]
    return opening, drafts[-1].draft.text()


def test_a_plain_request_in_chat_is_drafted_under_foisa(scottish):
    opening, letter = _chat_to_draft(scottish.engine, PLAIN)
    assert "Freedom of Information (Scotland) Act 2002" in letter
    assert "Scottish Information Commissioner" in letter
    assert not [w for w in UK_ONLY if w in letter]
    assert "Environmental Information (Scotland)" not in opening


def test_an_environmental_request_says_foibot_cannot_draft_the_scottish_eir_and_never_drafts_the_uk_eir(scottish):
    opening, letter = _chat_to_draft(scottish.engine, ENVIRONMENTAL)
    assert "Environmental Information (Scotland) Regulations 2004" in opening
    assert "Environmental Information Regulations 2004, so" not in opening  # not the UK EIR's own line
    assert "Freedom of Information (Scotland) Act 2002" in letter and not [w for w in UK_ONLY if w in letter]


def test_the_regime_question_offers_only_the_authoritys_own_law(scottish, kb):
    question = kb.question("regime")
    scot = ConversationState(request="x", body="x", answers={"regime": "foisa"})
    uk = ConversationState(request="x", body="x", answers={"regime": "foia"})
    assert [o.value for o in options_for(scot, kb, question, None)] == ["foisa"]
    assert [o.value for o in options_for(uk, kb, question, None)] == ["foia", "eir"]


@pytest.mark.parametrize("regime", ["eir", "foia"])
def test_a_uk_regime_for_a_scottish_authority_is_refused_clearly(scottish, regime):
    answers = {"requester_name": "Sam Patel", "received": "2025-02-10", "regime": regime, "held": "yes",
               "disclosure": "full", "disclosed": "the results", "letter_date": "2025-03-03"}
    with pytest.raises(InputError, match=r"Scottish public authority.*set regime to foisa.*\(Scotland\) Regulations"):
        scottish.engine.draft_answers(ENVIRONMENTAL, answers)
    assert "Scottish Information Commissioner" in scottish.engine.draft_answers(
        ENVIRONMENTAL, {**answers, "regime": "foisa"}).text()


def test_the_cli_refuses_a_uk_eir_answers_file_for_a_scottish_authority(scottish, tmp_path, capsys):
    request, answers = tmp_path / "request.txt", tmp_path / "answers.json"
    request.write_text(ENVIRONMENTAL, encoding="utf-8")
    answers.write_text('{"requester_name": "Sam Patel", "received": "2025-02-10", "regime": "eir", "held": "yes", '
                       '"disclosure": "full", "disclosed": "the results", "letter_date": "2025-03-03"}',
                       encoding="utf-8")
    code = main(["draft", str(request), "--answers", str(answers), "--data", str(tmp_path),
                 "--db", str(tmp_path / "cli.sqlite")])
    out = capsys.readouterr()
    assert code == 1 and "Traceback" not in out.err and "set regime to foisa" in out.err and not out.out


def test_slash_foi_reads_a_bare_section_and_a_deadline_in_the_authoritys_own_law(scottish):
    from foibot.surfaces.settings import Settings
    from foibot.surfaces.slack.access import Access
    from foibot.surfaces.slack.context import SlackContext
    from foibot.surfaces.slack.listeners.commands.foi import answer
    from foibot.surfaces.slack.poster import Poster

    settings = Settings(bot_token="xoxb-test", channels=("C1",))
    ctx = SlackContext(rt=scottish, settings=settings, access=Access.from_settings(settings),
                       poster=Poster(scottish.engine))
    assert "Scotland" in answer(ctx, "exemption", ["s35"], "U1")  # FOISA s35 is law enforcement, not FOIA s35
    assert "Due: Mon 7 Apr 2025" in answer(ctx, "deadline", ["10/3/25"], "U1")  # 17 Mar is not a Scottish holiday


def test_the_chat_names_a_foisa_exemption_as_the_officer_does(scottish):
    engine = scottish.engine
    turn = engine.start(PLAIN, user="U1")
    conv = turn.conversation_id
    replies = {"topic": "none", "held": "yes", "disclosure": "none"}
    turn = reply_until(engine, conv, turn, "exemptions", replies, user="U1")
    turn = engine.reply(conv, "s35(1)(a)", user="U1")
    said = " ".join(m.text for m in turn.messages)
    assert "Noted. exemptions: s35(1)(a)" in said and "foisa-" not in said
    turn = reply_until(engine, conv, turn, "pit_conclusion", user="U1", ending=True)
    said = " ".join(m.text for m in engine.reply(conv, "skip", user="U1").messages)
    assert "Skipped section 35 public interest conclusion" in said
