"""``foibot check-data``: validate intents/ (with the check's rules and what suggestions read), snippets/
(letter, chat, Slack and release check wording) and authority.toml, naming any bad file and line."""

from __future__ import annotations

import argparse

from foibot.knowledge.replies import Replies
from foibot.letter.checks import rulebook
from foibot.letter.drafting import make_environment
from foibot.register.review_requests import load_review_cues
from foibot.suggest.loading import load_suggest_data
from foibot.surfaces.runtime import load_data
from foibot.surfaces.slack.blocks import Labels


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check-data", help="validate the knowledge base and snippets")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root, kb, authority = load_data(args.data)
    make_environment(root / "snippets")
    Labels.from_replies(Replies(root / "snippets" / "replies.yaml"))  # chat wording and Slack's button labels
    Replies(root / "snippets" / "release.yaml", required=())  # the release check's wording
    load_suggest_data(root, kb)  # engagement.yaml, priors.yaml (authority_fit, foisa_titles), notes_by_type
    load_review_cues(root / "intents" / "review-requests.yaml")
    rules = rulebook(kb)
    print(f"OK: {len(kb.topics)} topics, {len(kb.intents)} intents, {len(kb.exemptions)} exemptions, "
          f"{len(kb.flow)} questions, {len(rules.ids())} check rules, profile for {authority.short_name}.")
    return 0
