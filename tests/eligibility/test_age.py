"""Age replies: digits, words, birth years, and kind re-asks for anything that is not an age."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bot.eligibility import Answer, CriteriaSet, evaluate

Parse = Callable[..., Answer]


@pytest.mark.parametrize(
    "text",
    ["54", "I'm fifty-four", "fifty four", "54 years old", "54yo", "age 54", "Fifty-Four", "I am 54."],
)
def test_age_phrasings_read_as_54(parse: Parse, text: str) -> None:
    assert parse("age", text) == Answer(status="ok", value=54)


@pytest.mark.parametrize(
    "text", ["abc", "200", "-3", "0", "121", "", "   ", "minus five", "I'd rather not say"]
)
def test_unusable_age_gets_a_reask_saying_what_is_needed(
    parse: Parse, criteria: CriteriaSet, text: str
) -> None:
    answer = parse("age", text)
    assert answer.status == "invalid"
    assert answer.message == criteria.slot("age").reask
    assert "age in years" in answer.message


@pytest.mark.parametrize(
    "text",
    ["diagnosed 3 years ago, I'm 54", "been ill for 5 years, im 54", "born 24/11/1972, 3 kids", "54 now"],
)
def test_a_time_span_or_a_date_in_figures_is_not_the_age(parse: Parse, text: str) -> None:
    assert parse("age", text).value == 54


def test_born_in_a_year_gives_this_year_minus_that_year(parse: Parse) -> None:
    assert parse("age", "born in 1971") == Answer(status="ok", value=55, hedged=True)


def test_full_birth_date_gives_an_exact_age(parse: Parse) -> None:
    assert parse("age", "I was born on 26 November 1971") == Answer(status="ok", value=54)
    assert parse("age", "born on 25 November 1971") == Answer(status="ok", value=55)


def test_born_in_a_future_year_is_refused(parse: Parse) -> None:
    assert parse("age", "born in 2030").status == "invalid"


def test_age_17_is_not_eligible(parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet) -> None:
    outcome = evaluate(criteria, {**good_answers, "age": parse("age", "17")}, date(2026, 11, 25))
    assert outcome.outcome == "not_eligible"
    assert [reason.criterion_id for reason in outcome.reasons] == ["I1"]


def test_age_18_meets_the_minimum(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet
) -> None:
    outcome = evaluate(criteria, {**good_answers, "age": parse("age", "18")}, date(2026, 11, 25))
    assert outcome.outcome == "likely_eligible"


def test_birth_year_giving_exactly_18_needs_review_because_the_birthday_may_be_ahead(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    outcome = evaluate(criteria, {**good_answers, "age": parse("age", "born in 2008")}, today)
    assert outcome.outcome == "needs_review"
    assert [reason.criterion_id for reason in outcome.unknowns] == ["I1"]


def test_birth_year_giving_17_is_under_18_either_way(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    outcome = evaluate(criteria, {**good_answers, "age": parse("age", "born in 2009")}, today)
    assert outcome.outcome == "not_eligible"


def test_birth_year_giving_19_is_old_enough(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    outcome = evaluate(criteria, {**good_answers, "age": parse("age", "born in 2007")}, today)
    assert outcome.outcome == "likely_eligible"


def test_numbers_that_are_not_years_are_skipped(parse: Parse) -> None:
    assert parse("age", "I weigh 70 kg and I'm 54").value == 54
