"""The benchmark's own arithmetic and scripts, without any server."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bot.bench.load import LevelResult, percentile
from bot.bench.scenarios import load_workload


def test_percentile_interpolates_between_ranks_like_numpy() -> None:
    values = [0.1, 0.2, 0.3, 0.4]
    assert percentile(values, 0.5) == pytest.approx(0.25)
    assert percentile(values, 0.0) == 0.1 and percentile(values, 1.0) == 0.4
    assert percentile([0.3], 0.99) == 0.3
    assert math.isnan(percentile([], 0.5))


def test_throughput_counts_answered_messages_per_second_of_wall_time() -> None:
    result = LevelResult(concurrency=10, latencies=[0.1] * 50, wall_seconds=2.0)
    assert result.throughput == 25.0 and result.messages == 50


@pytest.mark.parametrize("assistant", ["ours", "starter"])
def test_both_workloads_load_and_every_step_is_text(assistant: str) -> None:
    workload = load_workload(assistant)
    assert len(workload.mix) == 3
    for script in workload.mix:
        assert all(isinstance(step.text, str) and step.text for step in script.steps)


def test_both_workloads_have_the_same_shape() -> None:
    """Same number of messages per conversation, position by position in the mix."""
    ours, starter = load_workload("ours"), load_workload("starter")
    assert [len(s.steps) for s in ours.mix] == [len(s.steps) for s in starter.mix]


def test_our_prescreen_ends_with_the_contact_handed_over() -> None:
    prescreen = load_workload("ours").script(0)
    assert prescreen.name == "prescreen" and prescreen.steps[-1].expect == "passed your details"


def test_a_yaml_boolean_step_is_reported_with_file_and_place(tmp_path: Path) -> None:
    broken = tmp_path / "scenarios.yml"
    broken.write_text("ours:\n  mix: [a]\n  conversations:\n    a: [hello, no]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"ours\.a\[1\]"):
        load_workload("ours", broken)
