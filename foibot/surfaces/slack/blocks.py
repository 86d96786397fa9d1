"""Block Kit for foibot, built with ``slack_sdk.models`` and kept inside Slack's limits.

User text is escaped (``&``, ``<``, ``>``) before it goes into mrkdwn, so a pasted ``<!channel>``
pings nobody. Long drafts are split: at most 3,000 characters a section, 50 blocks and about
12,000 characters of block text a message.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    ConfirmObject,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from foibot.conversation.dialogue import AskedQuestion
from foibot.errors import DataError
from foibot.knowledge.replies import Replies

SECTION_LIMIT = 3000
BLOCKS_PER_MESSAGE = 50
TEXT_PER_MESSAGE = 11_000
OPTION_TEXT = 75
BUTTONS_INLINE = 5
MODAL_KINDS = ("text", "longtext", "number", "list")


@dataclass(frozen=True)
class Labels:
    """The words on buttons, menus and forms: ``slack-labels`` in ``snippets/replies.yaml``."""

    choose: str
    use: str
    none: str
    pick_factors: str
    pick_date: str
    in_a_form: str
    skip: str
    reply_hint: str
    app_title: str
    from_bank: str
    your_own: str
    save: str
    cancel: str
    close: str
    loading: str
    edit_part: str
    edit_title: str
    edit_draft: str
    redraft: str
    regenerate: str
    show_changes: str
    approve: str
    mark_sent: str

    @classmethod
    def from_replies(cls, replies: Replies) -> Labels:
        """Every label, or a DataError naming the file and the missing or malformed one."""
        where = f"snippets/{replies.path.name}"
        data = replies.data.get("slack-labels")
        if not isinstance(data, dict):
            raise DataError(where, None, "slack-labels", "must be a mapping of label names to words")
        names = [f.name.replace("_", "-") for f in dataclasses.fields(cls)]
        for name in names:
            if not isinstance(data.get(name), str) or not data[name].strip():
                raise DataError(where, None, f"slack-labels.{name}", "missing: every button and form label is needed")
        unknown = sorted(set(data) - set(names))
        if unknown:
            raise DataError(where, None, f"slack-labels.{unknown[0]}", f"unknown label; known: {', '.join(names)}")
        return cls(**{f.name: data[f.name.replace("_", "-")] for f in dataclasses.fields(cls)})


def escape(text: str) -> str:
    """Escape Slack's three control characters; mentions such as ``<!channel>`` become inert."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int) -> str:
    """Text on one line within ``limit`` characters, cut at a word (never inside one) and marked with "…"; an
    opening bracket left unclosed by the cut is closed after the mark."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    room = limit - 2  # the mark, and a closing bracket if one is needed
    cut = text[:room + 1]
    space = cut.rfind(" ")
    cut = (cut[:space] if space > room // 2 else text[:room]).rstrip(" ,;:-–(")
    return cut + "…" + (")" if cut.count("(") > cut.count(")") else "")


def _clip_lines(text: str, limit: int) -> str:
    """Like ``_clip``, keeping the text's lines (a draft's summary: due date, check, findings, notes)."""
    lines = [" ".join(line.split()) for line in str(text).splitlines() if line.strip()]
    return _clip(" ".join(lines), limit) if len("\n".join(lines)) > limit else "\n".join(lines)


def encode(conv: str, field: str, value: Any = None) -> str:
    """A compact button value: which conversation, which question, which answer."""
    data: dict[str, Any] = {"c": conv, "f": field}
    if value is not None:
        data["v"] = value
    return json.dumps(data, separators=(",", ":"))


def decode(value: str) -> dict[str, Any]:
    return json.loads(value)


def chunk(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Split text at paragraph, then line, then word boundaries into pieces of at most ``limit``."""
    pieces: list[str] = []
    current = ""
    for para in text.split("\n\n"):
        candidate = f"{current}\n\n{para}" if current else para
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = ""
        while len(para) > limit:
            cut = para.rfind("\n", 0, limit)
            if cut <= 0:
                cut = para.rfind(" ", 0, limit)
            if cut <= 0:
                cut = limit
            pieces.append(para[:cut])
            para = para[cut:].lstrip()
        current = para
    if current:
        pieces.append(current)
    return pieces


def section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text[:SECTION_LIMIT]))


def note_blocks(text: str) -> list[Any]:
    """Plain chat text (already free of Slack markup) as escaped sections."""
    return [section(escape(piece)) for piece in chunk(text, SECTION_LIMIT - 200)]


def question_blocks(conv: str, q: AskedQuestion, labels: Labels) -> list[Any]:
    """A question with the right inputs; every question can also be answered by a reply in the thread."""
    head, _, rest = q.prompt.strip().partition("\n")
    title = escape(_clip(head, 2000)) + (f"  _({escape(q.exemption)})_" if q.exemption else "")
    rest = escape(rest.strip())
    if q.kind == "list" and q.options:  # the bank of factors, numbered, so "1 and 3" can be typed knowingly
        rest = "\n".join(filter(None, [rest, *(f"{i}. {escape(o.label)}" for i, o in enumerate(q.options, 1))]))
    # Slack's *bold* does not span lines, so only the first line is bold; the rest (a request's parts, which
    # may be long) follows as plain text, in sections of its own when it does not fit with the question.
    fits = bool(rest) and len(title) + len(rest) + 3 <= SECTION_LIMIT - 100
    blocks: list[Any] = [SectionBlock(block_id=_bid("q", conv, q.field),
                                      text=MarkdownTextObject(text=f"*{title}*" + (f"\n{rest}" if fits else "")))]
    if rest and not fits:
        blocks += [section(piece) for piece in chunk(rest, SECTION_LIMIT - 200)]
    if q.help:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=escape(_clip(q.help, 2900)))]))
    elements: list[Any] = []
    if q.kind == "choice" and len(q.options) <= BUTTONS_INLINE:
        elements = [ButtonElement(text=_clip(o.label, OPTION_TEXT), action_id=f"answer:{i}",
                                  value=encode(conv, q.field, o.value)) for i, o in enumerate(q.options)]
    elif q.kind in ("choice", "topic"):
        options = [Option(value=o.value, label=_clip(o.label, OPTION_TEXT)) for o in q.options[:100]]
        chosen = next((o for o in q.options if o.value == q.default), None)
        initial = next((o for o in options if chosen and o.value == chosen.value), None)
        elements = [StaticSelectElement(action_id="answer_select", placeholder=labels.choose, options=options,
                                        initial_option=initial)]
        if chosen:
            elements.append(ButtonElement(text=_clip(f"{labels.use} {chosen.label}", OPTION_TEXT),
                                          action_id="answer_default",
                                          value=encode(conv, q.field, q.default), style="primary"))
    elif q.kind in ("multi", "exemptions"):
        options = [Option(value=o.value, label=_clip(o.label, OPTION_TEXT)) for o in q.options[:100]]
        defaults = [q.default] if isinstance(q.default, str) else list(q.default or [])
        families = {d.split("(")[0] for d in defaults}
        initial = [o for o in options if o.value in families] or None
        elements = [StaticMultiSelectElement(action_id="answer_multi", placeholder=labels.choose, options=options,
                                             initial_options=initial)]
        if defaults:
            elements.append(ButtonElement(text=_clip(f"{labels.use} {q.shown_default()}", OPTION_TEXT),
                                          action_id="answer_default", value=encode(conv, q.field, defaults),
                                          style="primary"))
        elements.append(ButtonElement(text=labels.none, action_id="answer_none", value=encode(conv, q.field, [])))
    elif q.kind == "list" and q.options:  # pick from the bank in a menu; your own words in the form or the thread
        options = [Option(value=o.value, label=_clip(f"{i}. {o.label}", OPTION_TEXT))
                   for i, o in enumerate(q.options[:100], 1)]
        current = set(q.current) if isinstance(q.current, list) else set()
        elements = [StaticMultiSelectElement(action_id="answer_multi", placeholder=labels.pick_factors,
                                             options=options,
                                             initial_options=[o for o in options if o.value in current] or None)]
    elif q.kind == "date":
        elements = [DatePickerElement(action_id="answer_date", placeholder=labels.pick_date)]
    if q.kind in MODAL_KINDS:
        elements.append(ButtonElement(text=labels.in_a_form, action_id="answer_modal", value=encode(conv, q.field),
                                      style="primary"))
    elements.append(ButtonElement(text=labels.skip, action_id="answer_skip", value=encode(conv, q.field)))
    blocks.append(ActionsBlock(block_id=_bid("a", conv, q.field), elements=elements[:25]))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=labels.reply_hint)]))
    return blocks


def _text_size(node: Any) -> int:
    """Every ``text`` string inside a block, counted as Slack counts a message's size (options and labels too)."""
    if hasattr(node, "to_dict"):
        node = node.to_dict()
    if isinstance(node, list):
        return sum(_text_size(n) for n in node)
    if isinstance(node, dict):
        return sum(len(v) if k == "text" and isinstance(v, str) else _text_size(v) for k, v in node.items())
    return 0


def pack(block_list: list[Any], max_blocks: int = BLOCKS_PER_MESSAGE,
         max_text: int = TEXT_PER_MESSAGE) -> list[list[Any]]:
    """Blocks split into messages within Slack's limits (50 blocks, about 12,000 characters of text), in order.
    A context or actions block stays in the message of the block before it, so buttons stay with their question."""
    units: list[list[Any]] = []
    for block in block_list:
        if units and getattr(block, "type", "") in ("context", "actions"):
            units[-1].append(block)
        else:
            units.append([block])
    messages: list[list[Any]] = [[]]
    size = 0
    for unit in units:
        unit_size = sum(_text_size(b) for b in unit)
        if messages[-1] and (len(messages[-1]) + len(unit) > max_blocks or size + unit_size > max_text):
            messages.append([])
            size = 0
        messages[-1].extend(unit)
        size += unit_size
    return [m for m in messages if m]


def _bid(kind: str, conv: str, field: str) -> str:
    return f"{kind}|{conv}|{field}"[:255]


def answer_modal(conv: str, q: AskedQuestion, channel: str, thread_ts: str, labels: Labels) -> View:
    """A modal for a long answer, a number, or a list of public interest factors."""
    meta = json.dumps({"c": conv, "f": q.field, "ch": channel, "ts": thread_ts})
    blocks: list[Any] = []
    if q.help:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=escape(_clip(q.help, 2900)))]))
    if q.kind == "list" and q.options:
        options = [_factor_option(i, o.value, o.label) for i, o in enumerate(q.options[:10], 1)]
        blocks.append(InputBlock(block_id="bank", label=_clip(labels.from_bank, 2000), optional=True,
                                 element=CheckboxesElement(action_id="value", options=options)))
    current = q.current
    if isinstance(current, list):
        current = "\n".join(str(c) for c in current if c not in {o.value for o in q.options})
    blocks.append(InputBlock(
        block_id="text", label=_clip(q.prompt if q.kind != "list" else labels.your_own, 2000),
        optional=q.kind == "list" or not q.required,
        element=PlainTextInputElement(action_id="value", multiline=q.kind in ("longtext", "list"),
                                      initial_value=str(current)[:3000] if current not in (None, "") else None)))
    return View(type="modal", callback_id="answer_view", title=_clip(labels.app_title, 24), submit=labels.save,
                close=labels.cancel, private_metadata=meta, blocks=blocks)


def _factor_option(number: int, value: str, text: str) -> Option:
    """A factor in the form, numbered as in the thread: as much as fits on its line, the rest (as much as fits)
    below it, both cut at a word."""
    words = " ".join(f"{number}. {text}".split())
    label = _clip(words, OPTION_TEXT)
    if label == words:
        return Option(value=value, label=label)
    shown = label.rstrip(")").removesuffix("…")
    return Option(value=value, label=label, description=_clip("…" + words[len(shown):].lstrip(), OPTION_TEXT))


def loading_modal(labels: Labels, title: str | None = None) -> View:
    return View(type="modal", title=_clip(title or labels.app_title, 24), close=labels.close,
                blocks=[SectionBlock(text=PlainTextObject(text=labels.loading))])


def draft_messages(conv: str, version: int, header: str, letter: str, footer: str,
                   parts: list[tuple[str, str]], labels: Labels,
                   confirm_sent: dict[str, str] | None = None) -> list[list[Any]]:
    """A draft as several messages of blocks, each within Slack's limits, the last with the draft's buttons
    (``confirm_sent``: the words of the dialog Slack shows before *Mark sent*, or None for no dialog)."""
    messages = pack([HeaderBlock(text=_clip(header, 150)),
                     ContextBlock(elements=[MarkdownTextObject(text=escape(_clip_lines(footer, 2900)))]),
                     *(section(piece) for piece in chunk(escape(letter), SECTION_LIMIT - 100)),
                     DividerBlock(), draft_actions(conv, version, parts, labels, confirm_sent)])
    for index, message in enumerate(messages):  # a marker per message, so a restart can see what was posted
        message[0].block_id = draft_marker(conv, version, index)
    return messages


def draft_marker(conv: str, version: int, index: int) -> str:
    return f"dv|{conv}|{version}|{index}"


def send_confirm(words: dict[str, str]) -> ConfirmObject:
    """Slack's confirmation dialog (plain text: title 100, text 300, buttons 30 characters at most)."""
    return ConfirmObject(title=PlainTextObject(text=_clip(words["title"], 100)),
                         text=PlainTextObject(text=_clip_lines(words["text"], 300)),
                         confirm=PlainTextObject(text=_clip(words["confirm"], 30)),
                         deny=PlainTextObject(text=_clip(words["deny"], 30)), style="danger")


def draft_actions(conv: str, version: int, parts: list[tuple[str, str]], labels: Labels,
                  confirm_sent: dict[str, str] | None = None) -> ActionsBlock:
    """Under a draft: edit one part (a modal), regenerate, show changes, approve, mark sent (behind a dialog
    when ``confirm_sent`` gives its words)."""
    value = encode(conv, "draft", version)
    options = [Option(value=part_id, label=_clip(label, OPTION_TEXT)) for part_id, label in parts[:100]]
    return ActionsBlock(block_id=_bid("d", conv, str(version)), elements=[
        StaticSelectElement(action_id="draft_edit", placeholder=labels.edit_part, options=options),
        ButtonElement(text=labels.regenerate, action_id="draft_regenerate", value=value),
        ButtonElement(text=labels.show_changes, action_id="draft_diff", value=value),
        ButtonElement(text=labels.approve, action_id="draft_approve", value=value, style="primary"),
        ButtonElement(text=labels.mark_sent, action_id="draft_sent", value=value,
                      confirm=send_confirm(confirm_sent) if confirm_sent else None),
    ])


def edit_modal(conv: str, part: str, fields: list[tuple[str, str, str, bool]], meta: dict[str, Any],
               labels: Labels) -> View:
    """A modal to change the answers behind one part of the letter: (field, label, current, multiline)."""
    blocks = [InputBlock(block_id=f"f|{field}"[:255], label=_clip(label, 2000), optional=True,
                         element=PlainTextInputElement(action_id="value", multiline=multiline,
                                                       initial_value=current[:3000] if current else None))
              for field, label, current, multiline in fields[:50]]
    return View(type="modal", callback_id="edit_view", title=_clip(f"{labels.edit_title} {part}", 24),
                submit=labels.redraft, close=labels.cancel, private_metadata=json.dumps({**meta, "c": conv}),
                blocks=blocks)
