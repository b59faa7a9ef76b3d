"""Every message meets the safety layer (``bot.safety``) before NLU, dialogue or any action.

Patched into Rasa's ``MessageProcessor.handle_message``, so it covers every channel (REST, the
widget through it, socket.io) and every state (pre-screen, contact details, after the outcome):
- self-harm: the caring reply with crisis lines, and nothing else in that turn; the message is
  not processed, so a pre-screen in progress stays where it was and resumes with the next message;
- emergency, urgent, advice: that reply first, then the message is handled as usual (a pre-screen
  answer is still read); Rasa's own trained safety answers are then left out, said once is enough.
Each trigger is counted in the funnel by category only (no text). The message text is never logged.
"""

from __future__ import annotations

import asyncio
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.processor import MessageProcessor

from bot.content.loader import faq_files, load_faq
from bot.leads.funnel import record_funnel_event, safety_event
from bot.safety import Verdict, screen
from bot.safety.screen import mentions_a_dose
from bot.settings import get_settings
from bot.storage.db import get_database
from rasa_addons.funnel_hook import count_conversation_start

log = logging.getLogger(__name__)

# The trained answers of the NLU safety intents (data/nlu/safety.yml): the classifier is a second
# net for what the lexicons miss; when the lexicons already answered, these would repeat it.
TRAINED_SAFETY_RESPONSES = ("utter_emergency", "utter_medical_advice", "utter_self_harm")
SAFETY_INTENTS = ("self_harm", "emergency", "medical_advice")

_rasa_handle_message = MessageProcessor.handle_message


class _WithoutRepeats(OutputChannel):
    """Passes messages on to the real channel, except the texts already said this turn and any
    study answer that states a dose (after a safety reply it would read as an instruction; the
    pre-screen's own questions always pass)."""

    def __init__(self, inner: OutputChannel, said: set[str]) -> None:
        self.inner = inner
        self.said = said

    def name(self) -> str:  # type: ignore[override]
        return self.inner.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        text = message.get("text") or ""
        if text in self.said or states_a_dose_answer(text):
            return
        await self.inner.send_response(recipient_id, message)


def states_a_dose_answer(text: str) -> bool:
    """Whether ``text`` is an FAQ answer that states a dose, in any language we answer in, alone or
    with a line added after it ("You also asked about: ...")."""
    said = " ".join(text.split())
    return any(said.startswith(answer) for answer in _answers_with_doses())


def _answers_with_doses() -> frozenset[str]:
    """The FAQ answers that state a dose, every language's, as served (re-read when staff edit)."""
    files = faq_files(get_settings().content_dir)
    return frozenset().union(*(_dose_answers_of(path, path.stat().st_mtime_ns) for path in files))


@lru_cache(maxsize=8)
def _dose_answers_of(path: Path, _mtime_ns: int) -> frozenset[str]:
    return frozenset(" ".join(e.answer.split()) for e in load_faq(path) if mentions_a_dose(e.answer))


def _record(sender_id: str, verdict: Verdict) -> None:
    try:
        with get_database(get_settings()).session_scope() as session:
            record_funnel_event(session, sender_id, safety_event(verdict.category))
    except Exception as error:  # counting must never stand between a person and the reply
        log.error("event=safety_count_failed error=%s", type(error).__name__)


async def record_trigger(sender_id: str, verdict: Verdict) -> None:
    """Count a trigger by category (no text), off the event loop."""
    log.info("event=safety_trigger category=%s language=%s", verdict.category, verdict.language)
    await asyncio.to_thread(_record, sender_id, verdict)


def _trained_texts(processor: MessageProcessor) -> set[str]:
    responses = processor.domain.responses
    return {
        variation.get("text", "")
        for name in TRAINED_SAFETY_RESPONSES
        for variation in responses.get(name, [])
    }


async def _parse_leaving_safety_to_the_layer(self: MessageProcessor, message: UserMessage) -> dict[str, Any]:
    """NLU as usual, but a message the safety layer found ordinary is read as its likeliest
    ordinary intent: the layer's own classifier (bot/safety/classifier.py) is the one learned net,
    measured on the held-out sets; DIET's safety intents only help it tell them from questions."""
    return without_safety_intents(await self.parse_message(message), fallback_threshold())


def without_safety_intents(parse_data: dict[str, Any], threshold: float) -> dict[str, Any]:
    """The parse with DIET's safety intent replaced by the likeliest ordinary one, if that one is at
    least as sure as Rasa's FallbackClassifier asks of any intent; else Rasa's own fallback ("sorry,
    I didn't get that"), as for any message the model is unsure of. A runner-up at 0.2 is a guess:
    acted on, it answered "who are you talking to" to a sister describing her brother's illness."""
    if (parse_data.get("intent") or {}).get("name") not in SAFETY_INTENTS:
        return parse_data
    others = [i for i in parse_data.get("intent_ranking", []) if i.get("name") not in SAFETY_INTENTS]
    sure = others and float(others[0].get("confidence") or 0.0) >= threshold
    parse_data["intent"] = others[0] if sure else {"name": "nlu_fallback", "confidence": 1.0}
    return parse_data


@lru_cache(maxsize=1)
def fallback_threshold() -> float:
    """The FallbackClassifier's threshold in config.yml (0 when there is none)."""
    config = yaml.safe_load((get_settings().repo_root / "config.yml").read_text(encoding="utf-8"))
    steps = [step for step in config.get("pipeline", []) if step.get("name") == "FallbackClassifier"]
    return float(steps[0].get("threshold", 0.0)) if steps else 0.0


def _with(message: UserMessage, channel: OutputChannel, parse_data: dict[str, Any] | None) -> UserMessage:
    return UserMessage(
        message.text,
        channel,
        message.sender_id,
        parse_data,
        message.input_channel,
        message.message_id,
        message.metadata,
    )


async def handle_message(self: MessageProcessor, message: UserMessage) -> Any:
    """Rasa's step, with the safety layer first (and a new conversation counted in the funnel)."""
    await count_conversation_start(self, message.sender_id)
    verdict = screen(message.text or "")
    if verdict is None:
        if message.parse_data is None and message.text and not message.text.startswith("/"):
            parse_data = await _parse_leaving_safety_to_the_layer(self, message)
            message = _with(message, message.output_channel, parse_data)
        return await _rasa_handle_message(self, message)
    await record_trigger(message.sender_id, verdict)
    await message.output_channel.send_response(message.sender_id, {"text": verdict.reply})
    if verdict.category == "self_harm":
        return getattr(message.output_channel, "messages", None)
    said = {verdict.reply, *_trained_texts(self)}
    channel = _WithoutRepeats(message.output_channel, said)
    parse_data = message.parse_data
    if parse_data is None and message.text and not message.text.startswith("/"):
        # the layer has spoken: the rest of the turn reads the message as an ordinary one ("oui, DLCO
        # à 55%. c'est grave ?" answers the question asked, after the advice reply)
        parse_data = await _parse_leaving_safety_to_the_layer(self, message)
    guarded = _with(message, channel, parse_data)
    await _rasa_handle_message(self, guarded)
    return getattr(message.output_channel, "messages", None)


def install() -> None:
    MessageProcessor.handle_message = handle_message  # type: ignore[method-assign]
    screen("warm up")  # loads the lexicons and the classifier before the first person writes
