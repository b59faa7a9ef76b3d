"""Sessions commit or roll back as a unit; SQLite runs with foreign keys, WAL and UTC datetimes."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.storage.db import Database, get_database, sqlite_path
from bot.storage.models import AuditEvent, Contact
from tests.db_fixtures import make_settings


def _audit(actor: str) -> AuditEvent:
    return AuditEvent(actor=actor, action="viewed", target_type="referral", target_id="1", details={})


def test_session_scope_commits_when_the_block_succeeds(db: Database) -> None:
    with db.session_scope() as session:
        session.add(_audit("alice"))
    with db.session_scope() as session:
        assert session.execute(select(func.count()).select_from(AuditEvent)).scalar_one() == 1


def test_session_scope_rolls_back_when_the_block_raises(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session_scope() as session:
        session.add(_audit("alice"))
        session.flush()
        raise RuntimeError("boom")
    with db.session_scope() as session:
        assert session.execute(select(func.count()).select_from(AuditEvent)).scalar_one() == 0


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.session_scope() as session:
        session.add(Contact(screening_id=999_999, name_token="x"))


def test_datetimes_come_back_as_aware_utc(db: Database) -> None:
    paris_time = datetime(2025, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    with db.session_scope() as session:
        session.add(AuditEvent(actor="a", action="viewed", target_type="t", details={}, at=paris_time))
    with db.session_scope() as session:
        stored = session.execute(select(AuditEvent.at)).scalar_one()
    assert stored == paris_time
    assert stored.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(sa.exc.StatementError, match="naive datetime"), db.session_scope() as session:
        session.add(
            AuditEvent(actor="a", action="viewed", target_type="t", details={}, at=datetime(2025, 1, 1))
        )


def test_sqlite_uses_wal_and_foreign_keys(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'x' / 'leads.db'}")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.dispose()


def test_new_sqlite_file_is_readable_by_the_owner_only(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'leads.db'}")
    with database.engine.connect() as connection:
        connection.exec_driver_sql("CREATE TABLE t (id INTEGER)")
    database.dispose()
    assert stat.S_IMODE((tmp_path / "leads.db").stat().st_mode) == 0o600


def test_sqlite_path_is_none_for_postgresql_and_memory() -> None:
    assert sqlite_path("postgresql://postgres@127.0.0.1/test") is None
    assert sqlite_path("sqlite://") is None
    assert sqlite_path("sqlite:////srv/data/leads.db") is not None


def test_get_database_shares_one_engine_per_url(tmp_path) -> None:
    settings = make_settings(tmp_path)
    assert get_database(settings) is get_database(settings)
    get_database(settings).dispose()
