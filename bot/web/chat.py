"""Same-origin chat endpoint for the widget: checks the message, then forwards it to Rasa's REST channel;
the conversation's history after a page reload; the CORS preflight for the foundation's own pages.

Going through us (instead of the browser calling Rasa directly) keeps one origin for the
foundation's page, and one place to refuse malformed input and floods, kindly. The checks
themselves (bot.chat) are the same ones Rasa's REST channel applies (rasa_addons/rest.py).
"""

from __future__ import annotations

import asyncio
import logging
import math

from sanic import Blueprint, response
from sanic.request import Request

from bot.chat.inbound import SENDER_PATTERN, ChatMessage, read_message
from bot.chat.replies import NO_REPLY_TEXT, RATE_LIMITED_TEXT, UNAVAILABLE_TEXT
from bot.leads.transcript import visible_history
from bot.request_body import BadRequest, parse_json
from bot.texts import DEFAULT_LANGUAGE, LANGUAGE, default_texts
from bot.web.context import cipher_of, services_of, settings_of
from bot.web.pages import branding_of
from bot.web.security import cors_headers

log = logging.getLogger(__name__)

WIDGET_TEXT_PREFIX = "widget_"
# The welcome is this FAQ entry, so the panel's greeting and a typed "what can you do?" are one text.
WELCOME_ENTRY = "capabilities"

# A person taps quick replies in bursts, then reads; one address (a clinic, a household, a proxy
# not told to pass on client addresses) may hold many people. Above these, a flood waits.
PER_SENDER: dict[str, float] = {"capacity": 20, "per_second": 1.0}
PER_ADDRESS: dict[str, float] = {"capacity": 120, "per_second": 4.0}

bp = Blueprint("chat")


def _rate_limited(wait: float, by: str) -> response.HTTPResponse:
    log.info("event=chat_rate_limited by=%s", by)
    return response.json(
        [{"text": RATE_LIMITED_TEXT}], status=429, headers={"Retry-After": str(max(1, math.ceil(wait)))}
    )


@bp.post("/api/chat/history")
async def chat_history(request: Request) -> response.HTTPResponse:
    """The visible messages of one conversation, for the widget after a page reload.

    Only the holder of the sender id (128 random bits, kept by the widget) can name the
    conversation; it travels in a POST body, never in a URL that logs or referrers could keep.
    """
    wait = services_of(request).chat_addresses.take(request.remote_addr or request.ip)
    if wait:
        return _rate_limited(wait, "address")
    try:
        body = parse_json(request.body)
    except BadRequest as error:
        return response.json({"error": str(error)}, status=400)
    sender = body.get("sender") if isinstance(body, dict) else None
    if not isinstance(sender, str) or not SENDER_PATTERN.fullmatch(sender):
        return response.json({"error": "'sender' must be 8-64 letters, digits, '-' or '_'."}, status=400)
    wait = services_of(request).chat_senders.take(sender)
    if wait:
        return _rate_limited(wait, "sender")
    url, cipher = settings_of(request).tracker_database_url, cipher_of(request)
    try:
        messages = await asyncio.to_thread(visible_history, url, cipher, sender)
    except Exception as error:  # the history is a comfort: the chat itself still works
        log.warning("event=chat_history_failed error=%s", type(error).__name__)
        messages = []
    return response.json({"messages": messages}, headers={"Cache-Control": "no-store"})


@bp.get("/api/chat/texts")
async def chat_texts(request: Request) -> response.HTTPResponse:
    """The widget's words and its welcome, by id, in the asked language (English where one is missing)."""
    language = request.args.get("lang", DEFAULT_LANGUAGE)
    if not LANGUAGE.fullmatch(language):
        return response.json({"error": "'lang' must be a two-letter language code such as 'en'."}, status=400)
    texts = default_texts()
    ids = [i for i in texts.by_language[DEFAULT_LANGUAGE] if i.startswith(WIDGET_TEXT_PREFIX)]
    words = {i.removeprefix(WIDGET_TEXT_PREFIX): texts.text(i, language) for i in ids}
    found = services_of(request).live_answers.entry(WELCOME_ENTRY, language)
    welcome = {"text": found[0], "buttons": found[1]} if found else None
    brand = branding_of(request)
    colours = {"primary": brand.primary, "link": brand.link}
    return response.json(
        {"language": language, "texts": words, "welcome": welcome, "colours": colours},
        headers={"Cache-Control": "no-cache"},
    )


def rest_body(message: ChatMessage) -> dict[str, str]:
    """What Rasa's checked REST channel reads (the same format as ours, read by the same code)."""
    body = {"sender": message.sender, "message": message.text}
    if message.language:
        body["lang"] = message.language
    return body


@bp.post("/api/chat")
async def chat(request: Request) -> response.HTTPResponse:
    # remote_addr is the client behind a proxy when Sanic is told to trust it (PROXIES_COUNT)
    services = services_of(request)
    wait = services.chat_addresses.take(request.remote_addr or request.ip)
    if wait:
        return _rate_limited(wait, "address")
    if not request.content_type.lower().startswith("application/json"):
        return response.json({"error": "Send JSON with 'Content-Type: application/json'."}, status=415)
    try:
        message = read_message(parse_json(request.body))
    except BadRequest as error:
        return response.json({"error": str(error)}, status=400)
    wait = services.chat_senders.take(message.sender)
    if wait:
        return _rate_limited(wait, "sender")
    if message.reply is not None:
        return response.json([{"text": message.reply}])
    url = f"{services.settings.rasa_url}/webhooks/rest/webhook"
    try:
        async with services.http.post(url, json=rest_body(message)) as upstream:
            upstream.raise_for_status()
            replies = await upstream.json()
    except Exception as error:
        log.warning("event=chat_upstream_failed error=%s", type(error).__name__)
        return response.json([{"text": UNAVAILABLE_TEXT}], status=503)
    if not isinstance(replies, list) or not replies:  # never silence (rasa_addons/rest.py says why)
        replies = [{"text": NO_REPLY_TEXT}]
    return response.json(replies)


async def chat_preflight(request: Request) -> response.HTTPResponse:
    """The browser asks before a cross-origin JSON POST; unlisted origins get no permission."""
    headers = cors_headers(request)
    return response.empty(status=204 if headers else 403, headers=headers)


bp.add_route(chat_preflight, "/api/chat", methods=["OPTIONS"], name="chat_preflight")
bp.add_route(chat_preflight, "/api/chat/history", methods=["OPTIONS"], name="history_preflight")
