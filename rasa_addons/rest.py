"""Rasa's REST channel with our checks in front, at the same address: ``POST /webhooks/rest/webhook``.

Rasa's own channel answers a body that is not a JSON object with a 500, files a message without
a sender under one shared "default" conversation, writes the text of a message it failed on into
the log, and answers with silence when a custom action fails (the action server is down). This
one refuses malformed requests with a 400, answers empty, overlong and non-English messages
kindly (``bot.chat``, the same checks as the widget's proxy), never logs what people wrote,
and never answers with silence. Streaming (``?stream=true``) and client-chosen metadata and
input channel names are not offered: nothing of ours uses them; the page's language (``lang``,
checked) is passed on as ``metadata.language``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.chat.inbound import read_message
from bot.chat.replies import NO_REPLY_TEXT
from bot.logging_setup import where
from bot.request_body import BadRequest, parse_json
from rasa_addons.safety_hook import record_trigger

log = logging.getLogger(__name__)


class CheckedRestInput(RestInput):
    """Listed in credentials.yml by module path; keeps the name (and so the URL) of Rasa's channel."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("catr_checked_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            try:
                message = read_message(parse_json(request.body))
            except BadRequest as error:
                return response.json({"error": str(error)}, status=400)
            if message.reply is not None:
                if message.safety is not None:
                    await record_trigger(message.sender, message.safety)
                return response.json([{"recipient_id": message.sender, "text": message.reply}])
            collector = CollectingOutputChannel()
            try:
                metadata = {"language": message.language} if message.language else None
                await on_new_message(
                    UserMessage(
                        message.text, collector, message.sender, input_channel=self.name(), metadata=metadata
                    )
                )
            except Exception as error:
                log.error("event=rest_message_failed error=%s at=%s", type(error).__name__, where(error))
            if not collector.messages:
                # Rasa logs a failed custom action and carries on silently: say so instead.
                log.warning("event=rest_no_reply")
                return response.json([{"recipient_id": message.sender, "text": NO_REPLY_TEXT}])
            return response.json(collector.messages)

        return webhook
