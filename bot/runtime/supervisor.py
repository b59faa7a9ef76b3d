"""Run every process in the foreground and keep it running: a process that dies is restarted with
exponential backoff on its own port while the others keep serving; one that keeps dying is left
down with a clear message. Ctrl-C (or SIGTERM) stops them all, and no child outlives us."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from bot.runtime.processes import ProcessSpec, child_env
from bot.runtime.restarts import ProcessState, RestartPolicy, StatusFile
from bot.settings import Settings

log = logging.getLogger(__name__)

STOP_GRACE_SECONDS = 15.0
POLL_SECONDS = 0.25
RESTART_READY_SECONDS = 300.0  # a restarted process not healthy by then is killed and counted as failed
_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


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


def _die_with_parent() -> None:
    """In the child, before exec: if the supervisor itself is killed (-9), the kernel stops us too."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class Supervisor:
    """Starts processes, reports readiness, restarts what fails, and tears everything down together."""

    def __init__(
        self,
        settings: Settings,
        specs: Sequence[ProcessSpec],
        log_dir: Path | None = None,
        policy: RestartPolicy | None = None,
        status_path: Path | None = None,
    ) -> None:
        self.settings = settings
        self.specs = {spec.name: spec for spec in specs}
        self.log_dir = log_dir
        self.policy = policy or RestartPolicy.from_settings(settings)
        self.processes: dict[str, subprocess.Popen] = {}
        self.states = {name: ProcessState(name) for name in self.specs}
        self._status = StatusFile(status_path)
        self._outputs: dict[str, IO[bytes]] = {}
        self._env = child_env(settings)
        self._stopping = False
        self._stop_requested = False

    def start(self, ready_timeout: float = 300.0) -> None:
        busy = [
            spec.health_url for spec in self.specs.values() if spec.health_url and is_healthy(spec.health_url)
        ]
        if busy:
            raise RuntimeError(
                f"Something already answers at {', '.join(busy)}: stop it (another `make run`?) "
                "or choose other ports with RASA_PORT / ACTION_PORT / WEB_PORT."
            )
        try:
            for spec in self.specs.values():
                self._spawn(spec)
            for spec in self.specs.values():
                if spec.health_url is not None:
                    if not wait_healthy(spec.health_url, ready_timeout, self.processes[spec.name]):
                        raise RuntimeError(f"{spec.name} did not become healthy at {spec.health_url}")
                    log.info("event=process_ready name=%s url=%s", spec.name, spec.health_url)
                self._mark_up(self.states[spec.name])
            self._status.write(self.states)
        except BaseException:  # nothing half-started is left behind (Ctrl-C included)
            self.stop()
            raise

    def _spawn(self, spec: ProcessSpec) -> None:
        output = self._outputs.get(spec.name)
        if output is None and self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            output = self._outputs[spec.name] = open(self.log_dir / f"{spec.name}.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(
            spec.command,
            cwd=self.settings.repo_root,
            env={**self._env, **(spec.env or {})},
            stdout=output,
            stderr=output,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        self.processes[spec.name] = process
        state = self.states[spec.name]
        state.state, state.pid, state.retry_at, state.message = "starting", process.pid, None, ""
        log.info("event=process_started name=%s pid=%d restarts=%d", spec.name, process.pid, state.restarts)

    def _mark_up(self, state: ProcessState) -> None:
        now = time.time()
        if state.exited_at is not None:
            state.last_restart_seconds = round(now - state.exited_at, 2)
            log.info(
                "event=process_restarted name=%s pid=%s restarts=%d down_seconds=%.1f",
                state.name,
                state.pid,
                state.restarts,
                state.last_restart_seconds,
            )
        state.state, state.up_since = "up", now

    def poll_once(self) -> None:
        """One look at every process: notice exits, schedule and make restarts, notice readiness."""
        changed = False
        now = time.time()
        for name, state in self.states.items():
            spec, process = self.specs[name], self.processes.get(name)
            if state.state in ("starting", "up") and process is not None and process.poll() is not None:
                self._on_exit(state, process, now)
                changed = True
            elif state.state == "restarting" and state.retry_at is not None and now >= state.retry_at:
                state.restarts += 1
                self._spawn(spec)
                changed = True
            elif state.state == "starting" and process is not None:
                if spec.health_url is None or is_healthy(spec.health_url, timeout=1.0):
                    self._mark_up(state)
                    changed = True
                elif now - (state.exited_at or now) > RESTART_READY_SECONDS:
                    log.error("event=process_not_ready name=%s seconds=%.0f", name, RESTART_READY_SECONDS)
                    _signal_group(process, signal.SIGKILL)
            elif (
                state.state == "up"
                and state.failures
                and now - (state.up_since or now) >= self.policy.stable_seconds
            ):
                state.failures = 0  # it ran long enough: the next failure starts a fresh backoff
        if changed:
            self._status.write(self.states)

    def _on_exit(self, state: ProcessState, process: subprocess.Popen, now: float) -> None:
        _signal_group(process, signal.SIGKILL)  # whatever it left in its group must not keep the port
        ran = now - (state.up_since or now) if state.state == "up" else 0.0
        state.failures = 1 if ran >= self.policy.stable_seconds else state.failures + 1
        state.last_exit_code, state.exited_at, state.pid = process.returncode, now, None
        log.error(
            "event=process_exited name=%s code=%s ran_seconds=%.0f failures=%d",
            state.name,
            process.returncode,
            ran,
            state.failures,
        )
        if self.policy.gives_up(state.failures):
            state.state = "down"
            state.message = (
                f"crash loop: exited {state.failures} times in a row, not restarting it again; "
                "the other processes keep running. Read its output above (or its log), fix the cause, "
                "then restart `make run`."
            )
            log.error(
                "event=process_crash_loop name=%s failures=%d action=left_down", state.name, state.failures
            )
            print(f"\n{state.name}: {state.message}\n", file=sys.stderr, flush=True)
            return
        delay = self.policy.delay(state.failures)
        state.state, state.retry_at = "restarting", now + delay
        log.warning(
            "event=process_restart_scheduled name=%s delay_seconds=%.1f attempt=%d",
            state.name,
            delay,
            state.failures,
        )

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
        for state in self.states.values():
            state.state, state.pid = "stopped", None
        self._status.write(self.states)
        for output in self._outputs.values():
            output.close()

    def wait(self) -> int:
        """Keep everything running until told to stop (0), or until every process is down (1)."""

        def _request_stop(signum: int, _frame: object) -> None:
            log.info("event=supervisor_stopping signal=%s", signal.Signals(signum).name)
            self._stop_requested = True

        signal.signal(signal.SIGINT, _request_stop)
        signal.signal(signal.SIGTERM, _request_stop)
        try:
            while not self._stop_requested:
                self.poll_once()
                if all(state.state == "down" for state in self.states.values()):
                    log.error("event=supervisor_giving_up reason=every_process_down")
                    return 1
                time.sleep(POLL_SECONDS)
            return 0
        finally:
            self.stop()
