"""The answer decision: answer only when sure, offer the likeliest topics when close, else say so."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.answering import Reading, Thresholds, decide, load_answering, parse_answering
from bot.content.loader import ContentError

THRESHOLDS = Thresholds(answer=0.5, margin=0.1, offer=0.1, max_offers=3)


def _faq(*answers: tuple[str, float], faq: float = 0.9, intent: str = "faq") -> Reading:
    return Reading(intent=intent, intent_confidence=faq, answers=answers, faq_confidence=faq)


def test_a_sure_answer_is_given() -> None:
    decision = decide(_faq(("duration", 0.9), ("visits", 0.05)), THRESHOLDS)
    assert (decision.kind, decision.entry_id) == ("answer", "duration")


def test_two_close_answers_are_offered_as_choices_not_guessed() -> None:
    decision = decide(_faq(("duration", 0.48), ("visits", 0.45), ("cost", 0.02)), THRESHOLDS)
    assert decision.kind == "not_sure"
    assert decision.candidates == ("duration", "visits")


def test_a_weak_study_question_is_not_answered_even_when_its_best_answer_stands_out() -> None:
    decision = decide(_faq(("duration", 0.9), ("visits", 0.05), faq=0.4), THRESHOLDS)
    assert decision.kind == "not_sure" and decision.candidates == ("duration",)


def test_nothing_close_enough_means_i_dont_know() -> None:
    decision = decide(_faq(("duration", 0.2), ("visits", 0.2), faq=0.3), THRESHOLDS)
    assert decision.kind == "dont_know"


def test_at_most_max_offers_topics_are_offered() -> None:
    answers = tuple((f"e{i}", 0.24) for i in range(5))
    assert len(decide(_faq(*answers), THRESHOLDS).candidates) == 3


def test_other_intents_are_left_to_rasa() -> None:
    reading = Reading(
        intent="greet", intent_confidence=0.99, answers=(("duration", 0.9),), faq_confidence=0.01
    )
    assert decide(reading, THRESHOLDS).kind == "other"


def test_rasa_fallback_with_a_study_question_as_best_guess_offers_it() -> None:
    reading = Reading(
        intent="nlu_fallback", intent_confidence=0.4, answers=(("cost", 0.8),), faq_confidence=0.4
    )
    decision = decide(reading, THRESHOLDS)
    assert decision.kind == "not_sure" and decision.candidates == ("cost",)


def test_the_real_answering_file_loads(content_dir: Path) -> None:
    config = load_answering(content_dir)
    assert 0 < config.thresholds.offer < config.thresholds.answer <= 1
    assert "{topics}" in config.texts["also_asked"]


def test_a_broken_answering_file_names_every_mistake(content_dir: Path) -> None:
    document = yaml.safe_load((content_dir / "answering.yml").read_text(encoding="utf-8"))
    document["thresholds"]["answer"] = 1.5
    document["texts"]["also_asked"] = "You also asked."
    with pytest.raises(ContentError) as error:
        parse_answering(document, "answering.yml")
    assert error.value.problems == [
        "thresholds.answer must be a number from 0 to 1, got 1.5",
        "texts.also_asked must contain {topics} (where the topic names go)",
    ]


def test_the_lexical_share_must_be_a_weight_from_0_to_1(content_dir: Path) -> None:
    document = yaml.safe_load((content_dir / "answering.yml").read_text(encoding="utf-8"))
    assert 0 <= parse_answering(document).lexical_share <= 1
    document["lexical_share"] = 2
    with pytest.raises(ContentError) as error:
        parse_answering(document, "answering.yml")
    assert error.value.problems == ["lexical_share must be a number from 0 to 1, got 2"]
