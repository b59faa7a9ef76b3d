"""The threshold and share recommendation: most right answers under the wrong-answer target, and
between shares within one question of each other, the smaller share (both readers keep a say)."""

from __future__ import annotations

from bot.content.answering import Reading, Thresholds
from bot.runtime.answer_scoring import Question
from bot.runtime.calibrate_answers import Case, Point, blended, recommend

BASE = Thresholds(answer=0.5, margin=0.0, offer=0.1)


def _point(share: float, answer: float, correct: float, wrong: float) -> Point:
    return Point(Thresholds(answer, 0.0, 0.1), correct, 1 - correct - wrong, wrong, share)


def test_the_most_right_answers_under_the_wrong_target_win() -> None:
    points = [_point(0.5, 0.3, 0.80, 0.04), _point(0.5, 0.6, 0.70, 0.02), _point(0.5, 0.8, 0.60, 0.01)]
    assert recommend(points, 100).thresholds.answer == 0.6


def test_a_share_better_by_one_question_only_is_a_tie_and_the_smaller_share_wins() -> None:
    points = [_point(1.0, 0.5, 0.71, 0.02), _point(0.6, 0.5, 0.70, 0.02), _point(0.3, 0.5, 0.60, 0.02)]
    assert recommend(points, 100).share == 0.6
    assert recommend(points, 1000).share == 1.0  # with 1,000 questions one point is ten of them


def test_when_no_pair_meets_the_target_the_fewest_wrong_answers_decide() -> None:
    points = [_point(0.5, 0.3, 0.90, 0.08), _point(0.5, 0.7, 0.60, 0.04)]
    assert recommend(points, 100).thresholds.answer == 0.7


def test_blending_mixes_each_reading_with_the_lexical_ranking_of_its_own_text() -> None:
    whole = Reading("faq", 0.9, (("cost", 0.6), ("visits", 0.4)), 0.9)
    part = Reading("faq", 0.9, (("visits", 0.9), ("cost", 0.1)), 0.9)
    case = Case(Question("how much. how often?", "cost"), whole, (("how often?", part),))
    ranks = {"how much. how often?": {"visits": 1.0}, "how often?": {"cost": 1.0}}
    [mixed] = blended([case], ranks, 0.5)
    assert mixed.whole.answers[0] == ("visits", 0.7)
    assert mixed.parts[0][1].answers[0] == ("cost", 0.55)
    assert blended([case], ranks, 0.0)[0].whole is whole
