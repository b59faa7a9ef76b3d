"""Same-origin chat endpoint for the widget: checks the message, then forwards it to Rasa's REST channel.

Going through us (instead of the browser calling Rasa directly) keeps one origin for the
foundation's page, and one place to refuse malformed or oversized input kindly.
"""

from __future__ import annotations

import logging
import re

import aiohttp
from sanic import Sanic, response
from sanic.request import Request

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 2000
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
TOO_LONG_TEXT = (
    f"That message is very long. Could you ask in a shorter way (under {MAX_MESSAGE_CHARS} characters)? "
    "One question at a time works best."
)
UNAVAILABLE_TEXT = (
    "Sorry, I can't answer right now. Please try again in a minute. "
    "If this is an emergency, call 15 or 112 (France) or 911 (US)."
)


def _bad_request(message: str) -> response.HTTPResponse:
    return response.json({"error": message}, status=400)


def register(app: Sanic) -> None:
    @app.before_server_start
    async def open_client(app: Sanic, _loop: object) -> None:
        app.ctx.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))

    @app.after_server_stop
    async def close_client(app: Sanic, _loop: object) -> None:
        await app.ctx.http.close()

    @app.post("/api/chat")
    async def chat(request: Request) -> response.HTTPResponse:
        try:
            body = request.json
        except Exception:  # Sanic raises on malformed JSON: answer 400, never 500
            return _bad_request("The request body must be JSON.")
        if not isinstance(body, dict):
            return _bad_request("The request body must be a JSON object.")
        sender, message = body.get("sender"), body.get("message")
        if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
            return _bad_request("'sender' must be 8-64 letters, digits, '-' or '_'.")
        if not isinstance(message, str):
            return _bad_request("'message' must be text.")
        message = message.strip()
        if not message:
            return response.json(
                [{"text": "It looks like that message was empty. What would you like to ask?"}]
            )
        if len(message) > MAX_MESSAGE_CHARS:
            return response.json([{"text": TOO_LONG_TEXT}])
        url = f"{request.app.ctx.settings.rasa_url}/webhooks/rest/webhook"
        try:
            async with request.app.ctx.http.post(
                url, json={"sender": sender, "message": message}
            ) as upstream:
                upstream.raise_for_status()
                replies = await upstream.json()
        except Exception as error:
            log.warning("event=chat_upstream_failed error=%s", type(error).__name__)
            return response.json([{"text": UNAVAILABLE_TEXT}], status=503)
        return response.json(replies if isinstance(replies, list) else [])
