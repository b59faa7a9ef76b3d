"""How a simulated patient's stored lead is checked against its profile (no stack started)."""

from __future__ import annotations

from bot.eligibility import default_criteria
from bot.runtime.simulated_patient import Played, check

ANTIBODY_LABEL = next(c.label for c in default_criteria().criteria_for("antibody"))
PROFILE = {
    "expect": {
        "outcome": "not_eligible",
        "answers": {"age": 54, "social_security": "yes", "antibody": "none"},  # only the antibody fails
        "contact_stored": False,
    }
}


def _checked(reasons: list[str]) -> list[str]:
    played = Played("p")
    check(played, PROFILE, {"outcome": "not_eligible", "reasons": reasons})
    return played.problems


def test_a_not_eligible_lead_must_give_the_failing_answer_as_its_reason() -> None:
    assert _checked([ANTIBODY_LABEL]) == []
    assert _checked(["Some other reason"]) == ["antibody: not among the reasons ['Some other reason']"]


def test_answers_that_rule_no_one_out_are_not_asked_of_the_reasons() -> None:
    assert not any(problem.startswith(("age", "social_security")) for problem in _checked([]))
