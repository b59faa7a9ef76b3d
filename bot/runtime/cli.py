"""Subcommands to build, train and run the product."""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
from pathlib import Path

from bot.settings import get_settings

log = logging.getLogger(__name__)


def _build(_: argparse.Namespace) -> int:
    from bot.runtime.build import prepare

    for path in prepare(get_settings()):
        print(f"generated {path}")
    return 0


def _train(args: argparse.Namespace) -> int:
    from bot.runtime.build import prepare
    from bot.runtime.training import train

    settings = get_settings()
    prepare(settings)
    print(f"model: {train(settings, force=args.force)}")
    return 0


def _run(_: argparse.Namespace) -> int:
    from bot.runtime.processes import all_processes, prepare_data
    from bot.runtime.restarts import STATUS_FILE
    from bot.runtime.secrets import with_rasa_token
    from bot.runtime.supervisor import Supervisor

    # Build and train in a child process: importing Rasa here (TensorFlow, spaCy, SciPy) would keep
    # about 500 MiB in the supervisor, which only starts and watches the others.
    trained = subprocess.run([sys.executable, "-m", "bot", "train"], check=False)
    if trained.returncode != 0:
        log.error("event=train_failed returncode=%s", trained.returncode)
        return trained.returncode
    settings = with_rasa_token(get_settings())
    prepare_data(settings)
    supervisor = Supervisor(settings, all_processes(settings), status_path=settings.data_dir / STATUS_FILE)
    supervisor.start()
    print(
        f"\nCATR-PAT assistant is running:\n"
        f"  chat page and web side  {settings.public_base_url}/\n"
        f"  Rasa REST channel       {settings.rasa_url}/webhooks/rest/webhook\n"
        f"  action server           http://127.0.0.1:{settings.action_port}/health\n"
        f"A process that fails is restarted; `python -m bot status` shows each one.\n"
        f"Press Ctrl-C to stop everything.\n",
        flush=True,
    )
    return supervisor.wait()


def _evaluate(args: argparse.Namespace) -> int:
    from bot.runtime.evaluate import evaluate

    return evaluate(get_settings(), report=args.report, served=not args.skip_served)


def _worker(_: argparse.Namespace) -> int:
    import asyncio

    from bot.runtime.worker import run_worker

    asyncio.run(run_worker(get_settings()))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    subparsers.add_parser("build", help="build the spaCy pipeline and generated training data").set_defaults(
        func=_build
    )
    train = subparsers.add_parser("train", help="train the Rasa model if its inputs changed")
    train.add_argument("--force", action="store_true", help="train even if nothing changed")
    train.set_defaults(func=_train)
    subparsers.add_parser("run", help="start every process in the foreground").set_defaults(func=_run)
    evaluate = subparsers.add_parser(
        "evaluate", help="held-out NLU/FAQ scores with floors, conversation tests"
    )
    evaluate.add_argument(
        "--report", type=Path, help="also write the report there (make evaluate: docs/evaluation.md)"
    )
    evaluate.add_argument(
        "--skip-served",
        action="store_true",
        help="leave out the figures measured on a running stack (make test: pytest enforces them there)",
    )
    evaluate.set_defaults(func=_evaluate)
    subparsers.add_parser("worker", help="coordinator emails, erasures, daily purge").set_defaults(
        func=_worker
    )
