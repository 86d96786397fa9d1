"""``foibot new-profile DIR``: start an authority's profile folder holding only its ``authority.toml`` and an
empty list of its publications (``intents/topics.yaml``).

Every other data file is foibot's own until the authority puts its own version in the folder (its topics with
``foibot topics import``, or a copy of a file it means to change), so foibot's updates reach the rest.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from foibot.errors import InputError
from foibot.knowledge.authority import AUTHORITY_TYPES
from foibot.knowledge.profile_files import SHIPPED
from foibot.knowledge.topic_import import OWN_LIST
from foibot.surfaces.runtime import load_data


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new-profile", help="start a profile folder for your authority")
    p.add_argument("folder", help="a new or empty folder (outside the checkout, so updates never overwrite it)")
    p.add_argument("--type", choices=AUTHORITY_TYPES, help="the kind of authority (see README 'Your authority')")
    p.add_argument("--regime", choices=("foia", "foisa"), help="foisa for a Scottish public authority")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder).expanduser()
    if folder.resolve() == SHIPPED or folder.resolve().is_relative_to(SHIPPED):
        raise InputError(f"{folder}: make the profile outside foibot's checkout, so that updates never overwrite it")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(f"{folder}: there is something there already; give a new or empty folder")
    text = (SHIPPED / "authority.toml").read_text(encoding="utf-8")
    for key, value in (("type", args.type), ("regime", args.regime)):
        if value:
            text = re.sub(rf'(?m)^{key} = "[^"]*"', f'{key} = "{value}"', text, count=1)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "authority.toml").write_text(text, encoding="utf-8")
    (folder / "intents").mkdir()
    (folder / "intents" / "topics.yaml").write_text(OWN_LIST + "[]\n", encoding="utf-8")  # never the sample's
    load_data(folder)  # the new profile loads
    print(f"Made {folder / 'authority.toml'}. Next:\n"
          f"  1. edit it: your name, address, contacts, internal review contact and signature;\n"
          f"  2. import your publications: foibot --data {folder} topics import YOUR-LIST.csv;\n"
          f"  3. check it: foibot --data {folder} check-data;\n"
          f"  4. use it: export FOIBOT_DATA={folder} (or --data {folder} on each command).\n"
          "Every other file (exemptions, wording, check rules) is foibot's own, and updates reach it; to change "
          "one, copy it into the same place under the folder and edit the copy.")
    return 0
