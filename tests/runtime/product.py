"""The product as a person starts it: `python -m bot run` (what `make run` runs) as a subprocess,
in an isolated environment (bot/runtime/sandbox.py), watched through `python -m bot status`'s file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bot.runtime.restarts import read_status

STATUS_POLL_SECONDS = 0.2


@dataclass
class RunningProduct:
    env: dict[str, str]
    process: subprocess.Popen
    output_path: Path
    _output: IO[bytes]

    @classmethod
    def start(cls, env: dict[str, str], output_path: Path, repo_root: Path) -> RunningProduct:
        output_path.parent.mkdir(parents=True, exist_ok=True)
        output = output_path.open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], cwd=repo_root, env={**os.environ, **env},
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        return cls(env, process, output_path, output)

    @property
    def data_dir(self) -> Path:
        return Path(self.env["CATR_DATA_DIR"])

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.env['RASA_PORT']}"

    def ports(self) -> list[int]:
        return [int(self.env[key]) for key in ("RASA_PORT", "ACTION_PORT", "WEB_PORT")]

    def output(self) -> str:
        return self.output_path.read_text(errors="replace")

    def status(self) -> dict[str, dict[str, Any]]:
        document = read_status(self.data_dir)
        return {} if document is None else document["processes"]

    def wait_until(
        self, what: str, check: Callable[[dict[str, dict[str, Any]]], bool], seconds: float
    ) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"`python -m bot run` exited ({self.process.returncode}): see {self.output_path}"
                )
            if check(self.status()):
                return
            time.sleep(STATUS_POLL_SECONDS)
        raise AssertionError(f"not {what} within {seconds:.0f} s: {json.dumps(self.status())}")

    def wait_all_up(self, seconds: float) -> None:
        self.wait_until(
            "every process up", lambda s: bool(s) and all(p["state"] == "up" for p in s.values()), seconds
        )

    def kill(self, name: str) -> int:
        """kill -9 one process, as the out-of-memory killer would; returns its pid."""
        pid = self.status()[name]["pid"]
        os.kill(pid, signal.SIGKILL)
        return pid

    def wait_back(self, name: str, old_pid: int, seconds: float) -> dict[str, Any]:
        """Until the supervisor has restarted ``name`` and it is ready again; its state then."""
        self.wait_until(
            f"{name} back",
            lambda s: s[name]["state"] == "up" and s[name]["pid"] not in (None, old_pid),
            seconds,
        )
        return self.status()[name]

    def stop(self) -> int:
        """SIGTERM, as systemd or a terminal's Ctrl-C would; the supervisor's exit code."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._output.close()
        return self.process.returncode


def leads_of(database_url: str, key: str, conversation_id: str) -> list[dict]:
    """What a coordinator would export for one conversation, read straight from the database."""
    from bot.leads.crypto import Cipher
    from bot.leads.export import export_leads
    from bot.storage.db import Database

    database = Database(database_url)
    cipher = Cipher([key.encode()])
    try:
        with database.session_scope() as session:
            rows = export_leads(session, cipher, actor="test")
    finally:
        database.dispose()
    return [row for row in rows if row["conversation_ref"] == cipher.reference(conversation_id)]
