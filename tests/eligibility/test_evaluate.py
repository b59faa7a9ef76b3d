"""Outcomes, the order of questions, stopping at the first exclusion, and the texts shown."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from bot.eligibility import Answer, CriteriaSet, evaluate, first_exclusion, next_slot

from .conftest import GOOD_REPLIES

Parse = Callable[..., Answer]
FORBIDDEN = re.compile(r"you are eligible|you're eligible|enrolled", re.IGNORECASE)


def test_all_good_answers_are_likely_eligible_with_may_wording(
    good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    outcome = evaluate(criteria, good_answers, today)
    assert outcome.outcome == "likely_eligible"
    assert outcome.reasons == () and outcome.unknowns == ()
    assert "may be able to take part" in outcome.message()
    assert "coordinator" in outcome.message()
    assert outcome.criteria_version == criteria.version


@pytest.mark.parametrize("slot", list(GOOD_REPLIES))
def test_not_sure_in_any_slot_needs_review_and_is_never_forced(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date, slot: str
) -> None:
    outcome = evaluate(criteria, {**good_answers, slot: parse(slot, "not sure")}, today)
    assert outcome.outcome == "needs_review"
    assert outcome.unknowns and {reason.slot for reason in outcome.unknowns} == {slot}
    assert outcome.unknowns[0].label in outcome.message()


def test_missing_answers_are_unknown_not_assumed(
    good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    answers = {slot: answer for slot, answer in good_answers.items() if slot != "lung_function"}
    outcome = evaluate(criteria, answers, today)
    assert outcome.outcome == "needs_review"
    assert [reason.criterion_id for reason in outcome.unknowns] == ["I6"]


def test_an_exclusion_wins_over_unknowns(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    answers = {
        **good_answers,
        "pregnancy": parse("pregnancy", "yes"),
        "lung_function": parse("lung_function", "idk"),
    }
    outcome = evaluate(criteria, answers, today)
    assert outcome.outcome == "not_eligible"
    assert [r.criterion_id for r in outcome.reasons] == ["E1"]
    assert [r.criterion_id for r in outcome.unknowns] == ["I6"]


def test_not_eligible_message_says_which_rule_why_and_what_to_do_instead(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    outcome = evaluate(criteria, {**good_answers, "social_security": parse("social_security", "no")}, today)
    message = outcome.message()
    criterion = next(c for c in criteria.criteria if c.id == "I3")
    assert criterion.not_eligible_text in message and criterion.why in message
    assert "your own doctor" in message and "trial finder" in message
    assert outcome.criterion_ids == ("I3",)


@pytest.mark.parametrize("slot", list(GOOD_REPLIES))
@pytest.mark.parametrize("reply", ["yes", "no", "not sure", "17", "none", "1 and 3", "still taking it"])
def test_outcome_texts_never_promise_a_place(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date, slot: str, reply: str
) -> None:
    outcome = evaluate(criteria, {**good_answers, slot: parse(slot, reply)}, today)
    assert not FORBIDDEN.search(outcome.message())


def test_next_slot_asks_in_order_one_at_a_time(
    good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    answers: dict[str, Answer] = {}
    asked = []
    while (slot := next_slot(criteria, answers, today)) is not None:
        asked.append(slot)
        answers[slot] = good_answers[slot]
    assert asked == list(criteria.slot_names)


def test_next_slot_asks_again_after_an_invalid_answer(
    parse: Parse, criteria: CriteriaSet, today: date
) -> None:
    assert next_slot(criteria, {"age": parse("age", "abc")}, today) == "age"


def test_next_slot_stops_at_the_first_hard_exclusion(
    parse: Parse, criteria: CriteriaSet, today: date
) -> None:
    answers = {"age": parse("age", "54"), "antibody": parse("antibody", "none")}
    assert next_slot(criteria, answers, today) is None
    reason = first_exclusion(criteria, answers, today)
    assert reason is not None and reason.criterion_id == "I4"


def test_unsure_answers_do_not_stop_the_form(parse: Parse, criteria: CriteriaSet, today: date) -> None:
    answers = {
        "age": parse("age", "54"),
        "social_security": parse("social_security", "yes"),
        "antibody": parse("antibody", "not sure"),
    }
    assert first_exclusion(criteria, answers, today) is None
    assert next_slot(criteria, answers, today) == "ild_on_ct"


def test_first_exclusion_follows_question_order(
    parse: Parse, good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    answers = {**good_answers, "contraception": parse("contraception", "no"), "age": parse("age", "16")}
    reason = first_exclusion(criteria, answers, today)
    assert reason is not None and reason.criterion_id == "I1"


def test_evaluate_is_pure_and_repeatable(
    good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    assert evaluate(criteria, good_answers, today) == evaluate(criteria, dict(good_answers), today)


def test_answers_survive_a_round_trip_through_a_dict(good_answers: dict[str, Answer]) -> None:
    for answer in good_answers.values():
        assert Answer.from_dict(answer.to_dict()) == answer


def test_a_corrupt_stored_answer_is_unknown_not_a_crash(
    good_answers: dict[str, Answer], criteria: CriteriaSet, today: date
) -> None:
    broken = Answer(status="ok", value={"taken": "yes", "last_taken": {"latest": "not a date"}})
    outcome = evaluate(criteria, {**good_answers, "recent_drugs": broken}, today)
    assert outcome.outcome == "needs_review"


def test_from_dict_refuses_an_unknown_status() -> None:
    with pytest.raises(ValueError, match="status"):
        Answer.from_dict({"status": "great"})
