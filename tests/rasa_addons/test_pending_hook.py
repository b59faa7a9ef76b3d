"""rasa_addons.pending_hook: Rasa asks the action server to retry saves only when one is pending,
and skipping the call changes nothing, because our action answers ``[]`` when nothing is."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import yaml
from aiohttp import web
from rasa.core.actions.action import ActionExtractSlots
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import rasa_addons  # noqa: F401 - importing the package installs the hook
from actions.pending import ActionRetryPendingSaves
from bot.runtime.sandbox import free_port
from rasa_addons import pending_hook

REPO = Path(__file__).resolve().parents[2]
DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  age:
    type: any
    mappings: [{type: custom}]
  screening_pending:
    type: bool
    initial_value: false
    influence_conversation: false
    mappings: [{type: custom}]
  referral_pending:
    type: bool
    initial_value: false
    influence_conversation: false
    mappings: [{type: custom}]
actions: [action_validate_slot_mappings]
"""
)


@pytest.fixture
async def action_server() -> AsyncIterator[tuple[str, list[dict]]]:
    """A real action endpoint that records calls and marks ``age`` invalid, so a call shows."""
    calls: list[dict] = []

    async def webhook(request: web.Request) -> web.Response:
        calls.append(await request.json())
        invalid_age = {"event": "slot", "name": "age", "value": None}
        return web.json_response({"events": [invalid_age], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}/webhook", calls
    await runner.cleanup()


async def _validate(url: str, tracker_slots: dict, extracted: list[SlotSet]) -> list:
    tracker = DialogueStateTracker.from_events("patient-1", [], slots=DOMAIN.slots)
    for name, value in tracker_slots.items():
        tracker.update(SlotSet(name, value))
    action = ActionExtractSlots(EndpointConfig(url=url))
    return await action._execute_validation_action(
        extracted, CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), tracker, DOMAIN
    )


def test_importing_rasa_addons_installs_the_hook() -> None:
    assert ActionExtractSlots._execute_validation_action is pending_hook.execute_validation_action


async def test_with_nothing_pending_the_action_server_is_not_called(action_server) -> None:
    url, calls = action_server
    events = await _validate(url, {}, [SlotSet("age", 54)])
    assert calls == []
    assert events == [SlotSet("age", 54)]  # what Rasa keeps when the action answers []


@pytest.mark.parametrize("slot", pending_hook.PENDING_SLOTS)
async def test_a_pending_save_in_the_conversation_calls_the_action_server(action_server, slot: str) -> None:
    url, calls = action_server
    events = await _validate(url, {slot: True}, [SlotSet("age", 54)])
    assert [call["next_action"] for call in calls] == ["action_validate_slot_mappings"]
    assert events == [SlotSet("age", None)]  # the server's answer wins, as in Rasa


async def test_a_pending_save_set_by_this_message_calls_the_action_server(action_server) -> None:
    url, calls = action_server
    await _validate(url, {}, [SlotSet("screening_pending", True)])
    assert len(calls) == 1


async def test_a_pending_save_cleared_by_this_message_does_not(action_server) -> None:
    url, calls = action_server
    await _validate(url, {"referral_pending": True}, [SlotSet("referral_pending", False)])
    assert calls == []


def test_the_pending_slots_are_those_the_domain_declares() -> None:
    slots = yaml.safe_load((REPO / "domain" / "leads.yml").read_text())["slots"]
    assert set(pending_hook.PENDING_SLOTS) == {name for name in slots if name.endswith("_pending")}


async def test_our_action_has_nothing_to_do_when_nothing_is_pending() -> None:
    """The other side of the contract: skipping the call loses nothing."""
    tracker = Tracker.from_dict(
        {
            "sender_id": "patient-1",
            "slots": {"screening_pending": False, "referral_pending": False, "age": 54},
            "latest_message": {"intent": {"name": "inform"}, "entities": [], "text": "54"},
            "events": [],
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )
    dispatcher = CollectingDispatcher()
    assert await ActionRetryPendingSaves().run(dispatcher, tracker, {}) == []
    assert dispatcher.messages == []
