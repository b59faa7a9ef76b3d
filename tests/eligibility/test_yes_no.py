"""Yes / no / not sure questions, with lay spellings and each slot's own phrases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bot.eligibility import Answer, CriteriaSet, evaluate

Parse = Callable[..., Answer]
YES_NO_SLOTS = [
    "ild_on_ct",
    "drug_failed_before",
    "pregnancy",
    "lung_function",
    "social_security",
    "contraception",
]


@pytest.mark.parametrize(
    "text", ["yes", "Yes!", "yep", "yeah", "yup", "sure", "yes i am", "Correct", "absolutely"]
)
def test_lay_yes_reads_as_yes(parse: Parse, text: str) -> None:
    assert parse("ild_on_ct", text) == Answer(status="ok", value="yes")


@pytest.mark.parametrize("text", ["no", "No.", "nope", "nah", "never", "no it didn't", "negative"])
def test_lay_no_reads_as_no(parse: Parse, text: str) -> None:
    assert parse("ild_on_ct", text) == Answer(status="ok", value="no")


@pytest.mark.parametrize(
    "text", ["not sure", "I don't know", "i dont know", "idk", "maybe", "no idea", "can't remember", "dunno"]
)
@pytest.mark.parametrize("slot", YES_NO_SLOTS)
def test_doubt_reads_as_unsure_in_every_yes_no_slot(parse: Parse, slot: str, text: str) -> None:
    assert parse(slot, text).status == "unsure"


@pytest.mark.parametrize(
    ("text", "value"), [("not that i know", "no"), ("I think so", "yes"), ("probably not", "no")]
)
def test_hedged_answers_are_marked_hedged(parse: Parse, text: str, value: str) -> None:
    assert parse("ild_on_ct", text) == Answer(status="ok", value=value, hedged=True)


def test_a_yes_with_a_condition_is_a_hedged_yes_and_a_refused_condition_a_no(parse: Parse) -> None:
    conditional = parse("contraception", "yes as long as im not pregnant")
    assert conditional == Answer(status="ok", value="yes", hedged=True)
    assert parse("contraception", "not if it means stopping my inhaler").value == "no"
    assert parse("contraception", "no if it means the pill") == Answer(status="ok", value="no", hedged=True)


@pytest.mark.parametrize("text", ["purple", "?", "blue sky", ""])
def test_unrelated_text_gets_the_slot_reask(parse: Parse, criteria: CriteriaSet, text: str) -> None:
    assert parse("social_security", text) == Answer(
        status="invalid", message=criteria.slot("social_security").reask
    )


@pytest.mark.parametrize("text", ["no", "I'm not pregnant", "nope, not breastfeeding either"])
def test_not_pregnant_reads_as_no(parse: Parse, text: str) -> None:
    assert parse("pregnancy", text).value == "no"


@pytest.mark.parametrize("text", ["not applicable", "I'm a man", "n/a", "N/A", "post-menopausal", "male"])
def test_pregnancy_question_not_applying_reads_not_applicable(parse: Parse, text: str) -> None:
    assert parse("pregnancy", text).value == "not_applicable"


@pytest.mark.parametrize("text", ["yes", "I'm pregnant", "breastfeeding", "yes, I'm breast feeding"])
def test_pregnant_or_breastfeeding_reads_as_yes(parse: Parse, text: str) -> None:
    assert parse("pregnancy", text).value == "yes"


def test_pregnancy_excludes_with_exclusion_1(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    outcome = evaluate(criteria, {**good_answers, "pregnancy": parse("pregnancy", "yes")}, today)
    assert outcome.outcome == "not_eligible"
    assert outcome.reasons[0].criterion_id == "E1"
    assert "Exclusion 1" in outcome.reasons[0].source


@pytest.mark.parametrize(
    ("text", "value"), [("yes it didn't work", "yes"), ("it worked", "no"), ("it never worked", "yes")]
)
def test_failed_medicine_phrases(parse: Parse, text: str, value: str) -> None:
    assert parse("drug_failed_before", text).value == value


def test_contraception_not_applicable_stays_not_applicable_and_does_not_exclude(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    answer = parse("contraception", "not applicable")
    assert answer.value == "not_applicable"
    assert evaluate(criteria, {**good_answers, "contraception": answer}, today).outcome == "likely_eligible"


@pytest.mark.parametrize(
    ("slot", "text", "criterion"),
    [
        ("ild_on_ct", "no", "I5"),
        ("drug_failed_before", "yes", "E5"),
        ("lung_function", "no", "I6"),
        ("social_security", "no", "I3"),
        ("contraception", "no", "I8-9"),
    ],
)
def test_clear_failing_answer_excludes_with_its_criterion(
    parse: Parse,
    good_answers: dict[str, Answer],
    criteria: CriteriaSet,
    today: date,
    slot: str,
    text: str,
    criterion: str,
) -> None:
    outcome = evaluate(criteria, {**good_answers, slot: parse(slot, text)}, today)
    assert outcome.outcome == "not_eligible"
    assert [reason.criterion_id for reason in outcome.reasons] == [criterion]


def test_hedged_no_to_an_inclusion_goes_to_review_not_exclusion(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    outcome = evaluate(criteria, {**good_answers, "ild_on_ct": parse("ild_on_ct", "not that I know")}, today)
    assert outcome.outcome == "needs_review"


def test_social_security_not_covered_reads_as_no(parse: Parse) -> None:
    assert parse("social_security", "I'm not covered").value == "no"
    assert parse("social_security", "yes I have a carte vitale").value == "yes"
