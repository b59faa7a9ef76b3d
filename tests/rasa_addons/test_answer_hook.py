"""The answer decision inside Rasa: a sure answer stands, a close call becomes "not sure" with the
likeliest topics, a weak one becomes Rasa's fallback, a tapped topic is answered, and a long
message is answered on its question."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage

from bot.content.answering import Thresholds
from rasa_addons import answer_hook


def _parse(
    text: str, intent: str, intent_conf: float, *answers: tuple[str, float], faq: float | None = None
) -> dict:
    ranking = [{"name": intent, "confidence": intent_conf}]
    if intent != "faq":
        ranking.append({"name": "faq", "confidence": faq or 0.0})
    return {
        "text": text,
        "intent": {"name": intent, "confidence": intent_conf},
        "intent_ranking": ranking,
        "entities": [],
        "response_selector": {
            "all_retrieval_intents": ["faq"],
            "faq": {
                "response": {
                    "intent_response_key": f"faq/{answers[0][0]}",
                    "utter_action": f"utter_faq/{answers[0][0]}",
                },
                "ranking": [
                    {"intent_response_key": f"faq/{key}", "confidence": conf} for key, conf in answers
                ],
            },
        },
    }


@pytest.fixture
def model(monkeypatch) -> dict[str, dict]:
    """Rasa's own parse replaced by canned results, one per text; the ResponseSelector's ranking
    alone (no lexical vote), so each test's confidences are the ones decided on."""
    canned: dict[str, dict] = {}
    alone = replace(answer_hook.answering_config(), lexical_share=0.0)
    monkeypatch.setattr(answer_hook, "answering_config", lambda: alone)

    async def fake_parse(self: Any, message: UserMessage, tracker: Any = None, only: bool = True) -> dict:
        return canned[message.text]

    monkeypatch.setattr(answer_hook, "_rasa_parse_message", fake_parse)
    return canned


async def _say(text: str) -> dict:
    return await answer_hook.parse_message(None, UserMessage(text))  # type: ignore[arg-type]


async def test_a_sure_answer_is_left_as_rasa_chose_it(model) -> None:
    model["how long is it"] = _parse("how long is it", "faq", 0.97, ("duration", 0.95), ("visits", 0.01))
    parsed = await _say("how long is it")
    assert parsed["response_selector"]["faq"]["response"]["utter_action"] == "utter_faq/duration"
    assert parsed["answer"]["kind"] == "answer"


async def test_a_close_call_becomes_not_sure_with_the_likeliest_topics(model) -> None:
    model["travel?"] = _parse("travel?", "faq", 0.9, ("visits", 0.45), ("cost", 0.4), ("sites", 0.1))
    parsed = await _say("travel?")
    assert parsed["intent"]["name"] == "faq"
    assert parsed["response_selector"]["faq"]["response"]["utter_action"] == "utter_faq/not_sure"
    assert parsed["answer"]["candidates"] == ["visits", "cost"]


async def test_a_weak_guess_becomes_rasas_fallback(model) -> None:
    model["hmm what"] = _parse("hmm what", "faq", 0.3, ("visits", 0.2), ("cost", 0.2))
    parsed = await _say("hmm what")
    assert parsed["intent"]["name"] == "nlu_fallback"
    assert parsed["answer"]["kind"] == "dont_know"


async def test_other_intents_are_not_touched(model) -> None:
    model["i can't breathe"] = _parse("i can't breathe", "emergency", 0.99, ("visits", 0.9), faq=0.01)
    parsed = await _say("i can't breathe")
    assert parsed["intent"]["name"] == "emergency" and "answer" not in parsed


async def test_a_tapped_topic_button_is_answered_without_the_model(model) -> None:
    parsed = await _say("/faq/side_effects")
    assert parsed["intent"]["name"] == "faq"
    assert parsed["response_selector"]["faq"]["response"]["utter_action"] == "utter_faq/side_effects"


async def test_a_story_then_a_question_is_answered_on_the_question(model) -> None:
    text = "my husband has jo-1 and his lungs are worse, how long does the trial take"
    model[text] = _parse(text, "faq", 0.9, ("interstitial_lung_disease", 0.6), ("duration", 0.3))
    model["my husband has jo-1 and his lungs are worse"] = _parse(
        "", "faq", 0.9, ("interstitial_lung_disease", 0.9)
    )
    model["how long does the trial take"] = _parse("", "faq", 0.98, ("duration", 0.97), ("visits", 0.01))
    parsed = await _say(text)
    assert parsed["response_selector"]["faq"]["response"]["utter_action"] == "utter_faq/duration"


async def test_two_questions_answer_the_first_and_name_the_second(model) -> None:
    text = "is there a placebo? who runs it"
    model[text] = _parse(text, "faq", 0.6, ("open_label", 0.5), ("sponsor", 0.45))
    model["is there a placebo?"] = _parse("", "faq", 0.98, ("open_label", 0.97))
    model["who runs it"] = _parse("", "faq", 0.95, ("sponsor", 0.93))
    parsed = await _say(text)
    assert parsed["answer"]["entry"] == "open_label" and parsed["answer"]["also"] == ["sponsor"]


async def test_a_failure_in_the_decision_leaves_rasas_result(model, monkeypatch) -> None:
    model["how long is it"] = _parse("how long is it", "faq", 0.4, ("duration", 0.5))
    monkeypatch.setattr(answer_hook, "answering_config", lambda: 1 / 0)
    parsed = await _say("how long is it")
    assert parsed["intent"]["name"] == "faq" and "answer" not in parsed


async def test_the_lexical_vote_can_turn_a_close_call_into_an_answer(model, monkeypatch) -> None:
    model["how long is it"] = _parse("how long is it", "faq", 0.97, ("duration", 0.5), ("visits", 0.45))
    pinned = Thresholds(answer=0.6, margin=0.3, offer=0.1)
    alone = replace(answer_hook.answering_config(), thresholds=pinned, lexical_share=0.0)
    monkeypatch.setattr(answer_hook, "answering_config", lambda: alone)
    assert (await _say("how long is it"))["answer"]["kind"] == "not_sure"
    blended = replace(alone, lexical_share=0.5)
    monkeypatch.setattr(answer_hook, "answering_config", lambda: blended)
    monkeypatch.setattr(answer_hook, "lexical_reader", lambda: _Reader({"duration": 0.9, "visits": 0.05}))
    parsed = await _say("how long is it")
    assert parsed["answer"] == {"kind": "answer", "score": 0.679, "entry": "duration", "also": []}


class _Reader:
    def __init__(self, ranking: dict[str, float]) -> None:
        self.ranking = ranking

    def rank(self, text: str) -> dict[str, float]:
        return self.ranking
