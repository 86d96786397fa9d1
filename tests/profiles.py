"""Profile folders for tests: a copy of the shipped data with some of authority.toml's settings changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_profile(folder: Path, **settings: str) -> Path:
    """``folder`` holding a copy of the shipped ``intents/``, ``snippets/`` and ``authority.toml``, each top-level
    setting given replaced (``regime="foisa"``, ``type="council"``); the folder, for ``--data``."""
    for name in ("intents", "snippets"):
        shutil.copytree(ROOT / name, folder / name)
    profile = (ROOT / "authority.toml").read_text(encoding="utf-8")
    for key, value in settings.items():
        profile, found = re.subn(rf"(?m)^{re.escape(key)} = .*$", f'{key} = "{value}"', profile, count=1)
        assert found, f"authority.toml has no top-level '{key}'"
    (folder / "authority.toml").write_text(profile, encoding="utf-8")
    return folder
