"""Rasa dies mid-conversation and is started again: the conversation goes on where it was, and
while it is down the widget says so kindly."""

from __future__ import annotations

import pytest

from bot.chat.replies import UNAVAILABLE_TEXT
from tests.e2e.test_prescreen_over_rest import ELIGIBLE_ANSWERS
from tests.faults.stack import FaultStack
from tests.hostile.chat_client import ChatEndpoint

pytestmark = pytest.mark.servers


def test_rasa_killed_mid_prescreen_resumes_at_the_same_question_with_the_answers_kept(
    fault_stack: FaultStack, chat
) -> None:  # type: ignore[no-untyped-def]
    person = chat()
    person.say("can I join the study?")
    person.say("yes")
    assert "social security" in person.text(ELIGIBLE_ANSWERS[0])
    fault_stack.stop("rasa", crash=True)
    try:
        widget = ChatEndpoint("widget", fault_stack.settings.web_port, "/api/chat")
        answer = widget.send(ELIGIBLE_ANSWERS[1], sender=person.sender)
        assert answer.status == 503 and answer.json == [{"text": UNAVAILABLE_TEXT}]
    finally:
        fault_stack.start("rasa")
    assert "antibod" in person.text(ELIGIBLE_ANSWERS[1])  # the persistent tracker store kept it all
    for answer in ELIGIBLE_ANSWERS[2:-1]:
        assert person.say(answer)
    assert "may be able to take part" in person.text(ELIGIBLE_ANSWERS[-1])
    (lead,) = fault_stack.leads_of(person.sender)
    assert lead["answers"]["age"] == 54 and lead["consent_version"]
