"""One way to start a stack of our processes away from `make run`'s: for tests, the benchmark and
the scale-out test. Free ports, an isolated data folder (and a copy of the staff content that tests
may edit), the stale-model check, and the same Supervisor `make run` uses."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from cryptography.fernet import Fernet

from bot.runtime.processes import ProcessSpec, prepare_data
from bot.runtime.supervisor import Supervisor
from bot.runtime.training import is_stale, model_path
from bot.settings import REPO_ROOT, Settings

READY_SECONDS = 240.0

__all__ = ["READY_SECONDS", "Supervisor", "free_port", "isolated_env", "require_fresh_model", "running"]


class ModelNotReady(RuntimeError):
    """The servers would load a missing or outdated model: tests would test the wrong thing."""


def free_port() -> int:
    """A loopback port nobody listens on right now (the kernel's choice)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def isolated_env(
    root: Path, *, copy_content: bool = True, ports: tuple[int, int, int] | None = None, **extra: str
) -> dict[str, str]:
    """Environment for a stack of its own under ``root``: data folder, SQLite stores, a fresh key,
    its own ports (Rasa, actions, web; free ones unless given) and no e-mails unless ``extra`` says.
    Every URL is derived from those ports, never inherited from the caller's environment."""
    data_dir = root / "data"
    rasa, actions, web = ports or (free_port(), free_port(), free_port())
    env = {
        "CATR_DATA_DIR": str(data_dir),
        "TRACKER_DB": str(data_dir / "tracker.db"),
        "TRACKER_DATABASE_URL": "",
        "DATABASE_URL": f"sqlite:///{data_dir / 'leads.db'}",
        "LEADS_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "RASA_PORT": str(rasa),
        "ACTION_PORT": str(actions),
        "WEB_PORT": str(web),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{web}",
        "RASA_URL": "",
        "ACTION_SERVER_URL": "",
        "NLG_SERVER_URL": "",
        "RASA_AUTH_TOKEN": "",
        "COORDINATOR_EMAILS": "",
    }
    if copy_content:  # tests may edit answers: never the real data/content
        shutil.copytree(REPO_ROOT / "data" / "content", root / "content", dirs_exist_ok=True)
        env["CATR_CONTENT_DIR"] = str(root / "content")
    env.update(extra)
    return env


def require_fresh_model(settings: Settings) -> None:
    if not model_path(settings).exists() or is_stale(settings):
        raise ModelNotReady(
            "The trained model is missing or stale: run `make model` (make test does it first)."
        )


@contextmanager
def running(
    settings: Settings,
    specs: Sequence[ProcessSpec],
    log_dir: Path | None,
    ready_timeout: float = READY_SECONDS,
) -> Iterator[Supervisor]:
    """These processes, started with a migrated leads database, stopped (every one) afterwards."""
    prepare_data(settings)
    supervisor = Supervisor(settings, specs, log_dir=log_dir)
    supervisor.start(ready_timeout=ready_timeout)
    try:
        yield supervisor
    finally:
        supervisor.stop()
