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
    """Renders a named reply with values."""

    def __init__(self, path: Path, required: tuple[str, ...] = REQUIRED):
        self.path = path
        data = load_yaml(path, f"snippets/{path.name}")
        if not isinstance(data, dict):
            raise DataError(f"snippets/{path.name}", 1, None, "must map reply names to templates")
        self._env = ImmutableSandboxedEnvironment(autoescape=False)
        self._templates = {}
        for key in required:
            if key not in data:
                raise DataError(f"snippets/{path.name}", None, key, "is missing")
        # Lists and mappings (such as ``commands``) are data, not templates: every template can read them.
        self.data = {key: value for key, value in data.items() if isinstance(value, (list, dict))}
        self._env.globals.update(self.data)
        for key, source in data.items():
            if key in self.data:
                continue
            try:
                self._templates[key] = self._env.from_string(str(source))
            except TemplateSyntaxError as exc:
                raise DataError(f"snippets/{path.name}", data.line_of(key) + (exc.lineno or 1) - 1, key,
                                f"template error: {exc.message}") from exc

    def render(self, key: str, **values: Any) -> str:
        return self._templates[key].render(**values).strip()
