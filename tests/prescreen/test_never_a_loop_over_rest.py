"""Never a loop: no question is asked a third time in a row, whatever the person sends.

Tries hard to make it happen over REST (unusable answers, study questions, a mix) for a
pre-screen question, the consent question and a contact question, and fails if it does.
"""

from __future__ import annotations

import pytest

from bot.eligibility import default_criteria
from bot.runtime.rest_chat import Conversation
from bot.texts import text

pytestmark = pytest.mark.servers
CRITERIA = default_criteria()


def _asks(text: str, question: str) -> bool:
    return question[:50].lower() in text


def _count_in_a_row(chat: Conversation, messages: list[str], question: str) -> int:
    """How many replies in a row ask ``question`` (the first ask included by the caller)."""
    in_a_row = 1
    for message in messages:
        if not _asks(chat.text(message), question):
            break
        in_a_row += 1
    return in_a_row


@pytest.mark.parametrize(
    "messages",
    [
        ["abc", "200", "-3", "qwerty"],
        ["what is dlco?", "how long does the study last?", "what is dlco?", "where is it?"],
        ["hmm", "how long does the study last?", "lol", "why?"],
    ],
    ids=["unusable-answers", "study-questions", "a-mix"],
)
def test_a_prescreen_question_is_never_asked_a_third_time(live_stack, messages: list[str]) -> None:
    chat = Conversation(live_stack.rasa_url)
    chat.say("can I join the study?")
    age = CRITERIA.slot("age")
    assert _asks(chat.text("yes"), age.question)
    assert _count_in_a_row(chat, messages, age.question) <= 2
    assert chat.replies, "the conversation went silent instead of moving on"


def test_the_consent_question_is_never_asked_a_third_time(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    first = chat.text("can I join the study?")
    asked = [first] + [chat.text(message) for message in ("what?", "how long does the study last?", "hmm")]
    consent_asks = [i for i, text in enumerate(asked) if "do you agree" in text]
    assert len(consent_asks) <= 2, asked


def test_a_contact_question_is_never_asked_a_third_time(live_stack) -> None:
    chat = Conversation(live_stack.rasa_url)
    chat.say("I'd like to talk to a person")
    chat.say("yes")  # consent to pass details on
    question = text("utter_ask_contact_reach")
    chat.say("Robin Test")
    assert _count_in_a_row(chat, ["not an address", "still no", "nope nope"], question) <= 2
