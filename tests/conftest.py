"""Fixtures shared by every test folder: the live stack (real Rasa, action and web servers)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from bot.runtime.sandbox import ModelNotReady, free_port, isolated_env, require_fresh_model
from bot.settings import scoped_environment

# CI runs the property tests on a fixed set of examples (a red run must be reproducible);
# developers' runs keep exploring new ones. Failing examples found locally go in as @example.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")

# The database fixtures (database_url, db, cipher) for every folder that needs them.
pytest_plugins = ["tests.db_fixtures"]

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO_ROOT / "test-artifacts"

# Ports away from `make run`'s defaults, so tests can run beside a running product;
# CATR_TEST_PORT_OFFSET moves them, so two test runs can share a machine.
_OFFSET = int(os.environ.get("CATR_TEST_PORT_OFFSET", "0"))
TEST_PORTS = {
    "RASA_PORT": str(15005 + _OFFSET),
    "ACTION_PORT": str(15055 + _OFFSET),
    "WEB_PORT": str(18000 + _OFFSET),
}


# A test is marked by the processes its fixtures start, so `make check` leaves those out by marker
# and a new test that uses them is marked without anyone remembering to.
STARTED_BY_FIXTURE = {
    "live_stack": "servers",
    "fault_stack": "servers",
    "scaleout_cluster": "servers",
    "web": "web_app",
    "web_behind_tls": "web_app",
    "fake_rasa": "web_app",
    "browser": "browser",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture in sorted(set(getattr(item, "fixturenames", ())) & STARTED_BY_FIXTURE.keys()):
            item.add_marker(STARTED_BY_FIXTURE[fixture])


def real_servers_required() -> bool:
    """`.ci/run` sets REQUIRE_REAL_SERVERS: there, a missing server fails instead of skipping."""
    return os.environ.get("REQUIRE_REAL_SERVERS") == "1"


class SmtpInbox:
    """A real SMTP server (aiosmtpd) on a free local port that keeps what it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[str] = []
        inbox = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                inbox.messages.append(envelope.content.decode("utf-8", "replace"))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=free_port())

    @property
    def port(self) -> int:
        return self.controller.port


@pytest.fixture(scope="session")
def smtp_inbox() -> Iterator[SmtpInbox]:
    inbox = SmtpInbox()
    inbox.controller.start()
    yield inbox
    inbox.controller.stop()


def fresh_model_or_fail(settings: object) -> None:
    """Servers loading a missing or outdated model would test the wrong thing: fail, saying why."""
    try:
        require_fresh_model(settings)  # type: ignore[arg-type]
    except ModelNotReady as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def stack_env(tmp_path_factory: pytest.TempPathFactory, smtp_inbox: SmtpInbox) -> Iterator[dict[str, str]]:
    """Environment for a test run of the whole product: own ports, own data folder, test SMTP."""
    ports = (int(TEST_PORTS["RASA_PORT"]), int(TEST_PORTS["ACTION_PORT"]), int(TEST_PORTS["WEB_PORT"]))
    values = isolated_env(
        tmp_path_factory.mktemp("stack"),
        ports=ports,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp_inbox.port),
        COORDINATOR_EMAILS="coordinator@example.org",
        NOTIFY_INTERVAL_SECONDS="2",
        # the frozen pre-screen profiles (tests/prescreen/heldout/) count months from this day
        CATR_PRESCREEN_TODAY="2026-12-01",
    )
    with scoped_environment(values):
        yield values


@pytest.fixture(scope="session")
def live_stack(stack_env: dict[str, str]) -> Iterator[object]:
    """Starts the real processes once per session; logs go to test-artifacts/logs/."""
    from bot.runtime.processes import all_processes
    from bot.runtime.sandbox import running
    from bot.runtime.secrets import with_rasa_token
    from bot.settings import load_settings

    settings = with_rasa_token(load_settings())
    fresh_model_or_fail(settings)
    log_dir = ARTIFACTS / "logs"
    shutil.rmtree(log_dir, ignore_errors=True)
    with running(settings, all_processes(settings), log_dir):
        yield settings
