"""The hand-written migrations create exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.storage.db import make_engine
from bot.storage.migrate import alembic_config, downgrade, upgrade
from bot.storage.models import TABLE_NAMES, VERSION_TABLE, Base


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return set(sa.inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_creates_every_leads_table(database_url: str) -> None:
    upgrade(database_url)
    assert set(TABLE_NAMES) | {VERSION_TABLE} <= _tables(database_url)


def test_upgrade_twice_is_a_no_op(database_url: str) -> None:
    upgrade(database_url)
    upgrade(database_url)
    engine = make_engine(database_url)
    with engine.connect() as connection:
        versions = connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    engine.dispose()
    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    assert versions == [head]


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "version_table": VERSION_TABLE}
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_upgrade_creates_the_sqlite_data_folder(tmp_path: Path) -> None:
    database_file = tmp_path / "not" / "yet" / "there" / "leads.db"
    upgrade(f"sqlite:///{database_file}")
    assert database_file.exists()


def test_downgrade_drops_only_leads_tables(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.begin() as connection:  # stands in for the Rasa tracker store sharing the database
        connection.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    upgrade(database_url)
    downgrade(database_url, "base")
    remaining = _tables(database_url)
    assert "events" in remaining
    assert not set(TABLE_NAMES) & remaining
