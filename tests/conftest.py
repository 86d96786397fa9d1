"""Shared fixtures: the real knowledge base from this checkout, over a fresh SQLite file per test."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from profiles import copy_profile

from foibot.register.store import Store
from foibot.surfaces.runtime import Runtime, load_data, open_runtime

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def data():
    """(root, kb, authority) loaded once per session."""
    return load_data(ROOT)


@pytest.fixture(scope="session")
def kb(data):
    return data[1]


@pytest.fixture
def rt(tmp_path) -> Runtime:
    runtime = open_runtime(tmp_path / "foibot.sqlite", ROOT)
    runtime.engine.today = lambda: date(2019, 10, 31)
    yield runtime
    runtime.store.close()


@pytest.fixture
def engine(rt):
    return rt.engine


@pytest.fixture
def store(tmp_path) -> Store:
    """An empty register on a fresh SQLite file."""
    s = Store(tmp_path / "register.sqlite")
    yield s
    s.close()


@pytest.fixture
def scottish(tmp_path) -> Runtime:
    """A Scottish council answering under FOISA: a copy of the shipped data with its profile switched."""
    copy_profile(tmp_path, regime="foisa", type="council")
    runtime = open_runtime(tmp_path / "foibot.sqlite", tmp_path)
    runtime.engine.today = lambda: date(2025, 3, 3)
    yield runtime
    runtime.store.close()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of the shipped intents/, snippets/ and authority.toml to break or change in a test."""
    return copy_profile(tmp_path)


@pytest.fixture
def seed_request() -> str:
    return (FIXTURES / "seed-request.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_answers() -> dict:
    return json.loads((FIXTURES / "seed-answers.json").read_text(encoding="utf-8"))


@pytest.fixture
def rig(tmp_path):
    """The real Slack app, built by its own factory, connected to a fresh fake Slack."""
    from fakeslack import FakeSlack
    from slackrig import SlackRig

    with FakeSlack() as fake:
        started = SlackRig(fake, tmp_path / "foibot.sqlite").start()
        yield started
        started.stop()
        assert not fake.errors
