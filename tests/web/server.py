"""The web app as the product runs it (``python -m bot web``), on a free port with its own data.

A real process rather than an in-process app: the tests then cover start-up (migrations, content
loading) and the exact headers, cookies and redirects a browser gets.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

from bot.leads.crypto import Cipher
from bot.settings import Settings, load_settings
from bot.storage.db import Database

REPO_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclasses.dataclass
class WebServer:
    """A running web app, its settings, its database (for seeding) and its encryption key."""

    settings: Settings
    process: subprocess.Popen
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
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.database.dispose()


def _wait_healthy(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"web app exited with {process.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"web app not healthy within {START_TIMEOUT_SECONDS} s; see {log_path}")


def start_web(root: Path, log_dir: Path, **extra_env: str) -> WebServer:
    """Copy the real content to ``root``, start the app there, wait for /health."""
    content_dir = root / "content"
    shutil.copytree(REPO_ROOT / "data" / "content", content_dir)
    data_dir = root / "data"
    port = free_port()
    key = Fernet.generate_key().decode()
    env_values = {
        "CATR_DATA_DIR": str(data_dir),
        "CATR_CONTENT_DIR": str(content_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'leads.db'}",
        "WEB_PORT": str(port),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "LEADS_ENCRYPTION_KEY": key,
        "RASA_AUTH_TOKEN": "",
        "CORS_ORIGINS": "https://foundation.example.org",
        **extra_env,
    }
    env = {**os.environ, **env_values, "PYTHONPATH": str(REPO_ROOT)}
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"web-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "web"], cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    settings = dataclasses.replace(
        load_settings(),
        data_dir=data_dir,
        content_dir=content_dir,
        database_url=env_values["DATABASE_URL"],
        web_port=port,
        public_base_url=env_values["PUBLIC_BASE_URL"],
        encryption_key=key,
        rasa_url=env_values.get("RASA_URL", load_settings().rasa_url),
        rasa_auth_token=env_values["RASA_AUTH_TOKEN"],
        cors_origins=tuple(env_values["CORS_ORIGINS"].split(",")),
    )
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", process, log_path)
    except BaseException:
        process.kill()
        process.wait()
        raise
    return WebServer(settings, process, Database(settings.database_url), Cipher([key.encode()]), log_path)
