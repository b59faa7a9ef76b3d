"""``python -m bot backup`` / ``restore``: an encrypted archive of the leads database and its key
that brings every contact back, and that reveals nothing without the passphrase."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot import cli as bot_cli
from bot.leads.crypto import load_cipher
from bot.leads.export import export_leads
from bot.settings import get_settings
from bot.storage.db import Database
from bot.storage.migrate import upgrade
from tests.db_fixtures import PERSON, store_lead

PASSPHRASE = "a long passphrase kept apart"


@pytest.fixture
def data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CATR_DATA_DIR", str(folder))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{folder / 'leads.db'}")
    monkeypatch.setenv("LEADS_ENCRYPTION_KEY", "")  # the generated key file, the one a backup must keep
    monkeypatch.setenv("BACKUP_PASSPHRASE", PASSPHRASE)
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


def _run(*argv: str) -> int:
    args = bot_cli.build_parser().parse_args(argv)
    return args.func(args)


def _emails(folder: Path) -> list[str]:
    settings = get_settings()
    database = Database(f"sqlite:///{folder / 'leads.db'}")
    try:
        with database.session_scope() as session:
            return [r["contact"]["email"] for r in export_leads(session, load_cipher(settings), actor="t")]
    finally:
        database.dispose()


def test_a_backup_restores_every_contact_after_the_data_folder_is_lost(
    data_dir: Path, tmp_path: Path
) -> None:
    upgrade(get_settings().database_url)
    database = Database(get_settings().database_url)
    store_lead(database, load_cipher(get_settings()))
    database.dispose()
    archive = tmp_path / "backups" / "catr-pat.bak"
    assert _run("backup", str(archive)) == 0
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    raw = archive.read_bytes()
    assert PERSON.email.encode() not in raw and b"tamoxifen" not in raw
    assert (data_dir / "leads.key").read_bytes().strip() not in raw

    for path in data_dir.iterdir():  # the disk is lost
        path.unlink()
    from bot.leads import crypto

    crypto._cipher_for.cache_clear()
    assert _run("restore", str(archive)) == 0
    assert _emails(data_dir) == [PERSON.email]
    assert stat.S_IMODE((data_dir / "leads.key").stat().st_mode) == 0o600


def test_restore_refuses_a_wrong_passphrase_and_an_existing_database(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade(get_settings().database_url)
    archive = tmp_path / "catr-pat.bak"
    assert _run("backup", str(archive)) == 0
    from bot.storage.backup import BackupError

    with pytest.raises(BackupError, match="already exist"):
        _run("restore", str(archive))
    passphrase_file = tmp_path / "other"
    passphrase_file.write_text("not the right passphrase at all")
    with pytest.raises(BackupError, match="wrong passphrase"):
        _run("restore", str(archive), "--force", "--passphrase-file", str(passphrase_file))
    assert _run("restore", str(archive), "--force") == 0
