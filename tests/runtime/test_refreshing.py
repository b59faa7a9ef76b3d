"""Refreshing: the served value stays while a newer one builds in a thread; one build at a time."""

from __future__ import annotations

import threading
from collections.abc import Hashable

import pytest

from bot.runtime.refreshing import Refreshing


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _Builds:
    """Builds "<place>@<version>" from a version the test sets; a build can be held or made to fail."""

    def __init__(self) -> None:
        self.version = 1
        self.calls = 0
        self.release = threading.Event()
        self.release.set()
        self.fail = False

    def __call__(self, place: Hashable) -> str:
        self.calls += 1
        version = self.version
        self.release.wait(5)
        if self.fail:
            raise RuntimeError("bad data")
        return f"{place}@{version}"

    def version_of(self, _place: Hashable) -> int:
        return self.version


@pytest.fixture
def setup() -> tuple[Refreshing[str], _Builds, _Clock]:
    builds, clock = _Builds(), _Clock()
    return Refreshing(builds, name="test", check_every=2.0, clock=clock), builds, clock


def test_first_value_is_built_in_the_caller(setup) -> None:
    refreshing, builds, _ = setup
    assert refreshing.get("a", builds.version_of) == "a@1"
    assert builds.calls == 1


def test_old_value_is_served_while_the_new_one_builds(setup) -> None:
    refreshing, builds, clock = setup
    refreshing.get("a", builds.version_of)
    builds.version, clock.now = 2, 3.0
    builds.release.clear()
    assert refreshing.get("a", builds.version_of) == "a@1"  # returns at once, build held
    assert refreshing.get("a", builds.version_of) == "a@1"
    builds.release.set()
    assert refreshing.wait_idle(5)
    assert refreshing.get("a", builds.version_of) == "a@2"
    assert builds.calls == 2  # one rebuild, though asked twice while it ran


def test_sources_are_not_checked_again_within_the_interval(setup) -> None:
    refreshing, builds, clock = setup
    refreshing.get("a", builds.version_of)
    builds.version, clock.now = 2, 1.0
    assert refreshing.get("a", builds.version_of) == "a@1"
    assert refreshing.wait_idle(5)
    assert builds.calls == 1


def test_a_failed_build_keeps_the_served_value_and_is_not_retried(setup, caplog) -> None:
    refreshing, builds, clock = setup
    refreshing.get("a", builds.version_of)
    builds.version, builds.fail, clock.now = 2, True, 3.0
    refreshing.get("a", builds.version_of)
    assert refreshing.wait_idle(5)
    clock.now = 6.0
    assert refreshing.get("a", builds.version_of) == "a@1"
    assert refreshing.wait_idle(5)
    assert builds.calls == 2
    assert "refresh_failed" in caplog.text
    builds.version, builds.fail, clock.now = 3, False, 9.0  # the next edit is tried
    refreshing.get("a", builds.version_of)
    assert refreshing.wait_idle(5)
    assert refreshing.get("a", builds.version_of) == "a@3"


def test_each_place_has_its_own_value(setup) -> None:
    refreshing, builds, _ = setup
    assert refreshing.get("a", builds.version_of) == "a@1"
    assert refreshing.get("b", builds.version_of) == "b@1"
