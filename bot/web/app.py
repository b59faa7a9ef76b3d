"""The composition root of the web side (Sanic and Jinja2 already come with Rasa: no new framework).

One app on one port, one Blueprint per area: the demo page and widget files, the chat proxy and
the NLG endpoint for patients and Rasa, and the staff side (sign-in, inbox, reports and CRM API,
editor, accounts). Here, and only here, the settings, database, cipher and services are built and
handed to the handlers on ``app.ctx``; the app-wide middleware (CSRF, security headers) is
attached here too, so it covers every route and every error page.
"""

from __future__ import annotations

import logging

import aiohttp
from sanic import Blueprint, Sanic

from bot.chat.ratelimit import TokenBuckets
from bot.content.live import LiveAnswersByLanguage
from bot.content.loader import FAQ_FILENAME
from bot.leads.crypto import Cipher, load_cipher
from bot.runtime.retrain import RetrainJob
from bot.settings import Settings
from bot.storage.db import Database
from bot.web import (
    admin,
    auth,
    chat,
    editor,
    inbox,
    login,
    nlg,
    pages,
    referral,
    reports,
    security,
    static_files,
)
from bot.web.context import Services

log = logging.getLogger(__name__)
BLUEPRINTS: tuple[Blueprint, ...] = (
    pages.bp,
    static_files.bp,
    chat.bp,
    nlg.bp,
    login.bp,
    inbox.bp,
    referral.bp,
    reports.bp,
    editor.bp,
    admin.bp,
)
UPSTREAM_TIMEOUT_SECONDS = 30


def build_services(
    settings: Settings, database: Database | None = None, cipher: Cipher | None = None
) -> Services:
    """Everything the handlers use, from ``settings``; a test may bring its own database or cipher.

    Called at server start, inside the event loop (the HTTP client belongs to that loop).
    """
    return Services(
        settings=settings,
        database=database or Database(settings.database_url),
        cipher=cipher or load_cipher(settings),
        http=aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=UPSTREAM_TIMEOUT_SECONDS)),
        live_answers=LiveAnswersByLanguage(settings.content_dir, FAQ_FILENAME),
        retrain=RetrainJob.for_settings(settings),
        chat_senders=TokenBuckets(chat.PER_SENDER["capacity"], chat.PER_SENDER["per_second"]),
        chat_addresses=TokenBuckets(chat.PER_ADDRESS["capacity"], chat.PER_ADDRESS["per_second"]),
    )


def create_app(
    settings: Settings,
    name: str = "catr_pat_web",
    *,
    database: Database | None = None,
    cipher: Cipher | None = None,
) -> Sanic:
    """The app with every route; its services are built when it starts (creating it touches no file)."""
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = 256 * 1024
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.ctx.settings = settings

    async def open_services(app: Sanic, _loop: object) -> None:
        app.ctx.services = build_services(settings, database, cipher)

    async def close_services(app: Sanic, _loop: object) -> None:
        services: Services = app.ctx.services
        await services.http.close()
        if database is None:  # a database handed in belongs to whoever made it
            services.database.dispose()

    app.register_listener(open_services, "before_server_start")
    app.register_listener(close_services, "after_server_stop")
    app.register_middleware(auth.check_csrf, "request")
    app.register_middleware(security.add_headers, "response")
    for blueprint in BLUEPRINTS:
        app.blueprint(blueprint)
    return app


def serve(settings: Settings) -> None:
    """Migrate the leads schema (the staff tables live there), then serve until stopped."""
    from bot.storage.migrate import upgrade

    upgrade(settings.database_url)
    app = create_app(settings)
    log.info("event=web_starting port=%d", settings.web_port)
    app.run(host=settings.host, port=settings.web_port, access_log=False, workers=1, motd=False)
