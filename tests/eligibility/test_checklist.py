"""The numbered checklist: numbers, none, doubt, and keywords without numbers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bot.eligibility import Answer, CriteriaSet, evaluate

Parse = Callable[..., Answer]


@pytest.mark.parametrize(
    ("text", "applies", "unsure"),
    [
        ("none", [], []),
        ("no", [], []),
        ("none of them", [], []),
        ("all good", [], []),
        ("2", [2], []),
        ("1 and 3", [1, 3], []),
        ("3, 5", [3, 5], []),
        ("number 4", [4], []),
        ("no. 4", [4], []),
        ("1-3", [1, 2, 3], []),
        ("not sure about 5", [], [5]),
        ("none, but not sure about 5", [], [5]),
        ("2, maybe 5", [2], [5]),
        ("I have a fever", [1], []),
        ("I had cancer 10 years ago", [], [2]),
        ("I don't have a fever but I have cancer", [2], []),
        ("I had 3 days of IV steroids", [], [6]),
        ("all of them", [1, 2, 3, 4, 5, 6, 7], []),
    ],
)
def test_checklist_replies(parse: Parse, text: str, applies: list[int], unsure: list[int]) -> None:
    assert parse("checklist", text).value == {"applies": applies, "unsure": unsure}


@pytest.mark.parametrize("text", ["yes", "8", "purple"])
def test_replies_without_numbers_get_the_reask(parse: Parse, criteria: CriteriaSet, text: str) -> None:
    assert parse("checklist", text) == Answer(status="invalid", message=criteria.slot("checklist").reask)


@pytest.mark.parametrize(
    ("number", "criterion"),
    [(1, "E3"), (2, "E4"), (3, "E9"), (4, "E11-14"), (5, "E10"), (6, "E6"), (7, "E7")],
)
def test_each_item_excludes_with_its_own_criterion(
    parse: Parse,
    good_answers: dict[str, Answer],
    criteria: CriteriaSet,
    today: date,
    number: int,
    criterion: str,
) -> None:
    outcome = evaluate(criteria, {**good_answers, "checklist": parse("checklist", str(number))}, today)
    assert outcome.outcome == "not_eligible"
    assert [reason.criterion_id for reason in outcome.reasons] == [criterion]


def test_several_items_give_several_reasons(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    outcome = evaluate(criteria, {**good_answers, "checklist": parse("checklist", "1 and 3")}, today)
    assert [reason.criterion_id for reason in outcome.reasons] == ["E3", "E9"]


def test_unsure_item_needs_review_for_that_item_only(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    outcome = evaluate(criteria, {**good_answers, "checklist": parse("checklist", "not sure about 5")}, today)
    assert outcome.outcome == "needs_review"
    assert [reason.criterion_id for reason in outcome.unknowns] == ["E10"]


def test_not_sure_about_all_of_them_reviews_every_item(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    outcome = evaluate(criteria, {**good_answers, "checklist": parse("checklist", "not sure")}, today)
    assert outcome.outcome == "needs_review"
    assert len(outcome.unknowns) == 7
