"""A French conversation end to end over Rasa's REST channel, with the real action server, web app
(live FAQ answers) and leads database: a study question answered in French, the pre-screen started
with the French consent, the first question in French, a switch back to English; and an English
conversation as before."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.content.loader import load_faq
from bot.runtime.rest_chat import Conversation

pytestmark = pytest.mark.servers


def _answer(live_stack, entry_id: str, language: str = "") -> str:
    path = live_stack.content_dir / language / "faq.yml"
    return next(entry.answer for entry in load_faq(path) if entry.id == entry_id)


def _french_question(live_stack, criteria_slot: str) -> str:
    path = live_stack.repo_root / "data" / "eligibility" / "fr" / "criteria_texts.yml"
    return " ".join(
        yaml.safe_load(path.read_text(encoding="utf-8"))["slots"][criteria_slot]["question"].split()
    )


def test_a_french_conversation_gets_french_answers_consent_and_questions(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    replies = chat.say("combien de temps dure l etude ?")
    assert replies[0]["text"].startswith(_answer(live_stack, "duration", "fr"))
    consent = chat.text("je voudrais participer a l etude")
    assert "êtes-vous d'accord" in consent and "supprimer mes données" in consent
    assert re.search(r"\d+ mois au plus", consent)  # the retention period filled in by the action
    first = chat.say("/affirm")  # the French consent button ("Oui, je suis d'accord") sends this
    # "Question 1 sur 10", then the question
    assert any(reply.get("text", "").endswith(_french_question(live_stack, "age")) for reply in first)


def test_english_please_switches_a_french_conversation_to_english(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    assert chat.say("combien de temps dure l etude ?")[0]["text"].startswith(
        _answer(live_stack, "duration", "fr")
    )
    assert chat.text("English please") == "okay, i'll carry on in english."
    assert chat.say("how long does the study last?")[0]["text"].startswith(_answer(live_stack, "duration"))


def test_an_english_conversation_is_answered_in_english(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    assert chat.say("how long does the study last?")[0]["text"].startswith(_answer(live_stack, "duration"))
    consent = chat.text("can I join the study?")
    assert "do you agree" in consent and "delete my data" in consent
    assert "how old are you" in chat.text("yes")


def test_en_francais_during_the_pre_screen_repeats_the_question_in_french(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    assert "do you agree" in chat.text("can I join the study?")
    assert "how old are you" in chat.text("yes")
    switched = chat.texts("en français")
    assert switched == ["D'accord, je continue en français.", _french_question(live_stack, "age")]
    assert chat.say("54")  # the pending question is still open and read as usual
