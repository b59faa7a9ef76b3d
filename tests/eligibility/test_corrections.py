"""Corrections mid-way ("actually I'm 45") update the earlier slot; other messages are left alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bot.eligibility import Answer, CriteriaSet, detect_correction, parse_answer
from bot.eligibility.corrections import corrections_before_the_answer


@pytest.mark.parametrize(
    "text", ["actually I'm 45", "sorry, I meant 45", "Sorry I meant 45 years old", "wait, I'm 45"]
)
def test_age_corrections(criteria: CriteriaSet, today: date, text: str) -> None:
    assert detect_correction(text, today, criteria) == ("age", Answer(status="ok", value=45))


def test_pregnancy_correction(criteria: CriteriaSet, today: date) -> None:
    assert detect_correction("wait, I'm not pregnant", today, criteria) == (
        "pregnancy",
        Answer(status="ok", value="no"),
    )


def test_antibody_correction_uses_the_entity_ruler(criteria: CriteriaSet, today: date) -> None:
    slot, answer = detect_correction("actually it was anti-PL7", today, criteria) or ("", None)
    assert slot == "antibody" and answer is not None and answer.value["names"] == ["PL-7"]


def test_drug_correction_goes_to_recent_drugs(criteria: CriteriaSet, today: date) -> None:
    slot, answer = detect_correction("actually I stopped Imurel 8 months ago", today, criteria) or ("", None)
    assert slot == "recent_drugs" and answer is not None and answer.value["drugs"] == ["azathioprine"]


def test_failed_drug_correction_wins_over_the_drug_name(criteria: CriteriaSet, today: date) -> None:
    result = detect_correction("actually Imurel didn't work for me", today, criteria)
    assert result == ("drug_failed_before", Answer(status="ok", value="yes"))


def test_checklist_correction_by_keyword(criteria: CriteriaSet, today: date) -> None:
    result = detect_correction("wait, I do have a fever", today, criteria)
    assert result == ("checklist", Answer(status="ok", value={"applies": [1], "unsure": []}))


@pytest.mark.parametrize(
    "text", ["I'm 45", "actually I don't know", "actually no", "sorry", "wait", "", "actually purple", "45"]
)
def test_messages_that_are_not_clear_corrections_are_left_alone(
    criteria: CriteriaSet, today: date, text: str
) -> None:
    assert detect_correction(text, today, criteria) is None


def test_a_bare_number_that_answers_the_current_checklist_is_not_an_age(
    criteria: CriteriaSet, today: date
) -> None:
    assert detect_correction("sorry, I meant 4", today, criteria, current_slot="checklist") is None
    assert detect_correction("sorry, I meant 4", today, criteria) is None  # 4 is no adult's age


def test_an_age_correction_still_works_while_on_the_checklist(criteria: CriteriaSet, today: date) -> None:
    result = detect_correction("actually I'm 45", today, criteria, current_slot="checklist")
    assert result == ("age", Answer(status="ok", value=45))


def test_a_checklist_correction_keeps_the_items_it_does_not_mention(
    parse: Callable[..., Answer], criteria: CriteriaSet, today: date
) -> None:
    previous = {"checklist": parse("checklist", "3, not sure about 5")}
    result = detect_correction("wait, I do have a fever", today, criteria, previous=previous)
    assert result == ("checklist", Answer(status="ok", value={"applies": [1, 3], "unsure": [5]}))
    result = detect_correction("actually no fever", today, criteria, previous={"checklist": result[1]})
    assert result == ("checklist", Answer(status="ok", value={"applies": [3], "unsure": [5]}))


def test_a_pregnancy_correction_wins_while_on_the_checklist(criteria: CriteriaSet, today: date) -> None:
    result = detect_correction("wait, I'm not pregnant", today, criteria, current_slot="checklist")
    assert result == ("pregnancy", Answer(status="ok", value="no"))


@pytest.mark.parametrize(
    ("text", "language", "given", "fixed"),
    [
        ("sorry typo, I'm 56 not 65. and yes I have a carte vitale", "en", "65", 56),
        ("pardon, j'ai 61 ans pas 67, faute de frappe. oui j'ai la sécu", "fr", "67", 61),
    ],
)
def test_a_sentence_fixing_the_age_comes_apart_from_the_answer_after_it(
    criteria: CriteriaSet, today: date, text: str, language: str, given: str, fixed: int
) -> None:
    previous = {"age": parse_answer("age", given, today, criteria, language)}
    fixes, rest = corrections_before_the_answer(text, today, criteria, "social_security", previous, language)
    assert {slot: answer.value for slot, answer in fixes.items()} == {"age": fixed}
    assert parse_answer("social_security", rest, today, criteria, language).value == "yes"


def test_one_sentence_is_left_to_the_question_it_answers(criteria: CriteriaSet, today: date) -> None:
    previous = {"age": parse_answer("age", "65", today, criteria)}
    text = "yes I have a carte vitale"
    assert corrections_before_the_answer(text, today, criteria, "social_security", previous) == ({}, text)


def test_denying_the_age_given_is_an_age_correction_whatever_else_it_reads_as(
    criteria: CriteriaSet, today: date
) -> None:
    previous = {"age": parse_answer("age", "67", today, criteria, "fr")}
    found = detect_correction("pardon j'ai 61 ans pas 67", today, criteria, "social_security", previous, "fr")
    assert found is not None and found[0] == "age" and found[1].value == 61
