"""What handlers share, built once by the composition root (``bot.web.app``) and handed over on
``app.ctx``: the settings, the database, the cipher and the services; and a way to use the
database without blocking the event loop that also serves patients' chats.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import aiohttp
from sanic.request import Request
from sqlalchemy.orm import Session

from bot.chat.ratelimit import TokenBuckets
from bot.content.live import LiveAnswersByLanguage
from bot.leads.crypto import Cipher
from bot.runtime.retrain import RetrainJob
from bot.settings import Settings
from bot.storage.db import Database

T = TypeVar("T")


@dataclass
class Services:
    """Everything a handler may use beyond the request; one per running app."""

    settings: Settings
    database: Database
    cipher: Cipher
    http: aiohttp.ClientSession  # to Rasa's REST channel
    live_answers: LiveAnswersByLanguage  # the FAQ answers staff edit (each language), for the NLG endpoint
    retrain: RetrainJob
    chat_senders: TokenBuckets
    chat_addresses: TokenBuckets


def services_of(request: Request) -> Services:
    services: Services = request.app.ctx.services
    return services


def settings_of(request: Request) -> Settings:
    """The settings are on the app from its creation (middleware reads them before any service)."""
    settings: Settings = request.app.ctx.settings
    return settings


def database_of(request: Request) -> Database:
    return services_of(request).database


def cipher_of(request: Request) -> Cipher:
    return services_of(request).cipher


def _in_session(database: Database, work: Callable[[Session], T]) -> T:
    with database.session_scope() as session:
        return work(session)


async def unit_of_work(request: Request, work: Callable[[Session], T]) -> T:
    """Run ``work(session)`` in a worker thread, in one session that commits when it returns.

    Argon2 checks and SQL take milliseconds to tens of them: on the loop they would stall every chat.
    """
    return await asyncio.to_thread(_in_session, database_of(request), work)
