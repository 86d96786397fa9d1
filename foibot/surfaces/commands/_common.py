"""Helpers shared by command modules."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from foibot.errors import InputError
from foibot.surfaces.officer import officer_name
from foibot.surfaces.runtime import Runtime, open_runtime
from foibot.text import clean_request


def runtime(args: argparse.Namespace) -> Runtime:
    """The runtime for the global --db and --data options."""
    return open_runtime(getattr(args, "db", None), getattr(args, "data", None))


def read_date(text: str, today: date | None = None, data: str | Path | None = None) -> date:
    """A date given on the command line, read as the chat reads one (day first; today, yesterday, tomorrow,
    last Friday, 3 days ago, 28/9, Christmas Eve): one date reader for every command. ``today`` defaults to
    FOIBOT_TODAY; days known by name come from the profile's vocabulary (``data``: --data, $FOIBOT_DATA or the
    checkout)."""
    from foibot.conversation.reading_dates import read_date as read
    from foibot.law.dates import today as today_

    return read(text, today=today or today_(), named_days=named_days(data))


def named_days(data: str | Path | None = None) -> dict[str, str]:
    """The days known by name in the profile's intents/replies-vocabulary.yaml ({} when it has none)."""
    from foibot.knowledge.profile_files import data_file
    from foibot.knowledge.vocabulary import load_vocabulary
    from foibot.surfaces.runtime import data_root

    path = data_file(data_root(data), "intents/replies-vocabulary.yaml")
    return dict(load_vocabulary(path, str(path)).named_days) if path.exists() else {}


def user_name() -> str:
    """Who is at the keyboard, for the case history: the login name, else 'officer'."""
    return officer_name("officer")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(raw: bytes) -> str | bytes:
    """Bytes from a file as text: UTF-8, else Windows-1252 (what Notepad and Outlook save, "£" as 0xA3) when
    that reads as text; otherwise the bytes unchanged, for ``clean_request`` to refuse in one sentence."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw
    return raw if _CONTROL.search(text) else text


def read_request(source: str) -> str:
    """The request named on the command line, checked (empty, binary and oversized text give a clear message).

    ``source`` is a file's path, ``-`` for standard input, or the request itself typed in quotes: an
    argument with a space in it that names no file is taken as the request's text.
    """
    if source == "-":
        return clean_request(decode_text(sys.stdin.buffer.read()))
    if not source.strip():
        raise InputError("no request given: name a file, type the request in quotes, or give - to read it from "
                         "standard input")
    path = Path(source)
    if any(ch.isspace() for ch in source) and not _is_file(path):
        return clean_request(source)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror}") from exc
    return clean_request(decode_text(raw))


def _is_file(path: Path) -> bool:
    """Whether ``path`` names an existing file; False for text no file could be named (too long, a NUL)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def write_file(path: Path, data: str | bytes) -> Path:
    """Write an output file; a folder that does not exist or cannot be written is one clear sentence."""
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        why = (exc.strerror or str(exc)).lower()
        if not path.parent.is_dir():
            why = f"there is no folder {path.parent}"
        raise InputError(f"cannot write {path}: {why}") from exc
    return path
