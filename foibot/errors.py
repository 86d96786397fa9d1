"""Errors foibot reports to a person rather than as a traceback."""

from __future__ import annotations


class FoibotError(Exception):
    """An error with a message fit to show an FOI officer."""


class DataError(FoibotError):
    """A knowledge-base file is invalid. Names the file, the line and the field."""

    def __init__(self, path: str, line: int | None, field: str | None, message: str):
        self.path, self.line, self.field, self.message = path, line, field, message
        where = path + (f":{line}" if line else "")
        what = f" field '{field}'" if field else ""
        super().__init__(f"{where}:{what} {message}")


class InputError(FoibotError):
    """User input that cannot be used (empty, binary, too large, malformed)."""


class HolidayDataError(FoibotError):
    """A date falls outside the years for which foibot has bank-holiday data."""
