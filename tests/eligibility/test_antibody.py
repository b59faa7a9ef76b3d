"""Antibody replies: the five names in any spelling, none, doubt, and a bare yes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bot.eligibility import Answer, CriteriaSet, evaluate

Parse = Callable[..., Answer]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jo-1", "Jo-1"),
        ("anti-Jo1", "Jo-1"),
        ("it was jo 1", "Jo-1"),
        ("PL7", "PL-7"),
        ("anti PL-12", "PL-12"),
        ("EJ", "EJ"),
        ("anti-OJ positive", "OJ"),
    ],
)
def test_any_spelling_of_the_five_antibodies_is_positive(parse: Parse, text: str, name: str) -> None:
    assert parse("antibody", text) == Answer(status="ok", value={"result": "positive", "names": [name]})


@pytest.mark.parametrize("text", ["none", "negative", "None of these", "no"])
def test_none_of_the_five_is_not_eligible_with_inclusion_4(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date, text: str
) -> None:
    answer = parse("antibody", text)
    assert answer.value == {"result": "negative", "names": []}
    outcome = evaluate(criteria, {**good_answers, "antibody": answer}, today)
    assert outcome.outcome == "not_eligible"
    assert outcome.reasons[0].criterion_id == "I4"


@pytest.mark.parametrize(
    "text", ["not sure", "don't know", "I think so", "never been tested", "Jo-1 or PL-7, not sure"]
)
def test_doubt_about_the_antibody_needs_review(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date, text: str
) -> None:
    answer = parse("antibody", text)
    assert answer.status == "unsure"
    assert evaluate(criteria, {**good_answers, "antibody": answer}, today).outcome == "needs_review"


def test_bare_yes_counts_as_positive_with_the_name_unknown(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    answer = parse("antibody", "yes")
    assert answer == Answer(status="ok", value={"result": "positive", "names": []})
    assert evaluate(criteria, {**good_answers, "antibody": answer}, today).outcome == "likely_eligible"


def test_another_myositis_antibody_alone_reads_none_of_the_five(parse: Parse) -> None:
    answer = parse("antibody", "mine is anti-TIF1")
    assert answer.status == "ok" and answer.value["result"] == "negative"


def test_an_antibody_we_do_not_know_gets_the_reask(parse: Parse, criteria: CriteriaSet) -> None:
    assert parse("antibody", "XYZ7") == Answer(status="invalid", message=criteria.slot("antibody").reask)
