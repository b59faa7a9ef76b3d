"""Our additions to the action server, found by name: rasa-sdk (3.6+) imports a package called
``rasa_sdk_plugins`` when it starts, if one is on the path, and calls its ``init_hooks``
(https://rasa.com/docs/rasa/action-server/sanic-extensions). So ``python -m rasa_sdk --actions
actions`` runs exactly as documented, with our request check (``request_check.py``) in front and
what answers need loaded before it listens (``warm_up.py``)."""

from __future__ import annotations

import pluggy


def init_hooks(manager: pluggy.PluginManager) -> None:
    from rasa_sdk_plugins import request_check, warm_up

    manager.register(request_check)
    manager.register(warm_up)
