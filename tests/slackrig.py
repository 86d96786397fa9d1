"""A test rig: the real foibot Bolt app, built by its own factory, connected to the fake Slack."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from fakeslack import FakeSlack, close_socket_mode_handler
from fakeslack.payloads import block_actions

from foibot.surfaces.runtime import Runtime, open_runtime
from foibot.surfaces.settings import Settings
from foibot.surfaces.slack.app import build_app, socket_mode_handler

ROOT = Path(__file__).resolve().parent.parent
CHANNEL = "C_FOI"
OFFICER = "U_OFFICER1"


@dataclass
class SlackRig:
    fake: FakeSlack
    db: Path
    today: date = date(2019, 10, 25)
    settings: Settings = field(init=False)
    rt: Runtime | None = None
    app: Any = None
    ctx: Any = None
    handler: Any = None

    def __post_init__(self) -> None:
        self.settings = Settings(bot_token="xoxb-test", app_token="xapp-test", api_base_url=self.fake.base_url,
                                 channels=(CHANNEL,))

    def start(self, **overrides: Any) -> SlackRig:
        """Build the app as production does and connect it over Socket Mode."""
        if overrides:
            self.settings = Settings(**{**self.settings.__dict__, **overrides})
        self.rt = open_runtime(self.db, ROOT)
        self.rt.engine.today = lambda: self.today
        self.app, self.ctx = build_app(self.settings, self.rt)
        self.ctx.recover(self.app.client)
        self.handler = socket_mode_handler(self.app, self.settings)
        self.handler.connect()
        return self

    def stop(self) -> None:
        if self.handler:
            close_socket_mode_handler(self.fake, self.handler)
            self.handler = None
        if self.rt:
            self.app.listener_runner.listener_executor.shutdown(wait=True)
            self.rt.store.close()
            self.rt = None

    # --- driving it --------------------------------------------------------------------------

    def paste(self, text: str, channel: str = CHANNEL, user: str = OFFICER) -> str:
        ts, envelope = self.fake.post_user_message(channel, user, text)
        assert envelope is not None
        self.fake.wait_ack(envelope)
        return ts

    def reply(self, thread_ts: str, text: str, channel: str = CHANNEL, user: str = OFFICER) -> None:
        _, envelope = self.fake.post_user_message(channel, user, text, thread_ts=thread_ts)
        self.fake.wait_ack(envelope)

    def bot_posts(self, thread_ts: str, channel: str = CHANNEL) -> list[dict[str, Any]]:
        return [m for m in self.fake.messages(channel, thread_ts) if m.get("bot_id")]

    def question(self, thread_ts: str, path: str, channel: str = CHANNEL, timeout: float = 8) -> dict[str, Any]:
        """Wait for the bot's question for a field in the thread and return that message."""
        def find() -> dict[str, Any] | None:
            for message in reversed(self.bot_posts(thread_ts, channel)):
                for block in message.get("blocks") or []:
                    if block.get("block_id", "").startswith("q|") and block["block_id"].endswith("|" + path):
                        return message
            return None
        return self.fake.wait_for(find, timeout)

    def draft_posts(self, thread_ts: str, version: int = 1, timeout: float = 8) -> list[dict[str, Any]]:
        """Wait until draft ``version`` and its Word file are in the thread; return the draft's messages."""
        def find() -> list[dict[str, Any]] | None:
            posts = [m for m in self.bot_posts(thread_ts) if any(
                b.get("type") == "header" and b["text"]["text"].startswith(f"Draft {version}:") for b in
                m.get("blocks") or [])]
            files = [f for f in self.fake.files.values() if f.thread_ts == thread_ts and f"-v{version}." in f.filename]
            if not posts or not files:
                return None
            start = self.bot_posts(thread_ts).index(posts[0])
            rest = self.bot_posts(thread_ts)[start:]
            end = next((i for i, m in enumerate(rest) if any(b.get("block_id", "").startswith("d|")
                                                              for b in m.get("blocks") or [])), None)
            return rest[: end + 1] if end is not None else None
        return self.fake.wait_for(find, timeout)

    def click(self, message: dict[str, Any], action_id: str, *, value_of: Any = None, thread_ts: str,
              selected: list[str] | None = None, user: str = OFFICER) -> str:
        """Press a button (or pick in a menu) on one of the bot's messages, as Slack would send it."""
        for block in message.get("blocks") or []:
            for element in block.get("elements") or []:
                if element.get("action_id") != action_id:
                    continue
                if value_of is not None and json.loads(element.get("value", "{}")).get("v") != value_of:
                    continue
                payload = block_actions(action_id, element.get("value"), user=user, channel=CHANNEL,
                                        message_ts=message["ts"], thread_ts=thread_ts, block_id=block["block_id"],
                                        message=message)
                action = payload["actions"][0]
                if element["type"] == "static_select":
                    action.update(type="static_select", selected_option={"value": selected[0]})
                    action.pop("value", None)
                elif element["type"] == "multi_static_select":
                    action.update(type="multi_static_select", selected_options=[{"value": v} for v in selected])
                    action.pop("value", None)
                elif element["type"] == "datepicker":
                    action.update(type="datepicker", selected_date=selected[0])
                envelope = self.fake.send(payload)
                self.fake.wait_ack(envelope)
                return envelope
        raise AssertionError(f"no {action_id} (value {value_of}) on message {message.get('text')!r}")


SEED_TEXT_ANSWERS = [
    ("request_summary", "ask about IT monitoring"), ("topic", "1"), ("held", "yes"), ("disclosure", "some"),
    ("disclosed", "a table of 29 forces"), ("attachments", "Table of forces"), ("exemptions", "s22, s31(1)(a)"),
    ("s22.planned_before_request", "yes"), ("s22.publication_date", "in the new year"), ("s22.publisher", "skip"),
    ("s22.withheld", "the information for the remaining 14 forces"),
    ("s22.reason", "Their reports are not yet published."), ("s22.pit_for", "1"), ("s22.pit_against", "1, 2"),
    ("s22.pit_conclusion", "skip"), ("s31.withheld", "further detail"),
    ("s31.reason", "It would show offenders where systems are weakest."), ("s31.likelihood", "would be likely to"),
    ("s31.pit_for", "1"), ("s31.pit_against", "1"), ("s31.pit_conclusion", "skip"),
]


def answer_by_text(rig: SlackRig, ts: str, answers: list[tuple[str, str]] = SEED_TEXT_ANSWERS,
                   on_event: Any = None, timeout: float = 60) -> None:
    """Answer each question with a plain reply once it is asked (as a person would)."""
    for path, text in answers:
        rig.question(ts, path, timeout=timeout)
        _, envelope = rig.fake.post_user_message(CHANNEL, OFFICER, text, thread_ts=ts)
        rig.fake.wait_ack(envelope)
        if on_event:
            on_event(envelope)
