"""YAML loading that remembers line numbers, so a validation error can name the line.

YAML 1.1 reads ``yes``/``no``/``on``/``off`` as booleans; an FOI officer writing ``value: yes``
means the word, so only ``true``/``false`` are booleans here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from foibot.errors import DataError


class Node(dict):
    """A mapping read from YAML, with the line of the mapping and of each key (1-based)."""

    path: str = ""
    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def fail(self, key: str | None, message: str) -> DataError:
        """A DataError pointing at this mapping (or one of its keys)."""
        return DataError(self.path, self.line_of(key) if key else self.line, key, message)


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Node:
    loader.flatten_mapping(node)
    result = Node()
    result.path = loader.name
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if str(key) in result:
            raise DataError(loader.name, key_node.start_mark.line + 1, str(key), "appears twice in the same entry")
        result[str(key)] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Parse a YAML file; syntax errors become DataError with the line."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(name, None, None, f"is not UTF-8 text ({exc.reason})") from exc
    loader = _Loader(text)
    loader.name = name
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DataError(name, line, None, f"is not valid YAML: {exc.problem}") from exc
    finally:
        loader.dispose()


def text_field(node: Node, key: str, *, required: bool = True, default: str = "") -> str:
    """A string field; numbers and dates are accepted and turned into text."""
    value = node.get(key)
    if value is None or value == "":
        if required:
            raise node.fail(key if key in node else None, f"is missing required field '{key}'"
                            if key not in node else "must not be empty")
        return default
    if isinstance(value, dict | list):
        raise node.fail(key, "must be text")
    return str(value).strip()


def list_field(node: Node, key: str, *, required: bool = False) -> list[Any]:
    """A list field (a single string is accepted as a one-item list)."""
    value = node.get(key)
    if value is None:
        if required:
            raise node.fail(None, f"is missing required field '{key}'")
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise node.fail(key, "must be a list")
    return value


def choice_field(node: Node, key: str, choices: tuple[str, ...], *, default: str | None = None) -> str:
    """A field whose value must be one of ``choices``."""
    value = node.get(key, default)
    if value is None:
        raise node.fail(None, f"is missing required field '{key}'")
    value = str(value).strip().lower()
    if value not in choices:
        raise node.fail(key, f"must be one of {', '.join(choices)} (got '{node.get(key)}')")
    return value
