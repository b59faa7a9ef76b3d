"""The answer-type registry: one entry per kind of answer, used by every reader and evaluator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from bot.eligibility import Answer, CriteriaError, CriteriaSet, evaluate, load_criteria, parse_answer
from bot.eligibility.answer_types import ANSWER_TYPES, REGISTRY, answer_type
from bot.eligibility.readings import reading
from bot.eligibility.volunteered import volunteered_answers

TODAY = date(2026, 11, 25)
NEW_SLOT = {
    "slot": "near_paris",
    "answer_type": "yes_no",
    "question": "Do you live within 2 hours of Paris?",
    "topic": "Living near Paris",
    "reask": "Sorry, I didn't get that. Please answer yes or no.",
}
NEW_CRITERION = {
    "id": "I10",
    "kind": "inclusion",
    "slot": "near_paris",
    "label": "Lives within 2 hours of Paris",
    "why": "The study visits are in Paris.",
    "rule": {"exclude_if": "no"},
    "not_eligible_text": "The study can only include people who live within 2 hours of Paris.",
    "source": "study-record.txt: Inclusion 10",
}


@pytest.fixture
def with_new_question(raw_criteria: dict[str, Any], write_criteria: Callable[..., Any]) -> CriteriaSet:
    raw_criteria["slots"].append(NEW_SLOT)
    raw_criteria["criteria"].append(NEW_CRITERION)
    return load_criteria(write_criteria(raw_criteria))


def test_every_question_of_the_real_file_has_a_registered_answer_type(criteria: CriteriaSet) -> None:
    assert {spec.answer_type for spec in criteria.slots} == set(ANSWER_TYPES)


def test_an_unregistered_answer_type_names_the_registry_to_extend() -> None:
    with pytest.raises(KeyError, match=r"answer_types\.py REGISTRY"):
        answer_type("postcode")


def test_the_loader_refuses_a_question_whose_type_has_no_reader(
    raw_criteria: dict[str, Any], write_criteria: Callable[..., Any]
) -> None:
    raw_criteria["slots"].append({**NEW_SLOT, "answer_type": "postcode"})
    raw_criteria["criteria"].append(NEW_CRITERION)
    with pytest.raises(CriteriaError, match=r"slot 'near_paris': answer_type must be one of"):
        load_criteria(write_criteria(raw_criteria))


def test_only_the_checklist_has_numbered_items_and_only_the_age_is_a_number() -> None:
    assert [name for name, kind in REGISTRY.items() if kind.itemised] == ["checklist"]
    assert [name for name, kind in REGISTRY.items() if kind.whole_number] == ["age"]


def test_a_yes_no_question_added_as_data_is_read_and_evaluated(with_new_question: CriteriaSet) -> None:
    no = parse_answer("near_paris", "no, I live in Marseille", TODAY, with_new_question)
    assert no.status == "ok" and no.value == "no"
    assert reading(with_new_question, "near_paris", no, TODAY) == "no"
    outcome = evaluate(with_new_question, {"near_paris": no}, TODAY)
    assert outcome.outcome == "not_eligible" and outcome.criterion_ids[0] == "I10"
    unreadable = parse_answer("near_paris", "purple monkey", TODAY, with_new_question)
    assert unreadable.status == "invalid" and unreadable.message == NEW_SLOT["reask"]


def test_a_new_yes_no_question_is_never_answered_from_a_story(with_new_question: CriteriaSet) -> None:
    """Only questions whose words are known (statements.YES_NO_SAID) take answers from a story."""
    found = volunteered_answers(["yes I'm 54 and yes we live near Paris"], TODAY, with_new_question)
    assert "near_paris" not in found and found["age"].value == 54


def test_an_unsure_answer_is_unknown_for_every_criterion_but_a_checklist_item(criteria: CriteriaSet) -> None:
    from bot.eligibility import check

    unsure = Answer(status="unsure", value={"applies": [], "unsure": []}, hedged=False)
    for criterion in criteria.criteria:
        if criterion.slot is None:
            continue
        itemised = answer_type(criteria.slot(criterion.slot).answer_type).itemised
        assert check(criteria, criterion, unsure, TODAY) == ("meets" if itemised else "unknown")
