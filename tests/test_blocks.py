"""Block Kit built with slack_sdk.models passes validate_json() for every question, form and draft; the words
on buttons and forms come from snippets/replies.yaml (slack-labels), checked when the app starts."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from foibot.conversation import dialogue
from foibot.conversation.email_parse import parse_email
from foibot.errors import DataError
from foibot.knowledge.replies import Replies
from foibot.suggest.suggestions import Suggestions
from foibot.surfaces.slack import blocks as kit

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def labels() -> kit.Labels:
    return kit.Labels.from_replies(Replies(ROOT / "snippets" / "replies.yaml"))


def test_every_question_and_form_validates(kb, rt, seed_request, labels):
    suggestions = rt.matcher.suggest(parse_email(seed_request).body)
    state = dialogue.new_state(seed_request, parse_email(seed_request), suggestions)
    state = state.with_answers({**state.answers, "held": "yes", "disclosure": "partial",
                                "exemptions": list(kb.exemptions)})
    steps = dialogue.plan(state, kb)
    kinds = set()
    for path, _, _ in steps:
        question = dialogue.ask(state, kb, dialogue.step_for(state, kb, path))[1].question
        kinds.add(question.kind)
        for block in kit.question_blocks("c" * 16, question, labels):
            block.validate_json()
        if question.kind in kit.MODAL_KINDS:
            kit.answer_modal("c" * 16, question, "C1", "1.1", labels).validate_json()
    assert {"text", "longtext", "date", "number", "choice", "list", "topic", "exemptions"} <= kinds
    parts = dialogue.parts(state, kb)
    assert len(parts) >= 2 + len(kb.exemptions) - 3  # request, outcome and one per exemption with questions
    for part_id, label, fields in parts:
        view = kit.edit_modal("c" * 16, label, [(p, q.prompt, "x", True) for p, q in fields], {"part": part_id},
                              labels)
        view.validate_json()


def test_a_question_with_many_options_uses_a_menu(kb, labels):
    from foibot.conversation.dialogue import AskedQuestion
    from foibot.knowledge.model import Option

    many = AskedQuestion(field="x", kind="choice", prompt="Pick", options=[Option(str(i), f"Option {i}")
                                                                           for i in range(30)])
    elements = [e for b in kit.question_blocks("c1", many, labels) if hasattr(b, "elements") for e in b.elements]
    assert any(getattr(e, "type", "") == "static_select" for e in elements)
    few = AskedQuestion(field="x", kind="choice", prompt="Pick", options=[Option("a", "A"), Option("b", "B")])
    buttons = [e for b in kit.question_blocks("c1", few, labels) if hasattr(b, "elements") for e in b.elements
               if getattr(e, "type", "") == "button"]
    assert [b.text.text for b in buttons] == ["A", "B", "Skip"]


def test_labels_come_from_the_replies_file(tmp_path, kb):
    """Changing a label in replies.yaml changes the button, form and draft; nothing of the old word stays."""
    from foibot.conversation.dialogue import AskedQuestion
    from foibot.knowledge.model import Option

    text = (ROOT / "snippets" / "replies.yaml").read_text()
    for old, new in (('skip: "Skip"', 'skip: "Passer"'), ('save: "Save"', 'save: "Enregistrer"'),
                     ('mark-sent: "Mark sent"', 'mark-sent: "Envoyé"'), ('use: "Use:"', 'use: "Prendre :"')):
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "replies.yaml").write_text(text)
    labels = kit.Labels.from_replies(Replies(tmp_path / "replies.yaml"))
    question = AskedQuestion(field="x", kind="topic", prompt="Pick", options=[Option("a", "A")], default="a")
    shown = json.dumps([b.to_dict() for b in kit.question_blocks("c1", question, labels)])
    assert "Passer" in shown and "Prendre : A" in shown and '"Skip"' not in shown and "Use:" not in shown
    form = json.dumps(kit.answer_modal("c1", AskedQuestion(field="x", kind="longtext", prompt="Why?"), "C1", "1.1",
                                       labels).to_dict())
    assert "Enregistrer" in form and '"Save"' not in form
    draft = json.dumps([b.to_dict() for m in kit.draft_messages("c1", 1, "Draft 1", "Dear A,", "Due soon",
                                                                 [("request", "Request")], labels) for b in m])
    assert "Envoy" in draft and "Mark sent" not in draft


@pytest.mark.parametrize("damage", ["missing", "unknown", "not a mapping"])
def test_a_broken_label_list_is_refused_naming_the_file_and_label(tmp_path, damage):
    text = (ROOT / "snippets" / "replies.yaml").read_text()
    if damage == "missing":
        text = text.replace('  approve: "Approve"\n', "")
    elif damage == "unknown":
        text = text.replace('  approve: "Approve"\n', '  approve: "Approve"\n  aprove: "Approve"\n')
    else:
        text = text[:text.index("slack-labels:")] + 'slack-labels: "Approve"\n'
    (tmp_path / "replies.yaml").write_text(text)
    expected = {"missing": "slack-labels.approve", "unknown": "slack-labels.aprove", "not a mapping": "slack-labels"}
    with pytest.raises(DataError, match=r"snippets/replies\.yaml") as raised:
        kit.Labels.from_replies(Replies(tmp_path / "replies.yaml"))
    assert raised.value.field == expected[damage]


def test_every_label_is_used_in_the_blocks():
    source = (ROOT / "foibot/surfaces/slack/blocks.py").read_text()
    listeners = "".join(p.read_text() for p in (ROOT / "foibot/surfaces/slack/listeners").rglob("*.py"))
    unused = [f.name for f in dataclasses.fields(kit.Labels) if f"labels.{f.name}" not in source + listeners]
    assert unused == []


def test_empty_suggestions_round_trip():
    assert Suggestions.from_state(Suggestions().to_state()) == Suggestions()
