"""The action server stops while someone is mid-pre-screen, then comes back."""

from __future__ import annotations

import pytest

from tests.e2e.test_prescreen_over_rest import ELIGIBLE_ANSWERS
from tests.faults.stack import FaultStack

pytestmark = pytest.mark.servers


def test_action_server_down_mid_prescreen_says_so_keeps_the_answers_and_finishes_once_back(
    fault_stack: FaultStack, chat
) -> None:  # type: ignore[no-untyped-def]
    person = chat()
    person.say("can I join the study?")
    assert "how old are you" in person.text("yes")
    assert "social security" in person.text(ELIGIBLE_ANSWERS[0])
    with fault_stack.stopped("actions"):
        for message in (ELIGIBLE_ANSWERS[1], "how long does the study last?"):
            text = person.text(message)
            assert "couldn't save what you just sent" in text and "send your last message again" in text
    # back: the same question is still open and the earlier answer is still there
    assert "antibod" in person.text(ELIGIBLE_ANSWERS[1])
    for answer in ELIGIBLE_ANSWERS[2:-1]:
        assert person.say(answer)
    assert "may be able to take part" in person.text(ELIGIBLE_ANSWERS[-1])
    (lead,) = fault_stack.leads_of(person.sender)
    assert lead["outcome"] == "likely_eligible" and lead["answers"]["age"] == 54
