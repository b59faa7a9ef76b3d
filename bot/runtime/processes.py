"""The product's processes: how each one is started and how we know it is ready."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.runtime.training import model_path
from bot.settings import Settings


@dataclass(frozen=True)
class ProcessSpec:
    name: str
    command: list[str]
    health_url: str | None  # None: ready once started (the worker serves no HTTP)
    env: Mapping[str, str] | None = None  # on top of child_env(), e.g. another port for a second instance


def prepare_data(settings: Settings) -> None:
    """Before any process starts: the data folder exists and the leads schema is current."""
    from bot.storage.migrate import upgrade

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.database_url)


def child_env(settings: Settings) -> dict[str, str]:
    """The environment every child gets: ours, plus what endpoints.yml interpolates."""
    env = dict(os.environ)
    env.update(settings.rasa_env())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(settings.repo_root), env.get("PYTHONPATH", "")]))
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # glibc gives each thread that allocates its own heap (up to 8 per core); TensorFlow's threads
    # kept about 140 MiB more resident in Rasa that way. Two heaps: 1364 -> 1221 MiB after the same
    # 419 questions, same answers (docs/benchmarks.md).
    env.setdefault("MALLOC_ARENA_MAX", "2")
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env["SANIC_HOST"] = settings.host  # rasa_sdk has no --host: it listens where this says (default 0.0.0.0)
    return env


LAUNCH = "bot.runtime.launch"  # each server without the frameworks it never uses


def action_server(settings: Settings, port: int | None = None, name: str = "actions") -> ProcessSpec:
    port = port or settings.action_port
    return ProcessSpec(
        name=name,
        command=[sys.executable, "-m", LAUNCH, "actions", "--actions", "actions", "--port", str(port)],
        health_url=f"http://127.0.0.1:{port}/health",
    )


def web_server(settings: Settings, port: int | None = None, name: str = "web") -> ProcessSpec:
    port = port or settings.web_port
    return ProcessSpec(
        name=name,
        command=[sys.executable, "-m", "bot", "web"],
        health_url=f"http://127.0.0.1:{port}/health",
        env={"WEB_PORT": str(port), "PUBLIC_BASE_URL": settings.public_base_url},
    )


def rasa_server(
    settings: Settings, port: int | None = None, endpoints: Path | None = None, name: str = "rasa"
) -> ProcessSpec:
    """``endpoints``: endpoints.yml by default; deploy/endpoints.production.yml for several servers."""
    root = settings.repo_root
    port = port or settings.rasa_port
    command = [
        sys.executable,
        "-m",
        LAUNCH,
        "rasa",
        "run",
        "--model",
        str(model_path(settings)),
        "--interface",
        settings.host,  # Rasa's default is every interface
        "--port",
        str(port),
        "--endpoints",
        str(endpoints or root / "endpoints.yml"),
        "--credentials",
        str(root / "credentials.yml"),
        "--cors",
        *(settings.cors_origins or (settings.public_base_url,)),
    ]
    if settings.rasa_auth_token:
        # The HTTP API can replace the model: only ever with a token, which Rasa takes from its
        # environment (RASA_AUTH_TOKEN, rasa_addons/api_guard.py) so that `ps` never shows it.
        command += ["--enable-api"]
    return ProcessSpec(name=name, command=command, health_url=f"http://127.0.0.1:{port}/")


def worker(settings: Settings) -> ProcessSpec:
    return ProcessSpec(name="worker", command=[sys.executable, "-m", "bot", "worker"], health_url=None)


def all_processes(settings: Settings) -> list[ProcessSpec]:
    """Start order: Rasa needs the action and NLG servers when it answers, not when it loads."""
    return [action_server(settings), web_server(settings), worker(settings), rasa_server(settings)]
