"""Retrain and deploy from the staff editor: ``python -m bot train`` in the background, then
``PUT /model`` on the running Rasa server, which loads the new model beside the old one and swaps.

Rasa's HTTP API can replace the model, so it is only ever called with ``RASA_AUTH_TOKEN``; without
one the editor says so and stops after training (the new model is used at the next restart).
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import aiohttp

from bot.runtime.processes import child_env
from bot.runtime.training import model_path
from bot.settings import Settings

log = logging.getLogger(__name__)
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
TAIL_LINES = 15
DEPLOY_TIMEOUT_SECONDS = 600


@dataclass
class RetrainJob:
    """One retrain at a time; its state is what the editor's status endpoint reports."""

    command: list[str]
    cwd: Path
    env: dict[str, str]
    model_file: Path
    rasa_url: str
    token: str
    state: str = "idle"  # idle, training, deploying, deployed, trained, failed
    message: str = "No retrain has run since the web app started."
    started_at: str = ""
    finished_at: str = ""
    started_by: str = ""
    progress: str = ""
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=TAIL_LINES))

    @classmethod
    def for_settings(cls, settings: Settings) -> RetrainJob:
        return cls(
            command=[sys.executable, "-m", "bot", "train"],
            cwd=settings.repo_root,
            env=child_env(settings),
            model_file=model_path(settings),
            rasa_url=settings.rasa_url,
            token=settings.rasa_auth_token,
        )

    @property
    def running(self) -> bool:
        return self.state in ("training", "deploying")

    @property
    def can_deploy(self) -> bool:
        return bool(self.token)

    def status(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "running": self.running,
            "message": self.message,
            "progress": self.progress,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "started_by": self.started_by,
            "can_deploy": self.can_deploy,
            "log": list(self.tail),
        }

    def start(self, actor: str) -> bool:
        """Begin in the background; False when a retrain is already running."""
        if self.running:
            return False
        self.state, self.message, self.progress = "training", "Training the new model…", ""
        self.started_at, self.finished_at, self.started_by = _now(), "", actor
        self.tail.clear()
        asyncio.get_running_loop().create_task(self._run())
        log.info("event=retrain_started")
        return True

    async def _run(self) -> None:
        try:
            if not await self._train():
                return
            if not self.can_deploy:
                self._finish(
                    "trained",
                    "Trained. Not deployed: RASA_AUTH_TOKEN is not set, so the new "
                    "model will be used when the assistant next restarts.",
                )
                return
            self.state, self.message = "deploying", "Loading the new model into the running assistant…"
            await self._deploy()
            self._finish("deployed", "Deployed: the assistant now answers with the new model.")
        except Exception as error:  # the page must show a failure, not spin forever
            log.warning("event=retrain_failed error=%s", type(error).__name__)
            self._finish("failed", f"Failed: {error}")

    async def _train(self) -> bool:
        process = await asyncio.create_subprocess_exec(
            *self.command,
            cwd=str(self.cwd),
            env=self.env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        assert process.stdout is not None
        while chunk := await process.stdout.read(4096):
            self._consume(chunk.decode("utf-8", errors="replace"))
        code = await process.wait()
        if code != 0:
            self._finish("failed", f"Training failed (exit code {code}); the assistant keeps the old model.")
            return False
        return True

    def _consume(self, text: str) -> None:
        """Progress bars redraw with carriage returns: every piece is a line, the last one is progress."""
        for piece in re.split(r"[\r\n]+", _ANSI.sub("", text)):
            piece = piece.strip()
            if piece:
                self.tail.append(piece[:300])
                self.progress = piece[:300]

    async def _deploy(self) -> None:
        timeout = aiohttp.ClientTimeout(total=DEPLOY_TIMEOUT_SECONDS)
        async with (
            aiohttp.ClientSession(timeout=timeout) as client,
            client.put(
                f"{self.rasa_url}/model",
                params={"token": self.token},
                json={"model_file": str(self.model_file.resolve())},
            ) as answer,
        ):
            if answer.status >= 300:
                detail = (await answer.text())[:200]
                raise RuntimeError(f"Rasa refused the new model (HTTP {answer.status}): {detail}")

    def _finish(self, state: str, message: str) -> None:
        self.state, self.message, self.finished_at = state, message, _now()
        log.info("event=retrain_finished state=%s", state)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
