"""Helpers shared by command modules."""

from __future__ import annotations

import argparse
from pathlib import Path

from foibot.errors import InputError
from foibot.surfaces.runtime import Runtime, open_runtime
from foibot.text import clean_request


def runtime(args: argparse.Namespace) -> Runtime:
    """The runtime for the global --db and --data options."""
    return open_runtime(getattr(args, "db", None), getattr(args, "data", None))


def read_request(path: str) -> str:
    """A request file's text, checked (empty, binary and oversized files give a clear message)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    return clean_request(raw)
