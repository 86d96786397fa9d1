"""Chat reply text, from ``snippets/replies.yaml`` (errbot style: wording lives in templates)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from foibot.errors import DataError
from foibot.knowledge.datafile import load_yaml

REQUIRED = ("matched", "noted", "invalid", "skipped", "went-back", "nothing-to-undo", "not-asking", "unknown-field",
            "complete", "needed", "help", "status", "draft", "resumed", "error", "not-allowed", "dm-hint")


class Replies:
    """Renders a named reply with values. With ``fallback`` (the shipped file), a reply the profile's file lacks
    (one added to foibot after the profile was copied), or every reply when the profile holds no such file, uses
    the shipped wording; ``from_fallback`` lists them."""

    def __init__(self, path: Path, required: tuple[str, ...] = REQUIRED, *, fallback: Path | None = None):
        self.path = path
        self._env = ImmutableSandboxedEnvironment(autoescape=False)
        self._templates: dict[str, Any] = {}
        self.data: dict[str, Any] = {}
        own = self._read(path) if path.exists() or not fallback else {}  # a profile may hold no file of its own
        shipped = self._read(fallback) if fallback and fallback.exists() and fallback.resolve() != path.resolve() \
            else {}
        self.from_fallback = sorted(k for k in shipped if k not in own)
        unknown = [k for k in own if shipped and k not in shipped]
        if unknown:  # a misspelt name: its wording would never be shown
            raise DataError(f"snippets/{path.name}", own.line_of(unknown[0]), unknown[0],
                            "is not a reply foibot has (a misspelt name?); see foibot's own snippets/" + path.name)
        for key in required:
            if key not in own and key not in shipped:
                raise DataError(f"snippets/{path.name}", None, key, "is missing")
        # Lists and mappings (such as ``commands``) are data, not templates: every template can read them.
        for data in (shipped, own):
            self.data.update({key: value for key, value in data.items() if isinstance(value, (list, dict))})
        self._env.globals.update(self.data)
        for source, data in ((fallback, {k: v for k, v in shipped.items() if k in self.from_fallback}), (path, own)):
            for key, text in data.items():
                if not isinstance(text, (list, dict)):
                    self._templates[key] = self._compile(source, data, key, text)

    @staticmethod
    def _read(path: Path | None) -> Any:
        data = load_yaml(path, f"snippets/{path.name}") if path else {}
        if not isinstance(data, dict):
            raise DataError(f"snippets/{path.name if path else ''}", 1, None, "must map reply names to templates")
        return data

    def _compile(self, path: Path | None, data: Any, key: str, source: object) -> Any:
        try:
            return self._env.from_string(str(source))
        except TemplateSyntaxError as exc:
            name = path.name if path else ""
            raise DataError(f"snippets/{name}", data.line_of(key) + (exc.lineno or 1) - 1, key,
                            f"template error: {exc.message}") from exc

    def render(self, key: str, **values: Any) -> str:
        return self._templates[key].render(**values).strip()
