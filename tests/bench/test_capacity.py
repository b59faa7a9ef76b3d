"""docs/capacity.md: the busiest level with p95 under one second, per number of Rasa servers."""

from __future__ import annotations

from pathlib import Path

from bot.bench import capacity
from bot.bench.load import LevelResult
from bot.bench.system import Memory

MACHINE = {"CPU model": "test cpu", "CPUs (nproc)": "2", "load average at start (1 min, 5 min)": "0.10, 0.20"}


def _level(concurrency: int, latency: float, conversations: int, wall: float, errors: int = 0) -> LevelResult:
    level = LevelResult(concurrency, latencies=[latency] * 50, conversations=conversations, wall_seconds=wall)
    if errors:
        level.errors["timeout"] = errors
    return level


def _run() -> capacity.DeploymentRun:
    run = capacity.DeploymentRun(servers=2)
    run.levels = [
        _level(1, 0.2, 3, 30.0),  # 0.1 conversations/s
        _level(8, 0.6, 24, 60.0),  # 0.4/s, the best under one second
        _level(16, 0.9, 48, 40.0, errors=1),  # faster, but an error disqualifies it
        _level(32, 2.5, 96, 60.0),  # 1.6/s, but p95 2.5 s
    ]
    run.memory = {"rasa-1": Memory(1300 * 2**20, 0), "rasa-2": Memory(1300 * 2**20, 0)}
    return run


def test_the_best_level_is_the_busiest_one_with_p95_under_a_second_and_no_errors() -> None:
    run = _run()
    best = run.best_within_limit()
    assert best is not None and best.concurrency == 8
    assert round(run.conversations_per_day(best)) == 0.4 * 86_400
    run.levels = run.levels[3:]
    assert run.best_within_limit() is None


def test_the_report_keeps_hand_written_text_and_shows_each_deployment(tmp_path: Path) -> None:
    path = tmp_path / "capacity.md"
    path.write_text(
        f"# Capacity\n\nWritten by hand.\n\n{capacity.MARK_START}\nold\n{capacity.MARK_END}\n\nEnd.\n"
    )
    text = capacity.markdown([_run()], MACHINE)
    assert "| 2 | 8 | 34,560 | 600 | 2,600 |" in text
    assert "| 2 | 16 | 48 | 50 | 900 | 900 | 103,680 | 1 {'timeout': 1} |" in text
    from bot.bench.report import replace_generated

    replace_generated(path, text, capacity.PREAMBLE, capacity.MARK_START, capacity.MARK_END)
    written = path.read_text()
    assert "Written by hand." in written and "End." in written and "old" not in written
    assert written.count(capacity.MARK_START) == 1
