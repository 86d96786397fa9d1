"""The ``foibot`` command. Each subcommand lives in its own module under ``foibot/surfaces/commands``.

A command module defines ``register(subparsers)``, which adds its parser and sets
``run=<function(args) -> int>`` as the parser default. Modules are discovered, so adding a
command means adding a file.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from typing import NoReturn

from foibot.errors import FoibotError
from foibot.surfaces import commands


def one_line_error(message: str) -> str:
    """An error as foibot prints it: ``foibot: ...``, never ``foibot: foibot ...``."""
    return message if message.startswith("foibot ") else f"foibot: {message}"


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, as every other foibot error (not a usage block)."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("foibot").strip()
        hint = f" (foibot {command} --help lists its options)" if command else " (foibot --help lists the commands)"
        self.exit(2, one_line_error(message.rstrip(".") + hint) + "\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every command module's subcommand."""
    parser = Parser(prog="foibot", description="Draft UK FOI response letters.")
    _global_options(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    for command in sub.choices.values():  # `foibot draft ... --db FILE` works as well as `foibot --db FILE draft`
        if "--db" not in command._option_string_actions:
            _global_options(command, argparse.SUPPRESS)
    return parser


def _global_options(parser: argparse.ArgumentParser, default: str | None) -> None:
    parser.add_argument("--db", default=default, help="SQLite file (default: $FOIBOT_DB or the per-user data folder)")
    parser.add_argument("--data", default=default, help="folder holding intents/, snippets/ and authority.toml")


def main(argv: list[str] | None = None) -> int:
    """Run one ``foibot`` subcommand and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        status = int(args.run(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at interpreter exit
        return status
    except FoibotError as exc:
        print(one_line_error(str(exc)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (``foibot para | head``): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
