"""Retrain and deploy: the background job's states, progress, and the token-protected model load."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.runtime.retrain import RetrainJob
from tests.web.fake_rasa import FakeRasa

PROGRESS_SCRIPT = "import sys; sys.stdout.write('Epochs:  50%\\rEpochs: 100%\\nTrained\\n')"


def _job(tmp_path: Path, rasa_url: str, token: str, script: str = PROGRESS_SCRIPT) -> RetrainJob:
    return RetrainJob(
        command=[sys.executable, "-c", script],
        cwd=tmp_path,
        env={},
        model_file=tmp_path / "catr-pat.tar.gz",
        rasa_url=rasa_url,
        token=token,
    )


async def _finished(job: RetrainJob) -> dict:
    async def settle() -> None:
        while job.running:
            await asyncio.sleep(0.05)

    await asyncio.wait_for(settle(), timeout=30)
    return job.status()


async def test_training_then_deploying_puts_the_model_with_the_token(tmp_path: Path) -> None:
    with FakeRasa() as rasa:
        job = _job(tmp_path, rasa.url, "secret-token")
        assert job.start("staff@example.org")
        assert not job.start("someone-else@example.org"), "one retrain at a time"
        status = await _finished(job)
        [load] = rasa.model_loads
    assert status["state"] == "deployed"
    assert "token=secret-token" in load["path"]
    assert load["body"] == {"model_file": str((tmp_path / "catr-pat.tar.gz").resolve())}
    assert status["log"] == ["Epochs:  50%", "Epochs: 100%", "Trained"]


async def test_without_a_token_it_trains_but_never_calls_rasa(tmp_path: Path) -> None:
    with FakeRasa() as rasa:
        job = _job(tmp_path, rasa.url, "")
        job.start("staff@example.org")
        status = await _finished(job)
        assert rasa.model_loads == []
    assert status["state"] == "trained" and "RASA_AUTH_TOKEN is not set" in status["message"]


async def test_a_failed_training_keeps_the_old_model(tmp_path: Path) -> None:
    with FakeRasa() as rasa:
        job = _job(tmp_path, rasa.url, "secret-token", script="raise SystemExit(3)")
        job.start("staff@example.org")
        status = await _finished(job)
        assert rasa.model_loads == []
    assert status["state"] == "failed" and "exit code 3" in status["message"]


async def test_an_unreachable_rasa_is_reported_as_a_failed_deploy(tmp_path: Path) -> None:
    job = _job(tmp_path, "http://127.0.0.1:9", "secret-token")
    job.start("staff@example.org")
    status = await _finished(job)
    assert status["state"] == "failed" and "secret-token" not in status["message"]
