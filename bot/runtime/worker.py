"""The background worker: coordinator emails, queued conversation erasures, and the daily purge.

One process for the jobs that must run whether or not anybody is chatting, so the web and
Rasa processes stay request-only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time

from bot.leads.conversations import process_erasures, purge_conversations
from bot.leads.notify import run_notifier
from bot.leads.retention import purge
from bot.settings import Settings
from bot.storage.db import get_database

log = logging.getLogger(__name__)

ERASURE_INTERVAL_SECONDS = 5.0
PURGE_INTERVAL_SECONDS = 24 * 3600.0


def purge_once(settings: Settings) -> None:
    with get_database(settings).session_scope() as session:
        purge(session, settings.retention_days)
    purge_conversations(settings, settings.retention_days)


async def _every(seconds: float, job, stop: asyncio.Event, name: str) -> None:
    while not stop.is_set():
        try:
            await asyncio.to_thread(job)
        except Exception as error:  # a failed pass is retried on the next one
            log.error("event=worker_job_failed job=%s error=%s", name, type(error).__name__)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=seconds)


async def run_worker(settings: Settings) -> None:
    notify_interval = settings.notify_interval_seconds
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    (settings.data_dir / "worker.ready").write_text(str(time.time()), encoding="utf-8")
    log.info("event=worker_started notify_interval=%.0f", notify_interval)
    await asyncio.gather(
        run_notifier(settings, interval_seconds=notify_interval, stop_event=stop),
        _every(ERASURE_INTERVAL_SECONDS, lambda: process_erasures(settings), stop, "erasures"),
        _every(PURGE_INTERVAL_SECONDS, lambda: purge_once(settings), stop, "purge"),
    )
    log.info("event=worker_stopped")
