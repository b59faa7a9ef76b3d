"""A message the safety layer found ordinary, which DIET read as a safety intent, is read as its
likeliest ordinary intent only when that one is sure enough; else as Rasa's own fallback."""

from __future__ import annotations

import pytest

from rasa_addons.safety_hook import fallback_threshold, without_safety_intents


def _parse(*ranking: tuple[str, float]) -> dict:
    return {
        "intent": {"name": ranking[0][0], "confidence": ranking[0][1]},
        "intent_ranking": [{"name": name, "confidence": confidence} for name, confidence in ranking],
    }


def test_a_sure_runner_up_is_taken() -> None:
    parsed = without_safety_intents(_parse(("emergency", 0.4), ("faq", 0.55), ("greet", 0.05)), 0.45)
    assert parsed["intent"] == {"name": "faq", "confidence": 0.55}


def test_a_weak_runner_up_is_not_acted_on() -> None:
    parsed = without_safety_intents(
        _parse(("emergency", 0.66), ("bot_challenge", 0.2), ("inform", 0.07)), 0.45
    )
    assert parsed["intent"]["name"] == "nlu_fallback"


def test_every_safety_intent_is_passed_over() -> None:
    ranking = (("medical_advice", 0.5), ("self_harm", 0.3), ("thanks", 0.2))
    assert without_safety_intents(_parse(*ranking), 0.1)["intent"]["name"] == "thanks"


@pytest.mark.parametrize("intent", ["faq", "inform", "nlu_fallback"])
def test_other_intents_are_left_alone(intent: str) -> None:
    parsed = _parse((intent, 0.3), ("emergency", 0.25))
    assert without_safety_intents(parsed, 0.45)["intent"] == {"name": intent, "confidence": 0.3}


def test_the_threshold_is_the_fallback_classifier_s_in_config_yml() -> None:
    assert fallback_threshold() == 0.45  # config.yml: FallbackClassifier threshold
