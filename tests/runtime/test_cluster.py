"""Past one machine: the production endpoints, the nginx configuration and the process layout."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.runtime.cluster import cluster_processes, default_layout, render_nginx_config, write_nginx_config
from bot.runtime.supervisor import Supervisor
from bot.settings import load_settings

REPO_ROOT = Path(__file__).resolve().parents[2]
NGINX_MISSING = "nginx is not installed (scripts/install-system-deps.sh installs it)"


def _nginx() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def test_production_endpoints_share_conversations_and_locks_through_the_environment() -> None:
    endpoints = yaml.safe_load((REPO_ROOT / "deploy" / "endpoints.production.yml").read_text())
    assert endpoints["tracker_store"] == {
        "type": "rasa_addons.tracker_store.LeanSQLTrackerStore",
        "dialect": "postgresql",
        "url": "${TRACKER_DATABASE_URL}",
    }
    assert endpoints["lock_store"]["type"] == "rasa_addons.lock_store.AtomicRedisLockStore"
    assert endpoints["lock_store"]["key_prefix"] == "${LOCK_STORE_KEY_PREFIX}"
    assert endpoints["nlg"]["type"] == "rasa_addons.nlg.ContentFallbackNLG"


def test_every_variable_the_production_endpoints_use_is_set_for_rasa() -> None:
    text = (REPO_ROOT / "deploy" / "endpoints.production.yml").read_text()
    used = {line.split("${")[1].split("}")[0] for line in text.splitlines() if "${" in line}
    assert used <= set(load_settings().rasa_env())


def test_lock_store_url_is_split_for_rasa(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCK_STORE_URL", "redis://user:s%40cret@redis.internal:6380/3")
    monkeypatch.setenv("LOCK_STORE_KEY_PREFIX", "trialA")
    env = load_settings().rasa_env()
    assert (env["LOCK_STORE_HOST"], env["LOCK_STORE_PORT"], env["LOCK_STORE_DB"]) == (
        "redis.internal",
        "6380",
        "3",
    )
    assert (env["LOCK_STORE_USERNAME"], env["LOCK_STORE_PASSWORD"]) == ("user", "s@cret")
    assert env["LOCK_STORE_KEY_PREFIX"] == "trialA"


def test_a_key_prefix_rasa_would_ignore_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCK_STORE_KEY_PREFIX", "trial-a")
    with pytest.raises(ValueError, match="LOCK_STORE_KEY_PREFIX"):
        load_settings()


def test_the_default_layout_puts_nginx_on_the_usual_ports_and_instances_above() -> None:
    settings = dataclasses.replace(load_settings(), rasa_port=5005, action_port=5055, web_port=8000)
    layout = default_layout(settings, rasa=3, actions=2, web=1)
    assert layout.rasa_ports == (5006, 5007, 5008) and layout.action_ports == (5056, 5057)
    assert (layout.rasa_listen, layout.actions_listen, layout.web_listen) == (5005, 5055, 8000)


def test_cluster_processes_use_the_production_endpoints_and_one_worker(tmp_path: Path) -> None:
    settings = load_settings()
    layout = default_layout(settings, rasa=2, actions=2, web=1)
    specs = {spec.name: spec for spec in cluster_processes(settings, layout, tmp_path)}
    assert list(specs) == ["actions-1", "actions-2", "web-1", "worker", "rasa-1", "rasa-2", "nginx"]
    assert str(REPO_ROOT / "deploy" / "endpoints.production.yml") in specs["rasa-2"].command
    assert specs["web-1"].env["WEB_PORT"] == str(layout.web_ports[0])
    assert specs["web-1"].env["SANIC_PROXIES_COUNT"] == "1"  # the person's address, not nginx's
    assert "worker" not in [s.name for s in cluster_processes(settings, layout, None, with_worker=False)]


def test_the_nginx_template_lists_every_server_round_robin(tmp_path: Path) -> None:
    text = render_nginx_config(
        REPO_ROOT / "deploy" / "nginx.conf.template", tmp_path,
        ["10.0.0.11:5006", "10.0.0.12:5006"], ["10.0.0.11:5056"], ["10.0.0.11:8001"],
        ("10.0.0.1:5005", "10.0.0.1:5055", "0.0.0.0:8000"),
    )  # fmt: skip
    rasa = text.split("upstream rasa {")[1].split("}")[0]
    assert "server 10.0.0.11:5006" in rasa and "server 10.0.0.12:5006" in rasa and "hash" not in rasa
    assert "listen 10.0.0.1:5055;" in text and "server 10.0.0.11:5056" in text
    with pytest.raises(ValueError, match="at least one"):
        render_nginx_config(
            REPO_ROOT / "deploy" / "nginx.conf.template", tmp_path, [], ["a:1"], ["b:2"], ("", "", "")
        )


@pytest.mark.skipif(_nginx() is None, reason=NGINX_MISSING)
def test_nginx_accepts_the_rendered_configuration(tmp_path: Path) -> None:
    settings = load_settings()
    conf = write_nginx_config(settings, default_layout(settings, rasa=2, actions=1, web=1), tmp_path)
    assert conf.exists()


@pytest.mark.skipif(_nginx() is None, reason=NGINX_MISSING)
def test_the_supervisor_stops_nginx_and_its_workers(tmp_path: Path) -> None:
    """Every child leads its own process group, so stopping nginx's master takes its workers too."""
    from bot.runtime.cluster import nginx_process
    from bot.runtime.sandbox import free_port

    settings = dataclasses.replace(
        load_settings(), rasa_port=free_port(), action_port=free_port(), web_port=free_port()
    )
    layout = default_layout(settings, rasa=1, actions=1, web=1)
    write_nginx_config(settings, layout, tmp_path)
    supervisor = Supervisor(settings, [nginx_process(layout, tmp_path)], log_dir=tmp_path / "logs")
    supervisor.start(ready_timeout=30)
    master = supervisor.processes["nginx"].pid
    workers = subprocess.run(["pgrep", "-g", str(master)], capture_output=True, text=True).stdout.split()
    assert len(workers) >= 2, workers  # the master and at least one worker
    supervisor.stop()
    assert subprocess.run(["pgrep", "-g", str(master)], capture_output=True).returncode == 1


def test_nginx_config_command_prints_a_configuration() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "nginx-config",
         "--rasa", "10.0.0.11:5006", "--actions", "10.0.0.11:5056", "--web", "10.0.0.11:8001"],
        capture_output=True, text=True, cwd=REPO_ROOT, check=True,
    )  # fmt: skip
    assert "upstream rasa {" in result.stdout and "server 10.0.0.11:5006" in result.stdout
