"""What handlers share: the settings, the database and the cipher, and a way to use the database
without blocking the event loop that also serves patients' chats.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from sanic import Sanic
from sanic.request import Request
from sqlalchemy.orm import Session

from bot.leads.crypto import Cipher, load_cipher
from bot.settings import Settings
from bot.storage.db import Database, get_database

T = TypeVar("T")


def settings_of(request: Request) -> Settings:
    return request.app.ctx.settings


def database_of(app: Sanic) -> Database:
    return get_database(app.ctx.settings)


def cipher_of(request: Request) -> Cipher:
    return load_cipher(settings_of(request))


def _in_session(database: Database, work: Callable[[Session], T]) -> T:
    with database.session_scope() as session:
        return work(session)


async def unit_of_work(request: Request, work: Callable[[Session], T]) -> T:
    """Run ``work(session)`` in a worker thread, in one session that commits when it returns.

    Argon2 checks and SQL take milliseconds to tens of them: on the loop they would stall every chat.
    """
    return await asyncio.to_thread(_in_session, database_of(request.app), work)
