"""``foibot check-data``: validate intents/ (with the check's rules, what suggestions read and the review's
questions), snippets/ (letter, chat, Slack and release check wording) and authority.toml, naming any bad file and
line."""

from __future__ import annotations

import argparse
from pathlib import Path

from foibot.conversation.review_plan import review_questions
from foibot.errors import DataError
from foibot.knowledge.authority import Authority, load_authority, sample_leftovers
from foibot.knowledge.loading import load_topics
from foibot.knowledge.model import Topic
from foibot.knowledge.profile_files import ProfileFiles, data_file, grouped, profile_files
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
    load_review_cues(data_file(root, "intents/review-requests.yaml"))
    review_questions(kb)  # intents/review-questions.yaml: the internal review's outcome questions
    rules = rulebook(kb)
    for warning in _sample_leftovers(root, kb.topics, authority):
        print(f"warning: {warning}")
    if rules.from_shipped:
        print(f"warning: intents/check-rules.yaml: {len(rules.from_shipped)} check rules are not in your file, so "
              f"foibot's own are used (copy them from foibot's intents/check-rules.yaml to change them): "
              f"{', '.join(rules.from_shipped)}")
    for words in (chat, release):
        if words.from_fallback and words.path.exists():  # a profile without the file uses foibot's by design
            print(f"warning: snippets/{words.path.name}: {len(words.from_fallback)} replies are not in your file, "
                  f"so foibot's own wording is used (copy them from foibot's snippets/{words.path.name} to change "
                  f"them): {', '.join(words.from_fallback)}")
    for line in _files_report(profile_files(root)):
        print(line)
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
        sample_profile = load_authority(sample / "authority.toml")
        if authority.name == sample_profile.name:
            return [f"authority.toml: the name is still the sample's ({authority.name}): this profile is not yet "
                    "your authority's; edit its name, address, contacts, internal review contact and signature"]
        return sample_leftovers(authority, sample_profile, topics,
                                load_topics(sample / "intents" / "topics.yaml"))
    except DataError:
        return []


def _files_report(files: ProfileFiles) -> list[str]:
    """Notes on the profile's copies of foibot's files: those it could delete, so that foibot's updates reach it,
    and those it has changed, which foibot's updates no longer reach."""
    lines = []
    if files.same:
        lines.append(f"note: your profile holds {_files(files.same)} the same as foibot's own; delete them so that "
                     f"foibot's later fixes reach you: {grouped(files.same)}")
    if files.changed:
        lines.append(f"note: your profile's own version is used in place of foibot's for {_files(files.changed)}, so "
                     f"foibot's later fixes to them do not reach you (compare them with foibot's and keep only your "
                     f"changes): {grouped(files.changed)}")
    return lines


def _files(names: tuple[str, ...]) -> str:
    return "1 file" if len(names) == 1 else f"{len(names)} files"
