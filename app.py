"""Run foibot: the Slack app when tokens are set (Socket Mode or HTTP), else the console chat."""

from __future__ import annotations

import logging
import sys

from foibot.surfaces.cli import main as cli_main
from foibot.surfaces.settings import load_settings


def main() -> int:
    settings = load_settings()
    quiet = settings.mode == "console"  # log lines must not land in the middle of the console chat
    logging.basicConfig(level=logging.WARNING if quiet else settings.log_level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if settings.mode == "console":
        return cli_main([*(["--db", settings.db] if settings.db else []), "chat", *sys.argv[1:]])
    from foibot.surfaces.slack.app import serve

    return serve(settings)


if __name__ == "__main__":
    sys.exit(main())
