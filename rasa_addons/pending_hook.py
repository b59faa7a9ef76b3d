"""Call ``action_validate_slot_mappings`` only when a save is pending.

Rasa 3.6 runs that custom action after every user message once the domain lists it: it replays
the whole conversation into a new tracker and sends it to the action server, about a tenth of
the Rasa server's work per message in ``make bench``. Ours (actions/pending.py) only has work
when a save the leads database refused is waiting (one of ``PENDING_SLOTS`` is true) and
otherwise answers ``[]``, which Rasa reads as "every extracted slot is valid". So with nothing
pending we answer that here, as Rasa does when the domain has no such action, and skip the call.
tests/rasa_addons/test_pending_hook.py pins both sides of this contract.
"""

from __future__ import annotations

from typing import Any

from rasa.core.actions.action import ActionExtractSlots
from rasa.shared.core.events import Event, SlotSet

# The slots actions/pending.py reads (declared in domain/leads.yml).
PENDING_SLOTS = ("screening_pending", "referral_pending")

_rasa_execute_validation_action = ActionExtractSlots._execute_validation_action


def save_pending(tracker: Any, extraction_events: list[Event]) -> bool:
    """True when a pending save is waiting, in the tracker or in this message's slot events."""
    extracted = {event.key: event.value for event in extraction_events if isinstance(event, SlotSet)}
    return any(extracted.get(slot, tracker.get_slot(slot)) for slot in PENDING_SLOTS)


async def execute_validation_action(
    self: ActionExtractSlots,
    extraction_events: list[Event],
    output_channel: Any,
    nlg: Any,
    tracker: Any,
    domain: Any,
) -> list[Event]:
    """Rasa's own step when something is pending; otherwise its answer for "no such action"."""
    if save_pending(tracker, extraction_events):
        return await _rasa_execute_validation_action(
            self, extraction_events, output_channel, nlg, tracker, domain
        )
    return [event for event in extraction_events if isinstance(event, SlotSet)]


def install() -> None:
    ActionExtractSlots._execute_validation_action = execute_validation_action  # type: ignore[method-assign]
