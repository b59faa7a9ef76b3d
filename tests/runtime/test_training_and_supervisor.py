"""Train-if-stale fingerprints, finding Python 3.10, and the supervisor's refusal of busy ports."""

from __future__ import annotations

import dataclasses
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runtime.processes import ProcessSpec
from bot.runtime.supervisor import Supervisor
from bot.runtime.training import fingerprint
from bot.settings import load_settings

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project_copy(tmp_path: Path):
    """A copy of the training inputs, so tests can edit them."""
    for name in ("config.yml",):
        shutil.copy(REPO_ROOT / name, tmp_path / name)
    for folder in ("domain", "data"):
        shutil.copytree(REPO_ROOT / folder, tmp_path / folder)
    settings = load_settings()
    return dataclasses.replace(settings, repo_root=tmp_path, build_dir=tmp_path / "build")


def test_fingerprint_is_stable_for_unchanged_inputs(project_copy) -> None:
    assert fingerprint(project_copy) == fingerprint(project_copy)


def test_fingerprint_changes_when_training_data_changes(project_copy) -> None:
    before = fingerprint(project_copy)
    nlu = project_copy.repo_root / "data" / "nlu" / "basics.yml"
    nlu.write_text(nlu.read_text() + "\n# a change\n")
    assert fingerprint(project_copy) != before


def test_fingerprint_ignores_content_that_is_served_live(project_copy) -> None:
    before = fingerprint(project_copy)
    (project_copy.repo_root / "data" / "eligibility" / "criteria.yml").write_text("version: x\n")
    assert fingerprint(project_copy) == before


def _find_python(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REPO_ROOT / "scripts" / "find-python.sh")], env=env, capture_output=True, text=True, check=False
    )


def test_find_python_names_a_python_3_10() -> None:
    result = _find_python(dict(os.environ))
    assert result.returncode == 0
    version = subprocess.run([result.stdout.strip(), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("Python 3.10")


def test_find_python_explains_what_to_do_when_none_is_found(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "no-pyenv")}
    result = _find_python(env)
    if result.returncode == 0 and "3.10" in result.stdout:
        pytest.fail(f"this machine has a system python3.10 at {result.stdout.strip()}: the test needs none")
    assert result.returncode == 1
    assert "Python 3.10 was not found" in result.stderr and "pyenv install" in result.stderr


@pytest.fixture
def busy_port() -> Iterator[int]:
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def test_supervisor_refuses_to_start_when_a_port_already_answers(busy_port: int) -> None:
    spec = ProcessSpec("web", ["true"], f"http://127.0.0.1:{busy_port}/")
    with pytest.raises(RuntimeError, match="already answers"):
        Supervisor(load_settings(), [spec]).start(ready_timeout=5)
