"""Block actions: answers from buttons, menus and date pickers; the buttons under a draft."""

from __future__ import annotations

import re

from slack_bolt import App

from foibot.surfaces.slack.listeners.actions import answers, draft, release, request_part


def register(app: App) -> None:
    app.action(re.compile(r"^answer(:\d+|_default|_none)$"))(answers.on_button)
    app.action("answer_select")(answers.on_select)
    app.action("answer_multi")(answers.on_multi)
    app.action("answer_date")(answers.on_date)
    app.action("answer_skip")(answers.on_skip)
    app.action("answer_modal")(answers.on_modal)
    app.action("draft_regenerate")(draft.on_regenerate)
    app.action("draft_diff")(draft.on_diff)
    app.action("draft_approve")(draft.on_approve)
    app.action("draft_sent")(draft.on_sent)
    app.action("draft_edit")(draft.on_edit)
    app.action("release_clean")(release.on_clean)
    app.action("release_reviewed")(release.on_reviewed)
    app.action("release_send_anyway")(release.on_send_anyway)
    app.action("release_cancel")(release.on_cancel)
    app.action("request_part_add")(request_part.on_add)
    app.action("request_part_answer")(request_part.on_answer)
