"""Coordinator emails: delivered through a real SMTP server, free of personal data, and never lost."""

from __future__ import annotations

import asyncio
import smtplib
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from bot.leads.crypto import Cipher
from bot.leads.notify import describe_error, reference, run_notifier, send_pending
from bot.leads.repository import create_handoff_referral
from bot.runtime.sandbox import free_port
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import Referral
from tests.db_fixtures import CONSENT_AT, PERSON, make_settings, store_lead


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        content: bytes = envelope.content  # type: ignore[attr-defined]
        self.raw.append(content)
        self.messages.append(message_from_bytes(content, policy=policy.default))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


class SmtpServer:
    """A real local SMTP server that a test can stop and start again on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(tmp_path: Path, smtp_server: SmtpServer, db: Database) -> Settings:
    return make_settings(tmp_path, smtp_port=smtp_server.port, database_url=str(db.url))


def _referral(db: Database, referral_id: int) -> Referral:
    with db.session_scope() as session:
        return session.execute(select(Referral).where(Referral.id == referral_id)).scalar_one()


def test_email_carries_reference_and_link_but_no_personal_data(
    db: Database, cipher: Cipher, settings: Settings, smtp_server: SmtpServer
) -> None:
    referral_id = store_lead(db, cipher)
    assert send_pending(settings, db) == 1
    (message,) = smtp_server.inbox.messages
    body = message.get_content()
    assert reference(referral_id) in message["Subject"] and reference(referral_id) in body
    assert f"https://trial.example.org/inbox/referrals/{referral_id}" in body
    assert "likely eligible" in body
    assert message["To"] == "coordinator@example.org"
    raw = smtp_server.inbox.raw[0].decode("utf-8", "replace")
    for personal in (
        PERSON.name,
        "Testperson",
        PERSON.email,
        PERSON.phone,
        "612345678",
        "tamoxifen",
        "sender-1",
    ):
        assert personal not in raw
    referral = _referral(db, referral_id)
    assert referral.notified_at is not None and referral.last_error is None


def test_notified_referral_is_not_sent_again(
    db: Database, cipher: Cipher, settings: Settings, smtp_server: SmtpServer
) -> None:
    store_lead(db, cipher)
    assert send_pending(settings, db) == 1
    assert send_pending(settings, db) == 0
    assert len(smtp_server.inbox.messages) == 1


def test_outage_keeps_the_referral_pending_then_delivers_when_smtp_returns(
    db: Database, cipher: Cipher, settings: Settings, smtp_server: SmtpServer
) -> None:
    referral_id = store_lead(db, cipher)
    smtp_server.stop()
    assert send_pending(settings, db) == 0
    pending = _referral(db, referral_id)
    assert pending.notified_at is None and pending.notify_attempts == 1
    assert pending.last_error is not None and pending.last_error.startswith("ConnectionRefusedError")

    smtp_server.start()  # a new server on the same port
    assert send_pending(settings, db) == 1
    delivered = _referral(db, referral_id)
    assert delivered.notified_at is not None and delivered.notify_attempts == 2
    assert delivered.last_error is None
    assert len(smtp_server.inbox.messages) == 1


def test_handoff_email_says_handoff(
    db: Database, cipher: Cipher, settings: Settings, smtp_server: SmtpServer
) -> None:
    with db.session_scope() as session:
        create_handoff_referral(
            session,
            cipher,
            conversation_id="sender-2",
            contact=PERSON,
            consent_version="v1",
            consent_at=CONSENT_AT,
        )
    send_pending(settings, db)
    assert "handoff" in smtp_server.inbox.messages[0]["Subject"]


def test_without_coordinator_emails_nothing_is_sent_or_counted(
    db: Database, cipher: Cipher, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    referral_id = store_lead(db, cipher)
    lonely = make_settings(tmp_path, smtp_port=smtp_server.port, coordinator_emails=())
    assert send_pending(lonely, db) == 0
    assert smtp_server.inbox.messages == []
    assert _referral(db, referral_id).notify_attempts == 0


async def test_run_notifier_delivers_within_an_interval_and_stops(
    db: Database, cipher: Cipher, settings: Settings, smtp_server: SmtpServer
) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(run_notifier(settings, interval_seconds=0.05, stop_event=stop, database=db))
    await asyncio.sleep(0)
    store_lead(db, cipher)
    deadline = time.monotonic() + 10
    while not smtp_server.inbox.messages and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    assert len(smtp_server.inbox.messages) == 1


def test_stored_errors_hold_the_type_and_code_only() -> None:
    refused = smtplib.SMTPRecipientsRefused({"coordinator@example.org": (550, b"no such user")})
    assert describe_error(refused) == "SMTPRecipientsRefused"
    reply = smtplib.SMTPDataError(554, b"rejected zoe@example.org")
    assert describe_error(reply) == "SMTPDataError smtp_code=554"
