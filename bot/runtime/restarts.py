"""When to restart a failed process, and what each process is doing, written where
`python -m bot status` and the web app's /health can read it."""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from bot.settings import Settings

STATUS_FILE = "processes.json"

State = Literal["starting", "up", "restarting", "down", "stopped"]


@dataclass(frozen=True)
class RestartPolicy:
    """Exponential backoff between restarts; a process that keeps failing without ever running
    ``stable_seconds`` is left down after ``limit`` restarts (a crash loop), never retried forever."""

    limit: int = 5
    backoff_seconds: float = 1.0
    backoff_max_seconds: float = 30.0
    stable_seconds: float = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> RestartPolicy:
        return cls(
            limit=settings.restart_limit,
            backoff_seconds=settings.restart_backoff_seconds,
            backoff_max_seconds=settings.restart_backoff_max_seconds,
            stable_seconds=settings.restart_stable_seconds,
        )

    def delay(self, failures: int) -> float:
        """Seconds to wait before restart number ``failures`` in a row (1, 2, 4 ... times the base)."""
        return min(self.backoff_max_seconds, self.backoff_seconds * 2 ** max(0, failures - 1))

    def gives_up(self, failures: int) -> bool:
        return failures > self.limit


@dataclass
class ProcessState:
    """One supervised process as people need to see it; times are wall-clock (time.time())."""

    name: str
    state: State = "starting"
    pid: int | None = None
    restarts: int = 0  # since the supervisor started
    failures: int = 0  # exits in a row without a stable run
    last_exit_code: int | None = None
    exited_at: float | None = None
    up_since: float | None = None
    retry_at: float | None = None
    last_restart_seconds: float | None = None  # from its exit to ready again
    message: str = ""


@dataclass
class StatusFile:
    """Rewritten atomically on every change, so a reader never sees half a file."""

    path: Path | None
    supervisor_pid: int = field(default_factory=os.getpid)

    def write(self, states: dict[str, ProcessState]) -> None:
        if self.path is None:
            return
        document = {
            "supervisor_pid": self.supervisor_pid,
            "updated": time.time(),
            "processes": {name: asdict(state) for name, state in states.items()},
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.path.with_suffix(".tmp")
        scratch.write_text(json.dumps(document, indent=1), encoding="utf-8")
        scratch.replace(self.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_status(data_dir: Path) -> dict[str, Any] | None:
    """The last status the supervisor wrote, with every process ``down`` if the supervisor is gone."""
    path = data_dir / STATUS_FILE
    with contextlib.suppress(FileNotFoundError, json.JSONDecodeError):
        document = json.loads(path.read_text(encoding="utf-8"))
        if not _alive(int(document.get("supervisor_pid", 0))):
            for state in document["processes"].values():
                if state["state"] != "stopped":
                    state.update(state="down", message="the supervisor is not running")
        return document
    return None


def describe(state: dict[str, Any]) -> str:
    """One line per process, e.g. ``rasa        restarting (restart 2, next try in 4 s)``."""
    name, kind = state["name"], state["state"]
    if kind == "up":
        detail = f"pid {state['pid']}" + (f", restarted {state['restarts']}x" if state["restarts"] else "")
    elif kind == "restarting":
        wait = max(0.0, (state.get("retry_at") or 0.0) - time.time())
        detail = f"restart {state['failures']}, next try in {wait:.0f} s"
    elif kind == "starting":
        detail = f"pid {state['pid']}, restart {state['restarts']}" if state["restarts"] else "first start"
    else:
        detail = state.get("message") or f"exit code {state.get('last_exit_code')}"
    return f"{name:<12} {kind} ({detail})"
