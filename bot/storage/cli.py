"""``python -m bot backup`` and ``restore``: the leads database and its key, encrypted."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.settings import Settings, get_settings
from bot.storage.backup import create_backup, restore_backup


def _passphrase(args: argparse.Namespace, settings: Settings) -> str:
    if args.passphrase_file:
        return Path(args.passphrase_file).read_text(encoding="utf-8").strip()
    if settings.backup_passphrase:
        return settings.backup_passphrase
    raise SystemExit("error: set BACKUP_PASSPHRASE or pass --passphrase-file (never on the command line)")


def backup_command(args: argparse.Namespace) -> int:
    settings = get_settings()
    manifest = create_backup(settings, _passphrase(args, settings), Path(args.archive))
    print(f"backup written: {args.archive} (database: {manifest['database']}; keep the passphrase apart)")
    return 0


def restore_command(args: argparse.Namespace) -> int:
    settings = get_settings()
    restored = restore_backup(settings, _passphrase(args, settings), Path(args.archive), force=args.force)
    print("restored: " + ", ".join(restored))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``backup`` and ``restore`` to ``python -m bot``."""
    backup = subparsers.add_parser("backup", help="write an encrypted archive of the leads database and key")
    backup.add_argument("archive", help="where to write it, e.g. /backups/catr-pat-2026-01-31.bak")
    backup.set_defaults(func=backup_command)
    restore = subparsers.add_parser("restore", help="put back the leads database and key from an archive")
    restore.add_argument("archive")
    restore.add_argument("--force", action="store_true", help="overwrite an existing database and key")
    restore.set_defaults(func=restore_command)
    for command in (backup, restore):
        command.add_argument(
            "--passphrase-file", help="a file holding the passphrase (else BACKUP_PASSPHRASE)"
        )
