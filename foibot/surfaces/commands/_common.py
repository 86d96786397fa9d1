"""Helpers shared by command modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from foibot.errors import InputError
from foibot.surfaces.runtime import Runtime, open_runtime
from foibot.text import clean_request


def runtime(args: argparse.Namespace) -> Runtime:
    """The runtime for the global --db and --data options."""
    return open_runtime(getattr(args, "db", None), getattr(args, "data", None))


def read_request(source: str) -> str:
    """The request named on the command line, checked (empty, binary and oversized text give a clear message).

    ``source`` is a file's path, ``-`` for standard input, or the request itself typed in quotes: an
    argument with a space in it that names no file is taken as the request's text.
    """
    if source == "-":
        return clean_request(sys.stdin.buffer.read())
    path = Path(source)
    if not path.exists() and any(ch.isspace() for ch in source):
        return clean_request(source)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror}") from exc
    return clean_request(raw)
