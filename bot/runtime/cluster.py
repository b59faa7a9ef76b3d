"""Past one machine: N Rasa servers, M action servers and K web apps behind nginx, sharing the
tracker store (PostgreSQL), the lock store (Redis) and the leads database (docs/deploy.md)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from bot.runtime.processes import ProcessSpec, action_server, rasa_server, web_server, worker
from bot.settings import Settings

DEPLOY_DIR = "deploy"
NGINX_TEMPLATE = "nginx.conf.template"
PRODUCTION_ENDPOINTS = "endpoints.production.yml"


@dataclass(frozen=True)
class Layout:
    """Where every process of one host listens. nginx takes the usual ports (RASA_PORT, ACTION_PORT,
    WEB_PORT), so the default RASA_URL, ACTION_SERVER_URL and NLG_SERVER_URL reach it."""

    rasa_ports: tuple[int, ...]
    action_ports: tuple[int, ...]
    web_ports: tuple[int, ...]
    rasa_listen: int
    actions_listen: int
    web_listen: int


def default_layout(settings: Settings, rasa: int, actions: int, web: int) -> Layout:
    """Instances on the ports just above nginx's: 5006, 5007 ... for Rasa, 5056 ... for actions."""
    return Layout(
        rasa_ports=tuple(settings.rasa_port + 1 + i for i in range(rasa)),
        action_ports=tuple(settings.action_port + 1 + i for i in range(actions)),
        web_ports=tuple(settings.web_port + 1 + i for i in range(web)),
        rasa_listen=settings.rasa_port,
        actions_listen=settings.action_port,
        web_listen=settings.web_port,
    )


def render_nginx_config(
    template: Path,
    prefix: Path,
    rasa: Sequence[str],
    actions: Sequence[str],
    web: Sequence[str],
    listens: tuple[str, str, str],
) -> str:
    """The nginx configuration for these upstream addresses (host:port); ``listens`` are nginx's
    own addresses for Rasa, the action servers and the web app, in that order."""
    if not (rasa and actions and web):
        raise ValueError("nginx needs at least one Rasa server, one action server and one web app")
    environment = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    return environment.from_string(template.read_text(encoding="utf-8")).render(
        prefix=str(prefix),
        rasa=list(rasa),
        actions=list(actions),
        web=list(web),
        rasa_listen=listens[0],
        actions_listen=listens[1],
        web_listen=listens[2],
    )


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        raise RuntimeError(
            "nginx is not installed: run scripts/install-system-deps.sh (apt-get install nginx)"
        )
    return found


def nginx_command(prefix: Path) -> list[str]:
    conf, errors = prefix / "nginx.conf", prefix / "logs" / "error.log"
    return [nginx_binary(), "-p", str(prefix), "-c", str(conf), "-e", str(errors), "-g", "daemon off;"]


def write_nginx_config(settings: Settings, layout: Layout, prefix: Path) -> Path:
    """Render the template for this host's instances into ``prefix`` and check it with ``nginx -t``."""
    for folder in ("logs", "temp"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    host = settings.host

    def addresses(ports: Sequence[int]) -> list[str]:
        return [f"127.0.0.1:{port}" for port in ports]

    text = render_nginx_config(
        settings.repo_root / DEPLOY_DIR / NGINX_TEMPLATE,
        prefix,
        addresses(layout.rasa_ports),
        addresses(layout.action_ports),
        addresses(layout.web_ports),
        (f"{host}:{layout.rasa_listen}", f"{host}:{layout.actions_listen}", f"{host}:{layout.web_listen}"),
    )
    conf = prefix / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    check = subprocess.run([*nginx_command(prefix)[:-2], "-t", "-q"], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx rejects {conf}: {check.stderr.strip()}")
    return conf


def nginx_process(layout: Layout, prefix: Path) -> ProcessSpec:
    return ProcessSpec("nginx", nginx_command(prefix), f"http://127.0.0.1:{layout.web_listen}/lb-health")


def cluster_processes(
    settings: Settings, layout: Layout, nginx_prefix: Path | None, with_worker: bool = True
) -> list[ProcessSpec]:
    """Every process of one host; nginx (when ``nginx_prefix``) last, once all upstreams answer.
    The worker must run exactly once per deployment (e-mails, erasures, purge)."""
    endpoints = settings.repo_root / DEPLOY_DIR / PRODUCTION_ENDPOINTS
    specs = [action_server(settings, port, f"actions-{i}") for i, port in enumerate(layout.action_ports, 1)]
    # Behind the load balancer: the person's address is the one nginx adds to X-Forwarded-For.
    specs += [
        replace(spec, env={**(spec.env or {}), "SANIC_PROXIES_COUNT": "1"})
        for spec in (web_server(settings, port, f"web-{i}") for i, port in enumerate(layout.web_ports, 1))
    ]
    if with_worker:
        specs.append(worker(settings))
    specs += [
        rasa_server(settings, port, endpoints, f"rasa-{i}") for i, port in enumerate(layout.rasa_ports, 1)
    ]
    if nginx_prefix is not None:
        specs.append(nginx_process(layout, nginx_prefix))
    return specs
