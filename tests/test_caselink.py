"""The register's outcome for a request answered as a whole or part by part."""

import pytest

from foibot.conversation.caselink import overall_outcome


@pytest.mark.parametrize(("answers", "expected"), [
    ({"held": "yes", "disclosure": "full"}, "granted"),
    ({"held": "partly", "disclosure": "partial"}, "partially_granted"),
    ({"held": "no"}, "not_held"),
    ({"held": "ncnd"}, "ncnd"),
    ({"held": "yes"}, None),  # disclosure not answered yet
    ({"parts": [{"held": "yes", "disclosure": "full"}, {"held": "yes", "disclosure": "full"}]}, "granted"),
    ({"parts": [{"held": "yes", "disclosure": "full"}, {"held": "no"}]}, "partially_granted"),
    ({"parts": [{"held": "yes", "disclosure": "none"}, {"held": "no"}]}, "refused"),
    ({"parts": [{"held": "no"}, {"held": "no"}]}, "not_held"),
    ({"parts": [{"held": "ncnd"}, {"held": "no"}]}, "ncnd"),
    ({"parts": [{"held": "yes", "disclosure": "full"}, {"held": "ncnd"}]}, "partially_granted"),
    ({"parts": [{"held": "yes", "disclosure": "full"}, {}]}, None),  # a part still unanswered
    ({"held": "yes", "disclosure": "full", "parts": [{"text": "a"}, {"text": "b"}]}, "granted"),  # same for all
])
def test_overall_outcome(answers, expected):
    assert overall_outcome(answers) == expected
