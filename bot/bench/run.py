"""One benchmark run: train and load both assistants, then the same load levels against each."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.bench import stacks
from bot.bench.load import LevelPlan, LevelResult, run_level, warm_up
from bot.bench.scenarios import load_workload
from bot.bench.staff_edit import StaffEditResult, time_new_entry
from bot.bench.system import Memory, describe_machine, memory
from bot.runtime.training import model_path
from bot.settings import Settings

log = logging.getLogger(__name__)

# Conversations per level: about 3 each for one person, then enough to hold the level for a while.
DEFAULT_PLANS = (
    LevelPlan(concurrency=1, conversations=6, deadline_seconds=180),
    LevelPlan(concurrency=20, conversations=60, deadline_seconds=240),
    LevelPlan(concurrency=50, conversations=100, deadline_seconds=300),
)


@dataclass
class AssistantRun:
    name: str
    train_seconds: float | None = None
    train_note: str = ""
    load_seconds: float = 0.0
    levels: list[LevelResult] = field(default_factory=list)
    memory: dict[str, Memory] = field(default_factory=dict)
    staff_edit: StaffEditResult | None = None  # ours only: a new FAQ entry answered, without a retrain


@dataclass
class BenchResult:
    machine: dict[str, str]
    ours: AssistantRun
    starter: AssistantRun


def _play(stack: stacks.Stack, assistant: str, plan: LevelPlan) -> LevelResult:
    workload = load_workload(assistant)
    result = asyncio.run(run_level(stack.rasa_url, workload, plan, f"{assistant}-c{plan.concurrency}"))
    print(
        f"  {assistant:<8} {plan.concurrency:>3} at once: {result.messages} messages in "
        f"{result.wall_seconds:.1f} s, p50 {result.percentile(0.5) * 1000:.0f} ms, "
        f"errors {result.error_count}",
        flush=True,
    )
    return result


def _warm(stack: stacks.Stack, assistant: str) -> None:
    warm = asyncio.run(warm_up(stack.rasa_url, load_workload(assistant)))
    if warm.error_count:
        raise RuntimeError(f"{assistant}: the warm-up conversations failed: {warm.first_error}")


def run_benchmark(
    settings: Settings,
    plans: Sequence[LevelPlan],
    time_training: bool,
    log_dir: Path,
    starter_project: Path | None = None,
) -> BenchResult:
    """Sequential on purpose: on two cores, nothing else of ours runs while something is measured."""
    if not model_path(settings).exists():
        raise RuntimeError(f"{model_path(settings)} is missing: run `make model` first")
    ours, starter = AssistantRun("ours"), AssistantRun("starter")
    machine = describe_machine()
    with tempfile.TemporaryDirectory(prefix="catr-bench-") as tmp:
        work = Path(tmp)
        project = starter_project or work / "starter"
        if starter_project is None:
            print("Training Rasa's starter assistant (rasa init project, fixed seeds) ...", flush=True)
            stacks.create_starter(project)
            starter.train_seconds = stacks.train_starter(settings, project)
            starter.train_note = "forced full training of the `rasa init` project"
        else:
            starter.train_note = f"not measured (reused {starter_project})"
        if time_training:
            print("Training our assistant (forced, into a temporary folder) ...", flush=True)
            ours.train_seconds = stacks.train_ours(settings, work / "models")
            ours.train_note = "forced full training into a temporary folder (models/ untouched)"
        else:
            ours.train_note = "not measured (--no-train)"
        print("Starting both assistants (each loads while the other is idle) ...", flush=True)
        with (
            stacks.starter_stack(settings, project, log_dir) as starter_stack,
            stacks.our_stack(work / "ours", log_dir) as our_stack,
        ):
            runs = ((starter_stack, "starter", starter), (our_stack, "ours", ours))
            for stack, assistant, run in runs:
                run.load_seconds = stack.load_seconds
                _warm(stack, assistant)
            for plan in plans:  # interleaved, so that drift on a shared machine hits both alike
                for stack, assistant, run in runs:
                    run.levels.append(_play(stack, assistant, plan))
            for stack, _, run in runs:
                run.memory = {name: memory(pid) for name, pid in stack.pids.items()}
            if our_stack.settings is not None:  # after the memory reading: a refit is not steady state
                print("Saving a new FAQ entry as the editor does, then asking for it ...", flush=True)
                ours.staff_edit = time_new_entry(our_stack.settings)
    return BenchResult(machine, ours, starter)
