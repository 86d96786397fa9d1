"""The README's "Layout" section is the newcomer's map: every module of the package is listed under its folder
with its own docstring's first paragraph, and nothing listed is gone. A module added, moved, deleted or
redescribed without its row fails here; ``python tests/test_readme_layout.py --write`` rewrites the rows.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
HEADING = re.compile(r"\*\*`(foibot/[\w/]*)`\*\* ")
ROW = re.compile(r"\| `([\w./]+)` \| (.*) \|$")


def _summary(path: Path) -> str:
    """A module's (or a package's ``__init__``) docstring up to its first blank line, on one line."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return " ".join(doc.split("\n\n")[0].split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _tables(lines: list[str]) -> dict[str, list[int]]:
    """Each listed folder -> the line numbers of its table's rows."""
    tables: dict[str, list[int]] = {}
    folder = None
    for number, line in enumerate(lines):
        if heading := HEADING.match(line):
            folder = heading.group(1)
            tables[folder] = []
        elif folder and line.startswith("## "):
            break
        elif folder and ROW.match(line):
            tables[folder].append(number)
    return tables


def _expected(tables: dict[str, list[int]]) -> dict[str, list[str]]:
    """Each listed folder -> the rows it should have: its modules (and those of sub-folders not listed on their
    own, as ``sub/module.py`` after a ``sub/`` row), each with its docstring."""
    rows: dict[str, list[str]] = {folder: [] for folder in tables}
    for path in sorted((ROOT / "foibot").rglob("*.py"), key=lambda p: (p.parent.parts, p.name)):
        if "__pycache__" in path.parts:
            continue
        relative = path.relative_to(ROOT).as_posix()
        owner = max((f for f in tables if relative.startswith(f)), key=len)
        inner = relative[len(owner):]
        if path.name == "__init__.py":
            sub = inner.removesuffix("__init__.py")
            if sub:  # a sub-package listed inside its parent's table
                rows[owner].append(f"| `{sub}` | {_cell(_summary(path))} |")
            continue
        rows[owner].append(f"| `{inner}` | {_cell(_summary(path))} |")
    return rows


def test_every_module_is_listed_with_its_docstring():
    lines = README.read_text(encoding="utf-8").split("\n")
    tables = _tables(lines)
    wrong = {folder: rows for folder, rows in _expected(tables).items()
             if [lines[n] for n in tables[folder]] != rows}
    assert wrong == {}, "README module tables out of date: run python tests/test_readme_layout.py --write"


def test_every_folder_is_listed():
    tables = _tables(README.read_text(encoding="utf-8").split("\n"))
    folders = {p.parent.relative_to(ROOT).as_posix() + "/" for p in (ROOT / "foibot").rglob("__init__.py")}
    unlisted = {f for f in folders if not any(f.startswith(t) for t in tables)}
    assert unlisted == set()


def write() -> None:
    """Rewrite each folder's table rows from the docstrings (the heading and the table's header stay)."""
    lines = README.read_text(encoding="utf-8").split("\n")
    tables = _tables(lines)
    expected = _expected(tables)
    for folder in sorted(tables, key=lambda f: -tables[f][0] if tables[f] else 0):
        numbers = tables[folder]
        lines[numbers[0]:numbers[-1] + 1] = expected[folder]
    README.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    write()
