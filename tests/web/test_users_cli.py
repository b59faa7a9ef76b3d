"""``python -m bot users ...``: accounts and API tokens from the command line."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.settings import get_settings
from bot.storage.db import Database
from bot.storage.models import User
from bot.users.tokens import api_token_account


@pytest.fixture
def cli_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'leads.db'}"
    monkeypatch.setenv("CATR_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    database = Database(url)
    yield database
    database.dispose()
    get_settings.cache_clear()


def _run(monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(args))


def test_users_add_with_password_stdin_creates_a_hashed_account(
    cli_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _run(
        monkeypatch, "users", "add", "--role", "coordinator", "--password-stdin", "Ana@Example.org",
        stdin="a long enough password\n",
    )  # fmt: skip
    assert code == 0
    with cli_database.session_scope() as session:
        user = session.execute(select(User)).scalar_one()
    assert (user.email, user.role, user.is_active) == ("ana@example.org", "coordinator", True)
    assert user.password_hash.startswith("$argon2id$")


def test_users_add_refuses_a_short_password(
    cli_database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run(
        monkeypatch, "users", "add", "--role", "staff", "--password-stdin", "b@example.org", stdin="short\n"
    )
    assert code == 1 and "at least 12 characters" in capsys.readouterr().err


def test_users_token_prints_a_token_that_the_api_accepts_until_deactivation(
    cli_database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(monkeypatch, "users", "add", "--role", "coordinator", "--password-stdin", "c@example.org",
         stdin="a long enough password\n")  # fmt: skip
    capsys.readouterr()
    assert _run(monkeypatch, "users", "token", "--label", "crm", "c@example.org") == 0
    token = capsys.readouterr().out.strip()
    with cli_database.session_scope() as session:
        assert api_token_account(session, token) is not None
    assert _run(monkeypatch, "users", "deactivate", "c@example.org") == 0
    with cli_database.session_scope() as session:
        assert api_token_account(session, token) is None
