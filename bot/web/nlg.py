"""Rasa's NLG endpoint for FAQ answers: serves the current text staff edited, without a retrain, in the
conversation's language (the tracker's `language` slot)."""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request

from bot.web.context import services_of

bp = Blueprint("nlg")


@bp.post("/nlg")
async def nlg(request: Request) -> response.HTTPResponse:
    body = request.json if request.content_type.startswith("application/json") else None
    name = body.get("response") if isinstance(body, dict) else None
    if not isinstance(name, str):
        return response.json({"error": "expected {'response': '<response name>'}"}, status=400)
    tracker = body.get("tracker") if isinstance(body, dict) else None
    slots = tracker.get("slots") if isinstance(tracker, dict) else None
    language = slots.get("language") if isinstance(slots, dict) else None
    text = services_of(request).live_answers.answer(name, language if isinstance(language, str) else None)
    if text is None:
        return response.json({"error": f"unknown response {name!r}"}, status=404)
    return response.json({"text": text})
