"""Apply the leads migrations from code: the running product and every command call ``upgrade``."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import URL

from bot.storage.db import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
logger = logging.getLogger(__name__)


def alembic_config(database_url: str | URL) -> Config:
    """An in-memory Alembic config pointing at our migrations (no alembic.ini to keep in sync)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    rendered = database_url if isinstance(database_url, str) else database_url.render_as_string(False)
    config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


def upgrade(database_url: str | URL, revision: str = "head") -> None:
    """Bring the leads schema to ``revision``; creates the SQLite data folder when needed."""
    engine = make_engine(database_url)  # creates the folder of a SQLite file
    try:
        with engine.begin() as connection:
            config = alembic_config(database_url)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()
    logger.info("event=leads_schema_migrated revision=%s", revision)


def downgrade(database_url: str | URL, revision: str = "base") -> None:
    """Step the leads schema back (tests and rollbacks; ``base`` drops every leads table)."""
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            config = alembic_config(database_url)
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()
