"""Honest answers through the real servers: a tapped topic, two questions at once, a story first,
something the record does not cover, and something this assistant is not for."""

from __future__ import annotations

import pytest

from bot.content.loader import load_faq
from bot.runtime.rest_chat import Conversation

pytestmark = pytest.mark.servers


def _answer(live_stack, entry_id: str) -> str:
    return next(
        entry.answer for entry in load_faq(live_stack.content_dir / "faq.yml") if entry.id == entry_id
    )


def test_a_tapped_topic_button_gets_that_answer(live_stack) -> None:
    replies = Conversation(live_stack.rasa_url).say("/faq/side_effects")
    assert replies[0]["text"] == _answer(live_stack, "side_effects")


def test_two_questions_get_the_first_answered_and_the_second_named(live_stack) -> None:
    replies = Conversation(live_stack.rasa_url).say("is there a placebo? and who is the sponsor")
    assert replies[0]["text"].startswith(_answer(live_stack, "open_label"))
    assert "You also asked about: Who runs the study" in replies[0]["text"]
    assert {"title": "Who runs the study", "payload": "/faq/sponsor"} in replies[0]["buttons"]


def test_a_story_then_a_question_is_answered_on_the_question(live_stack) -> None:
    text = "my wife was diagnosed with anti-jo1 two years ago and she is retired now, how long is the trial"
    replies = Conversation(live_stack.rasa_url).say(text)
    assert any(reply["text"].startswith(_answer(live_stack, "duration")) for reply in replies)


def test_capabilities_come_with_suggestion_buttons(live_stack) -> None:
    replies = Conversation(live_stack.rasa_url).say("what can you help with")
    assert replies[0]["text"] == _answer(live_stack, "capabilities")
    assert {"title": "Can I take part?", "payload": "/start_prescreen"} in replies[0]["buttons"]


def test_something_the_record_does_not_cover_gets_i_dont_know_and_a_coordinator(live_stack) -> None:
    replies = Conversation(live_stack.rasa_url).say("is there a cafeteria at the hospital")
    assert "don't know" in replies[0]["text"]
    assert any(button["payload"] == "/human_handoff" for button in replies[0]["buttons"])


def test_out_of_scope_gets_a_kind_reply_without_study_facts(live_stack) -> None:
    text = Conversation(live_stack.rasa_url).text("will it rain in lyon this weekend")
    assert "not something i can help with" in text
    assert "52 weeks" not in text and "ap-hp" not in text
