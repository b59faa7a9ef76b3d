"""`python -m bot bench` (`make bench`): load our stack and Rasa's starter alike, write docs/benchmarks.md."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.settings import get_settings

PREAMBLE = """# Benchmarks

`make bench` (bot/bench/, about ten minutes) starts our whole stack (Rasa, action server, web
app for NLG, worker; SQLite files in a temporary folder) and Rasa's own starter assistant
(`rasa init`, its default pipeline and policies with fixed seeds, served by the same Rasa) on
free loopback ports, and plays the same shape of load against both over the REST webhook
(bot/bench/scenarios.yml: FAQ sessions and full pre-screens with contact for ours,
greet/mood/bot-challenge for the starter, conversations of the same lengths), with one, ten and
fifty conversations at once. Each person waits for the reply before typing the next message.
One warm-up conversation of each kind runs first, unmeasured (TensorFlow builds its graphs on
the first predictions). The levels alternate between the two assistants, so drift on a shared
machine hits both alike: compare the ratios. Training time is a forced full training of each
model in the same run (ours into a temporary folder); model load time runs from starting
`rasa run` to its HTTP server answering, which Rasa does only once the model is loaded.
"""


def _bench(args: argparse.Namespace) -> int:
    from bot.bench import report
    from bot.bench.load import LevelPlan
    from bot.bench.run import DEFAULT_PLANS, run_benchmark

    settings = get_settings()
    plans: tuple[LevelPlan, ...] = DEFAULT_PLANS
    if args.quick:  # a smoke run of the whole machinery, not a measurement
        plans = tuple(LevelPlan(p.concurrency, max(3, p.conversations // 10), 120) for p in plans)
    log_dir = settings.repo_root / "results" / "bench" / "logs"
    result = run_benchmark(settings, plans, not args.no_train, log_dir, starter_project=args.starter_project)
    print(report.console(result))
    if not args.quick:
        output = settings.repo_root / "docs" / "benchmarks.md"
        report.write_markdown(result, output, PREAMBLE)
        print(f"\nwrote {output}")
    errors = sum(level.error_count for level in result.ours.levels + result.starter.levels)
    return 1 if errors else 0


def _capacity(args: argparse.Namespace) -> int:
    from bot.bench import capacity

    settings = get_settings()
    log_dir = settings.repo_root / "results" / "capacity" / "logs"
    runs = capacity.measure(args.postgres, args.redis, log_dir, servers=args.servers, levels=args.levels)
    output = settings.repo_root / "docs" / "capacity.md"
    capacity.write_report(runs, output)
    print(f"\nwrote {output}")
    return 1 if any(level.error_count for run in runs for level in run.levels) else 0


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(","))


def register(subparsers: argparse._SubParsersAction) -> None:
    bench = subparsers.add_parser(
        "bench", help="load test ours against Rasa's starter assistant, write docs/benchmarks.md"
    )
    bench.add_argument("--quick", action="store_true", help="a short smoke run; writes no report")
    bench.add_argument("--no-train", action="store_true", help="skip timing a forced training of our model")
    bench.add_argument(
        "--starter-project",
        type=Path,
        help="reuse a trained starter project (a folder with models/starter.tar.gz) instead of training one",
    )
    bench.set_defaults(func=_bench)
    capacity = subparsers.add_parser(
        "capacity", help="conversations a day at p95 under 1 s with 1, 2, 3 Rasa servers -> docs/capacity.md"
    )
    capacity.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    capacity.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    capacity.add_argument("--servers", type=_numbers, default=(1, 2, 3), help="e.g. 1,2,3")
    capacity.add_argument("--levels", type=_numbers, default=(1, 4, 8, 16, 32), help="people at once")
    capacity.set_defaults(func=_capacity)
