"""Start the assistants under test on free loopback ports: ours (every process, temp data) and
Rasa's starter assistant (a temp `rasa init` project), timing training and model load."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import util
from pathlib import Path

import yaml

from bot.runtime.processes import ProcessSpec, action_server, child_env, prepare_data, rasa_server, web_server
from bot.runtime.processes import worker as worker_process
from bot.runtime.sandbox import Supervisor, free_port, isolated_env
from bot.runtime.training import rasa_train_command
from bot.settings import Settings, load_settings, scoped_environment

READY_TIMEOUT_SECONDS = 300.0
STARTER_SEED = 42


@dataclass(frozen=True)
class Stack:
    name: str
    rasa_url: str
    pids: dict[str, int]  # process name -> pid, for memory readings
    load_seconds: float  # `rasa run` started -> its HTTP server answers (model loaded)
    settings: Settings | None = None  # ours: the stack's own settings (its content copy, its database)


def our_environment(work_dir: Path) -> dict[str, str]:
    """Our stack in ``work_dir``, away from `make run`; no e-mails from simulated people; its own copy
    of the content, which the staff-edit step changes."""
    return isolated_env(work_dir)


def _timed_start(settings: Settings, spec: ProcessSpec, log_dir: Path) -> tuple[Supervisor, float]:
    supervisor = Supervisor(settings, [spec], log_dir=log_dir)
    started = time.monotonic()
    supervisor.start(ready_timeout=READY_TIMEOUT_SECONDS)
    return supervisor, time.monotonic() - started


def _pids(*supervisors: Supervisor) -> dict[str, int]:
    return {name: process.pid for s in supervisors for name, process in s.processes.items()}


@contextmanager
def our_stack(work_dir: Path, log_dir: Path) -> Iterator[Stack]:
    """Action server, web app (NLG) and worker first, then Rasa alone so its load time is its own."""
    with scoped_environment(our_environment(work_dir)):
        settings = load_settings()
        prepare_data(settings)
        specs = [action_server(settings), web_server(settings), worker_process(settings)]
        helpers = Supervisor(settings, specs, log_dir=log_dir)
        helpers.start(ready_timeout=READY_TIMEOUT_SECONDS)
        rasa = None
        try:
            rasa, load_seconds = _timed_start(settings, rasa_server(settings), log_dir)
            yield Stack("ours", settings.rasa_url, _pids(rasa, helpers), load_seconds, settings)
        finally:
            if rasa is not None:
                rasa.stop()
            helpers.stop()


def train_ours(settings: Settings, out_dir: Path) -> float:
    """A forced, full training of our model into ``out_dir`` (not models/), in seconds."""
    return _timed_run(rasa_train_command(settings, out_dir, "bench"), settings, settings.repo_root, out_dir)


def _timed_run(command: list[str], settings: Settings, cwd: Path, scratch: Path) -> float:
    env = child_env(settings)
    env["RASA_CACHE_DIRECTORY"] = str(scratch / "cache")  # keep the repo's training cache untouched
    started = time.monotonic()
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode != 0:
        tail = result.stderr.decode(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(command[:4])} failed:\n{tail}")
    return time.monotonic() - started


def _rasa_package_file(*parts: str) -> Path:
    """A file shipped inside the installed rasa package, found without importing Rasa."""
    spec = util.find_spec("rasa")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("rasa is not installed in this environment: run `make` first")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def create_starter(project: Path) -> None:
    """What `rasa init --no-prompt` creates, with the default pipeline and policies it would
    auto-configure written out so that every trained component gets a fixed random seed."""
    shutil.copytree(_rasa_package_file("cli", "initial_project"), project)
    default_config = _rasa_package_file("engine", "recipes", "config_files", "default_config.yml")
    config = yaml.safe_load(default_config.read_text(encoding="utf-8"))
    for component in config["pipeline"] + config["policies"]:
        if "epochs" in component:
            component["random_seed"] = STARTER_SEED
    (project / "config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def train_starter(settings: Settings, project: Path) -> float:
    command = [
        sys.executable,
        "-m",
        "rasa",
        "train",
        "--config",
        "config.yml",
        "--domain",
        "domain.yml",
        "--data",
        "data",
        "--out",
        "models",
        "--fixed-model-name",
        "starter",
        "--force",
    ]
    return _timed_run(command, settings, project, project)


@contextmanager
def starter_stack(settings: Settings, project: Path, log_dir: Path) -> Iterator[Stack]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "rasa",
        "run",
        "--model",
        str(project / "models" / "starter.tar.gz"),
        "--port",
        str(port),
        "--endpoints",
        str(project / "endpoints.yml"),
        "--credentials",
        str(project / "credentials.yml"),
    ]
    spec = ProcessSpec("starter-rasa", command, health_url=f"http://127.0.0.1:{port}/")
    supervisor, load_seconds = _timed_start(settings, spec, log_dir)
    try:
        yield Stack("starter", f"http://127.0.0.1:{port}", _pids(supervisor), load_seconds)
    finally:
        supervisor.stop()
