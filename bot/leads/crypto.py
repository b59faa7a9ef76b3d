"""Fernet encryption for contact details, with a key from settings or generated on first use.

``LEADS_ENCRYPTION_KEY`` may list several comma-separated keys to rotate: the first encrypts, all
decrypt. Without it a key is generated into ``<data_dir>/leads.key`` (0600) and a warning says so.
The key itself is never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.settings import Settings
from bot.storage.private import private_dir

KEY_FILE_NAME = "leads.key"
logger = logging.getLogger(__name__)


class Cipher:
    """Encrypts and decrypts short text fields; empty values stay ``None`` so nothing is invented."""

    def __init__(self, keys: list[bytes]) -> None:
        if not keys:
            raise ValueError("Cipher needs at least one Fernet key")
        self._fernet = MultiFernet([Fernet(key) for key in keys])
        # A separate key for references, derived from the primary key: a reference reveals nothing
        # about the Fernet key, and nobody without the key can link a sender id to its reference.
        self._reference_key = hmac.new(keys[0], b"catr-reference-v1", hashlib.sha256).digest()

    def reference(self, value: str) -> str:
        """A keyed, non-reversible reference for an identifier (exports show it instead of the
        sender id, which is a bearer secret for its conversation)."""
        return hmac.new(self._reference_key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:24]

    def short_reference(self, value: str) -> str:
        """What a person can quote ("3F9A-1C2B"): the first 8 characters of ``reference``, which
        coordinators find at the start of an export's ``conversation_ref``."""
        head = self.reference(value)[:8].upper()
        return f"{head[:4]}-{head[4:]}"

    def encrypt(self, value: str | None) -> str | None:
        if not value:
            return None
        return self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str | None) -> str:
        if not token:
            return ""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken as error:
            raise ValueError(
                "A stored contact field cannot be decrypted with the configured key(s): "
                "check LEADS_ENCRYPTION_KEY or the leads.key file in the data folder"
            ) from error


def parse_keys(raw: str) -> list[bytes]:
    """Keys from ``LEADS_ENCRYPTION_KEY``; a developer-facing error names the variable and the fix."""
    keys = [part.strip().encode("ascii") for part in raw.split(",") if part.strip()]
    for key in keys:
        try:
            Fernet(key)
        except (ValueError, TypeError) as error:
            raise ValueError(
                "LEADS_ENCRYPTION_KEY is not a valid Fernet key (32 url-safe base64 bytes); make one with: "
                "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
            ) from error
    return keys


def _create_key_file(path: Path) -> None:
    """Write a fresh key atomically: a half-written key file would make every contact unreadable."""
    private_dir(path.parent)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".leads-key-")
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(Fernet.generate_key() + b"\n")
        os.link(temporary, path)  # fails if another process created the key first: keep theirs
    except FileExistsError:
        return
    finally:
        os.unlink(temporary)
    logger.warning(
        "event=encryption_key_generated path=%s advice=back_it_up_or_set_LEADS_ENCRYPTION_KEY "
        "(without it stored contact details cannot be read)",
        path,
    )


def key_file_keys(data_dir: Path) -> list[bytes]:
    """Keys from ``<data_dir>/leads.key``, generating the file on first use."""
    path = data_dir / KEY_FILE_NAME
    if not path.exists():
        _create_key_file(path)
    raw = path.read_text(encoding="ascii").strip()
    try:
        return parse_keys(raw)
    except ValueError as error:
        raise ValueError(f"{path} does not hold a valid Fernet key; restore it from your backup") from error


@lru_cache(maxsize=8)
def _cipher_for(encryption_key: str, data_dir: Path) -> Cipher:
    keys = parse_keys(encryption_key) if encryption_key.strip() else key_file_keys(data_dir)
    return Cipher(keys)


def load_cipher(settings: Settings) -> Cipher:
    """The cipher for ``settings`` (cached per key and data folder)."""
    return _cipher_for(settings.encryption_key, settings.data_dir)
