"""A scale-out deployment on this host, made for one run and removed after it: N Rasa servers, an
action server and the web app behind nginx (deploy/nginx.conf.template), sharing a PostgreSQL
tracker store and leads database and a Redis lock store. The scale-out test and `make capacity`
both start it here, so there is one way to do it."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import redis
from sqlalchemy.engine import make_url

from bot.runtime.cluster import Layout, cluster_processes, nginx_binary, write_nginx_config
from bot.runtime.sandbox import Supervisor, free_port, isolated_env, running
from bot.settings import Settings, load_settings, scoped_environment


def missing_servers(postgres_url: str, redis_url: str) -> list[str]:
    """What a cluster needs and cannot reach, in words for a skip or failure message."""
    problems = []
    shown = make_url(postgres_url).render_as_string(hide_password=True)
    try:
        psycopg2.connect(postgres_url, connect_timeout=3).close()
    except psycopg2.Error as error:
        problems.append(f"PostgreSQL at {shown} ({str(error).strip().splitlines()[0]})")
    try:
        redis.Redis.from_url(redis_url, socket_timeout=3, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        problems.append(f"Redis at {redis_url} ({error})")
    try:
        nginx_binary()
    except RuntimeError as error:
        problems.append(str(error))
    return problems


@contextlib.contextmanager
def scratch_databases(postgres_url: str, *purposes: str) -> Iterator[dict[str, str]]:
    """One fresh database per purpose (catr_scaleout_<run>_<purpose>), dropped afterwards."""
    run = uuid.uuid4().hex[:10]
    names = {purpose: f"catr_scaleout_{run}_{purpose}" for purpose in purposes}
    admin = psycopg2.connect(postgres_url, connect_timeout=5)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            for name in names.values():
                cursor.execute(f'CREATE DATABASE "{name}"')
        base = make_url(postgres_url)
        yield {purpose: base.set(database=name).render_as_string(False) for purpose, name in names.items()}
    finally:
        with admin.cursor() as cursor:
            for name in names.values():
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextlib.contextmanager
def scratch_lock_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix of its own (Rasa wants letters and digits), and its keys deleted afterwards."""
    prefix = f"catrscaleout{uuid.uuid4().hex[:10]}"
    try:
        yield prefix
    finally:
        client = redis.Redis.from_url(redis_url, socket_timeout=5)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
        client.close()


@dataclass
class Cluster:
    settings: Settings
    layout: Layout
    env: dict[str, str]
    supervisor: Supervisor

    @property
    def rasa_url(self) -> str:
        """Through nginx, as the web app and the widget reach Rasa."""
        return f"http://127.0.0.1:{self.layout.rasa_listen}"

    def instance_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.layout.rasa_ports]

    def pids(self) -> dict[str, int]:
        return {name: process.pid for name, process in self.supervisor.processes.items()}


@contextlib.contextmanager
def running_cluster(
    work: Path, log_dir: Path, postgres_url: str, redis_url: str, rasa_servers: int = 2
) -> Iterator[Cluster]:
    """The whole cluster with scratch databases and a scratch lock prefix; everything removed after."""
    with (
        scratch_databases(postgres_url, "tracker", "leads") as database_urls,
        scratch_lock_prefix(redis_url) as lock_prefix,
    ):
        layout = Layout(
            rasa_ports=tuple(free_port() for _ in range(rasa_servers)),
            action_ports=(free_port(),),
            web_ports=(free_port(),),
            rasa_listen=free_port(),
            actions_listen=free_port(),
            web_listen=free_port(),
        )
        env = isolated_env(
            work,
            copy_content=False,
            ports=(layout.rasa_listen, layout.actions_listen, layout.web_listen),
            DATABASE_URL=database_urls["leads"],
            TRACKER_DATABASE_URL=database_urls["tracker"],
            TRACKER_DB=str(work / "data" / "unused-tracker.db"),
            LOCK_STORE_URL=redis_url,
            LOCK_STORE_KEY_PREFIX=lock_prefix,
            RASA_AUTH_TOKEN=uuid.uuid4().hex,
        )
        with contextlib.ExitStack() as stack:
            with scoped_environment(env):  # the processes read it at start; the caller runs without it
                settings = load_settings()
                write_nginx_config(settings, layout, work / "nginx")
                specs = cluster_processes(settings, layout, work / "nginx", with_worker=False)
                supervisor = stack.enter_context(running(settings, specs, log_dir))
            yield Cluster(settings, layout, env, supervisor)
