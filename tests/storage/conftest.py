"""Database fixtures shared by the storage and leads tests (see tests/db_fixtures.py)."""

from tests.db_fixtures import cipher, database_url, db  # noqa: F401
