"""Which words make a request environmental. "waste", "environment" and "climate" alone do not: "did the council
waste money", "the Environment Agency" and a campaign group's name are not environmental information, and a request
about them is drafted under the Act (tryout 11: covert policing of a "Climate Action group" was drafted under the
EIR). The same words in an environmental sense still send the request to the EIR."""

from __future__ import annotations

from pathlib import Path

import pytest

from foibot.surfaces.runtime import open_runtime

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rt(tmp_path_factory):
    runtime = open_runtime(tmp_path_factory.mktemp("env") / "e.sqlite", ROOT)
    yield runtime
    runtime.store.close()


@pytest.mark.parametrize("request_text", [
    "Please tell me whether you have used covert human intelligence sources or undercover officers to infiltrate the "
    "Wessexton Climate Action group since 2025, and if so how many.",
    "How much did the council waste on agency staff last year?",
    "How many meetings did you have with the Environment Agency about staffing?",
    "What did the staff survey say about the working environment in the control room?",
    "Was there a climate of fear in the finance team, as the whistleblower said?",
])
def test_a_request_that_only_uses_the_words_is_drafted_under_the_act(rt, request_text):
    found = rt.suggest(request_text)
    assert found.regime == "foia"
    assert not [s for s in found.exemptions[:3] if s.key.startswith("r")]
    assert "environmental-information" not in [i.key for i in found.intents]


@pytest.mark.parametrize("request_text", [
    "How much household waste did the council send to landfill in 2027?",
    "Every document you hold about the waste permit for the Hartland site.",
    "What impact will the new bypass have on the environment?",
    "Please send me the council's climate action plan and its progress report on the climate emergency.",
    "Where is the intermediate level radioactive waste stored on the site?",
])
def test_the_same_words_in_an_environmental_sense_still_send_it_to_the_eir(rt, request_text):
    found = rt.suggest(request_text)
    assert found.regime == "eir"
    assert found.exemptions and all(s.key.startswith("r") for s in found.exemptions[:3])
