"""``python -m bot leads export|erase``, ``purge`` and ``notify``: migrate first, then do one job."""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from bot import cli as bot_cli
from bot.leads import cli as leads_cli
from bot.leads.crypto import Cipher
from bot.settings import REPO_ROOT, get_settings
from bot.storage.db import Database
from bot.storage.migrate import upgrade
from bot.storage.models import Screening
from tests.db_fixtures import PERSON, store_lead
from tests.tracker_fixtures import count_events, store_conversation

KEY = Fernet.generate_key().decode()


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str) -> Iterator[Database]:
    """Point the settings at a test database and key, as the environment would in production."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("CATR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LEADS_ENCRYPTION_KEY", KEY)
    monkeypatch.setenv("RETENTION_DAYS", "30")
    monkeypatch.setenv("COORDINATOR_EMAILS", "")
    get_settings.cache_clear()
    upgrade(database_url)
    database = Database(database_url)
    yield database
    database.dispose()
    get_settings.cache_clear()


@pytest.fixture
def tracker_url(
    environment: Database, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The conversation store: a SQLite file in the data folder, or the test's PostgreSQL schema."""
    sqlite = f"sqlite:///{tmp_path / 'data' / 'tracker.db'}"
    url = sqlite if database_url.startswith("sqlite") else database_url
    monkeypatch.setenv("TRACKER_DATABASE_URL", url)
    get_settings.cache_clear()
    return url


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    leads_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_leads_cli_is_registered_with_the_bot_command() -> None:
    assert "bot.leads.cli" in bot_cli.COMMAND_MODULES


def test_export_json_prints_an_array(environment: Database, capsys: pytest.CaptureFixture[str]) -> None:
    store_lead(environment, Cipher([KEY.encode()]))
    assert _run("leads", "export", "--format", "json") == 0
    records = json.loads(capsys.readouterr().out)
    assert isinstance(records, list) and records[0]["contact"]["email"] == PERSON.email


def test_export_csv_prints_flat_neutralised_rows(
    environment: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    store_lead(environment, Cipher([KEY.encode()]))
    assert _run("leads", "export", "--format", "csv") == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row["contact_phone"] == "'" + PERSON.phone
    assert json.loads(row["answers"])["age"] == 54


def test_purge_defaults_to_the_retention_setting(
    environment: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    cipher = Cipher([KEY.encode()])
    store_lead(
        environment, cipher, conversation_id="old", created_at=datetime.now(timezone.utc) - timedelta(days=31)
    )
    store_lead(environment, cipher, conversation_id="new")
    assert _run("purge") == 0
    assert "older than 30 days" in capsys.readouterr().out
    assert _run("leads", "export") == 0
    assert [r["conversation_ref"] for r in json.loads(capsys.readouterr().out)] == [cipher.reference("new")]


def test_purge_days_option_overrides_the_setting(
    environment: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    store_lead(environment, Cipher([KEY.encode()]), created_at=datetime.now(timezone.utc) - timedelta(days=3))
    assert _run("purge", "--days", "2") == 0
    assert "screenings=1" in capsys.readouterr().out


def test_erase_command_reports_counts(environment: Database, capsys: pytest.CaptureFixture[str]) -> None:
    store_lead(environment, Cipher([KEY.encode()]), conversation_id="sender-x")
    assert _run("leads", "erase", "sender-x") == 0
    assert "screenings=1" in capsys.readouterr().out


@pytest.mark.parametrize("named_by", ["sender id", "export reference"])
async def test_erase_command_erases_the_leads_and_the_stored_conversation(
    environment: Database, tracker_url: str, capsys: pytest.CaptureFixture[str], named_by: str
) -> None:
    cipher = Cipher([KEY.encode()])
    store_lead(environment, cipher, conversation_id="sender-x")
    await store_conversation(tracker_url, "sender-x", cipher)
    named = "sender-x" if named_by == "sender id" else cipher.reference("sender-x")
    assert _run("leads", "erase", named) == 0
    printed = capsys.readouterr().out
    assert "screenings=1" in printed and "conversation_events=8" in printed
    with environment.session_scope() as session:
        assert session.execute(select(Screening)).first() is None
    assert count_events(tracker_url, "sender-x") == 0


def test_notify_runs_one_pass(environment: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("notify") == 0
    assert "notifications sent: 0" in capsys.readouterr().out


def test_python_m_bot_exports_from_a_fresh_data_folder(tmp_path: Path) -> None:
    database_file = tmp_path / "fresh" / "leads.db"
    environment = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO_ROOT),
        "DATABASE_URL": f"sqlite:///{database_file}",
        "CATR_DATA_DIR": str(tmp_path / "fresh"),
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "leads", "export", "--format", "json"],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert database_file.exists() and (tmp_path / "fresh" / "leads.key").exists()
    assert "event=encryption_key_generated" in result.stderr
