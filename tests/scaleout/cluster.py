"""A real scale-out deployment for a test: two Rasa servers, an action server and the web app
behind nginx (deploy/nginx.conf.template, rendered by bot/runtime/cluster.py), sharing a
PostgreSQL tracker store and leads database and a Redis lock store, all created for this run
and removed after it."""

from __future__ import annotations

import contextlib
import json
import os
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import redis
from sqlalchemy.engine import make_url

from bot.runtime.cluster import Layout, cluster_processes, nginx_binary, write_nginx_config
from bot.runtime.rest_chat import Conversation
from bot.runtime.sandbox import free_port, isolated_env, running
from bot.settings import Settings, load_settings, scoped_environment

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def server_urls() -> tuple[str, str]:
    """PostgreSQL and Redis as .ci/run sets them, else the machine's own (README: 127.0.0.1)."""
    postgres = os.environ.get("TEST_DATABASE_URL", "").strip() or DEFAULT_POSTGRES_URL
    redis_url = os.environ.get("TEST_REDIS_URL", "").strip() or DEFAULT_REDIS_URL
    return postgres, redis_url


def missing_servers(postgres_url: str, redis_url: str) -> list[str]:
    """What this test needs and cannot reach, in words for the skip or failure message."""
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


@dataclass(frozen=True)
class Reply:
    texts: list[str]
    upstream: str  # which Rasa server nginx chose (its X-Upstream header)

    @property
    def text(self) -> str:
        return "\n".join(self.texts).lower()


@dataclass
class ScaleoutCluster:
    settings: Settings
    layout: Layout
    env: dict[str, str]

    @property
    def rasa_url(self) -> str:
        """Through nginx, as the web app and the widget reach Rasa."""
        return f"http://127.0.0.1:{self.layout.rasa_listen}"

    def instance_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.layout.rasa_ports]

    def say(self, sender: str, message: str, timeout: float = 60.0) -> Reply:
        conversation = Conversation(self.rasa_url, sender, timeout=timeout)
        texts = conversation.texts(message)
        return Reply(texts, conversation.headers.get("X-Upstream", ""))

    def tracker(self, sender: str, base_url: str | None = None) -> dict:
        """The conversation as a Rasa server sees it (its HTTP API, with the token)."""
        token = self.settings.rasa_auth_token
        url = f"{base_url or self.rasa_url}/conversations/{sender}/tracker?token={token}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())


@contextlib.contextmanager
def running_cluster(
    work: Path, log_dir: Path, database_urls: dict[str, str], redis_url: str, lock_prefix: str
) -> Iterator[ScaleoutCluster]:
    rasa_listen, actions_listen, web_listen = free_port(), free_port(), free_port()
    layout = Layout(
        rasa_ports=(free_port(), free_port()),
        action_ports=(free_port(),),
        web_ports=(free_port(),),
        rasa_listen=rasa_listen,
        actions_listen=actions_listen,
        web_listen=web_listen,
    )
    env = isolated_env(
        work,
        copy_content=False,
        ports=(rasa_listen, actions_listen, web_listen),
        DATABASE_URL=database_urls["leads"],
        TRACKER_DATABASE_URL=database_urls["tracker"],
        TRACKER_DB=str(work / "data" / "unused-tracker.db"),
        LOCK_STORE_URL=redis_url,
        LOCK_STORE_KEY_PREFIX=lock_prefix,
        RASA_AUTH_TOKEN=uuid.uuid4().hex,
    )
    with contextlib.ExitStack() as stack:
        with scoped_environment(env):  # the processes read it at start; the tests run without it
            settings = load_settings()
            write_nginx_config(settings, layout, work / "nginx")
            specs = cluster_processes(settings, layout, work / "nginx", with_worker=False)
            stack.enter_context(running(settings, specs, log_dir))
        yield ScaleoutCluster(settings, layout, env)
