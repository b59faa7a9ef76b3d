"""Alembic environment: runs on the connection handed over by ``bot.storage.migrate``.

Our version table has its own name so the leads schema can share a database with other tables
(the Rasa tracker store, for example) without stepping on anyone's migrations.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from bot.storage.db import make_engine
from bot.storage.models import TABLE_NAMES, VERSION_TABLE, Base


def _ours(name: str | None, type_: str, _parent: object) -> bool:
    """Autogenerate looks at our tables only: others (Rasa's ``events``) may share the database."""
    return type_ != "table" or name in TABLE_NAMES


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=_ours,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; use bot.storage.migrate.upgrade")
run_migrations_online()
