"""The product's processes: how each one is started and how we know it is ready."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from bot.runtime.training import model_path
from bot.settings import Settings


@dataclass(frozen=True)
class ProcessSpec:
    name: str
    command: list[str]
    health_url: str | None  # None: ready once started (the worker serves no HTTP)


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
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    return env


def action_server(settings: Settings) -> ProcessSpec:
    return ProcessSpec(
        name="actions",
        command=[
            sys.executable,
            "-m",
            "rasa_sdk",
            "--actions",
            "actions",
            "--port",
            str(settings.action_port),
        ],
        health_url=f"http://127.0.0.1:{settings.action_port}/health",
    )


def web_server(settings: Settings) -> ProcessSpec:
    return ProcessSpec(
        name="web",
        command=[sys.executable, "-m", "bot", "web"],
        health_url=f"http://127.0.0.1:{settings.web_port}/health",
    )


def rasa_server(settings: Settings) -> ProcessSpec:
    root = settings.repo_root
    command = [
        sys.executable, "-m", "rasa", "run",
        "--model", str(model_path(settings)),
        "--port", str(settings.rasa_port),
        "--endpoints", str(root / "endpoints.yml"),
        "--credentials", str(root / "credentials.yml"),
        "--cors", *(settings.cors_origins or (settings.public_base_url,)),
    ]  # fmt: skip
    if settings.rasa_auth_token:
        # The HTTP API can replace the model: only ever with a token.
        command += ["--enable-api", "--auth-token", settings.rasa_auth_token]
    return ProcessSpec(name="rasa", command=command, health_url=f"http://127.0.0.1:{settings.rasa_port}/")


def worker(settings: Settings) -> ProcessSpec:
    return ProcessSpec(name="worker", command=[sys.executable, "-m", "bot", "worker"], health_url=None)


def all_processes(settings: Settings) -> list[ProcessSpec]:
    """Start order: Rasa needs the action and NLG servers when it answers, not when it loads."""
    return [action_server(settings), web_server(settings), worker(settings), rasa_server(settings)]
