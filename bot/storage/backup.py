"""Encrypted backups of what cannot be rebuilt: the leads database and its encryption key.

Losing the key loses every contact; a copy of the key beside the data in clear would hand both to
whoever finds the copy. So the archive (a tar of a consistent SQLite copy, the key and a manifest)
is encrypted with a key derived from a passphrase (scrypt, then Fernet), which is never stored.
PostgreSQL leads databases are backed up with pg_dump; the archive then holds the key only.
"""

from __future__ import annotations

import base64
import io
import json
import os
import sqlite3
import tarfile
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from bot.leads.crypto import KEY_FILE_NAME, key_file_keys
from bot.settings import Settings
from bot.storage.private import FILE_MODE, private_dir, sqlite_path

MAGIC = b"CATR-PAT-BACKUP-1\n"
SALT_BYTES = 16
MIN_PASSPHRASE = 12
DATABASE_MEMBER, KEY_MEMBER, MANIFEST_MEMBER = "leads.db", "leads.key", "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def _fernet(passphrase: str, salt: bytes) -> Fernet:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BackupError(f"the backup passphrase needs at least {MIN_PASSPHRASE} characters")
    key = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def _keys_text(settings: Settings) -> str:
    if settings.encryption_key.strip():
        return settings.encryption_key.strip()
    return b",".join(key_file_keys(settings.data_dir)).decode("ascii")


def _database_copy(path: Path) -> bytes:
    """A consistent copy, even while the product writes (SQLite's online backup)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / DATABASE_MEMBER
        source, target = sqlite3.connect(path), sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return copy.read_bytes()


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), FILE_MODE
    archive.addfile(info, io.BytesIO(data))


def create_backup(settings: Settings, passphrase: str, target: Path) -> dict[str, str]:
    """Write the encrypted archive to ``target`` (0600); returns the manifest."""
    database = sqlite_path(settings.database_url)
    manifest = {
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "database": "sqlite" if database is not None else "external (back it up with pg_dump)",
    }
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        _add(archive, MANIFEST_MEMBER, json.dumps(manifest).encode())
        _add(archive, KEY_MEMBER, _keys_text(settings).encode("ascii") + b"\n")
        if database is not None and database.exists():
            _add(archive, DATABASE_MEMBER, _database_copy(database))
    salt = os.urandom(SALT_BYTES)
    sealed = MAGIC + salt + _fernet(passphrase, salt).encrypt(buffer.getvalue())
    private_dir(target.parent)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(sealed)
    return manifest


def _open_archive(source: Path, passphrase: str) -> dict[str, bytes]:
    raw = source.read_bytes()
    if not raw.startswith(MAGIC):
        raise BackupError(f"{source} is not a CATR-PAT backup")
    salt, token = raw[len(MAGIC) : len(MAGIC) + SALT_BYTES], raw[len(MAGIC) + SALT_BYTES :]
    try:
        plain = _fernet(passphrase, salt).decrypt(token)
    except InvalidToken as error:
        raise BackupError("wrong passphrase, or the backup file is damaged") from error
    with tarfile.open(fileobj=io.BytesIO(plain), mode="r") as archive:
        return {
            member.name: archive.extractfile(member).read()  # type: ignore[union-attr]
            for member in archive.getmembers()
            if member.isfile() and member.name in (DATABASE_MEMBER, KEY_MEMBER, MANIFEST_MEMBER)
        }


def _write_private(path: Path, data: bytes) -> None:
    private_dir(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def restore_backup(settings: Settings, passphrase: str, source: Path, force: bool = False) -> list[str]:
    """Put the archive's database and key back in place; refuses to overwrite unless ``force``."""
    members = _open_archive(source, passphrase)
    database = sqlite_path(settings.database_url)
    key_path = settings.data_dir / KEY_FILE_NAME
    targets = {KEY_MEMBER: key_path}
    if DATABASE_MEMBER in members:
        if database is None:
            raise BackupError("the backup holds a SQLite database but DATABASE_URL is not SQLite")
        targets[DATABASE_MEMBER] = database
    present = [str(path) for path in targets.values() if path.exists()]
    if present and not force:
        raise BackupError(f"{', '.join(present)} already exist(s); move them away or pass --force")
    restored = []
    for member, path in targets.items():
        for side in ("-wal", "-shm"):
            Path(f"{path}{side}").unlink(missing_ok=True)  # a stale log must not replay over the copy
        _write_private(path, members[member])
        restored.append(str(path))
    return restored
