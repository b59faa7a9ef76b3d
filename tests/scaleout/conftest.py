"""The scale-out cluster (tests/scaleout/cluster.py), started once for this folder."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator

import pytest

from bot.runtime.scaleout import missing_servers, running_cluster
from tests.conftest import ARTIFACTS, fresh_model_or_fail, real_servers_required
from tests.scaleout.cluster import ScaleoutCluster, server_urls


@pytest.fixture(scope="package")
def scaleout_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaleoutCluster]:
    from bot.settings import load_settings

    postgres_url, redis_url = server_urls()
    missing = missing_servers(postgres_url, redis_url)
    if missing:
        reason = f"scale-out test needs {'; '.join(missing)}"
        if real_servers_required():
            pytest.fail(f"{reason}, and REQUIRE_REAL_SERVERS=1 makes it mandatory", pytrace=False)
        pytest.skip(f"{reason} (.ci/run sets REQUIRE_REAL_SERVERS=1, which makes this a failure)")
    fresh_model_or_fail(load_settings())
    log_dir = ARTIFACTS / "logs" / "scaleout"
    shutil.rmtree(log_dir, ignore_errors=True)
    started = time.monotonic()
    work = tmp_path_factory.mktemp("scaleout")
    with running_cluster(work, log_dir, postgres_url, redis_url, rasa_servers=2) as cluster:
        print(f"\nscale-out cluster ready in {time.monotonic() - started:.0f} s")
        yield ScaleoutCluster(cluster.settings, cluster.layout, cluster.env, cluster.supervisor)
