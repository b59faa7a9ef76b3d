"""The leads database is unreachable at the moment a lead is saved, then comes back."""

from __future__ import annotations

import pytest

from tests.e2e.test_prescreen_over_rest import ELIGIBLE_ANSWERS
from tests.faults.stack import FaultStack

pytestmark = pytest.mark.servers

NAME, EMAIL = "Ottilie Brackwater", "ottilie.brackwater@example.org"


def test_database_down_at_save_tells_the_person_keeps_everything_and_the_lead_lands_once_back(
    fault_stack: FaultStack, chat
) -> None:  # type: ignore[no-untyped-def]
    person = chat()
    person.say("can I join the study?")
    person.say("yes")
    for answer in ELIGIBLE_ANSWERS[:-1]:
        assert person.say(answer)
    with fault_stack.database_down():
        outcome = person.text(ELIGIBLE_ANSWERS[-1])
        assert "may be able to take part" in outcome and "can't save your answers right now" in outcome
        assert "name" in person.text("yes please")
        person.say(NAME)
        person.say(EMAIL)
        assert "can't save your answers right now" in person.text("weekday mornings")
        assert "still can't save" in person.text("hello, is it saved?")
    assert "passed your details" in person.text("and now?")
    (lead,) = fault_stack.leads_of(person.sender)
    assert lead["outcome"] == "likely_eligible" and lead["answers"]["age"] == 54
    assert lead["contact"]["name"] == NAME and lead["contact"]["email"] == EMAIL
    assert lead["contact"]["preferred_time"] == "weekday mornings" and lead["consent_version"]
    logs = "\n".join(path.read_text(errors="replace") for path in fault_stack.log_dir.glob("*.log"))
    assert "leads_write_failed" in logs and NAME not in logs and EMAIL not in logs


def test_a_pending_save_is_dropped_when_the_person_asks_to_stop(fault_stack: FaultStack, chat) -> None:  # type: ignore[no-untyped-def]
    person = chat()
    person.say("can I join the study?")
    person.say("yes")
    for answer in ELIGIBLE_ANSWERS[:-1]:
        person.say(answer)
    with fault_stack.database_down():
        assert "can't save" in person.text(ELIGIBLE_ANSWERS[-1])
    assert "did not keep your answers" in person.text("stop")
    assert "saved now" not in person.text("hello")
    assert fault_stack.leads_of(person.sender) == []
