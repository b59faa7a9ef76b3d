"""Builds the Sanic app (Sanic and Jinja2 already come with Rasa: no new framework to pin).

One app on one port: the demo page and widget, the chat proxy and NLG endpoint for patients and
Rasa, and the staff side (inbox, editor, users, CRM API), each registered by its own module.
"""

from __future__ import annotations

import logging

from sanic import Sanic, response
from sanic.request import Request

from bot.settings import Settings

log = logging.getLogger(__name__)


def create_app(settings: Settings, name: str = "catr_pat_web") -> Sanic:
    from bot.web import admin, auth, chat, editor, inbox, login, nlg, pages, reports, security, static_files

    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = 256 * 1024
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.ctx.settings = settings

    @app.get("/health")
    async def health(_: Request) -> response.HTTPResponse:
        """The web app answers; with it, what the supervisor says of every process (make run)."""
        from bot.runtime.restarts import read_status

        status = read_status(settings.data_dir)
        if status is None:
            return response.json({"status": "ok"})
        processes = {name: state["state"] for name, state in status["processes"].items()}
        restarts = {name: state["restarts"] for name, state in status["processes"].items()}
        return response.json({"status": "ok", "processes": processes, "restarts": restarts})

    for module in (security, static_files, auth, pages, chat, nlg, login, inbox, reports, editor, admin):
        module.register(app)
    return app


def serve(settings: Settings) -> None:
    """Migrate the leads schema (the staff tables live there), then serve until stopped."""
    from bot.storage.migrate import upgrade

    upgrade(settings.database_url)
    app = create_app(settings)
    log.info("event=web_starting port=%d", settings.web_port)
    app.run(host=settings.host, port=settings.web_port, access_log=False, workers=1, motd=False)
