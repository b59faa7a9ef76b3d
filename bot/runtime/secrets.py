"""A token for Rasa's HTTP API when none is configured, so the editor's model reload works out of
the box while the API is never open: generated once into the data folder (0600), never logged."""

from __future__ import annotations

import dataclasses
import logging
import os
import secrets

from bot.settings import Settings

log = logging.getLogger(__name__)

TOKEN_FILE = "rasa-api.token"


def with_rasa_token(settings: Settings) -> Settings:
    if settings.rasa_auth_token:
        return settings
    path = settings.data_dir / TOKEN_FILE
    if not path.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(32))
        log.warning("event=rasa_api_token_generated path=%s (set RASA_AUTH_TOKEN to choose one)", path)
    return dataclasses.replace(settings, rasa_auth_token=path.read_text(encoding="utf-8").strip())
