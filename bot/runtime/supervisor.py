"""Run every process in the foreground; Ctrl-C (or SIGTERM) stops them all cleanly."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from bot.runtime.processes import ProcessSpec, child_env
from bot.settings import Settings

log = logging.getLogger(__name__)

STOP_GRACE_SECONDS = 15.0


def is_healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False


def wait_healthy(url: str, deadline_seconds: float, process: subprocess.Popen | None = None) -> bool:
    """Poll a health URL until it answers, the deadline passes, or the process dies."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        if is_healthy(url):
            return True
        time.sleep(0.5)
    return False


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    """Each child leads its own process group (start_new_session): signal the child and its children."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


class Supervisor:
    """Starts processes, reports readiness, and tears everything down together."""

    def __init__(self, settings: Settings, specs: Sequence[ProcessSpec], log_dir: Path | None = None) -> None:
        self.settings = settings
        self.specs = list(specs)
        self.log_dir = log_dir
        self.processes: dict[str, subprocess.Popen] = {}
        self._stopping = False

    def start(self, ready_timeout: float = 300.0) -> None:
        busy = [spec.health_url for spec in self.specs if spec.health_url and is_healthy(spec.health_url)]
        if busy:
            raise RuntimeError(
                f"Something already answers at {', '.join(busy)}: stop it (another `make run`?) "
                "or choose other ports with RASA_PORT / ACTION_PORT / WEB_PORT."
            )
        try:
            self._launch(child_env(self.settings))
            for spec in self.specs:
                if spec.health_url is None:
                    continue
                if not wait_healthy(spec.health_url, ready_timeout, self.processes[spec.name]):
                    raise RuntimeError(f"{spec.name} did not become healthy at {spec.health_url}")
                log.info("event=process_ready name=%s url=%s", spec.name, spec.health_url)
        except BaseException:  # nothing half-started is left behind (Ctrl-C included)
            self.stop()
            raise

    def _launch(self, env: dict[str, str]) -> None:
        for spec in self.specs:
            output = None
            if self.log_dir is not None:
                self.log_dir.mkdir(parents=True, exist_ok=True)
                output = open(self.log_dir / f"{spec.name}.log", "ab")  # noqa: SIM115 - lives as long as the child
            self.processes[spec.name] = subprocess.Popen(
                spec.command, cwd=self.settings.repo_root, env={**env, **(spec.env or {})},
                stdout=output, stderr=output, start_new_session=True,
            )  # fmt: skip
            log.info("event=process_started name=%s pid=%d", spec.name, self.processes[spec.name].pid)

    def stop(self) -> None:
        if self._stopping:
            return
        self._stopping = True
        for name, process in reversed(list(self.processes.items())):
            if process.poll() is None:
                log.info("event=process_stopping name=%s", name)
                _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()
            _signal_group(process, signal.SIGKILL)  # anything the child left behind in its group

    def wait(self) -> int:
        """Block until a child dies (returns its code) or we are told to stop (returns 0)."""
        stop_requested = False

        def _request_stop(signum: int, _frame: object) -> None:
            nonlocal stop_requested
            stop_requested = True

        signal.signal(signal.SIGINT, _request_stop)
        signal.signal(signal.SIGTERM, _request_stop)
        try:
            while not stop_requested:
                for name, process in self.processes.items():
                    code = process.poll()
                    if code is not None:
                        log.error("event=process_exited name=%s code=%s", name, code)
                        return code or 1
                time.sleep(0.5)
            return 0
        finally:
            self.stop()
