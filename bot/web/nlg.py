"""Rasa's NLG endpoint for FAQ answers: serves the current text staff edited, without a retrain."""

from __future__ import annotations

from sanic import Sanic, response
from sanic.request import Request


def register(app: Sanic) -> None:
    @app.before_server_start
    async def open_content(app: Sanic, _loop: object) -> None:
        from bot.content.live import LiveFaqAnswers
        from bot.content.loader import FAQ_FILENAME

        app.ctx.live_answers = LiveFaqAnswers(app.ctx.settings.content_dir / FAQ_FILENAME)

    @app.post("/nlg")
    async def nlg(request: Request) -> response.HTTPResponse:
        body = request.json if request.content_type.startswith("application/json") else None
        name = body.get("response") if isinstance(body, dict) else None
        if not isinstance(name, str):
            return response.json({"error": "expected {'response': '<response name>'}"}, status=400)
        text = request.app.ctx.live_answers.answer(name)
        if text is None:
            return response.json({"error": f"unknown response {name!r}"}, status=404)
        return response.json({"text": text})
