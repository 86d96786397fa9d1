"""``foibot check-data``: validate intents/ (with the check's rules and what suggestions read), snippets/
(letter, chat, Slack and release check wording) and authority.toml, naming any bad file and line."""

from __future__ import annotations

import argparse
from pathlib import Path

from foibot.errors import DataError
from foibot.knowledge.authority import Authority, load_authority, sample_leftovers
from foibot.knowledge.loading import load_topics
from foibot.knowledge.model import Topic
from foibot.letter.checks import rulebook
from foibot.letter.drafting import make_environment
from foibot.register.review_requests import load_review_cues
from foibot.suggest.loading import load_suggest_data
from foibot.surfaces.release_words import release_words
from foibot.surfaces.runtime import chat_replies, data_root, load_data
from foibot.surfaces.slack.blocks import Labels


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check-data", help="validate the knowledge base and snippets")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root, kb, authority = load_data(args.data)
    make_environment(root / "snippets")
    chat = chat_replies(root)
    Labels.from_replies(chat)  # chat wording and Slack's button labels
    release = release_words(chat)  # the release check's wording
    load_suggest_data(root, kb)  # engagement.yaml, priors.yaml (authority_fit, foisa_titles), notes_by_type
    load_review_cues(root / "intents" / "review-requests.yaml")
    rules = rulebook(kb)
    for warning in _sample_leftovers(root, kb.topics, authority):
        print(f"warning: {warning}")
    if rules.from_shipped:
        print(f"warning: intents/check-rules.yaml: {len(rules.from_shipped)} check rules are not in your file, so "
              f"foibot's own are used (copy them from foibot's intents/check-rules.yaml to change them): "
              f"{', '.join(rules.from_shipped)}")
    for words in (chat, release):
        if words.from_fallback:
            print(f"warning: snippets/{words.path.name}: {len(words.from_fallback)} replies are not in your file, "
                  f"so foibot's own wording is used (copy them from foibot's snippets/{words.path.name} to change "
                  f"them): {', '.join(words.from_fallback)}")
    print(f"OK: {len(kb.topics)} topics, {len(kb.intents)} intents, {len(kb.exemptions)} exemptions, "
          f"{len(kb.flow)} questions, {len(rules.ids())} check rules, profile for {authority.short_name}.")
    return 0


def _sample_leftovers(root: Path, topics: dict[str, Topic], authority: Authority) -> list[str]:
    """What a profile still holds of the sample that ships with foibot (the checkout's authority.toml and topics);
    nothing when the sample cannot be read or ``root`` is the checkout itself."""
    sample = data_root(None).resolve()
    if root == sample:
        return []
    try:
        return sample_leftovers(authority, load_authority(sample / "authority.toml"), topics,
                                load_topics(sample / "intents" / "topics.yaml"))
    except DataError:
        return []
