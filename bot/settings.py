"""All configuration, read from the environment in one place, with defaults that work out of the box.

Nobody else reads ``os.environ``: modules take a ``Settings`` (usually from ``get_settings()``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _env_int(name: str, default: int) -> int:
    raw = _env(name, str(default))
    try:
        return int(raw)
    except ValueError as error:
        raise ValueError(f"Environment variable {name}={raw!r} must be a whole number") from error


def _env_float(name: str, default: float) -> float:
    raw = _env(name, str(default))
    try:
        return float(raw)
    except ValueError as error:
        raise ValueError(f"Environment variable {name}={raw!r} must be a number (seconds)") from error


def _env_list(name: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in _env(name, "").split(",") if item.strip())


@dataclass(frozen=True)
class Settings:
    """Resolved configuration; paths are absolute."""

    repo_root: Path
    data_dir: Path
    content_dir: Path
    criteria_file: Path  # the trial's questions and criteria (data/eligibility/criteria.yml)
    build_dir: Path
    models_dir: Path
    database_url: str
    tracker_db_path: Path
    tracker_database_url: str
    rasa_port: int
    action_port: int
    web_port: int
    host: str
    public_base_url: str
    rasa_url: str
    action_server_url: str
    nlg_url: str
    rasa_auth_token: str
    log_level: str
    smtp_host: str
    smtp_port: int
    smtp_user: str
    smtp_password: str
    smtp_sender: str
    coordinator_emails: tuple[str, ...]
    encryption_key: str
    retention_days: int
    notify_interval_seconds: float
    # The reply time the coordinators promise, told to a person who leaves contact details.
    coordinator_reply_days: int = 3
    # The foundation's name, logo, colours, privacy links and data controller (bot/branding.py).
    branding_file: Path | None = None
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    session_hours: int = 8
    # Several Rasa servers share conversations only with a lock store (deploy/endpoints.production.yml).
    lock_store_url: str = "redis://127.0.0.1:6379/1"
    lock_store_key_prefix: str = "catrpat"
    # The supervisor (make run, cluster): restarts of a failed process before it is left down.
    restart_limit: int = 5
    restart_backoff_seconds: float = 1.0
    restart_backoff_max_seconds: float = 30.0
    restart_stable_seconds: float = 60.0
    # `python -m bot backup|restore` encrypt with it (or --passphrase-file); never stored with the data
    backup_passphrase: str = ""
    # The pre-screen's "today" (6-month medicine window...): tests pin it to the day the frozen
    # held-out profiles were written against; unset in production.
    prescreen_today: date | None = None

    @property
    def secure_cookies(self) -> bool:
        """Cookies get the Secure flag when the public address is https (behind TLS)."""
        return self.public_base_url.lower().startswith("https://")

    @property
    def spacy_model_dir(self) -> Path:
        return self.build_dir / "spacy" / "catr_pat_en"

    @property
    def texts_dir(self) -> Path:
        """data/texts/<language>/*.yml: every sentence a person reads, by id (bot/texts.py)."""
        return self.repo_root / "data" / "texts"

    @property
    def generated_data_dir(self) -> Path:
        return self.build_dir / "generated"

    def rasa_env(self) -> dict[str, str]:
        """Variables that endpoints.yml (and deploy/endpoints.production.yml) interpolate, and the
        API token; set for every process we start."""
        lock_store = urlsplit(self.lock_store_url)
        env = {
            "ACTION_SERVER_URL": self.action_server_url,
            "NLG_SERVER_URL": self.nlg_url,
            "TRACKER_DB": str(self.tracker_db_path),
            "TRACKER_DATABASE_URL": self.tracker_database_url,
            "LOCK_STORE_HOST": lock_store.hostname or "127.0.0.1",
            "LOCK_STORE_PORT": str(lock_store.port or 6379),
            "LOCK_STORE_DB": lock_store.path.strip("/") or "0",
            "LOCK_STORE_USERNAME": unquote(lock_store.username or ""),
            "LOCK_STORE_PASSWORD": unquote(lock_store.password or ""),
            "LOCK_STORE_KEY_PREFIX": self.lock_store_key_prefix,
        }
        if self.rasa_auth_token:
            env["RASA_AUTH_TOKEN"] = self.rasa_auth_token
        return env


def load_settings() -> Settings:
    """Read the environment now (tests call this after changing variables)."""
    root = Path(_env("CATR_REPO_ROOT", str(REPO_ROOT))).resolve()
    data_dir = Path(_env("CATR_DATA_DIR", str(root / "var"))).resolve()
    rasa_port = _env_int("RASA_PORT", 5005)
    action_port = _env_int("ACTION_PORT", 5055)
    web_port = _env_int("WEB_PORT", 8000)
    tracker_db_path = Path(_env("TRACKER_DB", str(data_dir / "tracker.db"))).resolve()
    host = _env("CATR_HOST", "127.0.0.1")
    return Settings(
        repo_root=root,
        data_dir=data_dir,
        content_dir=Path(_env("CATR_CONTENT_DIR", str(root / "data" / "content"))).resolve(),
        criteria_file=Path(
            _env("CATR_CRITERIA_FILE", str(root / "data" / "eligibility" / "criteria.yml"))
        ).resolve(),
        build_dir=Path(_env("CATR_BUILD_DIR", str(root / "build"))).resolve(),
        models_dir=Path(_env("CATR_MODELS_DIR", str(root / "models"))).resolve(),
        database_url=_env("DATABASE_URL", f"sqlite:///{data_dir / 'leads.db'}"),
        tracker_db_path=tracker_db_path,
        tracker_database_url=_env("TRACKER_DATABASE_URL", f"sqlite:///{tracker_db_path}"),
        rasa_port=rasa_port,
        action_port=action_port,
        web_port=web_port,
        host=host,
        public_base_url=_env("PUBLIC_BASE_URL", f"http://localhost:{web_port}"),
        rasa_url=_env("RASA_URL", f"http://127.0.0.1:{rasa_port}"),
        action_server_url=_env("ACTION_SERVER_URL", f"http://127.0.0.1:{action_port}/webhook"),
        nlg_url=_env("NLG_SERVER_URL", f"http://127.0.0.1:{web_port}/nlg"),
        rasa_auth_token=_env("RASA_AUTH_TOKEN", ""),
        log_level=_env("LOG_LEVEL", "INFO").upper(),
        smtp_host=_env("SMTP_HOST", "127.0.0.1"),
        smtp_port=_env_int("SMTP_PORT", 25),
        smtp_user=_env("SMTP_USER", ""),
        smtp_password=_env("SMTP_PASSWORD", ""),
        smtp_sender=_env("SMTP_SENDER", "catr-pat-assistant@localhost"),
        coordinator_emails=_env_list("COORDINATOR_EMAILS"),
        encryption_key=_env("LEADS_ENCRYPTION_KEY", ""),
        retention_days=_env_int("RETENTION_DAYS", 365),
        coordinator_reply_days=_env_int("COORDINATOR_REPLY_DAYS", 3),
        branding_file=Path(_env("BRANDING_FILE", str(root / "data" / "content" / "branding.yml"))).resolve(),
        notify_interval_seconds=float(_env_int("NOTIFY_INTERVAL_SECONDS", 20)),
        cors_origins=_env_list("CORS_ORIGINS"),
        session_hours=_env_int("SESSION_HOURS", 8),
        lock_store_url=_env("LOCK_STORE_URL", "redis://127.0.0.1:6379/1"),
        lock_store_key_prefix=_lock_store_key_prefix(_env("LOCK_STORE_KEY_PREFIX", "catrpat")),
        restart_limit=_env_int("RESTART_LIMIT", 5),
        restart_backoff_seconds=_env_float("RESTART_BACKOFF_SECONDS", 1.0),
        restart_backoff_max_seconds=_env_float("RESTART_BACKOFF_MAX_SECONDS", 30.0),
        restart_stable_seconds=_env_float("RESTART_STABLE_SECONDS", 60.0),
        backup_passphrase=_env("BACKUP_PASSPHRASE", ""),
        prescreen_today=_env_date("CATR_PRESCREEN_TODAY"),
    )


def _env_date(name: str) -> date | None:
    value = _env(name, "")
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as error:
        raise ValueError(f"{name}={value!r} must be a date like 2026-12-01") from error


def _lock_store_key_prefix(value: str) -> str:
    if not value.isalnum():  # Rasa would silently ignore it and share keys with other deployments
        raise ValueError(f"LOCK_STORE_KEY_PREFIX={value!r} must be only letters and digits")
    return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()


@contextmanager
def scoped_environment(values: dict[str, str]) -> Iterator[None]:
    """Run a block with ``values`` in the environment (settings are read and children spawned
    from it, as in production), then put back what was there before."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
