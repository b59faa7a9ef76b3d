"""What the leads database refused is saved on the person's next message, once, and only if wanted."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from actions import context
from actions.pending import ActionRetryPendingSaves
from actions.prescreen_outcome import ActionPrescreenOutcome
from actions.prescreen_questions import ActionStopPrescreen
from actions.privacy import ActionDeleteData
from actions.referral import ActionSubmitContact
from bot.storage.models import Contact, Referral, Screening
from tests.actions.conftest import confirmed_erasure
from tests.actions.test_leads_actions import CONSENTED, LIKELY, _rows, _slots

CONTACT = {"contact_name": "Jane Doe", "contact_email": "jane@example.org", "contact_time": "mornings"}


class DatabaseSwitch:
    """Takes the leads database away (every unit of work fails as when it cannot be reached) and back."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def down(self) -> None:
        def unreachable() -> None:
            raise OperationalError("connect", None, ConnectionRefusedError("database down"))

        self.monkeypatch.setattr(context, "database", unreachable)

    def up(self) -> None:
        self.monkeypatch.undo()


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch) -> DatabaseSwitch:
    return DatabaseSwitch(monkeypatch)


def _texts(dispatcher) -> list[str]:  # type: ignore[no-untyped-def]
    """What was said: the response id (data/texts), or the text itself where there is no id."""
    return [message["response"] or message["text"] for message in dispatcher.messages]


async def test_nothing_pending_means_nothing_said_or_saved(tracker_for, dispatcher, domain) -> None:
    tracker = tracker_for("hello", intent="greet", slots={**LIKELY, **CONSENTED}, active_loop=None)
    assert await ActionRetryPendingSaves().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages == [] and _rows(Screening) == []


async def test_an_outcome_the_database_refused_is_saved_on_the_next_message(
    tracker_for, dispatcher, domain, database
) -> None:
    database.down()
    slots = {**LIKELY, **CONSENTED}
    events = await ActionPrescreenOutcome().run(
        dispatcher, tracker_for("yes", slots=slots, active_loop=None), domain
    )
    assert "utter_save_failed" in _texts(dispatcher)
    slots.update(_slots(events))
    assert slots["screening_pending"] is True and slots["screening_id"] is None
    database.up()
    tracker = tracker_for("ok", intent="affirm", slots=slots, active_loop=None)
    saved = _slots(await ActionRetryPendingSaves().run(dispatcher, tracker, domain))
    (row,) = _rows(Screening)
    assert saved == {"screening_id": row.id, "screening_pending": False}
    assert row.answers["age"] == 54 and _texts(dispatcher)[-1] == "utter_answers_saved"


async def test_while_the_database_stays_down_the_person_is_told_and_it_stays_pending(
    tracker_for, dispatcher, domain, database
) -> None:
    database.down()
    slots = {**LIKELY, **CONSENTED, "prescreen_outcome": "likely_eligible", "screening_pending": True}
    tracker = tracker_for("hello", intent="greet", slots=slots, active_loop=None)
    assert await ActionRetryPendingSaves().run(dispatcher, tracker, domain) == []
    assert _texts(dispatcher) == ["utter_still_failing"]


async def test_a_refused_referral_is_saved_with_its_screening_on_the_next_message(
    tracker_for, dispatcher, domain, database
) -> None:
    database.down()
    slots = {
        **LIKELY,
        **CONSENTED,
        **CONTACT,
        "prescreen_outcome": "likely_eligible",
        "screening_pending": True,
    }
    events = await ActionSubmitContact().run(
        dispatcher, tracker_for("mornings", slots=slots, active_loop=None), domain
    )
    assert _slots(events) == {"referral_pending": True} and _texts(dispatcher) == ["utter_save_failed"]
    database.up()
    tracker = tracker_for(
        "anyone there?", intent="out_of_scope", slots={**slots, "referral_pending": True}, active_loop=None
    )
    for _ in range(2):  # a retried hook must not duplicate the lead
        saved = _slots(await ActionRetryPendingSaves().run(dispatcher, tracker, domain))
    assert saved["referral_pending"] is False and saved["screening_pending"] is False
    assert saved["contact_name"] is None and _texts(dispatcher)[-1] == "utter_contact_saved"
    (screening,) = _rows(Screening)
    (referral,) = _rows(Referral)
    assert referral.screening_id == screening.id and not screening.is_handoff and len(_rows(Contact)) == 1


@pytest.mark.parametrize("intent", ["stop_prescreen", "delete_data"])
async def test_stop_or_delete_my_data_saves_nothing_that_was_pending(
    tracker_for, dispatcher, domain, intent: str
) -> None:
    slots = {**LIKELY, **CONSENTED, "prescreen_outcome": "likely_eligible", "screening_pending": True}
    tracker = tracker_for("stop", intent=intent, slots=slots, active_loop=None)
    assert await ActionRetryPendingSaves().run(dispatcher, tracker, domain) == []
    assert _rows(Screening) == []


async def test_a_failed_erasure_drops_what_was_pending(tracker_for, dispatcher, domain, database) -> None:
    database.down()
    slots = {"screening_pending": True, "referral_pending": True}
    events = await ActionDeleteData().run(dispatcher, confirmed_erasure(slots=slots), domain)
    assert _slots(events) == {"screening_pending": False, "referral_pending": False}


async def test_inside_the_contact_form_the_submit_saves_everything_instead(
    tracker_for, dispatcher, domain
) -> None:
    slots = {**LIKELY, **CONSENTED, "prescreen_outcome": "likely_eligible", "screening_pending": True}
    tracker = tracker_for("Jane Doe", slots=slots, active_loop="contact_form")
    assert await ActionRetryPendingSaves().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages == [] and _rows(Screening) == []


async def test_stop_drops_what_was_pending(tracker_for, dispatcher, domain) -> None:
    slots = {"screening_pending": True, "referral_pending": True}
    events = await ActionStopPrescreen().run(
        dispatcher, tracker_for("stop", intent="stop_prescreen", slots=slots), domain
    )
    assert _slots(events)["screening_pending"] is False and _slots(events)["referral_pending"] is False
