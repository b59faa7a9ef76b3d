"""The supervisor's restart rules on tiny stand-in processes (seconds, no Rasa), its status file,
and the systemd units generated for one server."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from bot.runtime.processes import ProcessSpec
from bot.runtime.restarts import STATUS_FILE, RestartPolicy, describe, read_status
from bot.runtime.supervisor import Supervisor
from bot.runtime.systemd import systemd_units
from bot.settings import load_settings

FAST = RestartPolicy(limit=2, backoff_seconds=0.1, backoff_max_seconds=1.0, stable_seconds=30.0)


def _spec(name: str, code: str) -> ProcessSpec:
    return ProcessSpec(name, [sys.executable, "-c", code], health_url=None)


def _run_until(supervisor: Supervisor, done, seconds: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not done():
        supervisor.poll_once()
        time.sleep(0.05)
    assert done(), {name: state.state for name, state in supervisor.states.items()}


def test_backoff_doubles_up_to_its_ceiling_and_the_limit_ends_a_crash_loop() -> None:
    policy = RestartPolicy(limit=5, backoff_seconds=1.0, backoff_max_seconds=30.0)
    assert [policy.delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]
    assert not policy.gives_up(5) and policy.gives_up(6)


def test_a_killed_process_is_restarted_while_the_others_keep_running(tmp_path: Path) -> None:
    specs = [_spec("steady", "import time; time.sleep(60)"), _spec("victim", "import time; time.sleep(60)")]
    supervisor = Supervisor(load_settings(), specs, policy=FAST, status_path=tmp_path / STATUS_FILE)
    supervisor.start(ready_timeout=5)
    try:
        steady, victim = supervisor.processes["steady"].pid, supervisor.processes["victim"].pid
        supervisor.processes["victim"].kill()
        _run_until(supervisor, lambda: supervisor.states["victim"].restarts == 1)
        _run_until(supervisor, lambda: supervisor.states["victim"].state == "up")
        assert supervisor.processes["victim"].pid != victim and supervisor.processes["steady"].pid == steady
        assert supervisor.states["victim"].last_restart_seconds is not None
        status = read_status(tmp_path)
        assert status is not None and status["processes"]["victim"]["restarts"] == 1
    finally:
        supervisor.stop()
    assert {state["state"] for state in read_status(tmp_path)["processes"].values()} == {"stopped"}


def test_a_crash_loop_is_left_down_with_a_message_and_never_retried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = [_spec("steady", "import time; time.sleep(60)"), _spec("broken", "raise SystemExit(3)")]
    supervisor = Supervisor(load_settings(), specs, policy=FAST, status_path=tmp_path / STATUS_FILE)
    try:
        supervisor.start(ready_timeout=5)
        _run_until(supervisor, lambda: supervisor.states["broken"].state == "down")
        broken = supervisor.states["broken"]
        assert broken.restarts == FAST.limit and broken.failures == FAST.limit + 1
        assert broken.last_exit_code == 3 and "crash loop" in broken.message
        assert supervisor.states["steady"].state == "up"
        for _ in range(10):
            supervisor.poll_once()
        assert broken.restarts == FAST.limit
    finally:
        supervisor.stop()
    assert "broken: crash loop: exited 3 times in a row" in capsys.readouterr().err


def test_status_lines_say_up_restarting_with_count_and_down() -> None:
    base = {"pid": 12, "restarts": 0, "failures": 0, "retry_at": None, "message": "", "last_exit_code": None}
    assert describe({**base, "name": "rasa", "state": "up"}) == "rasa         up (pid 12)"
    restarting = {**base, "name": "web", "state": "restarting", "restarts": 1, "failures": 2}
    assert describe({**restarting, "retry_at": time.time() + 4}).startswith(
        "web          restarting (restart 2,"
    )
    down = {**base, "name": "worker", "state": "down", "message": "crash loop: ..."}
    assert describe(down) == "worker       down (crash loop: ...)"


def test_status_says_down_when_the_supervisor_is_gone(tmp_path: Path) -> None:
    (tmp_path / STATUS_FILE).write_text(
        '{"supervisor_pid": 999999999, "processes": {"rasa": {"name": "rasa", "state": "up"}}}'
    )
    assert read_status(tmp_path)["processes"]["rasa"]["state"] == "down"


def test_systemd_units_restart_on_failure_as_a_dedicated_user_with_limits_and_a_private_data_folder() -> None:
    units = systemd_units(load_settings(), Path("/opt/catr/.venv/bin/python"), user="catr")
    services = {name: text for name, text in units.items() if name.endswith(".service")}
    assert set(services) == {f"catr-pat-{n}.service" for n in ("rasa", "actions", "web", "worker")}
    for text in services.values():
        for line in ("Restart=on-failure", "User=catr", "StateDirectoryMode=0700", "UMask=0077",
                     "NoNewPrivileges=yes", "EnvironmentFile=/etc/catr-pat/catr-pat.env",
                     "Environment=CATR_DATA_DIR=/var/lib/catr-pat"):  # fmt: skip
            assert line in text.splitlines(), (line, text)
        assert "MemoryMax=" in text and "ExecStart=/opt/catr/.venv/bin/python -m " in text
    assert "--enable-api" in services["catr-pat-rasa.service"]
    assert "--auth-token" not in services["catr-pat-rasa.service"]  # from the environment file, never `ps`
    assert "After=network-online.target catr-pat-actions.service" in services["catr-pat-rasa.service"]
    assert "WantedBy=multi-user.target" in units["catr-pat.target"]


def test_the_rasa_api_token_never_appears_on_a_command_line() -> None:
    import dataclasses

    from bot.runtime.processes import all_processes
    from bot.settings import load_settings

    settings = dataclasses.replace(load_settings(), rasa_auth_token="very-secret-token")
    for spec in all_processes(settings):
        assert not any("very-secret-token" in part for part in spec.command), spec.name
    assert settings.rasa_env()["RASA_AUTH_TOKEN"] == "very-secret-token"
