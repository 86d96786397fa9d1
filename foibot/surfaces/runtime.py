"""Wiring: load the knowledge base, the snippets and the profile, open the store, build the engine."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2.sandbox import ImmutableSandboxedEnvironment

from foibot.conversation.caselink import CaseLink
from foibot.conversation.engine import Engine
from foibot.errors import InputError
from foibot.knowledge.authority import Authority, load_authority
from foibot.knowledge.loading import load_knowledge
from foibot.knowledge.model import Knowledge
from foibot.knowledge.profile_files import SHIPPED, data_file
from foibot.knowledge.replies import Replies
from foibot.letter.drafting import make_environment
from foibot.register.cases import REVIEW_WINDOW_WORKING_DAYS, Register
from foibot.register.review_requests import load_review_cues
from foibot.register.store import Store
from foibot.suggest.loading import SuggestData, load_suggest_data, make_suggester
from foibot.suggest.matcher import Matcher
from foibot.suggest.service import ExemptionSuggester
from foibot.suggest.suggestions import Suggestions


def data_root(data: str | Path | None = None) -> Path:
    """Where ``intents/``, ``snippets/`` and ``authority.toml`` live: ``--data``, ``$FOIBOT_DATA`` or the checkout."""
    given, how = (data, "--data") if data else (os.environ.get("FOIBOT_DATA"), "FOIBOT_DATA")
    if not given:
        return SHIPPED
    root = Path(given)
    if not root.is_dir():
        raise InputError(f"{how} {given}: there is no such folder (a profile folder holds intents/, snippets/ and "
                         "authority.toml: see README 'Your authority')")
    return root


@dataclass
class Runtime:
    root: Path
    kb: Knowledge
    authority: Authority
    store: Store
    matcher: Matcher
    engine: Engine
    register: Register
    suggest: Callable[..., Suggestions]


def load_data(data: str | Path | None = None) -> tuple[Path, Knowledge, Authority]:
    """Load and validate the knowledge base and profile (raises DataError naming file and line).

    Loaded once per process for as long as no file in it changes (every runtime in a test session, and
    every command in one process, share it); an edited file is loaded and validated afresh."""
    root = data_root(data).resolve()
    kb, authority, _ = _loaded(root, _signature(root))
    return root, kb, authority


def _signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Every data file's path, modification time and size: a change to any of them means a reload."""
    files = [root / "authority.toml", *(root / "intents").rglob("*"), *(root / "snippets").rglob("*")]
    return tuple(sorted((str(f), s.st_mtime_ns, s.st_size) for f in files if f.is_file() and (s := f.stat())))


@functools.lru_cache(maxsize=8)
def _loaded(root: Path, signature: tuple[tuple[str, int, int], ...]) -> tuple[Knowledge, Authority, Matcher]:
    kb = load_knowledge(root)
    return kb, load_authority(root / "authority.toml"), Matcher(kb)


@functools.lru_cache(maxsize=8)
def _wording(root: Path, signature: tuple[tuple[str, int, int], ...]) -> tuple[ImmutableSandboxedEnvironment, Replies]:
    """The snippets' environment (every template compiled and checked) and the chat wording, likewise cached."""
    return make_environment(root / "snippets"), chat_replies(root)


def chat_replies(root: Path) -> Replies:
    """The chat's wording: the profile's ``snippets/replies.yaml``, and the shipped wording of replies it lacks."""
    return Replies(root / "snippets" / "replies.yaml", fallback=SHIPPED / "snippets" / "replies.yaml")


@functools.lru_cache(maxsize=8)
def _suggest_data(root: Path, signature: tuple[tuple[str, int, int], ...]) -> SuggestData:
    """The suggester's data files and what it learns from them, once per process while no file changes."""
    kb, _, _ = _loaded(root, signature)
    return load_suggest_data(root, kb)


@functools.lru_cache(maxsize=8)
def _review_cues(root: Path, signature: tuple[tuple[str, int, int], ...]) -> tuple[str, ...]:
    """The words that ask for a review (``intents/review-requests.yaml``), checked, once while no file changes."""
    return load_review_cues(data_file(root, "intents/review-requests.yaml"))


def open_runtime(db: str | Path | None = None, data: str | Path | None = None) -> Runtime:
    """Everything a surface needs, validated; refuses to start on invalid data."""
    root = data_root(data).resolve()
    signature = _signature(root)
    kb, authority, matcher = _loaded(root, signature)
    env, replies = _wording(root, signature)
    store = Store(db)
    register = Register(store, authority.reference_format, holiday_data_until=authority.holiday_data_until,
                        review_window=authority.review_window_working_days or REVIEW_WINDOW_WORKING_DAYS,
                        regime=authority.regime)
    suggest: ExemptionSuggester = make_suggester(_suggest_data(root, signature), matcher, store, authority.type,
                                                 authority.regime)

    cases = CaseLink(register, kb, review_cues=_review_cues(root, signature))
    engine = Engine(kb, authority, store, matcher, env, replies, cases=cases, suggest=suggest,
                    versions_only_on={"slack"})
    register.today = lambda: engine.today()
    return Runtime(root=root, kb=kb, authority=authority, store=store, matcher=matcher, engine=engine,
                   register=register, suggest=suggest)
