"""Reading a JSON request body, for every server that takes one (the chat, Rasa's HTTP API, the
action server): a body that is not what the server reads is refused with a sentence saying what
is expected, so the server answers a 400 instead of failing on it with a 500.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

# JSON types as Python reads them, with the words a developer knows them by.
TEXT, OBJECT, LIST = (str,), (dict,), (list,)
NUMBER = (int, float)
_NAMES = {str: "text", dict: "an object", list: "a list", int: "a number", float: "a number"}


class BadRequest(ValueError):
    """The request is not what the server takes; the message says what is expected."""


def parse_json(raw: bytes) -> object:
    """The JSON in a body; ``BadRequest`` for anything else (invalid UTF-8 and absurd nesting too)."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise BadRequest("The request body must be JSON (UTF-8).") from error


def _is(value: object, types: tuple[type, ...]) -> bool:
    return isinstance(value, types) and not isinstance(value, bool)  # JSON true is not a number


def _names(types: tuple[type, ...]) -> str:
    return " or ".join(dict.fromkeys(_NAMES[kind] for kind in types))


def check_fields(
    body: object,
    required: Mapping[str, tuple[type, ...]],
    optional: Mapping[str, tuple[type, ...]] | None = None,
) -> None:
    """An object with every ``required`` field (not empty) and each ``optional`` one null or of its type."""
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object.")
    for name, types in required.items():
        if not _is(body.get(name), types) or body[name] in ("", {}):
            raise BadRequest(f"'{name}' must be {_names(types)}, and is required.")
    for name, types in (optional or {}).items():
        if body.get(name) is not None and not _is(body[name], types):
            raise BadRequest(f"'{name}' must be {_names(types)} when given.")
