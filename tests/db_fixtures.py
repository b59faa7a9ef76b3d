"""Database fixtures for storage and leads tests: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.

Each PostgreSQL test gets its own schema (via ``search_path``) that is dropped afterwards, so tests
never touch other tables in the same database (the Rasa tracker store, for example).
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.leads.contact import ContactDetails
from bot.leads.crypto import Cipher
from bot.leads.repository import add_contact, record_screening
from bot.settings import Settings, load_settings
from bot.storage.db import Database
from bot.storage.migrate import upgrade

POSTGRES_SKIP_REASON = "TEST_DATABASE_URL not set; .ci/run sets it"
CONSENT_AT = datetime(2025, 1, 2, 9, 30, tzinfo=timezone.utc)
PERSON = ContactDetails(
    name="Zoé Martin-Testperson",
    email="zoe.testperson@example.org",
    phone="+33612345678",
    preferred_time="mornings",
)


def _postgres_url() -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not base:
        pytest.skip(POSTGRES_SKIP_REASON)
    schema = f"test_leads_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, future=True)
    try:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except OperationalError as error:  # set but unreachable: fail loudly, never skip
        admin.dispose()
        shown = make_url(base).render_as_string(hide_password=True)
        pytest.fail(f"TEST_DATABASE_URL={shown} is set but unreachable: {error.orig}", pytrace=False)
    try:
        yield make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file under tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'leads.db'}"
    else:
        yield from _postgres_url()


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A migrated database."""
    upgrade(database_url)
    database = Database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def cipher() -> Cipher:
    return Cipher([Fernet.generate_key()])


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for a test: data under tmp_path, everything else overridable."""
    base = load_settings()
    values: dict[str, Any] = {
        "data_dir": tmp_path / "data",
        "database_url": f"sqlite:///{tmp_path / 'data' / 'leads.db'}",
        "encryption_key": "",
        "public_base_url": "https://trial.example.org",
        "smtp_host": "127.0.0.1",
        "smtp_user": "",
        "smtp_sender": "assistant@example.org",
        "coordinator_emails": ("coordinator@example.org",),
    }
    values.update(overrides)
    return dataclasses.replace(base, **values)


def store_lead(
    db: Database,
    cipher: Cipher,
    conversation_id: str = "sender-1",
    outcome: str = "likely_eligible",
    person: ContactDetails = PERSON,
    created_at: datetime | None = None,
) -> int:
    """A complete lead (screening, contact, referral) committed; returns the referral id."""
    with db.session_scope() as session:
        screening = record_screening(
            session,
            conversation_id=conversation_id,
            screening_key="prescreen-1",
            outcome=outcome,
            reasons=["Age is within the study range"],
            answers={"age": 54, "medication": "tamoxifen-secret-answer"},
            criteria_version="2025-01",
            now=created_at,
        )
        referral = add_contact(
            session,
            cipher,
            screening_id=screening.id,
            contact=person,
            consent_version="consent-v1",
            consent_at=CONSENT_AT,
            now=created_at,
        )
        return referral.id
