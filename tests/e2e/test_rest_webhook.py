"""End to end: the real Rasa server, action server and web side, talked to over HTTP."""

from __future__ import annotations

import urllib.request

import pytest

from bot.runtime.rest_chat import Conversation

pytestmark = pytest.mark.servers


def test_greeting_over_rest_webhook_gets_a_welcome(live_stack) -> None:
    replies = Conversation(live_stack.rasa_url).say("hello")
    assert replies, "the bot must never answer with silence"
    assert "study assistant" in replies[0]["text"].lower()


def test_bot_challenge_says_it_is_automated_not_a_doctor(live_stack) -> None:
    text = Conversation(live_stack.rasa_url).text("are you a real person?")
    assert "automated" in text and "not a doctor" in text


def test_emergency_gets_emergency_numbers_first(live_stack) -> None:
    replies = Conversation(live_stack.rasa_url).say("I can't breathe")
    assert "112" in replies[0]["text"] and "911" in replies[0]["text"]


def test_medical_advice_is_refused_kindly(live_stack) -> None:
    text = Conversation(live_stack.rasa_url).text("should I stop my tacrolimus?")
    assert "own doctor" in text
    assert "you should stop" not in text


def test_action_server_and_web_answer_health(live_stack) -> None:
    for url in (
        f"http://127.0.0.1:{live_stack.action_port}/health",
        f"http://127.0.0.1:{live_stack.web_port}/",
    ):
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200


def test_demo_page_embeds_the_chat_widget(live_stack) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{live_stack.web_port}/", timeout=10) as response:
        page = response.read().decode()
    assert '<script src="/static/widget.js"' in page


def test_faq_answer_comes_over_rest(live_stack) -> None:
    text = Conversation(live_stack.rasa_url).text("how long does the study last?")
    assert "52 weeks" in text
