"""The outcome names: one enum that is also the plain string slots, JSON and SQL carry."""

from __future__ import annotations

import json

from bot.outcomes import HANDOFF, OUTCOMES, OutcomeKind


def test_an_outcome_is_its_value_wherever_it_goes() -> None:
    kind = OutcomeKind.NEEDS_REVIEW
    assert kind == "needs_review" and str(kind) == "needs_review" and f"{kind}" == "needs_review"
    assert json.dumps({"outcome": kind}) == '{"outcome": "needs_review"}'
    assert {OutcomeKind.LIKELY_ELIGIBLE: "x"}.get("likely_eligible") == "x"  # a str key finds the member
    assert "not_eligible" in {OutcomeKind.NOT_ELIGIBLE}


def test_the_three_outcomes_and_the_handoff_are_distinct_names() -> None:
    assert OUTCOMES == ("likely_eligible", "not_eligible", "needs_review")
    assert HANDOFF not in OUTCOMES


def test_only_a_not_eligible_screening_stays_without_contact_details() -> None:
    assert [kind.takes_contact for kind in OutcomeKind] == [True, False, True]
