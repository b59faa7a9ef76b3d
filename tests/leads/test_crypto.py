"""Contact encryption keys: taken from settings, or generated once into the data folder with a warning."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.leads.crypto import KEY_FILE_NAME, Cipher, key_file_keys, load_cipher, parse_keys
from tests.db_fixtures import make_settings


def test_key_is_generated_with_a_warning_when_missing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = tmp_path / "fresh"
    with caplog.at_level(logging.WARNING, logger="bot.leads.crypto"):
        keys = key_file_keys(data_dir)
    key_file = data_dir / KEY_FILE_NAME
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert any("event=encryption_key_generated" in record.getMessage() for record in caplog.records)
    assert keys[0].decode() not in caplog.text
    assert not [path.name for path in data_dir.iterdir() if path.name != KEY_FILE_NAME]


def test_generated_key_is_reused_without_a_second_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = key_file_keys(tmp_path)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bot.leads.crypto"):
        assert key_file_keys(tmp_path) == first
    assert "generated" not in caplog.text


def test_configured_key_is_used_and_no_key_file_is_written(tmp_path: Path) -> None:
    key = Fernet.generate_key()
    cipher = load_cipher(make_settings(tmp_path, encryption_key=key.decode()))
    token = cipher.encrypt("zoe@example.org")
    assert Fernet(key).decrypt(token.encode()) == b"zoe@example.org"
    assert not (tmp_path / "data" / KEY_FILE_NAME).exists()


def test_invalid_configured_key_names_the_variable_and_the_fix() -> None:
    with pytest.raises(ValueError, match=r"LEADS_ENCRYPTION_KEY.*Fernet\.generate_key"):
        parse_keys("not-a-key")


def test_rotated_keys_still_decrypt_tokens_made_with_the_old_key() -> None:
    old, new = Fernet.generate_key(), Fernet.generate_key()
    token = Cipher([old]).encrypt("+33612345678")
    assert Cipher([new, old]).decrypt(token) == "+33612345678"


def test_wrong_key_gives_a_message_naming_the_setting_not_the_data() -> None:
    token = Cipher([Fernet.generate_key()]).encrypt("zoe@example.org")
    with pytest.raises(ValueError, match="LEADS_ENCRYPTION_KEY") as caught:
        Cipher([Fernet.generate_key()]).decrypt(token)
    assert "zoe" not in str(caught.value)


def test_empty_values_are_stored_as_null() -> None:
    cipher = Cipher([Fernet.generate_key()])
    assert cipher.encrypt("") is None
    assert cipher.decrypt(None) == ""
