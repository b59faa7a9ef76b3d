"""The conversation's language, kept in the `language` slot, which every response's variations
and the actions read (bot/chat/language.py decides; this applies it inside Rasa).

- A message that only asks for a language ("en français", "English please") sets the slot and is
  answered here, in that language, without NLU or policies: a pre-screen in progress stays where
  it was (its pending question is said again in the new language) and its next answer is read
  as usual.
- Otherwise the slot is set from the message before NLU and the policies of the same turn, so the
  first French message is already answered in French; never during a pre-screen.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import SlotSet, UserUttered

from bot.chat.language import OPENING_MESSAGES, conversation_language, requested_language
from bot.chat.telling_words import telling_words
from bot.eligibility import default_criteria
from bot.texts import text

log = logging.getLogger(__name__)

LANGUAGE_SLOT = "language"
SWITCHED_TEXT_ID = "chat_language_switched"

# The steps this wraps, taken when installed (after the other hooks, so theirs run inside).
_inner: dict[str, Any] = {}


def _in_prescreen(tracker: Any) -> bool:
    return bool(tracker.active_loop_name)


async def handle_message(self: MessageProcessor, message: UserMessage) -> Any:
    """A message that only asks for a language: set it and say so; anything else: as usual."""
    requested = requested_language(message.text or "") if message.text else None
    if requested is None:
        return await _inner["handle_message"](self, message)
    tracker = await self.fetch_tracker_and_update_session(
        message.sender_id, message.output_channel, message.metadata
    )
    tracker.update(SlotSet(LANGUAGE_SLOT, requested))
    await self.save_tracker(tracker)
    log.info("event=language_switched language=%s", requested)
    await message.output_channel.send_response(message.sender_id, {"text": text(SWITCHED_TEXT_ID, requested)})
    pending = _pending_question(tracker, requested)
    if pending is not None:  # the question waiting for an answer, again, in the new language
        await message.output_channel.send_response(message.sender_id, {"text": pending})
    return getattr(message.output_channel, "messages", None)


def _pending_question(tracker: Any, language: str) -> str | None:
    slot = tracker.get_slot("requested_slot")
    if not tracker.active_loop_name or not slot:
        return None
    texts = default_criteria().in_language(language)
    return texts.slot(slot).prompt if slot in texts.slot_names else None


async def handle_message_with_tracker(self: MessageProcessor, message: UserMessage, tracker: Any) -> None:
    """The language read from the message before the turn is handled, when it is not decided yet."""
    if message.text and not message.text.startswith("/"):
        page = (message.metadata or {}).get("language")  # the widget's page, checked at the channel
        said_before = _messages_before(tracker, OPENING_MESSAGES)
        language = conversation_language(
            message.text, tracker.get_slot(LANGUAGE_SLOT), _in_prescreen(tracker), page, said_before
        )
        if language is not None:
            tracker.update(SlotSet(LANGUAGE_SLOT, language))
            log.info("event=language_detected language=%s", language)
    return await _inner["with_tracker"](self, message, tracker)


def _messages_before(tracker: Any, enough: int) -> int:
    """How many messages the person sent before this one, counted up to ``enough`` only: past the
    opening ones the count changes nothing, and a long conversation need not be read again."""
    if tracker.get_slot(LANGUAGE_SLOT) is not None:
        return enough  # decided already: only an explicit request changes it
    seen = 0
    for event in tracker.events:
        if isinstance(event, UserUttered):
            seen += 1
            if seen >= enough:
                break
    return seen


def install() -> None:
    if _inner:
        return  # installed already: wrapping itself would loop
    telling_words()  # read once here, not on a person's first message
    _inner["handle_message"] = MessageProcessor.handle_message
    _inner["with_tracker"] = MessageProcessor._handle_message_with_tracker
    MessageProcessor.handle_message = handle_message  # type: ignore[method-assign]
    MessageProcessor._handle_message_with_tracker = handle_message_with_tracker  # type: ignore[method-assign]
