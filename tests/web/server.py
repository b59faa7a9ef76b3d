"""The web app as the product runs it (``python -m bot web``), on a free port with its own data.

A real process rather than an in-process app: the tests then cover start-up (migrations, content
loading) and the exact headers, cookies and redirects a browser gets.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot.leads.crypto import Cipher
from bot.runtime.processes import web_server
from bot.runtime.sandbox import Supervisor, isolated_env
from bot.settings import Settings, load_settings, scoped_environment
from bot.storage.db import Database

REPO_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 60


@dataclasses.dataclass
class WebServer:
    """A running web app, its settings, its database (for seeding) and its encryption key."""

    settings: Settings
    supervisor: Supervisor
    database: Database
    cipher: Cipher
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.settings.web_port}"

    @property
    def faq_path(self) -> Path:
        return self.settings.content_dir / "faq.yml"

    def stop(self) -> None:
        self.supervisor.stop()
        self.database.dispose()


def start_web(root: Path, log_dir: Path, **extra_env: str) -> WebServer:
    """Copy the real content to ``root``, start the app there (as `make run` does), wait for /health."""
    env = isolated_env(root, **{"CORS_ORIGINS": "https://foundation.example.org", **extra_env})
    with scoped_environment(env):
        settings = load_settings()
        spec = web_server(settings, name=f"web-{settings.web_port}")
        supervisor = Supervisor(settings, [spec], log_dir=log_dir)
        supervisor.start(ready_timeout=START_TIMEOUT_SECONDS)
    database = Database(settings.database_url)
    cipher = Cipher([settings.encryption_key.encode()])
    return WebServer(settings, supervisor, database, cipher, log_dir / f"{spec.name}.log")
