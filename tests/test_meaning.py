"""The meaning model (wordllama, from its wheel) and what the suggester learns with it."""

from __future__ import annotations

import logging
import subprocess
import sys

import numpy as np
import pytest

from foibot.suggest import family_classifier, meaning
from foibot.suggest.learning import Answered, learn
from foibot.suggest.meaning import MeaningModel, load_meaning
from foibot.suggest.precedents import MEANING_SHARE, index
from foibot.surfaces.runtime import open_runtime


@pytest.fixture(scope="module")
def model() -> MeaningModel:
    loaded = load_meaning()
    assert loaded is not None, "wordllama is a dependency: its model must load from the installed wheel"
    return loaded


def test_requests_about_the_same_thing_are_close_in_meaning(model):
    anpr, cameras, tax = model.vectors(["locations of ANPR cameras in the county",
                                        "where are your number plate recognition cameras",
                                        "council tax arrears written off last year"])
    assert np.allclose(np.linalg.norm([anpr, cameras, tax], axis=1), 1.0, atol=1e-5)
    assert anpr @ cameras > anpr @ tax + 0.2


def test_vectors_are_cached_and_an_empty_list_gives_no_rows(model):
    first = model.vectors(["body worn video policy"])
    assert np.array_equal(model.vectors(["body worn video policy"]), first)
    assert model.vectors([]).shape == (0, meaning.DIMENSIONS)


def test_the_model_loads_with_the_network_cut_off():
    code = ("import socket\n"
            "def refuse(*a, **k): raise OSError('network is cut off in this test')\n"
            "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
            "import logging\nfrom foibot.suggest.meaning import load_meaning\n"
            "m = load_meaning()\nassert m is not None\nprint(m.vectors(['a request']).shape)\n"
            "root = logging.getLogger()\n"
            "assert not root.handlers and root.level == logging.WARNING, 'the model set up logging'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={"PATH": "", "HF_HUB_OFFLINE": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"(1, {meaning.DIMENSIONS})"


def test_off_leaves_suggestions_on_words_alone(monkeypatch):
    monkeypatch.setenv("FOIBOT_MEANING", "off")
    load_meaning.cache_clear()
    try:
        assert load_meaning() is None
        learned = learn([Answered("a-1", "locations of ANPR cameras", "police", "foia", frozenset({"s31"}))], {},
                        load_meaning())
        assert learned.classifier is None and learned.precedents.meaning is None
        assert [v.family for v in learned.precedents.vote("ANPR cameras on the A1")] == ["s31"]
    finally:
        load_meaning.cache_clear()


def test_a_model_that_cannot_load_is_logged_and_left_out(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "wordllama", None)  # import fails as if the package were missing
    load_meaning.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="foibot.suggest.meaning"):
            assert load_meaning() is None
        assert "suggestions use words alone" in caplog.text
    finally:
        load_meaning.cache_clear()


def test_precedents_find_a_request_worded_differently():
    texts = ["the locations of automatic number plate recognition cameras",
             "spending on agency social workers", "the licensing committee minutes for March"]
    query = "where is each roadside device sited"
    meanings = {texts[0]: [1.0, 0.0, 0.0], query: [1.0, 0.0, 0.0], texts[1]: [0.0, 1.0, 0.0],
                texts[2]: [0.0, 0.0, 1.0]}
    model = MeaningModel(lambda batch: [meanings[t] for t in batch])  # a stand-in model
    cited = [frozenset({"s31"}), frozenset({"s43"}), frozenset()]
    words_only = index(["p-1", "p-2", "p-3"], texts, cited)
    with_meaning = index(["p-1", "p-2", "p-3"], texts, cited, meaning=model, vectors=model.vectors(texts))
    assert words_only.nearest(query) == []
    assert with_meaning.nearest(query) == [(0, pytest.approx(MEANING_SHARE))]  # no shared word, the same meaning
    assert [v.family for v in with_meaning.vote(query)] == ["s31"]
    assert with_meaning.nearest(texts[1])[0] == (1, pytest.approx(1.0))  # the same words and meaning


def _two_groups(n: int) -> tuple[np.ndarray, list[frozenset[str]]]:
    rng = np.random.default_rng(7)
    a, b = rng.normal(size=256), rng.normal(size=256)
    rows = [(a if i % 2 else b) + rng.normal(scale=0.3, size=256) for i in range(n)]
    vectors = np.array([r / np.linalg.norm(r) for r in rows])
    return vectors, [frozenset({"s31"}) if i % 2 else frozenset({"s43"}) for i in range(n)]


def test_the_classifier_learns_which_meaning_cites_which_family():
    vectors, cited = _two_groups(family_classifier.MIN_REQUESTS)
    classifier = family_classifier.train(vectors, cited)
    assert classifier is not None and classifier.families == ("s31", "s43")
    odd, even = classifier.chances(vectors[1]), classifier.chances(vectors[0])
    assert odd["s31"] > 0.8 > 0.2 > odd["s43"]
    assert even["s43"] > 0.8 > 0.2 > even["s31"]


def test_the_classifier_is_not_learned_from_too_few_requests():
    vectors, cited = _two_groups(family_classifier.MIN_REQUESTS - 1)
    assert family_classifier.train(vectors, cited) is None


def test_a_family_cited_too_rarely_gets_no_classifier_output():
    vectors, cited = _two_groups(family_classifier.MIN_REQUESTS)
    cited[0] = cited[0] | {"s23"}
    classifier = family_classifier.train(vectors, cited)
    assert classifier is not None and "s23" not in classifier.chances(vectors[0])


def test_a_suggestion_from_meaning_says_so_and_names_what_it_learned_from(tmp_path, model):
    rt = open_runtime(tmp_path / "s.sqlite")
    try:
        s = rt.suggest("Please tell me where each of your automatic number plate recognition cameras is sited",
                       authority_type="police")
        size = rt.suggest.learned.size
        from_meaning = [e for e in s.exemptions if "requests with a similar meaning cite it about" in e.why]
        assert from_meaning, [e.why for e in s.exemptions]
        assert all(f"a model of the {size} answered requests estimates that" in e.why and "(an estimate, not a count)"
                   in e.why for e in from_meaning)
        assert s.exemptions[0].key.startswith("s31")
    finally:
        rt.store.close()


def test_nonsense_or_a_greeting_is_unlike_every_answered_request_and_gets_no_meaning_evidence(tmp_path, model):
    rt = open_runtime(tmp_path / "s.sqlite")
    try:
        precedents = rt.suggest.learned.precedents
        for text in ("Zebras quokkas xylophones", "hello", "asdf qwer zxcv"):
            assert not precedents.familiar(text)
            s = rt.suggest(text, authority_type="police")
            assert not any("similar meaning" in e.why for e in s.exemptions), text
            assert all(e.score < 50 for e in s.exemptions)  # nothing prefilled on a guess
        assert precedents.familiar("How many parking tickets did you issue in 2023?")
    finally:
        rt.store.close()


def test_the_same_answered_requests_train_one_classifier_per_process(model):
    vectors, cited = _two_groups(family_classifier.MIN_REQUESTS)
    rows = [Answered(f"r-{i}", f"request {i}", "police", "foia", c) for i, c in enumerate(cited)]
    first, again = learn(rows, {}, model), learn(rows, {}, model)
    assert first.classifier is not None and again.classifier is first.classifier
    fewer = learn(rows[:-1] + [Answered("r-x", "another request", "police", "foia", frozenset({"s31"}))], {}, model)
    assert fewer.classifier is not first.classifier
