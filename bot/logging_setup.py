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


def where(error: BaseException) -> str:
    """The innermost frame of an error (file:line): enough to find it, without logging any message
    text (an exception's message can quote what a person wrote)."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    return f"{frame.tb_frame.f_code.co_filename}:{frame.tb_lineno}" if frame is not None else "?"
