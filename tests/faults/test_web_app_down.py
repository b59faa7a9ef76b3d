"""The web app (which serves the live FAQ answers to Rasa) stops: answers come from the model."""

from __future__ import annotations

import pytest

from tests.faults.stack import FaultStack

pytestmark = pytest.mark.servers


def test_web_app_down_faq_answers_still_come_from_the_trained_responses(
    fault_stack: FaultStack, chat
) -> None:  # type: ignore[no-untyped-def]
    with fault_stack.stopped("web"):
        assert "52 weeks" in chat().text("how long does the study last?")
