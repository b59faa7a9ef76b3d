"""Command line entry point: each area registers its own subcommands.

Usage: ``python -m bot <command> ...``; ``python -m bot --help`` lists them.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

# Each module defines ``register(subparsers)`` adding its subcommands; every subcommand
# sets ``func`` (taking the parsed namespace, returning an exit code) with ``set_defaults``.
COMMAND_MODULES: tuple[str, ...] = (
    "bot.runtime.cli",
    "bot.web.cli",
    "bot.content.cli",
    "bot.leads.cli",
    "bot.storage.cli",
    "bot.users.cli",
    "bot.runtime.cluster_cli",
    "bot.runtime.ops_cli",
    "bot.bench.cli",
    "bot.safety.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="CATR-PAT trial assistant")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from bot.logging_setup import configure_logging

    configure_logging()
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a clear one-line message for people, the trace for developers
        logging.getLogger("bot.cli").debug("event=command_failed", exc_info=True)
        print(f"error: {error}", file=sys.stderr)
        return 1
