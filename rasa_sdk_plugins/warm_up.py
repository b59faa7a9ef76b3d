"""The action server loads what answers need before it takes requests, not during someone's turn.

Our parsers' spaCy pipeline and the criteria file were loaded on first use: the first antibody
answer after a start waited about 4 s. rasa-sdk runs ``before_server_start`` listeners before it
listens, so the supervisor's health check (``/health``) passes only once they are loaded.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pluggy
from sanic import Sanic

hookimpl = pluggy.HookimplMarker("rasa_sdk")  # rasa-sdk's hooks (rasa_sdk.plugin)


def load_everything() -> None:
    from actions import context
    from bot.nlp.pipeline import load_pipeline

    context.criteria()
    context.consent_texts()
    load_pipeline()


async def warm_up(_app: Sanic, _loop: Any) -> None:
    await asyncio.get_running_loop().run_in_executor(None, load_everything)


@hookimpl
def attach_sanic_app_extensions(app: Sanic) -> None:
    """rasa-sdk's hook, called with its app before it starts serving."""
    app.register_listener(warm_up, "before_server_start")
