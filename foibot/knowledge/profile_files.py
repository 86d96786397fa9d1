"""Which file a profile reads: its own where it has one, else foibot's own (the checkout's).

A profile folder needs only ``authority.toml`` and the files the authority has changed (its topics, say). Every
other file of ``intents/`` and ``snippets/`` is foibot's own, so foibot's fixes to wording, rules and knowledge
reach the profile; a file the profile holds replaces foibot's file of the same name and path.
"""

from __future__ import annotations

import filecmp
from dataclasses import dataclass
from pathlib import Path

SHIPPED = Path(__file__).resolve().parents[2]
"""foibot's own data (the checkout): the sample profile, and every file a profile does not hold."""
DATA_FOLDERS = ("intents", "snippets")
AUTHORITYS_OWN = ("intents/topics.yaml",)
"""Files that are always the authority's own (its publications), never compared with foibot's sample."""


def data_file(root: Path, relative: str) -> Path:
    """``root/relative`` when the profile holds it, else foibot's own file of that path."""
    own = root / relative
    return own if own.exists() else SHIPPED / relative


def data_files(root: Path, folder: str, pattern: str = "*.yaml") -> list[Path]:
    """Every file matching ``pattern`` under ``folder`` (recursively): the profile's, and foibot's own where the
    profile holds none of that path, sorted by their path under the folder."""
    found: dict[Path, Path] = {}
    for base in dict.fromkeys((SHIPPED, root)):  # the profile's last, so its files win
        for path in (base / folder).rglob(pattern):
            if path.is_file():
                found[path.relative_to(base / folder)] = path
    return [found[key] for key in sorted(found)]


def display_name(root: Path, path: Path) -> str:
    """A data file's name in messages (``intents/topics.yaml``), whether the profile's or foibot's own."""
    for base in (root, SHIPPED):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


@dataclass(frozen=True)
class ProfileFiles:
    """What a profile folder holds of foibot's data files: those the same as foibot's (they can go, so foibot's
    updates reach the profile), those that differ (the authority's own wording or knowledge, kept as they are),
    and those that are the profile's alone."""

    same: tuple[str, ...]
    changed: tuple[str, ...]
    own: tuple[str, ...]


def profile_files(root: Path) -> ProfileFiles:
    """Compare every data file a profile holds with foibot's own (nothing for foibot's own checkout)."""
    same: list[str] = []
    changed: list[str] = []
    own: list[str] = []
    if root.resolve() == SHIPPED:
        return ProfileFiles((), (), ())
    for folder in DATA_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if not path.is_file():
                continue
            name = path.relative_to(root).as_posix()
            shipped = SHIPPED / name
            if name in AUTHORITYS_OWN or path.suffix == ".bak":
                continue
            if not shipped.is_file():
                own.append(name)
            elif filecmp.cmp(path, shipped, shallow=False):
                same.append(name)
            else:
                changed.append(name)
    return ProfileFiles(tuple(same), tuple(changed), tuple(own))


def grouped(names: tuple[str, ...], *, at_most: int = 3) -> str:
    """File names for a message, a folder's files shown as the folder when there are more than ``at_most``
    (``intents/exemptions/ (44 files)``)."""
    folders: dict[str, list[str]] = {}
    for name in names:
        folders.setdefault(name.rsplit("/", 1)[0], []).append(name)
    shown = [f"{folder}/ ({len(files)} files)" if len(files) > at_most else ", ".join(files)
             for folder, files in folders.items()]
    return ", ".join(shown)
