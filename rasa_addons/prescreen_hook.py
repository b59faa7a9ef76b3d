"""Answer first, inside the Rasa server: a pending question decides what a message means.

Patched into ``MessageProcessor._handle_message_with_tracker``, after NLU (and after the safety
layer, which runs earlier in ``handle_message``) and before the policies: ``bot.eligibility.routing``
reads the message against the open question and may replace the intent (e.g. "FVC 65%" at the
breathing-test question is ``inform``, not a study question). NLU's own reading is kept in the
message as ``nlu_intent``, so an action can still answer a question asked alongside.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import ActionExecuted

from bot.eligibility import default_criteria
from bot.eligibility.routing import State, route
from bot.settings import get_settings

log = logging.getLogger(__name__)
NOT_A_STEP = ("action_listen", "action_extract_slots", "action_session_start")

_rasa_handle_with_tracker = MessageProcessor._handle_message_with_tracker


def _last_action(tracker: Any) -> str | None:
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name not in NOT_A_STEP:
            return event.action_name
    return None


def _today() -> Any:
    return get_settings().prescreen_today or datetime.now(timezone.utc).date()


def rerouted(parse_data: dict[str, Any], tracker: Any, text: str) -> dict[str, Any]:
    """``parse_data`` with the intent the pending question gives the message, if it changes."""
    intent = (parse_data.get("intent") or {}).get("name") or ""
    state = State(tracker.active_loop_name, tracker.get_slot("requested_slot"), _last_action(tracker))
    try:
        unsure = (parse_data.get("answer") or {}).get("kind") == "not_sure"  # rasa_addons/answer_hook.py
        new = route(state, text, intent, default_criteria(), _today(), unsure)
    except Exception as error:  # routing is a refinement: NLU's reading stands if it fails
        log.error("event=prescreen_route_failed error=%s", type(error).__name__)
        return parse_data
    if new is None or new == intent:
        return parse_data
    log.info("event=prescreen_rerouted from=%s to=%s", intent, new)
    return {**parse_data, "intent": {"name": new, "confidence": 1.0}, "nlu_intent": parse_data.get("intent")}


async def handle_message_with_tracker(self: MessageProcessor, message: UserMessage, tracker: Any) -> None:
    """Rasa's step, with the intent read against the question the person was asked."""
    if message.text and not message.text.startswith("/"):
        parse_data = message.parse_data or await self.parse_message(message, tracker)
        message = UserMessage(
            message.text,
            message.output_channel,
            message.sender_id,
            rerouted(parse_data, tracker, message.text),
            message.input_channel,
            message.message_id,
            message.metadata,
        )
    return await _rasa_handle_with_tracker(self, message, tracker)


def install() -> None:
    MessageProcessor._handle_message_with_tracker = handle_message_with_tracker  # type: ignore[method-assign]
