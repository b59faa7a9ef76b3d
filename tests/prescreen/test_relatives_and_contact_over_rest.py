"""Someone writing for another person, and contact details typed at the offer, over REST."""

from __future__ import annotations

import pytest

from bot import texts
from bot.eligibility import default_criteria
from bot.runtime.rest_chat import Conversation

pytestmark = pytest.mark.servers
DIALOGUE = default_criteria().dialogue
AGE_QUESTION = default_criteria().slot("age").question.lower()


def _first(text: str) -> str:
    return " ".join(text.split())[:60].lower()


def test_a_relative_is_asked_once_whether_the_person_agrees_and_a_no_stops(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    chat.say("my sister has jo1 with lung scarring, could she be part of the trial?")
    assert _first(DIALOGUE["proxy_question"]) in " ".join(chat.text("yes").split())
    assert _first(DIALOGUE["proxy_declined"]) in " ".join(chat.text("no, she doesn't know yet").split())


def test_an_unclear_reply_to_the_relatives_question_is_not_asked_again(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    chat.say("my uncle has anti-EJ and ILD, I want to check if he can join")
    chat.say("yes")
    text = " ".join(chat.text("hmm").split())
    assert AGE_QUESTION in text and _first(DIALOGUE["proxy_question"]) not in text


def test_a_relative_who_says_the_person_agrees_is_not_asked(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    chat.say("my father has PL-12 and fibrosis, can he take part?")
    text = " ".join(chat.text("yes, he asked me to do this for him").split())
    assert _first(DIALOGUE["proxy_question"]) not in text and AGE_QUESTION in text


def test_a_name_typed_at_the_contact_offer_is_kept_and_only_the_rest_is_asked(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    chat.say("can I join the study?")
    for answer in ("yes", "47", "yes", "PL-7", "yes", "no", "no", "no", "none", "dlco 55", "yes", "yes"):
        chat.say(answer)
    text = chat.text("Noor Haddad")
    assert texts.text("utter_contact_prefilled").lower() in text
    assert _first(texts.text("utter_ask_contact_reach")) in text and "what name" not in text
