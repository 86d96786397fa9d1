"""Settings from environment variables or a ``.env`` file (the environment wins)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

SLACK_API = "https://slack.com/api/"


@dataclass(frozen=True)
class Settings:
    bot_token: str = ""
    app_token: str = ""
    signing_secret: str = ""
    api_base_url: str = SLACK_API
    channels: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    usergroups: tuple[str, ...] = ()
    db: str = ""
    data: str = ""
    port: int = 3000
    log_level: str = "INFO"

    @property
    def mode(self) -> str:
        """``socket``, ``http`` or ``console``, from which tokens are set."""
        if self.bot_token and self.app_token:
            return "socket"
        if self.bot_token and self.signing_secret:
            return "http"
        return "console"


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").replace(";", ",").split(",") if v.strip())


def load_settings(env: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")) -> Settings:
    """Read settings: ``SLACK_BOT_TOKEN``, ``SLACK_APP_TOKEN``, ``SLACK_SIGNING_SECRET``, ``SLACK_API_BASE_URL``,
    ``FOIBOT_CHANNELS``, ``FOIBOT_USERS``, ``FOIBOT_USERGROUPS``, ``FOIBOT_DB``, ``FOIBOT_DATA``, ``PORT``."""
    values: dict[str, str] = {}
    if dotenv is not None and dotenv.exists():
        values.update({k: v for k, v in dotenv_values(dotenv).items() if v is not None})
    values.update(os.environ if env is None else env)
    base = values.get("SLACK_API_BASE_URL") or SLACK_API
    return Settings(
        bot_token=values.get("SLACK_BOT_TOKEN", ""), app_token=values.get("SLACK_APP_TOKEN", ""),
        signing_secret=values.get("SLACK_SIGNING_SECRET", ""), api_base_url=base if base.endswith("/") else base + "/",
        channels=_list(values.get("FOIBOT_CHANNELS")), users=_list(values.get("FOIBOT_USERS")),
        usergroups=_list(values.get("FOIBOT_USERGROUPS")), db=values.get("FOIBOT_DB", ""),
        data=values.get("FOIBOT_DATA", ""), port=int(values.get("PORT", "3000") or 3000),
        log_level=values.get("FOIBOT_LOG_LEVEL", "INFO"),
    )
