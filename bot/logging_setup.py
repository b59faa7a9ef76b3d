"""Structured (key=value) logging for our processes. Log events, never personal data."""

from __future__ import annotations

import logging

from bot.settings import get_settings


def configure_logging(level: str | None = None) -> None:
    """Configure the root logger once; safe to call again."""
    logging.basicConfig(
        level=level or get_settings().log_level,
        format="%(asctime)s level=%(levelname)s logger=%(name)s %(message)s",
    )
