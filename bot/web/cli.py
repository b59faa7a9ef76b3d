"""``python -m bot web``: serve the web side. Here, not in ``bot.runtime``, so the process runner
never imports the web app (the web app may use the runtime; never the other way round)."""

from __future__ import annotations

import argparse

from bot.settings import get_settings


def _web(_: argparse.Namespace) -> int:
    from bot.web.app import serve

    serve(get_settings())
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    subparsers.add_parser("web", help="serve the web side (chat page, inbox, editor, NLG)").set_defaults(
        func=_web
    )
