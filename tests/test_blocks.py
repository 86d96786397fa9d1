"""Block Kit built with slack_sdk.models passes validate_json() for every question, form and draft."""

from __future__ import annotations

from foibot.conversation import dialogue
from foibot.conversation.email_parse import parse_email
from foibot.suggest.suggestions import Suggestions
from foibot.surfaces.slack import blocks as kit


def test_every_question_and_form_validates(kb, rt, seed_request):
    suggestions = rt.matcher.suggest(parse_email(seed_request).body)
    state = dialogue.new_state(seed_request, parse_email(seed_request), suggestions)
    state = state.with_answers({**state.answers, "held": "yes", "disclosure": "partial", "exemptions": list(kb.exemptions)})
    steps = dialogue.plan(state, kb)
    kinds = set()
    for path, _, _ in steps:
        question = dialogue.ask(state, kb, dialogue.step_for(state, kb, path))[1].question
        kinds.add(question.kind)
        for block in kit.question_blocks("c" * 16, question):
            block.validate_json()
        if question.kind in kit.MODAL_KINDS:
            kit.answer_modal("c" * 16, question, "C1", "1.1").validate_json()
    assert {"text", "longtext", "date", "number", "choice", "list", "topic", "exemptions"} <= kinds
    parts = dialogue.parts(state, kb)
    assert len(parts) >= 2 + len(kb.exemptions) - 3  # request, outcome and one per exemption with questions
    for part_id, label, fields in parts:
        view = kit.edit_modal("c" * 16, label, [(p, q.prompt, "x", True) for p, q in fields], {"part": part_id})
        view.validate_json()


def test_a_question_with_many_options_uses_a_menu(kb):
    from foibot.conversation.dialogue import AskedQuestion
    from foibot.knowledge.model import Option

    many = AskedQuestion(field="x", kind="choice", prompt="Pick", options=[Option(str(i), f"Option {i}")
                                                                           for i in range(30)])
    elements = [e for b in kit.question_blocks("c1", many) if hasattr(b, "elements") for e in b.elements]
    assert any(getattr(e, "type", "") == "static_select" for e in elements)
    few = AskedQuestion(field="x", kind="choice", prompt="Pick", options=[Option("a", "A"), Option("b", "B")])
    buttons = [e for b in kit.question_blocks("c1", few) if hasattr(b, "elements") for e in b.elements
               if getattr(e, "type", "") == "button"]
    assert [b.text.text for b in buttons][:2] == ["A", "B"]


def test_empty_suggestions_round_trip():
    assert Suggestions.from_state(Suggestions().to_state()) == Suggestions()
