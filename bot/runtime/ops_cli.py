"""`python -m bot status` (what each process of `make run` or `cluster` is doing) and
`python -m bot systemd-units` (unit files for running it under systemd instead, docs/deploy.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.settings import get_settings


def _status(args: argparse.Namespace) -> int:
    from bot.runtime.restarts import describe, read_status

    status = read_status(get_settings().data_dir)
    if status is None:
        print(
            "No supervisor has run here: start it with `make run` (or `python -m bot run`).", file=sys.stderr
        )
        return 1
    if args.json:
        print(json.dumps(status, indent=1))
    else:
        for state in status["processes"].values():
            print(describe(state))
    return 0 if all(state["state"] == "up" for state in status["processes"].values()) else 3


def _systemd_units(args: argparse.Namespace) -> int:
    from bot.runtime.systemd import systemd_units

    settings = get_settings()
    python = args.python or settings.repo_root / ".venv" / "bin" / "python"
    units = systemd_units(settings, python.absolute(), user=args.user)
    if args.out is None:
        for name, text in units.items():
            sys.stdout.write(f"# --- {name}\n{text}\n")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in units.items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / name}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    status = subparsers.add_parser("status", help="each process: up, restarting (with count), down")
    status.add_argument("--json", action="store_true", help="the whole status document")
    status.set_defaults(func=_status)
    units = subparsers.add_parser("systemd-units", help="systemd unit files for one server (docs/deploy.md)")
    units.add_argument("--out", type=Path, help="write the files there (e.g. /etc/systemd/system)")
    units.add_argument("--user", default="catr", help="the dedicated user the services run as")
    units.add_argument(
        "--python", type=Path, help="the virtual environment's python (default .venv/bin/python)"
    )
    units.set_defaults(func=_systemd_units)
