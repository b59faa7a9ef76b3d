"""A whole product of its own for fault tests, whose processes and database a test may stop and start.

Own ports, own data folder, own leads database: the shared ``live_stack`` is never disturbed.
Each process runs under its own Supervisor, so one can be stopped (or killed, as in a crash) and
started again while the others keep running.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.runtime.processes import all_processes, prepare_data
from bot.runtime.sandbox import READY_SECONDS, Supervisor, isolated_env
from bot.settings import Settings, load_settings, scoped_environment
from tests.runtime.product import leads_of


@dataclass
class FaultStack:
    root: Path
    log_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    supervisors: dict[str, Supervisor] = field(default_factory=dict)

    @classmethod
    def create(cls, root: Path, log_dir: Path) -> FaultStack:
        # the leads database in a folder of its own, so that it can be taken away and given back whole
        env = isolated_env(root, DATABASE_URL=f"sqlite:///{root / 'leads' / 'leads.db'}")
        return cls(root=root, log_dir=log_dir, env=env)

    @property
    def settings(self) -> Settings:
        with scoped_environment(self.env):
            return load_settings()

    @property
    def leads_dir(self) -> Path:
        return self.root / "leads"

    def start(self, name: str) -> None:
        with scoped_environment(self.env):
            settings = load_settings()
            if not self.supervisors:
                prepare_data(settings)
            spec = next(spec for spec in all_processes(settings) if spec.name == name)
            supervisor = Supervisor(settings, [spec], log_dir=self.log_dir)
            supervisor.start(ready_timeout=READY_SECONDS)
        self.supervisors[name] = supervisor

    def stop(self, name: str, crash: bool = False) -> None:
        """Stop one process: SIGTERM and wait, or (``crash``) SIGKILL as when it dies."""
        supervisor = self.supervisors.pop(name)
        if crash:
            for process in supervisor.processes.values():
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
        supervisor.stop()

    def stop_all(self) -> None:
        for name in list(self.supervisors):
            self.stop(name)

    @contextlib.contextmanager
    def stopped(self, name: str) -> Iterator[None]:
        """The process is down inside the block and running again after it, whatever happens."""
        self.stop(name)
        try:
            yield
        finally:
            self.start(name)

    @contextlib.contextmanager
    def database_down(self) -> Iterator[None]:
        """The leads database is unreachable inside the block (its folder is taken away, so every
        new connection fails, even for root), and comes back whole after it."""
        away = self.leads_dir.with_name("leads-away")
        self.leads_dir.rename(away)
        try:
            yield
        finally:
            shutil.rmtree(self.leads_dir, ignore_errors=True)  # anything recreated while it was away
            away.rename(self.leads_dir)

    def leads_of(self, conversation_id: str) -> list[dict]:
        """What a coordinator would export for one conversation, read straight from the database."""
        return leads_of(self.env["DATABASE_URL"], self.env["LEADS_ENCRYPTION_KEY"], conversation_id)
