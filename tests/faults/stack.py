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

from cryptography.fernet import Fernet

from bot.runtime.processes import all_processes, prepare_data
from bot.runtime.supervisor import Supervisor
from bot.settings import Settings, load_settings, scoped_environment
from tests.web.server import free_port

READY_SECONDS = 240.0


@dataclass
class FaultStack:
    root: Path
    log_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    supervisors: dict[str, Supervisor] = field(default_factory=dict)

    @classmethod
    def create(cls, root: Path, log_dir: Path, repo_root: Path) -> FaultStack:
        shutil.copytree(repo_root / "data" / "content", root / "content")
        web_port = free_port()
        env = {
            "CATR_CONTENT_DIR": str(root / "content"),
            "CATR_DATA_DIR": str(root / "data"),
            "TRACKER_DB": str(root / "data" / "tracker.db"),
            # its own folder, so that the database can be taken away and given back whole
            "DATABASE_URL": f"sqlite:///{root / 'leads' / 'leads.db'}",
            "LEADS_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "RASA_PORT": str(free_port()),
            "ACTION_PORT": str(free_port()),
            "WEB_PORT": str(web_port),
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{web_port}",
            "RASA_AUTH_TOKEN": "",
            "COORDINATOR_EMAILS": "",
            "RASA_URL": "",
            "ACTION_SERVER_URL": "",
            "NLG_SERVER_URL": "",
        }
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
        from bot.leads.crypto import Cipher
        from bot.leads.export import export_leads
        from bot.storage.db import Database

        database = Database(self.env["DATABASE_URL"])
        try:
            with database.session_scope() as session:
                cipher = Cipher([self.env["LEADS_ENCRYPTION_KEY"].encode()])
                rows = export_leads(session, cipher, actor="test")
        finally:
            database.dispose()
        return [row for row in rows if row["conversation_ref"] == cipher.reference(conversation_id)]
