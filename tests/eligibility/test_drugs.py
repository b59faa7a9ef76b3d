"""Recent cyclophosphamide / azathioprine / tacrolimus: which, when, and the 6-month window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from bot.eligibility import Answer, CriteriaSet, evaluate, window_start

Parse = Callable[..., Answer]


def _outcome(parse: Parse, good: dict[str, Answer], criteria: CriteriaSet, text: str, today: date) -> str:
    return evaluate(criteria, {**good, "recent_drugs": parse("recent_drugs", text, today)}, today).outcome


@pytest.mark.parametrize(
    "text", ["no", "never", "No, never taken any of them", "nope", "not in the last 6 months"]
)
def test_no_recent_use_meets_exclusion_8(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date, text: str
) -> None:
    assert parse("recent_drugs", text).value["taken"] == "no"
    assert _outcome(parse, good_answers, criteria, text, today) == "likely_eligible"


@pytest.mark.parametrize(
    ("text", "drug", "earliest", "latest"),
    [
        ("yes Imurel until 2 months ago", "azathioprine", "2026-09-25", "2026-09-25"),
        ("I took Imuran last year", "azathioprine", "2025-01-01", "2025-12-31"),
        ("prograf in March", "tacrolimus", "2026-03-01", "2026-03-31"),
        ("stopped cytoxan 3 weeks ago", "cyclophosphamide", "2026-11-04", "2026-11-04"),
        ("Endoxan in 2024", "cyclophosphamide", "2024-01-01", "2024-12-31"),
        ("advagraf, last dose 03/2026", "tacrolimus", "2026-03-01", "2026-03-31"),
    ],
)
def test_which_drug_and_when_are_recorded_as_a_range(
    parse: Parse, text: str, drug: str, earliest: str, latest: str
) -> None:
    value = parse("recent_drugs", text).value
    assert value["taken"] == "yes" and value["drugs"] == [drug]
    assert value["last_taken"] == {"earliest": earliest, "latest": latest}


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("yes Imurel until 2 months ago", "not_eligible"),
        ("stopped cytoxan 3 weeks ago", "not_eligible"),
        ("still taking it", "not_eligible"),
        ("I took Imuran last year", "likely_eligible"),
        ("prograf in March", "likely_eligible"),
        ("over a year ago", "likely_eligible"),
        ("several months ago", "needs_review"),
        ("imurel, about 6 months ago", "needs_review"),
        ("yes imurel last summer", "needs_review"),
        ("not sure", "needs_review"),
        ("I think I stopped prograf 2 months ago", "needs_review"),
    ],
)
def test_example_replies_give_the_expected_outcome(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date, text: str, outcome: str
) -> None:
    assert _outcome(parse, good_answers, criteria, text, today) == outcome


def test_exactly_six_months_ago_is_inside_the_window(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    assert window_start(today, 6) == date(2026, 5, 25)
    assert _outcome(parse, good_answers, criteria, "azathioprine, 6 months ago", today) == "not_eligible"
    assert _outcome(parse, good_answers, criteria, "last took imurel on 25/05/2026", today) == "not_eligible"


def test_six_months_and_one_day_ago_is_outside_the_window(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    assert (
        _outcome(parse, good_answers, criteria, "last took imurel on 24/05/2026", today) == "likely_eligible"
    )


def test_window_start_at_month_end_uses_calendar_months() -> None:
    assert window_start(date(2026, 8, 31), 6) == date(2026, 2, 28)


def test_vague_period_straddling_the_window_start_needs_review(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet
) -> None:
    spring = date(2026, 3, 1)  # "last year" = all of 2025; the window starts 2025-09-01
    assert _outcome(parse, good_answers, criteria, "Imuran last year", spring) == "needs_review"


def test_vague_period_wholly_inside_the_window_excludes(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet
) -> None:
    summer = date(2026, 8, 15)  # the window starts 2026-02-15, all of March is inside
    assert _outcome(parse, good_answers, criteria, "prograf in March", summer) == "not_eligible"


@pytest.mark.parametrize(
    ("brand", "generic"),
    [
        ("Imurel", "azathioprine"),
        ("Imuran", "azathioprine"),
        ("Prograf", "tacrolimus"),
        ("Endoxan", "cyclophosphamide"),
    ],
)
def test_brand_and_generic_names_give_the_same_answer(parse: Parse, brand: str, generic: str) -> None:
    by_brand = parse("recent_drugs", f"{brand} until 2 months ago")
    by_generic = parse("recent_drugs", f"{generic} until 2 months ago")
    assert by_brand == by_generic
    assert by_brand.value["drugs"] == [generic]


def test_bare_yes_answers_the_question_as_asked_and_excludes(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    answer = parse("recent_drugs", "yes")
    assert answer.value == {"taken": "yes", "drugs": [], "ongoing": False, "last_taken": None}
    assert _outcome(parse, good_answers, criteria, "yes", today) == "not_eligible"


def test_when_unknown_review_sends_a_bare_yes_to_review(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    relaxed = replace(
        criteria,
        criteria=tuple(
            replace(c, rule={**c.rule, "when_unknown": "review"}) if c.id == "E8" else c
            for c in criteria.criteria
        ),
    )
    answers = {**good_answers, "recent_drugs": parse("recent_drugs", "yes")}
    assert evaluate(relaxed, answers, today).outcome == "needs_review"


def test_other_medicines_alone_are_not_the_study_medicines(parse: Parse) -> None:
    assert parse("recent_drugs", "only prednisone").value["taken"] == "no"


def test_not_taken_since_a_month_means_last_taken_that_month(parse: Parse) -> None:
    value = parse("recent_drugs", "I haven't taken it since March").value
    assert value["ongoing"] is False
    assert value["last_taken"] == {"earliest": "2026-03-01", "latest": "2026-03-31"}


def test_may_the_verb_is_not_read_as_the_month(parse: Parse) -> None:
    answer = parse("recent_drugs", "I may have taken it in june")
    assert answer.value["last_taken"]["earliest"] == "2026-06-01"
    assert answer.hedged


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("imurel until november last year", "en"),
        ("last year in march i stopped prograf", "en"),
        ("advagraf arrêté en novembre l'an dernier", "fr"),
        ("l'an dernier en septembre, endoxan", "fr"),
    ],
)
def test_a_month_of_last_year_is_in_last_year(text: str, language: str) -> None:
    """On 1 December, "November last year" is thirteen months back, not last month."""
    from datetime import date

    from bot.eligibility import default_criteria
    from bot.eligibility.answers import parse_answer
    from bot.eligibility.readings import reading

    criteria, today = default_criteria(), date(2026, 12, 1)
    answer = parse_answer("recent_drugs", text, today, criteria, language)
    assert answer.value["last_taken"]["earliest"].startswith("2025-")
    assert reading(criteria, "recent_drugs", answer, today) == "clear"
