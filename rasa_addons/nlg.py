"""Live FAQ answers through the NLG endpoint, with the trained responses as a safety net.

Rasa's own callback generator returns silence when the NLG service is down and sends the
whole conversation with every request. This one asks the content service only for
``utter_faq/...`` answers (the part staff edit), sends no conversation events (only the language
slot, which picks the answer's language), waits at most ``timeout`` seconds, and otherwise
answers from the responses trained into the model.
The "I'm not sure" reply and an answer's buttons come from rasa_addons/answer_replies.py.

It is a ``TemplatedNaturalLanguageGenerator`` so that Rasa hands it the model's responses when a
model is loaded (``Agent.load_model`` does that only for this class): a response a custom action
asks for (``utter_message(response=...)``) comes without them, and is then found all the same.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import aiohttp
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from rasa_addons.answer_replies import NOT_SURE_RESPONSE, not_sure_reply, with_extras

log = logging.getLogger(__name__)

LIVE_PREFIX = "utter_faq/"
LANGUAGE_SLOT = "language"  # the only slot the content service reads: which language to answer in
DEFAULT_TIMEOUT_SECONDS = 1.5
COOLDOWN_SECONDS = 10.0


class ContentFallbackNLG(TemplatedNaturalLanguageGenerator):
    """FAQ answers from the live content service; everything else, and any failure, from the model."""

    def __init__(self, endpoint_config: EndpointConfig, domain: Domain | None = None) -> None:
        super().__init__((domain or Domain.empty()).responses)
        self.url = endpoint_config.url
        self.timeout = float(endpoint_config.kwargs.get("timeout", DEFAULT_TIMEOUT_SECONDS))
        self._down_until = 0.0
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        """One pooled HTTP session per server process, created inside the running event loop."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
        return self._session

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        if utter_action == NOT_SURE_RESPONSE:
            return not_sure_reply(tracker)
        message = None
        if utter_action.startswith(LIVE_PREFIX) and self.url and time.monotonic() >= self._down_until:
            message = await self._fetch_live(utter_action, tracker, output_channel)
        responses = kwargs.pop("domain_responses", None)
        if responses:  # Rasa's own utter_ actions pass the model's responses: the freshest copy
            self.responses = responses
        if message is None:
            message = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if message is None or not utter_action.startswith(LIVE_PREFIX):
            return message
        try:
            return with_extras(message, utter_action, tracker)
        except Exception as error:  # the answer itself matters more than its extra buttons
            log.warning("event=answer_extras_failed error=%s", type(error).__name__)
            return message

    async def _fetch_live(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str
    ) -> dict[str, Any] | None:
        body = {
            "response": utter_action,
            "arguments": {},
            "tracker": {
                "sender_id": tracker.sender_id,
                "slots": {LANGUAGE_SLOT: tracker.get_slot(LANGUAGE_SLOT)},
                "events": [],
            },
            "channel": {"name": output_channel},
        }
        try:
            async with self._client().post(self.url, json=body) as response:
                if response.status == 404:
                    return None
                response.raise_for_status()
                payload = await response.json()
        except Exception as error:  # any failure means: answer from the model, never silence
            self._down_until = time.monotonic() + COOLDOWN_SECONDS
            log.warning("event=nlg_unavailable fallback=trained_responses error=%s", type(error).__name__)
            return None
        if isinstance(payload, dict) and isinstance(payload.get("text"), str) and payload["text"].strip():
            return payload
        return None
