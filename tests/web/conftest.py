"""Fixtures for the web tests: a fake Rasa, web servers on free ports, signed-in clients, leads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.leads.contact import ContactDetails
from tests.db_fixtures import PERSON, store_lead
from tests.web.browser import chromium
from tests.web.fake_rasa import FakeRasa
from tests.web.server import REPO_ROOT, WebServer, start_web
from tests.web.staff import StaffAccount, StaffClient, add_account

ARTIFACTS = REPO_ROOT / "test-artifacts"
RASA_TOKEN = "test-rasa-token-not-a-secret"


@pytest.fixture(scope="session")
def fake_rasa() -> Iterator[FakeRasa]:
    with FakeRasa() as rasa:
        yield rasa


@pytest.fixture(scope="session")
def web(tmp_path_factory: pytest.TempPathFactory, fake_rasa: FakeRasa) -> Iterator[WebServer]:
    """The web app over plain http, talking to the fake Rasa, without a Rasa API token."""
    server = start_web(
        tmp_path_factory.mktemp("web"),
        ARTIFACTS / "logs",
        RASA_URL=fake_rasa.url,
        CORS_ORIGINS=f"https://foundation.example.org,{fake_rasa.url}",  # the fake also serves a host page
    )
    yield server
    server.stop()


@pytest.fixture(scope="session")
def web_behind_tls(tmp_path_factory: pytest.TempPathFactory, fake_rasa: FakeRasa) -> Iterator[WebServer]:
    """The web app configured with an https public address (as behind a TLS proxy) and a Rasa token."""
    server = start_web(
        tmp_path_factory.mktemp("web-tls"),
        ARTIFACTS / "logs",
        RASA_URL=fake_rasa.url,
        PUBLIC_BASE_URL="https://trial.example.org",
        RASA_AUTH_TOKEN=RASA_TOKEN,
    )
    yield server
    server.stop()


@pytest.fixture
def recorded(web: WebServer, fake_rasa: FakeRasa) -> Iterator[None]:
    """The fake Rasa stores each turn in the web app's tracker store, as Rasa does (for the history);
    only where needed: it slows every reply, and the flood tests count replies per second."""
    fake_rasa.record_to(f"sqlite:///{web.settings.data_dir / 'tracker.db'}", web.cipher)
    yield
    fake_rasa.stop_recording()


@pytest.fixture
def account(web: WebServer) -> Callable[[str], StaffAccount]:
    """A new account with the given role in the web server's database."""
    return lambda role: add_account(web.database, role)


@pytest.fixture
def client(web: WebServer) -> StaffClient:
    return StaffClient(web.url)


@pytest.fixture
def coordinator(web: WebServer, account: Callable[[str], StaffAccount]) -> StaffClient:
    return StaffClient(web.url).signed_in(account("coordinator"))


@pytest.fixture
def staff(web: WebServer, account: Callable[[str], StaffAccount]) -> StaffClient:
    return StaffClient(web.url).signed_in(account("staff"))


@pytest.fixture
def admin(web: WebServer, account: Callable[[str], StaffAccount]) -> StaffClient:
    return StaffClient(web.url).signed_in(account("admin"))


@pytest.fixture
def lead(web: WebServer) -> Callable[..., int]:
    """Store a complete lead in the web server's database; returns its referral id."""

    def make(
        outcome: str = "likely_eligible",
        person: ContactDetails = PERSON,
        created_at: datetime | None = None,
        conversation_id: str | None = None,
    ) -> int:
        import uuid

        sender = conversation_id or f"sender-{uuid.uuid4().hex[:12]}"
        return store_lead(web.database, web.cipher, sender, outcome, person, created_at)

    return make


@pytest.fixture
def restore_faq(web: WebServer) -> Iterator[Path]:
    """Tests that edit the FAQ leave the server's copy as they found it."""
    original = web.faq_path.read_bytes()
    yield web.faq_path
    web.faq_path.write_bytes(original)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium, one per test module (Playwright's sync API and pytest-asyncio's loops
    should not share a long-lived browser)."""
    with chromium() as launched:
        yield launched
